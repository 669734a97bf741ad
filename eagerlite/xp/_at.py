"""``at(x, index)``: functional indexed updates, ``at(x, i).add(v)``, on every framework.

``at(x, index).set(v)`` (``.add``, ``.multiply``, ``.min``, ``.max``) is a new array equal
to ``x`` except at ``index``; ``x`` itself is never changed (JAX's ``x.at[index]`` is the
model).  Repeated positions in an integer-array index all count: ``add`` adds every
value given for a position, ``min`` takes the least of them and the array's own (for
``set`` the framework picks one of them).  Values are cast to ``x``'s dtype.  Gradients
flow through all of them on torch, TensorFlow and JAX.

One update function per framework does the work (``update(x, index, values, op)``, in its
subpackage); ``check_op`` rejects an unknown update; the Tensors' ``index_update`` is
``"set"``.
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


def at_of(update: Update) -> Callable[[Any, Any], At[Any]]:
    """The ``at`` function of a native namespace whose updates ``update`` does (attached to
    it as ``at.update``, which the Tensor methods call)."""

    def at(x: Any, index: Any, /) -> At[Any]:
        """Functional updates of ``x`` at ``index``: ``at(x, i).set(v)``, ``.add(v)``, ..."""
        return At(x, index, update)

    at.__dict__["update"] = update
    return at


def check_op(op: str) -> None:
    if op not in OPS:
        raise ValueError(f"unknown update {op!r}; expected one of {', '.join(OPS)}")
