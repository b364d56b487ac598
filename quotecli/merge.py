"""Across sources: when two quotes render the same utterance, and clusters of such renderings.

Ten outlets reporting one speech quote it in ten ways: with curly or straight marks, cut at
either end, as a fragment inside the reporter's sentence, with an ellipsis or a bracketed
insertion, with "there'll" for "there will". Two quotes are the same when, once their wording is
`normalise`d, one is close to the other as a whole or lies inside it (`similarity`), under the
rules of `same_quote`. `cluster` groups a run's quotes into utterances without comparing every
pair: only quotes that share a run of two words (or, for a quote of one or two words, the same
article) are ever compared.

The thresholds below were chosen by measurement on labelled pairs (`data/merge/pairs.jsonl`,
`benchmarks/merge_thresholds.py`); docs/outlets.md gives the figures.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable

from rapidfuzz import fuzz

from quotecli.attribution.entities import is_role_phrase
from quotecli.lexicons import contractions
from quotecli.records import Cluster, Quote

# The types that take part by default: quoted words. Reported claims (indirect) are the
# reporter's paraphrase, so two outlets' wordings of one claim differ by design; comparing them
# word for word would call every paraphrase "reworded", and an indirect record holds the partial
# quotes inside it, which would be counted twice.
QUOTED_TYPES = ("direct", "partial")

# Two renderings are the same when their whole wordings are this similar (0-100: the better of
# rapidfuzz's ratio and token-sort ratio, so reordered words count as the same words) …
SAME_WHOLE = 90
# … or when the shorter one lies inside the longer one this well (partial alignment, word
# bounded, each stretch between ellipses and brackets aligned on its own).
SAME_FRAGMENT = 92
# Two renderings that share a run of this many words are two cuts of one statement (one
# outlet began earlier, the other ended later), when they have the same speaker.
OVERLAP_WORDS = 8
# A fragment of fewer words than this is too common to tell one utterance from another
# ("disgusting", "a lot going on"): it joins a longer quote only from the same article.
MIN_FRAGMENT_WORDS = 2
# Renderings given to two different speakers are the same words (a possible misattribution)
# only when the shorter has at least this many words; short phrases are said by many people.
MIN_WORDS_ACROSS_SPEAKERS = 8
# A run of two words shared by more quotes than this is a stock phrase ("of the", "I think"):
# it is too common to be a reason to compare them, unless they also share the speaker.
MAX_BLOCK = 100

_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼ`´′‛"})
_GAP = re.compile(r"\[[^\]]*\]|…|\.{2,}")  # an ellipsis or a bracketed insertion
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_TOKEN = re.compile(r"\[[^\]]*\]|…|\.{2,}|[^\W_]+(?:['’‘ʼ][^\W_]+)*")


def _spell_out(word: str) -> list[str]:
    """`there'll` → `there will`, `won't` → `will not` (lexicons/contractions.txt)."""
    table = contractions()
    if word in table:
        return table[word].split()
    for ending in ("n't", "'ll", "'re", "'ve", "'m", "'d"):
        if word.endswith(ending) and len(word) > len(ending):
            return [word[: -len(ending)], *table[ending].split()]
    return [word]


def _words(text: str) -> list[str]:
    """The comparable words of some text: case folded, one apostrophe, contractions spelt out;
    quotation marks, dashes and other punctuation are word boundaries only."""
    text = _DASHES.sub(" ", text.casefold().translate(_APOSTROPHES))
    return [part for word in _WORD.findall(text) for part in _spell_out(word)]


@dataclass(frozen=True)
class Wording:
    """A quote's text in comparable form.

    `pieces` are the words of each stretch between ellipses and bracketed insertions (the
    bracketed words are the reporter's, so they are left out); `words` all of them in order.
    """

    pieces: tuple[tuple[str, ...], ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for piece in self.pieces for word in piece)

    @property
    def joined(self) -> str:
        return " ".join(self.words)


@lru_cache(maxsize=65536)
def wording(text: str) -> Wording:
    """The comparable form of `text` (see `Wording`)."""
    pieces = (tuple(_words(stretch)) for stretch in _GAP.split(text))
    return Wording(tuple(piece for piece in pieces if piece))


def normalise(text: str) -> str:
    """`text` as the words two quotes are compared by: case, quotation marks, apostrophes,
    dashes, spacing and contractions made uniform; ellipses and bracketed insertions dropped.

    >>> normalise("“There’ll be – I promise – [more] SEVERE consequences…”")
    'there will be i promise severe consequences'
    """
    return wording(text).joined


@dataclass(frozen=True)
class Similarity:
    """How alike two quotes' wordings are, each figure from 0 to 100.

    `whole`: the two wordings as wholes (ratio or token-sort ratio, the better); `fragment`: how
    well the one of fewer words lies inside the other; `shorter_words`: its number of words;
    `shared_run`: the longest run of words both have (a number of words, not 0-100).
    """

    whole: float
    fragment: float
    shorter_words: int
    shared_run: int = 0


def similarity(a: str, b: str) -> Similarity:
    """How alike the wordings of two quote texts are."""
    wa, wb = wording(a), wording(b)
    if len(wa.words) > len(wb.words) or (len(wa.words) == len(wb.words) and wa.joined > wb.joined):
        wa, wb = wb, wa  # wa: the shorter
    if not wa.words:
        return Similarity(0.0, 0.0, 0, 0)
    ja, jb = wa.joined, wb.joined
    whole = max(fuzz.ratio(ja, jb), fuzz.token_sort_ratio(ja, jb))
    # Spaces around both sides make the alignment respect word boundaries ("a con" is not
    # inside "a conversation").
    longer = f" {jb} "
    total = sum(len(" ".join(piece)) for piece in wa.pieces)
    fragment = sum(fuzz.partial_ratio(f" {' '.join(piece)} ", longer) * len(" ".join(piece))
                   for piece in wa.pieces) / total
    run = SequenceMatcher(None, wa.words, wb.words, autojunk=False).find_longest_match(
        0, len(wa.words), 0, len(wb.words)).size
    return Similarity(whole, fragment, len(wa.words), run)


def _decide(score: Similarity, speakers_differ: bool, same_source: bool) -> bool:
    """The rules of `same_quote`, on a computed similarity."""
    if speakers_differ and score.shorter_words < MIN_WORDS_ACROSS_SPEAKERS:
        return False
    if score.whole >= SAME_WHOLE:
        return True
    if score.shared_run >= OVERLAP_WORDS and not speakers_differ:
        return True
    # A single word ("certain") is found inside too many sentences to say which one it is from.
    return score.fragment >= SAME_FRAGMENT and score.shorter_words >= MIN_FRAGMENT_WORDS


def is_resolved(speaker: str | None) -> bool:
    """Whether a speaker is a name: not unknown (None) and not a role that no article tied to a
    name ("prime minister", "PM"), which could be anyone's."""
    return speaker is not None and not is_role_phrase(speaker.split())


def _speakers_differ(a: str | None, b: str | None) -> bool:
    """Two renderings' speakers conflict only when both are names: an unresolved speaker is
    unknown, not different."""
    return is_resolved(a) and is_resolved(b) and a != b


def same_quote(a: Quote, b: Quote) -> bool:
    """Whether two quotes render the same utterance.

    They do when their wordings are alike as wholes (`SAME_WHOLE`) or when the shorter lies
    inside the longer (`SAME_FRAGMENT`: trimmed, a partial quote, an ellipsis, a bracketed
    insertion), with two limits: a fragment of fewer than `MIN_FRAGMENT_WORDS` words never
    counts, and quotes given to two different speakers count only from
    `MIN_WORDS_ACROSS_SPEAKERS` words (then they are the same words in two mouths). An unknown
    speaker (`None`, or a role no article tied to a name) differs from nobody.
    """
    return _decide(similarity(a.text, b.text), _speakers_differ(a.speaker, b.speaker),
                   a.source == b.source)


# -- clustering ---------------------------------------------------------------------------------


def _record_key(quote: Quote) -> tuple:
    """A total order on quote records that does not depend on the order they came in."""
    return (quote.source, quote.path or "", quote.start, quote.end, quote.type, quote.text,
            quote.speaker or "", quote.id)


@dataclass
class _Group:
    """The renderings with one wording and one speaker: compared once for all of them."""

    index: int
    text: str  # the text of its first member
    speaker: str | None
    words: tuple[str, ...]
    sources: set[str]
    members: list[Quote]


def _blocks(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The runs of two words of a wording (its only word, for a one-word quote)."""
    if len(words) == 1:
        return {words}
    return {words[i : i + 2] for i in range(len(words) - 1)}


def _candidates(groups: list[_Group]) -> set[tuple[int, int]]:
    """The pairs of groups worth comparing: those sharing a run of two words that few quotes
    share (or the speaker and such a run), and, for fragments too short to be compared across
    sources, the other quotes of their own source."""
    blocks = [_blocks(g.words) for g in groups]
    by_block: dict[tuple, list[int]] = defaultdict(list)
    by_speaker_block: dict[tuple, list[int]] = defaultdict(list)
    for g, keys in zip(groups, blocks):
        for key in keys:
            by_block[key].append(g.index)
            if is_resolved(g.speaker):
                by_speaker_block[(g.speaker, key)].append(g.index)

    pairs: set[tuple[int, int]] = set()
    for g, keys in zip(groups, blocks):
        shared: Counter[int] = Counter()
        for key in keys:
            posting = by_block[key]
            if len(posting) > MAX_BLOCK and is_resolved(g.speaker):
                posting = by_speaker_block[(g.speaker, key)]
            if len(posting) > MAX_BLOCK:
                continue
            shared.update(other for other in posting if other > g.index)
        for other, count in shared.items():
            # Two runs in common, or every run the shorter has (a two-word fragment has one).
            if count >= min(2, len(blocks[g.index]), len(blocks[other])):
                pairs.add((g.index, other))

    by_source: dict[str, list[int]] = defaultdict(list)
    for g in groups:
        for source in g.sources:
            by_source[source].append(g.index)
    for g in groups:
        if len(g.words) >= MIN_FRAGMENT_WORDS:
            continue
        wanted = set(g.words)
        for source in g.sources:
            for other in by_source[source]:
                if other != g.index and wanted <= set(groups[other].words):
                    pairs.add((min(g.index, other), max(g.index, other)))
    return pairs


class _Partition:
    """Union-find over group indices; the root of a set is its smallest index (deterministic)."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(quotes: Iterable[Quote | Cluster]) -> list[Cluster]:
    """Group quotes into clusters, one per utterance.

    Quotes whose wordings are alike as wholes are joined first (and whatever joins them
    transitively); quotes whose speaker is unknown (`is_resolved`) join the named ones only
    where those are one cluster, and take its speaker; then each fragment (a quote that lies
    inside longer ones), shortest last, joins the cluster of the quotes it lies inside, but
    only when they are all in one cluster:
    a fragment found in two different utterances ("president of the United States") could be
    either, so it stays on its own rather than chaining them together.

    The result does not depend on the order of `quotes`; clusters given as input are taken
    apart into their members, so merging merged output changes nothing. Clusters come with the
    most sources first, then by speaker and canonical text.
    """
    records: list[Quote] = []
    for item in quotes:
        records.extend(item.members if isinstance(item, Cluster) else (item,))
    records.sort(key=_record_key)

    groups: list[_Group] = []
    by_wording: dict[tuple, _Group] = {}
    for quote in records:
        key = (wording(quote.text).pieces, quote.speaker)
        group = by_wording.get(key)
        if group is None:
            group = _Group(len(groups), quote.text, quote.speaker, wording(quote.text).words,
                           set(), [])
            by_wording[key] = group
            groups.append(group)
        group.sources.add(quote.source)
        group.members.append(quote)

    partition = _Partition(len(groups))
    inside: dict[int, list[int]] = defaultdict(list)  # fragment group → groups it lies inside
    named: dict[int, list[int]] = defaultdict(list)  # unknown speaker → named groups it matches
    for i, j in sorted(_candidates(groups)):
        a, b = groups[i], groups[j]
        score = similarity(a.text, b.text)
        if not _decide(score, _speakers_differ(a.speaker, b.speaker), bool(a.sources & b.sources)):
            continue
        if score.whole >= SAME_WHOLE or score.shared_run >= OVERLAP_WORDS:
            if is_resolved(a.speaker) == is_resolved(b.speaker):
                partition.union(i, j)
            else:
                unknown, known = (i, j) if is_resolved(b.speaker) else (j, i)
                named[unknown].append(known)
        else:
            shorter, longer = (i, j) if len(a.words) <= len(b.words) else (j, i)
            inside[shorter].append(longer)

    # Renderings whose speaker is unknown join the named ones they match when those are one
    # quote by now. Matching the words of two people's quotes, they could be either, so they
    # stay apart (as a fragment does below): an unknown never joins two names together.
    matches: dict[int, set[int]] = defaultdict(set)
    for unknown, known in named.items():
        matches[partition.find(unknown)].update(partition.find(k) for k in known)
    contested = set()  # renderings of unknown speaker that match two people's words
    for root, roots in sorted(matches.items()):
        if len(roots) == 1:
            partition.union(root, roots.pop())
        else:
            contested.add(root)

    # Longest fragments first, so that a fragment of a fragment finds the cluster its container
    # has joined by then.
    names: dict[int, set[str]] = defaultdict(set)  # the speakers named in each cluster so far
    for group in groups:
        if is_resolved(group.speaker):
            names[partition.find(group.index)].add(group.speaker)
    for index in sorted(inside, key=lambda g: (-len(groups[g].words), g)):
        speaker = groups[index].speaker
        containers = inside[index]
        if is_resolved(speaker) and len(groups[index].words) < MIN_WORDS_ACROSS_SPEAKERS:
            # A rendering of unknown speaker will take its cluster's: it contains a short
            # fragment of someone's only if that cluster names nobody else.
            containers = [other for other in containers if is_resolved(groups[other].speaker)
                          or names[partition.find(other)] <= {speaker}]
        roots = {partition.find(other) for other in containers}
        if len(roots) != 1:
            continue
        root, own = roots.pop(), partition.find(index)
        if root == own or root in contested or own in contested:
            continue  # nor does a fragment make them one person's by joining them
        if names[own] and names[root] and not names[own] & names[root] \
                and len(groups[index].words) < MIN_WORDS_ACROSS_SPEAKERS:
            continue  # a short fragment never joins only other people's words, even by way
            # of a rendering with no speaker
        joined = names.pop(own, set()) | names.pop(root, set())
        partition.union(own, root)
        names[partition.find(root)] = joined

    members: dict[int, list[Quote]] = defaultdict(list)
    for group in groups:
        members[partition.find(group.index)].extend(group.members)
    clusters = [_make_cluster(sorted(quotes, key=_record_key)) for quotes in members.values()]
    clusters.sort(key=lambda c: (-c.sources, c.speaker is None, c.speaker or "", c.text,
                                 c.cluster))
    return clusters


def canonical(quotes: list[Quote]) -> Quote:
    """The rendering that stands for a cluster: the longest (most words, then characters)."""
    return min(quotes, key=lambda q: (-len(wording(q.text).words), -len(q.text),
                                      _record_key(q)))


def cluster_speaker(quotes: list[Quote]) -> str | None:
    """The name most members give (a role no article resolved counts only when no member has
    a name); on a tie, the canonical rendering's, then the first by name."""
    counts = Counter(q.speaker for q in quotes if is_resolved(q.speaker)) \
        or Counter(q.speaker for q in quotes if q.speaker is not None)
    if not counts:
        return None
    top = max(counts.values())
    leaders = sorted(name for name, count in counts.items() if count == top)
    preferred = canonical(quotes).speaker
    return preferred if preferred in leaders else leaders[0]


def _make_cluster(quotes: list[Quote]) -> Cluster:
    speaker = cluster_speaker(quotes)
    if is_resolved(speaker):
        # The renderings with no name take the cluster's, their own mention kept.
        quotes = [q if is_resolved(q.speaker) else replace(q, speaker=speaker) for q in quotes]
    text = canonical(quotes).text
    digest = hashlib.blake2b(f"{speaker or ''}\n{normalise(text)}".encode("utf-8"),
                             digest_size=5).hexdigest()
    sources = tuple(sorted({q.source for q in quotes}))
    return Cluster(f"q{digest}", speaker, text, len(sources), sources, tuple(quotes))


# -- word-level differences ---------------------------------------------------------------------

# What a rendering does to the canonical words, stretch by stretch:
CHANGE_KINDS = (
    "left_out",   # canonical words it does not carry: cut at either end, or at an ellipsis
    "extra",      # words beyond either end of the canonical rendering (another cut of a speech)
    "dropped",    # canonical words missing in the middle, with no ellipsis to say so
    "added",      # words the canonical rendering does not have
    "replaced",   # different words in the same place
    "editorial",  # a bracketed insertion, on either side
)
REWORDING = ("dropped", "added", "replaced")


@dataclass(frozen=True)
class Change:
    """One stretch where a rendering differs from the canonical words.

    `canonical` and `text` are the words as written on each side (either may be empty);
    `start`/`end` are offsets into the rendering's text of its side (equal when it has none);
    `canonical_words` are the indices of the canonical words concerned.
    """

    kind: str
    canonical: str
    text: str
    start: int
    end: int
    canonical_words: range

    def to_dict(self) -> dict:
        return {"kind": self.kind, "canonical": self.canonical, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    norm: str
    kind: str  # word | bracket | gap


def _tokens(text: str) -> list[_Token]:
    """The words of `text` as written, with offsets; a bracketed insertion and an ellipsis are
    one token each. Dashes separate words ("commander-in-chief" is three)."""
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        kind = "bracket" if word[0] == "[" else "gap" if word[0] in "…." else "word"
        tokens.append(_Token(word, match.start(), match.end(),
                             word.casefold().translate(_APOSTROPHES), kind))
    return tokens


def canonical_words(text: str) -> int:
    """How many words `word_changes` counts in a canonical rendering."""
    return sum(1 for t in _tokens(text) if t.kind != "gap")


def word_changes(canonical_text: str, text: str) -> list[Change]:
    """Where `text` differs from `canonical_text`, word by word, in the order of `text`.

    Case, quotation marks and apostrophes do not count; contractions do ("there'll" for
    "there will" is `replaced`), since the point is to show what each outlet printed.
    """
    canon = [t for t in _tokens(canonical_text) if t.kind != "gap"]
    all_tokens = _tokens(text)
    rendering = [t for t in all_tokens if t.kind != "gap"]
    gaps_before = set()  # indices in `rendering` that an ellipsis precedes
    for token in all_tokens:
        if token.kind == "gap":
            gaps_before.add(sum(1 for t in all_tokens if t.kind != "gap" and t.start < token.start))
    matcher = SequenceMatcher(None, [t.norm for t in canon], [t.norm for t in rendering],
                              autojunk=False)
    opcodes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and j1 in gaps_before and i2 - i1 > j2 - j1:
            # After an ellipsis: the canonical words it stands for are left out, and only the
            # ones most like the rendering's were replaced ("… there will" for "Most of this
            # money … and there'll").
            said = " ".join(t.norm for t in rendering[j1:j2])
            cut = max(range(i1 + 1, i2), key=lambda k: (SequenceMatcher(
                None, " ".join(t.norm for t in canon[k:i2]), said).ratio(), k))
            opcodes += [("delete", i1, cut, j1, j1), ("replace", cut, i2, j1, j2)]
        else:
            opcodes.append((tag, i1, i2, j1, j2))
    changes = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        c_part, r_part = canon[i1:i2], rendering[j1:j2]
        at_edge = j1 == 0 or j1 == len(rendering)
        if (c_part and all(t.kind == "bracket" for t in c_part)) \
                or any(t.kind == "bracket" for t in r_part):
            kind = "editorial"
        elif tag == "delete":
            kind = "left_out" if at_edge or j1 in gaps_before else "dropped"
        elif tag == "insert":
            kind = "extra" if (j1 == 0 and i1 == 0) or (j2 == len(rendering) and i1 == len(canon)) \
                else "added"
        else:
            kind = "replaced"
        if r_part:
            start, end = r_part[0].start, r_part[-1].end
        elif j1 > 0:
            start = end = rendering[j1 - 1].end
        else:
            start = end = rendering[0].start if rendering else 0
        changes.append(Change(kind, _span(canonical_text, c_part), _span(text, r_part),
                              start, end, range(i1, i2)))
    return changes


def _span(text: str, tokens: list[_Token]) -> str:
    return text[tokens[0].start : tokens[-1].end] if tokens else ""
