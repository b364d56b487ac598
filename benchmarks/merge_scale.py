"""Time `quotecli.merge.cluster` on 10k and 100k quotes, and check what it finds.

    python benchmarks/merge_scale.py            # 10,000 and 100,000 quotes
    python benchmarks/merge_scale.py 5000       # other sizes

The quotes are made up here, deterministically (seeded): utterances of 25 words on average
drawn from a Zipf-like vocabulary of 5,000 words, each said by one of 2,000 speakers and carried
by 1 to 6 of 300 sources, each rendering varied the way outlets vary them (case, curly or
straight marks, trimmed at either end, a fragment of 3-8 words, an ellipsis, a bracketed
insertion, a word changed, two words swapped). So the number of true clusters is known, and
the pairwise precision and recall of the clusters found are printed with the time.
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotecli.merge import cluster  # noqa: E402
from quotecli.records import Quote  # noqa: E402

VOCABULARY = 5000
SPEAKERS = 2000
SOURCES = 300


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
                    for _ in range(VOCABULARY * 2)})[:VOCABULARY]
    rng.shuffle(words)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(words))]
    return words, weights


def _vary(words: list[str], rng: random.Random) -> tuple[str, str]:
    """One outlet's rendering of an utterance, and its type."""
    words = list(words)
    kind = rng.choice(("same", "same", "case", "marks", "trim", "fragment", "ellipsis",
                       "bracket", "word", "swap"))
    if kind == "fragment" and len(words) >= 10:
        size = rng.randint(4, 8)
        start = rng.randrange(len(words) - size)
        return " ".join(words[start : start + size]), "partial"
    if kind == "trim" and len(words) >= 12:
        words = words[rng.randint(0, 3) : len(words) - rng.randint(0, 3)]
    elif kind == "ellipsis" and len(words) >= 12:
        cut = rng.randrange(3, len(words) - 6)
        words = words[:cut] + ["…"] + words[cut + 3 :]
    elif kind == "bracket" and len(words) >= 6:
        words[rng.randrange(len(words))] = "[the minister]"
    elif kind == "word" and len(words) >= 12:
        words[rng.randrange(len(words))] = "meanwhile"
    elif kind == "swap" and len(words) >= 12:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    text = " ".join(words)
    if kind == "case":
        text = text.upper()
    if kind == "marks":
        text = text.replace(" ", " ’ ", 1)
    return text + rng.choice((".", ",", "")), "direct"


def make_quotes(count: int, seed: int = 5) -> tuple[list[Quote], dict[int, int]]:
    """About `count` quote records, and the true utterance of each (by position)."""
    rng = random.Random(seed)
    words, weights = _vocabulary(rng)
    quotes, truth = [], {}
    utterance = 0
    while len(quotes) < count:
        length = max(6, int(rng.gauss(25, 8)))
        said = rng.choices(words, weights, k=length)
        speaker = f"Speaker {rng.randrange(SPEAKERS)}"
        for source in rng.sample(range(SOURCES), rng.randint(1, 6)):
            text, kind = _vary(said, rng)
            truth[len(quotes)] = utterance
            quotes.append(Quote(f"source-{source}", None, kind, text, len(quotes), len(quotes) + 1,
                                0, speaker, speaker, None, None, None, "said", None, None, 0.9))
        utterance += 1
    return quotes, truth


def pairwise(found, truth: dict[int, int]) -> tuple[float, float]:
    """Pairwise precision and recall of the clusters found against the true ones."""
    def pairs(labels: dict[int, int]) -> int:
        return sum(n * (n - 1) // 2 for n in Counter(labels.values()).values())

    label = {member.start: index for index, c in enumerate(found) for member in c.members}
    both = Counter((label[i], truth[i]) for i in truth)
    together = sum(n * (n - 1) // 2 for n in both.values())
    return together / max(pairs(label), 1), together / max(pairs(truth), 1)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    for size in sizes:
        quotes, truth = make_quotes(size)
        started = time.perf_counter()
        found = cluster(quotes)
        seconds = time.perf_counter() - started
        precision, recall = pairwise(found, truth)
        print(f"{len(quotes)} quotes: {seconds:.1f} s, {len(found)} clusters "
              f"({len(set(truth.values()))} true), pairwise precision {precision:.3f}, "
              f"recall {recall:.3f}")


if __name__ == "__main__":
    main()
