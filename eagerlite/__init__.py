"""eagerlite: write a function once, run it natively on NumPy, PyTorch, TensorFlow and JAX.

``import eagerlite`` imports no framework (not even NumPy), and hardly any of eagerlite:
each public name is loaded the first time it is used (``ep.sum``: the module of the
``ep.`` functions; a framework's namespace: the first time one of its tensors is seen).
The package is built in layers, each importing only from those below it: the
foundations (``_core``: errors, dtypes, the framework registry, pytrees), the namespaces
(``xp``: one subpackage per framework, the only code calling into it), the Tensor
(``tensor``), dispatch (``astensor``, ``_namespaces``), the faces (``framework``,
``standard``, ``dtypes``, EagerPy's paths) and what is built on the whole (``bridges``,
``transforms``, ``nn``, ``optim``).
"""

import sys as _sys
from types import ModuleType as _ModuleType
from typing import TYPE_CHECKING

__version__ = "0.1.0"

newaxis = None
inf = float("inf")
nan = float("nan")
e = 2.718281828459045
pi = 3.141592653589793


class _Index:
    """``ep.index[:, 1]`` is ``(slice(None), 1)``: indices to pass to ``index_update``."""

    __slots__ = ()

    def __getitem__(self, index: object) -> object:
        return index


index = _Index()

# module -> the public names it holds, loaded on first use (by __getattr__)
_PUBLIC: dict[str, str] = {
    "_core.errors": (
        "DeviceMismatchError GradientNotSupportedError TracedValueError UnknownTensorTypeError"
    ),
    "astensor": ("astensor astensor_ astensors astensors_"),
    "_namespaces": ("array_namespace"),
    "dtypes": (
        "DType bfloat16 bool can_cast complex128 complex64 finfo float16 float32 float64 "
        "iinfo int16 int32 int64 int8 isdtype result_type uint16 uint32 uint64 uint8"
    ),
    "framework": (
        "abs all any arange arccos arccosh arcsin arcsinh arctan arctanh argmax argmin "
        "argsort astype ceil clip concatenate cos cosh crossentropy cumsum device_of exp "
        "expand_dims flatten flip floor from_numpy full full_like index_update inv isinf "
        "isnan item log log10 log1p log2 log_softmax logical_and logical_not logical_or "
        "matmul max maximum mean meshgrid min minimum normal onehot_like ones ones_like pad "
        "pow prod reshape round seed sign sin sinh slogdet softmax sort sqrt square squeeze "
        "stack stop_gradient sum take_along_axis tan tanh tile to_device topk transpose "
        "uniform value_and_grad value_and_grad_fn value_aux_and_grad where zeros zeros_like"
    ),
    "lib": ("kl_div_with_logits"),
    "modules": ("jax numpy tensorflow torch"),
    "standard": (
        "acos acosh add allclose asarray asin asinh at atan atan2 atanh bitwise_and "
        "bitwise_invert bitwise_left_shift bitwise_or bitwise_right_shift bitwise_xor "
        "broadcast_arrays broadcast_shapes broadcast_to concat conj copysign count_nonzero "
        "cumulative_prod cumulative_sum diff divide einsum empty empty_like equal erf expm1 "
        "eye floor_divide from_dlpack greater greater_equal hypot imag isclose isfinite isin "
        "less less_equal linspace log_sigmoid logaddexp logical_xor logsumexp "
        "matrix_transpose median moveaxis multiply nan_to_num negative nextafter nonzero "
        "not_equal one_hot outer permute_dims positive quantile real reciprocal relu "
        "remainder repeat roll searchsorted sigmoid signbit softplus split std subtract "
        "swapaxes take tensordot tril triu trunc unique_all unique_counts unique_inverse "
        "unique_values unstack var vecdot"
    ),
    "tensor": (
        "JAXTensor NumPyTensor PyTorchTensor Tensor TensorFlowTensor TensorOrScalar "
        "TensorType istensor"
    ),
    "bridges": ("Bridged bridge convert"),
    "transforms": (
        "cond custom_vjp fori_loop grad hessian jacfwd jacobian jacrev jit jvp map scan switch vjp "
        "vmap while_loop"
    ),
    "_core.pytree": ("TreeDef tree_flatten tree_leaves tree_map tree_structure tree_unflatten"),
}
_MODULES = frozenset(
    ("dtypes", "lib", "modules", "nn", "norms", "optim", "standard", "transforms", "types", "utils")
)  # public submodules
_WHERE = {name: module for module, names in _PUBLIC.items() for name in names.split()}


class _Package(_ModuleType):
    """The package: importing its submodule ``eagerlite.astensor`` (EagerPy's module path)
    leaves the name ``eagerlite.astensor`` to the function of that name."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "astensor" and isinstance(value, _ModuleType):
            return  # (the import system binds a submodule to its package's name)
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is not None:
        from importlib import import_module

        value = getattr(import_module(f".{module}", __name__), name)
    elif name in _MODULES:
        from importlib import import_module

        value = import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'eagerlite' has no attribute {name!r}")
    globals()[name] = value  # (once: later lookups find it directly)
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from . import dtypes, lib, modules, nn, norms, optim, standard, transforms, types, utils
    from ._core.errors import (
        DeviceMismatchError,
        GradientNotSupportedError,
        TracedValueError,
        UnknownTensorTypeError,
    )
    from ._core.pytree import (
        TreeDef,
        tree_flatten,
        tree_leaves,
        tree_map,
        tree_structure,
        tree_unflatten,
    )
    from ._namespaces import (
        array_namespace,
    )
    from .astensor import (
        astensor,
        astensor_,
        astensors,
        astensors_,
    )
    from .bridges import (
        Bridged,
        bridge,
        convert,
    )
    from .dtypes import (
        DType,
        bfloat16,
        bool,
        can_cast,
        complex64,
        complex128,
        finfo,
        float16,
        float32,
        float64,
        iinfo,
        int8,
        int16,
        int32,
        int64,
        isdtype,
        result_type,
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
    from .lib import (
        kl_div_with_logits,
    )
    from .modules import (
        jax,
        numpy,
        tensorflow,
        torch,
    )
    from .standard import (
        acos,
        acosh,
        add,
        allclose,
        asarray,
        asin,
        asinh,
        at,
        atan,
        atan2,
        atanh,
        bitwise_and,
        bitwise_invert,
        bitwise_left_shift,
        bitwise_or,
        bitwise_right_shift,
        bitwise_xor,
        broadcast_arrays,
        broadcast_shapes,
        broadcast_to,
        concat,
        conj,
        copysign,
        count_nonzero,
        cumulative_prod,
        cumulative_sum,
        diff,
        divide,
        einsum,
        empty,
        empty_like,
        equal,
        erf,
        expm1,
        eye,
        floor_divide,
        from_dlpack,
        greater,
        greater_equal,
        hypot,
        imag,
        isclose,
        isfinite,
        isin,
        less,
        less_equal,
        linspace,
        log_sigmoid,
        logaddexp,
        logical_xor,
        logsumexp,
        matrix_transpose,
        median,
        moveaxis,
        multiply,
        nan_to_num,
        negative,
        nextafter,
        nonzero,
        not_equal,
        one_hot,
        outer,
        permute_dims,
        positive,
        quantile,
        real,
        reciprocal,
        relu,
        remainder,
        repeat,
        roll,
        searchsorted,
        sigmoid,
        signbit,
        softplus,
        split,
        std,
        subtract,
        swapaxes,
        take,
        tensordot,
        tril,
        triu,
        trunc,
        unique_all,
        unique_counts,
        unique_inverse,
        unique_values,
        unstack,
        var,
        vecdot,
    )
    from .tensor import (
        JAXTensor,
        NumPyTensor,
        PyTorchTensor,
        Tensor,
        TensorFlowTensor,
        TensorOrScalar,
        TensorType,
        istensor,
    )
    from .transforms import (
        cond,
        custom_vjp,
        fori_loop,
        grad,
        hessian,
        jacfwd,
        jacobian,
        jacrev,
        jit,
        jvp,
        map,
        scan,
        switch,
        vjp,
        vmap,
        while_loop,
    )

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
    "TreeDef",
    "UnknownTensorTypeError",
    "__version__",
    "abs",
    "acos",
    "acosh",
    "add",
    "all",
    "allclose",
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
    "asarray",
    "asin",
    "asinh",
    "astensor",
    "astensor_",
    "astensors",
    "astensors_",
    "astype",
    "at",
    "atan",
    "atan2",
    "atanh",
    "bfloat16",
    "bitwise_and",
    "bitwise_invert",
    "bitwise_left_shift",
    "bitwise_or",
    "bitwise_right_shift",
    "bitwise_xor",
    "bool",
    "bridge",
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "can_cast",
    "ceil",
    "clip",
    "complex64",
    "complex128",
    "concat",
    "concatenate",
    "cond",
    "conj",
    "convert",
    "copysign",
    "cos",
    "cosh",
    "count_nonzero",
    "crossentropy",
    "cumsum",
    "cumulative_prod",
    "cumulative_sum",
    "custom_vjp",
    "device_of",
    "diff",
    "divide",
    "dtypes",
    "e",
    "einsum",
    "empty",
    "empty_like",
    "equal",
    "erf",
    "exp",
    "expand_dims",
    "expm1",
    "eye",
    "finfo",
    "flatten",
    "flip",
    "float16",
    "float32",
    "float64",
    "floor",
    "floor_divide",
    "fori_loop",
    "from_dlpack",
    "from_numpy",
    "full",
    "full_like",
    "grad",
    "greater",
    "greater_equal",
    "hessian",
    "hypot",
    "iinfo",
    "imag",
    "index",
    "index_update",
    "inf",
    "int8",
    "int16",
    "int32",
    "int64",
    "inv",
    "isclose",
    "isdtype",
    "isfinite",
    "isin",
    "isinf",
    "isnan",
    "istensor",
    "item",
    "jacfwd",
    "jacobian",
    "jacrev",
    "jax",
    "jit",
    "jvp",
    "kl_div_with_logits",
    "less",
    "less_equal",
    "lib",
    "linspace",
    "log",
    "log1p",
    "log2",
    "log10",
    "log_sigmoid",
    "log_softmax",
    "logaddexp",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "logsumexp",
    "map",
    "matmul",
    "matrix_transpose",
    "max",
    "maximum",
    "mean",
    "median",
    "meshgrid",
    "min",
    "minimum",
    "modules",
    "moveaxis",
    "multiply",
    "nan",
    "nan_to_num",
    "negative",
    "newaxis",
    "nextafter",
    "nn",
    "nonzero",
    "normal",
    "norms",
    "not_equal",
    "numpy",
    "one_hot",
    "onehot_like",
    "ones",
    "ones_like",
    "optim",
    "outer",
    "pad",
    "permute_dims",
    "pi",
    "positive",
    "pow",
    "prod",
    "quantile",
    "real",
    "reciprocal",
    "relu",
    "remainder",
    "repeat",
    "reshape",
    "result_type",
    "roll",
    "round",
    "scan",
    "searchsorted",
    "seed",
    "sigmoid",
    "sign",
    "signbit",
    "sin",
    "sinh",
    "slogdet",
    "softmax",
    "softplus",
    "sort",
    "split",
    "sqrt",
    "square",
    "squeeze",
    "stack",
    "standard",
    "std",
    "stop_gradient",
    "subtract",
    "sum",
    "swapaxes",
    "switch",
    "take",
    "take_along_axis",
    "tan",
    "tanh",
    "tensordot",
    "tensorflow",
    "tile",
    "to_device",
    "topk",
    "torch",
    "transforms",
    "transpose",
    "tree_flatten",
    "tree_leaves",
    "tree_map",
    "tree_structure",
    "tree_unflatten",
    "tril",
    "triu",
    "trunc",
    "types",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uniform",
    "unique_all",
    "unique_counts",
    "unique_inverse",
    "unique_values",
    "unstack",
    "utils",
    "value_and_grad",
    "value_and_grad_fn",
    "value_aux_and_grad",
    "var",
    "vecdot",
    "vjp",
    "vmap",
    "where",
    "while_loop",
    "zeros",
    "zeros_like",
]
