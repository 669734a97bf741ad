"""Plumbing for ``eagerlite.tensor``: errors, shape normalisation, op-table binding."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .types import AxisAxes, Shape, ShapeOrScalar

SCALARS = frozenset({int, float, bool})  # operand types passed on as they are, checked first

if TYPE_CHECKING:
    from .tensor.tensor import Tensor, TensorType


class GradientNotSupportedError(NotImplementedError, TypeError):
    """Raised when a gradient is requested from a framework without autodiff (NumPy)."""

    __module__ = "eagerlite"


class TracedValueError(TypeError):
    """A Python value (``item()``, ``bool()``, ``numpy()``) was asked of a traced tensor."""

    __module__ = "eagerlite"


def traced_value_error(tensor: object, what: str, tracer: str) -> TracedValueError:
    return TracedValueError(
        f"{what} needs a concrete value, but this {type(tensor).__name__} is symbolic: it is "
        f"being traced by {tracer}. Keep the computation in tensors (ep.where instead of "
        f"`if`, return the tensor instead of {what}), or call {what} outside the compiled code"
    )


class UnknownTensorTypeError(TypeError, ValueError):
    """``astensor`` got something that is not a tensor of a supported framework.

    A ``TypeError``; also a ``ValueError``, which is what EagerPy raised.
    """

    __module__ = "eagerlite"


TENSOR_CLASSES: set[type] = set()  # every subclass of Tensor (a faster test than isinstance)


def type_name(x: object) -> str:
    """``module.Class`` of ``x``'s type, as error messages name it (``builtins.`` left out)."""
    kind = type(x)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def mixed_backends_error(a: Tensor[Any], b: object) -> TypeError:
    if type(b) in TENSOR_CLASSES:
        return TypeError(
            f"cannot combine a {type(a).__name__} with a {type(b).__name__}: all tensors in "
            "one operation must come from the same framework (convert one first, e.g. with "
            f"x.convert({a.framework!r}))"
        )
    return TypeError(
        f"cannot combine a {type(a).__name__} with a native {type_name(b)}: all tensors in "
        f"one operation must come from the same framework (wrap and convert it first: "
        f"ep.astensor(x).convert({a.framework!r}))"
    )


def unknown_device_error(tensor: object, device: object, available: Sequence[str]) -> ValueError:
    return ValueError(
        f"cannot move a {type(tensor).__name__} to {device!r}: this machine has no such "
        f"device; the available ones are {', '.join(available)}"
    )


def parse_device(device: str) -> tuple[str, int | None]:
    """A device name as ``(kind, index)``: ``"cuda:1"`` -> ``("gpu", 1)``, ``"/CPU:0"`` ->
    ``("cpu", 0)``, ``"cpu"`` -> ``("cpu", None)``; ``cuda`` and ``rocm`` mean ``gpu``."""
    name = device.strip().lower().rsplit("/", 1)[-1].removeprefix("device:")
    kind, _, index = name.partition(":")
    kind = "gpu" if kind in ("cuda", "rocm") else kind
    return kind, int(index) if index.isdigit() else None


class NotAnOperandError(TypeError):
    """A binary operation got a value that is neither a tensor nor a number (``None``, a str)."""


def not_an_operand_error(a: Tensor[Any], b: object) -> NotAnOperandError:
    return NotAnOperandError(
        f"cannot combine a {type(a).__name__} with {type_name(b)} {b!r:.40}: expected a "
        "Tensor of the same framework, a native tensor of it, a number, or a list of numbers"
    )


def tensor_argument(t: TensorType, function: str) -> TensorType:
    """``t``, checked to be an eagerlite Tensor (``ep.<function>`` got it; a native tensor
    gets an error saying to wrap it with ``ep.astensor``)."""
    if type(t) in TENSOR_CLASSES:
        return t
    raise not_a_tensor_error(function, t)


def not_a_tensor_error(function: str, x: object) -> TypeError:
    """``ep.<function>`` got something that is not an eagerlite Tensor where it needs one."""
    from .astensor import _converter

    if _converter(type(x)) is not None:
        return TypeError(
            f"ep.{function} expects an eagerlite Tensor, got a native {type_name(x)}: wrap it "
            "with ep.astensor(x) first (and take .raw of the result for a native one)"
        )
    return TypeError(f"ep.{function} expects an eagerlite Tensor, got {type_name(x)} {x!r:.40}")


def as_shape(shape: ShapeOrScalar) -> Shape:
    """Normalise an int or a sequence of ints to a shape tuple."""
    if isinstance(shape, int):
        return (shape,)
    try:
        return tuple(operator.index(s) for s in shape)
    except TypeError:
        raise TypeError(f"expected a shape (an int or a tuple of ints), got {shape!r}") from None


def _install(
    base: type, cls: type, name: str, make: Callable[[Any], Callable[..., Any]], fn: Any
) -> None:
    if not callable(getattr(base, name, None)):
        raise AttributeError(f"{cls.__name__} lists {name!r}, which is not a Tensor method")
    method = make(fn)
    method.__name__ = name
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    method.__doc__ = getattr(base, name).__doc__
    setattr(cls, name, method)


def _unary_method(fn: Callable[[Any], Any]) -> Callable[..., Any]:
    def method(self: Tensor[Any]) -> Any:
        return type(self)(fn(self.raw))

    return method


# The methods below are the hot path of every program: they inline the two common cases
# of ``Tensor._operand`` (a tensor of the same class, a Python scalar) and pass reductions
# no keywords when they have their defaults (NumPy's fastest path).
def _binary_method(fn: Callable[[Any, Any], Any]) -> Callable[..., Any]:
    return _operator_method(fn, reflected=False)  # a binary method is a forward operator


def _operator_method(fn: Callable[[Any, Any], Any], reflected: bool) -> Callable[..., Any]:
    def method(self: Tensor[Any], other: Any) -> Any:
        kind = type(other)
        if kind is type(self):
            raw = other.raw
        elif kind in SCALARS:
            raw = other
        else:
            raw = self._operand(other)
            if raw is None:  # (an optional argument elsewhere; no operand of an operator)
                raise not_an_operand_error(self, raw)
        try:
            return type(self)(fn(raw, self.raw) if reflected else fn(self.raw, raw))
        except self._device_errors as error:
            check_devices(self, other, error)
            raise

    return method


def equality(compare: Callable[..., Any], unequal: bool) -> Callable[..., Any]:
    """The operator ``compare`` (``==`` or, with ``unequal``, ``!=``) made to give NumPy's
    answer for a value that is no operand (``None``, a str, any object): unequal to every
    element."""

    def method(self: Tensor[Any], other: Any) -> Any:
        try:
            return compare(self, other)
        except NotAnOperandError:
            return self.full_like(unequal, dtype=self._dtypes["bool"])

    return method


class DeviceMismatchError(ValueError):
    """One operation got tensors on different devices (the framework's error is its cause)."""

    __module__ = "eagerlite"


def check_devices(a: Tensor[Any], b: object, error: Exception) -> None:
    """After a framework error: raise DeviceMismatchError if ``a`` and ``b`` are on two devices."""
    from .tensor.tensor import Tensor

    if not isinstance(b, Tensor):
        return
    try:
        devices = a.device, b.device
    except Exception:  # traced values have no device; the framework's error stands
        return
    if devices[0] != devices[1]:
        raise DeviceMismatchError(
            f"cannot combine a {type(a).__name__} on {devices[0]} with one on {devices[1]}: "
            "move one of them first, e.g. with x.to_device(y.device)"
        ) from error


def _reduction_method(fn: Callable[..., Any]) -> Callable[..., Any]:
    def method(self: Tensor[Any], axis: AxisAxes | None = None, keepdims: bool = False) -> Any:
        if axis is None and not keepdims:
            return type(self)(fn(self.raw))
        return type(self)(fn(self.raw, axis=axis, keepdims=keepdims))

    return method


_TABLES = (
    ("_unary_ops", _unary_method),
    ("_binary_ops", _binary_method),
    ("_reductions", _reduction_method),
)
_ARITHMETIC = ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow")
# method name -> (operator name, reflected); a backend's ``_operators`` table may give its
# own function for an operator name (NumPy's ``floordiv``: its namespace's floor_divide)
_OPERATORS = {
    **{f"__{name}__": (name, False) for name in _ARITHMETIC},
    **{f"__r{name}__": (name, True) for name in _ARITHMETIC},
    **{f"__{name}__": (name, False) for name in "lt le gt ge eq ne".split()},
}


def bind_op_tables(base: type, cls: type) -> None:
    """Give ``cls`` a fast method for every entry of its own op tables (unless it defines one)."""
    for table, make in _TABLES:
        for name, fn in cls.__dict__.get(table, {}).items():
            if name not in cls.__dict__:  # an explicit override wins
                _install(base, cls, name, make, fn)
    if "_unary_ops" in cls.__dict__:  # a backend class: its operators, bound the same way
        own = cls.__dict__.get("_operators", {})
        for name, (op, reflected) in _OPERATORS.items():
            if name not in cls.__dict__:
                fn = own.get(op) or getattr(operator, op)
                method = _operator_method(fn, reflected)
                if op in ("eq", "ne"):
                    method = equality(method, unequal=op == "ne")
                setattr(cls, name, method)
        if "__abs__" not in cls.__dict__ and "abs" in cls.__dict__["_unary_ops"]:
            _install(base, cls, "__abs__", _unary_method, cls.__dict__["_unary_ops"]["abs"])


def load_on_first_use(cls: type[Tensor[Any]]) -> None:
    """Make the first instantiation of the backend class ``cls`` bind it to its framework.

    ``astensor`` binds a backend class before it creates the first instance; this covers
    ``PyTorchTensor(raw)`` written directly, as EagerPy code does.  (``__init__``, not
    ``__new__``: Python cannot give a class its plain ``object.__new__`` slot back.)
    """
    init = cls.__dict__.get("__init__")

    def first_init(self: Tensor[Any], raw: Any) -> None:
        from .astensor import backend_class

        backend_class(self.framework)  # binds the class, which restores its __init__
        type(self).__init__(self, raw)

    cls._own_init = init  # type: ignore[attr-defined]
    cls.__init__ = first_init  # type: ignore[method-assign]


def finish_backend(cls: type[Tensor[Any]], tables: dict[str, Any]) -> None:
    """Bind the backend class ``cls`` once its framework is imported: its op tables (with
    their fast methods, see ``bind_op_tables``); instances are then created directly."""
    from .tensor.tensor import Tensor

    for name, table in tables.items():
        setattr(cls, name, table)
    cls._backend_class = cls
    bind_op_tables(Tensor, cls)
    init = cls.__dict__.get("_own_init")
    if init is not None:
        cls.__init__ = init  # type: ignore[method-assign]
    elif "__init__" in cls.__dict__:
        del cls.__init__
    if "_own_init" in cls.__dict__:
        del cls._own_init  # type: ignore[attr-defined]


def tree_map(fn: Callable[[Any], Any], tree: Any) -> Any:
    """``fn`` applied to the leaves of nested tuples (named ones too), lists and dicts."""
    if isinstance(tree, tuple) and hasattr(tree, "_fields"):
        return type(tree)(*(tree_map(fn, x) for x in tree))
    if isinstance(tree, (list, tuple)):
        return type(tree)(tree_map(fn, x) for x in tree)
    if isinstance(tree, dict):
        return {k: tree_map(fn, v) for k, v in tree.items()}
    return fn(tree)


# Marks where a leaf sits in a template (see ``leaves``): a string, because torch.compile
# passes templates to a function it does not trace only as constants (the bridges).
_SLOT = "\x00eagerlite-tensor\x00"


def leaves(tree: Any, test: Callable[[Any], bool]) -> tuple[list[Any], Any]:
    """The leaves of ``tree`` passing ``test``, and a template with ``_SLOT`` in their place."""
    found: list[Any] = []

    def take(leaf: Any) -> Any:
        if test(leaf):
            found.append(leaf)
            return _SLOT
        return leaf

    return found, tree_map(take, tree)


def fill(template: Any, values: Sequence[Any]) -> Any:
    """``template`` with its ``_SLOT`` leaves replaced by ``values``, in order."""
    it = iter(values)
    return tree_map(lambda leaf: next(it) if _is_slot(leaf) else leaf, template)


def _is_slot(leaf: Any) -> bool:
    return isinstance(leaf, str) and leaf == _SLOT


class RandomState:
    """The seed of eagerlite's own implicit random numbers (JAX has no global generator).

    ``ep.seed`` sets ``seed`` and bumps ``generation``; the JAX backend restarts its key
    sequence when it sees a new generation.
    """

    seed = 0
    generation = 0
