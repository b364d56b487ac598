"""The articles written for the project against their gold, made by ANNOTATION.md without
looking at quotecli: a floor under each figure, at what quotecli measured when they were last
improved, so that a change that loses speakers or quotes on unseen house styles fails.

- `data/gold/written/`: twelve articles in twelve house styles (regional, local, tabloid,
  broadsheet, broadcaster, wire, business, foreign desk);
- `data/gold/styles/`: eight more in the styles those lack (court report, live blog, match
  report, business page, royals, broadcaster web copy, pundits' roundup, international). They
  were measured before the people model was built (quoted speaker accuracy 0.516) and their
  errors then helped to find its kinds, so they are development texts now, not held out.
- `data/gold/fresh/`: eight more (tabloid, Scottish regional, wire with a dated dateline,
  broadcaster web, broadsheet business, rugby report with single marks, court and police,
  diplomacy), measured once before any change was made for them (quoted speakers 71 of 93), and
  development texts since;
- `data/gold/blind/`: eight more (live blog, royals, football press conference, reactions
  roundup, council planning, Irish health with single marks, interview, inquest with straight
  marks), measured once before any change (quoted speakers 60 of 99), development texts since;
- `data/gold/unseen/` (broadsheet politics, wire, court, tabloid showbiz, business, broadcaster
  web, science, match report with single marks; quoted speakers 77 of 94 when first measured)
  and `data/gold/novel/` (political news, foreign wire, local planning, health and inquest,
  tech business, breaking news with an embedded post, rugby report, Q&A interview; 69 of 87),
  the same way;
- `data/gold/world/` (eight outlets outside the UK: Australian, Indian, Canadian, New Zealand,
  South African, Gulf, Singapore and US public radio styles; 67 of 83) and `data/gold/desks/`
  (PMQs sketch, Sunday TV interview, PA court, cricket, obituary, police appeal, transfer story,
  results analysis; 80 of 102) and `data/gold/beats/` (by-election live blog, tabloid showbiz,
  inquest, wire, health study, FMQs, planning committee, rugby; 78 of 110), the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"

# set: {type: (token F1, token F1 with the speaker right, speaker accuracy on matched quotes)}
FLOORS = {
    "written": {
        "quoted": (0.994, 0.971, 0.960),
        "indirect": (0.856, 0.791, 0.940),
        "all": (0.956, 0.905, 0.942),
    },
    "styles": {
        "quoted": (0.980, 0.907, 0.938),
        "indirect": (0.924, 0.903, 0.973),
        "all": (0.959, 0.908, 0.953),
    },
    "fresh": {
        "quoted": (0.998, 0.989, 0.968),
        "indirect": (0.942, 0.932, 0.976),
        "all": (0.974, 0.963, 0.972),
    },
    "blind": {
        "quoted": (0.999, 0.793, 0.818),
        "indirect": (0.919, 0.853, 0.945),
        "all": (0.967, 0.818, 0.872),
    },
    "unseen": {
        "quoted": (0.996, 0.992, 0.968),
        "indirect": (0.909, 0.871, 0.955),
        "all": (0.961, 0.940, 0.963),
    },
    "novel": {
        "quoted": (0.905, 0.879, 0.977),
        "indirect": (0.874, 0.874, 1.000),
        "all": (0.903, 0.880, 0.979),
    },
    "world": {
        "quoted": (0.999, 0.926, 0.892),
        "indirect": (0.881, 0.818, 0.908),
        "all": (0.941, 0.878, 0.899),
    },
    "desks": {
        "quoted": (0.994, 0.939, 0.931),
        "indirect": (0.771, 0.731, 0.938),
        "all": (0.913, 0.862, 0.933),
    },
    "beats": {
        "quoted": (0.996, 0.836, 0.845),
        "indirect": (0.890, 0.759, 0.826),
        "all": (0.966, 0.818, 0.840),
    },
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def figures(request) -> tuple[str, dict]:
    folder = GOLD / request.param
    result = CliRunner().invoke(cli, ["eval", "--gold", str(folder / "gold.jsonl"), str(folder),
                                      "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return request.param, {row["type"]: row for row in json.loads(result.stdout)}


@pytest.mark.parametrize("kind", ["quoted", "indirect", "all"])
def test_the_written_articles_keep_their_figures(figures, kind):
    name, rows = figures
    token_f1, token_f1_speaker, speaker_accuracy = FLOORS[name][kind]
    row = rows[kind]
    assert row["gold_quotes"] > 20
    assert row["token_f1"] >= token_f1
    assert row["token_f1_speaker"] >= token_f1_speaker
    assert row["speaker_accuracy"] >= speaker_accuracy
