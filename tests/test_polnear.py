"""PolNeAR dev and train (read from ../shared/eval/polnear, never copied here): `quotes eval`
agrees with the reference scorer on the token-level figures, and no figure falls more than 0.01
below those recorded in data/accuracy.json. Skipped when ../shared/eval is absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "eval" / "polnear"
SCORER = POLNEAR / "score.py"
DEV = POLNEAR / "data" / "dev"
TOLERANCE = 0.01
AGREEMENT = 0.005  # the bound between `quotes eval` and the reference scorer
# The reference scorer's token-level names, and `quotes eval`'s.
TOKEN_FIGURES = {"P": "token_precision", "R": "token_recall", "F1": "token_f1",
                 "F1_speaker": "token_f1_speaker"}
GATED = ("token_f1", "token_f1_speaker", "quote_f1")

pytestmark = pytest.mark.skipif(not SCORER.exists(),
                                reason="PolNeAR is not beside the repository (../shared/eval/polnear)")


def reference_score(data: Path, predictions: Path) -> dict:
    result = subprocess.run([sys.executable, str(SCORER), str(data), "dev", str(predictions)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def eval_rows(gold: Path, texts: Path, predictions: Path) -> dict[str, dict]:
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), str(texts),
                                      "--predictions", str(predictions), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return {row["type"]: row for row in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def predictions(tmp_path_factory) -> Path:
    """quotecli's quotes on the 84 dev texts, as `quotes list --format jsonl` writes them."""
    from benchmarks.polnear import predict

    out = tmp_path_factory.mktemp("polnear") / "predictions.jsonl"
    predict(POLNEAR, out)
    return out


@pytest.fixture(scope="module")
def reference(predictions) -> dict:
    return reference_score(POLNEAR / "data", predictions)


@pytest.fixture(scope="module")
def rows(predictions) -> dict[str, dict]:
    return eval_rows(DEV / "attributions", DEV / "text", predictions)


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads((ROOT / "data" / "accuracy.json").read_text(encoding="utf-8"))["polnear_dev"]


def test_eval_agrees_with_the_reference_scorer_on_tokens(reference, rows):
    for row in ("quoted", "all"):
        for theirs, ours in TOKEN_FIGURES.items():
            assert abs(rows[row][ours] - reference[row][theirs]) <= AGREEMENT, (row, theirs)


def test_reference_figures_hold(reference, recorded):
    """Every quoted figure; for all, the F1s (indirect quotes may trade precision for recall)."""
    for row, metrics in (("quoted", ("P", "R", "F1", "F1_speaker")), ("all", ("F1", "F1_speaker"))):
        for metric in metrics:
            value = recorded["reference"][row][metric]
            assert reference[row][metric] >= value - TOLERANCE, (row, metric, reference[row])


def test_train_figures_hold():
    """The 725 train articles, never tuned on: the reference scorer's figures are floors too."""
    from benchmarks.polnear import score

    recorded = json.loads((ROOT / "data" / "accuracy.json").read_text(encoding="utf-8"))
    floors = recorded["polnear_train"]["reference"]
    measured = score(SHARED, split="train")
    for row in ("quoted", "all"):
        for metric in ("F1", "F1_speaker"):
            assert measured[row][metric] >= floors[row][metric] - TOLERANCE, (row, metric, measured[row])
    assert measured["attributions"]["source_acc"] >= floors["attributions"]["source_acc"] - TOLERANCE


def test_eval_figures_hold(rows, recorded):
    for row, figures in recorded["eval"]["quotecli"].items():
        for key in GATED:
            assert rows[row][key] >= figures[key] - TOLERANCE, (row, key, rows[row])
