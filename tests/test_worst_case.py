"""Inputs that succeed but could cost more than their size (issue 13): the work grows with the
input, never faster, and a long paragraph parsed in pieces gives what it gives whole.

The work is counted, not timed: the lines of quotecli's own code run for an input (spaCy's
parse, which is linear, is not counted), so the test says the same on any machine.
`benchmarks/worst_case.py` times the same kinds of input at 10 KB to 1 MB.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import quotecli
from benchmarks.worst_case import KINDS, ordinary
from quotecli import marks
from quotecli.extract import extract

PACKAGE = str(Path(quotecli.__file__).resolve().parent)


def work(text: str) -> int:
    """The lines of quotecli's code run to extract `text`."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return trace

    extract("Warm up: “the model,” she said.")
    sys.settrace(trace)
    try:
        extract(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("kind", sorted(set(KINDS) - {"ordinary"}))
def test_doubling_a_pathological_input_at_most_doubles_the_work(kind):
    small, large = work(KINDS[kind](3000)), work(KINDS[kind](6000))
    assert large <= 2.25 * small, (kind, small, large)


def test_pieces_of_a_long_paragraph_cover_it_and_end_at_sentences():
    text = ordinary(9000).replace("\n", " ")
    pieces = marks.parse_pieces(text, 0, len(text), 1000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(end - start <= 1000 for start, end in pieces)
    assert all(text[end - 1].isspace() and text[:end].rstrip()[-1] in ".!?\"”’)"
               for _, end in pieces[:-1])
    # No sentence end and no blank: cut at the limit.
    assert marks.parse_pieces("x" * 2500, 0, 2500, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


@pytest.mark.parametrize("limit", [1000, 3000])
def test_a_paragraph_parsed_in_pieces_gives_the_records_it_gives_whole(monkeypatch, limit):
    text = ordinary(9000).replace("\n", " ")  # news flattened into one line, as scrapers do
    whole = [quote.to_dict() for quote in extract(text)]
    monkeypatch.setattr(marks, "PARSE_PIECE_CHARS", limit)
    assert [quote.to_dict() for quote in extract(text)] == whole
    assert len(whole) > 40
