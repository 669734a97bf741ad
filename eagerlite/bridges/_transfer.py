"""``ep.convert``: hand a tensor to another framework, zero-copy through DLPack where allowed.

Each source framework first makes its tensor *exportable* to the target (a no-op in the
common case); the target then imports it with its own ``from_dlpack``, which keeps the
memory and the device.  Exporting copies, on the tensor's own device, only where DLPack
or the target cannot take the tensor as it is:

* torch: ``requires_grad`` tensors are detached (memory still shared), lazy conjugate or
  negative views are resolved, and non-contiguous views are made contiguous for
  TensorFlow and JAX, which accept compact row-major memory only;
* NumPy: negative strides are copied for torch (``torch.from_dlpack`` aborts the process
  on them), non-contiguous arrays for TensorFlow and JAX, and read-only arrays always
  (DLPack 0.x cannot mark memory read-only, so sharing would let the target write to it);
* bfloat16, which NumPy has only through ``ml_dtypes`` and DLPack cannot hand to NumPy,
  travels as its 16 bits and is viewed as bfloat16 again where possible;
* device memory goes to NumPy by a copy to the host;
* TensorFlow needs 64-byte-aligned memory (it aborts the process on other memory), so
  NumPy and torch memory at other addresses is copied for it.  (JAX makes this copy
  itself.)

JAX without ``jax_enable_x64`` cannot hold 64-bit arrays: it receives them as 32-bit
copies, exactly as ``jnp.asarray`` does.  Traced tensors (inside ``jax.jit`` or
``tf.function``) have no memory to hand over; ``ep.bridge`` is the tool there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, overload

from .._support import traced_value_error
from ..astensor import astensor, backend_class
from ..tensor.tensor import Tensor

if TYPE_CHECKING:
    import jax
    import numpy as np
    import tensorflow as tf
    import torch

    from ..backends.jax import JAXTensor
    from ..backends.numpy import NumPyTensor
    from ..backends.pytorch import PyTorchTensor
    from ..backends.tensorflow import TensorFlowTensor

FRAMEWORKS = ("numpy", "torch", "tensorflow", "jax")
_ALIASES = {"pytorch": "torch", "tf": "tensorflow"}

Framework = Literal["numpy", "torch", "pytorch", "tensorflow", "tf", "jax"]


def framework_name(name: object) -> str:
    """The canonical framework name of ``name`` (``"pytorch"`` -> ``"torch"``, ...)."""
    canonical = _ALIASES.get(name, name) if isinstance(name, str) else name
    if canonical not in FRAMEWORKS:
        raise ValueError(
            f"unknown framework {name!r}; expected one of "
            f"{', '.join(map(repr, FRAMEWORKS))} (or 'pytorch', 'tf')"
        )
    return str(canonical)


def _bfloat16_numpy() -> Any:
    try:
        import ml_dtypes
    except ImportError:  # pragma: no cover - ml_dtypes comes with JAX and TensorFlow
        raise TypeError(
            "NumPy has no bfloat16 without the ml_dtypes package; install it, or convert "
            "the tensor to float32 first"
        ) from None
    return ml_dtypes.bfloat16


# TensorFlow takes unaligned DLPack memory, then fails a CHECK (aborting the process) in
# its first kernel on it: copy such memory into a fresh, aligned buffer first.
_TF_ALIGNMENT = 64


# ------------------------------------------------------------------- sources
def _from_torch(raw: torch.Tensor, target: str) -> Any:
    import torch

    raw = raw.detach().resolve_conj().resolve_neg()
    if raw.device.type == "meta":
        raise ValueError("a tensor on torch's 'meta' device has no data to convert")
    if target == "numpy":
        raw = raw.cpu()
        if raw.dtype == torch.bfloat16:
            import numpy as np

            return np.from_dlpack(raw.view(torch.int16)).view(_bfloat16_numpy())
    elif target != "torch" and not raw.is_contiguous():
        raw = raw.contiguous()
    if target == "tensorflow" and raw.data_ptr() % _TF_ALIGNMENT:
        raw = raw.clone()  # torch allocates aligned memory
    return raw


def _from_numpy(raw: np.ndarray[Any, Any], target: str) -> Any:
    import numpy as np

    bfloat16 = raw.dtype == _bfloat16_dtype()
    if not bfloat16 and (raw.dtype.hasobject or raw.dtype.kind in "USVMm"):
        raise TypeError(f"cannot convert a NumPy array of dtype {raw.dtype} to {target}")
    if target == "torch":
        copy = any(s < 0 for s in raw.strides)  # torch.from_dlpack aborts on negative strides
    else:
        copy = not raw.flags.c_contiguous
    if copy or not raw.flags.writeable or not raw.dtype.isnative:
        raw = np.array(raw, dtype=raw.dtype.newbyteorder("="), order="C")
    if bfloat16:
        if target == "torch":
            import torch
            from torch.utils.dlpack import from_dlpack

            return from_dlpack(raw.view(np.int16)).view(torch.bfloat16)
        return _copy_into(target, raw)
    if target == "tensorflow" and raw.__array_interface__["data"][0] % _TF_ALIGNMENT:
        return _copy_into(target, raw)
    return raw


def _bfloat16_dtype() -> Any:
    ml_dtypes = sys.modules.get("ml_dtypes")
    return None if ml_dtypes is None else ml_dtypes.bfloat16


def _from_jax(raw: jax.Array, target: str) -> Any:
    import jax
    import numpy as np

    if isinstance(raw, jax.core.Tracer):
        raise traced_value_error(raw, "ep.convert", "a JAX transformation")
    if len(raw.devices()) > 1:
        if target == "numpy":
            return np.asarray(raw)
        raise ValueError(
            f"cannot convert a JAX array sharded over {len(raw.devices())} devices to {target}: "
            "DLPack hands over one buffer on one device; gather it first (e.g. jax.device_put "
            "to one device)"
        )
    if target == "numpy" and (raw.dtype == jax.numpy.bfloat16 or _device_kind(raw) != "cpu"):
        return np.asarray(raw)
    return raw


def _device_kind(raw: Any) -> str:
    return str(next(iter(raw.devices())).platform)


def _from_tensorflow(raw: tf.Tensor, target: str) -> Any:
    import tensorflow as tf

    if not isinstance(raw, tf.Tensor):
        raw = tf.convert_to_tensor(raw)  # a tf.Variable: its current value
    if not hasattr(raw, "numpy"):
        raise traced_value_error(raw, "ep.convert", "tf.function")
    if target == "numpy" and (raw.dtype == tf.bfloat16 or "CPU" not in raw.device):
        import numpy as np

        return np.asarray(raw.numpy())  # .numpy() of a 0-d tensor is a NumPy scalar
    return raw


_EXPORT: dict[str, Callable[[Any, str], Any]] = {
    "torch": _from_torch,
    "numpy": _from_numpy,
    "jax": _from_jax,
    "tensorflow": _from_tensorflow,
}


# ------------------------------------------------------------------- targets
def _to_numpy(x: Any) -> Any:
    import numpy as np

    return x if isinstance(x, np.ndarray) else np.from_dlpack(x)


def _to_torch(x: Any) -> Any:
    import torch
    from torch.utils.dlpack import from_dlpack

    return x if isinstance(x, torch.Tensor) else from_dlpack(x)


def _to_jax(x: Any) -> Any:
    import jax

    return x if isinstance(x, jax.Array) else jax.numpy.from_dlpack(x)


def _to_tensorflow(x: Any) -> Any:
    import tensorflow as tf

    if isinstance(x, tf.Tensor):
        return x
    return tf.experimental.dlpack.from_dlpack(x.__dlpack__())


_IMPORT: dict[str, Callable[[Any], Any]] = {
    "numpy": _to_numpy,
    "torch": _to_torch,
    "jax": _to_jax,
    "tensorflow": _to_tensorflow,
}


def _copy_into(target: str, array: np.ndarray[Any, Any]) -> Any:
    """A copy of a host array in ``target`` (for what DLPack cannot carry)."""
    if target == "jax":
        import jax

        return jax.numpy.asarray(array)
    if target == "tensorflow":
        import tensorflow as tf

        return tf.constant(array)
    return _IMPORT[target](array)


def convert_raw(raw: Any, source: str, target: str) -> Any:
    """The native tensor ``raw`` of framework ``source`` as a native tensor of ``target``."""
    if source == target:
        return raw
    return _IMPORT[target](_EXPORT[source](raw, target))


# ------------------------------------------------------------------- public
@overload
def convert(x: Tensor[Any], to: Literal["torch", "pytorch"]) -> PyTorchTensor: ...
@overload
def convert(x: Tensor[Any], to: Literal["tensorflow", "tf"]) -> TensorFlowTensor: ...
@overload
def convert(x: Tensor[Any], to: Literal["jax"]) -> JAXTensor: ...
@overload
def convert(x: Tensor[Any], to: Literal["numpy"]) -> NumPyTensor: ...
@overload
def convert(x: Any, to: Literal["torch", "pytorch"]) -> torch.Tensor: ...
@overload
def convert(x: Any, to: Literal["tensorflow", "tf"]) -> tf.Tensor: ...
@overload
def convert(x: Any, to: Literal["jax"]) -> jax.Array: ...
@overload
def convert(x: Any, to: Literal["numpy"]) -> np.ndarray[Any, Any]: ...


def convert(x: Any, to: Framework) -> Any:
    """``x`` as a tensor of framework ``to``, sharing memory (DLPack) wherever possible.

    ``x`` is a native tensor or an eagerlite Tensor; the result is of the same kind
    (native in, native out).  The device is kept (NumPy: copied to the host).  Where
    zero-copy is impossible the data is copied, see ``eagerlite.bridges``; a tensor
    already of framework ``to`` is returned as it is.  Gradients do not flow through
    ``convert``: use ``eagerlite.bridge`` for functions.
    """
    target = framework_name(to)
    tensor = astensor(x)
    if tensor.framework == target:
        return x
    raw = convert_raw(tensor.raw, tensor.framework, target)
    return backend_class(target)(raw) if isinstance(x, Tensor) else raw
