"""``at(x, index)``: functional indexed updates, ``at(x, i).add(v)``, on every framework.

``at(x, index).set(v)`` (``.add``, ``.multiply``, ``.min``, ``.max``) is a new array equal
to ``x`` except at ``index``; ``x`` itself is never changed (JAX's ``x.at[index]`` is the
model).  Repeated positions in an integer-array index all count: ``add`` adds every
value given for a position, ``min`` takes the least of them and the array's own (for
``set`` the framework picks one of them).  Values are cast to ``x``'s dtype.  Gradients
flow through all of them on torch, TensorFlow and JAX.

One update function per framework does the work (``update(x, index, values, op)``); the
backends' ``index_update`` is its ``"set"``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

OPS = ("set", "add", "multiply", "min", "max")
Update = Callable[[Any, Any, Any, str], Any]
A = TypeVar("A")  # the array type: a native array, or a Tensor on the Tensor face


class At(Generic[A]):
    """The updates of ``at(x, index)``: each returns a new array (``x`` stays as it is)."""

    __slots__ = ("_index", "_unwrap", "_update", "_wrap", "_x")

    def __init__(
        self,
        x: Any,
        index: Any,
        update: Update,
        wrap: Callable[[Any], Any] | None = None,
        unwrap: Callable[[Any], Any] | None = None,
    ) -> None:
        self._x, self._index, self._update = x, index, update
        self._wrap, self._unwrap = wrap, unwrap

    def _apply(self, values: Any, op: str) -> A:
        if self._unwrap is not None:
            values = self._unwrap(values)
        out = self._update(self._x, self._index, values, op)
        return out if self._wrap is None else self._wrap(out)  # type: ignore[no-any-return]

    def set(self, values: Any) -> A:
        """A copy with ``copy[index] = values``."""
        return self._apply(values, "set")

    def add(self, values: Any) -> A:
        """A copy with ``values`` added at ``index`` (every repeat of a position counts)."""
        return self._apply(values, "add")

    def multiply(self, values: Any) -> A:
        """A copy with the values at ``index`` multiplied by ``values``."""
        return self._apply(values, "multiply")

    def min(self, values: Any) -> A:
        """A copy with the values at ``index`` replaced by their minimum with ``values``."""
        return self._apply(values, "min")

    def max(self, values: Any) -> A:
        """A copy with the values at ``index`` replaced by their maximum with ``values``."""
        return self._apply(values, "max")

    def __repr__(self) -> str:
        return f"at({type(self._x).__name__}, {self._index!r})"


def at_of(framework: str) -> Callable[[Any, Any], At[Any]]:
    """The ``at`` function of ``framework``'s native namespace (its ``update`` attached)."""
    update = _UPDATES[framework]()

    def at(x: Any, index: Any, /) -> At[Any]:
        """Functional updates of ``x`` at ``index``: ``at(x, i).set(v)``, ``.add(v)``, ..."""
        return At(x, index, update)

    at.__dict__["update"] = update
    return at


def _check(op: str) -> None:
    if op not in OPS:
        raise ValueError(f"unknown update {op!r}; expected one of {', '.join(OPS)}")


def _numpy() -> Update:
    import numpy as np

    ufuncs = {"add": np.add, "multiply": np.multiply, "min": np.minimum, "max": np.maximum}

    def update(x: Any, index: Any, values: Any, op: str) -> Any:
        _check(op)
        out = np.array(x, copy=True)
        if op == "set":
            out[index] = values
        else:
            ufuncs[op].at(out, index, np.asarray(values).astype(out.dtype, copy=False))
        return out

    return update


def _jax() -> Update:
    import jax.numpy as jnp

    def update(x: Any, index: Any, values: Any, op: str) -> Any:
        _check(op)
        # values cast as NumPy's assignment does (JAX warns: an error to come)
        return getattr(x.at[index], op)(jnp.asarray(values, x.dtype))

    return update


def _torch() -> Update:
    import torch

    reduce = {"add": "sum", "multiply": "prod", "min": "amin", "max": "amax"}

    def update(x: Any, index: Any, values: Any, op: str) -> Any:
        _check(op)
        parts = index if type(index) is tuple else (index,)
        reversing = any(type(p) is slice and p.step is not None and p.step < 0 for p in parts)
        if op == "set" and not reversing:
            out = x.clone()  # clone keeps the autograd graph; x stays untouched
            out[index] = values
            return out
        # the flat positions the index names (repeats kept), then one scatter
        positions = torch.arange(x.numel(), device=x.device).reshape(x.shape)
        if reversing:  # (torch slices only forwards)
            from ..astensor import backend_class
            from ..backends.pytorch import _without_negative_steps

            backend_class("torch")
            positions, index = _without_negative_steps(positions, index)
        positions = positions[index]
        v = torch.as_tensor(values, dtype=x.dtype, device=x.device).broadcast_to(positions.shape)
        if op == "set":
            flat = x.reshape(-1).index_put((positions.reshape(-1),), v.reshape(-1))
        else:
            flat = x.reshape(-1).scatter_reduce(
                0, positions.reshape(-1), v.reshape(-1), reduce[op], include_self=True
            )
        return flat.reshape(x.shape)

    return update


def _tensorflow() -> Update:
    import tensorflow as tf

    scatter = {
        "set": tf.tensor_scatter_nd_update,
        "add": tf.tensor_scatter_nd_add,
        "min": tf.tensor_scatter_nd_min,
        "max": tf.tensor_scatter_nd_max,
    }

    def update(x: Any, index: Any, values: Any, op: str) -> Any:
        _check(op)
        getitem = _tf_getitem()
        from ..backends.tensorflow import _cast  # (bound by _tf_getitem)

        with tf.device(x.device):  # new tensors on x's device
            shape = tf.shape(x, out_type=tf.int64)
            n = tf.size(x, tf.int64)
            positions = getitem(tf.reshape(tf.range(n), shape), index)
            new = tf.broadcast_to(_cast(values, x.dtype), tf.shape(positions))
            flat, where = tf.reshape(x, [-1]), tf.reshape(positions, [-1])
            if op == "multiply":
                factors = tf.math.unsorted_segment_prod(tf.reshape(new, [-1]), where, n)
                out = flat * factors
            else:
                out = scatter[op](flat, where[:, None], tf.reshape(new, [-1]))
            return tf.reshape(out, shape)

    return update


def _tf_getitem() -> Callable[[Any, Any], Any]:
    """The TensorFlow backend's indexing, NumPy's advanced indexing included (the backend is
    bound on first use, not when the namespace is built: binding builds the namespace)."""
    from ..astensor import backend_class
    from ..backends import tensorflow

    backend_class("tensorflow")
    return tensorflow._getitem


_UPDATES: dict[str, Callable[[], Update]] = {
    "numpy": _numpy,
    "jax": _jax,
    "torch": _torch,
    "tensorflow": _tensorflow,
}
