"""Pytrees: nested tuples (named ones too), lists and dicts whose leaves are tensors.

``tree_map`` rebuilds a tree with a function applied to its leaves; ``leaves`` and
``fill`` take the leaves of one kind out of a tree and put others back in their place;
``flatten``/``unflatten`` do the same for every leaf of several trees at once, with a
readable path for each leaf (``params['w'][0]``) for error messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def tree_map(fn: Callable[[Any], Any], tree: Any) -> Any:
    """``fn`` applied to the leaves of nested tuples (named ones too), lists and dicts."""
    if isinstance(tree, tuple) and hasattr(tree, "_fields"):
        return type(tree)(*(tree_map(fn, x) for x in tree))
    if isinstance(tree, (list, tuple)):
        return type(tree)(tree_map(fn, x) for x in tree)
    if isinstance(tree, dict):
        return {k: tree_map(fn, v) for k, v in tree.items()}
    return fn(tree)


# Marks where a leaf sits in a template (see ``leaves``): a string, because torch.compile
# passes templates to a function it does not trace only as constants (the bridges).
SLOT = "\x00eagerlite-tensor\x00"


def leaves(tree: Any, test: Callable[[Any], bool]) -> tuple[list[Any], Any]:
    """The leaves of ``tree`` passing ``test``, and a template with ``SLOT`` in their place."""
    found: list[Any] = []

    def take(leaf: Any) -> Any:
        if test(leaf):
            found.append(leaf)
            return SLOT
        return leaf

    return found, tree_map(take, tree)


def fill(template: Any, values: Sequence[Any]) -> Any:
    """``template`` with its ``SLOT`` leaves replaced by ``values``, in order."""
    it = iter(values)
    return tree_map(lambda leaf: next(it) if _is_slot(leaf) else leaf, template)


def _is_slot(leaf: Any) -> bool:
    return isinstance(leaf, str) and leaf == SLOT


def flatten(trees: Sequence[Any], names: Sequence[str]) -> tuple[list[Any], list[str]]:
    """Every leaf of ``trees`` (in ``tree_map``'s order) and a path naming each, from the
    names of the trees (``params[0]['w']``)."""
    found: list[Any] = []
    paths: list[str] = []

    def walk(tree: Any, path: str) -> None:
        if isinstance(tree, (list, tuple)):
            for i, item in enumerate(tree):
                walk(item, f"{path}[{i}]")
        elif isinstance(tree, dict):
            for key, item in tree.items():
                walk(item, f"{path}[{key!r}]")
        else:
            found.append(tree)
            paths.append(path)

    for tree, name in zip(trees, names, strict=True):
        walk(tree, name)
    return found, paths


def unflatten(trees: Sequence[Any], values: Sequence[Any]) -> list[Any]:
    """``trees`` with their leaves replaced by ``values``, in ``flatten``'s order."""
    it = iter(values)
    return [tree_map(lambda _: next(it), tree) for tree in trees]
