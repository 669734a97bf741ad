"""The JAX backend: :class:`JAXTensor` wraps ``jax.Array`` (and JAX tracers)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, Self

import jax
import jax.numpy as jnp
import numpy as np

from .._support import as_shape, split_loss, traced_value_error
from ..tensor import Scalar
from ..types import ShapeOrScalar
from ._numpylike import NumPyLikeTensor

_Tracer = jax.core.Tracer
_TRACED = (jax.errors.ConcretizationTypeError, jax.errors.TracerArrayConversionError)
_TRACERS = "jax.jit, jax.grad or jax.vmap"

# Random numbers without hidden traced state: each call folds a fresh counter into a
# concrete key, so the functions also work inside jax.jit (each trace bakes its own key).
_SEED = 0
_base_key: list[jax.Array] = []  # created on first use, outside any trace
_counter = itertools.count()


def _next_key() -> jax.Array:
    with jax.ensure_compile_time_eval():
        if not _base_key:
            _base_key.append(jax.random.key(_SEED))
        return jax.random.fold_in(_base_key[0], next(_counter))


class JAXTensor(NumPyLikeTensor, xp=jnp):
    """A ``jax.Array``; works on tracers too, so it can be used inside ``jax.jit``/``jax.grad``."""

    __slots__ = ()
    raw: jax.Array

    def _placement(self, like: bool = False) -> dict[str, Any]:
        raw = self.raw
        if isinstance(raw, _Tracer):
            return {}  # inside a transformation, JAX places the result itself
        devices = raw.devices()
        if len(devices) == 1:
            return {"device": next(iter(devices))}
        return {"device": raw.sharding} if like else {}

    def _index_part(self, part: Any) -> Any:
        part = super()._index_part(part)
        if isinstance(part, list):  # JAX rejects lists; an empty one is an empty integer index
            return np.asarray(part) if part else np.zeros(0, np.intp)
        return part

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

    def topk(self, k: int, sorted: bool = True) -> tuple[Self, Self]:
        values, indices = jax.lax.top_k(self.raw, k)  # always sorted, which `sorted=False` allows
        # top_k gives int32; argsort/argmax give JAX's default int (int64 with x64), as NumPy
        return type(self)(values), type(self)(indices.astype(int))

    def index_update(self, indices: Any, values: Self | Scalar) -> Self:
        raw = self.raw  # values cast as NumPy's assignment does (JAX warns: an error to come)
        new = jnp.asarray(self._operand(values), raw.dtype)
        return type(self)(raw.at[self._index(indices)].set(new))

    def uniform(self, shape: ShapeOrScalar, low: float = 0.0, high: float = 1.0) -> Self:
        raw = jax.random.uniform(_next_key(), as_shape(shape), minval=low, maxval=high)
        return self._random_result(jax.device_put(raw, self._placement().get("device")))

    def normal(self, shape: ShapeOrScalar, mean: float = 0.0, stddev: float = 1.0) -> Self:
        raw = jax.random.normal(_next_key(), as_shape(shape)) * stddev + mean
        return self._random_result(jax.device_put(raw, self._placement().get("device")))

    def softmax(self, axis: int = -1) -> Self:
        return type(self)(jax.nn.softmax(self.raw, axis=axis))

    def log_softmax(self, axis: int = -1) -> Self:
        return type(self)(jax.nn.log_softmax(self.raw, axis=axis))

    def _value_and_grad_fn(
        self, f: Callable[..., Any], has_aux: bool
    ) -> Callable[..., tuple[Any, ...]]:
        cls = type(self)

        def value_and_grad(x: JAXTensor, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
            def raw_f(raw_x: jax.Array) -> Any:
                loss, aux = split_loss(f(cls(raw_x), *args, **kwargs), has_aux)
                return (loss.raw, aux) if has_aux else loss.raw

            out, grad = jax.value_and_grad(raw_f, has_aux=has_aux)(x.raw)
            if has_aux:
                return cls(out[0]), out[1], cls(grad)
            return cls(out), cls(grad)

        return value_and_grad


# JAXTensor is a pytree node: it can cross jax.jit / jax.vmap / aux outputs as it is.
jax.tree_util.register_pytree_node(
    JAXTensor, lambda t: ((t.raw,), None), lambda _, children: JAXTensor(children[0])
)
