"""The programs in examples/ run (each in a fresh interpreter) and report success."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# what each example must print (its own checks decide its exit status)
EXPECTED = {
    "train_mlp.py": ["largest difference between frameworks:", "the loss falls from"],
    "adversarial.py": [
        "fgsm: the same adversarial inputs on every framework: True",
        "pgd: the same adversarial inputs on every framework: True",
    ],
    "tf_model_in_torch.py": ["the bridged and the native models train alike: True"],
}


def test_every_example_is_run() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name: str) -> None:
    for framework in ("torch", "tensorflow", "jax"):
        pytest.importorskip(framework, reason=f"the examples use {framework}")
    env = {k: v for k, v in os.environ.items() if k != "XLA_FLAGS"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, env=env, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for line in EXPECTED[name]:
        assert line in result.stdout, result.stdout
