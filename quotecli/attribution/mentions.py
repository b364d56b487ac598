"""Stage 1: from a quote to the words that name its speaker (a cue's subject, a credit line …)."""

from __future__ import annotations

import re

from quotecli import marks
from quotecli.article import Article
from quotecli.attribution.cues import Cue, sentence_cues
from quotecli.attribution.entities import normal_case, split_title
from quotecli.attribution.resolve import Speaker
from quotecli.lexicons import line_labels, speaker_nouns


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


def turn_label(article: Article, quote: marks.QuotedSpan):
    """A quoted transcript turn: its label ("WALLACE:") is the speaker."""
    if quote.label is None:
        return None
    start, end = quote.label
    words = [normal_case(w) for w in article.text[start:end].split()]
    name = article.index.canonical(split_title(words)[1] or words, start)
    colon = article.text.index(":", end)
    return Cue(None, colon, colon + 1, ":", "speech"), Speaker(name, article.text[start:end], start, end, "person")


def dash_credit(article: Article, quote: marks.QuotedSpan):
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


def line_credit(article: Article, paragraph: marks.Paragraph):
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


def colon_credit(article: Article, quote: marks.QuotedSpan):
    """`Trump: “I will win”`: a quotation right after a name and a colon opening the line."""
    credit = line_credit(article, article.scan.paragraphs[quote.paragraph])
    if credit is None or credit[2] != quote.open_mark:
        return None
    return credit[:2]


def cue_for(article: Article, quote: marks.QuotedSpan, kind: str):
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


def _cue_in(article: Article, quote: marks.QuotedSpan, kind: str, sentences):
    candidates = []
    quote_tokens = []
    for paragraph_index, sentence in sentences:
        offset = article.offset(paragraph_index)
        quote_tokens.extend(t for t in sentence if quote.start <= offset + t.idx < quote.end)
        for cue, subject in sentence_cues(article, paragraph_index, sentence):
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


def inherited(article: Article, position: int, attributed):
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
    for cue, subject in sentence_cues(article, paragraph_index, sentence):
        speaker = article.resolver.speaker(subject)
        if speaker is not None:
            return speaker, cue
    return None
