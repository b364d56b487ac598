"""Quotation marks, paragraphs and quotes that run over paragraphs: pure text, no model.

The scanner classifies every mark by what stands on either side of it (as CommonMark does for
emphasis: a mark with a space before and a letter after opens, the reverse closes), so a
mis-typed or straight mark works as well as a typographic one, and a mixed pair such as
“…" is one quote. Apostrophes (`Nato’s`, `we’re`, `’90s`, `Russians’`) are told apart from
single quotation marks. Whatever cannot be paired is skipped and counted, never fatal.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from quotecli.lexicons import furniture_patterns

DOUBLE = "double"
SINGLE = "single"

# Marks and the family they belong to. Glyph direction is only a tie-breaker: German „…“
# closes with the glyph English opens with, and scraped text mixes glyphs freely.
MARK_FAMILY = {
    "\u201c": DOUBLE, "\u201d": DOUBLE, '"': DOUBLE, "\u201e": DOUBLE, "\u00ab": DOUBLE,
    "\u00bb": DOUBLE, "\u201f": DOUBLE, "\u2033": DOUBLE,
    "\u2018": SINGLE, "\u2019": SINGLE, "'": SINGLE, "\u201a": SINGLE, "\u2039": SINGLE,
    "\u203a": SINGLE, "\u201b": SINGLE,
}
OPENING_GLYPHS = set("\u201c\u201e\u00ab\u201f\u2018\u201a\u2039\u201b")
CLOSING_GLYPHS = set("\u201d\u00bb\u2019\u203a\u2033")
SPACED_GLYPHS = set("\u00ab\u00bb\u2039\u203a")
MARK_CHARS = "".join(MARK_FAMILY)
# Typewriter and archive marks: two apostrophes stand for a double mark in some archives
# (''like this'', the New York Times's), and older corpora open with two backticks (``like
# this''). Each pair is one mark. Two apostrophes are quotation marks only in a text that opens
# a quotation with them (see `uses_double_apostrophes`): elsewhere they are more likely two
# single marks closing together ('it was 'rubbish'').
DOUBLE_APOSTROPHE = "''"
DOUBLE_BACKTICK = "``"
_MARK_RE = re.compile("''|``|[" + re.escape(MARK_CHARS) + "]")
# Characters after which a mark can still open: "(“", "—“", "/‘".
_OPENING_CONTEXT = set("([{<\u2014\u2013-/\u2015\u2012")
_LINE_RE = re.compile(r"[^\r\n]+")

OPEN, CLOSE, EITHER = "open", "close", "either"


@dataclass(frozen=True)
class Paragraph:
    """A non-blank line of the input, with its offsets (end exclusive, no line break)."""

    index: int
    start: int
    end: int
    furniture: bool


@dataclass(frozen=True)
class QuotedSpan:
    """The content of one quotation, possibly re-opened over several paragraphs.

    `start`/`end` cover the content only (no marks, no surrounding blanks); `pieces` holds one
    (start, end) per paragraph the quote spans; `open_mark`/`close_mark` are the offsets of the
    first opening and the last closing mark, and `close_end` the offset just after that mark
    (two characters on from `close_mark` for '' ).
    """

    start: int
    end: int
    open_mark: int
    close_mark: int
    paragraph: int
    last_paragraph: int
    pieces: tuple[tuple[int, int], ...]
    family: str
    close_end: int
    # In a quoted transcript ("“WALLACE: Let's start …”"), the speaker's label that opens it.
    label: tuple[int, int] | None = None


@dataclass
class MarkScan:
    """Everything the scanner found in one text."""

    paragraphs: list[Paragraph]
    quotes: list[QuotedSpan]
    # Offsets of marks that could not be paired (stray, unclosed, or closing nothing).
    unpaired: list[int] = field(default_factory=list)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Split `text` into its non-blank lines; any of \\n, \\r\\n, \\r ends a line."""
    paragraphs = []
    for match in _LINE_RE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        paragraphs.append(
            Paragraph(len(paragraphs), start, end, is_furniture(text[start:end]))
        )
    return paragraphs


# A wire dateline opening a paragraph: "WASHINGTON (AP) —", "RENO, Nev. (AP) —", "MACAU
# (Reuters) –", "LONDON —", "PURCHASE, N.Y., April 1 (UPI) —". The place is in capitals or
# followed by an agency in brackets; a date may stand between them. South Asian papers end a
# place in capitals with a colon: "NEW DELHI: The high court …" (`lead`: only the story's
# first paragraph has one, and a sentence follows it, where a transcript's "WALLACE: …" or a
# headline's "DARIO MENZEL: ‘…’" could stand anywhere).
_DATELINE_DATE = r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'-]+(?:,? [A-Z][A-Za-z.'-]*){0,3}" + _DATELINE_DATE + r" ?(?:\([A-Za-z. ]{1,20}\))?"
    r"|[A-Z][A-Za-z.'-]*(?:,? [A-Z][A-Za-z.'-]*){0,3}" + _DATELINE_DATE + r" ?\([A-Za-z. ]{1,20}\))"
    r" ?[\u2013\u2014-]{1,2} ")
_COLON_DATELINE = re.compile(r"[A-Z]{3,}(?: [A-Z]{2,}){0,2}: (?=[A-Z][a-z])")


def lead_paragraphs(paragraphs) -> set[int]:
    """The indices of the paragraphs that may hold a lead's dateline: the first two that are
    not furniture (a headline and the story's first paragraph), found from the top."""
    lead = set()
    for paragraph in paragraphs:
        if not paragraph.furniture:
            lead.add(paragraph.index)
            if len(lead) == 2:
                break
    return lead


def dateline_end(text: str, start: int, end: int, lead: bool = False) -> int:
    """Where the text after a dateline opening the paragraph text[start:end] begins (`start`
    when there is none). A dateline is furniture, not the subject of the first sentence."""
    match = _DATELINE.match(text, start, end) or (_COLON_DATELINE.match(text, start, end) if lead else None)
    return match.end() if match else start


# A paragraph longer than this is parsed in pieces (scraped pages flatten whole threads into one
# line): the parser's memory grows with the longest text it is given, not with the article.
PARSE_PIECE_CHARS = 10_000
_SENTENCE_END = re.compile(r"[.!?][\"”’»)\]]*\s+")
_BLANK = re.compile(r"\s+")


def parse_pieces(text: str, start: int, end: int, limit: int | None = None
                 ) -> list[tuple[int, int]]:
    """text[start:end] cut into consecutive pieces of at most `limit` characters (one piece
    when it is that short). Each ends after a sentence's last mark and the blank after it when
    one falls in its second half, else after the last blank, else at the limit; so the pieces'
    parses, put end to end, cover the text exactly."""
    limit = limit or PARSE_PIECE_CHARS
    pieces = []
    while end - start > limit:
        cut = None
        for match in _SENTENCE_END.finditer(text, start + limit // 2, start + limit):
            cut = match.end()
        if cut is None:
            for match in _BLANK.finditer(text, start + 1, start + limit):
                cut = match.end()
        if cut is None or cut <= start:
            cut = start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def is_furniture(line: str) -> bool:
    """True when a whole line is a caption, credit or promotion rather than article text."""
    line = line.strip()
    return any(pattern.fullmatch(line) for pattern in furniture_patterns())


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def classify(text: str, i: int, width: int = 1) -> str | None:
    """How the mark at `text[i:i+width]` can act: OPEN, CLOSE, EITHER, or None (apostrophe)."""
    ch = text[i]
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + width] if i + width < len(text) else "\n"
    if width == 2:
        if _is_word(before) and _is_word(after):
            return None  # a typing slip inside a word ("don''t")
        if ch == "`":
            return OPEN  # ``…'': only ever opens
    family = DOUBLE if width == 2 else MARK_FAMILY[ch]
    if family == SINGLE:
        # we’re, Nato’s, rock’n’roll: a mark between two letters is an apostrophe.
        if _is_word(before) and _is_word(after):
            return None
        # ’90s, ’em: elision at the start of a word, followed by digits or a known clipping.
        if not _is_word(before) and re.match(r"\d\ds\b|\d\d\b|em\b|cause\b|til\b|n\b", text[i + 1 : i + 6]):
            return None
    before_space = before.isspace() or before in _OPENING_CONTEXT
    after_space = after.isspace()
    before_mark = before in MARK_FAMILY
    after_mark = after in MARK_FAMILY
    can_open = not after_space and (before_space or before_mark)
    can_close = not (before.isspace()) and (after_space or not _is_word(after) or after_mark)
    if before_space and after_space:
        # A mark standing alone between spaces: « » are spaced so in French style; an English
        # mark alone opens or closes nothing (a straight " may still do either).
        if ch in SPACED_GLYPHS:
            return OPEN if ch in OPENING_GLYPHS else CLOSE
        return EITHER if ch == '"' else None
    if can_open and not can_close:
        return OPEN
    if can_close and not can_open:
        return CLOSE
    if ch in OPENING_GLYPHS:
        return OPEN
    if ch in CLOSING_GLYPHS:
        return CLOSE
    return EITHER


@dataclass
class _Open:
    offset: int  # the mark that opened the quote in its first paragraph
    family: str
    depth: int
    paragraph: int
    content_start: int  # where the content starts in the current paragraph
    pieces: list[tuple[int, int]]  # content pieces of earlier paragraphs (continuations)


class _Stack:
    """The quotes open in a paragraph, innermost last, and those of each family: finding the
    innermost open quote of a family costs the same however deep the nesting."""

    def __init__(self):
        self.entries: list[_Open] = []
        self._by_family: dict[str, list[_Open]] = {DOUBLE: [], SINGLE: []}

    @property
    def top(self) -> _Open:
        return self.entries[-1]

    def of(self, family: str) -> list[_Open]:
        """The open quotes of `family`, innermost last (a live view: do not change it)."""
        return self._by_family[family]

    def push(self, entry: _Open) -> None:
        self.entries.append(entry)
        self._by_family[entry.family].append(entry)

    def pop(self) -> _Open:
        entry = self.entries.pop()
        self._by_family[entry.family].pop()
        return entry


def _content_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _possessive_plural(text: str, i: int) -> bool:
    """`Russians’ lives`: a closing single mark right after a plural -s may be an apostrophe."""
    return i > 0 and text[i - 1] in "sS" and (i + 1 >= len(text) or text[i + 1] in " \t")


def uses_double_apostrophes(text: str) -> bool:
    """Whether `text` writes quotations with two apostrophes: it opens one with them
    (''We will,'' he said.) somewhere, or closes one opened with two backticks."""
    if DOUBLE_BACKTICK in text:
        return True
    for match in re.finditer(DOUBLE_APOSTROPHE, text):
        if classify(text, match.start(), 2) == OPEN:
            return True
    return False


def scan(text: str) -> MarkScan:
    """Pair the quotation marks of `text` and return its paragraphs and quoted spans.

    A quote left open at the end of a paragraph continues when the next article paragraph
    (captions and furniture skipped) opens with a mark of the same family: news style re-opens
    the mark at each paragraph and closes it only at the end.
    """
    paragraphs = split_paragraphs(text)
    result = MarkScan(paragraphs=paragraphs, quotes=[])
    double_apostrophes = uses_double_apostrophes(text)
    starts = [p.start for p in paragraphs]
    carried: _Open | None = None  # an outer quote left open at the end of a paragraph
    for position, paragraph in enumerate(paragraphs):
        if paragraph.furniture:
            continue
        marks = []
        for match in _MARK_RE.finditer(text, paragraph.start, paragraph.end):
            width = match.end() - match.start()
            if match.group() == DOUBLE_APOSTROPHE and not double_apostrophes:
                # Two single marks: let the single-mark rules read each of them.
                for offset in (match.start(), match.start() + 1):
                    role = classify(text, offset)
                    if role is not None:
                        marks.append((offset, role, 1))
                continue
            role = classify(text, match.start(), width)
            if role is not None:
                marks.append((match.start(), role, width))
        stack = _Stack()
        if carried is not None:
            if marks and marks[0][0] == paragraph.start and marks[0][1] != CLOSE \
                    and _family(marks[0], text) == carried.family:
                # The re-opening mark: the quote goes on in this paragraph.
                carried.content_start = marks[0][0] + marks[0][2]
                stack.push(carried)
                marks = marks[1:]
            else:
                result.unpaired.append(carried.offset)
            carried = None
        # The role of the next single mark after each mark (None after the last): what tells a
        # possessive from a closing mark, read once rather than from each mark onwards.
        next_single: list[str | None] = [None] * len(marks)
        following_role = None
        for index in range(len(marks) - 1, -1, -1):
            next_single[index] = following_role
            if _family(marks[index], text) == SINGLE:
                following_role = marks[index][1]
        for index, (offset, role, width) in enumerate(marks):
            family = _family((offset, role, width), text)
            open_same = stack.of(family)
            if role == CLOSE and family == SINGLE and open_same and _possessive_plural(text, offset):
                if next_single[index] is not None and next_single[index] != OPEN:
                    continue  # a later mark closes the quote; this one is an apostrophe
            if role == OPEN and open_same and open_same[-1] is stack.top:
                # A quote never nests in its own kind of mark: the earlier one was never closed.
                result.unpaired.append(stack.pop().offset)
            if role == OPEN or (role == EITHER and not open_same):
                stack.push(_Open(offset, family, len(stack.entries), paragraph.index, offset + width, []))
                continue
            if not open_same:
                if family == DOUBLE or role == EITHER:
                    result.unpaired.append(offset)
                continue  # a lone closing single mark is an apostrophe (Russians’)
            opener = open_same[-1]
            while stack.top is not opener:
                dropped = stack.pop()
                if dropped.family == DOUBLE:
                    result.unpaired.append(dropped.offset)
            stack.pop()
            if opener.depth == 0:
                _emit(text, result, starts, opener, offset, width)
        stack = stack.entries
        # What is still open at the end of the paragraph: the outermost double (or single, in
        # British style) quote may continue; anything nested inside it cannot.
        if stack:
            outer = stack[0]
            for entry in stack[1:]:
                if entry.family == DOUBLE:
                    result.unpaired.append(entry.offset)
            following = _next_article_paragraph(paragraphs, position)
            if following is not None and _opens_with(text, paragraphs[following], outer.family,
                                                      double_apostrophes):
                outer.pieces.append(_content_bounds(text, outer.content_start, paragraph.end))
                carried = outer
            elif outer.family == DOUBLE:
                result.unpaired.append(outer.offset)
    if carried is not None:
        result.unpaired.append(carried.offset)
    result.unpaired.sort()
    return result


def _family(mark: tuple[int, str, int], text: str) -> str:
    offset, _, width = mark
    return DOUBLE if width == 2 else MARK_FAMILY[text[offset]]


# "WALLACE: …", "MR. TRUMP: …": the speaker label of a transcript turn.
_TURN_LABEL = re.compile(r"([A-Z][A-Z.'’ -]*[A-Z.])\s*:\s+")


def split_turns(text: str, scan: MarkScan) -> list[QuotedSpan]:
    """The quotes of `scan`, with quoted transcripts cut into turns: each paragraph that opens
    with a speaker label in capitals starts a quote of its own, whose content follows the label."""
    starts = [p.start for p in scan.paragraphs]
    turns = []
    for quote in scan.quotes:
        groups: list[tuple[list[tuple[int, int]], tuple[int, int] | None]] = [([], None)]
        for start, end in quote.pieces:
            match = _TURN_LABEL.match(text, start, end)
            if match is not None and len(match.group(1)) > 1:
                groups.append(([(match.end(), end)], match.span(1)))
            else:
                groups[-1][0].append((start, end))
        groups = [(pieces, label) for pieces, label in groups if pieces]
        if len(groups) == 1 and groups[0][1] is None:
            turns.append(quote)
            continue
        for pieces, label in groups:
            first = _paragraph_of(starts, pieces[0][0])
            last = _paragraph_of(starts, pieces[-1][0])
            turns.append(replace(
                quote, start=pieces[0][0], end=pieces[-1][1], pieces=tuple(pieces), label=label,
                paragraph=first, last_paragraph=last,
                open_mark=quote.open_mark if first == quote.paragraph else scan.paragraphs[first].start,
                close_mark=quote.close_mark if last == quote.last_paragraph else pieces[-1][1],
                close_end=quote.close_end if last == quote.last_paragraph else pieces[-1][1] + 1,
            ))
    return turns


def _opens_with(text: str, paragraph: Paragraph, family: str, double_apostrophes: bool) -> bool:
    pair = text[paragraph.start : paragraph.start + 2]
    width = 2 if pair == DOUBLE_BACKTICK or (double_apostrophes and pair == DOUBLE_APOSTROPHE) \
        else 1
    ch = text[paragraph.start]
    found = DOUBLE if width == 2 else MARK_FAMILY.get(ch)
    return found == family and classify(text, paragraph.start, width) in (OPEN, EITHER)


def _next_article_paragraph(paragraphs: list[Paragraph], position: int) -> int | None:
    for following in range(position + 1, len(paragraphs)):
        if not paragraphs[following].furniture:
            return following
    return None


def _emit(text: str, result: MarkScan, starts: list[int], opener: _Open, close: int,
          width: int) -> None:
    last = _content_bounds(text, opener.content_start, close)
    pieces = [piece for piece in opener.pieces + [last] if piece[0] < piece[1]]
    if not any(ch.isalnum() for start, end in pieces for ch in text[start:end]):
        return  # “”, “ ” or “‘’”: no words were quoted
    first_paragraph = opener.paragraph
    result.quotes.append(
        QuotedSpan(
            start=pieces[0][0],
            end=pieces[-1][1],
            open_mark=opener.offset,
            close_mark=close,
            paragraph=first_paragraph,
            last_paragraph=_paragraph_of(starts, close),
            pieces=tuple(pieces),
            family=opener.family,
            close_end=close + width,
        )
    )


def _paragraph_of(starts: list[int], offset: int) -> int:
    """Index of the paragraph holding `offset`, given the paragraphs' starts in text order."""
    return bisect.bisect_right(starts, offset) - 1
