"""Activations, ``torch.nn.functional``'s names and arguments: each framework's own kernel
where it has one (``torch.nn.functional``, ``tf.nn``, ``jax.nn``), written once over the
namespace where not (NumPy)."""

from __future__ import annotations

from ..tensor.tensor import TensorType
from . import _checks


def _kernel(name: str, input: TensorType, *args: object) -> TensorType:
    x = _checks.tensor(name, input)
    return type(x)(getattr(x._ns._nn, name)(x.raw, *args))


def relu(input: TensorType) -> TensorType:
    """``max(x, 0)``."""
    return type(input)(_checks.tensor("relu", input)._ns.relu(input.raw))


def relu6(input: TensorType) -> TensorType:
    """``min(max(x, 0), 6)``."""
    return _kernel("relu6", input)


def leaky_relu(input: TensorType, negative_slope: float = 0.01) -> TensorType:
    """``x`` where positive, ``negative_slope * x`` elsewhere."""
    return _kernel("leaky_relu", input, float(negative_slope))


def elu(input: TensorType, alpha: float = 1.0) -> TensorType:
    """``x`` where positive, ``alpha * (exp(x) - 1)`` elsewhere."""
    return _kernel("elu", input, float(alpha))


def selu(input: TensorType) -> TensorType:
    """``scale * elu(x, alpha)`` with the self-normalising constants (1.0507..., 1.6732...)."""
    return _kernel("selu", input)


def gelu(input: TensorType, approximate: str = "none") -> TensorType:
    """``x * Phi(x)`` (``Phi``: the standard normal's distribution function);
    ``approximate="tanh"``: its tanh approximation."""
    if approximate not in ("none", "tanh"):
        raise ValueError(f"nn.gelu: approximate must be 'none' or 'tanh', got {approximate!r}")
    return _kernel("gelu", input, approximate == "tanh")


def silu(input: TensorType) -> TensorType:
    """``x * sigmoid(x)`` (swish)."""
    return _kernel("silu", input)


def mish(input: TensorType) -> TensorType:
    """``x * tanh(softplus(x))``."""
    return _kernel("mish", input)


def softplus(input: TensorType, beta: float = 1.0, threshold: float = 20.0) -> TensorType:
    """``log(1 + exp(beta * x)) / beta``, and ``x`` itself where ``beta * x > threshold``."""
    x = _checks.tensor("softplus", input)
    if beta == 1.0:
        smooth = x.softplus()
    else:
        smooth = (x * beta).softplus() / beta
    return (x * beta > threshold).where(x, smooth)


def hardtanh(input: TensorType, min_val: float = -1.0, max_val: float = 1.0) -> TensorType:
    """``x`` clipped to ``[min_val, max_val]``."""
    if min_val > max_val:
        raise ValueError(f"nn.hardtanh: min_val ({min_val}) must not exceed max_val ({max_val})")
    return _kernel("hardtanh", input, float(min_val), float(max_val))


def sigmoid(input: TensorType) -> TensorType:
    """``1 / (1 + exp(-x))``."""
    return _checks.tensor("sigmoid", input).sigmoid()


def tanh(input: TensorType) -> TensorType:
    """The hyperbolic tangent."""
    return _checks.tensor("tanh", input).tanh()


def softmax(input: TensorType, dim: int = -1) -> TensorType:
    """``exp(x) / sum(exp(x))`` along ``dim``."""
    return _checks.tensor("softmax", input).softmax(axis=dim)


def log_softmax(input: TensorType, dim: int = -1) -> TensorType:
    """``log(softmax(x))`` along ``dim``, without overflow."""
    return _checks.tensor("log_softmax", input).log_softmax(axis=dim)


def glu(input: TensorType, dim: int = -1) -> TensorType:
    """``a * sigmoid(b)``, ``a`` and ``b`` the halves of ``input`` along ``dim``."""
    x = _checks.tensor("glu", input)
    if x.ndim == 0 or x.shape[dim] % 2:
        raise ValueError(
            f"nn.glu halves the input along dim {dim}: that axis must have an even length, got "
            f"shape {tuple(x.shape)}"
        )
    a, b = x.split(2, axis=dim)
    return a * b.sigmoid()
