"""Comparing outlets: which quotes each carried and in which words (`diff_outlets`), and who each
quoted (`quoted_speakers`).

An outlet is a named set of quotes: one article, or all the articles of one folder. Both
functions are pure: they take quote records as `quotes list` gives them (speakers already
unified across the run) and return records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from quotecli.filters import PRONOUNS
from quotecli.merge import (REWORDING, Change, QUOTED_TYPES, canonical_words, cluster,
                            is_resolved, word_changes)
from quotecli.records import Quote

# The flags of a quote carried by several outlets, in this order.
FLAGS = (
    "reworded",         # the same quote with different words (beyond case, marks and spacing)
    "trimmed",          # an outlet carries fewer of its words than another
    "speaker_differs",  # the same words given to different people: a possible misattribution
)


@dataclass(frozen=True)
class Rendering:
    """One outlet's rendering of a quote, and where its words differ from the canonical ones."""

    outlet: str
    source: str
    path: str | None
    type: str
    speaker: str | None
    speaker_mention: str | None
    text: str
    start: int
    end: int
    changes: tuple[Change, ...]

    def to_dict(self) -> dict:
        return {"outlet": self.outlet, "source": self.source, "path": self.path,
                "type": self.type, "speaker": self.speaker,
                "speaker_mention": self.speaker_mention, "text": self.text,
                "start": self.start, "end": self.end,
                "changes": [change.to_dict() for change in self.changes]}


@dataclass(frozen=True)
class OutletQuote:
    """One quote (a cluster of renderings) as the outlets carry it: a row of `quotes diff`."""

    cluster: str
    speaker: str | None
    speaker_resolved: bool
    text: str
    outlets: tuple[str, ...]
    shared: bool
    flags: tuple[str, ...]
    speaker_outlets: tuple[str, ...]
    renderings: tuple[Rendering, ...]

    def to_dict(self) -> dict:
        return {"cluster": self.cluster, "speaker": self.speaker,
                "speaker_resolved": self.speaker_resolved, "text": self.text,
                "outlets": list(self.outlets), "shared": self.shared, "flags": list(self.flags),
                "speaker_outlets": list(self.speaker_outlets),
                "renderings": [rendering.to_dict() for rendering in self.renderings]}


DIFF_FIELDS = ("cluster", "speaker", "speaker_resolved", "text", "outlets", "shared", "flags",
               "speaker_outlets", "renderings")


def diff_outlets(outlets: Sequence[tuple[str, Sequence[Quote]]],
                 types: Iterable[str] = QUOTED_TYPES) -> list[OutletQuote]:
    """What each outlet carried: one row per quote, the quotes carried by several outlets first.

    Args:
        outlets: (name, quotes) for each outlet, in the order they are to be shown.
        types: the quote types that take part (by default direct and partial quotes).

    Rows carried by several outlets come first (most outlets first, then in the order of the
    outlets and of the text); then the quotes only one outlet carries, grouped by outlet in the
    order given, each group in text order. `speaker_outlets` tells which outlets quote the row's
    speaker at all, so a speaker quoted by one outlet only is a row whose `speaker_outlets` has
    one name.
    """
    types = set(types)
    order = {name: index for index, (name, _) in enumerate(outlets)}
    outlet_of: dict[tuple, str] = {}
    quotes = []
    for name, outlet_quotes in outlets:
        for quote in outlet_quotes:
            if quote.type in types:
                outlet_of[_key(quote)] = name
                quotes.append(quote)

    rows = []
    by_speaker: dict[str | None, set[str]] = defaultdict(set)
    clusters = cluster(quotes)
    for found in clusters:
        by_speaker[found.speaker].update(outlet_of[_key(m)] for m in found.members)
    for found in clusters:
        members = sorted(found.members, key=lambda m: (order[outlet_of[_key(m)]], m.source,
                                                       m.start, m.end))
        renderings = tuple(
            Rendering(outlet_of[_key(m)], m.source, m.path, m.type, m.speaker, m.speaker_mention,
                      m.text, m.start, m.end, tuple(word_changes(found.text, m.text)))
            for m in members)
        names = tuple(sorted({r.outlet for r in renderings}, key=order.__getitem__))
        rows.append(OutletQuote(found.cluster, found.speaker, is_resolved(found.speaker),
                                found.text, names, len(names) > 1,
                                _flags(found.text, renderings),
                                tuple(sorted(by_speaker[found.speaker], key=order.__getitem__)),
                                renderings))
    rows.sort(key=lambda row: (not row.shared, -len(row.outlets), order[row.outlets[0]],
                               row.renderings[0].source, row.renderings[0].start, row.cluster))
    return rows


def _key(quote: Quote) -> tuple:
    """A record as itself, whatever its speaker: merging may give it the cluster's."""
    return quote.source, quote.path, quote.id


def _flags(canonical_text: str, renderings: Sequence[Rendering]) -> tuple[str, ...]:
    flags = set()
    if any(change.kind in REWORDING for r in renderings for change in r.changes):
        flags.add("reworded")
    everything = set(range(canonical_words(canonical_text)))
    carried: dict[str, set[int]] = defaultdict(set)
    for rendering in renderings:
        left_out = {i for change in rendering.changes if change.kind == "left_out"
                    for i in change.canonical_words}
        carried[rendering.outlet] |= everything - left_out
    if any(words != everything for words in carried.values()):
        flags.add("trimmed")
    if len({r.speaker for r in renderings if is_resolved(r.speaker)}) > 1:
        flags.add("speaker_differs")  # two names: a role or no speaker conflicts with nobody
    return tuple(flag for flag in FLAGS if flag in flags)


@dataclass(frozen=True)
class QuotedSpeaker:
    """Who is quoted: how often, by which source, under which titles and names."""

    speaker: str | None
    quotes: int
    reported: int
    sources: int
    by_source: dict[str, dict[str, int]]
    titles: tuple[str, ...]
    aliases: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"speaker": self.speaker, "quotes": self.quotes, "reported": self.reported,
                "sources": self.sources, "by_source": self.by_source,
                "titles": list(self.titles), "aliases": list(self.aliases)}


SPEAKER_FIELDS = ("speaker", "quotes", "reported", "sources", "by_source", "titles", "aliases")


def quoted_speakers(quotes: Iterable[Quote]) -> list[QuotedSpeaker]:
    """One record per speaker: their quotes (direct and partial) and reported claims
    (indirect), per source; the titles the texts give them and the other names they use
    (pronouns left out). The most quoted first; quotes with no speaker last."""
    return speakers_counted(Counter(
        (q.speaker, q.source, q.type, q.speaker_title, q.speaker_mention) for q in quotes).items())


def speakers_counted(counts: Iterable[tuple[tuple, int]]) -> list[QuotedSpeaker]:
    """`quoted_speakers` of quotes counted by what it reads of them: ((speaker, source, type,
    speaker_title, speaker_mention), how many) pairs, as a database can count them."""
    quoted: Counter = Counter()
    reported: Counter = Counter()
    per_source: dict[str | None, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    titles: dict[str | None, Counter] = defaultdict(Counter)
    aliases: dict[str | None, Counter] = defaultdict(Counter)
    for (speaker, source, kind, title, mention), count in counts:
        kind = "quotes" if kind in QUOTED_TYPES else "reported"
        (quoted if kind == "quotes" else reported)[speaker] += count
        per_source[speaker][source][kind] += count
        if title:
            titles[speaker][title] += count
        mention = (mention or "").strip()
        words = {w.casefold() for w in mention.split()}
        if mention and mention != speaker and not words <= PRONOUNS:
            aliases[speaker][mention] += count

    def by_count(counter: Counter) -> tuple[str, ...]:
        """The names, most used first; of names differing only in case, the most used."""
        names, seen = [], set()
        for name, _ in sorted(counter.items(), key=lambda i: (-i[1], i[0])):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        return tuple(names)

    records = []
    for speaker in set(quoted) | set(reported):
        sources = per_source[speaker]
        ordered = sorted(sources, key=lambda s: (-sum(sources[s].values()), s))
        records.append(QuotedSpeaker(
            speaker, quoted[speaker], reported[speaker], len(sources),
            {s: {"quotes": sources[s]["quotes"], "reported": sources[s]["reported"]}
             for s in ordered},
            by_count(titles[speaker]), by_count(aliases[speaker])))
    records.sort(key=lambda r: (r.speaker is None, -r.quotes, -r.reported, r.speaker or ""))
    return records
