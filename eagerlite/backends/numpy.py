"""The NumPy backend: ``NumPyTensor`` wraps ``numpy.ndarray``.

Importing this module imports no framework, not even NumPy: ``bind()`` does, the first
time a NumPy array is seen (see ``eagerlite.backends``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from .._autodiff import LossFn
from .._support import GradientNotSupportedError, as_shape
from ..types import AxisAxes, ShapeOrScalar
from ._numpylike import NumPyLikeTensor, finish_numpy_like

if TYPE_CHECKING:
    import numpy as np

_ndarray: type  # numpy.ndarray, bound by bind()


def _itself(raw: Any) -> Any:
    return raw  # stop_gradient: NumPy has no gradients to stop


def _no_autodiff() -> GradientNotSupportedError:
    return GradientNotSupportedError(
        "NumPy has no automatic differentiation: value_and_grad and friends work on "
        "PyTorch, TensorFlow and JAX tensors (convert with ep.astensor of a torch, tf or "
        "jax array)"
    )


def _generator(key: Any) -> Any:
    """NumPy's global generator, or a fresh one seeded with ``key``."""
    return np.random if key is None else np.random.default_rng(int(key))


class NumPyTensor(NumPyLikeTensor):
    """A ``numpy.ndarray`` (NumPy scalars become 0-d arrays, so ``.raw`` is always an array)."""

    __slots__ = ()
    framework = "numpy"
    _mutable = True
    raw: np.ndarray[Any, Any]

    def __init__(self, raw: np.ndarray[Any, Any]) -> None:
        # NumPy returns scalars, not 0-d arrays, from ops on 0-d arrays; keep .raw an array.
        self.raw = raw if type(raw) is _ndarray else np.asarray(raw)

    def numpy(self) -> np.ndarray[Any, Any]:
        a = self.raw.view()
        a.flags.writeable = False
        return a

    @property
    def device(self) -> str:
        return "cpu"

    def to_device(self, device: Any, /, *, stream: Any = None) -> Self:
        if str(device).lower() != "cpu":
            raise ValueError(f"NumPy arrays live on the CPU only; cannot move one to {device!r}")
        return self

    def topk(self, k: int, sorted: bool = True) -> tuple[Self, Self]:
        raw = self.raw
        if k == 0:  # (argpartition takes no k of 0)
            return type(self)(raw[..., :0]), type(self)(np.zeros((*raw.shape[:-1], 0), np.intp))
        idx = np.argpartition(raw, raw.shape[-1] - k, axis=-1)[..., -k:]
        if sorted:
            order = np.flip(np.argsort(np.take_along_axis(raw, idx, axis=-1), axis=-1), axis=-1)
            idx = np.take_along_axis(idx, order, axis=-1)
        return type(self)(np.take_along_axis(raw, idx, axis=-1)), type(self)(idx)

    def uniform(
        self, shape: ShapeOrScalar, low: float = 0.0, high: float = 1.0, *, key: Any = None
    ) -> Self:
        return self._random_result(_generator(key).uniform(low, high, size=as_shape(shape)))

    def normal(
        self, shape: ShapeOrScalar, mean: float = 0.0, stddev: float = 1.0, *, key: Any = None
    ) -> Self:
        return self._random_result(_generator(key).normal(mean, stddev, size=as_shape(shape)))

    def _l2_norm(self, axis: AxisAxes | None, keepdims: bool) -> Self:
        # No gradients in NumPy, so the plain formula (no guard at zero) is enough.
        return type(self)(np.sqrt(self._reductions["sum"](np.square(self.raw), axis, keepdims)))

    @classmethod
    def _check_autodiff(cls) -> None:
        raise _no_autodiff()

    @classmethod
    def _gradients(cls, fn: LossFn, xs: list[Self]) -> tuple[Self, Any, list[Self]]:
        raise _no_autodiff()


def bind() -> None:
    """Import NumPy and finish ``NumPyTensor`` (done once, by ``eagerlite.astensor``)."""
    global np, _ndarray
    import numpy as np

    _ndarray = np.ndarray
    finish_numpy_like(NumPyTensor, np, {"stop_gradient": _itself})
