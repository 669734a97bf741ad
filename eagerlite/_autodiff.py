"""The autodiff part of the :class:`~eagerlite.Tensor` API, written once on one backend hook."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, Self, overload

if TYPE_CHECKING:
    from .tensor.tensor import Tensor

P = ParamSpec("P")


class Differentiable(ABC):
    """``value_and_grad`` and friends; a backend implements ``_value_and_grad_fn`` only."""

    __slots__ = ()

    @abstractmethod
    def _value_and_grad_fn(
        self, f: Callable[..., Any], has_aux: bool
    ) -> Callable[..., tuple[Any, ...]]:
        """The backend's autodiff: ``g(x, *args, **kwargs) -> (value, [aux,] grad)``."""

    @overload
    def value_and_grad_fn(
        self, f: Callable[Concatenate[Self, P], Self], has_aux: Literal[False] = False
    ) -> Callable[Concatenate[Self, P], tuple[Self, Self]]: ...

    @overload
    def value_and_grad_fn(
        self, f: Callable[Concatenate[Self, P], tuple[Self, Any]], has_aux: Literal[True]
    ) -> Callable[Concatenate[Self, P], tuple[Self, Any, Self]]: ...

    def value_and_grad_fn(self, f: Callable[..., Any], has_aux: bool = False) -> Callable[..., Any]:
        """A function computing ``f``'s value and its gradient w.r.t. its first argument.

        ``f`` takes and returns eagerlite tensors and must return a scalar (0-d)
        tensor, or ``(scalar, aux)`` with ``has_aux=True``.  This tensor only picks
        the framework.  No ``.grad`` attribute of any tensor is written.
        """
        return self._value_and_grad_fn(f, has_aux)

    def value_and_grad(
        self, f: Callable[Concatenate[Self, P], Self], *args: P.args, **kwargs: P.kwargs
    ) -> tuple[Self, Self]:
        """``f(self, *args, **kwargs)`` and its gradient with respect to ``self``."""
        value, grad = self._value_and_grad_fn(f, False)(self, *args, **kwargs)
        return value, grad

    def value_aux_and_grad(
        self,
        f: Callable[Concatenate[Self, P], tuple[Self, Any]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> tuple[Self, Any, Self]:
        """Like :meth:`value_and_grad` for an ``f`` returning ``(value, aux)``."""
        value, aux, grad = self._value_and_grad_fn(f, True)(self, *args, **kwargs)
        return value, aux, grad


def split_loss(output: Any, has_aux: bool) -> tuple[Tensor[Any], Any]:
    """Split ``f``'s output into (loss, aux) and check the loss is a scalar Tensor."""
    loss, aux = output, None
    if has_aux:
        if not (isinstance(output, tuple) and len(output) == 2):
            raise TypeError(
                "with has_aux=True the function must return a (loss, aux) tuple, "
                f"got {type(output).__name__}"
            )
        loss, aux = output
    if not isinstance(loss, Differentiable):  # (the base class of Tensor)
        raise TypeError(f"the function must return an eagerlite Tensor, got {type(loss).__name__}")
    tensor: Tensor[Any] = loss  # type: ignore[assignment]
    if tensor.ndim != 0:
        raise ValueError(
            f"the function must return a scalar (0-d) tensor, got shape {tensor.shape}"
        )
    return tensor, aux
