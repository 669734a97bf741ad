"""``ep.nn``: every function's values on every framework equal ``torch.nn.functional``'s on
the same inputs (float64 to 1e-10; float32 to its tolerance), in both layouts, and its
gradients (torch, TensorFlow, JAX) equal torch's autograd ones; hypothesis draws the
convolutions' shapes, strides, padding, dilation and groups; the bad inputs."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from conftest import make, native
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import eagerlite as ep
from eagerlite import nn

torch = pytest.importorskip("torch")
F = torch.nn.functional

RNG = np.random.default_rng(7)


def rand(*shape: int, low: float = -2.0, high: float = 2.0) -> np.ndarray[Any, Any]:
    return RNG.uniform(low, high, shape)


def labels(classes: int, *shape: int) -> np.ndarray[Any, Any]:
    return RNG.integers(0, classes, shape)


@dataclass
class Case:
    """``ours(nn, *tensors, **layout)`` against ``theirs(F, *torch_tensors)``; the first
    ``grads`` inputs are differentiated; ``spatial``: also run channels-last."""

    arrays: list[Any]
    ours: Callable[..., Any]
    theirs: Callable[..., Any]
    grads: int = 1
    spatial: bool = False


X1, X2, X3 = rand(2, 4, 9), rand(2, 4, 7, 6), rand(2, 4, 5, 6, 4)

CASES: dict[str, Case] = {
    # activations
    "relu": Case([rand(3, 5)], lambda n, x: n.relu(x), lambda f, x: f.relu(x)),
    "relu6": Case([rand(3, 5, high=8)], lambda n, x: n.relu6(x), lambda f, x: f.relu6(x)),
    "leaky_relu": Case(
        [rand(3, 5)], lambda n, x: n.leaky_relu(x, 0.2), lambda f, x: f.leaky_relu(x, 0.2)
    ),
    "elu": Case([rand(3, 5)], lambda n, x: n.elu(x), lambda f, x: f.elu(x)),
    "elu-alpha": Case([rand(3, 5)], lambda n, x: n.elu(x, 0.5), lambda f, x: f.elu(x, 0.5)),
    "selu": Case([rand(3, 5)], lambda n, x: n.selu(x), lambda f, x: f.selu(x)),
    "gelu": Case([rand(3, 5)], lambda n, x: n.gelu(x), lambda f, x: f.gelu(x)),
    "gelu-tanh": Case(
        [rand(3, 5)],
        lambda n, x: n.gelu(x, approximate="tanh"),
        lambda f, x: f.gelu(x, approximate="tanh"),
    ),
    "silu": Case([rand(3, 5)], lambda n, x: n.silu(x), lambda f, x: f.silu(x)),
    "mish": Case([rand(3, 5)], lambda n, x: n.mish(x), lambda f, x: f.mish(x)),
    "softplus": Case([rand(3, 5)], lambda n, x: n.softplus(x), lambda f, x: f.softplus(x)),
    "softplus-beta": Case(
        [rand(3, 5, low=-5, high=5)],
        lambda n, x: n.softplus(x, beta=3.0, threshold=4.0),
        lambda f, x: f.softplus(x, beta=3.0, threshold=4.0),
    ),
    "hardtanh": Case(
        [rand(3, 5)],
        lambda n, x: n.hardtanh(x, -0.5, 1.5),
        lambda f, x: f.hardtanh(x, -0.5, 1.5),
    ),
    "sigmoid": Case([rand(3, 5)], lambda n, x: n.sigmoid(x), lambda f, x: torch.sigmoid(x)),
    "tanh": Case([rand(3, 5)], lambda n, x: n.tanh(x), lambda f, x: torch.tanh(x)),
    "softmax": Case(
        [rand(3, 5)], lambda n, x: n.softmax(x, dim=0), lambda f, x: f.softmax(x, dim=0)
    ),
    "log_softmax": Case(
        [rand(3, 5)], lambda n, x: n.log_softmax(x), lambda f, x: f.log_softmax(x, dim=-1)
    ),
    "glu": Case([rand(3, 6)], lambda n, x: n.glu(x), lambda f, x: f.glu(x)),
    "glu-dim0": Case([rand(4, 3)], lambda n, x: n.glu(x, 0), lambda f, x: f.glu(x, 0)),
    # losses
    "cross_entropy": Case(
        [rand(6, 5), labels(5, 6)],
        lambda n, x, t: n.cross_entropy(x, t),
        lambda f, x, t: f.cross_entropy(x, t),
    ),
    "cross_entropy-all": Case(
        [rand(6, 5, 3), np.where(RNG.random((6, 3)) < 0.2, -1, labels(5, 6, 3)), rand(5, low=0.1)],
        lambda n, x, t, w: n.cross_entropy(x, t, w, ignore_index=-1, label_smoothing=0.2),
        lambda f, x, t, w: f.cross_entropy(x, t, w, ignore_index=-1, label_smoothing=0.2),
    ),
    "cross_entropy-sum-smooth": Case(
        [rand(6, 5), labels(5, 6)],
        lambda n, x, t: n.cross_entropy(x, t, reduction="sum", label_smoothing=0.1),
        lambda f, x, t: f.cross_entropy(x, t, reduction="sum", label_smoothing=0.1),
    ),
    "cross_entropy-none-weights": Case(
        [rand(6, 5), labels(5, 6), rand(5, low=0.1)],
        lambda n, x, t, w: n.cross_entropy(x, t, w, reduction="none", label_smoothing=0.3),
        lambda f, x, t, w: f.cross_entropy(x, t, w, reduction="none", label_smoothing=0.3),
    ),
    "cross_entropy-probabilities": Case(
        [rand(4, 5), np.exp(rand(4, 5)) / np.exp(rand(4, 5)).sum(), rand(5, low=0.1)],
        lambda n, x, t, w: n.cross_entropy(x, t, w, label_smoothing=0.1),
        lambda f, x, t, w: f.cross_entropy(x, t, w, label_smoothing=0.1),
        grads=2,
    ),
    "cross_entropy-1d": Case(
        [rand(5), np.array(3)],
        lambda n, x, t: n.cross_entropy(x, t),
        lambda f, x, t: f.cross_entropy(x, t),
    ),
    "nll_loss": Case(
        [rand(6, 5), labels(5, 6), rand(5, low=0.1)],
        lambda n, x, t, w: n.nll_loss(x, t, w),
        lambda f, x, t, w: f.nll_loss(x, t, w),
    ),
    "bce_with_logits": Case(
        [rand(4, 3), RNG.random((4, 3)), rand(4, 3, low=0.1), rand(3, low=0.1)],
        lambda n, x, t, w, p: n.binary_cross_entropy_with_logits(x, t, w, pos_weight=p),
        lambda f, x, t, w, p: f.binary_cross_entropy_with_logits(x, t, w, pos_weight=p),
        grads=2,
    ),
    "bce_with_logits-none": Case(
        [rand(4, 3, low=-40, high=40), RNG.random((4, 3))],
        lambda n, x, t: n.binary_cross_entropy_with_logits(x, t, reduction="none"),
        lambda f, x, t: f.binary_cross_entropy_with_logits(x, t, reduction="none"),
    ),
    "mse_loss": Case(
        [rand(4, 3), rand(4, 3)],
        lambda n, x, t: n.mse_loss(x, t),
        lambda f, x, t: f.mse_loss(x, t),
        grads=2,
    ),
    "l1_loss-sum": Case(
        [rand(4, 3), rand(4, 3)],
        lambda n, x, t: n.l1_loss(x, t, reduction="sum"),
        lambda f, x, t: f.l1_loss(x, t, reduction="sum"),
    ),
    "huber_loss": Case(
        [rand(4, 3), rand(4, 3)],
        lambda n, x, t: n.huber_loss(x, t, delta=0.7),
        lambda f, x, t: f.huber_loss(x, t, delta=0.7),
        grads=2,
    ),
    "kl_div": Case(
        [
            np.log(RNG.random((4, 3)) + 0.1),
            np.where(RNG.random((4, 3)) < 0.2, 0.0, RNG.random((4, 3))),
        ],
        lambda n, x, t: n.kl_div(x, t, reduction="batchmean"),
        lambda f, x, t: f.kl_div(x, t, reduction="batchmean"),
    ),
    "kl_div-log-target": Case(
        [rand(4, 3), rand(4, 3)],
        lambda n, x, t: n.kl_div(x, t, reduction="sum", log_target=True),
        lambda f, x, t: f.kl_div(x, t, reduction="sum", log_target=True),
        grads=2,
    ),
    # linear and convolutions
    "linear": Case(
        [rand(3, 2, 5), rand(4, 5), rand(4)],
        lambda n, x, w, b: n.linear(x, w, b),
        lambda f, x, w, b: f.linear(x, w, b),
        grads=3,
    ),
    "conv1d": Case(
        [X1, rand(6, 2, 3), rand(6)],
        lambda n, x, w, b, **k: n.conv1d(x, w, b, 2, 1, 2, 2, **k),
        lambda f, x, w, b: f.conv1d(x, w, b, 2, 1, 2, 2),
        grads=3,
        spatial=True,
    ),
    "conv1d-same-even": Case(
        [X1, rand(3, 4, 4)],
        lambda n, x, w, **k: n.conv1d(x, w, padding="same", **k),
        lambda f, x, w: f.conv1d(x, w, padding="same"),
        grads=2,
        spatial=True,
    ),
    "conv2d": Case(
        [X2, rand(6, 4, 3, 2), rand(6)],
        lambda n, x, w, b, **k: n.conv2d(x, w, b, (2, 1), (1, 0), (1, 2), **k),
        lambda f, x, w, b: f.conv2d(x, w, b, (2, 1), (1, 0), (1, 2)),
        grads=3,
        spatial=True,
    ),
    "conv2d-groups-same": Case(
        [X2, rand(4, 1, 3, 3)],
        lambda n, x, w, **k: n.conv2d(x, w, None, 1, "same", 2, 4, **k),
        lambda f, x, w: f.conv2d(x, w, None, 1, "same", 2, 4),
        grads=2,
        spatial=True,
    ),
    "conv3d": Case(
        [X3, rand(4, 2, 2, 3, 2), rand(4)],
        lambda n, x, w, b, **k: n.conv3d(x, w, b, (1, 2, 1), 1, 1, 2, **k),
        lambda f, x, w, b: f.conv3d(x, w, b, (1, 2, 1), 1, 1, 2),
        grads=3,
        spatial=True,
    ),
    "conv_transpose1d": Case(
        [X1, rand(4, 3, 3), rand(6)],
        lambda n, x, w, b, **k: n.conv_transpose1d(x, w, b, 2, 1, 1, 2, 2, **k),
        lambda f, x, w, b: f.conv_transpose1d(x, w, b, 2, 1, 1, 2, 2),
        grads=3,
        spatial=True,
    ),
    "conv_transpose2d": Case(
        [X2, rand(4, 3, 3, 2), rand(3)],
        lambda n, x, w, b, **k: n.conv_transpose2d(x, w, b, (2, 3), (1, 0), (1, 2), **k),
        lambda f, x, w, b: f.conv_transpose2d(x, w, b, (2, 3), (1, 0), (1, 2)),
        grads=3,
        spatial=True,
    ),
    "conv_transpose3d": Case(
        [X3, rand(4, 1, 2, 2, 3)],
        lambda n, x, w, **k: n.conv_transpose3d(x, w, None, 2, 1, 0, 2, 2, **k),
        lambda f, x, w: f.conv_transpose3d(x, w, None, 2, 1, 0, 2, 2),
        grads=2,
        spatial=True,
    ),
    # pools and resizing
    "max_pool1d": Case(
        [X1],
        lambda n, x, **k: n.max_pool1d(x, 3, 2, 1, 2, True, **k),
        lambda f, x: f.max_pool1d(x, 3, 2, 1, 2, True),
        spatial=True,
    ),
    "max_pool2d": Case(
        [X2],
        lambda n, x, **k: n.max_pool2d(x, (3, 2), (2, 1), (1, 1), **k),
        lambda f, x: f.max_pool2d(x, (3, 2), (2, 1), (1, 1)),
        spatial=True,
    ),
    "max_pool3d": Case(
        [X3],
        lambda n, x, **k: n.max_pool3d(x, 2, ceil_mode=True, **k),
        lambda f, x: f.max_pool3d(x, 2, ceil_mode=True),
        spatial=True,
    ),
    "avg_pool1d": Case(
        [X1],
        lambda n, x, **k: n.avg_pool1d(x, 3, 2, 1, True, False, **k),
        lambda f, x: f.avg_pool1d(x, 3, 2, 1, True, False),
        spatial=True,
    ),
    "avg_pool2d": Case(
        [X2],
        lambda n, x, **k: n.avg_pool2d(x, 3, 2, 1, True, **k),
        lambda f, x: f.avg_pool2d(x, 3, 2, 1, True),
        spatial=True,
    ),
    "avg_pool2d-divisor": Case(
        [X2],
        lambda n, x, **k: n.avg_pool2d(x, 2, divisor_override=3, **k),
        lambda f, x: f.avg_pool2d(x, 2, divisor_override=3),
        spatial=True,
    ),
    "avg_pool3d": Case(
        [X3],
        lambda n, x, **k: n.avg_pool3d(x, (2, 3, 2), 1, (1, 1, 0), **k),
        lambda f, x: f.avg_pool3d(x, (2, 3, 2), 1, (1, 1, 0)),
        spatial=True,
    ),
    "adaptive_avg_pool1d": Case(
        [X1],
        lambda n, x, **k: n.adaptive_avg_pool1d(x, 4, **k),
        lambda f, x: f.adaptive_avg_pool1d(x, 4),
        spatial=True,
    ),
    "adaptive_avg_pool2d": Case(
        [X2],
        lambda n, x, **k: n.adaptive_avg_pool2d(x, (3, None), **k),
        lambda f, x: f.adaptive_avg_pool2d(x, (3, None)),
        spatial=True,
    ),
    "adaptive_avg_pool3d": Case(
        [X3],
        lambda n, x, **k: n.adaptive_avg_pool3d(x, (2, 4, 3), **k),
        lambda f, x: f.adaptive_avg_pool3d(x, (2, 4, 3)),
        spatial=True,
    ),
    "interpolate-nearest": Case(
        [X2],
        lambda n, x, **k: n.interpolate(x, size=(11, 4), **k),
        lambda f, x: f.interpolate(x, size=(11, 4)),
        spatial=True,
    ),
    "interpolate-nearest-exact": Case(
        [X1],
        lambda n, x, **k: n.interpolate(x, scale_factor=1.7, mode="nearest-exact", **k),
        lambda f, x: f.interpolate(x, scale_factor=1.7, mode="nearest-exact"),
        spatial=True,
    ),
    "interpolate-bilinear": Case(
        [X2],
        lambda n, x, **k: n.interpolate(x, scale_factor=2, mode="bilinear", **k),
        lambda f, x: f.interpolate(x, scale_factor=2, mode="bilinear"),
        spatial=True,
    ),
    "interpolate-bilinear-down": Case(
        [X2],
        lambda n, x, **k: n.interpolate(x, size=(4, 5), mode="bilinear", **k),
        lambda f, x: f.interpolate(x, size=(4, 5), mode="bilinear"),
        spatial=True,
    ),
    "interpolate-trilinear-corners": Case(
        [X3],
        lambda n, x, **k: n.interpolate(
            x, size=(7, 3, 5), mode="trilinear", align_corners=True, **k
        ),
        lambda f, x: f.interpolate(x, size=(7, 3, 5), mode="trilinear", align_corners=True),
        spatial=True,
    ),
    # normalisations
    "layer_norm": Case(
        [rand(3, 4, 5), rand(4, 5), rand(4, 5)],
        lambda n, x, w, b: n.layer_norm(x, (4, 5), w, b),
        lambda f, x, w, b: f.layer_norm(x, (4, 5), w, b),
        grads=3,
    ),
    "rms_norm": Case(
        [rand(3, 4, 5), rand(5)],
        lambda n, x, w: n.rms_norm(x, 5, w, eps=1e-6),
        lambda f, x, w: f.rms_norm(x, (5,), w, eps=1e-6),
        grads=2,
    ),
    "rms_norm-default-eps": Case(
        [rand(3, 4, 5)], lambda n, x: n.rms_norm(x, (4, 5)), lambda f, x: f.rms_norm(x, (4, 5))
    ),
    "group_norm": Case(
        [X2, rand(4), rand(4)],
        lambda n, x, w, b, **k: n.group_norm(x, 2, w, b, 1e-3, **k),
        lambda f, x, w, b: f.group_norm(x, 2, w, b, 1e-3),
        grads=3,
        spatial=True,
    ),
    "batch_norm-inference": Case(
        [X2, rand(4), rand(4, low=0.5), rand(4), rand(4)],
        lambda n, x, m, v, w, b, **k: n.batch_norm(x, m, v, w, b, **k).output,
        lambda f, x, m, v, w, b: f.batch_norm(x, m, v, w, b),
        grads=1,
        spatial=True,
    ),
    "batch_norm-training": Case(
        [X2, rand(4), rand(4)],
        lambda n, x, w, b, **k: n.batch_norm(x, None, None, w, b, True, eps=1e-3, **k).output,
        lambda f, x, w, b: f.batch_norm(x, None, None, w, b, True, eps=1e-3),
        grads=3,
        spatial=True,
    ),
    # embedding and attention
    "embedding": Case(
        [rand(7, 3), labels(7, 2, 5)],
        lambda n, w, i: n.embedding(i, w),
        lambda f, w, i: f.embedding(i, w),
    ),
    "embedding-padding": Case(
        [rand(7, 3), np.array([[0, 2, 2], [6, 1, 2]])],
        lambda n, w, i: n.embedding(i, w, padding_idx=2),
        lambda f, w, i: f.embedding(i, w, padding_idx=2),
    ),
    "attention": Case(
        [rand(2, 3, 4, 5), rand(2, 3, 6, 5), rand(2, 3, 6, 2)],
        lambda n, q, k, v: n.scaled_dot_product_attention(q, k, v),
        lambda f, q, k, v: f.scaled_dot_product_attention(q, k, v),
        grads=3,
    ),
    "attention-heads": Case(  # (4-D, values as wide as the queries: jax.nn's kernel shape)
        [rand(2, 3, 5, 4), rand(2, 3, 6, 4), rand(2, 3, 6, 4)],
        lambda n, q, k, v: n.scaled_dot_product_attention(q, k, v, is_causal=True),
        lambda f, q, k, v: f.scaled_dot_product_attention(q, k, v, is_causal=True),
        grads=3,
    ),
    "attention-causal-scale": Case(
        [rand(2, 4, 5), rand(2, 6, 5), rand(2, 6, 3)],
        lambda n, q, k, v: n.scaled_dot_product_attention(q, k, v, is_causal=True, scale=0.3),
        lambda f, q, k, v: f.scaled_dot_product_attention(q, k, v, is_causal=True, scale=0.3),
        grads=3,
    ),
    "attention-bool-mask": Case(
        [rand(2, 3, 4, 5), rand(2, 3, 6, 5), rand(2, 3, 6, 2), np.tril(np.ones((4, 6), bool), 1)],
        lambda n, q, k, v, m: n.scaled_dot_product_attention(q, k, v, m),
        lambda f, q, k, v, m: f.scaled_dot_product_attention(q, k, v, m),
        grads=3,
    ),
    "attention-float-mask": Case(
        [rand(3, 4, 5), rand(3, 6, 5), rand(3, 6, 2), rand(4, 6)],
        lambda n, q, k, v, m: n.scaled_dot_product_attention(q, k, v, m),
        lambda f, q, k, v, m: f.scaled_dot_product_attention(q, k, v, m),
        grads=4,
    ),
}


def _torch(a: Any, grad: bool = False) -> Any:
    t = torch.from_numpy(np.array(a))
    return t.requires_grad_() if grad and t.is_floating_point() else t


def _layouts(case: Case) -> list[str]:
    return ["channels_first", "channels_last"] if case.spatial else ["channels_first"]


def _ours(case: Case, tensors: list[Any], layout: str) -> Any:
    if layout == "channels_last":
        tensors = [tensors[0].moveaxis(1, -1), *tensors[1:]]
        return case.ours(nn, *tensors, data_format=layout).moveaxis(-1, 1)
    return case.ours(nn, *tensors)


def _reference(case: Case, arrays: list[Any]) -> tuple[Any, list[Any]]:
    """torch's value, and its gradients of ``sum(out * cotangent)`` (cotangent fixed)."""
    inputs = [_torch(a, i < case.grads) for i, a in enumerate(arrays)]
    out = case.theirs(F, *inputs)
    cot = torch.from_numpy(np.cos(np.arange(out.numel())).reshape(tuple(out.shape)))
    grads = torch.autograd.grad((out * cot).sum(), inputs[: case.grads], allow_unused=True)
    return out.detach().numpy(), [None if g is None else g.numpy() for g in grads]


# (name, layout): the spatial functions in both layouts
RUNS = [(name, layout) for name in sorted(CASES) for layout in _layouts(CASES[name])]


@pytest.mark.parametrize(("name", "layout"), RUNS)
def test_values_equal_torch(name: str, layout: str, backend: str) -> None:
    case = CASES[name]
    expected, _ = _reference(case, case.arrays)
    out = _ours(case, [make(backend, a) for a in case.arrays], layout)
    assert type(out) is type(make(backend, case.arrays[0]))
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(("name", "layout"), RUNS)
def test_gradients_equal_torch(name: str, layout: str, grad_backend: str) -> None:
    case = CASES[name]
    _, expected = _reference(case, case.arrays)
    tensors = [make(grad_backend, a) for a in case.arrays]
    fixed = tensors[case.grads :]

    def loss(*params: Any) -> Any:
        out = _ours(case, [*params, *fixed], layout)
        cot = np.cos(np.arange(out.size)).reshape(out.shape)
        return (out * out.asarray(cot, dtype=out.dtype)).sum()

    grads = ep.grad(loss, argnums=tuple(range(case.grads)))(*tensors[: case.grads])
    for g, e in zip(grads, expected, strict=True):
        np.testing.assert_allclose(g.numpy(), 0.0 if e is None else e, rtol=1e-9, atol=1e-11)


FLOAT32 = (
    "conv2d",
    "conv_transpose2d",
    "max_pool2d",
    "avg_pool2d",
    "layer_norm",
    "gelu",
    "cross_entropy",
    "attention",
    "attention-heads",
    "interpolate-bilinear",
    "batch_norm-training",
)


@pytest.mark.parametrize("name", FLOAT32)
def test_float32_values(name: str, backend: str) -> None:
    case = CASES[name]
    arrays = [a.astype(np.float32) if a.dtype == np.float64 else a for a in case.arrays]
    expected, _ = _reference(case, arrays)
    out = _ours(case, [make(backend, a) for a in arrays], "channels_first")
    assert out.dtype == ep.float32
    np.testing.assert_allclose(out.numpy(), expected, rtol=2e-5, atol=2e-5)


COMPILED = (
    "conv2d",
    "conv_transpose1d",
    "max_pool2d",
    "avg_pool2d",
    "adaptive_avg_pool2d",
    "interpolate-bilinear",
    "group_norm",
    "batch_norm-training",
    "attention-causal-scale",
    "cross_entropy-all",
    "embedding",
    "gelu",
)


@pytest.mark.parametrize("name", COMPILED)
def test_compiled_equals_eager(name: str, grad_backend: str) -> None:
    """Under ep.jit (jax.jit, tf.function(jit_compile=True), torch.compile) the value and
    the gradient are the eager ones."""
    case = CASES[name]
    tensors = [make(grad_backend, a) for a in case.arrays]

    def loss(x: Any, *rest: Any) -> Any:
        value = case.ours(nn, x, *rest).square().sum()
        return value, value

    def f(*ts: Any) -> Any:
        grad, value = ep.grad(loss, has_aux=True)(*ts)
        return value, grad

    eager = f(*tensors)
    compiled = ep.jit(f)(*tensors)
    np.testing.assert_allclose(compiled[0].numpy(), eager[0].numpy(), rtol=1e-9)
    np.testing.assert_allclose(compiled[1].numpy(), eager[1].numpy(), rtol=1e-9, atol=1e-12)


# ----------------------------------------------------------- hypothesis: convolutions
@st.composite
def convolutions(draw: Any) -> dict[str, Any]:
    n = draw(st.integers(1, 3))
    groups = draw(st.integers(1, 3))
    kernel = [draw(st.integers(1, 4)) for _ in range(n)]
    dilation = [draw(st.integers(1, 3)) for _ in range(n)]
    stride = [draw(st.integers(1, 3)) for _ in range(n)]
    padding = [draw(st.integers(0, 2)) for _ in range(n)]
    spans = [d * (k - 1) + 1 for k, d in zip(kernel, dilation, strict=True)]
    sizes = [
        draw(st.integers(max(1, s - 2 * p), s - 2 * p + 5))
        for s, p in zip(spans, padding, strict=True)
    ]
    return {
        "n": n,
        "groups": groups,
        "in": groups * draw(st.integers(1, 2)),
        "out": groups * draw(st.integers(1, 2)),
        "kernel": kernel,
        "dilation": tuple(dilation),
        "stride": tuple(stride),
        "padding": tuple(padding),
        "sizes": sizes,
        "bias": draw(st.booleans()),
        "last": draw(st.booleans()),
        "transposed": draw(st.booleans()),
        "same": draw(st.booleans()),
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=convolutions())
def test_convolutions_drawn(spec: dict[str, Any], backend: str) -> None:
    n, g = spec["n"], spec["groups"]
    x = rand(2, spec["in"], *spec["sizes"])
    if spec["transposed"]:
        assume(  # (an output at all)
            all(
                (size - 1) * s - 2 * p + d * (k - 1) + min(s, d) > 0
                for size, s, p, d, k in zip(
                    spec["sizes"],
                    spec["stride"],
                    spec["padding"],
                    spec["dilation"],
                    spec["kernel"],
                    strict=True,
                )
            )
        )
        w = rand(spec["in"], spec["out"] // g, *spec["kernel"])
        out_padding = tuple(
            min(s, d) - 1 for s, d in zip(spec["stride"], spec["dilation"], strict=True)
        )
        args = (spec["stride"], spec["padding"], out_padding, g, spec["dilation"])
        name = f"conv_transpose{n}d"
    else:
        w = rand(spec["out"], spec["in"] // g, *spec["kernel"])
        strided = any(s > 1 for s in spec["stride"])  # (torch: no "same" for those)
        padding = "same" if spec["same"] and not strided else spec["padding"]
        args = (spec["stride"], padding, spec["dilation"], g)
        name = f"conv{n}d"
    b = rand(spec["out"]) if spec["bias"] else None
    expected = getattr(F, name)(_torch(x), _torch(w), None if b is None else _torch(b), *args)
    layout = "channels_last" if spec["last"] else "channels_first"
    xt = make(backend, np.moveaxis(x, 1, -1) if spec["last"] else x)
    bt = None if b is None else make(backend, b)
    out = getattr(nn, name)(xt, make(backend, w), bt, *args, data_format=layout)
    if spec["last"]:
        out = out.moveaxis(-1, 1)
    np.testing.assert_allclose(out.numpy(), expected.numpy(), rtol=1e-10, atol=1e-10)


# ----------------------------------------------------------- state, keys, initialisers
def test_batch_norm_running_statistics(backend: str) -> None:
    x, rm, rv = X2, rand(4), rand(4, low=0.5)
    mean, var = _torch(rm), _torch(rv)
    expected = F.batch_norm(_torch(x), mean, var, training=True, momentum=0.3)
    out = nn.batch_norm(
        make(backend, x), make(backend, rm), make(backend, rv), training=True, momentum=0.3
    )
    np.testing.assert_allclose(out.output.numpy(), expected.numpy(), rtol=1e-10)
    np.testing.assert_allclose(out.running_mean.numpy(), mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(out.running_var.numpy(), var.numpy(), rtol=1e-12)
    y, m, v = nn.batch_norm(make(backend, x), out.running_mean, out.running_var)
    np.testing.assert_allclose(y.numpy(), F.batch_norm(_torch(x), mean, var).numpy(), rtol=1e-10)
    assert m is out.running_mean and v is out.running_var


def test_dropout_keyed(backend: str) -> None:
    x = make(backend, np.ones((200, 50)))
    a = nn.dropout(x, 0.3, key=5)
    b = nn.dropout(x, 0.3, key=5)
    np.testing.assert_array_equal(a.numpy(), b.numpy())  # one key, one mask
    values = np.unique(a.numpy())
    np.testing.assert_allclose(values, [0.0, 1.0 / 0.7])
    assert abs((a.numpy() == 0).mean() - 0.3) < 0.02
    assert not np.array_equal(a.numpy(), nn.dropout(x, 0.3, key=6).numpy())
    assert nn.dropout(x, 0.3, training=False) is x
    assert nn.dropout(x, 0.0, key=1) is x
    np.testing.assert_array_equal(nn.dropout(x, 1.0).numpy(), 0.0)


def test_attention_dropout_keyed(backend: str) -> None:
    q, k, v = (make(backend, rand(2, 4, 3)) for _ in range(3))
    a = nn.scaled_dot_product_attention(q, k, v, dropout_p=0.5, dropout_key=3)
    b = nn.scaled_dot_product_attention(q, k, v, dropout_p=0.5, dropout_key=3)
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    full = nn.scaled_dot_product_attention(q, k, v)
    assert not np.allclose(a.numpy(), full.numpy())


def test_initialisers(backend: str) -> None:
    like = make(backend, np.zeros(1))
    w = nn.init.kaiming_uniform(like, (300, 40, 3), key=1, a=math.sqrt(5))
    bound = math.sqrt(3) * nn.init.calculate_gain("leaky_relu", math.sqrt(5)) / math.sqrt(120)
    assert w.shape == (300, 40, 3) and w.dtype == like.dtype
    assert -bound <= float(w.min().item()) and float(w.max().item()) < bound
    assert abs(float(w.numpy().std()) - bound / math.sqrt(3)) < 0.02 * bound
    np.testing.assert_array_equal(
        w.numpy(), nn.init.kaiming_uniform(like, (300, 40, 3), key=1, a=math.sqrt(5)).numpy()
    )
    x = nn.init.xavier_normal(like, (200, 100), key=2, gain=2.0)
    assert abs(float(x.numpy().std()) - 2.0 * math.sqrt(2 / 300)) < 0.02
    k = nn.init.kaiming_normal(like, (200, 100), key=2, mode="fan_out", nonlinearity="relu")
    assert abs(float(k.numpy().std()) - math.sqrt(2) / math.sqrt(200)) < 0.005
    np.testing.assert_array_equal(nn.init.zeros(like, (2, 3)).numpy(), 0.0)
    np.testing.assert_array_equal(nn.init.ones(like, 4).numpy(), 1.0)
    u = nn.init.uniform(like, (1000,), key=3, a=-1.0, b=3.0).numpy()
    assert u.min() >= -1 and u.max() < 3
    assert abs(nn.init.normal(like, (4000,), key=4, mean=2.0, std=0.5).numpy().mean() - 2.0) < 0.05
    assert [nn.init.calculate_gain(g) for g in ("linear", "tanh", "relu", "selu")] == [
        1.0,
        5.0 / 3.0,
        math.sqrt(2.0),
        0.75,
    ]


def test_existing_names_stay(backend: str) -> None:
    x = make(backend, rand(3, 5))
    np.testing.assert_allclose(ep.relu(x).numpy(), nn.relu(x).numpy())
    np.testing.assert_allclose(ep.softmax(x).numpy(), nn.softmax(x).numpy())
    t = make(backend, labels(5, 3))
    np.testing.assert_allclose(
        ep.crossentropy(x, t).numpy(), nn.cross_entropy(x, t, reduction="none").numpy()
    )


# ------------------------------------------------------------------------ bad input
BAD: dict[str, tuple[Callable[[Any], Any], type[Exception], str]] = {
    "channels": (lambda m: nn.conv2d(m(X2), m(rand(6, 3, 3, 3))), ValueError, "4 channels"),
    "kernel-larger": (
        lambda m: nn.conv1d(m(X1), m(rand(2, 4, 12))),
        ValueError,
        "larger than the padded input",
    ),
    "negative-padding": (
        lambda m: nn.conv1d(m(X1), m(rand(2, 4, 3)), padding=-1),
        ValueError,
        "padding must be >= 0",
    ),
    "bad-padding-string": (
        lambda m: nn.conv1d(m(X1), m(rand(2, 4, 3)), padding="full"),
        ValueError,
        "'same', 'valid'",
    ),
    "rank": (lambda m: nn.conv2d(m(X1), m(rand(2, 4, 3, 3))), ValueError, "4-D input"),
    "groups": (lambda m: nn.conv1d(m(X1), m(rand(3, 2, 3)), groups=2), ValueError, "2 group"),
    "layout": (
        lambda m: nn.conv1d(m(X1), m(rand(2, 4, 3)), data_format="NCW"),
        ValueError,
        "data_format",
    ),
    "bias": (
        lambda m: nn.conv1d(m(X1), m(rand(2, 4, 3)), m(rand(3))),
        ValueError,
        "bias must have shape (2,)",
    ),
    "int-input": (
        lambda m: nn.conv1d(m(np.ones((1, 4, 5), int)), m(rand(2, 4, 3))),
        TypeError,
        "floating",
    ),
    "pool-padding": (lambda m: nn.max_pool1d(m(X1), 2, padding=2), ValueError, "at most half"),
    "output-padding": (
        lambda m: nn.conv_transpose1d(m(X1), m(rand(4, 2, 3)), output_padding=1),
        ValueError,
        "output_padding",
    ),
    "float-labels": (
        lambda m: nn.cross_entropy(m(rand(3, 5)), m(np.array([0.0, 1.0, 2.0]))),
        TypeError,
        "integer class labels",
    ),
    "labels-out-of-range": (
        lambda m: nn.cross_entropy(m(rand(3, 5)), m(np.array([0, 5, 1]))),
        ValueError,
        "labels in [0, 5)",
    ),
    "negative-label": (
        lambda m: nn.nll_loss(m(rand(3, 5)), m(np.array([0, -2, 1]))),
        ValueError,
        "from -2 to 1",
    ),
    "label-shape": (
        lambda m: nn.cross_entropy(m(rand(3, 5)), m(np.array([0, 1]))),
        ValueError,
        "labels of shape (3,)",
    ),
    "reduction": (
        lambda m: nn.mse_loss(m(rand(3)), m(rand(3)), reduction="avg"),
        ValueError,
        "reduction",
    ),
    "target-shape": (
        lambda m: nn.mse_loss(m(rand(3)), m(rand(4))),
        ValueError,
        "target of the input's shape",
    ),
    "embedding-index": (
        lambda m: nn.embedding(m(np.array([0, 7])), m(rand(7, 3))),
        IndexError,
        "in [0, 7)",
    ),
    "layer-norm-shape": (lambda m: nn.layer_norm(m(rand(3, 4)), (3,)), ValueError, "last axes"),
    "group-norm-groups": (lambda m: nn.group_norm(m(X2), 3), ValueError, "3 groups"),
    "batch-norm-stats": (
        lambda m: nn.batch_norm(m(X2), None, None),
        ValueError,
        "running statistics",
    ),
    "batch-norm-one": (
        lambda m: nn.batch_norm(m(rand(1, 4)), None, None, training=True),
        ValueError,
        "more than one value",
    ),
    "dropout-p": (lambda m: nn.dropout(m(X1), 1.5), ValueError, "probability"),
    "attention-shapes": (
        lambda m: nn.scaled_dot_product_attention(
            m(rand(2, 4, 5)), m(rand(2, 6, 4)), m(rand(2, 6, 3))
        ),
        ValueError,
        "disagree",
    ),
    "interpolate-mode": (
        lambda m: nn.interpolate(m(X1), size=4, mode="bilinear"),
        ValueError,
        "2 spatial",
    ),
    "interpolate-both": (lambda m: nn.interpolate(m(X1), 4, 2.0), ValueError, "either size"),
    "native": (lambda m: nn.relu(np.ones(3)), TypeError, "ep.astensor"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input(name: str, backend: str) -> None:
    call, error, words = BAD[name]
    with pytest.raises(error) as info:
        call(lambda a: make(backend, a))
    assert words in str(info.value), str(info.value)


def test_mixed_frameworks() -> None:
    pytest.importorskip("jax")
    x, w = make("torch", X1), make("jax", rand(2, 4, 3))
    with pytest.raises(TypeError, match="weight as a PyTorchTensor"):
        nn.conv1d(x, w)  # type: ignore[arg-type]


def test_native_input_message(backend: str) -> None:
    with pytest.raises(TypeError, match=r"ep\.astensor"):
        nn.conv1d(native(backend, X1), make(backend, rand(2, 4, 3)))
