"""Element-wise ops and operators on every backend, compared with NumPy.

Each test body runs once per backend (the ``backend`` fixture); the expected value is
always computed by plain NumPy on the same input.
"""

from __future__ import annotations

import math
import operator
from itertools import permutations
from typing import Any

import numpy as np
import pytest
from conftest import ARITHMETIC, CLASS_NAMES, INSTALLED, OPERATORS, check, make

import eagerlite as ep

# ------------------------------------------------------------------ unary ops
GENERAL = [-2.5, -1.5, -0.7, 0.0, 0.3, 0.5, 1.0, 1.5, 2.5, 3.7]  # halves test round-half-even
POSITIVE = [0.1, 0.5, 1.0, 2.0, 3.0, 10.0]
OVER_MINUS_ONE = [-0.9, -0.5, 0.0, 0.5, 1.0, 3.0]
OPEN_UNIT = [-0.9, -0.5, 0.0, 0.25, 0.5, 0.9]
AT_LEAST_ONE = [1.0, 1.25, 1.5, 2.0, 3.0, 10.0]
SPECIAL = [np.nan, np.inf, -np.inf, 0.0, 1.5, -2.0]

# every unary op of the API, with input values inside its domain
DOMAINS: dict[str, list[float]] = {
    "abs": GENERAL,
    "sign": GENERAL,
    "sqrt": POSITIVE,
    "square": GENERAL,
    "exp": GENERAL,
    "log": POSITIVE,
    "log2": POSITIVE,
    "log10": POSITIVE,
    "log1p": OVER_MINUS_ONE,
    "sin": GENERAL,
    "cos": GENERAL,
    "tan": GENERAL,
    "arcsin": OPEN_UNIT,
    "arccos": OPEN_UNIT,
    "arctan": GENERAL,
    "sinh": GENERAL,
    "cosh": GENERAL,
    "tanh": GENERAL,
    "arcsinh": GENERAL,
    "arccosh": AT_LEAST_ONE,
    "arctanh": OPEN_UNIT,
    "round": GENERAL,
    "ceil": GENERAL,
    "floor": GENERAL,
    "isnan": SPECIAL,
    "isinf": SPECIAL,
    "logical_not": GENERAL,
}
UNARY = list(DOMAINS)
# ops for which NumPy keeps an integer dtype (round/ceil/floor: NumPy >= 2.1)
INT_PRESERVING = ["abs", "sign", "square", "round", "ceil", "floor"]
FLOATS = ["float32", "float64"]


def test_unary_table_covers_the_api() -> None:
    documented = (
        "abs sign sqrt square exp log log2 log10 log1p sin cos tan arcsin arccos arctan "
        "sinh cosh tanh arcsinh arccosh arctanh round ceil floor isnan isinf logical_not"
    ).split()
    assert sorted(UNARY) == sorted(documented)


def _both_forms(t: ep.Tensor[Any], name: str) -> list[ep.Tensor[Any]]:
    """``t.name()`` and ``ep.name(t)``."""
    return [getattr(t, name)(), getattr(ep, name)(t)]


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", UNARY)
def test_unary_float(backend: str, name: str, dtype: str) -> None:
    a = np.array(DOMAINS[name], dtype=dtype).reshape(2, -1)
    expected = getattr(np, name)(a)
    t = make(backend, a)
    for result in _both_forms(t, name):
        check(result, expected, backend)
    np.testing.assert_array_equal(t.numpy(), a)  # the input is unchanged


@pytest.mark.parametrize("shape", [(), (0,), (2, 0)], ids=["0d", "empty", "empty2d"])
@pytest.mark.parametrize("name", UNARY)
def test_unary_0d_and_empty(backend: str, name: str, shape: tuple[int, ...]) -> None:
    a = np.full(shape, DOMAINS[name][1], dtype=np.float32)
    expected = getattr(np, name)(a)
    for result in _both_forms(make(backend, a), name):
        check(result, expected, backend)


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("name", UNARY)
def test_unary_nan_and_inf(backend: str, name: str, dtype: str) -> None:
    # IEEE special values: NaN stays NaN (sign included), infinities follow NumPy
    a = np.array([np.nan, np.inf, -np.inf, -0.0, 2.0, -0.5], dtype=dtype)
    with np.errstate(all="ignore"):  # NumPy warns about e.g. log(-inf); the frameworks don't
        expected = getattr(np, name)(a)
        result = getattr(make(backend, a), name)()
    check(result, expected, backend)


@pytest.mark.parametrize("dtype", ["int32", "int64"])
@pytest.mark.parametrize("name", INT_PRESERVING)
def test_unary_int_preserving(backend: str, name: str, dtype: str) -> None:
    a = np.array([[-7, -2, 0], [1, 3, 12]], dtype=dtype)
    expected = getattr(np, name)(a)
    assert expected.dtype == a.dtype  # the premise: NumPy keeps the integer dtype
    for result in _both_forms(make(backend, a), name):
        check(result, expected, backend)


FLOAT_VALUED = sorted(set(UNARY) - {*INT_PRESERVING, "isnan", "isinf", "logical_not"})


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64", "bool"])
@pytest.mark.parametrize("name", FLOAT_VALUED)
def test_unary_int_to_float(backend: str, name: str, dtype: str) -> None:
    domain = {"arccosh": [1, 2, 3], "log1p": [0, 1, 2], "arctanh": [0, 0]}.get(name, [0, 1, 0])
    if name in ("log", "log2", "log10", "sqrt"):
        domain = [1, 2, 3]
    a = np.array(domain, dtype=dtype)
    expected = getattr(np, name)(a.astype(np.float64))
    # NumPy's float for the width (int8: float16, int32/int64: float64); torch and JAX use
    # their default float instead, so only the kind is compared (at the result's precision)
    for result in _both_forms(make(backend, a), name):
        check(result, expected, backend, dtype="kind")


@pytest.mark.parametrize("name", ["isnan", "isinf", "logical_not"])
def test_unary_int_to_bool(backend: str, name: str) -> None:
    a = np.array([[-7, 0, 3], [0, 1, 12]], dtype=np.int64)
    for result in _both_forms(make(backend, a), name):
        check(result, getattr(np, name)(a), backend)


def test_logical_not_bool(backend: str) -> None:
    a = np.array([[True, False], [False, False]])
    for result in _both_forms(make(backend, a), "logical_not"):
        check(result, np.logical_not(a), backend)


# ----------------------------------------------------------------- binary ops
BINARY = ["minimum", "maximum", "logical_and", "logical_or"]
A = np.array([[-3.5, -1.0, 0.0], [2.0, 4.25, 7.0]])
B = np.array([[2.0, -3.0, 1.5], [-2.5, 4.25, 0.0]])


@pytest.mark.parametrize("dtype", [*FLOATS, "int64"])
@pytest.mark.parametrize("name", BINARY)
def test_binary_tensors(backend: str, name: str, dtype: str) -> None:
    a, b = A.astype(dtype), B.astype(dtype)
    expected = getattr(np, name)(a, b)
    x, y = make(backend, a), make(backend, b)
    check(getattr(x, name)(y), expected, backend)
    check(getattr(ep, name)(x, y), expected, backend)


@pytest.mark.parametrize("other_shape", [(3,), (2, 1), (1, 3), ()])
@pytest.mark.parametrize("name", BINARY)
def test_binary_broadcasting(backend: str, name: str, other_shape: tuple[int, ...]) -> None:
    a = A.astype(np.float32)
    b = np.resize(B.astype(np.float32), other_shape)
    x, y = make(backend, a), make(backend, b)
    check(getattr(ep, name)(x, y), getattr(np, name)(a, b), backend)
    check(getattr(ep, name)(y, x), getattr(np, name)(b, a), backend)


@pytest.mark.parametrize(
    ("dtype", "scalar"),
    [("float32", 1.5), ("float32", 2), ("float64", -1.0), ("int64", 2), ("int64", 0)],
)
@pytest.mark.parametrize("name", BINARY)
def test_binary_scalar_either_side(backend: str, name: str, dtype: str, scalar: Any) -> None:
    a = A.astype(dtype)
    x = make(backend, a)
    check(getattr(x, name)(scalar), getattr(np, name)(a, scalar), backend)
    check(getattr(ep, name)(x, scalar), getattr(np, name)(a, scalar), backend)
    check(getattr(ep, name)(scalar, x), getattr(np, name)(scalar, a), backend)


@pytest.mark.parametrize("name", ["logical_and", "logical_or"])
def test_logical_bool(backend: str, name: str) -> None:
    a = np.array([True, True, False, False])
    b = np.array([True, False, True, False])
    x, y = make(backend, a), make(backend, b)
    check(getattr(ep, name)(x, y), getattr(np, name)(a, b), backend)
    check(getattr(ep, name)(True, y), getattr(np, name)(True, b), backend)
    check(getattr(x, name)(False), getattr(np, name)(a, False), backend)


# ------------------------------------------------------------------ operators

FLOAT_X = np.array([[-3.5, -1.0, 0.5], [2.0, 4.25, 7.0]])
FLOAT_Y = np.array([[2.0, -3.0, 1.5], [-2.5, 4.25, 3.0]])  # no zeros: divisors
INT_X = np.array([[-7, -2, 1], [3, 5, 9]], dtype=np.int64)
INT_Y = np.array([[2, -3, 1], [-4, 5, 5]], dtype=np.int64)


def _operands(symbol: str, dtype: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    if dtype == "int64":
        if symbol == "**":  # integers to negative powers are an error in NumPy
            return INT_X, np.abs(INT_Y) % 4
        return INT_X, INT_Y
    if symbol == "**":  # negative bases with fractional exponents give NaN
        return np.abs(FLOAT_X).astype(dtype) + 0.5, FLOAT_Y.astype(dtype) / 2
    return FLOAT_X.astype(dtype), FLOAT_Y.astype(dtype)


def _dtype_rule(symbol: str, dtype: str) -> bool | str:
    # int / int is floating everywhere, but torch picks float32 where NumPy picks float64
    return "kind" if symbol == "/" and dtype == "int64" else True


@pytest.mark.parametrize("dtype", [*FLOATS, "int64"])
@pytest.mark.parametrize("symbol", list(OPERATORS))
def test_operator_tensors(backend: str, symbol: str, dtype: str) -> None:
    op = OPERATORS[symbol]
    a, b = _operands(symbol, dtype)
    x, y = make(backend, a), make(backend, b)
    check(op(x, y), op(a, b), backend, dtype=_dtype_rule(symbol, dtype))
    if symbol != "**":  # the exponents are chosen for one order only
        check(op(y, x), op(b, a), backend, dtype=_dtype_rule(symbol, dtype))


@pytest.mark.parametrize("symbol", list(OPERATORS))
def test_operator_broadcasting(backend: str, symbol: str) -> None:
    op = OPERATORS[symbol]
    a, b = _operands(symbol, "float32")
    row, column = b[0], b[:, :1]
    x = make(backend, a)
    check(op(x, make(backend, row)), op(a, row), backend)
    check(op(x, make(backend, column)), op(a, column), backend)
    left = a[:, :1]  # (2, 1) with (3,): both operands broadcast
    check(op(make(backend, left), make(backend, row)), op(left, row), backend)


SCALARS = {"float32": [2.0, 3, -1.5], "float64": [2.0, 3, -0.5], "int64": [3, -2]}


@pytest.mark.parametrize(
    ("dtype", "scalar"), [(d, s) for d, scalars in SCALARS.items() for s in scalars]
)
@pytest.mark.parametrize("symbol", list(OPERATORS))
def test_operator_scalar_either_side(backend: str, symbol: str, dtype: str, scalar: Any) -> None:
    op = OPERATORS[symbol]
    a, _ = _operands(symbol, dtype)
    if symbol == "**" and dtype == "int64":
        a = np.abs(a) % 4  # small and non-negative: it is the exponent in 3 ** a
    x = make(backend, a)
    rule = _dtype_rule(symbol, dtype)
    if not (symbol == "**" and dtype == "int64" and scalar < 0):
        check(op(x, scalar), op(a, scalar), backend, dtype=rule)  # t op 2
    if symbol == "**" and dtype != "int64":
        scalar = abs(scalar)  # (-1.5) ** 0.7 is NaN: no test of anything
    check(op(scalar, x), op(scalar, a), backend, dtype=rule)  # 2 op t (reflected)


@pytest.mark.parametrize("symbol", list(ARITHMETIC))
def test_operator_int_tensor_float_scalar(backend: str, symbol: str) -> None:
    op = OPERATORS[symbol]
    a = np.array([1, 2, 5], dtype=np.int64)
    check(op(make(backend, a), 1.5), op(a, 1.5), backend, dtype="kind")
    check(op(1.5, make(backend, a)), op(1.5, a), backend, dtype="kind")


@pytest.mark.parametrize("dtype", [*FLOATS, "int64"])
def test_unary_operators(backend: str, dtype: str) -> None:
    a = FLOAT_X.astype(dtype) if dtype != "int64" else INT_X
    x = make(backend, a)
    check(-x, -a, backend)
    check(abs(x), abs(a), backend)
    check(-make(backend, -a), a, backend)


def test_operators_on_0d(backend: str) -> None:
    a = np.array(2.5, dtype=np.float32)
    x = make(backend, a)
    check(x + 1, a + 1, backend)
    check(2 * x * x, 2 * a * a, backend)
    check(x > 1, a > 1, backend)
    b = np.array([1.0, -2.0], dtype=np.float32)
    check(x + make(backend, b), a + b, backend)
    check(make(backend, b) * x, b * a, backend)


def test_pow(backend: str) -> None:
    a = np.array([[0.5, 1.0, 2.0], [3.0, 4.0, 9.0]], dtype=np.float32)
    e = np.array([[2.0, 0.5, -1.0], [3.0, 0.0, 0.5]], dtype=np.float32)
    x = make(backend, a)
    check(x.pow(2), a**2, backend)
    check(ep.pow(x, 0.5), a**0.5, backend)
    check(ep.pow(x, make(backend, e)), a**e, backend)
    check(x.pow(make(backend, e[0])), a ** e[0], backend)


# --------------------------------------------------------------------- matmul
MATMUL_SHAPES = [
    ((2, 3), (3, 4)),
    ((1, 3), (3, 1)),
    ((5, 2, 3), (5, 3, 4)),
    ((5, 2, 3), (3, 4)),
    ((2, 1, 2, 3), (3, 3, 2)),
]


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize(("shape_a", "shape_b"), MATMUL_SHAPES)
def test_matmul(
    backend: str, shape_a: tuple[int, ...], shape_b: tuple[int, ...], dtype: str
) -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(size=shape_a).astype(dtype)
    b = rng.normal(size=shape_b).astype(dtype)
    expected = a @ b
    x, y = make(backend, a), make(backend, b)
    check(x @ y, expected, backend)
    check(x.matmul(y), expected, backend)
    check(ep.matmul(x, y), expected, backend)


@pytest.mark.parametrize(
    ("shape_a", "shape_b"), [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 2)), ((4, 2, 3), (3,))]
)
def test_matmul_with_vectors_as_numpy(
    backend: str, shape_a: tuple[int, ...], shape_b: tuple[int, ...]
) -> None:
    """A 1-D operand is a vector, as in NumPy and the standard: vector-vector, matrix-vector,
    vector-matrix (scikit-learn's LDA and ridge regression write ``m @ v``)."""
    a = np.arange(math.prod(shape_a), dtype=np.float32).reshape(shape_a)
    b = np.arange(math.prod(shape_b), dtype=np.float32).reshape(shape_b) - 2
    x, y = make(backend, a), make(backend, b)
    check(x @ y, a @ b, backend)
    check(ep.matmul(x, y), a @ b, backend)
    check(x.matmul(y), a @ b, backend)


@pytest.mark.parametrize(("shape_a", "shape_b"), [((2, 3), (2,)), ((3,), (2, 3)), ((), (3,))])
def test_matmul_of_shapes_that_do_not_align_is_a_value_error(
    backend: str, shape_a: tuple[int, ...], shape_b: tuple[int, ...]
) -> None:
    x = make(backend, np.ones(shape_a, dtype=np.float32))
    y = make(backend, np.ones(shape_b, dtype=np.float32))
    with pytest.raises(ValueError, match="matmul"):
        x @ y
    with pytest.raises(ValueError, match="matmul"):
        ep.matmul(x, y)


# ---------------------------------------------------------------- where, clip
COND = np.array([[True, False, True], [False, False, True]])


@pytest.mark.parametrize("dtype", [*FLOATS, "int64"])
def test_where(backend: str, dtype: str) -> None:
    a, b = FLOAT_X.astype(dtype), FLOAT_Y.astype(dtype)
    c, x, y = make(backend, COND), make(backend, a), make(backend, b)
    check(c.where(x, y), np.where(COND, a, b), backend)
    check(ep.where(c, x, y), np.where(COND, a, b), backend)
    check(ep.where(c, x, 5), np.where(COND, a, 5), backend)  # scalar branch, tensor's dtype
    check(ep.where(c, -1, y), np.where(COND, -1, b), backend)
    check(ep.where(c, x, make(backend, b[0])), np.where(COND, a, b[0]), backend)  # broadcasting
    check(ep.where(make(backend, COND[:, :1]), x, y), np.where(COND[:, :1], a, b), backend)


@pytest.mark.parametrize(("x", "y"), [(1.0, 0.0), (2, -3), (0.5, 7)])
def test_where_both_scalars(backend: str, x: float, y: float) -> None:
    # NumPy makes Python scalars float64/int64, the frameworks their default widths
    check(ep.where(make(backend, COND), x, y), np.where(COND, x, y), backend, dtype="kind")


def test_where_non_bool_condition(backend: str) -> None:
    cond = np.array([[0.0, 2.0, -1.0], [0.0, 1.0, 0.0]], dtype=np.float32)
    a, b = FLOAT_X.astype(np.float32), FLOAT_Y.astype(np.float32)
    result = ep.where(make(backend, cond), make(backend, a), make(backend, b))
    check(result, np.where(cond, a, b), backend)


@pytest.mark.parametrize(
    ("dtype", "low", "high"),
    [("float32", -1.0, 2.5), ("float64", 0, 4), ("int64", -2, 4), ("float32", 10.0, 20.0)],
)
def test_clip(backend: str, dtype: str, low: float, high: float) -> None:
    a = (FLOAT_X if dtype != "int64" else INT_X).astype(dtype)
    x = make(backend, a)
    check(x.clip(low, high), np.clip(a, low, high), backend)
    check(ep.clip(x, low, high), np.clip(a, low, high), backend)


# ------------------------------------------------------ protocol and mixing
@pytest.mark.parametrize("dtype", FLOATS)
def test_numpy_scalar_on_the_left_defers_to_the_tensor(backend: str, dtype: str) -> None:
    a = np.array([1.0, -2.5, 4.0], dtype=dtype)
    x = make(backend, a)
    # NumPy promotes float32 with a float64 *scalar* to float64 (NEP 50), torch and
    # TensorFlow keep float32: only the kind is common
    rule: bool | str = True if dtype == "float64" else "kind"
    check(np.float64(2) * x, 2 * a, backend, dtype=rule)
    check(np.float64(2) + x, 2 + a, backend, dtype=rule)
    check(np.float32(1.5) - x, 1.5 - a, backend)
    check(np.float64(1.0) < x, 1.0 < a, backend)


def test_tensors_are_unhashable(backend: str) -> None:
    x = make(backend, np.array([1.0, 2.0]))
    with pytest.raises(TypeError):
        hash(x)
    with pytest.raises(TypeError):
        {x}
    with pytest.raises(TypeError):
        {x: 1}


def test_eq_returns_an_elementwise_tensor(backend: str) -> None:
    a = np.array([1.0, 2.0, 3.0])
    x = make(backend, a)
    check(x == make(backend, np.array([1.0, 0.0, 3.0])), np.array([True, False, True]), backend)
    check(x != 2.0, a != 2.0, backend)


MIXED_OPS = {
    "+": operator.add,
    "*": operator.mul,
    "<": operator.lt,
    "==": operator.eq,
    "@": operator.matmul,
    "minimum": lambda x, y: x.minimum(y),
    "logical_or": lambda x, y: x.logical_or(y),
    "ep.maximum": ep.maximum,
    "where": lambda x, y: (x > 0).where(x, y),
}


@pytest.mark.parametrize("op", list(MIXED_OPS))
@pytest.mark.parametrize(("first", "second"), list(permutations(INSTALLED, 2)))
def test_mixing_backends_is_a_type_error(first: str, second: str, op: str) -> None:
    a = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    x, y = make(first, a), make(second, a)
    with pytest.raises(TypeError) as info:
        MIXED_OPS[op](x, y)
    message = str(info.value)
    assert CLASS_NAMES[first] in message and CLASS_NAMES[second] in message, message


@pytest.mark.parametrize(
    ("left", "right", "rule"),
    [
        ("int32", "int64", True),
        ("float32", "float64", True),
        ("int64", "float64", True),
        ("int32", "float32", "kind"),  # NumPy: float64; torch and JAX keep float32
    ],
)
@pytest.mark.parametrize("symbol", ["+", "*", "<", "=="])
def test_operators_promote_mixed_dtypes(
    backend: str, left: str, right: str, rule: Any, symbol: str
) -> None:
    a, b = np.array([1, 2, 3], dtype=left), np.array([3, 2, 1], dtype=right)
    op = OPERATORS[symbol]
    check(op(make(backend, a), make(backend, b)), op(a, b), backend, dtype=rule)
    check(op(make(backend, b), make(backend, a)), op(b, a), backend, dtype=rule)
