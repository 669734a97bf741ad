"""``ep.array_namespace``: both faces on every backend, and the array object's new members.

The standard's own suite grades the namespaces in depth (test_array_api.py); these are
the cases eagerlite promises beyond it: which namespace comes back, errors, pass-through
of NumPy's functions, and the Tensor operators added for the standard, against NumPy.
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np
import pytest
from conftest import CLASS_NAMES, check, make, native

import eagerlite as ep


def test_native_face_takes_and_returns_native_arrays(backend: str) -> None:
    x = native(backend, np.array([1.0, 2.0, 4.0], np.float32))
    xp = ep.array_namespace(x)
    out = xp.std(xp.stack([x, x]), axis=1, correction=1)
    assert type(out) is type(x) or backend == "jax"
    np.testing.assert_allclose(np.asarray(out), np.std([1, 2, 4], ddof=1) * np.ones(2), 1e-6)
    assert ep.array_namespace(x) is xp  # one namespace per framework
    assert xp.float32 is not None and xp.linalg.inv is not None and xp.fft.rfft is not None


def test_tensor_face_takes_and_returns_tensors(backend: str) -> None:
    t = make(backend, np.array([[2.0, 0.0], [0.0, 4.0]]))
    xp = ep.array_namespace(t)
    assert t.__array_namespace__() is xp
    assert t.__array_namespace__(api_version="2023.12") is xp
    inv = xp.linalg.inv(t)
    assert type(inv).__name__ == CLASS_NAMES[backend]
    check(inv, np.linalg.inv(np.array([[2.0, 0.0], [0.0, 4.0]])), backend)
    line = xp.linspace(0, 1, 5)
    assert type(line) is type(t)
    np.testing.assert_allclose(line.numpy(), np.linspace(0, 1, 5), 1e-6)
    _, r = xp.linalg.qr(t)  # named tuples keep their fields, with Tensors in them
    assert type(xp.linalg.qr(t).Q) is type(t) and type(r) is type(t)
    assert xp.float64 == ep.array_namespace(t.raw).float64  # dtypes are the framework's


def test_numpy_functions_pass_through_unchanged() -> None:
    xp = ep.array_namespace(np.zeros(1))
    assert xp.sin is np.sin and xp.matmul is np.matmul and xp.linalg.inv is np.linalg.inv


def test_scalars_and_none_do_not_pick_a_namespace() -> None:
    x = np.zeros(2)
    assert ep.array_namespace(1, x, None, 2.5) is ep.array_namespace(x)


def test_mixed_arrays_are_a_type_error_naming_both() -> None:
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError, match=r"numpy\.ndarray.*torch\.Tensor"):
        ep.array_namespace(np.zeros(1), torch.zeros(1))
    with pytest.raises(TypeError, match=r"two kinds.*NumPyTensor.*numpy\.ndarray"):
        ep.array_namespace(ep.astensor(np.zeros(1)), np.zeros(1))


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((), TypeError, "at least one array, got none"),
        ((1, 2.0), TypeError, "at least one array"),
        (("abc",), TypeError, "builtins.str is not an array type"),
        (([1, 2],), TypeError, "builtins.list is not an array type"),
    ],
)
def test_bad_arguments(args: tuple[Any, ...], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        ep.array_namespace(*args)


def test_bad_api_version() -> None:
    with pytest.raises(ValueError, match=r"api_version must be one of .*2025\.12"):
        ep.array_namespace(np.zeros(1), api_version="2019.01")


def test_mixing_tensors_in_a_tensor_function() -> None:
    torch = pytest.importorskip("torch")
    xp = ep.array_namespace(ep.astensor(np.zeros(2)))
    with pytest.raises(TypeError, match="PyTorchTensor"):
        xp.add(ep.astensor(np.zeros(2)), ep.astensor(torch.zeros(2)))


# ------------------------------------------------------------- the array object
INTS = np.array([[1, 2, 3], [4, 5, 6]], np.int32)
BITWISE = [operator.and_, operator.or_, operator.xor, operator.lshift, operator.rshift]


@pytest.mark.parametrize("op", BITWISE, ids=lambda op: op.__name__)
def test_bitwise_operators(backend: str, op: Any) -> None:
    t = make(backend, INTS)
    check(op(t, 2), op(INTS, 2), backend)
    check(op(t, t), op(INTS, INTS), backend)
    check(op(2, t), op(2, INTS), backend)  # reflected


def test_invert_and_masks(backend: str) -> None:
    t = make(backend, INTS)
    check(~t, ~INTS, backend)
    mask = (t > 1) & (t < 5) | (t == 6)
    check(mask, (INTS > 1) & (INTS < 5) | (INTS == 6), backend)
    check(+t, INTS, backend)


def test_matrix_transpose_and_size(backend: str) -> None:
    a = np.arange(24.0).reshape(2, 3, 4)
    t = make(backend, a)
    check(t.mT, np.swapaxes(a, -1, -2), backend)
    assert t.size == 24 and make(backend, np.zeros((0, 3))).size == 0


def test_python_numbers(backend: str) -> None:
    t = make(backend, np.array(3, np.int64))
    assert float(t) == 3.0 and int(t) == 3 and complex(t) == 3 + 0j
    assert operator.index(t) == 3 and [10, 11, 12, 13][t] == 13
    with pytest.raises(TypeError, match="only integer tensors"):
        operator.index(make(backend, np.array(1.5)))


@pytest.mark.parametrize(
    ("op", "value"),
    [
        (operator.iadd, 2),
        (operator.isub, 2),
        (operator.imul, 3),
        (operator.ifloordiv, 2),
        (operator.imod, 4),
        (operator.ipow, 2),
        (operator.iand, 6),
        (operator.ior, 1),
        (operator.ixor, 5),
        (operator.ilshift, 1),
        (operator.irshift, 1),
    ],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_in_place_operators_update_the_tensor(backend: str, op: Any, value: int) -> None:
    t = make(backend, INTS)
    alias = t
    out = op(t, value)
    assert out is t  # the same Tensor, its .raw rebound
    check(alias, op(INTS.copy(), value), backend)


def test_setitem(backend: str) -> None:
    a = np.arange(12.0).reshape(3, 4)
    t = make(backend, a)
    t[1, 2:] = 7.0
    t[0] = make(backend, np.full(4, -1.0))
    expected = a.copy()
    expected[1, 2:] = 7.0
    expected[0] = -1.0
    check(t, expected, backend)


def test_setitem_writes_numpy_and_torch_arrays_in_place(backend: str) -> None:
    x = native(backend, np.zeros(3))
    t = ep.astensor(x)
    t[1] = 5.0
    shared = backend in ("numpy", "torch")  # JAX and TF arrays are immutable: t.raw is new
    assert (np.asarray(ep.astensor(x).numpy())[1] == 5.0) == shared
    assert t.numpy()[1] == 5.0


def test_floor_divide_follows_the_standard_at_infinities(backend: str) -> None:
    a = np.array([np.inf, -np.inf, 1.0, -1.0, -0.0])
    b = np.array([2.0, 2.0, -np.inf, np.inf, 3.0])
    t = make(backend, a)
    out = (t // make(backend, b)).numpy()
    np.testing.assert_array_equal(out, [np.inf, -np.inf, -0.0, -0.0, -0.0])
    assert list(np.signbit(out[2:])) == [True, True, True]


def test_the_names_page_is_current() -> None:
    """docs/array-api-names.md is what ``python -m eagerlite.xp._status`` prints now."""
    from pathlib import Path

    from conftest import INSTALLED

    from eagerlite.xp import _status

    missing = set(_status.FRAMEWORKS) - set(INSTALLED)
    if missing:
        pytest.skip(f"the page lists all four frameworks; not installed: {sorted(missing)}")
    page = Path(__file__).resolve().parent.parent / "docs" / "array-api-names.md"
    assert page.read_text() == _status.markdown(), (
        "regenerate: python -m eagerlite.xp._status > docs/array-api-names.md"
    )
    assert all(s != "missing" for fw in _status.FRAMEWORKS for s in _status.status(fw).values())


COMPLEX_SPECIAL = "exp expm1 log log1p sqrt sinh cosh tanh asinh acosh atanh acos".split()
_PARTS = [0.0, -0.0, 1.5, np.inf, -np.inf, np.nan]
COMPLEX_POINTS = np.array([complex(r, i) for r in _PARTS for i in _PARTS], np.complex128)


@pytest.mark.parametrize("name", COMPLEX_SPECIAL)
def test_complex_special_values_as_numpy(backend: str, name: str) -> None:
    """At the complex special values (zeros, infinities, NaN in either part) every namespace
    gives what NumPy's does (the standard's answers; signs it leaves open are not compared)."""
    a = COMPLEX_POINTS
    with np.errstate(all="ignore"):
        expected = getattr(ep.array_namespace(a), name)(a)
    got = np.asarray(getattr(ep.array_namespace(native(backend, a)), name)(native(backend, a)))
    for part in (np.real, np.imag):
        want, have = part(expected), part(got)
        np.testing.assert_array_equal(np.isnan(have), np.isnan(want), err_msg=f"{name} NaN")
        np.testing.assert_allclose(np.abs(have), np.abs(want), rtol=1e-12, err_msg=name)


@pytest.mark.parametrize("face", ["native", "tensor"])
@pytest.mark.parametrize("name", ["isnan", "isinf", "isfinite"])
def test_complex_predicates(backend: str, name: str, face: str) -> None:
    """isnan/isinf/isfinite of complex arrays test both parts (TF's own take no complex)."""
    a = COMPLEX_POINTS
    x = native(backend, a) if face == "native" else make(backend, a)
    got = getattr(ep.array_namespace(x), name)(x)
    got = got.numpy() if face == "tensor" else np.asarray(got)
    np.testing.assert_array_equal(got, getattr(np, name)(a))


def test_signed_zeros_survive_python_scalars(backend: str) -> None:
    """-0.0 and 0.0 stay apart however they come in (TF caches tensors made from Python
    scalars by value, and -0.0 == 0.0: eagerlite hands it zeros as NumPy scalars)."""
    t = make(backend, np.array([1.0, -0.0], np.float32))
    xp = ep.array_namespace(t)
    for zero in (0.0, -0.0, 0.0):  # (each after the other: a cache would mix them up)
        sign = np.signbit(np.float32(zero))
        assert np.signbit(xp.asarray(zero).numpy()) == sign
        assert np.signbit(xp.asarray(zero, dtype=xp.float64).numpy()) == sign
        assert np.all(np.signbit(xp.full((2,), zero).numpy()) == sign)
        assert np.all(np.signbit(ep.full(t, (2,), zero).numpy()) == sign)
        assert np.signbit(t.at[0].set(zero).numpy()[0]) == sign
        assert np.signbit((t > 5).where(1.0, zero).numpy()[0]) == sign
        minus = make(backend, np.array([-0.0], np.float32))
        assert np.signbit((minus + zero).numpy()[0]) == sign
        assert np.signbit(xp.add(minus, zero).numpy()[0]) == sign
        assert np.signbit((zero * t).numpy()[0]) == sign
    c = xp.asarray(complex(-0.0, -0.0))
    assert np.signbit(np.real(c.numpy())) and np.signbit(np.imag(c.numpy()))


def test_remainder_of_zero_takes_the_divisor_sign(backend: str) -> None:
    a = np.array([-0.0, 0.0, 3.0, -3.0])
    t, xp = make(backend, a), ep.array_namespace(make(backend, a))
    for divisor in (3.0, -3.0):
        want = np.remainder(a, divisor)
        for got in ((t % divisor).numpy(), xp.remainder(t, divisor).numpy()):
            np.testing.assert_array_equal(got, want)
            np.testing.assert_array_equal(np.signbit(got), np.signbit(want))


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.uint32, np.uint64])
def test_unsigned_operators(backend: str, dtype: Any) -> None:
    if backend == "torch" and dtype != np.uint8:
        pytest.xfail("torch's uint16/32/64 are storage types: it has no - or ** for them")
    a = np.array([0, 1, 2, 3], dtype)
    t = make(backend, a)
    check(-t, -a, backend)
    check(t**2, a**2, backend)
    check(2**t, np.asarray(2, dtype) ** a, backend)
    check(t**t, a**a, backend)


def test_asarray_of_mixed_python_lists(backend: str) -> None:
    """A nested list of Python numbers takes its widest kind, as in NumPy (TF's own
    conversion takes no mixed lists)."""
    xp = ep.array_namespace(native(backend, np.zeros(1, np.float32)))
    floats = np.asarray(xp.asarray([1, 2.5]))
    assert floats.dtype.kind == "f" and list(floats) == [1.0, 2.5]
    assert np.asarray(xp.asarray([1, 2j, 3])).dtype.kind == "c"
    assert np.asarray(xp.asarray([[True, 2]])).dtype.kind == "i"
    assert np.asarray(xp.asarray([[1, 2], [3, 4]], dtype=xp.float64)).dtype == np.float64


def test_complex_pinv(backend: str) -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(size=(2, 3, 4)) + 1j * rng.normal(size=(2, 3, 4))
    a[1, 2] = a[1, 1]  # (rank 2: a singular value cut)
    xp = ep.array_namespace(make(backend, a))
    check(xp.linalg.pinv(make(backend, a)), np.linalg.pinv(a), backend)
