"""Layer 5, the faces: every Tensor method of EagerPy's API as a function, ``ep.sum(t,
axis=1)`` is ``t.sum(axis=1)`` (the standard's functions are in ``eagerlite.standard``).

Families of methods with one signature share one typed factory; the others are
written out.  Docstrings come from the methods.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import (
    TYPE_CHECKING,
    Any,
    Concatenate,
    Literal,
    ParamSpec,
    Protocol,
    TypeVar,
    overload,
)

from ._core import registry
from ._core.errors import not_a_tensor_error
from ._core.pytree import flatten as flatten_tree
from .tensor._autodiff import (
    FIRST,
    Argnums,
    check_function,
    check_params,
    grad_fn,
    positions_of,
)
from .tensor._autodiff import value_and_grad as core_value_and_grad
from .tensor._wrapper import TENSOR_CLASSES
from .tensor.tensor import Scalar, Tensor, TensorType
from .types import Axes, AxisAxes, ShapeOrScalar

if TYPE_CHECKING:
    import jax
    import torch

    from .tensor import JAXTensor, NumPyTensor, PyTorchTensor, TensorFlowTensor

P = ParamSpec("P")
F = TypeVar("F", bound=Callable[..., Any])
ParamsT = TypeVar("ParamsT")  # what is differentiated: a Tensor or a pytree of Tensors
LossT = TypeVar("LossT", bound=Tensor[Any])


def _documented(name: str, face: type | None = None) -> Callable[[F], F]:
    """The ``ep.name`` function: the method's name and docstring, ``eagerlite`` as its module
    (where users find it); ``face``, the typed protocol of a factory-made function, holds
    its signature (read by the API reference; ``inspect`` is not imported for it)."""

    def decorate(fn: F) -> F:
        fn.__name__ = fn.__qualname__ = name
        fn.__doc__ = getattr(Tensor, name).__doc__
        fn.__module__ = "eagerlite"
        if face is not None:
            fn.__face__ = face  # type: ignore[attr-defined]
        return fn

    return decorate


def _tensor(t: TensorType, function: str) -> TensorType:
    """``t``, checked to be an eagerlite Tensor (``ep.<function>`` got it; a native tensor
    gets an error saying to wrap it with ``ep.astensor``)."""
    if type(t) in TENSOR_CLASSES:
        return t
    raise not_a_tensor(function, t)


def not_a_tensor(function: str, x: object) -> TypeError:
    """``ep.<function>`` got something that is not an eagerlite Tensor where it needs one."""
    return not_a_tensor_error(function, x, registry.framework_of(type(x)) is not None)


class _Unary(Protocol):
    def __call__(self, t: TensorType, /) -> TensorType: ...


class _Round(Protocol):
    def __call__(self, t: TensorType, /, decimals: int = 0) -> TensorType: ...


class _Like(Protocol):
    def __call__(self, t: TensorType, /, *, dtype: Any = None) -> TensorType: ...


class _Reduction(Protocol):
    def __call__(
        self, t: TensorType, /, axis: AxisAxes | None = None, keepdims: bool = False
    ) -> TensorType: ...


class _Summation(Protocol):
    def __call__(
        self,
        t: TensorType,
        /,
        axis: AxisAxes | None = None,
        keepdims: bool = False,
        *,
        dtype: Any = None,
    ) -> TensorType: ...


class _ArgExtreme(Protocol):
    def __call__(
        self, t: TensorType, /, axis: int | None = None, keepdims: bool = False
    ) -> TensorType: ...


class _AlongAxis(Protocol):
    def __call__(self, t: TensorType, /, axis: int | None = None) -> TensorType: ...


class _Sorting(Protocol):
    def __call__(
        self,
        t: TensorType,
        /,
        axis: int = -1,
        *,
        descending: bool = False,
        stable: bool = True,
        kind: str | None = None,
    ) -> TensorType: ...


class _Softmax(Protocol):
    def __call__(self, t: TensorType, /, axis: int = -1) -> TensorType: ...


class _ScalarEitherSide(Protocol):
    @overload
    def __call__(self, x: TensorType, y: TensorType | Scalar, /) -> TensorType: ...
    @overload
    def __call__(self, x: Scalar, y: TensorType, /) -> TensorType: ...


def _method(name: str, face: type) -> Any:
    if face is _Unary:  # (the common case without packing arguments: 0.1 us less)

        @_documented(name, face)
        def unary(t: Any, /) -> Any:
            if type(t) in TENSOR_CLASSES:
                return getattr(t, name)()
            raise not_a_tensor(name, t)

        return unary

    @_documented(name, face)
    def fn(t: Any, /, *args: Any, **kwargs: Any) -> Any:
        if type(t) in TENSOR_CLASSES:
            return getattr(t, name)(*args, **kwargs)
        raise not_a_tensor(name, t)

    return fn


def _symmetric(name: str) -> _ScalarEitherSide:
    @_documented(name)
    def fn(x: Any, y: Any, /) -> Any:
        if type(x) in TENSOR_CLASSES:
            return getattr(x, name)(y)
        # (in x's place: minimum and maximum of -0.0 and 0.0 give the first operand)
        return _tensor(y, name)._reflected(name, x)

    return fn


# fmt: off
abs: _Unary = _method("abs", _Unary)
sign: _Unary = _method("sign", _Unary)
sqrt: _Unary = _method("sqrt", _Unary)
square: _Unary = _method("square", _Unary)
exp: _Unary = _method("exp", _Unary)
log: _Unary = _method("log", _Unary)
log2: _Unary = _method("log2", _Unary)
log10: _Unary = _method("log10", _Unary)
log1p: _Unary = _method("log1p", _Unary)
sin: _Unary = _method("sin", _Unary)
cos: _Unary = _method("cos", _Unary)
tan: _Unary = _method("tan", _Unary)
arcsin: _Unary = _method("arcsin", _Unary)
arccos: _Unary = _method("arccos", _Unary)
arctan: _Unary = _method("arctan", _Unary)
sinh: _Unary = _method("sinh", _Unary)
cosh: _Unary = _method("cosh", _Unary)
tanh: _Unary = _method("tanh", _Unary)
arcsinh: _Unary = _method("arcsinh", _Unary)
arccosh: _Unary = _method("arccosh", _Unary)
arctanh: _Unary = _method("arctanh", _Unary)
round: _Round = _method("round", _Round)
ceil: _Unary = _method("ceil", _Unary)
floor: _Unary = _method("floor", _Unary)
isnan: _Unary = _method("isnan", _Unary)
isinf: _Unary = _method("isinf", _Unary)
logical_not: _Unary = _method("logical_not", _Unary)
stop_gradient: _Unary = _method("stop_gradient", _Unary)
zeros_like: _Like = _method("zeros_like", _Like)
ones_like: _Like = _method("ones_like", _Like)
inv: _Unary = _method("inv", _Unary)

sum: _Summation = _method("sum", _Summation)
prod: _Summation = _method("prod", _Summation)
mean: _Summation = _method("mean", _Summation)
min: _Reduction = _method("min", _Reduction)
max: _Reduction = _method("max", _Reduction)
all: _Reduction = _method("all", _Reduction)
any: _Reduction = _method("any", _Reduction)

argmin: _ArgExtreme = _method("argmin", _ArgExtreme)
argmax: _ArgExtreme = _method("argmax", _ArgExtreme)
cumsum: _AlongAxis = _method("cumsum", _AlongAxis)
argsort: _Sorting = _method("argsort", _Sorting)
sort: _Sorting = _method("sort", _Sorting)
softmax: _Softmax = _method("softmax", _Softmax)
log_softmax: _Softmax = _method("log_softmax", _Softmax)

minimum = _symmetric("minimum")
maximum = _symmetric("maximum")
logical_and = _symmetric("logical_and")
logical_or = _symmetric("logical_or")
# fmt: on


@overload
def pow(t: TensorType, exponent: TensorType | Scalar) -> TensorType: ...
@overload
def pow(t: Scalar, exponent: TensorType) -> TensorType: ...
@_documented("pow")
def pow(t: Any, exponent: Any) -> Any:
    if type(t) in TENSOR_CLASSES:
        return t.pow(exponent)
    if type(exponent) in TENSOR_CLASSES:  # (a number first, as xp.pow takes it)
        return exponent._reflected("pow", t)
    raise not_a_tensor("pow", t)


@_documented("matmul")
def matmul(x: TensorType, y: TensorType) -> TensorType:
    return _tensor(x, "matmul").matmul(y)


@_documented("where")
def where(condition: TensorType, x: TensorType | Scalar, y: TensorType | Scalar) -> TensorType:
    return _tensor(condition, "where").where(x, y)


@_documented("clip")
def clip(
    t: TensorType,
    min: TensorType | float | None = None,
    max: TensorType | float | None = None,
    *,
    min_: TensorType | float | None = None,
    max_: TensorType | float | None = None,
) -> TensorType:
    return _tensor(t, "clip").clip(min, max, min_=min_, max_=max_)


@_documented("topk")
def topk(t: TensorType, k: int, sorted: bool = True) -> tuple[TensorType, TensorType]:
    return _tensor(t, "topk").topk(k, sorted=sorted)


@_documented("take_along_axis")
def take_along_axis(t: TensorType, indices: TensorType, axis: int = -1) -> TensorType:
    return _tensor(t, "take_along_axis").take_along_axis(indices, axis)


@_documented("reshape")
def reshape(t: TensorType, shape: ShapeOrScalar, *, copy: bool | None = None) -> TensorType:
    return _tensor(t, "reshape").reshape(shape, copy=copy)


@_documented("flatten")
def flatten(t: TensorType, start: int = 0, end: int = -1) -> TensorType:
    return _tensor(t, "flatten").flatten(start, end)


@_documented("transpose")
def transpose(t: TensorType, axes: Axes | None = None) -> TensorType:
    return _tensor(t, "transpose").transpose(axes)


@_documented("squeeze")
def squeeze(t: TensorType, axis: AxisAxes | None = None) -> TensorType:
    return _tensor(t, "squeeze").squeeze(axis)


@_documented("expand_dims")
def expand_dims(t: TensorType, axis: int | tuple[int, ...] = 0) -> TensorType:
    return _tensor(t, "expand_dims").expand_dims(axis)


@_documented("tile")
def tile(t: TensorType, multiples: int | Sequence[int]) -> TensorType:
    return _tensor(t, "tile").tile(multiples)


@_documented("flip")
def flip(t: TensorType, axis: AxisAxes | None = None) -> TensorType:
    return _tensor(t, "flip").flip(axis)


@_documented("pad")
def pad(
    t: TensorType,
    paddings: Sequence[tuple[int, int]],
    mode: str = "constant",
    value: float = 0,
) -> TensorType:
    return _tensor(t, "pad").pad(paddings, mode, value)


@_documented("meshgrid")
def meshgrid(t: TensorType, *tensors: TensorType, indexing: str = "xy") -> tuple[TensorType, ...]:
    return _tensor(t, "meshgrid").meshgrid(*tensors, indexing=indexing)


def _first(tensors: Sequence[TensorType], what: str) -> TensorType:
    if not tensors:
        raise ValueError(f"{what} needs at least one tensor")
    return _tensor(tensors[0], what)


def concatenate(tensors: Sequence[TensorType], axis: int | None = 0) -> TensorType:
    """The tensors (all of one framework) joined along an existing ``axis`` (flattened
    first if None); their dtypes are promoted to a common one.  (The standard's ``concat``.)"""
    return _first(tensors, "concatenate")._concat(tensors, axis)


def stack(tensors: Sequence[TensorType], axis: int = 0) -> TensorType:
    """The tensors (all of one framework) joined along a new ``axis``."""
    return _first(tensors, "stack")._stack(tensors, axis)


@_documented("zeros")
def zeros(t: TensorType, shape: ShapeOrScalar, *, dtype: Any = None) -> TensorType:
    return _tensor(t, "zeros").zeros(shape, dtype=dtype)


@_documented("ones")
def ones(t: TensorType, shape: ShapeOrScalar, *, dtype: Any = None) -> TensorType:
    return _tensor(t, "ones").ones(shape, dtype=dtype)


@_documented("full")
def full(t: TensorType, shape: ShapeOrScalar, value: float, *, dtype: Any = None) -> TensorType:
    return _tensor(t, "full").full(shape, value, dtype=dtype)


@_documented("full_like")
def full_like(t: TensorType, fill_value: float, *, dtype: Any = None) -> TensorType:
    return _tensor(t, "full_like").full_like(fill_value, dtype=dtype)


@_documented("uniform")
def uniform(
    t: TensorType, shape: ShapeOrScalar, low: float = 0.0, high: float = 1.0, *, key: Any = None
) -> TensorType:
    return _tensor(t, "uniform").uniform(shape, low, high, key=key)


@_documented("normal")
def normal(
    t: TensorType, shape: ShapeOrScalar, mean: float = 0.0, stddev: float = 1.0, *, key: Any = None
) -> TensorType:
    return _tensor(t, "normal").normal(shape, mean, stddev, key=key)


def seed(n: int) -> None:
    """Seed the implicit random numbers (no ``key``) of every imported framework.

    NumPy's, torch's and TensorFlow's global generators are seeded; eagerlite's JAX key
    sequence restarts from ``jax.random.key(n)``.
    """
    for framework in registry.FRAMEWORKS:
        if framework.imported() is not None:
            framework.load().hooks.seed(int(n))


@_documented("arange")
def arange(
    t: TensorType,
    start: int,
    stop: int | None = None,
    step: int | None = None,
    *,
    dtype: Any = None,
) -> TensorType:
    return _tensor(t, "arange").arange(start, stop, step, dtype=dtype)


@_documented("onehot_like")
def onehot_like(t: TensorType, indices: TensorType, *, value: float = 1) -> TensorType:
    return _tensor(t, "onehot_like").onehot_like(indices, value=value)


@_documented("from_numpy")
def from_numpy(t: TensorType, a: Any) -> TensorType:
    return _tensor(t, "from_numpy").from_numpy(a)


@_documented("astype")
def astype(t: TensorType, dtype: Any, /, *, copy: bool = True, device: Any = None) -> TensorType:
    return _tensor(t, "astype").astype(dtype, copy=copy, device=device)


@_documented("to_device")
def to_device(t: TensorType, device: Any) -> TensorType:
    return _tensor(t, "to_device").to_device(device)


@overload
def device_of(t: PyTorchTensor) -> torch.device: ...
@overload
def device_of(t: JAXTensor) -> jax.Device | jax.sharding.Sharding: ...
@overload
def device_of(t: NumPyTensor | TensorFlowTensor) -> str: ...
@overload
def device_of(t: Tensor[Any]) -> Any: ...
def device_of(t: Tensor[Any]) -> Any:
    """The native device of ``t`` (the same as ``t.device``)."""
    return t.device


@_documented("item")
def item(t: Tensor[Any]) -> int | float | bool:
    return _tensor(t, "item").item()


@_documented("crossentropy")
def crossentropy(logits: TensorType, labels: TensorType) -> TensorType:
    return _tensor(logits, "crossentropy").crossentropy(labels)


@_documented("slogdet")
def slogdet(matrix: TensorType) -> tuple[TensorType, TensorType]:
    return _tensor(matrix, "slogdet").slogdet()


@_documented("index_update")
def index_update(t: TensorType, indices: Any, values: TensorType | Scalar) -> TensorType:
    return _tensor(t, "index_update").index_update(indices, values)


@overload
def value_and_grad_fn(
    t: ParamsT,
    f: Callable[Concatenate[ParamsT, P], LossT],
    has_aux: Literal[False] = False,
) -> Callable[Concatenate[ParamsT, P], tuple[LossT, ParamsT]]: ...
@overload
def value_and_grad_fn(
    t: ParamsT,
    f: Callable[Concatenate[ParamsT, P], tuple[LossT, Any]],
    has_aux: Literal[True],
) -> Callable[Concatenate[ParamsT, P], tuple[LossT, Any, ParamsT]]: ...
@overload
def value_and_grad_fn(
    t: Any, f: Callable[..., Any], has_aux: bool = False, *, argnums: Argnums
) -> Callable[..., tuple[Any, ...]]: ...
@_documented("value_and_grad_fn")
def value_and_grad_fn(
    t: Any, f: Callable[..., Any], has_aux: bool = False, *, argnums: Argnums = 0
) -> Any:
    if callable(t) and not isinstance(t, Tensor):
        raise TypeError(
            f"value_and_grad_fn takes the parameters first, then the function: "
            f"value_and_grad_fn(params, f); got {getattr(t, '__name__', t)!r} as params"
        )
    leaves, names = flatten_tree([t], ["params"])  # checked here: errors before the first call
    return grad_fn(f, has_aux, argnums, like=check_params(leaves, names))


@overload
def value_and_grad(
    f: Callable[Concatenate[ParamsT, P], LossT],
    t: ParamsT,
    *args: P.args,
    **kwargs: P.kwargs,
) -> tuple[LossT, ParamsT]: ...
@overload
def value_and_grad(
    f: Callable[..., LossT], t: Any, *args: Any, argnums: Argnums, **kwargs: Any
) -> tuple[LossT, Any]: ...
def value_and_grad(
    f: Callable[..., Any], t: Any, *args: Any, argnums: Any = 0, **kwargs: Any
) -> tuple[Any, Any]:
    """``f(t, *args, **kwargs)`` and its gradient with respect to ``t``.

    ``t`` is a Tensor or a pytree of Tensors of one framework (nested tuples, lists and
    dicts, ``None`` leaves allowed): the gradient has its structure.  ``argnums`` (an
    int or a tuple of ints, counting ``t`` as 0) differentiates with respect to other or
    several positional arguments instead; with a tuple the gradient is a tuple.
    """
    if not callable(f):
        check_function(f)  # raises
    positions = FIRST if type(argnums) is int and argnums == 0 else positions_of(argnums)
    value, grad = core_value_and_grad(f, False, argnums, positions, None, (t, *args), kwargs)
    return value, grad


@overload
def value_aux_and_grad(
    f: Callable[Concatenate[ParamsT, P], tuple[LossT, Any]],
    t: ParamsT,
    *args: P.args,
    **kwargs: P.kwargs,
) -> tuple[LossT, Any, ParamsT]: ...
@overload
def value_aux_and_grad(
    f: Callable[..., tuple[LossT, Any]], t: Any, *args: Any, argnums: Argnums, **kwargs: Any
) -> tuple[LossT, Any, Any]: ...
def value_aux_and_grad(
    f: Callable[..., Any], t: Any, *args: Any, argnums: Any = 0, **kwargs: Any
) -> tuple[Any, Any, Any]:
    """Like ``value_and_grad`` for an ``f`` returning ``(value, aux)``."""
    if not callable(f):
        check_function(f)  # raises
    positions = FIRST if type(argnums) is int and argnums == 0 else positions_of(argnums)
    value, aux, grad = core_value_and_grad(f, True, argnums, positions, None, (t, *args), kwargs)
    return value, aux, grad
