"""torch's side of ``ep.bridge``: a torch function called with another framework's tensors
(the *source* side: ``run_vjp``, ``infer``), and a function of another framework called
with torch tensors (the *caller* side: ``call``, a differentiable torch op).

Eagerly, the forward pass keeps the source framework's VJP in an ``autograd.Function``
context, so the backward pass recomputes nothing.  Under ``torch.compile`` the op must be
opaque and stateless: a ``torch.library.custom_op`` per bridged function, with a fake
(shape) implementation and a registered autograd formula (which recomputes the forward
pass with the source's autodiff), so ``fullgraph=True`` works.  ``call`` is the bridge's
``Call`` (see ``eagerlite.bridges``): it runs the function and converts tensors.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import torch

from .._bridging import BRIDGES, LOCK, Spec, dtype_name, is_float, scatter, spec_of

Vjp = Callable[[list[Any]], list[Any]]


# ------------------------------------------------------------------- source
def run_vjp(call: Any, xs: list[Any], diff: list[bool]) -> tuple[list[Any], Vjp]:
    """The outputs of the torch function on ``xs`` and a function from output cotangents
    to input gradients (``None`` where ``diff`` is false)."""
    xs = [x.detach().requires_grad_(d) for x, d in zip(xs, diff, strict=True)]
    with torch.enable_grad():
        outs = call.run_flat(xs)
    inputs = [x for x, d in zip(xs, diff, strict=True) if d]

    def vjp(cts: list[Any]) -> list[Any]:
        pairs = [(o, c) for o, c in zip(outs, cts, strict=True) if c is not None]
        pairs = [(o, c) for o, c in pairs if o.requires_grad]
        grads: Sequence[Any] = [None] * len(inputs)
        if pairs and inputs:
            grads = torch.autograd.grad(
                [o for o, _ in pairs], inputs, [c for _, c in pairs], allow_unused=True
            )
        return scatter([_grad(g, x) for g, x in zip(grads, inputs, strict=True)], diff)

    return [o.detach() for o in outs], vjp


def _grad(grad: Any, x: Any) -> Any:
    # torch returns expanded (stride-0) gradients, e.g. of a sum; other frameworks need memory
    return torch.zeros_like(x) if grad is None else grad.contiguous()


def infer(call: Any, in_specs: tuple[Spec, ...]) -> list[Spec]:
    """Output specs: from ``meta`` tensors, computing nothing, where the function allows."""
    try:
        metas = [
            torch.empty(s.shape, dtype=getattr(torch, s.dtype), device="meta") for s in in_specs
        ]
        return [spec_of(o) for o in call.run_flat(metas)]
    except Exception:  # data-dependent code (item(), ...): run it on zeros instead
        return call.infer_on_zeros(in_specs)  # type: ignore[no-any-return]


# ------------------------------------------------------------------- caller
def _unaliased(out: Any, xs: Sequence[Any]) -> Any:
    # a source function returning its input hands back the caller's own memory; torch
    # (custom ops in particular) wants outputs that do not alias inputs
    ptr = out.data_ptr()
    return out.clone() if ptr and any(x.data_ptr() == ptr for x in xs) else out


def call(call: Any, xs: list[Any]) -> list[Any]:
    """The bridged function (of another framework) on torch tensors, differentiable."""
    if torch.compiler.is_compiling():
        return list(call.bridged.caller_state["torch"](xs, call.key))  # made by intern
    diff = [x.requires_grad for x in xs] if torch.is_grad_enabled() else [False] * len(xs)
    if not any(diff):
        return [_unaliased(o, xs) for o in call.forward(xs, "torch")]
    return list(_function().apply(call, diff, *xs))


@functools.cache
def _function() -> Any:
    class BridgeFunction(torch.autograd.Function):
        @staticmethod
        def forward(ctx: Any, call: Any, diff: list[bool], *xs: Any) -> Any:
            outs, ctx.vjp = call.vjp_in(list(xs), diff, "torch")
            result = [_unaliased(o, xs) for o in outs]
            ctx.mark_non_differentiable(*[r for r in result if not is_float(dtype_name(r))])
            return tuple(result)

        @staticmethod
        def backward(ctx: Any, *grads: Any) -> Any:
            return None, None, *ctx.vjp(list(grads))

    return BridgeFunction


def _constant_result(fn: Any) -> Any:
    """``torch.compiler.assume_constant_result(fn)`` without importing torch._dynamo (more
    than a second) when nothing has: that decorator only marks ``fn`` with this attribute
    (torch 2.13; tests/test_compilers.py checks that it still does)."""
    if "torch._dynamo" in sys.modules:
        return torch.compiler.assume_constant_result(fn)  # type: ignore[no-untyped-call]
    fn._dynamo_marked_constant = True
    return fn


@_constant_result
def intern(bridged: int, template: Any) -> int:
    """``call_for(template).key`` of bridge number ``bridged``: interning, a side effect
    torch.compile must not trace (it calls this function for real, with constant
    arguments).  (The custom op is made here too: dynamo cannot trace op registration.)"""
    _op(BRIDGES[bridged])
    return int(BRIDGES[bridged].call_for(template).key)


def _op(bridged: Any) -> Any:
    """The custom op (and its VJP op) of a bridged function, created on first compile."""
    op = bridged.caller_state.get("torch")
    if op is None:
        with LOCK:  # (threads: registered once)
            op = bridged.caller_state.get("torch")
            if op is None:
                op = bridged.caller_state["torch"] = _make_op(bridged)
    return op


_op_count = [0]


def _specs(xs: Sequence[Any]) -> tuple[Spec, ...]:
    return tuple(spec_of(x) for x in xs)


def _make_op(bridged: Any) -> Any:
    _op_count[0] += 1
    name = "eagerlite_bridge::" + re.sub(r"\W", "_", bridged.__name__) + f"_{_op_count[0]}"

    def forward(xs: list[torch.Tensor], key: int) -> list[torch.Tensor]:
        with torch.no_grad():
            return [_unaliased(o, xs) for o in bridged.calls[key].forward(xs, "torch")]

    def vjp(xs: list[torch.Tensor], cts: list[torch.Tensor], key: int) -> list[torch.Tensor]:
        call = bridged.calls[key]
        full = scatter(cts, [is_float(s.dtype) for s in call.out_specs(_specs(xs))])
        grads = call.recomputed_vjp(xs, full, "torch")
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
