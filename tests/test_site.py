"""The documentation site builds with ``mkdocs build --strict`` (no warnings, no broken
links or references), and its API reference holds every public name: each of
``eagerlite.__all__`` and each public member of ``Tensor`` has its entry (an HTML anchor
``eagerlite.<name>``), so a new name cannot be left out."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import eagerlite as ep
from eagerlite.tensor.tensor import Tensor

ROOT = Path(__file__).resolve().parent.parent
# ``eagerlite.astensor`` is also EagerPy's module path (eagerlite/astensor.py), so the
# reference names the function by its module
ANCHORS = {"astensor": "eagerlite.astensor.astensor"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("mkdocs", reason="the docs extra (mkdocs) is not installed")
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-6000:]
    return out


def _anchors(site: Path) -> set[str]:
    html = "".join(p.read_text() for p in (site / "api").rglob("*.html"))
    return set(re.findall(r'id="(eagerlite\.[\w.]+)"', html))


def test_site_builds_strict(site: Path) -> None:
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    for page in ("index.html", "guarantees/index.html", "capabilities/index.html"):
        assert page in pages, sorted(pages)
    assert (site / "search" / "search_index.json").exists()


def test_reference_has_every_public_name(site: Path) -> None:
    anchors = _anchors(site)
    missing = [n for n in ep.__all__ if ANCHORS.get(n, f"eagerlite.{n}") not in anchors]
    assert not missing, f"not in the API reference (docs/api/): {missing}"


def test_reference_has_every_tensor_member(site: Path) -> None:
    anchors = _anchors(site)
    members = [n for n in dir(Tensor) if not n.startswith("_")]
    missing = [n for n in members if f"eagerlite.Tensor.{n}" not in anchors]
    assert not missing, f"Tensor members not in the API reference: {missing}"
    assert len(members) > 150
