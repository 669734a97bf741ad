"""Tensors handed from one framework to another, zero-copy through DLPack where allowed.

The source framework first makes its tensor *exportable* to the target (a no-op in the
common case), as the target's registry record says it must be (its alignment, whether it
takes any strides, negative ones, whether it lives on the host); the target then imports
it with its own ``from_dlpack``, which keeps the memory and the device.  What DLPack
cannot carry (NumPy's bfloat16, device memory for NumPy) is copied.  Each framework's
``export``/``to_native``/``from_host`` are in its hooks.
"""

from __future__ import annotations

from typing import Any

from .._core import registry


def convert_raw(raw: Any, source: str, target: str) -> Any:
    """The native tensor ``raw`` of framework ``source`` as a native tensor of ``target``."""
    if source == target:
        return raw
    exporter = registry.get(source).load().hooks
    record = registry.get(target)
    importer = record.load().hooks
    return importer.to_native(exporter.export(raw, record, importer.from_host))
