"""What ``TensorFlowTensor`` needs of TensorFlow beyond the namespace: devices (TF places
new tensors on its default device unless told), values (symbolic tensors inside
``tf.function`` have none), NumPy's indexing, keyed random numbers, ``GradientTape``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final

import numpy as np
import tensorflow as tf
from tensorflow.core.function.trace_type import (  # type: ignore[import-not-found, unused-ignore]
    custom_nest_trace_type as _custom_nest_type,
)
from tensorflow.core.function.trace_type import (  # type: ignore[import-not-found, unused-ignore]
    trace_type_builder as _trace_types,
)
from tensorflow.python.eager import record  # type: ignore[attr-defined]

from ..._core.checks import as_shape, check_in_bounds, parse_device
from ..._core.dtypes import NAMES
from ..._core.errors import traced_value_error, unknown_device_error
from .._beyond import guarded_l2
from . import _bridge
from ._base import (
    INEXACT,
    SEVERAL_DEVICES,
    elsewhere,
    host,
    is_floating,
    keeping_device,
    on_device_of,
)
from ._dlpack import from_dlpack as import_dlpack
from ._functions import update
from ._indexing import extremes as extremes
from ._indexing import getitem as _getitem

namespace: Any = None  # the native namespace (set by the subpackage)

DTYPES: dict[str, Any] = {n: getattr(tf, n) for n in NAMES}
DEVICE_ERRORS: tuple[type[Exception], ...] = ()
SHARES_NUMPY_MEMORY = False  # (a NumPy array of a TF tensor is always a copy)


def bind(cls: type, base: type) -> None:
    """TF converts anything with ``__array__`` (every Tensor has one): a Tensor of ``cls``
    is its raw tensor, others are refused, so ``tf_tensor * PyTorchTensor`` is a mixing
    error rather than a silent copy."""

    def as_tf_tensor(value: Any, dtype: Any = None, name: Any = None, as_ref: bool = False) -> Any:
        if isinstance(value, cls):
            tensor: Any = value
            return tf.convert_to_tensor(tensor.raw, dtype=dtype, name=name)
        raise TypeError(
            f"cannot combine a native tf.Tensor with a {type(value).__name__}: all tensors in "
            "one operation must come from the same framework (convert it first: "
            "x.convert('tensorflow'))"
        )

    tf.register_tensor_conversion_function(base, as_tf_tensor)
    _nest_node(cls)


def _nest_node(cls: Any) -> None:
    """A node of TensorFlow's nest with its tensor as only child, and the same as an
    argument of a traced function: a Tensor crosses ``tf.function``, ``tf.while_loop``
    and autograph's loops as it is, its tensor traced."""

    def flatten(self: Any) -> tuple[None, tuple[Any]]:
        return None, (self.raw,)

    def unflatten(kind: Any, metadata: None, components: tuple[Any, ...]) -> Any:
        return kind(components[0])

    def tracing_type(self: Any, context: Any) -> Any:
        child = _trace_types.from_value(self.raw, context)
        return _custom_nest_type.CustomNestTraceType(type(self), None, (child,))

    cls.__tf_flatten__ = flatten
    cls.__tf_unflatten__ = classmethod(unflatten)
    cls.__tf_tracing_type__ = tracing_type


# ----------------------------------------------------------------- devices, values
def device(raw: Any, owner: Any) -> str:
    return str(raw.device)


def to_device(raw: Any, device: Any, owner: Any) -> Any:
    if str(device) == "" == raw.device:  # (inside tf.function: t.to_device(t.device))
        return raw
    with tf.device(_device_named(owner, str(device))):
        return tf.identity(raw)


def _device_named(owner: Any, name: str) -> str:
    """The logical device ``name`` means (``"/GPU:0"``, ``"cpu:1"``, ``"cuda"``, a full
    name); TF itself would place on the CPU, silently, a device this machine lacks."""
    kind, index = parse_device(name)
    devices: list[str] = [d.name for d in tf.config.list_logical_devices()]
    for found in devices:
        if parse_device(found) == (kind, index if index is not None else 0):
            return found
    raise unknown_device_error(owner, name, devices)


def to_numpy(raw: Any, owner: Any) -> Any:
    try:  # (.numpy(), not np.array(raw): TF's __array__ fails on a 0-d bfloat16 tensor)
        a = np.array(raw.numpy())
    except (AttributeError, NotImplementedError) as error:  # symbolic, in tf.function
        raise traced_value_error(owner, "numpy() or item()", "tf.function") from error
    a.flags.writeable = False
    return a


def item(raw: Any, owner: Any) -> Any:
    return to_numpy(raw, owner).item()


def truth(raw: Any, owner: Any) -> bool:
    try:
        return bool(raw)
    except tf.errors.OperatorNotAllowedInGraphError as error:
        raise traced_value_error(owner, "bool()", "tf.function") from error


# ----------------------------------------------------------------- indexing
def index_part(raw: Any, part: Any) -> Any:
    return part


def check_index(raw: Any, index: Any) -> Any:
    """Integers past their axis raise NumPy's IndexError (TF's would be an internal error,
    also in ``index_update`` and ``at``)."""
    check_in_bounds(index, raw.shape.as_list(), extremes)
    return index


def getitem(raw: Any, index: Any) -> Any:
    device = raw.device
    if elsewhere(device):
        with tf.device(device):
            return _getitem(raw, index)
    return _getitem(raw, index)


def setitem(raw: Any, index: Any, value: Any) -> Any:
    return update(raw, index, value, "set")  # (TF tensors are immutable: a new one)


def placement(raw: Any, like: bool) -> dict[str, Any]:
    device = raw.device
    return {"device": device} if device else {}


# ----------------------------------------------------------------- random numbers
# One algorithm everywhere: TF's default ("auto_select") picks another one under XLA
# (jit_compile=True), which would give the same key other numbers there.
_ALG: Final = "philox"


def _tf_seed(key: Any) -> Any:
    """A stateless-op seed (shape [2]) from an int or a seed tensor."""
    return [int(key), 0] if isinstance(key, int) else key


def _random_dtype(raw: Any) -> Any:
    return raw.dtype if is_floating(raw) else tf.float32


def uniform(raw: Any, shape: Any, low: float, high: float, key: Any) -> Any:
    dtype, shape = _random_dtype(raw), as_shape(shape)
    with on_device_of(raw):
        if key is None:
            return tf.random.uniform(shape, low, high, dtype=dtype)
        return tf.random.stateless_uniform(shape, _tf_seed(key), low, high, dtype=dtype, alg=_ALG)


def normal(raw: Any, shape: Any, mean: float, stddev: float, key: Any) -> Any:
    dtype, shape = _random_dtype(raw), as_shape(shape)
    with on_device_of(raw):
        if key is None:
            return tf.random.normal(shape, mean, stddev, dtype=dtype)
        seed = _tf_seed(key)
        return tf.random.stateless_normal(shape, seed, mean, stddev, dtype=dtype, alg=_ALG)


def seed(n: int) -> None:
    tf.random.set_seed(n)


# ----------------------------------------------------------------- autodiff
def is_inexact(raw: Any) -> bool:
    return id(raw.dtype) in INEXACT


stop_gradient = keeping_device(tf.stop_gradient) if SEVERAL_DEVICES else tf.stop_gradient


def _copy(raw: Any) -> Any:
    """An identity op of ``raw`` on its device (a variable's: of its value).  (The raw op:
    ``tf.identity``'s Python layers take twice as long as the op itself.)"""
    device = raw.device
    if elsewhere(device):
        with tf.device(device):
            return tf.raw_ops.Identity(input=raw)
    return tf.raw_ops.Identity(input=raw)


def _dense(grad: Any, like: Any) -> Any:
    """A gradient as a dense tensor: zeros for None (unconnected), IndexedSlices densified."""
    if grad is None:
        return tf.zeros_like(like)
    return grad if isinstance(grad, tf.Tensor) else tf.convert_to_tensor(grad)


def value_and_grad(
    fn: Callable[[list[Any]], tuple[Any, list[Any]]], raws: list[Any]
) -> tuple[Any, list[Any], list[Any]]:
    """``fn(raws)``'s loss (with its arrays of aux) and the loss's gradient w.r.t. ``raws``."""
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        # a copy of each raw is watched, not raw: the tape would give a tensor that fn sees
        # twice (passed twice, or also closed over) the gradient of both uses
        copies = [_copy(raw) for raw in raws]
        sources = copies[0] if len(copies) == 1 else copies  # (one tensor, not [it]: faster)
        tape.watch(sources)
        loss, aux = fn(copies)
    device = copies[0].device  # (the gradient ops on the first input's device)
    if elsewhere(device):
        with tf.device(device):
            found = tape.gradient(loss, sources)
    else:
        found = tape.gradient(loss, sources)
    grads = [found] if len(copies) == 1 else found
    return loss, aux, [_dense(g, r) for g, r in zip(grads, copies, strict=True)]


def vjp(
    fn: Callable[[list[Any]], tuple[list[Any], list[Any]]], raws: list[Any]
) -> tuple[list[Any], list[Any], Callable[[list[Any]], list[Any]]]:
    """``fn(raws)``'s outputs, its aux arrays, and the pullback: cotangents of the outputs
    to cotangents of ``raws`` (a persistent ``GradientTape``: the pullback may run many
    times; run inside an outer tape or accumulator, it is differentiated by it)."""
    tape = tf.GradientTape(persistent=True, watch_accessed_variables=False)
    with tape:
        copies = [_copy(raw) for raw in raws]  # (see value_and_grad)
        tape.watch(copies)
        outs, aux = fn(copies)

    device = copies[0].device if copies else ""  # (the gradient ops on the first input's)

    def back(cotangents: list[Any]) -> list[Any]:
        if elsewhere(device):
            with tf.device(device):
                found = tape.gradient(outs, copies, output_gradients=cotangents)
                return [_dense(g, r) for g, r in zip(found, copies, strict=True)]
        found = tape.gradient(outs, copies, output_gradients=cotangents)
        return [_dense(g, r) for g, r in zip(found, copies, strict=True)]

    return outs, aux, back


_accumulator: Any = tf.autodiff.ForwardAccumulator  # (typed for one tensor; takes lists)


def jvp(
    fn: Callable[[list[Any]], tuple[list[Any], list[Any]]],
    raws: list[Any],
    tangents: list[Any],
) -> tuple[list[Any], list[Any], list[Any]]:
    """``fn(raws)``'s outputs, its aux arrays, and the outputs' tangents for ``tangents``
    (forward mode, ``tf.autodiff.ForwardAccumulator``)."""
    copies = [_copy(raw) for raw in raws]
    with _accumulator(copies, tangents) as accumulator:
        outs, aux = fn(copies)
    zero = tf.UnconnectedGradients.ZERO
    return outs, aux, [accumulator.jvp(o, unconnected_gradients=zero) for o in outs]


def vmap(
    fn: Callable[[list[Any]], list[Any]], raws: list[Any], axes: list[Any], size: int
) -> list[Any]:
    """``fn`` of one example mapped over ``axes`` of ``raws`` (``tf.vectorized_map``, over
    the first axis: the mapped arrays are moved there; the others are closed over)."""
    mapped = [_first(r, a) for r, a in zip(raws, axes, strict=True) if a is not None]

    def one(parts: list[Any]) -> list[Any]:
        it = iter(parts)
        return fn([r if a is None else next(it) for r, a in zip(raws, axes, strict=True)])

    device = mapped[0].device  # (the results on the first mapped array's device)
    if elsewhere(device):
        with tf.device(device):
            return list(tf.vectorized_map(one, mapped))
    return list(tf.vectorized_map(one, mapped))


def _first(raw: Any, axis: int) -> Any:
    if axis == 0:
        return raw
    order = [axis, *(i for i in range(raw.shape.rank) if i != axis)]
    return tf.transpose(raw, order)


def custom_vjp(
    fwd: Callable[[list[Any]], tuple[list[Any], list[Any]]],
    bwd: Callable[[list[Any], list[Any]], list[Any]],
    raws: list[Any],
) -> list[Any]:
    """The outputs of ``fwd(raws)``, differentiated by ``bwd(residuals, cotangents)``
    (``tf.custom_gradient``: ``bwd`` runs under the outer tapes, so it is differentiated
    again, the residuals with it)."""

    @tf.custom_gradient  # type: ignore[untyped-decorator]
    def run(*r: Any) -> Any:
        outs, res = fwd(list(r))

        def grad_fn(*cotangents: Any) -> list[Any]:
            return bwd(res, list(cotangents))  # (None: no gradient)

        return outs, grad_fn

    device = raws[0].device if raws else ""
    if elsewhere(device):  # (the outputs on the inputs' device, not TF's default one)
        with tf.device(device):
            return list(run(*raws))
    return list(run(*raws))


def jit(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` of native tensors compiled (``tf.function(jit_compile=True)``: XLA; without
    autograph, as the other compilers: a Python branch on a tensor is a TracedValueError
    naming ep.cond)."""
    compiled: Callable[..., Any] = tf.function(fn, jit_compile=True, autograph=False)

    def on_their_device(*raws: Any) -> Any:  # (run on the inputs' device, as eager ops)
        device = raws[0].device if raws else ""
        if elsewhere(device):
            with tf.device(device):
                return compiled(*raws)
        return compiled(*raws)

    return on_their_device


PURE_BRANCHES = False


def is_traced(raw: Any) -> bool:
    """Inside ``tf.function`` (or ``tf.vectorized_map``): a symbolic tensor."""
    return not tf.executing_eagerly()


def cond(pred: Any, true_run: Any, false_run: Any, raws: list[Any]) -> list[Any]:
    return list(tf.cond(tf.cast(pred, tf.bool), lambda: true_run(raws), lambda: false_run(raws)))


def switch(index: Any, runs: list[Any], raws: list[Any]) -> list[Any]:
    clamped = tf.clip_by_value(tf.cast(index, tf.int32), 0, len(runs) - 1)
    branches = [functools.partial(run, raws) for run in runs]
    return list(tf.switch_case(clamped, branches))


def while_loop(cond_run: Any, body_run: Any, raws: list[Any]) -> list[Any]:
    def keep_going(*r: Any) -> Any:
        return tf.cast(cond_run(list(r)), tf.bool)

    return list(tf.while_loop(keep_going, lambda *r: body_run(list(r)), raws))


scan = None  # (a Python loop: unrolled into the graph under tf.function)


_euclidean = tf.math.reduce_euclidean_norm


def l2_norm(raw: Any, axis: Any, keepdims: bool) -> Any:
    if is_floating(raw) and tf.executing_eagerly() and not record.could_possibly_record():
        # no GradientTape is open, so nothing can differentiate this: the plain formula
        # (in one kernel: a third of the three-op formula's time)
        device = raw.device
        if elsewhere(device):
            with tf.device(device):
                return _euclidean(raw, axis, keepdims)
        if axis is None and not keepdims:
            return _euclidean(raw)
        return _euclidean(raw, axis, keepdims)
    return guarded_l2(namespace, raw, axis, keepdims)


# ----------------------------------------------------------------- conversion
def export(raw: Any, target: Any, from_host: Any) -> Any:
    """``raw`` as the framework ``target`` (a registry record) can import it."""
    if not isinstance(raw, tf.Tensor):
        raw = tf.convert_to_tensor(raw)  # a tf.Variable: its current value
    if not hasattr(raw, "numpy"):
        raise traced_value_error(raw, "ep.convert", "tf.function")
    if target.host and (raw.dtype == tf.bfloat16 or "CPU" not in raw.device):
        return from_host(np.asarray(raw.numpy()))  # (.numpy() of a 0-d tensor: a scalar)
    return raw


def to_native(x: Any) -> Any:
    if isinstance(x, tf.Tensor):
        return x
    return import_dlpack(x)


def from_host(a: Any) -> Any:
    return tf.constant(host(a))


bridge = _bridge  # (the bridges: this framework's side)
