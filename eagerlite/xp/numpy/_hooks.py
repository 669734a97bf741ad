"""What ``NumPyTensor`` needs of NumPy beyond the namespace: devices (the CPU), values,
indexing, random numbers; NumPy has no autodiff (``value_and_grad`` is None)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..._core.checks import as_shape
from ..._core.dtypes import NAMES

namespace: Any = None  # the native namespace (set by the subpackage)

ARRAY = np.ndarray
DTYPES: dict[str, Any] = {n: np.dtype(n) for n in NAMES if n != "bfloat16"}
try:  # NumPy's bfloat16 comes from ml_dtypes (installed with JAX and TensorFlow)
    import ml_dtypes

    DTYPES["bfloat16"] = np.dtype(ml_dtypes.bfloat16)
except ImportError:  # pragma: no cover - then NumPy tensors have no bfloat16
    pass
DEVICE_ERRORS: tuple[type[Exception], ...] = ()
SHARES_NUMPY_MEMORY = True  # (np.asarray(t, copy=False) can be had)
value_and_grad = None  # (no autodiff)
vjp = None
jvp = None
custom_vjp = None  # (no derivatives: the function runs as it is)
jit = None  # (no compiler: ep.jit runs the function as it is)
cond = switch = while_loop = scan = None  # (never traced: eagerlite's Python control flow)


PURE_BRANCHES = False


def is_traced(raw: Any) -> bool:
    return False


def vmap(
    fn: Callable[[list[Any]], list[Any]], raws: list[Any], axes: list[Any], size: int
) -> list[Any]:
    """``fn`` of one example for each index along ``axes`` of ``raws``, the results stacked
    (NumPy has no vectorising map: a loop)."""
    if size == 0:
        raise ValueError(
            "vmap over an axis of size 0 on NumPy: the loop that maps a NumPy function "
            "cannot tell the shapes of no results"
        )
    results = [
        fn([r if a is None else np.take(r, i, axis=a) for r, a in zip(raws, axes, strict=True)])
        for i in range(size)
    ]
    return [np.stack(column) for column in zip(*results, strict=True)]


def bind(cls: type, base: type) -> None:
    """Nothing to teach NumPy about eagerlite's classes."""


def as_array(raw: Any) -> Any:
    """NumPy returns scalars, not 0-d arrays, from operations on 0-d arrays: arrays again."""
    return np.asarray(raw)


def device(raw: Any, owner: Any) -> str:
    return "cpu"


def to_device(raw: Any, device: Any, owner: Any) -> Any:
    if str(device).lower() != "cpu":
        raise ValueError(f"NumPy arrays live on the CPU only; cannot move one to {device!r}")
    return raw


def to_numpy(raw: Any, owner: Any) -> Any:
    a = raw.view()
    a.flags.writeable = False
    return a


def item(raw: Any, owner: Any) -> Any:
    return raw.item()


def truth(raw: Any, owner: Any) -> bool:
    return bool(raw)


def extremes(raw: Any) -> tuple[int, int] | None:
    """The smallest and largest value of a non-empty integer array (None for others)."""
    if not raw.size or raw.dtype.kind not in "iu":
        return None
    return int(raw.min()), int(raw.max())


def index_part(raw: Any, part: Any) -> Any:
    return part


def check_index(raw: Any, index: Any) -> Any:
    return index


def getitem(raw: Any, index: Any) -> Any:
    return raw[index]


def setitem(raw: Any, index: Any, value: Any) -> Any:
    raw[index] = value  # (in place: NumPy arrays are mutable)
    return raw


def placement(raw: Any, like: bool) -> dict[str, Any]:
    return {}


def _generator(key: Any) -> Any:
    """NumPy's global generator, or a fresh one seeded with ``key``."""
    return np.random if key is None else np.random.default_rng(int(key))


def _random_result(raw: Any, out: Any) -> Any:
    """Random floats cast to ``raw``'s dtype if it is floating point."""
    return out.astype(raw.dtype) if raw.dtype.kind == "f" else out


def uniform(raw: Any, shape: Any, low: float, high: float, key: Any) -> Any:
    return _random_result(raw, _generator(key).uniform(low, high, size=as_shape(shape)))


def normal(raw: Any, shape: Any, mean: float, stddev: float, key: Any) -> Any:
    return _random_result(raw, _generator(key).normal(mean, stddev, size=as_shape(shape)))


def seed(n: int) -> None:
    np.random.seed(n)


def is_inexact(raw: Any) -> bool:
    return raw.dtype.kind in "fc" or raw.dtype == DTYPES.get("bfloat16")


def stop_gradient(raw: Any) -> Any:
    return raw  # (no gradients to stop)


def l2_norm(raw: Any, axis: Any, keepdims: bool) -> Any:
    # No gradients in NumPy, so the plain formula (no guard at zero) is enough; over all
    # of a float32/64 array as np.linalg.norm computes it (BLAS: a quarter of the time)
    if axis is None and not keepdims and raw.dtype in _BLAS_FLOATS:
        flat = raw.reshape(-1)
        return np.sqrt(np.dot(flat, flat))
    total: Any = np.add.reduce
    return np.sqrt(total(np.square(raw), axis=axis, keepdims=keepdims))


_BLAS_FLOATS = frozenset({np.dtype("float32"), np.dtype("float64")})


# ----------------------------------------------------------------- conversion
def export(raw: Any, target: Any, from_host: Any) -> Any:
    """``raw`` as the framework ``target`` (a registry record) can import it: itself where
    DLPack carries it as it is, else a copy (``from_host``: the target's from host memory).
    Read-only memory is always copied: DLPack 0.x cannot mark memory read-only, so sharing
    would let the target write to it."""
    bfloat16 = raw.dtype == DTYPES.get("bfloat16")
    if not bfloat16 and (raw.dtype.hasobject or raw.dtype.kind in "USVMm"):
        raise TypeError(f"cannot convert a NumPy array of dtype {raw.dtype} to {target.label}")
    copy = not target.dlpack_any_strides and not raw.flags.c_contiguous
    copy = copy or (not target.dlpack_negative_strides and any(s < 0 for s in raw.strides))
    if copy or not raw.flags.writeable or not raw.dtype.isnative:
        raw = np.array(raw, dtype=raw.dtype.newbyteorder("="), order="C")
    if bfloat16 or raw.__array_interface__["data"][0] % target.dlpack_alignment:
        return from_host(raw)  # (DLPack has no NumPy bfloat16)
    return raw


def to_native(x: Any) -> Any:
    return x if isinstance(x, np.ndarray) else np.from_dlpack(x)


def from_host(a: Any) -> Any:
    return a


def check_wrappable(raw: Any) -> None:
    """Arrays of strings, bytes, Python objects, dates: no tensor eagerlite can compute with."""
    if raw.dtype.kind in "OSUVMm" and raw.dtype != DTYPES.get("bfloat16"):
        raise TypeError(
            f"astensor got a NumPy array of dtype {raw.dtype}, which no framework computes "
            "with; expected numbers or bools (convert it first, e.g. a.astype(np.float64))"
        )


bridge = None  # (no autodiff: a NumPy function is bridged forward only)
