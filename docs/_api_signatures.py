"""A griffe extension for the API reference: the signatures of factory-made ``ep.`` functions.

``acos: _Unary = _method("acos", _Unary)`` makes a function ``(t, /, *args, **kwargs)``
whose real signature is its protocol's ``__call__``, kept on it as ``__face__``. The
reference shows that one, with the annotations as the code writes them.
"""

from __future__ import annotations

import inspect
from typing import Any

import griffe


class FaceSignatures(griffe.Extension):
    def on_function_instance(self, *, node: Any, func: griffe.Function, **kwargs: Any) -> None:
        face = getattr(getattr(node, "obj", None), "__face__", None)
        if face is None:
            return
        params = list(inspect.signature(face.__call__).parameters.values())[1:]  # (no self)
        func.parameters = griffe.Parameters(
            *(
                griffe.Parameter(
                    p.name,
                    annotation=None if p.annotation is p.empty else str(p.annotation),
                    kind=griffe.ParameterKind(p.kind.description),
                    default=None if p.default is p.empty else repr(p.default),
                )
                for p in params
            )
        )
        returns = inspect.signature(face.__call__).return_annotation
        func.returns = None if returns is inspect.Signature.empty else str(returns)
