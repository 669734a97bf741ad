"""The programs in examples/ run (each in a fresh interpreter) and report success."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_fresh

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# what each example must print (its own checks decide its exit status)
EXPECTED = {
    "train_mlp.py": ["largest difference between frameworks:", "the loss falls from"],
    "adversarial.py": [
        "fgsm: the same adversarial inputs on every framework: True",
        "pgd: the same adversarial inputs on every framework: True",
    ],
    "tf_model_in_torch.py": ["the bridged and the native models train alike: True"],
    "cnn_digits.py": [
        "loss curves equal on torch, tensorflow and jax (eager and ep.jit): True",
        "the loss falls from",
        "the same held-out accuracy on every run: True",
    ],
    "transformer.py": [
        "loss curves equal on torch, tensorflow and jax (eager and ep.jit): True",
        "the loss falls from",
        "the same held-out accuracy on every run: True",
    ],
}


def test_every_example_is_run() -> None:
    programs = [p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_")]
    assert sorted(programs) == sorted(EXPECTED)  # (``_curves.py``: what two of them share)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name: str) -> None:
    result = run_fresh(str(EXAMPLES / name), reason="the examples")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for line in EXPECTED[name]:
        assert line in result.stdout, result.stdout
