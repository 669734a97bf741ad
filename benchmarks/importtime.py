"""The import-time measurement of the benchmark suite (see run.py).

``import eagerlite`` is timed against ``import typing`` in the same run: the ratio of
the two medians is what the target (issue 20) judges, since absolute import times move
with the machine and its load much more than the ratio of two imports measured
alternately.  ``import array_api_compat`` and ``import eagerpy`` are measured beside them
for reference.  Each time is the cumulative ``python -X importtime`` entry of the module
in a fresh interpreter, with compiled bytecode as after an install.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence

from _harness import ROOT, first_line

# (issue 20) ``import eagerlite`` within 1.3x of ``import typing`` in the same run, still
# loading no framework.
IMPORT_TARGET_RATIO = 1.3
BASELINE = "typing"
FRAMEWORKS = ("numpy", "torch", "tensorflow", "jax")


def python_env() -> dict[str, str]:
    env = dict(os.environ)
    # Installed packages have their bytecode; an environment that forbids writing .pyc
    # files would make every measured import compile the sources instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


def import_once_ms(module: str) -> float:
    """The cumulative ``-X importtime`` entry of ``module`` in a fresh interpreter, in ms."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        env=python_env(),
        cwd=ROOT,
        check=False,
    )
    if result.returncode:
        last = result.stderr.strip().splitlines()[-1:] or ["(no output)"]
        raise RuntimeError(f"import {module} failed: {last[0]}")
    for line in result.stderr.splitlines():
        parts = line.split("|")  # "import time: self | cumulative | name", name indented
        if len(parts) == 3 and parts[2].strip() == module and parts[2].startswith(" " + module):
            return int(parts[1]) / 1000
    raise RuntimeError(f"no importtime entry for {module}: {result.stderr[-500:]}")


def import_times_ms(modules: Sequence[str], runs: int) -> dict[str, list[float] | str]:
    """``runs`` import times of each module, the modules alternating in each round (so that
    a slow moment of the machine hits all of them alike); a module that fails to import
    gets the reason instead.  The first round (cold caches, maybe .pyc writes) is
    discarded."""
    times: dict[str, list[float] | str] = {m: [] for m in modules}
    for i in range(runs + 1):
        for module in modules:
            runs_ms = times[module]
            if isinstance(runs_ms, str):
                continue
            try:
                ms = import_once_ms(module)
            except Exception as e:
                times[module] = first_line(e)
                continue
            if i:
                runs_ms.append(ms)
    return times


def frameworks_imported_by_eagerlite() -> list[str]:
    code = (
        "import eagerlite, json, sys; "
        f"print(json.dumps([m for m in {FRAMEWORKS!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=python_env(),
        cwd=ROOT,
        check=True,
    )
    found: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def measure_import(runs: int, with_eagerpy: bool) -> dict[str, object]:
    """The import times of eagerlite, typing (the baseline), array_api_compat and eagerpy
    (those installed), their ratios to typing, and whether eagerlite meets its target."""
    peers = ["array_api_compat", *(["eagerpy"] if with_eagerpy else [])]
    installed = [m for m in peers if importlib.util.find_spec(m) is not None]
    times = import_times_ms([BASELINE, "eagerlite", *installed], runs)
    modules: dict[str, dict[str, object]] = {}
    for module in [BASELINE, "eagerlite", *peers]:
        runs_ms = times.get(module, "not installed")
        if isinstance(runs_ms, str):
            modules[module] = {"error": runs_ms}
        else:
            modules[module] = {
                "median_ms": statistics.median(runs_ms),
                "min_ms": min(runs_ms),
                "max_ms": max(runs_ms),
                "runs_ms": runs_ms,
            }
    base = modules[BASELINE].get("median_ms")
    for entry in modules.values():
        median = entry.get("median_ms")
        ratio = None
        if isinstance(median, float) and isinstance(base, float) and base > 0:
            ratio = median / base
        entry[f"ratio_to_{BASELINE}"] = ratio
    own = modules["eagerlite"]
    if "error" in own:
        raise RuntimeError(f"import eagerlite: {own['error']}")
    frameworks = frameworks_imported_by_eagerlite()
    own_ratio = own[f"ratio_to_{BASELINE}"]
    result: dict[str, object] = {
        # eagerlite's own entries first, where the earlier results had them
        **{k: own[k] for k in ("median_ms", "min_ms", "max_ms", "runs_ms")},
        "baseline": BASELINE,
        "baseline_median_ms": base,
        "ratio": own_ratio,
        "target_ratio": IMPORT_TARGET_RATIO,
        "met": (
            isinstance(own_ratio, float) and own_ratio <= IMPORT_TARGET_RATIO and not frameworks
        ),
        "frameworks_imported": frameworks,
        "array_api_compat_ratio": modules["array_api_compat"][f"ratio_to_{BASELINE}"],
        "modules": modules,
    }
    if with_eagerpy:
        eagerpy = modules["eagerpy"]
        if "median_ms" in eagerpy:
            result["eagerpy_median_ms"] = eagerpy["median_ms"]
        else:
            result["eagerpy_error"] = eagerpy["error"]
    return result
