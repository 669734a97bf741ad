"""``x @ w`` on eagerlite Tensors under ``torch.compile``.

Dynamo (torch 2.13) traces ``a + b``, ``a * b``, ... of objects of any class by calling
their ``__add__`` / ``__radd__`` methods, but it has no such handler for ``@``: it stops
at ``operator.matmul`` ("Failed to trace builtin operator"), so ``x @ w`` would be a graph
break where ``x.matmul(w)`` is not.  ``teach_dynamo()`` gives dynamo's builtin-operator
tracker the two missing handlers, for eagerlite Tensors only: ``a @ b`` traces
``a.__matmul__(b)`` (or ``b.__rmatmul__(a)``), ``a @= b`` the same (Tensors have no
in-place ``@``).  Anything else reaches dynamo's own code as before, and a torch that
traces ``@`` itself is left alone.

Importing ``torch._dynamo`` takes more than a second, so the handlers are added when
torch.compile first imports it (or at once, if it is imported already).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType
from typing import Any

_MODULE = "torch._dynamo.variables.builtin"


_tensor_class: list[type] = []  # [eagerlite's Tensor class]


def teach_dynamo(tensor_class: type) -> None:
    """Add the ``@`` handlers for ``tensor_class``'s instances to dynamo now, or when it is
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
    if hasattr(variable, "call_matmul"):  # this torch traces @ itself, or we did already
        return
    from torch._dynamo.variables.user_defined import UserDefinedObjectVariable

    (tensor_class,) = _tensor_class

    def ours(v: Any) -> bool:
        return isinstance(v, UserDefinedObjectVariable) and isinstance(v.value, tensor_class)

    def call_matmul(self: Any, tx: Any, a: Any, b: Any) -> Any:
        if ours(a):
            return a.call_method(tx, "__matmul__", [b], {})
        if ours(b):
            return b.call_method(tx, "__rmatmul__", [a], {})
        return None  # not ours: dynamo's other handlers decide, as without this one

    variable.call_matmul = call_matmul
    variable.call_imatmul = call_matmul  # (no __imatmul__: a @= b is a = a @ b)
