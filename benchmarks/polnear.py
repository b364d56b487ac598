"""Score quotecli on the PolNeAR dev split with the reference scorer in ../shared/eval.

    python benchmarks/polnear.py [--shared ../shared] [--out predictions.jsonl]

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


def predict(polnear: Path, out: Path) -> None:
    texts = sorted((polnear / "data" / "dev" / "text").glob("*.txt"))
    articles = []
    for path in texts:
        with open(path, encoding="utf-8", newline="") as handle:
            articles.append((handle.read(), path.stem, path.name))
    with open(out, "w", encoding="utf-8") as handle:
        for extraction in extract_many(articles):
            for quote in extraction.quotes:
                handle.write(json.dumps(quote.to_dict(), ensure_ascii=False) + "\n")


def score(shared: Path, out: Path | None = None) -> dict:
    polnear = shared / "eval" / "polnear"
    with tempfile.TemporaryDirectory() as tmp:
        predictions = out or Path(tmp) / "predictions.jsonl"
        predict(polnear, predictions)
        result = subprocess.run(
            [sys.executable, str(polnear / "score.py"), str(polnear / "data"), "dev", str(predictions)],
            check=True, capture_output=True, text=True,
        )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    print(json.dumps(score(args.shared, args.out), indent=1))


if __name__ == "__main__":
    main()
