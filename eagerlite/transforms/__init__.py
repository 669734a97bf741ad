"""Transformations of functions of Tensors, written once over each framework's hooks:
derivatives (``grad``, ``vjp``, ``jvp``, ``jacrev``, ``jacfwd``, ``jacobian``,
``hessian``), composable and nestable to any order, on PyTorch, TensorFlow and JAX;
``vmap`` (on NumPy too); and control flow that compiles (``cond``, ``switch``,
``while_loop``, ``fori_loop``, ``scan``, ``map``)."""

from ._control import cond, fori_loop, map, scan, switch, while_loop
from ._derivatives import grad, hessian, jacfwd, jacobian, jacrev, jvp, vjp
from ._vmap import vmap

__all__ = [
    "cond",
    "fori_loop",
    "grad",
    "hessian",
    "jacfwd",
    "jacobian",
    "jacrev",
    "jvp",
    "map",
    "scan",
    "switch",
    "vjp",
    "vmap",
    "while_loop",
]
