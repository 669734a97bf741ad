"""The benchmark suite's cases (see run.py), run in registration order, and their targets.

Each case is written once natively and once per column (wrapper), the way a user of that
wrapper writes it: ``Prepared.generic(lib)`` is the Tensor-face code that eagerlite and
EagerPy share (``lib.astensor(x)`` ... ``.raw``), ``Prepared.faces`` the others, made from
their modules: ``eagerlite xp`` and ``array-api-compat`` get ``xp = mod.array_namespace(x)``
inside each call and then the same Array API code, ``autoray`` gets ``autoray.numpy`` and
``keras.ops`` gets ``keras.ops``.  A column that cannot express the case is n/a with the
reason (``Case.na``, from peers.py).

How each column writes each case (``mod``: the column's module; ``xp``:
``mod.array_namespace(x)``, fetched inside each call; ``anp``: ``autoray.numpy``; ``ops``:
``keras.ops``; ``chain``: the 20 ops with Python operators; ``fchain(x, mul, add, sub,
abs)``: the same 20 ops as functions)::

    l2_n10, l2_n1e6   eagerlite, eagerpy           mod.astensor(x).norms.l2().raw
                      eagerlite xp, array-api-compat  xp.linalg.vector_norm(x)
                      autoray / keras.ops          anp.linalg.norm(x) / ops.norm(x)
    chain20           eagerlite, eagerpy           chain(mod.astensor(x)).raw
                      the others                   n/a (operators on native arrays: native)
    xp_chain20        eagerlite, eagerlite xp,     fchain(x, xp.multiply, ...) on native arrays
                      array-api-compat             (library code: the eagerlite column is the
                                                   native face here)
                      autoray / keras.ops          fchain(x, anp.multiply, ...) / ops.multiply
                      eagerpy                      n/a (no namespace)
    xp_chain20_tensors  eagerlite                  t = ep.astensor(x); xp = ep.array_namespace(t)
                                                   fchain(t, xp.multiply, ...).raw
                      the others                   n/a (no Tensor face of a namespace)
    array_namespace   eagerlite, array-api-compat  mod.array_namespace(x)
                      the others                   n/a
    sum_axis          eagerlite, eagerpy           mod.astensor(x).sum(axis=1, keepdims=True).raw
                      eagerlite xp, array-api-compat  xp.sum(x, axis=1, keepdims=True)
                      autoray / keras.ops          anp.sum(...) / ops.sum(...), same arguments
    value_and_grad    eagerlite, eagerpy           mod.value_and_grad(loss, mod.astensor(x))
                      the others                   n/a (no grad)
    per_example_grads eagerlite                    ep.vmap(ep.grad(loss), in_axes=(None, 0, 0))
    hvp               eagerlite                    ep.jvp(ep.grad(f), (w,), (v,))[1]
    scan_rnn(_jit)    eagerlite                    ep.scan(cell, h0, xs) (under ep.jit)
    newton(_jit)      eagerlite                    ep.while_loop(keep_going, step, state)
                      the others                   n/a (no transformations)
    cnn_step(_jit),   eagerlite                    ep.nn, ep.value_and_grad, ep.optim.adam
    attention(_jit)                                (under ep.jit); nn_cases.py has the code
                      keras.ops                    keras.ops (the backend's autodiff and
                                                   compiler); the others n/a (no nn)
    roundtrip         eagerlite, eagerpy           mod.astensor(x).raw
                      the others                   n/a (wrap nothing)
    bridge_grad_*     eagerlite                    ep.bridge(S)(f); the others n/a

New cases: write a ``prepare`` function (backend -> native call, generic call and faces,
or the reason the case does not apply) and ``register(Case(...))`` it here.  A case that
needs a second framework gets it with ``get_backend(name)``, with the run's thread
settings.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from _harness import Backend, Call, Case, Prepared, get_backend
from nn_cases import attention_case, cnn_step_case
from peers import (
    NA_AUTODIFF,
    NA_BRIDGE,
    NA_NAMESPACE,
    NA_NN,
    NA_OPERATORS,
    NA_TENSOR_FACE,
    NA_TRANSFORM,
    NA_WRAP,
)

# The targets of issue 5 (and of issue 4 for the bridge): the largest acceptable ratio
# eagerlite (the Tensor face) / native, per case and backend (a missing entry: no target).
TARGETS: dict[str, dict[str, float]] = {
    "chain20": {"numpy": 1.5, "torch": 1.15, "jax": 1.08, "tensorflow": 1.03},
    "l2_n10": {"numpy": 1.3, "torch": 1.3, "jax": 1.1, "tensorflow": 1.1},
    "l2_n1e6": {"numpy": 1.02, "torch": 1.02, "jax": 1.02, "tensorflow": 1.02},
    "value_and_grad": {"torch": 1.15, "jax": 1.05, "tensorflow": 1.05},
    # issue 21: the transformations against the framework's own, eager
    "per_example_grads": {"torch": 1.10, "jax": 1.10, "tensorflow": 1.10},
    "hvp": {"torch": 1.10, "jax": 1.10, "tensorflow": 1.10},
    **{
        case: {"numpy": 1.10, "torch": 1.10, "jax": 1.10, "tensorflow": 1.10}
        for case in ("scan_rnn", "scan_rnn_jit", "newton", "newton_jit")
    },
    # issue 22: ep.nn, ep.value_and_grad and ep.optim against the framework's own
    # (NumPy has no compiler: its compiled attention runs eagerly, as the native one)
    "cnn_step": {"torch": 1.10, "jax": 1.10, "tensorflow": 1.10},
    "cnn_step_jit": {"torch": 1.03, "jax": 1.03, "tensorflow": 1.03},
    "attention": {"numpy": 1.10, "torch": 1.10, "jax": 1.10, "tensorflow": 1.10},
    "attention_jit": {"numpy": 1.10, "torch": 1.03, "jax": 1.03, "tensorflow": 1.03},
    "bridge_grad_1e6": {"tensorflow": 1.15},  # a torch function called from TensorFlow
}

# The targets of the native face (the "eagerlite xp" column: ep.array_namespace of native
# arrays): within 1.05x of native on torch and JAX (issue 20) wherever it is measured;
# for xp_chain20 the targets of issue 10, set for this same code (the chain of xp
# functions on native arrays, which is also that case's eagerlite column).
XP_TARGETS: dict[str, dict[str, float]] = {
    "l2_n10": {"torch": 1.05, "jax": 1.05},
    "l2_n1e6": {"torch": 1.05, "jax": 1.05},
    "sum_axis": {"torch": 1.05, "jax": 1.05},
    "xp_chain20": {"numpy": 1.02, "torch": 1.05, "jax": 1.02, "tensorflow": 1.05},
}

CASES: dict[str, Case] = {}


def register(case: Case) -> Case:
    """Add a case to the suite (run in registration order); its targets come from TARGETS
    and XP_TARGETS."""
    if case.key in CASES or case.key == "import":
        raise ValueError(f"duplicate case {case.key!r}")
    if not case.targets and case.key in TARGETS:
        case = dataclasses.replace(case, targets=TARGETS[case.key])
    if not case.xp_targets and case.key in XP_TARGETS:
        case = dataclasses.replace(case, xp_targets=XP_TARGETS[case.key])
    CASES[case.key] = case
    return case


# ---------------------------------------------------------------------------- native code
def native_l2(b: Backend, x: Any) -> Call:
    """The plain l2 formula (eagerlite's l2 on JAX and TF also guards the gradient at 0)."""
    fw = b.fw
    if b.name == "torch":
        return lambda: fw.linalg.vector_norm(x)
    if b.name == "tensorflow":
        return lambda: fw.sqrt(fw.reduce_sum(fw.square(x)))
    return lambda: fw.sqrt(fw.sum(fw.square(x)))  # numpy, jax.numpy


def native_sum_axis(b: Backend, x: Any) -> Call:
    fw = b.fw
    if b.name == "torch":
        return lambda: fw.sum(x, dim=1, keepdim=True)
    if b.name == "tensorflow":
        return lambda: fw.reduce_sum(x, axis=1, keepdims=True)
    return lambda: fw.sum(x, axis=1, keepdims=True)  # numpy, jax.numpy


def native_total(b: Backend) -> Callable[[Any], Any]:
    """The framework's sum of all elements."""
    total: Callable[[Any], Any] = b.fw.reduce_sum if b.name == "tensorflow" else b.fw.sum
    return total


def native_value_and_grad(b: Backend, f: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, Any]]:
    """``x -> (f(x), df/dx)`` with the framework's own autodiff, eagerly (JAX: the
    transformation made once, as usual; not jitted).  ``f`` may also be a bridged function."""
    fw = b.fw
    if b.name == "torch":

        def torch_value_and_grad(x: Any) -> tuple[Any, Any]:
            xg = x.detach().requires_grad_(True)
            y = f(xg)
            (grad,) = fw.autograd.grad(y, xg)
            return y.detach(), grad

        return torch_value_and_grad
    if b.name == "tensorflow":

        def tf_value_and_grad(x: Any) -> tuple[Any, Any]:
            with fw.GradientTape() as tape:
                tape.watch(x)
                y = f(x)
            return y, tape.gradient(y, x)

        return tf_value_and_grad
    jax_value_and_grad: Callable[[Any], tuple[Any, Any]] = b.jax.value_and_grad(f)
    return jax_value_and_grad


# ---------------------------------------------------------------------------- cases
def l2_case(n: int) -> Callable[[Backend], Prepared]:
    def prepare(b: Backend) -> Prepared:
        x = b.array((n,))

        def generic(lib: Any) -> Call:
            return lambda: lib.astensor(x).norms.l2().raw

        def array_api(mod: Any) -> Call:  # eagerlite's native face, array-api-compat
            def call() -> Any:
                xp = mod.array_namespace(x)
                return xp.linalg.vector_norm(x)

            return call

        faces = {
            "eagerlite xp": array_api,
            "array-api-compat": array_api,
            "autoray": lambda anp: lambda: anp.linalg.norm(x),
            "keras.ops": lambda ops: lambda: ops.norm(x),
        }
        return Prepared(native_l2(b, x), generic, faces)

    return prepare


def chain(x: Any) -> Any:
    """20 elementwise ops; works on native arrays and on eagerlite/EagerPy tensors alike."""
    for _ in range(5):
        x = (x * 0.5 + 1.0) - 0.25
        x = abs(x)
    return x


def prepare_chain(b: Backend) -> Prepared:
    x = b.array((100,))
    return Prepared(lambda: chain(x), lambda lib: lambda: chain(lib.astensor(x)).raw)


# the framework's own functions for the chain's four ops (multiply, add, subtract, abs)
NATIVE_OPS = {
    "numpy": ("multiply", "add", "subtract", "abs"),
    "jax": ("multiply", "add", "subtract", "abs"),
    "torch": ("mul", "add", "sub", "abs"),
    "tensorflow": ("multiply", "add", "subtract", "abs"),
}


def function_chain(x: Any, mul: Any, add: Any, sub: Any, abs_: Any) -> Any:
    """The chain of ``chain``, written with functions (as code against a namespace is)."""
    for _ in range(5):
        x = abs_(sub(add(mul(x, 0.5), 1.0), 0.25))
    return x


def prepare_xp_chain_tensors(b: Backend) -> Prepared:
    x = b.array((100,))
    ops = [getattr(b.fw, name) for name in NATIVE_OPS[b.name]]

    def tensor_face(lib: Any) -> Call:  # (eagerlite only: no other has this face)
        def call() -> Any:
            t = lib.astensor(x)
            xp = lib.array_namespace(t)  # the namespace's Tensor face: Tensors in and out
            return function_chain(t, xp.multiply, xp.add, xp.subtract, xp.abs).raw

        return call

    return Prepared(lambda: function_chain(x, *ops), tensor_face)


def prepare_xp_chain(b: Backend) -> Prepared:
    x = b.array((100,))
    ops = [getattr(b.fw, name) for name in NATIVE_OPS[b.name]]

    def array_api(mod: Any) -> Call:  # eagerlite's native face, array-api-compat
        def call() -> Any:
            xp = mod.array_namespace(x)  # (inside: library code asks for it in each call)
            return function_chain(x, xp.multiply, xp.add, xp.subtract, xp.abs)

        return call

    def functions(mod: Any) -> Call:  # autoray.numpy, keras.ops: the functions directly
        return lambda: function_chain(x, mod.multiply, mod.add, mod.subtract, mod.abs)

    faces = {
        "eagerlite xp": array_api,
        "array-api-compat": array_api,
        "autoray": functions,
        "keras.ops": functions,
    }
    return Prepared(lambda: function_chain(x, *ops), array_api, faces)


def prepare_array_namespace(b: Backend) -> Prepared:
    x = b.array((10,))

    def lookup(mod: Any) -> Call:  # ep.array_namespace, array_api_compat.array_namespace
        return lambda: mod.array_namespace(x) and x

    return Prepared(lambda: x, lookup, {"array-api-compat": lookup})


def prepare_sum_axis(b: Backend) -> Prepared:
    x = b.array((100, 100))

    def array_api(mod: Any) -> Call:  # eagerlite's native face, array-api-compat
        def call() -> Any:
            xp = mod.array_namespace(x)
            return xp.sum(x, axis=1, keepdims=True)

        return call

    faces = {
        "eagerlite xp": array_api,
        "array-api-compat": array_api,
        "autoray": lambda anp: lambda: anp.sum(x, axis=1, keepdims=True),
        "keras.ops": lambda ops: lambda: ops.sum(x, axis=1, keepdims=True),
    }
    return Prepared(
        native_sum_axis(b, x),
        lambda lib: lambda: lib.astensor(x).sum(axis=1, keepdims=True).raw,
        faces,
    )


def prepare_value_and_grad(b: Backend) -> Prepared | str:
    if b.name == "numpy":
        return "NumPy has no autodiff"
    x = b.array((1000,))
    total = native_total(b)
    native = functools.partial(native_value_and_grad(b, lambda v: total(v**2)), x)

    def generic(lib: Any) -> Call:
        def loss(t: Any) -> Any:
            return (t**2).sum()

        def call() -> tuple[Any, Any]:
            value, grad = lib.value_and_grad(loss, lib.astensor(x))
            return value.raw, grad.raw

        return call

    return Prepared(native, generic)


def prepare_per_example_grads(b: Backend) -> Prepared | str:
    """Per-example gradients of a small MLP (8 -> 16 -> 1, tanh), batch 32:
    ``vmap(grad(loss), in_axes=(None, 0, 0))`` against the framework's own transforms
    (``torch.func``, ``jax``, ``tf.vectorized_map`` of a tape; made once, eager)."""
    if b.name == "numpy":
        return "NumPy has no autodiff"
    w1, w2 = b.array((8, 16)) * 0.3, b.array((16, 1)) * 0.5
    xs, ys = b.array((32, 8)), b.array((32, 1))
    fw = b.fw
    if b.name == "torch":

        def torch_loss(p: Any, x: Any, y: Any) -> Any:
            return ((fw.tanh(x @ p[0]) @ p[1] - y) ** 2).sum()

        native_fn = fw.func.vmap(fw.func.grad(torch_loss), in_dims=(None, 0, 0))
        native: Call = functools.partial(native_fn, (w1, w2), xs, ys)
    elif b.name == "jax":
        jax = b.jax

        def jax_loss(p: Any, x: Any, y: Any) -> Any:
            return ((fw.tanh(x @ p[0]) @ p[1] - y) ** 2).sum()

        native_fn = jax.vmap(jax.grad(jax_loss), in_axes=(None, 0, 0))
        native = functools.partial(native_fn, (w1, w2), xs, ys)
    else:

        def tf_one(example: Any) -> Any:
            x, y = example
            with fw.GradientTape() as tape:
                tape.watch((w1, w2))
                h = fw.tanh(fw.tensordot(x, w1, 1))
                loss = fw.reduce_sum((fw.tensordot(h, w2, 1) - y) ** 2)
            return tape.gradient(loss, (w1, w2))

        def native() -> Any:
            return fw.vectorized_map(tf_one, (xs, ys))

    def generic(lib: Any) -> Call:
        def loss(p: Any, x: Any, y: Any) -> Any:
            return (((x @ p[0]).tanh() @ p[1] - y) ** 2).sum()

        per_example = lib.vmap(lib.grad(loss), in_axes=(None, 0, 0))

        def call() -> Any:
            g1, g2 = per_example(
                (lib.astensor(w1), lib.astensor(w2)), lib.astensor(xs), lib.astensor(ys)
            )
            return g1.raw, g2.raw

        return call

    return Prepared(native, generic)


def prepare_hvp(b: Backend) -> Prepared | str:
    """A Hessian-vector product of ``sum(sin(w) * w)``, n=1000, forward over reverse:
    ``jvp(grad(f), (w,), (v,))`` against the framework's own (``torch.func``, ``jax``,
    a ``tf.autodiff.ForwardAccumulator`` around a tape)."""
    if b.name == "numpy":
        return "NumPy has no autodiff"
    w, v = b.array((1000,)), b.array((1000,)) * 0.5
    fw = b.fw
    if b.name == "torch":

        def torch_f(p: Any) -> Any:
            return (fw.sin(p) * p).sum()

        native: Call = lambda: fw.func.jvp(fw.func.grad(torch_f), (w,), (v,))[1]  # noqa: E731
    elif b.name == "jax":
        jax = b.jax
        grad_f = jax.grad(lambda p: (fw.sin(p) * p).sum())
        native = lambda: jax.jvp(grad_f, (w,), (v,))[1]  # noqa: E731
    else:

        def native() -> Any:
            with fw.autodiff.ForwardAccumulator(w, v) as acc:
                with fw.GradientTape() as tape:
                    tape.watch(w)
                    y = fw.reduce_sum(fw.sin(w) * w)
                g = tape.gradient(y, w)
            return acc.jvp(g)

    def generic(lib: Any) -> Call:
        grad_f = lib.grad(lambda p: (p.sin() * p).sum())
        return lambda: lib.jvp(grad_f, (lib.astensor(w),), (lib.astensor(v),))[1].raw

    return Prepared(native, generic)


def scan_rnn_case(compiled: bool) -> Callable[[Backend], Prepared | str]:
    """An RNN over 20 steps (h = tanh(h @ w + x), a batch of 4, 16 units), the hidden
    states stacked: ``ep.scan`` against the framework's own way (``jax.lax.scan``; a
    Python loop on NumPy, torch and TensorFlow eagerly, which have no scan to call there;
    ``tf.scan`` compiled), eager or compiled (``ep.jit`` against ``jax.jit``,
    ``torch.compile``, ``tf.function(jit_compile=True)`` of the native function)."""

    def prepare(b: Backend) -> Prepared | str:
        w, xs = b.array((16, 16)) * 0.3, b.array((20, 4, 16))
        fw = b.fw
        if b.name == "jax":

            def native_rnn(w: Any, xs: Any) -> Any:
                step = lambda h, x: (fw.tanh(h @ w + x),) * 2  # noqa: E731
                return b.jax.lax.scan(step, xs[0] * 0.0, xs)[1]

        elif b.name == "tensorflow" and compiled:

            def native_rnn(w: Any, xs: Any) -> Any:
                return fw.scan(lambda h, x: fw.tanh(h @ w + x), xs, initializer=xs[0] * 0.0)

        else:
            stack, tanh = fw.stack, fw.tanh

            def native_rnn(w: Any, xs: Any) -> Any:
                h, hs = xs[0] * 0.0, []
                for x in fw.unstack(xs) if b.name == "tensorflow" else xs:
                    h = tanh(h @ w + x)
                    hs.append(h)
                return stack(hs)

        run = b.compiled(native_rnn) if compiled else native_rnn
        native: Call = functools.partial(run, w, xs)

        def generic(lib: Any) -> Call:
            def rnn(w: Any, xs: Any) -> Any:
                cell = lambda h, x: ((h @ w + x).tanh(),) * 2  # noqa: E731
                return lib.scan(cell, xs[0] * 0.0, xs)[1]

            f = lib.jit(rnn) if compiled else rnn
            return lambda: f(lib.astensor(w), lib.astensor(xs)).raw

        return Prepared(native, generic)

    return prepare


def newton_case(compiled: bool) -> Callable[[Backend], Prepared | str]:
    """sqrt of 1000 numbers by Newton's method, stopping when every residual is below 1e-5
    (or after 50 steps): ``ep.while_loop`` against the framework's own loop (a Python
    ``while`` eagerly, ``jax.lax.while_loop``; compiled: ``jax.lax.while_loop``,
    ``tf.while_loop`` and torch's ``while_loop`` operator)."""

    def prepare(b: Backend) -> Prepared | str:
        fw = b.fw
        a = b.array((1000,)) + 2.0
        if b.name == "jax":
            lax = b.jax.lax

            def native_sqrt(a: Any) -> Any:
                def keep_going(s: Any) -> Any:
                    return (fw.abs(s[0] * s[0] - a).max() > 1e-5) & (s[1] < 50)

                def step(s: Any) -> Any:
                    return (s[0] - (s[0] * s[0] - a) / (2 * s[0]), s[1] + 1)

                return lax.while_loop(keep_going, step, (fw.ones_like(a), fw.int32(0)))[0]

        elif compiled and b.name == "tensorflow":

            def native_sqrt(a: Any) -> Any:
                def keep_going(x: Any, i: Any) -> Any:
                    return fw.logical_and(fw.reduce_max(fw.abs(x * x - a)) > 1e-5, i < 50)

                def step(x: Any, i: Any) -> Any:
                    return (x - (x * x - a) / (2 * x), i + 1)

                return fw.while_loop(keep_going, step, (fw.ones_like(a), fw.constant(0)))[0]

        elif compiled and b.name == "torch":
            from torch._higher_order_ops.while_loop import while_loop

            def native_sqrt(a: Any) -> Any:
                def keep_going(x: Any, i: Any) -> Any:
                    return ((x * x - a).abs().max() > 1e-5) & (i < 50)

                def step(x: Any, i: Any) -> Any:
                    return (x - (x * x - a) / (2 * x), i + 1)

                start = (fw.ones_like(a), fw.zeros((), dtype=fw.int32))
                return while_loop(keep_going, step, start)[0]

        else:  # (the same state as ep.while_loop's: the step count a tensor too)
            top = fw.reduce_max if b.name == "tensorflow" else (lambda t: t.max())
            both = fw.logical_and

            def native_sqrt(a: Any) -> Any:
                x, i = a * 0.0 + 1.0, fw.zeros((), dtype=fw.int32)
                while bool(both(top(abs(x * x - a)) > 1e-5, i < 50)):
                    x, i = x - (x * x - a) / (2 * x), i + 1
                return x

        run = b.compiled(native_sqrt) if compiled else native_sqrt
        native: Call = functools.partial(run, a)

        def generic(lib: Any) -> Call:
            def newton_sqrt(a: Any) -> Any:
                def keep_going(state: Any) -> Any:
                    x, i = state
                    return ((x * x - a).abs().max() > 1e-5) & (i < 50)

                def step(state: Any) -> Any:
                    x, i = state
                    return (x - (x * x - a) / (2 * x), i + 1)

                start = (a.ones_like(), a.zeros((), dtype=lib.int32))
                return lib.while_loop(keep_going, step, start)[0]

            f = lib.jit(newton_sqrt) if compiled else newton_sqrt
            return lambda: f(lib.astensor(a)).raw

        return Prepared(native, generic)

    return prepare


def prepare_roundtrip(b: Backend) -> Prepared:
    x = b.array((10,))
    return Prepared(lambda: x, lambda lib: lambda: lib.astensor(x).raw)


# The framework each backend's bridge case calls: torch calls TensorFlow, TensorFlow and
# JAX call torch (issue 4's case: a torch function in a TensorFlow training step).
BRIDGE_SOURCES = {"torch": "tensorflow", "tensorflow": "torch", "jax": "torch"}


def bridge_grad_case(n: int) -> Callable[[Backend], Prepared | str]:
    """f(x) = sum(sin(x) * x) written natively in the source framework S, bridged with
    ``ep.bridge(S)`` and called with the backend's tensors, value and gradient by the
    backend's autodiff; native: f on S's tensors with S's autodiff (the bridge's ideal).
    Each call waits for its own framework's results (the Case has ``sync=False``)."""

    def prepare(b: Backend) -> Prepared | str:
        if b.name not in BRIDGE_SOURCES:
            return "NumPy has no autodiff"
        source = get_backend(BRIDGE_SOURCES[b.name])
        if isinstance(source, str):
            return f"needs {BRIDGE_SOURCES[b.name]}: {source}"
        total, sin = native_total(source), source.fw.sin

        def f(v: Any) -> Any:
            return total(sin(v) * v)

        xs = source.array((n,))
        native = source.synced(functools.partial(native_value_and_grad(source, f), xs))
        x = b.array((n,))

        def generic(lib: Any) -> Call:
            bridged = lib.bridge(source.name)(f)
            return b.synced(functools.partial(native_value_and_grad(b, bridged), x))

        return Prepared(native, generic)

    return prepare


register(Case("l2_n10", "l2 norm, n=10", "ep.astensor(x).norms.l2().raw", l2_case(10)))
register(Case("l2_n1e6", "l2 norm, n=1e6", "the same on 1,000,000 elements", l2_case(1_000_000)))
register(
    Case(
        "chain20",
        "chain of 20 ops, n=100",
        "5 x ((x * 0.5 + 1.0) - 0.25, abs), 100 elements",
        prepare_chain,
        na=NA_OPERATORS,
    )
)
register(
    Case(
        "xp_chain20",
        "xp chain of 20 ops, n=100",
        "the chain as xp.multiply/add/subtract/abs of ep.array_namespace(x), native arrays",
        prepare_xp_chain,
        na={"eagerpy": NA_NAMESPACE["eagerpy"]},
    )
)
register(
    Case(
        "xp_chain20_tensors",
        "xp chain on Tensors, n=100",
        "the same chain on the namespace's Tensor face: ep.array_namespace(ep.astensor(x))",
        prepare_xp_chain_tensors,
        na=NA_TENSOR_FACE,
    )
)
register(
    Case(
        "array_namespace",
        "array_namespace(x)",
        "ep.array_namespace of a native array against lambda: x (absolute cost)",
        prepare_array_namespace,
        absolute=True,
        sync=False,
        na=NA_NAMESPACE,
    )
)
register(
    Case(
        "sum_axis",
        "sum axis=1 keepdims",
        "x.sum(axis=1, keepdims=True), x of shape (100, 100)",
        prepare_sum_axis,
    )
)
register(
    Case(
        "value_and_grad",
        "value_and_grad, n=1000",
        "ep.value_and_grad of (x**2).sum() against the framework's own autodiff",
        prepare_value_and_grad,
        na=NA_AUTODIFF,
    )
)
register(
    Case(
        "per_example_grads",
        "per-example grads, MLP",
        "ep.vmap(ep.grad(loss), in_axes=(None, 0, 0)), batch 32, against the native transforms",
        prepare_per_example_grads,
        na=NA_TRANSFORM,
    )
)
register(
    Case(
        "hvp",
        "Hessian-vector product",
        "ep.jvp(ep.grad(f), (w,), (v,)), n=1000, against the native forward-over-reverse",
        prepare_hvp,
        na=NA_TRANSFORM,
    )
)
for _compiled, _how in ((False, "eager"), (True, "compiled")):
    _suffix = "_jit" if _compiled else ""
    _jit = " under ep.jit" if _compiled else ""
    register(
        Case(
            f"scan_rnn{_suffix}",
            f"scan RNN, {_how}",
            f"ep.scan of a 16-unit tanh cell over 20 steps{_jit}, against the native loop",
            scan_rnn_case(_compiled),
            na=NA_TRANSFORM,
        )
    )
    register(
        Case(
            f"newton{_suffix}",
            f"while_loop Newton, {_how}",
            f"ep.while_loop: Newton's sqrt of 1000 numbers to 1e-5{_jit}, against the native",
            newton_case(_compiled),
            na=NA_TRANSFORM,
        )
    )
for _compiled, _how in ((False, "eager"), (True, "compiled")):
    _suffix = "_jit" if _compiled else ""
    _jit = ", under ep.jit" if _compiled else ""
    register(
        Case(
            f"cnn_step{_suffix}",
            f"CNN training step, {_how}",
            f"ep.nn CNN, ep.value_and_grad, ep.optim.adam{_jit}, against the native step",
            cnn_step_case(_compiled),
            na=NA_NN,
        )
    )
    register(
        Case(
            f"attention{_suffix}",
            f"attention block, {_how}",
            f"ep.nn transformer block (causal attention, GELU MLP){_jit}, against the native",
            attention_case(_compiled),
            na=NA_NN,
        )
    )
register(
    Case(
        "roundtrip",
        "astensor + .raw",
        "ep.astensor(x).raw against lambda: x (absolute cost)",
        prepare_roundtrip,
        absolute=True,
        sync=False,
        na=NA_WRAP,
    )
)
register(
    Case(
        "bridge_grad_n10",
        "bridge grad, n=10",
        "value and gradient of sum(sin(x) * x) of another framework, via ep.bridge",
        bridge_grad_case(10),
        sync=False,
        na=NA_BRIDGE,
    )
)
register(
    Case(
        "bridge_grad_1e6",
        "bridge grad, n=1e6",
        "the same on 1,000,000 elements",
        bridge_grad_case(1_000_000),
        sync=False,
        na=NA_BRIDGE,
    )
)
