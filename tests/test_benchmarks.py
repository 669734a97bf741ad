"""Smoke test of the benchmark suite (benchmarks/run.py): it runs and writes its JSON.

Only the mechanics are checked (tiny counts, no timing thresholds): the machine running
the tests is no place to judge speed.  That includes the peers' columns (those installed
get timings), the keras.ops child process and its merge into the rows, and the import
ratios.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"
BRIDGE_CASES = ("bridge_grad_n10", "bridge_grad_1e6")
TRANSFORM_CASES = ("per_example_grads", "hvp")  # (eagerlite only; no NumPy)
CONTROL_CASES = ("scan_rnn", "newton", "scan_rnn_jit", "newton_jit")  # (eagerlite only)
# (eagerlite and keras.ops; the training steps need autodiff: no NumPy)
NN_CASES = ("cnn_step", "attention", "cnn_step_jit", "attention_jit")
TRAINING_CASES = ("cnn_step", "cnn_step_jit")
XP_CASES = (
    "xp_chain20",
    "xp_chain20_tensors",
    "array_namespace",
)  # (EagerPy has no Array API namespace)
ABSOLUTE = ("roundtrip", "array_namespace")
COLUMNS = ("eagerlite", "eagerlite xp", "eagerpy", "array-api-compat", "autoray", "keras.ops")
STATUSES = {"ok", "n/a", "not installed", "error", "skipped"}
# the peers' packages, and the cases where each must have been timed (numpy and torch)
PEER_MODULES = {"eagerpy": "eagerpy", "array-api-compat": "array_api_compat", "autoray": "autoray"}
PEER_CASES = {
    "eagerlite xp": ("l2_n10", "l2_n1e6", "xp_chain20", "sum_axis"),
    "eagerpy": ("l2_n10", "l2_n1e6", "chain20", "sum_axis", "roundtrip"),
    "array-api-compat": ("l2_n10", "l2_n1e6", "xp_chain20", "array_namespace", "sum_axis"),
    "autoray": ("l2_n10", "l2_n1e6", "xp_chain20", "sum_axis"),
}
KERAS_CASES = ("l2_n10", "l2_n1e6", "xp_chain20", "sum_axis", "attention", "attention_jit")
CASES = (
    "l2_n10",
    "l2_n1e6",
    "chain20",
    *XP_CASES,
    "sum_axis",
    "value_and_grad",
    *TRANSFORM_CASES,
    *CONTROL_CASES,
    *NN_CASES,
    "roundtrip",
    *BRIDGE_CASES,
)


def run(*args: str, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("XLA_FLAGS", "PYTHONPATH")}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, str(RUN), *args], capture_output=True, text=True, env=env, timeout=300
    )


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def check_timing(timing: Any) -> None:
    assert timing["median_us"] > 0
    assert timing["min_us"] <= timing["median_us"] <= timing["max_us"]
    assert timing["calls_per_repeat"] >= 1
    assert len(timing["repeats_us"]) == 2


def test_quick_run_writes_results(tmp_path: Path) -> None:
    backends = ["numpy"] + (["torch"] if importlib.util.find_spec("torch") else [])
    out = tmp_path / "r.json"
    result = run("--quick", "--repeat", "2", "--backends", ",".join(backends), "--json", str(out))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "l2 norm, n=10" in result.stdout and "import eagerlite" in result.stdout

    data = json.loads(out.read_text())
    has_tf = importlib.util.find_spec("tensorflow") is not None
    assert data["machine"]["threads"] == 1
    assert data["machine"]["thread_env"]["OMP_NUM_THREADS"] == "1"
    assert set(backends) <= set(data["machine"]["versions"])
    rows = {(r["case"], r["backend"]): r for r in data["results"]}
    assert set(rows) == {(c, b) for c in CASES for b in backends}
    for (case, backend), row in rows.items():
        autodiff = case in ("value_and_grad", *TRANSFORM_CASES, *TRAINING_CASES, *BRIDGE_CASES)
        # (the bridge cases on torch call a TensorFlow function: n/a without TensorFlow)
        if (autodiff and backend == "numpy") or (case in BRIDGE_CASES and not has_tf):
            assert row["status"] == "n/a" and row["native"] is None
            continue
        if case in (*BRIDGE_CASES, *XP_CASES, *TRANSFORM_CASES, *CONTROL_CASES, *NN_CASES):
            assert row["eagerpy"] is None and row["eagerpy_error"].startswith("n/a")
        assert row["status"] == "ok", row
        check_timing(row["native"])
        check_timing(row["eagerlite"])
        if row["eagerpy"] is None:
            assert row["eagerpy_error"]  # the reason there is no EagerPy column
        if case in ABSOLUTE:
            assert row["ratio"] is None and row["overhead_us"] is not None
        else:
            assert row["ratio"] > 0
            assert (row["met"] is None) == (row["target"] is None)
    assert rows["l2_n10", "numpy"]["target"] == 1.3
    check_columns(rows, backends)
    check_keras_child(data, rows, backends)
    imported = data["import"]
    assert imported["median_ms"] > 0 and imported["frameworks_imported"] == []
    assert imported["baseline"] == "typing" and imported["baseline_median_ms"] > 0
    assert imported["ratio"] > 0 and imported["target_ratio"] == 1.3
    assert imported["met"] in (True, False)
    assert set(imported["modules"]) == {"typing", "eagerlite", "array_api_compat", "eagerpy"}
    if installed("array_api_compat"):
        assert imported["array_api_compat_ratio"] > 0
    if installed("eagerpy"):
        assert imported["eagerpy_median_ms"] > 0
    assert "import typing" in result.stdout and "import array_api_compat" in result.stdout


def check_columns(rows: dict[tuple[str, str], Any], backends: list[str]) -> None:
    """Every row has every column with a status (and why, where not timed); the peers
    that are installed got timings where they can express the case; the verdicts exist."""
    for (case, backend), row in rows.items():
        for key in ("xp_ratio", "xp_target", "xp_met", "best_peer", "best_peer_ratio", "ahead"):
            assert key in row
        assert set(row["wrappers"]) == set(COLUMNS)
        for column, cell in row["wrappers"].items():
            assert cell["status"] in STATUSES, (case, backend, column, cell)
            if cell["status"] == "ok":
                check_timing(cell["timing"])
                assert (cell["ratio"] is None) == (case in ABSOLUTE)
                assert cell["overhead_us"] is not None
            else:
                assert cell["timing"] is None and cell["ratio"] is None
                assert cell["note"], (case, backend, column)  # why it has no timing
        if row["status"] != "ok":
            continue
        assert row["wrappers"]["eagerlite"]["ratio"] == row["ratio"]
        if row["best_peer"] is not None:
            assert row["ahead"] in (True, False)
            assert row["wrappers"][row["best_peer"]]["status"] == "ok"
        else:
            assert row["ahead"] is None
        # (the native face's target: 1.05 on torch and JAX; xp_chain20 keeps issue 10's)
        if case == "l2_n10":
            assert row["xp_target"] == (1.05 if backend == "torch" else None)
        if case == "xp_chain20":
            assert row["xp_target"] is not None and row["xp_met"] in (True, False)
            assert row["target"] is None  # (the Tensor face of the chain has no target)
    for column, cases in PEER_CASES.items():
        if column in PEER_MODULES and not installed(PEER_MODULES[column]):
            assert all(r["wrappers"][column]["status"] == "not installed" for r in rows.values())
            continue
        for case in cases:
            for backend in backends:
                cell = rows[case, backend]["wrappers"][column]
                assert cell["status"] == "ok", (case, backend, column, cell)
    for backend in backends:  # what cannot be expressed says why
        for column in ("array-api-compat", "autoray", "keras.ops"):
            chain = rows["chain20", backend]["wrappers"][column]
            assert chain["status"] == "n/a" and "native code" in chain["note"]
            grad = rows["value_and_grad", backend]["wrappers"][column]
            assert grad["status"] == "n/a"
            assert backend == "numpy" or "no grad" in grad["note"]
        bridge = rows["bridge_grad_n10", backend]["wrappers"]["autoray"]
        assert bridge["status"] == "n/a"
        for case in NN_CASES:  # (eagerlite and keras.ops only)
            if rows[case, backend]["status"] != "ok":
                continue
            for column in ("eagerlite xp", "eagerpy", "array-api-compat", "autoray"):
                cell = rows[case, backend]["wrappers"][column]
                assert cell["status"] == "n/a" and cell["note"], (case, backend, column)


def check_keras_child(
    data: dict[str, Any], rows: dict[tuple[str, str], Any], backends: list[str]
) -> None:
    """--quick runs keras.ops in one child process, for the first backend: its timings and
    its own native timings are merged into the rows."""
    children = data["settings"]["keras_children"]
    if not installed("keras"):
        assert children == []
        for row in rows.values():
            assert row["wrappers"]["keras.ops"]["status"] in ("not installed", "n/a", "skipped")
        return
    assert [c["backend"] for c in children] == backends[:1]
    assert "error" not in children[0] and children[0]["threads"] == 1
    assert data["machine"]["versions"]["keras"]
    for case in KERAS_CASES:
        cell = rows[case, backends[0]]["wrappers"]["keras.ops"]
        assert cell["status"] == "ok", cell
        assert cell["measured_in"] == f"child process (KERAS_BACKEND={backends[0]})"
        check_timing(cell["timing"])
        check_timing(cell["native"])  # the child's own native timing, the ratio's base
        assert cell["ratio"] > 0
        for backend in backends[1:]:
            other = rows[case, backend]["wrappers"]["keras.ops"]
            assert other["status"] == "skipped" and "--quick" in other["note"]


def test_failing_eagerpy_is_reported_not_fatal(tmp_path: Path) -> None:
    """A (here: fake) EagerPy that fails gets "-" and its reason; the run goes on."""
    fake = tmp_path / "site" / "eagerpy"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "__version__ = '0.0-fake'\n\ndef astensor(x):\n    raise RuntimeError('fake breakage')\n"
    )
    out, png = tmp_path / "r.json", tmp_path / "plot.png"
    result = run(
        *("--quick", "--repeat", "1", "--backends", "numpy", "--cases", "l2_n10,roundtrip"),
        "--no-keras",
        *("--json", str(out), "--plot", str(png)),
        pythonpath=tmp_path / "site",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads(out.read_text())
    assert data["machine"]["versions"]["eagerpy"] == "0.0-fake"
    assert data["import"] is None
    for row in data["results"]:
        assert row["status"] == "ok" and row["eagerpy"] is None
        assert "fake breakage" in row["eagerpy_error"]
        assert row["wrappers"]["eagerpy"]["status"] == "error"  # the cell, not the row
        assert row["wrappers"]["keras.ops"]["status"] in ("skipped", "n/a")
    assert data["settings"]["keras_children"] == []
    keras = data["results"][0]["wrappers"]["keras.ops"]
    assert keras["note"] == "--no-keras" or not installed("keras")
    # the plot is optional: drawn with matplotlib, else skipped with a message
    assert png.exists() or "plot skipped: matplotlib is not installed" in result.stdout


def test_list_and_bad_arguments() -> None:
    listed = run("--list")
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [*CASES, "import"]
    bad = run("--backends", "numpy,mxnet")
    assert bad.returncode == 2 and "unknown backend 'mxnet'" in bad.stderr


def test_nn_layouts_round_trip() -> None:
    """The neural-network cases compare results kept in TensorFlow's and Keras' layouts
    after bringing them back to torch's: the two conversions are inverse."""
    import numpy as np

    sys.path.insert(0, str(RUN.parent))
    try:
        from nn_cases import CNN_PARAMS, cnn_values, other_layout, torch_layout
    finally:
        sys.path.remove(str(RUN.parent))
    values = cnn_values()
    params = [values[k] for k in CNN_PARAMS]
    moved = [other_layout(p) for p in params]
    assert moved[0].shape == (3, 3, 1, 8) and moved[4].shape == (16, 10)  # (kh, kw, in, out)
    for back, p in zip(torch_layout(moved), params, strict=True):
        assert back.shape == p.shape and np.array_equal(back, p)
