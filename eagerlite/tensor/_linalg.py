"""Linear algebra as Tensor methods: ``@``'s function with the standard's 1-D operands
(vector-matrix, matrix-vector, vector-vector, as NumPy), ``tensordot``, ``vecdot``,
``einsum``, and EagerPy's ``inv`` and ``slogdet``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

from ._part import Part


class Linalg(Part):
    """The linear algebra functions of ``Tensor``."""

    __slots__ = ()

    def matmul(self, other: Self) -> Self:
        """Matrix product (``@``): batched over leading axes; a 1-D operand is a vector
        (a row on the left, a column on the right), as in NumPy and the standard."""
        return type(self)(self._ns.matmul(self.raw, self._operand(other)))

    def matrix_transpose(self) -> Self:
        """The last two axes swapped (``mT``)."""
        return type(self)(self._ns.matrix_transpose(self.raw))

    @property
    def mT(self) -> Self:  # noqa: N802 (the standard's name)
        """The matrix transpose: the last two axes swapped (at least 2 dimensions)."""
        return self.matrix_transpose()

    def tensordot(self, other: Self, axes: int | tuple[Sequence[int], Sequence[int]] = 2) -> Self:
        """Sum of products over the last ``axes`` axes of ``self`` and the first of ``other``
        (or over the two given sequences of axes)."""
        return type(self)(self._ns.tensordot(self.raw, self._operand(other), axes=axes))

    def vecdot(self, other: Self, axis: int = -1) -> Self:
        """Dot products of vectors along ``axis`` (conjugating ``self``), broadcasting."""
        return type(self)(self._ns.vecdot(self.raw, self._operand(other), axis=axis))

    def einsum(self, subscripts: str, *others: Self) -> Self:
        """Einstein summation of this tensor (the first operand) and ``others``, promoted to
        one dtype: ``a.einsum("ij,jk->ik", b)``."""
        return type(self)(self._ns.einsum(subscripts, self.raw, *self._unwrap_all(others)))

    def outer(self, other: Self) -> Self:
        """The outer product of the two tensors, flattened: ``out[i, j] = self[i] * other[j]``."""
        return type(self)(self._ns.outer(self.raw, self._operand(other)))

    def inv(self) -> Self:
        """Inverse of (a batch of) square matrices."""
        return type(self)(self._ns.linalg.inv(self.raw))

    def slogdet(self) -> tuple[Self, Self]:
        """Sign and natural log of the absolute determinant of (a batch of) square matrices."""
        sign, logabsdet = self._ns.linalg.slogdet(self.raw)
        return type(self)(sign), type(self)(logabsdet)
