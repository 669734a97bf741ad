"""The package surface: lazy imports, dispatch, restore types, module wrappers, names in step."""

from __future__ import annotations

import importlib.util
import inspect
import os
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from conftest import BACKENDS, CLASS_NAMES, INSTALLED, check, make, native

import eagerlite as ep
from eagerlite.tensor import Tensor

# Public Tensor methods that are deliberately not top-level functions, with the reason.
METHOD_ONLY = {
    "numpy": "ep.numpy is the NumPy module wrapper (EagerPy's API)",
    "float32": "a dtype name; EagerPy has it as a method only",
    "float64": "a dtype name; EagerPy has it as a method only",
    "bool": "a dtype name; EagerPy has it as a method only",
    "norms": "a property; the functions live in ep.norms",
    "framework": "the name of the tensor's framework, a class attribute",
}
# Top-level functions that are not methods (they take several tensors or are module-level).
FUNCTION_ONLY = {"concatenate", "stack", "kl_div_with_logits", "device_of", "seed", "bridge"}


def test_import_loads_no_framework() -> None:
    code = (
        "import sys, eagerlite, eagerlite.norms, eagerlite.utils, eagerlite.modules;"
        "import eagerlite.bridges;"
        "heavy = {'numpy', 'torch', 'tensorflow', 'jax'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


# Every public module path of EagerPy, as code written for it imports them.
EAGERPY_IMPORTS = """
import eagerlite as ep
from eagerlite.tensor import Tensor, TensorType, TensorOrScalar, istensor
from eagerlite.tensor import NumPyTensor, PyTorchTensor, TensorFlowTensor, JAXTensor
from eagerlite.tensor.tensor import Tensor, TensorType, TensorOrScalar, istensor
from eagerlite.tensor.numpy import NumPyTensor
from eagerlite.tensor.pytorch import PyTorchTensor
from eagerlite.tensor.tensorflow import TensorFlowTensor
from eagerlite.tensor.jax import JAXTensor
from eagerlite.astensor import astensor, astensors, astensor_, astensors_, T
from eagerlite.framework import sign, value_and_grad
from eagerlite.types import Axes, AxisAxes, Shape, ShapeOrScalar, NativeTensor
from eagerlite.norms import l0, l1, l2, linf, lp
from eagerlite.modules import numpy, torch, tensorflow, jax
from eagerlite.utils import get_dummy
from eagerlite.lib import kl_div_with_logits
import eagerlite.framework, eagerlite.types, eagerlite.norms, eagerlite.modules, eagerlite.utils
assert ep.astensor is astensor and callable(ep.astensor)  # the function, not the module
assert ep.PyTorchTensor is PyTorchTensor is eagerlite.tensor.pytorch.PyTorchTensor
assert all(issubclass(c, Tensor) for c in (NumPyTensor, PyTorchTensor, TensorFlowTensor, JAXTensor))
"""


def test_eagerpy_module_paths_import_no_framework() -> None:
    code = EAGERPY_IMPORTS + (
        "import sys\n"
        "heavy = {'numpy', 'torch', 'tensorflow', 'jax'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "assert not isinstance(object(), TensorFlowTensor)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)


@pytest.mark.parametrize("hidden", ["torch", "tensorflow", "jax"])
def test_eagerpy_module_paths_without_a_framework(hidden: str) -> None:
    """With ``hidden`` not importable, every class still imports; tensors of another
    framework work, are no instances of the hidden one's class, which cannot be used."""
    others = [b for b in ("torch", "jax", "tensorflow") if b != hidden and b in INSTALLED]
    other = others[0] if others else None
    if other is None:
        pytest.skip("needs a second framework")
    classes = {"torch": "PyTorchTensor", "tensorflow": "TensorFlowTensor", "jax": "JAXTensor"}
    code = f"""
import sys
sys.modules[{hidden!r}] = None  # as if not installed: `import {hidden}` raises ImportError
{EAGERPY_IMPORTS}
import {other}, {other if other != "jax" else "jax.numpy"}
t = ep.astensor({ZEROS.get(other, "jax.numpy.zeros(3)")})
assert not isinstance(t, {classes[hidden]}), type(t)
assert isinstance(t, {classes[other]}) and (t + 1).sum().item() == 3
try:
    {classes[hidden]}(0)
except ImportError:
    pass
else:
    raise AssertionError("a class of a framework that is not installed was usable")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.parametrize("name", BACKENDS)
def test_backend_class_called_directly_binds_it(name: str) -> None:
    """``PyTorchTensor(raw)`` as the first use of a backend, as EagerPy code writes it."""
    if name not in INSTALLED:
        pytest.skip(f"{name} is not installed")
    code = f"""
import eagerlite as ep, {name}, {name if name != "jax" else "jax.numpy"}
t = ep.{CLASS_NAMES[name]}({ZEROS.get(name, "jax.numpy.zeros(3)")})
assert ((t + 2).sqrt().sum() > 4).item() and type(ep.astensor(t.raw)) is type(t)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]


# each framework's subpackage, loaded (and its Tensor class bound) on first use
BACKEND_MODULES = {name: f"eagerlite.xp.{name}" for name in BACKENDS}
ZEROS = {"numpy": "numpy.zeros(3)", "torch": "torch.zeros(3)", "tensorflow": "tensorflow.zeros(3)"}


@pytest.mark.parametrize("name", BACKENDS)
def test_backend_loads_on_first_tensor_only(name: str) -> None:
    if name not in INSTALLED:
        pytest.skip(f"{name} is not installed")
    # (a framework may import another itself: TensorFlow's Keras imports JAX)
    code = f"""
import sys, eagerlite as ep
import {name}, {name if name != "jax" else "jax.numpy"}
loaded = lambda: {{m for m in {sorted(BACKEND_MODULES.values())!r} if m in sys.modules}}
assert not loaded(), loaded()
t = ep.astensor({ZEROS.get(name, "jax.numpy.zeros(3)")})
assert type(t).__name__ == {CLASS_NAMES[name]!r}, type(t)
assert loaded() == {{{BACKEND_MODULES[name]!r}}}, loaded()
"""
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_astensor_each_backend(backend: str) -> None:
    raw = native(backend, np.arange(3.0))
    t = ep.astensor(raw)
    assert type(t).__name__ == CLASS_NAMES[backend]
    assert t.raw is raw  # no copy
    assert ep.astensor(t) is t
    assert ep.istensor(t) and not ep.istensor(raw)


def test_numpy_scalar_becomes_0d_array() -> None:
    t = ep.astensor(np.float32(2.5))
    assert isinstance(t.raw, np.ndarray) and t.shape == () and t.dtype == np.float32
    assert isinstance((t + 1).raw, np.ndarray)  # results of 0-d ops stay arrays


@pytest.mark.parametrize("seq", [[1, 2, 3], (1.5, 2.5), [[1, 2], [3, 4]]])
def test_astensor_of_numbers(seq: Any) -> None:
    check(ep.astensor(seq), np.asarray(seq), "numpy")


def test_astensor_of_tensors_stacks(backend: str) -> None:
    a, b = native(backend, np.ones(2)), native(backend, np.zeros(2))
    check(ep.astensor([a, b]), np.stack([np.ones(2), np.zeros(2)]), backend)
    check(ep.astensor((make(backend, np.ones(2)), b)), np.stack([np.ones(2), np.zeros(2)]), backend)


def test_astensor_of_mixed_frameworks_is_a_type_error() -> None:
    others = [b for b in INSTALLED if b != "numpy"]
    if not others:
        pytest.skip("needs a second framework")
    with pytest.raises(TypeError, match="NumPyTensor"):
        ep.astensor([np.ones(2), native(others[0], np.ones(2))])


@pytest.mark.parametrize("bad", [3.0, "abc", object(), None, [], {"a": 1}])
def test_astensor_unknown_type(bad: Any) -> None:
    with pytest.raises(TypeError, match=r"cannot convert .* supported are"):
        ep.astensor(bad)
    with pytest.raises(ValueError):  # EagerPy raised ValueError: code catching it still works
        ep.astensor(bad)


def test_torch_subclasses_and_parameters() -> None:
    torch = pytest.importorskip("torch")
    p = torch.nn.Parameter(torch.ones(2))
    t = ep.astensor(p)
    assert type(t).__name__ == "PyTorchTensor" and t.raw is p


def test_tensorflow_variable_and_symbolic_tensor() -> None:
    tf = pytest.importorskip("tensorflow")
    v = tf.Variable([1.0, 2.0])
    t = ep.astensor(v)
    assert type(t).__name__ == "TensorFlowTensor" and t.raw is v
    check(t * 2, np.array([2.0, 4.0], np.float32), "tensorflow")

    seen = []

    @tf.function
    def f(x: Any) -> Any:
        e = ep.astensor(x)
        seen.append(type(e).__name__)
        return ep.norms.l2(e).raw

    np.testing.assert_allclose(f(tf.constant([3.0, 4.0])).numpy(), 5.0)
    assert seen == ["TensorFlowTensor"]


def test_jax_tracers() -> None:
    jax = pytest.importorskip("jax")
    jnp = pytest.importorskip("jax.numpy")

    def f(x: Any) -> Any:
        e = ep.astensor(x)
        assert type(e).__name__ == "JAXTensor"
        return e.square().sum().raw

    x = jnp.arange(3.0)
    np.testing.assert_allclose(jax.jit(f)(x), 5.0)
    np.testing.assert_allclose(jax.grad(f)(x), [0.0, 2.0, 4.0])
    np.testing.assert_allclose(jax.vmap(f)(jnp.ones((2, 3))), [3.0, 3.0])


def test_restore_type(backend: str) -> None:
    raw = native(backend, np.arange(3.0))
    t, restore = ep.astensor_(raw)
    assert restore(t * 2) is not None and not isinstance(restore(t * 2), Tensor)
    assert type(restore(t)) is type(raw)
    same, restore2 = ep.astensor_(t)
    assert same is t and restore2(t) is t
    (a, b), restore3 = ep.astensors_(raw, native(backend, np.ones(3)))
    assert type(restore3(a + b)) is type(raw)
    assert ep.astensors(raw, raw)[0].raw is raw
    first, second = restore3(a, b)  # several results: a tuple, as in EagerPy
    assert type(first) is type(raw) and type(second) is type(raw)


def test_function_forms_take_eagerpy_keywords(backend: str) -> None:
    x = make(backend, np.array([[3.0, 1.0, 2.0]]))
    check(ep.take_along_axis(x, indices=x.argsort(), axis=-1), [[1.0, 2.0, 3.0]], backend)


def test_methods_and_functions_in_step() -> None:
    methods = {
        name
        for name, _ in inspect.getmembers(Tensor)
        if not name.startswith("_")
        and name not in {"raw", "dtype", "shape", "ndim", "T", "mT", "size", "device"}
    }
    functions = {name for name in ep.__all__ if callable(getattr(ep, name))}
    missing = methods - functions - set(METHOD_ONLY)
    assert not missing, f"methods without a top-level function: {sorted(missing)}"
    stale = set(METHOD_ONLY) - methods
    assert not stale, stale
    for name in FUNCTION_ONLY:
        assert callable(getattr(ep, name)) and not hasattr(Tensor, name)
    # function docstrings come from the methods (value_and_grad's take f first, convert
    # takes native tensors too and t.at is an indexer property: own docs)
    for name in methods & functions - {"value_and_grad", "value_aux_and_grad", "convert", "at"}:
        assert getattr(ep, name).__doc__ == getattr(Tensor, name).__doc__, name


def test_constants_and_index() -> None:
    assert ep.newaxis is None and ep.inf == float("inf") and ep.nan != ep.nan
    assert ep.index[:, 1] == (slice(None), 1)
    assert ep.index[3] == 3
    assert isinstance(ep.__version__, str)
    assert {"Axes", "AxisAxes", "Shape", "ShapeOrScalar", "NativeTensor"} <= set(dir(ep.types))


def test_backend_classes_are_exported(backend: str) -> None:
    cls = getattr(ep, CLASS_NAMES[backend])
    assert isinstance(make(backend, np.ones(1)), cls)
    assert CLASS_NAMES[backend] in dir(ep)
    with pytest.raises(AttributeError):
        ep.NoSuchTensor  # type: ignore[attr-defined]


def test_module_wrappers() -> None:
    t = ep.numpy.tanh([3, 5])
    check(t, np.tanh([3, 5]), "numpy")
    scalar = ep.numpy.tanh(3)  # a NumPy scalar is returned as it is, as numpy.tanh(3) is
    assert type(scalar) is np.float64 and scalar == np.tanh(3)
    a = np.arange(4.0).reshape(2, 2)
    x = ep.astensor(a)
    check(ep.numpy.matmul(x, x), a @ a, "numpy")
    batch = ep.astensor(np.stack([a, a + 1]))
    sign, logdet = ep.numpy.linalg.slogdet(batch)  # a submodule; a named tuple result
    assert type(sign).__name__ == "NumPyTensor" and type(logdet).__name__ == "NumPyTensor"
    sign, _ = ep.numpy.linalg.slogdet(x)  # of one matrix: NumPy scalars, as NumPy gives
    assert type(sign) is np.float64
    assert ep.numpy.pi == np.pi and "tanh" in dir(ep.numpy)


@pytest.mark.parametrize("name", ["torch", "tensorflow", "jax"])
def test_framework_module_wrappers(name: str) -> None:
    if name not in INSTALLED:
        pytest.skip(f"{name} is not installed")
    wrapper = getattr(ep, name)
    t = wrapper.numpy.ones(3) if name == "jax" else wrapper.ones(3)  # jax.numpy: a submodule
    check(t.sum(), np.asarray(3.0), name, dtype="kind")  # default float widths differ


def test_mixing_backends_is_a_type_error() -> None:
    others = [b for b in INSTALLED if b != "numpy"]
    if not others:
        pytest.skip("needs a second framework")
    a, b = make("numpy", np.ones(2)), make(others[0], np.ones(2))
    with pytest.raises(TypeError, match=rf"NumPyTensor.*{CLASS_NAMES[others[0]]}"):
        a + b  # type: ignore[operator]


def test_demo_runs() -> None:
    """``python -m eagerlite``, the README's first command, on every installed framework:
    no TensorFlow C++ log lines on stderr, and the last line says where the docs are."""
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    out = subprocess.run(
        [sys.executable, "-m", "eagerlite"], capture_output=True, text=True, env=env, timeout=300
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stderr == "", out.stderr[-3000:]
    assert out.stdout.rstrip().splitlines()[-1].startswith("docs: https://"), out.stdout
    installed = [n for n in ("numpy", "torch", "tensorflow", "jax") if importlib.util.find_spec(n)]
    assert out.stdout.count("l2(x) = 13.0000") == len(installed), out.stdout
    if {"torch", "tensorflow"} <= set(installed):
        assert "f = 39 (expected 39), torch gradients = (3, 24)" in out.stdout, out.stdout
