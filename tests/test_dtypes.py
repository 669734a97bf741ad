"""Framework-neutral dtypes (``ep.float32``, ...): taken wherever a dtype is, on every backend."""

from __future__ import annotations

import pickle
from typing import Any

import numpy as np
import pytest
from conftest import check, make

import eagerlite as ep
from eagerlite.dtypes import NAMES, name_of

# NumPy's reference dtype for each name (bfloat16: compared after a cast to float32)
NUMPY = {n: np.dtype(n) for n in NAMES if n != "bfloat16"}


def framework_dtype(backend: str, name: str) -> Any:
    if backend == "numpy":
        return np.dtype(name)
    if backend == "torch":
        import torch

        return getattr(torch, name)
    if backend == "jax":
        import jax.numpy as jnp

        return getattr(jnp, name)
    import tensorflow as tf

    return getattr(tf, name)


def test_dtypes_are_top_level_names() -> None:
    for name in NAMES:
        d = getattr(ep, name)
        assert isinstance(d, ep.DType) and d.name == name and str(d) == name
        assert repr(d) == f"eagerlite.{name}"
        assert pickle.loads(pickle.dumps(d)) == d
    assert ep.float32 != ep.float64 and hash(ep.float32) == hash(ep.DType("float32"))
    with pytest.raises(AttributeError):
        ep.float32.name = "float64"  # type: ignore[misc]
    with pytest.raises(ValueError, match="float8"):
        ep.DType("float8")


@pytest.mark.parametrize("name", [n for n in NAMES if n != "bfloat16"])
def test_astype_accepts_every_spelling(backend: str, name: str) -> None:
    t = make(backend, np.array([0, 1, 2], np.int64))
    expected = np.array([0, 1, 2]).astype(name)
    for spelling in (getattr(ep, name), name, np.dtype(name), framework_dtype(backend, name)):
        result = t.astype(spelling)
        check(result, expected, backend)
        assert result.dtype == getattr(ep, name)  # native dtypes compare equal by name
        check(ep.astype(t, spelling), expected, backend)


def test_bfloat16(backend: str) -> None:
    t = make(backend, np.array([1.0, 2.5, -3.0], np.float32))
    b = t.astype(ep.bfloat16)
    assert name_of(b.dtype) == "bfloat16" and ep.bfloat16 == b.dtype
    check(b.astype(ep.float32), np.array([1.0, 2.5, -3.0], np.float32), backend)


def test_python_types_mean_what_they_mean_in_numpy(backend: str) -> None:
    t = make(backend, np.array([1, 2], np.int32))
    check(t.astype(float), np.array([1.0, 2.0]), backend)
    check(t.astype(int), np.array([1, 2], np.int64), backend)
    check(t.astype(bool), np.array([True, True]), backend)


@pytest.mark.parametrize("bad", ["float8", "floaty", 3, None, object(), [np.float32]])
def test_unknown_dtype_is_a_type_error_listing_the_valid_ones(backend: str, bad: Any) -> None:
    t = make(backend, np.ones(2, np.float32))
    with pytest.raises(TypeError, match=r"expected one of bool, int8.*complex128") as info:
        t.astype(bad) if bad is not None else ep.zeros(t, 2, dtype=ep.DType)
    assert repr(bad if bad is not None else ep.DType) in str(info.value)


def test_creation_takes_dtype(backend: str) -> None:
    t = make(backend, np.ones((2, 2), np.float32))
    check(ep.zeros(t, (3,), dtype=ep.int32), np.zeros(3, np.int32), backend)
    check(t.ones(2, dtype="float64"), np.ones(2), backend)
    check(ep.full(t, (2, 1), 7, dtype=ep.int8), np.full((2, 1), 7, np.int8), backend)
    check(ep.zeros_like(t, dtype=ep.bool), np.zeros((2, 2), bool), backend)
    check(t.ones_like(dtype=ep.complex64), np.ones((2, 2), np.complex64), backend)
    check(ep.full_like(t, 3, dtype=ep.int64), np.full((2, 2), 3), backend)
    check(ep.arange(t, 4, dtype=ep.float32), np.arange(4, dtype=np.float32), backend)
    # without dtype: this tensor's (arange: the default integer)
    check(ep.zeros(t, 2), np.zeros(2, np.float32), backend)


def test_astype_copy_and_device(backend: str) -> None:
    t = make(backend, np.array([1.0, 2.0], np.float32))
    same = t.astype(ep.float32, copy=False)
    copied = t.astype(ep.float32)
    if backend in ("numpy", "torch"):  # mutable arrays: copy=True never aliases
        copied[0] = 5.0
        check(t, np.array([1.0, 2.0], np.float32), backend)
        same[0] = 9.0
        check(t, np.array([9.0, 2.0], np.float32), backend)
    moved = t.astype(ep.float64, device=t.device)
    check(moved, t.numpy().astype(np.float64), backend)
    assert moved.device == t.device


def test_tensor_face_takes_neutral_dtypes(backend: str) -> None:
    xp = ep.array_namespace(make(backend, np.ones(2, np.float32)))
    check(xp.asarray([1, 2], dtype=ep.int8), np.array([1, 2], np.int8), backend)
    check(xp.zeros((2,), dtype=ep.complex64), np.zeros(2, np.complex64), backend)
    assert xp.finfo(ep.float32).eps == np.finfo(np.float32).eps
    assert xp.iinfo(ep.uint8).max == 255
    assert xp.isdtype(ep.int16, "signed integer") and not xp.isdtype(ep.int16, "real floating")


def test_name_of() -> None:
    assert name_of("f8") == "float64" and name_of("double") == "float64"
    assert name_of(np.float32) == "float32" and name_of(np.dtype("uint8")) == "uint8"
    assert name_of("nonsense") is None and name_of(3) is None and name_of(None) is None
    assert name_of(make("numpy", np.ones(2))) is None  # a tensor is not a dtype
    assert ep.float32 != make("numpy", np.ones(2, np.float32))
