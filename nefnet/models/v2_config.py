"""NEF-NET v2's configuration: widths, the paper's and the code's choices, our additions and
the ablation switches — one frozen dataclass, with the named presets and variants."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..normalization import check_mode
from .variants import DEPLOYABLE, EPSILON_DEG, VARIANTS

ATTENTIONS = ("gaa", "mean", "content")


@dataclass(frozen=True)
class NefNetV2Config:
    channels: int = 128  # feature channels c
    angle_dim: int = 128  # angle-embedding size d (and d′ of the GAA projections)
    res_blocks: int = 3  # BasicBlocks in the View Encoder
    geovt_layers: int = 4  # view-transformation blocks L
    kernel: int = 7  # BasicBlock kernel
    dropout: float = 0.2
    film: bool = True  # FiLM query conditioning (paper) or concat + 1×1 (code)
    jitter_deg: float = EPSILON_DEG  # training-time angle perturbation
    max_offset_deg: float = 30.0  # bound of the learnable (dθ, dφ)
    output: str = "sigmoid"  # "sigmoid": sigmoid(y/3) as the code; "linear" for inputs
    # normalised by the recorded views only (targets may leave [0, 1])
    pair_film: bool = False  # our addition: FiLM from the (query, recorded-view) pair of
    # embeddings instead of the query alone (see QueryConditioning)
    lead_path: bool = False  # our addition (not in the paper): a signed, angle-weighted sum
    # of the recorded signals added to the output (see LeadPath)
    lead_prior: bool = False  # our addition: the lead path also sees the dipole-LSQ weight of
    # each (query, recorded view) pair (see LeadPath)
    normalize: str = "all"  # input scaling it is trained with (nefnet.normalization):
    # "all" as the papers, "recorded" or "range" (deployable)
    attention: str = "gaa"  # ablations: "gaa" (Geometric Angular Attention), "mean" (every
    # recorded view weighted alike: an averaged encoder–decoder) or "content" (plain attention:
    # keys from the views' features, not their angles)
    embedding: str = "learned"  # ablation: "learned" Angle Embedding, or "fixed" (the Angular
    # Encoding through a projection that is never trained)

    def __post_init__(self):
        check_mode(self.normalize)
        if self.attention not in ATTENTIONS:
            raise ValueError(f"attention must be one of {ATTENTIONS}, got {self.attention!r}")
        if self.embedding not in ("learned", "fixed"):
            raise ValueError(f"embedding must be 'learned' or 'fixed', got {self.embedding!r}")

    @classmethod
    def preset(cls, name: str) -> NefNetV2Config:
        """The paper's configuration at a width: ``paper`` (the authors'), ``book`` or ``smoke``."""
        presets = {
            "paper": cls(),
            "book": cls(channels=32, angle_dim=32, res_blocks=2),
            "book-c64": cls(channels=64, angle_dim=64, res_blocks=2),
            "smoke": cls(channels=16, angle_dim=16, res_blocks=1, geovt_layers=2),
        }
        if name not in presets:
            raise ValueError(f"unknown preset {name!r}; expected one of {sorted(presets)}")
        return presets[name]

    @classmethod
    def variant(cls, name: str, preset: str = "book") -> NefNetV2Config:
        """A named model variant (:data:`~nefnet.models.variants.VARIANTS`) at a preset's
        width: the deployable base (:data:`~nefnet.models.variants.DEPLOYABLE`) with the variant's
        switches. The CLI, the chapters and the
        investigation script all build their models here."""
        if name not in VARIANTS:
            raise ValueError(f"unknown model variant {name!r}; expected one of {sorted(VARIANTS)}")
        return replace(cls.preset(preset), **{**DEPLOYABLE, **VARIANTS[name][1]})
