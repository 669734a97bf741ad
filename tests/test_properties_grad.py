"""Gradients by property: for each differentiable operation on each autodiff backend,
``ep.value_and_grad`` of ``f(x) = (op(x) * w).sum()`` (random weights ``w``) in float64
is compared with central finite differences of a NumPy reference of ``f``.

Inputs are drawn away from kinks and domain edges (log and sqrt on [0.1, 10], divisors
with ``|x| >= 0.5``, powers of positive bases, ...), shapes 1-D to 3-D with sides 1..4.
Budget: ``EAGERLITE_HYPOTHESIS_EXAMPLES`` (see tests/_strategies.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from _strategies import SETTINGS, Array, count, readback
from conftest import make, numeric_grads
from hypothesis import assume, given
from hypothesis import strategies as st

import eagerlite as ep

STEP = 1e-6
RTOL, ATOL = 1e-5, 1e-7
SHAPES = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)
PAIRS = hnp.mutually_broadcastable_shapes(
    num_shapes=2, min_dims=1, max_dims=3, min_side=1, max_side=4
).map(lambda s: s.input_shapes)


def values(data: st.DataObject, shape: tuple[int, ...], lo: float, hi: float) -> Array:
    """float64 values in [lo, hi]."""
    elements = st.floats(lo, hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)
    return np.asarray(data.draw(hnp.arrays(np.float64, shape, elements=elements)))


def away(data: st.DataObject, shape: tuple[int, ...], lo: float, hi: float) -> Array:
    """float64 values with ``lo <= |x| <= hi``, of either sign."""
    magnitude = values(data, shape, lo, hi)
    signs = data.draw(hnp.arrays(np.bool_, shape), label="signs")
    return np.where(signs, -magnitude, magnitude)


def _sigmoid(x: Array) -> Array:
    return np.asarray(1 / (1 + np.exp(-x)))


# name -> (NumPy reference, how to draw x: "range" [lo, hi] or "away" lo <= |x| <= hi)
UNARY: dict[str, tuple[Callable[[Array], Array], str, float, float]] = {
    "exp": (np.exp, "range", -3.0, 3.0),
    "expm1": (np.expm1, "range", -3.0, 3.0),
    "log": (np.log, "range", 0.1, 10.0),
    "log2": (np.log2, "range", 0.1, 10.0),
    "log10": (np.log10, "range", 0.1, 10.0),
    "log1p": (np.log1p, "range", -0.5, 10.0),
    "sqrt": (np.sqrt, "range", 0.1, 10.0),
    "square": (np.square, "range", -3.0, 3.0),
    "abs": (np.abs, "away", 0.1, 3.0),
    "reciprocal": (np.reciprocal, "away", 0.5, 3.0),
    "sin": (np.sin, "range", -3.0, 3.0),
    "cos": (np.cos, "range", -3.0, 3.0),
    "tan": (np.tan, "range", -1.2, 1.2),
    "sinh": (np.sinh, "range", -3.0, 3.0),
    "cosh": (np.cosh, "range", -3.0, 3.0),
    "tanh": (np.tanh, "range", -3.0, 3.0),
    "sigmoid": (_sigmoid, "range", -5.0, 5.0),
    "arcsin": (np.arcsin, "range", -0.9, 0.9),
    "arccos": (np.arccos, "range", -0.9, 0.9),
    "arctan": (np.arctan, "range", -3.0, 3.0),
    "arcsinh": (np.arcsinh, "range", -3.0, 3.0),
    "arccosh": (np.arccosh, "range", 1.1, 5.0),
    "arctanh": (np.arctanh, "range", -0.9, 0.9),
}

BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "**": lambda a, b: a**b,
}


def _np_logsumexp(x: Array, axis: Any, keepdims: bool) -> Array:
    m = np.max(x, axis=axis, keepdims=True)
    out = np.log(np.exp(x - m).sum(axis=axis, keepdims=True)) + m
    return out if keepdims else np.squeeze(out, axis=axis)


def _np_log_softmax(x: Array, axis: int) -> Array:
    shifted = x - x.max(axis=axis, keepdims=True)
    return np.asarray(shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True)))


REDUCTIONS: dict[str, Callable[..., Array]] = {
    "sum": np.sum,
    "mean": np.mean,
    "prod": np.prod,
    "logsumexp": _np_logsumexp,
    "std": np.std,
    "var": np.var,
}


# A case: (inputs, eagerlite op on tensors, NumPy op on arrays); f = (op * w).sum()
Case = tuple[list[Array], Callable[..., Any], Callable[..., Array]]


def _draw_case(data: st.DataObject, name: str) -> Case:
    if name in UNARY:
        ref, how, lo, hi = UNARY[name]
        shape = data.draw(SHAPES, label="shape")
        x = (values if how == "range" else away)(data, shape, lo, hi)
        return [x], lambda t: getattr(ep, name)(t), ref
    if name in BINARY:
        sa, sb = data.draw(PAIRS, label="shapes")
        if name == "/":
            a, b = values(data, sa, -3.0, 3.0), away(data, sb, 0.5, 3.0)
        elif name == "**":
            a, b = values(data, sa, 0.5, 3.0), values(data, sb, -2.0, 2.0)
        else:
            a, b = values(data, sa, -3.0, 3.0), values(data, sb, -3.0, 3.0)
        return [a, b], BINARY[name], BINARY[name]
    if name in REDUCTIONS:
        shape = data.draw(SHAPES, label="shape")
        nd = len(shape)
        axis = data.draw(st.none() | st.integers(-nd, nd - 1), label="axis")
        keepdims = data.draw(st.booleans(), label="keepdims")
        if name == "prod":
            x = away(data, shape, 0.5, 2.0)
        else:
            x = values(data, shape, -3.0, 3.0)
        if name in ("std", "var"):  # (std is not differentiable at a spread of 0)
            assume(np.all(np.var(x, axis=axis) > 1e-2))
        ref_fn = REDUCTIONS[name]

        def ep_red(t: Any) -> Any:
            return getattr(ep, name)(t, axis=axis, keepdims=keepdims)

        return [x], ep_red, lambda a: np.asarray(ref_fn(a, axis=axis, keepdims=keepdims))
    if name in ("softmax", "log_softmax"):
        shape = data.draw(SHAPES, label="shape")
        axis = data.draw(st.integers(-len(shape), len(shape) - 1), label="axis")
        x = values(data, shape, -5.0, 5.0)

        def np_sm(a: Array) -> Array:
            out = _np_log_softmax(a, axis)
            return out if name == "log_softmax" else np.exp(out)

        return [x], lambda t: getattr(ep, name)(t, axis=axis), np_sm
    if name in ("l2", "lp3"):
        shape = data.draw(SHAPES, label="shape")
        nd = len(shape)
        axis = data.draw(st.none() | st.integers(-nd, nd - 1), label="axis")
        x = away(data, shape, 0.1, 3.0)
        p = 2.0 if name == "l2" else 3.0

        def ep_norm(t: Any) -> Any:
            return ep.norms.l2(t, axis=axis) if name == "l2" else ep.norms.lp(t, 3, axis=axis)

        return [x], ep_norm, lambda a: np.asarray((np.abs(a) ** p).sum(axis=axis) ** (1 / p))
    if name == "crossentropy":
        n, c = data.draw(st.integers(1, 4), label="n"), data.draw(st.integers(1, 4), label="c")
        logits = values(data, (n, c), -5.0, 5.0)
        labels = data.draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, c - 1)))

        def np_ce(a: Array) -> Array:
            return -np.take_along_axis(_np_log_softmax(a, 1), labels[:, None], 1)[:, 0]

        return [logits], lambda t: ep.crossentropy(t, _like(t, labels)), np_ce
    if name == "matmul":
        n, k, m = (data.draw(st.integers(1, 4)) for _ in range(3))
        batch = data.draw(st.sampled_from([(), (2,)]), label="batch")
        a, b = values(data, (*batch, n, k), -3.0, 3.0), values(data, (k, m), -3.0, 3.0)
        return [a, b], ep.matmul, np.matmul
    raise AssertionError(name)


_BACKEND_OF = {"PyTorchTensor": "torch", "JAXTensor": "jax", "TensorFlowTensor": "tensorflow"}


def _like(t: Any, a: Array) -> Any:
    """``a`` as an eagerlite tensor of ``t``'s framework."""
    return make(_BACKEND_OF[type(t).__name__], a)


GRAD_OPS = [
    *UNARY,
    *BINARY,
    *REDUCTIONS,
    "softmax",
    "log_softmax",
    "l2",
    "lp3",
    "crossentropy",
    "matmul",
]


@pytest.mark.parametrize("name", GRAD_OPS)
def test_grad(grad_backend: str, name: str) -> None:
    _grad(grad_backend, name)


@given(data=st.data())
@SETTINGS
def _grad(backend: str, name: str, data: st.DataObject) -> None:
    args, ep_op, np_op = _draw_case(data, name)
    out_shape = np.shape(np_op(*args))
    w = values(data, out_shape, -2.0, 2.0)
    wt = make(backend, w)

    def f(*ts: Any) -> Any:
        return (ep_op(*ts) * wt).sum()

    def ref(*arrays: Array) -> float:
        return float((np_op(*arrays) * w).sum())

    tensors = [make(backend, a) for a in args]
    count(backend)
    if len(tensors) == 1:
        value, grad = ep.value_and_grad(f, tensors[0])
        grads = [grad]
    else:
        value, grads = ep.value_and_grad(f, *tensors, argnums=tuple(range(len(tensors))))
    scale = float(np.abs(np_op(*args) * w).sum())
    np.testing.assert_allclose(
        readback(value), ref(*args), rtol=1e-10, atol=1e-12 * max(1.0, scale)
    )
    expected = numeric_grads(lambda a: ref(*a), args, STEP)
    for i, (got, want) in enumerate(zip(grads, expected, strict=True)):
        got_a = readback(got)
        assert got_a.shape == args[i].shape, (i, got_a.shape, args[i].shape)
        assert got_a.dtype == np.float64, (i, got_a.dtype)
        np.testing.assert_allclose(
            got_a, want, rtol=RTOL, atol=ATOL * max(1.0, scale), err_msg=f"argument {i}"
        )
