"""Generic functions written once with eagerlite, run under each framework's compiler.

Each takes and returns native tensors, like a library function would.
"""

from __future__ import annotations

from typing import Any

import eagerlite as ep


def l2(x: Any) -> Any:
    return ep.norms.l2(ep.astensor(x), axis=-1).raw


def lp(x: Any) -> Any:
    return ep.norms.lp(ep.astensor(x), 3).raw


def softmax_xent(logits: Any, labels: Any) -> Any:
    t, y = ep.astensors(logits, labels)
    return t.crossentropy(y).mean().raw


def pgd_step(x: Any, labels: Any) -> Any:
    """One clipped, projected gradient step (as in adversarial attacks)."""
    t, y = ep.astensors(x, labels)
    _, grad = ep.value_and_grad(lambda u: u.crossentropy(y).sum(), t)
    step = t + 0.1 * grad.sign()
    return ep.minimum(ep.maximum(step, t - 0.05), t + 0.05).clip(-1.0, 1.0).raw


def topk_mask(x: Any) -> Any:
    """Keep the two largest logits per row (where/topk), zero the first column (index_update)."""
    t = ep.astensor(x)
    values, _ = t.topk(2)
    kept = (t >= values[:, -1:]).where(t, 0.0)
    return ep.index_update(kept, ep.index[:, 0], 0.0).raw


def stop_gradient(x: Any) -> Any:
    t = ep.astensor(x)
    return (t.square() * t.stop_gradient()).sum().raw  # its gradient is 2 x^2, not 3 x^2


def keyed_uniform(x: Any) -> Any:
    t = ep.astensor(x)
    return (t + t.uniform(t.shape, key=3) + t.normal(t.shape[-1:], key=4)).raw


def _iadd(a: Any, b: Any) -> Any:
    a += b
    return a


def _isub(a: Any, b: Any) -> Any:
    a -= b
    return a


def _imul(a: Any, b: Any) -> Any:
    a *= b
    return a


def _itruediv(a: Any, b: Any) -> Any:
    a /= b
    return a


def _ifloordiv(a: Any, b: Any) -> Any:
    a //= b
    return a


def _imod(a: Any, b: Any) -> Any:
    a %= b
    return a


def _ipow(a: Any, b: Any) -> Any:
    a **= b
    return a


def _imatmul(a: Any, b: Any) -> Any:
    a @= _flipped(b)
    return a


def _flipped(b: Any) -> Any:
    """``b`` reshaped from (m, n) to (n, m), for matrix products with ``a``."""
    return b.reshape((b.shape[1], b.shape[0]))


# Every operator of a Tensor: (op, the same op out of place), applied to a matrix ``a`` and
# ``b = a * a + 0.5``, which is positive (for /, //, %, and as a base of **); written for
# any tensor type, so the same lambdas are the native reference.  Eagerlite's in-place
# operators rebind the name (a Tensor is never changed in place): their reference is the
# out-of-place op.
OPERATORS: dict[str, tuple[Any, Any]] = {
    "add": (lambda a, b: a + b, None),
    "sub": (lambda a, b: a - b, None),
    "mul": (lambda a, b: a * b, None),
    "truediv": (lambda a, b: a / b, None),
    "floordiv": (lambda a, b: a // b, None),
    "mod": (lambda a, b: a % b, None),
    "pow": (lambda a, b: b**a, None),
    "matmul": (lambda a, b: a @ _flipped(b), None),  # x @ w
    "matmul_left": (lambda a, b: _flipped(b) @ a, None),  # w @ x
    "radd": (lambda a, b: 2.0 + a, None),
    "rsub": (lambda a, b: 2.0 - a, None),
    "rmul": (lambda a, b: 2.0 * a, None),
    "rtruediv": (lambda a, b: 2.0 / b, None),
    "rfloordiv": (lambda a, b: 2.0 // b, None),
    "rmod": (lambda a, b: 2.0 % b, None),
    "rpow": (lambda a, b: 2.0**a, None),
    "scalar_add": (lambda a, b: a + 1.5, None),
    "scalar_pow": (lambda a, b: b**2.5, None),
    "lt": (lambda a, b: a < b, None),
    "le": (lambda a, b: a <= b, None),
    "gt": (lambda a, b: a > b, None),
    "ge": (lambda a, b: a >= b, None),
    "eq": (lambda a, b: a == b.floor(), None),
    "ne": (lambda a, b: a != b.floor(), None),
    "rlt": (lambda a, b: 0.5 < a, None),  # (Python calls a > 0.5)
    "neg": (lambda a, b: -a, None),
    "abs": (lambda a, b: abs(a), None),
    "iadd": (_iadd, lambda a, b: a + b),
    "isub": (_isub, lambda a, b: a - b),
    "imul": (_imul, lambda a, b: a * b),
    "itruediv": (_itruediv, lambda a, b: a / b),
    "ifloordiv": (_ifloordiv, lambda a, b: a // b),
    "imod": (_imod, lambda a, b: a % b),
    "ipow": (lambda a, b: _ipow(b, a), lambda a, b: b**a),
    "imatmul": (_imatmul, lambda a, b: a @ _flipped(b)),
}


def operator_case(name: str) -> Any:
    """The suite function of operator ``name``: native ``x`` in, native result out."""
    op = OPERATORS[name][0]

    def fn(x: Any) -> Any:
        t = ep.astensor(x)
        return op(t, t * t + 0.5).raw

    fn.__name__ = f"op_{name}"
    return fn


def operator_reference(name: str) -> Any:
    """The same computation written natively (any framework with these operators)."""
    op, out_of_place = OPERATORS[name]
    native = out_of_place or op
    return lambda x: native(x, x * x + 0.5)


SUITE = {
    "l2": (l2, False),  # (function, takes labels)
    "lp": (lp, False),
    "softmax_xent": (softmax_xent, True),
    "pgd_step": (pgd_step, True),
    "topk_mask": (topk_mask, False),
    "stop_gradient": (stop_gradient, False),
    "keyed_uniform": (keyed_uniform, False),
    **{f"op_{name}": (operator_case(name), False) for name in OPERATORS},
}
SCALAR = ("lp", "softmax_xent", "stop_gradient")  # their gradients are compiled too
# results that differ between frameworks on purpose (random numbers, gradient steps)
FRAMEWORK_SPECIFIC = ("pgd_step", "keyed_uniform")


def mlp_loss(params: dict[str, Any], x: Any, y: Any) -> Any:
    hidden = (x @ params["w1"] + params["b1"]).tanh()
    return ((hidden @ params["w2"] + params["b2"] - y) ** 2).mean()


def train_step(params: dict[str, Any], x: Any, y: Any) -> tuple[Any, dict[str, Any]]:
    """One SGD step of a 2-layer MLP: native tensors in, the loss and new weights out."""
    tensors = {name: ep.astensor(p) for name, p in params.items()}
    loss, grads = ep.value_and_grad(mlp_loss, tensors, ep.astensor(x), ep.astensor(y))
    new = {name: p - 0.1 * grads[name] for name, p in tensors.items()}
    return loss.raw, {name: p.raw for name, p in new.items()}
