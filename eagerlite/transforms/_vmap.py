"""``vmap``: a function of one example mapped over a batch axis of its arguments, as
``jax.vmap``, written once over one hook per framework (``hooks.vmap``: ``jax.vmap``,
``torch.func.vmap``, ``tf.vectorized_map``; NumPy: a loop).  It composes with the
derivatives (``vmap(grad(loss), in_axes=(None, 0, 0))``: per-example gradients) and with
itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from .._core.pytree import SLOT, fill, leaves
from ..tensor._autodiff import check_function
from ._trees import Flat, is_tensor

P = ParamSpec("P")
T = TypeVar("T")
Axis = int | None


def vmap(
    f: Callable[P, T], in_axes: Axis | tuple[Any, ...] | list[Any] = 0, out_axes: Any = 0
) -> Callable[P, T]:
    """``f`` mapped over an axis of its arguments, as ``jax.vmap``: ``vmap(f)(xs)`` stacks
    ``f(x)`` for each ``x`` along ``xs``'s first axis, in one vectorised call of the
    framework.

    ``in_axes``: the axis mapped in each positional argument, an int (every argument),
    ``None`` (not mapped: passed whole to every call) or a tuple with one int or ``None``
    per positional argument (for a pytree argument, every leaf on that axis);
    keyword arguments are mapped over axis 0, as in JAX.  ``out_axes``: where the batch
    axis goes in the outputs, an int, or one per output of a tuple.  Arguments and
    outputs may be Tensors or pytrees of Tensors of one framework."""
    check_function(f)
    if not (_is_axis(in_axes) or isinstance(in_axes, (tuple, list))):
        raise TypeError(
            f"in_axes must be an int, None, or a tuple of them (one per positional "
            f"argument), got {in_axes!r}"
        )

    def mapped(*args: P.args, **kwargs: P.kwargs) -> T:
        axes = _axes_per_argument(in_axes, len(args))
        trees = [*args, *kwargs.values()]
        axes += [0] * len(kwargs)
        found, template = leaves(trees, is_tensor)
        leaf_axes = _leaf_axes(trees, axes)
        if not found:
            raise ValueError("vmap needs a Tensor among the arguments, got none")
        cls = _one_framework(found)
        size, raw_axes = _batch(found, leaf_axes)
        state: dict[str, Any] = {}
        names = list(kwargs)

        def raw_fn(raws: list[Any]) -> list[Any]:
            new = fill(template, [kind(r) for kind, r in zip(_kinds(found), raws, strict=True)])
            out = f(*new[: len(args)], **dict(zip(names, new[len(args) :], strict=True)))
            state["out"] = flat = Flat(out, "vmap's function result", nonempty=True)
            return flat.raws

        outs = cls._hooks.vmap(raw_fn, [t.raw for t in found], raw_axes, size)
        flat: Flat = state["out"]
        wrapped = [kind(o) for kind, o in zip(flat.kinds, outs, strict=True)]
        result: T = fill(flat.template, _moved(wrapped, out_axes, flat.template))
        return result

    return mapped


def _is_axis(axis: Any) -> bool:
    return axis is None or (isinstance(axis, int) and not isinstance(axis, bool))


def _kinds(found: list[Any]) -> list[type]:
    return [type(t) for t in found]


def _axes_per_argument(in_axes: Any, n: int) -> list[Axis]:
    if _is_axis(in_axes):
        return [in_axes] * n
    if len(in_axes) != n:
        raise ValueError(
            f"in_axes has {len(in_axes)} entries but the function was called with {n} "
            "positional argument(s): give one axis (or None) per positional argument"
        )
    for axis in in_axes:
        if not _is_axis(axis):
            raise TypeError(f"each entry of in_axes must be an int or None, got {axis!r}")
    return list(in_axes)


def _leaf_axes(trees: list[Any], axes: list[Axis]) -> list[Axis]:
    """The axis of each Tensor leaf (in ``leaves``' order), and a check that a mapped
    argument holds nothing but Tensors."""
    out: list[Axis] = []
    for tree, axis in zip(trees, axes, strict=True):
        found, rest = leaves(tree, is_tensor)
        if axis is not None:
            other, _ = leaves(rest, lambda leaf: not isinstance(leaf, str) and leaf is not None)
            if other:
                raise ValueError(
                    f"vmap was asked to map a {type(other[0]).__name__} over axis {axis}: "
                    "mapped arguments must be Tensors (pass other values with in_axes None)"
                )
        out += [axis] * len(found)
    return out


def _one_framework(found: list[Any]) -> Any:
    cls = found[0]._framework_class
    for t in found[1:]:
        if t._framework_class is not cls:
            raise TypeError(
                f"vmap got Tensors of two frameworks: {cls.__name__} and "
                f"{type(t).__name__}; all must come from one"
            )
    return cls


def _batch(found: list[Any], axes: list[Axis]) -> tuple[int, list[Axis]]:
    """The batch size, and each leaf's axis as a non-negative int (or None)."""
    size: int | None = None
    normal: list[Axis] = []
    for t, axis in zip(found, axes, strict=True):
        if axis is None:
            normal.append(None)
            continue
        if not -t.ndim <= axis < t.ndim:
            raise ValueError(
                f"vmap was asked to map axis {axis} of a tensor of shape {t.shape} (it has "
                f"{t.ndim} axes)"
            )
        axis %= t.ndim
        if size is None:
            size = t.shape[axis]
        elif t.shape[axis] != size:
            raise ValueError(
                f"vmap got mapped axes of different sizes: {size} and {t.shape[axis]} (shape "
                f"{t.shape}, axis {axis}); every mapped axis must have the same size"
            )
        normal.append(axis)
    if size is None:
        raise ValueError("vmap needs at least one mapped argument (an axis that is not None)")
    return size, normal


def _moved(outs: list[Any], out_axes: Any, template: Any) -> list[Any]:
    """The outputs (batch axis first) with it moved to ``out_axes``."""
    if _is_axis(out_axes) and out_axes is not None:
        per_leaf = [out_axes] * len(outs)
    elif isinstance(out_axes, (tuple, list)) and isinstance(template, (tuple, list)):
        if len(out_axes) != len(template):
            raise ValueError(f"out_axes has {len(out_axes)} entries for {len(template)} outputs")
        per_leaf = []
        for axis, tree in zip(out_axes, template, strict=True):
            if not _is_axis(axis) or axis is None:
                raise TypeError(f"each entry of out_axes must be an int, got {axis!r}")
            slots, _ = leaves(tree, lambda leaf: isinstance(leaf, str) and leaf == SLOT)
            per_leaf += [axis] * len(slots)
    else:
        raise TypeError(
            f"out_axes must be an int, or a tuple of ints (one per output), got {out_axes!r}"
        )
    moved = []
    for o, axis in zip(outs, per_leaf, strict=True):
        if not -o.ndim <= axis < o.ndim:
            raise ValueError(f"out_axes={axis} is out of range for an output of {o.ndim} axes")
        moved.append(o if axis % o.ndim == 0 else o.moveaxis(0, axis))
    return moved
