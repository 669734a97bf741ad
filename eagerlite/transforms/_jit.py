"""``jit``: one decorator that compiles a function of Tensors with the compiler of the
framework its Tensors come from (``hooks.jit``: ``jax.jit``, ``tf.function(
jit_compile=True)``, ``torch.compile``); NumPy has none and runs the function as it is.

The function's Tensors (in its arguments, as pytrees) are the compiled function's
inputs; everything else in the arguments (Python numbers, strings, ``None``, and the
arguments named by ``static_argnums``/``static_argnames``) is static: part of the key of
the cache of compiled functions, as ``torch.compile`` and ``tf.function`` treat Python
values (JAX's ``jax.jit`` traces Python numbers instead; pass a Tensor for a number that
changes from call to call).  One compiled function per framework, structure of the
arguments and static values.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Sequence
from typing import Any, ParamSpec, TypeVar, cast

from .._core import registry
from .._core.pytree import SLOT, fill, leaves
from ._trees import is_tensor

P = ParamSpec("P")
T = TypeVar("T")


def jit(
    f: Callable[P, T],
    *,
    static_argnums: int | Sequence[int] = (),
    static_argnames: str | Sequence[str] = (),
) -> Callable[P, T]:
    """``f`` compiled by the framework of its Tensors, with the same signature.

    ``static_argnums``/``static_argnames`` name the arguments that are Python values
    (hashable) rather than Tensors: each value gets its own compiled function, as in
    ``jax.jit``. Other arguments are Tensors or pytrees of Tensors (nested tuples, lists
    and dicts) of one framework; their non-Tensor leaves are static too.
    """
    if not callable(f):
        raise TypeError(f"jit expects a function, got {type(f).__name__}")
    return cast("Callable[P, T]", _Jitted(f, static_argnums, static_argnames))


def _ints(value: int | Sequence[int]) -> frozenset[int]:
    items = (value,) if isinstance(value, int) else tuple(value)
    if not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in items):
        raise TypeError(f"static_argnums must be ints >= 0, got {value!r}")
    return frozenset(items)


def _names(value: str | Sequence[str]) -> frozenset[str]:
    items = (value,) if isinstance(value, str) else tuple(value)
    if not all(isinstance(n, str) for n in items):
        raise TypeError(f"static_argnames must be strings, got {value!r}")
    return frozenset(items)


class _Jitted:
    """The compiled face of ``f``: its cache of compiled functions of native arrays."""

    def __init__(
        self,
        f: Callable[..., Any],
        static_argnums: int | Sequence[int],
        static_argnames: str | Sequence[str],
    ) -> None:
        self.f = f
        self.static_argnums = _ints(static_argnums)
        self.static_argnames = _names(static_argnames)
        self.cache: dict[Hashable, tuple[Callable[..., Any], list[Any]]] = {}
        # (the usual call, positional Tensors only: its compiled function by their classes)
        self.by_kinds: dict[tuple[type, ...], tuple[Callable[..., Any], list[Any]]] = {}
        self.plain = not self.static_argnums and not self.static_argnames
        functools.update_wrapper(self, f)

    def __get__(self, instance: object, owner: object = None) -> Any:
        """As a method: bound to ``instance`` (its first argument)."""
        return self if instance is None else functools.partial(self, instance)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.plain and not kwargs:
            entry = self.by_kinds.get(tuple(map(type, args)))
            if entry is not None:  # (the arguments: Tensors, as when it was compiled)
                compiled, (out_template, out_kinds) = entry
                raws = compiled(*[a.raw for a in args])
                if out_template is SLOT:  # (one Tensor out)
                    return out_kinds[0](raws[0])
                return fill(out_template, [k(r) for k, r in zip(out_kinds, raws, strict=True)])
        for i in self.static_argnums:
            if i >= len(args):
                raise ValueError(
                    f"jit: static_argnums names argument {i}, but the function was called "
                    f"with {len(args)} positional argument(s)"
                )
        static = tuple((i, args[i]) for i in sorted(self.static_argnums)) + tuple(
            (k, kwargs[k]) for k in sorted(self.static_argnames & kwargs.keys())
        )
        dynamic = (
            [a for i, a in enumerate(args) if i not in self.static_argnums],
            {k: v for k, v in kwargs.items() if k not in self.static_argnames},
        )
        found, template = leaves(dynamic, is_tensor)
        if not found:  # (no Tensor: no framework to compile with)
            return self.f(*args, **kwargs)
        kinds = tuple(type(t) for t in found)
        cls = kinds[0]._framework_class
        for kind in kinds:
            if kind._framework_class is not cls:
                raise TypeError(
                    f"jit: the arguments mix {cls.__name__} and {kind.__name__}: all "
                    "Tensors must come from one framework"
                )
        try:
            key = (kinds, _frozen(template), static)
            hash(key)
        except TypeError:
            raise _unhashable(template, static) from None
        hooks = kinds[0]._hooks
        if hooks.jit is None:  # (NumPy: no compiler; the same checks)
            return self.f(*args, **kwargs)
        entry = self.cache.get(key)
        if entry is None:
            entry = self.cache[key] = self._compile(hooks, template, kinds, static, len(args))
            if self.plain and not kwargs and all(t is SLOT for t in template[0]):
                self.by_kinds[kinds] = entry  # (the arguments are the Tensors themselves)
        compiled, out = entry
        raws = compiled(*[t.raw for t in found])
        out_template, out_kinds = out
        return fill(out_template, [k(r) for k, r in zip(out_kinds, raws, strict=True)])

    def _compile(
        self,
        hooks: Any,
        template: Any,
        kinds: tuple[type, ...],
        static: tuple[tuple[Any, Any], ...],
        n_args: int,
    ) -> tuple[Callable[..., Any], list[Any]]:
        f = self.f
        out: list[Any] = [None, []]  # (the output's template and Tensor classes, once traced)

        def run(*raws: Any) -> list[Any]:
            dynamic_args, kwargs = fill(template, [k(r) for k, r in zip(kinds, raws, strict=True)])
            args = iter(dynamic_args)
            given = dict(static)
            full = [given[i] if i in given else next(args) for i in range(n_args)]
            kwargs.update((k, v) for k, v in static if isinstance(k, str))
            result = f(*full, **kwargs)
            found, out[0] = leaves(result, is_tensor)
            others, _ = leaves(out[0], _is_native_array)
            if others:
                raise TypeError(
                    f"a jit-compiled function returned a native {type(others[0]).__name__}: "
                    "return eagerlite Tensors (ep.astensor(x))"
                )
            out[1] = [type(t) for t in found]
            return [t.raw for t in found]

        return hooks.jit(run), out


def _frozen(tree: Any) -> Hashable:
    """``tree`` (a template: Tensors taken out) as a hashable key."""
    if isinstance(tree, dict):
        return (dict, tuple((k, _frozen(v)) for k, v in tree.items()))
    if isinstance(tree, (list, tuple)):
        return (type(tree), tuple(_frozen(x) for x in tree))
    if type(tree) is not str and _is_native_array(tree):
        raise TypeError  # (refused: see _unhashable)
    return (type(tree), tree)


def _is_native_array(leaf: Any) -> bool:
    found = registry.framework_of(type(leaf))
    return found is not None and not found[1]


def _unhashable(template: Any, static: tuple[tuple[Any, Any], ...]) -> Exception:
    for where, value in static:
        try:
            hash(value)
        except TypeError:
            name = f"argument {where}" if isinstance(where, int) else f"argument {where!r}"
            return ValueError(
                f"jit: static {name} is a {type(value).__name__}, which is not hashable: "
                "static arguments key the cache of compiled functions (pass a tuple, or "
                "make it a Tensor argument)"
            )
    other, _ = leaves(template, lambda leaf: True)
    for leaf in other:
        if _is_native_array(leaf):
            return TypeError(
                f"jit: an argument holds a native {type(leaf).__name__}: wrap it with "
                "ep.astensor (Tensors are the compiled function's inputs)"
            )
        try:
            hash(leaf)
        except TypeError:
            return TypeError(
                f"jit: an argument holds a {type(leaf).__name__}, which is neither a Tensor "
                "nor hashable (other values are static: they key the cache of compiled "
                "functions)"
            )
    return TypeError("jit: the arguments cannot key the cache of compiled functions")
