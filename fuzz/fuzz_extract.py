"""Fuzz the whole extraction for a fixed time: generated text in, well-formed records out, and
no input costing far more than news of its size.

    python fuzz/fuzz_extract.py --seconds 60

Half the time runs the property of tests/test_properties.py on new random examples. A failure
prints hypothesis's smallest failing input and exits 1: add that input to
tests/test_regressions.py so it is checked on every run from then on.

The other half mixes pieces of the costly kinds of `benchmarks/worst_case.py` (many quotes in a
paragraph, deep nesting, long single lines, dense cue words, many distinct names …) and runs of
bare marks and cue words, into texts of 5,000 to 20,000 characters, and times their extraction
against ordinary news of the same size. An input that takes more than `MAX_RATIO` times as
long, plus `SLACK` seconds, is written to `fuzz-slow-<seed>.txt` and the run exits 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from test_properties import TEXTS, check  # noqa: E402

from benchmarks.worst_case import KINDS, ordinary  # noqa: E402
from quotecli.extract import extract  # noqa: E402

MAX_RATIO = 6.0  # the parse of a dense input costs up to some 4 times news of its size
SLACK = 0.5  # seconds: what a timer's noise and a short input's fixed costs come to


def structure(rng: random.Random, size: int) -> str:
    """A text of about `size` characters: pieces of the costly kinds of
    benchmarks/worst_case.py and runs of marks, cues and names, mixed at random."""
    kinds = [kind for kind in KINDS if kind != "ordinary"]

    def marks_and_words() -> str:
        return " ".join(rng.choice(["''", "``", "'", "\"", "“", "”", "‘", "’", "—", ":"])
                        + rng.choice(["said", "he", "Ana Duarte", "the minister", "a"])
                        for _ in range(rng.randint(100, 3000)))

    parts, length = [], 0
    while length < size:
        part = marks_and_words() if rng.random() < 0.2 \
            else KINDS[rng.choice(kinds)](rng.randint(500, 8000))
        parts.append(part)
        length += len(part)
    return rng.choice([" ", "\n"]).join(parts)[:size]


def _seconds(text: str) -> float:
    start = time.perf_counter()
    extract(text)
    return time.perf_counter() - start


def cost_round(rng: random.Random, seed: int, baselines: dict) -> bool:
    """One costly input against news of its size; False (and the input saved) when too slow."""
    size = rng.choice([5_000, 10_000, 20_000])
    if size not in baselines:
        baselines[size] = min(_seconds(ordinary(size)) for _ in range(2))
    text = structure(rng, size)
    took = _seconds(text)
    if took <= MAX_RATIO * baselines[size] + SLACK:
        return True
    path = Path(f"fuzz-slow-{seed}.txt")
    path.write_text(text, encoding="utf-8")
    print(f"fuzz: {len(text):,} characters took {took:.2f} s, news of that size "
          f"{baselines[size]:.2f} s; the input is in {path}", file=sys.stderr)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=None, help="of the costly inputs")
    args = parser.parse_args()
    start = time.monotonic()
    rounds = 0
    property_test = settings(max_examples=100, deadline=None, database=None,
                             suppress_health_check=list(HealthCheck))(given(TEXTS)(check))
    while time.monotonic() < start + args.seconds / 2:
        property_test()
        rounds += 1
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    rng = random.Random(seed)
    baselines: dict[int, float] = {}
    costly = 0
    while time.monotonic() < start + args.seconds:
        if not cost_round(rng, seed, baselines):
            return 1
        costly += 1
    print(f"fuzz: {rounds * 100} inputs and {costly} costly ones (seed {seed}) in "
          f"{args.seconds:.0f} s, no failure", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
