"""Static types users see; checked by ``mypy`` (mypy.ini lists this folder), not run by pytest.

``assert_type`` pins a type; a ``# type: ignore[code]`` line is an error that mypy
must report (``warn_unused_ignores`` fails the check if it does not).
"""

from __future__ import annotations

from typing import Any, TypeVar, assert_type

import jax
import numpy as np
import tensorflow as tf
import torch

import eagerlite as ep
from eagerlite import JAXTensor, NumPyTensor, PyTorchTensor, TensorFlowTensor

T = TypeVar("T")


def astensor_gives_the_backend_class(
    a: np.ndarray[Any, Any], t: torch.Tensor, j: jax.Array, f: tf.Tensor, v: tf.Variable
) -> None:
    assert_type(ep.astensor(a), NumPyTensor)
    assert_type(ep.astensor(np.float32(1.0)), NumPyTensor)
    assert_type(ep.astensor(t), PyTorchTensor)
    assert_type(ep.astensor(torch.nn.Parameter(t)), PyTorchTensor)
    assert_type(ep.astensor(j), JAXTensor)
    assert_type(ep.astensor(f), TensorFlowTensor)
    assert_type(ep.astensor(v), TensorFlowTensor)
    assert_type(ep.astensor(ep.astensor(t)), PyTorchTensor)
    assert_type(ep.astensors(t, t), tuple[PyTorchTensor, ...])
    # (ndarray[Any, Any] arguments make mypy fall back to Any for astensors)
    assert_type(ep.astensors(j, j), tuple[JAXTensor, ...])
    assert_type(ep.astensors(f, v), tuple[TensorFlowTensor, ...])
    assert_type(ep.astensors(ep.astensor(t), t), tuple[ep.Tensor[Any], ...])


def chains_keep_the_class(t: torch.Tensor, a: np.ndarray[Any, Any]) -> None:
    x = ep.astensor(t)
    assert_type(x.square().sum(axis=-1).sqrt(), PyTorchTensor)
    assert_type(x.raw, torch.Tensor)
    assert_type(ep.astensor(a).raw, np.ndarray[Any, Any])
    assert_type(ep.sqrt(ep.sum(x, axis=(0, 1), keepdims=True)), PyTorchTensor)
    assert_type(ep.minimum(1, x), PyTorchTensor)
    assert_type(ep.maximum(x, x), PyTorchTensor)
    assert_type(x + 1, PyTorchTensor)
    assert_type(2.0 * x, PyTorchTensor)
    assert_type(x < x, PyTorchTensor)
    assert_type(x[0, 1:], PyTorchTensor)
    assert_type(x.T, PyTorchTensor)
    assert_type(x.topk(2), tuple[PyTorchTensor, PyTorchTensor])
    assert_type(x.norms.l2(axis=-1), PyTorchTensor)
    assert_type(ep.norms.lp(x, 3), PyTorchTensor)
    assert_type(ep.concatenate([x, x]), PyTorchTensor)
    assert_type(ep.where(x > 0, x, 0.0), PyTorchTensor)
    assert_type(x.shape, tuple[int, ...])
    assert_type(x.item(), int | float | bool)


def autodiff_keeps_argument_types(t: tf.Tensor) -> None:
    x = ep.astensor(t)

    def loss(y: TensorFlowTensor, labels: TensorFlowTensor, scale: float) -> TensorFlowTensor:
        return (y.crossentropy(labels) * scale).mean()

    def loss_aux(y: TensorFlowTensor) -> tuple[TensorFlowTensor, str]:
        return y.sum(), "aux"

    labels = x.argmax(axis=-1)
    value, grad = ep.value_and_grad(loss, x, labels, scale=2.0)
    assert_type(value, TensorFlowTensor)
    assert_type(grad, TensorFlowTensor)
    assert_type(x.value_and_grad(loss, labels, 2.0), tuple[TensorFlowTensor, TensorFlowTensor])
    assert_type(ep.value_aux_and_grad(loss_aux, x), tuple[TensorFlowTensor, Any, TensorFlowTensor])
    fn = ep.value_and_grad_fn(x, loss)
    assert_type(fn(x, labels, 1.0), tuple[TensorFlowTensor, TensorFlowTensor])
    fn_aux = ep.value_and_grad_fn(x, loss_aux, has_aux=True)
    assert_type(fn_aux(x), tuple[TensorFlowTensor, Any, TensorFlowTensor])
    ep.value_and_grad(loss, x, labels, scale="2")  # type: ignore[arg-type]


def mixing_backends_is_an_error(t: torch.Tensor, a: np.ndarray[Any, Any], j: jax.Array) -> None:
    x, y, z = ep.astensor(t), ep.astensor(a), ep.astensor(j)
    x + y  # type: ignore[operator]
    y * z  # type: ignore[operator]
    x.maximum(y)  # type: ignore[arg-type]
    # (function forms such as ep.minimum(x, z) infer the common base Tensor[Any] instead)


def convert_gives_the_target_type(t: torch.Tensor, a: np.ndarray[Any, Any], j: jax.Array) -> None:
    assert_type(ep.convert(t, "jax"), jax.Array)
    assert_type(ep.convert(a, "torch"), torch.Tensor)
    assert_type(ep.convert(j, "tensorflow"), tf.Tensor)
    assert_type(ep.convert(t, "numpy"), np.ndarray[Any, Any])
    x = ep.astensor(t)
    assert_type(ep.convert(x, "jax"), JAXTensor)
    assert_type(ep.convert(x, "tf"), TensorFlowTensor)
    assert_type(x.convert("numpy"), NumPyTensor)
    assert_type(ep.astensor(a).convert("pytorch"), PyTorchTensor)
    ep.convert(t, "mxnet")  # type: ignore[call-overload]


def bridge_wraps_a_function(t: torch.Tensor) -> None:
    @ep.bridge("tensorflow")
    def f(x: tf.Tensor) -> tf.Tensor:
        return x * 2

    assert_type(f, ep.Bridged)
    ep.bridge("mxnet")  # type: ignore[arg-type]


def gradients_keep_the_parameters_structure(t: torch.Tensor, j: jax.Array, f: tf.Tensor) -> None:
    w, b = ep.astensors(t, t)

    def mlp(p: tuple[PyTorchTensor, PyTorchTensor], x: PyTorchTensor) -> PyTorchTensor:
        return (x @ p[0] + p[1]).tanh().sum()

    value, grad = ep.value_and_grad(mlp, (w, b), w)
    assert_type(value, PyTorchTensor)
    assert_type(grad, tuple[PyTorchTensor, PyTorchTensor])
    fn = ep.value_and_grad_fn((w, b), mlp)
    assert_type(fn((w, b), w), tuple[PyTorchTensor, tuple[PyTorchTensor, PyTorchTensor]])

    def by_name(p: dict[str, JAXTensor]) -> JAXTensor:
        return (p["w"] * p["b"]).sum()

    params = {"w": ep.astensor(j), "b": ep.astensor(j)}
    assert_type(ep.value_and_grad(by_name, params), tuple[JAXTensor, dict[str, JAXTensor]])
    assert_type(
        ep.value_aux_and_grad(lambda p: (by_name(p), 1), params),
        tuple[JAXTensor, Any, dict[str, JAXTensor]],
    )
    x = ep.astensor(f)
    assert_type(ep.value_and_grad(lambda u: u.sum(), x), tuple[TensorFlowTensor, TensorFlowTensor])
    # several arguments: the gradient's structure is known at run time only
    assert_type(ep.value_and_grad(mlp, (w, b), w, argnums=(0, 1)), tuple[PyTorchTensor, Any])
    assert_type(x.stop_gradient(), TensorFlowTensor)
    assert_type(ep.stop_gradient(w), PyTorchTensor)
    ep.value_and_grad(mlp, (w, ep.astensor(j)), w)  # type: ignore[call-overload]


def restore_type_and_native_types(t: torch.Tensor, j: jax.Array, f: tf.Tensor) -> None:
    x, restore_type = ep.astensor_(t)
    assert_type(x, PyTorchTensor)
    assert_type(restore_type(x.square()), torch.Tensor)
    y, restore_y = ep.astensor_(x)
    assert_type(restore_y(y), PyTorchTensor)
    (a, b), restore_ab = ep.astensors_(j, j)
    assert_type(a, JAXTensor)
    assert_type(restore_ab(a, b), tuple[jax.Array, jax.Array])
    assert_type(ep.astensor([1, 2]), NumPyTensor)
    assert_type(ep.astensor([[1.0, 2.0]]), NumPyTensor)
    assert_type(ep.astensor([t, t]), PyTorchTensor)
    assert_type(x.dtype, torch.dtype)
    assert_type(x.device, torch.device)
    assert_type(ep.device_of(x), torch.device)
    assert_type(ep.astensor(f).dtype, tf.DType)
    assert_type(ep.astensor(j).dtype, np.dtype[Any])
    assert_type(ep.astensor(np.ones(1)).device, str)


def generic_code_with_a_type_variable(t: torch.Tensor) -> None:
    def norm(x: T) -> T:  # the documented idiom: native in, native out
        x_, restore_type = ep.astensor_(x)
        return restore_type(x_.norms.l2())

    assert_type(norm(t), torch.Tensor)


def array_namespaces_are_typed_by_their_arrays(
    a: np.ndarray[Any, Any], t: torch.Tensor, j: jax.Array, f: tf.Tensor
) -> None:
    from eagerlite.xp import ArrayNamespace
    from eagerlite.xp._at import At

    # the native face: functions of the framework's own arrays
    xt = ep.array_namespace(t)
    assert_type(xt, ArrayNamespace[torch.Tensor])
    assert_type(xt.sin(t), torch.Tensor)
    assert_type(xt.add(t, 1.0), torch.Tensor)
    assert_type(xt.linspace(0, 1, 5), torch.Tensor)
    assert_type(xt.linalg.solve(t, t), torch.Tensor)
    assert_type(xt.linalg.svd(t).S, torch.Tensor)
    assert_type(xt.fft.rfft(t), torch.Tensor)
    assert_type(xt.unique_counts(t).counts, torch.Tensor)
    assert_type(xt.split(t, 2), list[torch.Tensor])
    assert_type(xt.at(t, 0).add(1.0), torch.Tensor)
    assert_type(ep.array_namespace(a), ArrayNamespace[np.ndarray[Any, Any]])
    assert_type(ep.array_namespace(a).mean(a, axis=0), np.ndarray[Any, Any])
    assert_type(ep.array_namespace(j, 1.0), ArrayNamespace[jax.Array])
    assert_type(ep.array_namespace(j).logsumexp(j), jax.Array)
    assert_type(ep.array_namespace(f), ArrayNamespace[tf.Tensor])
    assert_type(ep.array_namespace(f).std(f, correction=1), tf.Tensor)
    xt.sin(a)  # type: ignore[arg-type]
    # the Tensor face: functions of eagerlite Tensors of one class
    for x in (ep.astensor(t),):
        assert_type(ep.array_namespace(x), ArrayNamespace[PyTorchTensor])
        assert_type(x.__array_namespace__().exp(x), PyTorchTensor)
        assert_type(ep.array_namespace(x).asarray([1, 2]), PyTorchTensor)
    assert_type(ep.array_namespace(ep.astensor(a)).eye(3), NumPyTensor)
    assert_type(ep.array_namespace(ep.astensor(j)).zeros((2,)), JAXTensor)
    assert_type(
        ep.array_namespace(ep.astensor(f)).matmul(ep.astensor(f), ep.astensor(f)), TensorFlowTensor
    )
    ep.array_namespace(ep.astensor(t)).sin(ep.astensor(a))  # type: ignore[arg-type]
    assert_type(ep.at(ep.astensor(t), 0), At[PyTorchTensor])


def standard_methods_and_functions_keep_the_class(t: torch.Tensor, f: tf.Tensor) -> None:
    x, y = ep.astensor(t), ep.astensor(f)
    assert_type(x.std(axis=0, correction=1), PyTorchTensor)
    assert_type(ep.var(y, axis=(0, 1)), TensorFlowTensor)
    assert_type(ep.subtract(1.0, x), PyTorchTensor)
    assert_type(x.acos().logsumexp(axis=-1), PyTorchTensor)
    assert_type(ep.linspace(y, 0, 1, 5), TensorFlowTensor)
    assert_type(ep.eye(x, 3, dtype=ep.int32), PyTorchTensor)
    assert_type(x.unique_all().inverse_indices, PyTorchTensor)
    assert_type(ep.split(y, 2), list[TensorFlowTensor])
    assert_type(x.nonzero(), tuple[PyTorchTensor, ...])
    assert_type(ep.einsum("ij,jk->ik", x, x), PyTorchTensor)
    assert_type(x.at[0].set(1.0), PyTorchTensor)
    assert_type(ep.at(y, 0).max(2.0), TensorFlowTensor)
    assert_type(x.astype(ep.float16), PyTorchTensor)
    assert_type(ep.zeros(y, (2,), dtype=ep.int8), TensorFlowTensor)
    assert_type(ep.float32, ep.DType)
    assert_type(ep.isdtype(ep.int8, "integral"), bool)
    x.add(y)  # type: ignore[arg-type]


def transformations_keep_the_signature(t: torch.Tensor, j: jax.Array, f: tf.Tensor) -> None:
    def loss(x: TensorFlowTensor, labels: TensorFlowTensor, scale: float) -> TensorFlowTensor:
        return (x * labels).sum() * scale

    x = ep.astensor(f)
    g = ep.grad(loss)
    assert_type(g(x, x, 2.0), TensorFlowTensor)
    g(x, x, "2")  # type: ignore[arg-type]

    def with_aux(x: JAXTensor) -> tuple[JAXTensor, str]:
        return x.sum(), "aux"

    a = ep.astensor(j)
    assert_type(ep.grad(with_aux, has_aux=True)(a), tuple[JAXTensor, str])

    def cube(u: JAXTensor) -> JAXTensor:
        return (u**3).sum()

    first = ep.grad(cube)
    assert_type(ep.grad(first)(a), JAXTensor)  # (nested: still the tensor type)

    def step(p: PyTorchTensor) -> PyTorchTensor:
        return p.tanh()

    p = ep.astensor(t)
    for transform in (ep.jacrev, ep.jacfwd, ep.jacobian, ep.hessian):
        assert_type(transform(step)(p), PyTorchTensor)
    # several arguments: the structure is known at run time only
    assert_type(ep.grad(loss, argnums=(0, 1))(x, x, 1.0), Any)
    out, pullback = ep.vjp(step, p)
    assert_type(out, PyTorchTensor)
    assert_type(pullback(out), tuple[Any, ...])
    assert_type(ep.jvp(step, (p,), (p,)), tuple[PyTorchTensor, PyTorchTensor])
    ep.grad(3.0)  # type: ignore[call-overload]
    batched = ep.vmap(loss, in_axes=(0, 0, None))
    assert_type(batched(x, x, 1.0), TensorFlowTensor)
    batched(x, x, "1")  # type: ignore[arg-type]


def control_flow_keeps_the_carry_type(t: torch.Tensor) -> None:
    x = ep.astensor(t)

    def double(v: PyTorchTensor) -> PyTorchTensor:
        return v * 2

    def halve(v: PyTorchTensor) -> PyTorchTensor:
        return v / 2

    assert_type(ep.cond(x.sum() > 0, double, halve, x), PyTorchTensor)
    assert_type(ep.switch(1, [double, halve], x), PyTorchTensor)

    def small(v: PyTorchTensor) -> PyTorchTensor:
        return v.sum() < 10

    assert_type(ep.while_loop(small, double, x), PyTorchTensor)

    def step(i: int, v: PyTorchTensor) -> PyTorchTensor:
        return v + i

    assert_type(ep.fori_loop(0, 3, step, x), PyTorchTensor)

    def cell(h: PyTorchTensor, v: PyTorchTensor) -> tuple[PyTorchTensor, PyTorchTensor]:
        return h + v, h

    assert_type(ep.scan(cell, x[0], x), tuple[PyTorchTensor, PyTorchTensor])
    assert_type(ep.map(double, x), PyTorchTensor)
    ep.while_loop(small, double, 3)  # type: ignore[arg-type]


def custom_rules_compilation_and_pytrees_keep_types(
    t: torch.Tensor, j: jax.Array, f: tf.Tensor
) -> None:
    @ep.custom_vjp
    def scaled(x: JAXTensor, scale: float) -> JAXTensor:
        return x * scale

    def scaled_fwd(x: JAXTensor, scale: float) -> tuple[JAXTensor, float]:
        return x * scale, scale

    def scaled_bwd(scale: float, g: JAXTensor) -> tuple[JAXTensor, None]:
        return g * scale, None

    scaled.defvjp(scaled_fwd, scaled_bwd)
    a = ep.astensor(j)
    assert_type(scaled(a, 2.0), JAXTensor)
    scaled(a, "2")  # type: ignore[arg-type]

    def step(p: PyTorchTensor, lr: float) -> PyTorchTensor:
        return p - lr

    compiled = ep.jit(step, static_argnums=1)
    assert_type(compiled(ep.astensor(t), 0.1), PyTorchTensor)
    compiled(ep.astensor(t), "0.1")  # type: ignore[arg-type]
    x = ep.astensor(f)
    leaves, treedef = ep.tree_flatten({"x": x})
    assert_type(leaves, list[Any])
    assert_type(treedef, ep.TreeDef)
    assert_type(ep.tree_map(lambda v: v * 2, {"x": x}), Any)


def optimisers_take_pytrees(t: torch.Tensor) -> None:
    opt = ep.optim.adam(learning_rate=1e-3)
    params = {"w": ep.astensor(t)}
    state = opt.init(params)
    assert_type(opt.update(params, state, params), tuple[Any, Any])
    assert_type(opt, ep.optim.Optimizer)
    ep.optim.sgd("0.1")  # type: ignore[arg-type]
    schedule = ep.optim.warmup_cosine_decay_schedule(0.0, 1e-3, 10, 100)
    assert_type(schedule, ep.optim.Schedule)
    assert_type(ep.optim.rmsprop(schedule, centered=True), ep.optim.Optimizer)
    assert_type(ep.optim.lion(ep.optim.step_lr(1e-4, 10)), ep.optim.Optimizer)
    assert_type(ep.optim.clip_by_global_norm(params, max_norm=1.0), dict[str, PyTorchTensor])
    ep.optim.adagrad(learning_rate=[0.1])  # type: ignore[arg-type]
    ep.optim.step_lr(0.1, step_size="10")  # type: ignore[arg-type]


def nn_functions_keep_the_class(
    t: torch.Tensor, j: jax.Array, f: tf.Tensor, a: np.ndarray[Any, Any]
) -> None:
    x, w = ep.astensor(t), ep.astensor(t)
    assert_type(ep.nn.conv2d(x, w, None, 2, "same", data_format="channels_last"), PyTorchTensor)
    assert_type(ep.nn.max_pool2d(ep.astensor(j), 2), JAXTensor)
    assert_type(ep.nn.cross_entropy(ep.astensor(f), ep.astensor(f)), TensorFlowTensor)
    assert_type(ep.nn.gelu(ep.astensor(a), approximate="tanh"), NumPyTensor)
    y, mean, _ = ep.nn.batch_norm(x, x, x, training=True)
    assert_type(y, PyTorchTensor)
    assert_type(mean, PyTorchTensor | None)
    assert_type(ep.nn.init.kaiming_uniform(ep.astensor(j), (4, 3), key=0), JAXTensor)
    assert_type(ep.nn.scaled_dot_product_attention(x, x, x, is_causal=True), PyTorchTensor)
    # (mixed frameworks: the common base, as ep.minimum's; a TypeError when it runs)
    assert_type(ep.nn.conv2d(x, ep.astensor(j)), ep.Tensor[Any])
    ep.nn.conv1d(x, w, stride="2")  # type: ignore[arg-type]
