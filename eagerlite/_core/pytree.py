"""Pytrees: nested tuples (named ones too), lists and dicts whose leaves are tensors.

``map_leaves`` rebuilds a tree with a function applied to its leaves; ``leaves`` and
``fill`` take the leaves of one kind out of a tree and put others back in their place;
``flatten``/``unflatten`` do the same for every leaf of several trees at once, with a
readable path for each leaf (``params['w'][0]``) for error messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def map_leaves(fn: Callable[[Any], Any], tree: Any) -> Any:
    """``fn`` applied to the leaves of nested tuples (named ones too), lists and dicts."""
    if isinstance(tree, tuple) and hasattr(tree, "_fields"):
        return type(tree)(*(map_leaves(fn, x) for x in tree))
    if isinstance(tree, (list, tuple)):
        return type(tree)(map_leaves(fn, x) for x in tree)
    if isinstance(tree, dict):
        return {k: map_leaves(fn, v) for k, v in tree.items()}
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

    return found, map_leaves(take, tree)


def fill(template: Any, values: Sequence[Any]) -> Any:
    """``template`` with its ``SLOT`` leaves replaced by ``values``, in order."""
    it = iter(values)
    return map_leaves(lambda leaf: next(it) if _is_slot(leaf) else leaf, template)


def _is_slot(leaf: Any) -> bool:
    return isinstance(leaf, str) and leaf == SLOT


def flatten(trees: Sequence[Any], names: Sequence[str]) -> tuple[list[Any], list[str]]:
    """Every leaf of ``trees`` (in ``map_leaves``'s order) and a path naming each, from the
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
    return [map_leaves(lambda _: next(it), tree) for tree in trees]


# ----------------------------------------------------------------- the public face
# (``ep.tree_map`` and friends: JAX's ``jax.tree_util`` conventions, with dicts in their
# own order, as Python and torch's pytrees keep them)
class TreeDef:
    """The structure of a pytree without its leaves (``ep.tree_structure``): rebuilt with
    new leaves by ``ep.tree_unflatten``; equal to another of the same structure."""

    __slots__ = ("_template", "num_leaves")

    def __init__(self, template: Any, num_leaves: int) -> None:
        self._template = template
        self.num_leaves = num_leaves

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TreeDef)
            and self.num_leaves == other.num_leaves
            and _same_structure(self._template, other._template)
        )

    def __hash__(self) -> int:
        return hash((self.num_leaves, repr(map_leaves(lambda _: "*", self._template))))

    def __repr__(self) -> str:
        return f"TreeDef({map_leaves(lambda _: '*', self._template)!r})"


def _same_structure(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same_structure(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same_structure(a[k], b[k]) for k in a)
    return True


def tree_flatten(
    tree: Any, is_leaf: Callable[[Any], bool] | None = None
) -> tuple[list[Any], TreeDef]:
    """The leaves of ``tree`` (depth first, dicts in their order) and its structure.

    Tuples (named ones too), lists and dicts are the nodes; ``None`` is a node without
    leaves; everything else (Tensors, native arrays, numbers) is a leaf, as is any node
    for which ``is_leaf`` returns True.
    """
    found: list[Any] = []

    def walk(node: Any) -> Any:
        if is_leaf is not None and is_leaf(node):
            found.append(node)
            return SLOT
        if node is None:
            return None
        if isinstance(node, tuple) and hasattr(node, "_fields"):
            return type(node)(*(walk(x) for x in node))
        if isinstance(node, (list, tuple)):
            return type(node)(walk(x) for x in node)
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        found.append(node)
        return SLOT

    template = walk(tree)
    return found, TreeDef(template, len(found))


def tree_unflatten(treedef: TreeDef, leaves: Sequence[Any]) -> Any:
    """The pytree of ``treedef``'s structure with ``leaves`` in its places."""
    if not isinstance(treedef, TreeDef):
        raise TypeError(
            f"tree_unflatten expects the TreeDef that tree_flatten returns, got "
            f"{type(treedef).__name__}"
        )
    leaves = list(leaves)
    if len(leaves) != treedef.num_leaves:
        raise ValueError(
            f"tree_unflatten got {len(leaves)} leaves for a structure with "
            f"{treedef.num_leaves}: {treedef!r}"
        )
    return fill(treedef._template, leaves)


def tree_leaves(tree: Any, is_leaf: Callable[[Any], bool] | None = None) -> list[Any]:
    """The leaves of ``tree``, in ``tree_flatten``'s order."""
    return tree_flatten(tree, is_leaf)[0]


def tree_structure(tree: Any, is_leaf: Callable[[Any], bool] | None = None) -> TreeDef:
    """The structure of ``tree`` (its ``TreeDef``)."""
    return tree_flatten(tree, is_leaf)[1]


def tree_map(
    fn: Callable[..., Any], tree: Any, *rest: Any, is_leaf: Callable[[Any], bool] | None = None
) -> Any:
    """``fn`` applied to the leaves of ``tree`` (and to the leaves in the same places of
    ``rest``, trees of the same structure), in a tree of ``tree``'s structure."""
    found, treedef = tree_flatten(tree, is_leaf)
    # (the others' leaves are whatever sits where tree has a leaf: JAX's rule)
    others = [_leaves_at(treedef._template, other, i + 2) for i, other in enumerate(rest)]
    return fill(treedef._template, [fn(*xs) for xs in zip(found, *others, strict=True)])


def _leaves_at(template: Any, other: Any, position: int) -> list[Any]:
    """The subtrees of ``other`` where ``template`` has its leaves (a ``ValueError`` where
    the structures differ above them)."""
    found: list[Any] = []

    def walk(t: Any, o: Any, path: str) -> None:
        if _is_slot(t):
            found.append(o)
            return
        if type(t) is not type(o) or (isinstance(t, (list, tuple, dict)) and len(t) != len(o)):
            raise ValueError(
                f"tree_map: tree {position} differs from the first at {path or 'its root'}"
                f": {type(o).__name__} where the first has {_describe(t)}"
            )
        if isinstance(t, dict):
            if set(t) != set(o):
                raise ValueError(
                    f"tree_map: tree {position} differs from the first at "
                    f"{path or 'its root'}: keys {sorted(map(repr, o))} where the first has "
                    f"{sorted(map(repr, t))}"
                )
            for k in t:
                walk(t[k], o[k], f"{path}[{k!r}]")
        elif isinstance(t, (list, tuple)):
            for j, (x, y) in enumerate(zip(t, o, strict=True)):
                walk(x, y, f"{path}[{j}]")

    walk(template, other, "")
    return found


def _describe(node: Any) -> str:
    if isinstance(node, (list, tuple, dict)):
        return f"a {type(node).__name__} of {len(node)}"
    return "None" if node is None else "a leaf"
