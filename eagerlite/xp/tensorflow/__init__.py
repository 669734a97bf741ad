"""TensorFlow's namespace: the standard's functions on ``tf.Tensor``.

No adapter of the standard covered TensorFlow before: its functions need equal dtypes
(``int32 + int64`` is an error), take Python scalars only on some arguments, and many
exist for floats only.  Every function here promotes as the standard says, takes Python
scalars on either side, takes NumPy arrays in memory TF can use (``_base``), and is
built from TF ops only, so it works inside ``tf.function`` too.  With several devices,
every function runs on its first tensor's device, so results stay with their inputs (TF
would move them to its default device).  By topic: ``_elementwise`` (and the data type
functions), ``_statistics``, ``_creation``, ``_manipulation`` (and searching, sets,
sorting, indexing), ``_linalg`` (and FFTs), ``_functions`` (beyond the standard and
``at``), ``_indexing`` (NumPy's indexing).

Importing this subpackage imports TensorFlow; ``hooks`` is what ``TensorFlowTensor`` calls.
"""

from __future__ import annotations

from typing import Any

import tensorflow as tf

from ..._core import loading
from .. import _beyond, _names
from .._at import at_of
from .._common import CAPABILITIES, Info
from .._namespace import Namespace, make_namespace
from .._nn import complete as complete_nn
from . import _creation, _elementwise, _linalg, _manipulation, _statistics
from . import _hooks as hooks
from ._base import DEFAULT_INT, SEVERAL_DEVICES, keeping_device
from ._functions import own_beyond, update
from ._nn import own_nn

main: dict[str, Any] = {
    **_elementwise.functions,
    **_statistics.functions,
    **_creation.functions,
    **_manipulation.functions,
    **_linalg.functions,
}


def _dlpack(raw: Any, kwargs: dict[str, Any]) -> Any:
    return tf.experimental.dlpack.to_dlpack(raw)


def _dlpack_device(raw: Any) -> tuple[int, int]:
    spec = tf.DeviceSpec.from_string(raw.device)
    return (2, spec.device_index or 0) if spec.device_type == "GPU" else (1, 0)


def _full_name(name: str) -> str:
    spec = tf.DeviceSpec.from_string(name)
    return str(spec.replace(job=spec.job or "localhost", replica=0, task=0).to_string())


_dtypes = {n: getattr(tf, n) for n in _names.DTYPES}
_DEFAULTS = {
    "real floating": tf.float32,
    "complex floating": tf.complex64,
    "integral": DEFAULT_INT,
    "indexing": DEFAULT_INT,
}
main |= {
    "_dlpack": _dlpack,
    "_dlpack_device": _dlpack_device,
    "_near": lambda x: {},  # (new arrays next to x: kept on its device by the functions)
    "__array_namespace_info__": Info(
        lambda: _dtypes,
        # (full names, as tensors' .device gives them)
        devices=lambda: [_full_name(d.name) for d in tf.config.list_logical_devices()],
        default_device=lambda: (tf.constant(0.0) + 0.0).device,
        defaults=lambda: _DEFAULTS,
        capabilities=CAPABILITIES,
    ),
}

namespace = make_namespace(
    "eagerlite.xp.tensorflow",
    main,
    linalg=_linalg.linalg,
    fft=_linalg.fft,
    array_types=(tf.Tensor, tf.Variable),
    framework="tensorflow",
)
_beyond.complete(
    namespace,
    own_beyond | {"einsum": _beyond.promoted_einsum(tf.einsum, namespace), "at": at_of(update)},
)

# not run on their argument's device: what takes no tensor first, and what makes none
_DEVICE_FREE = frozenset(
    "result_type can_cast finfo iinfo isdtype broadcast_shapes __array_namespace_info__ "
    "from_dlpack at".split()
)


_PRIVATE_FUNCTIONS = frozenset({"_crossentropy"})  # (of the Tensor methods)


def _keep_devices(ns: Namespace) -> None:
    """Every function of ``ns`` (and its extensions, and ep.nn's kernels) run on its first
    tensor's device."""
    for part in (ns, ns.linalg, ns.fft, ns._nn):
        for name, fn in list(part.__dict__.items()):
            if callable(fn) and not isinstance(fn, type) and name not in _DEVICE_FREE:
                if not name.startswith("_") or name in _PRIVATE_FUNCTIONS:
                    part.__dict__[name] = keeping_device(fn)


complete_nn(namespace, own_nn)
if SEVERAL_DEVICES:  # (with one device, results cannot go astray: nothing to pay)
    _keep_devices(namespace)
hooks.namespace = namespace
loading.announce("tensorflow", namespace, hooks)
