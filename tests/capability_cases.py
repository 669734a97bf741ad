"""The rows of the capability matrix (docs/capabilities.md): one per public function,
method and operator, each a call written once with eagerlite.

``tests/test_capabilities.py`` runs every row on every framework in every mode that
applies to it, and ``tests/capability_matrix.py`` writes the page from those results.
A row's call takes two tensors of one framework, ``t`` and ``u`` (drawn by its
``inputs`` kind), and returns a Tensor or a sequence of Tensors.  Both faces are run
where both exist: the method ``t.name(*args, **kwargs)`` and the function
``ep.name(t, *args, **kwargs)``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

import eagerlite as ep

MODES = ("eager", "compiled", "gradient", "vmap", "device", "sharded")
FRAMEWORKS = ("numpy", "torch", "tensorflow", "jax")
# the modes each framework has (the others are "not applicable")
APPLICABLE = {
    "numpy": ("eager", "vmap"),
    "torch": ("eager", "compiled", "gradient", "vmap", "device"),
    "tensorflow": ("eager", "compiled", "gradient", "vmap", "device"),
    "jax": ("eager", "compiled", "gradient", "vmap", "device", "sharded"),
}

Call = Callable[[Any, Any], Any]


@dataclass(frozen=True)
class Row:
    """One row: ``call(t, u)`` on inputs of kind ``inputs``.

    ``grad``: the call is differentiable in ``t`` (its float outputs summed);
    ``values``: its values are compared (False for uninitialised or random results, whose
    shape and dtype are compared); ``concrete``: it needs concrete values (a Python
    number, a data-dependent shape), so the compiled and sharded modes do not apply;
    ``unordered``: the values are compared sorted (the standard leaves their order open);
    ``expected``: the NumPy arrays expected, ``(t, u) -> [arrays]``, where the NumPy
    backend cannot give them; ``numpy``: the row applies to NumPy (not the autodiff rows);
    ``na``: modes that do not apply to the row (expected failures: ``EXPECTED_FAILURES``).
    """

    name: str
    call: Call
    inputs: str = "float"
    grad: bool = False
    values: bool = True
    concrete: bool = False
    unordered: bool = False
    expected: Callable[[Any, Any], list[Any]] | None = None
    numpy: bool = True
    na: tuple[str, ...] = ()
    faces: str = ""  # "method", "function", "both", "operator" (filled in below)


def _faces(name: str, *args: Any, **kwargs: Any) -> Call:
    """The method and, where it exists, the ``ep.`` function of ``name``, on ``t``;
    arguments given as ``"u"`` are the second tensor."""
    has_method, has_function = _has_faces(name)

    def call(t: Any, u: Any) -> Any:
        a = tuple(u if _is_u(x) else x for x in args)
        kw = {k: (u if _is_u(v) else v) for k, v in kwargs.items()}
        results = []
        if has_method:
            results.append(getattr(t, name)(*a, **kw))
        if has_function:
            results.append(getattr(ep, name)(t, *a, **kw))
        return _agree(results)

    return call


def _has_faces(name: str) -> tuple[bool, bool]:
    """(a Tensor method, an ``ep.`` function) of that name (``ep.float32`` is a dtype)."""
    return hasattr(ep.Tensor, name), inspect.isfunction(getattr(ep, name, None))


def _is_u(x: Any) -> bool:
    return isinstance(x, str) and x == "u"


def _agree(results: list[Any]) -> Any:
    """The first face's result, after checking the other face gives the same."""
    first, *others = results
    for other in others:
        assert _flat_repr(other) == _flat_repr(first), (other, first)
    return first


def _flat_repr(result: Any) -> list[tuple[tuple[int, ...], str, str]]:
    items = result if isinstance(result, (tuple, list)) else [result]
    return [(tuple(r.shape), str(r.dtype), _device(r)) for r in items]


def _device(t: Any) -> str:
    try:
        return str(t.device)
    except ep.TracedValueError:  # (inside jax.jit)
        return "traced"


ROWS: list[Row] = []


def row(name: str, call: Call | None = None, *, args: tuple[Any, ...] = (), **options: Any) -> None:
    kwargs = options.pop("kwargs", {})
    if call is None:
        call = _faces(name, *args, **kwargs)
        method, function = _has_faces(name)
        faces = "both" if method and function else "method" if method else "function"
    else:
        faces = options.pop("faces", "function")
    ROWS.append(Row(name, call, faces=faces, **options))


_DATA_DEPENDENT = "a data-dependent output shape"

# ----------------------------------------------------------------- elementwise, one input
for _name in (
    "abs acos arccos arcsin arctan asin asinh arcsinh atan atanh arctanh ceil conj cos cosh "
    "erf exp expm1 floor log log1p log2 log10 log_sigmoid negative positive reciprocal "
    "relu round sigmoid sign sin sinh softplus sqrt square tan tanh trunc real nan_to_num "
    "float32 float64 stop_gradient"
).split():
    row(_name, grad=_name not in ("ceil", "floor", "round", "sign", "trunc", "stop_gradient"))
for _name in ("acosh", "arccosh"):
    row(_name, inputs="above_one", grad=True)
row("imag", inputs="complex")
for _name in "isfinite isinf isnan signbit bool".split():
    row(_name)
row("logical_not", inputs="bool")
row("bitwise_invert", inputs="int")

# ---------------------------------------------------------------- elementwise, two inputs
for _name in (
    "add subtract multiply divide remainder pow atan2 copysign hypot logaddexp maximum minimum"
).split():
    row(_name, args=("u",), grad=True)
for _name in (
    "floor_divide nextafter equal not_equal greater greater_equal less less_equal"
).split():
    row(_name, args=("u",))
for _name in ("isclose", "allclose"):
    row(_name, args=("u",))
for _name in ("logical_and", "logical_or", "logical_xor"):
    row(_name, args=("u",), inputs="bool")
for _name in ("bitwise_and bitwise_or bitwise_xor bitwise_left_shift bitwise_right_shift").split():
    row(_name, args=("u",), inputs="int")
row("clip", args=(0.3, 0.7), grad=True)
row(
    "where",
    lambda t, u: _agree([(t > 0.5).where(t, u), ep.where(t > 0.5, t, u)]),
    faces="both",
    grad=True,
)

# --------------------------------------------------------------------------- reductions
for _name in "max min mean prod sum logsumexp".split():
    row(_name, kwargs={"axis": 0}, grad=True)
for _name in ("std", "var"):
    row(_name, kwargs={"axis": 0, "correction": 1.0}, grad=True)
row("median", kwargs={"axis": 1}, grad=True)
row("quantile", args=(0.3,), kwargs={"axis": 0}, grad=True)
for _name in ("all", "any"):
    row(_name, kwargs={"axis": 1}, inputs="bool")
for _name in ("argmax", "argmin"):
    row(_name, kwargs={"axis": 1})
row("count_nonzero", kwargs={"axis": 1}, inputs="int")
for _name in ("cumsum", "cumulative_sum", "cumulative_prod"):
    row(_name, kwargs={"axis": 1}, grad=True)
row("diff", kwargs={"axis": 1}, grad=True)

# -------------------------------------------------------------- sorting, searching, sets
row("sort", kwargs={"axis": 1}, grad=True)
row("argsort", kwargs={"axis": 1})
row("topk", args=(2,), grad=True)
row("searchsorted", args=("u",), inputs="sorted")
row("isin", args=("u",), inputs="int")
row("nonzero", inputs="int", concrete=True)
for _name in ("unique_values", "unique_counts", "unique_inverse", "unique_all"):
    row(_name, inputs="int", concrete=True, unordered=True)

# ----------------------------------------------------------------------- shapes, indexing
row("broadcast_to", args=((2, 4, 6),), grad=True)
row("expand_dims", kwargs={"axis": 0}, grad=True)
row("flatten", grad=True)
row("flip", kwargs={"axis": 0}, grad=True)
row("matrix_transpose", grad=True)
row("moveaxis", args=(0, 1), grad=True)
row("pad", args=(((1, 1), (0, 2)),), grad=True)
row("permute_dims", args=((1, 0),), grad=True)
row("repeat", args=(2,), kwargs={"axis": 0}, grad=True)
row("reshape", args=((6, 4),), grad=True)
row("roll", args=(1,), kwargs={"axis": 1}, grad=True)
row("split", args=(2,), kwargs={"axis": 0}, grad=True)
row(
    "squeeze",
    lambda t, u: _agree([t.reshape((1, 4, 6)).squeeze(0), ep.squeeze(t.reshape((1, 4, 6)), 0)]),
    faces="both",
    grad=True,
)
row("swapaxes", args=(0, 1), grad=True)
row(
    "take",
    lambda t, u: _agree(
        [t.take(ep.arange(t, 0, 6, 2), axis=1), ep.take(t, ep.arange(t, 0, 6, 2), axis=1)]
    ),
    faces="both",
    grad=True,
)
row(
    "take_along_axis",
    lambda t, u: _agree(
        [t.take_along_axis(u.argsort(), axis=1), ep.take_along_axis(t, u.argsort(), axis=1)]
    ),
    faces="both",
    grad=True,
)
row("tile", args=((2, 1),), grad=True)
row("transpose", grad=True)
row("tril", grad=True)
row("triu", grad=True)
row("unstack", kwargs={"axis": 0}, grad=True)
row("T", lambda t, u: t.T, faces="method", grad=True)
row("mT", lambda t, u: t.mT, faces="method", grad=True)
row("index_update", args=(ep.index[:, 0], 0.0), grad=True)
row(
    "at",
    lambda t, u: _agree([t.at[:, 1].add(u[:, 0]), ep.at(t, (slice(None), 1)).add(u[:, 0])]),
    faces="both",
    grad=True,
)
for _label, _call in {
    "concatenate": lambda t, u: ep.concatenate([t, u], axis=1),
    "concat": lambda t, u: ep.concat([t, u], axis=1),
    "stack": lambda t, u: ep.stack([t, u], axis=1),
    "broadcast_arrays": lambda t, u: ep.broadcast_arrays(t, u[:1]),
    "meshgrid": lambda t, u: _agree([t[0].meshgrid(u[1]), ep.meshgrid(t[0], u[1])]),
}.items():
    row(_label, _call, faces="both" if _label == "meshgrid" else "function", grad=True)
row("broadcast_shapes", lambda t, u: t.reshape(ep.broadcast_shapes(t.shape, (1, 6))), grad=True)

# ------------------------------------------------------------------------ linear algebra
row("matmul", args=("u",), inputs="square", grad=True)
row("inv", inputs="square", grad=True)
row("slogdet", inputs="square", grad=True)
row("outer", args=("u",), inputs="vector", grad=True)
row("vecdot", args=("u",), grad=True)
row("tensordot", args=("u",), kwargs={"axes": ([1], [1])}, grad=True)
row(
    "einsum",
    lambda t, u: _agree([t.einsum("ij,kj->ik", u), ep.einsum("ij,kj->ik", t, u)]),
    faces="both",
    grad=True,
)

# ----------------------------------------------------------------- softmax, losses, norms
row("softmax", grad=True)
row("log_softmax", grad=True)
row("crossentropy", args=("u",), inputs="labels", grad=True)
row("kl_div_with_logits", lambda t, u: ep.kl_div_with_logits(t, u), grad=True)
row("one_hot", args=(6,), inputs="labels_only")
row("onehot_like", args=("u",), inputs="labels")
for _norm in ("l0", "l1", "l2", "linf"):
    row(
        f"norms.{_norm}",
        (lambda n: lambda t, u: _agree([getattr(t.norms, n)(axis=1), getattr(ep.norms, n)(t, 1)]))(
            _norm
        ),
        faces="both",
        grad=_norm != "l0",
    )
row(
    "norms.lp",
    lambda t, u: _agree([t.norms.lp(3, axis=1), ep.norms.lp(t, 3, axis=1)]),
    faces="both",
    grad=True,
)

# ------------------------------------------------------------------------------ creation
row("arange", args=(5,))
row("eye", args=(3,))
row("linspace", args=(0.0, 1.0, 5))
row("full", args=((2, 3), 1.5))
row("full_like", args=(1.5,))
for _name in ("zeros", "ones"):
    row(_name, args=((2, 3),))
for _name in ("zeros_like", "ones_like"):
    row(_name)
row("empty", args=((2, 3),), values=False)
row("empty_like", values=False)
row("asarray", args=([1.0, 2.0],))
row("from_numpy", args=(np.arange(3.0),))
row("uniform", args=((2, 3),), kwargs={"key": 3}, values=False)
row("normal", args=((2, 3),), kwargs={"key": 4}, values=False)

# ------------------------------------------------------------- dtypes, shapes, properties
row("astype", args=(ep.float32,), grad=True)
row("dtype", lambda t, u: t.astype(t.dtype), faces="method", grad=True)
row("shape", lambda t, u: t.reshape(t.shape), faces="method", grad=True)
row("ndim", lambda t, u: t * t.ndim, faces="method", grad=True)
row("size", lambda t, u: t * t.size, faces="method", grad=True)
row("framework", lambda t, u: ep.convert(t, t.framework), faces="method", grad=True)
row("finfo", lambda t, u: t + ep.finfo(t.dtype).eps, grad=True)
row("iinfo", lambda t, u: t + ep.iinfo(t.dtype).max // 2**40, inputs="int")
row("can_cast", lambda t, u: t * float(ep.can_cast(ep.float32, t.dtype)), grad=True)
row("isdtype", lambda t, u: t * float(ep.isdtype(t.dtype, "real floating")), grad=True)
row("result_type", lambda t, u: t.astype(ep.result_type(t, u)), grad=True)

# -------------------------------------------------------------- conversion and devices
row("astensor", lambda t, u: ep.astensor(t.raw) * 2, grad=True)
row("astensors", lambda t, u: ep.astensors(t.raw, u.raw)[0] * 2, grad=True)
row("astensor_", lambda t, u: ep.astensor_(t.raw)[0] * 2, grad=True)
row("astensors_", lambda t, u: ep.astensors_(t.raw, u.raw)[0][1] * 2, grad=True)
row("istensor", lambda t, u: t * float(ep.istensor(t) and not ep.istensor(t.raw)), grad=True)
row("raw", lambda t, u: ep.astensor(t.raw), faces="method", grad=True)
row(
    "item",
    lambda t, u: _agree([t * t[0, 0].item(), t * ep.item(t[0, 0])]),
    faces="both",
    concrete=True,
)
row("numpy", lambda t, u: t.from_numpy(t.numpy()), faces="method", concrete=True)
row("device", lambda t, u: t.to_device(t.device), faces="method", grad=True)
row("device_of", lambda t, u: ep.to_device(t, ep.device_of(t)), grad=True)
row(
    "to_device",
    lambda t, u: _agree([t.to_device(u.device), ep.to_device(t, u.device)]),
    faces="both",
    grad=True,
)
row(
    "convert",
    lambda t, u: _agree([t.convert("numpy").convert(t.framework), t.convert(t.framework)]),
    faces="method",
    concrete=True,
)
row("from_dlpack", lambda t, u: ep.from_dlpack(t, np.arange(3.0)), na=("compiled", "sharded"))
_doubled = ep.bridge("torch")(lambda a: a * 2.0)  # a torch function, called from any framework
row("bridge", lambda t, u: ep.astensor(_doubled(t.raw)), grad=True)
row("array_namespace", lambda t, u: ep.array_namespace(t).multiply(t, u), grad=True)

# ------------------------------------------------------------------- autodiff, random
_GRAD_OF_DOT = {"expected": lambda t, u: [u], "numpy": False}  # d/dt sum(t * u) = u
row("value_and_grad", lambda t, u: ep.value_and_grad(lambda x: (x * u).sum(), t)[1], **_GRAD_OF_DOT)
row(
    "value_and_grad_fn",
    lambda t, u: ep.value_and_grad_fn(t, lambda x: (x * u).sum())(t)[1],
    **_GRAD_OF_DOT,
)
row(
    "value_aux_and_grad",
    lambda t, u: ep.value_aux_and_grad(lambda x: ((x * u).sum(), x), t)[2],
    **_GRAD_OF_DOT,
)
# the transformations (ep.grad, ep.vjp, ... : functions only)
row("grad", lambda t, u: ep.grad(lambda x: (x * u).sum())(t), **_GRAD_OF_DOT)
row("vjp", lambda t, u: ep.vjp(lambda x: x * u, t)[1](t.ones_like())[0], **_GRAD_OF_DOT)
row("jvp", lambda t, u: ep.jvp(lambda x: x * u, (t,), (t.ones_like(),))[1], **_GRAD_OF_DOT)
for _name in ("jacrev", "jacfwd", "jacobian"):
    row(_name, lambda t, u, n=_name: getattr(ep, n)(lambda x: (x * u).sum())(t), **_GRAD_OF_DOT)
row("vmap", lambda t, u: ep.vmap(lambda a, b: a * b + 1.0)(t, u), grad=True)
# control flow: one graph under each compiler (torch.cond, tf.cond, jax.lax.cond, ...)
row(
    "cond",
    lambda t, u: ep.cond(t.sum() > 0, lambda a, b: a * b, lambda a, b: a - b, t, u),
    grad=True,
)
row(
    "switch",
    lambda t, u: ep.switch((t.sum() > 0).astype(ep.int32), [lambda a: a - 1.0, lambda a: a * u], t),
    grad=True,
)
row(
    "while_loop",
    lambda t, u: ep.while_loop(lambda a: a.abs().max() < 100.0, lambda a: a * 2.0 + 1.0, t),
)
row("fori_loop", lambda t, u: ep.fori_loop(0, 3, lambda i, a: a * u + 1.0, t), grad=True)
row("scan", lambda t, u: ep.scan(lambda c, x: (c + x, c * x), t[0], t)[1], grad=True)
row("map", lambda t, u: ep.map(lambda x: x * x + 1.0, t), grad=True)
_twice = ep.custom_vjp(lambda a: a * 2.0)  # (its rule: the true derivative, for the check)
_twice.defvjp(lambda a: (a * 2.0, None), lambda res, g: (g * 2.0,))
row("custom_vjp", lambda t, u: _twice(t) * u, grad=True)
_jitted = ep.jit(lambda a, b: a * b + 1.0)  # (one cache for every mode's calls)
row("jit", lambda t, u: _jitted(t, u), grad=True)
row("tree_map", lambda t, u: ep.tree_map(lambda a, b: a * b, {"t": t}, {"t": u})["t"], grad=True)
row("tree_leaves", lambda t, u: ep.tree_leaves({"t": t, "rest": [u, None]}), grad=True)
row("tree_flatten", lambda t, u: ep.tree_flatten((t, {"u": u}))[0], grad=True)
row("tree_unflatten", lambda t, u: ep.tree_unflatten(ep.tree_structure([t, u]), [u, t]), grad=True)
row(
    "tree_structure", lambda t, u: ep.tree_unflatten(ep.tree_structure((t,)), [t * u])[0], grad=True
)
row(
    "hessian",
    lambda t, u: ep.hessian(lambda x: (x * x * u).sum() / 2)(t),
    expected=lambda t, u: [np.diagflat(u).reshape(t.shape + t.shape)],
    numpy=False,
)
row("seed", lambda t, u: (ep.seed(0), t.uniform((2, 3)))[1], values=False, na=("compiled",))

# ------------------------------------------------------------------------------- ep.nn
_nn = ep.nn
for _name, _call in {
    "linear": lambda t, u: _nn.linear(t, u[:3], u[3, :3]),
    "conv1d": lambda t, u: _nn.conv1d(t.reshape((1, 4, 6)), u.reshape((2, 4, 3)), padding=1),
    "conv2d": lambda t, u: _nn.conv2d(
        t.reshape((1, 1, 4, 6)), u[:2, :2].reshape((1, 1, 2, 2)), padding="same"
    ),
    "conv3d": lambda t, u: _nn.conv3d(
        t.reshape((1, 2, 3, 4, 1)), u[:1, :4].reshape((1, 1, 1, 2, 2)), data_format="channels_last"
    ),
    "conv_transpose1d": lambda t, u: _nn.conv_transpose1d(
        t.reshape((1, 4, 6)), u.reshape((4, 2, 3)), stride=2
    ),
    "conv_transpose2d": lambda t, u: _nn.conv_transpose2d(
        t.reshape((1, 2, 3, 4)), u.reshape((2, 3, 2, 2)), padding=1
    ),
    "conv_transpose3d": lambda t, u: _nn.conv_transpose3d(
        t.reshape((1, 1, 2, 3, 4)), u[:2, :4].reshape((1, 1, 2, 2, 2))
    ),
    "max_pool1d": lambda t, u: _nn.max_pool1d(t.reshape((1, 4, 6)), 3, 2, 1),
    "max_pool2d": lambda t, u: _nn.max_pool2d(t.reshape((1, 1, 4, 6)), 2, ceil_mode=True),
    "max_pool3d": lambda t, u: _nn.max_pool3d(t.reshape((1, 1, 2, 3, 4)), (1, 2, 2)),
    "avg_pool1d": lambda t, u: _nn.avg_pool1d(t.reshape((1, 4, 6)), 3, 2, 1),
    "avg_pool2d": lambda t, u: _nn.avg_pool2d(
        t.reshape((1, 1, 4, 6)), 3, 2, 1, count_include_pad=False
    ),
    "avg_pool3d": lambda t, u: _nn.avg_pool3d(t.reshape((1, 1, 2, 3, 4)), 2, ceil_mode=True),
    "adaptive_avg_pool1d": lambda t, u: _nn.adaptive_avg_pool1d(t.reshape((1, 4, 6)), 4),
    "adaptive_avg_pool2d": lambda t, u: _nn.adaptive_avg_pool2d(t.reshape((1, 1, 4, 6)), (3, 4)),
    "adaptive_avg_pool3d": lambda t, u: _nn.adaptive_avg_pool3d(
        t.reshape((1, 1, 2, 3, 4)), (1, 2, 3)
    ),
    "interpolate": lambda t, u: _nn.interpolate(
        t.reshape((1, 1, 4, 6)), size=(5, 7), mode="bilinear"
    ),
    # (its output: no gradient flows into the running statistics, as torch's)
    "batch_norm": lambda t, u: (
        _nn.batch_norm(t.reshape((2, 2, 6)), u[0, :2], u[1, :2] + 1.0, training=True).output
    ),
    "layer_norm": lambda t, u: _nn.layer_norm(t, 6, u[0], u[1]),
    "group_norm": lambda t, u: _nn.group_norm(t.reshape((1, 4, 6)), 2, u[0, :4], u[1, :4]),
    "rms_norm": lambda t, u: _nn.rms_norm(t, 6, u[0]),
    "embedding": lambda t, u: _nn.embedding(t.arange(3), t),
    "scaled_dot_product_attention": lambda t, u: _nn.scaled_dot_product_attention(
        t.reshape((1, 4, 6)), u.reshape((1, 4, 6)), t.reshape((1, 4, 6)), is_causal=True
    ),
    "cross_entropy": lambda t, u: _nn.cross_entropy(t, u, label_smoothing=0.1),
    "nll_loss": lambda t, u: _nn.nll_loss(t.log_softmax(), u, reduction="sum"),
    "binary_cross_entropy_with_logits": lambda t, u: _nn.binary_cross_entropy_with_logits(
        t, u.sigmoid()
    ),
    "mse_loss": lambda t, u: _nn.mse_loss(t, u),
    "l1_loss": lambda t, u: _nn.l1_loss(t, u, reduction="none"),
    "huber_loss": lambda t, u: _nn.huber_loss(t, u, delta=0.2),
    "kl_div": lambda t, u: _nn.kl_div(t.log(), u, reduction="batchmean"),
}.items():
    _kind = "labels" if _name in ("cross_entropy", "nll_loss") else "float"
    if _kind == "labels" or _name == "binary_cross_entropy_with_logits":
        row(f"nn.{_name}", _call, inputs="labels" if _kind == "labels" else "float", grad=True)
    else:
        row(f"nn.{_name}", _call, grad=True)


def _of_t(f: Callable[..., Any]) -> Call:
    return lambda t, u: f(t)


def _init(f: Callable[..., Any]) -> Call:
    return lambda t, u: f(t, (3, 4), key=1)


for _name in (
    "relu relu6 elu selu gelu silu mish softplus hardtanh sigmoid tanh softmax log_softmax glu"
).split():
    row(f"nn.{_name}", _of_t(getattr(_nn, _name)), grad=True)
row("nn.leaky_relu", lambda t, u: _nn.leaky_relu(t - 0.5, 0.1), grad=True)
row("nn.dropout", lambda t, u: _nn.dropout(t, 0.5, key=3), values=False)
for _name in ("kaiming_uniform", "kaiming_normal", "xavier_uniform", "xavier_normal"):
    row(f"nn.init.{_name}", _init(getattr(_nn.init, _name)), values=False)
row("nn.init.uniform", lambda t, u: _nn.init.uniform(t, (3, 4), key=1), values=False)
row("nn.init.normal", lambda t, u: _nn.init.normal(t, (3, 4), key=1), values=False)
row(
    "nn.init.calculate_gain", lambda t, u: t * _nn.init.calculate_gain("leaky_relu", 0.2), grad=True
)
row("nn.init.zeros", lambda t, u: _nn.init.zeros(t, (3, 4)))
row("nn.init.ones", lambda t, u: _nn.init.ones(t, (3, 4)))


# ---------------------------------------------------------------------------- ep.optim
def _one_step(opt: Any) -> Call:
    """The parameters ``t`` after two steps with the gradient ``u`` (a pytree of one)."""

    def call(t: Any, u: Any) -> Any:
        params, grads = {"w": t}, {"w": u}
        state = opt.init(params)
        for _ in range(2):
            params, state = opt.update(grads, state, params)
        return params["w"]

    return call


_optim = ep.optim
for _name, _opt in {
    "sgd": _optim.sgd(0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "adam": _optim.adam(0.1),
    "adamw": _optim.adamw(0.1),
    "rmsprop": _optim.rmsprop(0.1, momentum=0.5, centered=True),
    "adagrad": _optim.adagrad(0.1),
    "lion": _optim.lion(0.1, weight_decay=0.1),
}.items():
    row(f"optim.{_name}", _one_step(_opt), grad=True)
for _name, _schedule in {
    "constant_schedule": _optim.constant_schedule(0.1),
    "piecewise_constant_schedule": _optim.piecewise_constant_schedule(0.1, {1: 0.5}),
    "warmup_cosine_decay_schedule": _optim.warmup_cosine_decay_schedule(0.0, 0.1, 1, 4),
    "step_lr": _optim.step_lr(0.1, step_size=1),
}.items():
    row(f"optim.{_name}", _one_step(_optim.sgd(_schedule)), grad=True)
row(
    "optim.clip_by_global_norm",
    lambda t, u: _optim.clip_by_global_norm({"a": t, "b": [u]}, max_norm=1.0)["a"],
    grad=True,
)

# ----------------------------------------------------------------------------- operators
for _symbol, _fn in {
    "+": lambda t, u: t + u,
    "-": lambda t, u: t - u,
    "*": lambda t, u: t * u,
    "/": lambda t, u: t / u,
    "//": lambda t, u: t // u,
    "%": lambda t, u: t % u,
    "**": lambda t, u: t**u,
    "scalar + t": lambda t, u: 2.0 + t,
    "scalar - t": lambda t, u: 2.0 - t,
    "scalar * t": lambda t, u: 2.0 * t,
    "scalar / t": lambda t, u: 2.0 / t,
    "scalar // t": lambda t, u: 2.0 // t,
    "scalar % t": lambda t, u: 2.0 % t,
    "scalar ** t": lambda t, u: 2.0**t,
    "@": lambda t, u: t @ u.T,
    "<": lambda t, u: t < u,
    "<=": lambda t, u: t <= u,
    "==": lambda t, u: t == u,
    "!=": lambda t, u: t != u,
    ">": lambda t, u: t > u,
    ">=": lambda t, u: t >= u,
    "-t": lambda t, u: -t,
    "abs(t)": lambda t, u: abs(t),
    "t[int]": lambda t, u: t[1],
    "t[slices]": lambda t, u: t[1:3, ::-2],
    "t[None, ...]": lambda t, u: t[None, ..., 0],
    "t[index array]": lambda t, u: t[ep.arange(t, 0, 4, 2)],
}.items():
    _differentiable = _symbol not in ("//", "scalar // t", "<", "<=", "==", "!=", ">", ">=")
    row(_symbol, _fn, faces="operator", grad=_differentiable)
row("t[mask]", lambda t, u: t[t > 0.5], faces="operator", grad=True, concrete=True)
for _symbol, _fn in {
    "~": lambda t, u: ~t,
    "&": lambda t, u: t & u,
    "|": lambda t, u: t | u,
    "^": lambda t, u: t ^ u,
    "<<": lambda t, u: t << u,
    ">>": lambda t, u: t >> u,
}.items():
    row(_symbol, _fn, faces="operator", inputs="int")


# ------------------------------------------------------------------ expected failures
_TRACED_DEVICE = (
    "inside jax.jit, jax.grad and jax.vmap a JAX array is a tracer, which has no device: t.device "
    "raises eagerlite's TracedValueError (read the device outside; to_device of a device "
    "object works inside)"
)
_ONE_TORCH_CPU = (
    "torch has one CPU device: an input on JAX's cpu:1 or TensorFlow's /CPU:1 goes to "
    "torch's CPU and comes back on the default device (between GPUs, DLPack keeps the device)"
)
_THROUGH_NUMPY = (
    "the row's round trip goes through NumPy, which has no devices: the tensor comes back "
    "on the default device"
)
# (row, framework, mode) -> reason: the frameworks' own limits, strict xfails
_NO_VALUES = (
    "torch's device mode runs on 'meta' tensors, which have no values: eagerly, a branch "
    "or a loop's condition needs one (compiled, torch.cond and while_loop take it on the device)"
)
EXPECTED_FAILURES = {
    **{(n, "torch", "device"): _NO_VALUES for n in ("cond", "switch", "while_loop")},
    **{(n, "jax", "compiled"): _TRACED_DEVICE for n in ("device", "device_of", "to_device")},
    **{(n, "jax", "gradient"): _TRACED_DEVICE for n in ("device", "device_of")},
    **{(n, "jax", "vmap"): _TRACED_DEVICE for n in ("device", "device_of", "to_device")},
    ("from_dlpack", "jax", "vmap"): "from_dlpack places the array on the device of its "
    "first argument, a tracer inside jax.vmap, which has no device",
    ("while_loop", "torch", "vmap"): "torch's while_loop operator has no vmap rule (torch "
    "2.13), and a Python loop cannot stop on a value batched by torch.func.vmap "
    "(ep.fori_loop with int bounds maps)",
    ("bridge", "jax", "device"): _ONE_TORCH_CPU,
    ("bridge", "tensorflow", "device"): _ONE_TORCH_CPU,
    ("bridge", "jax", "sharded"): "a bridge hands one buffer to torch through DLPack: a "
    "JAX array sharded over devices is refused with a ValueError (gather it first)",
    ("convert", "jax", "device"): _THROUGH_NUMPY,
    ("convert", "tensorflow", "device"): _THROUGH_NUMPY,
    ("slogdet", "tensorflow", "compiled"): "XLA has no kernel for TensorFlow's "
    "LogMatrixDeterminant op on the CPU (tf.function without jit_compile runs it)",
    ("bridge", "tensorflow", "compiled"): "a bridge runs the other framework through "
    "tf.py_function, which XLA cannot compile (tf.function without jit_compile runs it)",
    ("from_numpy", "torch", "compiled"): "Dynamo traces a NumPy array as a tensor, and "
    "from_numpy's np.asarray(a, order='C') (which copies reversed arrays) has no such trace",
    ("can_cast", "torch", "compiled"): "Dynamo cannot trace torch.can_cast, a torch "
    'function that returns a bool ("torch.* op returned non-Tensor")',
    ("~", "torch", "compiled"): "Dynamo (torch 2.13) traces ~ only on torch tensors (its "
    "builtin invert handler); t.bitwise_invert() traces",
}
assert {k[0] for k in EXPECTED_FAILURES} <= {r.name for r in ROWS}, "an unknown row"


# -------------------------------------------------------------------------------- inputs
def inputs(kind: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The NumPy arrays ``t`` and ``u`` of a row (float64, away from kinks and edges)."""
    rng = np.random.default_rng(0)
    if kind == "float":
        return rng.uniform(0.1, 0.9, (4, 6)), rng.uniform(0.1, 0.9, (4, 6))
    if kind == "above_one":
        return rng.uniform(1.5, 3.0, (4, 6)), rng.uniform(1.5, 3.0, (4, 6))
    if kind == "complex":
        return rng.normal(size=(4, 6)) + 1j * rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    if kind == "bool":
        return rng.uniform(size=(4, 6)) > 0.5, rng.uniform(size=(4, 6)) > 0.5
    if kind == "int":
        return rng.integers(1, 9, (4, 6)), rng.integers(0, 4, (4, 6))
    if kind == "square":
        return np.eye(4) * 3 + rng.uniform(0, 0.5, (4, 4)), rng.uniform(0.1, 0.9, (4, 4))
    if kind == "vector":
        return rng.uniform(0.1, 0.9, 8), rng.uniform(0.1, 0.9, 8)
    if kind == "sorted":
        return np.sort(rng.uniform(0.1, 0.9, 8)), rng.uniform(0.1, 0.9, 8)
    if kind == "labels":
        return rng.normal(size=(4, 6)), np.array([0, 5, 2, 3])
    if kind == "labels_only":
        return np.array([0, 5, 2, 3]), np.array([0, 5, 2, 3])
    raise ValueError(kind)


PAGE_ROWS = [r.name for r in ROWS]
assert len(set(PAGE_ROWS)) == len(PAGE_ROWS), "a row twice"
