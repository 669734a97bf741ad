"""PyTorch's namespace: the standard's functions on ``torch.Tensor``.

torch's own function is used unchanged wherever it conforms (most elementwise
functions); the rest translate the standard's signature (``axis``, ``keepdims``,
``correction`` ...) to torch's, and fill the gaps: Python scalars on either side of a
binary function, reductions over several axes, the set functions, ``eye`` with ``k``.
By topic: ``_elementwise`` (and the data type functions), ``_statistics``,
``_creation``, ``_manipulation`` (and searching, sets, sorting, indexing), ``_linalg``
(and FFTs), ``_functions`` (beyond the standard), ``_indexing`` (NumPy's indexing and
``at``).

Importing this subpackage imports torch; ``hooks`` is what ``PyTorchTensor`` calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch

from ..._core import loading
from .. import _beyond, _names
from .._at import at_of
from .._common import CAPABILITIES, Info
from .._namespace import make_namespace
from .._nn import complete as complete_nn
from . import _creation, _elementwise, _linalg, _manipulation, _statistics
from . import _hooks as hooks
from ._functions import own_beyond
from ._indexing import update
from ._nn import own_nn

main: dict[str, Any] = {
    **_elementwise.functions,
    **_statistics.functions,
    **_creation.functions,
    **_manipulation.functions,
    **_linalg.functions,
}

# (torch's uint16, uint32 and uint64 lack most operations: not listed as supported)
_dtypes = {n: getattr(torch, n) for n in _names.DTYPES if n not in ("uint16", "uint32", "uint64")}


def _devices() -> Sequence[Any]:
    found = [torch.device("cpu")]
    if torch.cuda.is_available():
        found += [torch.device("cuda", i) for i in range(torch.cuda.device_count())]
    return found


def _defaults() -> dict[str, Any]:
    real = torch.get_default_dtype()
    complex_ = torch.complex128 if real == torch.float64 else torch.complex64
    return {
        "real floating": real,
        "complex floating": complex_,
        "integral": torch.int64,
        "indexing": torch.int64,
    }


main["__array_namespace_info__"] = Info(
    lambda: _dtypes,
    devices=_devices,
    default_device=lambda: torch.get_default_device(),
    defaults=_defaults,
    capabilities=CAPABILITIES,
)
main["_near"] = lambda x: {"device": x.device}  # (new arrays next to x: on its device)

namespace = make_namespace(
    "eagerlite.xp.torch",
    main,
    linalg=_linalg.linalg,
    fft=_linalg.fft,
    array_types=(torch.Tensor,),
    framework="torch",
)
_beyond.complete(
    namespace,
    own_beyond | {"einsum": _beyond.promoted_einsum(torch.einsum, namespace), "at": at_of(update)},
)
complete_nn(namespace, own_nn)
hooks.namespace = namespace
loading.announce("torch", namespace, hooks)
