"""Helpers for the tier-2 tests of who said it: the quotes of a text, with the offset promises
of ANNOTATION.md checked on every one."""

from __future__ import annotations

from quotecli.extract import extract


def quotes_of(text: str):
    """The quotes of `text` (reported speech left out), each checked for the offset promises of
    ANNOTATION.md."""
    found = [q for q in extract(text) if q.type != "indirect"]
    for quote in found:
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_mention is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention
        if quote.cue is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue
    return found


def summary(text: str) -> list[tuple[str, str, str | None]]:
    """(type, text, speaker) of every quote: the exact expectation most tests compare."""
    return [(q.type, q.text, q.speaker) for q in quotes_of(text)]


def speaker_of(text: str, words: str) -> str | None:
    """The speaker of the one record of `text`, of any type, whose words are `words`."""
    found = [q for q in extract(text) if q.text == words]
    assert len(found) == 1, [(q.type, q.text, q.speaker) for q in extract(text)]
    return found[0].speaker
