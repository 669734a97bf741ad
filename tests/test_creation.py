"""Creation ops (zeros, full, arange, uniform, onehot_like, ...), their dtypes and devices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from conftest import INSTALLED, check, make

import eagerlite as ep

DTYPES = [np.float32, np.float64, np.int32, np.int64, np.bool_]
SHAPES = [(2, 3), 4, (), (0, 2), (1, 2, 3)]


def np_shape(shape: Any) -> tuple[int, ...]:
    return (shape,) if isinstance(shape, int) else tuple(shape)


# (id, method call, function call, NumPy reference); each gets the reference tensor / array
SHAPED = [
    (
        "zeros",
        lambda t, s: t.zeros(s),
        lambda t, s: ep.zeros(t, s),
        lambda a, s: np.zeros(s, a.dtype),
    ),
    ("ones", lambda t, s: t.ones(s), lambda t, s: ep.ones(t, s), lambda a, s: np.ones(s, a.dtype)),
    (
        "full",
        lambda t, s: t.full(s, 1),
        lambda t, s: ep.full(t, s, 1),
        lambda a, s: np.full(s, 1, a.dtype),
    ),
]
LIKE = [
    ("zeros_like", lambda t: t.zeros_like(), ep.zeros_like, np.zeros_like),
    ("ones_like", lambda t: t.ones_like(), ep.ones_like, np.ones_like),
    (
        "full_like",
        lambda t: t.full_like(1),
        lambda t: ep.full_like(t, 1),
        lambda a: np.full_like(a, 1),
    ),
]


@pytest.mark.parametrize("form", ["method", "function"])
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("op", SHAPED, ids=[c[0] for c in SHAPED])
def test_shaped_creation(backend: str, op: Any, dtype: Any, shape: Any, form: str) -> None:
    a = np.arange(6).reshape(2, 3).astype(dtype)
    _, method, function, reference = op
    result = (method if form == "method" else function)(make(backend, a), shape)
    check(result, reference(a, np_shape(shape)), backend)


@pytest.mark.parametrize("form", ["method", "function"])
@pytest.mark.parametrize("shape", [(2, 3), (4,), (), (0, 2)], ids=str)
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("op", LIKE, ids=[c[0] for c in LIKE])
def test_like_creation(backend: str, op: Any, dtype: Any, shape: Any, form: str) -> None:
    a = (np.arange(int(np.prod(shape))).reshape(shape) + 2).astype(dtype)
    _, method, function, reference = op
    result = (method if form == "method" else function)(make(backend, a))
    check(result, reference(a), backend)


@pytest.mark.parametrize(
    "dtype,value",
    [
        (np.float32, 2.5),
        (np.float64, -1e300),
        (np.int32, 7),
        (np.int64, -3),
        (np.bool_, True),
        (np.bool_, 0),
        (np.int32, 2.75),  # NumPy casts the value to the dtype
    ],
    ids=str,
)
def test_full_values(backend: str, dtype: Any, value: Any) -> None:
    a = np.zeros((2, 2), dtype=dtype)
    t = make(backend, a)
    check(t.full((3, 1), value), np.full((3, 1), value, dtype=dtype), backend)
    check(ep.full_like(t, value), np.full_like(a, value), backend)


@pytest.mark.parametrize(
    "args",
    [(5,), (0,), (2, 7), (-3, 3), (7, 2), (1, 10, 3), (10, 0, -3), (0, 5, 2)],
    ids=str,
)
@pytest.mark.parametrize("dtype", [np.float32, np.int32], ids=["float32_ref", "int32_ref"])
def test_arange(backend: str, args: tuple[int, ...], dtype: Any) -> None:
    t = make(backend, np.zeros(3, dtype=dtype))
    expected = np.arange(*args)  # integer arguments: int64, whatever the reference dtype
    check(t.arange(*args), expected, backend)
    check(ep.arange(t, *args), expected, backend)


def test_arange_keywords(backend: str) -> None:
    t = make(backend, np.zeros(3, dtype=np.float32))
    check(t.arange(2, stop=8, step=2), np.arange(2, 8, 2), backend)
    check(ep.arange(t, 1, step=None, stop=4), np.arange(1, 4), backend)


def default_float(backend: str) -> np.dtype[Any]:
    """The dtype of the framework's own ``1.0`` (what random numbers default to)."""
    if backend == "numpy":
        return np.asarray(1.0).dtype
    if backend == "torch":
        import torch

        return torch.zeros(0).numpy().dtype
    if backend == "jax":
        import jax.numpy as jnp

        return np.asarray(jnp.asarray(1.0)).dtype
    import tensorflow as tf

    return np.dtype(tf.constant(1.0).dtype.as_numpy_dtype)


RANDOM_DTYPES = [np.float32, np.float64, np.int32, np.int64, np.bool_]


@pytest.mark.parametrize("form", ["method", "function"])
@pytest.mark.parametrize("dtype", RANDOM_DTYPES, ids=lambda d: np.dtype(d).name)
def test_uniform(backend: str, dtype: Any, form: str) -> None:
    t = make(backend, np.zeros((2,), dtype=dtype))
    if form == "method":
        result = t.uniform((100, 100), low=-2.0, high=3.0)
    else:
        result = ep.uniform(t, (100, 100), -2.0, 3.0)
    assert type(result) is type(t)
    expected_dtype = np.dtype(dtype) if np.dtype(dtype).kind == "f" else default_float(backend)
    values = result.numpy()
    assert values.shape == (100, 100)
    assert values.dtype == expected_dtype
    assert values.min() >= -2.0 and values.max() < 3.0
    assert abs(values.mean() - 0.5) < 0.1  # standard error 5 / sqrt(12) / 100 = 0.014
    assert abs(values.std() - 5 / np.sqrt(12)) < 0.05
    assert len(np.unique(values)) > 9000


@pytest.mark.parametrize("form", ["method", "function"])
@pytest.mark.parametrize("dtype", RANDOM_DTYPES, ids=lambda d: np.dtype(d).name)
def test_normal(backend: str, dtype: Any, form: str) -> None:
    t = make(backend, np.zeros((2,), dtype=dtype))
    if form == "method":
        result = t.normal(10_000, mean=3.0, stddev=2.0)
    else:
        result = ep.normal(t, (10_000,), 3.0, 2.0)
    assert type(result) is type(t)
    expected_dtype = np.dtype(dtype) if np.dtype(dtype).kind == "f" else default_float(backend)
    values = result.numpy()
    assert values.shape == (10_000,)
    assert values.dtype == expected_dtype
    assert abs(values.mean() - 3.0) < 0.1  # standard error 0.02
    assert abs(values.std() - 2.0) < 0.1
    assert np.mean(np.abs(values - 3.0) < 2.0) == pytest.approx(0.6827, abs=0.03)


@pytest.mark.parametrize("op", ["uniform", "normal"])
def test_random_defaults_and_fresh_numbers(backend: str, op: str) -> None:
    t = make(backend, np.zeros(1, dtype=np.float32))
    a, b = getattr(t, op)(1000).numpy(), getattr(t, op)((1000,)).numpy()
    assert a.shape == b.shape == (1000,)
    assert not np.array_equal(a, b)  # each call draws new numbers
    if op == "uniform":
        assert a.min() >= 0.0 and a.max() < 1.0
    else:
        assert abs(a.mean()) < 0.2 and abs(a.std() - 1.0) < 0.1
    assert getattr(t, op)(()).shape == ()


@pytest.mark.parametrize(
    "dtype,value",
    [(np.float32, 1), (np.float32, 2.5), (np.float64, -1.5), (np.int64, 3), (np.int32, -1)],
    ids=str,
)
def test_onehot_like(backend: str, dtype: Any, value: float) -> None:
    a = np.zeros((3, 4), dtype=dtype)
    indices = np.array([1, 0, 3])
    expected = np.zeros_like(a)
    expected[np.arange(3), indices] = value
    t = make(backend, a)
    check(t.onehot_like(make(backend, indices), value=value), expected, backend)
    check(ep.onehot_like(t, make(backend, indices), value=value), expected, backend)


def test_onehot_like_default_value(backend: str) -> None:
    a = np.random.default_rng(0).normal(size=(2, 5)).astype(np.float32)
    result = make(backend, a).onehot_like(make(backend, np.array([4, 4])))
    check(result, np.eye(5, dtype=np.float32)[[4, 4]], backend)


@pytest.mark.parametrize(
    "shape,indices",
    [((4,), [0, 1, 2, 3]), ((2, 2, 2), [0, 1]), ((3, 4), [0, 1]), ((3, 4), [[0], [1], [2]])],
    ids=["1d_tensor", "3d_tensor", "too_few_indices", "2d_indices"],
)
def test_onehot_like_errors(backend: str, shape: tuple[int, ...], indices: Any) -> None:
    t = make(backend, np.zeros(shape, dtype=np.float32))
    with pytest.raises(ValueError, match="onehot_like"):
        t.onehot_like(make(backend, np.array(indices)))


FROM_NUMPY = [
    np.arange(6, dtype=np.float32).reshape(2, 3),
    np.arange(6, dtype=np.float64)[::-1],  # negative strides
    np.arange(12, dtype=np.int64).reshape(3, 4)[:, ::2],  # not contiguous
    np.array([True, False]),
    np.array(3, dtype=np.int32),
    np.zeros((0, 3), dtype=np.float32),
]


@pytest.mark.parametrize("a", FROM_NUMPY, ids=lambda a: f"{a.dtype}{a.shape}")
def test_from_numpy(backend: str, a: np.ndarray[Any, Any]) -> None:
    t = make(backend, np.zeros(1, dtype=np.float32))  # the reference dtype does not matter
    check(t.from_numpy(a), a, backend)
    check(ep.from_numpy(t, a), a, backend)


def test_from_numpy_accepts_array_likes(backend: str) -> None:
    t = make(backend, np.zeros(1, dtype=np.float32))
    check(t.from_numpy([[1, 2], [3, 4]]), np.array([[1, 2], [3, 4]]), backend, dtype="kind")
    check(t.from_numpy(2.5), np.array(2.5), backend, dtype="kind")


# ------------------------------------------------------------------------ devices
# (id, op) run on a tensor placed on a non-default device
CREATION = [
    ("zeros", lambda t: t.zeros((2, 3))),
    ("ones", lambda t: ep.ones(t, 3)),
    ("full", lambda t: t.full((2,), 3.0)),
    ("zeros_like", lambda t: t.zeros_like()),
    ("ones_like", lambda t: ep.ones_like(t)),
    ("full_like", lambda t: t.full_like(2.0)),
    ("arange", lambda t: t.arange(5)),
    ("arange3", lambda t: ep.arange(t, 1, 7, 2)),
    ("uniform", lambda t: t.uniform((3,))),
    ("normal", lambda t: ep.normal(t, (3, 2))),
    ("from_numpy", lambda t: t.from_numpy(np.ones(3))),
    ("onehot_like", lambda t: t.onehot_like(t.arange(2))),
]
ORDINARY = [
    ("add", lambda t: t + 1),
    ("mul_tensor", lambda t: t * t),
    ("exp", lambda t: t.exp()),
    ("sum", lambda t: t.sum(axis=0)),
    ("reshape", lambda t: t.reshape(-1)),
    ("transpose", lambda t: t.T),
    ("getitem", lambda t: t[:, 1:]),
    ("getitem_array", lambda t: t[0, [0, 2]]),
    ("index_update", lambda t: t.index_update(ep.index[:, 1], 5.0)),
    ("where", lambda t: (t > 0).where(t, 1.0)),
    ("softmax", lambda t: t.softmax()),
    ("l2", lambda t: t.norms.l2(axis=-1)),
    ("matmul", lambda t: t @ t.T),
]
ALL_OPS = CREATION + ORDINARY
DEVICE_BACKENDS = [b for b in ("torch", "jax", "tensorflow") if b in INSTALLED]


def on_second_device(backend: str, a: np.ndarray[Any, Any]) -> tuple[Any, Callable[[Any], bool]]:
    """``a`` as a native tensor on a non-default device, and a test for "on that device"."""
    if backend == "torch":
        import torch

        return torch.from_numpy(a).to("meta"), lambda raw: raw.device.type == "meta"
    if backend == "jax":
        import jax

        device = jax.devices()[1]
        return jax.device_put(a, device), lambda raw: raw.devices() == {device}
    import tensorflow as tf

    with tf.device("/device:CPU:1"):
        raw = tf.identity(tf.constant(a))
    return raw, lambda raw: raw.device.endswith("CPU:1")


@pytest.mark.parametrize("backend", DEVICE_BACKENDS)  # NumPy has one device only
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name", [c[0] for c in ALL_OPS])
def test_keeps_device(backend: str, name: str, dtype: Any) -> None:
    # (TF itself would run an op on its default device; eagerlite keeps the input's)
    op = dict(ALL_OPS)[name]
    a = np.arange(1, 7, dtype=dtype).reshape(2, 3)
    raw, on_device = on_second_device(backend, a)
    assert on_device(raw)
    result = op(ep.astensor(raw))
    assert on_device(result.raw), result.raw
    if backend != "torch":  # meta tensors have no values; the others are checked elsewhere
        t = make(backend, a)
        np.testing.assert_array_equal(np.asarray(op(t).shape), np.asarray(result.shape))


@pytest.mark.parametrize("backend", [b for b in DEVICE_BACKENDS if b != "torch"])
def test_creation_keeps_device_and_values(backend: str) -> None:
    """Values made on a second device are right (torch's stand-in, meta, has no values)."""
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    raw, on_device = on_second_device(backend, a)
    t = ep.astensor(raw)
    cases = [
        (t.full((2, 2), 4.0), np.full((2, 2), 4.0, np.float32)),
        (t.zeros_like(), np.zeros_like(a)),
        (t.arange(2, 5), np.arange(2, 5)),
        (t.from_numpy(np.eye(2)), np.eye(2)),
        (t.onehot_like(make(backend, np.array([2, 0]))), np.eye(3, dtype=np.float32)[[2, 0]]),
    ]
    for result, expected in cases:
        assert on_device(result.raw)
        check(result, expected, backend)


# ------------------------------------------------------------------- get_dummy
DUMMY_CLASSES = {
    "numpy": ("numpy", "NumPyTensor"),
    "pytorch": ("torch", "PyTorchTensor"),
    "pytorch-gpu": ("torch", "PyTorchTensor"),
    "tensorflow": ("tensorflow", "TensorFlowTensor"),
    "jax": ("jax", "JAXTensor"),
}


def _cuda_available() -> bool:
    if "torch" not in INSTALLED:
        return False
    import torch

    return bool(torch.cuda.is_available())


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.skipif(
                name == "pytorch-gpu" and not _cuda_available(),
                reason="pytorch-gpu needs a CUDA device, and none is available here",
            ),
        )
        for name in DUMMY_CLASSES
    ],
)
def test_get_dummy(name: str) -> None:
    framework, class_name = DUMMY_CLASSES[name]
    if framework not in INSTALLED:
        pytest.skip(f"{framework} is not installed")
    dummy = ep.utils.get_dummy(name)
    assert type(dummy).__name__ == class_name
    assert dummy.shape == (0,)
    assert dummy.numpy().dtype == np.float32
    if name == "pytorch-gpu":
        assert dummy.raw.device.type == "cuda"
    if name == "pytorch":
        assert dummy.raw.device.type == "cpu"


@pytest.mark.parametrize("name", ["torch", "cupy", "", "NumPy"])
def test_get_dummy_unknown(name: str) -> None:
    with pytest.raises(ValueError, match="unknown framework"):
        ep.utils.get_dummy(name)


@pytest.mark.parametrize("backend", DEVICE_BACKENDS)
def test_device_property_and_to_device(backend: str) -> None:
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    raw, on_device = on_second_device(backend, a)
    t = ep.astensor(raw)
    assert ep.device_of(t) == t.device
    first = make(backend, a)
    moved = first.to_device(t.device)
    assert on_device(moved.raw) and type(moved) is type(first)
    assert ep.to_device(first, t.device).device == t.device
    if backend != "torch":  # meta tensors have no values
        np.testing.assert_array_equal(moved.numpy(), a)
        back = moved.to_device(first.device)
        assert back.device == first.device and not on_device(back.raw)


def test_numpy_device() -> None:
    t = make("numpy", np.ones(2))
    assert t.device == "cpu" and ep.device_of(t) == "cpu" and t.to_device("cpu") is t
    with pytest.raises(ValueError, match="CPU only"):
        t.to_device("cuda:0")


def test_tf_device_scope_default_device_untouched() -> None:
    tf = pytest.importorskip("tensorflow")
    t = make("tensorflow", np.ones(3, np.float32))
    assert (t * 2).device == t.device  # on the default device: no scope needed
    with tf.device("/device:CPU:1"):  # the caller's own scope still applies to new tensors
        assert tf.constant(1.0).device.endswith("CPU:1")


@pytest.mark.parametrize("backend", [b for b in ("torch", "jax") if b in INSTALLED])
def test_mixing_devices_is_a_clear_error(backend: str) -> None:
    # (TensorFlow copies inputs between devices itself, so it has no such error)
    a = np.ones((2, 3), np.float32)
    t, u = make(backend, a), ep.astensor(on_second_device(backend, a)[0])
    if backend == "jax":  # JAX moves uncommitted arrays freely; committed ones must agree
        import jax

        t = t.to_device(jax.devices()[0])
    for combine in (lambda: t + u, lambda: u * t, lambda: t < u, lambda: t.maximum(u)):
        with pytest.raises(ep.DeviceMismatchError, match=r"on .* with one on ") as info:
            combine()
        assert info.value.__cause__ is not None  # the framework's own error, kept
    with pytest.raises(Exception) as info:  # other errors are the framework's, unchanged
        t + make(backend, np.ones((4, 5), np.float32))
    assert not isinstance(info.value, ep.DeviceMismatchError)
