"""JAX's native namespace: ``jax.numpy``'s own functions, and the few it gets wrong redone.

Everything here works on traced values (inside ``jax.jit``, ``grad``, ``vmap``): no
function looks at the values of its arguments.
"""

from __future__ import annotations

from typing import Any

from . import _numpylike
from ._common import CAPABILITIES, Info, floor_divide_of
from ._namespace import Namespace, make_namespace


def _x64(jax: Any) -> bool:
    """Whether JAX has 64-bit types (read when asked: the flag may change at run time)."""
    return bool(jax.config.jax_enable_x64)


def build() -> Namespace:
    """The native JAX namespace (imports JAX)."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    main, linalg, fft = _numpylike.parts(jnp, np)

    main["floor_divide"] = floor_divide_of(jnp, lambda out: jnp.issubdtype(out.dtype, jnp.inexact))

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
