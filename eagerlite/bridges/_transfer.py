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

from typing import TYPE_CHECKING, Any, Literal, overload

from .._core import registry
from ..astensor import astensor, tensor_class
from ..tensor._convert import convert_raw
from ..tensor.tensor import Tensor

if TYPE_CHECKING:
    import jax
    import numpy as np
    import tensorflow as tf
    import torch

    from ..tensor import JAXTensor, NumPyTensor, PyTorchTensor, TensorFlowTensor

FRAMEWORKS = registry.NAMES

Framework = Literal["numpy", "torch", "pytorch", "tensorflow", "tf", "jax"]


def framework_name(name: object) -> str:
    """The canonical framework name of ``name`` (``"pytorch"`` -> ``"torch"``, ...)."""
    return registry.get(name).name


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
    return tensor_class(target)(raw) if isinstance(x, Tensor) else raw
