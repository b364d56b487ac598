"""Choose the thresholds of quotecli.attribution.names on the labelled surname pairs.

    python benchmarks/name_thresholds.py [data/names/pairs.tsv]

For each minimum length and similarity, the precision and recall of `same_surname` on the
pairs, and the pairs it gets wrong at the values in use. Merging two people is worse than
keeping one person's two spellings apart, so the values in use are those of the best recall
at a precision of 1.0.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from quotecli.attribution import names

PAIRS = Path(__file__).resolve().parent.parent / "data" / "names" / "pairs.tsv"


def read_pairs(path: Path) -> list[tuple[str, str, bool]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return [(row["a"], row["b"], row["same"] == "1") for row in rows]


def score(pairs, similarity: int, min_letters: int) -> tuple[float, float, list]:
    names.SAME_SURNAME, names.MIN_VARIANT_LETTERS = similarity, min_letters
    names.same_surname.cache_clear()
    wrong, tp, fp, fn = [], 0, 0, 0
    for a, b, same in pairs:
        said = names.same_surname(a, b)
        tp += said and same
        fp += said and not same
        fn += same and not said
        if said != same:
            wrong.append((a, b, same))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, wrong


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PAIRS
    pairs = read_pairs(path)
    in_use = (names.SAME_SURNAME, names.MIN_VARIANT_LETTERS)
    print(f"{len(pairs)} pairs, {sum(s for *_, s in pairs)} of one name")
    print("min letters | similarity | precision | recall")
    best = None
    for min_letters in (4, 5, 6, 7):
        for similarity in range(70, 100, 5):
            precision, recall, _ = score(pairs, similarity, min_letters)
            print(f"{min_letters:11} | {similarity:10} | {precision:9.3f} | {recall:6.3f}")
            if precision == 1.0 and (best is None or recall > best[0]):
                best = (recall, similarity, min_letters)
    if best:
        print(f"best recall at precision 1.0: {best[0]:.3f} "
              f"(similarity {best[1]}, min letters {best[2]})")
    precision, recall, wrong = score(pairs, *in_use)
    print(f"in use (similarity {in_use[0]}, min letters {in_use[1]}): precision {precision:.3f}, "
          f"recall {recall:.3f}")
    for a, b, same in wrong:
        print(f"  {'missed' if same else 'merged'}: {a} / {b}")


if __name__ == "__main__":
    main()
