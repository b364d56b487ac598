"""From the PATH arguments of the command line to articles: files, folders and stdin.

An article is the `(text, source, path)` tuple `extract_many()` takes. Text is decoded from
the bytes exactly as stored: no newline translation (a quote's offsets index the text as read,
so "\\r\\n" stays two characters) and only a leading byte-order mark is dropped (offsets count
from the first character after it).
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from quotecli.errors import InputError, QuotecliError

STDIN = "-"
STDIN_SOURCE = "stdin"
STDIN_LABEL = "<stdin>"  # how errors name standard input
BOM = "\ufeff"
PDF_SIGNATURE = b"%PDF-"
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

Article = tuple[str, str, str | None]  # (text, source, path), what extract_many() takes
# A JSON lines record adds its other fields: (text, source, path, meta).

INPUT_FORMATS = ("auto", "html", "jsonl", "text")
FORMAT_OF_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html"}
# What a folder is read for. `auto` keeps to text: a folder of articles often holds other
# JSON lines (saved quotes, predictions) that are not articles.
SUFFIXES_OF_FORMAT = {"text": (".txt",), "jsonl": (".jsonl", ".ndjson"), "html": (".html", ".htm"),
                      "auto": (".txt",)}


def check_encoding(encoding: str) -> str:
    """The canonical codec name of `encoding`; QuotecliError if Python does not know it."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise QuotecliError(f"unknown encoding {encoding!r}: try utf-8 or latin-1") from None


def read_articles(paths: Iterable[str], encoding: str = "utf-8", source: str | None = None,
                  stdin: BinaryIO | None = None, max_chars: int | None = None,
                  input_format: str = "auto", text_field: str = "text",
                  id_field: str = "id") -> Iterator[Article | InputError]:
    """One article, or the InputError saying why it cannot be read, for each input text.

    Args:
        paths: files; folders (every `*.txt` below them, or with `input_format` jsonl every
            `*.jsonl` and `*.ndjson`, with html every `*.html` and `*.htm`; sorted by path;
            hidden files and folders skipped); `-` for standard input.
        input_format: `text`, `jsonl` (one article a line), `html` (the main text of a page,
            by trafilatura) or `auto`: by a file's extension (`.jsonl`/`.ndjson`, `.html`/`.htm`,
            anything else text; stdin is text).
        text_field, id_field: in a JSON lines record, the article's text and its source (when
            absent: the file name without extension, a colon and the line number). The other
            fields become the article's `meta`.
        encoding: how the bytes are decoded (a UTF-8 byte-order mark is dropped either way).
        source: the source of every article; by default a file's name without its extension,
            and "stdin" for standard input.
        stdin: the binary stream `-` reads (default: the process's standard input).
        max_chars: an article longer than this is an InputError (None: no limit); a file so
            large that it must be longer is not even read.

    Errors are yielded, not raised, so that one bad file does not stop the others.
    """
    check_encoding(encoding)
    if input_format not in INPUT_FORMATS:
        raise QuotecliError(f"unknown input format {input_format!r}: use one of "
                            + ", ".join(INPUT_FORMATS))

    def read(file, kind):
        if kind == "jsonl":
            return read_jsonl(file, encoding, max_chars, text_field, id_field)
        if kind == "html":
            return [read_html(file, encoding, source, max_chars)]
        return [read_file(file, encoding, source, max_chars)]

    for argument in paths:
        if argument == STDIN:
            if input_format == "jsonl":
                yield from _jsonl_lines(_stdin_lines(stdin), STDIN_LABEL, STDIN_SOURCE, STDIN,
                                        encoding, max_chars, text_field, id_field)
                continue
            article = _read_stdin(stdin, encoding, source)
            if input_format == "html" and not isinstance(article, InputError):
                article = _main_text(article[0], STDIN_LABEL, article[1], STDIN)
            yield _within(article, max_chars)
            continue
        path = Path(argument)
        if path.is_dir():
            suffixes = SUFFIXES_OF_FORMAT[input_format]
            files = _text_files(path, suffixes)
            if not files:
                yield InputError(argument, f"folder has no {_or(suffixes)} files")
            for file in files:
                yield from read(file, _format_of(file, input_format))
        else:
            # Not only regular files: `<(command)` gives a pipe such as /dev/fd/63.
            yield from read(path, _format_of(path, input_format))


def count_articles(paths: Iterable[str], input_format: str = "auto") -> int | None:
    """How many articles `read_articles(paths, input_format=…)` will give (readable or not),
    known from the file names alone; None when it cannot be known before reading (standard
    input, JSON lines)."""
    count = 0
    for argument in paths:
        if argument == STDIN:
            return None
        path = Path(argument)
        files = (_text_files(path, SUFFIXES_OF_FORMAT[input_format]) or [path]) if path.is_dir() \
            else [path]
        if any(_format_of(file, input_format) == "jsonl" for file in files):
            return None
        count += len(files)
    return count


def _or(suffixes: tuple[str, ...]) -> str:
    return suffixes[0] if len(suffixes) == 1 else ", ".join(suffixes[:-1]) + " or " + suffixes[-1]


def _format_of(path: Path, input_format: str) -> str:
    if input_format != "auto":
        return input_format
    return FORMAT_OF_SUFFIX.get(path.suffix.lower(), "text")


def read_jsonl(path: str | Path, encoding: str = "utf-8", max_chars: int | None = None,
               text_field: str = "text", id_field: str = "id") -> Iterator[Article | InputError]:
    """One article a line of a JSON lines file, read a line at a time; a line that is not a
    JSON object with a string `text_field` is an InputError naming `file:line`, and the file
    goes on."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield InputError(str(path), "no such file or directory")
        return
    except PermissionError:
        yield InputError(str(path), "cannot be read: permission denied")
        return
    except IsADirectoryError:
        yield InputError(str(path), "is a directory")
        return
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {(exc.strerror or str(exc)).lower()}")
        return
    with handle:
        yield from _jsonl_lines(handle, str(path), path.stem, str(path), encoding, max_chars,
                                text_field, id_field)


def _stdin_lines(stream: BinaryIO | None):
    return stream if stream is not None else sys.stdin.buffer


def _jsonl_lines(lines, name: str, stem: str, path: str, encoding: str, max_chars: int | None,
                 text_field: str, id_field: str) -> Iterator[Article | InputError]:
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError:
            yield InputError(where, f"is not {encoding} text; line skipped, pass --encoding")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield InputError(where, f"is not valid JSON ({exc.msg}, column {exc.colno}); "
                                    "line skipped")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "is not a JSON object; line skipped")
            continue
        text = record.get(text_field)
        if not isinstance(text, str):
            yield InputError(where, f"has no {text_field!r} field with a string; line skipped, "
                                    "pass --text-field to name the text's field")
            continue
        if not text.strip():
            yield InputError(where, "is empty")
            continue
        identifier = record.get(id_field)
        source = str(identifier) if identifier is not None and identifier != "" else f"{stem}:{number}"
        meta = {key: value for key, value in record.items() if key != text_field}
        if max_chars is not None and len(text) > max_chars:
            yield _too_long(where, f"{len(text):,}", max_chars)
            continue
        yield text, source, path, meta


def read_html(path: str | Path, encoding: str = "utf-8", source: str | None = None,
              max_chars: int | None = None) -> Article | InputError:
    """The main text of an HTML page (trafilatura: no navigation, no comments), or the
    InputError saying why there is none. Offsets of its quotes refer to that text."""
    article = read_file(path, encoding, source, None)
    if isinstance(article, InputError):
        return article
    return _within(_main_text(article[0], str(path), article[1], article[2]), max_chars)


def _main_text(html: str, name: str, source: str, path: str) -> Article | InputError:
    try:
        import trafilatura
    except ImportError:
        raise QuotecliError("reading HTML needs trafilatura: pip install 'quotecli[html]'") from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               include_images=False, favor_precision=True, deduplicate=False)
    if not text or not text.strip():
        return InputError(name, "has no article text that can be found (is it a page of links?)")
    return text, source, path


_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def text_file_name(source: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """The file name `--emit-text` gives an article's text: its source, made safe, with a
    number (`x~2.txt`) when an earlier article of the run has `taken` the name. `taken` holds
    names in `str.casefold` form: on macOS and Windows, `X.txt` is the file `x.txt`."""
    stem = _UNSAFE_NAME.sub("_", source).strip("._") or "article"
    name, number = f"{stem}.txt", 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem}~{number}.txt"
    return name


def _within(article: Article | InputError, max_chars: int | None) -> Article | InputError:
    if isinstance(article, InputError) or max_chars is None or len(article[0]) <= max_chars:
        return article
    return _too_long(article[2] if article[2] != STDIN else STDIN_LABEL, f"{len(article[0]):,}", max_chars)


def _too_long(name: str, size: str, max_chars: int) -> InputError:
    return InputError(name, f"is too long ({size} characters, more than --max-chars {max_chars:,}); "
                            "skipped, pass a larger --max-chars to read it")


def read_file(path: str | Path, encoding: str = "utf-8", source: str | None = None,
              max_chars: int | None = None) -> Article | InputError:
    """The article in one file, or the InputError saying why it cannot be read."""
    path = Path(path)
    try:
        # No encoding stores a character in more than four bytes: a file larger than that
        # cannot be within the limit, and is not read into memory at all.
        if max_chars is not None and path.is_file() and path.stat().st_size > 4 * max_chars:
            return _too_long(str(path), f"over {max_chars:,}", max_chars)
        data = path.read_bytes()
    except FileNotFoundError:
        return InputError(str(path), "no such file or directory")
    except PermissionError:
        return InputError(str(path), "cannot be read: permission denied")
    except IsADirectoryError:
        return InputError(str(path), "is a directory")
    except OSError as exc:
        return InputError(str(path), f"cannot be read: {(exc.strerror or str(exc)).lower()}")
    try:
        text = _decode(data, encoding)
    except _NotText as exc:
        return InputError(str(path), str(exc))
    return _within((text, source or path.stem, str(path)), max_chars)


class _NotText(Exception):
    """The bytes of an input are not text; the message says why (the caller names the input)."""


def _decode(data: bytes, encoding: str) -> str:
    """The text in `data`, a leading byte-order mark dropped and newlines left as they are."""
    codec = check_encoding(encoding)
    if data.startswith(UTF16_BOMS) and codec == "utf-8":
        # A UTF-16 byte-order mark says unambiguously how the text is stored (Windows editors
        # save so): read it as that, rather than ask for an --encoding.
        encoding = codec = "utf-16"
    wide = codec.startswith(("utf-16", "utf-32"))  # their text is full of NUL bytes
    if data.startswith(PDF_SIGNATURE):
        raise _NotText("looks like a binary file, not text")
    if not wide and data.startswith(UTF16_BOMS):
        raise _NotText("is UTF-16 text; pass --encoding utf-16")
    if not wide and b"\x00" in data:
        raise _NotText("looks like a binary file, not text")
    try:
        # bytes.decode never translates newlines (only text-mode file reading does).
        text = data.decode(encoding)
    except UnicodeDecodeError:
        name = "UTF-8" if codec == "utf-8" else encoding
        raise _NotText(f"is not {name} text; pass --encoding, e.g. --encoding latin-1") from None
    text = text.removeprefix(BOM)
    if not text.strip():
        raise _NotText("is empty")
    return text


def _read_stdin(stream: BinaryIO | None, encoding: str, source: str | None) -> Article | InputError:
    if stream is None:
        stream = sys.stdin.buffer
    try:
        data = stream.read()
    except OSError as exc:
        return InputError(STDIN_LABEL, f"cannot be read: {(exc.strerror or str(exc)).lower()}")
    try:
        text = _decode(data, encoding)
    except _NotText as exc:
        return InputError(STDIN_LABEL, str(exc))
    return text, source or STDIN_SOURCE, STDIN


def _text_files(folder: Path, suffixes: tuple[str, ...] = (".txt",)) -> list[Path]:
    """The files below `folder` with one of `suffixes`, sorted by path, skipping hidden files
    and folders."""
    found = []
    for path in folder.rglob("*"):
        if path.suffix.lower() not in suffixes:
            continue
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found)
