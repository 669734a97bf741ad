"""The caller's side of a bridge: a differentiable op of the caller's framework, one per
framework, in its subpackage (``eagerlite.xp.<framework>._bridge``).

Eagerly, the forward pass keeps the source framework's VJP (its tape) in the caller's
autodiff record (an ``autograd.Function`` context; the backward function recorded on
TensorFlow's tape), so the backward pass does not recompute anything.  Under a compiler
the op must be opaque and stateless, so the backward pass recomputes the forward pass
with the source's autodiff:

* ``torch.compile``: a ``torch.library.custom_op`` per bridged function, with a fake
  (shape) implementation and a registered autograd formula, so ``fullgraph=True`` works;
* ``tf.function``: ``tf.py_function`` inside ``tf.custom_gradient``;
* JAX: ``jax.pure_callback`` inside ``jax.custom_vjp`` whenever the inputs are traced
  (``jit``, ``grad``, ``vmap``); concrete arrays take the eager path.

A caller without autodiff (NumPy) calls the function forward only.
"""
