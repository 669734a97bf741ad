"""Shared fixtures: one test body runs on every installed backend and is compared with NumPy.

Stand-in devices: JAX gets 8 virtual CPU devices and TensorFlow 2 logical CPUs, so
device placement is tested without a GPU (set up here, before the frameworks start).
"""

from __future__ import annotations

import importlib.util
import json
import operator
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

if "--xla_force_host_platform_device_count" not in os.environ.get("XLA_FLAGS", ""):
    os.environ["XLA_FLAGS"] = (
        os.environ.get("XLA_FLAGS", "") + " --xla_force_host_platform_device_count=8"
    ).strip()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import eagerlite as ep

BACKENDS = ("numpy", "torch", "jax", "tensorflow")
INSTALLED = tuple(b for b in BACKENDS if importlib.util.find_spec(b) is not None)
CLASS_NAMES = {
    "numpy": "NumPyTensor",
    "torch": "PyTorchTensor",
    "jax": "JAXTensor",
    "tensorflow": "TensorFlowTensor",
}
GRAD_BACKENDS = tuple(b for b in BACKENDS if b != "numpy")
# Python's operators by symbol (shared by the operator tests and the property suite)
ARITHMETIC: dict[str, Any] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
}
COMPARISON: dict[str, Any] = {
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    ">=": operator.ge,
}
OPERATORS = {**ARITHMETIC, **COMPARISON}

# hypothesis examples run per backend by the property suites (tests/test_properties*.py)
EXAMPLES: Counter[str] = Counter()
# the capability matrix's cells: (row, framework, mode) -> (outcome, reason), written to
# CAPABILITIES_FILE at the end of a run (tests/capability_matrix.py makes the page)
CAPABILITIES: dict[tuple[str, str, str], tuple[str, str]] = {}
CAPABILITIES_FILE = Path(
    os.environ.get("EAGERLITE_CAPABILITIES_FILE")
    or Path(__file__).resolve().parent.parent / "build" / "capabilities.json"
)

if "jax" in INSTALLED:
    import jax

    jax.config.update("jax_enable_x64", True)  # float64 results are compared with NumPy

if "tensorflow" in INSTALLED:
    import tensorflow as tf

    _cpus = tf.config.list_physical_devices("CPU")
    tf.config.set_logical_device_configuration(
        _cpus[0], [tf.config.LogicalDeviceConfiguration()] * 2
    )


def run_fresh(script: str, *args: str, reason: str) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh interpreter with all three frameworks (skipped without one),
    without this session's settings (JAX's virtual devices, x64) and TensorFlow's log."""
    for name in ("torch", "tensorflow", "jax"):
        pytest.importorskip(name, reason=f"{reason} use {name}")
    env = {k: v for k, v in os.environ.items() if k != "XLA_FLAGS"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    command = [sys.executable, script, *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def _skip_missing(name: str) -> None:
    if name not in INSTALLED:
        pytest.skip(f"{name} is not installed")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of a backend: "numpy", "torch", "jax" or "tensorflow"."""
    _skip_missing(request.param)
    return str(request.param)


@pytest.fixture(params=GRAD_BACKENDS)
def grad_backend(request: pytest.FixtureRequest) -> str:
    """A backend with automatic differentiation."""
    _skip_missing(request.param)
    return str(request.param)


def native(backend: str, a: Any) -> Any:
    """The NumPy array (or array-like) ``a`` as a native tensor of ``backend``, dtype kept."""
    a = np.asarray(a)
    if backend == "numpy":
        return a.copy()
    if backend == "torch":
        import torch

        return torch.from_numpy(a.copy())
    if backend == "jax":
        import jax.numpy as jnp

        return jnp.asarray(a)
    import tensorflow as tf

    return tf.constant(a)


def numeric_grads(f: Callable[[list[Any]], Any], arrays: list[Any], eps: float = 1e-6) -> list[Any]:
    """Central finite differences of ``f`` (a number of a list of NumPy float64 arrays)
    with respect to each array: the reference of every gradient test."""
    grads = []
    for k, a in enumerate(arrays):
        g = np.zeros_like(a)
        for i in np.ndindex(a.shape):
            up = [b.copy() for b in arrays]
            down = [b.copy() for b in arrays]
            up[k][i] += eps
            down[k][i] -= eps
            g[i] = (float(f(up)) - float(f(down))) / (2 * eps)
        grads.append(g)
    return grads


def make(backend: str, a: Any) -> ep.Tensor[Any]:
    """``a`` as an eagerlite Tensor of ``backend``."""
    return ep.astensor(native(backend, a))


def tolerance(dtype: np.dtype[Any]) -> dict[str, float]:
    if dtype == np.float16:
        return {"rtol": 1e-3, "atol": 1e-3}
    if dtype in (np.float32, np.complex64):
        return {"rtol": 1e-5, "atol": 1e-6}
    return {"rtol": 1e-10, "atol": 1e-12}


def check(result: Any, expected: Any, backend: str, *, dtype: bool | str = True) -> None:
    """``result`` is a Tensor of ``backend`` equal to the NumPy array ``expected``.

    ``dtype=True`` compares dtypes exactly, ``"kind"`` only their kind (bool, int,
    float, ...), ``False`` not at all.
    """
    assert type(result).__name__ == CLASS_NAMES[backend], type(result)
    expected = np.asarray(expected)
    got = result.numpy()
    assert got.shape == expected.shape, (got.shape, expected.shape)
    if dtype is True:
        assert got.dtype == expected.dtype, (got.dtype, expected.dtype)
    elif dtype == "kind":
        assert got.dtype.kind == expected.dtype.kind, (got.dtype, expected.dtype)
    if expected.dtype.kind in "fc":
        np.testing.assert_allclose(got, expected, **tolerance(got.dtype), equal_nan=True)
    else:
        np.testing.assert_array_equal(got, expected)


def check_axis_forms(t: Any, name: str, axis: Any, expected: Any, backend: str) -> None:
    """``t.name(axis)``, ``ep.name(t, axis=axis)`` and, for ``axis=None``, ``t.name()``."""
    check(getattr(t, name)(axis), expected, backend)
    check(getattr(ep, name)(t, axis=axis), expected, backend)
    if axis is None:
        check(getattr(t, name)(), expected, backend)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line per backend: how many hypothesis examples the property suites ran."""
    if EXAMPLES:
        terminalreporter.section("hypothesis examples")
        for name in BACKENDS:
            if name in EXAMPLES:
                terminalreporter.write_line(f"{name}: {EXAMPLES[name]} examples")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for key, cell in report.user_properties:
        if key == "capability" and (report.when == "call" or report.outcome != "passed"):
            xfail = getattr(report, "wasxfail", None)
            outcome = "xfail" if xfail is not None else report.outcome
            CAPABILITIES[cell] = (outcome, xfail or "")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if hasattr(session.config, "workerinput"):
        return  # (a pytest-xdist worker: the controller has every cell, and writes them)
    if CAPABILITIES:
        CAPABILITIES_FILE.parent.mkdir(exist_ok=True)
        cells = [[*cell, *result] for cell, result in sorted(CAPABILITIES.items())]
        CAPABILITIES_FILE.write_text(json.dumps(cells, indent=0) + "\n")
