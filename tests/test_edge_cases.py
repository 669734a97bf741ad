"""Inputs the standard's suite found at 200 examples, pinned here on every backend and both
faces of the namespace, against NumPy: 0-d arrays in promotion, mixed dtypes in linear
algebra, extreme Python numbers, empty masks, complex sets and rounding."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from conftest import INSTALLED, check, make

import eagerlite as ep


def both(backend: str, a: Any) -> list[Any]:
    """``a`` as a Tensor, and its namespace's functions (one implementation, two faces)."""
    t = make(backend, a)
    return [t, ep.array_namespace(t)]


ZERO_D_PAIRS = [("int64", "uint8"), ("int16", "int8"), ("float64", "float32"), ("uint16", "uint8")]
PAIR_IDS = [f"{a}-{b}" for a, b in ZERO_D_PAIRS]


@pytest.mark.parametrize("name", ["add", "multiply", "less", "bitwise_left_shift", "pow"])
@pytest.mark.parametrize(
    ("wide", "narrow"), ZERO_D_PAIRS, ids=[f"{a}-{b}" for a, b in ZERO_D_PAIRS]
)
def test_0d_arrays_promote_as_any_array(backend: str, wide: str, narrow: str, name: str) -> None:
    """torch lets a 0-d tensor take the other's dtype (int64 0-d + uint8 is uint8 there)."""
    if backend == "torch" and "uint16" in (wide, narrow):
        pytest.xfail("torch's uint16 is a storage type: no arithmetic")
    if name == "bitwise_left_shift" and "float" in wide:
        return
    a, b = np.array(3, wide), np.array([1, 2], narrow)
    x, y = make(backend, a), make(backend, b)
    xp = ep.array_namespace(x)
    for left, right, want in ((x, y, (a, b)), (y, x, (b, a))):
        expected = getattr(np, name)(*want)
        check(getattr(xp, name)(left, right), expected, backend)
    if name in ("add", "multiply", "less", "pow"):
        symbol = {"add": "__add__", "multiply": "__mul__", "less": "__lt__", "pow": "__pow__"}
        check(getattr(x, symbol[name])(y), getattr(np, name)(a, b), backend)


@pytest.mark.parametrize("name", ["matmul", "vecdot", "tensordot", "cross", "solve"])
def test_linear_algebra_promotes_mixed_dtypes(backend: str, name: str) -> None:
    a = np.array([[2, 1, 0], [1, 3, 1], [0, 1, 4]], np.int32)
    b = np.array([1, 2, 3], np.int16)
    if name == "solve":
        a, b = a.astype(np.float32), b.astype(np.float64)
    xp = ep.array_namespace(make(backend, a))
    x, y = make(backend, a), make(backend, b)
    fn = getattr(xp.linalg, name) if name in ("solve", "cross") else getattr(xp, name)
    reference = {
        "matmul": lambda: a @ b,
        "vecdot": lambda: np.vecdot(a, b),
        "tensordot": lambda: np.tensordot(a, b, axes=1),
        "cross": lambda: np.cross(a, b),
        "solve": lambda: np.linalg.solve(a, b),
    }[name]()
    kwargs = {"axes": 1} if name == "tensordot" else {}
    check(fn(x, y, **kwargs), reference, backend)


def test_vecdot_checks_the_axis_lengths(backend: str) -> None:
    xp = ep.array_namespace(make(backend, np.zeros(1)))
    with pytest.raises(ValueError):
        xp.vecdot(make(backend, np.ones((1, 1))), make(backend, np.ones((2, 2))))


def test_clip_with_a_tensor_and_a_number(backend: str) -> None:
    a = np.array([1.0, 5.0, 3.0])
    for t, xp in [both(backend, a)]:
        low = make(backend, np.array(2.0))
        check(xp.clip(t, low, 4.0), np.clip(a, 2.0, 4.0), backend)
        check(xp.clip(t, 2.0, make(backend, np.array(4.0))), np.clip(a, 2.0, 4.0), backend)


def test_eye_with_a_diagonal_past_the_matrix(backend: str) -> None:
    xp = ep.array_namespace(make(backend, np.zeros(1)))
    for k in (-(10**24), -5, 5, 10**24):
        check(xp.eye(3, 4, k=k, dtype=xp.float64), np.eye(3, 4, k=k), backend)


def test_take_from_the_end(backend: str) -> None:
    a = np.array([1.5, 2.5, 3.5])
    xp = ep.array_namespace(make(backend, a))
    index = np.array([-2, 1, -1, 0])
    check(xp.take(make(backend, a), make(backend, index)), np.take(a, index), backend)


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
def test_sets_and_round_of_complex(backend: str, dtype: str) -> None:
    a = np.array([1 + 1j, 0j, 1 + 1j, 2.5 - 1.5j, 0j], dtype)
    xp = ep.array_namespace(make(backend, a))
    t = make(backend, a)
    values, counts = np.unique(a, return_counts=True)  # (the standard fixes no order)
    got = xp.unique_values(t).numpy()
    assert got.dtype == a.dtype
    assert sorted(got.tolist(), key=str) == sorted(values.tolist(), key=str)
    found = xp.unique_counts(t)
    pairs = zip(found.values.numpy().tolist(), found.counts.numpy().tolist(), strict=True)
    want = zip(values.tolist(), counts.tolist(), strict=True)
    assert sorted(pairs, key=str) == sorted(want, key=str)
    inverse = xp.unique_inverse(t)
    check(inverse.values[inverse.inverse_indices], a, backend)
    check(xp.round(t), np.round(a), backend)


def test_all_and_any_of_uint8_are_bool(backend: str) -> None:
    a = np.array([14, 0], np.uint8)
    xp = ep.array_namespace(make(backend, a))
    check(xp.any(make(backend, a)), np.any(a), backend)
    check(xp.all(make(backend, a), axis=0), np.all(a, axis=0), backend)


def test_an_empty_mask_takes_nothing_from_any_axis(backend: str) -> None:
    """NumPy takes a mask with a length-0 axis against an axis of any length."""
    a = np.array([-128, 5])
    mask = np.zeros(0, bool)
    check(make(backend, a)[make(backend, mask)], a[mask], backend)


def test_python_numbers_keep_their_digits_in_float64(backend: str) -> None:
    """(TF's tf.cast of a Python float goes through float32: 0.1 and 4918527802671716.0
    lost digits, 1e154 was out of range.)"""
    t = make(backend, np.zeros(2))
    xp = ep.array_namespace(t)
    for value in (0.1, 4918527802671716.0, -1.0405586310866745e154):
        want = np.full(2, value)
        check(xp.full((2,), value, dtype=xp.float64), want, backend)
        check(xp.full_like(t, value), want, backend)
        check(t.at[:].set(value), want, backend)
        check(xp.clip(t, value, None), np.clip(np.zeros(2), value, None), backend)
    check(
        xp.linspace(-4.7e16, -1.04e154, 3, dtype=xp.float64),
        np.linspace(-4.7e16, -1.04e154, 3),
        backend,
    )


def test_statistics_over_no_axis_keep_the_shape(backend: str) -> None:
    a = np.arange(6.0).reshape(2, 3)
    xp = ep.array_namespace(make(backend, a))
    for keepdims in (False, True):
        out = xp.std(make(backend, a), axis=(), keepdims=keepdims)
        check(out, np.std(a, axis=(), keepdims=keepdims), backend)


def test_tile_of_every_dtype(backend: str) -> None:
    for dtype in ("uint8", "uint16", "int16", "bool", "float16", "complex64"):
        if backend == "torch" and dtype == "uint16":
            continue  # (torch's uint16: a storage type, as everywhere in these tests)
        a = np.array([1, 0], dtype)
        xp = ep.array_namespace(make(backend, a))
        check(xp.tile(make(backend, a), (2,)), np.tile(a, 2), backend)


def test_matrix_rank_with_a_tolerance_per_matrix(backend: str) -> None:
    a = np.stack([np.diag([1.0, 0.5, 1e-3]), np.diag([1.0, 1e-2, 1e-4])])
    rtol = np.array([1e-2, 1e-3])
    xp = ep.array_namespace(make(backend, a))
    got = xp.linalg.matrix_rank(make(backend, a), rtol=make(backend, rtol))
    check(got, np.linalg.matrix_rank(a, rtol=rtol), backend, dtype="kind")


def test_shifts_past_the_width(backend: str) -> None:
    a = np.array([8342681, -5, 5], np.int64)
    xp = ep.array_namespace(make(backend, a))
    for shift in (64, 70, 128):
        b = np.full(3, shift, np.int64)
        for name in ("bitwise_left_shift", "bitwise_right_shift"):
            got = getattr(xp, name)(make(backend, a), make(backend, b))
            check(got, getattr(np, name)(a, b), backend)


def test_diagonals_past_the_matrix(backend: str) -> None:
    a = np.arange(6.0).reshape(2, 3)
    xp = ep.array_namespace(make(backend, a))
    for offset in (-509, -2, 3, 107):
        check(xp.linalg.diagonal(make(backend, a), offset=offset), np.diagonal(a, offset), backend)
        check(xp.linalg.trace(make(backend, a), offset=offset), np.trace(a, offset), backend)


def test_slogdet_of_complex_has_a_real_log(backend: str) -> None:
    a = np.array([[1 + 1j, 0], [0, 2]], np.complex128)
    xp = ep.array_namespace(make(backend, a))
    sign, logabsdet = xp.linalg.slogdet(make(backend, a))
    want_sign, want_log = np.linalg.slogdet(a)
    check(sign, want_sign, backend)
    check(logabsdet, want_log, backend)


def test_repeat_and_take_along_axis(backend: str) -> None:
    a = np.array([188, 165], np.uint16 if backend != "torch" else np.uint8)
    xp = ep.array_namespace(make(backend, a))
    check(xp.repeat(make(backend, a), 2), np.repeat(a, 2), backend)
    index = np.array([1, -2])
    check(xp.take_along_axis(make(backend, a), make(backend, index), axis=0), a[index], backend)


def test_asarray_of_a_tensor_without_a_copy_is_that_tensor(backend: str) -> None:
    """So that ``t[i] = v`` shows in both on JAX and TF too, as NumPy's asarray shares."""
    t = make(backend, np.array([4, 5], np.uint8))
    xp = ep.array_namespace(t)
    view = xp.asarray(t, copy=False)
    t[0] = 13
    check(view, np.array([13, 5], np.uint8), backend)
    copied = xp.asarray(t, copy=True)
    t[0] = 1
    check(copied, np.array([13, 5], np.uint8), backend)


def test_elements_of_a_tensor_of_many_dimensions(backend: str) -> None:
    for ndim in (12, 32):  # (TF slices at most 8 dimensions)
        a = np.arange(4.0).reshape((1,) * (ndim - 1) + (4,))
        t = make(backend, a)
        for last in (2, -1):
            check(t[(0,) * (ndim - 1) + (last,)], a[(0,) * (ndim - 1) + (last,)], backend)
        if backend != "jax":  # (JAX clamps an index past the end, by design)
            with pytest.raises(Exception, match="4"):  # (out of bounds, not wrapped around)
                t[(0,) * (ndim - 1) + (4,)]


def test_permute_dims_from_the_end_and_expand_dims_out_of_range(backend: str) -> None:
    a = np.zeros((2, 3, 1))
    xp = ep.array_namespace(make(backend, a))
    check(xp.permute_dims(make(backend, a), (-1, 0, 1)), np.permute_dims(a, (-1, 0, 1)), backend)
    with pytest.raises(IndexError):
        xp.expand_dims(make(backend, a), axis=5)


def test_dlpack_for_a_consumer_before_version_1(backend: str) -> None:
    t = make(backend, np.arange(3.0))
    for version in ((0, 0), (0, 8), (1, 0)):
        assert t.__dlpack__(max_version=version) is not None


@pytest.mark.parametrize("backend", INSTALLED)
@pytest.mark.parametrize("op", ["set", "add"])
def test_updates_through_reversed_slices(backend: str, op: str) -> None:
    """``index_update`` and ``ep.at`` with negative steps (torch slices only forwards)."""
    a = np.arange(10.0).reshape(2, 5)
    for index in ((slice(None), slice(None, None, -2)), (0, slice(3, None, -1))):
        expected = a.copy()
        if op == "set":
            expected[index] = -1.0
        else:
            np.add.at(expected, index, -1.0)
        x = make(backend, a)
        check(getattr(ep.at(x, index), op)(-1.0), expected, backend)
        if op == "set":
            check(x.index_update(index, -1.0), expected, backend)
        check(x, a, backend)  # unchanged


@pytest.mark.parametrize("backend", INSTALLED)
def test_reductions_over_no_axis_are_the_values(backend: str) -> None:
    """``axis=()`` reduces nothing (torch's ``dim=()`` would mean every axis)."""
    a = np.array([[-3.0, 4.0], [0.5, -0.0]])
    x = make(backend, a)
    for name in ("l1", "l2", "linf"):
        check(getattr(ep.norms, name)(x, axis=(), keepdims=True), np.abs(a), backend)
    check(ep.norms.lp(x, 3, axis=()), np.abs(a), backend)
    check(x.logsumexp(axis=()), a, backend)


# What the property suite (tests/test_properties.py) found, pinned on every backend.
@pytest.mark.parametrize("backend", INSTALLED)
def test_property_suite_findings(backend: str) -> None:
    empty = make(backend, np.zeros((0, 3), np.float32))
    check(empty.logsumexp(axis=0), np.full(3, -np.inf, np.float32), backend)
    check(make(backend, np.zeros((0, 0, 2))).flatten(0, 0), np.zeros((0, 0, 2)), backend)
    check(make(backend, np.zeros((2, 0, 3))).flatten(1), np.zeros((2, 0)), backend)
    values, indices = make(backend, np.array([3, 1], np.int8)).topk(0)
    assert values.shape == indices.shape == (0,)
    b = np.array([True, False, True])
    bools = make(backend, b)
    assert (bools.argmax().item(), bools.argmin().item()) == (0, 1)
    check(bools.sort(), np.sort(b), backend)
    check(bools.topk(2)[0], np.array([True, True]), backend)
    for dtype in (np.int8, np.int16, np.int32, np.uint8):
        kept = np.cumsum(np.arange(3, dtype=dtype))
        # (torch has no uint64 arithmetic: its sums of uint8 are int64)
        kind: bool | str = False if backend == "torch" and dtype == np.uint8 else "kind"
        check(make(backend, np.arange(3, dtype=dtype)).cumsum(), kept, backend, dtype=kind)
    zeros = make(backend, np.array([0j, 1e-160j, 3 - 0j]))
    with np.errstate(divide="ignore"):
        for name in ("log", "log2", "log10"):
            check(
                getattr(zeros, name)(), getattr(np, name)(np.array([0j, 1e-160j, 3 - 0j])), backend
            )
    tiny = make(backend, np.array([0 + 2e16j, -3e16j]))
    assert tiny.any().item() and tiny.all().item()
    c = make(backend, np.array([True, False]))
    narrow = make(backend, np.array([1, 2], np.int16))
    wide = make(backend, np.array(5, np.int32))
    check(
        ep.where(c, narrow, wide), np.where([True, False], np.int16([1, 2]), np.int32(5)), backend
    )
    check(
        make(backend, np.zeros((3, 0))).pad(((1, 1), (0, 0)), mode="reflect"),
        np.zeros((5, 0)),
        backend,
    )
    check(make(backend, np.zeros((1, 0, 2))).softmax(axis=1), np.zeros((1, 0, 2)), backend)
    with np.errstate(invalid="ignore"):
        expected = np.zeros((0,), np.complex64).mean()
    check(make(backend, np.zeros((0,), np.complex64)).mean(), expected, backend)
    u8 = make(backend, np.array(2, np.uint8))
    check(3**u8, np.array(9, np.uint8), backend)
