"""The seeds against their hand-made gold (data/gold/seeds.jsonl, made by ANNOTATION.md)."""

import functools
import json
import re
from pathlib import Path

from quotecli.extract import extract_many
from quotecli.attribution.across import unify_speakers

ROOT = Path(__file__).resolve().parent.parent
QUOTED = ("direct", "partial")
EXACT = ("type", "text", "start", "end", "paragraph", "speaker")


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


@functools.cache
def _run_seeds() -> tuple:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    articles = [(_read(p), p.stem, f"seeds/{p.name}") for p in paths]
    return tuple(q.to_dict() for quotes in unify_speakers(list(extract_many(articles))) for q in quotes)


def _gold():
    lines = (ROOT / "data" / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_quoted_segment_matches_the_gold_exactly():
    gold = [r for r in _gold() if r["type"] in QUOTED]
    assert len(gold) == 28  # ANNOTATION.md: 28 quoted segments in the seeds
    got = [r for r in _run_seeds() if r["type"] in QUOTED]
    expected = sorted(tuple(r[k] for k in ("source",) + EXACT) for r in gold)
    actual = sorted(tuple(r[k] for k in ("source",) + EXACT) for r in got)
    assert actual == expected


def test_scare_quotes_and_furniture_are_not_output():
    texts = {r["text"] for r in _run_seeds()}
    for term in ("coalition of the willing", "day zero"):
        assert term not in texts
    assert not any("Image:" in t or "WhatsApp" in t for t in texts)


def test_mentions_and_cues_point_into_the_text():
    sources = {p.stem: _read(p) for p in (ROOT / "seeds").glob("*.txt")}
    for record in _run_seeds():
        text = sources[record["source"]]
        assert text[record["start"] : record["end"]] == record["text"]
        if record["speaker_start"] is not None:
            assert text[record["speaker_start"] : record["speaker_end"]] == record["speaker_mention"]
        if record["cue_start"] is not None:
            assert text[record["cue_start"] : record["cue_end"]] == record["cue"]


def _word_starts(record, texts) -> set[tuple[str, int]]:
    """(source, offset) of each word of a record, as the PolNeAR scorer counts words."""
    text = texts[record["source"]]
    return {(record["source"], record["start"] + m.start())
            for m in re.finditer(r"\w+", text[record["start"] : record["end"]])}


def test_every_reported_claim_is_found_with_its_speaker():
    texts = {p.stem: _read(p) for p in (ROOT / "seeds").glob("*.txt")}
    gold = [r for r in _gold() if r["type"] == "indirect"]
    assert len(gold) == 20  # ANNOTATION.md: 20 reported claims in the seeds
    got = [r for r in _run_seeds() if r["type"] == "indirect"]
    for claim in gold:
        words = _word_starts(claim, texts)
        matches = [r for r in got if len(words & _word_starts(r, texts)) * 2 >= len(words)]
        assert [r["speaker"] for r in matches] == [claim["speaker"]], claim["text"]


def test_reported_claims_token_f1_is_at_least_0_9():
    texts = {p.stem: _read(p) for p in (ROOT / "seeds").glob("*.txt")}
    gold = set().union(*(_word_starts(r, texts) for r in _gold() if r["type"] == "indirect"))
    got = set().union(*(_word_starts(r, texts) for r in _run_seeds() if r["type"] == "indirect"))
    precision, recall = len(gold & got) / len(got), len(gold & got) / len(gold)
    assert 2 * precision * recall / (precision + recall) >= 0.9
