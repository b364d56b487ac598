"""From an article's text to its quotes: marks, parse, attribution, resolution.

`extract()` is a pure function of (text, metadata, model): safe to call from worker processes.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from quotecli import marks
from quotecli.lexicons import cue_kinds, line_labels, scare_markers, speaker_nouns
from quotecli.pipeline import load_model
from quotecli.records import Quote
from quotecli.speakers import (
    FEMALE_PRONOUNS, MALE_PRONOUNS, ORG_LABELS, PERSON_LABELS, PLURAL_PRONOUNS, SUBJECT_DEPS,
    Cue, Speaker, SpeakerIndex, find_cue, speaking_subject, is_role_phrase, mention_tokens,
    normal_case, speaker_noun_kind, split_person_name, split_title, strip_possessive,
)

# Confidence of each way a quote is attributed (see README, "How confident").
CONFIDENCE = {
    "cue": 0.9,            # a cue in the quote's own sentence, whose subject names the speaker
    "cue_resolved": 0.85,  # … whose subject is a pronoun or a role, resolved
    "paragraph": 0.75,     # an earlier quote of the same paragraph, or the sentence before/after
    "continuation": 0.8,   # a paragraph that re-opens the quote of the one before
    "unattributed": 0.5,   # a quote, but the text gives no speaker
    "reported": 0.8,       # reported speech: the content clause of a cue, with its subject
}
SCARE_MAX_WORDS = 6
_WORD_RE = re.compile(r"\w+")
_LETTER_RE = re.compile(r"[^\W\d_]")


@dataclass
class Article:
    """One input text and what the extraction learns about it."""

    text: str
    source: str
    path: str | None = None
    scan: marks.MarkScan | None = None
    docs: dict[int, object] = field(default_factory=dict)  # paragraph index → Doc
    quoted: bytearray = field(default_factory=bytearray)
    index: SpeakerIndex = field(default_factory=SpeakerIndex)
    sentences: list[tuple[int, object]] = field(default_factory=list)  # (paragraph, Span)
    paragraph_sentences: dict[int, list] = field(default_factory=dict)  # paragraph → its Spans
    resolver: _Resolver | None = None
    to_parse: list[marks.Paragraph] = field(default_factory=list)
    meta: dict | None = None  # a JSON lines record's other fields, passed to its quotes

    def is_quoted(self, offset: int) -> bool:
        return 0 <= offset < len(self.quoted) and bool(self.quoted[offset])

    def offset(self, paragraph: int) -> int:
        return self.scan.paragraphs[paragraph].start


@dataclass(frozen=True)
class Extraction:
    """The quotes of one article, and what it says about its people (for unify_speakers)."""

    quotes: list[Quote]
    people: SpeakerIndex


def extract(text: str, source: str = "-", path: str | None = None, model: str | None = None) -> list[Quote]:
    """Every quote and reported claim of one article, attributed."""
    return next(extract_many([(text, source, path)], model=model)).quotes


def extract_many(articles: Iterable[tuple[str, str, str | None]], model: str | None = None,
                 batch_size: int = 256) -> Iterator[Extraction]:
    """The extraction of each (text, source, path) or (text, source, path, meta), in input
    order, as each is done.

    Paragraphs of many articles are parsed in one stream of batches (spaCy's cost per call is
    high for short texts); only a batch's worth of articles is held at a time.
    """
    nlp = load_model(model)
    pending: deque[Article] = deque()

    def paragraphs_to_parse():
        for text, source, path, *meta in articles:
            article = _prepare(text, source, path)
            article.meta = meta[0] if meta else None
            pending.append(article)
            for paragraph in article.to_parse:
                yield text[paragraph.start : paragraph.end], (article, paragraph.index)

    def finished():
        while pending and len(pending[0].docs) == len(pending[0].to_parse):
            article = pending.popleft()
            yield Extraction(_attribute(article), article.index)

    for doc, (article, index) in nlp.pipe(paragraphs_to_parse(), as_tuples=True, batch_size=batch_size):
        article.docs[index] = doc
        yield from finished()
    yield from finished()  # articles with nothing to parse, after the last parsed one


def _prepare(text: str, source: str, path: str | None) -> Article:
    """An article with its marks paired and the paragraphs that need parsing chosen."""
    article = Article(text=text, source=source, path=path)
    article.scan = marks.scan(text)
    article.scan.quotes = marks.split_turns(text, article.scan)
    article.quoted = _quoted_mask(text, article.scan)
    # A line without a letter ("***", a run of marks) has nothing to attribute or resolve.
    article.to_parse = [p for p in article.scan.paragraphs
                        if not p.furniture and _LETTER_RE.search(text, p.start, p.end)]
    return article


def _quoted_mask(text: str, scan: marks.MarkScan) -> bytearray:
    """One byte a character: 1 inside a quotation (its marks included)."""
    mask = bytearray(len(text))
    for quote in scan.quotes:
        for start, end in quote.pieces:
            left = max(0, start - 1)
            right = min(len(text), end + 1)
            mask[left:right] = b"\x01" * (right - left)
    return mask


def _attribute(article: Article) -> list[Quote]:
    text = article.text
    for paragraph_index, doc in article.docs.items():
        offset = article.offset(paragraph_index)
        article.index.learn(doc, offset, article.is_quoted)
        article.paragraph_sentences[paragraph_index] = list(doc.sents)
        article.sentences.extend((paragraph_index, s) for s in article.paragraph_sentences[paragraph_index])
    article.resolver = _Resolver(article)
    terms = _terms(article)
    records: list[Quote] = []
    attributed: dict[int, tuple[Speaker, Cue | None]] = {}  # quote position → attribution
    for position, quote in enumerate(article.scan.quotes):
        words = _WORD_RE.findall(text[quote.start : quote.end])
        if _is_title(_TITLE_WORD_RE.findall(text[quote.start : quote.end])):
            continue  # the name of a show, book or article, in any position
        kind = _quote_type(text, article.scan.paragraphs[quote.paragraph], quote)
        route = "cue"
        speaker = None
        found = _turn_label(article, quote) or _dash_credit(article, quote) or _colon_credit(article, quote)
        if found is not None:
            cue, speaker = found
        else:
            found = _cue_for(article, quote, kind)
            cue, subject = found or (None, None)
            if subject is not None:
                speaker = article.resolver.speaker(subject)
                if speaker is not None and speaker.kind in ("pronoun", "role", "group"):
                    route = "cue_resolved"
        if speaker is None and kind == "partial":
            if _is_term(text, quote, words, terms) or found is None:
                continue  # a scare quote, a term or a title: nobody's words
        if kind == "partial" and found is not None and _is_term(text, quote, words, terms, strict=True):
            continue
        if speaker is None and kind == "direct":
            inherited = _inherited(article, position, attributed)
            if inherited is not None:
                (speaker, cue), route = inherited
        if speaker is None:
            route = "unattributed"
        else:
            attributed[position] = (speaker, cue)
        records.append(_record(article, (quote.start, quote.end, quote.paragraph), kind, speaker, cue,
                               CONFIDENCE[route]))
    records.extend(_reported_speech(article))
    return _link_partials(sorted(records, key=lambda r: (r.start, r.type, r.end)))


def _link_partials(records: list[Quote]) -> list[Quote]:
    """Give each partial quote inside reported speech its indirect record as `parent`."""
    reported = [r for r in records if r.type == "indirect"]
    linked = []
    for record in records:
        if record.type == "partial":
            parents = [r for r in reported if r.start <= record.start and record.end <= r.end]
            if parents:
                # The innermost clause: in "X said Y believes “…”" the words are in Y's belief.
                record = replace(record, parent=min(parents, key=lambda r: r.end - r.start).id)
        linked.append(record)
    return linked


# -- quote type and scare quotes ------------------------------------------------------------------


def _quote_type(text: str, paragraph: marks.Paragraph, quote: marks.QuotedSpan) -> str:
    """`direct` for a whole statement in marks, `partial` for words embedded in a sentence.

    A quote is direct when it opens its paragraph or follows a colon, comma or sentence end
    ("said: “…”", "“…,” he said" both start so), or runs over several paragraphs.
    """
    if quote.last_paragraph != quote.paragraph:
        return "direct"
    before = text[paragraph.start : quote.open_mark].rstrip()
    if not before or before[-1] in ":,.!?;\u2014\u2013-(" or before[-1] in marks.MARK_FAMILY:
        return "direct"
    return "partial"


def _normal_words(text: str) -> str:
    return " ".join(w.lower() for w in _WORD_RE.findall(text))


def _terms(article: Article) -> set[str]:
    """Short quoted phrases the article marks as terms: after "so-called", "dubbed" …"""
    text = article.text
    terms = set()
    for quote in article.scan.quotes:
        if _after_scare_marker(text, quote):
            terms.add(_normal_words(text[quote.start : quote.end]))
    return terms


def _after_scare_marker(text: str, quote: marks.QuotedSpan) -> bool:
    before = text[max(0, quote.open_mark - 40) : quote.open_mark].lower().rstrip()
    before = re.sub(r"\s+", " ", before)
    return any(before.endswith(marker) for marker in scare_markers())


def _is_term(text: str, quote: marks.QuotedSpan, words: list[str], terms: set[str],
             strict: bool = False) -> bool:
    """A scare quote or term: marked as such, or a short phrase the article also uses unquoted.

    With `strict`, only the explicit markers count (a cue governs the quote, so a short phrase
    is more likely a fragment of speech than a term).
    """
    if _after_scare_marker(text, quote):
        return True
    if _normal_words(" ".join(words)) in terms and len(words) <= SCARE_MAX_WORDS:
        return True
    if strict or len(words) > SCARE_MAX_WORDS or not words:
        return False
    outside = text[: max(0, quote.open_mark)] + " " + text[quote.end + 1 :]
    return re.search(r"(?<![\w“\"‘'])" + r"\W+".join(map(re.escape, words)) + r"(?![\w”\"’'])",
                     outside, re.IGNORECASE) is not None


_TITLE_WORD_RE = re.compile(r"\w[\w'’-]*")
_TITLE_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for with from by as into over up off per via vs".split()
)


def _is_title(words: list[str]) -> bool:
    """"State of the Union", "Coal Isn't the Villain": a short run of capitalised words is the
    name of a show, book, film or article, not somebody's words."""
    if not 2 <= len(words) <= 8:
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return len(content) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in content) \
        and not all(w.isupper() for w in content)


# -- finding the cue ------------------------------------------------------------------------------


def _sentences_of(article: Article, quote: marks.QuotedSpan) -> tuple[list, list]:
    """The sentences (paragraph, Span) around a quote: those it stands in, then its neighbours.

    The parser often ends a sentence at a closing mark, leaving `, said James Acton` or
    `Mr. King added.` as a sentence of its own; the neighbours are where those are found.
    """
    own, neighbours = [], []
    for paragraph_index in sorted({quote.paragraph, quote.last_paragraph}):
        offset = article.offset(paragraph_index)
        sentences = article.paragraph_sentences.get(paragraph_index, [])
        inside = [i for i, s in enumerate(sentences)
                  if offset + s.start_char <= quote.close_mark and offset + s.end_char > quote.open_mark]
        if not inside:
            continue
        own.extend((paragraph_index, sentences[i]) for i in inside)
        if paragraph_index == quote.last_paragraph and inside[-1] + 1 < len(sentences):
            neighbours.append((paragraph_index, sentences[inside[-1] + 1]))
        if paragraph_index == quote.paragraph and inside[0] > 0:
            before = sentences[inside[0] - 1]
            if before.text.rstrip().endswith((":", ",")):
                neighbours.append((paragraph_index, before))
    return own, neighbours


_DASH_CREDIT = re.compile(r"\s*[\u2015\u2014\u2013]\s*((?:[A-Z][\w.'’-]*\s*){1,5})[.,]?\s*$")


def _turn_label(article: Article, quote: marks.QuotedSpan):
    """A quoted transcript turn: its label ("WALLACE:") is the speaker."""
    if quote.label is None:
        return None
    start, end = quote.label
    words = [normal_case(w) for w in article.text[start:end].split()]
    name = article.index.canonical(split_title(words)[1] or words, start)
    colon = article.text.index(":", end)
    return Cue(None, colon, colon + 1, ":", "speech"), Speaker(name, article.text[start:end], start, end, "person")


def _dash_credit(article: Article, quote: marks.QuotedSpan):
    """`“…” ― Jane Doe` closing the paragraph: a pull quote credited to a name."""
    paragraph = article.scan.paragraphs[quote.last_paragraph]
    tail_start = quote.close_mark + 1
    match = _DASH_CREDIT.match(article.text, tail_start, paragraph.end)
    if match is None:
        return None
    words = match.group(1).split()
    start = match.start(1)
    end = start + len(match.group(1).rstrip())
    dash = article.text.index(match.group(0).strip()[0], tail_start)
    name = article.index.canonical(split_title(words)[1] or words, start)
    cue = Cue(None, dash, dash + 1, article.text[dash], "speech")
    return cue, Speaker(name, article.text[start:end], start, end, "person")


# "Pat Caddell: Democrat voters worried …", "Trump: “I will win”": a headline convention.
_COLON_CREDIT = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*)\s*:\s+")


def _line_credit(article: Article, paragraph: marks.Paragraph):
    """(cue, speaker, content start) of a line that opens with "Name: ", or None."""
    match = _COLON_CREDIT.match(article.text, paragraph.start, paragraph.end)
    if match is None or match.group(1).lower() in line_labels():
        return None
    start, end = match.span(1)
    words = match.group(1).split()
    # Only a name the article knows, or a poll or a report, speaks so; not a section heading.
    if not (article.index.is_known_name(split_title(words)[1] or words)
            or speaker_nouns().get(words[-1].lower()) == "document"):
        return None
    name = article.index.canonical(split_title(words)[1] or words, start)
    colon = article.text.index(":", end)
    cue = Cue(None, colon, colon + 1, ":", "speech")
    return cue, Speaker(name, article.text[start:end], start, end, "person"), match.end()


def _colon_credit(article: Article, quote: marks.QuotedSpan):
    """`Trump: “I will win”`: a quotation right after a name and a colon opening the line."""
    credit = _line_credit(article, article.scan.paragraphs[quote.paragraph])
    if credit is None or credit[2] != quote.open_mark:
        return None
    return credit[:2]


def _cue_for(article: Article, quote: marks.QuotedSpan, kind: str):
    """The cue that attributes `quote`, with the token naming its speaker, or None.

    Cue words inside any quotation never count ("I told them," she said: "told" is quoted).
    For a partial quote the cue must govern it in the parse when any does; for a whole
    statement the nearest cue outside the marks wins, "according to" last (in "X told Y: “…”,
    according to officials" the words are X's; the officials only report them).
    """
    own, neighbours = _sentences_of(article, quote)
    found = _cue_in(article, quote, kind, own)
    if found is None and kind == "direct":
        found = _cue_in(article, quote, kind, neighbours)
    return found


def _cues(article: Article, paragraph_index: int, sentence):
    """(cue, subject token) of each cue of `sentence` outside quotations that has a subject."""
    offset = article.offset(paragraph_index)
    quoted = lambda token: article.is_quoted(offset + token.idx)  # noqa: E731
    for token in sentence:
        if quoted(token):
            continue
        cue = find_cue(token, offset)
        if cue is None:
            continue
        subject = speaking_subject(token, quoted)
        if subject is not None:
            yield cue, subject


def _cue_in(article: Article, quote: marks.QuotedSpan, kind: str, sentences):
    candidates = []
    quote_tokens = []
    for paragraph_index, sentence in sentences:
        offset = article.offset(paragraph_index)
        quote_tokens.extend(t for t in sentence if quote.start <= offset + t.idx < quote.end)
        for cue, subject in _cues(article, paragraph_index, sentence):
            distance = quote.open_mark - cue.end if cue.end <= quote.open_mark else cue.start - quote.close_mark
            candidates.append((cue, subject, abs(distance)))
    if not candidates:
        return None
    if kind == "partial" and quote_tokens:
        # Of the cues governing the quote, the outermost: in "He said Trump claimed “…”" the
        # words are reported by whoever says them in this sentence (ANNOTATION.md, nested reports).
        ancestors = {a.i: depth for depth, a in enumerate(_ancestors(quote_tokens))}
        governing = [c for c in candidates if c[0].token.i in ancestors and c[0].token.doc is quote_tokens[0].doc]
        if governing:
            cue, subject, _ = max(governing, key=lambda c: ancestors[c[0].token.i])
            return cue, subject
    cue, subject, _ = min(candidates, key=lambda c: (c[0].text == "according to", c[2]))
    return cue, subject


# Edges that leave the clause a quote is reported in: a coordinated or adverbial clause is a
# statement of its own ("Trump and Putin had agreed …, but Zelenskyy said … “…”").
_CLAUSE_EXITS = {"conj", "advcl", "parataxis", "relcl"}


def _ancestors(tokens):
    """Ancestors of the quote's tokens outside it, nearest first, within the reporting clause."""
    inside = {t.i for t in tokens}
    seen = []
    for token in tokens:
        if token.head.i in inside and token.head.i != token.i:
            continue
        current = token
        while current.head.i != current.i:
            if current.dep_ in _CLAUSE_EXITS and current.i not in inside:
                break
            current = current.head
            if current.i not in inside and current not in seen:
                seen.append(current)
    return seen


def _inherited(article: Article, position: int, attributed):
    """The attribution a cue-less direct quote takes from its neighbours, with its route.

    An earlier quote of the same paragraph ("“A,” he said. “B.”"); a quote re-opened at the start
    of a paragraph right after another quote, or after an introduction ending in a colon
    (captions and furniture in between do not count); the sentence before or after.
    """
    quote = article.scan.quotes[position]
    paragraphs = article.scan.paragraphs
    for earlier in range(position - 1, -1, -1):
        other = article.scan.quotes[earlier]
        if other.last_paragraph != quote.paragraph:
            break
        if earlier in attributed:
            return attributed[earlier], "paragraph"
    paragraph = paragraphs[quote.paragraph]
    if quote.open_mark == paragraph.start:
        previous = next((p for p in reversed(paragraphs[: paragraph.index]) if not p.furniture), None)
        if previous is not None:
            for earlier in range(position - 1, -1, -1):
                other = article.scan.quotes[earlier]
                if other.last_paragraph < previous.index:
                    break
                if other.last_paragraph == previous.index and earlier in attributed:
                    return attributed[earlier], "continuation"
            introduced = _colon_introduction(article, previous)
            if introduced is not None:
                return introduced, "continuation"
    return _neighbour_sentence(article, quote)


def _colon_introduction(article: Article, paragraph: marks.Paragraph):
    """"He said:" closing the paragraph before a quote: its speaker and cue."""
    doc = article.docs.get(paragraph.index)
    if doc is None or not doc.text.rstrip().endswith(":"):
        return None
    return _speaker_of_sentence(article, paragraph.index, list(doc.sents)[-1])


def _neighbour_sentence(article: Article, quote: marks.QuotedSpan):
    """A cue in the sentence right before or after the quote, in the same paragraph."""
    sentences = article.paragraph_sentences.get(quote.paragraph, [])
    offset = article.offset(quote.paragraph)
    before = [s for s in sentences if offset + s.end_char <= quote.open_mark]
    after = [s for s in sentences if offset + s.start_char >= quote.close_mark]
    for sentence in ([before[-1]] if before else []) + ([after[0]] if after else []):
        if any(article.is_quoted(offset + t.idx) for t in sentence if not t.is_space):
            continue
        found = _speaker_of_sentence(article, quote.paragraph, sentence)
        if found is not None:
            return found, "paragraph"
    return None


def _speaker_of_sentence(article: Article, paragraph_index: int, sentence):
    """The first cue of `sentence` whose subject resolves: (speaker, cue)."""
    for cue, subject in _cues(article, paragraph_index, sentence):
        speaker = article.resolver.speaker(subject)
        if speaker is not None:
            return speaker, cue
    return None


# -- reported speech --------------------------------------------------------------------------------

# A reported clause is left to its quotation when the quoted words outnumber the reporter's own
# ("he believes a “lasting peace can be achieved”"): the partial quote says it all.
_CONTENT_DEPS = {"ccomp"}
_LEADING_MARKS = {"that"}


def _reported_speech(article: Article) -> list[Quote]:
    """Indirect records: the content clause of each cue outside quotations.

    `X said (that) …`, `X told Y (that) …`, `X believes / estimates …`, `…, X said.`; a clause
    coordinated with it (`said A, and that B`) is a claim of its own; `according to X` reports
    the clause it is attached to.
    """
    records = []
    for paragraph in article.scan.paragraphs:
        credit = None if paragraph.furniture else _line_credit(article, paragraph)
        if credit is not None:
            cue, speaker, start = credit
            end = paragraph.end
            while end > start and article.text[end - 1] in ".;:":
                end -= 1
            span = _claim_span(article, start, end)
            if span is not None:
                records.append(_record(article, (*span, paragraph.index), "indirect", speaker, cue,
                                       CONFIDENCE["reported"]))
    for paragraph_index, sentence in article.sentences:
        offset = article.offset(paragraph_index)
        for cue, subject in _cues(article, paragraph_index, sentence):
            if not _reports(cue):
                continue
            speaker = article.resolver.speaker(subject)
            if speaker is None:
                continue
            for clause in _content_clauses(cue, sentence):
                span = _clause_span(article, offset, clause)
                if span is None:
                    continue
                route = "reported"
                records.append(_record(article, (span[0], span[1], paragraph_index), "indirect",
                                       speaker, cue, CONFIDENCE[route]))
    return records


def _reports(cue: Cue) -> bool:
    """Whether a cue can report a clause of its own.

    Not a participle describing a noun ("countries expected to contribute"), nor a passive one
    ("when asked if …": somebody else asked), nor a cue introducing a quotation with a colon
    ("he said: “…”": whatever the parser hung on it before is the reporter's sentence), nor a
    stance under a modal ("should consider": suggested, not taken).
    """
    token = cue.token
    if token.dep_ in ("acl", "amod"):
        return False
    if cue.kind == "stance" and any(c.tag_ == "MD" for c in token.children):
        return False  # "Ukraine should consider …": a stance suggested, not one taken
    if token.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children):
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return not (nxt is not None and nxt.text == ":")


def _content_clauses(cue: Cue, sentence):
    """Token lists of the clauses a cue reports, in text order."""
    token = cue.token
    if cue.text == "according to":
        # "…, according to X" / "According to X, …": the clause the phrase is attached to.
        head = token.head if token.dep_ == "prep" else None
        if head is None or head.pos_ not in ("VERB", "AUX"):
            return []
        excluded = {t.i for t in token.subtree}
        return [[t for t in head.subtree if t.i not in excluded and sentence.start <= t.i < sentence.end]]
    # Several complements of one cue are one clause the parser cut in two ("saying he is
    # “certain” the Russian leader would …"); a clause coordinated with it ("said A, and that
    # B") is a claim of its own.
    if token.dep_ == "parataxis" and not any(c.dep_ in _CONTENT_DEPS for c in token.children):
        # "The museum, Mr. Bush said, celebrated …": the cue stands inside what it reports.
        excluded = {t.i for t in token.subtree}
        return [[t for t in token.head.subtree if t.i not in excluded]]
    complements = [child for child in token.children if child.dep_ in _CONTENT_DEPS]
    if not complements:
        complements = _proposal(token)
    coordinated = [c for root in complements for c in root.children
                   if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    split_off = {t.i for c in coordinated for t in c.subtree}
    # "…, saying he is “certain” …": a participle of saying reports a clause of its own.
    for root in complements:
        for participle in root.subtree:
            if participle.dep_ == "advcl" and participle.tag_ == "VBG" and find_cue(participle, 0) is not None:
                split_off |= {t.i for t in participle.subtree}
    first = sorted({t.i for root in complements for t in root.subtree} - split_off)
    clauses = [[token.doc[i] for i in first]] if first else []
    clauses.extend(list(c.subtree) for c in coordinated)
    return clauses


# Cues whose object is who is spoken to, not what is said ("told reporters", "asked him").
_ADDRESSEE_CUES = {"tell", "ask", "inform", "remind", "warn", "assure", "brief", "urge", "call"}


def _proposal(token):
    """What a cue without a content clause puts forward: `plans to cut taxes`, `called on X to
    stop`, `called for an inquiry`, `cited the report`."""
    infinitives = [c for c in token.children if c.dep_ == "xcomp"]
    if infinitives:
        # "urged the board to reconsider": the one asked belongs to the proposal.
        objects = [c for c in token.children if c.dep_ in ("dobj", "dative") and c.i < infinitives[0].i]
        return objects + infinitives
    lemma = token.lemma_.lower()
    predicates = [c for c in token.children if c.dep_ == "oprd"]
    if predicates:
        # "called half of his supporters “deplorables”": what they were called, and who.
        return [c for c in token.children if c.dep_ == "dobj" and c.i < predicates[0].i] + predicates
    particle = [c for c in token.children if c.dep_ in ("prep", "prt") and c.i == token.i + 1]
    if particle and lemma in ("call", "point"):  # "called for X", "pointed to X"
        return [c for c in particle[0].children if c.dep_ == "pobj"]
    if lemma in _ADDRESSEE_CUES or cue_kinds().get((lemma,)) not in ("proposal", "announcement", "report", "belief", "stance"):
        return []  # "hailing the town", "attacked Machado": whom it is about, not a claim
    return [c for c in token.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]


def _clause_span(article: Article, offset: int, tokens) -> tuple[int, int] | None:
    """The character span of a reported clause, trimmed, or None when it is not a claim."""
    while tokens and (tokens[0].is_punct and not tokens[0].is_quote or tokens[0].lower_ in _LEADING_MARKS
                      or tokens[0].dep_ == "cc" or tokens[0].is_space):
        tokens = tokens[1:]
    if tokens and tokens[0].tag_ in ("WDT", "WP") and tokens[0].dep_ in ("nsubj", "nsubjpass"):
        return None  # "something which ministers think will help": the subject is outside
    while tokens and (tokens[-1].is_punct and not tokens[-1].is_quote or tokens[-1].is_space
                      or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return _claim_span(article, offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1]))


def _claim_span(article: Article, start: int, end: int) -> tuple[int, int] | None:
    """The span of a reported claim, or None when it is not one of its own."""
    text = article.text
    # A quotation that opens inside the clause closes inside it too.
    for quote in article.scan.quotes:
        if start <= quote.open_mark < end < quote.close_mark + 1:
            end = quote.close_mark + 1
        if quote.open_mark < start <= quote.close_mark:
            return None  # the clause begins inside a quotation: the quote's own business
    words = [m.start() for m in _WORD_RE.finditer(text, start, end)]
    quoted = sum(1 for w in words if article.is_quoted(w))
    if len(words) < 2 or quoted > len(words) - quoted:
        return None
    return start, end


# -- resolving the speaker ------------------------------------------------------------------------


class _Resolver:
    """Turns the token naming a speaker into a canonical Speaker."""

    PRONOUN_WINDOW = 8  # sentences to look back for the person a pronoun stands for

    def __init__(self, article: Article):
        self.article = article
        self.index = article.index
        self._offsets = {id(doc): article.offset(p) for p, doc in article.docs.items()}
        self._known: dict[tuple[int, int], Speaker | None] = {}
        self._sentence_starts = [article.offset(p) + s.start_char for p, s in article.sentences]

    def _offset(self, token) -> int:
        return self._offsets[id(token.doc)]

    def speaker(self, token, depth: int = 0) -> Speaker | None:
        """The speaker `token` names. A token's answer is worked out once: pronouns resolve
        through earlier subjects, which would otherwise be resolved again for every pronoun."""
        key = (id(token.doc), token.i)
        if key not in self._known:
            self._known[key] = self._speaker(token, depth)
        return self._known[key]

    def _speaker(self, token, depth: int) -> Speaker | None:
        offset = self._offset(token)
        lower = token.lower_
        if token.pos_ == "PRON" or lower in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS:
            if lower in ("i", "we", "you", "me", "us", "who", "that", "which", "this"):
                return None if lower not in ("who", "that", "which") else self._relative(token, depth)
            if depth > 3:
                return None
            name = self._antecedent(token, offset, lower, depth)
            start = offset + token.idx
            if name is None and (depth > 0 or lower not in MALE_PRONOUNS | FEMALE_PRONOUNS
                                 | PLURAL_PRONOUNS | {"it"}):
                return None  # "nothing", "everyone": nobody in particular
            # Unresolved, the pronoun is still who the text says speaks: speaker unknown (null),
            # never guessed, but the mention stays.
            return Speaker(name, token.text, start, start + len(token), "pronoun")
        if token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.ent_type_ not in PERSON_LABELS:
            named = self._named_in_apposition(token, depth)
            if named is not None:  # "Another parent, Sophie Bell, said": Sophie Bell speaks
                return named
        tokens = mention_tokens(token)
        noun_kind = speaker_noun_kind(token)
        if token.pos_ == "NOUN" and noun_kind == "group":
            represented = self._represented(token, depth)
            if represented is not None:
                start, end = offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])
                return replace(represented, mention=self.article.text[start:end], start=start,
                               end=end)
        is_organisation = token.ent_iob_ in ("B", "I") and token.ent_type_ in ORG_LABELS
        if is_organisation:
            entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
            tokens = [t for t in entity if t.lower_ != "the"] or tokens
        words = [t.text for t in tokens]
        start, end = offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])
        text = self.article.text
        # An organisation's name is whole ("Committee for a Responsible Federal Budget").
        title, name_words = ([], words) if is_organisation else split_title(words)
        ent_label = token.ent_type_
        if ent_label in PERSON_LABELS:
            # Words before a person's name in the same phrase are a title the text gives them,
            # listed role word or not ("Factory owner Gareth Pryce"); the name itself keeps at
            # least its last word, even one that can be a role ("Charlie King").
            entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
            before = [t.text for t in tokens if t.i < entity.start and t.lower_ not in ("the", "a", "an")]
            inner = [t.text for t in tokens if t.i >= entity.start]
            inner_title, name_words = split_person_name(inner)
            if before and not inner_title and all(w[:1].isupper() for w in before) \
                    and not split_title(before + ["_"])[0]:
                before, name_words = [], before + name_words  # the recogniser cut the name short
            title = before + inner_title
        known = name_words and token.is_title and self.index.is_known_name(name_words)
        if ent_label in PERSON_LABELS | ORG_LABELS or (token.pos_ == "PROPN" and name_words) or known:
            if not name_words:
                return None
            name_tokens = tokens[len(tokens) - len(name_words):]
            name_start = offset + name_tokens[0].idx
            # The whole article's evidence beats the recogniser's label on this one token
            # ("President Zelenskyy" earlier makes "Zelenskyy" a person here).
            label = self.index.is_known_name(name_words) or ent_label or "PERSON"
            if noun_kind == "document" and token.pos_ != "PROPN":
                return self._document(token, tokens, start, end, depth)
            name_words = [w for w in name_words if w.lower() != "the"]
            canonical = self.index.canonical(name_words, name_start) if name_words else None
            if canonical is None:
                return None
            if label in PERSON_LABELS:
                return Speaker(canonical, text[name_start:end], name_start, end, "person")
            return Speaker(_strip_article(canonical), text[start:end], start, end, "organisation")
        introduced = self.index.resolve_role(words, start) if token.pos_ == "NOUN" else None
        if introduced is not None:  # "its chief executive": whom the text introduced so
            return Speaker(introduced, text[start:end], start, end, "role")
        if noun_kind == "group":
            issuer = self._group_issuer(token, tokens)
            if issuer is not None:  # "A Treasury spokesperson", "Downing Street officials"
                return Speaker(issuer, text[start:end], start, end, "group")
        if is_role_phrase(words):
            # A role the article never ties to a name stays a role ("Prime Minister"), for
            # unify_speakers to resolve from the other articles of the run.
            name = self.index.resolve_role(words, start) or _phrase(tokens)
            return Speaker(name, text[start:end], start, end, "role")
        if noun_kind == "document":
            return self._document(token, tokens, start, end, depth)
        if token.pos_ == "NOUN" and tokens[0].lower_ in ("the", "its", "their") and \
                [t.lower_ for t in tokens[1:] if t.dep_ != "case"] == [token.lower_]:
            # "The council believes", "the union's report": the organisation the article
            # last named so.
            organisation = self.index.organisation_called(token.lower_, start)
            if organisation is not None:
                return Speaker(_strip_article(organisation), text[start:end], start, end,
                               "organisation")
        if not _phrase(tokens):
            return None
        return Speaker(_phrase(tokens), text[start:end], start, end, "other")

    def _group_issuer(self, token, tokens) -> str | None:
        """The name before a group noun, whom its members speak for."""
        issuer = [t for t in tokens if t.i != token.i and t.dep_ in ("compound", "amod", "nmod", "poss")
                  and t.text.lower() not in ("the", "a", "senior", "top", "an")]
        if issuer and any(t.pos_ == "PROPN" or t.ent_type_ for t in issuer):
            # As written: "Treasury" is not widened to a "Treasury Committee" named elsewhere.
            return " ".join(normal_case(strip_possessive(t.text)) for t in issuer)
        return None

    def _represented(self, token, depth) -> Speaker | None:
        """Whom "a spokesman for Westmere County Council" or "officials at the Treasury"
        speak for."""
        if depth > 3:
            return None
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
                for named in child.children:
                    if named.dep_ == "pobj" and _names_someone(named):
                        speaker = self.speaker(named, depth + 1)
                        if speaker is not None and speaker.kind in ("person", "organisation",
                                                                    "role"):
                            return speaker
        return None

    def _named_in_apposition(self, token, depth) -> Speaker | None:
        """The name set beside a common noun: after a comma ("the trust's chief executive,
        Martin Feld,") or right after it ("the charity Fuel Fair")."""
        if depth > 3 or token.tag_ in ("NNS", "NNPS"):  # "the brothers Charles and David Koch"
            return None
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        candidates = [child for child in token.rights if child.dep_ == "appos"]
        if following is not None and following.pos_ == "PROPN" and following.head.i != token.i:
            run = following
            while run.i + 1 < len(token.doc) and token.doc[run.i + 1].pos_ == "PROPN":
                run = token.doc[run.i + 1]
            candidates.append(run)
        for candidate in candidates:
            # A capitalised role ("Kassindor's Foreign Minister, Noor Halvik") gives way to a
            # person only; a place in apposition is where somebody is from ("(D-Newport News)").
            if _names_someone(candidate) and candidate.ent_type_ not in ("GPE", "NORP", "FAC") \
                    and (token.pos_ == "NOUN" or candidate.ent_type_ in PERSON_LABELS):
                named = self.speaker(candidate, depth + 1)
                if named is not None and named.kind in ("person", "organisation"):
                    return named
        return None

    def _document(self, token, tokens, start, end, depth) -> Speaker | None:
        """"The assessment released by the Ministry of Defence said": the issuer speaks.

        A document named without its issuer ("the defence intelligence update said") is the
        one the article last attributed to somebody, as a definite noun phrase refers back.
        """
        text = self.article.text
        issuer = self._issuer(token, depth)
        if issuer is not None:
            return replace(issuer, kind="document")
        if depth <= 3:
            position = start
            for paragraph_index, sentence in reversed(self.article.sentences):
                offset = self.article.offset(paragraph_index)
                if offset + sentence.start_char >= position:
                    continue
                for candidate in sentence:
                    # An earlier subject document, or the same document named anywhere ("a
                    # letter from the trust", then "The letter says").
                    if speaker_noun_kind(candidate) == "document" and (
                            candidate.dep_ in SUBJECT_DEPS or candidate.lower_ == token.lower_):
                        issuer = self._issuer(candidate, depth + 1) or issuer
                if issuer is not None or position - (offset + sentence.start_char) > 2000:
                    break
        if issuer is not None:
            return Speaker(issuer.name, text[start:end], start, end, "document")
        return Speaker(" ".join(t.text for t in tokens if t.lower_ not in ("the", "a", "an")),
                       text[start:end], start, end, "other")

    def _issuer(self, token, depth):
        """Who issued the document `token` heads: its possessor ("the union's report"), the
        `by`/`from` object, or a name before it ("a Treasury analysis")."""
        for candidate in token.subtree:
            if candidate.i == token.i:
                continue
            named = _names_someone(candidate)
            if candidate.dep_ in ("poss", "pobj") and (named or candidate.pos_ == "NOUN") or \
                    candidate.dep_ == "compound" and candidate.head.i == token.i and named:
                issuer = self.speaker(candidate, depth + 1)
                if issuer is not None and (named or issuer.kind == "organisation"):
                    return issuer
        return None

    def _relative(self, token, depth):
        head = token.head
        if head.dep_ == "relcl" and depth <= 3:
            return self.speaker(head.head, depth + 1)
        return None

    def _antecedent(self, pronoun, offset: int, lower: str, depth: int) -> str | None:
        """The person a pronoun stands for: the nearest earlier subject outside quotes.

        Subjects are preferred to objects ("Lammy spoke to his US counterpart Marco Rubio. He
        said …": Lammy), and within a sentence the subject of a cue verb, the current speaker.
        """
        plural = lower in PLURAL_PRONOUNS or lower == "it"  # "it": an organisation
        position = offset + pronoun.idx
        # The sentences are in text order: those starting at or before the pronoun, nearest first.
        earlier = bisect.bisect_right(self._sentence_starts, position)
        looked = 0
        for paragraph_index, sentence in reversed(self.article.sentences[:earlier]):
            sentence_offset = self.article.offset(paragraph_index)
            subjects = []
            for token in sentence:
                at = sentence_offset + token.idx
                if at >= position:
                    break
                if token.dep_ in SUBJECT_DEPS and not self.article.is_quoted(at) \
                        and token.lower_ not in ("i", "we", "you"):
                    subjects.append(token)
            candidates = []
            for subject in subjects:
                if subject.i == pronoun.i:
                    continue
                speaker = self.speaker(subject, depth + 1)
                if speaker is None or speaker.kind == "other":
                    continue
                # "they" stands for an organisation or a group, "he"/"she" for a person.
                agrees = speaker.kind in (("organisation", "group") if plural else ("person", "role", "pronoun"))
                if not agrees:
                    continue
                is_cue = find_cue(subject.head, sentence_offset) is not None
                candidates.append((is_cue, len(list(subject.head.ancestors)), speaker))
            if candidates:
                # (how deep the cue is in the sentence, its subject's speaker)
                cue_subjects = [(level, s) for is_cue, level, s in candidates if is_cue]
                if sentence.start <= pronoun.i < sentence.end and pronoun.doc is sentence.doc:
                    return (cue_subjects or [(0, s) for *_, s in candidates])[-1][1].name
                if not cue_subjects:
                    return candidates[0][2].name
                # "Lin said the minister had promised …. “…,” she said": the speaker of the
                # sentence's outermost cue (Lin), not of the report inside it, the last of those.
                outermost = min(level for level, _ in cue_subjects)
                return [s for level, s in cue_subjects if level == outermost][-1].name
            looked += 1
            if looked > self.PRONOUN_WINDOW:
                break
        return None


def _names_someone(token) -> bool:
    """A person's or organisation's name, not a date or a number set as a proper noun
    ("sent to staff on Monday")."""
    if token.ent_type_:
        return token.ent_type_ in PERSON_LABELS | ORG_LABELS
    return token.pos_ == "PROPN"


def _phrase(tokens) -> str:
    """The words of a mention as written (no space before "’s"), without articles."""
    kept = [t for t in tokens if t.lower_ not in ("the", "a", "an")]
    return "".join(t.text_with_ws for t in kept).strip()


def _strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _record(article: Article, span: tuple[int, int, int], kind: str, speaker: Speaker | None,
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
