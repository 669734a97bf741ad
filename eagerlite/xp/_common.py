"""What the native namespaces share: dtype kinds, ``finfo``/``iinfo`` results, the info object."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

A = TypeVar("A")  # the array type of a result

# the standard's dtype kinds, as names of dtypes
_SIGNED = ("int8", "int16", "int32", "int64")
_UNSIGNED = ("uint8", "uint16", "uint32", "uint64")
_REAL = ("float32", "float64")
_COMPLEX = ("complex64", "complex128")
KINDS: dict[str, tuple[str, ...]] = {
    "bool": ("bool",),
    "signed integer": _SIGNED,
    "unsigned integer": _UNSIGNED,
    "integral": _SIGNED + _UNSIGNED,
    "real floating": _REAL,
    "complex floating": _COMPLEX,
    "numeric": _SIGNED + _UNSIGNED + _REAL + _COMPLEX,
}


def check_nonempty(name: str, shape: Sequence[int | None], axis: Any) -> None:
    """NumPy's ValueError for ``max``/``min``/``argmax``/``argmin`` over an empty axis (which
    has no identity); unknown (traced) lengths pass."""
    if 0 not in shape:
        return
    axes = range(len(shape)) if axis is None else (axis,) if isinstance(axis, int) else axis
    if any(shape[a] == 0 for a in axes):
        if name.startswith("arg"):
            raise ValueError(f"attempt to get {name} of an empty sequence (shape {tuple(shape)})")
        raise ValueError(
            f"zero-size array to reduction operation {name} which has no identity "
            f"(shape {tuple(shape)}, axis {axis})"
        )


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


def in_kind(name: str, dtype: Any, kind: Any) -> bool:
    """Whether ``dtype`` (called ``name``) is of ``kind``: a kind name, a dtype, or a tuple."""
    if isinstance(kind, tuple):
        return any(in_kind(name, dtype, k) for k in kind)
    if isinstance(kind, str):
        if kind not in KINDS:
            raise ValueError(f"unknown dtype kind {kind!r}; expected one of {', '.join(KINDS)}")
        return name in KINDS[kind]
    return bool(dtype == kind)


def new_axes(axis: Any, ndim: int) -> list[int]:
    """``expand_dims``: the sorted positions of the new axes (an int or a tuple of them) in
    the result of ``ndim + len(axes)`` dimensions; out of range or repeated: IndexError."""
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    n = ndim + len(axes)
    if any(not -n <= a < n for a in axes) or len({a % n for a in axes}) < len(axes):
        raise IndexError(f"expand_dims axes {axis} are out of range or repeated for {n} axes")
    return sorted(a % n for a in axes)


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
    """What ``__array_namespace_info__()`` returns: the namespace's capabilities and defaults."""

    def __init__(
        self,
        dtypes: dict[str, Any],
        devices: Callable[[], Sequence[Any]],
        default_device: Callable[[], Any],
        defaults: dict[str, Any],
        capabilities: dict[str, Any],
    ) -> None:
        self._dtypes, self._devices, self._default_device = dtypes, devices, default_device
        self._defaults, self._capabilities = defaults, capabilities

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
        return dict(self._defaults)

    def dtypes(
        self, *, device: Any = None, kind: str | Sequence[str] | None = None
    ) -> dict[str, Any]:
        """The supported dtypes (of ``kind``, a kind name or a tuple of them), by name."""
        if kind is None:
            return dict(self._dtypes)
        kinds = (kind,) if isinstance(kind, str) else tuple(kind)
        for k in kinds:
            if k not in KINDS:
                raise ValueError(f"unknown dtype kind {k!r}; expected one of {', '.join(KINDS)}")
        return {n: d for n, d in self._dtypes.items() if any(n in KINDS[k] for k in kinds)}


CAPABILITIES = {"boolean indexing": True, "data-dependent shapes": True, "max dimensions": 64}


def complex_fixes(
    ops: Any, is_complex: Callable[[Any], bool], make_complex: Callable[[Any, Any], Any]
) -> dict[str, Callable[[Any], Any]]:
    """``expm1``, ``log1p`` and ``acos`` with the standard's complex special values, over a
    framework's module ``ops`` (numpy, torch or jax.numpy: ``where``, ``isfinite``, ...) and
    its complex constructor: real arguments get the framework's function as it is.  Only where
    the value is special is the answer replaced (no value is looked at in Python, so this
    works under the compilers)."""
    import math

    expm1, log1p, acos = ops.expm1, ops.log1p, ops.acos

    def parts(x: Any) -> tuple[Any, Any, Any]:
        re, im = ops.real(x), ops.imag(x)
        return re, im, ops.zeros_like(re)

    def fixed_expm1(x: Any, /) -> Any:
        out = expm1(x)
        if not is_complex(x):
            return out
        re, im, zero = parts(x)
        inf, nan = zero + math.inf, zero + math.nan
        unbounded = ~ops.isfinite(im)  # (imaginary part infinite or NaN)
        out = ops.where((re == -math.inf) & unbounded, make_complex(zero - 1, zero), out)
        out = ops.where((re == math.inf) & unbounded, make_complex(inf, nan), out)
        out = ops.where((re == math.inf) & (im == 0), make_complex(inf, im), out)
        cis = make_complex(inf * ops.cos(im), inf * ops.sin(im))  # +inf * cis(b)
        out = ops.where((re == math.inf) & ops.isfinite(im) & (im != 0), cis, out)
        out = ops.where(ops.isnan(re) & (im == 0), make_complex(nan, im), out)
        return ops.where(x == 0, make_complex(zero, im), out)

    def fixed_log1p(x: Any, /) -> Any:
        out = log1p(x)
        if not is_complex(x):
            return out
        out = ops.where(ops.isfinite(out), out, ops.log(x + 1))  # (log's special values)
        re, im, zero = parts(x)
        mixed = (ops.isinf(re) & ops.isnan(im)) | (ops.isnan(re) & ops.isinf(im))
        return ops.where(mixed, make_complex(zero + math.inf, zero + math.nan), out)

    def fixed_acos(x: Any, /) -> Any:
        out = acos(x)
        if not is_complex(x):
            return out
        re, im, zero = parts(x)
        half_pi, nan = zero + math.pi / 2, zero + math.nan
        out = ops.where(ops.isfinite(re) & ops.isnan(im), make_complex(nan, nan), out)  # (JAX:
        out = ops.where((re == 0) & ops.isnan(im), make_complex(half_pi, im), out)  # 1e300)
        return ops.where(x == 0, make_complex(half_pi, -im), out)  # pi/2 - 0j

    for fn, name in ((fixed_expm1, "expm1"), (fixed_log1p, "log1p"), (fixed_acos, "acos")):
        fn.__name__ = fn.__qualname__ = name
    return {"expm1": fixed_expm1, "log1p": fixed_log1p, "acos": fixed_acos}


# a special case: (condition on a complex input's real and imaginary parts, result's parts)
_Row = tuple[Callable[[Any, Any], Any], Callable[[Any, Any], tuple[Any, Any]]]


def complex_special_values(
    ops: Any, is_complex: Callable[[Any], bool], make_complex: Callable[[Any, Any], Any]
) -> dict[str, Callable[[Any], Any]]:
    """The standard's special values of complex ``acosh``, ``asinh``, ``atanh``, ``cosh``,
    ``exp``, ``log``, ``sinh``, ``sqrt`` and ``tanh`` (infinities, NaN, signed zeros), for a
    framework whose kernels miss them (JAX, TensorFlow; torch's tanh): one row per case,
    ``(condition on the real and imaginary parts, the result's parts)``; ``ops`` is the
    framework's module.  Where the
    standard leaves a sign open, the input's is kept."""
    import math

    inf, nan, finite, isnan, isinf = math.inf, math.nan, ops.isfinite, ops.isnan, ops.isinf

    def unbounded(v: Any) -> Any:  # infinite or NaN
        return ~finite(v)

    def nonzero(v: Any) -> Any:  # finite and not zero
        return finite(v) & (v != 0)

    def nans(re: Any, im: Any) -> tuple[float, float]:
        return nan, nan

    # the cases where the standard's answer is NaN + NaN j (most functions share them)
    finite_nan = (lambda re, im: finite(re) & isnan(im), nans)
    nonzero_nan = (lambda re, im: nonzero(re) & isnan(im), nans)
    nonzero_unbounded = (lambda re, im: nonzero(re) & unbounded(im), nans)
    nan_nonzero = (lambda re, im: isnan(re) & (im != 0), nans)
    nan_finite = (lambda re, im: isnan(re) & finite(im), nans)
    table: dict[str, list[_Row]] = {
        "acosh": [
            nonzero_nan,
            (lambda re, im: (re == 0) & isnan(im), lambda re, im: (nan, math.pi / 2)),
        ],
        "asinh": [
            nonzero_nan,
            (lambda re, im: isnan(re) & nonzero(im), nans),
            (lambda re, im: isnan(re) & (im == 0), lambda re, im: (nan, im)),
        ],
        "atanh": [
            nonzero_nan,
            (lambda re, im: (re == 0) & isnan(im), lambda re, im: (re, nan)),
            (lambda re, im: isinf(re) & isnan(im), lambda re, im: (ops.copysign(0.0, re), nan)),
            (lambda re, im: isnan(re) & ~isinf(im), nans),
        ],
        "cosh": [
            nonzero_unbounded,
            nan_nonzero,
            (lambda re, im: (re == 0) & unbounded(im), lambda re, im: (nan, 0.0)),
            (lambda re, im: isinf(re) & unbounded(im), lambda re, im: (inf, nan)),
        ],
        "exp": [
            (lambda re, im: finite(re) & unbounded(im), nans),
            nan_nonzero,
            (lambda re, im: (re == inf) & unbounded(im), lambda re, im: (inf, nan)),
            (lambda re, im: (re == -inf) & unbounded(im), lambda re, im: (0.0, 0.0)),
        ],
        "log": [
            finite_nan,
            nan_finite,
            (lambda re, im: isinf(re) & isnan(im), lambda re, im: (inf, nan)),
            (lambda re, im: isnan(re) & isinf(im), lambda re, im: (inf, nan)),
        ],
        "sinh": [
            nonzero_unbounded,
            nan_nonzero,
            (lambda re, im: ((re == 0) | isinf(re)) & unbounded(im), lambda re, im: (re, nan)),
        ],
        "sqrt": [
            finite_nan,
            nan_finite,
            (lambda re, im: (re == inf) & isnan(im), lambda re, im: (inf, nan)),
            (lambda re, im: (re == -inf) & isnan(im), lambda re, im: (nan, inf)),
            (lambda re, im: isinf(im), lambda re, im: (inf, im)),  # (whatever the real part)
        ],
        "tanh": [
            nonzero_unbounded,
            nan_nonzero,
            (lambda re, im: (re == 0) & unbounded(im), lambda re, im: (re, nan)),
            (lambda re, im: isinf(re) & finite(im), lambda re, im: (ops.sign(re), 0.0 * im)),
        ],
    }

    def fixed(name: str, rows: list[_Row]) -> Callable[[Any], Any]:
        own = getattr(ops, name)

        def call(x: Any, /) -> Any:
            out = own(x)
            if not is_complex(x):
                return out
            re, im = ops.real(x), ops.imag(x)
            zero = ops.zeros_like(re)
            for condition, result in rows:
                r, i = result(re, im)
                out = ops.where(condition(re, im), make_complex(zero + r, zero + i), out)
            return out

        call.__name__ = call.__qualname__ = name
        return call

    return {name: fixed(name, rows) for name, rows in table.items()}
