"""--input-format: JSON lines corpora (text and id fields, meta passed through, bad lines
reported by file:line) and HTML pages (their main text, written out by --emit-text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli
from quotecli.records import FIELDS
from quotecli.readers import read_articles, text_file_name

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted((ROOT / "seeds").glob("*.txt"))

CORPUS = "\n".join([
    json.dumps({"id": "a1", "text": "“We will win,” said Jane Smith, the mayor.", "outlet": "x"}),
    "{not json",
    json.dumps({"body": "no text here"}),
    "",
    json.dumps({"text": "“Taxes will fall,” Tom Brown said.", "outlet": "y", "tags": [1, 2]}),
    json.dumps(["a", "list"]),
]) + "\n"

PAGE = """<html><head><title>Budget</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article><h1>Mayor speaks on the budget</h1>
<p>The mayor spoke on Monday about the city's budget and the plans for the coming year.</p>
<p>“We will balance the budget this year,” said Jane Smith, the mayor of the town, at a meeting.</p>
<p>Critics said the plan would not work and that taxes would have to rise before long.</p>
</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>
"""


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_jsonl_lines_are_articles_and_bad_lines_are_reported(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(CORPUS, encoding="utf-8")
    result = run("list", corpus, "--format", "jsonl")
    assert result.exit_code == 1  # some lines could not be read; the others are output
    assert result.stderr.splitlines() == [
        f"Error: {corpus}:2: is not valid JSON (Expecting property name enclosed in double "
        "quotes, column 2); line skipped",
        f"Error: {corpus}:3: has no 'text' field with a string; line skipped, pass --text-field "
        "to name the text's field",
        f"Error: {corpus}:6: is not a JSON object; line skipped",
    ]
    found = records(result)
    assert [(r["source"], r["text"], r["speaker"]) for r in found] == [
        ("a1", "We will win,", "Jane Smith"), ("corpus:5", "Taxes will fall,", "Tom Brown")]
    assert found[0]["meta"] == {"id": "a1", "outlet": "x"}
    assert found[1]["meta"] == {"outlet": "y", "tags": [1, 2]}
    assert all(list(r) == list(FIELDS) and r["path"] == str(corpus) for r in found)
    assert list(FIELDS)[-1] == "meta"


def test_jsonl_fields_can_be_named(tmp_path):
    corpus = tmp_path / "c.ndjson"
    corpus.write_text(json.dumps({"doc": 7, "body": "“Yes,” said Ann Lee."}) + "\n",
                      encoding="utf-8")
    result = run("list", corpus, "--text-field", "body", "--id-field", "doc", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    [record] = records(result)
    assert (record["source"], record["text"], record["meta"]) == ("7", "Yes,", {"doc": 7})


def test_jsonl_records_match_the_same_texts_as_files(tmp_path):
    corpus = tmp_path / "seeds.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for path in SEED_FILES:
            text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
            out.write(json.dumps({"id": path.stem, "text": text}) + "\n")
    from_jsonl = records(run("list", corpus, "--format", "jsonl", "--stream"))
    from_files = records(run("list", *SEED_FILES, "--format", "jsonl", "--stream"))
    strip = lambda r: {k: v for k, v in r.items() if k not in ("path", "meta")}  # noqa: E731
    assert [strip(r) for r in from_jsonl] == [strip(r) for r in from_files]
    assert from_jsonl


def test_jsonl_from_stdin():
    result = run("list", "-", "--input-format", "jsonl", "--format", "jsonl",
                 input=json.dumps({"text": "“Go,” said Ann Lee."}) + "\n")
    assert result.exit_code == 0, result.stderr
    assert [(r["source"], r["text"]) for r in records(result)] == [("stdin:1", "Go,")]


def test_html_main_text_and_emitted_text(tmp_path):
    pytest.importorskip("trafilatura")
    page = tmp_path / "budget.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "texts"
    result = run("list", page, "--format", "jsonl", "--emit-text", out)
    assert result.exit_code == 0, result.stderr
    text = (out / "budget.txt").read_bytes().decode("utf-8")
    assert "Home" not in text and "Copyright" not in text
    found = records(result)
    assert ("We will balance the budget this year,", "Jane Smith") in \
        [(r["text"], r["speaker"]) for r in found]
    for record in found:  # offsets index the emitted text
        assert text[record["start"]:record["end"]] == record["text"]
        assert text[record["speaker_start"]:record["speaker_end"]] == record["speaker_mention"]


def test_articles_sharing_a_source_name_each_keep_their_emitted_text(tmp_path):
    for folder, speaker in (("first", "Ann Lee"), ("second", "Tom Brown")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"“Stop the works,” said {speaker}.",
                                                     encoding="utf-8")
    out = tmp_path / "texts"
    result = run("list", tmp_path / "first", tmp_path / "second", "--format", "jsonl",
                 "--emit-text", out)
    assert result.exit_code == 0, result.stderr
    assert "story~2.txt" in result.stderr
    assert "Ann Lee" in (out / "story.txt").read_text(encoding="utf-8")
    assert "Tom Brown" in (out / "story~2.txt").read_text(encoding="utf-8")
    assert text_file_name("story", taken={"story.txt", "story~2.txt"}) == "story~3.txt"
    assert text_file_name("Story", taken={"story.txt"}) == "Story~2.txt"


def test_a_folder_is_read_for_the_files_of_its_format(tmp_path):
    pytest.importorskip("trafilatura")
    (tmp_path / "a.txt").write_text("“Stop,” said Ann Lee.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b1", "text": "“Go,” said Tom Brown."})
                                      + "\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.7")

    def sources(input_format):
        return [a[1] for a in read_articles([str(tmp_path)], input_format=input_format)]

    assert sources("auto") == sources("text") == ["a"]  # saved quotes beside articles stay out
    assert sources("jsonl") == ["b1"]
    assert sources("html") == ["c"]


def test_emitted_file_names_are_safe():
    assert text_file_name("corpus:12") == "corpus_12.txt"
    assert text_file_name("../x/y") == "x_y.txt"
    assert text_file_name("...") == "article.txt"
