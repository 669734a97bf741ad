"""The ``Call`` key of a bridged call, computed for real even under ``torch.compile``.

A module of its own so that the marking happens at import (which dynamo executes),
never inside traced code, and only once torch is in use.
"""

from __future__ import annotations

from typing import Any

import torch

from ._function import BRIDGES


@torch.compiler.assume_constant_result  # type: ignore[untyped-decorator]
def call_key(bridged: int, template: Any) -> int:
    """``call_for(template).key`` of bridge number ``bridged``: interning, a side effect
    dynamo must not trace (it calls this function for real, with constant arguments)."""
    from ._callers import torch_op

    torch_op(BRIDGES[bridged])  # created here too: dynamo cannot trace op registration
    return int(BRIDGES[bridged].call_for(template).key)
