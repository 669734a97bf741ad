"""Pytrees: ``ep.tree_map``, ``ep.tree_leaves``, ``ep.tree_flatten``/``ep.tree_unflatten``
and ``ep.tree_structure`` (JAX's conventions, checked against ``jax.tree_util`` on the
same trees), and Tensors as nodes of each framework's own pytrees: JAX's tree_util,
torch's ``torch.utils._pytree`` (so ``torch.func`` transforms take and return them),
TensorFlow's nest (so ``tf.function`` and autograph's loops carry them)."""

from __future__ import annotations

from collections import namedtuple
from typing import Any

import numpy as np
import pytest
from conftest import make

import eagerlite as ep

Point = namedtuple("Point", "x y")


def a_tree(backend: str) -> dict[str, Any]:
    return {
        "w": make(backend, np.arange(6.0).reshape(2, 3)),
        "layers": [make(backend, np.ones(2)), (None, make(backend, np.array(3.0)))],
        "point": Point(1.5, make(backend, np.array([-1.0, 1.0]))),
    }


def test_flatten_unflatten_and_map(backend: str) -> None:
    tree = a_tree(backend)
    leaves, treedef = ep.tree_flatten(tree)
    assert [type(leaf).__name__ for leaf in leaves].count(type(tree["w"]).__name__) == 4
    assert leaves[3] == 1.5 and treedef.num_leaves == 6 - 1  # (None: a node, no leaf)
    rebuilt = ep.tree_unflatten(treedef, leaves)
    assert ep.tree_structure(rebuilt) == treedef
    assert rebuilt["layers"][1][0] is None and type(rebuilt["point"]) is Point
    doubled = ep.tree_map(lambda t: t * 2, tree)
    np.testing.assert_allclose(doubled["point"].y.numpy(), [-2.0, 2.0])
    assert doubled["point"].x == 3.0
    summed = ep.tree_map(lambda a, b: a + b, tree, doubled)
    np.testing.assert_allclose(summed["w"].numpy(), np.arange(6.0).reshape(2, 3) * 3)
    assert ep.tree_leaves(tree, is_leaf=lambda n: isinstance(n, Point))[-1] is tree["point"]


def test_the_conventions_of_jax_tree_util() -> None:
    import jax

    tree = {"b": [1, (2, None)], "a": Point(3, {"c": 4})}
    assert ep.tree_leaves(tree) == [1, 2, 3, 4]  # (dicts in their own order)
    assert jax.tree_util.tree_leaves(tree) == [3, 4, 1, 2]  # (JAX sorts the keys)
    assert ep.tree_map(lambda v: v * 10, tree) == jax.tree_util.tree_map(lambda v: v * 10, tree)
    assert ep.tree_structure([1, 2]) != ep.tree_structure((1, 2))
    assert ep.tree_structure({"a": 1}) == ep.tree_structure({"a": 5.0})
    assert hash(ep.tree_structure({"a": 1})) == hash(ep.tree_structure({"a": 5.0}))
    assert ep.tree_map(lambda a, b: a - b, {"x": 1, "y": 2}, {"y": 1, "x": 1}) == {"x": 0, "y": 1}


def test_bad_input() -> None:
    with pytest.raises(ValueError, match=r"tree 2 differs from the first at \[1\]: int where"):
        ep.tree_map(lambda a, b: a, [1, [2]], [1, 2])
    with pytest.raises(ValueError, match="keys"):
        ep.tree_map(lambda a, b: a, {"a": 1}, {"b": 1})
    with pytest.raises(ValueError, match="tree_unflatten got 1 leaves for a structure with 2"):
        ep.tree_unflatten(ep.tree_structure([1, 2]), [1])
    with pytest.raises(TypeError, match="expects the TreeDef that tree_flatten returns"):
        ep.tree_unflatten([1, 2], [1, 2])  # type: ignore[arg-type]


def test_torch_pytrees_and_torch_func_carry_tensors() -> None:
    torch = pytest.importorskip("torch")
    from torch.utils import _pytree

    x = make("torch", np.arange(6.0).reshape(2, 3))
    leaves, spec = _pytree.tree_flatten({"x": x})
    assert len(leaves) == 1 and type(leaves[0]) is torch.Tensor
    assert type(_pytree.tree_unflatten(leaves, spec)["x"]) is type(x)
    per_row = torch.func.vmap(lambda t: (t * t).sum())(x)
    assert type(per_row) is type(x)
    np.testing.assert_allclose(per_row.numpy(), [5.0, 50.0])
    grad = torch.func.grad(lambda t: (t * t).sum().raw)(x)
    np.testing.assert_allclose(grad.numpy(), 2 * x.numpy())


def test_tensorflow_nest_and_autograph_loops_carry_tensors() -> None:
    tf = pytest.importorskip("tensorflow")

    x = make("tensorflow", np.array([1.0, 2.0]))
    assert type(tf.nest.flatten({"x": x})[0]) is not type(x)
    assert type(tf.nest.map_structure(lambda t: t * 2, {"x": x})["x"]) is type(x)

    @tf.function
    def grow(v: Any) -> Any:
        while tf.reduce_sum(v.raw) < 100.0:  # (autograph: a tf.while_loop carrying v)
            v = v * 2
        return v

    out = grow(x)
    assert type(out) is type(x)
    np.testing.assert_allclose(out.numpy(), [64.0, 128.0])
    grow(make("tensorflow", np.array([3.0, 4.0])))  # (same shape: no new trace)
    assert grow.experimental_get_tracing_count() == 1


def test_jax_tree_util_carries_tensors() -> None:
    jax = pytest.importorskip("jax")

    x = make("jax", np.array([1.0, 2.0]))
    assert type(jax.tree_util.tree_map(lambda r: r * 2, {"x": x})["x"]) is type(x)
    assert type(jax.jit(lambda t: t * 2)(x)) is type(x)
