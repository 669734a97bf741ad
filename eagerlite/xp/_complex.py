"""The standard's special values of complex functions, written once for the frameworks
whose kernels miss them: each takes the framework's module of functions (``where``,
``isfinite``, ...) and its complex constructor, and looks at no value in Python, so it
works under the compilers too."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any


def complex_fixes(
    ops: Any, is_complex: Callable[[Any], bool], make_complex: Callable[[Any, Any], Any]
) -> dict[str, Callable[[Any], Any]]:
    """``expm1``, ``log1p`` and ``acos`` with the standard's complex special values, over a
    framework's module ``ops`` (numpy, torch or jax.numpy: ``where``, ``isfinite``, ...) and
    its complex constructor: real arguments get the framework's function as it is.  Only where
    the value is special is the answer replaced (no value is looked at in Python, so this
    works under the compilers)."""
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
