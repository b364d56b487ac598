"""The output formats, in one registry: table | json | jsonl | csv | markdown.

A writer takes an iterable of record dicts (keys in schema order, as `to_dict()` gives them), a
text stream and the `Layout` of that kind of record, so every command writes every kind of
record (quotes now; clusters, speakers later) through the same code.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from typing import Callable, Iterable, TextIO

from quotecli.evaluate import FIGURE_FIELDS, MISTAKE_FIELDS
from quotecli.records import FIELDS


@dataclass(frozen=True)
class Column:
    """One column of the human-readable formats (table, markdown)."""

    heading: str
    key: str
    share: int | None = None  # its share of the table's width; None: its content's width


@dataclass(frozen=True)
class Layout:
    """How one kind of record is written.

    `fields` are all its keys in schema order (the CSV header); `columns` the few a person
    reads in a table.
    """

    fields: tuple[str, ...]
    columns: tuple[Column, ...]


QUOTES = Layout(
    fields=FIELDS,
    columns=(
        Column("speaker", "speaker", share=2),
        Column("quote", "text", share=6),
        Column("type", "type"),
        Column("cue", "cue"),
        Column("source", "source", share=2),
    ),
)

# `quotes eval`: the figures of each row, and with --errors one record per error.
FIGURES = Layout(
    fields=FIGURE_FIELDS,
    columns=(
        Column("type", "type"),
        Column("token\nP", "token_precision"),
        Column("token\nR", "token_recall"),
        Column("token\nF1", "token_f1"),
        Column("token F1\nspeaker", "token_f1_speaker"),
        Column("quote\nP", "quote_precision"),
        Column("quote\nR", "quote_recall"),
        Column("quote\nF1", "quote_f1"),
        Column("speaker\nacc.", "speaker_accuracy"),
    ),
)

MISTAKES = Layout(
    fields=MISTAKE_FIELDS,
    columns=(
        Column("document", "document", share=2),
        Column("¶", "paragraph"),
        Column("error", "error"),
        Column("gold", "gold_text", share=4),
        Column("gold speaker", "gold_speaker", share=2),
        Column("predicted", "predicted_text", share=4),
        Column("predicted speaker", "predicted_speaker", share=2),
        Column("detail", "detail", share=3),
    ),
)

TABLE_MIN_WIDTH = 60
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Writer = Callable[[Iterable[dict], TextIO, Layout], None]


def _cell(value) -> str:
    return "" if value is None else str(value)


def write_table(records: Iterable[dict], stream: TextIO, layout: Layout = QUOTES) -> None:
    """A rich table; long text is wrapped, never cut (`fold` breaks even a very long word)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, expand=True)
    for column in layout.columns:
        # Shares of the width: the text gets most; the short type and cue columns their
        # content's. Overflow "fold" breaks even a very long word: nothing is ever cut.
        table.add_column(column.heading, overflow="fold", ratio=column.share)
    for record in records:
        # Text(), not str: quotes like "[Putin] will not stop" are not rich markup.
        table.add_row(*(Text(_cell(record.get(c.key))) for c in layout.columns))
    console = Console(file=stream)
    # Below this the columns would be too narrow to hold a word; wider lines beat lost text.
    console.width = max(console.width, TABLE_MIN_WIDTH)
    console.print(table)


def write_json(records: Iterable[dict], stream: TextIO, layout: Layout = QUOTES) -> None:
    """One JSON array, indented; non-ASCII characters as they are."""
    json.dump(list(records), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write_jsonl(records: Iterable[dict], stream: TextIO, layout: Layout = QUOTES) -> None:
    """One JSON object a line, keys in schema order."""
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        stream.flush()  # a record is out as soon as it is found, and always whole


def write_csv(records: Iterable[dict], stream: TextIO, layout: Layout = QUOTES) -> None:
    """CSV with a header of all fields; None is an empty cell."""
    writer = csv.DictWriter(stream, fieldnames=layout.fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)


def write_markdown(records: Iterable[dict], stream: TextIO, layout: Layout = QUOTES) -> None:
    """A Markdown pipe table of the table's columns."""

    def cell(value) -> str:
        text = _cell(value).replace("\\", "\\\\").replace("|", "\\|")
        return _LINE_BREAK.sub("<br>", text)  # a quote over several paragraphs

    stream.write("| " + " | ".join(c.heading for c in layout.columns) + " |\n")
    stream.write("|" + "|".join("---" for _ in layout.columns) + "|\n")
    for record in records:
        stream.write("| " + " | ".join(cell(record.get(c.key)) for c in layout.columns) + " |\n")


FORMATS: dict[str, Writer] = {
    "table": write_table,
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "markdown": write_markdown,
}


def default_format(stream: TextIO) -> str:
    """`table` for a person at a terminal, `jsonl` for a pipe or a file."""
    isatty = getattr(stream, "isatty", None)
    return "table" if isatty is not None and isatty() else "jsonl"


def write(records: Iterable[dict], stream: TextIO, format: str | None = None,
          layout: Layout = QUOTES) -> None:
    """Write `records` to `stream` in `format` (default: by `default_format`)."""
    FORMATS[format or default_format(stream)](records, stream, layout)
