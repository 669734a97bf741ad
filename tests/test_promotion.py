"""Type promotion: the standard's table in every operator and binary function, on all four.

Every pair of dtypes the standard's promotion table covers (bools, integers of one
signedness or a signed with a narrower unsigned one, floats, complex, floats with complex),
every Python operator of EagerPy's Tensor and the standard's functions of the same names:
the result's dtype is NumPy's (which follows the table).  Python scalars are weak: the
array's dtype is kept.  Where the standard leaves the mix open (an integer or bool array
with a float or complex scalar, ``/`` of integers), the answer is a float of the
framework's default precision, as docs/array-api.md says.
"""

from __future__ import annotations

import itertools
import operator
import warnings
from typing import Any

import numpy as np
import pytest
from conftest import make, native

import eagerlite as ep

SIGNED = ["int8", "int16", "int32", "int64"]
UNSIGNED = ["uint8", "uint16", "uint32", "uint64"]
FLOATS = ["float32", "float64"]
COMPLEX = ["complex64", "complex128"]
ALL = ["bool", *SIGNED, *UNSIGNED, *FLOATS, *COMPLEX]
# torch has uint16/32/64 as storage types only (no arithmetic; as in test_array_api.py)
NOT_ON = {"torch": {"uint16", "uint32", "uint64"}}

# operator -> (its function in the standard, the kinds it is defined for)
OPERATORS: dict[str, tuple[Any, str, str]] = {
    "+": (operator.add, "add", "iufc"),
    "-": (operator.sub, "subtract", "iufc"),
    "*": (operator.mul, "multiply", "iufc"),
    "/": (operator.truediv, "divide", "fc"),
    "//": (operator.floordiv, "floor_divide", "iuf"),
    "%": (operator.mod, "remainder", "iuf"),
    "**": (operator.pow, "pow", "iufc"),
    "<": (operator.lt, "less", "iuf"),
    ">=": (operator.ge, "greater_equal", "iuf"),
    "==": (operator.eq, "equal", "biufc"),
    "!=": (operator.ne, "not_equal", "biufc"),
    "&": (operator.and_, "bitwise_and", "biu"),
    "|": (operator.or_, "bitwise_or", "biu"),
    "^": (operator.xor, "bitwise_xor", "biu"),
    "<<": (operator.lshift, "bitwise_left_shift", "iu"),
}


def kind(dtype: str) -> str:
    return np.dtype(dtype).kind


def in_table(left: str, right: str) -> bool:
    """Whether the standard's table promotes ``left`` with ``right``."""
    a, b = np.dtype(left), np.dtype(right)
    kinds = {a.kind, b.kind}
    if kinds <= {"f", "c"} or a.kind == b.kind:
        return True
    if kinds == {"i", "u"}:  # a signed with a narrower unsigned integer
        signed, unsigned = (a, b) if a.kind == "i" else (b, a)
        return signed.itemsize > unsigned.itemsize
    return False


def pairs(backend: str, kinds: str) -> list[tuple[str, str]]:
    dtypes = [d for d in ALL if d not in NOT_ON.get(backend, ()) and kind(d) in kinds]
    return [(a, b) for a, b in itertools.product(dtypes, dtypes) if in_table(a, b)]


def operands(left: str, right: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    return np.array([1, 2], left), np.array([1, 1], right)  # (no zero divisors, small powers)


@pytest.mark.parametrize("symbol", list(OPERATORS))
def test_operators_follow_the_table(backend: str, symbol: str) -> None:
    op, _, kinds = OPERATORS[symbol]
    wrong = []
    for left, right in pairs(backend, kinds):
        a, b = operands(left, right)
        want = op(a, b).dtype
        got = op(make(backend, a), make(backend, b)).numpy().dtype
        if got != want:
            wrong.append(f"{left} {symbol} {right}: {got}, not {want}")
    assert not wrong, wrong


@pytest.mark.parametrize("face", ["native", "tensor"])
@pytest.mark.parametrize("symbol", list(OPERATORS))
def test_functions_follow_the_table(backend: str, symbol: str, face: str) -> None:
    _, name, kinds = OPERATORS[symbol]
    wrong = []
    for left, right in pairs(backend, kinds):
        a, b = operands(left, right)
        x, y = (native(backend, a), native(backend, b))
        if face == "tensor":
            x, y = ep.astensor(x), ep.astensor(y)
        fn = getattr(ep.array_namespace(x), name)
        got = np.asarray(fn(x, y).numpy() if face == "tensor" else fn(x, y)).dtype
        want = getattr(np, name)(a, b).dtype
        if got != want:
            wrong.append(f"{name}({left}, {right}): {got}, not {want}")
    assert not wrong, wrong


SCALARS = {"bool": [True], "i": [2, -1], "u": [2], "f": [2, 2.5, -0.0], "c": [2, 2.5, 1j]}


@pytest.mark.parametrize("symbol", list(OPERATORS))
def test_python_scalars_are_weak(backend: str, symbol: str) -> None:
    """``array op scalar`` and ``scalar op array`` keep the array's dtype (bool scalars with
    bool arrays, ints with numbers, floats with floats and complex, complex with complex)."""
    op, _, kinds = OPERATORS[symbol]
    wrong = []
    for dtype in ALL:
        k = kind(dtype)
        if dtype in NOT_ON.get(backend, ()) or k not in kinds:
            continue
        for scalar in SCALARS["bool" if k == "b" else k]:
            if symbol in ("<<", "**") and scalar == -1:
                continue  # (negative shifts and integer powers: undefined)
            if symbol in ("//", "%", "<", ">=") and isinstance(scalar, complex):
                continue
            a = np.array([1, 2], dtype)
            t = make(backend, a)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # (-0.0: a zero divisor)
                want = op(a, scalar).dtype
                results = op(t, scalar), op(scalar, t)
            for got in results:
                if got.numpy().dtype != want:
                    wrong.append(f"{dtype} {symbol} {scalar!r}: {got.numpy().dtype}, not {want}")
    assert not wrong, wrong


def default_float(backend: str) -> np.dtype[Any]:
    """The float an open mix gives: NumPy's float64 (TF, which has no promotion of its
    own, follows NumPy), torch's default dtype, JAX's default (float64 under x64)."""
    if backend == "torch":
        import torch

        return np.dtype(str(torch.get_default_dtype()).removeprefix("torch."))
    if backend == "jax":
        import jax.numpy as jnp

        return np.dtype(jnp.zeros(0).dtype)
    return np.dtype("float64")


@pytest.mark.parametrize("dtype", ["bool", "int8", "int32", "int64", "uint8"])
def test_open_mixes_give_the_default_float(backend: str, dtype: str) -> None:
    t = make(backend, np.array([1, 0], dtype))
    floating = default_float(backend)
    complex_ = np.result_type(floating, np.complex64)
    mixes = {
        "t + 1.5": lambda t: t + 1.5,
        "1.5 * t": lambda t: 1.5 * t,
        "t / t": lambda t: t / t,
        "t / 2": lambda t: t / 2,
        "t * 1j": lambda t: t * 1j,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text, mix in mixes.items():
            want = complex_ if "j" in text else floating
            if backend == "jax" and "/" in text:  # (JAX's own: float32 for bool / bool...)
                want = np.dtype(mix(t.raw).dtype)
            got = mix(t).numpy().dtype
            assert got == want, (text, got, want)
