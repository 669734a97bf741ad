"""``ep.optim``: functional optimisers over pytrees, written once; their trajectories on
every framework equal ``torch.optim``'s on the same loss (100 steps, float64 to 1e-12;
float32 to 1e-5), with learning-rate schedules equal to ``torch.optim.lr_scheduler``'s;
``lion``'s equals a NumPy reference (and optax's); ``clip_by_global_norm`` equals
``torch.nn.utils.clip_grad_norm_``; a training step compiles with ``ep.jit``, schedules
and clipping included; and the bad inputs."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from conftest import make

import eagerlite as ep

W0 = np.array([[0.5, -1.0], [2.0, 0.25], [-0.75, 1.5]])
B0 = np.array([0.1, -0.2])
X = np.linspace(-1.0, 1.0, 12).reshape(4, 3)
Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, -0.5]])

CASES: dict[str, tuple[Callable[[], Any], Callable[[Any], Any]]] = {
    "sgd": (
        lambda: ep.optim.sgd(0.1),
        lambda torch, p: torch.optim.SGD(p, lr=0.1),
    ),
    "sgd-momentum-decay": (
        lambda: ep.optim.sgd(0.05, momentum=0.9, weight_decay=0.01),
        lambda torch, p: torch.optim.SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01),
    ),
    "sgd-nesterov": (
        lambda: ep.optim.sgd(0.05, momentum=0.8, nesterov=True),
        lambda torch, p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True),
    ),
    "adam": (
        lambda: ep.optim.adam(learning_rate=0.01),
        lambda torch, p: torch.optim.Adam(p, lr=0.01),
    ),
    "adam-l2": (
        lambda: ep.optim.adam(learning_rate=0.01, b1=0.8, b2=0.99, eps=1e-6, weight_decay=0.1),
        lambda torch, p: torch.optim.Adam(
            p, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1
        ),
    ),
    "adamw": (
        lambda: ep.optim.adamw(learning_rate=0.01, weight_decay=0.05),
        lambda torch, p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.05),
    ),
    "rmsprop": (
        lambda: ep.optim.rmsprop(),
        lambda torch, p: torch.optim.RMSprop(p),
    ),
    "rmsprop-centered": (
        lambda: ep.optim.rmsprop(0.005, decay=0.9, eps=1e-6, centered=True),
        lambda torch, p: torch.optim.RMSprop(p, lr=0.005, alpha=0.9, eps=1e-6, centered=True),
    ),
    "rmsprop-momentum-decay": (
        lambda: ep.optim.rmsprop(0.002, momentum=0.9, weight_decay=0.01),
        lambda torch, p: torch.optim.RMSprop(p, lr=0.002, momentum=0.9, weight_decay=0.01),
    ),
    "rmsprop-centered-momentum": (
        lambda: ep.optim.rmsprop(0.002, decay=0.95, momentum=0.5, centered=True),
        lambda torch, p: torch.optim.RMSprop(p, lr=0.002, alpha=0.95, momentum=0.5, centered=True),
    ),
    "adagrad": (
        lambda: ep.optim.adagrad(0.1),
        lambda torch, p: torch.optim.Adagrad(p, lr=0.1),
    ),
    "adagrad-initial-decay": (
        lambda: ep.optim.adagrad(0.05, initial_accumulator_value=0.1, eps=1e-6, weight_decay=0.01),
        lambda torch, p: torch.optim.Adagrad(
            p, lr=0.05, initial_accumulator_value=0.1, eps=1e-6, weight_decay=0.01
        ),
    ),
    # schedules: torch's lr_scheduler stepped once per optimiser step
    "sgd-step-lr": (
        lambda: ep.optim.sgd(ep.optim.step_lr(0.1, step_size=30, gamma=0.5), momentum=0.5),
        lambda torch, p: _with_scheduler(
            torch.optim.SGD(p, lr=0.1, momentum=0.5),
            lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=30, gamma=0.5),
        ),
    ),
    "adam-warmup-cosine": (
        lambda: ep.optim.adam(ep.optim.warmup_cosine_decay_schedule(0.0, 0.02, 10, 80, 1e-3)),
        lambda torch, p: _with_scheduler(
            torch.optim.Adam(p, lr=1.0),
            lambda o: torch.optim.lr_scheduler.LambdaLR(o, warmup_cosine_reference),
        ),
    ),
    "adamw-piecewise": (
        lambda: ep.optim.adamw(
            ep.optim.piecewise_constant_schedule(0.01, {20: 0.5, 60: 0.5}), weight_decay=0.05
        ),
        lambda torch, p: _with_scheduler(
            torch.optim.AdamW(p, lr=0.01, weight_decay=0.05),
            lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[20, 60], gamma=0.5),
        ),
    ),
    "rmsprop-step-lr": (
        lambda: ep.optim.rmsprop(ep.optim.step_lr(0.01, step_size=25), centered=True),
        lambda torch, p: _with_scheduler(
            torch.optim.RMSprop(p, lr=0.01, centered=True),
            lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=25),
        ),
    ),
    "adagrad-warmup-cosine": (
        lambda: ep.optim.adagrad(ep.optim.warmup_cosine_decay_schedule(0.0, 0.02, 10, 80, 1e-3)),
        lambda torch, p: _with_scheduler(
            torch.optim.Adagrad(p, lr=1.0),
            lambda o: torch.optim.lr_scheduler.LambdaLR(o, warmup_cosine_reference),
        ),
    ),
}


def _with_scheduler(optimizer: Any, scheduler: Callable[[Any], Any]) -> tuple[Any, Any]:
    return optimizer, scheduler(optimizer)


def warmup_cosine_reference(
    step: int,
    init: float = 0.0,
    peak: float = 0.02,
    warmup: int = 10,
    decay: int = 80,
    end: float = 1e-3,
) -> float:
    """The warm-up and cosine decay, written out (the schedule of the cases above)."""
    if step < warmup:
        return init + (peak - init) * step / warmup
    progress = min(step - warmup, decay - warmup) / (decay - warmup)
    return end + (peak - end) * 0.5 * (1.0 + math.cos(math.pi * progress))


def loss_grads(params: dict[str, Any], x: Any, y: Any) -> dict[str, Any]:
    """The gradient of the mean squared error of tanh(x @ w + b), by hand (so NumPy has
    one too): the same formula on every framework."""
    h = (x @ params["w"] + params["b"]).tanh()
    d = 2.0 * (h - y) * (1.0 - h * h) / (y.shape[0] * y.shape[1])
    return {"w": x.T @ d, "b": d.sum(axis=0)}


def torch_trajectory(
    name: str, steps: int, dtype: Any = np.float64
) -> list[dict[str, np.ndarray[Any, Any]]]:
    torch = pytest.importorskip("torch")
    w = torch.tensor(W0.astype(dtype), requires_grad=True)
    b = torch.tensor(B0.astype(dtype), requires_grad=True)
    made = CASES[name][1](torch, [w, b])
    opt, scheduler = made if isinstance(made, tuple) else (made, None)
    x, y = torch.tensor(X.astype(dtype)), torch.tensor(Y.astype(dtype))
    out = []
    for _ in range(steps):
        opt.zero_grad()
        ((torch.tanh(x @ w + b) - y) ** 2).mean().backward()
        opt.step()
        if scheduler is not None:
            scheduler.step()
        out.append({"w": w.detach().numpy().copy(), "b": b.detach().numpy().copy()})
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_trajectories_equal_torch_optim(backend: str, name: str) -> None:
    expected = torch_trajectory(name, 100)
    opt = CASES[name][0]()
    params = {"w": make(backend, W0), "b": make(backend, B0)}
    x, y = make(backend, X), make(backend, Y)
    state = opt.init(params)
    for i in range(100):
        params, state = opt.update(loss_grads(params, x, y), state, params)
        if i in (0, 1, 49, 99):
            for key in ("w", "b"):
                assert type(params[key]) is type(x)
                np.testing.assert_allclose(
                    params[key].numpy(), expected[i][key], rtol=1e-12, atol=1e-14
                )


@pytest.mark.parametrize(
    "name", ["sgd-momentum-decay", "adam", "adamw", "rmsprop", "rmsprop-centered-momentum",
             "adagrad", "adam-warmup-cosine", "sgd-step-lr"]
)  # fmt: skip
def test_float32_trajectories_equal_torch_optim(backend: str, name: str) -> None:
    expected = torch_trajectory(name, 100, np.float32)
    opt = CASES[name][0]()
    params = {"w": make(backend, W0.astype(np.float32)), "b": make(backend, B0.astype(np.float32))}
    x, y = make(backend, X.astype(np.float32)), make(backend, Y.astype(np.float32))
    state = opt.init(params)
    for i in range(100):
        params, state = opt.update(loss_grads(params, x, y), state, params)
        if i in (0, 49, 99):
            for key in ("w", "b"):
                assert params[key].numpy().dtype == np.float32  # (a schedule keeps it)
                np.testing.assert_allclose(
                    params[key].numpy(), expected[i][key], rtol=1e-5, atol=1e-6
                )


def test_a_training_step_compiles(grad_backend: str) -> None:
    opt = ep.optim.adam(learning_rate=0.01)

    def loss(params: dict[str, Any], x: Any, y: Any) -> Any:
        return ((x @ params["w"] + params["b"]).tanh() - y).square().mean()

    @ep.jit
    def step(params: Any, state: Any, x: Any, y: Any) -> Any:
        return opt.update(ep.grad(loss)(params, x, y), state, params)

    params = {"w": make(grad_backend, W0), "b": make(grad_backend, B0)}
    x, y = make(grad_backend, X), make(grad_backend, Y)
    state = opt.init(params)
    eager_params, eager_state = params, state
    for _ in range(3):
        params, state = step(params, state, x, y)
        eager_params, eager_state = opt.update(
            ep.grad(loss)(eager_params, x, y), eager_state, eager_params
        )
    np.testing.assert_allclose(params["w"].numpy(), eager_params["w"].numpy(), rtol=1e-10)
    assert int(state.count.item()) == 3


def test_bad_input(backend: str) -> None:
    params = {"w": make(backend, W0)}
    opt = ep.optim.sgd(0.1, momentum=0.9)
    state = opt.init(params)
    with pytest.raises(ValueError, match="gradients of another structure than the parameters"):
        opt.update({"v": make(backend, W0)}, state, params)
    with pytest.raises(ValueError, match=r"gradient of shape \(2, 3\) for a parameter of shape"):
        opt.update({"w": make(backend, W0.T)}, state, params)
    with pytest.raises(TypeError, match="Tensors of one framework"):
        opt.update({"w": W0}, state, params)
    with pytest.raises(ValueError, match=r"learning_rate must be >= 0"):
        ep.optim.adam(learning_rate=-1.0)
    with pytest.raises(ValueError, match=r"b1 must be in \[0.0, 1.0\)"):
        ep.optim.adam(b1=1.0)
    with pytest.raises(TypeError, match="momentum must be a number"):
        ep.optim.sgd(0.1, momentum="0.9")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="nesterov=True needs a momentum"):
        ep.optim.sgd(0.1, nesterov=True)


def lion_reference(steps: int, lr: float, b1: float, b2: float, wd: float) -> list[Any]:
    """optax.lion's update, written out in NumPy on the same loss."""
    w, b = W0.copy(), B0.copy()
    mw, mb = np.zeros_like(w), np.zeros_like(b)
    out = []
    for _ in range(steps):
        h = np.tanh(X @ w + b)
        d = 2.0 * (h - Y) * (1.0 - h * h) / Y.size
        gw, gb = X.T @ d, d.sum(axis=0)
        w = w - lr * (np.sign((1.0 - b1) * gw + b1 * mw) + wd * w)
        b = b - lr * (np.sign((1.0 - b1) * gb + b1 * mb) + wd * b)
        mw, mb = (1.0 - b2) * gw + b2 * mw, (1.0 - b2) * gb + b2 * mb
        out.append({"w": w, "b": b})
    return out


@pytest.mark.parametrize("wd", [0.0, 0.1])
def test_lion_equals_its_reference(backend: str, wd: float) -> None:
    expected = lion_reference(100, 1e-3, 0.9, 0.99, wd)
    opt = ep.optim.lion(learning_rate=1e-3, weight_decay=wd)
    params = {"w": make(backend, W0), "b": make(backend, B0)}
    x, y = make(backend, X), make(backend, Y)
    state = opt.init(params)
    for i in range(100):
        params, state = opt.update(loss_grads(params, x, y), state, params)
        for key in ("w", "b"):
            np.testing.assert_allclose(params[key].numpy(), expected[i][key], rtol=1e-12)
    assert int(state.count.item()) == 100


def test_lion_and_schedules_equal_optax() -> None:
    optax = pytest.importorskip("optax")
    jnp = pytest.importorskip("jax.numpy")
    schedules = [
        (
            ep.optim.warmup_cosine_decay_schedule(0.0, 0.02, 10, 80, 1e-3),
            optax.warmup_cosine_decay_schedule(0.0, 0.02, 10, 80, 1e-3),
        ),
        (
            ep.optim.piecewise_constant_schedule(0.1, {5: 0.5, 30: 0.1}),
            optax.piecewise_constant_schedule(0.1, {5: 0.5, 30: 0.1}),
        ),
        (ep.optim.constant_schedule(0.3), optax.constant_schedule(0.3)),
    ]
    for ours, theirs in schedules:
        for k in range(100):
            np.testing.assert_allclose(ours(k), float(theirs(k)), rtol=1e-12, atol=1e-15)
    opt = optax.lion(learning_rate=1e-3, b1=0.9, b2=0.99, weight_decay=0.1)
    params = {"w": jnp.asarray(W0), "b": jnp.asarray(B0)}
    state = opt.init(params)
    expected = lion_reference(100, 1e-3, 0.9, 0.99, 0.1)
    for i in range(100):
        wrapped = {key: ep.astensor(value) for key, value in params.items()}
        grads = loss_grads(wrapped, ep.astensor(jnp.asarray(X)), ep.astensor(jnp.asarray(Y)))
        updates, state = opt.update({k: g.raw for k, g in grads.items()}, state, params)
        params = optax.apply_updates(params, updates)
        for key in ("w", "b"):
            np.testing.assert_allclose(np.asarray(params[key]), expected[i][key], rtol=1e-12)


OPTAX_CASES = {  # (ours, optax's factory): the optimisers whose rules optax shares
    "sgd": (lambda: ep.optim.sgd(0.1), lambda o: o.sgd(0.1)),
    "sgd-momentum": (
        lambda: ep.optim.sgd(0.05, momentum=0.9),
        lambda o: o.sgd(0.05, momentum=0.9),
    ),
    "sgd-nesterov": (
        lambda: ep.optim.sgd(0.05, momentum=0.8, nesterov=True),
        lambda o: o.sgd(0.05, momentum=0.8, nesterov=True),
    ),
    "adam": (
        lambda: ep.optim.adam(0.01, b1=0.8, b2=0.99, eps=1e-6),
        lambda o: o.adam(0.01, b1=0.8, b2=0.99, eps=1e-6),
    ),
    "adamw": (
        lambda: ep.optim.adamw(0.01, weight_decay=0.05),
        lambda o: o.adamw(0.01, weight_decay=0.05),
    ),
    "adam-warmup-cosine": (
        lambda: ep.optim.adam(ep.optim.warmup_cosine_decay_schedule(0.0, 0.02, 10, 80, 1e-3)),
        lambda o: o.adam(o.warmup_cosine_decay_schedule(0.0, 0.02, 10, 80, 1e-3)),
    ),
}


@pytest.mark.parametrize("name", sorted(OPTAX_CASES))
def test_trajectories_equal_optax(name: str, backend: str) -> None:
    """100 steps equal optax's (on JAX) on every framework (float64, 1e-12; with a
    schedule 1e-7 and 1e-8 absolute, optax's float32 schedule values)."""
    optax = pytest.importorskip("optax")
    jnp = pytest.importorskip("jax.numpy")
    ours, theirs = OPTAX_CASES[name]
    # (optax evaluates a schedule on its int32 step count in float32: 1e-7 of the rate)
    rtol, atol = (1e-7, 1e-8) if "cosine" in name else (1e-12, 1e-14)
    opt = theirs(optax)
    reference = {"w": jnp.asarray(W0), "b": jnp.asarray(B0)}
    state = opt.init(reference)
    ep_opt = ours()
    params = {"w": make(backend, W0), "b": make(backend, B0)}
    ep_state = ep_opt.init(params)
    x, y = make(backend, X), make(backend, Y)
    xj, yj = ep.astensor(jnp.asarray(X)), ep.astensor(jnp.asarray(Y))
    for _ in range(100):
        wrapped = {key: ep.astensor(value) for key, value in reference.items()}
        grads = {k: g.raw for k, g in loss_grads(wrapped, xj, yj).items()}
        updates, state = opt.update(grads, state, reference)
        reference = optax.apply_updates(reference, updates)
        params, ep_state = ep_opt.update(loss_grads(params, x, y), ep_state, params)
        for key in ("w", "b"):
            np.testing.assert_allclose(
                params[key].numpy(), np.asarray(reference[key]), rtol=rtol, atol=atol
            )


def test_schedules_equal_torch_lr_scheduler(backend: str) -> None:
    torch = pytest.importorskip("torch")

    def torch_rates(make_scheduler: Callable[[Any], Any], lr: float) -> list[float]:
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
        scheduler = make_scheduler(opt)
        rates = []
        for _ in range(100):
            rates.append(opt.param_groups[0]["lr"])
            opt.step()
            scheduler.step()
        return rates

    lr_scheduler = torch.optim.lr_scheduler
    cases = [
        (
            ep.optim.step_lr(0.1, step_size=7, gamma=0.5),
            torch_rates(lambda o: lr_scheduler.StepLR(o, step_size=7, gamma=0.5), 0.1),
        ),
        (
            ep.optim.piecewise_constant_schedule(0.1, {10: 0.1, 40: 0.1}),
            torch_rates(lambda o: lr_scheduler.MultiStepLR(o, [10, 40], gamma=0.1), 0.1),
        ),
        (
            ep.optim.warmup_cosine_decay_schedule(0.0, 0.02, 10, 80, 1e-3),
            [warmup_cosine_reference(k) for k in range(100)],
        ),
        (
            ep.optim.warmup_cosine_decay_schedule(0.01, 0.02, 0, 50),
            [warmup_cosine_reference(k, 0.01, 0.02, 0, 50, 0.0) for k in range(100)],
        ),
        (ep.optim.constant_schedule(0.25), [0.25] * 100),
    ]
    like = make(backend, np.zeros((), np.int32))
    for schedule, expected in cases:
        on_ints = [schedule(k) for k in range(100)]
        assert all(type(v) is float for v in on_ints)
        np.testing.assert_allclose(on_ints, expected, rtol=1e-12, atol=1e-15)
        for k in (0, 1, 9, 10, 11, 39, 40, 79, 80, 99):
            value = schedule(like + k)  # a 0-d int32 Tensor count, as the states'
            got = value.numpy() if type(value) is type(like) else value
            np.testing.assert_allclose(got, expected[k], rtol=1e-12, atol=1e-15)


def test_clip_by_global_norm_equals_torch(backend: str) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    raw = {"w": rng.normal(size=(3, 2)), "b": rng.normal(size=2), "c": [rng.normal(size=4)]}
    for max_norm in (0.5, 1.0, 100.0, 0.0):
        leaves = [torch.tensor(raw["w"]), torch.tensor(raw["b"]), torch.tensor(raw["c"][0])]
        for t in leaves:
            t.grad = t.clone()
        torch.nn.utils.clip_grad_norm_(leaves, max_norm)
        grads = {
            "w": make(backend, raw["w"]),
            "b": make(backend, raw["b"]),
            "c": [make(backend, raw["c"][0])],
        }
        clipped = ep.optim.clip_by_global_norm(grads, max_norm=max_norm)
        for got, want in zip(ep.tree_leaves(clipped), leaves, strict=True):
            assert type(got) is type(grads["w"])
            np.testing.assert_allclose(got.numpy(), want.grad.numpy(), rtol=1e-12, atol=1e-15)
    assert ep.optim.clip_by_global_norm({}, 1.0) == {}


def test_a_scheduled_clipped_training_step_compiles(grad_backend: str) -> None:
    schedule = ep.optim.warmup_cosine_decay_schedule(0.0, 0.05, 2, 6, 0.01)
    optimisers = [
        ep.optim.adam(schedule),
        ep.optim.sgd(ep.optim.step_lr(0.1, step_size=2), momentum=0.9),
        ep.optim.rmsprop(ep.optim.piecewise_constant_schedule(0.01, {3: 0.1}), centered=True),
        ep.optim.lion(schedule, weight_decay=0.1),
    ]

    def loss(params: dict[str, Any], x: Any, y: Any) -> Any:
        return ((x @ params["w"] + params["b"]).tanh() - y).square().mean()

    for opt in optimisers:

        def clipped_update(params: Any, state: Any, x: Any, y: Any, opt: Any = opt) -> Any:
            grads = ep.optim.clip_by_global_norm(ep.grad(loss)(params, x, y), max_norm=0.1)
            return opt.update(grads, state, params)

        step = ep.jit(clipped_update)
        params = {"w": make(grad_backend, W0), "b": make(grad_backend, B0)}
        x, y = make(grad_backend, X), make(grad_backend, Y)
        state = opt.init(params)
        eager_params, eager_state = params, state
        for _ in range(8):
            params, state = step(params, state, x, y)
            eager_params, eager_state = clipped_update(eager_params, eager_state, x, y)
        for key in ("w", "b"):
            np.testing.assert_allclose(params[key].numpy(), eager_params[key].numpy(), rtol=1e-10)
        assert int(state.count.item()) == 8


def test_bad_input_of_the_new_optimisers_and_schedules(backend: str) -> None:
    params = {"w": make(backend, W0)}
    with pytest.raises(ValueError, match=r"decay must be in \[0.0, 1.0\)"):
        ep.optim.rmsprop(decay=1.0)
    with pytest.raises(ValueError, match=r"learning_rate must be >= 0"):
        ep.optim.adagrad(learning_rate=-0.1)
    with pytest.raises(ValueError, match=r"eps must be >= 0"):
        ep.optim.rmsprop(eps=-1e-8)
    with pytest.raises(ValueError, match=r"initial_accumulator_value must be >= 0"):
        ep.optim.adagrad(initial_accumulator_value=-1.0)
    with pytest.raises(ValueError, match=r"b2 must be in \[0.0, 1.0\)"):
        ep.optim.lion(b2=1.5)
    with pytest.raises(TypeError, match="learning_rate must be a number or a schedule"):
        ep.optim.sgd("0.1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="learning_rate must be a number or a schedule"):
        ep.optim.rmsprop(learning_rate=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="step_size must be >= 1"):
        ep.optim.step_lr(0.1, step_size=0)
    with pytest.raises(TypeError, match="step_size must be an int"):
        ep.optim.step_lr(0.1, step_size=2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="gamma must be >= 0"):
        ep.optim.step_lr(0.1, 10, gamma=-0.5)
    with pytest.raises(ValueError, match="decay_steps must be >= 11"):
        ep.optim.warmup_cosine_decay_schedule(0.0, 0.1, 10, 10)
    with pytest.raises(ValueError, match="warmup_steps must be >= 0"):
        ep.optim.warmup_cosine_decay_schedule(0.0, 0.1, -1, 10)
    with pytest.raises(ValueError, match="peak_value must be >= 0"):
        ep.optim.warmup_cosine_decay_schedule(0.0, -0.1, 1, 10)
    with pytest.raises(ValueError, match="boundaries_and_scales' scales must be >= 0"):
        ep.optim.piecewise_constant_schedule(0.1, {10: -0.1})
    with pytest.raises(TypeError, match="boundaries_and_scales' boundaries must be an int"):
        ep.optim.piecewise_constant_schedule(0.1, {"10": 0.1})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="value must be a number"):
        ep.optim.constant_schedule("0.1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a schedule needs an int or a Tensor count"):
        ep.optim.step_lr(0.1, 10)("3")
    with pytest.raises(ValueError, match="max_norm must be >= 0"):
        ep.optim.clip_by_global_norm(params, max_norm=-1.0)
    with pytest.raises(TypeError, match="clip_by_global_norm needs Tensors of one framework"):
        ep.optim.clip_by_global_norm({"w": params["w"], "v": W0}, max_norm=1.0)
    with pytest.raises(ValueError, match="RmspropState of another rmsprop"):
        state = ep.optim.rmsprop().init(params)
        ep.optim.rmsprop(centered=True).update(params, state, params)
    with pytest.raises(TypeError, match="init needs a pytree of Tensors"):
        ep.optim.lion().init({})
    with pytest.raises(ValueError, match=r"gradient of shape \(2, 3\) for a parameter of shape"):
        opt = ep.optim.adagrad()
        opt.update({"w": make(backend, W0.T)}, opt.init(params), params)
