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

from _harness import BACKENDS, COLUMNS, LABELS, Backend, Row, Timing
from cases import CASES
from importtime import BASELINE, IMPORT_TARGET_RATIO
from peers import WRAPPERS

# the table: everything about eagerlite's Tensor face, then one ratio per other column
RATIO_COLUMNS = COLUMNS[1:]
TITLE_W = max(len(c.title) for c in CASES.values()) + 2  # (long titles used to run on)
BACKEND_W = max(len(label) for label in LABELS.values()) + 2
HEAD_W = TITLE_W + BACKEND_W
WIDTHS = {"eagerlite xp": 11}  # (xp: room for its target mark; the others: 9)
CELL_MARKS = {"n/a": "n/a", "not installed": "-", "error": "err", "skipped": "skip"}


def header() -> str:
    ratios = ""
    for column in RATIO_COLUMNS:
        name = WRAPPERS[column].header
        width = WIDTHS.get(column, 9)
        ratios += f"{name:>6}     " if column == "eagerlite xp" else f"{name:>{width}}"
    return (
        f"{'case':<{TITLE_W}}{'backend':<{BACKEND_W}}{'native us':>14}{'eagerlite us':>14}"
        f"{'ratio':>7}  {'target':<14}{ratios}  ahead"
    )


def legend(repeat: int, threads: int) -> list[str]:
    """What the table's columns and marks mean."""
    return [
        f"microseconds per call: median of {repeat} repeats, ±: half the interquartile range;"
        f" {threads} thread(s) per framework",
        "ratio: time / native time, in the same process, repeats interleaved; after 'target'"
        " ratios only:",
        "  xp: eagerlite's native face (ep.array_namespace of native arrays), ok/MISS: its target",
        "  aac: array-api-compat; keras: keras.ops, in a child process per backend"
        " (KERAS_BACKEND),",
        "    its ratio to that child's own native time",
        "  +N.NN: microseconds over native (absolute cases); n/a: the wrapper cannot express"
        " the case;",
        "    -: not installed; err: its result differed or it raised; skip: not measured"
        " (the JSON says why)",
        "  ahead: yes if eagerlite's ratio is at or below every peer's (eagerpy, aac,"
        " autoray, keras),",
        "    else no and the best peer",
    ]


def fmt_timing(t: Timing | None) -> str:
    if t is None:
        return "-"
    return f"{t.median_us:.2f} ±{t.spread * 100:.0f}%"


def fmt_cell(row: Row, column: str) -> str:
    """One ratio cell: the ratio, or the cost over native (absolute cases), or a mark."""
    cell = row.cell(column)
    if cell.status != "ok":
        return CELL_MARKS.get(cell.status, cell.status)
    if row.case.absolute:
        overhead = row.overhead_us(column)
        return "-" if overhead is None else f"+{overhead:.2f}"
    ratio = row.ratio(column)
    return "-" if ratio is None else f"{ratio:.2f}"


def fmt_row(row: Row) -> str:
    head = f"{row.case.title:<{TITLE_W}}{LABELS[row.backend]:<{BACKEND_W}}"
    if row.status != "ok":
        return head + f"{row.status}: {row.note}"
    ratio = row.ratio("eagerlite")
    if row.case.absolute:
        overhead = row.overhead_us("eagerlite")
        mark = "-" if overhead is None else f"+{overhead:.2f} us net"
    elif row.target is None:
        mark = "-"
    elif row.met is None:  # (a keras.ops child measures no eagerlite)
        mark = f"<={row.target:g}"
    else:
        mark = f"<={row.target:g} {'ok' if row.met else 'MISS'}"
    cells = ""
    for column in RATIO_COLUMNS:
        text = fmt_cell(row, column)
        if column == "eagerlite xp":
            xp_mark = "" if row.xp_met is None else ("ok" if row.xp_met else "MISS")
            cells += f"{text:>6} {xp_mark:<4}"
        else:
            cells += f"{text:>{WIDTHS.get(column, 9)}}"
    best = row.best_peer
    ahead = "-" if row.ahead is None or best is None else "yes"
    if row.ahead is False and best is not None:
        ahead = f"no: {WRAPPERS[best].header}"
    return (
        head
        + f"{fmt_timing(row.native):>14}{fmt_timing(row.eagerlite):>14}"
        + f"{'-' if ratio is None else f'{ratio:.2f}':>7}  {mark:<14}{cells}  {ahead}"
    )


def fmt_import(result: Mapping[str, object]) -> list[str]:
    """The import-time lines: each module's median, its ratio to ``import typing``."""
    modules = result["modules"]
    assert isinstance(modules, dict)
    frameworks = result["frameworks_imported"]
    lines = [
        f"import time: cumulative -X importtime entry, median over fresh interpreters;"
        f" ratio to import {BASELINE}"
    ]
    for name, entry in modules.items():
        label = f"import {name}"
        if "error" in entry:
            lines.append(f"  {label:<{HEAD_W - 2}}{entry['error']}")
            continue
        ratio = entry.get(f"ratio_to_{BASELINE}")
        text = f"  {label:<{HEAD_W - 2}}{entry['median_ms']:>11.2f} ms"
        if name != BASELINE and isinstance(ratio, float):
            text += f"{ratio:>10.2f}x"
        if name == "eagerlite":
            met = "ok" if result["met"] else "MISS"
            text += f"  <={IMPORT_TARGET_RATIO:g}x {met}"
            text += f"; frameworks imported: {frameworks or 'none'}"
        elif name != BASELINE:
            text += "  (for reference)"
        lines.append(text)
    return lines


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
    cases = [c for c in CASES.values() if any(r.case is c and r.ratio("eagerlite") for r in rows)]
    backends = [b for b in BACKENDS if any(r.backend == b for r in rows)]
    width = 0.8 / max(1, len(backends))
    fig, ax = plt.subplots(figsize=(1.8 + 1.6 * len(cases), 4.5))
    for j, name in enumerate(backends):
        for i, case in enumerate(cases):
            row = next((r for r in rows if r.case is case and r.backend == name), None)
            ratio = row.ratio("eagerlite") if row else None
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


def machine_info(
    threads: int, loaded: Mapping[str, Backend], peers: Mapping[str, str | None]
) -> dict[str, object]:
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
            **peers,
            **{name: b.version for name, b in loaded.items()},
        },
        "framework_threads": {name: b.threads for name, b in loaded.items()},
    }
