"""Accuracy on the PolNeAR dev split must not fall more than 0.01 below the recorded figures."""

import json
from pathlib import Path

import pytest

from benchmarks.polnear import score

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.mark.skipif(not (SHARED / "eval" / "polnear" / "score.py").exists(),
                    reason="PolNeAR is not beside the repository (../shared/eval/polnear)")
def test_polnear_dev_quoted_figures_hold():
    recorded = json.loads((ROOT / "data" / "accuracy.json").read_text(encoding="utf-8"))
    measured = score(SHARED)
    for metric, value in recorded["polnear_dev"]["quoted"].items():
        assert measured["quoted"][metric] >= value - 0.01, (metric, measured["quoted"])
