"""Hostile inputs: each behaves as documented, and none costs the output of the good ones.

One run reads the whole battery together with the seeds (as a user pointing quotes at a messy
folder would); the seeds' output must be what it is alone, each bad input one line on stderr,
and the exit code 1. The rest check what only a real process shows: a closed pipe, Ctrl-C.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
QUOTE = "“We will rebuild the harbour wall before winter,” said Mayor Ines Calloway.\n"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


@pytest.fixture(scope="module")
def battery(tmp_path_factory) -> dict[str, tuple[Path, str | None]]:
    """name → (path, the error after "PATH: ", or None when the input is read)."""
    folder = tmp_path_factory.mktemp("battery")
    cases: dict[str, tuple[Path, str | None]] = {}

    def add(name: str, data: bytes, error: str | None) -> None:
        path = folder / f"{name}.txt"
        path.write_bytes(data)
        cases[name] = (path, error)

    add("empty", b"", "is empty")
    add("whitespace", b" \n\t\r\n  \n", "is empty")
    add("only-marks", ('"“”‘’\'' * 170_000)[:1_000_000].encode(), None)
    add("unpaired-marks", ("He said “ and then “ again. " * 3000 + "\n" + QUOTE).encode(), None)
    add("twenty-mb", b"Words and words. " * (20 * 1024 * 1024 // 17), "is too long")
    add("five-mb-line", (b"word " * (5 * 1024 * 1024 // 5)), "is too long")
    add("nul-bytes", b"Some text\x00with a NUL byte.", "looks like a binary file, not text")
    add("invalid-utf8", b"Caf\xe9 \xff\xfe broken", "is not UTF-8 text; pass --encoding, e.g. --encoding latin-1")
    add("utf16-bom", QUOTE.encode("utf-16"), None)
    add("latin1", 'Ren\u00e9e Aubert said: "Non."\n'.encode("latin-1"),
        "is not UTF-8 text; pass --encoding, e.g. --encoding latin-1")
    add("crlf", QUOTE.replace("\n", "\r\n").encode() * 2, None)
    add("lone-cr", QUOTE.replace("\n", "\r").encode() * 2, None)
    add("html", ("<html><head><title>Harbour</title></head><body><p class=\"lead\">"
                 + QUOTE + "</p><script>var x = \"y\";</script></body></html>").encode(), None)
    add("pdf-named-txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", "looks like a binary file, not text")
    (folder / "real.pdf").write_bytes(b"%PDF-1.7 binary")  # not *.txt: not read at all
    (folder / "blob.bin").write_bytes(os.urandom(256))
    loop = folder / "loop.txt"
    loop.symlink_to(loop)
    cases["symlink-loop"] = (loop, "cannot be read: too many levels of symbolic links")
    return cases


@pytest.fixture(scope="module")
def seeds_alone():
    return jsonl(run("list", *SEEDS, "--format", "jsonl").stdout)


def test_the_battery_with_the_seeds_in_one_run(battery, seeds_alone):
    paths = [path for path, _ in battery.values()]
    result = run("list", *SEEDS, *paths, "--format", "jsonl")
    assert result.exit_code == 1
    expected_errors = sorted(f"Error: {path}: {error}" for path, error in battery.values() if error)
    errors = sorted(result.stderr.splitlines())
    assert len(errors) == len(expected_errors)
    for line, expected in zip(errors, expected_errors):
        assert line.startswith(expected), (line, expected)
    assert "Traceback" not in result.stderr
    records = jsonl(result.stdout)
    by_path = {}
    for record in records:
        by_path.setdefault(record["path"], []).append(record)
    assert [r for r in records if r["path"] in SEEDS] == seeds_alone
    for name in ("unpaired-marks", "utf16-bom", "crlf", "lone-cr", "html"):
        path, _ = battery[name]
        # HTML is read as text here (markup and all): the quote is found, its type may suffer.
        found = [r for r in by_path.get(str(path), [])
                 if r["text"] == "We will rebuild the harbour wall before winter,"]
        assert found and found[0]["speaker"] == "Ines Calloway", name
    assert str(battery["only-marks"][0]) not in by_path


def test_offsets_index_the_text_exactly_as_read(battery):
    for name in ("crlf", "lone-cr"):
        path, _ = battery[name]
        text = path.read_bytes().decode()
        records = jsonl(run("list", path, "--format", "jsonl").stdout)
        assert len([r for r in records if r["type"] == "direct"]) == 2
        for record in records:
            assert text[record["start"] : record["end"]] == record["text"]


def test_latin1_reads_with_the_encoding_it_names(battery):
    path, _ = battery["latin1"]
    result = run("list", path, "--encoding", "latin-1", "--format", "jsonl")
    assert result.exit_code == 0
    assert [r["text"] for r in jsonl(result.stdout)] == ["Non."]


def test_a_larger_max_chars_reads_a_long_article(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Filler words here. " * 600 + "\n" + QUOTE, encoding="utf-8")
    assert run("list", path, "--max-chars", "5000").exit_code == 1
    result = run("list", path, "--max-chars", "20000", "--format", "jsonl")
    assert result.exit_code == 0 and len(jsonl(result.stdout)) == 1


def test_a_folder_of_ten_thousand_small_files(tmp_path):
    for number in range(10_000):
        (tmp_path / f"n{number:05d}.txt").write_text(f"Note {number}: nothing was said.\n", encoding="utf-8")
    (tmp_path / "n10000.txt").write_text(QUOTE, encoding="utf-8")
    result = run("list", tmp_path, "--stream", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert [r["source"] for r in jsonl(result.stdout)] == ["n10000"]


def test_a_path_that_cannot_be_read(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(QUOTE, encoding="utf-8")
    original = Path.read_bytes

    def denied(self):
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = run("list", locked, SEEDS[0], "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {locked}: cannot be read: permission denied\n"
    assert result.stdout.strip()


def test_empty_stdin():
    result = run("list", "-", input="")
    assert (result.exit_code, result.stderr) == (1, "Error: <stdin>: is empty\n")


def quotes_process(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "quotecli", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_a_pipe_closed_early_ends_quietly():
    process = quotes_process("list", *SEEDS, "--format", "jsonl")
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert json.loads(first)["source"] and stderr == ""


def test_ctrl_c_exits_130_leaving_whole_records(tmp_path):
    # Enough articles that the run is still going well after the first record is read.
    for number in range(6000):
        (tmp_path / f"n{number:04d}.txt").write_text(QUOTE, encoding="utf-8")
    process = quotes_process("list", tmp_path, "--stream", "--format", "jsonl")
    first = process.stdout.readline()  # the run is under way
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    rest, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "Traceback" not in stderr.decode()
    for line in (first + rest).decode().splitlines():
        json.loads(line)  # every record written is whole
