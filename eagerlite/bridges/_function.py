"""``ep.bridge``: call a function written for one framework with tensors of another.

A bridged function flattens its arguments, hands the tensor leaves to the function's
own framework (the *source*, zero-copy where possible) and the results back to the
caller's framework.  Gradients flow through the caller's autodiff: the caller side
(``_callers.py``) registers a differentiable op whose backward pass is the source
framework's vector-Jacobian product, computed by the ``Source`` adapters below.
"""

from __future__ import annotations

import functools
import itertools
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from .._support import GradientNotSupportedError, fill, leaves, tree_map
from ..astensor import _converter, astensor
from ..tensor.tensor import Tensor
from ._transfer import Framework, convert_raw, framework_name

Vjp = Callable[[list[Any]], list[Any]]


def is_native(x: object) -> bool:
    """Whether ``x`` is a native tensor of a supported framework."""
    return not isinstance(x, Tensor) and _converter(type(x)) is not None


def scatter(values: Iterable[Any], mask: Iterable[bool]) -> list[Any]:
    """``values`` at the places where ``mask`` is true, ``None`` elsewhere."""
    it = iter(values)
    return [next(it) if m else None for m in mask]


class Spec(NamedTuple):
    """The shape and dtype (a NumPy-style name such as ``"float32"``) of a tensor."""

    shape: tuple[int, ...]
    dtype: str


def dtype_name(x: Any) -> str:
    dtype = x.dtype
    name = getattr(dtype, "name", None)  # NumPy, JAX and TF dtypes
    return str(name) if name is not None else str(dtype).removeprefix("torch.")


def spec_of(x: Any) -> Spec:
    return Spec(tuple(int(d) for d in x.shape), dtype_name(x))


def is_float(dtype: str) -> bool:
    return dtype.startswith(("float", "bfloat", "complex"))


# ------------------------------------------------------------------- calls
class Call:
    """One signature of a bridged function: where the tensors sit among the arguments."""

    def __init__(self, bridged: Bridged, template: Any, key: int) -> None:
        self.bridged = bridged
        self.template = template  # (args, kwargs) with _SLOT for each tensor
        self.key = key  # its index in bridged.calls (an op argument under torch.compile)
        self.out_template: Any = None  # the output structure, known after a first run
        self.specs: dict[tuple[Spec, ...], list[Spec]] = {}  # output specs, by input specs
        self.caller_state: dict[Any, Any] = {}  # JAX's custom_vjp ops

    def run_flat(self, xs: Sequence[Any]) -> list[Any]:
        """The source function on source tensors ``xs``; its tensor outputs, flattened."""
        args, kwargs = fill(self.template, xs)
        outs, self.out_template = leaves(self.bridged.fn(*args, **dict(kwargs)), is_native)
        return outs

    def out_specs(self, in_specs: tuple[Spec, ...]) -> list[Spec]:
        """The output specs for inputs of ``in_specs``, inferred once per signature."""
        found = self.specs.get(in_specs)
        if found is None:
            found = self.specs[in_specs] = SOURCES[self.bridged.source].infer(self, in_specs)
        return found


# ------------------------------------------------------------------- sources
class Source:
    """What a bridge needs of the function's own framework (one subclass per framework)."""

    name = "numpy"

    def run(self, call: Call, xs: list[Any]) -> list[Any]:
        return call.run_flat(xs)

    def run_vjp(self, call: Call, xs: list[Any], diff: list[bool]) -> tuple[list[Any], Vjp]:
        """The outputs and a function from output cotangents to input gradients.

        ``diff[i]`` says whether input ``i`` gets a gradient (others get ``None``);
        a cotangent is ``None`` for an output that gets none (integer outputs).
        """
        outs = call.run_flat(xs)

        def vjp(cts: list[Any]) -> list[Any]:
            raise no_gradient(call.bridged)

        return outs, vjp

    def infer(self, call: Call, in_specs: tuple[Spec, ...]) -> list[Spec]:
        """Output specs: by default from a run on zeros of the input specs."""
        import numpy as np

        zeros = [np.zeros(s.shape, _np_dtype(s.dtype)) for s in in_specs]
        with np.errstate(all="ignore"):
            outs = self.run(call, [convert_raw(z, "numpy", self.name) for z in zeros])
        return [spec_of(o) for o in outs]


def no_gradient(bridged: Bridged) -> GradientNotSupportedError:
    """The error of a gradient request through a NumPy (forward-only) function."""
    return GradientNotSupportedError(
        f"{bridged.__name__} is a NumPy function: NumPy has no autodiff, so it "
        "is bridged forward-only and cannot be differentiated"
    )


def _np_dtype(name: str) -> Any:
    import numpy as np

    if name == "bfloat16":
        import ml_dtypes

        return ml_dtypes.bfloat16
    return np.dtype(name)


class TorchSource(Source):
    name = "torch"

    def run_vjp(self, call: Call, xs: list[Any], diff: list[bool]) -> tuple[list[Any], Vjp]:
        import torch

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
            return scatter([_torch_grad(g, x) for g, x in zip(grads, inputs, strict=True)], diff)

        return [o.detach() for o in outs], vjp

    def infer(self, call: Call, in_specs: tuple[Spec, ...]) -> list[Spec]:
        import torch

        try:  # shapes without computing anything, where the function allows it
            metas = [
                torch.empty(s.shape, dtype=getattr(torch, s.dtype), device="meta") for s in in_specs
            ]
            return [spec_of(o) for o in self.run(call, metas)]
        except Exception:  # data-dependent code (item(), ...): run it on zeros instead
            return super().infer(call, in_specs)


def _torch_grad(grad: Any, x: Any) -> Any:
    import torch

    # torch returns expanded (stride-0) gradients, e.g. of a sum; other frameworks need memory
    return torch.zeros_like(x) if grad is None else grad.contiguous()


class TensorFlowSource(Source):
    name = "tensorflow"

    def run_vjp(self, call: Call, xs: list[Any], diff: list[bool]) -> tuple[list[Any], Vjp]:
        import tensorflow as tf

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


class JAXSource(Source):
    name = "jax"

    def run_vjp(self, call: Call, xs: list[Any], diff: list[bool]) -> tuple[list[Any], Vjp]:
        import jax

        def f(*inputs: Any) -> list[Any]:
            it = iter(inputs)
            return call.run_flat([next(it) if d else x for x, d in zip(xs, diff, strict=True)])

        outs, pullback = jax.vjp(f, *[x for x, d in zip(xs, diff, strict=True) if d])

        def vjp(cts: list[Any]) -> list[Any]:
            cts = [_jax_cotangent(o, c) for o, c in zip(outs, cts, strict=True)]
            return scatter(pullback(cts), diff)

        return outs, vjp

    def infer(self, call: Call, in_specs: tuple[Spec, ...]) -> list[Spec]:
        import jax

        structs = [
            jax.ShapeDtypeStruct(s.shape, _np_dtype(s.dtype))  # type: ignore[no-untyped-call]
            for s in in_specs
        ]
        outs = jax.eval_shape(lambda *xs: call.run_flat(list(xs)), *structs)
        return [spec_of(o) for o in outs]


def _jax_cotangent(out: Any, ct: Any) -> Any:
    import jax
    import numpy as np

    if ct is not None:
        return ct
    if jax.numpy.issubdtype(out.dtype, jax.numpy.inexact):
        return jax.numpy.zeros_like(out)
    return np.zeros(out.shape, jax.dtypes.float0)  # integer outputs take float0 cotangents


LOCK = threading.RLock()  # for what a bridge creates once: its Calls, its custom ops

SOURCES: dict[str, Source] = {
    "numpy": Source(),
    "torch": TorchSource(),
    "tensorflow": TensorFlowSource(),
    "jax": JAXSource(),
}


# ------------------------------------------------------------------- the bridge
BRIDGES: weakref.WeakValueDictionary[int, Bridged] = weakref.WeakValueDictionary()
_ids = itertools.count()


class Bridged:
    """A function of one framework (``source``), callable with tensors of any framework.

    Called with tensors of framework B (native or eagerlite), it returns B tensors of
    the same structure, differentiable with B's autodiff (unless B or the source is
    NumPy).  Arguments that are not tensors are passed through unchanged.
    """

    # Marks this as an autograph artifact: inside tf.function, autograph calls it as it is
    # instead of converting our code (and, through it, another framework's) to graph code.
    autograph_info__ = None

    def __init__(self, fn: Callable[..., Any], source: str) -> None:
        self.fn = fn
        self.source = source
        self.__name__ = getattr(fn, "__name__", type(fn).__name__)
        functools.update_wrapper(self, fn)
        self.id = next(_ids)
        BRIDGES[self.id] = self
        self.calls: list[Call] = []  # by key
        self._calls: dict[Any, Call] = {}
        self.caller_state: dict[str, Any] = {}  # per caller framework (torch's custom op)

    def __repr__(self) -> str:
        return f"<eagerlite bridge of {self.source} function {self.__name__}>"

    def call_for(self, template: Any) -> Call:
        """The ``Call`` of this argument template (interned, so it can be a cache key)."""
        try:
            call = self._calls.get(template)
        except TypeError:  # unhashable static arguments: compare instead
            call = next((c for c in self.calls if c.template == template), None)
        if call is None:
            with LOCK:  # (threads: one Call per template, its key its place in self.calls)
                call = next((c for c in self.calls if c.template == template), None)
                if call is None:
                    call = Call(self, template, len(self.calls))
                    self.calls.append(call)
                    try:
                        self._calls[template] = call
                    except TypeError:
                        pass
        return call

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        tensors, template = leaves((args, kwargs), _is_tensor)
        if not tensors:
            raise TypeError(
                f"{self.__name__} is bridged from {self.source}: call it with at least one "
                "tensor, whose framework the results take"
            )
        wrapped = isinstance(tensors[0], Tensor)
        natives = [astensor(t) for t in tensors]
        caller = natives[0].framework
        for t in natives[1:]:
            if t.framework != caller:
                raise TypeError(
                    f"{self.__name__} got tensors of {caller} and {t.framework}: the tensors of "
                    "one call must come from one framework (ep.convert one of them first)"
                )
        frozen = _freeze(template)
        if caller == "torch":  # interned where torch.compile does not trace (see _callers)
            from ._torch_key import call_key

            call = self.calls[call_key(self.id, frozen)]
        else:
            call = self.call_for(frozen)
        xs = [t.raw for t in natives]
        if caller == self.source:
            outs = call.run_flat(xs)
        else:
            from ._callers import CALLERS

            outs = CALLERS[caller](call, xs)
        result = fill(call.out_template, outs)
        if wrapped:
            return tree_map(lambda x: astensor(x) if is_native(x) else x, result)
        return result


def _is_tensor(x: object) -> bool:
    return isinstance(x, Tensor) or is_native(x)


def _freeze(template: Any) -> Any:
    """The keyword arguments as a tuple of items, so that the usual template hashes
    (nested lists and dicts do not: ``call_for`` compares those instead)."""
    args, kwargs = template
    return (args, tuple(kwargs.items()))


def bridge(framework: Framework) -> Callable[[Callable[..., Any]], Bridged]:
    """A decorator: the function it wraps, written for ``framework``, accepts any framework.

    ```python
    @ep.bridge("tensorflow")
    def f(a, b):  # TensorFlow code
        return 3 * a + 4 * b**2

    f(torch_a, torch_b)  # torch tensors in and out, differentiable by torch.autograd
    ```

    The caller's framework is that of the tensor arguments (native or eagerlite; one
    framework per call).  Tensor arguments may sit in tuples, lists and dicts, and so
    may the results; other arguments pass through.  Gradients flow back through the
    caller's autodiff for floating-point inputs, eagerly and under ``torch.compile``
    (``fullgraph=True``), ``tf.function`` and ``jax.jit``.  A NumPy function is bridged
    forward-only: asking for its gradient raises ``GradientNotSupportedError``.
    """
    source = framework_name(framework)

    def wrap(fn: Callable[..., Any]) -> Bridged:
        return Bridged(fn, source)

    return wrap
