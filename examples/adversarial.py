"""FGSM and an L-inf PGD attack, written once, against a model of each framework.

The attacks take the framework's own model (a ``torch.nn.Module``, a Keras model, a
plain JAX function) and its native inputs, and return native adversarial inputs, as
an attack library built on eagerlite would.  The three models share their weights, so
the attacks find the same perturbations everywhere.  The script checks that each
attack raises the loss and stays in the eps-ball around the input and in [0, 1].

    python examples/adversarial.py
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from typing import Any, TypeVar

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

import eagerlite as ep
from eagerlite.bridges import Framework

T = TypeVar("T")  # a native tensor type: what the attacks take and return
Model = Callable[[Any], Any]  # native inputs -> native logits

EPS, STEP, STEPS = 0.1, 0.025, 10


def loss(inputs: ep.Tensor[Any], labels: ep.Tensor[Any], model: Model) -> ep.Tensor[Any]:
    logits: ep.Tensor[Any] = ep.astensor(model(inputs.raw))
    return logits.crossentropy(labels).mean()


def fgsm(model: Model, x: T, labels: Any, eps: float = EPS) -> T:
    """One step of size ``eps`` along the sign of the loss gradient."""
    x_, restore_type = ep.astensor_(x)
    y = ep.astensor(labels)
    _, grad = ep.value_and_grad(loss, x_, y, model)  # the gradient w.r.t. the inputs x_
    return restore_type((x_ + eps * grad.sign()).clip(0.0, 1.0))


def pgd(model: Model, x: T, labels: Any, eps: float = EPS, step: float = STEP) -> T:
    """``STEPS`` signed gradient steps, each projected back into the eps-ball and [0, 1]."""
    x_, restore_type = ep.astensor_(x)
    y = ep.astensor(labels)
    value_and_grad = ep.value_and_grad_fn(x_, loss)
    adv = x_
    for _ in range(STEPS):
        _, grad = value_and_grad(adv, y, model)
        adv = adv + step * grad.sign()
        adv = ep.minimum(ep.maximum(adv, x_ - eps), x_ + eps).clip(0.0, 1.0)
    return restore_type(adv)


# ------------------------------------------------------------ the three models
RNG = np.random.default_rng(0)
W1 = RNG.normal(size=(6, 16)).astype(np.float32)
W2 = RNG.normal(size=(16, 3)).astype(np.float32)
B1, B2 = np.zeros(16, np.float32), np.zeros(3, np.float32)


def torch_model() -> Model:
    import torch

    first, second = torch.nn.Linear(6, 16), torch.nn.Linear(16, 3)
    with torch.no_grad():
        for layer, w, b in ((first, W1, B1), (second, W2, B2)):
            layer.weight.copy_(torch.from_numpy(w.T))
            layer.bias.copy_(torch.from_numpy(b))
    return torch.nn.Sequential(first, torch.nn.Tanh(), second)


def keras_model() -> Model:
    import keras  # type: ignore[import-untyped]

    net = keras.Sequential(
        [keras.Input((6,)), keras.layers.Dense(16, "tanh"), keras.layers.Dense(3)]
    )
    net.set_weights([W1, B1, W2, B2])
    model: Model = net
    return model


def jax_model() -> Model:
    import jax.numpy as jnp

    w1, b1, w2, b2 = (jnp.asarray(a) for a in (W1, B1, W2, B2))
    return lambda x: jnp.tanh(x @ w1 + b1) @ w2 + b2


MODELS: dict[str, tuple[Callable[[], Model], Framework]] = {
    "torch": (torch_model, "torch"),
    "keras": (keras_model, "tensorflow"),
    "jax": (jax_model, "jax"),
}


def main() -> int:
    x = RNG.uniform(size=(8, 6)).astype(np.float32)  # 8 inputs in [0, 1]
    labels = np.argmax(np.tanh(x @ W1 + B1) @ W2 + B2, axis=1)  # the model's own answers
    ok, found = True, dict[str, list[np.ndarray[Any, Any]]]()
    for name, (make_model, framework) in MODELS.items():
        if importlib.util.find_spec(framework) is None:
            continue
        model = make_model()
        native_x: Any = ep.convert(x, framework)  # the inputs as the model's framework's
        native_labels: Any = ep.convert(labels, framework)
        clean = loss(ep.astensor(native_x), ep.astensor(native_labels), model).item()
        for attack in (fgsm, pgd):
            adv = attack(model, native_x, native_labels)
            adv_np = ep.astensor(adv).numpy()
            attacked = loss(ep.astensor(adv), ep.astensor(native_labels), model).item()
            in_ball = float(np.abs(adv_np - x).max()) <= EPS + 1e-6
            in_box = adv_np.min() >= 0.0 and adv_np.max() <= 1.0
            ok = ok and attacked > clean and in_ball and in_box
            found.setdefault(attack.__name__, []).append(adv_np)
            kind = f"{type(adv).__module__.split('.')[0]}.{type(adv).__name__}"
            print(
                f"{name:6} {attack.__name__:5} {kind:22} "
                f"loss {clean:.4f} -> {attacked:.4f}, max |adv - x| = "
                f"{np.abs(adv_np - x).max():.3f} (eps {EPS}), in [0, 1]: {in_box}"
            )
    for attack_name, advs in found.items():  # the same weights: the same adversarial inputs
        same = all(np.allclose(a, advs[0], atol=1e-5) for a in advs)
        print(f"{attack_name}: the same adversarial inputs on every framework: {same}")
        ok = ok and same
    return 0 if ok and found else 1


if __name__ == "__main__":
    raise SystemExit(main())
