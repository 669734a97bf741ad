"""``ep.convert``: the transfer matrix (framework pairs x dtypes x memory layouts) and the
special cases (read-only, gradients, meta, sharded, traced, x64, variables, errors).

Every case checks the values, shape and dtype of the result, its type, and whether its
memory is shared with the source, by comparing data pointers against the documented
sharing rule (:func:`expected_shared`).
"""

from __future__ import annotations

import re
from itertools import permutations
from typing import Any

import numpy as np
import pytest
from conftest import CLASS_NAMES

import eagerlite as ep

FRAMEWORKS = ("numpy", "torch", "tensorflow", "jax")
PAIRS = list(permutations(FRAMEWORKS, 2))
DTYPES = (
    "bool",
    "int8",
    "int32",
    "int64",
    "float16",
    "bfloat16",
    "float32",
    "float64",
    "complex64",
)
LAYOUTS = ("contiguous", "0-d", "sliced", "transposed", "step-2", "negative")
ALIGNMENT = 64  # what TensorFlow needs (and what JAX needs to share rather than copy)
MODULES = {"numpy": "numpy", "torch": "torch", "tensorflow": "tensorflow", "jax": "jax"}


def _require(framework: str) -> Any:
    return pytest.importorskip(MODULES[framework])


def _np_dtype(dtype: str) -> Any:
    if dtype == "bfloat16":
        ml_dtypes = pytest.importorskip("ml_dtypes")
        return np.dtype(ml_dtypes.bfloat16)
    return np.dtype(dtype)


def reference(dtype: str) -> np.ndarray[Any, Any]:
    """A (4, 6) NumPy array of small, exactly representable values of ``dtype``."""
    base = np.arange(24).reshape(4, 6) % 7 - 3
    if dtype == "bool":
        return base > 0
    if dtype == "complex64":
        return (base - 1j * base[:, ::-1]).astype(np.complex64)
    return base.astype(_np_dtype(dtype))


def numpy_layout(a: Any, layout: str) -> Any:
    """``layout`` applied to a NumPy array (or a torch tensor, except "negative") as a view."""
    if layout == "contiguous":
        return a
    if layout == "0-d":
        return a[1, 2, ...]  # a 0-d view, not a scalar
    if layout == "sliced":
        return a[1:]
    if layout == "transposed":
        return a.T
    if layout == "step-2":
        return a[:, ::2]
    assert layout == "negative"
    return a[::-1]


def torch_from_numpy(a: np.ndarray[Any, Any]) -> Any:
    """A torch tensor with its own (torch-allocated, aligned) copy of ``a``."""
    import torch

    if a.dtype.name == "bfloat16":
        return torch.from_numpy(np.ascontiguousarray(a).view(np.int16)).clone().view(torch.bfloat16)
    return torch.from_numpy(np.ascontiguousarray(a)).clone()


def source(framework: str, dtype: str, layout: str) -> Any:
    """The reference array of ``dtype`` in ``framework``, in memory layout ``layout``."""
    ref = reference(dtype)
    if framework == "numpy":
        return numpy_layout(ref, layout)
    if framework == "torch":
        full = torch_from_numpy(ref)
        if layout == "negative":
            return full.flip(0)  # torch has no negative strides; flip copies
        return numpy_layout(full, layout)
    # TensorFlow and JAX have no views: build the laid-out array directly.
    compact = np.array(numpy_layout(ref, layout), order="C")  # 0-d stays 0-d
    if framework == "tensorflow":
        import tensorflow as tf

        return tf.constant(compact)
    import jax.numpy as jnp

    return jnp.asarray(compact)


def pointer(x: Any) -> int:
    """The address of the first element of the native tensor ``x``."""
    if isinstance(x, np.ndarray):
        return int(x.__array_interface__["data"][0])
    import torch

    if isinstance(x, torch.Tensor):
        return int(x.data_ptr())
    import jax

    if isinstance(x, jax.Array):
        return int(x.unsafe_buffer_pointer())
    return int(torch.from_dlpack(x).data_ptr())  # TensorFlow has no public pointer


def to_numpy(x: Any) -> np.ndarray[Any, Any]:
    """A NumPy copy of the native tensor ``x``, as float64 / complex128 / bool."""
    import torch

    if isinstance(x, torch.Tensor):
        x = x.detach().cpu()
        if x.dtype == torch.bfloat16:
            x = x.float()
        x = x.resolve_conj().numpy()
    elif hasattr(x, "numpy") and not isinstance(x, np.ndarray):
        x = x.numpy()  # TensorFlow
    a = np.asarray(x)
    if a.dtype.kind == "c":
        return a.astype(np.complex128)
    if a.dtype.kind == "b":
        return a.copy()
    return a.astype(np.float64)


def dtype_name(x: Any) -> str:
    import torch

    if isinstance(x, torch.Tensor):
        return str(x.dtype).removeprefix("torch.")
    if isinstance(x, np.ndarray):
        return x.dtype.name
    return str(x.dtype.name)  # TensorFlow DType and JAX's NumPy dtype


def native_type(framework: str) -> type:
    if framework == "numpy":
        return np.ndarray
    if framework == "torch":
        import torch

        return torch.Tensor
    if framework == "jax":
        import jax

        return jax.Array
    import tensorflow as tf

    return tf.Tensor


def _contiguous(x: Any) -> bool:
    if isinstance(x, np.ndarray):
        return bool(x.flags.c_contiguous)
    return bool(x.is_contiguous())  # torch


def expected_shared(src: str, dst: str, x: Any) -> bool:
    """Whether ``ep.convert(x, dst)`` of the ``src`` tensor ``x`` shares its memory.

    This is the documented behaviour (eagerlite/bridges/_transfer.py), as measured.
    """
    bfloat16 = dtype_name(x) == "bfloat16"
    aligned = pointer(x) % ALIGNMENT == 0
    if src == "numpy":
        if dst == "torch":
            # torch.from_dlpack takes any strides but negative ones (it would abort):
            # those are copied.  bfloat16 travels as its int16 bits, shared as well.
            return all(s >= 0 for s in x.strides)
        # TensorFlow and JAX take compact row-major memory only.  TensorFlow needs
        # 64-byte alignment (it aborts on other memory, so eagerlite copies), JAX copies
        # unaligned buffers itself.  NumPy's bfloat16 (ml_dtypes) cannot travel through
        # DLPack to them and is always copied.
        return not bfloat16 and _contiguous(x) and aligned
    if src == "torch":
        if dst == "numpy":
            return True  # NumPy takes any strides; bfloat16 travels as int16 bits
        # TensorFlow and JAX: compact row-major only (torch makes it contiguous first);
        # unaligned memory is cloned by eagerlite (TensorFlow) or copied by JAX.
        return _contiguous(x) and aligned
    if src == "jax":
        return True  # JAX arrays are compact and aligned; bfloat16 -> NumPy shares too
    assert src == "tensorflow"
    # TensorFlow's bfloat16 reaches NumPy through .numpy(), a copy.
    return not (dst == "numpy" and bfloat16)


# ------------------------------------------------------------------- the matrix
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("src", "dst"), PAIRS, ids=[f"{s}->{d}" for s, d in PAIRS])
def test_matrix(src: str, dst: str, dtype: str, layout: str) -> None:
    _require(src)
    _require(dst)
    _require("torch")  # pointers of TensorFlow tensors are read through torch
    expected = np.array(numpy_layout(reference(dtype), layout), order="C")
    x = source(src, dtype, layout)
    shared = expected_shared(src, dst, x)
    before = pointer(x)

    y = ep.convert(x, dst)

    assert isinstance(y, native_type(dst)), type(y)
    assert tuple(y.shape) == expected.shape
    assert dtype_name(y) == dtype
    got = to_numpy(y)
    want = to_numpy(expected)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)
    assert (pointer(y) == before) == shared, ("shared" if shared else "copied") + " expected"
    np.testing.assert_array_equal(to_numpy(x), want)  # the source is untouched


def aligned_array(dtype: str, offset: int = 0) -> np.ndarray[Any, Any]:
    """The (4, 6) reference array in NumPy memory at 64-byte alignment plus ``offset``."""
    ref = reference(dtype)
    buffer = np.zeros(ref.nbytes + 2 * ALIGNMENT, np.uint8)
    start = -buffer.__array_interface__["data"][0] % ALIGNMENT + offset
    a = buffer[start : start + ref.nbytes].view(ref.dtype).reshape(ref.shape)
    a[...] = ref
    assert pointer(a) % ALIGNMENT == offset
    return a


@pytest.mark.parametrize("dtype", ["bool", "int8", "int64", "float32", "float64", "complex64"])
@pytest.mark.parametrize("dst", ["tensorflow", "jax"])
def test_aligned_numpy_is_shared(dst: str, dtype: str) -> None:
    _require(dst)
    _require("torch")
    a = aligned_array(dtype)
    y = ep.convert(a, dst)
    assert pointer(y) == pointer(a)
    np.testing.assert_array_equal(to_numpy(y), to_numpy(a))


@pytest.mark.parametrize("dst", ["tensorflow", "jax"])
def test_aligned_numpy_bfloat16_is_copied(dst: str) -> None:
    _require(dst)
    _require("torch")
    a = aligned_array("bfloat16")
    y = ep.convert(a, dst)
    assert dtype_name(y) == "bfloat16"
    assert pointer(y) != pointer(a)  # ml_dtypes' bfloat16 cannot travel through DLPack
    np.testing.assert_array_equal(to_numpy(y), to_numpy(a))


@pytest.mark.parametrize("dtype", ["int8", "int64", "float32", "float64", "complex64"])
@pytest.mark.parametrize("dst", ["tensorflow", "jax"])
def test_misaligned_numpy_is_copied(dst: str, dtype: str) -> None:
    _require(dst)
    _require("torch")
    a = aligned_array(dtype, offset=8)
    y = ep.convert(a, dst)
    assert pointer(y) != pointer(a)
    assert pointer(y) % ALIGNMENT == 0
    np.testing.assert_array_equal(to_numpy(y), to_numpy(a))
    # Computing on it must work (TensorFlow aborts the process on unaligned memory).
    if dst == "tensorflow":
        import tensorflow as tf

        total = tf.reduce_sum(y).numpy()
    else:
        import jax.numpy as jnp

        total = np.asarray(jnp.sum(y))
    assert total == reference(dtype).sum()


def test_misaligned_torch_is_cloned_for_tensorflow() -> None:
    torch = _require("torch")
    tf = _require("tensorflow")
    t = torch.arange(20, dtype=torch.float32)[2:]  # 8 bytes past torch's aligned start
    assert t.is_contiguous() and t.data_ptr() % ALIGNMENT == 8
    y = ep.convert(t, "tensorflow")
    assert pointer(y) != t.data_ptr()
    assert float(tf.reduce_sum(y)) == float(t.sum())


# ------------------------------------------------------------------- special cases
@pytest.mark.parametrize("dst", ["torch", "tensorflow", "jax"])
def test_read_only_numpy_is_copied(dst: str) -> None:
    _require(dst)
    _require("torch")
    a = aligned_array("float32")
    a.flags.writeable = False
    y = ep.convert(a, dst)
    assert pointer(y) != pointer(a)
    np.testing.assert_array_equal(to_numpy(y), a)
    if dst == "torch":
        y[0, 0] = 99.0  # writing into the copy must work and leave the array alone
        assert a[0, 0] == reference("float32")[0, 0]


@pytest.mark.parametrize("dst", ["numpy", "tensorflow", "jax"])
def test_requires_grad_is_detached(dst: str) -> None:
    torch = _require("torch")
    _require(dst)
    t = torch.arange(16, dtype=torch.float32).requires_grad_(True)
    y = ep.convert(t, dst)
    assert isinstance(y, native_type(dst))
    assert pointer(y) == t.data_ptr()  # detaching keeps the memory
    np.testing.assert_array_equal(to_numpy(y), np.arange(16))
    assert t.requires_grad and t.grad_fn is None and t.grad is None
    if dst == "numpy":
        y[0] = 5.0  # writable, shared memory, and no autograd involved
        assert t.detach()[0].item() == 5.0


@pytest.mark.parametrize("dst", ["numpy", "tensorflow", "jax"])
def test_meta_tensor_raises(dst: str) -> None:
    torch = _require("torch")
    _require(dst)
    t = torch.empty(3, 4, device="meta")
    with pytest.raises(ValueError, match="meta"):
        ep.convert(t, dst)


def test_negative_stride_numpy_to_torch_is_copied() -> None:
    torch = _require("torch")
    a = reference("float32")
    for view in (a[::-1], a[:, ::-1], a[::-2, 1::-1]):
        t = ep.convert(view, "torch")  # torch.from_dlpack alone aborts the process
        assert isinstance(t, torch.Tensor)
        assert pointer(t) != pointer(view)
        np.testing.assert_array_equal(t.numpy(), view)
        t[...] = 0  # a copy: the array is unchanged
        np.testing.assert_array_equal(a, reference("float32"))


def _sharded() -> Any:
    jax = _require("jax")
    from jax.sharding import Mesh, NamedSharding, PartitionSpec

    devices = jax.devices()
    if len(devices) < 2:
        pytest.skip("needs several JAX devices")
    mesh = Mesh(np.array(devices), ("x",))
    a = np.arange(len(devices) * 3, dtype=np.float32).reshape(len(devices), 3)
    x = jax.device_put(a, NamedSharding(mesh, PartitionSpec("x")))
    assert len(x.devices()) == len(devices)
    return x, a


def test_sharded_jax_to_numpy_is_gathered() -> None:
    x, a = _sharded()
    y = ep.convert(x, "numpy")
    assert isinstance(y, np.ndarray)
    np.testing.assert_array_equal(y, a)


@pytest.mark.parametrize("dst", ["torch", "tensorflow"])
def test_sharded_jax_to_dlpack_raises(dst: str) -> None:
    _require(dst)
    x, _ = _sharded()
    with pytest.raises(ValueError, match="sharded"):
        ep.convert(x, dst)


@pytest.mark.parametrize("dst", ["numpy", "torch", "tensorflow"])
def test_traced_jax_raises(dst: str) -> None:
    jax = _require("jax")
    _require(dst)
    with pytest.raises(ep.TracedValueError):
        jax.jit(lambda x: ep.convert(x, dst))(jax.numpy.ones(3))
    with pytest.raises(ep.TracedValueError):
        jax.jit(lambda x: ep.convert(ep.astensor(x), dst).raw)(jax.numpy.ones(3))


@pytest.mark.parametrize("autograph", [False, True])
@pytest.mark.parametrize("dst", ["numpy", "torch", "jax"])
def test_symbolic_tensorflow_raises(dst: str, autograph: bool) -> None:
    tf = _require("tensorflow")
    _require(dst)

    def f(x: Any) -> Any:
        ep.convert(x, dst)
        return x

    # autograph re-raises errors from converted code as its own StagingError (it only
    # keeps the exact built-in exception types), with our message inside.
    error = ep.TracedValueError if not autograph else Exception
    with pytest.raises(error, match=r"ep\.convert needs a concrete value.*tf\.function"):
        tf.function(f, autograph=autograph)(tf.ones(3))


@pytest.mark.parametrize("src", ["numpy", "torch", "tensorflow"])
def test_jax_without_x64_gets_32_bits(src: str) -> None:
    jax = _require("jax")
    _require(src)
    _require("torch")
    for wide, narrow in (("float64", "float32"), ("int64", "int32")):
        x = source(src, wide, "contiguous")
        with jax.enable_x64(False):
            y = ep.convert(x, "jax")
            assert isinstance(y, jax.Array)
            assert dtype_name(y) == narrow
            np.testing.assert_array_equal(to_numpy(y), to_numpy(reference(wide)))
        assert dtype_name(ep.convert(x, "jax")) == wide  # x64 is back on


@pytest.mark.parametrize("dst", ["numpy", "torch", "jax"])
def test_tensorflow_variable(dst: str) -> None:
    tf = _require("tensorflow")
    _require(dst)
    v = tf.Variable(reference("float32"))
    y = ep.convert(v, dst)
    assert isinstance(y, native_type(dst))
    np.testing.assert_array_equal(to_numpy(y), to_numpy(reference("float32")))
    t = ep.convert(ep.astensor(v), dst)
    assert type(t).__name__ == CLASS_NAMES[dst]
    np.testing.assert_array_equal(to_numpy(t.raw), to_numpy(reference("float32")))


@pytest.mark.parametrize(("src", "dst"), PAIRS, ids=[f"{s}->{d}" for s, d in PAIRS])
def test_tensor_in_tensor_out(src: str, dst: str) -> None:
    _require(src)
    _require(dst)
    _require("torch")
    t = ep.astensor(source(src, "float32", "contiguous"))
    for y in (ep.convert(t, dst), t.convert(dst)):
        assert isinstance(y, ep.Tensor)
        assert type(y).__name__ == CLASS_NAMES[dst]
        assert type(y) is getattr(ep, CLASS_NAMES[dst])
        assert isinstance(y.raw, native_type(dst))
        np.testing.assert_array_equal(y.numpy(), reference("float32"))


def test_method_form() -> None:
    jax = _require("jax")
    y = ep.astensor(reference("float64")).convert("jax")
    assert isinstance(y, ep.JAXTensor)
    assert isinstance(y.raw, jax.Array)
    np.testing.assert_array_equal(y.numpy(), reference("float64"))


@pytest.mark.parametrize(
    ("alias", "framework"), [("pytorch", "torch"), ("tf", "tensorflow"), ("torch", "torch")]
)
def test_aliases(alias: str, framework: str) -> None:
    _require(framework)
    y = ep.convert(reference("int32"), alias)
    assert isinstance(y, native_type(framework))
    np.testing.assert_array_equal(to_numpy(y), to_numpy(reference("int32")))


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_same_framework_is_unchanged(framework: str) -> None:
    _require(framework)
    x = source(framework, "float32", "transposed" if framework in ("numpy", "torch") else "0-d")
    assert ep.convert(x, framework) is x
    if framework == "torch":
        assert ep.convert(x, "pytorch") is x
    if framework == "tensorflow":
        assert ep.convert(x, "tf") is x
    t = ep.astensor(x)
    assert ep.convert(t, framework) is t
    assert t.convert(framework) is t


@pytest.mark.parametrize("name", ["mxnet", "TORCH", "", None])
def test_unknown_framework_raises(name: Any) -> None:
    with pytest.raises(ValueError, match=re.escape(f"unknown framework {name!r}")) as info:
        ep.convert(reference("float32"), name)
    for allowed in FRAMEWORKS:
        assert repr(allowed) in str(info.value)


@pytest.mark.parametrize("dst", ["torch", "tensorflow", "jax"])
@pytest.mark.parametrize(
    "array",
    [np.array([1, "a", None], dtype=object), np.array(["ab", "c"]), np.array([b"ab", b"c"])],
    ids=["object", "str", "bytes"],
)
def test_unsupported_numpy_dtype_raises(array: np.ndarray[Any, Any], dst: str) -> None:
    _require(dst)
    with pytest.raises(TypeError, match=str(array.dtype)):
        ep.convert(array, dst)


def _cuda() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


@pytest.mark.skipif(not _cuda(), reason="needs CUDA")
@pytest.mark.parametrize("dst", ["jax", "tensorflow", "numpy"])
def test_cuda_device_is_kept(dst: str) -> None:
    import torch

    _require(dst)
    t = torch.arange(24, dtype=torch.float32, device="cuda").reshape(4, 6)
    y = ep.convert(t, dst)
    assert isinstance(y, native_type(dst))
    np.testing.assert_array_equal(to_numpy(y), np.arange(24).reshape(4, 6))
    if dst == "jax":
        assert {d.platform for d in y.devices()} == {"gpu"}
        assert pointer(y) == t.data_ptr()
    elif dst == "tensorflow":
        assert "GPU" in y.device
        assert pointer(y) == t.data_ptr()
