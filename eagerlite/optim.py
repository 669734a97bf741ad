"""Functional optimisers over pytrees of parameters, written once over Tensor operations:
``sgd`` (momentum, Nesterov, weight decay), ``adam``, ``adamw``, ``rmsprop`` (centered,
momentum), ``adagrad`` and ``lion``, with optax's parameter names and ``torch.optim``'s
update rules (their trajectories are equal; ``lion``'s is optax's).

Each constructor returns an ``Optimizer`` of two pure functions: ``init(params) ->
state`` and ``update(grads, state, params) -> (params, state)``; ``params``, ``grads``
and ``state`` are pytrees (tuples, lists, dicts) of Tensors of one framework, so a whole
training step compiles in one graph (``ep.jit``) on every framework::

    opt = ep.optim.adam(learning_rate=1e-3)
    state = opt.init(params)
    params, state = opt.update(ep.grad(loss)(params, x, y), state, params)

Every ``learning_rate`` is a number or a schedule, a function of the step count (a Python
int, or the state's ``count``, a 0-d int32 Tensor) to the rate, evaluated on the count
before the step (the first step takes ``schedule(0)``, as optax does, and as
``torch.optim.lr_scheduler`` stepped once per step does): ``constant_schedule``,
``piecewise_constant_schedule`` and ``warmup_cosine_decay_schedule`` (optax's) and
``step_lr`` (``torch.optim.lr_scheduler.StepLR``'s), written with Tensor operations
(``where``, ``minimum``, ``cos``) so that they compile too.  ``clip_by_global_norm(grads,
max_norm)`` scales gradients to a global norm, as ``torch.nn.utils.clip_grad_norm_``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, TypeAlias, TypeVar

from ._core.dtypes import float32, float64, in_kind, int32, name_of
from ._core.pytree import tree_flatten, tree_map
from ._namespaces import array_namespace
from .tensor._wrapper import TENSOR_CLASSES

__all__ = [
    "AdagradState",
    "AdamState",
    "LionState",
    "Optimizer",
    "RmspropState",
    "Schedule",
    "SgdState",
    "adagrad",
    "adam",
    "adamw",
    "clip_by_global_norm",
    "constant_schedule",
    "lion",
    "piecewise_constant_schedule",
    "rmsprop",
    "sgd",
    "step_lr",
    "warmup_cosine_decay_schedule",
]

Schedule: TypeAlias = Callable[[Any], Any]
"""A learning-rate schedule: the step count (a Python int or a 0-d int Tensor) to the rate
(a float, or a 0-d float Tensor for a Tensor count)."""

_Tree = TypeVar("_Tree")


class Optimizer(NamedTuple):
    """An optimiser: ``init(params) -> state``, ``update(grads, state, params) ->
    (params, state)``, both pure."""

    init: Callable[[Any], Any]
    update: Callable[[Any, Any, Any], tuple[Any, Any]]


class SgdState(NamedTuple):
    """``sgd``'s state: the step count (a 0-d int32 Tensor) and the momentum buffers
    (``None`` without momentum)."""

    count: Any
    momentum: Any


class AdamState(NamedTuple):
    """``adam``'s and ``adamw``'s state: the step count (a 0-d int32 Tensor), and the
    moving averages of the gradients and of their squares."""

    count: Any
    mu: Any
    nu: Any


class RmspropState(NamedTuple):
    """``rmsprop``'s state: the step count (a 0-d int32 Tensor), the moving average of
    the squared gradients, that of the gradients (``None`` unless centered) and the
    momentum buffers (``None`` without momentum)."""

    count: Any
    nu: Any
    mu: Any
    momentum: Any


class AdagradState(NamedTuple):
    """``adagrad``'s state: the step count (a 0-d int32 Tensor) and the sums of the
    squared gradients."""

    count: Any
    sum_of_squares: Any


class LionState(NamedTuple):
    """``lion``'s state: the step count (a 0-d int32 Tensor) and the moving average of
    the gradients."""

    count: Any
    mu: Any


def _check_rate(name: str, value: float, low: float = 0.0, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if value < low or (high is not None and value >= high):
        where = f"in [{low}, {high})" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be {where}, got {value}")
    return float(value)


def _check_steps(name: str, value: int, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < low:
        raise ValueError(f"{name} must be >= {low}, got {value}")
    return int(value)


def _check_learning_rate(value: float | Schedule) -> Schedule:
    """A number (checked, as a constant schedule) or a schedule, as a schedule."""
    if callable(value):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"learning_rate must be a number or a schedule (a function of the step count), "
            f"got {type(value).__name__}"
        )
    return constant_schedule(_check_rate("learning_rate", value))


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


def _new_count(params: Any) -> Any:
    """A 0-d int32 zero of the parameters' framework: the step count of a new state."""
    leaves, _ = tree_flatten(params)
    if not leaves or type(leaves[0]) not in TENSOR_CLASSES:
        raise TypeError("init needs a pytree of Tensors as parameters")
    return leaves[0].zeros((), dtype=int32)


def _rate_at(schedule: Schedule, count: Any, params: Any) -> Any:
    """The learning rate at ``count``: a float, or a 0-d Tensor of the parameters' dtype."""
    value = schedule(count)
    if type(value) in TENSOR_CLASSES:
        return value.astype(_float_dtype(params))
    return float(value)


def _float_dtype(params: Any) -> Any:
    leaves, _ = tree_flatten(params)
    return leaves[0].dtype


# ------------------------------------------------------------------------- optimisers
def sgd(
    learning_rate: float | Schedule,
    momentum: float = 0.0,
    nesterov: bool = False,
    weight_decay: float = 0.0,
) -> Optimizer:
    """Stochastic gradient descent, as ``torch.optim.SGD`` (dampening 0): with weight
    decay ``g + weight_decay * p``; with momentum ``b = momentum * b + g`` (``b = g`` at
    the first step) and the step ``g + momentum * b`` (Nesterov) or ``b``."""
    schedule = _check_learning_rate(learning_rate)
    mu = _check_rate("momentum", momentum)
    wd = _check_rate("weight_decay", weight_decay)
    if nesterov and mu == 0.0:
        raise ValueError("nesterov=True needs a momentum > 0")
    # (Python bools, not the floats, in the branches: torch.compile may trace the floats)
    heavy, decays = mu != 0.0, wd != 0.0

    def init(params: Any) -> SgdState:
        count = _new_count(params)
        if not heavy:
            return SgdState(count, None)
        return SgdState(count, tree_map(lambda p: p.zeros_like(), params))

    def update(grads: Any, state: SgdState, params: Any) -> tuple[Any, SgdState]:
        _check_trees(grads, params)
        lr = _rate_at(schedule, state.count, params)
        count = state.count + 1
        if decays:
            grads = tree_map(lambda g, p: g + wd * p, grads, params)
        if not heavy:
            return tree_map(lambda p, g: p - lr * g, params, grads), SgdState(count, None)
        if state.momentum is None:
            raise ValueError("update got an SgdState without momentum buffers: init it first")
        # (at the first step torch takes b = g: the buffers start at zero, so the same)
        buffers = tree_map(lambda b, g: mu * b + g, state.momentum, grads)
        steps = tree_map(lambda g, b: g + mu * b, grads, buffers) if nesterov else buffers
        return tree_map(lambda p, s: p - lr * s, params, steps), SgdState(count, buffers)

    return Optimizer(init, update)


def adam(
    learning_rate: float | Schedule = 1e-3,
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
    learning_rate: float | Schedule = 1e-3,
    b1: float = 0.9,
    b2: float = 0.999,
    eps: float = 1e-8,
    weight_decay: float = 1e-2,
) -> Optimizer:
    """AdamW, as ``torch.optim.AdamW`` (and ``optax.adamw``): Adam with the parameters
    decayed by ``learning_rate * weight_decay * p`` apart from the gradient."""
    return _adam(learning_rate, b1, b2, eps, weight_decay, decoupled=True)


def _adam(
    learning_rate: float | Schedule,
    b1: float,
    b2: float,
    eps: float,
    weight_decay: float,
    decoupled: bool,
) -> Optimizer:
    schedule = _check_learning_rate(learning_rate)
    beta1 = _check_rate("b1", b1, 0.0, 1.0)
    beta2 = _check_rate("b2", b2, 0.0, 1.0)
    epsilon = _check_rate("eps", eps)
    wd = _check_rate("weight_decay", weight_decay)
    decays = wd != 0.0

    def init(params: Any) -> AdamState:
        count = _new_count(params)
        zeros = tree_map(lambda p: p.zeros_like(), params)
        return AdamState(count, zeros, tree_map(lambda p: p.zeros_like(), params))

    def update(grads: Any, state: AdamState, params: Any) -> tuple[Any, AdamState]:
        _check_trees(grads, params)
        lr = _rate_at(schedule, state.count, params)
        if decays and not decoupled:
            grads = tree_map(lambda g, p: g + wd * p, grads, params)
        if decays and decoupled:
            params = tree_map(lambda p: p * (1.0 - lr * wd), params)
        count = state.count + 1
        mu = tree_map(lambda m, g: beta1 * m + (1.0 - beta1) * g, state.mu, grads)
        nu = tree_map(lambda v, g: beta2 * v + (1.0 - beta2) * g * g, state.nu, grads)
        # (the bias corrections in float64 where the framework has it, as torch's in
        # Python floats: in float32, 1 - 0.999**t would lose four digits)
        t = _float_count(count)
        dtype = _float_dtype(params)
        step_size = (lr / (1.0 - beta1**t)).astype(dtype)
        root2 = (1.0 - beta2**t).sqrt().astype(dtype)

        def step(p: Any, m: Any, v: Any) -> Any:
            return p - step_size * m / (v.sqrt() / root2 + epsilon)

        return tree_map(step, params, mu, nu), AdamState(count, mu, nu)

    return Optimizer(init, update)


def rmsprop(
    learning_rate: float | Schedule = 1e-2,
    decay: float = 0.99,
    eps: float = 1e-8,
    momentum: float = 0.0,
    centered: bool = False,
    weight_decay: float = 0.0,
) -> Optimizer:
    """RMSprop, as ``torch.optim.RMSprop`` (``alpha`` is ``decay``; optax's names): with
    weight decay ``g + weight_decay * p``; ``v = decay * v + (1 - decay) * g * g``, less
    the square of the moving average of the gradients if ``centered``, and the step
    ``g / (sqrt(v) + eps)`` (``eps`` outside the root, as torch; ``optax.rmsprop`` adds it
    inside), through momentum buffers ``b = momentum * b + step`` if ``momentum``."""
    schedule = _check_learning_rate(learning_rate)
    alpha = _check_rate("decay", decay, 0.0, 1.0)
    epsilon = _check_rate("eps", eps)
    mom = _check_rate("momentum", momentum)
    wd = _check_rate("weight_decay", weight_decay)
    heavy, decays = mom != 0.0, wd != 0.0

    def init(params: Any) -> RmspropState:
        count = _new_count(params)
        nu = tree_map(lambda p: p.zeros_like(), params)
        mu = tree_map(lambda p: p.zeros_like(), params) if centered else None
        buffers = tree_map(lambda p: p.zeros_like(), params) if heavy else None
        return RmspropState(count, nu, mu, buffers)

    def update(grads: Any, state: RmspropState, params: Any) -> tuple[Any, RmspropState]:
        _check_trees(grads, params)
        if (state.mu is None) == centered or (state.momentum is None) == heavy:
            raise ValueError("update got an RmspropState of another rmsprop: init it first")
        lr = _rate_at(schedule, state.count, params)
        if decays:
            grads = tree_map(lambda g, p: g + wd * p, grads, params)
        nu = tree_map(lambda v, g: alpha * v + (1.0 - alpha) * g * g, state.nu, grads)
        mu = None
        if centered:  # (torch's lerp: m + (1 - decay) * (g - m))
            mu = tree_map(lambda m, g: m + (1.0 - alpha) * (g - m), state.mu, grads)
            rms = tree_map(lambda v, m: (v - m * m).sqrt() + epsilon, nu, mu)
        else:
            rms = tree_map(lambda v: v.sqrt() + epsilon, nu)
        count = state.count + 1
        if not heavy:
            new = tree_map(lambda p, g, r: p - lr * (g / r), params, grads, rms)
            return new, RmspropState(count, nu, mu, None)
        buffers = tree_map(lambda b, g, r: mom * b + g / r, state.momentum, grads, rms)
        new = tree_map(lambda p, b: p - lr * b, params, buffers)
        return new, RmspropState(count, nu, mu, buffers)

    return Optimizer(init, update)


def adagrad(
    learning_rate: float | Schedule = 1e-2,
    initial_accumulator_value: float = 0.0,
    eps: float = 1e-10,
    weight_decay: float = 0.0,
) -> Optimizer:
    """Adagrad, as ``torch.optim.Adagrad`` (``lr_decay`` 0; optax's names): with weight
    decay ``g + weight_decay * p``; the sums ``s = s + g * g`` start at
    ``initial_accumulator_value``, and the step is ``g / (sqrt(s) + eps)``."""
    schedule = _check_learning_rate(learning_rate)
    initial = _check_rate("initial_accumulator_value", initial_accumulator_value)
    epsilon = _check_rate("eps", eps)
    wd = _check_rate("weight_decay", weight_decay)
    decays = wd != 0.0

    def init(params: Any) -> AdagradState:
        count = _new_count(params)
        return AdagradState(count, tree_map(lambda p: p.full_like(initial), params))

    def update(grads: Any, state: AdagradState, params: Any) -> tuple[Any, AdagradState]:
        _check_trees(grads, params)
        lr = _rate_at(schedule, state.count, params)
        if decays:
            grads = tree_map(lambda g, p: g + wd * p, grads, params)
        sums = tree_map(lambda s, g: s + g * g, state.sum_of_squares, grads)

        def step(p: Any, g: Any, s: Any) -> Any:
            return p - lr * (g / (s.sqrt() + epsilon))

        new = tree_map(step, params, grads, sums)
        return new, AdagradState(state.count + 1, sums)

    return Optimizer(init, update)


def lion(
    learning_rate: float | Schedule = 1e-4,
    b1: float = 0.9,
    b2: float = 0.99,
    weight_decay: float = 0.0,
) -> Optimizer:
    """Lion, as ``optax.lion`` (torch.optim has none): the step is the sign of
    ``(1 - b1) * g + b1 * m``, plus ``weight_decay * p`` (decoupled), times the learning
    rate; then ``m = b2 * m + (1 - b2) * g``."""
    schedule = _check_learning_rate(learning_rate)
    beta1 = _check_rate("b1", b1, 0.0, 1.0)
    beta2 = _check_rate("b2", b2, 0.0, 1.0)
    wd = _check_rate("weight_decay", weight_decay)
    decays = wd != 0.0

    def init(params: Any) -> LionState:
        return LionState(_new_count(params), tree_map(lambda p: p.zeros_like(), params))

    def update(grads: Any, state: LionState, params: Any) -> tuple[Any, LionState]:
        _check_trees(grads, params)
        lr = _rate_at(schedule, state.count, params)
        signs = tree_map(lambda g, m: ((1.0 - beta1) * g + beta1 * m).sign(), grads, state.mu)
        if decays:
            signs = tree_map(lambda s, p: s + wd * p, signs, params)
        new = tree_map(lambda p, s: p - lr * s, params, signs)
        mu = tree_map(lambda m, g: (1.0 - beta2) * g + beta2 * m, state.mu, grads)
        return new, LionState(state.count + 1, mu)

    return Optimizer(init, update)


# -------------------------------------------------------------------------- schedules
# (on a Python count in Python floats, on a Tensor count in Tensor operations: no Python
# branch on its value, so a schedule compiles inside a training step)
def _float_count(count: Any) -> Any:
    """The count as a float, or as a float Tensor (float64 where the framework has it)."""
    if type(count) in TENSOR_CLASSES:
        if in_kind(name_of(count.dtype), count.dtype, "real floating"):
            return count
        info = array_namespace(count).__array_namespace_info__()
        wide = "float64" in info.dtypes(kind="real floating")
        return count.astype(float64 if wide else float32)
    if isinstance(count, bool) or not isinstance(count, numbers.Real):
        raise TypeError(f"a schedule needs an int or a Tensor count, got {type(count).__name__}")
    return float(count)


def _cos(x: Any) -> Any:
    return math.cos(x) if isinstance(x, float) else x.cos()


def _minimum(x: Any, y: float) -> Any:
    return min(x, y) if isinstance(x, float) else x.minimum(y)


def _floor(x: Any) -> Any:
    return float(math.floor(x)) if isinstance(x, float) else x.floor()


def _where(condition: Any, x: Any, y: Any) -> Any:
    return (x if condition else y) if isinstance(condition, bool) else condition.where(x, y)


def constant_schedule(value: float) -> Schedule:
    """``value`` at every step (``optax.constant_schedule``)."""
    rate = _check_rate("value", value)

    def schedule(count: Any) -> Any:
        return rate

    return schedule


def piecewise_constant_schedule(
    init_value: float, boundaries_and_scales: Mapping[int, float] | None = None
) -> Schedule:
    """``init_value`` times the scales of every boundary reached (``count >= boundary``),
    as ``optax.piecewise_constant_schedule``: ``{100: 0.1, 200: 0.1}`` divides the rate
    by 10 at step 100 and again at step 200 (``torch.optim.lr_scheduler.MultiStepLR``)."""
    rate = _check_rate("init_value", init_value)
    pieces = sorted(
        (_check_steps("boundaries_and_scales' boundaries", boundary),
         _check_rate("boundaries_and_scales' scales", scale))
        for boundary, scale in (boundaries_and_scales or {}).items()
    )  # fmt: skip

    def schedule(count: Any) -> Any:
        t = _float_count(count)
        # (a Tensor from the start: torch's where makes float32 of two Python floats; by
        # arithmetic on the count, which keeps its placement, e.g. beside sharded JAX ones)
        value = rate if isinstance(t, float) else t * 0.0 + rate
        for boundary, scale in pieces:
            value = _where(t >= boundary, value * scale, value)
        return value

    return schedule


def warmup_cosine_decay_schedule(
    init_value: float,
    peak_value: float,
    warmup_steps: int,
    decay_steps: int,
    end_value: float = 0.0,
) -> Schedule:
    """A linear warm-up from ``init_value`` to ``peak_value`` over ``warmup_steps``, then
    a cosine decay to ``end_value`` at ``decay_steps`` (counted from 0, the warm-up
    included), constant after: ``optax.warmup_cosine_decay_schedule``'s formula,
    ``end + (peak - end) * (1 + cos(pi * (t - warmup) / (decay - warmup))) / 2``."""
    start = _check_rate("init_value", init_value)
    peak = _check_rate("peak_value", peak_value)
    end = _check_rate("end_value", end_value)
    warmup = _check_steps("warmup_steps", warmup_steps)
    total = _check_steps("decay_steps", decay_steps, warmup + 1)
    length = float(total - warmup)
    warms = warmup > 0

    def schedule(count: Any) -> Any:
        t = _float_count(count)
        progress = _minimum(t - warmup, length) / length
        cosine = end + (peak - end) * (0.5 * (1.0 + _cos(math.pi * progress)))
        if not warms:
            return cosine
        warm = start + (peak - start) * (t / warmup)
        return _where(t < warmup, warm, cosine)

    return schedule


def step_lr(learning_rate: float, step_size: int, gamma: float = 0.1) -> Schedule:
    """``learning_rate * gamma ** (count // step_size)``: the rate decayed by ``gamma``
    every ``step_size`` steps, as ``torch.optim.lr_scheduler.StepLR`` stepped once per
    optimiser step."""
    rate = _check_rate("learning_rate", learning_rate)
    size = _check_steps("step_size", step_size, 1)
    factor = _check_rate("gamma", gamma)

    def schedule(count: Any) -> Any:
        return rate * factor ** _floor(_float_count(count) / size)

    return schedule


# -------------------------------------------------------------------------- clipping
def clip_by_global_norm(grads: _Tree, max_norm: float) -> _Tree:
    """The gradients scaled by ``min(1, max_norm / (global_norm + 1e-6))``, where
    ``global_norm`` is the norm of all of them as one vector: the formula (and values) of
    ``torch.nn.utils.clip_grad_norm_``.  (``optax.clip_by_global_norm`` is a gradient
    transformation scaling by ``max_norm / global_norm`` where that is below 1; the two
    differ by about ``1e-6 / global_norm`` relatively.)  ``grads`` is a pytree of Tensors
    of one framework; no Python branch on values, so it compiles::

        grads = ep.optim.clip_by_global_norm(grads, max_norm=1.0)
    """
    limit = _check_rate("max_norm", max_norm)
    leaves, _ = tree_flatten(grads)
    if not leaves:
        return grads
    for g in leaves:
        if type(g) not in TENSOR_CLASSES or type(g) is not type(leaves[0]):
            raise TypeError(
                f"clip_by_global_norm needs Tensors of one framework as gradients, got a "
                f"{type(g).__name__} beside a {type(leaves[0]).__name__}"
            )
    dtype = leaves[0].dtype
    squares = [(g * g).sum().sqrt().astype(dtype).square() for g in leaves]
    total = squares[0]
    for square in squares[1:]:
        total = total + square
    scale = (limit / (total.sqrt() + 1e-6)).minimum(1.0)
    return tree_map(lambda g: g * scale.astype(g.dtype), grads)  # type: ignore[no-any-return]
