"""What the native namespaces share: their result types, the info object, ``floor_divide``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from .._core.dtypes import KINDS

A = TypeVar("A")  # the array type of a result


class FInfo(NamedTuple):
    """``finfo``: the limits of a floating-point dtype, as Python floats."""

    bits: int
    eps: float
    max: float
    min: float
    smallest_normal: float
    dtype: Any


class IInfo(NamedTuple):
    """``iinfo``: the limits of an integer dtype, as Python ints."""

    bits: int
    max: int
    min: int
    dtype: Any


class EigResult(NamedTuple, Generic[A]):
    eigenvalues: A
    eigenvectors: A


class EighResult(NamedTuple, Generic[A]):
    eigenvalues: A
    eigenvectors: A


class QRResult(NamedTuple, Generic[A]):
    Q: A
    R: A


class SlogdetResult(NamedTuple, Generic[A]):
    sign: A
    logabsdet: A


class SVDResult(NamedTuple, Generic[A]):
    U: A
    S: A
    Vh: A


class UniqueAllResult(NamedTuple, Generic[A]):
    values: A
    indices: A
    inverse_indices: A
    counts: A


class UniqueCountsResult(NamedTuple, Generic[A]):
    values: A
    counts: A


class UniqueInverseResult(NamedTuple, Generic[A]):
    values: A
    inverse_indices: A


def floor_divide_of(xp: Any, is_float: Callable[[Any], bool]) -> Callable[[Any, Any], Any]:
    """``xp.floor_divide`` with the standard's answers at infinities and zeros (±inf, ±0,
    where NumPy, torch and JAX follow Python: ``1 // -inf == -1``).  No value is looked at
    in Python, so this works on traced arrays too."""

    def floor_divide(x1: Any, x2: Any, /) -> Any:
        out = xp.floor_divide(x1, x2)
        if is_float(out):  # there, the floor of the true quotient
            special = xp.isinf(x1) | xp.isinf(x2) | (x1 == 0)
            out = xp.where(special, xp.floor(xp.divide(x1, x2)), out)
        return out

    return floor_divide


class Info:
    """What ``__array_namespace_info__()`` returns: the namespace's capabilities and defaults.

    ``dtypes`` and ``defaults`` are read when asked (JAX's change with its x64 flag).
    """

    def __init__(
        self,
        dtypes: Callable[[], dict[str, Any]],
        devices: Callable[[], Sequence[Any]],
        default_device: Callable[[], Any],
        defaults: Callable[[], dict[str, Any]],
        capabilities: dict[str, Any],
    ) -> None:
        self._dtypes, self._devices, self._default_device = dtypes, devices, default_device
        self._defaults, self._capabilities = defaults, capabilities

    def __call__(self) -> Info:
        return self  # (the namespace's ``__array_namespace_info__`` is this object)

    def capabilities(self) -> dict[str, Any]:
        """Boolean indexing, data-dependent shapes and the maximum number of dimensions."""
        return dict(self._capabilities)

    def default_device(self) -> Any:
        """The device new arrays are made on."""
        return self._default_device()

    def devices(self) -> tuple[Any, ...]:
        """The devices arrays can be placed on."""
        return tuple(self._devices())

    def default_dtypes(self, *, device: Any = None) -> dict[str, Any]:
        """The default dtypes of the four kinds (the same on every device)."""
        return dict(self._defaults())

    def dtypes(
        self, *, device: Any = None, kind: str | Sequence[str] | None = None
    ) -> dict[str, Any]:
        """The supported dtypes (of ``kind``, a kind name or a tuple of them), by name."""
        found = self._dtypes()
        if kind is None:
            return dict(found)
        kinds = (kind,) if isinstance(kind, str) else tuple(kind)
        for k in kinds:
            if k not in KINDS:
                raise ValueError(f"unknown dtype kind {k!r}; expected one of {', '.join(KINDS)}")
        return {n: d for n, d in found.items() if any(n in KINDS[k] for k in kinds)}


CAPABILITIES = {"boolean indexing": True, "data-dependent shapes": True, "max dimensions": 64}
