"""Inputs that succeed but could cost far more than their size, against ordinary news.

    python benchmarks/worst_case.py [--sizes 10000 100000 1000000] [--kinds tiny_quotes ...]

Each kind of input is written at each size and extracted in a fresh process, which reports its
time and peak memory (the model loaded first, not counted in the time; peak memory includes it).
Ordinary news of the same size (the written set's articles, repeated) is the baseline: the table
gives each input's time over it. A run of a kind that takes longer than 600 s is stopped and
shown as such.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _news() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8")
                       for p in sorted((ROOT / "data" / "gold" / "written").glob("*.txt")))


def _repeat(unit, size: int) -> str:
    """`unit(i)` for i = 0, 1, … joined by spaces until `size` characters."""
    parts, length, i = [], 0, 0
    while length < size:
        part = unit(i)
        parts.append(part)
        length += len(part) + 1
        i += 1
    return " ".join(parts)[:size]


def ordinary(size: int) -> str:
    news = _news()
    return ((news + "\n\n") * (size // len(news) + 1))[:size]


FIRST = ["Anna", "Boris", "Carl", "Dana", "Erik", "Fay", "Gus", "Hana", "Ivo", "Jana"]

KINDS = {
    # News, as a baseline.
    "ordinary": ordinary,
    # One paragraph of tiny quotes: “a” “a” …
    "tiny_quotes": lambda size: _repeat(lambda i: "“a”", size),
    # Quotation marks nested as deep as the input allows.
    "nested": lambda size: "He said " + "“a ‘b " * (size // 12) + "” ’" * (size // 12),
    # One paragraph of sentences, each with a quote and a cue.
    "quote_cue_paragraph": lambda size: _repeat(
        lambda i: f"“We will act on item {i},” said Jane Doe{i % 7}.", size),
    # Ordinary news with its line breaks removed, as some scrapers write it.
    "single_line": lambda size: ordinary(size).replace("\n", " "),
    # Cue words as dense as words go.
    "dense_cues": lambda size: _repeat(
        lambda i: f"He said she told them he claimed she added “{i}” he noted.", size),
    # A new person in every sentence, each quoted, and a role for all of them.
    "many_names": lambda size: _repeat(
        lambda i: f"{FIRST[i % len(FIRST)]} Name{i} said “it is fine {i}.” The minister said "
                  "it was not.", size),
    # A run of tiny quotes, then cues in the same paragraph: the parser hangs the whole run on
    # one subject, which every quote of the run asks about (found by the fuzzing run).
    "quotes_before_cues": lambda size: _repeat(lambda i: "“a”", size // 2) + " " + _repeat(
        lambda i: f"{FIRST[i % len(FIRST)]} Name{i} said “it is fine {i}.” The minister said "
                  "it was not.", size - size // 2),
    # Short quoted phrases that no cue claims, each looked for elsewhere in the text.
    "unclaimed_phrases": lambda size: _repeat(
        lambda i: f"The “harbour plan {i}” was on the agenda of the harbour plan board.", size),
    # An exchange of many short turns, each its own paragraph.
    "many_paragraphs": lambda size: _repeat(
        lambda i: f"“Did you see line {i}?” she asked.\n“I saw it {i} times.”\n", size),
}

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from benchmarks.worst_case import KINDS
from quotecli.extract import extract
from quotecli.pipeline import load_model
load_model(None)
text = KINDS[{kind!r}]({size})
start = time.perf_counter()
records = extract(text)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({{"chars": len(text), "records": len(records), "seconds": round(seconds, 2),
                  "peak_mib": peak}}))
"""


def measure(kind: str, size: int, timeout: float = 600) -> dict:
    """Extract one input in a fresh process: its size, records, time and peak memory."""
    code = _CHILD.format(root=str(ROOT), kind=kind, size=size)
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"chars": size, "records": None, "seconds": None, "peak_mib": None}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    args = parser.parse_args()
    random.seed(0)
    print("| input | size | records | time (s) | × ordinary news | peak memory (MiB) |")
    print("|---|---|---|---|---|---|")
    for size in args.sizes:
        baseline = measure("ordinary", size)
        for kind in args.kinds:
            row = baseline if kind == "ordinary" else measure(kind, size)
            if row["seconds"] is None:
                print(f"| {kind} | {size:,} | | over 600 | | |", flush=True)
                continue
            ratio = row["seconds"] / baseline["seconds"] if baseline["seconds"] else float("nan")
            print(f"| {kind} | {row['chars']:,} | {row['records']:,} | {row['seconds']:.2f} | "
                  f"{ratio:.1f} | {row['peak_mib']:,} |", flush=True)


if __name__ == "__main__":
    main()
