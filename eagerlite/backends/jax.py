"""The JAX backend: ``JAXTensor`` wraps ``jax.Array`` (and JAX tracers).

Importing this module imports no framework: ``bind()`` imports JAX (and NumPy) and
finishes the class the first time a JAX array is seen (see ``eagerlite.backends``).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Self

from .._autodiff import LossFn
from .._support import (
    RandomState,
    as_shape,
    fill,
    leaves,
    parse_device,
    traced_value_error,
    unknown_device_error,
)
from ..types import AxisAxes, ShapeOrScalar
from ._common import check_in_bounds
from ._numpylike import NumPyLikeTensor, finish_numpy_like

if TYPE_CHECKING:
    import jax
    import jax.numpy as jnp
    import numpy as np

_Tracer: type  # jax.core.Tracer, bound by bind()
_TRACED: tuple[type[Exception], ...]  # JAX's errors for the values of tracers
_TRACERS = "jax.jit, jax.grad or jax.vmap"

# Random numbers without hidden traced state: each call folds a fresh counter into a
# concrete key, so the functions also work inside jax.jit (each trace bakes its own key).
# (ep.seed(n) starts the sequence again from key(n).)
# Thread-safe: the (generation, key, counter) triple is replaced as one object, under a
# lock, and next() of an itertools.count is atomic, so no two draws share a number.
_sequence: list[tuple[int, jax.Array, Iterator[int]]] = []  # [the current triple]
_sequence_lock = threading.Lock()


def _next_key() -> jax.Array:
    with jax.ensure_compile_time_eval():
        current = _sequence[0] if _sequence else None
        if current is None or current[0] != RandomState.generation:
            with _sequence_lock:  # (the first draw of a generation: one thread makes it)
                current = _sequence[0] if _sequence else None
                generation = RandomState.generation
                if current is None or current[0] != generation:
                    current = (generation, jax.random.key(RandomState.seed), itertools.count())
                    _sequence[:] = [current]
        return jax.random.fold_in(current[1], next(current[2]))


def _is_array(leaf: Any) -> bool:
    return isinstance(leaf, (JAXTensor, jax.Array, _Tracer))


def _key(key: Any) -> jax.Array:
    """The implicit next key, a key from an int seed, or the given key array."""
    if key is None:
        return _next_key()
    return jax.random.key(key) if isinstance(key, int) else key


class JAXTensor(NumPyLikeTensor):
    """A ``jax.Array``; works on tracers too, so it can be used inside ``jax.jit``/``jax.grad``."""

    __slots__ = ()
    framework = "jax"
    raw: jax.Array
    _device_errors = (ValueError,)

    def _placement(self, like: bool = False) -> dict[str, Any]:
        raw = self.raw
        if isinstance(raw, _Tracer):
            return {}  # inside a transformation, JAX places the result itself
        devices = raw.devices()
        if len(devices) == 1:
            return {"device": next(iter(devices))}
        return {"device": raw.sharding} if like else {}

    def _on_device(self, name: str, /, *args: Any, **kwargs: Any) -> Self:
        """As for every backend, placed as ``_placement`` says (JAX places results itself
        inside a transformation; a new shape is not split as a sharded tensor is)."""
        return type(self)(getattr(self._xp(), name)(*args, **self._placement(), **kwargs))

    def _placed(self, raw: jax.Array) -> jax.Array:
        """A new ``raw`` on this tensor's device (and with its sharding, for the same shape)."""
        placed: jax.Array = jax.device_put(
            raw, self._placement(raw.shape == self.raw.shape).get("device")
        )
        return placed

    def __getitem__(self, index: Any) -> Self:
        return type(self)(self.raw[self._index(index)])

    def _values_known(self) -> bool:
        return not isinstance(self.raw, _Tracer)

    def _index(self, index: Any) -> Any:
        """As for every backend, and integers past their axis raise NumPy's IndexError
        (JAX would clamp them, also in ``index_update`` and ``ep.at``)."""
        index = super()._index(index)
        check_in_bounds(index, self.raw.shape, _extremes)
        return index

    def _index_part(self, part: Any) -> Any:
        part = super()._index_part(part)
        if isinstance(part, list):  # JAX rejects lists; an empty one is an empty integer index
            return np.asarray(part) if part else np.zeros(0, np.intp)
        return part

    @property
    def device(self) -> jax.Device | jax.sharding.Sharding:
        if isinstance(self.raw, _Tracer):  # (JAX raises AttributeError or its own error)
            raise traced_value_error(self, "device", _TRACERS)
        return self.raw.device  # a Device, or the Sharding of a multi-device array

    def to_device(self, device: Any, /, *, stream: Any = None) -> Self:
        if isinstance(device, str):
            device = _device_named(self, device)
        return type(self)(jax.device_put(self.raw, device))

    def numpy(self) -> np.ndarray[Any, Any]:
        try:
            return np.asarray(self.raw)
        except _TRACED as error:
            raise traced_value_error(self, "numpy()", _TRACERS) from error

    def item(self) -> int | float | bool:
        try:
            return self.raw.item()  # type: ignore[no-any-return]
        except _TRACED as error:
            raise traced_value_error(self, "item()", _TRACERS) from error

    def __bool__(self) -> bool:
        try:
            return bool(self.raw)
        except _TRACED as error:
            raise traced_value_error(self, "bool()", _TRACERS) from error

    def cumsum(self, axis: int | None = None) -> Self:
        raw = self.raw  # (NumPy sums narrow ints in its default int, as sum does; JAX not)
        kind = raw.dtype.kind
        wide = np.int64 if kind in "bi" else np.uint64 if kind == "u" else raw.dtype
        dtype = jnp.promote_types(raw.dtype, jax.dtypes.canonicalize_dtype(wide))
        return type(self)(jnp.cumsum(raw, axis=axis, dtype=dtype))

    def topk(self, k: int, sorted: bool = True) -> tuple[Self, Self]:
        values, indices = jax.lax.top_k(self.raw, k)  # always sorted, which `sorted=False` allows
        # top_k gives int32; argsort/argmax give JAX's default int (int64 with x64), as NumPy
        return type(self)(values), type(self)(indices.astype(int))

    def uniform(
        self, shape: ShapeOrScalar, low: float = 0.0, high: float = 1.0, *, key: Any = None
    ) -> Self:
        raw = jax.random.uniform(_key(key), as_shape(shape), minval=low, maxval=high)
        return self._random_result(self._placed(raw))

    def normal(
        self, shape: ShapeOrScalar, mean: float = 0.0, stddev: float = 1.0, *, key: Any = None
    ) -> Self:
        raw = jax.random.normal(_key(key), as_shape(shape)) * stddev + mean
        return self._random_result(self._placed(raw))

    def softmax(self, axis: int = -1) -> Self:
        return type(self)(jax.nn.softmax(self.raw, axis=axis))

    def log_softmax(self, axis: int = -1) -> Self:
        return type(self)(jax.nn.log_softmax(self.raw, axis=axis))

    def _l2_norm(self, axis: AxisAxes | None, keepdims: bool) -> Self:
        raw = self.raw
        if isinstance(raw, _Tracer):  # may be differentiated: the guarded formula
            return super()._l2_norm(axis, keepdims)
        # a concrete array is never differentiated: the plain formula, as fast as native
        return type(self)(jnp.sqrt(jnp.sum(jnp.square(raw), axis=axis, keepdims=keepdims)))

    @classmethod
    def _gradients(cls, fn: LossFn, xs: list[Self]) -> tuple[Self, Any, list[Self]]:
        kinds = [type(x) for x in xs]
        # aux crosses jax.value_and_grad as the list of its arrays (JAXTensors are pytree
        # nodes): JAX would turn its other leaves into arrays and sort its dicts
        template: list[Any] = [None]  # aux with its arrays taken out (no tracers)

        def raw_fn(raws: list[jax.Array]) -> tuple[jax.Array, list[Any]]:
            loss, aux = fn([kind(raw) for kind, raw in zip(kinds, raws, strict=True)])
            arrays, template[0] = leaves(aux, _is_array)
            return loss.raw, arrays

        (value, arrays), grads = jax.value_and_grad(raw_fn, has_aux=True)([x.raw for x in xs])
        grad_list = [kind(g) for kind, g in zip(kinds, grads, strict=True)]
        return cls(value), fill(template[0], arrays), grad_list


def _extremes(part: Any) -> tuple[int, int] | None:
    """The smallest and largest value of a concrete, non-empty integer index array."""
    if isinstance(part, _Tracer) or not hasattr(part, "dtype") or not part.size:
        return None
    if not jnp.issubdtype(part.dtype, jnp.integer):
        return None
    return int(part.min()), int(part.max())


def _device_named(tensor: JAXTensor, name: str) -> jax.Device:
    """The JAX device ``name`` means: ``"cpu"``, ``"gpu:1"``, ``"cuda"``, ``"tpu:0"``, or a
    device's own name (``str(device)``)."""
    kind, index = parse_device(name)
    found: list[jax.Device] = []
    for backend in ("cpu", "gpu", "tpu"):
        try:
            found += jax.devices(backend)
        except RuntimeError:  # no such backend on this machine
            pass
    for device in found:
        if str(device) == name:
            return device
    matches = [d for d in found if (d.platform, kind) in _SAME_KIND or d.platform == kind]
    if matches and (index or 0) < len(matches):
        return matches[index or 0]
    kinds = {d.platform: sum(e.platform == d.platform for e in found) for d in found}
    listed = [f"{k}:0" if n == 1 else f"{k}:0 to {k}:{n - 1}" for k, n in kinds.items()]
    raise unknown_device_error(tensor, name, listed)


_SAME_KIND = {("cuda", "gpu"), ("rocm", "gpu")}  # JAX's platform names for "gpu"


def bind() -> None:
    """Import JAX and finish ``JAXTensor`` (done once, by ``eagerlite.astensor``)."""
    global jax, jnp, np, _Tracer, _TRACED
    import jax
    import jax.numpy as jnp
    import numpy as np

    _Tracer = jax.core.Tracer
    _TRACED = (jax.errors.ConcretizationTypeError, jax.errors.TracerArrayConversionError)
    finish_numpy_like(JAXTensor, jnp, {"stop_gradient": jax.lax.stop_gradient}, ("all", "any"))
    # a pytree node: a JAXTensor can cross jax.jit / jax.vmap / aux outputs as it is
    jax.tree_util.register_pytree_node(
        JAXTensor, lambda t: ((t.raw,), None), lambda _, children: JAXTensor(children[0])
    )
