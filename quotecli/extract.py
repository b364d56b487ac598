"""From an article's text to its quotes: marks, parse, then the attribution passes in order.

`extract()` is a pure function of (text, metadata, model): safe to call from worker processes.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from dataclasses import replace
from typing import Iterable, Iterator

from quotecli import marks
from quotecli.article import WORD_RE, Article, Extraction, make_record
from quotecli.attribution import CONFIDENCE
from quotecli.attribution import mentions
from quotecli.attribution.reported import reported_speech
from quotecli.attribution.resolve import Resolver
from quotecli.pipeline import load_model
from quotecli.records import Quote
from quotecli.terms import TITLE_WORD_RE, is_term, is_title, terms_of


_LETTER_RE = re.compile(r"[^\W\d_]")


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
    from spacy.tokens import Doc

    nlp = load_model(model)
    pending: deque[Article] = deque()
    parts: dict[tuple[int, int], list] = {}  # (article, paragraph) → the docs of its pieces

    def paragraphs_to_parse():
        for text, source, path, *meta in articles:
            article = _prepare(text, source, path)
            article.meta = meta[0] if meta else None
            pending.append(article)
            for paragraph in article.to_parse:
                # A dateline is blanked, not cut, so that offsets into the parse stay offsets
                # into the paragraph ("MACAU (Reuters) – X said": X speaks, not Macau).
                body = marks.dateline_end(text, paragraph.start, paragraph.end, paragraph.index in article.lead)
                blanked = " " * (body - paragraph.start) + text[body : paragraph.end]
                pieces = marks.parse_pieces(blanked, 0, len(blanked))
                for number, (start, end) in enumerate(pieces):
                    yield blanked[start:end], (article, paragraph.index, number, len(pieces))

    def finished():
        while pending and len(pending[0].docs) == len(pending[0].to_parse):
            article = pending.popleft()
            quotes = _attribute(article)  # the people are complete once it has run
            yield Extraction(quotes, article.index.roster())

    for doc, (article, index, number, count) in _parse(nlp, paragraphs_to_parse(), batch_size):
        if count == 1:
            article.docs[index] = doc
        else:
            # A long paragraph's pieces, end to end: one parse whose offsets are the paragraph's.
            key = (id(article), index)
            parts.setdefault(key, []).append(doc)
            if number + 1 < count:
                continue
            article.docs[index] = Doc.from_docs(parts.pop(key), ensure_whitespace=False)
        yield from finished()
    yield from finished()  # articles with nothing to parse, after the last parsed one


# A batch of paragraphs handed to the parser holds at most this many characters as well as
# `batch_size` paragraphs, and a text longer than `SOLO_CHARS` (a piece of a long paragraph) is
# parsed on its own: the parser's time per token grows once a batch holds more than some 15,000
# tokens, and its memory with the batch. News paragraphs are short (PolNeAR's longest has 2,573
# characters), so their batches are bounded by the count alone, as before.
BATCH_CHARS = 200_000
SOLO_CHARS = 5_000


def _parse(nlp, texts, batch_size: int):
    """(doc, context) for each (text, context) of `texts`, in order, parsed in batches (see
    `BATCH_CHARS`)."""
    batch: list = []
    size = 0
    for item in texts:
        weight = BATCH_CHARS if len(item[0]) > SOLO_CHARS else len(item[0])  # a long one: alone
        if batch and (len(batch) == batch_size or size + weight > BATCH_CHARS):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
        batch.append(item)
        size += weight
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


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
    article.index.finish()
    article.resolver = Resolver(article)
    terms = terms_of(article)
    records: list[Quote] = []
    attributed = mentions.Attributed()  # quote position → its attribution
    for position, quote in enumerate(article.scan.quotes):
        words = WORD_RE.findall(text[quote.start : quote.end])
        if is_title(TITLE_WORD_RE.findall(text[quote.start : quote.end])):
            continue  # the name of a show, book or article, in any position
        kind = _quote_type(text, article.scan.paragraphs[quote.paragraph], quote)
        found = mentions.explicit(article, quote, kind)
        speaker = found.speaker if found else None
        if kind == "partial" and (speaker is None and (found is None or is_term(article, quote, words, terms))
                                  or found is not None and is_term(article, quote, words, terms, strict=True)):
            continue  # a scare quote, a term or a title: nobody's words
        if speaker is None and kind == "direct":
            found = mentions.carried(article, position, attributed) or found
            speaker = found.speaker if found else None
        if speaker is None:
            found = mentions.Attribution(None, None, "unattributed")
        else:
            attributed.add(position, quote, found)
        records.append(make_record(article, (quote.start, quote.end, quote.paragraph), kind, speaker,
                                   found.cue, CONFIDENCE[found.route]))
    records.extend(reported_speech(article))
    return _link_partials(sorted(records, key=lambda r: (r.start, r.type, r.end)))


# How many of the claims that start before a partial quote are looked at for its parent.
_PARENT_WINDOW = 32


def _link_partials(records: list[Quote]) -> list[Quote]:
    """Give each partial quote inside reported speech its indirect record as `parent`."""
    reported = sorted((r for r in records if r.type == "indirect"), key=lambda r: r.start)
    starts = [r.start for r in reported]
    linked = []
    for record in records:
        if record.type == "partial":
            # A clause holding the quote starts before it, and among the last few that do: a
            # claim is a clause of one sentence.
            before = bisect.bisect_right(starts, record.start)
            parents = [r for r in reported[max(0, before - _PARENT_WINDOW) : before]
                       if record.end <= r.end]
            if parents:
                # The innermost clause: in "X said Y believes “…”" the words are in Y's belief.
                record = replace(record, parent=min(parents, key=lambda r: r.end - r.start).id)
        linked.append(record)
    return linked


def _quote_type(text: str, paragraph: marks.Paragraph, quote: marks.QuotedSpan) -> str:
    """`direct` for a whole statement in marks, `partial` for words embedded in a sentence.

    A quote is direct when it opens its paragraph or follows a colon, comma or sentence end
    ("said: “…”", "“…,” he said" both start so), or runs over several paragraphs.
    """
    if quote.last_paragraph != quote.paragraph:
        return "direct"
    last = quote.open_mark - 1  # the last character before the mark that is not a blank
    while last >= paragraph.start and text[last].isspace():
        last -= 1
    if last < paragraph.start or text[last] in ":,.!?;\u2014\u2013-(" or text[last] in marks.MARK_FAMILY:
        return "direct"
    return "partial"
