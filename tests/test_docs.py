"""Every ``>>>`` example in docs/*.md runs and prints what the page says.

Each page runs in a fresh interpreter (this file as a script): the test session's own
settings (JAX x64, TensorFlow's two logical CPUs) would change the printed results.
"""

from __future__ import annotations

import doctest
import re
import sys
from pathlib import Path

import pytest

# (the pages with examples; the changelog, the generated capability matrix and the API
# reference hold none)
PAGES = (Path(__file__).resolve().parent.parent / "docs").glob("*.md")
DOCS = sorted(p for p in PAGES if ">>>" in p.read_text())
FENCE = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


class _Page:
    """The examples' namespace as an importable module (``sys.modules["__doc__"]``), as a
    user's script is: torch.compile imports the module of a function it inlines."""

    def __init__(self, names: dict[str, object]) -> None:
        self.__dict__ = names


def run_page(page: Path) -> tuple[int, int]:
    """(failed, attempted) for the examples of one page: one namespace, blocks in order."""
    text = page.read_text()
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    globs: dict[str, object] = {"__name__": "__doc__"}
    for match in FENCE.finditer(text):
        block = match.group(1)
        if ">>>" not in block or "reveal_type(" in block:
            continue  # (typing illustrations are checked by mypy, not run)
        line = text[: match.start()].count("\n") + 1
        test = parser.get_doctest(block, globs, f"{page.name}:{line}", str(page), line)
        sys.modules["__doc__"] = _Page(test.globs)
        runner.run(test, clear_globs=False)
        globs = test.globs
    result = runner.summarize(verbose=False)
    return result.failed, result.attempted


@pytest.mark.parametrize("page", DOCS, ids=[p.name for p in DOCS])
def test_doc_examples(page: Path) -> None:
    from conftest import run_fresh  # (not at the top: this file is also the page runner)

    result = run_fresh(__file__, str(page), reason="the docs' examples")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


if __name__ == "__main__":
    failed, attempted = run_page(Path(sys.argv[1]))
    print(f"{attempted - failed} of {attempted} examples passed")
    sys.exit(1 if failed or not attempted else 0)
