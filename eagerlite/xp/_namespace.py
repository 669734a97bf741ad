"""``Namespace``: the module-like object ``array_namespace`` returns, and its assembly.

Each framework's subpackage (``eagerlite.xp.numpy``, ``...torch``, ...) assembles its
*native* namespace once, when it is first imported: the standard's functions (the
framework's own where they conform, adapted where not), the ``linalg`` and ``fft``
extensions, and the functions beyond the standard (``_beyond.py``).  Its *Tensor face*
(functions of eagerlite Tensors) is made from it by the dispatch layer.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from . import _names


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
