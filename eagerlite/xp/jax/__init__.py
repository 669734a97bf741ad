"""JAX's namespace: ``jax.numpy``'s own functions, and the few it gets wrong redone
(``_functions.py``).  Everything works on traced values (inside ``jax.jit``, ``grad``,
``vmap``).

Importing this subpackage imports JAX; ``hooks`` is what ``JAXTensor`` calls.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from ..._core import loading
from .. import _beyond, _numpylike
from .._at import at_of
from .._common import CAPABILITIES, Info, floor_divide_of
from .._namespace import make_namespace
from .._nn import complete as complete_nn
from . import _hooks as hooks
from . import _nn as nn_kernels
from ._functions import fixes, own_beyond, update, vector_norm, x64

main, linalg, fft = _numpylike.parts(jnp, np)
main["floor_divide"] = floor_divide_of(jnp, lambda out: jnp.issubdtype(out.dtype, jnp.inexact))
main |= fixes
linalg["vector_norm"] = vector_norm


def _dtypes() -> dict[str, Any]:
    names = ["bool", "int8", "int16", "int32", "uint8", "uint16", "uint32", "float32"]
    names += ["complex64"]
    if x64():
        names += ["int64", "uint64", "float64", "complex128"]
    return {n: jnp.dtype(n) for n in names}


def _defaults() -> dict[str, Any]:
    wide = x64()
    return {
        "real floating": jnp.dtype("float64" if wide else "float32"),
        "complex floating": jnp.dtype("complex128" if wide else "complex64"),
        "integral": jnp.dtype("int64" if wide else "int32"),
        "indexing": jnp.dtype("int64" if wide else "int32"),
    }


_own_info: Any = jnp.__array_namespace_info__()
main["__array_namespace_info__"] = Info(
    _dtypes,
    devices=jax.devices,
    default_device=lambda: jax.devices()[0],
    defaults=_defaults,
    # (JAX's own answer: boolean masks and unique() need concrete values, not under jit)
    capabilities={**CAPABILITIES, **_own_info.capabilities()},
)
main["_near"] = lambda x: {}  # (new arrays next to x: JAX places them itself)

namespace = make_namespace(
    "eagerlite.xp.jax",
    main,
    linalg=linalg,
    fft=fft,
    array_types=(jax.Array, jax.core.Tracer),
    framework="jax",
)
_beyond.complete(namespace, own_beyond | {"at": at_of(update)})
nn_kernels.namespace = namespace
complete_nn(namespace, nn_kernels.own_nn)
hooks.namespace = namespace
loading.announce("jax", namespace, hooks)
