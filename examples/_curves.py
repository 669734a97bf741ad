"""What the neural-network examples share: the progress bar, the comparison of loss curves
and their plot (imported by cnn_digits.py and transformer.py; not an example itself)."""

from __future__ import annotations

from typing import Any

import numpy as np

from eagerlite.bridges import Framework

Array = np.ndarray[Any, Any]


def progress(label: str, done: int, total: int, loss: float) -> None:
    """A one-line progress bar, redrawn in place."""
    filled = 30 * done // total
    bar = "#" * filled + "." * (30 - filled)
    end = "\n" if done == total else ""
    print(f"\r  {label:<20} [{bar}] {done:5d}/{total} loss {loss:.4f}", end=end, flush=True)


def relative(curve: Array, reference: Array) -> float:
    """The largest relative difference of two loss curves."""
    return float(np.max(np.abs(curve - reference) / np.abs(reference)))


def listed(names: list[Framework]) -> str:
    """``a, b and c``."""
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1]]))


def plot(curves: dict[str, Array], path: str, title: str, tolerance: float) -> None:
    """The loss curves, and their relative differences from the first, in ``path``."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot")
        return
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 5.5), sharex=True, height_ratios=[2, 1])
    (first_name, first), *_ = curves.items()
    styles: list[Any] = ["-", "--", "-.", ":", (0, (1, 3)), (0, (5, 5))]
    for i, (name, curve) in enumerate(curves.items()):
        style = {"color": f"C{i}", "linestyle": styles[i % len(styles)], "linewidth": 1.2}
        top.plot(curve, label=name, **style)
        difference = np.abs(curve - first) / np.abs(first)
        if i > 0:  # (exact zeros drawn at 1e-17, the bottom of the axis)
            bottom.plot(np.maximum(difference, 1e-17), **style)
    top.set_yscale("log")
    top.set_ylabel("training loss")
    top.set_title(title)
    top.legend(fontsize="small", ncol=2)
    bottom.axhline(tolerance, color="red", linewidth=0.8)
    bottom.text(0, tolerance * 2, "tolerance", color="red", fontsize="small")
    bottom.set_yscale("log")
    bottom.set_ylim(1e-17, 1e-6)
    bottom.set_ylabel(f"rel. diff. from\n{first_name}")
    bottom.set_xlabel("step")
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    print(f"loss plot saved as {path}")
