"""The functions ``jax.numpy`` gets wrong (and NumPy does not), redone; JAX's functions beyond
the standard; its functional indexed updates (``at``).

Everything here works on traced values (inside ``jax.jit``, ``grad``, ``vmap``): no
function looks at the values of its arguments.
"""

from __future__ import annotations

import functools
from typing import Any

import jax
import jax.numpy as jnp

from ..._core.checks import check_matmul, check_pad
from .._at import check_op
from .._complex import complex_fixes, complex_special_values


def x64() -> bool:
    """Whether JAX has 64-bit types (read when asked: the flag may change at run time)."""
    config: Any = jax.config
    return bool(config.jax_enable_x64)


def remainder(x1: Any, x2: Any, /) -> Any:
    out = jnp.remainder(x1, x2)
    if jnp.issubdtype(out.dtype, jnp.floating):  # a zero takes the divisor's sign
        out = jnp.where(out == 0, jnp.copysign(jnp.zeros_like(out), x2), out)
    return out


def pow(x1: Any, x2: Any, /) -> Any:
    # (JAX raises to a concrete integer power in the base's dtype: uint8 ** int64 0-d is
    # uint8 there, int64 in the standard)
    if isinstance(x2, jax.Array) and isinstance(x1, jax.Array) and x1.dtype != x2.dtype:
        common = jnp.result_type(x1, x2)
        x1, x2 = x1.astype(common), x2.astype(common)
    elif isinstance(x1, (int, float, complex)) and isinstance(x2, jax.Array):
        x1 = jnp.asarray(x1, jnp.result_type(x1, x2))  # (a weak number: x2's dtype)
    return jnp.power(x1, x2)


def _truth(reduce: Any) -> Any:  # (jnp.all/any of complex look at the real part only)
    def call(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        if jnp.iscomplexobj(x):
            x = x != 0
        return reduce(x, axis=axis, keepdims=keepdims)

    call.__name__ = call.__qualname__ = reduce.__name__
    return call


def permute_dims(x: Any, /, axes: Any) -> Any:  # (JAX's transpose: no negative axes)
    return jnp.transpose(x, tuple(a % x.ndim if x.ndim else a for a in axes))


def expand_dims(x: Any, /, axis: Any = 0) -> Any:
    try:
        return jnp.expand_dims(x, axis)
    except ValueError as error:  # (NumPy's AxisError: both an IndexError and a ValueError)
        from numpy.exceptions import AxisError

        raise AxisError(str(error)) from None


def matmul(x1: Any, x2: Any, /) -> Any:
    try:
        return jnp.matmul(x1, x2)
    except (TypeError, ValueError):
        check_matmul(x1.shape, x2.shape)  # NumPy's error, not JAX's TypeError
        raise


def sign(x: Any, /) -> Any:  # (JAX: sign(-0.0) is -0.0, and sign(0j) NaN on some versions)
    return jnp.where(x == 0, jnp.zeros_like(x), jnp.sign(x))


def default_int(x: Any) -> Any:
    """The dtype of the standard's sums of an integer ``x``: the default width, signedness
    kept (the widest JAX has without x64)."""
    wide = x64()
    if jnp.issubdtype(x.dtype, jnp.unsignedinteger):
        return jnp.uint64 if wide else jnp.uint32
    return jnp.int64 if wide else jnp.int32


def _cumulative(fn: Any) -> Any:
    def call(
        x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
    ) -> Any:
        if dtype is None and (jnp.issubdtype(x.dtype, jnp.integer) or x.dtype == jnp.bool_):
            dtype = default_int(x)  # (NumPy sums narrow ints in its default int; JAX not)
        return fn(x, axis=axis, dtype=dtype, include_initial=include_initial)

    call.__name__ = call.__qualname__ = fn.__name__
    return call


def searchsorted(x1: Any, x2: Any, /, *, side: str = "left", sorter: Any = None) -> Any:
    out = jnp.searchsorted(x1, x2, side=side, sorter=sorter)
    return out.astype(jnp.int64 if x64() else jnp.int32)


def meshgrid(*arrays: Any, indexing: str = "xy") -> Any:
    return tuple(jnp.meshgrid(*arrays, indexing=indexing))  # (a tuple since 2024.12)


def broadcast_arrays(*arrays: Any) -> Any:
    return tuple(jnp.broadcast_arrays(*arrays))


def _is_complex(x: Any) -> bool:
    return bool(jnp.issubdtype(x.dtype, jnp.complexfloating))


fixes: dict[str, Any] = {
    **complex_special_values(jnp, _is_complex, jax.lax.complex),
    **complex_fixes(jnp, _is_complex, jax.lax.complex),
    "remainder": remainder,
    "pow": pow,
    "all": _truth(jnp.all),
    "any": _truth(jnp.any),
    "permute_dims": permute_dims,
    "expand_dims": expand_dims,
    "sign": sign,
    "matmul": matmul,
    "cumulative_sum": _cumulative(jnp.cumulative_sum),
    "cumulative_prod": _cumulative(jnp.cumulative_prod),
    "searchsorted": searchsorted,
    "meshgrid": meshgrid,
    "broadcast_arrays": broadcast_arrays,
}


# ------------------------------------------------------------ beyond the standard
def nan_to_num(
    x: Any, /, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None
) -> Any:
    return jnp.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def logsumexp(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    return jax.nn.logsumexp(x, axis=axis, keepdims=keepdims)


def softmax(x: Any, /, *, axis: int = -1) -> Any:
    return jax.nn.softmax(x, axis=axis)


def log_softmax(x: Any, /, *, axis: int = -1) -> Any:
    return jax.nn.log_softmax(x, axis=axis)


def topk(x: Any, k: int, /, *, sorted: bool = True) -> tuple[Any, Any]:
    """The ``k`` largest values along the last axis, and their indices (JAX's are always
    sorted, which ``sorted=False`` allows)."""
    values, indices = jax.lax.top_k(x, k)
    # top_k gives int32; argsort/argmax give JAX's default int (int64 with x64), as NumPy
    return values, indices.astype(int)


def pad(x: Any, pad_width: Any, /, mode: str = "constant", *, constant_values: Any = 0) -> Any:
    """``x`` padded by ``(before, after)`` per axis, with ``constant_values`` or reflected."""
    check_pad(x.ndim, pad_width, mode)
    if mode == "constant":
        return jnp.pad(x, pad_width, mode, constant_values=constant_values)
    return jnp.pad(x, pad_width, mode)


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2) -> Any:
    """``jnp.linalg.vector_norm``, compiled once per shape and arguments: one dispatch for
    its five operations (a fifth of the time of an eager call; a nested jit under a
    transformation)."""
    if type(axis) is list:
        axis = tuple(axis)
    if isinstance(ord, (int, float)):
        return _vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)
    return jnp.linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)


@functools.partial(jax.jit, static_argnames=("axis", "keepdims", "ord"))
def _vector_norm(x: Any, axis: Any, keepdims: bool, ord: Any) -> Any:
    return jnp.linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)


own_beyond: dict[str, Any] = {
    "split": jnp.split,
    "swapaxes": jnp.swapaxes,
    "isclose": jnp.isclose,
    "median": jnp.median,
    "outer": jnp.outer,
    "einsum": jnp.einsum,
    "nan_to_num": nan_to_num,
    "logsumexp": logsumexp,
    "sigmoid": jax.nn.sigmoid,
    "log_sigmoid": jax.nn.log_sigmoid,
    "relu": jax.nn.relu,
    "softplus": jax.nn.softplus,
    "erf": jax.scipy.special.erf,
    "softmax": softmax,
    "log_softmax": log_softmax,
    "topk": topk,
    "pad": pad,
    # (jax.numpy's quantile picks other values than NumPy's: "nearest", infinities; the
    # generic one is used)
}


def update(x: Any, index: Any, values: Any, op: str) -> Any:
    """``x`` with ``op`` applied at ``index``: JAX's own ``x.at[index]``."""
    check_op(op)
    # values cast as NumPy's assignment does (JAX warns: an error to come)
    return getattr(x.at[index], op)(jnp.asarray(values, x.dtype))
