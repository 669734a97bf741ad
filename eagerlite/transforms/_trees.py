"""Pytrees of Tensors as the transformations take them apart: a template, the Tensors'
classes and native arrays (what the frameworks' hooks see), checked to hold nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._core import registry
from .._core.pytree import SLOT, fill, leaves
from ..tensor._wrapper import TENSOR_CLASSES


def is_tensor(leaf: Any) -> bool:
    return type(leaf) in TENSOR_CLASSES


def _is_other(leaf: Any) -> bool:
    return not (isinstance(leaf, str) and leaf == SLOT)


def _is_native(leaf: Any) -> bool:
    found = registry.framework_of(type(leaf))
    return found is not None and not found[1]


class Flat:
    """A pytree of Tensors taken apart: its template, the Tensors' classes and raws.
    ``what`` names it in the ``TypeError`` for a leaf that is not a Tensor (or for no
    Tensor at all, with ``nonempty``); with ``constants``, other leaves than native arrays
    (numbers, strings, None) are kept in the template, as constants."""

    __slots__ = ("kinds", "raws", "template")

    def __init__(
        self, tree: Any, what: str, nonempty: bool = False, constants: bool = False
    ) -> None:
        if type(tree) in TENSOR_CLASSES:  # (the usual case: one Tensor)
            self.template, self.kinds, self.raws = SLOT, [type(tree)], [tree.raw]
            return
        found, self.template = leaves(tree, is_tensor)
        # (with constants, other leaves stay in the template: all but native arrays)
        other, _ = leaves(self.template, _is_native if constants else _is_other)
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

    def same_as(self, other: Flat) -> bool:
        """Whether ``other`` has this structure, these Tensor classes, shapes and dtypes."""
        if self.kinds != other.kinds or (
            self.template is not other.template and self.template != other.template
        ):
            return False
        for a, b in zip(self.raws, other.raws, strict=True):
            if a.shape != b.shape or a.dtype != b.dtype:
                return False
        return True

    def signature(self) -> list[tuple[Any, ...]]:
        return [
            (k, tuple(r.shape), str(r.dtype)) for k, r in zip(self.kinds, self.raws, strict=True)
        ]
