"""The autodiff part of the API, written once on one backend hook.

``value_and_grad`` and friends differentiate with respect to *parameters*: a Tensor, or
a pytree of Tensors (nested tuples, lists and dicts, ``None`` leaves allowed) of one
framework, in one or several positional arguments (``argnums``).  A backend implements
only ``_gradients``: the value of a function of a list of tensors and its gradient with
respect to each of them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, Self, overload

from ._support import tree_map

if TYPE_CHECKING:
    from .tensor.tensor import Tensor

P = ParamSpec("P")
Argnums = int | tuple[int, ...]
LossFn = Callable[[list[Any]], tuple[Any, Any]]  # tensors -> (scalar loss, aux)


class Differentiable(ABC):
    """``value_and_grad`` and friends; a backend implements ``_gradients`` only."""

    __slots__ = ()

    @classmethod
    @abstractmethod
    def _gradients(cls, fn: LossFn, xs: list[Self]) -> tuple[Self, Any, list[Self]]:
        """``(loss, aux)`` of ``fn(xs)``, and the gradient of ``loss`` w.r.t. each of ``xs``.

        Each ``x`` gets its own gradient, also where ``fn`` sees the same native tensor
        twice (two of ``xs``, or one of them and a closed-over tensor).
        """

    @abstractmethod
    def _is_inexact(self) -> bool:
        """Whether the dtype is floating point or complex (what gradients need)."""

    @classmethod
    def _check_autodiff(cls) -> None:
        """Raise ``GradientNotSupportedError`` if the framework has no autodiff (NumPy)."""

    @overload
    def value_and_grad_fn(
        self, f: Callable[Concatenate[Self, P], Self], has_aux: Literal[False] = False
    ) -> Callable[Concatenate[Self, P], tuple[Self, Self]]: ...
    @overload
    def value_and_grad_fn(
        self, f: Callable[Concatenate[Self, P], tuple[Self, Any]], has_aux: Literal[True]
    ) -> Callable[Concatenate[Self, P], tuple[Self, Any, Self]]: ...
    @overload
    def value_and_grad_fn(
        self, f: Callable[..., Any], has_aux: bool = False, *, argnums: Argnums
    ) -> Callable[..., tuple[Any, ...]]: ...
    def value_and_grad_fn(
        self, f: Callable[..., Any], has_aux: bool = False, *, argnums: Argnums = 0
    ) -> Callable[..., Any]:
        """A function computing ``f``'s value and its gradient w.r.t. its first argument.

        ``f`` takes and returns eagerlite tensors and must return a scalar (0-d)
        tensor, or ``(scalar, aux)`` with ``has_aux=True``.  The argument may be a
        Tensor or a pytree of Tensors of one framework (nested tuples, lists and dicts,
        ``None`` leaves allowed); its gradient has the same structure.  ``argnums`` (an
        int or a tuple of ints, as in ``jax.grad``) picks other or several positional
        arguments; with a tuple the gradient is a tuple, one entry per argument.  This
        tensor only picks the framework.  No ``.grad`` attribute of any tensor is written.
        """
        return grad_fn(f, has_aux, argnums, like=type(self))

    def value_and_grad(
        self, f: Callable[Concatenate[Self, P], Self], *args: P.args, **kwargs: P.kwargs
    ) -> tuple[Self, Self]:
        """``f(self, *args, **kwargs)`` and its gradient with respect to ``self``."""
        value, grad = value_and_grad(f, False, 0, FIRST, None, (self, *args), kwargs)
        return value, grad

    def value_aux_and_grad(
        self,
        f: Callable[Concatenate[Self, P], tuple[Self, Any]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> tuple[Self, Any, Self]:
        """Like ``value_and_grad`` for an ``f`` returning ``(value, aux)``."""
        value, aux, grad = value_and_grad(f, True, 0, FIRST, None, (self, *args), kwargs)
        return value, aux, grad


def grad_fn(
    f: Callable[..., Any], has_aux: bool, argnums: Argnums, like: Any = None
) -> Callable[..., tuple[Any, ...]]:
    """``g(*args, **kwargs) -> (value, [aux,] grad)``: ``f`` and its gradient w.r.t.
    ``args[argnums]``.  ``like``: a Tensor class whose framework the parameters must have."""
    check_function(f)
    positions = _positions(argnums)
    if like is not None:
        like._check_autodiff()  # NumPy raises here, before the first call

    def g(*args: Any, **kwargs: Any) -> tuple[Any, ...]:
        return value_and_grad(f, has_aux, argnums, positions, like, args, kwargs)

    return g


def check_function(f: object) -> None:
    if not callable(f):
        raise TypeError(
            f"expected the function to differentiate, got {_kind(f)}: the function comes "
            "first in value_and_grad(f, params, *args), second in value_and_grad_fn(params, f)"
        )


def value_and_grad(
    f: Callable[..., Any],
    has_aux: bool,
    argnums: Argnums,
    positions: list[int],
    like: Any,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> tuple[Any, ...]:
    """``f(*args, **kwargs)``, and its gradient w.r.t. the arguments at ``positions``."""
    if len(args) <= max(positions):
        raise ValueError(
            f"argnums={argnums!r} needs {max(positions) + 1} positional argument(s), "
            f"got {len(args)}"
        )
    if len(positions) == 1:  # the common case first: one Tensor (no pytree)
        one = positions[0]
        x = args[one]
        # (fit for the fast path: floating point, and of the framework asked for, if any)
        if (
            isinstance(x, Differentiable)
            and x._is_inexact()
            and (like is None or x._backend() is like._backend())  # type: ignore[attr-defined]
        ):

            def fn_of_x(xs: list[Any]) -> tuple[Any, Any]:
                full = list(args)
                full[one] = xs[0]
                return split_loss(f(*full, **kwargs), has_aux)

            value, aux, (x_grad,) = type(x)._gradients(fn_of_x, [x])
            return (value, aux, x_grad) if has_aux else (value, x_grad)
    trees = [args[i] for i in positions]
    leaves, names = param_leaves(trees, _names(argnums))
    cls = check_params(leaves, names, like)
    slots = [i for i, leaf in enumerate(leaves) if leaf is not None]

    def fn(xs: list[Any]) -> tuple[Any, Any]:
        new = list(leaves)
        for i, leaf in zip(slots, xs, strict=True):
            new[i] = leaf
        full = list(args)
        for i, tree in zip(positions, replace_leaves(trees, new), strict=True):
            full[i] = tree
        return split_loss(f(*full, **kwargs), has_aux)

    value, aux, grads = cls._gradients(fn, [leaves[i] for i in slots])
    all_grads: list[Any] = [None] * len(leaves)
    for i, g in zip(slots, grads, strict=True):
        all_grads[i] = g
    grad_trees = replace_leaves(trees, all_grads)
    grad = grad_trees[0] if isinstance(argnums, int) else tuple(grad_trees)
    return (value, aux, grad) if has_aux else (value, grad)


FIRST = [0]  # the positions of the default argnums=0


def _positions(argnums: Argnums) -> list[int]:
    if type(argnums) is int and argnums == 0:  # the default
        return FIRST
    items = (argnums,) if isinstance(argnums, int) else argnums
    if not isinstance(items, tuple) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in items
    ):
        raise TypeError(f"argnums must be an int or a tuple of ints, got {argnums!r}")
    if not items or min(items) < 0 or len(set(items)) != len(items):
        raise ValueError(
            f"argnums must name distinct positional arguments (ints >= 0), got {argnums!r}"
        )
    return list(items)


def _names(argnums: Argnums) -> list[str]:
    if argnums == 0:
        return ["params"]
    items = (argnums,) if isinstance(argnums, int) else argnums
    return [f"args[{i}]" for i in items]


def param_leaves(trees: list[Any], names: list[str]) -> tuple[list[Any], list[str]]:
    """The leaves of ``trees`` (in ``tree_map``'s order) and a name for each."""
    leaves: list[Any] = []
    paths: list[str] = []

    def walk(tree: Any, path: str) -> None:
        if isinstance(tree, (list, tuple)):
            for i, item in enumerate(tree):
                walk(item, f"{path}[{i}]")
        elif isinstance(tree, dict):
            for key, item in tree.items():
                walk(item, f"{path}[{key!r}]")
        else:
            leaves.append(tree)
            paths.append(path)

    for tree, name in zip(trees, names, strict=True):
        walk(tree, name)
    return leaves, paths


def replace_leaves(trees: list[Any], leaves: list[Any]) -> list[Any]:
    """``trees`` with their leaves replaced by ``leaves``, in order."""
    it = iter(leaves)
    return [tree_map(lambda _: next(it), tree) for tree in trees]


def check_params(leaves: list[Any], names: list[str], like: Any = None) -> Any:
    """The backend class of the parameter ``leaves``, checked: Tensors (or ``None``) of one
    framework, floating point (named ``names`` in errors)."""
    from .astensor import _converter
    from .tensor.tensor import Tensor

    cls: Any = None if like is None else like._backend()
    first = ""
    for leaf, name in zip(leaves, names, strict=True):
        if leaf is None:
            continue
        if not isinstance(leaf, Tensor):
            if _converter(type(leaf)) is not None:
                raise TypeError(
                    f"{name} is a native {_typename(leaf)}: wrap it with ep.astensor first "
                    "(parameters are eagerlite Tensors, or pytrees of them)"
                )
            raise TypeError(
                f"{name} is {_kind(leaf)}, not a Tensor: parameters are eagerlite Tensors "
                "(or tuples, lists and dicts of them, and None); pass other values as "
                "further arguments"
            )
        backend = leaf._backend()
        if cls is None:
            cls, first = backend, name
        elif backend is not cls:
            where = f" ({first})" if first else ""
            raise TypeError(
                f"the parameters mix {cls.__name__}{where} and {backend.__name__} ({name}): "
                "all must come from one framework"
            )
        if not leaf._is_inexact():
            raise TypeError(
                f"gradients need floating point tensors, but {name} is a "
                f"{type(leaf).__name__} of {leaf.dtype}"
            )
    if cls is None or not any(leaf is not None for leaf in leaves):
        raise ValueError(f"{' and '.join(names)} hold no Tensor: nothing to differentiate")
    return cls


def _typename(x: object) -> str:
    kind = type(x)
    module = "" if kind.__module__ == "builtins" else f"{kind.__module__.split('.')[0]}."
    return f"{module}{kind.__name__}"


def _kind(x: object) -> str:
    name = _typename(x)
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def split_loss(output: Any, has_aux: bool) -> tuple[Tensor[Any], Any]:
    """Split ``f``'s output into (loss, aux) and check the loss is a scalar Tensor."""
    loss, aux = output, None
    if has_aux:
        if not (isinstance(output, tuple) and len(output) == 2):
            raise TypeError(
                "with has_aux=True the function must return a (loss, aux) tuple, "
                f"got {type(output).__name__}"
            )
        loss, aux = output
    if not isinstance(loss, Differentiable):  # (the base class of Tensor)
        raise TypeError(f"the function must return an eagerlite Tensor, got {type(loss).__name__}")
    tensor: Tensor[Any] = loss  # type: ignore[assignment]
    if tensor.ndim != 0:
        raise ValueError(
            f"the function must return a scalar (0-d) tensor, got shape {tensor.shape}"
        )
    return tensor, aux
