"""``ep.optim``: functional optimisers over pytrees, written once; their trajectories on
every framework equal ``torch.optim``'s on the same loss (100 steps, float64 to 1e-12),
a training step compiles with ``ep.jit``, and the bad inputs."""

from __future__ import annotations

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
}


def loss_grads(params: dict[str, Any], x: Any, y: Any) -> dict[str, Any]:
    """The gradient of the mean squared error of tanh(x @ w + b), by hand (so NumPy has
    one too): the same formula on every framework."""
    h = (x @ params["w"] + params["b"]).tanh()
    d = 2.0 * (h - y) * (1.0 - h * h) / (y.shape[0] * y.shape[1])
    return {"w": x.T @ d, "b": d.sum(axis=0)}


def torch_trajectory(name: str, steps: int) -> list[dict[str, np.ndarray[Any, Any]]]:
    torch = pytest.importorskip("torch")
    w = torch.tensor(W0, requires_grad=True)
    b = torch.tensor(B0, requires_grad=True)
    opt = CASES[name][1](torch, [w, b])
    x, y = torch.tensor(X), torch.tensor(Y)
    out = []
    for _ in range(steps):
        opt.zero_grad()
        ((torch.tanh(x @ w + b) - y) ** 2).mean().backward()
        opt.step()
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
