"""Terms, titles and scare quotes: quoted words that are nobody's."""

from __future__ import annotations

import re

from quotecli import marks
from quotecli.article import WORD_RE, Article
from quotecli.lexicons import scare_markers


SCARE_MAX_WORDS = 6


def _normal_words(text: str) -> str:
    return " ".join(w.lower() for w in WORD_RE.findall(text))


def terms_of(article: Article) -> set[str]:
    """Short quoted phrases the article marks as terms: after "so-called", "dubbed", "described
    as" …, and the other half of a contrast with one ("a “stabilisation force” rather than a
    “peacekeeping force”")."""
    text = article.text
    terms = set()
    previous = None
    for quote in article.scan.quotes:
        if _after_scare_marker(text, quote) or previous is not None \
                and _normal_words(text[previous.start : previous.end]) in terms \
                and _CONTRAST.fullmatch(text, previous.close_end, quote.open_mark):
            terms.add(_normal_words(text[quote.start : quote.end]))
        previous = quote
    return terms


# What joins two terms set side by side: "… rather than a …", "… or the …".
_CONTRAST = re.compile(r"\s*,?\s*(?:rather than|instead of|and not|not|or|nor|and|versus|vs\.?)"
                       r"(?:\s+(?:a|an|the))?\s*", re.IGNORECASE)
_TRAILING_DETERMINER = re.compile(r"\s+(?:a|an|the)$")


def _after_scare_marker(text: str, quote: marks.QuotedSpan) -> bool:
    """Whether a term marker stands right before the quote, an article between them allowed
    ("described as a “…”")."""
    before = text[max(0, quote.open_mark - 40) : quote.open_mark].lower().rstrip()
    before = re.sub(r"\s+", " ", before)
    bare = _TRAILING_DETERMINER.sub("", before)
    return any(before.endswith(marker) or bare.endswith(marker) for marker in scare_markers())


def is_term(article: Article, quote: marks.QuotedSpan, words: list[str], terms: set[str],
             strict: bool = False) -> bool:
    """A scare quote or term: marked as such, or a short phrase the article also uses unquoted.

    With `strict`, only the explicit markers count (a cue governs the quote, so a short phrase
    is more likely a fragment of speech than a term).
    """
    text = article.text
    if _after_scare_marker(text, quote):
        return True
    if _normal_words(" ".join(words)) in terms and len(words) <= SCARE_MAX_WORDS:
        return True
    if strict or len(words) > SCARE_MAX_WORDS or not words:
        return False
    if article.word_index is None:
        article.word_index = WordIndex(text)
    return article.word_index.used_unquoted(tuple(w.lower() for w in words), quote)


_OPENING_MARKS = frozenset("“\"‘'")
_CLOSING_MARKS = frozenset("”\"’'")


class WordIndex:
    """The words of a text in order, and where each is: a phrase is then looked for only where
    its rarest word stands (made once an article, `Article.word_index`)."""

    def __init__(self, text: str):
        self.text = text
        self.words = [(m.start(), m.end(), m.group().lower()) for m in WORD_RE.finditer(text)]
        self.at: dict[str, list[int]] = {}
        for index, (_, _, word) in enumerate(self.words):
            self.at.setdefault(word, []).append(index)

    def used_unquoted(self, phrase: tuple[str, ...], quote: marks.QuotedSpan) -> bool:
        """Whether `phrase` stands outside `quote` with no quotation mark against it."""
        if any(word not in self.at for word in phrase):
            return False
        anchor = min(range(len(phrase)), key=lambda k: len(self.at[phrase[k]]))
        text, words = self.text, self.words
        for index in self.at[phrase[anchor]]:
            first, last = index - anchor, index - anchor + len(phrase) - 1
            if first < 0 or last >= len(words):
                continue
            if any(words[first + k][2] != phrase[k] for k in range(len(phrase))):
                continue
            start, end = words[first][0], words[last][1]
            if start > 0 and text[start - 1] in _OPENING_MARKS \
                    or end < len(text) and text[end] in _CLOSING_MARKS:
                continue
            if end <= quote.open_mark or start > quote.end:
                return True
        return False


TITLE_WORD_RE = re.compile(r"\w[\w'’-]*")


_TITLE_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for with from by as into over up off per via vs".split()
)


def is_title(words: list[str]) -> bool:
    """"State of the Union", "Coal Isn't the Villain": a short run of capitalised words is the
    name of a show, book, film or article, not somebody's words."""
    if not 2 <= len(words) <= 8:
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return len(content) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in content) \
        and not all(w.isupper() for w in content)
