"""The benchmark suite's neural-network cases (see run.py; registered in cases.py): a small
CNN's training step and a transformer block's forward pass, each written once with
``ep.nn`` (and ``ep.value_and_grad``, ``ep.optim.adam``), natively in each framework and
with ``keras.ops``, eager and compiled.

Each native version is written as that framework's users write it, with its own layouts:
torch keeps ``(N, C, H, W)`` images, ``(out, in, kh, kw)`` filters and ``(out, in)``
dense weights (``torch.nn.functional``); TensorFlow, JAX and keras.ops keep ``(N, H, W,
C)`` images, ``(kh, kw, in, out)`` filters and ``(in, out)`` dense kernels (``tf.nn``,
``jax.lax``/Flax, Keras; keras.ops on torch takes torch's images, ``data_format=
"channels_first"``); NumPy (the attention block only: no autodiff) ``x @ w`` with ``(in,
out)`` weights.  eagerlite takes the images in the framework's layout (``data_format``)
and its weights always in torch's layout, as ``ep.nn`` does; its results are compared with
the others' after the layouts are matched (``Prepared.compare``), on the same values.

The training step is pure: from the same parameters and Adam state each call computes the
loss, the gradients and the updated parameters and state (Adam as ``ep.optim.adam``, the
count a 0-d int32 tensor and the bias corrections in float64 where the framework has it,
written by hand natively), so that every call does the same work and every column gives
the same result.  Native gradients: ``torch.autograd.grad`` (compiled:
``torch.func.grad_and_value``), ``tf.GradientTape``, ``jax.value_and_grad``; keras.ops
has no gradient of its own, so its column takes the backend's (as Keras' own train steps
do).  Compiled: ``ep.jit`` against the native step under ``torch.compile``,
``tf.function(jit_compile=True)`` and ``jax.jit``, keras.ops under the same compiler.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from _harness import Backend, Call, Prepared

# the CNN: 1x16x16 images, conv 3x3 to 8 channels, relu, max pool 2, conv 3x3 to 16,
# relu, global average, linear to 10 classes, cross-entropy; Adam's defaults but the rate
BATCH, SIZE, CLASSES = 32, 16, 10
LEARNING_RATE, B1, B2, EPS = 1e-3, 0.9, 0.999, 1e-8
CNN_PARAMS = ("c1", "b1", "c2", "b2", "w", "b")  # (the order of every column's results)
# the transformer block: batch 8, 32 tokens of width 64, 4 heads, MLP 4 x 64, pre-norm
TOKENS, WIDTH, HEADS, HIDDEN, LN_EPS = 32, 64, 4, 256, 1e-5
BLOCK_PARAMS = (
    *("ln1_w", "ln1_b", "wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo"),
    *("ln2_w", "ln2_b", "w1", "b1", "w2", "b2"),
)
GELU_C = math.sqrt(2.0 / math.pi)  # (the tanh approximation, in every column)


# ---------------------------------------------------------------------------- layouts
def other_layout(a: Any) -> Any:
    """A NumPy weight in torch's layout as TensorFlow, JAX and Keras keep it: a filter
    ``(out, in, kh, kw)`` as ``(kh, kw, in, out)``, a dense weight ``(out, in)`` as
    ``(in, out)``; vectors as they are."""
    if a.ndim == 4:
        return a.transpose(2, 3, 1, 0)
    return a.T if a.ndim == 2 else a


def torch_layout(results: Sequence[Any]) -> list[Any]:
    """Results (NumPy) with the other layout's weights back in torch's (the inverse)."""
    return [
        r.transpose(3, 2, 0, 1) if r.ndim == 4 else (r.T if r.ndim == 2 else r) for r in results
    ]


def cnn_values() -> dict[str, Any]:
    """The CNN's parameters (torch's layout), images ``(N, 1, 16, 16)`` and labels."""
    import numpy as np

    rng = np.random.default_rng(0)

    def normal(*shape: int, scale: float) -> Any:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    return {
        "c1": normal(8, 1, 3, 3, scale=0.3),
        "b1": normal(8, scale=0.1),
        "c2": normal(16, 8, 3, 3, scale=0.1),
        "b2": normal(16, scale=0.1),
        "w": normal(CLASSES, 16, scale=0.3),
        "b": normal(CLASSES, scale=0.1),
        "x": normal(BATCH, 1, SIZE, SIZE, scale=1.0),
        "y": rng.integers(0, CLASSES, BATCH),
    }


def block_values() -> dict[str, Any]:
    """The transformer block's parameters (torch's layout) and tokens ``(8, 32, 64)``."""
    import numpy as np

    rng = np.random.default_rng(1)
    out: dict[str, Any] = {}
    for name in BLOCK_PARAMS:
        if name.startswith("ln"):
            base = 1.0 if name.endswith("_w") else 0.0
            out[name] = (base + rng.standard_normal(WIDTH) * 0.1).astype(np.float32)
            continue
        rows = HIDDEN if name in ("w1", "b1") else WIDTH
        cols = HIDDEN if name == "w2" else WIDTH
        shape = (rows, cols) if name.startswith("w") else (rows,)
        out[name] = (rng.standard_normal(shape) / math.sqrt(cols)).astype(np.float32)
    out["x"] = rng.standard_normal((8, TOKENS, WIDTH)).astype(np.float32)
    return out


# ---------------------------------------------------------------------------- Adam
def native_adam(b: Backend) -> Callable[..., tuple[list[Any], Any, list[Any], list[Any]]]:
    """``(params, grads, count, mu, nu) -> (params, count, mu, nu)``: ``ep.optim.adam``'s
    update (torch's rule) in the framework's own operations."""
    fw = b.fw
    sqrt = fw.sqrt
    if b.name == "torch":
        wide: Callable[[Any], Any] = lambda t: t.double()  # noqa: E731
        narrow: Callable[[Any], Any] = lambda t: t.float()  # noqa: E731
    elif b.name == "tensorflow":
        wide = lambda t: fw.cast(t, fw.float64)  # noqa: E731
        narrow = lambda t: fw.cast(t, fw.float32)  # noqa: E731
    else:  # JAX (float64 off by default: float32, as ep.optim takes it there)
        wide = lambda t: t.astype(fw.float32)  # noqa: E731
        narrow = wide

    def adam(params: Any, grads: Any, count: Any, mu: Any, nu: Any) -> Any:
        count = count + 1
        t = wide(count)
        step_size = narrow(LEARNING_RATE / (1.0 - B1**t))
        root2 = narrow(sqrt(1.0 - B2**t))
        mu = [B1 * m + (1.0 - B1) * g for m, g in zip(mu, grads, strict=True)]
        nu = [B2 * v + (1.0 - B2) * g * g for v, g in zip(nu, grads, strict=True)]
        new = [
            p - step_size * m / (sqrt(v) / root2 + EPS)
            for p, m, v in zip(params, mu, nu, strict=True)
        ]
        return new, count, mu, nu

    return adam


def flat_step(out: Any) -> tuple[Any, ...]:
    """``(loss, params, count, mu, nu)`` as one flat tuple (what each column returns)."""
    loss, params, count, mu, nu = out
    return (loss, *params, count, *mu, *nu)


# ---------------------------------------------------------------------------- the CNN
def native_cnn_loss(b: Backend) -> Callable[[Any, Any, Any], Any]:
    """The CNN's loss ``(params, images, labels)``, native (params a list, CNN_PARAMS)."""
    fw = b.fw
    if b.name == "torch":
        nnf = fw.nn.functional

        def torch_loss(p: Any, x: Any, y: Any) -> Any:
            h = nnf.max_pool2d(nnf.relu(nnf.conv2d(x, p[0], p[1], padding=1)), 2)
            h = nnf.relu(nnf.conv2d(h, p[2], p[3], padding=1))
            return nnf.cross_entropy(nnf.linear(h.mean((2, 3)), p[4], p[5]), y)

        return torch_loss
    if b.name == "tensorflow":
        nn = fw.nn

        def tf_loss(p: Any, x: Any, y: Any) -> Any:
            h = nn.relu(nn.bias_add(nn.conv2d(x, p[0], 1, "SAME"), p[1]))
            h = nn.max_pool2d(h, 2, 2, "VALID")
            h = nn.relu(nn.bias_add(nn.conv2d(h, p[2], 1, "SAME"), p[3]))
            logits = fw.matmul(fw.reduce_mean(h, axis=(1, 2)), p[4]) + p[5]
            return fw.reduce_mean(nn.sparse_softmax_cross_entropy_with_logits(y, logits))

        return tf_loss
    jax, lax = b.jax, b.jax.lax
    dims = ("NHWC", "HWIO", "NHWC")

    def jax_loss(p: Any, x: Any, y: Any) -> Any:
        h = lax.conv_general_dilated(x, p[0], (1, 1), "SAME", dimension_numbers=dims)
        h = jax.nn.relu(h + p[1])
        h = lax.reduce_window(h, -fw.inf, lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")
        h = lax.conv_general_dilated(h, p[2], (1, 1), "SAME", dimension_numbers=dims)
        logits = jax.nn.relu(h + p[3]).mean(axis=(1, 2)) @ p[4] + p[5]
        logp = jax.nn.log_softmax(logits)
        return -fw.take_along_axis(logp, y[:, None], axis=1).mean()

    return jax_loss


def native_cnn_step(b: Backend, compiled: bool) -> Callable[..., Any]:
    """``(params, count, mu, nu, images, labels) -> (loss, params, count, mu, nu)``."""
    loss_fn, adam = native_cnn_loss(b), native_adam(b)
    fw = b.fw
    if b.name == "torch" and not compiled:

        def torch_step(params: Any, count: Any, mu: Any, nu: Any, x: Any, y: Any) -> Any:
            loss = loss_fn(params, x, y)  # (params: leaves that require gradients)
            grads = fw.autograd.grad(loss, params)
            with fw.no_grad():
                return (loss.detach(), *adam(params, grads, count, mu, nu))

        return torch_step
    if b.name == "torch":  # (torch.compile traces torch.func's transforms)
        grad_and_value = fw.func.grad_and_value(loss_fn)

        def torch_func_step(params: Any, count: Any, mu: Any, nu: Any, x: Any, y: Any) -> Any:
            grads, loss = grad_and_value(params, x, y)
            return (loss, *adam(params, grads, count, mu, nu))

        return b.compiled(torch_func_step)
    if b.name == "tensorflow":

        def tf_step(params: Any, count: Any, mu: Any, nu: Any, x: Any, y: Any) -> Any:
            with fw.GradientTape() as tape:
                tape.watch(params)
                loss = loss_fn(params, x, y)
            grads = tape.gradient(loss, params)
            return (loss, *adam(params, grads, count, mu, nu))

        return b.compiled(tf_step) if compiled else tf_step
    value_and_grad = b.jax.value_and_grad(loss_fn)

    def jax_step(params: Any, count: Any, mu: Any, nu: Any, x: Any, y: Any) -> Any:
        loss, grads = value_and_grad(params, x, y)
        return (loss, *adam(params, grads, count, mu, nu))

    return b.compiled(jax_step) if compiled else jax_step


def keras_cnn_step(b: Backend, ops: Any, last: bool, compiled: bool) -> Callable[..., Any]:
    """The CNN's step with keras.ops (Keras' layouts: ``(kh, kw, in, out)`` filters,
    ``(in, out)`` kernels), the gradient by the backend's own autodiff."""
    fmt = "channels_last" if last else "channels_first"
    spatial = (1, 2) if last else (2, 3)

    def bias(v: Any) -> Any:
        return v if last else ops.reshape(v, (-1, 1, 1))

    def loss_fn(p: Any, x: Any, y: Any) -> Any:
        h = ops.relu(ops.conv(x, p[0], padding="same", data_format=fmt) + bias(p[1]))
        h = ops.max_pool(h, 2, strides=2, data_format=fmt)
        h = ops.relu(ops.conv(h, p[2], padding="same", data_format=fmt) + bias(p[3]))
        logits = ops.matmul(ops.mean(h, axis=spatial), p[4]) + p[5]
        return ops.mean(ops.sparse_categorical_crossentropy(y, logits, from_logits=True))

    def adam(params: Any, grads: Any, count: Any, mu: Any, nu: Any) -> Any:
        count = count + 1
        t = ops.cast(count, "float64" if b.name != "jax" else "float32")
        step_size = ops.cast(LEARNING_RATE / (1.0 - ops.power(B1, t)), "float32")
        root2 = ops.cast(ops.sqrt(1.0 - ops.power(B2, t)), "float32")
        mu = [B1 * m + (1.0 - B1) * g for m, g in zip(mu, grads, strict=True)]
        nu = [B2 * v + (1.0 - B2) * g * g for v, g in zip(nu, grads, strict=True)]
        new = [
            p - step_size * m / (ops.sqrt(v) / root2 + EPS)
            for p, m, v in zip(params, mu, nu, strict=True)
        ]
        return new, count, mu, nu

    fw = b.fw
    if b.name == "torch":
        grad_and_value = fw.func.grad_and_value(loss_fn)

        def torch_step(params: Any, count: Any, mu: Any, nu: Any, x: Any, y: Any) -> Any:
            if compiled:
                grads, loss = grad_and_value(params, x, y)
                return (loss, *adam(params, grads, count, mu, nu))
            leaves = [p.detach().requires_grad_(True) for p in params]
            loss = loss_fn(leaves, x, y)
            grads = fw.autograd.grad(loss, leaves)
            with fw.no_grad():
                return (loss.detach(), *adam(params, grads, count, mu, nu))

        step: Callable[..., Any] = torch_step
    elif b.name == "tensorflow":

        def tf_step(params: Any, count: Any, mu: Any, nu: Any, x: Any, y: Any) -> Any:
            with fw.GradientTape() as tape:
                tape.watch(params)
                loss = loss_fn(params, x, y)
            grads = tape.gradient(loss, params)
            return (loss, *adam(params, grads, count, mu, nu))

        step = tf_step
    else:
        value_and_grad = b.jax.value_and_grad(loss_fn)

        def jax_step(params: Any, count: Any, mu: Any, nu: Any, x: Any, y: Any) -> Any:
            loss, grads = value_and_grad(params, x, y)
            return (loss, *adam(params, grads, count, mu, nu))

        step = jax_step
    return b.compiled(step) if compiled else step


def cnn_step_case(compiled: bool) -> Callable[[Backend], Prepared | str]:
    """A small CNN's training step on a batch of 32 1x16x16 images (conv 3x3 to 8, relu,
    max pool 2, conv 3x3 to 16, relu, global average, linear to 10, cross-entropy; the
    loss, its gradient by reverse mode and an Adam update), eager or compiled."""

    def prepare(b: Backend) -> Prepared | str:
        if b.name == "numpy":
            return "NumPy has no autodiff"
        values = cnn_values()
        last = b.name != "torch"  # (the images in the framework's layout)
        images = values["x"].transpose(0, 2, 3, 1) if last else values["x"]
        x = b.asarray(images)
        labels = values["y"].astype("int64" if b.name == "torch" else "int32")
        y = b.asarray(labels)
        torch_params = [values[k] for k in CNN_PARAMS]
        own = torch_params if b.name == "torch" else [other_layout(a) for a in torch_params]
        fw = b.fw
        native_params = [b.asarray(a) for a in own]
        if b.name == "torch" and not compiled:  # (eager torch code: leaves that need grads)
            native_params = [p.requires_grad_(True) for p in native_params]
        count = fw.zeros((), dtype=fw.int32)
        zeros = [fw.zeros_like(p) for p in native_params]
        step = native_cnn_step(b, compiled)
        keras_params = [b.asarray(other_layout(a)) for a in torch_params]  # (Keras' layout)

        def native() -> Any:
            return flat_step(step(native_params, count, zeros, zeros, x, y))

        fmt = "channels_last" if last else "channels_first"
        spatial = (1, 2) if last else (2, 3)

        def generic(lib: Any) -> Call:
            nn = lib.nn
            opt = lib.optim.adam(learning_rate=LEARNING_RATE, b1=B1, b2=B2, eps=EPS)

            def loss_fn(p: Any, x: Any, y: Any) -> Any:
                h = nn.relu(nn.conv2d(x, p["c1"], p["b1"], padding=1, data_format=fmt))
                h = nn.max_pool2d(h, 2, data_format=fmt)
                h = nn.relu(nn.conv2d(h, p["c2"], p["b2"], padding=1, data_format=fmt))
                return nn.cross_entropy(nn.linear(h.mean(axis=spatial), p["w"], p["b"]), y)

            def train_step(params: Any, state: Any, x: Any, y: Any) -> Any:
                loss, grads = lib.value_and_grad(loss_fn, params, x, y)
                params, state = opt.update(grads, state, params)
                return loss, params, state

            run = lib.jit(train_step) if compiled else train_step
            params = {k: lib.astensor(b.asarray(values[k])) for k in CNN_PARAMS}
            state = opt.init(params)

            def call() -> Any:
                loss, new, s = run(params, state, lib.astensor(x), lib.astensor(y))
                return (
                    loss.raw,
                    *[new[k].raw for k in CNN_PARAMS],
                    s.count.raw,
                    *[s.mu[k].raw for k in CNN_PARAMS],
                    *[s.nu[k].raw for k in CNN_PARAMS],
                )

            return call

        def keras(ops: Any) -> Call:
            keras_step = keras_cnn_step(b, ops, last, compiled)
            keras_zeros = [ops.zeros_like(p) for p in keras_params]
            return lambda: flat_step(
                keras_step(keras_params, count, keras_zeros, keras_zeros, x, y)
            )

        compare = {"keras.ops": torch_layout}
        if b.name != "torch":
            compare["native"] = torch_layout
        return Prepared(native, generic, {"keras.ops": keras}, compare)

    return prepare


# ---------------------------------------------------------------------------- attention
def native_block(b: Backend) -> Callable[[Any, Any], Any]:
    """The transformer block ``(params, x)`` natively (params a dict: torch's layout on
    torch, ``(in, out)`` weights elsewhere)."""
    fw = b.fw
    batch, heads, width = 8, HEADS, WIDTH
    per = width // heads
    if b.name == "torch":
        nnf = fw.nn.functional

        def torch_block(p: Any, x: Any) -> Any:
            h = nnf.layer_norm(x, (width,), p["ln1_w"], p["ln1_b"], LN_EPS)

            def split(t: Any) -> Any:
                return t.view(batch, TOKENS, heads, per).transpose(1, 2)

            q = split(nnf.linear(h, p["wq"], p["bq"]))
            k = split(nnf.linear(h, p["wk"], p["bk"]))
            v = split(nnf.linear(h, p["wv"], p["bv"]))
            a = nnf.scaled_dot_product_attention(q, k, v, is_causal=True)
            x = x + nnf.linear(a.transpose(1, 2).reshape(batch, TOKENS, width), p["wo"], p["bo"])
            h = nnf.layer_norm(x, (width,), p["ln2_w"], p["ln2_b"], LN_EPS)
            h = nnf.gelu(nnf.linear(h, p["w1"], p["b1"]), approximate="tanh")
            return x + nnf.linear(h, p["w2"], p["b2"])

        return torch_block
    if b.name == "jax":
        jax = b.jax

        def layer_norm(x: Any, w: Any, bias: Any) -> Any:
            mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
            return (x - mean) * jax.lax.rsqrt(var + LN_EPS) * w + bias

        def jax_block(p: Any, x: Any) -> Any:
            h = layer_norm(x, p["ln1_w"], p["ln1_b"])
            shape = (batch, TOKENS, heads, per)  # (jax.nn's layout: heads after tokens)
            q = (h @ p["wq"] + p["bq"]).reshape(shape)
            k = (h @ p["wk"] + p["bk"]).reshape(shape)
            v = (h @ p["wv"] + p["bv"]).reshape(shape)
            a = jax.nn.dot_product_attention(q, k, v, is_causal=True)
            x = x + a.reshape(batch, TOKENS, width) @ p["wo"] + p["bo"]
            h = layer_norm(x, p["ln2_w"], p["ln2_b"])
            h = jax.nn.gelu(h @ p["w1"] + p["b1"], approximate=True)
            return x + h @ p["w2"] + p["b2"]

        return jax_block
    if b.name == "tensorflow":

        def tf_layer_norm(x: Any, w: Any, bias: Any) -> Any:
            mean, var = fw.nn.moments(x, axes=[-1], keepdims=True)
            return (x - mean) * fw.math.rsqrt(var + LN_EPS) * w + bias

        def tf_block(p: Any, x: Any) -> Any:
            h = tf_layer_norm(x, p["ln1_w"], p["ln1_b"])

            def split(t: Any) -> Any:
                return fw.transpose(fw.reshape(t, (batch, TOKENS, heads, per)), (0, 2, 1, 3))

            q = split(fw.matmul(h, p["wq"]) + p["bq"])
            k = split(fw.matmul(h, p["wk"]) + p["bk"])
            v = split(fw.matmul(h, p["wv"]) + p["bv"])
            scores = fw.matmul(q, k, transpose_b=True) * (1.0 / math.sqrt(per))
            causal = fw.cast(fw.linalg.band_part(fw.ones((TOKENS, TOKENS)), -1, 0), fw.bool)
            a = fw.matmul(fw.nn.softmax(fw.where(causal, scores, -math.inf)), v)
            a = fw.reshape(fw.transpose(a, (0, 2, 1, 3)), (batch, TOKENS, width))
            x = x + fw.matmul(a, p["wo"]) + p["bo"]
            h = tf_layer_norm(x, p["ln2_w"], p["ln2_b"])
            h = fw.nn.gelu(fw.matmul(h, p["w1"]) + p["b1"], approximate=True)
            return x + fw.matmul(h, p["w2"]) + p["b2"]

        return tf_block
    np = fw

    def np_layer_norm(x: Any, w: Any, bias: Any) -> Any:
        mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + LN_EPS) * w + bias

    def np_block(p: Any, x: Any) -> Any:
        h = np_layer_norm(x, p["ln1_w"], p["ln1_b"])

        def split(t: Any) -> Any:
            return t.reshape(batch, TOKENS, heads, per).transpose(0, 2, 1, 3)

        q = split(h @ p["wq"] + p["bq"])
        k = split(h @ p["wk"] + p["bk"])
        v = split(h @ p["wv"] + p["bv"])
        scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1.0 / math.sqrt(per))
        causal = np.tril(np.ones((TOKENS, TOKENS), dtype=bool))
        scores = np.where(causal, scores, -np.inf)
        e = np.exp(scores - scores.max(-1, keepdims=True))
        a = (e / e.sum(-1, keepdims=True)) @ v
        x = x + a.transpose(0, 2, 1, 3).reshape(batch, TOKENS, width) @ p["wo"] + p["bo"]
        h = np_layer_norm(x, p["ln2_w"], p["ln2_b"]) @ p["w1"] + p["b1"]
        h = 0.5 * h * (1.0 + np.tanh(np.float32(GELU_C) * (h + np.float32(0.044715) * h * h * h)))
        return x + h @ p["w2"] + p["b2"]

    return np_block


def keras_block(ops: Any) -> Callable[[Any, Any], Any]:
    """The transformer block with keras.ops (``(in, out)`` kernels)."""
    batch, per = 8, WIDTH // HEADS

    def block(p: Any, x: Any) -> Any:
        h = ops.layer_normalization(x, p["ln1_w"], p["ln1_b"], epsilon=LN_EPS)
        shape = (batch, TOKENS, HEADS, per)  # (keras' layout: heads after tokens)
        q = ops.reshape(ops.matmul(h, p["wq"]) + p["bq"], shape)
        k = ops.reshape(ops.matmul(h, p["wk"]) + p["bk"], shape)
        v = ops.reshape(ops.matmul(h, p["wv"]) + p["bv"], shape)
        a = ops.reshape(ops.dot_product_attention(q, k, v, is_causal=True), (batch, TOKENS, WIDTH))
        x = x + ops.matmul(a, p["wo"]) + p["bo"]
        h = ops.layer_normalization(x, p["ln2_w"], p["ln2_b"], epsilon=LN_EPS)
        h = ops.gelu(ops.matmul(h, p["w1"]) + p["b1"], approximate=True)
        return x + ops.matmul(h, p["w2"]) + p["b2"]

    return block


def attention_case(compiled: bool) -> Callable[[Backend], Prepared | str]:
    """A pre-norm transformer block's forward pass, batch 8, 32 tokens of width 64:
    layer norm, q/k/v projections, 4-head causal scaled dot-product attention, output
    projection and residual, layer norm, GELU (tanh) MLP 64 -> 256 -> 64 and residual;
    eager or compiled."""

    def prepare(b: Backend) -> Prepared:
        values = block_values()
        x = b.asarray(values["x"])
        torch_layout_params = {k: b.asarray(values[k]) for k in BLOCK_PARAMS}
        others = {k: b.asarray(other_layout(values[k])) for k in BLOCK_PARAMS}
        native_params = torch_layout_params if b.name == "torch" else others
        block = native_block(b)
        run = b.compiled(block) if compiled else block
        native: Call = lambda: run(native_params, x)  # noqa: E731

        def generic(lib: Any) -> Call:
            nn = lib.nn
            per = WIDTH // HEADS

            def transformer_block(p: Any, x: Any) -> Any:
                batch, tokens, width = x.shape
                h = nn.layer_norm(x, width, p["ln1_w"], p["ln1_b"], LN_EPS)

                def split(t: Any) -> Any:
                    return t.reshape((batch, tokens, HEADS, per)).transpose((0, 2, 1, 3))

                q = split(nn.linear(h, p["wq"], p["bq"]))
                k = split(nn.linear(h, p["wk"], p["bk"]))
                v = split(nn.linear(h, p["wv"], p["bv"]))
                a = nn.scaled_dot_product_attention(q, k, v, is_causal=True)
                a = a.transpose((0, 2, 1, 3)).reshape((batch, tokens, width))
                x = x + nn.linear(a, p["wo"], p["bo"])
                h = nn.layer_norm(x, width, p["ln2_w"], p["ln2_b"], LN_EPS)
                h = nn.gelu(nn.linear(h, p["w1"], p["b1"]), approximate="tanh")
                return x + nn.linear(h, p["w2"], p["b2"])

            f = lib.jit(transformer_block) if compiled else transformer_block
            params = {k: lib.astensor(v) for k, v in torch_layout_params.items()}
            return lambda: f(params, lib.astensor(x)).raw

        def keras(ops: Any) -> Call:
            block = keras_block(ops)
            f = b.compiled(block) if compiled else block
            return lambda: f(others, x)

        return Prepared(native, generic, {"keras.ops": keras})

    return prepare
