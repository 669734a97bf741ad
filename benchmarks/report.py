"""The benchmark suite's output (see run.py): the table, the machine description for the
JSON, and the optional plot (matplotlib)."""

from __future__ import annotations

import datetime
import importlib
import os
import platform
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from _harness import BACKENDS, IMPORT_TARGET_MS, LABELS, Backend, Row, Timing
from cases import CASES

COLUMNS = (
    f"{'case':<24}{'backend':<12}{'native us':>17}{'eagerlite us':>17}{'ratio':>7}"
    f"  {'target':<12}{'eagerpy us':>17}{'ratio':>7}"
)


def fmt_timing(t: Timing | None) -> str:
    if t is None:
        return "-"
    return f"{t.median_us:.2f} ±{t.spread * 100:.0f}%"


def fmt_row(row: Row) -> str:
    head = f"{row.case.title:<24}{LABELS[row.backend]:<12}"
    if row.status != "ok":
        return head + f"{row.status}: {row.note}"
    ratio = row.ratio(row.eagerlite)
    if row.case.absolute:
        assert row.native is not None and row.eagerlite is not None
        mark = f"+{row.eagerlite.median_us - row.native.median_us:.2f} us net"
    elif row.target is None:
        mark = "-"
    else:
        mark = f"<={row.target:g} {'ok' if row.met else 'MISS'}"
    ep_ratio = row.ratio(row.eagerpy)
    ep_timing = "n/a" if row.case.eagerpy_na else fmt_timing(row.eagerpy)
    return (
        head
        + f"{fmt_timing(row.native):>17}{fmt_timing(row.eagerlite):>17}"
        + f"{'-' if ratio is None else f'{ratio:.2f}':>7}  {mark:<12}"
        + f"{ep_timing:>17}{'-' if ep_ratio is None else f'{ep_ratio:.2f}':>7}"
    )


def fmt_import(result: Mapping[str, object]) -> str:
    median = result["median_ms"]
    assert isinstance(median, float)
    frameworks = result["frameworks_imported"]
    mark = f"<{IMPORT_TARGET_MS:g} ms {'ok' if result['met'] else 'MISS'}"
    line = f"{'import eagerlite':<24}{'-':<12}{median:>14.1f} ms{'':>24}  {mark}"
    if "eagerpy_median_ms" in result:
        line += f"  (eagerpy {result['eagerpy_median_ms']:.1f} ms)"
    return line + f"; frameworks imported: {frameworks or 'none'}"


PLOT_CAP = 2.5  # the ratio axis ends here, so that the overhead cases stay readable


def plot(rows: Sequence[Row], path: Path) -> None:
    """Ratio to native per case, one bar per backend, targets as short black lines."""
    try:  # (imported by name: matplotlib is optional, also for mypy)
        matplotlib: Any = importlib.import_module("matplotlib")
        matplotlib.use("Agg")
        plt: Any = importlib.import_module("matplotlib.pyplot")
    except ImportError:
        print("plot skipped: matplotlib is not installed (pip install eagerlite[bench])")
        return
    cases = [c for c in CASES.values() if any(r.case is c and r.ratio(r.eagerlite) for r in rows)]
    backends = [b for b in BACKENDS if any(r.backend == b for r in rows)]
    width = 0.8 / max(1, len(backends))
    fig, ax = plt.subplots(figsize=(1.8 + 1.6 * len(cases), 4.5))
    for j, name in enumerate(backends):
        for i, case in enumerate(cases):
            row = next((r for r in rows if r.case is case and r.backend == name), None)
            ratio = row.ratio(row.eagerlite) if row else None
            if row is None or ratio is None:
                continue
            x = i - 0.4 + width * (j + 0.5)
            shown = min(ratio, PLOT_CAP)  # taller bars are cut, their value written on top
            ax.bar(x, shown, width, color=f"C{j}", label=LABELS[name] if i == 0 else None)
            if ratio > PLOT_CAP:
                ax.text(x, PLOT_CAP, f"{ratio:.0f}x", ha="center", va="bottom", fontsize=7)
            if row.target is not None:
                ax.hlines(row.target, x - width / 2, x + width / 2, colors="black")
    ax.axhline(1.0, color="gray", linewidth=1)
    ax.set_ylim(0, PLOT_CAP * 1.1)
    ax.set_xticks(range(len(cases)), [c.title for c in cases], rotation=15, ha="right")
    ax.set_ylabel("time eagerlite / native")
    ax.set_title("eagerlite overhead (black lines: targets)")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys())
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    print(f"plot written to {path}")


def machine_info(threads: int, loaded: Mapping[str, Backend], eagerpy: Any) -> dict[str, object]:
    cpu = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"^model name\s*:\s*(.*)$", cpuinfo.read_text(), re.M)
        cpu = names[0] if names else cpu
    import eagerlite

    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "threads": threads,
        "thread_env": {
            v: os.environ.get(v)
            for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "XLA_FLAGS")
        },
        "versions": {
            "eagerlite": eagerlite.__version__,
            "eagerpy": getattr(eagerpy, "__version__", "unknown") if eagerpy else None,
            **{name: b.version for name, b in loaded.items()},
        },
        "framework_threads": {name: b.threads for name, b in loaded.items()},
    }
