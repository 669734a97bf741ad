"""Small helpers kept for EagerPy compatibility."""

from __future__ import annotations

from typing import Any

from .astensor import astensor
from .tensor.tensor import Tensor

DUMMY_NAMES = ("numpy", "pytorch", "pytorch-gpu", "tensorflow", "jax")


def get_dummy(name: str) -> Tensor[Any]:
    """An empty float32 tensor of framework ``name``: one of ``DUMMY_NAMES``."""
    if name == "numpy":
        import numpy as np

        return astensor(np.zeros(0, dtype=np.float32))
    if name in ("pytorch", "pytorch-gpu"):
        import torch

        return astensor(torch.zeros(0, device="cuda" if name == "pytorch-gpu" else "cpu"))
    if name == "tensorflow":
        import tensorflow as tf

        return astensor(tf.zeros(0))
    if name == "jax":
        import jax.numpy as jnp

        return astensor(jnp.zeros(0, dtype=jnp.float32))
    raise ValueError(f"unknown framework {name!r}; expected one of {DUMMY_NAMES}")
