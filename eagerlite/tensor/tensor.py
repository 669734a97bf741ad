"""The ``Tensor``: one class whose methods are written once, over the framework's namespace.

Every method is also an ``ep.`` function (``eagerlite.framework``, ``eagerlite.standard``)
and, where the standard has it, a function of both namespace faces; all of them call the
same namespace function, so they cannot disagree.  A framework's class
(``PyTorchTensor``, ...) only names its framework (and, for the type checker, its native
types); NumPy's also turns the scalars NumPy returns back into 0-d arrays.  By topic:
``_wrapper`` (``.raw``, binding, operands, indexing, basic members), ``_operators``,
``_elementwise``, ``_reductions`` (and searching, sorting, sets), ``_manipulation`` (and
indexing functions), ``_creation`` (and dtypes), ``_linalg``, ``_beyond`` (and losses,
updates, norms), ``_autodiff``; ``_face`` makes the namespace's Tensor face and
``_convert`` hands tensors between frameworks.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, Self, TypeVar, overload

from .._core import loading, registry
from ..xp import _names
from . import _operators
from ._autodiff import Differentiable
from ._beyond import Beyond
from ._convert import convert_raw
from ._creation import Creation
from ._elementwise import Elementwise
from ._face import face_of
from ._linalg import Linalg
from ._manipulation import Manipulation
from ._operators import Operators
from ._reductions import Reductions
from ._wrapper import CLASSES, Wrapper

if TYPE_CHECKING:
    from ..xp import ArrayNamespace
    from .jax import JAXTensor
    from .numpy import NumPyTensor
    from .pytorch import PyTorchTensor
    from .tensorflow import TensorFlowTensor

RawT = TypeVar("RawT")
Scalar = int | float


class Tensor(
    Wrapper,
    Operators,
    Elementwise,
    Reductions,
    Manipulation,
    Creation,
    Linalg,
    Beyond,
    Differentiable,
    Generic[RawT],
):
    """A native tensor of one framework, wrapped: ``.raw`` is the native tensor itself.

    All methods return a tensor of the same class; creation methods (``zeros``,
    ``uniform``, ...) use this tensor's framework, dtype (where it applies) and device.
    """

    __slots__ = ()
    raw: RawT

    if TYPE_CHECKING:
        framework: ClassVar[str]  # "numpy", "torch", "tensorflow" or "jax"
    else:

        @property
        @abstractmethod
        def framework(self) -> str:
            """The framework's name (each framework's class sets it: ``Tensor`` is abstract)."""

    @classmethod
    def _bind(cls, loaded: loading.Loaded) -> None:
        super()._bind(loaded)
        _operators.install(cls, loaded.namespace)  # (faster copies, for this framework)

    def __array_namespace__(self, /, *, api_version: str | None = None) -> ArrayNamespace[Self]:
        """The Array API namespace of this tensor's class: ``ep.array_namespace(self)``."""
        if api_version is not None and api_version not in _names.VERSIONS:
            raise ValueError(
                f"api_version must be one of {', '.join(_names.VERSIONS)} (or None), "
                f"got {api_version!r}"
            )
        face: Any = face_of(type(self))
        return face  # type: ignore[no-any-return]

    @overload
    def convert(self, to: Literal["torch", "pytorch"]) -> PyTorchTensor: ...
    @overload
    def convert(self, to: Literal["tensorflow", "tf"]) -> TensorFlowTensor: ...
    @overload
    def convert(self, to: Literal["jax"]) -> JAXTensor: ...
    @overload
    def convert(self, to: Literal["numpy"]) -> NumPyTensor: ...
    def convert(self, to: str) -> Tensor[Any]:
        """This tensor in framework ``to``, sharing memory where possible (see ``ep.convert``)."""
        target = registry.get(to).name
        if target == self.framework:
            return self
        raw = convert_raw(self.raw, self.framework, target)
        result: Tensor[Any] = CLASSES[target](raw)
        return result

    # Defined last: inside the class body, the name ``bool`` means this method from here on.
    def bool(self) -> Self:
        """The tensor converted to bool."""
        return type(self)(self._ns.astype(self.raw, self._dtypes["bool"], copy=False))


TensorType = TypeVar("TensorType", bound=Tensor[Any])
"""A type variable for "some concrete Tensor class" in user code and our functions."""

TensorOrScalar = Tensor[Any] | int | float
"""A Tensor or a Python number (EagerPy's name)."""


def istensor(x: Any) -> bool:
    """Whether ``x`` is an eagerlite Tensor."""
    return isinstance(x, Tensor)


__all__ = ["Tensor", "TensorOrScalar", "TensorType", "istensor"]
