"""TensorFlow's side of ``ep.bridge``: a TF function called with another framework's
tensors (the *source* side: ``run_vjp``), and a function of another framework called
with TF tensors (the *caller* side: ``call``, a differentiable TF op).

Eagerly, the backward function is recorded on TF's tape with the source framework's VJP,
so the backward pass recomputes nothing.  Inside ``tf.function`` the op is
``tf.py_function`` inside ``tf.custom_gradient``, whose gradient recomputes the forward
pass with the source's autodiff.  ``call`` is the bridge's ``Call`` (see
``eagerlite.bridges``): it runs the function and converts tensors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import tensorflow as tf
from tensorflow.python.eager import record  # type: ignore[attr-defined]  # the tape API

from .._bridging import Spec, is_float, scatter

Vjp = Callable[[list[Any]], list[Any]]


# ------------------------------------------------------------------- source
def run_vjp(call: Any, xs: list[Any], diff: list[bool]) -> tuple[list[Any], Vjp]:
    """The outputs of the TF function on ``xs`` and a function from output cotangents to
    input gradients (``None`` where ``diff`` is false)."""
    with tf.GradientTape() as tape:
        for x, d in zip(xs, diff, strict=True):
            if d:
                tape.watch(x)
        outs = call.run_flat(xs)
    inputs = [x for x, d in zip(xs, diff, strict=True) if d]

    def vjp(cts: list[Any]) -> list[Any]:
        pairs = [(o, c) for o, c in zip(outs, cts, strict=True) if c is not None]
        grads = tape.gradient(
            [o for o, _ in pairs],
            inputs,
            output_gradients=[c for _, c in pairs],
            unconnected_gradients=tf.UnconnectedGradients.ZERO,
        )
        return scatter(grads, diff)

    return outs, vjp


# ------------------------------------------------------------------- caller
def call(call: Any, xs: list[Any]) -> list[Any]:
    """The bridged function (of another framework) on TF tensors, differentiable."""
    diff = [is_float(x.dtype.name) for x in xs]
    if tf.executing_eagerly():
        return _eager(call, xs, diff)
    return _graph(call, xs, diff)


def _eager(call: Any, xs: list[Any], diff: list[bool]) -> list[Any]:
    if not record.could_possibly_record():  # no GradientTape open: nothing to differentiate
        return call.forward(xs, "tensorflow")  # type: ignore[no-any-return]
    # a variable's value, read while the tape records, so its gradient reaches the variable
    xs = [x if isinstance(x, tf.Tensor) else tf.convert_to_tensor(x) for x in xs]
    result, vjp = call.vjp_in(xs, diff, "tensorflow")

    def grad(*dys: Any) -> list[Any]:
        return vjp(list(dys))  # type: ignore[no-any-return]

    # what tf.custom_gradient does eagerly, without its variable watching and identity ops
    record.record_operation("EagerliteBridge", result, xs, grad)
    return result  # type: ignore[no-any-return]


def _graph(call: Any, xs: list[Any], diff: list[bool]) -> list[Any]:
    specs = call.out_specs(tuple(Spec(tuple(x.shape), x.dtype.name) for x in xs))
    out_dtypes = [tf.as_dtype(s.dtype) for s in specs]
    float_outs = [is_float(s.dtype) for s in specs]

    @tf.custom_gradient  # type: ignore[untyped-decorator]
    def op(*inputs: Any) -> Any:
        outs = tf.py_function(
            lambda *a: call.forward(a, "tensorflow"), list(inputs), Tout=out_dtypes
        )
        for o, s in zip(outs, specs, strict=True):
            o.set_shape(s.shape)

        def grad(*dys: Any) -> list[Any]:
            call.check_differentiable()  # (here, not in the py_function: opaque errors)
            cts = [dy for dy, f in zip(dys, float_outs, strict=True) if f]
            n = len(inputs)

            def host_vjp(*a: Any) -> list[Any]:
                full = scatter(a[n:], float_outs)
                grads = call.recomputed_vjp(a[:n], full, "tensorflow")
                return [g for g in grads if g is not None]

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
