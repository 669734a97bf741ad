"""eagerlite: write a function once, run it natively on NumPy, PyTorch, TensorFlow and JAX.

``import eagerlite`` imports no framework (and not NumPy); a backend is bound to its
framework the first time one of its tensors is passed to :func:`astensor`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from . import dtypes, lib, modules, norms, types, utils
from ._support import (
    DeviceMismatchError,
    GradientNotSupportedError,
    TracedValueError,
    UnknownTensorTypeError,
)

# (``eagerlite.astensor`` is the function; the module of EagerPy's path ``eagerlite.astensor``
# is loaded above, by ``modules``, so importing it later does not rebind the name)
from .astensor import astensor, astensor_, astensors, astensors_
from .dtypes import (
    DType,
    bfloat16,
    bool,
    complex64,
    complex128,
    float16,
    float32,
    float64,
    int8,
    int16,
    int32,
    int64,
    uint8,
    uint16,
    uint32,
    uint64,
)
from .framework import (
    abs,
    all,
    any,
    arange,
    arccos,
    arccosh,
    arcsin,
    arcsinh,
    arctan,
    arctanh,
    argmax,
    argmin,
    argsort,
    astype,
    ceil,
    clip,
    concatenate,
    cos,
    cosh,
    crossentropy,
    cumsum,
    device_of,
    exp,
    expand_dims,
    flatten,
    flip,
    floor,
    from_numpy,
    full,
    full_like,
    index_update,
    inv,
    isinf,
    isnan,
    item,
    log,
    log1p,
    log2,
    log10,
    log_softmax,
    logical_and,
    logical_not,
    logical_or,
    matmul,
    max,
    maximum,
    mean,
    meshgrid,
    min,
    minimum,
    normal,
    onehot_like,
    ones,
    ones_like,
    pad,
    pow,
    prod,
    reshape,
    round,
    seed,
    sign,
    sin,
    sinh,
    slogdet,
    softmax,
    sort,
    sqrt,
    square,
    squeeze,
    stack,
    stop_gradient,
    sum,
    take_along_axis,
    tan,
    tanh,
    tile,
    to_device,
    topk,
    transpose,
    uniform,
    value_and_grad,
    value_and_grad_fn,
    value_aux_and_grad,
    where,
    zeros,
    zeros_like,
)
from .lib import kl_div_with_logits
from .modules import jax, numpy, tensorflow, torch
from .tensor import Tensor, TensorOrScalar, TensorType, istensor
from .xp import array_namespace

if TYPE_CHECKING:
    from .backends import JAXTensor, NumPyTensor, PyTorchTensor, TensorFlowTensor
    from .bridges import Bridged, bridge, convert

__version__ = "0.1.0"

newaxis = None
inf = math.inf
nan = math.nan


class _Index:
    """``ep.index[:, 1]`` is ``(slice(None), 1)``: indices to pass to ``index_update``."""

    __slots__ = ()

    def __getitem__(self, index: Any) -> Any:
        return index


index = _Index()

_BACKENDS = ("JAXTensor", "NumPyTensor", "PyTorchTensor", "TensorFlowTensor")
_BRIDGES = ("Bridged", "bridge", "convert")


def __getattr__(name: str) -> Any:
    if name in _BACKENDS:  # (no framework is imported; the modules load on first access)
        from . import backends

        return getattr(backends, name)
    if name in _BRIDGES:  # loaded on first use, to keep `import eagerlite` fast
        from . import bridges

        return getattr(bridges, name)
    raise AttributeError(f"module 'eagerlite' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_BACKENDS, *_BRIDGES])


__all__ = [
    "Bridged",
    "DType",
    "DeviceMismatchError",
    "GradientNotSupportedError",
    "JAXTensor",
    "NumPyTensor",
    "PyTorchTensor",
    "Tensor",
    "TensorFlowTensor",
    "TensorOrScalar",
    "TensorType",
    "TracedValueError",
    "UnknownTensorTypeError",
    "__version__",
    "abs",
    "all",
    "any",
    "arange",
    "arccos",
    "arccosh",
    "arcsin",
    "arcsinh",
    "arctan",
    "arctanh",
    "argmax",
    "argmin",
    "argsort",
    "array_namespace",
    "astensor",
    "astensor_",
    "astensors",
    "astensors_",
    "astype",
    "bfloat16",
    "bool",
    "bridge",
    "ceil",
    "clip",
    "complex64",
    "complex128",
    "concatenate",
    "convert",
    "cos",
    "cosh",
    "crossentropy",
    "cumsum",
    "device_of",
    "dtypes",
    "exp",
    "expand_dims",
    "flatten",
    "flip",
    "float16",
    "float32",
    "float64",
    "floor",
    "from_numpy",
    "full",
    "full_like",
    "index",
    "index_update",
    "inf",
    "int8",
    "int16",
    "int32",
    "int64",
    "inv",
    "isinf",
    "isnan",
    "istensor",
    "item",
    "jax",
    "kl_div_with_logits",
    "lib",
    "log",
    "log1p",
    "log2",
    "log10",
    "log_softmax",
    "logical_and",
    "logical_not",
    "logical_or",
    "matmul",
    "max",
    "maximum",
    "mean",
    "meshgrid",
    "min",
    "minimum",
    "modules",
    "nan",
    "newaxis",
    "normal",
    "norms",
    "numpy",
    "onehot_like",
    "ones",
    "ones_like",
    "pad",
    "pow",
    "prod",
    "reshape",
    "round",
    "seed",
    "sign",
    "sin",
    "sinh",
    "slogdet",
    "softmax",
    "sort",
    "sqrt",
    "square",
    "squeeze",
    "stack",
    "stop_gradient",
    "sum",
    "take_along_axis",
    "tan",
    "tanh",
    "tensorflow",
    "tile",
    "to_device",
    "topk",
    "torch",
    "transpose",
    "types",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uniform",
    "utils",
    "value_and_grad",
    "value_and_grad_fn",
    "value_aux_and_grad",
    "where",
    "zeros",
    "zeros_like",
]
