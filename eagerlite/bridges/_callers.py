"""The caller's side of a bridge: a differentiable op of the caller's framework.

Eagerly, the forward pass keeps the source framework's VJP (its tape) in the caller's
autodiff record (an ``autograd.Function`` context; the backward function recorded on
TensorFlow's tape), so the backward pass does not recompute anything.  Under a compiler
the op must be opaque and stateless, so the backward pass recomputes the forward pass
with the source's autodiff:

* ``torch.compile``: a ``torch.library.custom_op`` per bridged function, with a fake
  (shape) implementation and a registered autograd formula, so ``fullgraph=True`` works;
* ``tf.function``: ``tf.py_function`` inside ``tf.custom_gradient``;
* JAX: ``jax.pure_callback`` inside ``jax.custom_vjp`` whenever the inputs are traced
  (``jit``, ``grad``, ``vmap``); concrete arrays take the eager path.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from ._function import (
    LOCK,
    SOURCES,
    Call,
    Spec,
    dtype_name,
    is_float,
    no_gradient,
    scatter,
    spec_of,
)
from ._transfer import convert_raw


def _to_source(call: Call, xs: Sequence[Any], caller: str) -> list[Any]:
    return [convert_raw(x, caller, call.bridged.source) for x in xs]


def _to_caller(call: Call, outs: Sequence[Any], caller: str) -> list[Any]:
    return [convert_raw(o, call.bridged.source, caller) for o in outs]


def _specs(xs: Sequence[Any]) -> tuple[Spec, ...]:
    return tuple(spec_of(x) for x in xs)


def _forward(call: Call, xs: Sequence[Any], caller: str) -> list[Any]:
    source = SOURCES[call.bridged.source]
    return _to_caller(call, source.run(call, _to_source(call, xs, caller)), caller)


def _recomputed_vjp(call: Call, xs: Sequence[Any], cts: Sequence[Any], caller: str) -> list[Any]:
    """Input gradients (``None`` for non-float inputs) by a new forward pass in the source."""
    diff = [is_float(dtype_name(x)) for x in xs]
    _, vjp = SOURCES[call.bridged.source].run_vjp(call, _to_source(call, xs, caller), diff)
    grads = vjp([None if c is None else convert_raw(c, caller, call.bridged.source) for c in cts])
    return [None if g is None else convert_raw(g, call.bridged.source, caller) for g in grads]


# ------------------------------------------------------------------- NumPy
def call_numpy(call: Call, xs: list[Any]) -> list[Any]:
    return _forward(call, xs, "numpy")


# ------------------------------------------------------------------- torch
def _unaliased(out: Any, xs: Sequence[Any]) -> Any:
    # a source function returning its input hands back the caller's own memory; torch
    # (custom ops in particular) wants outputs that do not alias inputs
    ptr = out.data_ptr()
    return out.clone() if ptr and any(x.data_ptr() == ptr for x in xs) else out


def call_torch(call: Call, xs: list[Any]) -> list[Any]:
    import torch

    if torch.compiler.is_compiling():
        return list(call.bridged.caller_state["torch"](xs, call.key))  # made by call_key
    diff = [x.requires_grad for x in xs] if torch.is_grad_enabled() else [False] * len(xs)
    if not any(diff):
        return [_unaliased(o, xs) for o in _forward(call, xs, "torch")]
    return list(_torch_function().apply(call, diff, *xs))


@functools.cache
def _torch_function() -> Any:
    import torch

    class BridgeFunction(torch.autograd.Function):
        @staticmethod
        def forward(ctx: Any, call: Call, diff: list[bool], *xs: Any) -> Any:
            source = SOURCES[call.bridged.source]
            outs, ctx.vjp = source.run_vjp(call, _to_source(call, xs, "torch"), diff)
            ctx.call = call
            result = [_unaliased(o, xs) for o in _to_caller(call, outs, "torch")]
            ctx.mark_non_differentiable(*[r for r in result if not is_float(dtype_name(r))])
            return tuple(result)

        @staticmethod
        def backward(ctx: Any, *grads: Any) -> Any:
            source = ctx.call.bridged.source
            cts = [None if g is None else convert_raw(g, "torch", source) for g in grads]
            gs = ctx.vjp(cts)
            return None, None, *[None if g is None else convert_raw(g, source, "torch") for g in gs]

    return BridgeFunction


def torch_op(bridged: Any) -> Any:
    """The custom op (and its VJP op) of a bridged function, created on first compile."""
    op = bridged.caller_state.get("torch")
    if op is None:
        with LOCK:  # (threads: registered once)
            op = bridged.caller_state.get("torch")
            if op is None:
                op = bridged.caller_state["torch"] = _make_torch_op(bridged)
    return op


_op_count = 0


def _make_torch_op(bridged: Any) -> Any:
    import torch

    global _op_count
    _op_count += 1
    name = "eagerlite_bridge::" + re.sub(r"\W", "_", bridged.__name__) + f"_{_op_count}"

    def forward(xs: list[torch.Tensor], key: int) -> list[torch.Tensor]:
        with torch.no_grad():
            return [_unaliased(o, xs) for o in _forward(bridged.calls[key], xs, "torch")]

    def vjp(xs: list[torch.Tensor], cts: list[torch.Tensor], key: int) -> list[torch.Tensor]:
        call = bridged.calls[key]
        full = scatter(cts, [is_float(s.dtype) for s in call.out_specs(_specs(xs))])
        grads = _recomputed_vjp(call, xs, full, "torch")
        return [g for g in grads if g is not None]

    op = torch.library.custom_op(
        name, forward, mutates_args=(), schema="(Tensor[] xs, int key) -> Tensor[]"
    )
    vjp_op = torch.library.custom_op(
        name + "_vjp",
        vjp,
        mutates_args=(),
        schema="(Tensor[] xs, Tensor[] cts, int key) -> Tensor[]",
    )

    @op.register_fake
    def _(xs: list[torch.Tensor], key: int) -> list[torch.Tensor]:
        specs = bridged.calls[key].out_specs(_specs(xs))
        return [xs[0].new_empty(s.shape, dtype=getattr(torch, s.dtype)) for s in specs]

    @vjp_op.register_fake
    def _(xs: list[torch.Tensor], cts: list[torch.Tensor], key: int) -> list[torch.Tensor]:
        return [torch.empty_like(x) for x in xs if is_float(dtype_name(x))]

    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: Any) -> None:
        xs, ctx.key = inputs
        ctx.save_for_backward(*xs)

    def backward(ctx: Any, grads: list[Any]) -> tuple[Any, None]:
        xs = list(ctx.saved_tensors)
        specs = bridged.calls[ctx.key].out_specs(_specs(xs))
        cts = [
            torch.zeros(s.shape, dtype=getattr(torch, s.dtype), device=xs[0].device)
            if g is None
            else g
            for g, s in zip(grads, specs, strict=True)
            if is_float(s.dtype)
        ]
        return scatter(vjp_op(xs, cts, ctx.key), [is_float(dtype_name(x)) for x in xs]), None

    op.register_autograd(backward, setup_context=setup_context)
    return op


# ------------------------------------------------------------------- TensorFlow
def call_tensorflow(call: Call, xs: list[Any]) -> list[Any]:
    import tensorflow as tf

    diff = [is_float(x.dtype.name) for x in xs]
    if tf.executing_eagerly():
        return _tf_eager(call, xs, diff)
    return _tf_graph(call, xs, diff)


def _tf_eager(call: Call, xs: list[Any], diff: list[bool]) -> list[Any]:
    import tensorflow as tf
    from tensorflow.python.eager import record  # type: ignore[attr-defined]  # the tape API

    if not record.could_possibly_record():  # no GradientTape open: nothing to differentiate
        return _forward(call, xs, "tensorflow")
    # a variable's value, read while the tape records, so its gradient reaches the variable
    xs = [x if isinstance(x, tf.Tensor) else tf.convert_to_tensor(x) for x in xs]
    source = call.bridged.source
    outs, vjp = SOURCES[source].run_vjp(call, _to_source(call, xs, "tensorflow"), diff)
    result = _to_caller(call, outs, "tensorflow")

    def grad(*dys: Any) -> list[Any]:
        cts = [
            None
            if dy is None or not is_float(o.dtype.name)
            else convert_raw(dy, "tensorflow", source)
            for dy, o in zip(dys, result, strict=True)
        ]
        gs = vjp(cts)
        return [None if g is None else convert_raw(g, source, "tensorflow") for g in gs]

    # what tf.custom_gradient does eagerly, without its variable watching and identity ops
    record.record_operation("EagerliteBridge", result, xs, grad)
    return result


def _tf_graph(call: Call, xs: list[Any], diff: list[bool]) -> list[Any]:
    import tensorflow as tf

    specs = call.out_specs(tuple(Spec(tuple(x.shape), x.dtype.name) for x in xs))
    out_dtypes = [tf.as_dtype(s.dtype) for s in specs]
    float_outs = [is_float(s.dtype) for s in specs]

    @tf.custom_gradient  # type: ignore[untyped-decorator]
    def op(*inputs: Any) -> Any:
        outs = tf.py_function(
            lambda *a: _forward(call, a, "tensorflow"), list(inputs), Tout=out_dtypes
        )
        for o, s in zip(outs, specs, strict=True):
            o.set_shape(s.shape)

        def grad(*dys: Any) -> list[Any]:
            if call.bridged.source == "numpy":  # here, not in the py_function (opaque errors)
                raise no_gradient(call.bridged)
            cts = [dy for dy, f in zip(dys, float_outs, strict=True) if f]
            n = len(inputs)

            def host_vjp(*a: Any) -> list[Any]:
                full = scatter(a[n:], float_outs)
                return [
                    g for g in _recomputed_vjp(call, a[:n], full, "tensorflow") if g is not None
                ]

            gs = tf.py_function(
                host_vjp,
                [*inputs, *cts],
                Tout=[x.dtype for x, d in zip(inputs, diff, strict=True) if d],
            )
            result = scatter(gs, diff)
            for g, x in zip(result, inputs, strict=True):
                if g is not None:
                    g.set_shape(x.shape)
            return result

        return outs, grad

    return list(op(*xs))


# ------------------------------------------------------------------- JAX
def call_jax(call: Call, xs: list[Any]) -> list[Any]:
    import jax

    if not any(isinstance(x, jax.core.Tracer) for x in xs):
        return _forward(call, xs, "jax")  # concrete arrays: nothing to differentiate or trace
    specs = _specs(xs)
    return list(_jax_op(call, specs)(*xs))


def _jax_op(call: Call, in_specs: tuple[Spec, ...]) -> Callable[..., Any]:
    key = ("jax", in_specs)
    op = call.caller_state.get(key)
    if op is None:
        with LOCK:
            op = call.caller_state.get(key)
            if op is None:
                op = call.caller_state[key] = _make_jax_op(call, in_specs)
    return op


def _make_jax_op(call: Call, in_specs: tuple[Spec, ...]) -> Callable[..., Any]:
    import jax
    import numpy as np

    specs = call.out_specs(in_specs)
    struct = jax.ShapeDtypeStruct
    out_structs = [struct(s.shape, _jax_dtype(s.dtype)) for s in specs]  # type: ignore[no-untyped-call]
    float_outs = [is_float(s.dtype) for s in specs]
    diff = [is_float(s.dtype) for s in in_specs]
    grad_structs = [
        struct(s.shape, _jax_dtype(s.dtype))  # type: ignore[no-untyped-call]
        for s, d in zip(in_specs, diff, strict=True)
        if d
    ]
    n = len(in_specs)

    # callbacks get jax.Arrays (or NumPy arrays, in older JAX) on the host
    def host_forward(*a: Any) -> list[Any]:
        outs = _forward(call, [np.asarray(x) for x in a], "numpy")
        return [np.asarray(o, dtype=s.dtype) for o, s in zip(outs, out_structs, strict=True)]

    def host_vjp(*a: Any) -> list[Any]:
        a = tuple(np.asarray(x) for x in a)
        full = scatter(a[n:], float_outs)
        grads = [g for g in _recomputed_vjp(call, a[:n], full, "numpy") if g is not None]
        return [np.asarray(g, dtype=s.dtype) for g, s in zip(grads, grad_structs, strict=True)]

    @jax.custom_vjp
    def op(*xs: Any) -> Any:
        return jax.pure_callback(host_forward, out_structs, *xs, vmap_method="sequential")

    def fwd(*xs: Any) -> Any:
        return op(*xs), xs

    def bwd(xs: Any, cts: Any) -> Any:
        if call.bridged.source == "numpy":  # here, not in the callback (opaque errors)
            raise no_gradient(call.bridged)
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


def _jax_dtype(name: str) -> Any:
    import jax

    from ._function import _np_dtype

    return jax.dtypes.canonicalize_dtype(_np_dtype(name))


CALLERS: dict[str, Callable[[Call, list[Any]], list[Any]]] = {
    "numpy": call_numpy,
    "torch": call_torch,
    "tensorflow": call_tensorflow,
    "jax": call_jax,
}
