"""TensorFlow's linear algebra (the main namespace's and the ``linalg`` extension) and FFTs.

``tf.linalg`` has most of the standard's functions under other names or conventions
(``svd`` returns ``V``, not ``Vh``; ``qr`` takes ``full_matrices``); ``tf.signal``'s
FFTs work on the innermost axes only, in complex dtypes only, so the axis moves, the
padding to ``n`` and the normalisations are done here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import tensorflow as tf

from .._common import EighResult, EigResult, QRResult, SlogdetResult, SVDResult
from ._base import pair
from ._creation import asarray
from ._elementwise import functions as _elementwise
from ._manipulation import broadcast_arrays, broadcast_shapes, moveaxis
from ._statistics import functions as _statistics

sum_ = _statistics["sum"]
multiply = _elementwise["multiply"]

la = tf.linalg


def matmul(x1: Any, x2: Any, /) -> Any:
    a, b = pair(x1, x2)
    if a.shape.rank == 0 or b.shape.rank == 0:
        raise ValueError("matmul does not take 0-d arrays")
    vector_a, vector_b = a.shape.rank == 1, b.shape.rank == 1
    if vector_a:
        a = a[None, :]
    if vector_b:
        b = b[:, None]
    if a.shape[-1] != b.shape[-2]:
        raise ValueError(f"matmul: shapes {x1.shape} and {x2.shape} do not align")
    batch = broadcast_shapes(tuple(a.shape[:-2]), tuple(b.shape[:-2]))
    a = tf.broadcast_to(a, (*batch, *a.shape[-2:]))
    b = tf.broadcast_to(b, (*batch, *b.shape[-2:]))
    if a.dtype == tf.bool:
        out = tf.cast(la.matmul(tf.cast(a, tf.int32), tf.cast(b, tf.int32)), tf.bool)
    elif a.dtype in (tf.int8, tf.int16, tf.uint8, tf.uint16, tf.uint32, tf.uint64):
        out = tf.cast(la.matmul(tf.cast(a, tf.int64), tf.cast(b, tf.int64)), a.dtype)
    else:
        out = la.matmul(a, b)
    if vector_a:
        out = out[..., 0, :]
    if vector_b:
        out = out[..., 0]
    return out


def matrix_transpose(x: Any, /) -> Any:
    if x.shape.rank < 2:
        raise ValueError(f"matrix_transpose needs at least 2 dimensions, got {x.shape.rank}")
    return la.matrix_transpose(x)


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Any:
    a, b = pair(x1, x2)
    if isinstance(axes, int):
        axes_a = list(range(a.shape.rank - axes, a.shape.rank))
        axes_b = list(range(axes))
    else:
        axes_a, axes_b = list(axes[0]), list(axes[1])
    free_a = [i for i in range(a.shape.rank) if i not in {j % a.shape.rank for j in axes_a}]
    free_b = [i for i in range(b.shape.rank) if i not in {j % b.shape.rank for j in axes_b}]
    k = math.prod(a.shape[i] for i in axes_a)
    left = tf.reshape(tf.transpose(a, free_a + [i % a.shape.rank for i in axes_a]), (-1, k))
    right = tf.reshape(tf.transpose(b, [i % b.shape.rank for i in axes_b] + free_b), (k, -1))
    out = matmul(left, right)
    return tf.reshape(out, [a.shape[i] for i in free_a] + [b.shape[i] for i in free_b])


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    a, b = pair(x1, x2)
    if a.shape[axis] != b.shape[axis]:
        raise ValueError(f"vecdot: axis {axis} differs in {x1.shape} and {x2.shape}")
    product = (tf.math.conj(a) if a.dtype.is_complex else a) * b
    return sum_(product, axis=axis, dtype=product.dtype)


def cholesky(x: Any, /, *, upper: bool = False) -> Any:
    lower = la.cholesky(x)
    return la.adjoint(lower) if upper else lower


def cross(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    a, b = broadcast_arrays(*pair(x1, x2))
    if a.shape[axis] != 3:
        raise ValueError(f"cross needs length 3 along axis {axis}, got {a.shape}")
    a, b = moveaxis(a, axis, -1), moveaxis(b, axis, -1)
    a0, a1, a2 = tf.unstack(a, axis=-1)
    b0, b1, b2 = tf.unstack(b, axis=-1)
    out = tf.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], axis=-1)
    return moveaxis(out, -1, axis)


def diagonal(x: Any, /, *, offset: int = 0) -> Any:
    rows, cols = x.shape[-2], x.shape[-1]
    if not -rows < offset < cols:  # (past the matrix: empty; TF's diag_part refuses)
        return tf.zeros((*x.shape[:-2], 0), x.dtype)
    return la.diag_part(x, k=offset)


def matrix_norm(x: Any, /, *, keepdims: bool = False, ord: Any = "fro") -> Any:
    if ord == "fro":
        out = tf.sqrt(tf.reduce_sum(tf.square(tf.abs(x)), [-2, -1]))
    elif ord == "nuc":
        out = tf.reduce_sum(svdvals(x), -1)
    elif ord in (2, -2):
        s = svdvals(x)
        out = tf.reduce_max(s, -1) if ord == 2 else tf.reduce_min(s, -1)
    elif ord in (1, -1, math.inf, -math.inf):
        sums = tf.reduce_sum(tf.abs(x), -2 if ord in (1, -1) else -1)
        out = tf.reduce_max(sums, -1) if ord > 0 else tf.reduce_min(sums, -1)
    else:
        raise ValueError(f"matrix_norm: unknown ord {ord!r}")
    return out[..., None, None] if keepdims else out  # type: ignore[index]


def matrix_power(x: Any, n: int, /) -> Any:
    if n < 0:
        x, n = la.inv(x), -n
    result = tf.broadcast_to(tf.eye(x.shape[-1], dtype=x.dtype), tf.shape(x))
    while n:
        if n & 1:
            result = matmul(result, x)
        x, n = matmul(x, x), n >> 1
    return result


def svdvals(x: Any, /) -> Any:
    return la.svd(x, compute_uv=False)


def matrix_rank(x: Any, /, *, rtol: Any = None) -> Any:
    s = svdvals(x)
    if rtol is None:
        rtol = max(x.shape[-2:]) * np.finfo(x.dtype.real_dtype.as_numpy_dtype).eps
    rtol = tf.cast(rtol, s.dtype)[..., None] if tf.is_tensor(rtol) else rtol
    tol = tf.reduce_max(s, -1, keepdims=True) * rtol
    return tf.math.count_nonzero(s > tol, -1, dtype=tf.int64)


def pinv(x: Any, /, *, rtol: Any = None) -> Any:  # (TF's takes no complex: from the SVD)
    s, u, v = la.svd(x, full_matrices=False)
    if rtol is None:
        rtol = max(x.shape[-2:]) * np.finfo(x.dtype.real_dtype.as_numpy_dtype).eps
    rtol = tf.cast(rtol, s.dtype)[..., None] if tf.is_tensor(rtol) else rtol
    kept = s > rtol * tf.reduce_max(s, -1, keepdims=True)
    inverse = tf.where(kept, 1 / tf.where(kept, s, tf.ones_like(s)), tf.zeros_like(s))
    weights = tf.cast(inverse, x.dtype)[..., None, :]  # type: ignore[index]
    return tf.matmul(v * weights, u, adjoint_b=True)


def qr(x: Any, /, *, mode: str = "reduced") -> Any:
    return QRResult(*la.qr(x, full_matrices=mode == "complete"))


def solve(x1: Any, x2: Any, /) -> Any:
    a, b = pair(x1, x2)
    if b.shape.rank == 1:
        return la.solve(a, tf.broadcast_to(b[:, None], (*a.shape[:-1], 1)))[..., 0]
    batch = broadcast_shapes(tuple(a.shape[:-2]), tuple(b.shape[:-2]))
    a = tf.broadcast_to(a, (*batch, *a.shape[-2:]))
    b = tf.broadcast_to(b, (*batch, *b.shape[-2:]))
    return la.solve(a, b)


def svd(x: Any, /, *, full_matrices: bool = True) -> Any:
    s, u, v = la.svd(x, full_matrices=full_matrices)
    return SVDResult(u, s, la.adjoint(v))


def slogdet(x: Any, /) -> Any:  # (TF's log|det| of a complex matrix is complex)
    sign, logabsdet = la.slogdet(x)
    return SlogdetResult(sign, tf.math.real(logabsdet) if x.dtype.is_complex else logabsdet)


def trace(x: Any, /, *, offset: int = 0, dtype: Any = None) -> Any:
    return sum_(diagonal(x, offset=offset), axis=-1, dtype=dtype)


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2) -> Any:
    axes = None if axis is None else list((axis,) if isinstance(axis, int) else axis)
    if ord == 2 and x.dtype.is_floating:  # (|x| squared is x squared: one op less)
        return tf.sqrt(tf.reduce_sum(tf.square(x), axes, keepdims=keepdims))
    a = tf.abs(x)
    if not a.dtype.is_floating:
        a = tf.cast(a, tf.float32)
    if ord == math.inf:
        return tf.reduce_max(a, axes, keepdims=keepdims)
    if ord == -math.inf:
        return tf.reduce_min(a, axes, keepdims=keepdims)
    if ord == 0:
        return tf.cast(tf.math.count_nonzero(a, axes, keepdims=keepdims), a.dtype)
    if ord == 2:
        return tf.sqrt(tf.reduce_sum(tf.square(a), axes, keepdims=keepdims))
    return tf.reduce_sum(a**ord, axes, keepdims=keepdims) ** (1.0 / ord)


linalg: dict[str, Any] = {
    "cholesky": cholesky,
    "cross": cross,
    "det": la.det,
    "diagonal": diagonal,
    "eig": lambda x, /: EigResult(*la.eig(x)),
    "eigh": lambda x, /: EighResult(*la.eigh(x)),
    "eigvals": lambda x, /: la.eigvals(x),
    "eigvalsh": lambda x, /: la.eigvalsh(x),
    "inv": lambda x, /: la.inv(x),
    "matmul": matmul,
    "matrix_norm": matrix_norm,
    "matrix_power": matrix_power,
    "matrix_rank": matrix_rank,
    "matrix_transpose": matrix_transpose,
    "outer": lambda x1, x2, /: multiply(x1[:, None], x2[None, :]),
    "pinv": pinv,
    "qr": qr,
    "slogdet": slogdet,
    "solve": solve,
    "svd": svd,
    "svdvals": svdvals,
    "tensordot": tensordot,
    "trace": trace,
    "vecdot": vecdot,
    "vector_norm": vector_norm,
}

functions: dict[str, Any] = {
    "matmul": matmul,
    "tensordot": tensordot,
    "vecdot": vecdot,
    "matrix_transpose": matrix_transpose,
}


def _fft() -> dict[str, Any]:
    signal = tf.signal

    def _complex(x: Any) -> Any:
        if x.dtype.is_complex:
            return x
        return tf.cast(x, tf.complex128 if x.dtype == tf.float64 else tf.complex64)

    def _fit(x: Any, n: int, axis: int) -> Any:
        """``x`` cut or zero-padded to length ``n`` along ``axis``."""
        size = x.shape[axis]
        if n < size:
            return tf.gather(x, tf.range(n), axis=axis)
        if n > size:
            pad = [[0, 0]] * x.shape.rank
            pad[axis % x.shape.rank] = [0, n - size]
            return tf.pad(x, pad)
        return x

    def _factor(m: int, norm: str, inverse: bool) -> float:
        if norm not in ("backward", "ortho", "forward"):
            raise ValueError(f"norm must be 'backward', 'ortho' or 'forward', got {norm!r}")
        if norm == "ortho":
            return 1.0 / math.sqrt(m)
        return 1.0 / m if (norm == "backward") == inverse else 1.0

    def _real(x: Any) -> Any:
        return x if x.dtype.is_floating else tf.cast(x, tf.float32)

    def _one(kind: str) -> Any:
        inverse = kind in ("ifft", "irfft", "ihfft")

        def call(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
            moved = moveaxis(x, axis, -1)
            if kind in ("irfft", "hfft"):
                m = n or 2 * (moved.shape[-1] - 1)
                half = _fit(_complex(moved), m // 2 + 1, -1)
                half = tf.math.conj(half) if kind == "hfft" else half
                raw = signal.irfft(half, [m]) * m  # (tf.signal's inverses divide by m)
            else:
                m = n or moved.shape[-1]
                if kind == "fft":
                    raw = signal.fft(_fit(_complex(moved), m, -1))
                elif kind == "ifft":
                    raw = signal.ifft(_fit(_complex(moved), m, -1)) * m
                else:  # rfft, ihfft
                    raw = signal.rfft(_fit(_real(moved), m, -1), [m])
                    raw = tf.math.conj(raw) if kind == "ihfft" else raw
            factor = _factor(m, norm, inverse)
            out = raw if factor == 1.0 else raw * raw.dtype.as_numpy_dtype(factor)
            return moveaxis(out, -1, axis)

        call.__name__ = call.__qualname__ = kind
        return call

    def _many(kind: str) -> Any:
        one = out_fns[kind]

        def call(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
            rank = x.shape.rank
            if axes is None:
                axes = list(range(rank))[-len(s) :] if s is not None else list(range(rank))
            sizes = list(s) if s is not None else [None] * len(axes)
            if kind in ("rfft", "irfft"):  # the real axis is the last, done first / last
                rest = out_fns["fft" if kind == "rfft" else "ifft"]
                if kind == "rfft":
                    x = one(x, n=sizes[-1], axis=axes[-1], norm=norm)
                    for a, m in zip(axes[:-1], sizes[:-1], strict=True):
                        x = rest(x, n=m, axis=a, norm=norm)
                    return x
                for a, m in zip(axes[:-1], sizes[:-1], strict=True):
                    x = rest(x, n=m, axis=a, norm=norm)
                return one(x, n=sizes[-1], axis=axes[-1], norm=norm)
            for a, m in zip(axes, sizes, strict=True):
                x = one(x, n=m, axis=a, norm=norm)
            return x

        call.__name__ = call.__qualname__ = kind + "n"
        return call

    def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
        k = list(range((n - 1) // 2 + 1)) + list(range(-(n // 2), 0))
        return asarray([v / (n * d) for v in k], dtype=dtype or tf.float32, device=device)

    def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
        k = list(range(n // 2 + 1))
        return asarray([v / (n * d) for v in k], dtype=dtype or tf.float32, device=device)

    def _shift(sign: int) -> Any:
        def call(x: Any, /, *, axes: Any = None) -> Any:
            if axes is None:
                axes = list(range(x.shape.rank))
            axes = [axes] if isinstance(axes, int) else list(axes)
            return tf.roll(x, [sign * (x.shape[a] // 2) for a in axes], axes)

        return call

    out_fns = {k: _one(k) for k in ("fft", "ifft", "rfft", "irfft", "hfft", "ihfft")}
    return {
        **out_fns,
        "fftn": _many("fft"),
        "ifftn": _many("ifft"),
        "rfftn": _many("rfft"),
        "irfftn": _many("irfft"),
        "fftfreq": fftfreq,
        "rfftfreq": rfftfreq,
        "fftshift": _shift(1),
        "ifftshift": _shift(-1),
    }


fft = _fft()
