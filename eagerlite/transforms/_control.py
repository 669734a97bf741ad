"""Control flow that compiles, with JAX's semantics (``jax.lax``): ``cond``, ``switch``,
``while_loop``, ``fori_loop``, ``scan`` and ``map``, written once.

On concrete values (eager code) they run as Python control flow on the Tensors (so every
framework's autodiff sees through them).  On traced values (``jax.jit``, ``tf.function``,
``torch.compile``) each hands its branches or loop body to the framework's own construct
(``hooks.cond``, ``hooks.while_loop``: ``jax.lax.cond``/``while_loop``, ``tf.cond``/
``tf.while_loop``, ``torch.cond``/``torch._higher_order_ops.while_loop``), so that the
whole function stays one graph.  ``scan`` and ``map`` with a static length run their loop
in Python on torch and TensorFlow (unrolled into the one graph), ``jax.lax.scan`` on JAX.

Their carries and branch results are Tensors or pytrees of Tensors of one framework;
a branch or a loop body that changes the structure, shape or dtype of what it returns is
a ``TypeError``/``ValueError`` naming both, on every framework.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .._core.pytree import SLOT, fill
from ..dtypes import int32
from ..framework import stack
from ..tensor._autodiff import check_function
from ._trees import Flat, is_tensor

C = TypeVar("C")
Y = TypeVar("Y")


def _traced(cls: Any, raws: Sequence[Any]) -> bool:
    is_traced = cls._hooks.is_traced
    return any(is_traced(r) for r in raws)


def _framework(kinds: list[type]) -> Any:
    """The Tensor class (of a framework) of Tensors of the classes ``kinds``; None for none."""
    if not kinds:
        return None
    cls = kinds[0]._framework_class  # type: ignore[attr-defined]
    for kind in kinds[1:]:
        if kind._framework_class is not cls:  # type: ignore[attr-defined]
            raise TypeError(
                f"control flow got Tensors of two frameworks: {cls.__name__} and "
                f"{kind.__name__}; all must come from one"
            )
    return cls


def _same(first: Flat, second: Flat, what: str, a: str, b: str) -> None:
    if first.same_as(second):  # (the usual case, checked at the cost of each loop step)
        return
    if first.template != second.template or len(first.kinds) != len(second.kinds):
        raise TypeError(
            f"{what}: {a} and {b} must have the same structure, got "
            f"{_shape_of(first)} and {_shape_of(second)}"
        )
    for x, y in zip(first.signature(), second.signature(), strict=True):
        if x != y:
            raise TypeError(
                f"{what}: {a} and {b} must have the same shapes and dtypes, got "
                f"{_shape_of(first)} and {_shape_of(second)}"
            )


def _shape_of(flat: Flat) -> str:
    parts = [f"{tuple(r.shape)} {r.dtype}" for r in flat.raws]
    return f"[{', '.join(parts)}]" if len(parts) != 1 else parts[0]


def _scalar_predicate(pred: Any, what: str) -> None:
    if pred.ndim != 0:
        raise ValueError(f"{what} must be a scalar (0-d) tensor, got shape {pred.shape}")


# ------------------------------------------------------------------ cond and switch
def cond(pred: Any, true_fun: Callable[..., C], false_fun: Callable[..., C], *operands: Any) -> C:
    """``true_fun(*operands)`` if ``pred`` else ``false_fun(*operands)``, as
    ``jax.lax.cond``: on a traced ``pred`` both branches become one graph
    (``jax.lax.cond``, ``tf.cond``, ``torch.cond``), and must return the same structure,
    shapes and dtypes.  ``pred``: a bool, or a scalar Tensor (nonzero is true)."""
    check_function(true_fun)
    check_function(false_fun)
    result: C = _switch(pred, [false_fun, true_fun], operands, "cond", ["false_fun", "true_fun"])
    return result


def switch(index: Any, branches: Sequence[Callable[..., C]], *operands: Any) -> C:
    """``branches[index](*operands)``, as ``jax.lax.switch``: ``index`` is clamped to the
    branches' range; on a traced ``index`` every branch becomes part of one graph
    (``jax.lax.switch``, ``tf.switch_case``, nested ``torch.cond``)."""
    if not isinstance(branches, (list, tuple)) or not branches:
        raise TypeError(f"switch takes a non-empty sequence of functions, got {branches!r}")
    for branch in branches:
        check_function(branch)
    names = [f"branches[{i}]" for i in range(len(branches))]
    result: C = _switch(index, list(branches), operands, "switch", names)
    return result


def _switch(
    index: Any, branches: list[Callable[..., Any]], operands: Any, what: str, names: list[str]
) -> Any:
    boolean = what == "cond"
    name = "pred" if boolean else "index"
    if isinstance(index, (bool, int)):
        chosen = int(bool(index)) if boolean else min(max(index, 0), len(branches) - 1)
        return branches[chosen](*operands)
    if not is_tensor(index):
        raise TypeError(
            f"{what}'s {name} must be a {'bool' if boolean else 'int'} or a scalar Tensor, "
            f"got {type(index).__name__}"
        )
    _scalar_predicate(index, f"{what}'s {name}")
    ops = Flat(operands, f"{what}'s operands")
    cls = _framework([*ops.kinds, type(index)])
    if not cls._hooks.is_traced(index.raw):
        if boolean:
            return branches[int(bool(index))](*operands)
        return branches[min(max(int(index.item()), 0), len(branches) - 1)](*operands)
    results: list[Flat | None] = [None] * len(branches)

    def traced_branch(i: int) -> Callable[[list[Any]], list[Any]]:
        def run(raws: list[Any]) -> list[Any]:
            out = Flat(branches[i](*ops.tree(raws)), f"{what}'s {names[i]} result")
            results[i] = out
            return out.raws

        return run

    def pure_branch(i: int) -> Callable[[list[Any]], list[Any]]:
        def run(raws: list[Any]) -> list[Any]:
            return Flat(branches[i](*ops.tree(raws)), f"{what}'s {names[i]} result").raws

        return run

    runs = [traced_branch(i) for i in range(len(branches))]
    if cls._hooks.PURE_BRANCHES:  # (torch.cond: a branch may change nothing outside it)
        for run in runs:  # the structures learnt outside it (dead code in the graph)
            run(ops.raws)
        _check_branches(results, what, names)
        runs = [pure_branch(i) for i in range(len(branches))]
    try:
        if boolean:
            raws = cls._hooks.cond(index.raw, runs[1], runs[0], ops.raws)
        else:
            raws = cls._hooks.switch(index.raw, runs, ops.raws)
    except Exception:
        _check_branches(results, what, names)  # (our error, where the framework's is obscure)
        raise
    _check_branches(results, what, names)
    first = next(r for r in results if r is not None)
    return first.tree(raws)


def _check_branches(results: list[Flat | None], what: str, names: list[str]) -> None:
    seen = [(i, r) for i, r in enumerate(results) if r is not None]
    for i, r in seen[1:]:
        _same(seen[0][1], r, what, names[seen[0][0]], names[i])


# ------------------------------------------------------------------ loops
def while_loop(cond_fun: Callable[[C], Any], body_fun: Callable[[C], C], init_val: C) -> C:
    """``val = init_val; while cond_fun(val): val = body_fun(val)``, as
    ``jax.lax.while_loop``: the body must keep the carry's structure, shapes and dtypes.
    Eagerly a Python loop; traced, one graph (``jax.lax.while_loop``, ``tf.while_loop``,
    torch's ``while_loop``)."""
    check_function(cond_fun)
    check_function(body_fun)
    init = Flat(init_val, "while_loop's init_val")
    cls = _framework(init.kinds)
    first = cond_fun(init_val)
    if cls is None or not (
        _traced(cls, init.raws) or (is_tensor(first) and cls._hooks.is_traced(first.raw))
    ):
        val, go = init_val, first
        while _truth(go, "while_loop's cond_fun"):
            new = body_fun(val)
            _same(
                init,
                Flat(new, "while_loop's body_fun result"),
                "while_loop",
                "init_val",
                "body_fun's result",
            )
            val = new
            go = cond_fun(val)
        return val

    def cond_raw(raws: list[Any]) -> Any:
        c = cond_fun(init.tree(raws))
        if not is_tensor(c):
            raise TypeError(
                f"while_loop's cond_fun must return a scalar Tensor, got {type(c).__name__}"
            )
        _scalar_predicate(c, "while_loop's cond_fun result")
        return c.raw

    def body_raw(raws: list[Any]) -> list[Any]:
        out = Flat(body_fun(init.tree(raws)), "while_loop's body_fun result")
        _same(init, out, "while_loop", "init_val", "body_fun's result")
        return out.raws

    return init.tree(cls._hooks.while_loop(cond_raw, body_raw, init.raws))  # type: ignore[no-any-return]


def _truth(value: Any, what: str) -> bool:
    if isinstance(value, bool):
        return value
    if not is_tensor(value):
        raise TypeError(f"{what} must return a bool or a scalar Tensor, got {type(value).__name__}")
    _scalar_predicate(value, f"{what} result")
    return bool(value)


def fori_loop(lower: Any, upper: Any, body_fun: Callable[[Any, C], C], init_val: C) -> C:
    """``for i in range(lower, upper): val = body_fun(i, val)``, as ``jax.lax.fori_loop``.
    With int bounds: a Python loop (``i`` a Python int) eagerly and under ``tf.function``
    and ``torch.compile`` (unrolled into the graph), one ``jax.lax.scan`` on traced JAX
    values (``i`` an int32 Tensor); with Tensor bounds, a ``while_loop`` over an int32
    counter."""
    check_function(body_fun)
    init = Flat(init_val, "fori_loop's init_val")
    cls = _framework([*init.kinds, *(type(b) for b in (lower, upper) if is_tensor(b))])
    ints = all(isinstance(b, int) and not isinstance(b, bool) for b in (lower, upper))
    traced = cls is not None and _traced(cls, init.raws)
    if ints and traced and cls._hooks.scan is not None:  # (JAX: lax.scan, not unrolled)
        like = cls(init.raws[0])
        indices = like.arange(lower, max(lower, upper)).astype(int32)
        carry, _ = scan(lambda c, i: (body_fun(i, c), None), init_val, indices)
        return carry
    if ints:  # eagerly, or unrolled into the graph (tf.function, torch.compile)
        val = init_val
        for i in range(lower, upper):
            new = body_fun(i, val)
            out = Flat(new, "fori_loop's body_fun result")
            _same(init, out, "fori_loop", "init_val", "body_fun's result")
            val = new
        return val
    if cls is None:
        raise TypeError("fori_loop needs a Tensor in its bounds or init_val")
    tensors = [k(r) for k, r in zip(init.kinds, init.raws, strict=True)]
    like = [*tensors, *(b for b in (lower, upper) if is_tensor(b))][0]
    start = (lower if is_tensor(lower) else like.zeros((), dtype=int32) + lower).astype(int32)
    stop = upper if is_tensor(upper) else like.zeros((), dtype=int32) + upper
    _, result = while_loop(
        lambda state: state[0] < stop,
        lambda state: (state[0] + 1, body_fun(state[0], state[1])),
        (start, init_val),
    )
    return result


# ------------------------------------------------------------------ scan and map
def scan(
    f: Callable[[C, Any], tuple[C, Y]],
    init: C,
    xs: Any = None,
    length: int | None = None,
    reverse: bool = False,
) -> tuple[C, Y]:
    """``carry, y = f(carry, x)`` for each ``x`` along the first axis of ``xs`` (a Tensor or
    a pytree of them, or None with ``length``), as ``jax.lax.scan``: returns the last carry
    and the ``y``s stacked (a pytree of Tensors, or None).  ``reverse`` scans from the end.
    On JAX traced values one ``jax.lax.scan``; otherwise a Python loop (unrolled into the
    one graph under ``tf.function`` and ``torch.compile``)."""
    check_function(f)
    carry0 = Flat(init, "scan's init") if init is not None else None
    xs_flat = Flat(xs, "scan's xs") if xs is not None else None
    n = _length(xs_flat, length)
    cls = _framework([*(carry0.kinds if carry0 else []), *(xs_flat.kinds if xs_flat else [])])
    if (
        cls is not None
        and cls._hooks.scan is not None
        and _traced(cls, [*(carry0.raws if carry0 else []), *(xs_flat.raws if xs_flat else [])])
    ):
        return _native_scan(cls, f, init, carry0, xs_flat, n, reverse)
    carry, ys = init, []
    # (the slices of each leaf of xs, taken at once: each stays on its tensor's device)
    slices = (
        [k(r).unstack(0) for k, r in zip(xs_flat.kinds, xs_flat.raws, strict=True)]
        if xs_flat
        else []
    )
    one = xs_flat is not None and xs_flat.template is SLOT
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        if one:
            x = slices[0][i]
        else:
            x = fill(xs_flat.template, [s[i] for s in slices]) if xs_flat else None
        out = f(carry, x)
        if not (isinstance(out, tuple) and len(out) == 2):
            raise TypeError(f"scan's f must return a (carry, y) tuple, got {type(out).__name__}")
        carry, y = out
        if carry0 is not None:
            _same(carry0, Flat(carry, "scan's carry"), "scan", "init", "f's carry")
        ys.append(y)
    if reverse:
        ys.reverse()
    return carry, _stack_ys(ys, n)


def _length(xs: Flat | None, length: int | None) -> int:
    sizes = {r.shape[0] for r in xs.raws if len(r.shape)} if xs else set()
    if xs is not None and any(len(r.shape) == 0 for r in xs.raws):
        raise ValueError("scan's xs must have a leading axis to scan over; a leaf is 0-d")
    if len(sizes) > 1:
        raise ValueError(f"scan's xs have leading axes of different lengths: {sorted(sizes)}")
    if length is not None and sizes and length not in sizes:
        raise ValueError(f"scan got length={length} but xs of length {sizes.pop()}")
    if length is None and not sizes:
        raise ValueError("scan needs xs, or length when xs is None")
    return int(length if length is not None else sizes.pop())


def _stack_ys(ys: list[Any], n: int) -> Any:
    if not ys or all(y is None for y in ys):
        return None
    first = Flat(ys[0], "scan's y")
    if first.template is SLOT:  # (one Tensor per step: checked and stacked at once)
        kind, shape, dtype = first.kinds[0], first.raws[0].shape, first.raws[0].dtype
        if all(type(y) is kind and y.raw.shape == shape and y.raw.dtype == dtype for y in ys):
            return stack(ys)
    columns: list[list[Any]] = [[] for _ in first.raws]
    for y in ys:
        flat = Flat(y, "scan's y")
        _same(first, flat, "scan", "the first y", "a later y")
        for column, r in zip(columns, flat.raws, strict=True):
            column.append(r)
    stacked = [
        stack([kind(r) for r in column]) for kind, column in zip(first.kinds, columns, strict=True)
    ]
    return fill(first.template, stacked)


def _native_scan(
    cls: Any,
    f: Callable[..., Any],
    init: Any,
    carry0: Flat | None,
    xs: Flat | None,
    n: int,
    reverse: bool,
) -> tuple[Any, Any]:
    y_flat: list[Flat] = []

    def step(carry_raws: list[Any], x_raws: list[Any]) -> tuple[list[Any], list[Any]]:
        carry = carry0.tree(carry_raws) if carry0 else None
        out = f(carry, xs.tree(x_raws) if xs else None)
        if not (isinstance(out, tuple) and len(out) == 2):
            raise TypeError(f"scan's f must return a (carry, y) tuple, got {type(out).__name__}")
        new, y = out
        new_flat = Flat(new, "scan's carry") if carry0 is not None else None
        if carry0 is not None and new_flat is not None:
            _same(carry0, new_flat, "scan", "init", "f's carry")
        flat_y = Flat(y, "scan's y") if y is not None else None
        y_flat[:] = [flat_y] if flat_y else []
        return (new_flat.raws if new_flat else []), (flat_y.raws if flat_y else [])

    carry_raws, ys_raws = cls._hooks.scan(
        step, carry0.raws if carry0 else [], xs.raws if xs else None, n, reverse
    )
    carry = carry0.tree(carry_raws) if carry0 else init
    return carry, (y_flat[0].tree(ys_raws) if y_flat else None)


def map(f: Callable[[Any], Y], xs: Any) -> Y:
    """``f`` applied to each slice of ``xs`` along its first axis, the results stacked, as
    ``jax.lax.map`` (a ``scan`` without carry: sequential, unlike ``vmap``)."""
    check_function(f)
    _, ys = scan(lambda carry, x: (carry, f(x)), None, xs)
    return ys
