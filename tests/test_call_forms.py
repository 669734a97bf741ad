"""NumPy's and the standard's call forms on the Tensor methods and ``ep.`` functions, beside
EagerPy's: each form gives NumPy's answer on every backend (the API reference lists them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from conftest import native

import eagerlite as ep

Array = np.ndarray[Any, Any]
M = np.arange(6.0).reshape(2, 3) - 2.5  # (values with halves: rounding, clipping)
V = np.array([1.0, -2.0, 0.5])

# form -> (on the Tensor(s), on NumPy)
FORMS: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "reshape(-1, 1)": (lambda m: m.reshape(-1, 1), lambda m: m.reshape(-1, 1)),
    "reshape((-1, 1))": (lambda m: m.reshape((-1, 1)), lambda m: m.reshape((-1, 1))),
    "reshape([3, 2])": (lambda m: m.reshape([3, 2]), lambda m: m.reshape([3, 2])),
    "reshape(6)": (lambda m: m.reshape(6), lambda m: m.reshape(6)),
    "ep.reshape(m, (3, -1))": (lambda m: ep.reshape(m, (3, -1)), lambda m: m.reshape(3, -1)),
    "transpose()": (lambda m: m.transpose(), lambda m: m.transpose()),
    "transpose(1, 0)": (lambda m: m.transpose(1, 0), lambda m: m.transpose(1, 0)),
    "transpose((1, 0))": (lambda m: m.transpose((1, 0)), lambda m: m.transpose((1, 0))),
    "transpose(axes=(1, 0))": (lambda m: m.transpose(axes=(1, 0)), lambda m: m.T),
    ".T": (lambda m: m.T, lambda m: m.T),
    "clip(max=1.0)": (lambda m: m.clip(max=1.0), lambda m: m.clip(max=1.0)),
    "clip(min=-1.0)": (lambda m: m.clip(min=-1.0), lambda m: m.clip(min=-1.0)),
    "clip(-1.0, 1.0)": (lambda m: m.clip(-1.0, 1.0), lambda m: m.clip(-1.0, 1.0)),
    "clip(min_=-1.0, max_=1.0) (EagerPy)": (
        lambda m: m.clip(min_=-1.0, max_=1.0),
        lambda m: m.clip(-1.0, 1.0),
    ),
    "ep.clip(m, None, 0.5)": (lambda m: ep.clip(m, None, 0.5), lambda m: np.clip(m, None, 0.5)),
    "sum(1, True) (EagerPy)": (lambda m: m.sum(1, True), lambda m: m.sum(1, keepdims=True)),
    "sum(axis=0, keepdims=True)": (
        lambda m: m.sum(axis=0, keepdims=True),
        lambda m: m.sum(axis=0, keepdims=True),
    ),
    "max(axis=(0, 1))": (lambda m: m.max(axis=(0, 1)), lambda m: m.max(axis=(0, 1))),
    "ep.mean(m, axis=-1, keepdims=True)": (
        lambda m: ep.mean(m, axis=-1, keepdims=True),
        lambda m: m.mean(axis=-1, keepdims=True),
    ),
    "mean(dtype=float32)": (
        lambda m: m.mean(dtype=ep.float32),
        lambda m: m.mean(dtype=np.float32),
    ),
    "std(ddof=1)": (lambda m: m.std(ddof=1), lambda m: m.std(ddof=1)),
    "std(axis=0, correction=1)": (
        lambda m: m.std(axis=0, correction=1),
        lambda m: m.std(axis=0, ddof=1),
    ),
    "ep.var(m, 1, ddof=1)": (lambda m: ep.var(m, 1, ddof=1), lambda m: m.var(1, ddof=1)),
    "round()": (lambda m: m.round(), lambda m: m.round()),
    "round(1)": (lambda m: (m / 3).round(1), lambda m: (m / 3).round(1)),
    "round(decimals=-1)": (
        lambda m: (m * 10).round(decimals=-1),
        lambda m: (m * 10).round(decimals=-1),
    ),
    "ep.round(int, -1)": (
        lambda m: ep.round((m * 10).astype("int32"), -1),
        lambda m: np.round((m * 10).astype("int32"), -1),
    ),
    "sort(kind='stable')": (lambda m: m.sort(kind="stable"), lambda m: np.sort(m, kind="stable")),
    "argsort(axis=0, kind='mergesort')": (
        lambda m: m.argsort(axis=0, kind="mergesort"),
        lambda m: np.argsort(m, axis=0, kind="stable"),
    ),
    "astype('float32')": (lambda m: m.astype("float32"), lambda m: m.astype("float32")),
    "astype(ep.int32)": (lambda m: m.astype(ep.int32), lambda m: m.astype(np.int32)),
    "astype(native dtype)": (lambda m: m.astype(m.dtype), lambda m: m.astype(m.dtype)),
    "matrix @ vector": (lambda m, v: m.T @ v[:2], lambda m, v: m.T @ v[:2]),
    "vector @ matrix": (lambda m, v: v[:2] @ m, lambda m, v: v[:2] @ m),
    "vector @ vector": (lambda m, v: v @ v, lambda m, v: v @ v),
    "ep.matmul(matrix, vector)": (lambda m, v: ep.matmul(m, v), lambda m, v: m @ v),
    "m.matmul(vector)": (lambda m, v: m.matmul(v), lambda m, v: m @ v),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_numpy_call_forms(backend: str, form: str) -> None:
    on_tensor, on_numpy = FORMS[form]
    m, v = ep.astensor(native(backend, M)), ep.astensor(native(backend, V))
    # (the reference computes in the backend's dtype: JAX's default is float32)
    expected = on_numpy(*[np.asarray(t.numpy()) for t in (m, v)][: _arity(on_numpy)])
    got = on_tensor(*(m, v)[: _arity(on_tensor)])
    assert isinstance(got, type(m)), type(got)
    assert got.shape == np.shape(expected)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-6, atol=1e-6)
    assert np.asarray(got.numpy()).dtype == np.asarray(expected).dtype


def _arity(f: Callable[..., Any]) -> int:
    return f.__code__.co_argcount


def test_ddof_and_correction_are_one_argument(backend: str) -> None:
    m = ep.astensor(native(backend, M))
    with pytest.raises(ValueError, match="correction or ddof"):
        m.std(correction=1, ddof=1)


def test_an_unknown_sort_kind_is_a_value_error(backend: str) -> None:
    m = ep.astensor(native(backend, M))
    with pytest.raises(ValueError, match="quicksort"):
        m.sort(kind="bogo")


def test_round_decimals_must_be_an_int(backend: str) -> None:
    m = ep.astensor(native(backend, M))
    with pytest.raises(TypeError, match="decimals"):
        m.round(0.5)  # type: ignore[arg-type]
