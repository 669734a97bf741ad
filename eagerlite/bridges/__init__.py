"""Cross-framework bridges: move tensors (``convert``) and call functions
(``bridge``) across NumPy, PyTorch, TensorFlow and JAX.

Nothing here imports a framework until a tensor of it is converted.
"""

from __future__ import annotations

from ._function import Bridged, bridge
from ._transfer import FRAMEWORKS, Framework, convert, framework_name

__all__ = ["FRAMEWORKS", "Bridged", "Framework", "bridge", "convert", "framework_name"]
