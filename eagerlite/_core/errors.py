"""The exceptions eagerlite raises, and the messages of the common ones.

Every error names what was passed and what was expected.  The classes that users catch
are public (``ep.TracedValueError``, ...): their ``__module__`` is ``eagerlite``.
"""

from __future__ import annotations

from collections.abc import Sequence


class GradientNotSupportedError(NotImplementedError, TypeError):
    """Raised when a gradient is requested from a framework without autodiff (NumPy)."""

    __module__ = "eagerlite"


class TracedValueError(TypeError):
    """A Python value (``item()``, ``bool()``, ``numpy()``) was asked of a traced tensor."""

    __module__ = "eagerlite"


class UnknownTensorTypeError(TypeError, ValueError):
    """``astensor`` got something that is not a tensor of a supported framework.

    A ``TypeError``; also a ``ValueError``, which is what EagerPy raised.
    """

    __module__ = "eagerlite"


class DeviceMismatchError(ValueError):
    """One operation got tensors on different devices (the framework's error is its cause)."""

    __module__ = "eagerlite"


class NotAnOperandError(TypeError):
    """A binary operation got a value that is neither a tensor nor a number (``None``, a str)."""


def type_name(x: object) -> str:
    """``module.Class`` of ``x``'s type, as error messages name it (``builtins.`` left out)."""
    kind = type(x)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def traced_value_error(tensor: object, what: str, tracer: str) -> TracedValueError:
    return TracedValueError(
        f"{what} needs a concrete value, but this {type(tensor).__name__} is symbolic: it is "
        f"being traced by {tracer}. Keep the computation in tensors (ep.where or ep.cond "
        f"instead of `if`, ep.while_loop or ep.fori_loop instead of a Python loop on it, "
        f"return the tensor instead of {what}), or call {what} outside the compiled code"
    )


def mixed_frameworks_error(a: object, b: object, framework: str, b_is_tensor: bool) -> TypeError:
    """``a`` (a Tensor of ``framework``) met ``b``, of another framework (a Tensor or not)."""
    if b_is_tensor:
        return TypeError(
            f"cannot combine a {type(a).__name__} with a {type(b).__name__}: all tensors in "
            "one operation must come from the same framework (convert one first, e.g. with "
            f"x.convert({framework!r}))"
        )
    return TypeError(
        f"cannot combine a {type(a).__name__} with a native {type_name(b)}: all tensors in "
        f"one operation must come from the same framework (wrap and convert it first: "
        f"ep.astensor(x).convert({framework!r}))"
    )


def not_an_operand_error(a: object, b: object) -> NotAnOperandError:
    return NotAnOperandError(
        f"cannot combine a {type(a).__name__} with {type_name(b)} {b!r:.40}: expected a "
        "Tensor of the same framework, a native tensor of it, a number, or a list of numbers"
    )


def not_a_tensor_error(function: str, x: object, native: bool) -> TypeError:
    """``ep.<function>`` got ``x``, no eagerlite Tensor (``native``: a framework's array)."""
    if native:
        return TypeError(
            f"ep.{function} expects an eagerlite Tensor, got a native {type_name(x)}: wrap it "
            "with ep.astensor(x) first (and take .raw of the result for a native one)"
        )
    return TypeError(f"ep.{function} expects an eagerlite Tensor, got {type_name(x)} {x!r:.40}")


def unknown_device_error(tensor: object, device: object, available: Sequence[str]) -> ValueError:
    return ValueError(
        f"cannot move a {type(tensor).__name__} to {device!r}: this machine has no such "
        f"device; the available ones are {', '.join(available)}"
    )


def device_mismatch_error(kind: str, first: object, second: object) -> DeviceMismatchError:
    return DeviceMismatchError(
        f"cannot combine a {kind} on {first} with one on {second}: "
        "move one of them first, e.g. with x.to_device(y.device)"
    )


def no_autodiff_error(label: str, others: Sequence[str], example: str) -> GradientNotSupportedError:
    """``label``'s tensors were to be differentiated; ``others`` (labels) have autodiff."""
    return GradientNotSupportedError(
        f"{label} has no automatic differentiation: value_and_grad and friends work on "
        f"{', '.join(others[:-1])} and {others[-1]} tensors (convert the tensors first, e.g. "
        f"with x.convert({example!r}))"
    )
