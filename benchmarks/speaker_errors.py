"""Sort the speaker errors on a PolNeAR split into kinds, weighted by quoted tokens.

    python benchmarks/speaker_errors.py PREDICTIONS.jsonl [--split train] [--kind KIND] [--show N]

Reads the predictions of `benchmarks/polnear.py --out` and the split's gold. For each gold
attribution with quoted words, the prediction that covers most of them is compared with the
gold source span, as the reference scorer compares them, and the miss is put in a kind: what
stood where the speaker should have been found (no prediction, no mention, a mention elsewhere
in the sentence, in another paragraph …). `--kind` prints examples of one kind.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

from quotecli.evaluate import quoted_segments

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")
PRONOUNS = {"he", "she", "they", "it", "i", "we", "him", "her", "them", "who"}


def quoted_tokens(text: str, start: int, end: int) -> set[int]:
    """The scorer's quoted tokens: \\w+ runs inside double marks within the span."""
    return {m.start() for a, b in quoted_segments(text, start, end) for m in WORD.finditer(text, a, b)}


def paragraph_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def mention_kind(words: str) -> str:
    lower = words.lower().split()
    if not lower:
        return "none"
    if len(lower) == 1 and lower[0] in PRONOUNS:
        return "pronoun"
    if words[:1].isupper() and not lower[0] in ("the", "a", "an"):
        return "name"
    return "noun"


def classify(text: str, gold: dict, prediction: dict | None) -> str:
    if gold["speaker_start"] is None:
        return "gold has no source"
    if prediction is None:
        return "quote not found"
    g_par = paragraph_of(text, gold["speaker_start"])
    q_par = paragraph_of(text, gold["start"])
    where = "same paragraph" if g_par == q_par else "other paragraph"
    g_kind = mention_kind(gold["speaker"] or "")
    if prediction.get("speaker_start") is None:
        return f"no mention / gold {g_kind} in {where}"
    p_par = paragraph_of(text, prediction["speaker_start"])
    p_where = "same paragraph" if p_par == q_par else "other paragraph"
    return f"wrong mention / gold {g_kind} in {where} / predicted in {p_where} ({prediction.get('confidence')})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--split", default="train")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--kind", default=None, help="print examples of kinds containing this")
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    polnear = args.shared / "eval" / "polnear"
    sys.path.insert(0, str(polnear))
    import load  # the shared loader

    load.DATA = str(polnear / "data")
    predictions = collections.defaultdict(list)
    for line in open(args.predictions, encoding="utf-8"):
        record = json.loads(line)
        predictions[Path(str(record.get("path") or record["source"])).stem].append(record)
    kinds: collections.Counter = collections.Counter()
    examples = collections.defaultdict(list)
    total = 0
    for doc in load.load(args.split):
        text = doc["text"]
        owner = {}
        for record in predictions.get(doc["id"], []):
            if record["type"] in ("direct", "partial"):
                for m in WORD.finditer(text, record["start"], record["end"]):
                    owner.setdefault(m.start(), record)
        for gold in doc["quotes"]:
            tokens = set().union(*(quoted_tokens(text, s, e) for s, e in gold["spans"]))
            if not tokens:
                continue
            total += len(tokens)
            covering = collections.Counter(id(owner[t]) for t in tokens if t in owner)
            prediction = None
            if covering:
                best = covering.most_common(1)[0][0]
                prediction = next(owner[t] for t in tokens if t in owner and id(owner[t]) == best)
                ps, pe = prediction.get("speaker_start"), prediction.get("speaker_end")
                if ps is not None and gold["speaker_start"] is not None \
                        and ps < gold["speaker_end"] and gold["speaker_start"] < pe:
                    continue
            kind = classify(text, gold, prediction)
            kinds[kind] += len(tokens)
            if args.kind and args.kind in kind:
                examples[kind].append((doc["id"], gold, prediction, text))
    print(f"{total} quoted gold tokens; errors by kind (tokens):")
    for kind, count in kinds.most_common():
        print(f"{count:7d} {count / total:6.3f}  {kind}")
    for kind, items in examples.items():
        print(f"\n## {kind}: {len(items)}")
        for name, gold, prediction, text in items[: args.show]:
            lo = min(gold["start"], gold["speaker_start"] or gold["start"])
            hi = max(gold["end"], gold["speaker_end"] or gold["end"])
            snippet = text[max(0, lo - 150) : hi + 60].replace("\n", " ¶ ")
            said = prediction and (prediction.get("speaker_mention"), prediction.get("speaker"))
            print(f"- {name} gold source {gold['speaker']!r}; predicted {said}\n    {snippet}")


if __name__ == "__main__":
    main()
