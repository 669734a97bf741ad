"""A small CNN on scikit-learn's digits, trained with Adam: written once with ``ep.nn`` and
``ep.optim``, run on PyTorch, TensorFlow and JAX, eagerly and compiled (``ep.jit``).

The model is ``torch.nn.functional``'s vocabulary (``conv2d``, ``batch_norm``, ``relu``,
``max_pool2d``, ``linear``, ``cross_entropy``) over a dict of parameters; the running
statistics of the batch norm are returned by the training step rather than updated in
place.  The parameters are drawn once in NumPy (float64) and every framework starts from
them and sees the same batches, so the six loss curves (three frameworks, eager and
compiled) agree to rounding error: the script checks that they do to 1e-8 (relative),
that the loss falls, and that the models classify the held-out digits alike.

    python examples/cnn_digits.py          # 50 steps on each framework, eager and ep.jit
    python examples/cnn_digits.py --full   # 600 steps, a progress bar and a loss plot
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
from _curves import listed, plot, progress, relative  # (beside this file)
from sklearn.datasets import load_digits  # type: ignore[import-untyped]

import eagerlite as ep
from eagerlite.bridges import Framework

FRAMEWORKS: list[Framework] = [
    f for f in ("torch", "tensorflow", "jax") if importlib.util.find_spec(f)
]
QUICK_STEPS, FULL_STEPS, BATCH, LEARNING_RATE, TOLERANCE = 50, 600, 64, 1e-2, 1e-8
TRAIN = 1500  # the first 1500 of the 1797 digits train; the other 297 test

Array = np.ndarray[Any, Any]
Tree = dict[str, ep.Tensor[Any]]  # parameters, or running statistics, by name
Step = Callable[..., tuple[ep.Tensor[Any], Tree, Tree, Any]]


# ------------------------------------------------------------ data and parameters
def data() -> tuple[Array, Array]:
    """The 1797 8x8 digits as ``(N, 1, 8, 8)`` float64 images in [0, 1], and their labels."""
    digits = load_digits()
    return (digits.images / 16.0)[:, None].astype(np.float64), digits.target.astype(np.int64)


def batches(steps: int, seed: int = 0) -> list[Array]:
    """The indices of each step's batch: shuffled epochs over the training digits."""
    rng = np.random.default_rng(seed)
    order = np.concatenate([rng.permutation(TRAIN) for _ in range(steps * BATCH // TRAIN + 1)])
    return [order[i * BATCH : (i + 1) * BATCH] for i in range(steps)]


def initial_params(seed: int = 1) -> tuple[dict[str, Array], dict[str, Array]]:
    """The parameters (torch's default initialisation: uniform in +-1/sqrt(fan_in)) and
    the batch norm's running statistics, in NumPy: every framework starts from these."""
    rng = np.random.default_rng(seed)

    def uniform(fan_in: int, *shape: int) -> Array:
        return rng.uniform(-1.0 / np.sqrt(fan_in), 1.0 / np.sqrt(fan_in), shape)

    params = {
        "conv1": uniform(9, 8, 1, 3, 3),  # (out, in, kh, kw): torch's layout; no bias
        "gamma": np.ones(8),  # the batch norm's scale and shift
        "beta": np.zeros(8),
        "conv2": uniform(72, 16, 8, 3, 3),
        "bias2": uniform(72, 16),
        "out": uniform(64, 10, 64),  # (out, in), as linear takes it
        "out_bias": uniform(64, 10),
    }
    stats = {"mean": np.zeros(8), "var": np.ones(8)}
    return params, stats


# ------------------------------------------------------ the model, written once
def model(
    params: Tree, stats: Tree, images: ep.Tensor[Any], training: bool
) -> tuple[ep.Tensor[Any], Tree]:
    """The logits ``(N, 10)`` of ``images`` ``(N, 1, 8, 8)``, and the running statistics
    (updated in training, as they were otherwise)."""
    h = ep.nn.conv2d(images, params["conv1"], padding=1)  # (N, 8, 8, 8)
    norm = ep.nn.batch_norm(
        h, stats["mean"], stats["var"], params["gamma"], params["beta"], training=training
    )
    h = ep.nn.max_pool2d(ep.nn.relu(norm.output), 2)  # (N, 8, 4, 4)
    h = ep.nn.conv2d(h, params["conv2"], params["bias2"], padding="same")  # (N, 16, 4, 4)
    h = ep.nn.max_pool2d(ep.nn.relu(h), 2)  # (N, 16, 2, 2)
    logits = ep.nn.linear(h.reshape((h.shape[0], -1)), params["out"], params["out_bias"])
    mean, var = norm.running_mean, norm.running_var
    assert mean is not None and var is not None  # (typed optional: None without statistics)
    return logits, {"mean": mean, "var": var}


def loss_fn(
    params: Tree, stats: Tree, images: ep.Tensor[Any], labels: ep.Tensor[Any]
) -> tuple[ep.Tensor[Any], Tree]:
    """The mean cross-entropy, and the updated running statistics (the aux output)."""
    logits, new_stats = model(params, stats, images, training=True)
    return ep.nn.cross_entropy(logits, labels), new_stats


OPTIMIZER = ep.optim.adam(learning_rate=LEARNING_RATE)


def train_step(
    params: Tree, stats: Tree, state: Any, images: ep.Tensor[Any], labels: ep.Tensor[Any]
) -> tuple[ep.Tensor[Any], Tree, Tree, Any]:
    """One Adam step: the loss before it, the new parameters, statistics and state."""
    loss, new_stats, grads = ep.value_aux_and_grad(loss_fn, params, stats, images, labels)
    params, state = OPTIMIZER.update(grads, state, params)
    return loss, params, new_stats, state


compiled_step: Step = ep.jit(train_step)  # the same step, compiled by each framework


# ------------------------------------------------------------------- the loop


def train(
    framework: Framework, compiled: bool, steps: int, show_progress: bool
) -> tuple[list[float], float, float]:
    """The loss before each step, the accuracy on the held-out digits and the time taken
    (the compiled step's first call compiles it)."""

    def as_tensor(a: Array) -> ep.Tensor[Any]:  # NumPy -> the framework
        return ep.astensor(ep.convert(a, framework))

    start = time.perf_counter()
    images, labels = data()
    numpy_params, numpy_stats = initial_params()
    params = {name: as_tensor(p) for name, p in numpy_params.items()}
    stats = {name: as_tensor(s) for name, s in numpy_stats.items()}
    state = OPTIMIZER.init(params)
    step = compiled_step if compiled else train_step
    label = f"{framework} {'ep.jit' if compiled else 'eager'}"
    losses: list[float] = []
    for i, batch in enumerate(batches(steps)):
        loss, params, stats, state = step(
            params, stats, state, as_tensor(images[batch]), as_tensor(labels[batch])
        )
        losses.append(loss.item())
        if show_progress and ((i + 1) % max(1, steps // 100) == 0 or i + 1 == steps):
            progress(label, i + 1, steps, losses[-1])
    logits, _ = model(params, stats, as_tensor(images[TRAIN:]), training=False)
    accuracy = float((logits.argmax(axis=1).numpy() == labels[TRAIN:]).mean())
    return losses, accuracy, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--full", action="store_true", help=f"{FULL_STEPS} steps and a plot")
    parser.add_argument("--plot", default="cnn_digits-loss.png", help="the plot's file (--full)")
    args = parser.parse_args(argv)
    steps = FULL_STEPS if args.full else QUICK_STEPS
    if "jax" in FRAMEWORKS:
        import jax

        jax.config.update("jax_enable_x64", True)  # type: ignore[no-untyped-call]  # float64

    curves: dict[str, Array] = {}
    accuracies: dict[str, float] = {}
    for framework in FRAMEWORKS:
        for compiled in (False, True):
            losses, accuracy, seconds = train(framework, compiled, steps, args.full)
            name = f"{framework} {'ep.jit' if compiled else 'eager'}"
            curves[name], accuracies[name] = np.array(losses), accuracy
            print(
                f"{name:<18} loss {losses[0]:.16f} -> {losses[-1]:.16f}, "
                f"held-out accuracy {accuracy:.3f} ({seconds:.1f} s)"
            )
    if not curves:
        print("no framework installed")
        return 1
    names = list(curves)
    largest = max(relative(curves[a], curves[b]) for a in names for b in names)
    within = {f: relative(curves[f"{f} ep.jit"], curves[f"{f} eager"]) for f in FRAMEWORKS}
    across = {
        mode: max(
            relative(curves[f"{f} {mode}"], curves[f"{g} {mode}"])
            for f in FRAMEWORKS
            for g in FRAMEWORKS
        )
        for mode in ("eager", "ep.jit")
    }
    equal = largest <= TOLERANCE
    reference, first = names[0], curves[names[0]]
    falls = all(c[-1] < c[0] / 2 for c in curves.values())
    alike = max(accuracies.values()) - min(accuracies.values()) < 1e-12
    print(
        f"largest relative difference over {steps} steps: {largest:.1e} (any two runs); "
        + "eager vs ep.jit: "
        + ", ".join(f"{f} {d:.1e}" for f, d in within.items())
        + "; between frameworks: "
        + ", ".join(f"{m} {d:.1e}" for m, d in across.items())
    )
    print(f"loss curves equal on {listed(FRAMEWORKS)} (eager and ep.jit): {equal}")
    print(f"the loss falls from {first[0]:.4f} to {first[-1]:.4f}")
    print(f"the same held-out accuracy on every run: {alike} ({accuracies[reference]:.3f})")
    if args.full:
        plot(curves, args.plot, f"cnn_digits.py: {steps} Adam steps, batch {BATCH}", TOLERANCE)
    return 0 if equal and falls and alike else 1


if __name__ == "__main__":
    raise SystemExit(main())
