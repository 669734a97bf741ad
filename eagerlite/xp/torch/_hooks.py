"""What ``PyTorchTensor`` needs of torch beyond the namespace: devices, values (which
``meta`` tensors and compiled code do not have), NumPy's indexing, keyed random numbers
that torch.compile captures, and derivatives (``torch.autograd.grad``, ``torch.func``)."""

from __future__ import annotations

import math
import types
from collections.abc import Callable
from typing import Any

import torch
import torch.utils._pytree as _pytree
from torch._higher_order_ops.while_loop import while_loop as _hop_while_loop

from ..._core.checks import as_shape
from ..._core.dtypes import NAMES
from ..._core.errors import traced_value_error, unknown_device_error
from . import _bridge
from ._dynamo import teach_dynamo
from ._indexing import getitem as getitem
from ._indexing import index_part as index_part

namespace: Any = None  # the native namespace (set by the subpackage)

DTYPES: dict[str, Any] = {n: getattr(torch, n) for n in NAMES if hasattr(torch, n)}
DEVICE_ERRORS: tuple[type[Exception], ...] = (RuntimeError, NotImplementedError)
SHARES_NUMPY_MEMORY = True  # (np.asarray(t, copy=False) can be had)


def bind(cls: type, base: type) -> None:
    """``x @ w`` under torch.compile; a node of torch's pytrees (its tensor the only
    child), so a Tensor crosses ``torch.func`` transforms and ``torch.utils._pytree``."""
    teach_dynamo(base)
    _pytree.register_pytree_node(
        cls,
        lambda t: ([t.raw], None),
        lambda children, _: cls(next(iter(children))),
        serialized_type_name=f"eagerlite.{cls.__name__}",
    )


# ----------------------------------------------------------------- devices, values
def device(raw: Any, owner: Any) -> Any:
    return raw.device


def to_device(raw: Any, device: Any, owner: Any) -> Any:
    try:
        return raw.to(device)
    except (AssertionError, RuntimeError, TypeError) as error:  # (no CUDA: an assertion)
        available = ["cpu", "meta"]
        if torch.cuda.is_available():
            available += [f"cuda:{i}" for i in range(torch.cuda.device_count())]
        if torch.backends.mps.is_available():
            available.append("mps")
        raise unknown_device_error(owner, device, available) from error


def to_numpy(raw: Any, owner: Any) -> Any:
    raw = raw.detach().cpu().resolve_conj().resolve_neg()
    if raw.dtype == torch.complex32:  # (NumPy has no complex32: its values in complex64)
        raw = raw.to(torch.complex64)
    if raw.dtype == torch.bfloat16:  # (NumPy has it from ml_dtypes; torch cannot say so)
        import ml_dtypes

        a = raw.view(torch.int16).numpy().view(ml_dtypes.bfloat16)
    else:
        a = raw.numpy()
    a.flags.writeable = False
    return a


def item(raw: Any, owner: Any) -> Any:
    return raw.item()


def truth(raw: Any, owner: Any) -> bool:
    if _compiling():  # (dynamo would break the graph, or fail with fullgraph=True)
        raise traced_value_error(owner, "bool()", "torch.compile")
    return bool(raw)


def extremes(raw: Any) -> tuple[int, int] | None:
    """The smallest and largest value of a non-empty integer tensor, where its values can
    be read (not on ``meta``, not while torch.compile traces); None for others."""
    if raw.device.type == "meta" or torch.compiler.is_compiling() or not raw.numel():
        return None
    if raw.is_floating_point() or raw.is_complex() or raw.dtype is torch.bool:
        return None
    if _func_level() is not None and _is_batched_anywhere(raw):  # (vmap: no values)
        return None
    return int(raw.min()), int(raw.max())


def _is_batched_anywhere(raw: Any) -> bool:
    """Whether ``raw`` is batched by torch.func.vmap, under other transforms' wrappers."""
    functorch = torch._C._functorch
    while functorch.is_functorch_wrapped_tensor(raw):
        if functorch.is_batchedtensor(raw):
            return True
        raw = functorch.get_unwrapped(raw)
    return False


def check_index(raw: Any, index: Any) -> Any:
    return index


def setitem(raw: Any, index: Any, value: Any) -> Any:
    raw[index] = value  # (in place: torch tensors are mutable)
    return raw


def placement(raw: Any, like: bool) -> dict[str, Any]:
    return {"device": raw.device}


# Keyed random numbers: a counter-based generator (splitmix64's mixing function applied to
# a Weyl sequence of the index xor a seed) written in torch ops, so that torch.compile
# captures it (a torch.Generator cannot be created in compiled code) and compiled and eager
# code give the same numbers, on any device.  Integers wrap around in torch, as here.
def _int64(c: int) -> int:
    return c - (1 << 64) if c >= 1 << 63 else c


_GOLDEN, _MIX1, _MIX2 = (
    _int64(c) for c in (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)
)
_MANTISSA_BITS = {"float64": 53, "float32": 24, "float16": 11, "bfloat16": 8}


def _shift_right(z: torch.Tensor, bits: int) -> torch.Tensor:
    """A logical right shift of int64 values (torch's >> is arithmetic)."""
    return (z >> bits) & ((1 << (64 - bits)) - 1)


def _mix(z: torch.Tensor) -> torch.Tensor:
    z = (z ^ _shift_right(z, 30)) * _MIX1
    z = (z ^ _shift_right(z, 27)) * _MIX2
    return z ^ _shift_right(z, 31)


def _keyed_uniform(key: Any, n: int, offset: int, dtype: torch.dtype, device: Any) -> torch.Tensor:
    """``n`` uniform numbers in ``[0, 1)`` of ``dtype``, the numbers ``offset`` to ``offset + n``
    of the stream of ``key`` (an int or an integer tensor)."""
    seed = _mix(torch.as_tensor(key, dtype=torch.int64, device=device) ^ _GOLDEN)
    index = torch.arange(offset, offset + n, dtype=torch.int64, device=device)
    bits = _MANTISSA_BITS[str(dtype).removeprefix("torch.")]  # exact: never rounds up to 1
    top = _shift_right(_mix((index ^ seed) * _GOLDEN), 64 - bits)
    wide = torch.float64 if bits > 24 else torch.float32
    return (top.to(wide) * 2.0**-bits).to(dtype)


def _random_dtype(raw: Any) -> torch.dtype:
    return raw.dtype if raw.is_floating_point() else torch.get_default_dtype()


def uniform(raw: Any, shape: Any, low: float, high: float, key: Any) -> Any:
    shape, dtype, device = as_shape(shape), _random_dtype(raw), raw.device
    if key is None:
        return torch.empty(shape, dtype=dtype, device=device).uniform_(low, high)
    u = _keyed_uniform(key, math.prod(shape), 0, dtype, device)
    return (u * (high - low) + low).reshape(shape)


def normal(raw: Any, shape: Any, mean: float, stddev: float, key: Any) -> Any:
    shape, dtype, device = as_shape(shape), _random_dtype(raw), raw.device
    if key is None:
        return torch.empty(shape, dtype=dtype, device=device).normal_(mean, stddev)
    n = math.prod(shape)  # Box-Muller, in float32 at least
    wide = torch.float64 if dtype == torch.float64 else torch.float32
    u1 = 1.0 - _keyed_uniform(key, n, 0, wide, device)  # in (0, 1]
    u2 = _keyed_uniform(key, n, n, wide, device)
    z = (-2.0 * u1.log()).sqrt() * (2.0 * math.pi * u2).cos()
    return (z * stddev + mean).to(dtype).reshape(shape)


def seed(n: int) -> None:
    torch.manual_seed(n)


# ----------------------------------------------------------------- autodiff
def is_inexact(raw: Any) -> bool:
    return bool(raw.is_floating_point() or raw.is_complex())


stop_gradient = torch.Tensor.detach


_running = [0]  # value_and_grad calls in progress (any thread): inner ones nest


def value_and_grad(
    fn: Callable[[list[Any]], tuple[Any, list[Any]]], raws: list[Any]
) -> tuple[Any, list[Any], list[Any]]:
    """``fn(raws)``'s loss (with its arrays of aux) and the loss's gradient w.r.t. ``raws``,
    by ``torch.autograd.grad`` (not ``backward()``: no ``.grad`` attribute is written).

    Inside another derivative (an outer ``value_and_grad``, a ``torch.func`` transform,
    or arguments that torch's autograd records), ``torch.func.grad_and_value``, whose
    results stay differentiable by the outer one: gradients of gradients are right.  So
    under torch.compile too, which traces ``torch.func`` into one graph (and
    ``torch.autograd.grad`` only with ``trace_autograd_ops``)."""
    if _running[0] or any(r.requires_grad for r in raws):
        return _nested_value_and_grad(fn, raws)
    if _compiling():  # (torch.compile traces torch.func; torch.autograd.grad only if told)
        if not torch._dynamo.config.trace_autograd_ops:
            return _nested_value_and_grad(fn, raws)
    elif _func_level() is not None:  # (not while compiling: dynamo would record the call)
        return _nested_value_and_grad(fn, raws)
    leaves = [raw.detach().requires_grad_(True) for raw in raws]  # graph leaves of their own
    _running[0] += 1
    try:
        if torch.is_grad_enabled():  # (the usual case: no context manager to pay for)
            loss, aux = fn(leaves)
        else:
            with torch.enable_grad():  # (also inside torch.no_grad())
                loss, aux = fn(leaves)
    finally:
        _running[0] -= 1
    found: Any = (None,) * len(leaves)
    if loss.requires_grad:  # else the loss does not depend on them
        found = torch.autograd.grad(loss, leaves, allow_unused=True)
    grads = [torch.zeros_like(r) if g is None else g for g, r in zip(found, leaves, strict=True)]
    # like the value, aux is a result: cut from the autograd graph
    return loss.detach(), [a.detach() for a in aux], grads


_func_level = torch._C._functorch.maybe_current_level
_compiling = torch.compiler.is_compiling
# (typed as returning two values; with has_aux=True they return three)
_func_vjp: Any = torch.func.vjp
_func_jvp: Any = torch.func.jvp


def _nested_value_and_grad(
    fn: Callable[[list[Any]], tuple[Any, list[Any]]], raws: list[Any]
) -> tuple[Any, list[Any], list[Any]]:
    def loss_of(*leaves: Any) -> tuple[Any, list[Any]]:
        return fn(list(leaves))

    positions = tuple(range(len(raws)))
    _running[0] += 1
    try:
        with torch.enable_grad():
            grads, (loss, aux) = torch.func.grad_and_value(loss_of, positions, has_aux=True)(*raws)
    finally:
        _running[0] -= 1
    return loss, list(aux), list(grads)


def vjp(
    fn: Callable[[list[Any]], tuple[list[Any], list[Any]]], raws: list[Any]
) -> tuple[list[Any], list[Any], Callable[[list[Any]], list[Any]]]:
    """``fn(raws)``'s outputs, its aux arrays, and the pullback: cotangents of the outputs
    to cotangents of ``raws`` (``torch.func.vjp``: nests, and composes with vmap)."""
    _running[0] += 1
    try:
        with torch.enable_grad():
            outs, pullback, aux = _func_vjp(lambda *r: fn(list(r)), *raws, has_aux=True)
    finally:
        _running[0] -= 1

    def back(cotangents: list[Any]) -> list[Any]:
        with torch.enable_grad():
            return list(pullback(list(cotangents)))

    return list(outs), list(aux), back


def jvp(
    fn: Callable[[list[Any]], tuple[list[Any], list[Any]]],
    raws: list[Any],
    tangents: list[Any],
) -> tuple[list[Any], list[Any], list[Any]]:
    """``fn(raws)``'s outputs, its aux arrays, and the outputs' tangents for ``tangents``
    (forward mode, ``torch.func.jvp``)."""
    _running[0] += 1
    try:
        with torch.enable_grad():
            outs, out_tangents, aux = _func_jvp(
                lambda *r: fn(list(r)), tuple(raws), tuple(tangents), has_aux=True
            )
    finally:
        _running[0] -= 1
    return list(outs), list(aux), list(out_tangents)


def vmap(
    fn: Callable[[list[Any]], list[Any]], raws: list[Any], axes: list[Any], size: int
) -> list[Any]:
    """``fn`` of one example mapped over ``axes`` of ``raws`` (``torch.func.vmap``; the
    batch axis first in the results)."""
    # (random numbers: the same for every example, as JAX's with one key)
    mapped = torch.func.vmap(lambda *r: fn(list(r)), in_dims=tuple(axes), randomness="same")
    return list(mapped(*raws))


class _Custom(torch.autograd.Function):
    """``custom_vjp``'s rule as torch's: ``forward`` returns the outputs and the
    residuals (not differentiable); ``backward`` calls ``bwd``, after running ``fwd``
    again where its result is differentiated again (``create_graph``, ``torch.func``), so
    that the residuals are functions of the inputs there (JAX's semantics)."""

    generate_vmap_rule = True  # (torch.func.vmap: forward and backward are torch ops)

    @staticmethod
    def forward(rule: Any, *raws: Any) -> Any:
        outs, res = rule.fwd(list(raws))
        rule.n_out, rule.n_res = len(outs), len(res)
        # (an input returned as it is cannot be saved: a view of it can)
        kept = [x.view_as(x) if any(x is r for r in raws) else x for x in (*outs, *res)]
        return tuple(kept)

    @staticmethod
    def setup_context(ctx: Any, inputs: Any, output: Any) -> None:
        rule = ctx.rule = inputs[0]
        ctx.n_in = len(inputs) - 1
        residuals = output[rule.n_out :]
        ctx.mark_non_differentiable(*residuals)
        ctx.save_for_backward(*inputs[1:], *residuals)
        ctx.save_for_forward(*inputs[1:])

    @staticmethod
    def backward(ctx: Any, *cotangents: Any) -> Any:
        rule, saved = ctx.rule, ctx.saved_tensors
        inputs, res = list(saved[: ctx.n_in]), list(saved[ctx.n_in :])
        if torch.is_grad_enabled():  # (differentiated again: the residuals too)
            res = rule.fwd(inputs)[1]
        return (None, *rule.bwd(res, list(cotangents[: rule.n_out])))

    @staticmethod
    def jvp(ctx: Any, *tangents: Any) -> Any:
        """Forward mode over ``fwd`` itself: reached only under a reverse-mode derivative
        (``hessian``: forward over reverse), where JAX differentiates ``fwd`` so too
        (eagerlite refuses forward mode of the function itself, as JAX does)."""
        rule, inputs = ctx.rule, ctx.saved_tensors[: ctx.n_in]
        filled = [
            torch.zeros_like(x) if t is None else t
            for t, x in zip(tangents[1:], inputs, strict=True)
        ]

        def outputs(*x: Any) -> tuple[Any, ...]:
            return tuple(rule.fwd(list(x))[0])

        found = _func_jvp(outputs, tuple(inputs), tuple(filled))[1]
        return (*found, *(None,) * rule.n_res)


_apply_custom: Any = _Custom.apply  # (untyped)


class _Rule:
    __slots__ = ("bwd", "fwd", "n_out", "n_res")

    def __init__(self, fwd: Any, bwd: Any) -> None:
        self.fwd, self.bwd, self.n_out, self.n_res = fwd, bwd, 0, 0


def custom_vjp(
    fwd: Callable[[list[Any]], tuple[list[Any], list[Any]]],
    bwd: Callable[[list[Any], list[Any]], list[Any]],
    raws: list[Any],
) -> list[Any]:
    """The outputs of ``fwd(raws)``, differentiated by ``bwd(residuals, cotangents)``
    (a ``torch.autograd.Function``: torch.autograd, torch.func and torch.compile)."""
    rule = _Rule(fwd, bwd)
    found = _apply_custom(rule, *raws)
    return list(found[: rule.n_out])


def jit(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` of native tensors compiled (``torch.compile``, its default backend), one
    compiled function per input shape as ``jax.jit`` (``dynamic=False``: the symbolic
    shapes dynamo would switch to after a second shape fail in some inductor lowerings,
    adaptive pooling among them).

    Dynamo keeps its compiled code, and its limit of recompilations (8), per code object:
    every ``ep.jit`` function runs through one wrapper, whose code is copied here, so
    that each gets its own (else the ninth would run eagerly, with a warning alone)."""
    code = getattr(fn, "__code__", None)
    if isinstance(fn, types.FunctionType) and code is not None:
        fn = types.FunctionType(
            code.replace(), fn.__globals__, fn.__name__, fn.__defaults__, fn.__closure__
        )
    return torch.compile(fn, dynamic=False)


PURE_BRANCHES = True  # (torch.cond: branches without side effects)


def is_traced(raw: Any) -> bool:
    """Under torch.compile, or batched by ``torch.func.vmap``: no Python value."""
    return bool(_compiling() or _is_batched(raw))


_is_batched = torch._C._functorch.is_batchedtensor


def cond(pred: Any, true_run: Any, false_run: Any, raws: list[Any]) -> list[Any]:
    return list(
        torch.cond(
            pred.bool(),
            lambda *r: tuple(true_run(list(r))),
            lambda *r: tuple(false_run(list(r))),
            tuple(raws),
        )
    )


def switch(index: Any, runs: list[Any], raws: list[Any]) -> list[Any]:
    """Nested ``torch.cond`` (torch has no n-way branch)."""
    index = index.clamp(0, len(runs) - 1)
    if len(runs) == 1:
        return list(runs[0](raws))
    rest = runs[1:]
    return cond(index == 0, runs[0], lambda r: switch(index - 1, rest, r), raws)


_torch_while_loop: Any = _hop_while_loop  # (untyped)


def while_loop(cond_run: Any, body_run: Any, raws: list[Any]) -> list[Any]:
    if not _compiling() and any(_is_batched_anywhere(r) for r in raws):
        raise NotImplementedError(
            "ep.while_loop under torch.func.vmap (ep.vmap on torch): torch's while_loop "
            "operator has no vmap rule (torch 2.13), and a Python loop cannot stop on a "
            "batched value; map a loop with fixed bounds (ep.fori_loop with int bounds), or "
            "loop over the examples"
        )
    return list(
        _torch_while_loop(
            lambda *r: cond_run(list(r)).bool(), lambda *r: tuple(body_run(list(r))), tuple(raws)
        )
    )


scan = None  # (a Python loop: unrolled into the graph under torch.compile)


_vector_norm = torch.linalg.vector_norm


def l2_norm(raw: Any, axis: Any, keepdims: bool) -> Any:
    if not (raw.is_floating_point() or raw.is_complex()):
        raw = raw.to(torch.get_default_dtype())
    # torch defines the gradient of the norm at zero as zero
    if axis is None and not keepdims:
        return _vector_norm(raw)
    if axis == ():  # over no axis: |x| (torch's dim=() means every axis)
        return raw.abs()
    return _vector_norm(raw, dim=axis, keepdim=keepdims)


# ----------------------------------------------------------------- conversion
def export(raw: Any, target: Any, from_host: Any) -> Any:
    """``raw`` as the framework ``target`` (a registry record) can import it: detached
    (memory still shared), lazy conjugate or negative views resolved, on the host for a
    host target, compact or aligned where the target needs it (a copy on the device)."""
    raw = raw.detach().resolve_conj().resolve_neg()
    if raw.device.type == "meta":
        raise ValueError("a tensor on torch's 'meta' device has no data to convert")
    if target.host:
        raw = raw.cpu()
        if raw.dtype == torch.bfloat16:
            return from_host(to_numpy(raw, raw))
    elif not target.dlpack_any_strides and not raw.is_contiguous():
        raw = raw.contiguous()
    if raw.data_ptr() % target.dlpack_alignment:
        raw = raw.clone()  # (torch allocates aligned memory)
    return raw


def to_native(x: Any) -> Any:
    return x if isinstance(x, torch.Tensor) else torch.utils.dlpack.from_dlpack(x)


def from_host(a: Any) -> Any:
    """A NumPy array as a torch tensor, sharing its memory (bfloat16 too, by its bits)."""
    if a.dtype.name == "bfloat16":  # (ml_dtypes' NumPy dtype, which torch does not know)
        return torch.from_numpy(a.view("int16")).view(torch.bfloat16)
    return torch.from_numpy(a)


bridge = _bridge  # (the bridges: this framework's side)
