"""``PyTorchTensor`` wraps ``torch.Tensor`` (EagerPy's module path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tensor import Tensor

if TYPE_CHECKING:
    import torch


class PyTorchTensor(Tensor["torch.Tensor"]):
    """A ``torch.Tensor`` (also ``nn.Parameter`` and other subclasses), on any device."""

    __slots__ = ()
    framework = "torch"
    raw: torch.Tensor

    if TYPE_CHECKING:

        @property
        def dtype(self) -> torch.dtype: ...
        @property
        def device(self) -> torch.device: ...


__all__ = ["PyTorchTensor"]
