"""The Tensor face of a framework's namespace: the same functions, taking and returning
eagerlite Tensors of that framework (``ep.array_namespace(t)``).

Made once per framework from its native namespace, generically: every function unwraps
its Tensor arguments, calls the native function and wraps the arrays it returns, so the
face, the native namespace, the methods and the ``ep.`` functions give the same answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._core.dtypes import DType
from .._core.errors import mixed_frameworks_error
from ..xp import _names
from ..xp._at import At
from ..xp._namespace import Namespace, make_namespace
from ._wrapper import TENSOR_CLASSES, WHEN_BOUND

# What is not a function (dtypes, constants) is shared with the native namespace as it is.
_PASSED = frozenset({*_names.DTYPES, *_names.CONSTANTS, "broadcast_shapes"})
_UNARY = frozenset(_names.UNARY)
_BINARY = frozenset(_names.BINARY)
_faces: dict[str, Namespace] = {}


def face_of(cls: Any) -> Namespace:
    """The Tensor face of the (bound) framework class ``cls``'s namespace."""
    face = _faces.get(cls.framework)
    if face is None:
        face = _faces[cls.framework] = _tensor_namespace(cls._ns, cls._framework_class)
    return face


WHEN_BOUND.append(face_of)


def _unwrapper(cls: Any) -> Callable[[Any], Any]:
    dtypes = cls._dtypes

    def unwrap(x: Any) -> Any:
        if type(x) is cls:
            return x.raw
        if type(x) in TENSOR_CLASSES:
            if isinstance(x, cls):
                return x.raw
            raise mixed_frameworks_error(cls.__new__(cls), x, cls.framework, True)
        if type(x) is list or type(x) is tuple:
            return type(x)(unwrap(i) for i in x)
        if type(x) is DType:  # ep.float32: the framework's own
            return dtypes[x.name] if x.name in dtypes else x
        return x

    return unwrap


def _wrapper(cls: Any, array_types: tuple[type, ...]) -> Callable[[Any], Any]:
    def wrap(r: Any) -> Any:
        if isinstance(r, array_types):
            return cls(r)
        if isinstance(r, tuple):
            items = [wrap(i) for i in r]
            return type(r)(*items) if hasattr(r, "_fields") else tuple(items)
        if type(r) is list:
            return [wrap(i) for i in r]
        return r

    return wrap


def _function(
    fn: Callable[..., Any], unwrap: Callable[[Any], Any], wrap: Callable[[Any], Any]
) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        args = tuple(map(unwrap, args))
        if kwargs:
            kwargs = {k: unwrap(v) for k, v in kwargs.items()}
        return wrap(fn(*args, **kwargs))

    call.__name__ = getattr(fn, "__name__", "function")
    call.__qualname__ = call.__name__
    call.__doc__ = getattr(fn, "__doc__", None)
    call.__dict__["__wrapped__"] = fn  # (inspect.signature follows it)
    return call


def _unary(fn: Callable[[Any], Any], cls: Any, unwrap: Any) -> Any:
    def call(x: Any, /) -> Any:  # the common case first: a Tensor of this class
        return cls(fn(x.raw if type(x) is cls else unwrap(x)))

    call.__name__ = call.__qualname__ = getattr(fn, "__name__", "function")
    call.__dict__["__wrapped__"] = fn
    return call


_SCALARS = frozenset({int, float, bool})


def _binary(fn: Callable[[Any, Any], Any], cls: Any, unwrap: Any) -> Any:
    def call(x1: Any, x2: Any, /) -> Any:  # the common cases first: Tensors, Python numbers
        kind = type(x2)
        a = x1.raw if type(x1) is cls else unwrap(x1)
        b = x2.raw if kind is cls else x2 if kind in _SCALARS else unwrap(x2)
        return cls(fn(a, b))

    call.__name__ = call.__qualname__ = getattr(fn, "__name__", "function")
    call.__dict__["__wrapped__"] = fn
    return call


def _at(update: Any, cls: Any, unwrap: Callable[[Any], Any]) -> Any:
    def at(x: Any, index: Any, /) -> At[Any]:
        """Functional updates of ``x`` at ``index``: ``at(x, i).set(v)``, ``.add(v)``, ..."""
        if type(x) in TENSOR_CLASSES:
            return At(x.raw, x._index(index), update, wrap=cls, unwrap=x._operand)
        return At(unwrap(x), unwrap(index), update, wrap=cls, unwrap=unwrap)

    return at


def _asarray(fn: Any, cls: Any, unwrap: Any, wrap: Any) -> Any:
    def asarray(obj: Any, /, **kwargs: Any) -> Any:
        """``asarray``; given a Tensor it need not copy, that very Tensor (so that on JAX and
        TensorFlow, whose arrays are immutable, ``t[i] = v`` shows in both, as in NumPy)."""
        out = fn(unwrap(obj), **{k: unwrap(v) for k, v in kwargs.items()})
        return obj if isinstance(obj, cls) and out is obj.raw else wrap(out)

    asarray.__dict__["__wrapped__"] = fn
    return asarray


def _members(members: dict[str, Any], cls: Any, array_types: tuple[type, ...]) -> dict[str, Any]:
    unwrap, wrap = _unwrapper(cls), _wrapper(cls, array_types)
    out: dict[str, Any] = {}
    for name, value in members.items():
        if name.startswith("_") or name in _PASSED or not callable(value):
            out[name] = value
        elif isinstance(value, type):
            out[name] = value
        elif name in _UNARY:
            out[name] = _unary(value, cls, unwrap)
        elif name in _BINARY:
            out[name] = _binary(value, cls, unwrap)
        elif name == "at":
            out[name] = _at(value.update, cls, unwrap)
        elif name == "asarray":
            out[name] = _asarray(value, cls, unwrap, wrap)
        else:
            out[name] = _function(value, unwrap, wrap)
    return out


def _public(ns: Any) -> dict[str, Any]:
    return {k: v for k, v in ns.__dict__.items() if not k.startswith("_")}


def _tensor_namespace(native: Namespace, cls: Any) -> Namespace:
    """The namespace of ``native``'s functions on eagerlite Tensors of class ``cls``."""
    types: tuple[type, ...] = native._array_types
    members = {k: v for k, v in _public(native).items() if k not in ("linalg", "fft")}
    ns = make_namespace(
        f"{native.__name__}.tensors",
        _members(members, cls, types),
        linalg=_members(_public(native.linalg), cls, types),
        fft=_members(_public(native.fft), cls, types),
        array_types=(cls,),
        framework=native._framework,
    )
    info = native.__dict__.get("__array_namespace_info__")
    if info is not None:
        ns.__dict__["__array_namespace_info__"] = info
    return ns
