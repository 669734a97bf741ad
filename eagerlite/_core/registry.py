"""The framework registry: one record per framework, and the only list of them.

A record says how to recognise the framework's arrays (without importing it: an array of
a framework means the framework is imported already, so only frameworks found in
``sys.modules`` are looked at), which Tensor class wraps them, what DLPack memory it takes
as it is, and how to load its namespace subpackage (``eagerlite.xp.<name>``, which holds
every call into the framework).  Loading is lazy: ``import eagerlite`` imports no
framework; a framework's subpackage is imported the first time one of its arrays is seen.

The loaders are import statements, not ``importlib``: torch.compile executes an import
statement while it traces (the first tensor of a framework may appear inside compiled
code), and refuses ``importlib.import_module``.  They are the one place where a lower
layer imports a higher one, on purpose (the layer test allows exactly these).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any


def _load_numpy() -> ModuleType:
    from ..xp import numpy as subpackage

    return subpackage


def _load_torch() -> ModuleType:
    from ..xp import torch as subpackage

    return subpackage


def _load_jax() -> ModuleType:
    from ..xp import jax as subpackage

    return subpackage


def _load_tensorflow() -> ModuleType:
    from ..xp import tensorflow as subpackage

    return subpackage


@dataclass(frozen=True, eq=False)
class Framework:
    """What eagerlite knows of one framework."""

    name: str  # the canonical name ("torch"), also the Tensor classes' ``framework``
    label: str  # as people write it ("PyTorch")
    module: str  # its top-level module, as imported ("torch")
    array_types: tuple[str, ...]  # its array classes: attribute paths in ``module``
    tensor_class: str  # the eagerlite class wrapping them (in eagerlite.tensor)
    load: Callable[[], ModuleType]  # imports eagerlite.xp.<name> (and the framework)
    aliases: tuple[str, ...] = ()  # other names users give it ("pytorch")
    scalar_types: tuple[str, ...] = ()  # scalars wrapped as 0-d arrays (NumPy's)
    autodiff: bool = True
    host: bool = False  # its arrays live in host memory only (NumPy: what copies go through)
    functions: str = ""  # the module of its NumPy-like functions, if not ``module``
    described: str = ""  # its array types as error messages name them
    # DLPack memory the framework imports as it is (the bridges copy other memory first):
    # the alignment of the data pointer, and whether strides may be anything (else
    # C-contiguous only) or negative
    dlpack_alignment: int = 1
    dlpack_any_strides: bool = True
    dlpack_negative_strides: bool = True

    def imported(self) -> ModuleType | None:
        """The framework's module if it is imported, else None (nothing is imported)."""
        return sys.modules.get(self.module)

    def native_types(self) -> tuple[type, ...]:
        """Its array classes (the framework must be imported)."""
        return self._classes(self.array_types)

    def scalar_classes(self) -> tuple[type, ...]:
        return self._classes(self.scalar_types)

    def _classes(self, paths: tuple[str, ...]) -> tuple[type, ...]:
        classes = []
        for path in paths:
            value: Any = sys.modules[self.module]
            for part in path.split("."):
                value = getattr(value, part)
            classes.append(value)
        return tuple(classes)


NUMPY = Framework(
    "numpy",
    "NumPy",
    "numpy",
    ("ndarray",),
    "NumPyTensor",
    _load_numpy,
    scalar_types=("generic",),
    autodiff=False,
    host=True,
    described="numpy.ndarray (and NumPy scalars)",
)
TORCH = Framework(
    "torch",
    "PyTorch",
    "torch",
    ("Tensor",),
    "PyTorchTensor",
    _load_torch,
    aliases=("pytorch",),
    dlpack_negative_strides=False,  # (torch.from_dlpack aborts the process on them)
    described="torch.Tensor",
)
JAX = Framework(
    "jax",
    "JAX",
    "jax",
    ("Array", "core.Tracer"),
    "JAXTensor",
    _load_jax,
    functions="jax.numpy",
    dlpack_any_strides=False,
    described="jax.Array (and JAX tracers)",
)
TENSORFLOW = Framework(
    "tensorflow",
    "TensorFlow",
    "tensorflow",
    ("Tensor", "Variable"),  # (tf.Variable is no tf.Tensor subclass)
    "TensorFlowTensor",
    _load_tensorflow,
    aliases=("tf",),
    dlpack_alignment=64,  # (TF aborts the process in its first kernel on other memory)
    dlpack_any_strides=False,
    described="tf.Tensor, tf.Variable",
)

FRAMEWORKS: tuple[Framework, ...] = (NUMPY, TORCH, JAX, TENSORFLOW)  # in the order checked
HOST = NUMPY  # the framework of host memory: Python lists of numbers become its arrays
BY_NAME: dict[str, Framework] = {name: f for f in FRAMEWORKS for name in (f.name, *f.aliases)}
NAMES = tuple(f.name for f in FRAMEWORKS)


def get(name: object) -> Framework:
    """The record of framework ``name`` (its canonical name or an alias)."""
    found = BY_NAME.get(name) if isinstance(name, str) else None
    if found is None:
        aliases = [a for f in FRAMEWORKS for a in f.aliases]
        raise ValueError(
            f"unknown framework {name!r}; expected one of {', '.join(map(repr, NAMES))} "
            f"(or {', '.join(map(repr, aliases))})"
        )
    return found


# Keyed by id(type): torch.compile guards on this dict's keys and accepts only literals
# there.  Classes stay alive in _known, so an id is never reused for another class.  (A
# class of no framework stays so: its framework would have been imported to make it.)
_found: dict[int, tuple[Framework, bool] | None] = {}
_known: list[type] = []


def framework_of(cls: type) -> tuple[Framework, bool] | None:
    """The framework whose arrays (or, with True, whose scalars) are instances of ``cls``;
    None for a class of no framework.  Looks only at frameworks already imported."""
    key = id(cls)
    if key in _found:
        return _found[key]
    if cls.__module__ == "builtins":  # (None, numbers, containers: asked often, no array)
        return None
    found = _search(cls)
    _known.append(cls)
    _found[key] = found
    return found


def _search(cls: type) -> tuple[Framework, bool] | None:
    for framework in FRAMEWORKS:
        if framework.imported() is None:
            continue  # an instance of a framework's class implies the framework is imported
        if issubclass(cls, framework.native_types()):
            return framework, False
        if framework.scalar_types and issubclass(cls, framework.scalar_classes()):
            return framework, True
    return None


def supported() -> str:
    """The kinds of arrays eagerlite takes, for error messages."""
    kinds = [f.described or f"{f.module}.{f.array_types[0]}" for f in FRAMEWORKS]
    return ", ".join(kinds) + ", eagerlite Tensors, and lists or tuples of these or of numbers"
