"""Smoke test of the benchmark suite (benchmarks/run.py): it runs and writes its JSON.

Only the mechanics are checked (tiny counts, no timing thresholds): the machine running
the tests is no place to judge speed.
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
XP_CASES = ("xp_chain20", "array_namespace")  # (EagerPy has no Array API namespace)
ABSOLUTE = ("roundtrip", "array_namespace")
CASES = (
    "l2_n10",
    "l2_n1e6",
    "chain20",
    *XP_CASES,
    "sum_axis",
    "value_and_grad",
    "roundtrip",
    *BRIDGE_CASES,
)


def run(*args: str, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("XLA_FLAGS", "PYTHONPATH")}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, str(RUN), *args], capture_output=True, text=True, env=env, timeout=120
    )


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
        autodiff = case == "value_and_grad" or case in BRIDGE_CASES
        # (the bridge cases on torch call a TensorFlow function: n/a without TensorFlow)
        if (autodiff and backend == "numpy") or (case in BRIDGE_CASES and not has_tf):
            assert row["status"] == "n/a" and row["native"] is None
            continue
        if case in BRIDGE_CASES or case in XP_CASES:
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
    imported = data["import"]
    assert imported["median_ms"] > 0 and imported["frameworks_imported"] == []


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
    # the plot is optional: drawn with matplotlib, else skipped with a message
    assert png.exists() or "plot skipped: matplotlib is not installed" in result.stdout


def test_list_and_bad_arguments() -> None:
    listed = run("--list")
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [*CASES, "import"]
    bad = run("--backends", "numpy,mxnet")
    assert bad.returncode == 2 and "unknown backend 'mxnet'" in bad.stderr
