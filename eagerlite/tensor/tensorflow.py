"""``TensorFlowTensor`` wraps ``tf.Tensor`` and ``tf.Variable`` (EagerPy's module path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tensor import Tensor

if TYPE_CHECKING:
    import tensorflow as tf


class TensorFlowTensor(Tensor["tf.Tensor"]):
    """A ``tf.Tensor`` (eager or symbolic, as inside ``tf.function``) or a ``tf.Variable``."""

    __slots__ = ()
    framework = "tensorflow"
    raw: tf.Tensor

    if TYPE_CHECKING:

        @property
        def dtype(self) -> tf.DType: ...
        @property
        def device(self) -> str: ...


__all__ = ["TensorFlowTensor"]
