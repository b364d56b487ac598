"""The `quotes` command through click's CliRunner: exit code, stdout and stderr apart."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli
from quotecli.errors import ModelError
from quotecli.records import FIELDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(str(p) for p in SEEDS.glob("*.txt"))
STARMER = "Keir Starmer"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def key(record: dict) -> tuple:
    return record["source"], record["start"], record["end"]


@pytest.fixture(scope="session")
def seed_records() -> list[dict]:
    """All quotes of the seeds, through the CLI (this also loads the model once)."""
    result = run("list", *SEED_FILES, "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert records
    return records


# -- help and version -----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["-h"]])
def test_help_shows_an_example(args):
    result = run(*args)
    assert result.exit_code == 0
    assert "Examples:\n    quotes list " in result.stdout
    assert result.stderr == ""


def test_help_does_not_import_spacy():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from quotecli.cli import cli\n"
        "assert CliRunner().invoke(cli, ['list', '--help']).exit_code == 0\n"
        "print('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("quotes ")


# -- formats --------------------------------------------------------------------------------------


def test_json_is_an_array_of_records(seed_records):
    assert all(list(record) == list(FIELDS) for record in seed_records)
    assert {r["source"] for r in seed_records} == {Path(p).stem for p in SEED_FILES}


def test_json_is_pretty_and_keeps_non_ascii():
    result = run("list", *SEED_FILES, "--format", "json")
    assert result.stdout.startswith("[\n  {\n")
    assert "’" in result.stdout and "\\u2019" not in result.stdout


def test_jsonl_one_object_a_line_in_schema_order(seed_records):
    result = run("list", *SEED_FILES, "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert all(list(record) == list(FIELDS) for record in records)
    assert records == seed_records


def test_jsonl_is_the_default_when_piped(seed_records):
    result = run("list", *SEED_FILES)
    assert [json.loads(line) for line in result.stdout.splitlines()] == seed_records


def test_csv_header_is_the_schema(seed_records):
    result = run("list", *SEED_FILES, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(FIELDS)
    assert len(rows) == len(seed_records) + 1
    # Multi-paragraph quotes keep their newline inside one quoted field.
    assert [row[FIELDS.index("text")] for row in rows[1:]] == [r["text"] for r in seed_records]


def test_markdown_is_a_pipe_table(seed_records):
    result = run("list", *SEED_FILES, "--format", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "| speaker | quote | type | cue | source |"
    assert lines[1] == "|---|---|---|---|---|"
    assert len(lines) == len(seed_records) + 2
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines[2:])


def test_table_shows_every_quote_in_full(seed_records):
    result = run("list", *SEED_FILES, "--format", "table")
    assert result.exit_code == 0
    assert result.stderr == ""
    header = result.stdout.splitlines()[1]
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == \
        ["speaker", "quote", "type", "cue", "source"]
    cells = [line.strip("│").split("│") for line in result.stdout.splitlines() if line.startswith("│")]
    assert not any("…" in cell for row in cells for cell in row[:-1])  # only sources shortened
    longest = max(seed_records, key=lambda r: len(r["text"]))
    words = longest["text"].split()
    assert all(word in result.stdout for word in words)


@pytest.mark.parametrize("columns", [100, 160])
def test_table_follows_the_width_and_shortens_sources_in_the_middle(columns):
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(
        cli, ["list", *SEED_FILES, "--format", "table"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert {len(line) for line in lines} == {columns}
    # Each record's source on its first line, never wrapped onto the next ones.
    blocks, sources = [], []
    for line in lines:
        if line.startswith(("┡", "├")):
            blocks.append([])
        elif line.startswith("│"):
            blocks[-1].append(line.strip("│").split("│")[-1].strip())
    for block in blocks:
        assert block[0].startswith(("stv", "uk")) and not any(block[1:]), block
        sources.append(block[0])
    shortened = [s for s in sources if "…" in s]
    assert shortened and all(s.endswith(("ition", "lans")) for s in shortened)


def test_table_with_no_quotes_says_so_on_stderr():
    result = run("list", *SEED_FILES, "--speaker", "nobody at all", "--format", "table")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No quotes found.\n"


# -- --speaker and --type -------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Starmer", "keir starmer", "prime minister", "KEIR STARMER"])
def test_speaker_by_name_part_or_title(query, seed_records):
    result = run("list", *SEED_FILES, "--speaker", query, "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    expected = [r for r in seed_records if r["speaker"] == STARMER]
    assert records == expected
    assert any(r["speaker_mention"] == "he" for r in records)  # attributed via a pronoun


def test_speaker_word_parts_are_whole_words():
    result = run("list", *SEED_FILES, "--speaker", "starm", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_speaker_pronoun_is_no_alias():
    result = run("list", *SEED_FILES, "--speaker", "he", "--format", "json")
    assert json.loads(result.stdout) == []


def test_type(seed_records):
    result = run("list", *SEED_FILES, "--type", "direct", "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records == [r for r in seed_records if r["type"] == "direct"]
    assert records


def test_type_repeated(seed_records):
    result = run("list", *SEED_FILES, "--type", "direct", "--type", "partial", "--format", "json")
    assert json.loads(result.stdout) == [r for r in seed_records if r["type"] in ("direct", "partial")]


def test_speaker_and_type_together(seed_records):
    result = run("list", *SEED_FILES, "--speaker", "starmer", "--type", "partial", "--format", "json")
    records = json.loads(result.stdout)
    assert records == [r for r in seed_records if r["speaker"] == STARMER and r["type"] == "partial"]
    assert records


# -- inputs ---------------------------------------------------------------------------------------


def test_folder_is_its_txt_files_sorted(seed_records):
    result = run("list", SEEDS, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == seed_records


def test_stdin():
    text = "“We will not back down,” Keir Starmer said on Thursday.\n"
    result = run("list", "-", "--format", "json", input=text.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert (record["source"], record["path"]) == ("stdin", "-")
    assert record["speaker"] == STARMER
    assert text[record["start"] : record["end"]] == record["text"] == "We will not back down,"


def test_source_option():
    text = "“We will not back down,” Keir Starmer said on Thursday.\n"
    result = run("list", "-", "--source", "bbc", "--format", "jsonl", input=text)
    assert json.loads(result.stdout)["source"] == "bbc"


def test_offsets_index_the_text_as_read(tmp_path):
    """A UTF-8 byte-order mark is dropped; CRLF newlines stay two characters."""
    text = ("Intro line.\r\n“We will not back down,” Keir Starmer said.\r\n"
            "“Nor will we,” David Lammy said.\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run("list", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["text"] for r in records] == ["We will not back down,", "Nor will we,"]
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]
        assert text[record["speaker_start"] : record["speaker_end"]] == record["speaker_mention"]
    assert records[0]["source"] == "crlf"


# -- errors: exact exit code and message ----------------------------------------------------------


def assert_one_error(result, message: str, exit_code: int = 1):
    assert result.exit_code == exit_code
    assert result.stderr == f"Error: {message}\n"
    assert "Traceback" not in result.output


def test_missing_path(tmp_path):
    path = tmp_path / "nowhere.txt"
    result = run("list", path)
    assert_one_error(result, f"{path}: no such file or directory")
    assert result.stdout == ""


@pytest.mark.parametrize("content", [b"PK\x03\x04\x00\x00binary", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"])
def test_binary_file(tmp_path, content):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    result = run("list", path)
    assert_one_error(result, f"{path}: looks like a binary file, not text")
    assert result.stdout == ""


def test_undecodable_file_names_encoding_option(tmp_path):
    path = tmp_path / "latin.txt"
    text = "“Ça suffit,” Keir Starmer said in Brussels. Café.\n".replace("“", '"').replace("”", '"')
    path.write_bytes(text.encode("latin-1"))
    result = run("list", path)
    assert_one_error(result, f"{path}: is not UTF-8 text; pass --encoding, e.g. --encoding latin-1")
    assert result.stdout == ""

    fixed = run("list", path, "--encoding", "latin-1", "--format", "json")
    assert fixed.exit_code == 0, fixed.stderr
    [record] = json.loads(fixed.stdout)
    assert record["text"] == "Ça suffit,"


def test_unknown_encoding_is_a_usage_error(tmp_path):
    result = run("list", SEED_FILES[0], "--encoding", "klingon")
    assert result.exit_code == 2
    assert "Invalid value for '--encoding': unknown encoding 'klingon'" in result.stderr


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = run("list", path)
    assert_one_error(result, f"{path}: is empty")


def test_empty_stdin():
    result = run("list", "-", input="")
    assert_one_error(result, "<stdin>: is empty")


def test_folder_without_txt_files(tmp_path):
    (tmp_path / "notes.md").write_text("“Hello,” she said.")
    result = run("list", tmp_path)
    assert_one_error(result, f"{tmp_path}: folder has no .txt files")


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("“Hello,” she said.")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run("list", path)
    assert_one_error(result, f"{path}: cannot be read: permission denied")


def test_unknown_model():
    result = run("list", SEED_FILES[0], "--model", "no_such_model_xyz")
    assert_one_error(
        result,
        "cannot load spaCy pipeline 'no_such_model_xyz': install it as a Python package or "
        "pass --model with an installed one (OSError)",
    )
    assert result.stdout == ""


def test_traceback_option_lets_the_error_through():
    result = run("--traceback", "list", SEED_FILES[0], "--model", "no_such_model_xyz")
    assert result.exit_code == 1
    assert isinstance(result.exception, ModelError)


def test_one_good_and_one_bad_file(tmp_path, seed_records):
    bad = tmp_path / "missing.txt"
    result = run("list", SEED_FILES[0], bad, "--format", "json")
    assert_one_error(result, f"{bad}: no such file or directory")
    records = json.loads(result.stdout)
    assert records and {r["source"] for r in records} == {Path(SEED_FILES[0]).stem}


def test_every_bad_file_is_reported(tmp_path):
    empty = tmp_path / "a.txt"
    empty.write_text("")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01")
    result = run("list", empty, SEED_FILES[1], binary, "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {empty}: is empty",
        f"Error: {binary}: looks like a binary file, not text",
    ]
    assert result.stdout.strip()


@pytest.mark.parametrize("args", [["list"], ["list", "x.txt", "--format", "yaml"],
                                  ["list", "x.txt", "--type", "scare"], ["nope"]])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage: " in result.stderr


def test_unexpected_error_is_one_line_unless_traceback(monkeypatch):
    import quotecli.filters

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(quotecli.filters, "select", broken)
    result = run("list", SEED_FILES[0])
    assert_one_error(result, "unexpected RuntimeError: boom (run again with --traceback and report it)")
    result = run("--traceback", "list", SEED_FILES[0])
    assert isinstance(result.exception, RuntimeError)


def test_python_dash_m():
    out = subprocess.run([sys.executable, "-m", "quotecli", "--version"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("quotes ")


def test_public_api_survives_the_cli_importing_its_modules(seed_records):
    import quotecli
    import quotecli.extract  # noqa: F401  (what the list command does)

    assert callable(quotecli.extract) and callable(quotecli.extract_many)
    [quote] = quotecli.extract("“No,” Keir Starmer said.", source="t")
    assert quote.speaker == STARMER


def test_markdown_headings_are_one_line_each():
    """The figures of `quotes eval` have two-line headings in a table ("token\\nF1")."""
    from quotecli.formats import FIGURES, write_markdown

    out = io.StringIO()
    write_markdown([{field: 1.0 for field in FIGURES.fields}], out, FIGURES)
    header, rule, row = out.getvalue().splitlines()
    assert header.count("|") == rule.count("|") == row.count("|") == len(FIGURES.columns) + 1
    assert "| token F1 speaker |" in header
