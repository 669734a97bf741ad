"""Small helpers kept for EagerPy compatibility (a face)."""

from __future__ import annotations

from typing import Any

from ._core import registry
from .astensor import tensor_class
from .tensor.tensor import Tensor

DUMMY_NAMES = ("numpy", "pytorch", "pytorch-gpu", "tensorflow", "jax")


def get_dummy(name: str) -> Tensor[Any]:
    """An empty float32 tensor of framework ``name``: one of ``DUMMY_NAMES``."""
    if name not in DUMMY_NAMES:
        raise ValueError(f"unknown framework {name!r}; expected one of {DUMMY_NAMES}")
    framework, _, gpu = name.partition("-")
    cls = tensor_class(registry.get(framework).name)
    dummy = cls(cls._ns.zeros(0, dtype=cls._dtypes["float32"]))
    return dummy.to_device("cuda") if gpu else dummy
