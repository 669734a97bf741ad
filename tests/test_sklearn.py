"""scikit-learn on eagerlite Tensors: its estimators with ``array_api_dispatch=True`` find our
Tensor face through ``__array_namespace__`` and use the array object's methods and
operators (``m @ v`` with a vector, ``reshape(-1, 1)``, ``clip(max=...)``): their results
equal scikit-learn's on NumPy.

scikit-learn is an optional test dependency (skipped without it).  Its array API support
needs ``SCIPY_ARRAY_API=1`` before SciPy is imported, which this session has done
already (JAX imports it): the estimators run in a fresh interpreter.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from conftest import INSTALLED

pytest.importorskip("sklearn", reason="scikit-learn (an optional test dependency)")

SCRIPT = r"""
import json, sys
import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import Ridge
from sklearn.metrics.pairwise import rbf_kernel
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

import eagerlite as ep

framework = sys.argv[1]
rng = np.random.default_rng(0)
X = rng.normal(size=(40, 5))
y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(np.int64)
target = X @ np.arange(1.0, 6.0) + 0.1 * rng.normal(size=40)


def tensor(a):
    if framework == "torch":
        import torch

        return ep.astensor(torch.asarray(a))
    import tensorflow as tf

    return ep.astensor(tf.constant(a))


def native(result):
    result = result.raw if isinstance(result, ep.Tensor) else result
    return np.asarray(result)


ESTIMATORS = {
    "LinearDiscriminantAnalysis": (lambda: LinearDiscriminantAnalysis(), y, "predict_proba"),
    "Ridge(solver='svd')": (lambda: Ridge(alpha=0.5, solver="svd"), target, "predict"),
    "PCA": (lambda: PCA(n_components=3), None, "transform"),
    "StandardScaler": (lambda: StandardScaler(), None, "transform"),
}
out = {}
for name, (make, labels, method) in ESTIMATORS.items():
    expected = getattr(make().fit(X, labels), method)(X)
    with sklearn.config_context(array_api_dispatch=True):
        Xt = tensor(X)
        yt = None if labels is None else tensor(labels)
        got = getattr(make().fit(Xt, yt), method)(Xt)
    out[name] = {
        "kind": type(got).__name__,
        "error": float(np.max(np.abs(native(got) - expected))),
        "scale": float(np.max(np.abs(expected))),
    }
# KernelRidge(kernel="rbf"): its kernel is array API code, its solver is NumPy's only
# (K.flat: native torch tensors fail there too, in scikit-learn 1.9)
with sklearn.config_context(array_api_dispatch=True):
    got = rbf_kernel(tensor(X), gamma=0.3)
    expected = rbf_kernel(X, gamma=0.3)
    out["rbf_kernel (KernelRidge's)"] = {
        "kind": type(got).__name__,
        "error": float(np.max(np.abs(native(got) - expected))),
        "scale": 1.0,
    }
with sklearn.config_context(array_api_dispatch=True):  # (TF aborted here: unaligned DLPack)
    parts = train_test_split(tensor(X), tensor(y), test_size=0.25, random_state=0)
    expected = train_test_split(X, y, test_size=0.25, random_state=0)
    out["train_test_split"] = {
        "kind": type(parts[0]).__name__,
        "error": max(float(np.max(np.abs(native(p) - e))) for p, e in zip(parts, expected)),
        "scale": 1.0,
    }
# KernelRidge itself: scikit-learn 1.9's solver writes ``K.flat[::n + 1] += alpha``, which
# no array API array offers (native torch tensors fail there as well): recorded, per input
from sklearn.kernel_ridge import KernelRidge

def native_torch(a):
    import torch

    return torch.asarray(a)


failed = {}
for kind, make in (("eagerlite", tensor), ("native torch", native_torch)):
    with sklearn.config_context(array_api_dispatch=True):
        try:
            KernelRidge(kernel="rbf").fit(make(X), make(target))
        except Exception as error:
            failed[kind] = f"{type(error).__name__}: {error}"
out["KernelRidge failures"] = failed
print(json.dumps(out))
"""


FRAMEWORKS = pytest.mark.parametrize("framework", ["torch", "tensorflow"])


@functools.cache
def results(framework: str) -> dict[str, Any]:
    """The script's findings for ``framework`` (one interpreter per framework and process)."""
    if framework not in INSTALLED or "torch" not in INSTALLED:
        pytest.skip(f"{framework} or torch is not installed")
    env = {**os.environ, "SCIPY_ARRAY_API": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, framework],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


@FRAMEWORKS
def test_estimators_on_eagerlite_tensors_equal_numpy(framework: str) -> None:
    for name, found in results(framework).items():
        if name == "KernelRidge failures":
            continue
        assert found["kind"].endswith("Tensor"), (name, found)  # eagerlite Tensors back
        assert found["error"] <= 1e-8 * max(found["scale"], 1.0), (name, found)


@FRAMEWORKS
def test_kernel_ridge_fails_only_where_native_tensors_fail(framework: str) -> None:
    failed = results(framework)["KernelRidge failures"]
    if failed:
        # only scikit-learn's own limit may stop it: its native torch tensors fail alike
        for found in (failed.get("eagerlite", ""), failed.get("native torch", "")):
            assert found.startswith("AttributeError") and "'flat'" in found, failed
        pytest.xfail(f"scikit-learn 1.9's KernelRidge solver uses K.flat: {failed}")
