"""Beyond the standard, as Tensor methods: what library authors reach for next
(``logsumexp``, ``softmax``, ``isclose``, ``quantile``, ...), EagerPy's losses, functional
updates (``t.at[i].add(v)``, ``index_update``) and norms.  Each calls the framework's
namespace, where ``eagerlite.xp`` implements it once per framework."""

from __future__ import annotations

from typing import Any, Generic, Self, TypeVar

from .._core.dtypes import is_kind, name_of
from ..xp._at import At
from ._norms import Norms
from ._part import Part

T = TypeVar("T")
Scalar = int | float
Axis = int | tuple[int, ...] | None


class Beyond(Part):
    """eagerlite's functions beyond the standard, as methods of ``Tensor``."""

    __slots__ = ()

    def logsumexp(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """``log(sum(exp(t)))`` over ``axis`` (all axes if None), without overflow."""
        return type(self)(self._ns.logsumexp(self.raw, axis=axis, keepdims=keepdims))

    def softmax(self, axis: int = -1) -> Self:
        """Softmax along ``axis`` (numerically stable)."""
        return type(self)(self._ns.softmax(self.raw, axis=axis))

    def log_softmax(self, axis: int = -1) -> Self:
        """Logarithm of the softmax along ``axis`` (numerically stable)."""
        return type(self)(self._ns.log_softmax(self.raw, axis=axis))

    def sigmoid(self) -> Self:
        """Element-wise logistic function ``1 / (1 + exp(-x))``."""
        return type(self)(self._ns.sigmoid(self.raw))

    def log_sigmoid(self) -> Self:
        """Element-wise ``log(sigmoid(x))``, accurate for large ``|x|``."""
        return type(self)(self._ns.log_sigmoid(self.raw))

    def relu(self) -> Self:
        """Element-wise ``max(x, 0)`` (its gradient at 0 is 0)."""
        return type(self)(self._ns.relu(self.raw))

    def softplus(self) -> Self:
        """Element-wise ``log(1 + exp(x))``, without overflow."""
        return type(self)(self._ns.softplus(self.raw))

    def erf(self) -> Self:
        """Element-wise error function."""
        return type(self)(self._ns.erf(self.raw))

    def isclose(
        self,
        other: Self | Scalar,
        *,
        rtol: float = 1e-05,
        atol: float = 1e-08,
        equal_nan: bool = False,
    ) -> Self:
        """Element-wise ``|self - other| <= atol + rtol * |other|`` (a bool tensor)."""
        raw = self._operand(other)
        out = self._ns.isclose(self.raw, raw, rtol=rtol, atol=atol, equal_nan=equal_nan)
        return type(self)(out)

    def allclose(
        self,
        other: Self | Scalar,
        *,
        rtol: float = 1e-05,
        atol: float = 1e-08,
        equal_nan: bool = False,
    ) -> Self:
        """Whether all values are close (``isclose``), as a 0-d bool tensor (``bool()`` it)."""
        raw = self._operand(other)
        out = self._ns.allclose(self.raw, raw, rtol=rtol, atol=atol, equal_nan=equal_nan)
        return type(self)(out)

    def nan_to_num(
        self, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None
    ) -> Self:
        """NaN replaced by ``nan``, infinities by ``posinf``/``neginf`` (default: the largest
        finite values of the dtype)."""
        return type(self)(self._ns.nan_to_num(self.raw, nan, posinf, neginf))

    def median(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """The median over ``axis`` (all axes if None); NaN where a NaN is among the values."""
        return type(self)(self._ns.median(self.raw, axis=axis, keepdims=keepdims))

    def quantile(
        self, q: float | Self, axis: Axis = None, keepdims: bool = False, *, method: str = "linear"
    ) -> Self:
        """The ``q``-th quantiles (``q`` in [0, 1], a number or a 1-D tensor, whose axis comes
        first) over ``axis``; ``method``: linear, lower, higher, nearest or midpoint."""
        raw_q = self._operand(q)
        out = self._ns.quantile(self.raw, raw_q, axis=axis, keepdims=keepdims, method=method)
        return type(self)(out)

    def one_hot(self, num_classes: int, *, dtype: Any = None, axis: int = -1) -> Self:
        """Integer class indices as one-hot vectors along a new ``axis`` (default float dtype;
        an index outside ``[0, num_classes)`` gives a vector of zeros)."""
        native = None if dtype is None else self._native_dtype(dtype)
        return type(self)(self._ns.one_hot(self.raw, num_classes, dtype=native, axis=axis))

    # ------------------------------------------------------------------ losses
    def _check_classes(self, labels: Any, classes: int, what: str) -> None:
        """``labels`` are class indices: integers in ``[0, classes)`` (the range is checked
        where their values are known: not inside a traced or compiled function)."""
        name = name_of(labels.dtype)
        if not is_kind(name, "integral"):
            raise TypeError(
                f"{what} needs integer class labels, got {name} ones"
                f" (convert them with .astype(ep.int64) if they hold whole numbers)"
            )
        found = labels._hooks.extremes(labels.raw)  # (None where the values are not known)
        if found is not None and (found[0] < 0 or found[1] >= classes):
            raise ValueError(
                f"{what} needs labels in [0, {classes}) for {classes} classes, got labels "
                f"from {found[0]} to {found[1]}"
            )

    def crossentropy(self, labels: Self) -> Self:
        """Per-sample cross-entropy of these 2-D logits with integer class ``labels``."""
        if self.ndim != 2:
            raise ValueError(f"crossentropy expects 2-D logits (batch, classes), got {self.shape}")
        if labels.ndim != 1 or labels.shape[0] != self.shape[0]:
            raise ValueError(
                f"crossentropy expects 1-D labels of length {self.shape[0]}, got {labels.shape}"
            )
        self._check_classes(labels, self.shape[1], "crossentropy")
        return type(self)(self._ns._crossentropy(self.raw, self._operand(labels)))

    # ----------------------------------------------------------------- updates
    @property
    def at(self) -> _AtIndexer[Self]:
        """Functional indexed updates: ``t.at[i].add(v)`` (or ``t.at(i)``) is ``ep.at(t, i)``:
        ``.set``, ``.add``, ``.multiply``, ``.min``, ``.max`` return new tensors."""
        return _AtIndexer(self)

    def index_update(self, indices: Any, values: Self | Scalar) -> Self:
        """A copy with ``copy[indices] = values``; the tensor itself is unchanged."""
        update = self._ns.at.update  # (one implementation: ``ep.at(t, indices).set``)
        return type(self)(update(self.raw, self._index(indices), self._operand(values), "set"))

    # ------------------------------------------------------------------- norms
    @property
    def norms(self) -> Norms[Self]:
        """Norms of this tensor: ``t.norms.l2(axis=-1)``, ``l0``, ``l1``, ``linf``, ``lp``."""
        return Norms(self)


class _AtIndexer(Generic[T]):
    __slots__ = ("_t",)

    def __init__(self, t: T) -> None:
        self._t = t

    def __getitem__(self, index: Any) -> At[T]:
        return at_of(self._t, index)

    def __call__(self, index: Any) -> At[T]:
        return at_of(self._t, index)


def at_of(t: T, index: Any) -> At[T]:
    """``ep.at(t, index)``: the updates of ``t`` at ``index`` (see ``eagerlite.xp._at``)."""
    tensor: Any = t
    update = tensor._ns.at.update
    return At(tensor.raw, tensor._index(index), update, wrap=type(t), unwrap=tensor._operand)
