"""Measure "same quote" on the labelled pairs and choose the thresholds of quotecli.merge.

    python benchmarks/merge_thresholds.py            # figures at quotecli.merge's thresholds
    python benchmarks/merge_thresholds.py --search   # and the grid they were chosen from

The pairs are in data/merge/pairs.jsonl, one JSON object a line: `label` (1: the same utterance
of the same speaker, 0: different utterances), `kind` (the variant: identical, trimmed, fragment,
ellipsis, bracket, wording, order, overlap, misattributed; or, for label 0, what makes the pair
hard: stock, same-speaker, short-fragment, different), `origin` and the two sides `a` and `b`.
A side written for this file (`origin: written`) holds its `text`, `speaker` and `source`; a
side from PolNeAR (`origin: polnear`) holds only a reference, `file`, `start` and `end` into the
dev split's texts (the corpus may not be redistributed), and the `speaker` as read by hand. The
PolNeAR pairs are read from ../shared/eval/polnear/data/dev/text (or --polnear DIR); without it
they are left out and the figures are for the written pairs alone.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotecli import merge  # noqa: E402

PAIRS = ROOT / "data" / "merge" / "pairs.jsonl"
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "data" / "dev" / "text"

GRID = {
    "SAME_WHOLE": (80, 82, 84, 85, 86, 87, 88, 90, 92, 95),
    "SAME_FRAGMENT": (85, 88, 90, 92, 95, 97, 100),
    "MIN_FRAGMENT_WORDS": (1, 2, 3, 4, 5),
    "MIN_WORDS_ACROSS_SPEAKERS": (1, 4, 6, 8, 10),
    "OVERLAP_WORDS": (5, 6, 7, 8, 9, 10, 12, 1000),
}


def load_pairs(path: Path, polnear: Path) -> tuple[list[dict], int]:
    """The pairs with both sides' text, speaker and source; and how many were left out."""
    texts: dict[str, str] = {}
    pairs, missing = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        sides = []
        for side in (pair["a"], pair["b"]):
            if "text" in side:
                sides.append((side["text"], side["speaker"], side["source"]))
                continue
            file = polnear / side["file"]
            if not file.exists():
                break
            if side["file"] not in texts:
                texts[side["file"]] = file.read_bytes().decode("utf-8").removeprefix("\ufeff")
            sides.append((texts[side["file"]][side["start"] : side["end"]], side["speaker"],
                          Path(side["file"]).stem))
        if len(sides) < 2:
            missing += 1
            continue
        (ta, sa, oa), (tb, sb, ob) = sides
        pairs.append({**pair, "score": merge.similarity(ta, tb),
                      "differ": merge._speakers_differ(sa, sb), "same_source": oa == ob})
    return pairs, missing


def decide(pair: dict, thresholds: dict) -> bool:
    score = pair["score"]
    if pair["differ"] and score.shorter_words < thresholds["MIN_WORDS_ACROSS_SPEAKERS"]:
        return False
    if score.whole >= thresholds["SAME_WHOLE"]:
        return True
    if score.shared_run >= thresholds["OVERLAP_WORDS"] and not pair["differ"]:
        return True
    return score.fragment >= thresholds["SAME_FRAGMENT"] and (
        score.shorter_words >= thresholds["MIN_FRAGMENT_WORDS"] or pair["same_source"])


def figures(pairs: list[dict], thresholds: dict) -> dict:
    tp = fp = fn = tn = 0
    for pair in pairs:
        said = decide(pair, thresholds)
        if said and pair["label"]:
            tp += 1
        elif said:
            fp += 1
        elif pair["label"]:
            fn += 1
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(pairs), "positive": tp + fn, "negative": fp + tn, "tp": tp, "fp": fp,
            "fn": fn, "precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(f1, 3)}


def search(pairs: list[dict]) -> list[tuple[dict, dict]]:
    """Every grid setting with its figures, best F1 first (ties: the stricter setting)."""
    results = []
    for values in itertools.product(*GRID.values()):
        thresholds = dict(zip(GRID, values))
        results.append((thresholds, figures(pairs, thresholds)))
    results.sort(key=lambda r: (-r[1]["f1"], -r[1]["precision"], -r[0]["SAME_WHOLE"],
                                -r[0]["SAME_FRAGMENT"], -r[0]["MIN_FRAGMENT_WORDS"],
                                -r[0]["MIN_WORDS_ACROSS_SPEAKERS"], -r[0]["OVERLAP_WORDS"]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--search", action="store_true", help="also search the grid")
    parser.add_argument("--errors", action="store_true", help="list the pairs decided wrongly")
    args = parser.parse_args()

    pairs, missing = load_pairs(args.pairs, args.polnear)
    if missing:
        print(f"{missing} PolNeAR pairs left out: no texts in {args.polnear}", file=sys.stderr)
    current = {name: getattr(merge, name) for name in GRID}
    report = {"thresholds": current, "all": figures(pairs, current), "by_origin": {},
              "by_kind": {}}
    for origin in sorted({p["origin"] for p in pairs}):
        report["by_origin"][origin] = figures([p for p in pairs if p["origin"] == origin], current)
    kinds = defaultdict(list)
    for pair in pairs:
        kinds[(pair["label"], pair["kind"])].append(pair)
    for (label, kind), group in sorted(kinds.items(), key=lambda item: (-item[0][0], item[0][1])):
        right = sum(decide(p, current) == bool(p["label"]) for p in group)
        report["by_kind"][f"{'same' if label else 'different'}: {kind}"] = f"{right}/{len(group)}"
    if args.search:
        results = search(pairs)
        report["best"] = [{"thresholds": t, **f} for t, f in results[:10]]
        # Chosen on one origin, measured on the other: how well the choice carries over.
        origins = sorted({p["origin"] for p in pairs})
        if len(origins) == 2:
            report["held_out"] = {}
            for tuned, tested in (origins, origins[::-1]):
                best, _ = search([p for p in pairs if p["origin"] == tuned])[0]
                report["held_out"][f"chosen on {tuned}, measured on {tested}"] = {
                    "thresholds": best,
                    **figures([p for p in pairs if p["origin"] == tested], best)}
    if args.errors:
        report["errors"] = [
            {"label": p["label"], "kind": p["kind"], "origin": p["origin"], "a": p["a"],
             "b": p["b"], "whole": round(p["score"].whole, 1),
             "fragment": round(p["score"].fragment, 1), "shorter_words": p["score"].shorter_words,
             "speakers_differ": p["differ"], "same_source": p["same_source"]}
            for p in pairs if decide(p, current) != bool(p["label"])]
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
