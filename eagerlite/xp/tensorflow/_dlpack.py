"""DLPack into TensorFlow without aborting the process.

``tf.experimental.dlpack.from_dlpack`` takes any host memory it is handed, but TF's
kernels check that a tensor's memory is 64-byte aligned and abort the process (``Check
failed: IsAligned()``) at the first operation on one that is not: NumPy allocates at 16
bytes, and views (``a[1:]``, a torch tensor's storage offset) sit anywhere.  TF takes
compact row-major memory only, too.  So the capsule's ``DLTensor`` is read first (its
address, strides and dtype, through ``ctypes``: any exporter, any dtype, a bare capsule
too); memory TF can keep is shared, other memory copied to an aligned buffer, or refused
with ``BufferError`` where the caller asked for no copy.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

import numpy as np
import tensorflow as tf

from ._base import ALIGNMENT, aligned_copy, is_tensor

_CPU, _CUDA_HOST = 1, 3  # (DLPack device types in host memory)


class _Device(ctypes.Structure):
    _fields_ = [("device_type", ctypes.c_int32), ("device_id", ctypes.c_int32)]


class _DataType(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint8), ("bits", ctypes.c_uint8), ("lanes", ctypes.c_uint16)]


class _DLTensor(ctypes.Structure):  # (the first member of a DLManagedTensor)
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("device", _Device),
        ("ndim", ctypes.c_int32),
        ("dtype", _DataType),
        ("shape", ctypes.POINTER(ctypes.c_int64)),
        ("strides", ctypes.POINTER(ctypes.c_int64)),
        ("byte_offset", ctypes.c_uint64),
    ]


_is_valid = ctypes.pythonapi.PyCapsule_IsValid
_is_valid.restype = ctypes.c_int
_is_valid.argtypes = [ctypes.py_object, ctypes.c_char_p]
_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_pointer.restype = ctypes.c_void_p
_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]

# DLPack's (type code, bits) -> the NumPy dtype that holds the same bytes, and the TF dtype
_INT, _UINT, _FLOAT, _BFLOAT, _COMPLEX, _BOOL = 0, 1, 2, 4, 5, 6
_TYPES: dict[tuple[int, int], tuple[Any, Any]] = {
    (_BOOL, 8): (np.bool_, tf.bool),
    (_FLOAT, 16): (np.float16, tf.float16),
    (_FLOAT, 32): (np.float32, tf.float32),
    (_FLOAT, 64): (np.float64, tf.float64),
    (_BFLOAT, 16): (np.uint16, tf.bfloat16),  # (NumPy has no bfloat16: its bits, then a bitcast)
    (_COMPLEX, 64): (np.complex64, tf.complex64),
    (_COMPLEX, 128): (np.complex128, tf.complex128),
}
for _bits, _name in ((8, "8"), (16, "16"), (32, "32"), (64, "64")):
    _TYPES[_INT, _bits] = (np.dtype(f"int{_name}"), tf.as_dtype(f"int{_name}"))
    _TYPES[_UINT, _bits] = (np.dtype(f"uint{_name}"), tf.as_dtype(f"uint{_name}"))


def from_dlpack(x: Any, copy: bool | None = None) -> Any:
    """``x`` (an object with ``__dlpack__``, or a DLPack capsule) as a TF tensor: sharing its
    memory where TF can keep it and ``copy`` is not True, else a copy (``BufferError`` if
    ``copy`` is False)."""
    if is_tensor(x):
        return tf.identity(x) if copy else x
    capsule = x.__dlpack__() if hasattr(x, "__dlpack__") else x
    if not _is_valid(capsule, b"dltensor"):
        return tf.experimental.dlpack.from_dlpack(capsule)  # (TF names what is wrong)
    dl = _DLTensor.from_address(_pointer(capsule, b"dltensor"))
    if dl.device.device_type not in (_CPU, _CUDA_HOST):
        return tf.experimental.dlpack.from_dlpack(capsule)  # (device memory: TF's rules)
    shape = tuple(dl.shape[i] for i in range(dl.ndim))
    types = _TYPES.get((dl.dtype.code, dl.dtype.bits)) if dl.dtype.lanes == 1 else None
    itemsize = dl.dtype.bits // 8
    strides = _strides(dl, shape)
    address = (dl.data or 0) + dl.byte_offset
    compact = strides == _row_major(shape) or math.prod(shape) <= 1
    if not copy and compact and address % ALIGNMENT == 0:
        return tf.experimental.dlpack.from_dlpack(capsule)
    if types is None:  # (a dtype TF lacks: TF says so)
        return tf.experimental.dlpack.from_dlpack(capsule)
    if copy is False:
        raise BufferError(
            f"from_dlpack(copy=False): TensorFlow can share only {ALIGNMENT}-byte aligned, "
            f"row-major memory; this array is at address {address:#x} with element strides "
            f"{strides} for shape {shape} (copy=None or True copies it)"
        )
    held, native = types
    memory = _view(address, shape, strides, np.dtype(held), itemsize)
    out = tf.convert_to_tensor(aligned_copy(memory))  # (``capsule`` keeps ``x`` alive till here)
    return out if out.dtype is native else tf.bitcast(out, native)


def _row_major(shape: tuple[int, ...]) -> tuple[int, ...]:
    strides, step = [], 1
    for n in reversed(shape):
        strides.append(step)
        step *= max(n, 1)
    return tuple(reversed(strides))


def _strides(dl: _DLTensor, shape: tuple[int, ...]) -> tuple[int, ...]:
    """The element strides (DLPack leaves them NULL for row-major memory)."""
    if not dl.strides:
        return _row_major(shape)
    return tuple(dl.strides[i] for i in range(len(shape)))


def _view(
    address: int, shape: tuple[int, ...], strides: tuple[int, ...], dtype: Any, size: int
) -> Any:
    """A NumPy view of the elements at ``address`` (``strides`` in elements of ``size``
    bytes, negative ones too)."""
    if math.prod(shape) == 0:
        return np.empty(shape, dtype)
    low = sum(min(0, (n - 1) * s) for n, s in zip(shape, strides, strict=True)) * size
    high = sum(max(0, (n - 1) * s) for n, s in zip(shape, strides, strict=True)) * size + size
    raw = (ctypes.c_uint8 * (high - low)).from_address(address + low)
    flat = np.frombuffer(memoryview(raw).cast("B"), np.uint8)
    return np.lib.stride_tricks.as_strided(
        flat[-low:].view(dtype) if low else flat.view(dtype),
        shape,
        tuple(s * size for s in strides),
    )
