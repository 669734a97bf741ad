"""A one-block transformer learns to reverse sequences of digits, trained with AdamW:
written once with ``ep.nn`` and ``ep.optim``, run on PyTorch, TensorFlow and JAX, eagerly
and compiled (``ep.jit``).

Each sequence is 6 random digits, a separator, then the digits reversed; the model
predicts every next token with causal attention, and the loss counts the reversed half
only (``cross_entropy``'s ``ignore_index``).  The model is ``torch.nn.functional``'s
vocabulary (``embedding``, ``layer_norm``, ``scaled_dot_product_attention`` with
``is_causal=True``, ``gelu``, ``linear``, ``cross_entropy``) over a dict of parameters,
trained by ``ep.optim.adamw`` with a warm-up and cosine schedule and the gradients
clipped to norm 1.  The parameters are drawn once in NumPy (float64), and every framework
starts from them and sees the same batches, so the six loss curves (three frameworks,
eager and compiled) agree to rounding error: the script checks that they do to 1e-8
(relative), that the loss falls, and that the models reverse held-out digits alike.

    python examples/transformer.py          # 50 steps on each framework, eager and ep.jit
    python examples/transformer.py --full   # 400 steps, a progress bar and a loss plot
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

import eagerlite as ep
from eagerlite.bridges import Framework

FRAMEWORKS: list[Framework] = [
    f for f in ("torch", "tensorflow", "jax") if importlib.util.find_spec(f)
]
QUICK_STEPS, FULL_STEPS, BATCH, PEAK_RATE, TOLERANCE = 50, 400, 64, 3e-2, 1e-8
DIGITS, LENGTH = 10, 6  # sequences of 6 digits 0-9
SEPARATOR, VOCABULARY = DIGITS, DIGITS + 1  # the separator is token 10
WIDTH, HEADS = 32, 2  # the model's width and its attention heads
IGNORE = -100  # the label of positions left out of the loss

Array = np.ndarray[Any, Any]
Params = dict[str, ep.Tensor[Any]]
Step = Callable[..., tuple[ep.Tensor[Any], Params, Any]]


# ------------------------------------------------------------ data and parameters
def batch(rng: np.random.Generator, n: int) -> tuple[Array, Array]:
    """``n`` sequences ``digits, SEPARATOR, reversed digits`` as inputs (all but the last
    token) and labels (the next tokens, ``IGNORE`` before the reversed half): ``(n, 12)``."""
    digits = rng.integers(0, DIGITS, (n, LENGTH))
    sequences = np.concatenate([digits, np.full((n, 1), SEPARATOR), digits[:, ::-1]], axis=1)
    labels = sequences[:, 1:].copy()
    labels[:, :LENGTH] = IGNORE  # (the random digits and the separator: not counted)
    return sequences[:, :-1], labels


def initial_params(seed: int = 1) -> dict[str, Array]:
    """The parameters, in NumPy: embeddings normal, weights uniform in +-1/sqrt(fan_in)
    (torch's default), layer norms 1 and 0."""
    rng = np.random.default_rng(seed)

    def uniform(*shape: int) -> Array:  # (out, in), as linear takes it
        bound = 1.0 / np.sqrt(shape[-1])
        return rng.uniform(-bound, bound, shape)

    d, positions = WIDTH, 2 * LENGTH
    return {
        "tokens": rng.normal(size=(VOCABULARY, d)),
        "positions": rng.normal(size=(positions, d)) * 0.1,
        "norm1_w": np.ones(d), "norm1_b": np.zeros(d),
        "qkv": uniform(3 * d, d), "qkv_b": np.zeros(3 * d),
        "proj": uniform(d, d), "proj_b": np.zeros(d),
        "norm2_w": np.ones(d), "norm2_b": np.zeros(d),
        "mlp1": uniform(4 * d, d), "mlp1_b": np.zeros(4 * d),
        "mlp2": uniform(d, 4 * d), "mlp2_b": np.zeros(d),
        "norm3_w": np.ones(d), "norm3_b": np.zeros(d),
        "head": uniform(VOCABULARY, d),
    }  # fmt: skip


# ------------------------------------------------------ the model, written once
def model(params: Params, tokens: ep.Tensor[Any]) -> ep.Tensor[Any]:
    """The next-token logits ``(N, L, VOCABULARY)`` of ``tokens`` ``(N, L)``: embeddings,
    one pre-norm block (causal self-attention, a GELU MLP), a final norm and the head."""
    n, length = tokens.shape
    d, h = WIDTH, HEADS
    x = ep.nn.embedding(tokens, params["tokens"]) + params["positions"][:length]
    y = ep.nn.layer_norm(x, d, params["norm1_w"], params["norm1_b"])
    qkv = ep.nn.linear(y, params["qkv"], params["qkv_b"]).reshape((n, length, 3, h, d // h))
    # (queries, keys and values (N * heads, L, d / heads): the heads folded into the batch;
    # (N, heads, L, d / heads) works as well)
    qkv = qkv.transpose((2, 0, 3, 1, 4)).reshape((3, n * h, length, d // h))
    y = ep.nn.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], is_causal=True)
    y = y.reshape((n, h, length, d // h)).transpose((0, 2, 1, 3)).reshape((n, length, d))
    x = x + ep.nn.linear(y, params["proj"], params["proj_b"])
    y = ep.nn.layer_norm(x, d, params["norm2_w"], params["norm2_b"])
    y = ep.nn.gelu(ep.nn.linear(y, params["mlp1"], params["mlp1_b"]))
    x = x + ep.nn.linear(y, params["mlp2"], params["mlp2_b"])
    x = ep.nn.layer_norm(x, d, params["norm3_w"], params["norm3_b"])
    return ep.nn.linear(x, params["head"])


def loss_fn(params: Params, tokens: ep.Tensor[Any], labels: ep.Tensor[Any]) -> ep.Tensor[Any]:
    """The mean cross-entropy of the next tokens in the reversed half (``IGNORE`` out)."""
    logits = model(params, tokens)
    return ep.nn.cross_entropy(
        logits.reshape((-1, VOCABULARY)), labels.reshape((-1,)), ignore_index=IGNORE
    )


def make_steps(steps: int) -> tuple[ep.optim.Optimizer, Step, Step]:
    """AdamW with a warm-up (a tenth of the steps) and a cosine decay over ``steps``, and
    its training step, eager and compiled."""
    schedule = ep.optim.warmup_cosine_decay_schedule(
        init_value=PEAK_RATE / 10, peak_value=PEAK_RATE, warmup_steps=steps // 10,
        decay_steps=steps, end_value=PEAK_RATE / 100,
    )  # fmt: skip
    optimizer = ep.optim.adamw(learning_rate=schedule, weight_decay=0.01)

    def train_step(
        params: Params, state: Any, tokens: ep.Tensor[Any], labels: ep.Tensor[Any]
    ) -> tuple[ep.Tensor[Any], Params, Any]:
        """One AdamW step: the loss before it, the new parameters and state."""
        loss, grads = ep.value_and_grad(loss_fn, params, tokens, labels)
        grads = ep.optim.clip_by_global_norm(grads, max_norm=1.0)
        params, state = optimizer.update(grads, state, params)
        return loss, params, state

    return optimizer, train_step, ep.jit(train_step)


# ------------------------------------------------------------------- the loop


def train(
    framework: Framework, compiled: bool, steps: int, show_progress: bool
) -> tuple[list[float], float, float]:
    """The loss before each step, the share of held-out digits reversed right (each
    predicted from the true previous ones) and the time taken (the compiled step's first
    call compiles it)."""

    def as_tensor(a: Array) -> ep.Tensor[Any]:  # NumPy -> the framework
        return ep.astensor(ep.convert(a, framework))

    start = time.perf_counter()
    optimizer, train_step, compiled_step = make_steps(steps)
    step = compiled_step if compiled else train_step
    params = {name: as_tensor(p) for name, p in initial_params().items()}
    state = optimizer.init(params)
    rng = np.random.default_rng(0)  # the same batches on every framework
    label = f"{framework} {'ep.jit' if compiled else 'eager'}"
    losses: list[float] = []
    for i in range(steps):
        tokens, labels = batch(rng, BATCH)
        loss, params, state = step(params, state, as_tensor(tokens), as_tensor(labels))
        losses.append(loss.item())
        if show_progress and ((i + 1) % max(1, steps // 100) == 0 or i + 1 == steps):
            progress(label, i + 1, steps, losses[-1])
    tokens, labels = batch(np.random.default_rng(1), 256)  # held out
    predicted = model(params, as_tensor(tokens)).argmax(axis=-1).numpy()
    counted = labels != IGNORE
    accuracy = float((predicted[counted] == labels[counted]).mean())
    return losses, accuracy, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--full", action="store_true", help=f"{FULL_STEPS} steps and a plot")
    parser.add_argument("--plot", default="transformer-loss.png", help="the plot's file (--full)")
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
                f"held-out digits reversed {accuracy:.3f} ({seconds:.1f} s)"
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
        plot(curves, args.plot, f"transformer.py: {steps} AdamW steps, batch {BATCH}", TOLERANCE)
    return 0 if equal and falls and alike else 1


if __name__ == "__main__":
    raise SystemExit(main())
