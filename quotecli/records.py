"""The records quotecli outputs, as frozen dataclasses with a stable key order."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

# direct: a whole statement in quotation marks; partial: quoted words inside the reporter's
# sentence; indirect: reported speech or a reported claim, the content clause of a cue.
QUOTE_TYPES = ("direct", "partial", "indirect")


@dataclass(frozen=True)
class Quote:
    """One quote: its words, where they are, who said them and how.

    Offsets are str offsets into the input as read (newlines untranslated); `text` is
    `input[start:end]`: the words inside the quotation marks without the marks, or for an
    indirect record the reported clause. Unknown values are None. `confidence` is described in
    the README ("How confident"). `cue_kind` is the cue's kind in the lexicon (speech, belief,
    estimate …). `id` identifies the record within its source; `parent` is, on a partial quote
    inside reported speech, the `id` of that indirect record.
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
    cue_kind: str | None = None
    id: str = ""
    parent: str | None = None

    def to_dict(self) -> dict:
        """The record as a dict, keys in schema order."""
        return asdict(self)


FIELDS = tuple(f.name for f in fields(Quote))
