"""Misuse gets a clear error on every backend: a TypeError, ValueError or IndexError that names
what was passed and what is expected, never a framework's internal error or a wrong answer.

(Issue 11, section 2; each case was an AttributeError, an internal error or a silent wrong
answer on at least one framework before.)
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import numpy as np
import pytest
from conftest import CLASS_NAMES, INSTALLED, make, native

import eagerlite as ep

PAIRS = [(a, b) for a, b in itertools.permutations(INSTALLED, 2)]
MIXING = "same framework"


# ------------------------------------------------------------------ astensor
@pytest.mark.parametrize(
    "value, named",
    [([1, "a", 2.0], "str 'a'"), ([[1, 2], [3, None]], "NoneType None"), (["x"], "str")],
)
def test_astensor_of_a_list_of_non_numbers_is_a_type_error(value: Any, named: str) -> None:
    with pytest.raises(TypeError, match=re.escape(named)):
        ep.astensor(value)


@pytest.mark.parametrize("backend", [b for b in INSTALLED if b != "numpy"])
def test_astensor_of_numbers_mixed_with_tensors_says_so(backend: str) -> None:
    t = native(backend, np.float32(1.0))
    for value in ([1.0, t], [t, 2.0]):
        with pytest.raises(TypeError, match="mixing numbers"):
            ep.astensor(value)
    assert ep.astensor([t, t]).shape == (2,)  # (tensors alone are stacked)


def test_astensor_of_an_object_with_array_says_how_to_convert_it() -> None:
    class ArrayLike:
        def __array__(self, dtype: Any = None, copy: Any = None) -> Any:
            return np.ones(2)

    with pytest.raises(TypeError, match=r"np\.asarray\(x\)"):
        ep.astensor(ArrayLike())
    with pytest.raises(TypeError, match=r"cannot convert builtins\.object"):
        ep.astensor(object())


# --------------------------------------------------- tensors of two frameworks
@pytest.mark.parametrize("first, second", PAIRS)
def test_mixing_frameworks_is_the_same_error_on_every_path(first: str, second: str) -> None:
    x = make(first, np.arange(3.0))
    other = make(second, np.arange(3.0))
    mask = make(second, np.array([True, False, True]))
    cases = {
        "+": lambda y: x + y,
        "* reflected": lambda y: y * x,
        "<": lambda y: x < y,
        "==": lambda y: x == y,
        "where": lambda y: ep.where(x > 0, x, y),
        "concatenate": lambda y: ep.concatenate([x, y]),
        "stack": lambda y: ep.stack([x, y]),
        "maximum": lambda y: ep.maximum(x, y),
        "ep.add": lambda y: ep.add(x, y),
        "index_update": lambda y: x.index_update(0, y),
    }
    for operand in (other, other.raw):  # an eagerlite Tensor, then a native one
        for name, case in cases.items():
            if name == "index_update" and first == "numpy":
                continue  # (a NumPy array takes any array-like as the values)
            with pytest.raises(TypeError, match=MIXING):
                case(operand)
                pytest.fail(f"{name} with a {type(operand).__name__} raised nothing")
    if second != "numpy":  # NumPy index arrays are host constants, taken by every backend
        for index in (mask, mask.raw, (slice(None), mask)):
            with pytest.raises(TypeError, match=MIXING):
                x[index]


@pytest.mark.parametrize("backend", INSTALLED)
def test_numpy_index_arrays_index_every_backend(backend: str) -> None:
    x = make(backend, np.arange(6.0))
    for index in (np.array([0, 5]), np.array([True, False] * 3), ep.astensor(np.array([1, 2]))):
        got = x[index]
        assert type(got).__name__ == CLASS_NAMES[backend]
        np.testing.assert_array_equal(got.numpy(), np.arange(6.0)[np.asarray(index)])


# ------------------------------------------------- native tensors to ep. functions
@pytest.mark.parametrize("backend", INSTALLED)
def test_functions_given_a_native_tensor_say_to_wrap_it(backend: str) -> None:
    x = native(backend, np.arange(6.0).reshape(2, 3))
    labels = native(backend, np.array([0, 1]))
    t = ep.astensor(x)
    calls = {
        "sum": lambda: ep.sum(x),
        "norms.l2": lambda: ep.norms.l2(x),
        "norms.lp": lambda: ep.norms.lp(x, 3),
        "onehot_like": lambda: ep.onehot_like(x, ep.astensor(labels)),
        "crossentropy": lambda: ep.crossentropy(x, labels),
        "where": lambda: ep.where(x, 1.0, 0.0),
        "pow": lambda: ep.pow(x, 2),
        "clip": lambda: ep.clip(x, 0, 1),
        "maximum": lambda: ep.maximum(x, x),
        "transpose": lambda: ep.transpose(x),
        "concatenate": lambda: ep.concatenate([x, x]),
        "kl_div_with_logits": lambda: ep.kl_div_with_logits(x, x),
        "take": lambda: ep.take(x, labels),
        "swapped clip": lambda: ep.clip(0, t, 1),  # type: ignore[call-overload]
    }
    for name, call in calls.items():
        with pytest.raises(TypeError, match=r"eagerlite Tensor") as info:
            call()
        if name != "swapped clip":
            assert "ep.astensor" in str(info.value), name
    with pytest.raises(TypeError, match="needs an eagerlite Tensor"):
        ep.add(x, x)
    if backend != "numpy":
        with pytest.raises(TypeError, match="astensor"):
            ep.value_and_grad(lambda p: p.sum(), x)
        with pytest.raises(TypeError, match="function"):
            ep.value_and_grad(t, lambda p: p.sum())  # type: ignore[arg-type]


# ------------------------------------------------------- comparisons, NumPy's way
@pytest.mark.parametrize("backend", INSTALLED)
@pytest.mark.parametrize("other", [None, "a", object()])
def test_equality_with_a_non_tensor_is_elementwise_as_in_numpy(backend: str, other: Any) -> None:
    x = make(backend, np.arange(3.0))
    expected = np.arange(3.0) == other
    for result, want in ((x == other, expected), (x != other, ~expected)):
        assert type(result).__name__ == CLASS_NAMES[backend]
        np.testing.assert_array_equal(result.numpy(), want)
    for op in ("__lt__", "__ge__", "__add__", "__mul__"):
        with pytest.raises(TypeError, match="expected a Tensor of the same framework"):
            getattr(x, op)(other)


# ------------------------------------------------------------------- devices
@pytest.mark.parametrize("backend", INSTALLED)
def test_moving_to_a_device_this_machine_lacks_names_the_available_ones(backend: str) -> None:
    x = make(backend, np.arange(3.0))
    names = {"numpy": "cuda", "torch": "cuda:99", "jax": "gpu:99", "tensorflow": "/GPU:99"}
    with pytest.raises(ValueError, match=r"cpu|CPU"):
        x.to_device(names[backend])
    with pytest.raises(ValueError):
        x.to_device("no-such-device")


def test_jax_takes_device_names_and_objects() -> None:
    jax = pytest.importorskip("jax")
    x = make("jax", np.arange(3.0))
    cpus = jax.devices("cpu")
    for name, device in (("cpu", cpus[0]), ("cpu:0", cpus[0]), ("cpu:1", cpus[1])):
        assert x.to_device(name).device == device, name
    assert x.to_device(cpus[2]).device == cpus[2]
    assert x.to_device(str(cpus[3])).device == cpus[3]  # a device's own name


def test_tensorflow_places_on_the_named_logical_device() -> None:
    pytest.importorskip("tensorflow")
    x = make("tensorflow", np.arange(3.0))
    for name in ("cpu:1", "/CPU:1", "/job:localhost/replica:0/task:0/device:CPU:1"):
        assert x.to_device(name).device.endswith("CPU:1"), name
    assert x.to_device("cpu").device.endswith("CPU:0")


# ------------------------------------------------------------ dtypes, labels
@pytest.mark.parametrize("backend", INSTALLED)
def test_astype_of_an_unknown_dtype_name(backend: str) -> None:
    with pytest.raises(TypeError, match="'bogus' is not a dtype"):
        make(backend, np.arange(3.0)).astype("bogus")


@pytest.mark.parametrize("backend", INSTALLED)
def test_class_labels_must_be_integers_in_range(backend: str) -> None:
    logits = make(backend, np.zeros((2, 3), np.float32))
    for fn in (ep.crossentropy, lambda lg, lb: lg.onehot_like(lb)):
        with pytest.raises(TypeError, match="integer class labels"):
            fn(logits, make(backend, np.array([0.0, 1.5], np.float32)))
        for bad in ([0, 3], [-1, 0]):
            with pytest.raises(ValueError, match=r"labels in \[0, 3\)"):
                fn(logits, make(backend, np.array(bad)))
        assert fn(logits, make(backend, np.array([0, 2]))).shape[0] == 2


# ------------------------------------------------------------- indices in range
@pytest.mark.parametrize("backend", INSTALLED)
@pytest.mark.parametrize(
    "index",
    [5, -4, (0, 3), (slice(None), 3), (Ellipsis, 3), (None, 0, 3), np.array([0, 5])],
    ids=["5", "-4", "0,3", ":,3", "...,3", "None,0,3", "array"],
)
def test_an_index_past_its_axis_is_an_index_error(backend: str, index: Any) -> None:
    shape = (2, 3) if isinstance(index, tuple) else (3,)
    a = np.arange(float(np.prod(shape))).reshape(shape)
    with pytest.raises(IndexError):
        a[index]  # (NumPy's answer)
    x = make(backend, a)
    with pytest.raises(IndexError, match="out of bounds"):
        x[index]
    with pytest.raises(IndexError, match="out of bounds"):
        x.index_update(index, 0.0)
    with pytest.raises(IndexError, match="out of bounds"):
        ep.at(x, index).set(0.0)
    if isinstance(index, np.ndarray):
        with pytest.raises(IndexError, match="out of bounds"):
            x[make(backend, index)]


# -------------------------------------------------------- reductions of nothing
@pytest.mark.parametrize("backend", INSTALLED)
@pytest.mark.parametrize("name", ["max", "min", "argmax", "argmin"])
def test_reductions_without_identity_of_empty_tensors_raise(backend: str, name: str) -> None:
    for shape, axis in (((0,), None), ((0, 3), 0), ((3, 0), 1), ((3, 0), None)):
        x = make(backend, np.zeros(shape, np.float32))
        with pytest.raises(ValueError, match=r"empty|zero-size"):
            getattr(x, name)(axis=axis)
        with pytest.raises(ValueError, match=r"empty|zero-size"):
            getattr(ep, name)(x, axis=axis)
    result = getattr(make(backend, np.zeros((0, 3), np.float32)), name)(axis=1)
    assert result.shape == (0,)  # (nothing is reduced: NumPy gives an empty result too)


# --------------------------------------------------------------- NumPy and bf16
@pytest.mark.parametrize("backend", INSTALLED)
def test_np_asarray_of_a_tensor_is_its_values(backend: str) -> None:
    a = np.arange(6.0, dtype=np.float32).reshape(2, 3)
    x = make(backend, a)
    got = np.asarray(x)
    assert type(got) is np.ndarray and got.dtype == np.float32
    np.testing.assert_array_equal(got, a)
    np.testing.assert_array_equal(np.asarray(x, dtype=np.float64), a)
    copy = np.array(x)
    copy[0, 0] = 7  # a writable copy; the tensor is unchanged
    assert x.numpy()[0, 0] == 0
    assert np.asarray([x[0], x[1]]).shape == (2, 3)


@pytest.mark.parametrize("backend", INSTALLED)
@pytest.mark.parametrize("dtype", ["bfloat16", "float16"])
def test_half_precision_numpy_and_item(backend: str, dtype: str) -> None:
    x = make(backend, np.array([1.5, -2.0], np.float32)).astype(getattr(ep, dtype))
    got = x.numpy()
    assert got.dtype.name == dtype
    np.testing.assert_array_equal(got.astype(np.float32), [1.5, -2.0])
    assert x[0].item() == 1.5 and type(x[0].item()) is float
