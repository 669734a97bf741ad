"""Static typing as users see it: mypy rejects mixing backends (tests/typing/ holds the rest)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = """
import numpy as np
import torch
import eagerlite as ep

x = ep.astensor(torch.ones(2))
y = ep.astensor(np.ones(2))
z = x + y
"""


def test_mypy_rejects_mixing_backends(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is a dev dependency (requirements-ci.txt)")
    pytest.importorskip("torch", reason="the snippet uses torch")
    snippet = tmp_path / "mixed.py"
    snippet.write_text(BAD)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(snippet)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if "mixed.py:" in line]
    assert len(errors) == 1, result.stdout  # the rest of the snippet is fine
    assert 'Unsupported operand types for + ("PyTorchTensor" and "NumPyTensor")' in errors[0]
