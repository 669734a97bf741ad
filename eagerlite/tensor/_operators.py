"""Python's operators on Tensors: each is the namespace function of the same operation
(``t + u`` is ``xp.add``, ``t // u`` is ``xp.floor_divide``, ...), so operators, methods
and both namespace faces give the same answers.

The operators are the hot path of every program: each framework's class gets its own
copy of each, with the namespace function looked up once (``install``), which also
names both devices when the framework rejects a device mix.  In-place operators update
the Tensor itself (its ``.raw`` is rebound; the dtype stays, as the standard asks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

from .._core.errors import NotAnOperandError, not_an_operand_error
from ._part import Part
from ._wrapper import SCALARS

Scalar = int | float

# operator -> (namespace function, reflected)
BINARY = {
    "__add__": ("add", False),
    "__sub__": ("subtract", False),
    "__mul__": ("multiply", False),
    "__truediv__": ("divide", False),
    "__floordiv__": ("floor_divide", False),
    "__mod__": ("remainder", False),
    "__pow__": ("pow", False),
    "__matmul__": ("matmul", False),
    "__and__": ("bitwise_and", False),
    "__or__": ("bitwise_or", False),
    "__xor__": ("bitwise_xor", False),
    "__lshift__": ("bitwise_left_shift", False),
    "__rshift__": ("bitwise_right_shift", False),
    "__lt__": ("less", False),
    "__le__": ("less_equal", False),
    "__gt__": ("greater", False),
    "__ge__": ("greater_equal", False),
    "__eq__": ("equal", False),
    "__ne__": ("not_equal", False),
}
BINARY |= {
    f"__r{name[2:]}": (fn, True)
    for name, (fn, _) in list(BINARY.items())
    if name not in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__")
}
UNARY = {
    "__neg__": "negative",
    "__pos__": "positive",
    "__abs__": "abs",
    "__invert__": "bitwise_invert",
}
_EQUALITY = {"__eq__": False, "__ne__": True}  # (True: != gives True for a non-operand)


def binary(name: str, reflected: bool, fn: Callable[[Any, Any], Any] | None = None) -> Any:
    """The operator calling the namespace function ``name`` (``fn``, where known)."""
    shortcut = getattr(fn, "operator", None)
    if shortcut is not None:
        op, exact = shortcut
        return _shortcut(_through(name, reflected, fn), op, exact, reflected)
    return _through(name, reflected, fn)


def _through(name: str, reflected: bool, fn: Callable[[Any, Any], Any] | None) -> Any:
    def method(self: Any, other: Any) -> Any:
        kind = type(other)
        if kind is type(self):
            raw = other.raw
        elif kind in SCALARS:
            raw = other
        else:
            raw = self._operand(other)
            if raw is None:  # (an optional argument elsewhere; no operand of an operator)
                raise not_an_operand_error(self, raw)
        f = fn or getattr(self._ns, name)
        try:
            return type(self)(f(raw, self.raw) if reflected else f(self.raw, raw))
        except self._device_errors as error:
            self._check_devices(other, error)
            raise

    return method


def _shortcut(general: Any, op: Any, exact: Any, reflected: bool) -> Any:
    """The operator of a namespace function that declares itself (``fn.operator``) to be
    the native operator ``op`` for a native tensor of type ``exact`` and a Python int,
    float or bool, or two such tensors of one dtype: ``op`` is called without the
    function's frame there (one Python call less on the hot path), ``general`` (through
    the function) elsewhere.  (``SCALARS`` is read as a global: torch.compile traces no
    set held in a closure.)"""

    def method(self: Any, other: Any) -> Any:
        raw, kind = self.raw, type(other)
        if type(raw) is exact:
            if kind in SCALARS:
                b = other
            elif kind is type(self) and type(other.raw) is exact and other.raw.dtype is raw.dtype:
                b = other.raw
            else:
                return general(self, other)
            try:
                return type(self)(op(b, raw) if reflected else op(raw, b))
            except self._device_errors as error:
                self._check_devices(other, error)
                raise
        return general(self, other)

    return method


def equality(compare: Callable[..., Any], unequal: bool) -> Callable[..., Any]:
    """The operator ``compare`` (``==`` or, with ``unequal``, ``!=``) made to give NumPy's
    answer for a value that is no operand (``None``, a str, any object): unequal to every
    element."""

    def method(self: Any, other: Any) -> Any:
        try:
            return compare(self, other)
        except NotAnOperandError:
            return self.full_like(unequal, dtype="bool")

    return method


def unary(name: str, fn: Callable[[Any], Any] | None = None) -> Any:
    def method(self: Any) -> Any:
        return type(self)((fn or getattr(self._ns, name))(self.raw))

    return method


def _make(name: str, ns: Any) -> Any:
    """The operator method ``name`` (``ns``: the namespace, or None to look up per call)."""
    if name in UNARY:
        method = unary(UNARY[name], None if ns is None else getattr(ns, UNARY[name]))
    else:
        fn_name, reflected = BINARY[name]
        method = binary(fn_name, reflected, None if ns is None else getattr(ns, fn_name))
        if name in _EQUALITY:
            method = equality(method, _EQUALITY[name])
    method.__name__ = name
    return method


def install(cls: type, ns: Any) -> None:
    """Give the framework class ``cls`` its own operators, over its namespace ``ns``."""
    for name in (*BINARY, *UNARY):
        method = _make(name, ns)
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)


class Operators(Part):
    """Python's operators (the framework classes get faster copies: see ``install``)."""

    __slots__ = ()

    if TYPE_CHECKING:

        def __neg__(self) -> Self: ...
        def __pos__(self) -> Self: ...
        def __abs__(self) -> Self: ...
        def __invert__(self) -> Self: ...
        def __add__(self, other: Self | Scalar) -> Self: ...
        def __radd__(self, other: Scalar) -> Self: ...
        def __sub__(self, other: Self | Scalar) -> Self: ...
        def __rsub__(self, other: Scalar) -> Self: ...
        def __mul__(self, other: Self | Scalar) -> Self: ...
        def __rmul__(self, other: Scalar) -> Self: ...
        def __truediv__(self, other: Self | Scalar) -> Self: ...
        def __rtruediv__(self, other: Scalar) -> Self: ...
        def __floordiv__(self, other: Self | Scalar) -> Self: ...
        def __rfloordiv__(self, other: Scalar) -> Self: ...
        def __mod__(self, other: Self | Scalar) -> Self: ...
        def __rmod__(self, other: Scalar) -> Self: ...
        def __pow__(self, other: Self | Scalar) -> Self: ...
        def __rpow__(self, other: Scalar) -> Self: ...
        def __matmul__(self, other: Self) -> Self: ...
        def __rmatmul__(self, other: Self) -> Self: ...
        def __and__(self, other: Self | Scalar) -> Self: ...
        def __rand__(self, other: Scalar) -> Self: ...
        def __or__(self, other: Self | Scalar) -> Self: ...
        def __ror__(self, other: Scalar) -> Self: ...
        def __xor__(self, other: Self | Scalar) -> Self: ...
        def __rxor__(self, other: Scalar) -> Self: ...
        def __lshift__(self, other: Self | int) -> Self: ...
        def __rlshift__(self, other: int) -> Self: ...
        def __rshift__(self, other: Self | int) -> Self: ...
        def __rrshift__(self, other: int) -> Self: ...
        def __lt__(self, other: Self | Scalar) -> Self: ...
        def __le__(self, other: Self | Scalar) -> Self: ...
        def __gt__(self, other: Self | Scalar) -> Self: ...
        def __ge__(self, other: Self | Scalar) -> Self: ...
        def __eq__(self, other: Self | Scalar) -> Self: ...  # type: ignore[override]
        def __ne__(self, other: Self | Scalar) -> Self: ...  # type: ignore[override]

    # In-place: the tensor itself takes the result (its dtype stays, as the standard asks).
    def _inplace(self, result: Any) -> Self:
        self.raw = result.raw
        return self

    def __iadd__(self, other: Self | Scalar) -> Self:
        return self._inplace(self + other)

    def __isub__(self, other: Self | Scalar) -> Self:
        return self._inplace(self - other)

    def __imul__(self, other: Self | Scalar) -> Self:
        return self._inplace(self * other)

    def __itruediv__(self, other: Self | Scalar) -> Self:
        return self._inplace(self / other)

    def __ifloordiv__(self, other: Self | Scalar) -> Self:
        return self._inplace(self // other)

    def __imod__(self, other: Self | Scalar) -> Self:
        return self._inplace(self % other)

    def __ipow__(self, other: Self | Scalar) -> Self:
        return self._inplace(self**other)

    def __imatmul__(self, other: Self) -> Self:
        return self._inplace(self @ other)

    def __iand__(self, other: Self | Scalar) -> Self:
        return self._inplace(self & other)

    def __ior__(self, other: Self | Scalar) -> Self:
        return self._inplace(self | other)

    def __ixor__(self, other: Self | Scalar) -> Self:
        return self._inplace(self ^ other)

    def __ilshift__(self, other: Self | int) -> Self:
        return self._inplace(self << other)

    def __irshift__(self, other: Self | int) -> Self:
        return self._inplace(self >> other)


for _name in (*BINARY, *UNARY):  # (the abstract class's: they look the function up per call)
    setattr(Operators, _name, _make(_name, None))
