"""Layer 5, the faces: the Array API standard's functions, and eagerlite's beyond it, as
``ep.`` functions.

``ep.std(t, axis=0)`` is ``t.std(axis=0)``: each function calls the Tensor method of the
same name (one implementation per framework, in ``eagerlite.xp``), with the
standard's signature.  Binary functions take a Python scalar on either side
(``ep.subtract(1, t)``).  Creation functions take a reference tensor first, as EagerPy's
do (``ep.linspace(t, 0, 1, 5)``, ``ep.eye(t, 3)``): the new tensor has its framework and
device.  Docstrings come from the methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .framework import _documented, _first, _method, _tensor, _Unary
from .tensor._wrapper import TENSOR_CLASSES
from .tensor.tensor import Scalar, TensorType

if TYPE_CHECKING:
    from .types import Shape, ShapeOrScalar
    from .xp._at import At
    from .xp._common import UniqueAllResult, UniqueCountsResult, UniqueInverseResult

Axis = int | tuple[int, ...] | None


class _Binary(Protocol):
    def __call__(self, x1: TensorType | Scalar, x2: TensorType | Scalar, /) -> TensorType: ...


class _Statistic(Protocol):
    def __call__(
        self,
        x: TensorType,
        /,
        *,
        axis: Axis = None,
        correction: float = 0.0,
        keepdims: bool = False,
        ddof: float | None = None,
    ) -> TensorType: ...


class _AxisReduction(Protocol):
    def __call__(
        self, x: TensorType, /, *, axis: Axis = None, keepdims: bool = False
    ) -> TensorType: ...


class _Cumulative(Protocol):
    def __call__(
        self,
        x: TensorType,
        /,
        *,
        axis: int | None = None,
        dtype: Any = None,
        include_initial: bool = False,
    ) -> TensorType: ...


class _Closeness(Protocol):
    def __call__(
        self,
        a: TensorType,
        b: TensorType | Scalar,
        /,
        *,
        rtol: float = 1e-05,
        atol: float = 1e-08,
        equal_nan: bool = False,
    ) -> TensorType: ...


class _Triangle(Protocol):
    def __call__(self, x: TensorType, /, *, k: int = 0) -> TensorType: ...


def _binary(name: str) -> _Binary:
    @_documented(name, _Binary)
    def fn(x1: Any, x2: Any, /) -> Any:
        if type(x1) in TENSOR_CLASSES:
            return getattr(x1, name)(x2)
        if type(x2) in TENSOR_CLASSES:
            return x2._reflected(name, x1)
        raise TypeError(
            f"ep.{name} needs an eagerlite Tensor on at least one side, got "
            f"{type(x1).__name__} and {type(x2).__name__} (use ep.astensor)"
        )

    return fn


# fmt: off
acos: _Unary = _method("acos", _Unary)
acosh: _Unary = _method("acosh", _Unary)
asin: _Unary = _method("asin", _Unary)
asinh: _Unary = _method("asinh", _Unary)
atan: _Unary = _method("atan", _Unary)
atanh: _Unary = _method("atanh", _Unary)
bitwise_invert: _Unary = _method("bitwise_invert", _Unary)
conj: _Unary = _method("conj", _Unary)
expm1: _Unary = _method("expm1", _Unary)
imag: _Unary = _method("imag", _Unary)
real: _Unary = _method("real", _Unary)
isfinite: _Unary = _method("isfinite", _Unary)
negative: _Unary = _method("negative", _Unary)
positive: _Unary = _method("positive", _Unary)
reciprocal: _Unary = _method("reciprocal", _Unary)
signbit: _Unary = _method("signbit", _Unary)
trunc: _Unary = _method("trunc", _Unary)
matrix_transpose: _Unary = _method("matrix_transpose", _Unary)
unique_values: _Unary = _method("unique_values", _Unary)
sigmoid: _Unary = _method("sigmoid", _Unary)
log_sigmoid: _Unary = _method("log_sigmoid", _Unary)
relu: _Unary = _method("relu", _Unary)
softplus: _Unary = _method("softplus", _Unary)
erf: _Unary = _method("erf", _Unary)

add = _binary("add")
subtract = _binary("subtract")
multiply = _binary("multiply")
divide = _binary("divide")
floor_divide = _binary("floor_divide")
remainder = _binary("remainder")
atan2 = _binary("atan2")
copysign = _binary("copysign")
hypot = _binary("hypot")
logaddexp = _binary("logaddexp")
nextafter = _binary("nextafter")
equal = _binary("equal")
not_equal = _binary("not_equal")
greater = _binary("greater")
greater_equal = _binary("greater_equal")
less = _binary("less")
less_equal = _binary("less_equal")
logical_xor = _binary("logical_xor")
bitwise_and = _binary("bitwise_and")
bitwise_or = _binary("bitwise_or")
bitwise_xor = _binary("bitwise_xor")
bitwise_left_shift = _binary("bitwise_left_shift")
bitwise_right_shift = _binary("bitwise_right_shift")

std: _Statistic = _method("std", _Statistic)
var: _Statistic = _method("var", _Statistic)
count_nonzero: _AxisReduction = _method("count_nonzero", _AxisReduction)
logsumexp: _AxisReduction = _method("logsumexp", _AxisReduction)
median: _AxisReduction = _method("median", _AxisReduction)
cumulative_sum: _Cumulative = _method("cumulative_sum", _Cumulative)
cumulative_prod: _Cumulative = _method("cumulative_prod", _Cumulative)
isclose: _Closeness = _method("isclose", _Closeness)
allclose: _Closeness = _method("allclose", _Closeness)
tril: _Triangle = _method("tril", _Triangle)
triu: _Triangle = _method("triu", _Triangle)
# fmt: on


# ------------------------------------------------------------------- creation
@_documented("linspace")
def linspace(
    t: TensorType,
    start: float,
    stop: float,
    /,
    num: int,
    *,
    dtype: Any = None,
    endpoint: bool = True,
) -> TensorType:
    return _tensor(t, "linspace").linspace(start, stop, num, endpoint=endpoint, dtype=dtype)


@_documented("eye")
def eye(
    t: TensorType, n_rows: int, n_cols: int | None = None, /, *, k: int = 0, dtype: Any = None
) -> TensorType:
    return _tensor(t, "eye").eye(n_rows, n_cols, k=k, dtype=dtype)


@_documented("empty")
def empty(t: TensorType, shape: ShapeOrScalar, *, dtype: Any = None) -> TensorType:
    return _tensor(t, "empty").empty(shape, dtype=dtype)


@_documented("empty_like")
def empty_like(x: TensorType, /, *, dtype: Any = None) -> TensorType:
    return _tensor(x, "empty_like").empty_like(dtype=dtype)


@_documented("asarray")
def asarray(
    t: TensorType, obj: Any, /, *, dtype: Any = None, copy: bool | None = None
) -> TensorType:
    return _tensor(t, "asarray").asarray(obj, dtype=dtype, copy=copy)


def from_dlpack(t: TensorType, x: Any, /, *, copy: bool | None = None) -> TensorType:
    """``x`` (any array with ``__dlpack__``) as a tensor of ``t``'s framework, sharing its
    memory where the frameworks allow (``copy=True``: never)."""
    xp = _tensor(t, "from_dlpack")._ns
    new = type(t)(xp.from_dlpack(x, copy=copy) if copy is not None else xp.from_dlpack(x))
    if new.device == t.device:
        return new
    try:
        return new.to_device(t.device)  # t's device, as for the other creation functions
    except ValueError:  # (a JAX sharding that cannot split x's shape: where DLPack put it)
        return new


# ------------------------------------------------------- indexing and linalg
@_documented("take")
def take(x: TensorType, indices: TensorType, /, *, axis: int | None = None) -> TensorType:
    return _tensor(x, "take").take(indices, axis=axis)


@_documented("tensordot")
def tensordot(
    x1: TensorType,
    x2: TensorType,
    /,
    *,
    axes: int | tuple[Sequence[int], Sequence[int]] = 2,
) -> TensorType:
    return _tensor(x1, "tensordot").tensordot(x2, axes=axes)


@_documented("vecdot")
def vecdot(x1: TensorType, x2: TensorType, /, *, axis: int = -1) -> TensorType:
    return _tensor(x1, "vecdot").vecdot(x2, axis=axis)


@_documented("einsum")
def einsum(subscripts: str, /, *operands: TensorType) -> TensorType:
    first = _first(operands, "einsum")
    return first.einsum(subscripts, *operands[1:])


@_documented("outer")
def outer(x1: TensorType, x2: TensorType, /) -> TensorType:
    return _tensor(x1, "outer").outer(x2)


def at(x: TensorType, index: Any, /) -> At[TensorType]:
    """Functional indexed updates of ``x``: ``ep.at(x, i).set(v)``, ``.add(v)``,
    ``.multiply(v)``, ``.min(v)``, ``.max(v)`` return new tensors; ``x`` never changes.
    Repeated integer indices all count (``add`` adds each of their values)."""
    return x.at[index]


# --------------------------------------------------------------- manipulation
def concat(arrays: Sequence[TensorType], /, *, axis: int | None = 0) -> TensorType:
    """The tensors joined along an existing ``axis`` (flattened first if None)."""
    return _first(arrays, "concat")._concat(arrays, axis)


def broadcast_arrays(*arrays: TensorType) -> list[TensorType]:
    """The tensors broadcast to one shape."""
    return _first(arrays, "broadcast_arrays")._broadcast_arrays(arrays)


def broadcast_shapes(*shapes: Shape) -> tuple[int, ...]:
    """The shape the given shapes broadcast to (``ValueError`` if they do not)."""
    out: list[int] = []
    for shape in shapes:
        shape = tuple(shape)
        if len(shape) > len(out):
            out = [1] * (len(shape) - len(out)) + out
        for i, n in enumerate(shape, start=len(out) - len(shape)):
            if out[i] == 1:
                out[i] = n
            elif n != 1 and n != out[i]:
                raise ValueError(f"shapes {', '.join(map(str, shapes))} do not broadcast")
    return tuple(out)


@_documented("broadcast_to")
def broadcast_to(x: TensorType, /, shape: Shape) -> TensorType:
    return _tensor(x, "broadcast_to").broadcast_to(shape)


@_documented("moveaxis")
def moveaxis(
    x: TensorType, source: int | tuple[int, ...], destination: int | tuple[int, ...], /
) -> TensorType:
    return _tensor(x, "moveaxis").moveaxis(source, destination)


@_documented("permute_dims")
def permute_dims(x: TensorType, /, axes: tuple[int, ...]) -> TensorType:
    return _tensor(x, "permute_dims").permute_dims(axes)


@_documented("swapaxes")
def swapaxes(x: TensorType, axis1: int, axis2: int, /) -> TensorType:
    return _tensor(x, "swapaxes").swapaxes(axis1, axis2)


@_documented("repeat")
def repeat(x: TensorType, repeats: int | TensorType, /, *, axis: int | None = None) -> TensorType:
    return _tensor(x, "repeat").repeat(repeats, axis=axis)


@_documented("roll")
def roll(x: TensorType, /, shift: int | tuple[int, ...], *, axis: Axis = None) -> TensorType:
    return _tensor(x, "roll").roll(shift, axis=axis)


@_documented("unstack")
def unstack(x: TensorType, /, *, axis: int = 0) -> tuple[TensorType, ...]:
    return _tensor(x, "unstack").unstack(axis=axis)


@_documented("split")
def split(
    x: TensorType, indices_or_sections: int | list[int] | tuple[int, ...], /, *, axis: int = 0
) -> list[TensorType]:
    return _tensor(x, "split").split(indices_or_sections, axis=axis)


# ------------------------------------------------------ searching, sets, misc
@_documented("nonzero")
def nonzero(x: TensorType, /) -> tuple[TensorType, ...]:
    return _tensor(x, "nonzero").nonzero()


@_documented("searchsorted")
def searchsorted(
    x1: TensorType, x2: TensorType, /, *, side: str = "left", sorter: TensorType | None = None
) -> TensorType:
    return _tensor(x1, "searchsorted").searchsorted(x2, side=side, sorter=sorter)


@_documented("isin")
def isin(x1: TensorType, x2: TensorType | Scalar, /, *, invert: bool = False) -> TensorType:
    return _tensor(x1, "isin").isin(x2, invert=invert)


@_documented("unique_counts")
def unique_counts(x: TensorType, /) -> UniqueCountsResult[TensorType]:
    return _tensor(x, "unique_counts").unique_counts()


@_documented("unique_inverse")
def unique_inverse(x: TensorType, /) -> UniqueInverseResult[TensorType]:
    return _tensor(x, "unique_inverse").unique_inverse()


@_documented("unique_all")
def unique_all(x: TensorType, /) -> UniqueAllResult[TensorType]:
    return _tensor(x, "unique_all").unique_all()


@_documented("diff")
def diff(
    x: TensorType,
    /,
    *,
    axis: int = -1,
    n: int = 1,
    prepend: TensorType | None = None,
    append: TensorType | None = None,
) -> TensorType:
    return _tensor(x, "diff").diff(axis, n=n, prepend=prepend, append=append)


@_documented("nan_to_num")
def nan_to_num(
    x: TensorType, /, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None
) -> TensorType:
    return _tensor(x, "nan_to_num").nan_to_num(nan, posinf, neginf)


@_documented("quantile")
def quantile(
    x: TensorType,
    q: float | TensorType,
    /,
    *,
    axis: Axis = None,
    keepdims: bool = False,
    method: str = "linear",
) -> TensorType:
    return _tensor(x, "quantile").quantile(q, axis, keepdims, method=method)


@_documented("one_hot")
def one_hot(x: TensorType, num_classes: int, /, *, dtype: Any = None, axis: int = -1) -> TensorType:
    return _tensor(x, "one_hot").one_hot(num_classes, dtype=dtype, axis=axis)
