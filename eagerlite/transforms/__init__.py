"""Transformations of functions of Tensors, written once over each framework's hooks:
derivatives (``grad``, ``vjp``, ``jvp``, ``jacrev``, ``jacfwd``, ``jacobian``,
``hessian``), composable and nestable to any order, on PyTorch, TensorFlow and JAX, and
``vmap`` (on NumPy too)."""

from ._derivatives import grad, hessian, jacfwd, jacobian, jacrev, jvp, vjp
from ._vmap import vmap

__all__ = ["grad", "hessian", "jacfwd", "jacobian", "jacrev", "jvp", "vjp", "vmap"]
