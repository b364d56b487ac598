"""Measure the figures of docs/accuracy.md and record them in data/accuracy.json.

    python benchmarks/accuracy.py [--shared ../shared] [--dry-run]

Runs `quotes eval` on the seeds and, when ../shared/eval is there, on the PolNeAR dev split
(with the reference scorer on the same quotes), the reference scorer on the train split, and
`quotes eval` on the two written sets; textacy too when it is installed. Figures that
cannot be measured here keep their recorded values. Prints the tables of docs/accuracy.md
(Markdown).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from quotecli.cli import cli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `benchmarks.polnear`, when run as a script
RECORD = ROOT / "data" / "accuracy.json"
KEYS = ("token_precision", "token_recall", "token_f1", "token_f1_speaker",
        "quote_precision", "quote_recall", "quote_f1", "speaker_accuracy")
TEXTACY = "textacy 0.13"
DEV = "../shared/eval/polnear/data/dev"


def quotes_eval(*args: str) -> dict[str, dict]:
    """`quotes eval … --format json`, as {row: {figure: value}}."""
    result = CliRunner().invoke(cli, ["eval", *args, "--format", "json"])
    if result.exit_code != 0:
        sys.exit(f"quotes eval {' '.join(args)}: {result.stderr.strip()}")
    return {row["type"]: {key: row[key] for key in KEYS} for row in json.loads(result.stdout)}


def textacy_predictions(texts: Path, out: Path) -> bool:
    """textacy's quotes on `texts` into `out`; False when textacy is not installed."""
    script = ROOT / "benchmarks" / "textacy_quotes.py"
    with open(out, "w", encoding="utf-8") as handle:
        result = subprocess.run([sys.executable, str(script), str(texts)], stdout=handle,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT)
    return result.returncode == 0


def measure(shared: Path, recorded: dict, tmp: Path) -> dict:
    seeds, gold = ROOT / "seeds", ROOT / "data" / "gold" / "seeds.jsonl"
    result = json.loads(json.dumps(recorded))  # a copy: what is not measured stays
    result.setdefault("seeds", {})["command"] = \
        "quotes eval --gold data/gold/seeds.jsonl seeds/ --format json"
    result["seeds"]["quotecli"] = quotes_eval("--gold", str(gold), str(seeds))
    if textacy_predictions(seeds, tmp / "textacy-seeds.jsonl"):
        result["seeds"][TEXTACY] = quotes_eval("--gold", str(gold), str(seeds), "--predictions",
                                               str(tmp / "textacy-seeds.jsonl"))
    polnear = shared / "eval" / "polnear"
    if not (polnear / "score.py").exists():
        print(f"{polnear} is absent: PolNeAR figures kept as recorded", file=sys.stderr)
        return result
    from benchmarks.polnear import score

    predictions = tmp / "polnear.jsonl"
    reference = score(shared, predictions)
    dev = polnear / "data" / "dev"
    gold_dev, texts = str(dev / "attributions"), str(dev / "text")
    section = result.setdefault("polnear_dev", {})
    section["reference"] = {"command": "python benchmarks/polnear.py", **reference}
    evaluation = section.setdefault("eval", {})
    evaluation["command"] = f"quotes eval --gold {DEV}/attributions {DEV}/text --format json"
    evaluation["quotecli"] = quotes_eval("--gold", gold_dev, texts, "--predictions",
                                         str(predictions))
    if textacy_predictions(dev / "text", tmp / "textacy-polnear.jsonl"):
        evaluation[TEXTACY] = quotes_eval("--gold", gold_dev, texts, "--predictions",
                                          str(tmp / "textacy-polnear.jsonl"))
    # The train articles, never used for tuning: how the rules carry over (reported apart).
    train = score(shared, tmp / "polnear-train.jsonl", "train")
    result["polnear_train"] = {"reference": {"command": "python benchmarks/polnear.py --split train",
                                             **train}}
    for name, gold in (("written", "data/gold/written"), ("styles", "data/gold/styles"),
                       ("fresh", "data/gold/fresh"), ("blind", "data/gold/blind"),
                       ("unseen", "data/gold/unseen"), ("novel", "data/gold/novel"),
                       ("world", "data/gold/world"), ("desks", "data/gold/desks"),
                       ("beats", "data/gold/beats")):
        result[name] = {"command": f"quotes eval --gold {gold}/gold.jsonl {gold}/ --format json",
                        "quotecli": quotes_eval("--gold", str(ROOT / gold / "gold.jsonl"), str(ROOT / gold))}
    return result


def table(systems: dict[str, dict]) -> str:
    lines = ["| system | row | token P | token R | token F1 | token F1 speaker | quote P | "
             "quote R | quote F1 | speaker accuracy |", "|---" * 10 + "|"]
    for system, rows in systems.items():
        for row, figures in rows.items():
            cells = ["" if figures[k] is None else f"{figures[k]:.3f}" for k in KEYS]
            lines.append(f"| {system} | {row} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--dry-run", action="store_true", help="print, do not record")
    args = parser.parse_args()
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(args.shared, recorded, Path(tmp))
    print(table({k: v for k, v in result["seeds"].items() if k != "command"}) + "\n")
    evaluation = result.get("polnear_dev", {}).get("eval", {})
    print(table({k: v for k, v in evaluation.items() if k != "command"}))
    if not args.dry_run:
        RECORD.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")


if __name__ == "__main__":
    main()
