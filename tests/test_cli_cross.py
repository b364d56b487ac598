"""`quotes merge`, `quotes diff` and `quotes speakers` through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from quotecli.cli import cli
from quotecli.records import CLUSTER_FIELDS, FIELDS

ROOT = Path(__file__).resolve().parent.parent
STV = ROOT / "seeds" / "stv-news_2025-03-20_starmer-northwood-coalition.txt"
UK = ROOT / "seeds" / "uk-daily_2025-03-20_starmer-military-plans.txt"
HELDOUT = ROOT / "data" / "merge" / "heldout"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def diff_schema() -> dict:
    """The JSON Schema docs/outlets.md documents for `quotes diff --format json`."""
    outlets = (ROOT / "docs" / "outlets.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- diff-schema -->\n```json\n(.*?)\n```", outlets, re.S)
    assert block, "docs/outlets.md has lost the diff schema"
    return json.loads(block.group(1))


@pytest.fixture(scope="module")
def seeds_diff() -> list[dict]:
    result = run("diff", STV, UK, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_diff_of_the_seeds_validates_against_the_documented_schema(seeds_diff):
    jsonschema.validate(seeds_diff, diff_schema())


def test_the_seed_outlets_quote_different_lines_of_the_same_people(seeds_diff):
    stv, uk = STV.stem, UK.stem
    # No line of one is carried by the other.
    assert not any(row["shared"] for row in seeds_diff)
    assert {tuple(row["outlets"]) for row in seeds_diff} == {(stv,), (uk,)}
    # Rows carried by one outlet are grouped by outlet, in the order given.
    outlets = [row["outlets"][0] for row in seeds_diff]
    assert outlets == sorted(outlets, key=[stv, uk].index)

    quoted_by = {row["speaker"]: tuple(row["speaker_outlets"]) for row in seeds_diff}
    for speaker in ("Keir Starmer", "Volodymyr Zelenskyy"):
        assert quoted_by[speaker] == (stv, uk)
    for speaker in ("David Lammy", "Luke Pollard", "Ministry of Defence"):
        assert quoted_by[speaker] == (uk,)
    # Every quote of the two articles is in the diff, each once.
    listed = json.loads(run("list", STV, UK, "--type", "direct", "--type", "partial",
                            "--format", "json").stdout)
    rendered = [(r["source"], r["start"]) for row in seeds_diff for r in row["renderings"]]
    assert sorted(rendered) == sorted((q["source"], q["start"]) for q in listed)


def test_a_partial_quote_inside_a_full_one_of_the_same_article_is_one_quote(seeds_diff):
    severe = next(row for row in seeds_diff if any(r["text"] == "severe consequences"
                                                   for r in row["renderings"]))
    assert severe["speaker"] == "Keir Starmer"
    assert severe["text"].startswith("The point of the security arrangements")
    assert severe["flags"] == []  # one outlet: nothing to compare


def test_diff_of_held_out_coverage_flags_rewording_trimming_and_misattribution():
    files = sorted(HELDOUT.glob("*.txt"))
    result = run("diff", *files, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    jsonschema.validate(rows, diff_schema())
    pryce = next(row for row in rows if row["text"].startswith("This is a reheated"))
    assert pryce["shared"] and pryce["flags"] == ["reworded", "trimmed", "speaker_differs"]
    courier = next(r for r in pryce["renderings"] if r["outlet"].startswith("daily-courier"))
    assert [(c["kind"], c["canonical"], c["text"]) for c in courier["changes"]] == [
        ("left_out", "Most of this money was promised two years ago and", ""),
        ("replaced", "there’ll", "there will"),
    ]
    misattributed = next(r for r in pryce["renderings"] if r["outlet"].startswith("valley-post"))
    assert misattributed["speaker"] == "Priya Nandakumar" and pryce["speaker"] == "Owen Pryce"
    burke = next(row for row in rows if row["speaker"] == "Alan Burke")
    assert burke["flags"] == ["reworded"]
    # A stock phrase opens three utterances of two speakers: three quotes, not one.
    stock = [(row["speaker"], len(row["outlets"])) for row in rows
             if row["text"].startswith("The people of")]
    assert sorted(stock) == [("Helen Marsh", 2), ("Owen Pryce", 1), ("Owen Pryce", 1)]


def test_diff_table_reads_in_sections():
    result = run("diff", STV, UK, "--format", "table")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index("Carried by more than one outlet") < out.index("Only in stv-news (11)") \
        < out.index("Only in uk-daily (15)") < out.index("Who each outlet quotes")
    assert re.search(r"David Lammy\s+–\s+3\s+only uk-daily", out)
    assert re.search(r"Donald Trump\s+1\s+–\s+only stv-news", out)


def test_diff_merges_a_rendering_that_names_only_a_role(tmp_path):
    """One outlet names the speaker, the other only "the Prime Minister" and shares no other
    name with it: one quote, no conflict, and the role alone stays unresolved."""
    (tmp_path / "herald.txt").write_text(
        "Prime Minister Keir Halden visited the flooded town of Ardlow on Monday.\n"
        "“Every family that has watched water come through their front door deserves better,” "
        "Mr Halden said.\n", encoding="utf-8")
    (tmp_path / "courier.txt").write_text(
        "The Prime Minister said: “Every family that has watched water come through their front "
        "door deserves better.”\n"
        "The Prime Minister added: “We will rebuild the river wall before winter.”\n",
        encoding="utf-8")
    outlets = tmp_path / "herald.txt", tmp_path / "courier.txt"
    result = run("diff", *outlets, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    jsonschema.validate(rows, diff_schema())
    shared, alone = rows
    assert (shared["speaker"], shared["speaker_resolved"], shared["flags"]) == (
        "Keir Halden", True, [])
    assert [(r["outlet"], r["speaker"], r["speaker_mention"]) for r in shared["renderings"]] == [
        ("herald", "Keir Halden", "Halden"), ("courier", "Keir Halden", "The Prime Minister")]
    assert (alone["speaker"], alone["speaker_resolved"]) == ("Prime Minister", False)

    table = run("diff", *outlets, "--format", "table").stdout
    only = table[table.index("Only in courier"):table.index("Who each outlet quotes")]
    assert re.search(r"Prime\s+Minister\s+.*\(unresolved\)", only, re.S)
    who = table[table.index("Who each outlet quotes"):]
    assert re.search(r"Keir Halden\s+1\s+1", who)
    assert "Prime Minister" not in who  # not a person of its own
    assert re.search(r"\(no speaker, or unresolved\)\s+–\s+1", who)


def test_diff_needs_two_outlets():
    result = run("diff", STV)
    assert result.exit_code == 2
    assert "give at least two outlets to compare" in result.stderr
    assert result.stdout == ""


def test_diff_reports_an_unreadable_outlet_and_exits_1(tmp_path):
    result = run("diff", STV, tmp_path / "missing.txt", "--format", "json")
    assert result.exit_code == 1
    assert "missing.txt: no such file or directory" in result.stderr
    assert json.loads(result.stdout)  # the readable outlet is still compared


def test_merge_writes_one_record_per_cluster_in_every_format():
    result = run("merge", STV, UK, "--format", "json")
    assert result.exit_code == 0, result.stderr
    clusters = json.loads(result.stdout)
    assert all(tuple(c) == CLUSTER_FIELDS for c in clusters)
    assert all(tuple(m) == FIELDS for c in clusters for m in c["members"])
    assert all(c["sources"] == len(c["source_names"]) for c in clusters)
    # "military plans" (a partial quote) is words of Starmer's direct quote in the same article
    plans = next(c for c in clusters if any(m["text"] == "military plans" for m in c["members"]))
    assert plans["speaker"] == "Keir Starmer" and len(plans["members"]) == 2
    # a single word ("veto", "certain") is never tied to a sentence: it stays on its own
    assert any([m["text"] for m in c["members"]] == ["veto"] for c in clusters)
    # merge --type: reported claims take part only when asked for
    assert not any(m["type"] == "indirect" for c in clusters for m in c["members"])

    lines = run("merge", STV, UK, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == clusters
    rows = list(csv.DictReader(io.StringIO(run("merge", STV, UK, "--format", "csv").stdout)))
    assert [row["cluster"] for row in rows] == [c["cluster"] for c in clusters]
    assert json.loads(rows[0]["members"]) == clusters[0]["members"]
    table = run("merge", STV, UK, "--format", "table")
    assert table.exit_code == 0 and "David Lammy" in table.stdout


def test_merge_does_not_depend_on_the_order_of_the_inputs():
    forward = run("merge", STV, UK, "--format", "json").stdout
    backward = run("merge", UK, STV, "--format", "json").stdout
    assert forward == backward


def test_speakers_counts_quotes_and_claims_by_source_with_titles_and_aliases():
    result = run("speakers", STV, UK, "--format", "json")
    assert result.exit_code == 0, result.stderr
    speakers = {record["speaker"]: record for record in json.loads(result.stdout)}
    lammy = speakers["David Lammy"]
    assert lammy["sources"] == 1 and list(lammy["by_source"]) == [UK.stem]
    assert lammy["titles"] == ["Foreign Secretary"] and "Lammy" in lammy["aliases"]
    starmer = speakers["Keir Starmer"]
    assert starmer["sources"] == 2 and starmer["quotes"] == sum(
        counts["quotes"] for counts in starmer["by_source"].values())
    assert "the PM" in starmer["aliases"] and "he" not in starmer["aliases"]
    assert next(iter(speakers)) == "Keir Starmer"  # the most quoted first
