"""`quotes eval` and quotecli.evaluate: tokens, matching, gold readers, errors, the seeds' figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli
from quotecli.evaluate import (
    GoldError, Quotation, article_document, attributions_from_brat, brat_files, document_name,
    evaluate, load_brat_gold, load_records_gold, match_quotes, parse_brat, prf, quoted_segments,
    record_document, shorten, words,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_GOLD = ROOT / "data" / "gold" / "seeds.jsonl"
SCORER = ROOT.parent / "shared" / "eval" / "polnear" / "score.py"
STV = "stv-news_2025-03-20_starmer-northwood-coalition"
UK_DAILY = "uk-daily_2025-03-20_starmer-military-plans"
# The figures that must not fall (docs/accuracy.md): F1 of tokens, with speakers, of quotes.
GATED = ("token_f1", "token_f1_speaker", "quote_f1")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def seed_gold() -> list[dict]:
    return [json.loads(line) for line in SEED_GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]


# -- tokens, segments, matching -------------------------------------------------------------------


def test_words_are_word_runs_known_by_their_start_clipped_to_the_span():
    text = "He said: “we’re ready”, twice."
    assert words(text, [(0, len(text))]) == {0, 3, 10, 13, 16, 24}
    # A span that starts inside a word has a token there: the reference scorer's definition.
    assert words(text, [(11, 15)]) == {11, 13}
    assert words(text, [(0, 2), (24, 29)]) == {0, 24}
    assert words(text, [(8, 10)]) == set()


@pytest.mark.parametrize("text, expected", [
    ("a “b c” d", ["“b c"]),
    ('a "b" c "d e" f', ['"b', '"d e']),
    ("“a” and “b", ["“a", "“b"]),           # left open: runs to the end
    ("“a\n“b c”", ["“b c"]),                # a re-opened mark restarts the stretch
    ("no marks ” here", []),                 # a closing mark with none open is ignored
])
def test_quoted_segments_walk_the_marks_as_the_reference_scorer(text, expected):
    assert [text[s:e] for s, e in quoted_segments(text, 0, len(text))] == expected


def test_a_quote_matches_when_it_shares_half_the_words_of_each():
    gold = [set(range(10))]
    assert match_quotes(gold, [set(range(5))]) == [(0, 0)]                  # half of the gold
    assert match_quotes(gold, [set(range(4))]) == []                        # less than half
    assert match_quotes(gold, [set(range(5)) | set(range(100, 106))]) == []  # not half of it
    assert match_quotes(gold, [set()]) == []


def test_matching_is_one_to_one_largest_overlap_first():
    gold = [set(range(10)), set(range(10, 14))]
    predicted = [set(range(5)), set(range(2, 10)), set(range(10, 14))]
    assert match_quotes(gold, predicted) == [(0, 1), (1, 2)]


def test_precision_recall_f1_are_rounded_like_the_reference_scorer():
    assert prf(2, 3, 4) == (0.667, 0.5, 0.571)
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("name, document", [
    ("seeds/story.txt", "story"), ("story.txt", "story"), ("story", "story"),
    ("a/b/story.v2.txt", "story.v2"), ("notes.md", "notes.md"),
])
def test_documents_are_file_names_without_txt(name, document):
    assert document_name(name) == document


def test_record_and_article_documents():
    assert record_document({"path": "seeds/x.txt", "source": "other"}) == "x"
    assert record_document({"file": "x.txt"}) == "x"
    assert record_document({"path": "-", "source": "stdin"}) == "stdin"
    assert record_document({"type": "direct"}) is None
    assert article_document("seeds/x.txt", "custom") == "x"
    assert article_document("-", "stdin") == "stdin"


def test_shorten_keeps_both_ends_on_one_line():
    assert shorten("a  b\nc") == "a b c"
    long = " ".join(f"w{i}" for i in range(60))
    short = shorten(long, 40)
    assert len(short) <= 40 and short.startswith("w0 w1") and short.endswith("w58 w59")
    assert " … " in short


# -- brat -----------------------------------------------------------------------------------------

TEXT = ("“We will win,” said Jane Doe.\n"
        "The mayor said the city would “never surrender” to the floods.\n"
        "“The dam,” an engineer said, “will hold.”\n"
        "It is said the dam is old.\n")


def at(text: str, words_: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words_, after)
    return start, start + len(words_)


def ann(text: str = TEXT) -> str:
    """Brat standoff for TEXT, as PolNeAR writes it (content with its quotation marks)."""
    def entity(n, label, *spans):
        offsets = ";".join(f"{s} {e}" for s, e in spans)
        return f"T{n}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in spans)}"

    dam, hold = at(text, "“The dam,”"), at(text, "“will hold.”")
    return "\n".join([
        entity(1, "Source", at(text, "Jane Doe")), entity(2, "Cue", at(text, "said")),
        entity(3, "Content", at(text, "“We will win,”")), entity(4, "Attribution", at(text, "said")),
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        entity(5, "Source", at(text, "The mayor")), entity(6, "Cue", at(text, "said", 40)),
        entity(7, "Content", at(text, "the city would “never surrender” to the floods")),
        entity(8, "Attribution", at(text, "said", 40)),
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        entity(9, "Source", at(text, "an engineer")), entity(10, "Cue", at(text, "said", 100)),
        entity(11, "Content", dam, hold), entity(12, "Attribution", at(text, "said", 100)),
        "E3\tAttribution:T12 Source:T9 Cue:T10 Content:T11",
        entity(13, "Cue", at(text, "is said")), entity(14, "Content", at(text, "the dam is old")),
        entity(15, "Attribution-no-source", at(text, "is said")),
        "E4\tAttribution-no-source:T15 Cue:T13 Content:T14",
    ]) + "\n"


def predicted(text: str = TEXT) -> list[dict]:
    def record(kind, content, speaker, after=0):
        start, end = at(text, content, after)
        s_start, s_end = at(text, speaker)
        return {"path": "a.txt", "type": kind, "start": start, "end": end,
                "speaker": text[s_start:s_end], "speaker_start": s_start, "speaker_end": s_end}

    return [
        record("direct", "We will win,", "Jane Doe"),
        record("indirect", "the city would “never surrender” to the floods", "The mayor"),
        record("partial", "never surrender", "The mayor"),
        record("direct", "The dam,", "an engineer"),
        record("direct", "will hold.", "an engineer"),
    ]


def test_parse_brat_reads_discontinuous_and_multi_line_entities():
    entities, events = parse_brat("T1\tContent 0 5;9 12\tab\ncd ef\n"
                                  "T2\tSource 20 23\tXYZ\n"
                                  "#1\tAnnotatorNotes T1\tnote\n"
                                  "E1\tAttribution:T3 Content:T1 Source:T2\n")
    assert entities == {"T1": ("Content", [(0, 5), (9, 12)]), "T2": ("Source", [(20, 23)])}
    assert events == [("E1", [("Attribution", "T3"), ("Content", "T1"), ("Source", "T2")])]


def test_parse_brat_says_which_line_it_cannot_read():
    with pytest.raises(GoldError) as error:
        parse_brat("T1\tSource 1\tx\n", "a_x.ann")
    assert str(error.value) == ("a_x.ann, line 1: not a brat entity "
                                "(`T1<tab>Label start end[;start end]<tab>text`)")


def test_attributions_from_brat():
    quotes = attributions_from_brat(ann(), TEXT, "a")
    assert [len(q.spans) for q in quotes] == [1, 1, 2, 1]
    assert [q.speaker for q in quotes] == ["Jane Doe", "The mayor", "an engineer", None]
    assert quotes[3].speaker_span is None
    assert TEXT[quotes[2].start : quotes[2].end] == "“The dam,” an engineer said, “will hold.”"


def test_brat_offsets_outside_the_text_are_an_error():
    with pytest.raises(GoldError, match=r"^a_x.ann: offsets 3 900 are outside the text of a "):
        attributions_from_brat("T1\tContent 3 900\tx\nE1\tAttribution:T2 Content:T1\n",
                               TEXT, "a", "a_x.ann")


def test_brat_files_take_the_first_annotator_by_name(tmp_path):
    for name in ("a_x2.ann", "a_x1.ann", "b.ann", "zz_q.ann", ".hidden/a_x0.ann"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    found, unknown = brat_files(tmp_path, ["a", "b", "c"])
    assert {d: [p.name for p in ps] for d, ps in found.items()} == {
        "a": ["a_x1.ann", "a_x2.ann"], "b": ["b.ann"]}
    assert [p.name for p in unknown] == ["zz_q.ann"]


def test_brat_figures_by_hand(tmp_path):
    (tmp_path / "a_x1.ann").write_text(ann(), encoding="utf-8")
    (tmp_path / "a_x2.ann").write_text("", encoding="utf-8")  # the second annotator: unused
    gold = load_brat_gold(tmp_path, {"a": TEXT})
    assert gold.notes == ("1 text(s) have several .ann files (annotators); the first by name "
                          "is used",)
    predictions = {"a": [Quotation("a", r["type"], ((r["start"], r["end"]),), r["speaker"],
                                   (r["speaker_start"], r["speaker_end"])) for r in predicted()]}
    evaluation = evaluate(gold, predictions, {"a": TEXT})
    rows = {row.type: row for row in evaluation.rows}
    assert list(rows) == ["quoted", "all"]
    quoted, every = rows["quoted"], rows["all"]
    # Quoted: We will win | never surrender | The dam | will hold, all found with their speaker.
    assert (quoted.gold_tokens, quoted.predicted_tokens, quoted.correct_tokens) == (9, 9, 9)
    assert (quoted.token_f1, quoted.token_f1_speaker, quoted.quote_f1) == (1.0, 1.0, 1.0)
    # All: 19 gold tokens; "the dam is old" (no source) is missed.
    assert (every.gold_tokens, every.predicted_tokens, every.correct_tokens) == (19, 15, 15)
    assert (every.token_precision, every.token_recall) == (1.0, 0.789)
    # The partial quote lies inside its indirect clause: one prediction, not two. The two
    # pieces of the engineer's discontinuous content: one matches it, the other is extra.
    assert (every.gold_quotes, every.predicted_quotes, every.matched_quotes) == (4, 4, 3)
    assert (every.speaker_pairs, every.speaker_correct) == (3, 3)
    errors = [(m.error, m.gold_text, m.predicted_text) for m in evaluation.mistakes]
    assert errors == [
        ("extent", "“The dam,” … “will hold.”", "The dam,"),
        ("false positive", None, "will hold."),
        ("missed", "the dam is old", None),
    ]
    assert evaluation.mistakes[0].detail == "missed “will hold”"


def test_brat_speaker_is_judged_by_mention_overlap(tmp_path):
    (tmp_path / "a.ann").write_text(ann(), encoding="utf-8")
    records = predicted()
    jane = at(TEXT, "Jane")
    records[0].update(speaker="Jane Doe", speaker_start=jane[0], speaker_end=jane[1])
    mayor = at(TEXT, "The mayor")
    records[1].update(speaker="The mayor", speaker_start=mayor[0] + 100, speaker_end=mayor[1] + 100)
    predictions = {"a": [Quotation("a", r["type"], ((r["start"], r["end"]),), r["speaker"],
                                   (r["speaker_start"], r["speaker_end"])) for r in records]}
    evaluation = evaluate(load_brat_gold(tmp_path, {"a": TEXT}), predictions, {"a": TEXT})
    every = evaluation.rows[1]
    assert (every.speaker_pairs, every.speaker_correct) == (3, 2)  # Jane: overlaps; mayor: not
    assert [m.gold_speaker for m in evaluation.mistakes if m.error == "speaker"] == ["The mayor"]


@pytest.mark.skipif(not SCORER.exists(), reason="the reference scorer (../shared/eval) is absent")
def test_the_reference_scorer_agrees_on_a_hand_made_corpus(tmp_path):
    """Discontinuous content, an attribution without source, two annotators, straight marks, a
    quote left open: the token figures of the reference scorer, on a corpus laid out as
    PolNeAR's (data/<split>/text, data/<split>/attributions, data/metadata.tsv)."""
    text = TEXT + 'Then "it rained" and "it\n'
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "metadata.tsv").write_text("filename\ttitle\n", encoding="utf-8")
    with open(tmp_path / "dev" / "text" / "a.txt", "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    tail = text.index('"it rained"')
    extra = (f"T90\tContent {tail} {len(text) - 1}\t{text[tail:-1]}\n"
             "E90\tAttribution-no-source:T91 Content:T90\n")
    (tmp_path / "dev" / "attributions" / "a_b.ann").write_text(ann(text) + extra, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_c.ann").write_text("", encoding="utf-8")
    records = predicted(text)
    records[2]["speaker_start"] += 100  # the partial quote: a wrong mention
    records[2]["speaker_end"] += 100
    records.append({"path": "a.txt", "type": "partial", "start": tail + 1, "end": tail + 10})
    predictions = write_jsonl(tmp_path / "predictions.jsonl", records)
    scored = subprocess.run([sys.executable, str(SCORER), str(tmp_path), "dev", str(predictions)],
                            check=True, capture_output=True, text=True)
    theirs = json.loads(scored.stdout)
    result = run("eval", "--gold", tmp_path / "dev" / "attributions", tmp_path / "dev" / "text",
                 "--predictions", predictions, "--format", "json")
    ours = {row["type"]: row for row in json.loads(result.stdout)}
    names = {"P": "token_precision", "R": "token_recall", "F1": "token_f1",
             "F1_speaker": "token_f1_speaker"}
    for row in ("quoted", "all"):
        assert {theirs_: ours[row][key] for theirs_, key in names.items()} == theirs[row]
    assert theirs["quoted"]["F1_speaker"] < theirs["quoted"]["F1"]  # the wrong mention counts


def test_a_folder_without_ann_files_is_not_brat_gold(tmp_path):
    with pytest.raises(GoldError) as error:
        load_brat_gold(tmp_path, {"a": TEXT})
    assert str(error.value) == (f"{tmp_path}: folder has no .ann files; brat gold is a folder "
                                "of .ann files, records gold a .jsonl file")


# -- records gold ---------------------------------------------------------------------------------


@pytest.mark.parametrize("record, message", [
    ({"source": "a", "type": "direct", "start": 1, "end": 4},
     "line 1: no `speaker`"),
    ({"type": "direct", "start": 1, "end": 4, "speaker": None},
     "line 1: no `path` or `source`; say which text the quote is in"),
    ({"source": "a", "type": "quote", "start": 1, "end": 4, "speaker": None},
     "line 1: type 'quote' is not one of direct, partial, indirect"),
    ({"source": "a", "type": "direct", "start": 5, "end": 4, "speaker": None},
     "line 1: `start`, `end` must be offsets with 0 <= start <= end, not 5, 4"),
    ({"source": "a", "type": "direct", "start": 1, "end": 999, "speaker": None},
     "line 1: offsets 1-999 are outside the text of a (162 characters); is it the same text?"),
    ({"source": "a", "type": "direct", "start": 1, "end": 4, "speaker": None, "text": "We"},
     "line 1: `text` is not the text of a from 1 to 4; fix the offsets or the text"),
])
def test_records_gold_errors_say_where_and_what(tmp_path, record, message):
    gold = write_jsonl(tmp_path / "gold.jsonl", [record])
    with pytest.raises(GoldError) as error:
        load_records_gold(gold, {"a": TEXT})
    assert str(error.value) == f"{gold}, {message}"


def test_records_gold_may_be_a_json_array(tmp_path):
    record = {"path": "a.txt", "type": "direct", "start": 1, "end": 12, "speaker": "Jane Doe"}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    gold = load_records_gold(path, {"a": TEXT})
    assert gold.quotes == {"a": [Quotation("a", "direct", ((1, 12),), "Jane Doe")]}


def test_not_json_is_an_error_with_its_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"source": "a"}\n\nnot json\n', encoding="utf-8")
    with pytest.raises(GoldError) as error:
        load_records_gold(gold, {"a": TEXT})
    assert str(error.value) == (f"{gold}, line 3: not JSON (Expecting value); "
                                "expected one record a line")


# -- the seeds --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_rows() -> dict[str, dict]:
    result = run("eval", "--gold", SEED_GOLD, SEEDS, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {row["type"]: row for row in json.loads(result.stdout)}


def test_seed_rows(seed_rows):
    assert list(seed_rows) == ["direct", "partial", "quoted", "indirect", "all"]
    assert (seed_rows["direct"]["gold_quotes"], seed_rows["partial"]["gold_quotes"],
            seed_rows["indirect"]["gold_quotes"], seed_rows["all"]["gold_quotes"]) == (14, 14, 20, 48)


def test_seed_figures_do_not_fall_below_those_recorded(seed_rows):
    """CI: no F1 on the seeds' gold may fall (no tolerance) below data/accuracy.json."""
    recorded = json.loads((ROOT / "data" / "accuracy.json").read_text(encoding="utf-8"))
    for row, figures in recorded["seeds"]["quotecli"].items():
        for key in GATED:
            assert seed_rows[row][key] >= figures[key], (row, key, seed_rows[row])


# -- the command ----------------------------------------------------------------------------------


def broken_seed_predictions() -> tuple[list[dict], dict]:
    """The seeds' gold, broken three ways: a speaker swapped, a quote cut short, a scare quote
    attributed. Returns the records and what was broken."""
    records = [dict(r) for r in seed_gold()]
    swapped = next(r for r in records if r["text"].startswith("That is the plan on the table"))
    swapped["speaker"] = "Keir Starmer"  # David Lammy's words
    cut = next(r for r in records if r["text"].startswith("It is vitally important"))
    text = read(SEEDS / f"{STV}.txt")
    cut["end"] = text.index("\n“We know", cut["start"])  # its first paragraph, 29 words of 46
    cut["text"] = text[cut["start"] : cut["end"]]
    uk_daily = read(SEEDS / f"{UK_DAILY}.txt")
    start = uk_daily.index("coalition of the willing")
    scare = {"source": UK_DAILY, "path": f"seeds/{UK_DAILY}.txt", "type": "partial",
             "text": "coalition of the willing", "start": start, "end": start + 24,
             "speaker": "Keir Starmer"}
    return records + [scare], {"swapped": swapped, "cut": cut, "scare": scare}


def test_each_deliberate_error_is_listed(tmp_path):
    records, broken = broken_seed_predictions()
    predictions = write_jsonl(tmp_path / "broken.jsonl", records)
    result = run("eval", "--gold", SEED_GOLD, SEEDS, "--predictions", predictions,
                 "--errors", "--format", "json")
    assert result.exit_code == 0, result.stderr
    errors = json.loads(result.stdout)
    listed = [(e["document"], e["error"], e["gold_start"], e["predicted_start"]) for e in errors]
    assert listed == [
        (STV, "extent", broken["cut"]["start"], broken["cut"]["start"]),
        (UK_DAILY, "false positive", None, broken["scare"]["start"]),
        (UK_DAILY, "speaker", broken["swapped"]["start"], broken["swapped"]["start"]),
    ]
    extent, scare, speaker = errors
    assert extent["detail"] == "missed “We know that because it happ … my mind it will happen again”"
    assert extent["paragraph"] == broken["cut"]["paragraph"]  # numbered as records are
    assert (scare["predicted_text"], scare["predicted_speaker"]) == ("coalition of the willing",
                                                                      "Keir Starmer")
    assert (speaker["gold_speaker"], speaker["predicted_speaker"]) == ("David Lammy", "Keir Starmer")


def test_a_quote_cut_to_less_than_half_is_missed(tmp_path):
    records, broken = broken_seed_predictions()
    broken["cut"]["end"] = broken["cut"]["start"] + 20
    del broken["cut"]["text"]
    predictions = write_jsonl(tmp_path / "broken.jsonl", records)
    result = run("eval", "--gold", SEED_GOLD, SEEDS, "--predictions", predictions,
                 "--errors", "--format", "jsonl")
    errors = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["error"] for e in errors if e["document"] == STV] == ["missed", "false positive"]


def test_errors_as_a_table_show_text_and_speakers(tmp_path):
    records, _ = broken_seed_predictions()
    predictions = write_jsonl(tmp_path / "broken.jsonl", records)
    result = run("eval", "--gold", SEED_GOLD, SEEDS, "--predictions", predictions, "--errors",
                 "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("document,paragraph,error,gold_type,")
    assert any("false positive" in line and "coalition of the willing" in line for line in lines)


def test_the_broken_figures(tmp_path):
    records, _ = broken_seed_predictions()
    predictions = write_jsonl(tmp_path / "broken.jsonl", records)
    result = run("eval", "--gold", SEED_GOLD, SEEDS, "--predictions", predictions,
                 "--format", "json")
    rows = {row["type"]: row for row in json.loads(result.stdout)}
    assert rows["indirect"]["quote_f1"] == 1.0
    assert (rows["partial"]["predicted_quotes"], rows["partial"]["matched_quotes"]) == (15, 14)
    assert (rows["direct"]["speaker_pairs"], rows["direct"]["speaker_correct"]) == (14, 13)
    assert rows["direct"]["token_recall"] < 1.0 and rows["direct"]["token_precision"] == 1.0


def test_no_errors_on_the_gold_itself(tmp_path):
    predictions = write_jsonl(tmp_path / "gold.jsonl", seed_gold())
    result = run("eval", "--gold", SEED_GOLD, SEEDS, "--predictions", predictions, "--errors",
                 "--format", "table")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No errors.\n"


def test_brat_gold_through_the_command(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text(ann(), encoding="utf-8")
    predictions = write_jsonl(tmp_path / "predictions.jsonl", predicted())
    result = run("eval", "--gold", tmp_path, tmp_path, "--predictions", predictions,
                 "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["quote_recall"]) for r in rows] == [("quoted", 1.0), ("all", 0.75)]


def test_texts_without_gold_are_noted_on_stderr(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text(ann(), encoding="utf-8")
    predictions = write_jsonl(tmp_path / "predictions.jsonl", predicted())
    result = run("eval", "--gold", tmp_path, tmp_path, "--predictions", predictions,
                 "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == "Note: 1 text(s) have no .ann file, e.g. b: not evaluated\n"


def test_gold_for_none_of_the_texts_is_an_error(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"source": "other", "type": "direct", "start": 0, "end": 1, "speaker": None}])
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "other.ann").write_text("", encoding="utf-8")
    result = run("eval", "--gold", tmp_path / "ann", SEEDS, "--predictions", gold)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {tmp_path / 'ann'}: no gold for any of the texts; gold is matched to texts by "
        "file name (X.txt: `path` X.txt or `source` X; X.ann or X_<annotator>.ann)\n")


def test_bad_gold_is_one_line_on_stderr(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("[1, 2]\n", encoding="utf-8")
    result = run("eval", "--gold", gold, SEEDS)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {gold}, record 1: not a JSON object; expected quote "
                             "records\n")


def test_missing_gold_is_a_usage_error():
    result = run("eval", "--gold", "no-such-gold.jsonl", SEEDS)
    assert result.exit_code == 2
    assert "'--gold': Path 'no-such-gold.jsonl' does not exist" in result.stderr


def test_eval_help_shows_examples():
    result = run("eval", "--help")
    assert result.exit_code == 0
    assert "Examples:\n    quotes eval --gold data/gold/seeds.jsonl seeds/\n" in result.stdout


def test_an_article_that_cannot_be_extracted_costs_only_itself(monkeypatch):
    """It is reported and scored as predicting nothing; the figures are still given (exit 1)."""
    import importlib

    extract_module = importlib.import_module("quotecli.extract")
    attribute = extract_module._attribute

    def failing(article):
        if article.source.startswith("stv-news"):
            raise RecursionError("maximum recursion depth exceeded")
        return attribute(article)

    monkeypatch.setattr(extract_module, "_attribute", failing)
    result = CliRunner().invoke(cli, ["eval", "--gold", str(SEED_GOLD), str(SEEDS),
                                      "--format", "json"])
    assert result.exit_code == 1
    assert "stv-news_2025-03-20_starmer-northwood-coalition.txt: cannot be extracted: " \
        "RecursionError" in result.stderr
    rows = {row["type"]: row for row in json.loads(result.stdout)}
    # Half the gold is in the article that failed: its quotes are missed, none is invented.
    assert rows["all"]["token_precision"] > 0.9
    assert 0.2 < rows["all"]["token_recall"] < 0.8
