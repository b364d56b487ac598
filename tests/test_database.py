"""The quote database: `quotes index` and the commands that read it (`--db`)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli
from quotecli.database import SCHEMA_VERSION, bulk_load, entry, open_database
from quotecli.records import FIELDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def write_corpus(path: Path, count: int, seed: int = 3) -> Path:
    """`count` JSON lines articles mixed from the seeds' paragraphs, each with an id and a
    date in March 2025."""
    paragraphs = [line for file in SEED_FILES
                  for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            text = "\n\n".join(rng.sample(paragraphs, rng.randint(1, 6)))
            out.write(json.dumps({"id": f"a{number:03d}", "date": f"2025-03-{number % 28 + 1:02d}",
                                  "text": text}) + "\n")
    return path


def table_rows(database: Path) -> dict[str, list]:
    """Every row of the articles and quotes tables (without when each was indexed)."""
    with sqlite3.connect(database) as connection:
        articles = connection.execute(
            "SELECT article_id, source, path, sha256, characters, meta, people FROM articles "
            "ORDER BY article_id").fetchall()
        quotes = connection.execute("SELECT * FROM quotes ORDER BY article_id, position").fetchall()
    return {"articles": articles, "quotes": quotes}


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("db") / "seeds.db"
    result = run("index", SEEDS, "--db", database)
    assert result.exit_code == 0, result.stderr
    assert f"{database}: 2 new, 0 unchanged, 0 replaced, 0 failed" in result.stderr
    return database


# -- the schema -----------------------------------------------------------------------------


def test_the_schema_holds_every_record_field_and_its_version(seeds_db):
    with sqlite3.connect(seeds_db) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(quotes)")]
        assert columns[:2] == ["article_id", "position"]
        assert tuple(columns[2 : 2 + len(FIELDS)]) == FIELDS
        article_columns = {row[1] for row in connection.execute("PRAGMA table_info(articles)")}
        assert {"source", "path", "sha256", "characters", "meta", "indexed_at",
                "people"} <= article_columns
        indexed = {row[0] for row in connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quotes' "
            "AND sql IS NOT NULL")}
        for column in ("speaker", "source", "type"):
            assert any(f"({column})" in sql for sql in indexed), column
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        info = dict(connection.execute("SELECT key, value FROM info"))
        assert info["schema_version"] == str(SCHEMA_VERSION)
        assert info["unified"] == "1"
        people = json.loads(connection.execute("SELECT people FROM articles").fetchone()[0])
        assert set(people) == {"entities", "roles"}
        count = connection.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert count == len(ok("list", SEEDS, "--format", "jsonl").splitlines())


# -- reading: each command against its `quotes list` equivalent -------------------------------


@pytest.mark.parametrize("command", [
    ["list"],
    ["list", "--speaker", "starmer"],
    ["list", "--speaker", "the prime minister", "--type", "direct"],
    ["claims"],
    ["claims", "--speaker", "lammy"],
    ["speakers"],
    ["speakers", "--type", "direct"],
    ["merge"],
    ["merge", "--type", "indirect"],
])
@pytest.mark.parametrize("output_format", ["jsonl", "csv"])
def test_reading_the_database_gives_what_the_articles_give(seeds_db, command, output_format):
    stored = ok(*command, "--db", seeds_db, "--format", output_format)
    assert stored == ok(*command, SEEDS, "--format", output_format)
    assert stored.strip()


def test_source_selects_articles_exactly_or_by_pattern(seeds_db):
    every = [json.loads(line) for line in ok("list", "--db", seeds_db, "--format", "jsonl").splitlines()]
    source = every[0]["source"]
    one = ok("list", "--db", seeds_db, "--source", source, "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in one] == [q for q in every if q["source"] == source]
    pattern = source[:5] + "*"
    assert ok("list", "--db", seeds_db, "--source", pattern, "--format", "jsonl").splitlines() == one
    assert run("list", "--db", seeds_db, "--source", "nobody", "--format", "jsonl").stdout == ""


def test_since_and_until_select_by_the_meta_date(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 12)
    database = tmp_path / "q.db"
    ok("index", corpus, "--db", database)
    records = [json.loads(line) for line in ok("list", "--db", database, "--format", "jsonl").splitlines()]
    chosen = [json.loads(line) for line in ok("list", "--db", database, "--since", "2025-03-04",
                                               "--until", "2025-03-07", "--format", "jsonl").splitlines()]
    assert chosen and len(chosen) < len(records)
    assert chosen == [r for r in records if "2025-03-04" <= r["meta"]["date"] <= "2025-03-07"]
    month = ok("list", "--db", database, "--until", "2025-03", "--format", "jsonl").splitlines()
    assert len(month) == len(records)
    assert run("list", "--db", database, "--since", "2026", "--format", "jsonl").stdout == ""


# -- writing --------------------------------------------------------------------------------


def test_an_unchanged_article_is_skipped_and_a_changed_one_replaced(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    database = tmp_path / "q.db"
    ok("index", folder, "--db", database)
    before = table_rows(database)

    import quotecli.parallel

    def no_parse(articles, **options):
        assert not list(articles), "an unchanged article was sent to the extraction"
        return iter(())

    with monkeypatch.context() as patch:
        patch.setattr(quotecli.parallel, "extract_parallel", no_parse)
        result = run("index", folder, "--db", database)
    assert result.exit_code == 0, result.stderr
    assert "0 new, 2 unchanged, 0 replaced, 0 failed; 0 quote record(s) stored" in result.stderr
    assert table_rows(database) == before

    changed = folder / SEED_FILES[0].name
    lines = changed.read_text(encoding="utf-8").splitlines(keepends=True)
    changed.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    result = run("index", folder, "--db", database)
    assert result.exit_code == 0, result.stderr
    assert "0 new, 1 unchanged, 1 replaced, 0 failed" in result.stderr
    after = table_rows(database)
    assert [row[:2] for row in after["articles"]] == [row[:2] for row in before["articles"]]
    assert len(after["quotes"]) < len(before["quotes"])
    assert ok("list", "--db", database, "--format", "jsonl") == ok("list", folder, "--format", "jsonl")


def test_two_articles_with_one_source_in_one_input_are_reported(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    (tmp_path / "a" / "story.txt").write_text(SEED_FILES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b" / "story.txt").write_text(SEED_FILES[1].read_text(encoding="utf-8"), encoding="utf-8")
    result = run("index", tmp_path / "a", tmp_path / "b", "--db", tmp_path / "q.db")
    assert result.exit_code == 1
    assert "another article of this input has the source 'story'" in result.stderr
    assert "1 new, 0 unchanged, 0 replaced, 1 failed" in result.stderr


def test_jobs_2_writes_what_one_process_writes(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 40)
    for jobs in ("1", "2"):
        ok("index", corpus, "--db", tmp_path / f"jobs{jobs}.db", "--jobs", jobs)
    assert table_rows(tmp_path / "jobs1.db") == table_rows(tmp_path / "jobs2.db")
    assert len(table_rows(tmp_path / "jobs1.db")["articles"]) == 40


def test_a_killed_index_run_again_stores_the_rest_as_one_run_would(tmp_path):
    count = 90
    corpus = write_corpus(tmp_path / "corpus.jsonl", count)
    whole = tmp_path / "whole.db"
    ok("index", corpus, "--db", whole)

    database = tmp_path / "killed.db"
    command = [sys.executable, "-m", "quotecli", "index", str(corpus), "--db", str(database), "-q"]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        if database.exists():
            try:
                with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
                    stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0  # the schema is still being made
            if stored >= 10:
                break
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert 10 <= stored < count, "the run ended before it could be killed"
    killed = table_rows(database)
    assert 10 <= len(killed["articles"]) < count

    # Read before it is finished: the speakers are unified as the records are read.
    result = run("list", "--db", database, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert "an index run did not finish" in result.stderr

    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    new = count - len(killed["articles"])
    assert f"{new} new, {count - new} unchanged, 0 replaced, 0 failed" in result.stderr
    assert table_rows(database) == table_rows(whole)
    with sqlite3.connect(database) as connection:
        sources = [row[0] for row in connection.execute("SELECT source FROM articles")]
        assert len(sources) == len(set(sources)) == count
    assert ok("list", "--db", database, "--format", "jsonl") == ok("list", corpus, "--format", "jsonl")


def test_bulk_load_stores_what_index_stores(tmp_path, seeds_db):
    from quotecli.extract import extract_many
    from quotecli.readers import read_articles

    articles = list(read_articles([str(SEEDS)]))
    database = tmp_path / "bulk.db"
    with open_database(str(database), create=True) as stored:
        tally = bulk_load(stored, [entry(article, extraction=extraction) for article, extraction
                                   in zip(articles, extract_many(articles))])
    assert (tally.new, tally.unchanged) == (2, 0)
    assert table_rows(database) == table_rows(seeds_db)


# -- errors ---------------------------------------------------------------------------------


def test_reading_errors_are_one_line(tmp_path, seeds_db):
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("not a database\n" * 100, encoding="utf-8")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE things (x)")
    newer = tmp_path / "newer.db"
    shutil.copy(seeds_db, newer)
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    cases = [
        (tmp_path / "missing.db", "no such database; make one with quotes index PATH... --db"),
        (not_sqlite, "cannot be opened as an SQLite database"),
        (other, "not a quote database"),
        (newer, f"made by a newer quotecli (schema version {SCHEMA_VERSION + 1})"),
    ]
    for database, message in cases:
        result = run("list", "--db", database)
        assert result.exit_code == 1, result.stderr
        assert result.stderr.startswith("Error: ") and message in result.stderr
        assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("args, message", [
    (["list", "seeds", "--db", "q.db"], "use: quotes index PATH... --db FILE"),
    (["speakers"], "give the articles to read (PATH...), or a quote database (--db FILE)"),
    (["merge", "seeds", "--since", "2025"], "--since selects the articles of a quote database"),
    (["list", "--db", "q.db", "--model", "x"], "--model is for extracting articles"),
    (["claims", "--db", "q.db", "--until", "March"], "is not a date"),
])
def test_options_that_do_not_go_together_are_usage_errors(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_another_model_is_refused(tmp_path, seeds_db):
    database = tmp_path / "q.db"
    shutil.copy(seeds_db, database)
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE info SET value = 'en_other_model' WHERE key = 'model'")
    result = run("index", SEEDS, "--db", database)
    assert result.exit_code == 1
    assert "was indexed with the model en_other_model" in result.stderr


def test_an_article_that_cannot_be_stored_whole_is_not_stored(tmp_path, seeds_db):
    """A failure after the article's row is written (here a record the schema refuses) takes
    the row back with it: the next run sees the article as new, not as unchanged."""
    from dataclasses import replace

    from quotecli.attribution.entities import Roster
    from quotecli.extract import extract_many
    from quotecli.readers import read_articles

    article = next(iter(read_articles([str(SEED_FILES[0])])))
    extraction = next(extract_many([article]))
    broken = [*extraction.quotes[:3], replace(extraction.quotes[3], text=None)]
    with open_database(str(tmp_path / "q.db"), create=True) as stored:
        with pytest.raises(sqlite3.IntegrityError):
            stored.store(entry(article), broken, Roster({}, ()))
        assert stored.stored_digest(article[1]) is None
        assert stored.connection.execute("SELECT count(*) FROM quotes").fetchone()[0] == 0
