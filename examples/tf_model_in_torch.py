"""A TensorFlow function in a PyTorch training loop, and a torch function in a jitted JAX step.

``@ep.bridge(framework)`` marks a function written for one framework; called with
another framework's tensors, it returns that framework's tensors and its gradient
flows through that framework's autodiff (here ``loss.backward()`` and an optimizer,
then ``jax.value_and_grad`` under ``jax.jit``).  Each part is checked against the same
model written natively in the training framework.

    python examples/tf_model_in_torch.py
"""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import jax
import jax.numpy as jnp
import numpy as np
import tensorflow as tf
import torch

import eagerlite as ep

RNG = np.random.default_rng(0)
X = RNG.normal(size=(32, 4)).astype(np.float32)
W_TRUE = RNG.normal(size=(4, 1)).astype(np.float32)  # what the models should find
Y = np.logaddexp(0, X @ W_TRUE + 0.5).astype(np.float32)  # softplus(x @ w + b)
Y_SUM = np.tanh(X @ W_TRUE)[:, 0].astype(np.float32)
W0 = np.zeros((4, 1), np.float32)
STEPS = 30


# ---------------------------------------------- a TensorFlow layer trained by torch
@ep.bridge("tensorflow")
def tf_layer(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) -> tf.Tensor:
    """TensorFlow code: softplus(x @ w + b)."""
    out: tf.Tensor = tf.nn.softplus(tf.matmul(x, w) + b)
    return out


def torch_layer(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """The same layer in torch, to check against."""
    return torch.nn.functional.softplus(x @ w + b)


def train_torch(layer: Any) -> list[float]:
    """An ordinary PyTorch loop: zero_grad, forward, backward, optimizer step."""
    w = torch.nn.Parameter(torch.from_numpy(W0.copy()))
    b = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([w, b], lr=0.5)
    x, y = torch.from_numpy(X), torch.from_numpy(Y)
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(layer(x, w, b), y)
        loss.backward()  # type: ignore[no-untyped-call]  # (for tf_layer: TF's gradient)
        optimizer.step()
        losses.append(loss.item())
    return losses


# ------------------------------------------------- a torch function in jax.jit
@ep.bridge("torch")
def torch_features(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """torch code: tanh(x @ w), summed over the features."""
    return torch.tanh(x @ w).sum(dim=1)


def jax_features(x: jax.Array, w: jax.Array) -> jax.Array:
    return jnp.tanh(x @ w).sum(axis=1)


def train_jax(features: Any) -> list[float]:
    @jax.jit
    def step(w: jax.Array, x: jax.Array, y: jax.Array) -> tuple[jax.Array, jax.Array]:
        def loss(w: jax.Array) -> jax.Array:
            return jnp.mean((features(x, w) - y) ** 2)

        value, grad = jax.value_and_grad(loss)(w)
        return value, w - 0.5 * grad

    w, x, y = jnp.asarray(W0), jnp.asarray(X), jnp.asarray(Y_SUM)
    losses = []
    for _ in range(STEPS):
        value, w = step(w, x, y)
        losses.append(float(value))
    return losses


def main() -> int:
    bridged, native = train_torch(tf_layer), train_torch(torch_layer)
    print(f"torch loop, TensorFlow layer: loss {bridged[0]:.4f} -> {bridged[-1]:.4f}")
    print(f"torch loop, torch layer:      loss {native[0]:.4f} -> {native[-1]:.4f}")
    ok = np.allclose(bridged, native, rtol=1e-4) and bridged[-1] < bridged[0] / 2
    in_jit, jax_native = train_jax(torch_features), train_jax(jax_features)
    print(f"jax.jit step, torch features: loss {in_jit[0]:.4f} -> {in_jit[-1]:.4f}")
    print(f"jax.jit step, JAX features:   loss {jax_native[0]:.4f} -> {jax_native[-1]:.4f}")
    ok = ok and np.allclose(in_jit, jax_native, rtol=1e-4) and in_jit[-1] < in_jit[0] / 2
    print("the bridged and the native models train alike:", ok)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
