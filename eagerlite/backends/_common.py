"""Names and argument checks shared by all backends."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..dtypes import name_of
from ..types import Axes, AxisAxes, Shape

UNARY = (
    "abs sign sqrt square exp log log2 log10 log1p sin cos tan arcsin arccos arctan "
    "sinh cosh tanh arcsinh arccosh arctanh round ceil floor isnan isinf logical_not"
).split()
BINARY = ("minimum", "maximum", "logical_and", "logical_or")
REDUCTIONS = ("sum", "prod", "mean", "min", "max", "all", "any")


PAD_MODES = ("constant", "reflect")


def check_pad(ndim: int, paddings: tuple[tuple[int, int], ...], mode: str) -> None:
    """Reject pad arguments every backend would reject (shared by all backends)."""
    if mode not in PAD_MODES:
        raise ValueError(f"pad mode must be one of {PAD_MODES}, got {mode!r}")
    if len(paddings) != ndim or any(len(p) != 2 for p in paddings):
        raise ValueError(
            f"pad expects one (before, after) pair per axis ({ndim} pairs), got {paddings!r}"
        )


def check_tile(ndim: int, multiples: Axes) -> None:
    """``tile`` needs one multiple per axis on every backend."""
    if len(multiples) != ndim:
        raise ValueError(f"tile expects one multiple per axis ({ndim}), got {tuple(multiples)!r}")


def check_squeeze(shape: Shape, axis: AxisAxes | None) -> None:
    """Squeezing an axis whose length is not one is an error (torch would skip it silently)."""
    if axis is None:
        return
    for a in (axis,) if isinstance(axis, int) else axis:
        if not -len(shape) <= a < len(shape):
            raise ValueError(f"squeeze axis {a} is out of range for shape {shape}")
        if shape[a] != 1:
            raise ValueError(f"cannot squeeze axis {a} of shape {shape}: its length is not 1")


def range_args(start: int, stop: int | None, step: int | None) -> tuple[int, int, int]:
    """The arguments of ``range(start, stop, step)`` in full; an empty range gets ``stop = start``.

    torch and TensorFlow reject a ``stop`` on the wrong side of ``start``; NumPy returns [].
    """
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    if (stop - start) * step < 0:
        stop = start
    return start, stop, step


def check_in_bounds(
    index: Any, shape: Sequence[int | None], extremes: Callable[[Any], tuple[int, int] | None]
) -> None:
    """NumPy's IndexError for an integer (or concrete integer array) past its axis, for the
    frameworks that would clamp it (JAX) or fail with an internal error (TF).

    ``extremes(part)``: the (min, max) of an index array, or None where its values are not
    known (traced) or it is empty.
    """
    parts = index if type(index) is tuple else (index,)
    dim = 0
    for i, part in enumerate(parts):
        if part is Ellipsis:
            dim = len(shape) - sum(_width(p) for p in parts[i + 1 :] if p is not Ellipsis)
            continue
        width = _width(part)
        if width == 1 and type(part) is not slice and dim < len(shape):
            n = shape[dim]
            if n is not None:
                found = (int(part), int(part)) if isinstance(part, int) else extremes(part)
                if found is not None and (found[0] < -n or found[1] >= n):
                    bad = found[0] if found[0] < -n else found[1]
                    raise IndexError(f"index {bad} is out of bounds for axis {dim} with size {n}")
        dim += width


def _width(part: Any) -> int:
    """How many axes of the indexed tensor an index part consumes."""
    if part is None or part is Ellipsis or isinstance(part, bool):
        return 0
    if isinstance(part, (int, slice)):
        return 1
    dtype = getattr(part, "dtype", None)
    if dtype is not None and name_of(dtype) == "bool":
        return len(part.shape)
    return 1
