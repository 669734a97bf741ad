"""Pytrees of Tensors as the transformations take them apart: a template, the Tensors'
classes and native arrays (what the frameworks' hooks see), checked to hold nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._core.pytree import SLOT, fill, leaves
from ..tensor._wrapper import TENSOR_CLASSES


def is_tensor(leaf: Any) -> bool:
    return type(leaf) in TENSOR_CLASSES


class Flat:
    """A pytree of Tensors taken apart: its template, the Tensors' classes and raws.
    ``what`` names it in the ``TypeError`` for a leaf that is not a Tensor (or for no
    Tensor at all, with ``nonempty``)."""

    __slots__ = ("kinds", "raws", "template")

    def __init__(self, tree: Any, what: str, nonempty: bool = False) -> None:
        found, self.template = leaves(tree, is_tensor)
        other, _ = leaves(self.template, lambda leaf: not (isinstance(leaf, str) and leaf == SLOT))
        if other or (nonempty and not found):
            held = f"a {type(other[0]).__name__}" if other else "no Tensor"
            raise TypeError(
                f"{what} must be a Tensor or a pytree of Tensors (tuples, lists, dicts), but "
                f"holds {held}"
            )
        self.kinds = [type(t) for t in found]
        self.raws = [t.raw for t in found]

    def tree(self, raws: Sequence[Any]) -> Any:
        return fill(self.template, [k(r) for k, r in zip(self.kinds, raws, strict=True)])

    def signature(self) -> list[tuple[Any, ...]]:
        return [
            (k, tuple(r.shape), str(r.dtype)) for k, r in zip(self.kinds, self.raws, strict=True)
        ]
