"""Array API namespaces: the module-like objects ``array_namespace`` returns.

Each framework has one *native* namespace (functions of native arrays), built once by
its module here (``_numpy.py``, ``_torch.py``, ...) when the framework is first needed.
Its *Tensor* namespace is made from it by ``tensor_namespace``, generically: every
function unwraps its Tensor arguments, calls the native function and wraps the arrays
it returns, so no function is written twice.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .._support import mixed_backends_error
from . import _names

if TYPE_CHECKING:
    from ..tensor.tensor import Tensor


class Namespace(ModuleType):
    """A namespace of the Python Array API standard (a module-like object)."""

    def __repr__(self) -> str:
        return f"<array namespace {self.__name__!r}>"

    def __dir__(self) -> list[str]:
        return sorted(self.__dict__)


def make_namespace(
    name: str,
    members: dict[str, Any],
    *,
    linalg: dict[str, Any],
    fft: dict[str, Any],
    array_types: tuple[type, ...],
    framework: str,
) -> Namespace:
    """A namespace called ``name`` with ``members`` and the ``linalg`` and ``fft`` extensions.

    ``array_types``: the native classes the functions return (what the Tensor face wraps).
    """
    ns = Namespace(name, f"The Array API namespace of {framework} ({_names.VERSION}).")
    d = ns.__dict__
    d["_dlpack"], d["_dlpack_device"] = _dlpack, _dlpack_device  # (unless members has others)
    d.update(members)
    d["__array_api_version__"] = _names.VERSION
    d["linalg"] = Namespace(f"{name}.linalg")
    d["linalg"].__dict__.update(linalg)
    d["fft"] = Namespace(f"{name}.fft")
    d["fft"].__dict__.update(fft)
    d["_array_types"], d["_framework"] = array_types, framework
    return ns


def _dlpack(raw: Any, kwargs: dict[str, Any]) -> Any:
    version = kwargs.get("max_version")
    if version is not None and tuple(version) < (1, 0):
        # a consumer of DLPack before 1.0: the unversioned capsule, which every framework
        # gives without max_version (JAX refuses a max_version below 0.5)
        kwargs = {k: v for k, v in kwargs.items() if k != "max_version"}
    return raw.__dlpack__(**kwargs)


def _dlpack_device(raw: Any) -> Any:
    return raw.__dlpack_device__()


def missing(ns: Namespace) -> list[str]:
    """The standard's names ``ns`` lacks (qualified: ``linalg.eig``)."""
    names = [
        n for n in (*_names.FUNCTIONS, *_names.DTYPES, *_names.CONSTANTS) if n not in ns.__dict__
    ]
    names += [f"linalg.{n}" for n in _names.LINALG if n not in ns.linalg.__dict__]
    names += [f"fft.{n}" for n in _names.FFT if n not in ns.fft.__dict__]
    return names


# --------------------------------------------------------------------------- Tensor face
# What is not a function (dtypes, constants) is shared with the native namespace as it is.
_PASSED = frozenset({*_names.DTYPES, *_names.CONSTANTS, "broadcast_shapes"})


def _unwrapper(cls: type[Tensor[Any]]) -> Callable[[Any], Any]:
    from ..dtypes import DType
    from ..tensor.tensor import Tensor

    backend = cls._backend()
    dtypes = backend._dtypes

    def unwrap(x: Any) -> Any:
        if type(x) is cls:
            return x.raw
        if isinstance(x, Tensor):
            if isinstance(x, backend):
                return x.raw
            raise mixed_backends_error(cls.__new__(cls), x)
        if type(x) is list or type(x) is tuple:
            return type(x)(unwrap(i) for i in x)
        if type(x) is DType:  # ep.float32: the framework's own
            return dtypes[x.name] if x.name in dtypes else x
        return x

    return unwrap


def _wrapper(cls: type[Tensor[Any]], array_types: tuple[type, ...]) -> Callable[[Any], Any]:
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


def _tensor_function(
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


def _unary_function(fn: Callable[[Any], Any], cls: type[Tensor[Any]], unwrap: Any) -> Any:
    def call(x: Any, /) -> Any:  # the common case first: a Tensor of this class
        return cls(fn(x.raw if type(x) is cls else unwrap(x)))

    call.__name__ = call.__qualname__ = getattr(fn, "__name__", "function")
    call.__dict__["__wrapped__"] = fn
    return call


def _tensor_at(update: Any, cls: type[Tensor[Any]], unwrap: Callable[[Any], Any]) -> Any:
    from ._at import At

    def at(x: Any, index: Any, /) -> At[Any]:
        """Functional updates of ``x`` at ``index``: ``at(x, i).set(v)``, ``.add(v)``, ..."""
        return At(unwrap(x), unwrap(index), update, wrap=cls, unwrap=unwrap)

    return at


def _tensor_asarray(fn: Any, cls: type[Tensor[Any]], unwrap: Any, wrap: Any) -> Any:
    def asarray(obj: Any, /, **kwargs: Any) -> Any:
        """``asarray``; given a Tensor it need not copy, that very Tensor (so that on JAX and
        TensorFlow, whose arrays are immutable, ``t[i] = v`` shows in both, as in NumPy)."""
        out = fn(unwrap(obj), **{k: unwrap(v) for k, v in kwargs.items()})
        return obj if isinstance(obj, cls) and out is obj.raw else wrap(out)

    asarray.__dict__["__wrapped__"] = fn
    return asarray


def _tensor_members(
    members: dict[str, Any], cls: type[Tensor[Any]], array_types: tuple[type, ...]
) -> dict[str, Any]:
    unwrap, wrap = _unwrapper(cls), _wrapper(cls, array_types)
    keep = cls._device_kept
    out: dict[str, Any] = {}
    for name, value in members.items():
        if (
            name.startswith("_")
            or name in _PASSED
            or not callable(value)
            or isinstance(value, type)
        ):
            out[name] = value
        elif name in _UNARY:
            out[name] = _unary_function(keep(value), cls, unwrap)
        elif name == "at":
            out[name] = _tensor_at(value.update, cls, unwrap)
        elif name == "asarray":
            out[name] = _tensor_asarray(value, cls, unwrap, wrap)
        else:
            out[name] = _tensor_function(keep(value), unwrap, wrap)
    return out


_UNARY = frozenset(_names.UNARY)


def _public(ns: ModuleType) -> dict[str, Any]:
    return {k: v for k, v in ns.__dict__.items() if not k.startswith("_")}


def tensor_namespace(native: Namespace, cls: type[Tensor[Any]]) -> Namespace:
    """The namespace of ``native``'s functions on eagerlite Tensors of class ``cls``."""
    types: tuple[type, ...] = native._array_types
    members = {k: v for k, v in _public(native).items() if k not in ("linalg", "fft")}
    ns = make_namespace(
        f"{native.__name__}.tensors",
        _tensor_members(members, cls, types),
        linalg=_tensor_members(_public(native.linalg), cls, types),
        fft=_tensor_members(_public(native.fft), cls, types),
        array_types=(cls,),
        framework=native._framework,
    )
    info = native.__dict__.get("__array_namespace_info__")
    if info is not None:
        ns.__dict__["__array_namespace_info__"] = info
    return ns
