"""The kernels of ``ep.nn``, in every namespace (as ``xp._nn``): each framework's own
where it has one, written once here over the namespace's functions where it has none.

A kernel takes and returns native arrays; ``ep.nn`` (the top layer) checks the arguments,
resolves defaults and padding, and wraps the results.  The spatial kernels take the
layout as ``last`` (True: channels last, ``(N, *spatial, C)``; False: ``(N, C,
*spatial)``) and weights always in ``torch.nn.functional``'s layout (``(out, in / groups,
*kernel)``; transposed convolutions ``(in, out / groups, *kernel)``):

- ``conv(x, w, b, stride, pads, dilation, groups, last)``: ``pads`` a ``(low, high)`` pair
  per spatial axis (zeros);
- ``conv_transpose(x, w, b, stride, padding, output_padding, dilation, groups, last)``:
  ``padding`` one int per axis (cropped from both ends), ``output_padding`` added at the end;
- ``max_pool(x, window, stride, pads, dilation, last)`` (padded with ``-inf``) and
  ``sum_pool(x, window, stride, pads, last)`` (padded with zeros);
- ``resize_linear(x, size, last)``: (bi/tri)linear resizing with half-pixel centres, and
  ``resize_nearest(x, size, last)``: torch's nearest neighbours (``floor(i * in / out)``),
  where the framework's kernel does it in the input's dtype (``None`` where it has none:
  ``ep.nn`` then gathers and interpolates);
- ``adaptive_avg_pool(x, size, last)``: ``None`` where the framework has no kernel;
- the activations, ``linear``, the normalisations (``layer_norm``, ``group_norm``,
  ``rms_norm``, ``batch_norm`` with given statistics, ``batch_norm_train`` with the
  batch's), ``attention`` (no dropout) and
  ``attention_weights`` (the softmax of the masked scores, which ``ep.nn`` drops out).
"""

from __future__ import annotations

import math
from typing import Any

from ._namespace import Namespace

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def complete(xp: Namespace, own: dict[str, Any]) -> None:
    """Give ``xp`` its ``_nn`` kernels: the framework's ``own``, the generic ones for the rest."""
    nn = Namespace(f"{xp.__name__}._nn", "The kernels of ep.nn.")
    nn.__dict__.update(generic(xp) | own)
    xp.__dict__["_nn"] = nn


def generic(xp: Namespace) -> dict[str, Any]:
    """The kernels written over ``xp``'s functions."""

    def gelu(x: Any, approximate: bool) -> Any:
        if approximate:
            inner = SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)
            return 0.5 * x * (1.0 + xp.tanh(inner))
        return 0.5 * x * (1.0 + xp.erf(x / math.sqrt(2.0)))

    def silu(x: Any) -> Any:
        return x * xp.sigmoid(x)

    def elu(x: Any, alpha: float) -> Any:
        return xp.where(x > 0, x, alpha * xp.expm1(xp.minimum(x, 0)))

    def selu(x: Any) -> Any:
        return SELU_SCALE * elu(x, SELU_ALPHA)

    def leaky_relu(x: Any, slope: float) -> Any:
        return xp.where(x > 0, x, x * slope)

    def hardtanh(x: Any, low: float, high: float) -> Any:
        return xp.clip(x, low, high)

    def relu6(x: Any) -> Any:
        return hardtanh(x, 0.0, 6.0)

    def mish(x: Any) -> Any:
        return x * xp.tanh(xp.softplus(x))

    def linear(x: Any, w: Any, b: Any) -> Any:
        y = xp.matmul(x, xp.matrix_transpose(w)) if w.ndim == 2 else xp.matmul(x, w)
        return y if b is None else y + b

    def _affine(y: Any, w: Any, b: Any) -> Any:
        y = y if w is None else y * w
        return y if b is None else y + b

    def layer_norm(x: Any, n: int, w: Any, b: Any, eps: float) -> Any:
        axes = tuple(range(x.ndim - n, x.ndim))
        mean = xp.mean(x, axis=axes, keepdims=True)
        var = xp.var(x, axis=axes, keepdims=True)
        return _affine((x - mean) / xp.sqrt(var + eps), w, b)

    def rms_norm(x: Any, n: int, w: Any, eps: float) -> Any:
        axes = tuple(range(x.ndim - n, x.ndim))
        y = x / xp.sqrt(xp.mean(x * x, axis=axes, keepdims=True) + eps)
        return y if w is None else y * w

    def group_norm(x: Any, groups: int, w: Any, b: Any, eps: float, last: bool) -> Any:
        shape = x.shape
        c = shape[-1] if last else shape[1]
        if last:
            g = xp.reshape(x, (shape[0], -1, groups, c // groups))
            axes: tuple[int, ...] = (1, 3)
        else:
            g = xp.reshape(x, (shape[0], groups, -1))
            axes = (2,)
        mean = xp.mean(g, axis=axes, keepdims=True)
        var = xp.var(g, axis=axes, keepdims=True)
        y = xp.reshape((g - mean) / xp.sqrt(var + eps), shape)
        return _affine(y, *_per_channel(w, b, x.ndim, last))

    def batch_norm(x: Any, mean: Any, var: Any, w: Any, b: Any, eps: float, last: bool) -> Any:
        mean, var = _per_channel(mean, var, x.ndim, last)
        return _affine((x - mean) / xp.sqrt(var + eps), *_per_channel(w, b, x.ndim, last))

    def batch_norm_train(x: Any, w: Any, b: Any, eps: float, last: bool) -> Any:
        axes = tuple(a for a in range(x.ndim) if a != (x.ndim - 1 if last else 1))
        mean = xp.mean(x, axis=axes, keepdims=True)
        var = xp.var(x, axis=axes, keepdims=True)
        return _affine((x - mean) / xp.sqrt(var + eps), *_per_channel(w, b, x.ndim, last))

    def _per_channel(a: Any, b: Any, ndim: int, last: bool) -> tuple[Any, Any]:
        """``a`` and ``b`` (vectors over the channels, or None) broadcast to ``x``'s layout."""
        if last:
            return a, b
        shape = (-1,) + (1,) * (ndim - 2)
        return (
            None if a is None else xp.reshape(a, shape),
            None if b is None else xp.reshape(b, shape),
        )

    def attention(q: Any, k: Any, v: Any, mask: Any, causal: bool, scale: float) -> Any:
        return attention_over(xp, q, k, v, mask, causal, scale)

    def attention_weights(q: Any, k: Any, mask: Any, causal: bool, scale: float) -> Any:
        s = xp.matmul(q, xp.matrix_transpose(k)) * scale
        return xp.softmax(masked_scores(xp, s, mask, causal), axis=-1)

    return {
        "gelu": gelu,
        "silu": silu,
        "elu": elu,
        "selu": selu,
        "leaky_relu": leaky_relu,
        "hardtanh": hardtanh,
        "relu6": relu6,
        "mish": mish,
        "linear": linear,
        "layer_norm": layer_norm,
        "rms_norm": rms_norm,
        "group_norm": group_norm,
        "batch_norm": batch_norm,
        "batch_norm_train": batch_norm_train,
        "attention": attention,
        "attention_weights": attention_weights,
        "resize_linear": None,
        "resize_nearest": None,
        "adaptive_avg_pool": None,
    }


def attention_over(
    xp: Namespace, q: Any, k: Any, v: Any, mask: Any, causal: bool, scale: float
) -> Any:
    """Scaled dot-product attention written over ``xp``."""
    s = masked_scores(xp, xp.matmul(q, xp.matrix_transpose(k)) * scale, mask, causal)
    return xp.matmul(xp.softmax(s, axis=-1), v)


def masked_scores(xp: Namespace, s: Any, mask: Any, causal: bool) -> Any:
    """Attention scores ``s`` (``(..., L, S)``) with a boolean ``mask`` (False: left out),
    an additive float ``mask``, and the causal mask (top-left aligned, as torch's)."""
    if causal:
        rows, cols = s.shape[-2], s.shape[-1]
        keep = xp.tril(xp.ones((rows, cols), dtype=xp.bool, **xp._near(s)))
        s = xp.where(keep, s, -math.inf)
    if mask is not None:
        if xp.isdtype(mask.dtype, "bool"):
            s = xp.where(mask, s, -math.inf)
        else:
            s = s + mask
    return s


def transposed_as_conv(w: Any, groups: int, xp: Namespace) -> Any:
    """A transposed convolution's weight ``(in, out / g, *k)`` as the weight ``(out, in /
    g, *k)`` of the convolution that computes it on the dilated input (flipped)."""
    c, og, *k = w.shape
    g = xp.reshape(w, (groups, c // groups, og, *k))
    g = xp.permute_dims(g, (0, 2, 1, *range(3, 3 + len(k))))
    g = xp.reshape(g, (groups * og, c // groups, *k))
    return xp.flip(g, axis=tuple(range(2, 2 + len(k))))


def transposed_pads(
    w_shape: tuple[int, ...],
    padding: tuple[int, ...],
    output_padding: tuple[int, ...],
    dilation: tuple[int, ...],
) -> list[tuple[int, int]]:
    """The ``(low, high)`` padding (negative: cropped) of the dilated input for the
    convolution that computes a transposed one."""
    return [
        (d * (k - 1) - p, d * (k - 1) - p + op)
        for k, p, op, d in zip(w_shape[2:], padding, output_padding, dilation, strict=True)
    ]
