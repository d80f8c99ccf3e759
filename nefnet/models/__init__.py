"""The papers' models, one per file with its dataclass config beside it.

Used in: notebooks/03_nefnet_v1, notebooks/04_nefnet_v2, notebooks/05_three_stage
"""

from .dipole_lsq import DipoleLSQModel
from .encoding import AngleEmbedding, AngleOffsets, AngularEncoding
from .nefnet_v1 import NefNetV1, NefNetV1Config
from .nefnet_v2 import NefNetV2, NefNetV2Config

__all__ = ["AngularEncoding", "AngleEmbedding", "AngleOffsets", "DipoleLSQModel", "NefNetV1",
           "NefNetV1Config", "NefNetV2",
           "NefNetV2Config"]
