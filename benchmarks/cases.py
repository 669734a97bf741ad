"""The benchmark suite's cases (see run.py), run in registration order, and their targets.

New cases: write a ``prepare`` function (backend -> native call and generic call, or the
reason the case does not apply) and ``register(Case(...))`` it here.  A case that needs a
second framework gets it with ``get_backend(name)``, with the run's thread settings.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from _harness import Backend, Call, Case, Prepared, get_backend

# The targets of issue 5 (and of issue 4 for the bridge): the largest acceptable ratio
# eagerlite / native, per case and backend (a missing entry: no target).
TARGETS: dict[str, dict[str, float]] = {
    "chain20": {"numpy": 1.5, "torch": 1.15, "jax": 1.08, "tensorflow": 1.03},
    "l2_n10": {"numpy": 1.3, "torch": 1.3, "jax": 1.1, "tensorflow": 1.1},
    "l2_n1e6": {"numpy": 1.02, "torch": 1.02, "jax": 1.02, "tensorflow": 1.02},
    "value_and_grad": {"torch": 1.15, "jax": 1.05, "tensorflow": 1.05},
    "bridge_grad_1e6": {"tensorflow": 1.15},  # a torch function called from TensorFlow
    # issue 10: the Array API namespace of native arrays, against the framework's functions
    "xp_chain20": {"numpy": 1.02, "torch": 1.05, "jax": 1.02, "tensorflow": 1.05},
}

CASES: dict[str, Case] = {}


def register(case: Case) -> Case:
    """Add a case to the suite (run in registration order); its targets come from TARGETS."""
    if case.key in CASES or case.key == "import":
        raise ValueError(f"duplicate case {case.key!r}")
    if not case.targets and case.key in TARGETS:
        case = dataclasses.replace(case, targets=TARGETS[case.key])
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

        return Prepared(native_l2(b, x), generic)

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


def prepare_xp_chain(b: Backend) -> Prepared:
    x = b.array((100,))
    ops = [getattr(b.fw, name) for name in NATIVE_OPS[b.name]]

    def generic(lib: Any) -> Call:
        def call() -> Any:
            xp = lib.array_namespace(x)  # (inside: library code asks for it in each call)
            return function_chain(x, xp.multiply, xp.add, xp.subtract, xp.abs)

        return call

    return Prepared(lambda: function_chain(x, *ops), generic)


def prepare_array_namespace(b: Backend) -> Prepared:
    x = b.array((10,))
    return Prepared(lambda: x, lambda lib: lambda: lib.array_namespace(x) and x)


def prepare_sum_axis(b: Backend) -> Prepared:
    x = b.array((100, 100))
    return Prepared(
        native_sum_axis(b, x), lambda lib: lambda: lib.astensor(x).sum(axis=1, keepdims=True).raw
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
    )
)
register(
    Case(
        "xp_chain20",
        "xp chain of 20 ops, n=100",
        "the chain as xp.multiply/add/subtract/abs of array_namespace(x), native arrays",
        prepare_xp_chain,
        eagerpy_na="EagerPy has no Array API namespace",
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
        eagerpy_na="EagerPy has no Array API namespace",
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
    )
)
register(
    Case(
        "bridge_grad_n10",
        "bridge grad, n=10",
        "value and gradient of sum(sin(x) * x) of another framework, via ep.bridge",
        bridge_grad_case(10),
        sync=False,
        eagerpy_na="EagerPy has no bridges",
    )
)
register(
    Case(
        "bridge_grad_1e6",
        "bridge grad, n=1e6",
        "the same on 1,000,000 elements",
        bridge_grad_case(1_000_000),
        sync=False,
        eagerpy_na="EagerPy has no bridges",
    )
)
