"""NumPy arguments in any memory reach TensorFlow safely: TF's kernels abort the process
(``Check failed: IsAligned()``) on memory that is not 64-byte aligned, and TF takes compact
row-major memory only, while NumPy allocates at 16 bytes and its views sit anywhere.

For every operation of the face test's table, hypothesis draws the arguments; the ones
after the first tensor (indices, masks, values, the other operand) are then handed over
as NumPy arrays in a drawn layout (at 8, 16 or 32 bytes past a 64-byte boundary,
strided, reversed, column-major), and on every face the outcome equals the outcome with
the same values in a fresh aligned array: the same values, dtype and shape, or the same
exception type.  The native face takes NumPy for its first argument too.  DLPack, the one
path TF takes host memory by without copying, is tested for every layout, dtype and
source beside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ml_dtypes
import numpy as np
import pytest
import test_faces as table
from _strategies import DTYPES, SETTINGS, count, np_dtype, readback
from conftest import INSTALLED
from hypothesis import given
from hypothesis import strategies as st

import eagerlite as ep

pytestmark = pytest.mark.skipif("tensorflow" not in INSTALLED, reason="TensorFlow only")

ALIGNMENT = 64
LAYOUTS = ["8 bytes on", "16 bytes on", "32 bytes on", "strided", "reversed", "column-major"]
Array = np.ndarray[Any, Any]


def address(a: Array) -> int:
    return int(a.__array_interface__["data"][0])


def laid_out(a: Array, layout: str) -> Array:
    """An array equal to ``a`` in the memory ``layout`` names (``aligned``: a fresh
    64-byte aligned, row-major copy)."""
    if layout == "aligned" or layout.endswith("bytes on"):
        offset = 0 if layout == "aligned" else int(layout.split()[0])
        buffer = np.zeros(a.nbytes + 2 * ALIGNMENT, np.uint8)
        start = -address(buffer) % ALIGNMENT + offset
        out = buffer[start : start + a.nbytes].view(a.dtype).reshape(a.shape)
        out[...] = a
        assert a.size == 0 or address(out) % ALIGNMENT == offset
        return out
    if layout == "strided":
        wide = np.zeros((*a.shape, 2), a.dtype)
        wide[..., 0] = a
        return wide[..., 0]
    if layout == "reversed":
        return np.flip(np.flip(a, range(a.ndim)).copy(), range(a.ndim)) if a.ndim else a.copy()
    assert layout == "column-major"
    return np.asfortranarray(a) if a.ndim else a.copy()  # (of a 0-d array: 1-d)


def _numpy(x: Any) -> Any:
    return np.array(readback(x)) if isinstance(x, ep.Tensor) else x


def calls(
    name: str, args: list[Any], kwargs: dict[str, Any], first: Array
) -> dict[str, Callable[[], Any]]:
    """Each face of ``name`` on ``args`` (a TF Tensor first, then anything): face -> call;
    the native face once more with ``first`` (NumPy) for the Tensor."""
    case = table.CASES[name]
    t = args[0]
    xp, xn = ep.array_namespace(t), ep.array_namespace(t.raw)
    natives = [a.raw if isinstance(a, ep.Tensor) else a for a in args]
    standard = case.standard or name
    where_t, where_n, fn = xp, xn, standard
    if standard.startswith("linalg."):
        where_t, where_n, fn = xp.linalg, xn.linalg, standard[7:]
    pre = ["ij,jk->ik"] if "einsum" in case.tags else []
    many = bool({"sequence", "several", "meshgrid", "einsum"} & set(case.tags))

    def call(f: Callable[..., Any], values: list[Any]) -> Callable[[], Any]:
        if "sequence" in case.tags:
            return lambda: f(values, **kwargs)
        return lambda: f(*pre, *values, **kwargs)

    found: dict[str, Callable[[], Any]] = {}
    if case.method and not many and hasattr(t, name):
        found["method"] = lambda: getattr(t, name)(*args[1:], **kwargs)
    if case.function and name in ep.__all__:
        found["function"] = call(getattr(ep, name), args)
    if case.namespace and hasattr(where_t, fn):
        found["tensor face"] = call(getattr(where_t, fn), args)
        found["native face"] = call(getattr(where_n, fn), natives)
        found["native face, NumPy first"] = call(getattr(where_n, fn), [first, *natives[1:]])
    if case.operator is not None and not kwargs and len(args) == 2:
        found["operator"] = lambda: case.operator(t, args[1])
    return found


def outcome(call: Callable[[], Any]) -> Any:
    try:
        return table._arrays(call())
    except Exception as error:  # (compared: the same type in either memory)
        return error


def same_outcome(a: Any, b: Any, what: str) -> None:
    if isinstance(a, Exception) or isinstance(b, Exception):
        assert type(a) is type(b), (what, a, b)
        return
    assert len(a) == len(b), what
    for x, y in zip(a, b, strict=True):
        table._same(x, y, what)


@pytest.mark.parametrize("name", sorted(table.CASES))
def test_numpy_arguments_in_any_memory(name: str) -> None:
    _numpy_arguments_in_any_memory(name)


@given(data=st.data())
@SETTINGS
def _numpy_arguments_in_any_memory(name: str, data: Any) -> None:
    case = table.CASES[name]
    args, kwargs = case.draw(data, "tensorflow")
    args = table._adjust(name, case, args, "tensorflow")
    kwargs.pop("reflected", None)
    if not isinstance(args[0], ep.Tensor):
        args = args[::-1]  # (a Python scalar first: the tensor first here)
    layout = data.draw(st.sampled_from(LAYOUTS), label="layout")
    moved = [args[0], *(laid_out(_numpy(a), layout) if _is_array(a) else a for a in args[1:])]
    fresh = [args[0], *(laid_out(_numpy(a), "aligned") if _is_array(a) else a for a in args[1:])]
    count("tensorflow")
    got = calls(name, moved, kwargs, laid_out(_numpy(args[0]), layout))
    expected = calls(name, fresh, kwargs, laid_out(_numpy(args[0]), "aligned"))
    assert got, name
    for face in got:
        same_outcome(outcome(got[face]), outcome(expected[face]), f"{name} {face} ({layout})")


def _is_array(x: Any) -> bool:
    return isinstance(x, (ep.Tensor, np.ndarray))


# ------------------------------------------------------------------ DLPack
SOURCES = ["numpy", "torch"]


def _source(a: Array, layout: str, source: str) -> Any:
    if source == "numpy":
        return laid_out(a, layout)
    import torch

    if a.dtype == ml_dtypes.bfloat16:
        base = torch.from_numpy(a.astype(np.float32)).to(torch.bfloat16)
    else:
        base = torch.from_numpy(a.copy())
    flat = base.reshape(-1)
    if layout.endswith("bytes on"):  # a view at an offset into a larger storage
        step = int(layout.split()[0]) // max(base.element_size(), 1)
        if int(layout.split()[0]) % base.element_size():
            return base  # (an offset inside one element is not a view torch can make)
        storage = torch.zeros(flat.numel() + 64, dtype=base.dtype)
        storage[step : step + flat.numel()] = flat
        return storage[step : step + flat.numel()].reshape(base.shape)
    if layout == "strided":
        wide = torch.zeros((*base.shape, 2), dtype=base.dtype)
        wide[..., 0] = base
        return wide[..., 0]
    if layout == "column-major":
        return base.t().contiguous().t() if base.ndim == 2 else base
    return base  # (torch has no negative strides)


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", DTYPES)
def test_from_dlpack_in_any_memory(source: str, layout: str, dtype: str) -> None:
    if source not in INSTALLED:
        pytest.skip(f"{source} is not installed")
    reference = (np.arange(24) % 7 - 3).reshape(4, 6).astype(np_dtype(dtype))
    x = _source(reference, layout, source)
    t = ep.astensor(ep.convert(ep.astensor(np.zeros(1)), "tensorflow"))
    xn = ep.array_namespace(t.raw)
    if dtype == "bfloat16" and source == "numpy":
        with pytest.raises((BufferError, TypeError, ValueError)):  # (NumPy exports no bfloat16)
            xn.from_dlpack(x)
        return
    for copy in (None, True, False):
        try:
            got = xn.from_dlpack(x, copy=copy)
        except BufferError as error:
            assert copy is False, error
            assert "64-byte aligned" in str(error)
            continue
        values = np.asarray(got.numpy())
        assert values.dtype == reference.dtype
        np.testing.assert_array_equal(values, reference)
        flipped = ep.astensor(got).flip(axis=0)  # (an Eigen kernel reads it: no abort)
        np.testing.assert_array_equal(readback(flipped), reference[::-1])
    shared = ep.from_dlpack(t, x)  # the ep. function
    assert isinstance(shared, ep.Tensor) and shared.shape == reference.shape
    np.testing.assert_array_equal(readback(shared.flip(axis=1)), reference[:, ::-1])
