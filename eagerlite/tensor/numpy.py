"""``NumPyTensor`` wraps ``numpy.ndarray`` (EagerPy's module path)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._core import loading
from .tensor import Tensor

if TYPE_CHECKING:
    import numpy as np

_ndarray: type = type(None)  # numpy.ndarray, once bound
_as_array: Any = None


class NumPyTensor(Tensor["np.ndarray[Any, Any]"]):
    """A ``numpy.ndarray`` (NumPy scalars become 0-d arrays, so ``.raw`` is always an array)."""

    __slots__ = ()
    framework = "numpy"
    raw: np.ndarray[Any, Any]

    if TYPE_CHECKING:

        @property
        def dtype(self) -> np.dtype[Any]: ...
        @property
        def device(self) -> str: ...

    def __init__(self, raw: np.ndarray[Any, Any]) -> None:
        # NumPy returns scalars, not 0-d arrays, from ops on 0-d arrays; keep .raw an array.
        self.raw = raw if type(raw) is _ndarray else _as_array(raw)

    @classmethod
    def _bind(cls, loaded: loading.Loaded) -> None:
        global _ndarray, _as_array
        _ndarray, _as_array = loaded.hooks.ARRAY, loaded.hooks.as_array
        super()._bind(loaded)


__all__ = ["NumPyTensor"]
