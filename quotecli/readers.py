"""From the PATH arguments of the command line to articles: files, folders and stdin.

An article is the `(text, source, path)` tuple `extract_many()` takes. Text is decoded from
the bytes exactly as stored: no newline translation (a quote's offsets index the text as read,
so "\\r\\n" stays two characters) and only a leading byte-order mark is dropped (offsets count
from the first character after it).
"""

from __future__ import annotations

import codecs
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


def check_encoding(encoding: str) -> str:
    """The canonical codec name of `encoding`; QuotecliError if Python does not know it."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise QuotecliError(f"unknown encoding {encoding!r}: try utf-8 or latin-1") from None


def read_articles(paths: Iterable[str], encoding: str = "utf-8", source: str | None = None,
                  stdin: BinaryIO | None = None,
                  max_chars: int | None = None) -> Iterator[Article | InputError]:
    """One article, or the InputError saying why it cannot be read, for each input text.

    Args:
        paths: files; folders (every `*.txt` below them, sorted by path; hidden files and
            folders skipped); `-` for standard input.
        encoding: how the bytes are decoded (a UTF-8 byte-order mark is dropped either way).
        source: the source of every article; by default a file's name without its extension,
            and "stdin" for standard input.
        stdin: the binary stream `-` reads (default: the process's standard input).
        max_chars: an article longer than this is an InputError (None: no limit); a file so
            large that it must be longer is not even read.

    Errors are yielded, not raised, so that one bad file does not stop the others.
    """
    check_encoding(encoding)
    for argument in paths:
        if argument == STDIN:
            yield _within(_read_stdin(stdin, encoding, source), max_chars)
            continue
        path = Path(argument)
        if path.is_dir():
            files = _text_files(path)
            if not files:
                yield InputError(argument, "folder has no .txt files")
            for file in files:
                yield read_file(file, encoding, source, max_chars)
        else:
            # Not only regular files: `<(command)` gives a pipe such as /dev/fd/63.
            yield read_file(path, encoding, source, max_chars)


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


def _text_files(folder: Path) -> list[Path]:
    """The `*.txt` files below `folder`, sorted by path, skipping hidden files and folders."""
    found = []
    for path in folder.rglob("*.txt"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found)
