"""Operators on eagerlite Tensors that dynamo does not trace alone, under ``torch.compile``.

Dynamo (torch 2.13) traces ``a + b``, ``a * b``, ... of objects of any class by calling
their ``__add__`` / ``__radd__`` methods, but not in two cases, which ``teach_dynamo()``
mends in dynamo's builtin-operator tracker, for eagerlite Tensors only:

- ``@``: dynamo has no handler for it and stops at ``operator.matmul`` ("Failed to trace
  builtin operator"), so ``x @ w`` would be a graph break where ``x.matmul(w)`` is not.
  ``a @ b`` traces ``a.__matmul__(b)`` (or ``b.__rmatmul__(a)``), ``a @= b`` the same
  (Tensors have no in-place ``@``).  A torch that traces ``@`` itself is left alone.
- a NumPy scalar (``t / np.sqrt(d)``, ``np.float32(2) * t``, ``t < np.int64(3)``): dynamo
  traces NumPy through ``torch._numpy``, where a NumPy scalar is a 0-d array (a tensor in
  the graph), so it puts the operator into the graph as a tensor op, which fails on our
  Tensor ("Missing `as_proxy()`"), or calls our comparison with a NumPy array, which
  refuses it.  Instead the scalar becomes a 0-d torch tensor of the dtype that eager code
  gives the result, and the Tensor's own operator is traced with it.  That dtype is found
  by running the operator eagerly, at trace time, on a one-element tensor of the
  Tensor's dtype and rank and a NumPy scalar of the scalar's type (eager torch takes a
  NumPy scalar much as a Python number, but ``//`` and ``%`` take it as a 0-d array of
  its dtype, and ``np.bool_`` is a float to it); a comparison takes the dtype of ``+``,
  the one its operands are compared in.  Where eager code raises (``t @ np.float64(2)``,
  ``t & np.bool_(True)``), dynamo goes on as before.  Dynamo cannot tell a NumPy scalar
  from a 0-d NumPy array, so a 0-d array is taken as the scalar (eager code refuses it:
  a NumPy array is another framework's); a larger one is left to dynamo.
- a torch tensor (``t / x``, ``x - t``; ``t /= np.float64(2)`` too, which is ``t / x`` of
  the scalar's 0-d tensor): dynamo puts the operator into the graph as it is, which fails
  on our Tensor alike; the Tensor's method is traced instead (with the Tensor on the
  right too, where a plain torch.Tensor's operator defers to it in eager code).

Anything else reaches dynamo's own code as before.  Importing ``torch._dynamo`` takes
more than a second, so the handlers are added when torch.compile first imports it (or at
once, if it is imported already).  Eager code runs none of this.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import operator
import sys
import warnings
from types import ModuleType
from typing import Any

_MODULE = "torch._dynamo.variables.builtin"


_tensor_class: list[type] = []  # [eagerlite's Tensor class]

_BINARY = (  # (the name in the methods' names, the operator, the in-place operator)
    ("add", operator.add, operator.iadd),
    ("sub", operator.sub, operator.isub),
    ("mul", operator.mul, operator.imul),
    ("truediv", operator.truediv, operator.itruediv),
    ("floordiv", operator.floordiv, operator.ifloordiv),
    ("mod", operator.mod, operator.imod),
    ("pow", operator.pow, operator.ipow),
    ("matmul", operator.matmul, operator.imatmul),
    ("and", operator.and_, operator.iand),
    ("or", operator.or_, operator.ior),
    ("xor", operator.xor, operator.ixor),
    ("lshift", operator.lshift, operator.ilshift),
    ("rshift", operator.rshift, operator.irshift),
)
# operator -> the Tensor's method for it, with the Tensor on the left, on the right
# (``s += t`` of a NumPy scalar ``s`` is ``s = s + t``: the Tensor's reflected method)
_METHODS: dict[Any, tuple[str, str]] = {op: (f"__{n}__", f"__r{n}__") for n, op, _ in _BINARY}
_METHODS |= {iop: (f"__i{n}__", f"__r{n}__") for n, _, iop in _BINARY}
_COMPARISONS = {
    operator.lt: ("__lt__", "__gt__"),
    operator.le: ("__le__", "__ge__"),
    operator.gt: ("__gt__", "__lt__"),
    operator.ge: ("__ge__", "__le__"),
    operator.eq: ("__eq__", "__eq__"),
    operator.ne: ("__ne__", "__ne__"),
}
_METHODS |= _COMPARISONS
_COMPARED_AS = {name: "__add__" for names in _COMPARISONS.values() for name in names}


def teach_dynamo(tensor_class: type) -> None:
    """Add the handlers for ``tensor_class``'s instances to dynamo now, or when it is
    first imported."""
    _tensor_class[:] = [tensor_class]
    module = sys.modules.get(_MODULE)
    if module is not None:
        _add_handlers(module)
    elif not any(isinstance(f, _WhenImported) for f in sys.meta_path):
        sys.meta_path.insert(0, _WhenImported())


class _WhenImported(importlib.abc.MetaPathFinder):
    """Adds the handlers right after dynamo's builtin-operator module is executed."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != _MODULE:
            return None
        sys.meta_path.remove(self)  # once; the other finders locate the module
        spec = importlib.util.find_spec(fullname)
        loader = getattr(spec, "loader", None)
        if spec is None or not isinstance(loader, importlib.machinery.SourceFileLoader):
            return spec  # (an unusual installation: no handlers, @ stays a graph break)
        exec_module = loader.exec_module

        def exec_and_add(module: ModuleType) -> None:
            exec_module(module)
            _add_handlers(module)

        loader.exec_module = exec_and_add  # type: ignore[method-assign]
        return spec


def _add_handlers(builtin: ModuleType) -> None:
    variable = builtin.BuiltinVariable
    if getattr(variable, "_eagerlite_handlers", False):
        return
    variable._eagerlite_handlers = True
    from torch._dynamo.variables.tensor import NumpyNdarrayVariable, TensorVariable
    from torch._dynamo.variables.user_defined import UserDefinedObjectVariable

    (tensor_class,) = _tensor_class

    def ours(v: Any) -> bool:
        return isinstance(v, UserDefinedObjectVariable) and isinstance(v.value, tensor_class)

    if not hasattr(variable, "call_matmul"):  # (a torch that traces @ itself: as it is)

        def call_matmul(self: Any, tx: Any, a: Any, b: Any) -> Any:
            if ours(a):
                return a.call_method(tx, "__matmul__", [b], {})
            if ours(b):
                return b.call_method(tx, "__rmatmul__", [a], {})
            return None  # not ours: dynamo's other handlers decide, as without this one

        variable.call_matmul = call_matmul
        variable.call_imatmul = call_matmul  # (no __imatmul__: a @= b is a = a @ b)

    def traced(tx: Any, fn: Any, a: Any, b: Any) -> Any:
        """``fn(a, b)`` by our Tensor's method where one is ours and the other a torch
        tensor or a NumPy scalar, or None: dynamo's own handling."""
        if ours(a):  # (Python asks the left operand first, and ours answers)
            tensor, other, method = a, b, _METHODS[fn][0]
        elif ours(b) and (type(a) is TensorVariable or isinstance(a, NumpyNdarrayVariable)):
            tensor, other, method = b, a, _METHODS[fn][1]  # (torch.Tensor defers to it)
        else:
            return None
        if isinstance(other, NumpyNdarrayVariable):
            other = numpy_scalar(tx, tensor, other, method)
        elif not isinstance(other, TensorVariable):
            return None
        return None if other is None else tensor.call_method(tx, method, [other], {})

    def numpy_scalar(tx: Any, tensor: Any, scalar: Any, method: str) -> Any:
        """The NumPy scalar ``scalar`` as a 0-d torch tensor in the dtype of the eager
        result of ``tensor``'s ``method``, or None (not a scalar, or eager code raises)."""
        raw = tensor.var_getattr(tx, "raw")
        if scalar.ndim != 0 or not isinstance(raw, TensorVariable) or raw.ndim is None:
            return None
        dtype = _eager_dtype(tensor.python_type(), method, raw.dtype, raw.ndim, scalar.dtype)
        if dtype is None:
            return None
        import torch
        from torch._dynamo.variables.builder import wrap_fx_proxy

        as_tensor = (torch.as_tensor, (scalar.as_proxy(),), {"dtype": dtype})
        return wrap_fx_proxy(tx, tx.output.create_proxy("call_function", *as_tensor))

    insert_op_in_graph = variable._handle_insert_op_in_graph

    def handle_insert_op_in_graph(self: Any, tx: Any, args: Any, kwargs: Any) -> Any:
        if self.fn in _METHODS and len(args) == 2 and not kwargs:
            out = traced(tx, self.fn, *args)
            if out is not None:
                return out
        return insert_op_in_graph(self, tx, args, kwargs)

    # (the handler for a tensor (a NumPy array too) and anything: dynamo calls no other)
    variable._handle_insert_op_in_graph = handle_insert_op_in_graph
    cache = getattr(variable, "call_function_handler_cache", {})  # (handlers made before)
    for key in [k for k in cache if k[0] in _METHODS]:
        del cache[key]


def _eager_dtype(cls: type, method: str, dtype: Any, ndim: int, scalar_dtype: Any) -> Any:
    """The dtype of ``method`` of a Tensor of ``cls`` (of ``dtype``, ``ndim`` dimensions)
    and a NumPy scalar of ``scalar_dtype`` (a torch dtype) in eager code, that of ``+``
    for a comparison, or None where eager code raises."""
    import torch
    from torch._subclasses.fake_tensor import unset_fake_temporarily

    with unset_fake_temporarily(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (a complex scalar cast to a real dtype)
        tensor = cls(torch.ones((1,) * ndim, dtype=dtype))
        scalar = torch.ones((), dtype=scalar_dtype).numpy()[()]  # (np.float64(1.0), ...)
        try:
            out = getattr(tensor, _COMPARED_AS.get(method, method))(scalar)
        except Exception:
            return None
    raw = getattr(out, "raw", None)
    return raw.dtype if isinstance(raw, torch.Tensor) else None
