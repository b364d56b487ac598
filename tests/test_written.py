"""The twelve written articles against their gold (data/gold/written/, made by ANNOTATION.md
without looking at quotecli): a floor under each figure, at what quotecli measured when they
were added, so that a change that loses speakers or quotes on unseen house styles fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli

WRITTEN = Path(__file__).resolve().parent.parent / "data" / "gold" / "written"

# type: (token F1, token F1 with the speaker right, speaker accuracy on matched quotes)
FLOORS = {
    "quoted": (0.994, 0.943, 0.913),
    "indirect": (0.856, 0.741, 0.879),
    "all": (0.956, 0.868, 0.890),
}


@pytest.fixture(scope="module")
def figures() -> dict:
    result = CliRunner().invoke(cli, ["eval", "--gold", str(WRITTEN / "gold.jsonl"),
                                      str(WRITTEN), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return {row["type"]: row for row in json.loads(result.stdout)}


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_the_written_articles_keep_their_figures(figures, kind):
    token_f1, token_f1_speaker, speaker_accuracy = FLOORS[kind]
    row = figures[kind]
    assert row["gold_quotes"] > 20
    assert row["token_f1"] >= token_f1
    assert row["token_f1_speaker"] >= token_f1_speaker
    assert row["speaker_accuracy"] >= speaker_accuracy
