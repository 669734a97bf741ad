"""Train a 2-layer MLP with SGD: one training loop, run on PyTorch, TensorFlow and JAX.

The weights are a dict of tensors (a parameter pytree) and the gradient has the same
structure.  All three frameworks start from the same initial weights (float64) and
the same synthetic data, so their loss curves agree to rounding error; the script
prints them side by side and exits with an error if they differ by more than 1e-10.

    python examples/train_mlp.py
"""

from __future__ import annotations

import importlib.util
import os
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

import eagerlite as ep
from eagerlite.bridges import Framework

FRAMEWORKS: list[Framework] = [
    f for f in ("torch", "tensorflow", "jax") if importlib.util.find_spec(f)
]
STEPS, LEARNING_RATE, TOLERANCE = 40, 0.2, 1e-10


def data(n: int = 64, seed: int = 0) -> tuple[np.ndarray[Any, Any], ...]:
    """Inputs of 3 features and a smooth target of 2 outputs."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    y = np.stack([np.sin(x[:, 0]) + x[:, 1] * x[:, 2], np.cos(x[:, 1]) - x[:, 0]], axis=1)
    return x, y


def initial_weights(hidden: int = 16, seed: int = 1) -> dict[str, np.ndarray[Any, Any]]:
    rng = np.random.default_rng(seed)
    return {
        "w1": rng.normal(size=(3, hidden)) / np.sqrt(3),
        "b1": np.zeros(hidden),
        "w2": rng.normal(size=(hidden, 2)) / np.sqrt(hidden),
        "b2": np.zeros(2),
    }


def loss_fn(
    params: dict[str, ep.Tensor[Any]], x: ep.Tensor[Any], y: ep.Tensor[Any]
) -> ep.Tensor[Any]:
    """Mean squared error of the MLP; written once, for every framework."""
    hidden = (x @ params["w1"] + params["b1"]).tanh()
    prediction = hidden @ params["w2"] + params["b2"]
    return (prediction - y).square().mean()


def train(framework: Framework) -> list[float]:
    """The loss before each of ``STEPS`` SGD steps, training in ``framework``."""

    def as_tensor(a: np.ndarray[Any, Any]) -> ep.Tensor[Any]:  # NumPy -> the framework
        return ep.astensor(ep.convert(a, framework))

    params = {name: as_tensor(w) for name, w in initial_weights().items()}
    x, y = (as_tensor(a) for a in data())
    value_and_grad = ep.value_and_grad_fn(params, loss_fn)
    losses = []
    for _ in range(STEPS):
        loss, grads = value_and_grad(params, x, y)  # grads: a dict like params
        params = {name: p - LEARNING_RATE * grads[name] for name, p in params.items()}
        losses.append(loss.item())
    return losses


def main() -> int:
    if "jax" in FRAMEWORKS:
        import jax

        jax.config.update("jax_enable_x64", True)  # type: ignore[no-untyped-call]  # float64
    curves = {framework: train(framework) for framework in FRAMEWORKS}
    print("step " + "".join(f"{name:>24}" for name in curves))
    for step in range(STEPS):
        if step < 5 or step % 5 == 4:
            print(f"{step:4d} " + "".join(f"{c[step]:24.17f}" for c in curves.values()))
    first = np.array(curves[FRAMEWORKS[0]])
    worst = max(float(np.abs(np.array(c) - first).max()) for c in curves.values())
    falls = all(c[-1] < c[0] / 2 for c in curves.values())
    print(f"largest difference between frameworks: {worst:.1e} (tolerance {TOLERANCE:.0e})")
    print(f"the loss falls from {first[0]:.4f} to {first[-1]:.4f}")
    return 0 if worst <= TOLERANCE and falls and len(curves) > 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
