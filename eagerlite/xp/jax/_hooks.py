"""What ``JAXTensor`` needs of JAX beyond the namespace: devices and shardings, values of
concrete arrays (tracers have none), indexing as NumPy's, keyed random numbers that work
inside ``jax.jit``, and ``jax.value_and_grad``."""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Callable, Iterator
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from ..._core.checks import as_shape, check_in_bounds, parse_device
from ..._core.dtypes import NAMES
from ..._core.errors import traced_value_error, unknown_device_error
from .._beyond import guarded_l2
from . import _bridge
from ._functions import update

namespace: Any = None  # the native namespace (set by the subpackage)

_Tracer = jax.core.Tracer
_TRACED = (jax.errors.ConcretizationTypeError, jax.errors.TracerArrayConversionError)
_TRACERS = "jax.jit, jax.grad or jax.vmap"
DTYPES: dict[str, Any] = {n: jnp.dtype(n) for n in NAMES}
DEVICE_ERRORS: tuple[type[Exception], ...] = (ValueError,)
SHARES_NUMPY_MEMORY = True  # (np.asarray(t, copy=False) can be had)


def bind(cls: type, base: type) -> None:
    """A pytree node: a JAXTensor crosses jax.jit, jax.vmap and aux outputs as it is."""
    jax.tree_util.register_pytree_node(
        cls, lambda t: ((t.raw,), None), lambda _, children: cls(children[0])
    )


# ----------------------------------------------------------------- devices, values
def device(raw: Any, owner: Any) -> Any:
    if isinstance(raw, _Tracer):  # (JAX raises AttributeError or its own error)
        raise traced_value_error(owner, "device", _TRACERS)
    return raw.device  # a Device, or the Sharding of a multi-device array


def to_device(raw: Any, device: Any, owner: Any) -> Any:
    if isinstance(device, str):
        device = _device_named(owner, device)
    return jax.device_put(raw, device)


def _device_named(owner: Any, name: str) -> Any:
    """The JAX device ``name`` means: ``"cpu"``, ``"gpu:1"``, ``"cuda"``, ``"tpu:0"``, or a
    device's own name (``str(device)``)."""
    kind, index = parse_device(name)
    found: list[Any] = []
    for backend in ("cpu", "gpu", "tpu"):
        try:
            found += jax.devices(backend)
        except RuntimeError:  # no such backend on this machine
            pass
    for d in found:
        if str(d) == name:
            return d
    matches = [d for d in found if (d.platform, kind) in _SAME_KIND or d.platform == kind]
    if matches and (index or 0) < len(matches):
        return matches[index or 0]
    kinds = {d.platform: sum(e.platform == d.platform for e in found) for d in found}
    listed = [f"{k}:0" if n == 1 else f"{k}:0 to {k}:{n - 1}" for k, n in kinds.items()]
    raise unknown_device_error(owner, name, listed)


_SAME_KIND = {("cuda", "gpu"), ("rocm", "gpu")}  # JAX's platform names for "gpu"


def to_numpy(raw: Any, owner: Any) -> Any:
    try:
        return np.asarray(raw)
    except _TRACED as error:
        raise traced_value_error(owner, "numpy()", _TRACERS) from error


def item(raw: Any, owner: Any) -> Any:
    try:
        return raw.item()
    except _TRACED as error:
        raise traced_value_error(owner, "item()", _TRACERS) from error


def truth(raw: Any, owner: Any) -> bool:
    try:
        return bool(raw)
    except _TRACED as error:
        raise traced_value_error(owner, "bool()", _TRACERS) from error


# ----------------------------------------------------------------- indexing
def index_part(raw: Any, part: Any) -> Any:
    if isinstance(part, list):  # JAX rejects lists; an empty one is an empty integer index
        return np.asarray(part) if part else np.zeros(0, np.intp)
    return part


def check_index(raw: Any, index: Any) -> Any:
    """Integers past their axis raise NumPy's IndexError (JAX would clamp them, also in
    ``index_update`` and ``at``)."""
    check_in_bounds(index, raw.shape, extremes)
    return index


def extremes(part: Any) -> tuple[int, int] | None:
    """The smallest and largest value of a concrete, non-empty integer array (None where
    it is traced: its values are not known)."""
    if isinstance(part, _Tracer) or not hasattr(part, "dtype") or not part.size:
        return None
    if not jnp.issubdtype(part.dtype, jnp.integer):
        return None
    try:  # (on the host: inside jax.jit, part.min() of a closed-over array is traced)
        host = np.asarray(part)
    except _TRACED:
        return None
    return int(host.min()), int(host.max())


def getitem(raw: Any, index: Any) -> Any:
    return raw[index]


def setitem(raw: Any, index: Any, value: Any) -> Any:
    return update(raw, index, value, "set")  # (JAX arrays are immutable: a new one)


# ----------------------------------------------------------------- new arrays
def placement(raw: Any, like: bool) -> dict[str, Any]:
    """Keyword arguments placing a new array on ``raw``'s device; ``like``: the new array
    has ``raw``'s shape, so a sharding of it applies too."""
    if isinstance(raw, _Tracer):
        return {}  # inside a transformation, JAX places the result itself
    devices = raw.devices()
    if len(devices) == 1:
        return {"device": next(iter(devices))}
    return {"device": raw.sharding} if like else {}


# Random numbers without hidden traced state: each call folds a fresh counter into a
# concrete key, so the functions also work inside jax.jit (each trace bakes its own key).
# ``seed(n)`` starts the sequence again from key(n).  Thread-safe: the (key, counter)
# pair is replaced as one object, under a lock, and next() of an itertools.count is
# atomic, so no two draws share a number.
_state: list[tuple[Any, Iterator[int]] | None] = [None]  # [the current pair]
_state_lock = threading.Lock()
_seed = [0]


def seed(n: int) -> None:
    with _state_lock:
        _seed[0], _state[0] = int(n), None


def _next_key() -> Any:
    with jax.ensure_compile_time_eval():
        current = _state[0]
        if current is None:
            with _state_lock:  # (the first draw after a seed: one thread makes the pair)
                if _state[0] is None:
                    _state[0] = (jax.random.key(_seed[0]), itertools.count())
                current = _state[0]
        return jax.random.fold_in(current[0], next(current[1]))  # type: ignore[index]


def _key(key: Any) -> Any:
    """The implicit next key, a key from an int seed, or the given key array."""
    if key is None:
        return _next_key()
    return jax.random.key(key) if isinstance(key, int) else key


def _random(raw: Any, out: Any) -> Any:
    """A random array placed as ``raw`` (sharded like it, for its shape), in its dtype if
    that is floating point."""
    out = jax.device_put(out, placement(raw, out.shape == raw.shape).get("device"))
    return out.astype(raw.dtype) if jnp.issubdtype(raw.dtype, jnp.floating) else out


def uniform(raw: Any, shape: Any, low: float, high: float, key: Any) -> Any:
    return _random(raw, jax.random.uniform(_key(key), as_shape(shape), minval=low, maxval=high))


def normal(raw: Any, shape: Any, mean: float, stddev: float, key: Any) -> Any:
    return _random(raw, jax.random.normal(_key(key), as_shape(shape)) * stddev + mean)


# ----------------------------------------------------------------- autodiff
def is_inexact(raw: Any) -> bool:
    return bool(jnp.issubdtype(raw.dtype, jnp.inexact))


stop_gradient = jax.lax.stop_gradient


def value_and_grad(
    fn: Callable[[list[Any]], tuple[Any, list[Any]]], raws: list[Any]
) -> tuple[Any, list[Any], list[Any]]:
    """``fn(raws)``'s loss (with its arrays of aux) and the loss's gradient w.r.t. ``raws``."""
    (value, aux), grads = jax.value_and_grad(fn, has_aux=True)(raws)
    return value, aux, grads


def vjp(
    fn: Callable[[list[Any]], tuple[list[Any], list[Any]]], raws: list[Any]
) -> tuple[list[Any], list[Any], Callable[[list[Any]], list[Any]]]:
    """``fn(raws)``'s outputs, its aux arrays, and the pullback (``jax.vjp``)."""
    outs, pullback, aux = jax.vjp(fn, raws, has_aux=True)
    return outs, aux, lambda cotangents: list(pullback(list(cotangents))[0])


def jvp(
    fn: Callable[[list[Any]], tuple[list[Any], list[Any]]],
    raws: list[Any],
    tangents: list[Any],
) -> tuple[list[Any], list[Any], list[Any]]:
    """``fn(raws)``'s outputs, its aux arrays, and the outputs' tangents (``jax.jvp``)."""
    outs, out_tangents, aux = jax.jvp(fn, (raws,), (list(tangents),), has_aux=True)
    return outs, aux, out_tangents


def vmap(
    fn: Callable[[list[Any]], list[Any]], raws: list[Any], axes: list[Any], size: int
) -> list[Any]:
    """``fn`` of one example mapped over ``axes`` of ``raws`` (``jax.vmap``)."""
    return list(jax.vmap(fn, in_axes=(list(axes),))(raws))


def custom_vjp(
    fwd: Callable[[list[Any]], tuple[list[Any], list[Any]]],
    bwd: Callable[[list[Any], list[Any]], list[Any]],
    raws: list[Any],
) -> list[Any]:
    """The outputs of ``fwd(raws)``, differentiated by ``bwd(residuals, cotangents)``
    (``jax.custom_vjp``; None cotangents are zeros)."""

    @jax.custom_vjp
    def run(r: list[Any]) -> list[Any]:
        return fwd(r)[0]

    def run_fwd(r: list[Any]) -> tuple[list[Any], list[Any]]:
        return fwd(r)

    def run_bwd(res: list[Any], cotangents: list[Any]) -> tuple[list[Any]]:
        return (bwd(res, list(cotangents)),)

    run.defvjp(run_fwd, run_bwd)
    return list(run(list(raws)))


def jit(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` of native arrays compiled (``jax.jit``)."""
    return jax.jit(fn)


PURE_BRANCHES = False


def is_traced(raw: Any) -> bool:
    return isinstance(raw, _Tracer)


def cond(pred: Any, true_run: Any, false_run: Any, raws: list[Any]) -> list[Any]:
    return list(jax.lax.cond(pred, true_run, false_run, raws))


def switch(index: Any, runs: list[Any], raws: list[Any]) -> list[Any]:
    return list(jax.lax.switch(index, runs, raws))


def while_loop(cond_run: Any, body_run: Any, raws: list[Any]) -> list[Any]:
    return list(jax.lax.while_loop(cond_run, body_run, raws))


def scan(
    step: Any, carry: list[Any], xs: list[Any] | None, length: int, reverse: bool
) -> tuple[list[Any], list[Any]]:
    """``jax.lax.scan`` of ``step(carry, x) -> (carry, y)`` over lists of arrays."""
    last, ys = jax.lax.scan(step, carry, xs, length=length, reverse=reverse)
    return list(last), list(ys)


def l2_norm(raw: Any, axis: Any, keepdims: bool) -> Any:
    if isinstance(raw, _Tracer):  # may be differentiated: guarded at 0
        return guarded_l2(namespace, raw, axis, keepdims)
    # a concrete array is never differentiated: the plain formula, compiled once per
    # shape (one dispatch, not three: a third of the time, as jnp.linalg.norm does it)
    if axis is None and not keepdims:
        return _l2_all(raw)  # (no static arguments: the fastest dispatch)
    return _l2(raw, axis=tuple(axis) if type(axis) is list else axis, keepdims=keepdims)


@functools.partial(jax.jit, static_argnames=("axis", "keepdims"))
def _l2(raw: Any, axis: Any, keepdims: bool) -> Any:
    return jnp.sqrt(jnp.sum(jnp.square(raw), axis=axis, keepdims=keepdims))


@jax.jit
def _l2_all(raw: Any) -> Any:
    return jnp.sqrt(jnp.sum(jnp.square(raw)))


# ----------------------------------------------------------------- conversion
def export(raw: Any, target: Any, from_host: Any) -> Any:
    """``raw`` as the framework ``target`` (a registry record) can import it."""
    if isinstance(raw, _Tracer):
        raise traced_value_error(raw, "ep.convert", "a JAX transformation")
    if len(raw.devices()) > 1:
        if target.host:
            return from_host(np.asarray(raw))
        raise ValueError(
            f"cannot convert a JAX array sharded over {len(raw.devices())} devices to "
            f"{target.label}: DLPack hands over one buffer on one device; gather it first "
            "(e.g. jax.device_put to one device)"
        )
    platform = next(iter(raw.devices())).platform
    if target.host and (raw.dtype == jnp.bfloat16 or platform != "cpu"):
        return from_host(np.asarray(raw))
    return raw


def to_native(x: Any) -> Any:
    return x if isinstance(x, jax.Array) else jnp.from_dlpack(x)


def from_host(a: Any) -> Any:
    return jnp.asarray(a)


bridge = _bridge  # (the bridges: this framework's side)
