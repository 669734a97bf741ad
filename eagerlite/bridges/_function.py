"""``ep.bridge``: call a function written for one framework with tensors of another.

A bridged function flattens its arguments, hands the tensor leaves to the function's
own framework (the *source*, zero-copy where possible) and the results back to the
caller's framework.  Gradients flow through the caller's autodiff: the caller's side
registers a differentiable op whose backward pass is the source framework's
vector-Jacobian product.  Both sides are each framework's own (``_bridge.py`` in its
subpackage of ``eagerlite.xp``, reached through its hooks); what they share, a ``Call``
of the bridge, is here: it runs the function, converts tensors between the two
frameworks and knows the shapes of the results.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from typing import Any

from .._core import registry
from .._core.errors import GradientNotSupportedError
from .._core.pytree import fill, leaves, map_leaves
from ..astensor import astensor
from ..tensor._convert import convert_raw
from ..tensor._wrapper import TENSOR_CLASSES
from ..xp._bridging import BRIDGES, LOCK, Spec, dtype_name, is_float, spec_of
from ._transfer import Framework, framework_name

Vjp = Callable[[list[Any]], list[Any]]


def is_native(x: object) -> bool:
    """Whether ``x`` is a native tensor (or a NumPy scalar) of a supported framework."""
    return registry.framework_of(type(x)) is not None


def _bridge_of(framework: str) -> Any:
    """The framework's side of the bridges (its ``_bridge`` module), or None (NumPy)."""
    return registry.get(framework).load().hooks.bridge


# ------------------------------------------------------------------- calls
class Call:
    """One signature of a bridged function: where the tensors sit among the arguments."""

    def __init__(self, bridged: Bridged, template: Any, key: int) -> None:
        self.bridged = bridged
        self.template = template  # (args, kwargs) with SLOT for each tensor
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
            source = _bridge_of(self.bridged.source)
            infer = getattr(source, "infer", None)
            found = infer(self, in_specs) if infer is not None else self.infer_on_zeros(in_specs)
            self.specs[in_specs] = found
        return found

    def infer_on_zeros(self, in_specs: tuple[Spec, ...]) -> list[Spec]:
        """Output specs from a run on zeros of the input specs."""
        host = registry.HOST
        loaded = host.load()
        zeros = [
            loaded.namespace.zeros(s.shape, dtype=loaded.hooks.DTYPES[s.dtype]) for s in in_specs
        ]
        source = self.bridged.source
        outs = self.run_flat([convert_raw(z, host.name, source) for z in zeros])
        return [spec_of(o) for o in outs]

    def check_differentiable(self) -> None:
        """Raise if the source framework has no autodiff (NumPy: bridged forward-only)."""
        source = registry.get(self.bridged.source)
        if not source.autodiff:
            raise GradientNotSupportedError(
                f"{self.bridged.__name__} is a {source.label} function: {source.label} has no "
                "autodiff, so it is bridged forward-only and cannot be differentiated"
            )

    def _source_vjp(self, xs: list[Any], diff: list[bool]) -> tuple[list[Any], Vjp]:
        source = _bridge_of(self.bridged.source)
        if source is None:  # (no autodiff: the outputs, and a vjp that says so)
            outs = self.run_flat(xs)

            def vjp(cts: list[Any]) -> list[Any]:
                self.check_differentiable()
                return []

            return outs, vjp
        return source.run_vjp(self, xs, diff)  # type: ignore[no-any-return]

    def forward(self, xs: Sequence[Any], caller: str) -> list[Any]:
        """The outputs for ``caller``'s tensors ``xs``, as ``caller``'s tensors."""
        source = self.bridged.source
        outs = self.run_flat([convert_raw(x, caller, source) for x in xs])
        return [convert_raw(o, source, caller) for o in outs]

    def vjp_in(self, xs: list[Any], diff: list[bool], caller: str) -> tuple[list[Any], Vjp]:
        """The outputs for ``caller``'s tensors ``xs`` (as ``caller``'s tensors), and the
        source's vector-Jacobian product on ``caller``'s cotangents (``None`` for none, and
        for outputs that are not floating point), giving ``caller``'s gradients."""
        source = self.bridged.source
        outs, vjp = self._source_vjp([convert_raw(x, caller, source) for x in xs], diff)
        result = [convert_raw(o, source, caller) for o in outs]

        def caller_vjp(cts: list[Any]) -> list[Any]:
            found = [
                None if c is None or not is_float(dtype_name(o)) else convert_raw(c, caller, source)
                for c, o in zip(cts, result, strict=True)
            ]
            return [None if g is None else convert_raw(g, source, caller) for g in vjp(found)]

        return result, caller_vjp

    def recomputed_vjp(self, xs: Sequence[Any], cts: Sequence[Any], caller: str) -> list[Any]:
        """Input gradients (``None`` for non-float inputs) by a new forward pass in the
        source (under a compiler, where no state can be kept between the passes)."""
        diff = [is_float(dtype_name(x)) for x in xs]
        _, vjp = self.vjp_in(list(xs), diff, caller)
        return vjp(list(cts))


# ------------------------------------------------------------------- the bridge
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
        wrapped = type(tensors[0]) in TENSOR_CLASSES
        natives = [astensor(t) for t in tensors]
        caller = natives[0].framework
        for t in natives[1:]:
            if t.framework != caller:
                raise TypeError(
                    f"{self.__name__} got tensors of {caller} and {t.framework}: the tensors of "
                    "one call must come from one framework (ep.convert one of them first)"
                )
        frozen = _freeze(template)
        side = _bridge_of(caller)
        intern = getattr(side, "intern", None)  # (torch: where torch.compile does not trace)
        call = self.calls[intern(self.id, frozen)] if intern else self.call_for(frozen)
        xs = [t.raw for t in natives]
        if caller == self.source:
            outs = call.run_flat(xs)
        elif side is None:  # (a caller without autodiff: forward only)
            outs = call.forward(xs, caller)
        else:
            outs = side.call(call, xs)
        result = fill(call.out_template, outs)
        if wrapped:
            return map_leaves(lambda x: astensor(x) if is_native(x) else x, result)
        return result


def _is_tensor(x: object) -> bool:
    return type(x) in TENSOR_CLASSES or is_native(x)


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
