"""Writes docs/capabilities.md from the test suite's results, or checks it is current.

    python tests/capability_matrix.py           # run tests/test_capabilities.py, write the page
    python tests/capability_matrix.py --write   # write it from build/capabilities.json
    python tests/capability_matrix.py --check   # the page is what those results give (CI)

Any pytest run that includes tests/test_capabilities.py leaves its results in
build/capabilities.json (tests/conftest.py); the page is made from them alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from capability_cases import APPLICABLE, FRAMEWORKS, MODES, ROWS  # noqa: E402

RESULTS = ROOT / "build" / "capabilities.json"
PAGE = ROOT / "docs" / "capabilities.md"
LABELS = {"numpy": "NumPy", "torch": "PyTorch", "tensorflow": "TensorFlow", "jax": "JAX"}
SHORT = {"numpy": "np", "torch": "pt", "tensorflow": "tf", "jax": "jax"}
FACES = {
    "both": "method, function",
    "method": "method",
    "function": "function",
    "operator": "operator",
}
HEADER = """# Capability matrix

What works where, for every public function, method and operator: one row each,
one column per framework and mode. The page is generated from the results of the test
suite's `tests/test_capabilities.py` by `python tests/capability_matrix.py`; CI checks
that it is current, so it cannot go stale. Each row is one call written once with
eagerlite (`tests/capability_cases.py`), run on float64 inputs (ints or bools where the
operation needs them).

- **eager**: the method and the `ep.` function give the same result. On PyTorch,
  TensorFlow and JAX the values are NumPy's (the NumPy backend's, on the same inputs).
  The NumPy backend itself is compared with NumPy's own functions by the per-operation
  tests.
- **compiled**: `torch.compile(fullgraph=True)`, `tf.function(jit_compile=True)` (XLA)
  and `jax.jit` give the eager result.
- **gradient**: `ep.value_and_grad` of the outputs' sum equals central finite
  differences (float64).
- **vmap**: `ep.vmap` of the call over a batch of two examples (the inputs, and the
  inputs flipped) gives each example's eager result: `torch.func.vmap`,
  `tf.vectorized_map` and `jax.vmap` (a loop on NumPy).
- **device**: inputs on a non-default device give outputs on that device with the eager
  values. The devices are torch's `meta` (shapes and dtypes only), TensorFlow's `/CPU:1`
  and JAX's `cpu:1`, the stand-ins a CPU-only machine has.
- **sharded**: JAX inputs sharded over four devices give the eager values.

`✓` tested and passing; `✗n` an expected failure, with its reason `n` below (each one is
a strict xfail: it fails today, or the test suite fails); `·` not applicable (NumPy has
no compiler, autodiff or devices; the row is not differentiable, or needs concrete
values: its vmap is NumPy's alone, a loop over concrete examples).
"""


def load() -> dict[tuple[str, str, str], tuple[str, str]]:
    if not RESULTS.exists():
        raise SystemExit(f"{RESULTS} is missing: run pytest (with tests/test_capabilities.py)")
    cells = json.loads(RESULTS.read_text())
    return {(r, f, m): (outcome, reason) for r, f, m, outcome, reason in cells}


def columns() -> list[tuple[str, str]]:
    return [(f, m) for m in MODES for f in FRAMEWORKS if m in APPLICABLE[f]]


def render(results: dict[tuple[str, str, str], tuple[str, str]]) -> str:
    expected = {(r.name, f, m) for r in ROWS for f, m in columns()}
    cells = {k: v for k, v in results.items() if k in expected}
    missing_rows = sorted({r.name for r in ROWS} - {k[0] for k in cells})
    if missing_rows:
        raise SystemExit(f"no results for rows {missing_rows}: run the whole test module")
    bad = sorted(k for k, (outcome, _) in cells.items() if outcome not in ("passed", "xfail"))
    if bad:
        raise SystemExit(f"failing or skipped cells, fix them first: {bad[:20]}")
    reasons: dict[str, int] = {}
    for key in sorted(cells):
        outcome, reason = cells[key]
        if outcome == "xfail":
            reasons.setdefault(reason, len(reasons) + 1)

    def cell(key: tuple[str, str, str]) -> str:
        if key not in cells:
            return "·"
        outcome, reason = cells[key]
        return "✓" if outcome == "passed" else f"✗{reasons[reason]}"

    cols = columns()
    counts: dict[tuple[str, str], Counter[str]] = {c: Counter() for c in cols}
    for (_, f, m), (outcome, _) in cells.items():
        counts[(f, m)][outcome] += 1
    lines = [HEADER, "## Counts\n"]
    lines.append("| mode | " + " | ".join(LABELS[f] for f in FRAMEWORKS) + " |")
    lines.append("|---|" + "---|" * len(FRAMEWORKS))
    for m in MODES:
        row = []
        for f in FRAMEWORKS:
            if (f, m) not in counts:
                row.append("·")
                continue
            c = counts[(f, m)]
            na = len(ROWS) - c["passed"] - c["xfail"]
            row.append(f"{c['passed']} ✓, {c['xfail']} ✗, {na} ·")
        lines.append(f"| {m} | " + " | ".join(row) + " |")
    total = Counter(outcome for outcome, _ in cells.values())
    lines.append(
        f"\n{len(ROWS)} rows; {total['passed']} cells tested and passing, {total['xfail']} "
        "expected failures.\n"
    )
    lines.append("## The matrix\n")
    lines.append(
        "Columns: `np` NumPy, `pt` PyTorch, `tf` TensorFlow, `jax` JAX, under each mode.\n"
    )
    heads = [f"{m} {SHORT[f]}" for f, m in cols]
    lines.append("| name | face | " + " | ".join(heads) + " |")
    lines.append("|---|---|" + "---|" * len(cols))
    for r in ROWS:
        # (a | in a table cell: an HTML entity, which a code span would show as it is)
        name = f"<code>{r.name.replace('|', '&#124;')}</code>" if "|" in r.name else f"`{r.name}`"
        cells_text = " | ".join(cell((r.name, f, m)) for f, m in cols)
        lines.append(f"| {name} | {FACES[r.faces]} | {cells_text} |")
    lines.append("\n## Reasons\n")
    for reason, number in reasons.items():
        keys = [k for k, v in cells.items() if v[1] == reason]
        where = sorted(f"`{row}` {mode} {LABELS[framework]}" for row, framework, mode in keys)
        text = reason.replace("|", "\\|")
        lines.append(f"{number}. {text} ({', '.join(where)})")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        current = render(load())
        if PAGE.read_text() != current:
            print(
                f"{PAGE.relative_to(ROOT)} is not what the test results give: regenerate it "
                "with `python tests/capability_matrix.py --write` (after a pytest run) and "
                "commit it"
            )
            return 1
        print(f"{PAGE.relative_to(ROOT)} is current")
        return 0
    if "--write" not in argv:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        subprocess.run([*command, str(ROOT / "tests" / "test_capabilities.py")], cwd=ROOT)
    PAGE.write_text(render(load()))
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
