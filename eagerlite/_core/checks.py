"""Argument checks and normalisations that every framework shares.

Each raises the error NumPy raises for the same mistake (``ValueError``, ``IndexError``),
with a message naming what was passed and what is expected, before a framework would
fail with its own internal error, clamp silently, or accept it where NumPy does not.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

from .dtypes import name_of


def as_shape(shape: Any) -> tuple[int, ...]:
    """An int or a sequence of ints as a shape tuple."""
    if isinstance(shape, int):
        return (shape,)
    try:
        return tuple(operator.index(s) for s in shape)
    except TypeError:
        raise TypeError(f"expected a shape (an int or a tuple of ints), got {shape!r}") from None


def shape_arguments(shape: tuple[Any, ...], what: str) -> Any:
    """The shape of ``t.reshape(2, 3)`` or of ``t.reshape((2, 3))`` (NumPy takes both)."""
    if len(shape) == 1:
        return shape[0]
    if not shape:
        raise TypeError(f"{what} needs a shape")
    return shape


def axes_of(axis: int | Sequence[int] | None, ndim: int) -> tuple[int, ...]:
    """``axis`` (an int, a sequence of ints, or None for all) as a tuple of non-negative
    axes of an array of ``ndim`` dimensions; out of range: IndexError, repeated: ValueError."""
    if axis is None:
        return tuple(range(ndim))
    found = (axis,) if isinstance(axis, int) else tuple(axis)
    out = []
    for a in found:
        if not -ndim <= a < max(ndim, 1):
            raise IndexError(f"axis {a} is out of range for an array of {ndim} dimensions")
        out.append(a % max(ndim, 1))
    if len(set(out)) != len(out):
        raise ValueError(f"repeated axis in {axis!r}")
    return tuple(out)


PAD_MODES = ("constant", "reflect")


def check_pad(ndim: int, paddings: Any, mode: str) -> None:
    """Reject pad arguments every framework would reject (or misread)."""
    if mode not in PAD_MODES:
        raise ValueError(f"pad mode must be one of {PAD_MODES}, got {mode!r}")
    if len(paddings) != ndim or any(len(p) != 2 for p in paddings):
        raise ValueError(
            f"pad expects one (before, after) pair per axis ({ndim} pairs), got {paddings!r}"
        )


def check_squeeze(shape: Sequence[int | None], axis: Any) -> None:
    """Squeezing an axis whose length is not one is an error (torch would skip it silently)."""
    if axis is None:
        return
    for a in (axis,) if isinstance(axis, int) else axis:
        if not -len(shape) <= a < max(len(shape), 1):
            raise ValueError(f"squeeze axis {a} is out of range for shape {tuple(shape)}")
        if len(shape) == 0 or shape[a] != 1:
            raise ValueError(
                f"cannot squeeze axis {a} of shape {tuple(shape)}: its length is not 1"
            )


def new_axes(axis: Any, ndim: int) -> list[int]:
    """``expand_dims``: the sorted positions of the new axes (an int or a tuple of them) in
    the result of ``ndim + len(axes)`` dimensions; out of range or repeated: IndexError."""
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    n = ndim + len(axes)
    if any(not -n <= a < n for a in axes) or len({a % n for a in axes}) < len(axes):
        raise IndexError(f"expand_dims axes {axis} are out of range or repeated for {n} axes")
    return sorted(a % n for a in axes)


def check_matmul(a: Sequence[int | None], b: Sequence[int | None]) -> None:
    """NumPy's ValueError for ``matmul`` of a 0-d operand or of inner dimensions that differ
    (called after the framework failed: its own error is an internal one)."""
    if not a or not b:
        raise ValueError(f"matmul does not take 0-d operands (shapes {tuple(a)}, {tuple(b)})")
    inner = b[-2] if len(b) > 1 else b[0]
    if a[-1] != inner:
        raise ValueError(
            f"matmul: shapes {tuple(a)} and {tuple(b)} do not align ({a[-1]} != {inner})"
        )


def check_nonempty(name: str, shape: Sequence[int | None], axis: Any) -> None:
    """NumPy's ValueError for ``max``/``min``/``argmax``/``argmin`` over an empty axis (which
    has no identity); unknown (traced) lengths pass."""
    if 0 not in shape:
        return
    axes = range(len(shape)) if axis is None else (axis,) if isinstance(axis, int) else axis
    if any(shape[a] == 0 for a in axes):
        if name.startswith("arg"):
            raise ValueError(f"attempt to get {name} of an empty sequence (shape {tuple(shape)})")
        raise ValueError(
            f"zero-size array to reduction operation {name} which has no identity "
            f"(shape {tuple(shape)}, axis {axis})"
        )


def range_args(start: Any, stop: Any, step: Any) -> tuple[Any, Any, Any]:
    """The arguments of ``range(start, stop, step)`` in full; an empty range gets ``stop = start``
    (torch and TensorFlow reject a ``stop`` on the wrong side of ``start``; NumPy returns [])."""
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


def parse_device(device: str) -> tuple[str, int | None]:
    """A device name as ``(kind, index)``: ``"cuda:1"`` -> ``("gpu", 1)``, ``"/CPU:0"`` ->
    ``("cpu", 0)``, ``"cpu"`` -> ``("cpu", None)``; ``cuda`` and ``rocm`` mean ``gpu``."""
    name = device.strip().lower().rsplit("/", 1)[-1].removeprefix("device:")
    kind, _, index = name.partition(":")
    kind = "gpu" if kind in ("cuda", "rocm") else kind
    return kind, int(index) if index.isdigit() else None
