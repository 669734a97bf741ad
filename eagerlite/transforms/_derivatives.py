"""Derivatives written once over two hooks per framework: ``hooks.vjp`` (reverse mode: a
function's outputs and a function of cotangents giving the inputs' cotangents) and
``hooks.jvp`` (forward mode: the outputs and their tangents), as in JAX and
``torch.func``.  ``grad``, ``jacrev``, ``jacfwd``, ``jacobian`` and ``hessian`` are built
from them here, so every framework nests them to any order.

Arguments and results may be Tensors or pytrees of Tensors (nested tuples, lists and
dicts; ``None`` leaves allowed in the arguments differentiated); ``argnums`` picks the
positional arguments differentiated (an int, or a tuple: then the derivatives come as a
tuple too), ``has_aux`` lets the function return ``(output, aux)``, with aux passed
through undifferentiated.  NumPy has no autodiff: these raise
``GradientNotSupportedError`` on NumPy tensors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Concatenate, Literal, ParamSpec, Protocol, TypeVar, cast, overload

from .._core.pytree import fill, flatten, leaves, unflatten
from ..framework import stack
from ..tensor._autodiff import (
    FIRST,
    FORWARD_MODE,
    Argnums,
    check_function,
    check_params,
    names_of,
    positions_of,
)
from ..tensor._autodiff import value_and_grad as value_and_grad_core
from ..tensor._wrapper import TENSOR_CLASSES
from ._trees import Flat, is_tensor

P = ParamSpec("P")
T = TypeVar("T")
A = TypeVar("A")


class _Traced:
    """One call of ``f`` seen by a hook: the differentiated leaves of ``args[argnums]``
    become the hook's native arrays, and ``f``'s output Tensors come back as native arrays
    too (aux's arrays beside them, its structure kept here)."""

    __slots__ = (
        *("args", "argnums", "aux", "cls", "f", "forward", "found", "has_aux", "hooks"),
        "kinds",
        *("kwargs", "out", "out_kinds", "positions", "slots", "trees"),
    )

    def __init__(
        self,
        f: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        argnums: Argnums,
        has_aux: bool,
    ) -> None:
        check_function(f)
        positions = positions_of(argnums)
        if len(args) <= max(positions):
            raise ValueError(
                f"argnums={argnums!r} needs {max(positions) + 1} positional argument(s), "
                f"got {len(args)}"
            )
        self.f, self.args, self.kwargs, self.has_aux = f, args, kwargs, has_aux
        self.argnums, self.positions = argnums, positions
        self.trees = [args[i] for i in positions]
        self.found, names = flatten(self.trees, names_of(argnums))
        self.cls = check_params(self.found, names)  # (NumPy: GradientNotSupportedError)
        self.hooks = self.cls._hooks
        self.slots = [i for i, leaf in enumerate(self.found) if leaf is not None]
        self.kinds = [type(self.found[i]) for i in self.slots]
        self.out: Any = None  # f's output with its Tensors taken out
        self.out_kinds: list[type] = []
        self.aux: Any = None
        self.forward = False  # (run by forward mode: jvp)

    def raws(self) -> list[Any]:
        return [self.found[i].raw for i in self.slots]

    def __call__(self, raws: list[Any]) -> tuple[list[Any], list[Any]]:
        """``f`` of native arrays: its output's arrays and aux's arrays."""
        new = list(self.found)
        for i, kind, raw in zip(self.slots, self.kinds, raws, strict=True):
            new[i] = kind(raw)
        full = list(self.args)
        for i, tree in zip(self.positions, unflatten(self.trees, new), strict=True):
            full[i] = tree
        FORWARD_MODE.append(self.forward)
        try:
            out, aux = _split(self.f(*full, **self.kwargs), self.has_aux)
        finally:
            FORWARD_MODE.pop()
        flat = Flat(out, "the function's output", nonempty=True)
        for kind in flat.kinds:
            if kind._framework_class is not self.cls:
                raise TypeError(
                    f"the function returned a {kind.__name__} for arguments of "
                    f"{self.cls.__name__}: its outputs must come from the same framework"
                )
        self.out, self.out_kinds = flat.template, flat.kinds
        aux_raws: list[Any] = []
        if aux is not None:
            arrays, self.aux = leaves(aux, is_tensor)
            aux_raws = [a.raw for a in arrays]
        return flat.raws, aux_raws

    def output(self, raws: list[Any]) -> Any:
        return fill(self.out, [kind(r) for kind, r in zip(self.out_kinds, raws, strict=True)])

    def aux_of(self, raws: list[Any]) -> Any:
        return fill(self.aux, [self.cls(r) for r in raws]) if raws else self.aux

    def per_argument(self, values: list[Any], fill_none: Any = None) -> Any:
        """Values for the differentiated leaves, as the differentiated arguments' trees
        (one tree for an int argnums, a tuple of them for a tuple)."""
        full: list[Any] = [fill_none] * len(self.found)
        for i, value in zip(self.slots, values, strict=True):
            full[i] = value
        trees = unflatten(self.trees, full)
        return trees[0] if isinstance(self.argnums, int) else tuple(trees)


def _split(output: Any, has_aux: bool) -> tuple[Any, Any]:
    if not has_aux:
        return output, None
    if not (isinstance(output, tuple) and len(output) == 2):
        raise TypeError(
            "with has_aux=True the function must return an (output, aux) tuple, got "
            f"{_describe(output)}"
        )
    return output


def _describe(x: Any) -> str:
    if isinstance(x, (list, tuple, dict)):
        return f"a {type(x).__name__} of {len(x)}"
    return f"a {type(x).__name__}"


# ------------------------------------------------------------------ vjp and jvp
VjpFn = Callable[[Any], tuple[Any, ...]]


@overload
def vjp(f: Callable[..., T], *primals: Any, has_aux: Literal[False] = False) -> tuple[T, VjpFn]: ...
@overload
def vjp(
    f: Callable[..., tuple[T, A]], *primals: Any, has_aux: Literal[True]
) -> tuple[T, VjpFn, A]: ...
def vjp(f: Callable[..., Any], *primals: Any, has_aux: bool = False) -> tuple[Any, ...]:
    """``f(*primals)`` and its vector-Jacobian product: ``(out, vjp_fn)``, or ``(out,
    vjp_fn, aux)`` with ``has_aux=True``, as ``jax.vjp``.  ``vjp_fn(cotangent)`` takes a
    cotangent with the structure, shapes and dtypes of ``out`` and returns a tuple, one
    cotangent per primal (with the primal's structure)."""
    traced = _Traced(f, primals, {}, tuple(range(len(primals))), has_aux)
    outs, aux, pullback = traced.hooks.vjp(traced, traced.raws())
    out = traced.output(outs)

    def vjp_fn(cotangent: Any) -> tuple[Any, ...]:
        cts = _matching(cotangent, traced, outs, "cotangent")
        result: tuple[Any, ...] = traced.per_argument(
            [kind(g) for kind, g in zip(traced.kinds, pullback(cts), strict=True)]
        )
        return result

    return (out, vjp_fn, traced.aux_of(aux)) if has_aux else (out, vjp_fn)


@overload
def jvp(
    f: Callable[..., T],
    primals: Sequence[Any],
    tangents: Sequence[Any],
    has_aux: Literal[False] = False,
) -> tuple[T, T]: ...
@overload
def jvp(
    f: Callable[..., tuple[T, A]],
    primals: Sequence[Any],
    tangents: Sequence[Any],
    has_aux: Literal[True],
) -> tuple[T, T, A]: ...
def jvp(
    f: Callable[..., Any], primals: Sequence[Any], tangents: Sequence[Any], has_aux: bool = False
) -> tuple[Any, ...]:
    """``f(*primals)`` and its Jacobian-vector product with ``tangents``: ``(out,
    tangent_out)``, or ``(out, tangent_out, aux)``, as ``jax.jvp``.  ``primals`` and
    ``tangents`` are tuples (or lists) of the same structure, shapes and dtypes."""
    for name, value in (("primals", primals), ("tangents", tangents)):
        if not isinstance(value, (tuple, list)):
            raise TypeError(
                f"jvp takes {name} as a tuple (or list) of f's positional arguments, got "
                f"{_describe(value)}"
            )
    if len(primals) != len(tangents):
        raise ValueError(
            f"jvp got {len(primals)} primal(s) and {len(tangents)} tangent(s): one tangent "
            "per primal, of the same structure"
        )
    traced = _Traced(f, tuple(primals), {}, tuple(range(len(primals))), has_aux)
    tangent_leaves, _ = flatten(list(tangents), [f"tangents[{i}]" for i in range(len(tangents))])
    raws = traced.raws()
    if len(tangent_leaves) != len(traced.found):
        raise ValueError(
            f"the tangents hold {len(tangent_leaves)} leaves where the primals hold "
            f"{len(traced.found)}: they must have the same structure"
        )
    tangent_raws = [_raw_like(tangent_leaves[i], traced.found[i], "tangent") for i in traced.slots]
    traced.forward = True
    outs, aux, out_tangents = traced.hooks.jvp(traced, raws, tangent_raws)
    result = (traced.output(outs), traced.output(out_tangents))
    return (*result, traced.aux_of(aux)) if has_aux else result


def _raw_like(value: Any, like: Any, what: str) -> Any:
    if type(value) not in TENSOR_CLASSES or value._framework_class is not like._framework_class:
        raise TypeError(
            f"each {what} must be a {type(like).__name__} like its primal, got {_describe(value)}"
        )
    if value.shape != like.shape or value.dtype != like.dtype:
        raise ValueError(
            f"a {what} must have its primal's shape and dtype: expected {like.shape} "
            f"{like.dtype}, got {value.shape} {value.dtype}"
        )
    return value.raw


def _matching(cotangent: Any, traced: _Traced, outs: list[Any], what: str) -> list[Any]:
    found, template = leaves(cotangent, lambda leaf: not isinstance(leaf, (list, tuple, dict)))
    if len(found) != len(outs) or template != traced.out:
        raise ValueError(
            f"the {what} must have the structure of the function's output ({len(outs)} "
            f"tensor(s)), got {_describe(cotangent)} with {len(found)} leaves"
        )
    likes = [kind(o) for kind, o in zip(traced.out_kinds, outs, strict=True)]
    return [_raw_like(c, like, what) for c, like in zip(found, likes, strict=True)]


# ------------------------------------------------------------------ grad and Jacobians
def _grad(f: Callable[..., Any], argnums: Argnums = 0, has_aux: bool = False) -> Any:
    """The gradient of ``f`` (a function returning a scalar Tensor, or ``(scalar, aux)``
    with ``has_aux=True``) w.r.t. its argument(s) ``argnums``, as ``jax.grad``: a function
    of ``f``'s arguments returning the gradient (with the arguments' structure), or
    ``(gradient, aux)``.  Nests to any order, and inside the other transformations."""
    check_function(f)
    positions = FIRST if type(argnums) is int and argnums == 0 else positions_of(argnums)

    def g(*args: Any, **kwargs: Any) -> Any:
        result = value_and_grad_core(f, has_aux, argnums, positions, None, args, kwargs)
        return (result[2], result[1]) if has_aux else result[1]

    return g


def _jacrev(f: Callable[..., Any], argnums: Argnums = 0, has_aux: bool = False) -> Any:
    """The Jacobian of ``f`` w.r.t. its argument(s) ``argnums`` by reverse mode (one
    vector-Jacobian product per output element), as ``jax.jacrev``: for an output of
    shape ``O`` and an argument of shape ``I``, an array of shape ``O + I``; for pytrees,
    the output's structure with each leaf replaced by the argument's structure (a tuple of
    them for a tuple ``argnums``).  With ``has_aux=True``: ``(jacobian, aux)``."""
    check_function(f)
    positions_of(argnums)

    def jac(*args: Any, **kwargs: Any) -> Any:
        traced = _Traced(f, args, kwargs, argnums, has_aux)
        outs, aux, pullback = traced.hooks.vjp(traced, traced.raws())
        likes = [kind(o) for kind, o in zip(traced.out_kinds, outs, strict=True)]
        zeros = [like.zeros_like() for like in likes]
        inputs = [traced.found[i] for i in traced.slots]
        blocks: list[Any] = []
        for k, like in enumerate(likes):
            rows: list[list[Any]] = [[] for _ in inputs]
            for basis in _basis(like):
                cts = [z.raw for z in zeros]
                cts[k] = basis.raw
                for j, g in enumerate(pullback(cts)):
                    rows[j].append(type(like)(g))
            blocks.append(
                [
                    _stacked(row, like.shape + x.shape, like)
                    for row, x in zip(rows, inputs, strict=True)
                ]
            )
        result = _jacobian_tree(traced, blocks)
        return (result, traced.aux_of(aux)) if has_aux else result

    return jac


def _jacfwd(f: Callable[..., Any], argnums: Argnums = 0, has_aux: bool = False) -> Any:
    """The Jacobian of ``f`` by forward mode (one Jacobian-vector product per input
    element), as ``jax.jacfwd``; the same result as ``jacrev``, cheaper where the inputs
    are fewer than the outputs."""
    check_function(f)
    positions_of(argnums)

    def jac(*args: Any, **kwargs: Any) -> Any:
        traced = _Traced(f, args, kwargs, argnums, has_aux)
        traced.forward = True
        raws = traced.raws()
        inputs = [traced.found[i] for i in traced.slots]
        zeros = [x.zeros_like().raw for x in inputs]
        columns: list[list[list[Any]]] = []  # [input j][output k] -> tangents
        outs: list[Any] = []
        aux: list[Any] = []
        for j, x in enumerate(inputs):
            per_output: list[list[Any]] | None = None
            for basis in _basis(x):
                tangents = list(zeros)
                tangents[j] = basis.raw
                outs, aux, out_tangents = traced.hooks.jvp(traced, raws, tangents)
                if per_output is None:
                    per_output = [[] for _ in out_tangents]
                for k, t in enumerate(out_tangents):
                    per_output[k].append(traced.out_kinds[k](t))
            columns.append(per_output or [])
        if not inputs or any(x.size == 0 for x in inputs):  # (outputs not seen yet)
            outs, aux = traced(raws)
        likes = [kind(o) for kind, o in zip(traced.out_kinds, outs, strict=True)]
        blocks = [
            [
                _stacked(columns[j][k] if columns[j] else [], like.shape + x.shape, like, True)
                for j, x in enumerate(inputs)
            ]
            for k, like in enumerate(likes)
        ]
        result = _jacobian_tree(traced, blocks)
        return (result, traced.aux_of(aux)) if has_aux else result

    return jac


def _hessian(f: Callable[..., Any], argnums: Argnums = 0, has_aux: bool = False) -> Any:
    """The Hessian of a scalar ``f`` w.r.t. its argument(s) ``argnums``: ``jacfwd(jacrev(f))``
    as in ``jax.hessian``; shape ``I + I`` for an argument of shape ``I``."""
    return _jacfwd(_jacrev(f, argnums, has_aux), argnums, has_aux)


def _basis(like: Any) -> list[Any]:
    """The one-hot tensors of ``like``'s shape and dtype, one per element, in row-major
    order."""
    n = like.size
    if n <= _EYE_UP_TO:
        eye = like.eye(n)
        return [eye[e].reshape(like.shape) for e in range(n)]
    flat = like.zeros_like().flatten()
    return [flat.index_update(e, 1).reshape(like.shape) for e in range(n)]


_EYE_UP_TO = 1024  # (the identity matrix of more elements than this is too much memory)


def _stacked(items: list[Any], shape: tuple[int, ...], like: Any, last: bool = False) -> Any:
    """``items`` (derivatives, one per element of the output or input) as one array of
    ``shape`` = output shape + input shape."""
    if not items:  # an empty output or input: an empty Jacobian of the right shape
        return like.zeros(shape)
    # (n_out,) + in, or out + (n_in,) for forward mode: either way row-major out + in
    return stack(items, axis=-1 if last else 0).reshape(shape)


def _jacobian_tree(traced: _Traced, blocks: list[list[Any]]) -> Any:
    """The output's structure, each leaf replaced by the arguments' structure (or a tuple
    of them for a tuple ``argnums``) holding the blocks."""
    per_leaf = [traced.per_argument(row) for row in blocks]
    return fill(traced.out, per_leaf)


class _Grad(Protocol):
    """``grad``'s types: the function's parameters kept, the gradient typed as the first
    argument (with the default ``argnums``)."""

    @overload
    def __call__(
        self,
        f: Callable[Concatenate[T, P], Any],
        argnums: Literal[0] = 0,
        has_aux: Literal[False] = False,
    ) -> Callable[Concatenate[T, P], T]: ...
    @overload
    def __call__(
        self,
        f: Callable[Concatenate[T, P], tuple[Any, A]],
        argnums: Literal[0] = 0,
        *,
        has_aux: Literal[True],
    ) -> Callable[Concatenate[T, P], tuple[T, A]]: ...
    @overload
    def __call__(
        self, f: Callable[P, Any], argnums: Argnums = 0, has_aux: bool = False
    ) -> Callable[P, Any]: ...


class _Jacobian(Protocol):
    """The Jacobians' types: the function's parameters kept; a function from one tensor
    type to itself has Jacobians of that type (with the default ``argnums``)."""

    @overload
    def __call__(
        self,
        f: Callable[Concatenate[T, P], T],
        argnums: Literal[0] = 0,
        has_aux: Literal[False] = False,
    ) -> Callable[Concatenate[T, P], T]: ...
    @overload
    def __call__(
        self,
        f: Callable[Concatenate[T, P], tuple[T, A]],
        argnums: Literal[0] = 0,
        *,
        has_aux: Literal[True],
    ) -> Callable[Concatenate[T, P], tuple[T, A]]: ...
    @overload
    def __call__(
        self, f: Callable[P, Any], argnums: Argnums = 0, has_aux: bool = False
    ) -> Callable[P, Any]: ...


grad = cast(_Grad, _grad)
jacrev = cast(_Jacobian, _jacrev)
jacfwd = cast(_Jacobian, _jacfwd)
jacobian = jacrev  # (as in JAX: reverse mode)
hessian = cast(_Jacobian, _hessian)
