"""The PyTorch backend: ``PyTorchTensor`` wraps ``torch.Tensor`` (and its subclasses).

Importing this module imports no framework: ``bind()`` imports torch (and NumPy) and
finishes the class the first time a torch tensor is seen (see ``eagerlite.backends``).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Self

from .._autodiff import LossFn
from .._support import as_shape, finish_backend, tree_map, unknown_device_error
from ..dtypes import table_of
from ..tensor.tensor import Scalar, Tensor
from ..types import Axes, AxisAxes, ShapeOrScalar
from ..xp._common import check_nonempty
from ._common import BINARY, REDUCTIONS, UNARY, check_pad, check_squeeze, check_tile, range_args

if TYPE_CHECKING:
    import numpy as np
    import torch
    from torch.nn import functional as nnf


_vector_norm: Callable[..., Any]  # torch.linalg.vector_norm, bound by bind()


def _recorded(fn: LossFn, xs: list[Any]) -> tuple[Any, Any]:
    """``fn(xs)`` with autograd recording, also inside ``torch.no_grad()``."""
    if torch.is_grad_enabled():  # (the usual case: no context manager to pay for)
        return fn(xs)
    with torch.enable_grad():
        return fn(xs)


def _detach(x: Any) -> Any:
    if isinstance(x, PyTorchTensor):
        return type(x)(x.raw.detach())
    return x.detach() if isinstance(x, torch.Tensor) else x


def _empty_mask(part: Any) -> bool:
    raw = part.raw if isinstance(part, Tensor) else part
    return isinstance(raw, torch.Tensor) and raw.dtype is torch.bool and 0 in raw.shape


def _mask_positions(part: Any) -> tuple[Any, ...]:
    raw = part.raw if isinstance(part, Tensor) else part
    return tuple(torch.nonzero(raw, as_tuple=True))


def _is_reversing(part: Any) -> bool:
    return type(part) is slice and part.step is not None and part.step < 0


def _index_axes(ndim: int, parts: list[Any]) -> list[int]:
    """The input axis each index part starts at (None adds an axis, a mask uses several)."""

    def used(part: Any) -> int:
        if part is None or part is Ellipsis:
            return 0
        if isinstance(part, (torch.Tensor, np.ndarray)) and part.dtype in (torch.bool, np.bool_):
            return part.ndim
        return 1

    axes, axis = [], 0
    for i, part in enumerate(parts):
        if part is Ellipsis:
            axis = ndim - sum(used(p) for p in parts[i + 1 :])
        axes.append(axis)
        axis += used(part)
    return axes


def _without_negative_steps(raw: torch.Tensor, index: Any) -> tuple[torch.Tensor, Any]:
    """torch slices only forwards: gather reversed slices first, leaving full slices."""
    parts = list(index) if isinstance(index, tuple) else [index]
    for part, axis in zip(parts, _index_axes(raw.ndim, parts), strict=True):
        if _is_reversing(part):
            positions = list(range(raw.shape[axis]))[part]
            taken = torch.tensor(positions, dtype=torch.int64, device=raw.device)
            raw = raw.index_select(axis, taken)
    return raw, tuple(slice(None) if _is_reversing(p) else p for p in parts)


# Keyed random numbers: a counter-based generator (splitmix64's mixing function applied to
# a Weyl sequence of the index xor a seed) written in torch ops, so that torch.compile
# captures it (a torch.Generator cannot be created in compiled code) and compiled and eager
# code give the same numbers, on any device.  Integers wrap around in torch, as here.
def _int64(c: int) -> int:
    return c - (1 << 64) if c >= 1 << 63 else c


_GOLDEN, _MIX1, _MIX2 = (
    _int64(c) for c in (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)
)
_MANTISSA_BITS = {"float64": 53, "float32": 24, "float16": 11, "bfloat16": 8}


def _shift_right(z: torch.Tensor, bits: int) -> torch.Tensor:
    """A logical right shift of int64 values (torch's >> is arithmetic)."""
    return (z >> bits) & ((1 << (64 - bits)) - 1)


def _mix(z: torch.Tensor) -> torch.Tensor:
    z = (z ^ _shift_right(z, 30)) * _MIX1
    z = (z ^ _shift_right(z, 27)) * _MIX2
    return z ^ _shift_right(z, 31)


def _keyed_uniform(key: Any, n: int, offset: int, dtype: torch.dtype, device: Any) -> torch.Tensor:
    """``n`` uniform numbers in ``[0, 1)`` of ``dtype``, the numbers ``offset`` to ``offset + n``
    of the stream of ``key`` (an int or an integer tensor)."""
    seed = _mix(torch.as_tensor(key, dtype=torch.int64, device=device) ^ _GOLDEN)
    index = torch.arange(offset, offset + n, dtype=torch.int64, device=device)
    bits = _MANTISSA_BITS[str(dtype).removeprefix("torch.")]  # exact: never rounds up to 1
    top = _shift_right(_mix((index ^ seed) * _GOLDEN), 64 - bits)
    wide = torch.float64 if bits > 24 else torch.float32
    return (top.to(wide) * 2.0**-bits).to(dtype)


def _reflect_indices(n: int, before: int, after: int) -> list[int]:
    if before >= n or after >= n:
        raise ValueError(f"reflect padding ({before}, {after}) must be shorter than the axis ({n})")
    return [*range(before, 0, -1), *range(n), *range(n - 2, n - 2 - after, -1)]


class PyTorchTensor(Tensor["torch.Tensor"]):
    """A ``torch.Tensor`` (also ``nn.Parameter`` and other subclasses), on any device."""

    __slots__ = ()
    framework = "torch"
    _mutable = True
    raw: torch.Tensor
    dtype: torch.dtype  # (for type checkers: Tensor.dtype returns raw.dtype)
    _device_errors = (RuntimeError, NotImplementedError)

    @property
    def ndim(self) -> int:
        return self.raw.dim()

    def _index_part(self, part: Any) -> Any:
        part = super()._index_part(part)
        # torch reads a list of lists as a tuple of indices (NumPy < 1.23 did); NumPy 2 as an array
        if isinstance(part, list) and part and isinstance(part[0], list):
            return torch.as_tensor(part, device=self.raw.device)
        if isinstance(part, torch.Tensor) and part.dtype in _NARROW_INTS:
            return part.long()  # (torch indexes with int32/int64, bool and uint8 only)
        return part

    def __getitem__(self, index: Any) -> Self:
        if _is_reversing(index) or (type(index) is tuple and any(_is_reversing(p) for p in index)):
            raw, index = _without_negative_steps(self.raw, self._index(index))
            return type(self)(raw[index])
        try:
            return super().__getitem__(index)
        except IndexError:
            # NumPy takes a mask with a length-0 axis against any length (its nonzero()
            # index arrays are empty); torch wants the lengths equal
            parts = index if type(index) is tuple else (index,)
            if not any(_empty_mask(p) for p in parts):
                raise
            expanded = [q for p in parts for q in (_mask_positions(p) if _empty_mask(p) else [p])]
            return super().__getitem__(tuple(expanded))

    def numpy(self) -> np.ndarray[Any, Any]:
        raw = self.raw.detach().cpu().resolve_conj().resolve_neg()
        a: np.ndarray[Any, Any]
        if raw.dtype == torch.bfloat16:  # (NumPy has it from ml_dtypes; torch cannot say so)
            from ..bridges._transfer import _bfloat16_numpy

            a = raw.view(torch.int16).numpy().view(_bfloat16_numpy())
        else:
            a = raw.numpy()
        a.flags.writeable = False
        return a

    def item(self) -> int | float | bool:
        return self.raw.item()

    def _values_known(self) -> bool:
        return self.raw.device.type != "meta" and not torch.compiler.is_compiling()

    @property
    def device(self) -> torch.device:
        return self.raw.device

    def to_device(self, device: Any, /, *, stream: Any = None) -> Self:
        try:
            return type(self)(self.raw.to(device))
        except (AssertionError, RuntimeError, TypeError) as error:  # (no CUDA: an assertion)
            available = ["cpu", "meta"]
            if torch.cuda.is_available():
                available += [f"cuda:{i}" for i in range(torch.cuda.device_count())]
            if torch.backends.mps.is_available():
                available.append("mps")
            raise unknown_device_error(self, device, available) from error

    def _astype(self, dtype: Any, copy: bool) -> Self:
        return type(self)(self.raw.to(dtype, copy=copy))

    def where(self, x: Self | Scalar, y: Self | Scalar) -> Self:
        cond = self.raw if self.raw.dtype == torch.bool else self.raw != 0
        a, b = self._operand(x), self._operand(y)
        if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and a.dtype != b.dtype:
            a, b = self._xp()._promoted(a, b)  # (torch.where lets a 0-d one take the other's)
        return type(self)(torch.where(cond, a, b))

    def argmin(self, axis: int | None = None) -> Self:
        try:
            return type(self)(torch.argmin(_countable(self.raw), dim=axis))
        except (IndexError, RuntimeError):
            check_nonempty("argmin", self.raw.shape, axis)  # NumPy's error, not torch's
            raise

    def argmax(self, axis: int | None = None) -> Self:
        try:
            return type(self)(torch.argmax(_countable(self.raw), dim=axis))
        except (IndexError, RuntimeError):
            check_nonempty("argmax", self.raw.shape, axis)
            raise

    def cumsum(self, axis: int | None = None) -> Self:
        if axis is None:
            return type(self)(torch.cumsum(self.raw.reshape(-1), dim=0))
        return type(self)(torch.cumsum(self.raw, dim=axis))

    def argsort(self, axis: int = -1) -> Self:
        return type(self)(torch.argsort(self.raw, dim=axis))

    def sort(self, axis: int = -1) -> Self:
        return type(self)(torch.sort(self.raw, dim=axis).values)

    def topk(self, k: int, sorted: bool = True) -> tuple[Self, Self]:
        raw = self.raw
        values, indices = torch.topk(_countable(raw), k, sorted=sorted)
        return type(self)(values.bool() if raw.dtype == torch.bool else values), type(self)(indices)

    def take_along_axis(self, index: Self, axis: int) -> Self:
        raw_index = self._operand(index).long()  # torch wants int64 indices; int32 is common
        return type(self)(torch.take_along_dim(self.raw, raw_index, dim=axis))

    def reshape(self, shape: ShapeOrScalar) -> Self:
        return type(self)(self.raw.reshape(as_shape(shape)))

    def transpose(self, axes: Axes | None = None) -> Self:
        if axes is None:
            axes = tuple(range(self.raw.ndim - 1, -1, -1))
        return type(self)(self.raw.permute(axes))

    def squeeze(self, axis: AxisAxes | None = None) -> Self:
        if axis is None:
            return type(self)(self.raw.squeeze())
        check_squeeze(self.shape, axis)
        return type(self)(self.raw.squeeze(axis))

    def expand_dims(self, axis: int) -> Self:
        return type(self)(self.raw.unsqueeze(axis))

    def tile(self, multiples: Axes) -> Self:
        check_tile(self.raw.ndim, multiples)
        return type(self)(self.raw.tile(tuple(multiples)))

    def flip(self, axis: AxisAxes | None = None) -> Self:
        if axis is None:
            axis = tuple(range(self.raw.ndim))
        return type(self)(torch.flip(self.raw, (axis,) if isinstance(axis, int) else axis))

    def pad(
        self, paddings: tuple[tuple[int, int], ...], mode: str = "constant", value: float = 0
    ) -> Self:
        check_pad(self.raw.ndim, paddings, mode)
        raw = self.raw
        if mode == "constant":
            flat = [p for pair in reversed(paddings) for p in pair]  # torch: last axis first
            return type(self)(nnf.pad(raw, flat, value=value))
        for axis, (before, after) in enumerate(paddings):
            if before or after:
                index = _reflect_indices(raw.shape[axis], before, after)
                taken = torch.tensor(index, dtype=torch.int64, device=raw.device)
                raw = raw.index_select(axis, taken)
        return type(self)(raw)

    def meshgrid(self, *tensors: Self, indexing: str = "xy") -> tuple[Self, ...]:
        grids = torch.meshgrid(self.raw, *self._unwrap_all(tensors), indexing=indexing)
        return tuple(type(self)(g) for g in grids)

    def _concatenate(self, tensors: Iterable[Self], axis: int = 0) -> Self:
        return type(self)(torch.cat(self._unwrap_all(tensors), dim=axis))

    def _stack(self, tensors: Iterable[Self], axis: int = 0) -> Self:
        return type(self)(torch.stack(self._unwrap_all(tensors), dim=axis))

    def _full(self, shape: ShapeOrScalar, value: float, dtype: Any) -> Self:
        shape = as_shape(shape)
        return type(self)(torch.full(shape, value, dtype=dtype, device=self.raw.device))

    def _full_like(self, fill_value: float) -> Self:
        return type(self)(torch.full_like(self.raw, fill_value))

    def _arange(self, start: int, stop: int | None, step: int | None) -> Self:
        start, stop, step = range_args(start, stop, step)
        return type(self)(torch.arange(start, stop, step, device=self.raw.device))

    def from_numpy(self, a: Any) -> Self:
        a = np.asarray(a, order="C")  # C order copies negative strides, which torch cannot view
        if not a.flags.writeable:  # torch tensors are writable: never alias read-only memory
            a = a.copy()
        return type(self)(torch.as_tensor(a, device=self.raw.device))

    def _random_dtype(self) -> torch.dtype:
        raw = self.raw
        return raw.dtype if raw.is_floating_point() else torch.get_default_dtype()

    def uniform(
        self, shape: ShapeOrScalar, low: float = 0.0, high: float = 1.0, *, key: Any = None
    ) -> Self:
        shape, dtype, device = as_shape(shape), self._random_dtype(), self.raw.device
        if key is None:
            return type(self)(torch.empty(shape, dtype=dtype, device=device).uniform_(low, high))
        u = _keyed_uniform(key, math.prod(shape), 0, dtype, device)
        return type(self)((u * (high - low) + low).reshape(shape))

    def normal(
        self, shape: ShapeOrScalar, mean: float = 0.0, stddev: float = 1.0, *, key: Any = None
    ) -> Self:
        shape, dtype, device = as_shape(shape), self._random_dtype(), self.raw.device
        if key is None:
            return type(self)(torch.empty(shape, dtype=dtype, device=device).normal_(mean, stddev))
        n = math.prod(shape)  # Box-Muller, in float32 at least
        wide = torch.float64 if dtype == torch.float64 else torch.float32
        u1 = 1.0 - _keyed_uniform(key, n, 0, wide, device)  # in (0, 1]
        u2 = _keyed_uniform(key, n, n, wide, device)
        z = (-2.0 * u1.log()).sqrt() * (2.0 * math.pi * u2).cos()
        return type(self)((z * stddev + mean).to(dtype).reshape(shape))

    def softmax(self, axis: int = -1) -> Self:
        return type(self)(torch.softmax(self.raw, dim=axis))

    def log_softmax(self, axis: int = -1) -> Self:
        return type(self)(torch.log_softmax(self.raw, dim=axis))

    def crossentropy(self, labels: Self) -> Self:
        self._check_crossentropy(labels)
        target = self._operand(labels)
        if target.dtype != torch.int64:  # torch wants int64 class indices; int32 is common
            target = target.long()
        return type(self)(nnf.cross_entropy(self.raw, target, reduction="none"))

    def slogdet(self) -> tuple[Self, Self]:
        sign, logabsdet = torch.linalg.slogdet(self.raw)
        return type(self)(sign), type(self)(logabsdet)

    def inv(self) -> Self:
        return type(self)(torch.linalg.inv(self.raw))

    def _l2_norm(self, axis: AxisAxes | None, keepdims: bool) -> Self:
        raw = self.raw
        if not (raw.is_floating_point() or raw.is_complex()):
            raw = raw.to(torch.get_default_dtype())
        # torch defines the gradient of the norm at zero as zero
        if axis is None and not keepdims:
            return type(self)(_vector_norm(raw))
        if axis == ():  # over no axis: |x| (torch's dim=() means every axis)
            return type(self)(raw.abs())
        return type(self)(_vector_norm(raw, dim=axis, keepdim=keepdims))

    def _is_inexact(self) -> bool:
        return self.raw.is_floating_point() or self.raw.is_complex()

    @classmethod
    def _gradients(cls, fn: LossFn, xs: list[Self]) -> tuple[Self, Any, list[Self]]:
        # autograd.grad, not backward(): no .grad attribute is written anywhere
        if len(xs) == 1:  # one tensor, the common case: no lists (and 10 us less in grad())
            raw = xs[0].raw.detach().requires_grad_(True)  # a graph leaf of its own
            if torch.is_grad_enabled():  # (the usual case: no context manager to pay for)
                loss, aux = fn([cls(raw)])
            else:
                loss, aux = _recorded(fn, [cls(raw)])
            grad = None
            if loss.raw.requires_grad:  # else the loss does not depend on x
                (grad,) = torch.autograd.grad(loss.raw, raw, allow_unused=True)
            grads = [cls(torch.zeros_like(raw) if grad is None else grad)]
        else:
            raws = [x.raw.detach().requires_grad_(True) for x in xs]
            loss, aux = _recorded(fn, list(map(cls, raws)))
            found: Any = (None,) * len(raws)
            if loss.raw.requires_grad:
                found = torch.autograd.grad(loss.raw, raws, allow_unused=True)
            grads = [
                cls(torch.zeros_like(r) if g is None else g)
                for g, r in zip(found, raws, strict=True)
            ]
        # like the value, aux is a result: cut from the autograd graph
        aux = None if aux is None else tree_map(_detach, aux)
        return cls(loss.raw.detach()), aux, grads


_NARROW_INTS: set[Any]  # integer dtypes torch takes no index arrays of
_OPERATORS = "add sub mul truediv pow lt le gt ge eq ne".split()


def _countable(raw: Any) -> Any:
    """Bools as uint8, for the torch kernels that take no bools (argmax, topk)."""
    return raw.to(torch.uint8) if raw.dtype == torch.bool else raw


def _promoting_0d(
    op: Callable[[Any, Any], Any], promoted: Callable[[Any, Any], tuple[Any, Any]]
) -> Callable[[Any, Any], Any]:
    """``op`` with the standard's promotion for a 0-d tensor: torch lets one take the
    other tensor's dtype (``int64 0-d + uint8`` is uint8 there, int64 in the standard).
    ``promoted``: the namespace's (the same rule for its functions)."""

    def call(a: Any, b: Any) -> Any:
        if (
            isinstance(b, torch.Tensor)
            and isinstance(a, torch.Tensor)
            and a.dtype is not b.dtype
            and (a.ndim == 0 or b.ndim == 0)
        ):
            return op(*promoted(a, b))
        return op(a, b)

    return call


def bind() -> None:
    """Import torch and finish ``PyTorchTensor`` (done once, by ``eagerlite.astensor``)."""
    global np, torch, nnf, _vector_norm, _NARROW_INTS
    import numpy as np
    import torch
    from torch.nn import functional as nnf

    _vector_norm = torch.linalg.vector_norm
    # (uint8 too: torch reads a uint8 index as a mask, NumPy as integers)
    _NARROW_INTS = {torch.int8, torch.int16, torch.uint8, torch.uint16, torch.uint32, torch.uint64}
    from ..xp import native_namespace

    xp = native_namespace("torch")  # the Array API functions: one implementation for both
    tables = {
        "_unary_ops": {name: getattr(torch, name) for name in UNARY}
        | {"sign": xp.sign, "stop_gradient": torch.Tensor.detach},
        "_binary_ops": {name: getattr(xp, name) for name in BINARY},
        "_reductions": {name: getattr(xp, name) for name in REDUCTIONS},
        "_dtypes": table_of(torch),
        "_operators": {"floordiv": xp.floor_divide, "mod": xp.remainder}
        | {name: _promoting_0d(getattr(operator, name), xp._promoted) for name in _OPERATORS},
    }
    finish_backend(PyTorchTensor, tables)
    from ._torch_dynamo import teach_dynamo

    teach_dynamo()  # x @ w under torch.compile
