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


SUITE = {
    "l2": (l2, False),  # (function, takes labels)
    "lp": (lp, False),
    "softmax_xent": (softmax_xent, True),
    "pgd_step": (pgd_step, True),
    "topk_mask": (topk_mask, False),
}
SCALAR = ("lp", "softmax_xent")  # scalar outputs: their gradients are compiled too
