"""Gradients, written once over one hook per framework (``hooks.value_and_grad``: the loss
of a function of native arrays, its aux arrays, and its gradient w.r.t. each array).

``value_and_grad`` and friends differentiate with respect to *parameters*: a Tensor, or
a pytree of Tensors (nested tuples, lists and dicts, ``None`` leaves allowed) of one
framework, in one or several positional arguments (``argnums``).  The arrays among the
aux results come back as values (cut from the autodiff record).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, Literal, ParamSpec, Self, overload

from .._core import errors, registry
from .._core.pytree import fill, flatten, leaves, unflatten
from ._part import Part
from ._wrapper import TENSOR_CLASSES

P = ParamSpec("P")
Argnums = int | tuple[int, ...]


class Differentiable(Part):
    """``value_and_grad`` and friends of ``Tensor``."""

    __slots__ = ()

    def stop_gradient(self) -> Self:
        """The same values, a constant for autodiff: no gradient flows back through it
        (``detach`` in torch, ``tf.stop_gradient``, ``jax.lax.stop_gradient``; NumPy: itself)."""
        return type(self)(self._hooks.stop_gradient(self.raw))

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
    positions = positions_of(argnums)
    if like is not None:
        _check_autodiff(like)  # NumPy raises here, before the first call

    def g(*args: Any, **kwargs: Any) -> tuple[Any, ...]:
        return value_and_grad(f, has_aux, argnums, positions, like, args, kwargs)

    return g


def _check_autodiff(cls: Any) -> None:
    framework = registry.get(cls.framework)
    if not framework.autodiff:
        others = [f for f in registry.FRAMEWORKS if f.autodiff]
        raise errors.no_autodiff_error(framework.label, [f.label for f in others], others[0].name)


def check_function(f: object) -> None:
    if not callable(f):
        raise TypeError(
            f"expected the function to differentiate, got {_kind(f)}: the function comes "
            "first in value_and_grad(f, params, *args), second in value_and_grad_fn(params, f)"
        )


FIRST = [0]  # the positions of the default argnums=0

# Whether each derivative transformation running its function (innermost last) is forward
# mode: ``custom_vjp`` functions refuse forward mode, as in JAX.
FORWARD_MODE: list[bool] = []


def positions_of(argnums: Argnums) -> list[int]:
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
        if (
            type(x) in TENSOR_CLASSES
            and x._hooks.is_inexact(x.raw)
            and (like is None or x._framework_class is like._framework_class)
        ):
            kind = type(x)

            def with_x(raws: list[Any]) -> Any:
                full = list(args)
                full[one] = kind(raws[0])
                return f(*full, **kwargs)

            value, aux, (raw,) = _gradients(kind, with_x, has_aux, [x.raw])
            grad = kind(raw) if isinstance(argnums, int) else (kind(raw),)  # (argnums=(0,))
            return (value, aux, grad) if has_aux else (value, grad)
    trees = [args[i] for i in positions]
    found, names = flatten(trees, names_of(argnums))
    cls = check_params(found, names, like)
    slots = [i for i, leaf in enumerate(found) if leaf is not None]
    kinds = [type(found[i]) for i in slots]

    def with_leaves(raws: list[Any]) -> Any:
        new = list(found)
        for i, kind, raw in zip(slots, kinds, raws, strict=True):
            new[i] = kind(raw)
        full = list(args)
        for i, tree in zip(positions, unflatten(trees, new), strict=True):
            full[i] = tree
        return f(*full, **kwargs)

    value, aux, grads = _gradients(cls, with_leaves, has_aux, [found[i].raw for i in slots])
    all_grads: list[Any] = [None] * len(found)
    for i, kind, g in zip(slots, kinds, grads, strict=True):
        all_grads[i] = kind(g)
    grad_trees = unflatten(trees, all_grads)
    grad = grad_trees[0] if isinstance(argnums, int) else tuple(grad_trees)
    return (value, aux, grad) if has_aux else (value, grad)


def _gradients(
    cls: Any, fn: Callable[[list[Any]], Any], has_aux: bool, raws: list[Any]
) -> tuple[Any, Any, list[Any]]:
    """The loss of ``fn`` (a Tensor of ``cls``), its aux (arrays cut from autodiff), and
    the native gradients w.r.t. ``raws``, by the framework's hook."""
    hook = cls._hooks.value_and_grad
    if hook is None:
        _check_autodiff(cls)  # (raises)
    template: list[Any] = [None]  # aux with its arrays taken out
    tensors: list[bool] = []  # whether each array of aux was a Tensor (else native)
    framework = cls.framework

    def is_array(leaf: Any) -> bool:
        kind = type(leaf)
        if kind in TENSOR_CLASSES:
            return bool(leaf.framework == framework)
        found = registry.framework_of(kind)
        return found is not None and found[0].name == framework and not found[1]

    def raw_fn(raws: list[Any]) -> tuple[Any, list[Any]]:
        FORWARD_MODE.append(False)
        try:
            loss, aux = split_loss(fn(raws), has_aux)
        finally:
            FORWARD_MODE.pop()
        if aux is None:  # (the common case: nothing to take apart)
            return loss.raw, []
        arrays, template[0] = leaves(aux, is_array)
        tensors[:] = [type(a) in TENSOR_CLASSES for a in arrays]
        return loss.raw, [a.raw if t else a for a, t in zip(arrays, tensors, strict=True)]

    value, aux_arrays, grads = hook(raw_fn, raws)
    aux = template[0]
    if aux_arrays:
        aux = fill(aux, [cls(a) if t else a for a, t in zip(aux_arrays, tensors, strict=True)])
    return cls(value), aux, grads


def names_of(argnums: Argnums) -> list[str]:
    if argnums == 0:
        return ["params"]
    items = (argnums,) if isinstance(argnums, int) else argnums
    return [f"args[{i}]" for i in items]


def check_params(found: list[Any], names: list[str], like: Any = None) -> Any:
    """The Tensor class of the parameter leaves ``found``, checked: Tensors (or ``None``) of
    one framework, floating point (named ``names`` in errors)."""
    cls: Any = None if like is None else like._framework_class
    first = ""
    for leaf, name in zip(found, names, strict=True):
        if leaf is None:
            continue
        if type(leaf) not in TENSOR_CLASSES:
            if registry.framework_of(type(leaf)) is not None:
                raise TypeError(
                    f"{name} is a native {_typename(leaf)}: wrap it with ep.astensor first "
                    "(parameters are eagerlite Tensors, or pytrees of them)"
                )
            raise TypeError(
                f"{name} is {_kind(leaf)}, not a Tensor: parameters are eagerlite Tensors "
                "(or tuples, lists and dicts of them, and None); pass other values as "
                "further arguments"
            )
        backend = leaf._framework_class
        if cls is None:
            cls, first = backend, name
        elif backend is not cls:
            where = f" ({first})" if first else ""
            raise TypeError(
                f"the parameters mix {cls.__name__}{where} and {backend.__name__} ({name}): "
                "all must come from one framework"
            )
        if not leaf._hooks.is_inexact(leaf.raw):
            raise TypeError(
                f"gradients need floating point tensors, but {name} is a "
                f"{type(leaf).__name__} of {leaf.dtype}"
            )
    if cls is None or not any(leaf is not None for leaf in found):
        raise ValueError(f"{' and '.join(names)} hold no Tensor: nothing to differentiate")
    _check_autodiff(cls)
    return cls


def _typename(x: object) -> str:
    kind = type(x)
    module = "" if kind.__module__ == "builtins" else f"{kind.__module__.split('.')[0]}."
    return f"{module}{kind.__name__}"


def _kind(x: object) -> str:
    name = _typename(x)
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def split_loss(output: Any, has_aux: bool) -> tuple[Any, Any]:
    """Split ``f``'s output into (loss, aux) and check the loss is a scalar Tensor."""
    loss, aux = output, None
    if has_aux:
        if not (isinstance(output, tuple) and len(output) == 2):
            raise TypeError(
                "with has_aux=True the function must return a (loss, aux) tuple, "
                f"got {type(output).__name__}"
            )
        loss, aux = output
    if type(loss) not in TENSOR_CLASSES:
        raise TypeError(f"the function must return an eagerlite Tensor, got {type(loss).__name__}")
    if loss.ndim != 0:
        raise ValueError(f"the function must return a scalar (0-d) tensor, got shape {loss.shape}")
    return loss, aux
