"""``ep.bridge``: a function of one framework (the source) called with tensors of another
(the caller), differentiable by the caller's autodiff, eagerly and under its compiler.

The caller computes gradients natively (``torch.autograd.grad``, ``tf.GradientTape``,
``jax.value_and_grad``), never through eagerlite.  Compiled cases: ``torch.compile``
(``fullgraph=True``, backend ``aot_eager``: AOTAutograd traces the backward pass too),
``tf.function`` and ``jax.jit``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from conftest import CLASS_NAMES

import eagerlite as ep

torch = pytest.importorskip("torch")
tf = pytest.importorskip("tensorflow")
jax = pytest.importorskip("jax")
jnp = pytest.importorskip("jax.numpy")

FRAMEWORKS = ("torch", "tensorflow", "jax")
DIRECTIONS = [
    pytest.param(source, caller, id=f"{source}->{caller}")
    for source, caller in itertools.permutations(FRAMEWORKS, 2)
]
NATIVE_TYPES = {"torch": torch.Tensor, "tensorflow": tf.Tensor, "jax": jax.Array}
NO_GRADIENT = r"is a NumPy function: NumPy has no autodiff, so it is bridged forward-only"


def to_native(framework: str, a: Any) -> Any:
    a = np.asarray(a)
    if framework == "torch":
        return torch.tensor(a)
    if framework == "tensorflow":
        return tf.constant(a)
    if framework == "jax":
        return jnp.asarray(a)
    return a.copy()


def as_numpy(x: Any) -> Any:
    return x.detach().numpy() if isinstance(x, torch.Tensor) else np.asarray(x)


def value_and_grads(
    caller: str, f: Callable[..., Any], args: list[Any], *, compiled: bool = False
) -> tuple[Any, list[np.ndarray[Any, Any]]]:
    """``f(*args)`` (a scalar) and its gradients w.r.t. all ``args`` (NumPy float arrays),
    by the native autodiff of ``caller``, under its compiler if ``compiled``.

    The value is returned as the caller's tensor, the gradients as NumPy arrays.
    """
    if caller == "torch":
        xs = [torch.tensor(np.asarray(a), requires_grad=True) for a in args]
        fn = torch.compile(f, fullgraph=True, backend="aot_eager") if compiled else f
        value = fn(*xs)
        grads = torch.autograd.grad(value, xs)
        return value, [g.numpy() for g in grads]
    if caller == "tensorflow":

        def tf_value_and_grads(*xs: Any) -> Any:
            with tf.GradientTape() as tape:
                tape.watch(xs)
                value = f(*xs)
            return value, tape.gradient(value, xs)

        fn = tf.function(tf_value_and_grads) if compiled else tf_value_and_grads
        value, grads = fn(*[tf.constant(np.asarray(a)) for a in args])
        return value, [g.numpy() for g in grads]
    fn = jax.value_and_grad(f, argnums=tuple(range(len(args))))
    fn = jax.jit(fn) if compiled else fn
    value, grads = fn(*[jnp.asarray(np.asarray(a)) for a in args])
    return value, [np.asarray(g) for g in grads]


def one_graph(fn: Callable[..., Any], *args: Any) -> None:
    """``fn`` is captured by dynamo as one graph (no break) that calls a bridge op."""
    explained = torch._dynamo.explain(fn)(*args)
    assert (explained.graph_count, explained.graph_break_count) == (1, 0), explained.break_reasons
    targets = [str(node.target) for node in explained.graphs[0].graph.nodes]
    assert any("eagerlite_bridge" in t for t in targets), targets
    torch._dynamo.reset()


@pytest.fixture
def dynamo() -> Iterator[None]:
    torch._dynamo.reset()
    yield
    torch._dynamo.reset()


# ---------------------------------------------------------------- TfPyTh's example
def tfpyth_example(source: str) -> Callable[..., Any]:
    """f(a, b) = 3a + 4b^2 in ``source``'s own ops; it checks it gets ``source`` tensors."""
    kind = NATIVE_TYPES[source]

    def f(a: Any, b: Any) -> Any:
        assert isinstance(a, kind) and isinstance(b, kind), (type(a), type(b))
        if source == "torch":
            return torch.add(torch.mul(a, 3), torch.mul(torch.square(b), 4))
        if source == "tensorflow":
            return tf.add(tf.multiply(a, 3.0), tf.multiply(tf.square(b), 4.0))
        return jnp.add(jnp.multiply(a, 3), jnp.multiply(jnp.square(b), 4))

    return f


@pytest.mark.parametrize("compiled", [False, True], ids=["eager", "compiled"])
@pytest.mark.parametrize(("source", "caller"), DIRECTIONS)
def test_tfpyth_example(source: str, caller: str, compiled: bool, dynamo: None) -> None:
    f = ep.bridge(source)(tfpyth_example(source))  # type: ignore[arg-type]
    a, b = np.float64(1.0), np.float64(3.0)
    if compiled and caller == "torch":
        one_graph(f, torch.tensor(a), torch.tensor(b))
    value, grads = value_and_grads(caller, f, [a, b], compiled=compiled)
    assert isinstance(value, NATIVE_TYPES[caller]), type(value)
    assert as_numpy(value).dtype == np.float64
    np.testing.assert_allclose(as_numpy(value), 39.0)
    np.testing.assert_allclose(grads, [3.0, 24.0])


def test_tf_function_jit_compile_is_not_claimed() -> None:
    """tf.py_function cannot be XLA-compiled: the documentation must not promise it."""
    from eagerlite.bridges import _callers

    for doc in (ep.bridge.__doc__, ep.Bridged.__doc__, _callers.__doc__):
        assert doc is not None
        assert "jit_compile" not in doc and "XLA" not in doc, doc


@pytest.mark.parametrize("compiled", [False, True], ids=["eager", "compiled"])
@pytest.mark.parametrize(("source", "caller"), DIRECTIONS)
def test_one_tensor_passed_twice(source: str, caller: str, compiled: bool, dynamo: None) -> None:
    """f(x, x) with f(a, b) = sum(a b^2): the gradient is the sum of both uses' (3 x^2),
    not twice each (a tape that watches the one tensor for both inputs gives 6 x^2)."""
    total = {"torch": torch.sum, "tensorflow": tf.reduce_sum, "jax": jnp.sum}[source]
    f = ep.bridge(source)(lambda a, b: total(a * b * b))
    x = np.array([0.5, -1.0, 2.0])
    value, (grad,) = value_and_grads(caller, lambda t: f(t, t), [x], compiled=compiled)
    np.testing.assert_allclose(as_numpy(value), (x**3).sum())
    np.testing.assert_allclose(grad, 3 * x**2)


# ---------------------------------------------------------------- 1000 elements
def big(framework: str) -> Callable[..., Any]:
    """sum(sin(x) y^2) + sum(tanh(x.reshape(10, 100) @ w)^2) in ``framework``."""
    if framework == "torch":
        return lambda x, y, w: (
            (torch.sin(x) * y**2).sum() + (torch.tanh(x.reshape(10, 100) @ w) ** 2).sum()
        )
    if framework == "tensorflow":
        return lambda x, y, w: (
            tf.reduce_sum(tf.sin(x) * y**2)
            + tf.reduce_sum(tf.tanh(tf.reshape(x, (10, 100)) @ w) ** 2)
        )
    return lambda x, y, w: (
        jnp.sum(jnp.sin(x) * y**2) + jnp.sum(jnp.tanh(x.reshape(10, 100) @ w) ** 2)
    )


@pytest.mark.parametrize(("source", "caller"), DIRECTIONS)
def test_1000_elements_match_native(source: str, caller: str) -> None:
    rng = np.random.default_rng(1)
    args = [rng.normal(size=1000), rng.normal(size=1000), rng.normal(size=(100, 4)) / 10]
    value, grads = value_and_grads(caller, ep.bridge(source)(big(source)), args)
    expected_value, expected_grads = value_and_grads(caller, big(caller), args)
    assert isinstance(value, NATIVE_TYPES[caller])
    np.testing.assert_allclose(as_numpy(value), as_numpy(expected_value), rtol=1e-6)
    for got, expected in zip(grads, expected_grads, strict=True):
        assert got.shape == expected.shape and got.dtype == np.float64
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-12)


# ---------------------------------------------------------------- structure, dtypes
def several(source: str) -> Callable[..., Any]:
    """Tensors in a tuple, an integer index, a keyword tensor and a Python scalar in;
    a tuple and a dict (with an integer tensor) out."""
    if source == "torch":
        take, total = (lambda x, i: x[i]), torch.sum
    elif source == "tensorflow":
        take, total = tf.gather, tf.reduce_sum
    else:
        take, total = jnp.take, jnp.sum

    def f(pair: tuple[Any, Any], idx: Any, *, w: Any, factor: float) -> Any:
        x, y = pair
        assert isinstance(factor, float)  # passed through, not made a tensor
        u = take(x, idx) * factor
        v = x * y + w
        return (u, v), {"s": total(v * v), "n": idx * 2}

    return f


X = np.array([1.0, 2.0, 3.0, 4.0])
Y = np.array([0.5, -1.0, 2.0, 3.0])
W = np.array([1.0, 1.0, -1.0, 0.0])
IDX = np.array([3, 0, 0])
FACTOR = 2.5


def several_expected() -> tuple[list[Any], list[Any]]:
    """Outputs (u, v, s, n) and the gradients of sum(u) + sum(v) + s w.r.t. x, y, w."""
    v = X * Y + W
    outs = [X[IDX] * FACTOR, v, (v * v).sum(), IDX * 2]
    gx = np.bincount(IDX, minlength=4) * FACTOR + Y + 2 * v * Y
    return outs, [gx, X + 2 * v * X, 1 + 2 * v]


def check_several_outputs(out: Any, caller: str, *, ordered: bool = True) -> None:
    (u, v), d = out
    assert list(d) == ["s", "n"] if ordered else sorted(d) == ["n", "s"]  # JAX sorts keys
    expected, _ = several_expected()
    for got, want in zip([u, v, d["s"], d["n"]], expected, strict=True):
        assert isinstance(got, NATIVE_TYPES[caller]), type(got)
        got = as_numpy(got)
        assert got.dtype == np.asarray(want).dtype, (got.dtype, want)
        np.testing.assert_allclose(got, want)


@pytest.mark.parametrize(("source", "caller"), DIRECTIONS)
def test_several_inputs_and_outputs(source: str, caller: str) -> None:
    f = ep.bridge(source)(several(source))
    _, expected_grads = several_expected()
    idx = to_native(caller, IDX)

    if caller == "torch":
        x, y, w = (torch.tensor(a, requires_grad=True) for a in (X, Y, W))
        out = f((x, y), idx, w=w, factor=FACTOR)
        check_several_outputs(out, caller)
        (u, v), d = out
        assert not d["n"].requires_grad  # an integer output is not differentiable
        loss = u.sum() + v.sum() + d["s"]
        loss.backward()
        assert idx.grad is None  # an integer input gets no gradient (cannot require one)
        np.testing.assert_allclose([t.grad.numpy() for t in (x, y, w)], expected_grads)
    elif caller == "tensorflow":

        def body(x: Any, y: Any, w: Any, i: Any) -> Any:
            with tf.GradientTape() as tape:
                tape.watch([x, y, w])
                out = f([x, y], i, w=w, factor=FACTOR)
                (u, v), d = out
                loss = tf.reduce_sum(u) + tf.reduce_sum(v) + d["s"]
            return out, tape.gradient(loss, [x, y, w, i])

        args = [tf.constant(a) for a in (X, Y, W)]
        for fn in (body, tf.function(body)):
            out, grads = fn(*args, idx)
            check_several_outputs(out, caller)
            assert grads[3] is None
            np.testing.assert_allclose([g.numpy() for g in grads[:3]], expected_grads)
    else:

        def loss(x: Any, y: Any, w: Any, i: Any) -> Any:
            (u, v), d = f((x, y), i, w=w, factor=FACTOR)
            return u.sum() + v.sum() + d["s"], ((u, v), d)

        check_several_outputs(
            f((jnp.asarray(X), jnp.asarray(Y)), idx, w=jnp.asarray(W), factor=FACTOR), caller
        )
        args = [jnp.asarray(a) for a in (X, Y, W)]
        grad = jax.grad(loss, argnums=(0, 1, 2, 3), has_aux=True, allow_int=True)
        for fn in (grad, jax.jit(grad)):
            grads, out = fn(*args, idx)
            check_several_outputs(out, caller, ordered=False)
            assert grads[3].dtype == jax.dtypes.float0 and grads[3].shape == IDX.shape
            np.testing.assert_allclose([np.asarray(g) for g in grads[:3]], expected_grads)


def test_several_inputs_and_outputs_torch_compile(dynamo: None) -> None:
    f = ep.bridge("tensorflow")(several("tensorflow"))

    def loss(x: Any, y: Any, w: Any, i: Any) -> Any:
        (u, v), d = f((x, y), i, w=w, factor=FACTOR)
        return u.sum() + v.sum() + d["s"], d["n"]

    x, y, w = (torch.tensor(a, requires_grad=True) for a in (X, Y, W))
    idx = torch.tensor(IDX)
    one_graph(loss, x, y, w, idx)
    value, n = torch.compile(loss, fullgraph=True, backend="aot_eager")(x, y, w, idx)
    expected, expected_grads = several_expected()
    np.testing.assert_allclose(
        value.detach().numpy(), expected[0].sum() + expected[1].sum() + expected[2]
    )
    assert n.dtype == torch.int64
    np.testing.assert_array_equal(n.numpy(), expected[3])
    grads = torch.autograd.grad(value, (x, y, w))
    np.testing.assert_allclose([g.numpy() for g in grads], expected_grads)


@pytest.mark.parametrize("caller", ["torch", "tensorflow", "jax"])
def test_python_scalar_is_static(caller: str) -> None:
    @ep.bridge("jax" if caller != "jax" else "torch")
    def power(x: Any, p: int) -> Any:
        assert type(p) is int
        return x**p

    x = to_native(caller, np.array([2.0, 3.0]))
    np.testing.assert_allclose(np.asarray(power(x, 2)), [4.0, 9.0])
    np.testing.assert_allclose(np.asarray(power(x, 3)), [8.0, 27.0])
    if caller == "jax":  # two static values within one trace
        out = jax.jit(lambda x: power(x, 2) + power(x, 3))(x)
        np.testing.assert_allclose(np.asarray(out), [12.0, 36.0])
        grad = jax.jit(jax.grad(lambda x: (power(x, 2) + power(x, 3)).sum()))(x)
        np.testing.assert_allclose(np.asarray(grad), [16.0, 33.0])
    if caller == "tensorflow":
        out = tf.function(lambda x: power(x, 2) + power(x, 3))(x)
        np.testing.assert_allclose(out.numpy(), [12.0, 36.0])


@pytest.mark.parametrize("caller", ["numpy", "torch", "tensorflow", "jax"])
def test_eagerlite_tensors_in_and_out(caller: str) -> None:
    source = "jax" if caller != "jax" else "torch"
    f = ep.bridge(source)(several(source))
    x, y, w, idx = (ep.astensor(to_native(caller, a)) for a in (X, Y, W, IDX))
    (u, v), d = f((x, y), idx, w=w, factor=FACTOR)
    expected, expected_grads = several_expected()
    for got, want in zip([u, v, d["s"], d["n"]], expected, strict=True):
        assert type(got).__name__ == CLASS_NAMES[caller], type(got)
        np.testing.assert_allclose(got.numpy(), want)
    if caller == "numpy":
        return

    def loss(x: ep.Tensor[Any]) -> ep.Tensor[Any]:  # eagerlite's own autodiff of the caller
        (u, v), d = f((x, y), idx, w=w, factor=FACTOR)
        return u.sum() + v.sum() + d["s"]

    value, grad = ep.value_and_grad(loss, x)
    assert type(value).__name__ == type(grad).__name__ == CLASS_NAMES[caller], type(grad)
    np.testing.assert_allclose(value.numpy(), sum(np.sum(e) for e in expected[:3]))
    np.testing.assert_allclose(grad.numpy(), expected_grads[0])


@pytest.mark.parametrize("source", FRAMEWORKS)
def test_numpy_caller(source: str) -> None:
    f = ep.bridge(source)(several(source))
    out = f((X, Y), IDX, w=W, factor=FACTOR)
    (u, v), d = out
    expected, _ = several_expected()
    for got, want in zip([u, v, d["s"], d["n"]], expected, strict=True):
        assert isinstance(got, np.ndarray), type(got)
        assert got.dtype == np.asarray(want).dtype
        np.testing.assert_allclose(got, want)


@pytest.mark.parametrize("framework", ["numpy", *FRAMEWORKS])
def test_same_framework_calls_directly(framework: str) -> None:
    calls = []

    @ep.bridge(framework)  # type: ignore[arg-type]
    def identity(x: Any) -> Any:
        calls.append(x)
        return x

    x = to_native(framework, X)
    assert identity(x) is x
    assert len(calls) == 1 and calls[0] is x  # no shape inference, no conversion
    if framework == "torch":
        double = ep.bridge("pytorch")(lambda x: x * 2)
        t = torch.tensor(X, requires_grad=True)
        assert type(double(t).grad_fn).__name__ == "MulBackward0"  # torch's own op


@pytest.mark.parametrize("grad", [False, True], ids=["no_grad", "grad"])
@pytest.mark.parametrize("source", ["tensorflow", "jax"])
def test_identity_from_torch(source: str, grad: bool) -> None:
    identity = ep.bridge(source)(lambda x: x)
    x = torch.tensor(X, requires_grad=grad)
    y = identity(x)
    assert type(y) is torch.Tensor and y is not x
    np.testing.assert_array_equal(y.detach().numpy(), X)
    assert y.data_ptr() != x.data_ptr()  # a copy: zero-copy both ways would alias x
    with torch.no_grad():
        x.add_(1.0)
    np.testing.assert_array_equal(y.detach().numpy(), X)
    if grad:
        (g,) = torch.autograd.grad(y.sum(), x)
        np.testing.assert_array_equal(g.numpy(), np.ones_like(X))


def test_tf_variable_and_torch_parameter() -> None:
    """Trainable parameters are tensors of their framework, differentiable as such."""
    square_sum = ep.bridge("torch")(lambda x: (x * x).sum())
    v = tf.Variable(X)
    with tf.GradientTape() as tape:
        y = square_sum(v)
    assert isinstance(y, tf.Tensor)
    np.testing.assert_allclose(tape.gradient(y, v).numpy(), 2 * X)
    p = torch.nn.Parameter(torch.tensor(X))
    ep.bridge("jax")(lambda x: jnp.sum(x * x))(p).backward()
    np.testing.assert_allclose(p.grad.numpy(), 2 * X)


# ---------------------------------------------------------------- NumPy source
@ep.bridge("numpy")
def np_sine(x: Any, scale: Any) -> Any:
    assert isinstance(x, np.ndarray) and isinstance(scale, np.ndarray)
    return np.sin(x) * scale


@pytest.mark.parametrize("caller", FRAMEWORKS)
def test_numpy_source_is_forward_only(caller: str, dynamo: None) -> None:
    expected = np.sin(X) * 2.0
    x, scale = to_native(caller, X), to_native(caller, 2.0)
    out = np_sine(x, scale)
    assert isinstance(out, NATIVE_TYPES[caller])
    np.testing.assert_allclose(np.asarray(out), expected)

    if caller == "torch":
        x.requires_grad_(True)
        out = np_sine(x, scale)  # the forward pass works, the backward pass does not
        np.testing.assert_allclose(out.detach().numpy(), expected)
        with pytest.raises(ep.GradientNotSupportedError, match=NO_GRADIENT):
            torch.autograd.grad(out.sum(), x)
        with pytest.raises(ep.GradientNotSupportedError, match=NO_GRADIENT):
            np_sine(x, scale).sum().backward()
        torch._dynamo.reset()
        out = torch.compile(np_sine, fullgraph=True, backend="aot_eager")(x, scale)
        np.testing.assert_allclose(out.detach().numpy(), expected)
        with pytest.raises(ep.GradientNotSupportedError, match=NO_GRADIENT):
            torch.autograd.grad(out.sum(), x)
    elif caller == "tensorflow":

        def grad(x: Any) -> Any:
            with tf.GradientTape() as tape:
                tape.watch(x)
                out = np_sine(x, scale)
            return tape.gradient(out, x)

        np.testing.assert_allclose(tf.function(np_sine)(x, scale).numpy(), expected)
        with pytest.raises(ep.GradientNotSupportedError, match=NO_GRADIENT):
            grad(x)
        with pytest.raises(ep.GradientNotSupportedError, match=NO_GRADIENT):
            tf.function(grad, autograph=False)(x)
    else:
        np.testing.assert_allclose(np.asarray(jax.jit(np_sine)(x, scale)), expected)
        loss = lambda x: np_sine(x, scale).sum()  # noqa: E731
        with pytest.raises(ep.GradientNotSupportedError, match=NO_GRADIENT):
            jax.grad(loss)(x)
        with pytest.raises(ep.GradientNotSupportedError, match=NO_GRADIENT):
            jax.jit(jax.grad(loss))(x)


# ---------------------------------------------------------------- layouts of gradients
C = np.arange(6.0).reshape(3, 2)
STRIDED = {  # torch functions whose gradients torch returns as views, not compact memory
    "sum": lambda x: x.sum(),  # an expanded (stride-0) gradient
    "transposed": lambda x: (x.t() * torch.from_numpy(C)).sum(),  # a transposed gradient
}
STRIDED_GRADS = {"sum": np.ones((2, 3)), "transposed": C.T}


@pytest.mark.parametrize("compiled", [False, True], ids=["eager", "compiled"])
@pytest.mark.parametrize("caller", ["tensorflow", "jax"])
@pytest.mark.parametrize("kind", list(STRIDED))
def test_strided_torch_gradients(kind: str, caller: str, compiled: bool) -> None:
    fn = STRIDED[kind]
    t = torch.ones(2, 3, dtype=torch.float64, requires_grad=True)
    (native,) = torch.autograd.grad(fn(t), t)
    assert not native.is_contiguous()  # what the bridge must hand over as compact memory
    x = np.linspace(0.5, 3.0, 6).reshape(2, 3)
    value, (grad,) = value_and_grads(caller, ep.bridge("pytorch")(fn), [x], compiled=compiled)
    np.testing.assert_allclose(as_numpy(value), (x * STRIDED_GRADS[kind]).sum())
    np.testing.assert_allclose(grad, STRIDED_GRADS[kind])


@pytest.mark.parametrize("source", ["tensorflow", "jax"])
def test_strided_torch_cotangents(source: str) -> None:
    """torch hands the bridge's backward pass an expanded cotangent (that of a sum)."""
    double = ep.bridge(source)(lambda x: x * 2)
    x = torch.tensor(C, requires_grad=True)
    (grad,) = torch.autograd.grad(double(x).sum(), x)
    np.testing.assert_allclose(grad.numpy(), np.full_like(C, 2.0))
    (grad,) = torch.autograd.grad(double(x.t()).sum(), x)  # a transposed input
    np.testing.assert_allclose(grad.numpy(), np.full_like(C, 2.0))


# ---------------------------------------------------------------- errors
def test_mixed_frameworks_raise() -> None:
    f = ep.bridge("jax")(lambda a, b: a + b)
    with pytest.raises(TypeError, match="tensors of torch and tensorflow"):
        f(torch.ones(2), tf.ones(2))
    with pytest.raises(TypeError, match="tensors of torch and numpy"):
        f(ep.astensor(torch.ones(2)), [np.ones(2)])
    with pytest.raises(TypeError, match="tensors of jax and torch"):
        f(jnp.ones(2), b={"b": ep.astensor(torch.ones(2))})


def test_no_tensors_raise() -> None:
    f = ep.bridge("torch")(lambda a, b: a + b)
    with pytest.raises(TypeError, match="call it with at least one tensor"):
        f(1.0, 2.0)
    with pytest.raises(TypeError, match="call it with at least one tensor"):
        f([1.0], b=[2.0])


def test_unknown_framework_raises() -> None:
    with pytest.raises(ValueError, match="unknown framework 'mxnet'"):
        ep.bridge("mxnet")  # type: ignore[arg-type]


# ---------------------------------------------------------------- jax.vmap
def test_jax_vmap() -> None:
    shapes = []

    @ep.bridge("torch")
    def sine(x: Any) -> Any:
        if x.device.type != "meta":  # not shape inference
            shapes.append(tuple(x.shape))
        return torch.sin(x) * 2

    x = np.arange(6.0).reshape(2, 3)
    out = jax.vmap(sine)(jnp.asarray(x))
    np.testing.assert_allclose(np.asarray(out), np.sin(x) * 2)
    assert shapes == [(3,), (3,)]  # vmap_method="sequential": one call per row
    out = jax.jit(jax.vmap(sine))(jnp.asarray(x))
    np.testing.assert_allclose(np.asarray(out), np.sin(x) * 2)
    grads = jax.vmap(jax.grad(lambda r: sine(r).sum()))(jnp.asarray(x))
    np.testing.assert_allclose(np.asarray(grads), np.cos(x) * 2)
