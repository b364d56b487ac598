"""The quote database at corpus size: what writing it costs, what a re-index costs, how fast
it is read.

    python benchmarks/db.py [--shared ../shared] [--articles 10000] [--jobs 2]

On a corpus of `--articles` JSON lines articles, each a mix of PolNeAR dev paragraphs (a fixed
shuffle, as benchmarks/speed.py makes them) with a date, each command in a child process, model
loading included:

1. `quotes list --stream` (the baseline: the same extraction, written as JSON lines) against
   `quotes index` into a new database: the overhead of writing, as a ratio of wall times;
2. `quotes index` again on the unchanged corpus, as a share of the first index;
3. `quotes speakers --db` and `quotes list --db --speaker X` (X the most quoted speaker) on
   the result, and `quotes list --db` of every record, each the least of three runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.speed import polnear_texts  # noqa: E402


def write_corpus(path: Path, articles, count: int, seed: int = 1) -> int:
    """`count` articles of 2 to 12 PolNeAR paragraphs, each dated in 2025; its word count."""
    paragraphs = [line for text, *_ in articles for line in text.splitlines() if line.strip()]
    rng = random.Random(seed)
    total = 0
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            text = "\n\n".join(rng.sample(paragraphs, rng.randint(2, 12)))
            total += len(text.split())
            date = f"2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
            out.write(json.dumps({"id": f"a{number:05d}", "date": date, "text": text}) + "\n")
    return total


def timed(command: list[str], environment: dict, repeat: int = 1) -> tuple[float, bytes]:
    """The least wall time of `repeat` runs of `command`, and its stdout."""
    best, out = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(command, env=environment, capture_output=True, check=True).stdout
        best = min(best, time.perf_counter() - start)
    return round(best, 2), out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    quotes = [sys.executable, "-m", "quotecli"]
    jobs = ["--jobs", str(options.jobs), "--quiet"]
    results: dict = {"articles": options.articles, "jobs": options.jobs, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        corpus, database = Path(tmp) / "corpus.jsonl", Path(tmp) / "quotes.db"
        results["words"] = write_corpus(corpus, polnear_texts(options.shared), options.articles)
        results["list_stream_s"], listed = timed(
            [*quotes, "list", str(corpus), "--stream", "--format", "jsonl", *jobs], environment)
        results["index_s"], _ = timed([*quotes, "index", str(corpus), "--db", str(database), *jobs],
                                      environment)
        results["write_overhead"] = round(results["index_s"] / results["list_stream_s"] - 1, 3)
        results["reindex_s"], _ = timed([*quotes, "index", str(corpus), "--db", str(database),
                                         *jobs], environment)
        results["reindex_share"] = round(results["reindex_s"] / results["index_s"], 3)
        results["database_mib"] = round(database.stat().st_size / 2**20, 1)
        results["records"] = listed.count(b"\n")
        print(json.dumps(results), file=sys.stderr)

        db = ["--db", str(database), "--format", "jsonl"]
        results["speakers_s"], speakers = timed([*quotes, "speakers", *db], environment, repeat=3)
        top = json.loads(speakers.splitlines()[0])["speaker"]
        results["top_speaker"] = top
        results["list_speaker_s"], chosen = timed([*quotes, "list", *db, "--speaker", top],
                                                  environment, repeat=3)
        results["list_speaker_records"] = chosen.count(b"\n")
        results["list_all_s"], every = timed([*quotes, "list", *db], environment, repeat=3)
        results["stored_records"] = every.count(b"\n")
        results["import_s"], _ = timed([*quotes, "--version"], environment, repeat=3)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
