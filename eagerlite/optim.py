"""Functional optimisers over pytrees of parameters, written once over Tensor operations:
``sgd`` (momentum, Nesterov, weight decay), ``adam`` and ``adamw``, with optax's
parameter names and ``torch.optim``'s update rules (their trajectories are equal).

Each constructor returns an ``Optimizer`` of two pure functions: ``init(params) ->
state`` and ``update(grads, state, params) -> (params, state)``; ``params``, ``grads``
and ``state`` are pytrees (tuples, lists, dicts) of Tensors of one framework, so a whole
training step compiles in one graph (``ep.jit``) on every framework::

    opt = ep.optim.adam(learning_rate=1e-3)
    state = opt.init(params)
    params, state = opt.update(ep.grad(loss)(params, x, y), state, params)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ._core.pytree import tree_flatten, tree_map
from .dtypes import int32
from .tensor._wrapper import TENSOR_CLASSES

__all__ = ["AdamState", "Optimizer", "SgdState", "adam", "adamw", "sgd"]


class Optimizer(NamedTuple):
    """An optimiser: ``init(params) -> state``, ``update(grads, state, params) ->
    (params, state)``, both pure."""

    init: Callable[[Any], Any]
    update: Callable[[Any, Any, Any], tuple[Any, Any]]


class SgdState(NamedTuple):
    """``sgd``'s state: the momentum buffers (``None`` without momentum)."""

    momentum: Any


class AdamState(NamedTuple):
    """``adam``'s and ``adamw``'s state: the step count (a 0-d int32 Tensor), and the
    moving averages of the gradients and of their squares."""

    count: Any
    mu: Any
    nu: Any


def _check_rate(name: str, value: float, low: float = 0.0, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if value < low or (high is not None and value >= high):
        where = f"in [{low}, {high})" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be {where}, got {value}")
    return float(value)


def _check_trees(grads: Any, params: Any) -> None:
    """``grads`` and ``params``: Tensors of one framework, in the same structure."""
    p_leaves, p_def = tree_flatten(params)
    g_leaves, g_def = tree_flatten(grads)
    if g_def != p_def:
        raise ValueError(
            f"update got gradients of another structure than the parameters: {g_def!r} "
            f"for {p_def!r}"
        )
    for g, p in zip(g_leaves, p_leaves, strict=True):
        if type(p) not in TENSOR_CLASSES or type(g) is not type(p):
            raise TypeError(
                f"update needs Tensors of one framework as parameters and gradients, got a "
                f"{type(g).__name__} gradient for a {type(p).__name__} parameter"
            )
        if g.shape != p.shape:
            raise ValueError(
                f"update got a gradient of shape {g.shape} for a parameter of shape {p.shape}"
            )


def sgd(
    learning_rate: float,
    momentum: float = 0.0,
    nesterov: bool = False,
    weight_decay: float = 0.0,
) -> Optimizer:
    """Stochastic gradient descent, as ``torch.optim.SGD`` (dampening 0): with weight
    decay ``g + weight_decay * p``; with momentum ``b = momentum * b + g`` (``b = g`` at
    the first step) and the step ``g + momentum * b`` (Nesterov) or ``b``."""
    lr = _check_rate("learning_rate", learning_rate)
    mu = _check_rate("momentum", momentum)
    wd = _check_rate("weight_decay", weight_decay)
    if nesterov and mu == 0.0:
        raise ValueError("nesterov=True needs a momentum > 0")

    def init(params: Any) -> SgdState:
        if mu == 0.0:
            return SgdState(None)
        return SgdState(tree_map(lambda p: p.zeros_like(), params))

    def update(grads: Any, state: SgdState, params: Any) -> tuple[Any, SgdState]:
        _check_trees(grads, params)
        if wd:
            grads = tree_map(lambda g, p: g + wd * p, grads, params)
        if mu == 0.0:
            return tree_map(lambda p, g: p - lr * g, params, grads), state
        if state.momentum is None:
            raise ValueError("update got an SgdState without momentum buffers: init it first")
        # (at the first step torch takes b = g: the buffers start at zero, so the same)
        buffers = tree_map(lambda b, g: mu * b + g, state.momentum, grads)
        steps = tree_map(lambda g, b: g + mu * b, grads, buffers) if nesterov else buffers
        return tree_map(lambda p, s: p - lr * s, params, steps), SgdState(buffers)

    return Optimizer(init, update)


def adam(
    learning_rate: float = 1e-3,
    b1: float = 0.9,
    b2: float = 0.999,
    eps: float = 1e-8,
    weight_decay: float = 0.0,
) -> Optimizer:
    """Adam, as ``torch.optim.Adam`` (and ``optax.adam``): bias-corrected moving averages
    of the gradients and their squares; ``weight_decay`` adds ``weight_decay * p`` to the
    gradient (L2, as torch's Adam; for decoupled decay use ``adamw``)."""
    return _adam(learning_rate, b1, b2, eps, weight_decay, decoupled=False)


def adamw(
    learning_rate: float = 1e-3,
    b1: float = 0.9,
    b2: float = 0.999,
    eps: float = 1e-8,
    weight_decay: float = 1e-2,
) -> Optimizer:
    """AdamW, as ``torch.optim.AdamW`` (and ``optax.adamw``): Adam with the parameters
    decayed by ``learning_rate * weight_decay * p`` apart from the gradient."""
    return _adam(learning_rate, b1, b2, eps, weight_decay, decoupled=True)


def _adam(
    learning_rate: float, b1: float, b2: float, eps: float, weight_decay: float, decoupled: bool
) -> Optimizer:
    lr = _check_rate("learning_rate", learning_rate)
    beta1 = _check_rate("b1", b1, 0.0, 1.0)
    beta2 = _check_rate("b2", b2, 0.0, 1.0)
    epsilon = _check_rate("eps", eps)
    wd = _check_rate("weight_decay", weight_decay)

    def init(params: Any) -> AdamState:
        leaves, _ = tree_flatten(params)
        if not leaves or type(leaves[0]) not in TENSOR_CLASSES:
            raise TypeError("init needs a pytree of Tensors as parameters")
        count = leaves[0].zeros((), dtype=int32)
        zeros = tree_map(lambda p: p.zeros_like(), params)
        return AdamState(count, zeros, tree_map(lambda p: p.zeros_like(), params))

    def update(grads: Any, state: AdamState, params: Any) -> tuple[Any, AdamState]:
        _check_trees(grads, params)
        if wd and not decoupled:
            grads = tree_map(lambda g, p: g + wd * p, grads, params)
        if wd and decoupled:
            params = tree_map(lambda p: p * (1.0 - lr * wd), params)
        count = state.count + 1
        mu = tree_map(lambda m, g: beta1 * m + (1.0 - beta1) * g, state.mu, grads)
        nu = tree_map(lambda v, g: beta2 * v + (1.0 - beta2) * g * g, state.nu, grads)
        t = count.astype(_float_dtype(params))
        correction1 = 1.0 - beta1**t
        correction2 = 1.0 - beta2**t
        step_size = lr / correction1

        def step(p: Any, m: Any, v: Any) -> Any:
            return p - step_size * m / ((v / correction2).sqrt() + epsilon)

        return tree_map(step, params, mu, nu), AdamState(count, mu, nu)

    return Optimizer(init, update)


def _float_dtype(params: Any) -> Any:
    leaves, _ = tree_flatten(params)
    return leaves[0].dtype
