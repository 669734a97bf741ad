"""Type aliases used in eagerlite's signatures (the same names EagerPy exposes as ``ep.types``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

Axes: TypeAlias = tuple[int, ...]
"""A tuple of axis indices."""

AxisAxes: TypeAlias = int | Axes
"""One axis or a tuple of axes."""

Shape: TypeAlias = tuple[int, ...]
"""A tensor shape."""

ShapeOrScalar: TypeAlias = Shape | int
"""A shape, or a single int standing for a one-dimensional shape."""

if TYPE_CHECKING:
    import jax
    import numpy as np
    import tensorflow as tf
    import torch

    NativeTensor: TypeAlias = np.ndarray[Any, Any] | torch.Tensor | tf.Tensor | jax.Array
    """Any tensor type of the four supported frameworks."""
else:
    NativeTensor = Any

__all__ = ["Axes", "AxisAxes", "NativeTensor", "Shape", "ShapeOrScalar"]
