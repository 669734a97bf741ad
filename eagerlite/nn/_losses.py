"""Losses, ``torch.nn.functional``'s signatures and semantics (class weights, ignored
labels, label smoothing and their effect on the mean), written once over Tensor methods.

Class labels are checked to be integers in ``[0, classes)`` (``ignore_index`` apart) where
their values can be read; inside a compiled or traced function they cannot, and the check
is left out there (an out-of-range label then gives the framework's gather behaviour)."""

from __future__ import annotations

from typing import Any

from .._core.dtypes import is_kind, name_of
from ..tensor.tensor import TensorType
from . import _checks


def _labels(function: str, target: Any, classes: int, ignore_index: int) -> tuple[Any, Any]:
    """``target``'s labels with the ignored ones as 0, and the mask of the kept ones."""
    name = name_of(target.dtype)
    if not is_kind(name, "integral"):
        raise TypeError(
            f"nn.{function} needs integer class labels (or probabilities of the input's "
            f"shape), got {name} labels of shape {tuple(target.shape)}"
        )
    kept = target != ignore_index
    labels = kept.where(target, 0)
    found = labels._hooks.extremes(labels.raw)  # (None where the values are not known)
    if found is not None and (found[0] < 0 or found[1] >= classes):
        raise ValueError(
            f"nn.{function} needs labels in [0, {classes}) for {classes} classes (or "
            f"ignore_index={ignore_index}), got labels from {found[0]} to {found[1]}"
        )
    return labels, kept


def _class_axis(function: str, input: Any, target: Any) -> int:
    """The class axis (1; 0 for a 1-D input), with ``target``'s shape checked: the input's
    without it (labels) or the input's own (probabilities)."""
    axis = 0 if input.ndim == 1 else 1
    if input.ndim == 0:
        raise ValueError(f"nn.{function} needs an input with a class axis, got a 0-d input")
    without = tuple(s for i, s in enumerate(input.shape) if i != axis)
    if tuple(target.shape) not in (without, tuple(input.shape)):
        raise ValueError(
            f"nn.{function}: an input of shape {tuple(input.shape)} (classes on axis {axis}) "
            f"needs labels of shape {without} or probabilities of shape "
            f"{tuple(input.shape)}, got {tuple(target.shape)}"
        )
    return axis


def _weights(function: str, input: Any, weight: Any, axis: int) -> Any:
    """The class ``weight`` vector checked, shaped to broadcast along the class axis."""
    if weight is None:
        return None
    _checks.same(function, input, ("weight", weight))
    classes = input.shape[axis]
    if tuple(weight.shape) != (classes,):
        raise ValueError(f"nn.{function}: weight must have shape ({classes},), got {weight.shape}")
    return weight.reshape((classes,) + (1,) * (input.ndim - axis - 1))


def _nll(
    function: str,
    logp: Any,
    target: Any,
    weight: Any,
    ignore_index: int,
    reduction: str,
    smoothing: float,
) -> Any:
    axis = _class_axis(function, logp, target)
    w = _weights(function, logp, weight, axis)
    classes = logp.shape[axis]
    if target.shape == logp.shape and is_kind(name_of(target.dtype), "real floating"):
        _checks.same(function, logp, ("target", target))
        if smoothing:
            target = target * (1.0 - smoothing) + smoothing / classes
        terms = logp * target if w is None else logp * target * w
        loss = -terms.sum(axis=axis)
        if reduction == "mean":
            return loss.sum() / (logp.size / classes)
        return _checks.reduced(function, loss, reduction)
    labels, kept = _labels(function, target, classes, ignore_index)
    picked = logp.take_along_axis(labels.expand_dims(axis), axis=axis).squeeze(axis)
    per = kept.astype(logp.dtype)  # (0 for the ignored labels)
    if w is not None:
        per = per * weight.take(labels)
    loss = -picked * per
    if smoothing:
        spread = logp if w is None else logp * w
        smooth = -spread.sum(axis=axis) * kept.astype(logp.dtype)
    if reduction == "mean":
        total = per.sum()
        loss = loss.sum() / total
        if smoothing:
            loss = loss * (1.0 - smoothing) + smooth.sum() / total * (smoothing / classes)
        return loss
    if smoothing:
        loss = loss * (1.0 - smoothing) + smooth * (smoothing / classes)
    return _checks.reduced(function, loss, reduction)


def _smoothing(function: str, label_smoothing: float) -> float:
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"nn.{function}: label_smoothing must be in [0, 1], got {label_smoothing}")
    return float(label_smoothing)


def cross_entropy(
    input: TensorType,
    target: TensorType,
    weight: TensorType | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> TensorType:
    """The cross-entropy of the logits ``input`` (classes on axis 1: ``(N, C, *d)``, or
    ``(C,)``) and ``target``: class indices ``(N, *d)`` (``ignore_index`` left out of the
    loss and the mean) or probabilities of the input's shape. ``weight``: one per class
    (the mean is then weighted); ``label_smoothing``: the target mixed with the uniform
    distribution; ``reduction``: ``"mean"``, ``"sum"`` or ``"none"``."""
    x = _checks.tensor("cross_entropy", input)
    smoothing = _smoothing("cross_entropy", label_smoothing)
    logp = x.log_softmax(axis=0 if x.ndim == 1 else 1)
    return _nll("cross_entropy", logp, target, weight, ignore_index, reduction, smoothing)  # type: ignore[no-any-return]


def nll_loss(
    input: TensorType,
    target: TensorType,
    weight: TensorType | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
) -> TensorType:
    """The negative log-likelihood of class indices ``target`` under the log-probabilities
    ``input`` (classes on axis 1); ``weight``, ``ignore_index`` and ``reduction`` as
    ``cross_entropy``'s."""
    x = _checks.tensor("nll_loss", input)
    if target.shape == x.shape:
        raise ValueError(
            "nn.nll_loss needs class indices as target (cross_entropy takes probabilities)"
        )
    return _nll("nll_loss", x, target, weight, ignore_index, reduction, 0.0)  # type: ignore[no-any-return]


def _pair(function: str, input: Any, target: Any) -> Any:
    x = _checks.tensor(function, input)
    _checks.same(function, x, ("target", target))
    if tuple(target.shape) != tuple(x.shape):
        raise ValueError(
            f"nn.{function} needs a target of the input's shape {tuple(x.shape)}, got "
            f"{tuple(target.shape)}"
        )
    return x


def binary_cross_entropy_with_logits(
    input: TensorType,
    target: TensorType,
    weight: TensorType | None = None,
    reduction: str = "mean",
    pos_weight: TensorType | None = None,
) -> TensorType:
    """The binary cross-entropy of the logits ``input`` and the probabilities ``target``,
    without overflow; ``pos_weight`` weighs the positive term (one per class, broadcast
    along the last axis), ``weight`` each element."""
    x = _pair("binary_cross_entropy_with_logits", input, target)
    _checks.same(
        "binary_cross_entropy_with_logits", x, ("weight", weight), ("pos_weight", pos_weight)
    )
    log_sigmoid_neg = (-x).softplus()  # -log(sigmoid(x)) = softplus(-x)
    if pos_weight is None:
        loss = (1.0 - target) * x + log_sigmoid_neg
    else:
        loss = (1.0 - target) * x + ((pos_weight - 1.0) * target + 1.0) * log_sigmoid_neg
    if weight is not None:
        loss = loss * weight
    return _checks.reduced("binary_cross_entropy_with_logits", loss, reduction)  # type: ignore[no-any-return]


def mse_loss(input: TensorType, target: TensorType, reduction: str = "mean") -> TensorType:
    """``(input - target) ** 2``, reduced."""
    d = _pair("mse_loss", input, target) - target
    return _checks.reduced("mse_loss", d * d, reduction)  # type: ignore[no-any-return]


def l1_loss(input: TensorType, target: TensorType, reduction: str = "mean") -> TensorType:
    """``|input - target|``, reduced."""
    d = _pair("l1_loss", input, target) - target
    return _checks.reduced("l1_loss", d.abs(), reduction)  # type: ignore[no-any-return]


def huber_loss(
    input: TensorType, target: TensorType, reduction: str = "mean", delta: float = 1.0
) -> TensorType:
    """``d ** 2 / 2`` where ``|d| < delta`` (``d = input - target``), ``delta * (|d| -
    delta / 2)`` beyond, reduced."""
    if delta <= 0:
        raise ValueError(f"nn.huber_loss: delta must be positive, got {delta}")
    d = (_pair("huber_loss", input, target) - target).abs()
    loss = (d < delta).where(0.5 * d * d, delta * (d - 0.5 * delta))
    return _checks.reduced("huber_loss", loss, reduction)  # type: ignore[no-any-return]


def kl_div(
    input: TensorType, target: TensorType, reduction: str = "mean", log_target: bool = False
) -> TensorType:
    """The Kullback-Leibler divergence of ``target`` from the log-probabilities ``input``:
    ``target * (log(target) - input)`` (0 where the target is 0; ``log_target``: the target
    given as log-probabilities); ``reduction="batchmean"`` divides the sum by the batch
    size (the divergence's value), ``"mean"`` by the number of elements (torch's default)."""
    x = _pair("kl_div", input, target)
    if log_target:
        loss = target.exp() * (target - x)
    else:
        positive = target > 0
        safe = positive.where(target, 1.0)
        loss = positive.where(target * safe.log(), 0.0) - target * x
    if reduction == "batchmean":
        return loss.sum() / (x.shape[0] if x.ndim else 1)  # type: ignore[no-any-return]
    return _checks.reduced("kl_div", loss, reduction)  # type: ignore[no-any-return]
