"""Score quotecli on a PolNeAR split (dev or train) with the reference scorer in ../shared/eval.

    python benchmarks/polnear.py [--split dev|train] [--shared ../shared] [--out predictions.jsonl]

Prints the scorer's JSON. PolNeAR may not be redistributed, so it is read from ../shared and
never copied into the repository.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from quotecli.extract import extract_many

ROOT = Path(__file__).resolve().parent.parent


def predict(polnear: Path, out: Path, split: str = "dev") -> None:
    texts = sorted((polnear / "data" / split / "text").glob("*.txt"))
    articles = []
    for path in texts:
        with open(path, encoding="utf-8", newline="") as handle:
            articles.append((handle.read(), path.stem, path.name))
    with open(out, "w", encoding="utf-8") as handle:
        for extraction in extract_many(articles):
            for quote in extraction.quotes:
                handle.write(json.dumps(quote.to_dict(), ensure_ascii=False) + "\n")


def score(shared: Path, out: Path | None = None, split: str = "dev") -> dict:
    polnear = shared / "eval" / "polnear"
    with tempfile.TemporaryDirectory() as tmp:
        predictions = out or Path(tmp) / "predictions.jsonl"
        predict(polnear, predictions, split)
        result = subprocess.run(
            [sys.executable, str(polnear / "score.py"), str(polnear / "data"), split, str(predictions)],
            check=True, capture_output=True, text=True,
        )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    args = parser.parse_args()
    print(json.dumps(score(args.shared, args.out, args.split), indent=1))


if __name__ == "__main__":
    main()
