"""One article as the passes see it: its text, marks, parses and people (it holds no pass)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quotecli import marks
from quotecli.lexicons import area_words
from quotecli.attribution.entities import People, Roster, uncoordinated_start
from quotecli.records import Quote

if TYPE_CHECKING:
    from quotecli.attribution.cues import Cue
    from quotecli.attribution.resolve import Resolver, Speaker
    from quotecli.terms import WordIndex


WORD_RE = re.compile(r"\w+")


@dataclass
class Article:
    """One input text and what the extraction learns about it."""

    text: str
    source: str
    path: str | None = None
    scan: marks.MarkScan | None = None
    docs: dict[int, object] = field(default_factory=dict)  # paragraph index → Doc
    quoted: bytearray = field(default_factory=bytearray)
    index: People = field(default_factory=People)
    sentences: list[tuple[int, object]] = field(default_factory=list)  # (paragraph, Span)
    paragraph_sentences: dict[int, list] = field(default_factory=dict)  # paragraph → its Spans
    resolver: Resolver | None = None
    to_parse: list[marks.Paragraph] = field(default_factory=list)
    meta: dict | None = None  # a JSON lines record's other fields, passed to its quotes
    # (paragraph, sentence start) → the sentence's cues and their subjects, found once.
    cues: dict[tuple[int, int], list] = field(default_factory=dict)
    word_index: WordIndex | None = None  # the text's words, made when a term is first looked for
    _sentence_bounds: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)
    _opening_marks: list[int] | None = None
    _quoting_sentences: dict[tuple[int, int], bool] = field(default_factory=dict)
    _lead: set[int] | None = None
    # (doc, subject token) → the character extent of its noun phrase in its paragraph's parse
    phrase_extents: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def lead(self) -> set[int]:
        """The paragraphs that may hold a lead's dateline (`marks.lead_paragraphs`), found once."""
        if self._lead is None:
            self._lead = marks.lead_paragraphs(self.scan.paragraphs)
        return self._lead

    def is_quoted(self, offset: int) -> bool:
        return 0 <= offset < len(self.quoted) and bool(self.quoted[offset])

    def first_quote_from(self, offset: int) -> int:
        """The position in `scan.quotes` (in text order) of the first quote whose opening mark
        is at `offset` or after, found by bisection."""
        if self._opening_marks is None:
            self._opening_marks = [quote.open_mark for quote in self.scan.quotes]
        return bisect_left(self._opening_marks, offset)

    def sentence_bounds(self, paragraph: int) -> tuple[list[int], list[int]]:
        """Where the sentences of `paragraph` start and end (offsets into its parse)."""
        if paragraph not in self._sentence_bounds:
            sentences = self.paragraph_sentences.get(paragraph, [])
            self._sentence_bounds[paragraph] = ([s.start_char for s in sentences],
                                                [s.end_char for s in sentences])
        return self._sentence_bounds[paragraph]

    def sentences_over(self, paragraph: int, start: int, end: int) -> range:
        """The indices in `paragraph_sentences[paragraph]` of the sentences that hold a
        character of text[start:end + 1] (offsets into the text), found by bisection."""
        starts, ends = self.sentence_bounds(paragraph)
        offset = self.offset(paragraph)
        return range(bisect_right(ends, start - offset), bisect_right(starts, end - offset))

    def quotes_in(self, paragraph: int, sentence) -> bool:
        """Whether a word of `sentence` (of `paragraph`) is quoted; read once a sentence."""
        key = (paragraph, sentence.start)
        if key not in self._quoting_sentences:
            offset = self.offset(paragraph)
            self._quoting_sentences[key] = any(self.is_quoted(offset + t.idx)
                                               for t in sentence if not t.is_space)
        return self._quoting_sentences[key]

    def offset(self, paragraph: int) -> int:
        return self.scan.paragraphs[paragraph].start


@dataclass(frozen=True)
class Extraction:
    """The quotes of one article, and what it says about its people (for unify_speakers)."""

    quotes: list[Quote]
    people: Roster


def entity_of(token):
    """The named entity that holds `token` (a Span with its label), or None, read from the
    token's IOB tags: `doc.ents` builds every entity of the paragraph at each call."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    from spacy.tokens import Span

    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    label = token.ent_type_
    # "Bowel Health | UK said": the recogniser cut a charity's name into an organisation and
    # the country that ends it, which the organisation's words modify.
    if label == "GPE" and end - start == 1 and start > 0 and doc[start - 1].ent_type_ == "ORG" \
            and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == start:
        start -= 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        label = "ORG"
    elif label == "ORG" and end < len(doc) and doc[end].ent_type_ == "GPE" and doc[end].ent_iob_ == "B" \
            and (end + 1 == len(doc) or doc[end + 1].ent_iob_ != "I") and doc[end - 1].dep_ == "compound" \
            and doc[end - 1].head.i == end:
        end += 1
    elif label in ("ORG", "GPE"):
        start, end, label = _place_and_organisation(doc, start, end, label)
    elif label == "PERSON":
        start = uncoordinated_start(doc, start, end)
    return Span(doc, start, end, label=label)


def _place_and_organisation(doc, start: int, end: int, label: str):
    """"Harnmouth and | District Fire and Rescue Service", "Pellbridge and | District NHS
    Trust": a body named for a place "and District" (or "and" another place) is one name, which
    the recogniser cut after the first place. The place is one capitalised word, coordinated
    with the organisation's words; the organisation has two words at least ("Britain and NATO"
    are two). A place labelled an organisation joins only an area word ("… and District"): two
    organisations are as often two ("Apple and Goldman Sachs")."""
    def joined(place: int, first: int, last: int) -> bool:
        before = doc[place - 1] if place > 0 else None
        word = doc[place]
        label = word.ent_type_ if word.ent_iob_ == "B" else ""
        return last - first >= 2 and doc[place + 1].lower_ == "and" and word.pos_ == "PROPN" \
            and word.is_title and word.ent_iob_ != "I" \
            and (label in ("", "GPE") or label == "ORG" and doc[first].text in area_words()) \
            and (before is None or before.pos_ != "PROPN" and before.text not in (",", "and")) \
            and any(t.head.i == place or word.head.i == t.i for t in doc[first:last])

    if label == "ORG" and start >= 2 and joined(start - 2, start, end):
        return start - 2, end, "ORG"
    if label in ("GPE", "ORG") and end - start == 1 and end + 1 < len(doc) and doc[end + 1].ent_iob_ == "B" \
            and doc[end + 1].ent_type_ == "ORG":
        last = end + 2
        while last < len(doc) and doc[last].ent_iob_ == "I":
            last += 1
        if joined(start, end + 1, last):
            return start, last, "ORG"
    return start, end, label


def tokens_from(doc, char: int):
    """The tokens of `doc` that start at character `char` or after (a Span, found by bisection:
    the passes never scan a paragraph's tokens from its start to find a place in it)."""
    char = max(0, char)
    if not len(doc) or char >= _length(doc):
        return doc[len(doc):]
    first = _token_at(doc, char)
    if doc[first].idx < char:
        first += 1  # the token holding `char` began before it: the next one is the first
    return doc[first:]


def tokens_within(span, start: int, end: int):
    """The tokens of `span` (a Doc or a Span) that start at character `start` or after and
    before `end` (characters of its Doc), found by bisection."""
    doc = span.doc
    first = len(tokens_before(doc, start))
    last = len(tokens_before(doc, end))
    return doc[max(first, span.start) : max(min(last, span.end), max(first, span.start))]


def tokens_before(doc, char: int):
    """The tokens of `doc` that start before character `char`."""
    if char <= 0 or not len(doc):
        return doc[:0]
    return doc[: _token_at(doc, min(char, _length(doc)) - 1) + 1]


def _ends(doc) -> list[int]:
    """Where each token of `doc` ends, its trailing blank included: kept with the doc, so
    that a place in it is found by bisection in C rather than token by token."""
    ends = doc.user_data.get("quotecli_token_ends")
    if ends is None or len(ends) != len(doc):
        ends = doc.user_data["quotecli_token_ends"] = [t.idx + len(t.text_with_ws) for t in doc]
    return ends


def _length(doc) -> int:
    """The characters of `doc` (`doc.text` would build the whole string)."""
    return _ends(doc)[-1]


def _token_at(doc, char: int) -> int:
    """The index of the token holding character `char`, or of the first token after it."""
    return min(bisect_right(_ends(doc), char), len(doc) - 1) if len(doc) else 0


def make_record(article: Article, span: tuple[int, int, int], kind: str, speaker: Speaker | None,
            cue: Cue | None, confidence: float) -> Quote:
    """A record for the text `span` (start, end, paragraph)."""
    text = article.text
    start, end, paragraph = span
    name = speaker.name if speaker else None
    return Quote(
        source=article.source,
        path=article.path,
        type=kind,
        text=text[start:end],
        start=start,
        end=end,
        paragraph=paragraph,
        speaker=name,
        speaker_mention=speaker.mention if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_title=article.index.title_of(name) if speaker and speaker.kind != "other" else None,
        cue=cue.text if cue and speaker else None,
        cue_start=cue.start if cue and speaker else None,
        cue_end=cue.end if cue and speaker else None,
        confidence=confidence,
        cue_kind=cue.kind if cue and speaker else None,
        id=f"{kind[0]}{start}-{end}",
        meta=article.meta,
    )
