"""The quote database: a corpus's articles and their quotes in SQLite, written as it is indexed
and read again without parsing.

One article is one row of `articles`, keyed by its source; its records are rows of `quotes`.
Each article is stored with its quotes in one transaction, so that a run killed at any point
leaves only whole articles, and the next run stores the rest (`index`). An article stored with
the same text is skipped before it is parsed (the text's sha256 is kept); one whose text
changed is replaced in place, keeping its place in the order.

Speakers are unified across the whole database, as `quotes list` unifies them across a run:
each article's `people` (its `Roster`) and each quote's speaker as the article alone resolves
it (`article_speaker`, `article_speaker_title`) are kept, and once a run has stored its
articles the `speaker` and `speaker_title` of every quote are computed again from all of them
(`unify`). Until that is done (a run that was killed), readers unify as they read, in memory.

The schema is in docs/corpora.md; `SCHEMA_VERSION` is kept in `PRAGMA user_version` and in the
`info` table, and a database of another version is refused with a message that says so.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import itertools
import json
import re
import sqlite3
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from quotecli import __version__
from quotecli.attribution.entities import Roster
from quotecli.errors import ArticleError, QuotecliError
from quotecli.records import FIELDS, Quote

SCHEMA_VERSION = 1

# The SQL type of each record field; the columns of `quotes` follow the record's field order.
_FIELD_TYPES = {"start": "INTEGER NOT NULL", "end": "INTEGER NOT NULL",
                "paragraph": "INTEGER NOT NULL", "speaker_start": "INTEGER",
                "speaker_end": "INTEGER", "cue_start": "INTEGER", "cue_end": "INTEGER",
                "confidence": "REAL NOT NULL", "source": "TEXT NOT NULL",
                "type": "TEXT NOT NULL", "text": "TEXT NOT NULL", "id": "TEXT NOT NULL"}
_JSON_FIELDS = ("meta",)


def _column(name: str) -> str:
    return '"' + name + '"'  # `end` is an SQL keyword


_QUOTE_COLUMNS = ",\n    ".join(f"{_column(name)} {_FIELD_TYPES.get(name, 'TEXT')}" for name in FIELDS)

SCHEMA = f"""
CREATE TABLE info (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE articles (
    article_id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    path TEXT,
    sha256 TEXT NOT NULL,
    characters INTEGER NOT NULL,
    meta TEXT,
    indexed_at TEXT NOT NULL,
    people TEXT NOT NULL
);
CREATE TABLE quotes (
    article_id INTEGER NOT NULL REFERENCES articles (article_id),
    position INTEGER NOT NULL,
    {_QUOTE_COLUMNS},
    article_speaker TEXT,
    article_speaker_title TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE INDEX quotes_source ON quotes (source);
CREATE INDEX quotes_type ON quotes (type);
"""

# How a date given to --since/--until is written: a year, a month or a day.
_DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def digest(text: str) -> str:
    """The sha256 of an article's text (UTF-8), as stored."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Selection:
    """Which stored articles a reading command reads: a source (exactly, or a pattern with
    `*`, `?` or `[...]`, as in a shell), and a date range on a `meta` field, each bound a year,
    a month or a day (`until` takes in the whole of the day, month or year it names)."""

    source: str | None = None
    since: str | None = None
    until: str | None = None
    date_field: str = "date"

    def __post_init__(self):
        for bound in (self.since, self.until):
            if bound is not None and not _DATE_RE.fullmatch(bound):
                raise QuotecliError(f"{bound!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")

    def where(self) -> tuple[str, list]:
        """The SQL condition on `articles` (as `a`), with its parameters."""
        conditions, parameters = [], []
        if self.source is not None:
            conditions.append("a.source GLOB ?")
            parameters.append(self.source)
        date = "json_extract(a.meta, ?)"
        path = '$."' + self.date_field.replace('"', '\\"') + '"'
        if self.since is not None:
            conditions.append(f"{date} >= ?")
            parameters += [path, self.since]
        if self.until is not None:
            conditions.append(f"substr({date}, 1, ?) <= ?")
            parameters += [path, len(self.until), self.until]
        return " AND ".join(conditions) or "1", parameters


@dataclass
class Tally:
    """What an index run did, article by article."""

    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    quotes: int = 0  # records stored by this run

    def summary(self) -> str:
        return (f"{self.new} new, {self.unchanged} unchanged, {self.replaced} replaced, "
                f"{self.failed} failed; {self.quotes} quote record(s) stored")


class Database:
    """An open quote database (`open_database`)."""

    def __init__(self, connection: sqlite3.Connection, path: str):
        self.connection = connection
        self.path = path

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- info -----------------------------------------------------------------------------------

    def info(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM info WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_info(self, key: str, value: str) -> None:
        self.connection.execute("INSERT INTO info (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                (key, value))

    @property
    def unified(self) -> bool:
        """Whether the stored speakers are unified across every stored article."""
        return self.info("unified") != "0"

    def check_model(self, model: str) -> None:
        """The model of every stored record is the one the database was first indexed with:
        records of two models would not be comparable, nor would "unchanged" mean the same."""
        stored = self.info("model")
        if stored is None:
            with self._transaction():
                self._set_info("model", model)
        elif stored != model:
            raise QuotecliError(f"{self.path} was indexed with the model {stored}, not {model}: "
                                f"index with --model {stored}, or into a new database")

    # -- writing --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self):
        """One transaction: all its statements are stored, or (on any exception) none. The
        connection is in autocommit mode, so every write goes through here."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def stored_digest(self, source: str) -> str | None:
        """The sha256 of the text stored under `source`, or None when there is none."""
        row = self.connection.execute("SELECT sha256 FROM articles WHERE source = ?",
                                      (source,)).fetchone()
        return row[0] if row else None

    def store(self, entry: dict, quotes: list[Quote], people: Roster) -> str:
        """Store one article (an `entry`, without its quotes) and its quotes (speakers as the
        article alone resolves them) in one transaction: `new`, or `replaced` when its source
        was stored with another text."""
        source = entry["source"]
        values = (entry["path"], entry["sha256"], entry["characters"], _json(entry["meta"]),
                  datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                  people.to_json())
        connection = self.connection
        with self._transaction():
            self._set_info("unified", "0")
            row = connection.execute("SELECT article_id FROM articles WHERE source = ?",
                                     (source,)).fetchone()
            if row is None:
                cursor = connection.execute(
                    "INSERT INTO articles (source, path, sha256, characters, meta, indexed_at, "
                    "people) VALUES (?, ?, ?, ?, ?, ?, ?)", (source, *values))
                article_id, outcome = cursor.lastrowid, "new"
            else:
                article_id, outcome = row[0], "replaced"
                connection.execute(
                    "UPDATE articles SET path = ?, sha256 = ?, characters = ?, meta = ?, "
                    "indexed_at = ?, people = ? WHERE article_id = ?", (*values, article_id))
                connection.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
            connection.executemany(_INSERT_QUOTE, (
                (article_id, position, *_row(quote), quote.speaker, quote.speaker_title)
                for position, quote in enumerate(quotes)))
        return outcome

    def unify(self) -> int:
        """Unify the stored speakers across every stored article, once articles have been
        stored since it was last done; how many quotes changed."""
        if self.unified:
            return 0
        with self._transaction():
            changes = list(_changed_speakers(self.connection))
            self.connection.executemany(
                "UPDATE quotes SET speaker = ?, speaker_title = ? "
                "WHERE article_id = ? AND position = ?", changes)
            self._set_info("unified", "1")
        return len(changes)

    # -- reading --------------------------------------------------------------------------------

    def records(self, selection: Selection = Selection(), types: Iterable[str] | None = None,
                speaker: str | None = None) -> Iterator[dict]:
        """The stored records of the selected articles, as `Quote.to_dict()` gives them, in the
        order they were indexed: of one of `types` (all when None) and by the speaker(s)
        `speaker` names (as `filters.select` reads it, its aliases learnt from every selected
        record)."""
        connection = self._reading()
        where, parameters = self._where(connection, selection, types, speaker)
        columns = ", ".join("q." + _column(name) for name in FIELDS)
        cursor = connection.execute(
            f"SELECT {columns} FROM quotes q JOIN articles a USING (article_id) "
            f"WHERE {where} ORDER BY q.article_id, q.position", parameters)
        for row in cursor:
            record = dict(zip(FIELDS, row))
            if record["meta"] is not None:
                record["meta"] = json.loads(record["meta"])
            yield record

    def quotes(self, selection: Selection = Selection(), types: Iterable[str] | None = None,
               speaker: str | None = None) -> Iterator[Quote]:
        """`records` as `Quote`s."""
        return (Quote(**record) for record in self.records(selection, types, speaker))

    def speaker_counts(self, selection: Selection = Selection(),
                       types: Iterable[str] | None = None) -> list[tuple[tuple, int]]:
        """The selected records counted by (speaker, source, type, speaker_title,
        speaker_mention): what `outlets.speakers_counted` reads."""
        connection = self._reading()
        where, parameters = self._where(connection, selection, types)
        rows = connection.execute(
            "SELECT q.speaker, q.source, q.type, q.speaker_title, q.speaker_mention, count(*) "
            f"FROM quotes q JOIN articles a USING (article_id) WHERE {where} "
            "GROUP BY 1, 2, 3, 4, 5", parameters)
        return [(row[:5], row[5]) for row in rows]

    @staticmethod
    def _where(connection, selection: Selection, types: Iterable[str] | None = None,
               speaker: str | None = None) -> tuple[str, list]:
        where, parameters = selection.where()
        if speaker is not None:
            named = sorted(_speakers_named(connection, where, parameters, speaker))
            where += f" AND q.speaker IN ({', '.join('?' * len(named))})" if named else " AND 0"
            parameters = parameters + named
        types = sorted(set(types or ()))
        if types:
            where += f" AND q.type IN ({', '.join('?' * len(types))})"
            parameters = parameters + types
        return where, parameters

    def _reading(self) -> sqlite3.Connection:
        """A connection whose speakers are unified: this one, or, after an index run that did
        not finish, a copy in memory unified there (the file is left to the next index run)."""
        if self.unified:
            return self.connection
        copy = sqlite3.connect(":memory:", isolation_level=None)
        self.connection.backup(copy)
        Database(copy, self.path).unify()
        return copy


_INSERT_QUOTE = (
    f"INSERT INTO quotes (article_id, position, {', '.join(map(_column, FIELDS))}, "
    f"article_speaker, article_speaker_title) VALUES ({', '.join('?' * (len(FIELDS) + 4))})")


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False,
                                                 separators=(",", ":"))


def _row(quote: Quote) -> tuple:
    return tuple(_json(getattr(quote, name)) if name in _JSON_FIELDS else getattr(quote, name)
                 for name in FIELDS)


def _changed_speakers(connection: sqlite3.Connection) -> Iterator[tuple]:
    """(speaker, speaker_title, article_id, position) of each quote whose unified speaker is
    not the one stored, from a `Run` over the people of every stored article."""
    from quotecli.attribution.across import Run

    rosters = [(article_id, Roster.from_json(people)) for article_id, people in
               connection.execute("SELECT article_id, people FROM articles ORDER BY article_id")]
    run = Run([roster for _, roster in rosters])
    roster_of = dict(rosters)
    rows = connection.execute(
        "SELECT article_id, position, article_speaker, article_speaker_title, speaker_mention, "
        "speaker, speaker_title FROM quotes ORDER BY article_id, position")
    for article_id, quotes in itertools.groupby(rows, key=lambda row: row[0]):
        quotes = list(quotes)
        unified = run.speakers(roster_of[article_id], [row[2:5] for row in quotes])
        for row, (speaker, title) in zip(quotes, unified):
            if (speaker, title) != (row[5], row[6]):
                yield speaker, title, article_id, row[1]


@dataclass(frozen=True)
class _Attribution:
    """The fields `speakers_named` reads of a record."""

    speaker: str | None
    speaker_mention: str | None
    speaker_title: str | None


def _speakers_named(connection, where: str, parameters: list, query: str) -> set[str]:
    """The speakers `query` names, its aliases learnt from every distinct attribution of the
    selected records (as `filters.select` learns them from the records of a run)."""
    from quotecli.filters import speakers_named

    rows = connection.execute(
        "SELECT DISTINCT q.speaker, q.speaker_mention, q.speaker_title FROM quotes q "
        f"JOIN articles a USING (article_id) WHERE {where} AND q.speaker IS NOT NULL "
        "ORDER BY 1, 2, 3", parameters)
    return speakers_named((_Attribution(*row) for row in rows), query)


def open_database(path: str, create: bool = False) -> Database:
    """Open the quote database at `path`, made (empty) when `create` is true and it does not
    exist. QuotecliError when it cannot be opened, is not a quote database or is of another
    schema version."""
    exists = Path(path).exists()
    if not exists and not create:
        raise QuotecliError(f"{path}: no such database; make one with "
                            f"quotes index PATH... --db {path}")
    try:
        # isolation_level None: transactions are opened where the code says (`with`), not
        # before every statement; check_same_thread off, as only one thread uses it at a time.
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA busy_timeout = 10000")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise QuotecliError(f"{path}: cannot be opened as an SQLite database ({exc})") from None
    if not tables and create:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            # One transaction, so that a file is a whole database or an empty one.
            connection.executescript(
                "BEGIN;" + SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};"
                f"INSERT INTO info (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}'), "
                f"('made_by', 'quotecli {__version__}'), ('unified', '1');"
                "COMMIT;")
        except sqlite3.DatabaseError as exc:
            raise QuotecliError(f"{path}: cannot be written ({exc})") from None
        version = SCHEMA_VERSION
    elif not {"info", "articles", "quotes"} <= tables:
        connection.close()
        raise QuotecliError(f"{path}: not a quote database (it has no quotecli tables); "
                            "give another file, or a new one to make")
    if version != SCHEMA_VERSION:
        connection.close()
        newer = "a newer" if version > SCHEMA_VERSION else "an older"
        raise QuotecliError(f"{path}: made by {newer} quotecli (schema version {version}); "
                            f"this one reads version {SCHEMA_VERSION}: index again into a new "
                            "database, or use the quotecli that made it")
    # Each article's transaction is durable once the next checkpoint or commit is; a crash can
    # lose the last ones, never corrupt the file (WAL with synchronous NORMAL).
    connection.execute("PRAGMA synchronous = NORMAL")
    return Database(connection, path)


# -- indexing ---------------------------------------------------------------------------------


@dataclass
class _Pending:
    """An article sent to the extraction, with what is needed to store it."""

    article: tuple
    text_digest: str


def index(database: Database, articles: Iterable[tuple], model: str | None = None,
          jobs: int = 1, tally: Tally | None = None) -> Iterator[tuple[str, str] | ArticleError]:
    """Extract and store each article that is not stored already with the same text: for each
    article, in input order, as it is done, (outcome, source) with outcome `new`, `unchanged`
    or `replaced`, or the `ArticleError` of one that cannot be extracted. Only this process
    writes; with `jobs` > 1 the extraction runs in worker processes. Once all are done, the
    speakers are unified across the database. `tally`, if given, counts what was done.
    """
    from quotecli.parallel import extract_parallel
    from quotecli.pipeline import default_model

    tally = tally if tally is not None else Tally()
    database.check_model(model or default_model())
    pending: deque[_Pending] = deque()
    done: deque = deque()  # outcomes known before extraction, to give in input order
    # source → the start of its text's digest, of this run's articles (the start is enough to
    # tell two texts apart, in less memory over millions of articles)
    seen: dict[str, str] = {}

    def to_extract():
        for article in articles:
            text, source = article[0], article[1]
            text_digest = digest(text)
            earlier = seen.get(source)
            if earlier is not None:
                if earlier == text_digest[:16]:
                    done.append(("unchanged", source))
                else:
                    done.append(ArticleError(article[2] or source, (
                        f"another article of this input has the source {source!r}, and the "
                        "database holds one article per source: give each its own name "
                        "(--id-field for JSON lines)")))
                continue
            seen[source] = text_digest[:16]
            if database.stored_digest(source) == text_digest:
                done.append(("unchanged", source))
                continue
            done.append(None)  # its place: the extraction's result goes here
            pending.append(_Pending(article, text_digest))
            yield article

    def outcomes_before_next_result():
        while done and done[0] is not None:
            yield done.popleft()

    def counted(outcome):
        if isinstance(outcome, ArticleError):
            tally.failed += 1
        else:
            setattr(tally, outcome[0], getattr(tally, outcome[0]) + 1)
        return outcome

    for result in extract_parallel(to_extract(), model=model, jobs=jobs):
        yield from map(counted, outcomes_before_next_result())
        done.popleft()
        item = pending.popleft()
        if isinstance(result, ArticleError):
            yield counted(result)
            continue
        outcome = database.store(entry(item.article, item.text_digest), result.quotes,
                                 result.people)
        tally.quotes += len(result.quotes)
        yield counted((outcome, item.article[1]))
    yield from map(counted, outcomes_before_next_result())
    database.unify()


def bulk_load(database: Database, entries: Iterable[dict], model: str | None = None) -> Tally:
    """Store articles extracted elsewhere (`quotecli.dask.extract_entries`, or `entry` of an
    `Extraction`) as `index` would have stored them, then unify the speakers across the
    database; what was done.

    Each entry is a dict with the article's `source`, `path`, its text's `sha256` and
    `characters`, `meta`, `people` (a `Roster` as JSON) and `quotes` (its records as dicts,
    speakers as the article alone resolves them). An entry whose source is stored with the same
    sha256 is left as it is. `model` is the pipeline the entries were extracted with (None:
    the default one), checked against the database's.
    """
    from quotecli.pipeline import default_model

    database.check_model(model or default_model())
    tally = Tally()
    for entry in entries:
        if database.stored_digest(entry["source"]) == entry["sha256"]:
            tally.unchanged += 1
            continue
        quotes = [Quote(**record) for record in entry["quotes"]]
        outcome = database.store(entry, quotes, Roster.from_json(entry["people"]))
        setattr(tally, outcome, getattr(tally, outcome) + 1)
        tally.quotes += len(quotes)
    database.unify()
    return tally


def entry(article: tuple, text_digest: str | None = None, extraction=None) -> dict:
    """What the database stores of one article: its source, path, text's sha256 and length,
    and meta; with its `Extraction`, also its `people` (as JSON) and its `quotes` (as dicts),
    what `bulk_load` takes. Plain data, to be sent between processes or machines."""
    text, source, path, *meta = article
    stored = {"source": source, "path": path, "sha256": text_digest or digest(text),
              "characters": len(text), "meta": meta[0] if meta else None}
    if extraction is not None:
        stored["people"] = extraction.people.to_json()
        stored["quotes"] = [quote.to_dict() for quote in extraction.quotes]
    return stored
