"""JAX's native namespace: ``jax.numpy``'s own functions, and the few it gets wrong redone.

Everything here works on traced values (inside ``jax.jit``, ``grad``, ``vmap``): no
function looks at the values of its arguments.
"""

from __future__ import annotations

from typing import Any

from . import _numpylike
from ._common import (
    CAPABILITIES,
    Info,
    complex_fixes,
    complex_special_values,
    floor_divide_of,
)
from ._namespace import Namespace, make_namespace


def _x64(jax: Any) -> bool:
    """Whether JAX has 64-bit types (read when asked: the flag may change at run time)."""
    return bool(jax.config.jax_enable_x64)


def _fixes(jax: Any, jnp: Any) -> dict[str, Any]:
    """The functions jax.numpy gets wrong (and NumPy does not)."""

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

    def truth(reduce: Any) -> Any:  # (jnp.all/any of complex look at the real part only)
        def call(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
            if jnp.iscomplexobj(x):
                x = x != 0
            return reduce(x, axis=axis, keepdims=keepdims)

        return call

    def permute_dims(x: Any, /, axes: Any) -> Any:  # (JAX's transpose: no negative axes)
        return jnp.transpose(x, tuple(a % x.ndim if x.ndim else a for a in axes))

    def expand_dims(x: Any, /, axis: Any = 0) -> Any:
        try:
            return jnp.expand_dims(x, axis)
        except ValueError as error:  # (NumPy's AxisError: both an IndexError and a ValueError)
            from numpy.exceptions import AxisError

            raise AxisError(str(error)) from None

    def sign(x: Any, /) -> Any:  # (JAX: sign(-0.0) is -0.0, and sign(0j) NaN on some versions)
        return jnp.where(x == 0, jnp.zeros_like(x), jnp.sign(x))

    def default_int(x: Any) -> Any:
        """The dtype of the standard's sums of an integer ``x``: the default width, signedness
        kept (the widest JAX has without x64)."""
        wide = _x64(jax)
        if jnp.issubdtype(x.dtype, jnp.unsignedinteger):
            return jnp.uint64 if wide else jnp.uint32
        return jnp.int64 if wide else jnp.int32

    def cumulative_prod(
        x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
    ) -> Any:
        if dtype is None and (jnp.issubdtype(x.dtype, jnp.integer) or x.dtype == jnp.bool_):
            dtype = default_int(x)
        return jnp.cumulative_prod(x, axis=axis, dtype=dtype, include_initial=include_initial)

    def searchsorted(x1: Any, x2: Any, /, *, side: str = "left", sorter: Any = None) -> Any:
        out = jnp.searchsorted(x1, x2, side=side, sorter=sorter)
        return out.astype(jnp.int64 if _x64(jax) else jnp.int32)

    def is_complex(x: Any) -> bool:
        return bool(jnp.issubdtype(x.dtype, jnp.complexfloating))

    special = complex_special_values(jnp, is_complex, jax.lax.complex)
    return (
        special
        | complex_fixes(jnp, is_complex, jax.lax.complex)
        | {
            "remainder": remainder,
            "pow": pow,
            "all": truth(jnp.all),
            "any": truth(jnp.any),
            "permute_dims": permute_dims,
            "expand_dims": expand_dims,
            "sign": sign,
            "cumulative_prod": cumulative_prod,
            "searchsorted": searchsorted,
            # (the standard since 2024.12: tuples; jax.numpy gives lists)
            "meshgrid": lambda *arrays, indexing="xy": tuple(
                jnp.meshgrid(*arrays, indexing=indexing)
            ),
            "broadcast_arrays": lambda *arrays: tuple(jnp.broadcast_arrays(*arrays)),
        }
    )


def build() -> Namespace:
    """The native JAX namespace (imports JAX)."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    main, linalg, fft = _numpylike.parts(jnp, np)

    main["floor_divide"] = floor_divide_of(jnp, lambda out: jnp.issubdtype(out.dtype, jnp.inexact))
    main |= _fixes(jax, jnp)

    def dtypes() -> dict[str, Any]:
        names = ["bool", "int8", "int16", "int32", "uint8", "uint16", "uint32", "float32"]
        names += ["complex64"]
        if _x64(jax):
            names += ["int64", "uint64", "float64", "complex128"]
        return {n: jnp.dtype(n) for n in names}

    def defaults() -> dict[str, Any]:
        wide = _x64(jax)
        return {
            "real floating": jnp.dtype("float64" if wide else "float32"),
            "complex floating": jnp.dtype("complex128" if wide else "complex64"),
            "integral": jnp.dtype("int64" if wide else "int32"),
            "indexing": jnp.dtype("int64" if wide else "int32"),
        }

    class JAXInfo(Info):
        def default_dtypes(self, *, device: Any = None) -> dict[str, Any]:
            return defaults()

        def dtypes(self, *, device: Any = None, kind: Any = None) -> dict[str, Any]:
            self._dtypes = dtypes()
            return super().dtypes(device=device, kind=kind)

    own: Any = jnp.__array_namespace_info__()
    info = JAXInfo(
        dtypes(),
        devices=jax.devices,
        default_device=lambda: jax.devices()[0],
        defaults=defaults(),
        # (JAX's own answer: boolean masks and unique() need concrete values, not under jit)
        capabilities={**CAPABILITIES, **own.capabilities()},
    )
    main["__array_namespace_info__"] = lambda: info
    return make_namespace(
        "eagerlite.xp.jax",
        main,
        linalg=linalg,
        fft=fft,
        array_types=(jax.Array, jax.core.Tracer),
        framework="jax",
    )
