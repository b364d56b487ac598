"""The records quotecli outputs, as frozen dataclasses with a stable key order."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

QUOTE_TYPES = ("direct", "partial")


@dataclass(frozen=True)
class Quote:
    """One quote: its words, where they are, who said them and how.

    Offsets are str offsets into the input as read (newlines untranslated); `text` is
    `input[start:end]`, the words inside the quotation marks without the marks. Unknown values
    are None. `confidence` is described in the README ("How confident").
    """

    source: str
    path: str | None
    type: str
    text: str
    start: int
    end: int
    paragraph: int
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_title: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    confidence: float

    def to_dict(self) -> dict:
        """The record as a dict, keys in schema order."""
        return asdict(self)


FIELDS = tuple(f.name for f in fields(Quote))
