"""``custom_vjp``: a function with its own backward rule, defined once, with JAX's
interface (``f.defvjp(fwd, bwd)``; ``nondiff_argnums``), run by each framework's own
mechanism (``hooks.custom_vjp``: ``jax.custom_vjp``, a ``torch.autograd.Function``,
``tf.custom_gradient``).  Every derivative transformation of every framework (eagerlite's
and the framework's own) uses the rule; differentiating it again differentiates ``bwd``,
with the residuals as functions of the inputs, as in JAX.  Forward mode (``jvp``,
``jacfwd``) is refused, as JAX refuses it.  NumPy has no derivatives: ``f`` runs as is.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Any, Generic, ParamSpec, TypeVar, cast

from .._core.pytree import fill, leaves
from ..tensor._autodiff import FORWARD_MODE
from ._trees import Flat, is_tensor

P = ParamSpec("P")
T = TypeVar("T")


class custom_vjp(Generic[P, T]):  # noqa: N801 (a decorator, named as JAX's)
    """``f`` with the backward rule given by ``defvjp(fwd, bwd)``, as ``jax.custom_vjp``.

    ``fwd`` takes ``f``'s arguments and returns ``(f's output, residuals)`` (residuals:
    any pytree, its Tensors kept for ``bwd``); ``bwd(residuals, g)`` takes the
    cotangent ``g`` of the output (the output's structure) and returns a tuple with one
    cotangent per positional argument of ``f`` (each of that argument's structure;
    ``None`` for zeros). Arguments named in ``nondiff_argnums`` are not differentiated:
    they come first in ``bwd``'s arguments (``bwd(*nondiff, residuals, g)``), and have no
    entry in its result. The other arguments are Tensors or pytrees of Tensors of one
    framework; ``f``'s output is a Tensor or a pytree of Tensors.
    """

    def __init__(self, fun: Callable[P, T], nondiff_argnums: Sequence[int] = ()) -> None:
        if not callable(fun):
            raise TypeError(f"custom_vjp expects a function, got {type(fun).__name__}")
        nondiff = tuple(nondiff_argnums)
        if not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in nondiff):
            raise TypeError(f"nondiff_argnums must be ints >= 0, got {nondiff_argnums!r}")
        self.fun = fun
        self.nondiff_argnums = frozenset(nondiff)
        self.fwd: Callable[..., Any] | None = None
        self.bwd: Callable[..., Any] | None = None
        self._signature: inspect.Signature | None = None
        functools.update_wrapper(self, fun)

    def defvjp(self, fwd: Callable[P, tuple[T, Any]], bwd: Callable[..., Any]) -> None:
        """Set the forward (output and residuals) and backward (cotangents) rules."""
        for name, rule in (("fwd", fwd), ("bwd", bwd)):
            if not callable(rule):
                raise TypeError(f"defvjp expects functions, got {type(rule).__name__} as {name}")
        self.fwd, self.bwd = fwd, bwd

    def __get__(self, instance: object, owner: object = None) -> Any:
        """As a method: bound to ``instance`` (its first argument)."""
        return self if instance is None else functools.partial(cast(Any, self), instance)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> T:
        if self.fwd is None or self.bwd is None:
            raise TypeError(
                f"custom_vjp function {getattr(self.fun, '__name__', '')!r} has no backward "
                "rule: call its defvjp(fwd, bwd) first"
            )
        if kwargs:  # (by position, as JAX resolves them)
            if self._signature is None:
                self._signature = inspect.signature(self.fun)
            bound = self._signature.bind(*args, **kwargs)
            bound.apply_defaults()
            if bound.kwargs:
                raise TypeError(
                    "custom_vjp functions take their differentiated arguments by position "
                    f"or name, not as **kwargs: got {sorted(bound.kwargs)}"
                )
            args = bound.args  # type: ignore[assignment]
        for i in self.nondiff_argnums:
            if i >= len(args):
                raise ValueError(
                    f"nondiff_argnums names argument {i}, but the function got {len(args)}"
                )
        if any(spec is self for spec in _IN_FWD):  # (f called by its own fwd: f itself)
            return cast(T, cast(Any, self.fun)(*args))
        return _Call(self, tuple(args)).run()  # type: ignore[no-any-return]


_IN_FWD: list[custom_vjp[Any, Any]] = []  # the custom_vjp functions whose fwd is running


class _Call:
    """One call of a ``custom_vjp`` function: its Tensors as native arrays for the hook,
    and the structures of its output and residuals (known once ``fwd`` has run)."""

    __slots__ = ("args", "diff", "flat", "hooks", "out", "res", "spec")

    def __init__(self, spec: custom_vjp[Any, Any], args: tuple[Any, ...]) -> None:
        self.spec, self.args = spec, args
        self.diff = [i for i in range(len(args)) if i not in spec.nondiff_argnums]
        self.flat = Flat(
            [args[i] for i in self.diff],
            "a custom_vjp function's argument",
            nonempty=True,
            constants=True,  # (numbers among them: constants, with no cotangent)
        )
        classes = {k._framework_class for k in self.flat.kinds}
        if len(classes) > 1:
            names = " and ".join(sorted(c.__name__ for c in classes))
            raise TypeError(
                f"a custom_vjp function's arguments mix {names}: all must come from one framework"
            )
        self.hooks = self.flat.kinds[0]._hooks
        self.out: Flat | None = None
        self.res: tuple[Any, list[Any]] | None = None  # (template, kinds)

    def run(self) -> Any:
        custom = self.hooks.custom_vjp
        if custom is None:  # (NumPy: no derivatives, nothing to customise)
            return self.spec.fun(*self.args)
        if FORWARD_MODE and FORWARD_MODE[-1]:
            raise TypeError(
                f"forward-mode autodiff (jvp, jacfwd) of the custom_vjp function "
                f"{getattr(self.spec.fun, '__name__', '')!r}: it has a backward rule only, as "
                "in JAX; use vjp, grad or jacrev"
            )
        outs = custom(self._fwd, self._bwd, self.flat.raws)
        assert self.out is not None
        return self.out.tree(outs)

    def _arguments(self, raws: Sequence[Any]) -> list[Any]:
        args = list(self.args)
        for i, tree in zip(self.diff, self.flat.tree(raws), strict=True):
            args[i] = tree
        return args

    def _fwd(self, raws: list[Any]) -> tuple[list[Any], list[Any]]:
        """``fwd`` of native arrays: the output's arrays and the residuals' arrays."""
        assert self.spec.fwd is not None
        _IN_FWD.append(self.spec)
        try:
            result = self.spec.fwd(*self._arguments(raws))
        finally:
            _IN_FWD.pop()
        if not (isinstance(result, tuple) and len(result) == 2):
            raise TypeError(
                "a custom_vjp fwd rule must return a pair (output, residuals), got "
                f"{type(result).__name__}"
                + (f" of {len(result)}" if isinstance(result, tuple) else "")
            )
        output, residuals = result
        self.out = Flat(output, "a custom_vjp function's output", nonempty=True)
        found, template = leaves(residuals, is_tensor)
        self.res = (template, [type(t) for t in found])
        return self.out.raws, [t.raw for t in found]

    def _bwd(self, res_raws: Sequence[Any], cotangents: Sequence[Any]) -> list[Any]:
        """``bwd`` of native arrays: a cotangent (or None) per argument array."""
        assert self.spec.bwd is not None and self.out is not None and self.res is not None
        template, kinds = self.res
        residuals = fill(template, [k(r) for k, r in zip(kinds, res_raws, strict=True)])
        g = self.out.tree(cotangents)
        nondiff = [self.args[i] for i in sorted(self.spec.nondiff_argnums)]
        result = self.spec.bwd(*nondiff, residuals, g)
        if not isinstance(result, (tuple, list)) or len(result) != len(self.diff):
            got = (
                f"a {type(result).__name__} of {len(result)}"
                if isinstance(result, (tuple, list))
                else f"a {type(result).__name__}"
            )
            raise TypeError(
                f"a custom_vjp bwd rule must return a tuple with one cotangent per "
                f"differentiated argument ({len(self.diff)}), got {got}"
            )
        return self._cotangents(result)

    def _cotangents(self, result: Sequence[Any]) -> list[Any]:
        """The arrays of ``bwd``'s cotangents (None for zeros) in the order of the
        arguments' Tensors, checked against them."""
        out: list[Any] = []

        def walk(p: Any, g: Any, path: str) -> None:
            if isinstance(p, (list, tuple, dict)):
                same = (
                    isinstance(g, dict) and set(g) == set(p)
                    if isinstance(p, dict)
                    else isinstance(g, (list, tuple)) and len(g) == len(p)
                )
                if not same:
                    raise ValueError(
                        f"a custom_vjp bwd rule returned a {type(g).__name__} as the "
                        f"cotangent of {path}, a {type(p).__name__} of {len(p)}: cotangents "
                        "have the structure of the arguments (None for zeros)"
                    )
                keys = p if isinstance(p, dict) else range(len(p))
                for k in keys:
                    walk(p[k], g[k], f"{path}[{k!r}]")
                return
            if not is_tensor(p):
                return
            if g is None or not p._hooks.is_inexact(p.raw):  # (no cotangent for integers)
                out.append(None)
            elif type(g) is not type(p):
                raise TypeError(
                    f"a custom_vjp bwd rule returned a {type(g).__name__} as the cotangent "
                    f"of {path}, a {type(p).__name__} (a Tensor of its kind, or None)"
                )
            elif g.shape != p.shape or g.dtype != p.dtype:
                raise ValueError(
                    f"a custom_vjp bwd rule returned a cotangent of shape {g.shape} and "
                    f"dtype {g.dtype} for {path}, of shape {p.shape} and dtype {p.dtype}"
                )
            else:
                out.append(g.raw)

        for i, g in zip(self.diff, result, strict=True):
            walk(self.args[i], g, f"args[{i}]")
        return out
