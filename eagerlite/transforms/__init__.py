"""Transformations of functions of Tensors, written once over each framework's hooks:
derivatives (``grad``, ``vjp``, ``jvp``, ``jacrev``, ``jacfwd``, ``jacobian``,
``hessian``), composable and nestable to any order, on PyTorch, TensorFlow and JAX;
``custom_vjp`` (a function with its own backward rule); ``vmap`` (on NumPy too);
control flow that compiles (``cond``, ``switch``, ``while_loop``, ``fori_loop``,
``scan``, ``map``); and ``jit`` (the compiler of the Tensors' framework)."""

from ._control import cond, fori_loop, map, scan, switch, while_loop
from ._custom import custom_vjp
from ._derivatives import grad, hessian, jacfwd, jacobian, jacrev, jvp, vjp
from ._jit import jit
from ._vmap import vmap

__all__ = [
    "cond",
    "custom_vjp",
    "fori_loop",
    "grad",
    "hessian",
    "jacfwd",
    "jacobian",
    "jacrev",
    "jit",
    "jvp",
    "map",
    "scan",
    "switch",
    "vjp",
    "vmap",
    "while_loop",
]
