"""eagerlite code under jax.jit / jax.grad / jax.vmap, tf.function (also XLA) and torch.compile.

The suite (tests/compile_suite.py) is compiled as it is; results must equal eager ones,
and under torch.compile the captured graph must be one graph with the native ops.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from compile_suite import FRAMEWORK_SPECIFIC, SCALAR, SUITE, operator_reference, train_step

import eagerlite as ep

RNG = np.random.default_rng(0)
LOGITS = RNG.normal(size=(4, 5)).astype(np.float32)
LABELS = np.array([0, 3, 1, 4])


def _args(backend_native: Any, name: str) -> tuple[Any, ...]:
    x = backend_native(LOGITS)
    return (x, backend_native(LABELS)) if SUITE[name][1] else (x,)


def _eager(name: str) -> Any:
    """The suite function's eager result on NumPy-equivalent inputs (via torch eager)."""
    torch = pytest.importorskip("torch")
    out = SUITE[name][0](*_args(torch.as_tensor, name))
    return out.numpy()


# --------------------------------------------------------------------------- JAX
@pytest.mark.parametrize("name", list(SUITE))
def test_jax_jit(name: str) -> None:
    jax = pytest.importorskip("jax")
    jnp = pytest.importorskip("jax.numpy")
    fn = SUITE[name][0]
    args = _args(jnp.asarray, name)
    np.testing.assert_allclose(jax.jit(fn)(*args), fn(*args), rtol=1e-5, atol=1e-6)
    if name not in FRAMEWORK_SPECIFIC:
        np.testing.assert_allclose(fn(*args), _eager(name), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", SCALAR)
def test_jax_jit_grad(name: str) -> None:
    jax = pytest.importorskip("jax")
    jnp = pytest.importorskip("jax.numpy")
    fn = SUITE[name][0]
    args = _args(jnp.asarray, name)
    expected = jax.grad(fn)(*args)
    np.testing.assert_allclose(jax.jit(jax.grad(fn))(*args), expected, rtol=1e-5, atol=1e-6)
    x, rest = ep.astensor(args[0]), args[1:]
    _, eager_grad = ep.value_and_grad(lambda t: ep.astensor(fn(t.raw, *rest)), x)
    np.testing.assert_allclose(expected, eager_grad.numpy(), rtol=1e-5, atol=1e-6)


def test_jax_vmap() -> None:
    jax = pytest.importorskip("jax")
    jnp = pytest.importorskip("jax.numpy")
    batched = jax.vmap(SUITE["lp"][0])(jnp.asarray(LOGITS))  # lp of each row
    expected = (np.abs(LOGITS) ** 3).sum(axis=1) ** (1 / 3)
    np.testing.assert_allclose(batched, expected, rtol=1e-5)


# -------------------------------------------------------------------- TensorFlow
@pytest.mark.parametrize("jit_compile", [False, True], ids=["graph", "xla"])
@pytest.mark.parametrize("name", list(SUITE))
def test_tf_function(name: str, jit_compile: bool) -> None:
    tf = pytest.importorskip("tensorflow")
    fn = SUITE[name][0]
    args = _args(tf.constant, name)
    compiled = tf.function(fn, jit_compile=jit_compile)
    np.testing.assert_allclose(compiled(*args).numpy(), fn(*args).numpy(), rtol=1e-5, atol=1e-6)
    if name not in FRAMEWORK_SPECIFIC:
        np.testing.assert_allclose(fn(*args).numpy(), _eager(name), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("framework", ["jax", "tensorflow"])
def test_value_and_grad_compiled(framework: str) -> None:
    module = pytest.importorskip(framework)
    if framework == "jax":
        compile_, x = module.jit, pytest.importorskip("jax.numpy").arange(3.0)
    else:
        compile_, x = module.function, module.range(3.0)

    @compile_
    def f(x: Any) -> Any:
        value, grad = ep.value_and_grad(lambda t: (t * t).sum(), ep.astensor(x))
        return value.raw, grad.raw

    value, grad = f(x)
    np.testing.assert_allclose(np.asarray(value), 5.0)
    np.testing.assert_allclose(np.asarray(grad), [0.0, 2.0, 4.0])


# ------------------------------------------------------------------------- torch
def _torch_native(name: str) -> Any:
    """The suite function ``name`` written with torch alone (None: not written natively)."""
    import torch
    from torch.nn import functional as nnf

    if name.startswith("op_"):
        op = name.removeprefix("op_")
        # torch's own // and % follow Python at infinities and signed zeros, eagerlite's
        # the Array API standard: their native twin is the standard's native torch function
        xp = ep.array_namespace(torch.zeros(0))
        standard = {
            "floordiv": lambda a, b: xp.floor_divide(a, b),
            "ifloordiv": lambda a, b: xp.floor_divide(a, b),
            "rfloordiv": lambda a, b: xp.floor_divide(2.0, b),
            "mod": lambda a, b: xp.remainder(a, b),
            "imod": lambda a, b: xp.remainder(a, b),
            "rmod": lambda a, b: xp.remainder(2.0, b),
        }.get(op)
        if standard is not None:
            return lambda x: standard(x, x * x + 0.5)  # (a and b as the suite makes them)
        return operator_reference(op)

    def pgd_step(x: Any, labels: Any) -> Any:
        with torch.enable_grad():
            xr = x.detach().requires_grad_(True)
            loss = nnf.cross_entropy(xr, labels, reduction="none").sum()
            (grad,) = torch.autograd.grad(loss, xr)
        loss.detach()  # value_and_grad also returns the (detached) value
        sign = torch.where(torch.isnan(grad), grad, grad.sign())  # NumPy's sign keeps NaN
        step = x + 0.1 * sign
        return torch.minimum(torch.maximum(step, x - 0.05), x + 0.05).clamp(-1.0, 1.0)

    def topk_mask(x: Any) -> Any:
        values, _ = x.topk(2)
        kept = torch.where(x >= values[:, -1:], x, 0.0)
        out = kept.clone()
        out[:, 0] = 0.0
        return out

    return {
        "l2": lambda x: torch.linalg.vector_norm(x, dim=-1),
        "lp": lambda x: (x.abs() ** 3).sum() ** (1 / 3),
        "softmax_xent": lambda x, y: nnf.cross_entropy(x, y, reduction="none").mean(),
        "pgd_step": pgd_step,
        "topk_mask": topk_mask,
        "stop_gradient": lambda x: (x.square() * x.detach()).sum(),
    }.get(name)  # keyed_uniform: eagerlite's counter-based generator has no native twin


def _ops(graph_module: Any) -> Counter[str]:
    """The ops of a captured graph by name (``torch.abs(x)`` and ``x.abs()`` count alike)."""
    return Counter(
        getattr(node.target, "__name__", str(node.target))
        for node in graph_module.graph.nodes
        if node.op in ("call_function", "call_method")
    )


@pytest.mark.parametrize("name", list(SUITE))
def test_torch_compile_fullgraph(name: str) -> None:
    torch = pytest.importorskip("torch")
    import torch._dynamo as dynamo

    fn, native = SUITE[name][0], _torch_native(name)
    args = _args(torch.as_tensor, name)
    # torch.autograd.grad (value_and_grad) is traced only with this switch, natively too
    with dynamo.config.patch(trace_autograd_ops=True):
        ours = dynamo.explain(fn)(*args)
        assert (ours.graph_count, ours.graph_break_count) == (1, 0), ours.break_reasons
        if native is not None:
            theirs = dynamo.explain(native)(*args)
            assert (theirs.graph_count, theirs.graph_break_count) == (1, 0)
            assert _ops(ours.graphs[0]) == _ops(theirs.graphs[0])
        dynamo.reset()
        compiled = torch.compile(fn, fullgraph=True, backend="eager")
        expected = (native or fn)(*args)
        np.testing.assert_allclose(compiled(*args).numpy(), expected.numpy(), rtol=1e-6)


# ------------------------------------ NumPy scalars and torch tensors as operands
_BINARY_OPERATORS = [
    *("add sub mul truediv floordiv mod pow and_ or_ xor lshift rshift".split()),
    *("lt le gt ge eq ne".split()),
]
_NUMPY_SCALARS = [np.float64(2.5), np.float32(2), np.int64(3), np.bool_(True)]


def _one_graph(fn: Any, *args: Any) -> Any:
    """``fn(*args)`` compiled with fullgraph=True, after checking it is one graph."""
    torch = pytest.importorskip("torch")
    import torch._dynamo as dynamo

    dynamo.reset()
    explained = dynamo.explain(fn)(*args)
    assert (explained.graph_count, explained.graph_break_count) == (1, 0), explained.break_reasons
    dynamo.reset()
    return torch.compile(fn, fullgraph=True, backend="eager")(*args)


def _assert_same(compiled: Any, eager: Any) -> None:
    assert compiled.dtype == eager.dtype
    np.testing.assert_allclose(compiled.numpy(), eager.numpy(), rtol=1e-6)


@pytest.mark.parametrize("dtype", ["float32", "int32"])
@pytest.mark.parametrize("scalar", _NUMPY_SCALARS, ids=lambda s: type(s).__name__)
def test_torch_compile_numpy_scalar_operands(scalar: Any, dtype: str) -> None:
    """Each binary operator (reflected too) of a Tensor and a NumPy scalar is one graph
    under torch.compile, with eager code's values and dtypes (dynamo traces a NumPy
    scalar as a 0-d NumPy array, which its operators put into the graph as a tensor)."""
    import operator

    torch = pytest.importorskip("torch")
    x = torch.tensor([3, 1, 4], dtype=getattr(torch, dtype))
    ops = []  # (the operator, reflected) of those that eager code runs
    for name in _BINARY_OPERATORS:
        for reflected in (False, True):
            op = getattr(operator, name)
            try:
                op(scalar, ep.astensor(x)) if reflected else op(ep.astensor(x), scalar)
            except (TypeError, RuntimeError, NotImplementedError):
                continue  # (eager code refuses it: ``t & np.float64(2.5)``)
            ops.append((op, reflected))
    assert len(ops) >= 20

    def f(x: Any, s: Any) -> Any:
        t = ep.astensor(x)
        return tuple((op(s, t) if reflected else op(t, s)).raw for op, reflected in ops)

    for compiled, eager in zip(_one_graph(f, x, scalar), f(x, scalar), strict=True):
        _assert_same(compiled, eager)


def test_torch_compile_numpy_scalars_in_code() -> None:
    """NumPy scalars made in compiled code (``np.sqrt(d)`` of a shape too), in-place
    operators, a 0-d NumPy array (taken as the scalar: dynamo cannot tell them apart) and
    torch tensors next to a Tensor: one graph, eager code's values and dtypes."""
    torch = pytest.importorskip("torch")

    def f(x: Any, w: Any) -> Any:
        t = ep.astensor(x)
        u = (t - np.float32(1)) * np.sqrt(4.0) / np.sqrt(t.shape[-1])
        u += np.int64(1)
        u /= np.float64(2)
        s = np.float64(0.5)
        s -= u  # (a NumPy scalar's ``-=`` is ``s = s - u``)
        v = ep.where(np.float64(0.5) < t, s ** np.int64(2), t @ w)
        return (v, v / x, x - v, t @ w, np.e ** (t / np.pi))

    x, w = torch.arange(6.0).reshape(2, 3), torch.ones(3, 3)
    for compiled, eager in zip(_one_graph(f, x, w), f(x, w), strict=True):
        _assert_same(compiled.raw, eager.raw)

    def zero_d(x: Any) -> Any:
        return (ep.astensor(x) / np.array(2.0) + np.asarray(1, dtype=np.int64)).raw

    with pytest.raises(TypeError, match="cannot combine"):  # (eager code: another framework)
        zero_d(x)
    _assert_same(_one_graph(zero_d, x), (ep.astensor(x) / np.float64(2.0) + np.int64(1)).raw)

    def matmul(x: Any) -> Any:
        return (ep.astensor(x) @ np.float64(2)).raw

    with pytest.raises(TypeError):  # (eager code: no matrix product of a scalar)
        matmul(x)
    with pytest.raises(Exception):  # noqa: B017 (nor compiled: dynamo's error, as before)
        torch.compile(matmul, fullgraph=True, backend="eager")(x)


# ------------------------------------------------ Python values of traced tensors
@pytest.mark.parametrize("what", ["item", "bool", "numpy"])
def test_jax_traced_values_say_so(what: str) -> None:
    jax = pytest.importorskip("jax")
    jnp = pytest.importorskip("jax.numpy")

    def f(x: Any) -> Any:
        t = ep.astensor(x).sum()
        {"item": t.item, "bool": t.__bool__, "numpy": t.numpy}[what]()
        return x

    with pytest.raises(ep.TracedValueError, match=r"JAXTensor is symbolic.*jax\.jit"):
        jax.jit(f)(jnp.ones(2))


@pytest.mark.parametrize("autograph", [False, True])
@pytest.mark.parametrize("what", ["item", "bool", "numpy"])
def test_tf_traced_values_say_so(what: str, autograph: bool) -> None:
    tf = pytest.importorskip("tensorflow")

    def f(x: Any) -> Any:
        t = ep.astensor(x).sum()
        {"item": t.item, "bool": t.__bool__, "numpy": t.numpy}[what]()
        return x

    message = r"TensorFlowTensor is symbolic: it is being traced by tf\.function"
    # autograph re-raises errors from converted code as its StagingError, our message inside
    error = ep.TracedValueError if not autograph else Exception
    with pytest.raises(error, match=message):
        tf.function(f, autograph=autograph)(tf.ones(2))


# ------------------------------------------------------- a whole training step
STEP_RNG = np.random.default_rng(5)
STEP_PARAMS = {
    "w1": STEP_RNG.normal(size=(5, 8)).astype(np.float32),
    "b1": np.zeros(8, np.float32),
    "w2": STEP_RNG.normal(size=(8, 3)).astype(np.float32),
    "b2": np.zeros(3, np.float32),
}
STEP_X = LOGITS
STEP_Y = STEP_RNG.normal(size=(4, 3)).astype(np.float32)


def _steps(framework: str, compiled: bool, n: int = 3) -> list[tuple[Any, dict[str, Any]]]:
    """``n`` SGD steps of ``train_step``, its results as NumPy arrays after each step."""
    module = pytest.importorskip(framework)
    convert = {
        "torch": lambda a: module.as_tensor(a),
        "tensorflow": lambda a: module.constant(a),
        "jax": lambda a: pytest.importorskip("jax.numpy").asarray(a),
    }[framework]
    step = train_step
    if compiled and framework == "jax":
        step = module.jit(train_step)
    elif compiled and framework == "tensorflow":
        step = module.function(train_step, jit_compile=True)
    elif compiled:
        step = module.compile(train_step, fullgraph=True, backend="eager")
    params, x, y = {k: convert(v) for k, v in STEP_PARAMS.items()}, convert(STEP_X), convert(STEP_Y)
    history = []
    for _ in range(n):
        loss, params = step(params, x, y)
        history.append((np.asarray(loss), {k: np.asarray(v) for k, v in params.items()}))
    return history


@pytest.mark.parametrize("framework", ["jax", "tensorflow", "torch"])
def test_training_step_compiled(framework: str) -> None:
    """jax.jit, tf.function(jit_compile=True) and torch.compile(fullgraph=True) of a step
    (loss, value_and_grad over a dict of weights, SGD) give the eager results, which are
    the same on every framework."""
    if framework == "torch":
        import torch._dynamo as dynamo

        dynamo.reset()  # torch.autograd.grad is traced only with this switch, natively too
        with dynamo.config.patch(trace_autograd_ops=True):
            explained = dynamo.explain(train_step)(*_torch_step_args())
            assert (explained.graph_count, explained.graph_break_count) == (1, 0)
            compiled = _steps(framework, compiled=True)
    else:
        compiled = _steps(framework, compiled=True)
    eager = _steps(framework, compiled=False)
    reference = _steps("torch", compiled=False) if framework != "torch" else eager
    for (loss, params), (e_loss, e_params), (r_loss, _) in zip(
        compiled, eager, reference, strict=True
    ):
        np.testing.assert_allclose(loss, e_loss, rtol=1e-5)
        np.testing.assert_allclose(e_loss, r_loss, rtol=1e-5)
        for name in params:
            np.testing.assert_allclose(params[name], e_params[name], rtol=1e-5, atol=1e-6)
    assert compiled[-1][0] < compiled[0][0]  # it learns


def _torch_step_args() -> tuple[Any, ...]:
    torch = pytest.importorskip("torch")
    params = {k: torch.as_tensor(v) for k, v in STEP_PARAMS.items()}
    return params, torch.as_tensor(STEP_X), torch.as_tensor(STEP_Y)


def test_torch_compile_with_the_first_torch_tensor_inside() -> None:
    """In a fresh interpreter the first torch tensor eagerlite sees is in compiled code:
    the backend is bound while TorchDynamo traces, and the graph is still whole."""
    pytest.importorskip("torch")
    code = """
import torch, torch._dynamo as dynamo
import eagerlite as ep
from compile_suite import train_step

def chain(x, w):
    t, u = ep.astensors(x, w)
    return ((t @ u).tanh() + 1.0).sum().raw

x, w = torch.ones(4, 5), torch.ones(5, 2)
assert "eagerlite.xp.torch" not in __import__("sys").modules
params = {"w1": torch.ones(5, 8) / 8, "b1": torch.zeros(8), "w2": torch.ones(8, 3)}
params["b2"], y = torch.zeros(3), torch.zeros(4, 3)
with dynamo.config.patch(trace_autograd_ops=True):  # a pytree of parameters, first
    loss, new = torch.compile(train_step, fullgraph=True, backend="eager")(params, x, y)
assert torch.compile(chain, fullgraph=True, backend="eager")(x, w).item() == chain(x, w).item()
expected, expected_new = train_step(params, x, y)
assert torch.allclose(loss, expected) and torch.allclose(new["w1"], expected_new["w1"])
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]


def test_loading_the_torch_backend_does_not_import_dynamo() -> None:
    """The first torch tensor wrapped costs no ``torch._dynamo`` import (more than a
    second): the bridges' interning function is marked for torch.compile the way
    ``torch.compiler.assume_constant_result`` marks it, and that decorator still does so."""
    torch = pytest.importorskip("torch")
    code = (
        "import sys, torch, eagerlite as ep; ep.astensor(torch.ones(2)) + 1; "
        "from eagerlite.xp.torch._bridge import intern; "
        "assert intern._dynamo_marked_constant; "
        "assert 'torch._dynamo' not in sys.modules, 'torch._dynamo was imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]

    def marked() -> None: ...

    torch.compiler.assume_constant_result(marked)
    assert marked._dynamo_marked_constant is True  # type: ignore[attr-defined]
