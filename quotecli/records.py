"""The records quotecli outputs, as frozen dataclasses with a stable key order."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

# direct: a whole statement in quotation marks; partial: quoted words inside the reporter's
# sentence; indirect: reported speech or a reported claim, the content clause of a cue.
QUOTE_TYPES = ("direct", "partial", "indirect")


@dataclass(frozen=True)
class Quote:
    """One quote: its words, where they are, who said them and how.

    Offsets are str offsets into the input as read (newlines untranslated); `text` is
    `input[start:end]`: the words inside the quotation marks without the marks, or for an
    indirect record the reported clause. Unknown values are None. `confidence` is described in
    docs/records.md ("How confident"). `cue_kind` is the cue's kind in the lexicon (speech, belief,
    estimate …). `id` identifies the record within its source; `parent` is, on a partial quote
    inside reported speech, the `id` of that indirect record. `meta` holds the other fields of
    the JSON lines record the article came from (None for other inputs).
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
    meta: dict | None = field(default=None, hash=False)  # a dict cannot be hashed

    def to_dict(self) -> dict:
        """The record as a dict, keys in schema order."""
        return asdict(self)


FIELDS = tuple(f.name for f in fields(Quote))


@dataclass(frozen=True)
class Cluster:
    """The renderings of one utterance across sources: one speaker's words as each source gave them.

    `cluster` is a stable id (from the speaker and the canonical words, so the same clusters get
    the same ids whatever the order of the input); `text` is the canonical rendering, the longest
    one; `source_names` are the distinct sources of the members, sorted; `members` are the quote
    records, ordered by source and place.
    """

    cluster: str
    speaker: str | None
    text: str
    sources: int
    source_names: tuple[str, ...]
    members: tuple[Quote, ...]

    def to_dict(self) -> dict:
        """The record as a dict, keys in schema order; members as `quotes list` gives them."""
        return {
            "cluster": self.cluster,
            "speaker": self.speaker,
            "text": self.text,
            "sources": self.sources,
            "source_names": list(self.source_names),
            "members": [member.to_dict() for member in self.members],
        }


CLUSTER_FIELDS = ("cluster", "speaker", "text", "sources", "source_names", "members")
