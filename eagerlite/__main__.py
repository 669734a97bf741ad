"""``python -m eagerlite``: installed backends, their devices, one generic function on each."""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import Any

import eagerlite as ep

FRAMEWORKS = ("numpy", "torch", "tensorflow", "jax")
DOCS = "https://eagerlite.github.io/eagerlite/"


def l2_loss(x: ep.TensorType) -> ep.TensorType:
    """One generic function: the l2 norm of ``x``, for every framework."""
    return ep.norms.l2(x)


def _devices(name: str) -> str:
    if name == "numpy":
        return "cpu"
    if name == "torch":
        import torch

        cuda = [f"cuda:{i}" for i in range(torch.cuda.device_count())]
        return ", ".join(["cpu", *cuda])
    if name == "tensorflow":
        import tensorflow as tf

        return ", ".join(d.name for d in tf.config.list_logical_devices())
    import jax

    return ", ".join(str(d) for d in jax.devices())


def _native(name: str) -> Any:
    values = [[3.0, 4.0], [0.0, 12.0]]
    if name == "numpy":
        import numpy as np

        return np.asarray(values, dtype=np.float32)
    if name == "torch":
        import torch

        return torch.tensor(values)
    if name == "tensorflow":
        import tensorflow as tf

        return tf.constant(values)
    import jax.numpy as jnp

    return jnp.asarray(values)


def main() -> int:
    # TensorFlow's C++ start-up log lines are noise here; a level the user set is kept
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    print(f"eagerlite {ep.__version__} (Python {sys.version.split()[0]})")
    print("example: l2(x) = ep.norms.l2(x) for x = [[3, 4], [0, 12]]; expected 13")
    found = [n for n in FRAMEWORKS if importlib.util.find_spec(n) is not None]
    for name in FRAMEWORKS:
        if name not in found:
            print(f"\n{name}: not installed (pip install eagerlite[{name}])")
            continue
        module = importlib.import_module(name)
        print(f"\n{name} {module.__version__}: devices {_devices(name)}")
        x = ep.astensor(_native(name))
        value = l2_loss(x)
        print(f"  {type(x).__name__}: l2(x) = {value.item():.4f}")
        if name == "numpy":
            print("  gradient: NumPy has no autodiff (use torch, tensorflow or jax)")
            continue
        _, grad = ep.value_and_grad(l2_loss, x)
        rows = ", ".join("[" + ", ".join(f"{v:.4f}" for v in row) + "]" for row in grad.numpy())
        print(f"  gradient = x / l2(x) = [{rows}]")
    if {"torch", "tensorflow"} <= set(found):
        _bridge_example()
    print(f"\ndocs: {DOCS} (to build them locally: mkdocs serve, see the README)")
    return 0


def _bridge_example() -> None:
    """TfPyTh's example: a TensorFlow function, called and differentiated from torch."""
    import tensorflow as tf
    import torch

    @ep.bridge("tensorflow")
    def f(a: tf.Tensor, b: tf.Tensor) -> tf.Tensor:
        return 3 * a + 4 * b**2

    a = torch.tensor(1.0, requires_grad=True)
    b = torch.tensor(3.0, requires_grad=True)
    y = f(a, b)
    grads = ", ".join(f"{g.item():g}" for g in torch.autograd.grad(y, (a, b)))
    print("\nbridge: f(a, b) = 3a + 4b^2 written in TensorFlow, called from torch at a=1, b=3")
    print(f"  f = {y.item():g} (expected 39), torch gradients = ({grads}) (expected 3, 24)")


if __name__ == "__main__":
    raise SystemExit(main())
