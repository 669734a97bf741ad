"""``ep.nn``: neural-network functions over Tensors, ``torch.nn.functional``'s names,
signatures and semantics, on every framework with its own kernels (``torch.nn.functional``,
``tf.nn``, ``jax.lax``/``jax.nn``; NumPy: strided windows), differentiable and compilable.

Spatial functions take ``data_format="channels_first"`` (``(N, C, *spatial)``, torch's
layout, the default) or ``"channels_last"`` (``(N, *spatial, C)``, TensorFlow's and
JAX's); weights are always in torch's layout. ``batch_norm`` returns its running
statistics; ``dropout`` and attention dropout take a ``key``. ``ep.nn.init`` holds keyed
parameter initialisers.
"""

from . import init
from ._activations import (
    elu,
    gelu,
    glu,
    hardtanh,
    leaky_relu,
    log_softmax,
    mish,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    softmax,
    softplus,
    tanh,
)
from ._attention import dropout, embedding, scaled_dot_product_attention
from ._conv import (
    conv1d,
    conv2d,
    conv3d,
    conv_transpose1d,
    conv_transpose2d,
    conv_transpose3d,
    linear,
)
from ._losses import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    huber_loss,
    kl_div,
    l1_loss,
    mse_loss,
    nll_loss,
)
from ._norm import BatchNorm, batch_norm, group_norm, layer_norm, rms_norm
from ._pool import (
    adaptive_avg_pool1d,
    adaptive_avg_pool2d,
    adaptive_avg_pool3d,
    avg_pool1d,
    avg_pool2d,
    avg_pool3d,
    interpolate,
    max_pool1d,
    max_pool2d,
    max_pool3d,
)

__all__ = [
    "BatchNorm",
    "adaptive_avg_pool1d",
    "adaptive_avg_pool2d",
    "adaptive_avg_pool3d",
    "avg_pool1d",
    "avg_pool2d",
    "avg_pool3d",
    "batch_norm",
    "binary_cross_entropy_with_logits",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
    "cross_entropy",
    "dropout",
    "elu",
    "embedding",
    "gelu",
    "glu",
    "group_norm",
    "hardtanh",
    "huber_loss",
    "init",
    "interpolate",
    "kl_div",
    "l1_loss",
    "layer_norm",
    "leaky_relu",
    "linear",
    "log_softmax",
    "max_pool1d",
    "max_pool2d",
    "max_pool3d",
    "mish",
    "mse_loss",
    "nll_loss",
    "relu",
    "relu6",
    "rms_norm",
    "scaled_dot_product_attention",
    "selu",
    "sigmoid",
    "silu",
    "softmax",
    "softplus",
    "tanh",
]
