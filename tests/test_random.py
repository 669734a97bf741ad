"""Random numbers: the implicit form (ep.seed) and the explicit, keyed form, on every backend."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from conftest import make

import eagerlite as ep


@pytest.mark.parametrize("fn", ["uniform", "normal"])
def test_same_key_same_numbers(backend: str, fn: str) -> None:
    t = make(backend, np.zeros(3, np.float32))
    draw = getattr(ep, fn)
    a, b, c = draw(t, (4, 5), key=7), draw(t, (4, 5), key=7), draw(t, (4, 5), key=8)
    assert a.shape == (4, 5) and type(a) is type(t) and a.dtype == t.dtype
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    assert not np.array_equal(a.numpy(), c.numpy())
    method = getattr(t, fn)((4, 5), key=7)  # the method form takes the key too
    np.testing.assert_array_equal(method.numpy(), a.numpy())


def test_keyed_uniform_range(backend: str) -> None:
    t = make(backend, np.zeros(3, np.float64))
    x = t.uniform((1000,), -2.0, 3.0, key=1).numpy()
    assert x.min() >= -2.0 and x.max() < 3.0 and 0.0 < x.mean() < 1.0


@pytest.mark.parametrize("fn", ["uniform", "normal"])
def test_seed_makes_implicit_numbers_reproducible(backend: str, fn: str) -> None:
    t = make(backend, np.zeros(3, np.float32))
    ep.seed(123)
    first = [getattr(t, fn)((3,)).numpy() for _ in range(2)]
    ep.seed(123)
    second = [getattr(t, fn)((3,)).numpy() for _ in range(2)]
    np.testing.assert_array_equal(first, second)
    assert not np.array_equal(first[0], first[1])  # successive draws differ


def test_jax_keys_under_jit() -> None:
    jax = pytest.importorskip("jax")
    jnp = pytest.importorskip("jax.numpy")
    t = ep.astensor(jnp.zeros(3, jnp.float32))

    @jax.jit
    def draw(key: Any) -> Any:
        return ep.uniform(t, (5,), key=key).raw + ep.normal(t, (5,), key=key).raw

    key = jax.random.key(4)
    eager = ep.uniform(t, (5,), key=key).raw + ep.normal(t, (5,), key=key).raw
    np.testing.assert_allclose(draw(key), eager, rtol=1e-6)
    assert not np.allclose(draw(jax.random.key(5)), eager)
    np.testing.assert_array_equal(  # an int seed is the same as jax.random.key(seed)
        ep.uniform(t, (5,), key=4).raw, ep.uniform(t, (5,), key=key).raw
    )


def test_jax_implicit_numbers_under_jit_leak_no_tracer() -> None:
    jax = pytest.importorskip("jax")
    jnp = pytest.importorskip("jax.numpy")
    f = jax.jit(lambda x: (ep.astensor(x) + ep.astensor(x).uniform((3,))).raw)
    f(jnp.zeros(3))
    ep.astensor(jnp.zeros(3)).uniform((3,))  # no leaked tracer in the global key state


@pytest.mark.parametrize("seed_kind", ["int", "tensor"])
def test_tf_keys_under_tf_function(seed_kind: str) -> None:
    tf = pytest.importorskip("tensorflow")
    t = ep.astensor(tf.zeros(3))
    key = 3 if seed_kind == "int" else tf.constant([3, 0], tf.int64)

    @tf.function
    def draw(x: Any) -> Any:
        return ep.uniform(ep.astensor(x), (5,), key=key).raw

    np.testing.assert_array_equal(draw(t.raw).numpy(), ep.uniform(t, (5,), key=key).numpy())
    np.testing.assert_array_equal(draw(t.raw).numpy(), draw(t.raw).numpy())
