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
from quotecli.merge import is_resolved
from quotecli.outlets import DIFF_FIELDS, SPEAKER_FIELDS
from quotecli.records import CLUSTER_FIELDS, FIELDS


@dataclass(frozen=True)
class Column:
    """One column of the human-readable formats (table, markdown)."""

    heading: str
    key: str
    share: int | None = None  # its share of the table's width; None: its content's width
    render: Callable[[object], str] | None = None  # the value as a person reads it, if not str
    # Names (sources, documents) are shortened in the middle to their share of the width, one
    # a line, instead of being wrapped: "stv-news_2025…northwood-coalition" is still told
    # from its neighbours, and the rows stay short.
    shorten: bool = False


@dataclass(frozen=True)
class Layout:
    """How one kind of record is written.

    `fields` are all its keys in schema order (the CSV header); `columns` the few a person
    reads in a table. `table`, when set, draws the table format itself (the records and a rich
    Console), for records that read better as sections than as one grid.
    """

    fields: tuple[str, ...]
    columns: tuple[Column, ...]
    table: Callable[[list[dict], object], None] | None = None


QUOTES = Layout(
    fields=FIELDS,
    columns=(
        Column("speaker", "speaker", share=2),
        Column("quote", "text", share=6),
        Column("type", "type"),
        Column("cue", "cue"),
        Column("source", "source", share=2, shorten=True),
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
        Column("document", "document", share=2, shorten=True),
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
    """A value as text: None empty, a list one item a line, a dict `key: value` lines."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(f"{key}: {_cell(item)}" for key, item in value.items())
    return str(value)


def _column_cell(column: Column, record: dict) -> str:
    value = record.get(column.key)
    return column.render(value) if column.render is not None else _cell(value)


def shorten_middle(text: str, width: int) -> str:
    """`text` in at most `width` characters, the middle given up for an ellipsis."""
    if len(text) <= width:
        return text
    head = width // 2
    return text[:head] + "…" + text[len(text) - (width - head - 1):]


def write_table(records: Iterable[dict], stream: TextIO, layout: Layout = QUOTES) -> None:
    """A rich table as wide as the terminal; long text is wrapped, never cut (`fold` breaks
    even a very long word), but for names, shortened in the middle (`Column.shorten`)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream)
    # Below this the columns would be too narrow to hold a word; wider lines beat lost text.
    console.width = max(console.width, TABLE_MIN_WIDTH)
    if layout.table is not None:
        layout.table(list(records), console)
        return
    table = Table(show_lines=True, expand=True)
    rows = [[_column_cell(column, record) for column in layout.columns] for record in records]
    # The columns without a share are as wide as their content; the others share what is left
    # of the width once the frame and the padding are drawn, as rich shares it.
    fixed = sum(max([len(line) for cells in rows for line in cells[i].split("\n")]
                    + [len(line) for line in column.heading.split("\n")])
                for i, column in enumerate(layout.columns) if column.share is None)
    room = console.width - 3 * len(layout.columns) - 1 - fixed
    shares = sum(column.share or 0 for column in layout.columns)
    for column in layout.columns:
        # Shares of the width: the text gets most; the short type and cue columns their
        # content's. Overflow "fold" breaks even a very long word: nothing is ever cut,
        # but for a name shortened in the middle (and, if rich makes it narrower still,
        # at its end).
        table.add_column(column.heading, ratio=column.share,
                         overflow="ellipsis" if column.shorten else "fold",
                         no_wrap=column.shorten)
    flexible = sum(1 for column in layout.columns if column.share is not None)
    # rich gives each shared column its share of `room` and of the padding, padding included;
    # one character less than that is kept, as rich rounds its shares.
    widths = [max(3, (room + 2 * flexible) * column.share // shares - 3) if column.shorten
              else None for column in layout.columns]
    for cells in rows:
        # Text(), not str: quotes like "[Putin] will not stop" are not rich markup.
        table.add_row(*(Text("\n".join(shorten_middle(line, width) for line in cell.split("\n"))
                             if width else cell) for cell, width in zip(cells, widths)))
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
    """CSV with a header of all fields; None is an empty cell, a list or dict a JSON cell."""
    writer = csv.DictWriter(stream, fieldnames=layout.fields, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: json.dumps(value, ensure_ascii=False)
                         if isinstance(value, (list, tuple, dict)) else value
                         for key, value in record.items()})


def write_markdown(records: Iterable[dict], stream: TextIO, layout: Layout = QUOTES) -> None:
    """A Markdown pipe table of the table's columns."""

    def cell(column: Column, record: dict) -> str:
        text = _column_cell(column, record).replace("\\", "\\\\").replace("|", "\\|")
        return _LINE_BREAK.sub("<br>", text)  # a quote over several paragraphs

    # A table's two-line headings ("token\nF1") on one line: a break would end the row.
    stream.write("| " + " | ".join(c.heading.replace("\n", " ") for c in layout.columns) + " |\n")
    stream.write("|" + "|".join("---" for _ in layout.columns) + "|\n")
    for record in records:
        stream.write("| " + " | ".join(cell(c, record) for c in layout.columns) + " |\n")


def _sources(value) -> str:
    """A cluster's sources in a table: one a line."""
    return "\n".join(value or ())


def _by_source(value) -> str:
    """Each source on a line, and under it `3 quoted, 1 reported`."""
    lines = []
    for source, counts in (value or {}).items():
        parts = [f"{counts['quotes']} quoted"] if counts.get("quotes") else []
        parts += [f"{counts['reported']} reported"] if counts.get("reported") else []
        lines += [source, "  " + ", ".join(parts)]
    return "\n".join(lines)


# `quotes merge`: one record per cluster of renderings of one utterance.
CLUSTERS = Layout(
    fields=CLUSTER_FIELDS,
    columns=(
        Column("speaker", "speaker", share=2),
        Column("quote (longest rendering)", "text", share=6),
        Column("sources", "source_names", share=2, render=_sources, shorten=True),
        Column("cluster", "cluster"),
    ),
)

# `quotes speakers`: one record per speaker.
SPEAKERS = Layout(
    fields=SPEAKER_FIELDS,
    columns=(
        Column("speaker", "speaker", share=2),
        Column("quoted", "quotes"),
        Column("reported", "reported"),
        Column("by source", "by_source", share=4, render=_by_source, shorten=True),
        Column("titles", "titles", share=2),
        Column("also named", "aliases", share=2),
    ),
)

# How `quotes diff` marks, in a rendering, where it differs from the longest rendering.
CHANGE_STYLES = {
    "replaced": "bold yellow",
    "added": "bold yellow",
    "editorial": "cyan",
    "extra": "magenta",
}
_LEGEND = ("yellow: words changed or added · red, struck through: words dropped without an "
           "ellipsis · cyan: [editorial insertions] · magenta: words beyond the others' · "
           "…: words this outlet leaves out")


def _outlet_order(records: list[dict]) -> list[str]:
    """The outlets in the order they were given: each row lists its outlets in that order."""
    before: dict[str, set[str]] = {}
    for record in records:
        for group in (record["outlets"], record["speaker_outlets"]):
            for i, name in enumerate(group):
                before.setdefault(name, set()).update(group[:i])
    ordered: list[str] = []
    while len(ordered) < len(before):
        left = [name for name in before if name not in ordered]
        ready = [name for name in left if before[name] <= set(ordered)]
        ordered.append((ready or left)[0])
    return ordered


def _display_names(outlets: list[str]) -> dict[str, str]:
    """Outlet names as the diff table shows them: file names such as
    `stv-news_2025-03-20_starmer-northwood-coalition` by their first part when that still
    tells them apart."""
    short = [name.split("_")[0] for name in outlets]
    if len(set(short)) == len(short):
        return dict(zip(outlets, short))
    return {name: name for name in outlets}


def _marked(rendering: dict):
    """A rendering's text with its differences from the longest rendering styled."""
    from rich.text import Text

    text = rendering["text"]
    marked = Text()
    position = 0
    last_word = max((m.end() for m in re.finditer(r"\w", text)), default=0)
    trailing = False
    changes = sorted(rendering["changes"], key=lambda c: (c["start"], c["end"]))
    for change in changes:
        kind, start, end, canonical = (change["kind"], change["start"], change["end"],
                                       change["canonical"])
        if kind == "left_out" and start >= last_word:
            trailing = True  # after the closing punctuation, below
            continue
        marked.append(text[position:start])
        position = max(position, start)
        if kind == "left_out":
            if not re.match(r"\W*(…|\.\.)", text[start:]):  # the outlet's own ellipsis says it
                marked.append(" … " if start > 0 else "…", style="dim")
        elif kind == "dropped":
            marked.append(f" {canonical} ", style="red strike")
        else:
            marked.append(text[start:end], style=CHANGE_STYLES.get(kind, ""))
            position = end
    marked.append(text[position:])
    if trailing:
        marked.append("…", style="dim")
    return marked


def _speaker_label(record: dict, none: str = "(no speaker)") -> str:
    """A diff row's speaker as shown: a role no article resolved says so (`PM (unresolved)`)."""
    if record["speaker"] is None:
        return none
    return record["speaker"] if record["speaker_resolved"] else f"{record['speaker']} (unresolved)"


def write_diff_table(records: list[dict], console) -> None:
    """`quotes diff` for a person: the quotes several outlets carry, each outlet's words with
    the differences marked; then, outlet by outlet, the quotes only it carries; then who each
    outlet quotes."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    outlets = _outlet_order(records)
    label = _display_names(outlets)
    shared = [r for r in records if r["shared"]]
    only = {name: [r for r in records if not r["shared"] and r["outlets"][0] == name]
            for name in outlets}
    summary = Text.assemble(
        (", ".join(label[name] for name in outlets), "bold"), ": ",
        f"{len(shared)} quote(s) carried by more than one outlet; ",
        "; ".join(f"{len(rows)} only in {label[name]}" for name, rows in only.items()))
    flagged = {flag: sum(flag in r["flags"] for r in shared)
               for flag in ("reworded", "trimmed", "speaker_differs")}
    if any(flagged.values()):
        summary.append("; flags: " + ", ".join(f"{n} {flag}" for flag, n in flagged.items() if n))
    console.print(summary)

    console.rule("Carried by more than one outlet", style="bold")
    if not shared:
        console.print("None: no quote appears in more than one outlet.", style="dim")
    for record in shared:
        heading = Text.assemble((_speaker_label(record), "bold"),
                                f"  ·  {len(record['outlets'])} outlets")
        if record["flags"]:
            heading.append("  ·  " + ", ".join(record["flags"]), style="bold red")
        table = Table(box=box.SIMPLE, show_header=False, expand=True, title=heading,
                      title_justify="left", padding=(0, 1))
        table.add_column("outlet", style="bold", no_wrap=True)
        table.add_column("words", ratio=1, overflow="fold")
        for rendering in record["renderings"]:
            words = _marked(rendering)
            speaker = rendering["speaker"]
            if is_resolved(speaker) and speaker != record["speaker"]:
                words.append(f"\n(said by {speaker}, in this outlet)", style="bold red")
            table.add_row(label[rendering["outlet"]], words)
        console.print(table)

    for name, rows in only.items():
        console.rule(f"Only in {label[name]} ({len(rows)})", style="bold")
        if not rows:
            console.print("None.", style="dim")
            continue
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False)
        table.add_column("speaker", ratio=2, overflow="fold")
        table.add_column("quote", ratio=7, overflow="fold")
        table.add_column("type", no_wrap=True)
        for record in rows:
            longest = next(r for r in record["renderings"] if r["text"] == record["text"])
            quote = Text(record["text"])
            for other in record["renderings"]:
                if other is not longest:  # the same words again, in part: said once
                    quote.append(f"\n  also as “{other['text']}” ({other['type']})", style="dim")
            table.add_row(Text(_speaker_label(record, none="")), quote, longest["type"])
        console.print(table)

    console.rule("Who each outlet quotes", style="bold")
    speakers: dict = {}
    for record in records:
        # A role no article tied to a name is nobody in particular: not a person of its own.
        who = record["speaker"] if record["speaker_resolved"] else None
        counts = speakers.setdefault(who, {name: 0 for name in outlets})
        for name in record["outlets"]:
            counts[name] += 1
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("speaker")
    for name in outlets:
        table.add_column(label[name], justify="right", no_wrap=True, min_width=len(label[name]))
    table.add_column("")
    ordered = sorted(speakers.items(), key=lambda item: (item[0] is None, -sum(item[1].values()),
                                                         item[0] or ""))
    for speaker, counts in ordered:
        quoting = [name for name in outlets if counts[name]]
        note = Text(f"only {label[quoting[0]]}", style="bold") if len(quoting) == 1 \
            and len(outlets) > 1 else Text("")
        table.add_row(Text(speaker or "(no speaker, or unresolved)"),
                      *(str(counts[name]) if counts[name] else Text("–", style="dim")
                        for name in outlets), note)
    console.print(table)
    console.print(Text("Quotes per outlet, a quote and its fragments counted once. " + _LEGEND,
                       style="dim"))


# `quotes diff`: one record per quote (a cluster), with each outlet's rendering.
DIFF = Layout(
    fields=DIFF_FIELDS,
    columns=(
        Column("speaker", "speaker", share=2),
        Column("quote (longest rendering)", "text", share=6),
        Column("outlets", "outlets", share=2),
        Column("flags", "flags", share=2),
    ),
    table=write_diff_table,
)


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
