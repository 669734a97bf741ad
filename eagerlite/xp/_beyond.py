"""Beyond the standard: the functions library authors reach for next, in every namespace.

``logsumexp``, ``sigmoid``, ``log_sigmoid``, ``relu``, ``softplus``, ``erf``, ``einsum``,
``split``, ``swapaxes``, ``isclose``, ``allclose``, ``nan_to_num``, ``median``,
``quantile``, ``outer``, ``one_hot``, ``softmax``, ``log_softmax``, ``topk``, ``pad`` (and
``at``, in ``_at.py``).  Each is the framework's own function where it has one that
behaves as NumPy's does (each framework's subpackage lists those); the rest are written
once here over a namespace's standard functions (``generic``), so they work on every
framework, promote dtypes as the standard does and differentiate with the framework's
autodiff.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

from .._core.checks import axes_of as _axes
from .._core.dtypes import in_kind, name_of
from ._namespace import Namespace

_METHODS = ("linear", "lower", "higher", "nearest", "midpoint")


def complete(xp: Namespace, own: dict[str, Any], *, ints_to_float: bool = True) -> None:
    """Add the functions beyond the standard to ``xp``: the framework's ``own`` ones (with
    integer input made the default float first, where ``ints_to_float``), the generic ones
    for the rest."""
    inexact = _inexact_of(xp)
    found = {
        name: _on_floats(fn, inexact) if name in _FLOAT_INPUT and ints_to_float else fn
        for name, fn in own.items()
    }
    xp.__dict__.update(generic(xp) | found)


# (ints: to floats first, as NumPy does them)
_FLOAT_INPUT = ("logsumexp", "sigmoid", "log_sigmoid", "softplus", "erf", "softmax", "log_softmax")


def _inexact_of(xp: Namespace) -> Callable[[Any], Any]:
    """``x`` itself if floating or complex, else ``x`` in the namespace's default float."""
    defaults = xp.__array_namespace_info__().default_dtypes
    kinds = ("real floating", "complex floating")

    def inexact(x: Any) -> Any:  # (by name: NumPy's isdtype does not know bfloat16)
        if in_kind(name_of(x.dtype), x.dtype, kinds):
            return x
        return xp.astype(x, defaults()["real floating"])

    return inexact


def _on_floats(fn: Callable[..., Any], inexact: Callable[[Any], Any]) -> Callable[..., Any]:
    def call(x: Any, /, **kwargs: Any) -> Any:
        return fn(inexact(x), **kwargs)

    call.__name__ = call.__qualname__ = getattr(fn, "__name__", "function")
    return call


def promoted_einsum(einsum: Callable[..., Any], xp: Namespace) -> Callable[..., Any]:
    """``einsum`` with its operands promoted to one dtype first (torch and TF want one)."""

    def call(subscripts: str, /, *operands: Any) -> Any:
        dtype = xp.result_type(*operands)
        return einsum(subscripts, *(xp.astype(o, dtype, copy=False) for o in operands))

    call.__name__ = call.__qualname__ = "einsum"
    return call


def generic(xp: Namespace) -> dict[str, Any]:
    """The functions written over ``xp``'s standard functions (every framework has these)."""
    defaults = xp.__array_namespace_info__().default_dtypes

    _on = xp._near  # where new arrays next to ``x`` go (torch: its device, said)

    _inexact = _inexact_of(xp)

    def logsumexp(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        x = _inexact(x)
        if axis == ():  # over no axis: the values themselves
            return x
        if any(x.shape[a] == 0 for a in _axes(axis, x.ndim)):  # of nothing: log(0) = -inf
            return xp.sum(xp.abs(x), axis=axis, keepdims=keepdims) - math.inf
        m = xp.max(x, axis=axis, keepdims=True)
        m = xp.where(xp.isfinite(m), m, xp.zeros_like(m))  # (all -inf: log(0) + 0)
        s = xp.sum(xp.exp(x - m), axis=axis, keepdims=keepdims)
        return xp.log(s) + (m if keepdims else xp.squeeze(m, axis=_axes(axis, x.ndim)))

    def sigmoid(x: Any, /) -> Any:
        x = _inexact(x)
        e = xp.exp(-xp.abs(x))  # never overflows
        return xp.where(x >= 0, 1 / (1 + e), e / (1 + e))

    def softplus(x: Any, /) -> Any:
        x = _inexact(x)
        return xp.log1p(xp.exp(-xp.abs(x))) + xp.maximum(x, 0)

    def log_sigmoid(x: Any, /) -> Any:
        return -softplus(-_inexact(x))

    def relu(x: Any, /) -> Any:
        return xp.maximum(x, 0)

    def split(x: Any, indices_or_sections: int | Sequence[int], /, *, axis: int = 0) -> list[Any]:
        (axis,) = _axes(axis, x.ndim)
        n = x.shape[axis]
        if isinstance(indices_or_sections, int):
            k = indices_or_sections
            if k <= 0 or n % k:
                raise ValueError(
                    f"split: {k} sections do not divide axis {axis} of length {n} equally"
                )
            bounds = [i * (n // k) for i in range(k + 1)]
        else:
            bounds = [0, *indices_or_sections, n]
        before = (slice(None),) * axis
        return [x[(*before, slice(a, b))] for a, b in itertools.pairwise(bounds)]

    def swapaxes(x: Any, axis1: int, axis2: int, /) -> Any:
        (a,), (b,) = _axes(axis1, x.ndim), _axes(axis2, x.ndim)
        perm = list(range(x.ndim))
        perm[a], perm[b] = b, a
        return xp.permute_dims(x, tuple(perm))

    def isclose(
        a: Any, b: Any, /, *, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False
    ) -> Any:
        a, b = _weak(a, b), _weak(b, a)
        if not xp.isdtype(xp.result_type(a, b), ("real floating", "complex floating")):
            a, b = _inexact(a), _inexact(b)  # (as NumPy: no integer overflow in a - b)
        finite = xp.logical_and(xp.isfinite(a), xp.isfinite(b))
        close = xp.logical_and(finite, xp.abs(a - b) <= atol + rtol * xp.abs(b))
        close = xp.logical_or(close, a == b)  # equal infinities
        if equal_nan:
            close = xp.logical_or(close, xp.logical_and(xp.isnan(a), xp.isnan(b)))
        return close

    def _weak(x: Any, other: Any) -> Any:
        """A Python scalar ``x`` as an array of ``other``'s dtype (where its kind fits)."""
        if not isinstance(x, (int, float, complex)):
            return x
        if not hasattr(other, "dtype"):
            return xp.asarray(x)
        fits = xp.isdtype(other.dtype, ("real floating", "complex floating"))
        return xp.asarray(x, dtype=other.dtype if fits else None, **_on(other))

    def allclose(
        a: Any, b: Any, /, *, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False
    ) -> Any:
        return xp.all(xp.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))

    def nan_to_num(
        x: Any, /, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None
    ) -> Any:
        if xp.isdtype(x.dtype, "complex floating"):
            re = nan_to_num(xp.real(x), nan, posinf, neginf)
            im = nan_to_num(xp.imag(x), nan, posinf, neginf)
            return xp.astype(re, x.dtype) + xp.astype(im, x.dtype) * 1j
        if not xp.isdtype(x.dtype, "real floating"):
            return x
        info = xp.finfo(x.dtype)
        x = xp.where(xp.isnan(x), xp.asarray(nan, dtype=x.dtype, **_on(x)), x)
        high = info.max if posinf is None else posinf
        low = info.min if neginf is None else neginf
        x = xp.where(x == float("inf"), xp.asarray(high, dtype=x.dtype, **_on(x)), x)
        return xp.where(x == -float("inf"), xp.asarray(low, dtype=x.dtype, **_on(x)), x)

    def quantile(
        x: Any,
        q: Any,
        /,
        *,
        axis: int | Sequence[int] | None = None,
        keepdims: bool = False,
        method: str = "linear",
    ) -> Any:
        if method not in _METHODS and method != "median":
            raise ValueError(f"quantile method must be one of {_METHODS}, got {method!r}")
        x = _inexact(x)
        ndim, axes = x.ndim, _axes(axis, x.ndim)
        kept = [a for a in range(ndim) if a not in axes]
        y = x if axes == tuple(range(len(kept), ndim)) else xp.permute_dims(x, (*kept, *axes))
        y = xp.reshape(y, (*(x.shape[a] for a in kept), -1))
        s = xp.sort(y, axis=-1)
        n = s.shape[-1]
        if isinstance(q, (int, float, list, tuple)):  # (an array q may be a traced value)
            values = q if isinstance(q, (list, tuple)) else [q]
            if not all(0 <= v <= 1 for v in values):
                raise ValueError(f"quantiles must be in [0, 1], got {q!r}")
        qa = xp.asarray(q, dtype=s.dtype, **_on(x))
        flat_q = xp.reshape(qa, (-1,))
        pos = flat_q * (n - 1)
        low = xp.floor(pos)
        index = defaults()["indexing"]

        def take(i: Any) -> Any:
            return xp.take(s, xp.astype(i, index), axis=-1)

        if method in ("lower", "higher", "nearest"):
            at = {"lower": low, "higher": xp.ceil(pos), "nearest": xp.round(pos)}[method]
            out = take(at)
        elif method == "median":  # the mean of the middle value(s)
            out = (take(low) + take(xp.ceil(pos))) / 2
        else:  # NumPy's lerp to the next value (so 0 * inf next to an infinity is NaN) ...
            lo, hi = take(low), take(xp.minimum(low + 1, n - 1))
            t = pos - low
            if method == "midpoint":
                t = xp.astype(t > 0, t.dtype) / 2
            # ... from the nearer end, so infinities come out as NumPy's
            out = xp.where(t >= 0.5, hi - (hi - lo) * (1 - t), lo + (hi - lo) * t)
        out = xp.where(xp.any(xp.isnan(y), axis=-1, keepdims=True), float("nan"), out)
        out = xp.moveaxis(out, -1, 0)  # (NumPy: the quantiles' axis first)
        if keepdims:
            out = xp.reshape(out, (-1, *(1 if a in axes else x.shape[a] for a in range(ndim))))
        return xp.reshape(out, (*qa.shape, *out.shape[1:]))

    def median(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        return quantile(x, 0.5, axis=axis, keepdims=keepdims, method="median")

    def outer(x1: Any, x2: Any, /) -> Any:
        return xp.multiply(xp.reshape(x1, (-1, 1)), xp.reshape(x2, (1, -1)))

    def one_hot(x: Any, num_classes: int, /, *, dtype: Any = None, axis: int = -1) -> Any:
        if not xp.isdtype(x.dtype, "integral"):
            raise TypeError(f"one_hot needs integer class indices, got dtype {x.dtype}")
        classes = xp.arange(num_classes, dtype=x.dtype, **_on(x))
        out = xp.expand_dims(x, axis=-1) == classes  # (out of range: a row of zeros)
        out = xp.astype(out, defaults()["real floating"] if dtype is None else dtype)
        return out if axis == -1 else xp.moveaxis(out, -1, axis)

    def _shift(x: Any, axis: int) -> Any:
        """The max along ``axis`` (kept), which softmax subtracts; 0 along an empty axis."""
        if x.shape[axis] == 0:  # (a max of nothing raises; the result is empty anyway)
            return xp.sum(x, axis=axis, keepdims=True)
        return xp.max(x, axis=axis, keepdims=True)

    def softmax(x: Any, /, *, axis: int = -1) -> Any:
        x = _inexact(x)
        e = xp.exp(x - _shift(x, axis))
        return e / xp.sum(e, axis=axis, keepdims=True)

    def log_softmax(x: Any, /, *, axis: int = -1) -> Any:
        x = _inexact(x)
        shifted = x - _shift(x, axis)
        return shifted - xp.log(xp.sum(xp.exp(shifted), axis=axis, keepdims=True))

    def crossentropy(logits: Any, labels: Any, /) -> Any:
        """Per-sample cross-entropy of 2-D ``logits`` with integer class ``labels``."""
        picked = xp.take_along_axis(xp.log_softmax(logits, axis=-1), labels[:, None], axis=-1)
        return -picked[:, 0]

    return {
        "_crossentropy": crossentropy,
        "softmax": softmax,
        "log_softmax": log_softmax,
        "logsumexp": logsumexp,
        "sigmoid": sigmoid,
        "log_sigmoid": log_sigmoid,
        "relu": relu,
        "softplus": softplus,
        "split": split,
        "swapaxes": swapaxes,
        "isclose": isclose,
        "allclose": allclose,
        "nan_to_num": nan_to_num,
        "median": median,
        "quantile": quantile,
        "outer": outer,
        "one_hot": one_hot,
    }


def guarded_l2(xp: Namespace, x: Any, axis: Any, keepdims: bool) -> Any:
    """The l2 norm of ``x`` with a gradient of 0 at 0 (where sqrt's slope is infinite), for
    values that may be differentiated."""
    s = xp.sum(xp.square(x), axis=axis, keepdims=keepdims)
    positive = s > 0
    return xp.where(positive, xp.sqrt(xp.where(positive, s, 1)), 0)
