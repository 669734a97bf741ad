"""Beyond the standard, as Tensor methods: ``t.logsumexp(axis=-1)``, ``t.at[i].add(v)``, ...

The functions library authors reach for next (``eagerlite.xp._beyond`` implements
them once per framework, for every face).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from ._part import Part

if TYPE_CHECKING:
    from ..xp._at import At

T = TypeVar("T")
Scalar = int | float
Axis = int | tuple[int, ...] | None


class Beyond(Part):
    """eagerlite's functions beyond the standard, as methods of ``Tensor``."""

    __slots__ = ()

    def logsumexp(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """``log(sum(exp(t)))`` over ``axis`` (all axes if None), without overflow."""
        return self._new("logsumexp", axis=axis, keepdims=keepdims)

    def sigmoid(self) -> Self:
        """Element-wise logistic function ``1 / (1 + exp(-x))``."""
        return self._new("sigmoid")

    def log_sigmoid(self) -> Self:
        """Element-wise ``log(sigmoid(x))``, accurate for large ``|x|``."""
        return self._new("log_sigmoid")

    def relu(self) -> Self:
        """Element-wise ``max(x, 0)`` (its gradient at 0 is 0)."""
        return self._new("relu")

    def softplus(self) -> Self:
        """Element-wise ``log(1 + exp(x))``, without overflow."""
        return self._new("softplus")

    def erf(self) -> Self:
        """Element-wise error function."""
        return self._new("erf")

    def einsum(self, subscripts: str, *others: Self) -> Self:
        """Einstein summation of this tensor (the first operand) and ``others``, promoted to
        one dtype: ``a.einsum("ij,jk->ik", b)``."""
        fn = self._xp().einsum
        return type(self)(fn(subscripts, self.raw, *map(self._operand, others)))

    def split(
        self, indices_or_sections: int | list[int] | tuple[int, ...], axis: int = 0
    ) -> list[Self]:
        """The tensor cut along ``axis`` into that many equal parts, or at those indices."""
        parts = self._xp().split(self.raw, indices_or_sections, axis=axis)
        return [type(self)(p) for p in parts]

    def swapaxes(self, axis1: int, axis2: int) -> Self:
        """Axes ``axis1`` and ``axis2`` swapped."""
        return self._new("swapaxes", axis1, axis2)

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
        return self._new("isclose", raw, rtol=rtol, atol=atol, equal_nan=equal_nan)

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
        return self._new("allclose", raw, rtol=rtol, atol=atol, equal_nan=equal_nan)

    def nan_to_num(
        self, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None
    ) -> Self:
        """NaN replaced by ``nan``, infinities by ``posinf``/``neginf`` (default: the largest
        finite values of the dtype)."""
        return self._new("nan_to_num", nan, posinf, neginf)

    def median(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """The median over ``axis`` (all axes if None); NaN where a NaN is among the values."""
        return self._new("median", axis=axis, keepdims=keepdims)

    def quantile(
        self, q: float | Self, axis: Axis = None, keepdims: bool = False, *, method: str = "linear"
    ) -> Self:
        """The ``q``-th quantiles (``q`` in [0, 1], a number or a 1-D tensor, whose axis comes
        first) over ``axis``; ``method``: linear, lower, higher, nearest or midpoint."""
        raw_q = self._operand(q)
        return self._new("quantile", raw_q, axis=axis, keepdims=keepdims, method=method)

    def outer(self, other: Self) -> Self:
        """The outer product of the two tensors, flattened: ``out[i, j] = self[i] * other[j]``."""
        return self._new("outer", self._operand(other))

    def one_hot(self, num_classes: int, *, dtype: Any = None, axis: int = -1) -> Self:
        """Integer class indices as one-hot vectors along a new ``axis`` (default float dtype;
        an index outside ``[0, num_classes)`` gives a vector of zeros)."""
        native = None if dtype is None else self._native_dtype(dtype)
        return self._new("one_hot", num_classes, dtype=native, axis=axis)

    @property
    def at(self) -> _AtIndexer[Self]:
        """Functional indexed updates: ``t.at[i].add(v)`` (or ``t.at(i)``) is ``ep.at(t, i)``."""
        return _AtIndexer(self)


class _AtIndexer(Generic[T]):
    __slots__ = ("_t",)

    def __init__(self, t: T) -> None:
        self._t = t

    def __getitem__(self, index: Any) -> At[T]:
        return at_of_tensor(self._t, index)

    def __call__(self, index: Any) -> At[T]:
        return at_of_tensor(self._t, index)


def at_of_tensor(t: T, index: Any) -> At[T]:
    """``ep.at(t, index)``: the updates of ``t`` at ``index`` (see ``eagerlite.xp._at``)."""
    from ..xp._at import At

    tensor: Any = t
    update = tensor._xp().at.update
    return At(tensor.raw, tensor._index(index), update, wrap=type(t), unwrap=tensor._operand)
