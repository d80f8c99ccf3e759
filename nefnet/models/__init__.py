"""The papers' models and the deep baselines their Table 2 compares, one per file with its
dataclass config beside it; variants and ablations are configuration switches
(``NefNetV2Config.variant``), never forks."""

from .dipole_lsq import DipoleLSQModel
from .encoding import AngleEmbedding, AngleOffsets, AngularEncoding, CalibratableAngles
from .nefnet_v1 import NefNetV1, NefNetV1Config
from .nefnet_v2 import NefNetV2, NefNetV2Config
from .variants import VARIANT_LABELS, VARIANTS

__all__ = [
    "AngularEncoding",
    "AngleEmbedding",
    "AngleOffsets",
    "CalibratableAngles",
    "DipoleLSQModel",
    "NefNetV1",
    "NefNetV1Config",
    "NefNetV2",
    "NefNetV2Config",
    "VARIANTS",
    "VARIANT_LABELS",
]
