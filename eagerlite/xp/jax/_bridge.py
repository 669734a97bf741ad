"""JAX's side of ``ep.bridge``: a JAX function called with another framework's tensors
(the *source* side: ``run_vjp``, ``infer``), and a function of another framework called
with JAX arrays (the *caller* side: ``call``).

On concrete arrays the function simply runs; on traced ones (``jit``, ``grad``, ``vmap``)
it is ``jax.pure_callback`` inside ``jax.custom_vjp``, whose backward pass recomputes the
forward pass with the source's autodiff, on the host.  ``call`` is the bridge's ``Call``
(see ``eagerlite.bridges``): it runs the function and converts tensors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from .._bridging import LOCK, Spec, is_float, scatter, spec_of

Vjp = Callable[[list[Any]], list[Any]]


# ------------------------------------------------------------------- source
def run_vjp(call: Any, xs: list[Any], diff: list[bool]) -> tuple[list[Any], Vjp]:
    """The outputs of the JAX function on ``xs`` and a function from output cotangents to
    input gradients (``None`` where ``diff`` is false)."""

    def f(*inputs: Any) -> list[Any]:
        it = iter(inputs)
        return call.run_flat([next(it) if d else x for x, d in zip(xs, diff, strict=True)])  # type: ignore[no-any-return]

    outs, pullback = jax.vjp(f, *[x for x, d in zip(xs, diff, strict=True) if d])

    def vjp(cts: list[Any]) -> list[Any]:
        cts = [_cotangent(o, c) for o, c in zip(outs, cts, strict=True)]
        return scatter(pullback(cts), diff)

    return outs, vjp


def _cotangent(out: Any, ct: Any) -> Any:
    if ct is not None:
        return ct
    if jax.numpy.issubdtype(out.dtype, jax.numpy.inexact):
        return jax.numpy.zeros_like(out)
    return np.zeros(out.shape, jax.dtypes.float0)  # integer outputs take float0 cotangents


def infer(call: Any, in_specs: tuple[Spec, ...]) -> list[Spec]:
    """Output specs, by tracing the function (computing nothing)."""
    structs = [
        jax.ShapeDtypeStruct(s.shape, jnp.dtype(s.dtype))  # type: ignore[no-untyped-call]
        for s in in_specs
    ]
    outs = jax.eval_shape(lambda *xs: call.run_flat(list(xs)), *structs)
    return [spec_of(o) for o in outs]


# ------------------------------------------------------------------- caller
def call(call: Any, xs: list[Any]) -> list[Any]:
    """The bridged function (of another framework) on JAX arrays, differentiable."""
    if not any(isinstance(x, jax.core.Tracer) for x in xs):
        return call.forward(xs, "jax")  # type: ignore[no-any-return]  # (nothing to trace)
    specs = tuple(spec_of(x) for x in xs)
    return list(_op(call, specs)(*xs))


def _op(call: Any, in_specs: tuple[Spec, ...]) -> Callable[..., Any]:
    key = ("jax", in_specs)
    op: Callable[..., Any] | None = call.caller_state.get(key)
    if op is None:
        with LOCK:
            op = call.caller_state.get(key)
            if op is None:
                op = call.caller_state[key] = _make_op(call, in_specs)
    return op


def _make_op(call: Any, in_specs: tuple[Spec, ...]) -> Callable[..., Any]:
    specs = call.out_specs(in_specs)
    struct = jax.ShapeDtypeStruct
    out_structs = [struct(s.shape, _dtype(s.dtype)) for s in specs]  # type: ignore[no-untyped-call]
    float_outs = [is_float(s.dtype) for s in specs]
    diff = [is_float(s.dtype) for s in in_specs]
    grad_structs = [
        struct(s.shape, _dtype(s.dtype))  # type: ignore[no-untyped-call]
        for s, d in zip(in_specs, diff, strict=True)
        if d
    ]
    n = len(in_specs)

    # callbacks get jax.Arrays (or NumPy arrays, in older JAX) on the host
    def host_forward(*a: Any) -> list[Any]:
        outs = call.forward([np.asarray(x) for x in a], "numpy")
        return [np.asarray(o, dtype=s.dtype) for o, s in zip(outs, out_structs, strict=True)]

    def host_vjp(*a: Any) -> list[Any]:
        a = tuple(np.asarray(x) for x in a)
        full = scatter(a[n:], float_outs)
        grads = [g for g in call.recomputed_vjp(a[:n], full, "numpy") if g is not None]
        return [np.asarray(g, dtype=s.dtype) for g, s in zip(grads, grad_structs, strict=True)]

    @jax.custom_vjp
    def op(*xs: Any) -> Any:
        return jax.pure_callback(host_forward, out_structs, *xs, vmap_method="sequential")

    def fwd(*xs: Any) -> Any:
        return op(*xs), xs

    def bwd(xs: Any, cts: Any) -> Any:
        call.check_differentiable()  # (here, not in the callback: opaque errors)
        float_cts = [c for c, f in zip(cts, float_outs, strict=True) if f]
        gs = iter(
            jax.pure_callback(host_vjp, grad_structs, *xs, *float_cts, vmap_method="sequential")
        )
        return tuple(
            next(gs) if d else np.zeros(x.shape, jax.dtypes.float0)
            for x, d in zip(xs, diff, strict=True)
        )

    op.defvjp(fwd, bwd)
    return op


def _dtype(name: str) -> Any:
    return jax.dtypes.canonicalize_dtype(jnp.dtype(name))
