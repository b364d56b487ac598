"""How fast quotecli is, against textacy and against the spaCy parse alone; --jobs; memory.

    python benchmarks/speed.py [--shared ../shared] [--articles 1000] [--memory-articles 10000]

In one run, on the 84 PolNeAR dev texts (read from ../shared, never copied):

1. quotecli end to end (`extract_many` and `unify_speakers`, the model loaded beforehand),
   textacy 0.13's `direct_quotations` with its parse (each text parsed whole, as textacy needs),
   and the spaCy parse alone over the paragraphs quotecli parses, both with the pipeline as
   `spacy.load` gives it: words a second (whitespace-separated words of the texts) and the
   ratios of the times, the least time of `--repeat` runs each; then the share of tokens in
   sentences with a quotation mark or a cue (and next to one), and the least time a parse of
   only those would take against textacy's;
2. `quotes list --stream --jobs 1` against `--jobs 2` on a corpus of `--articles` articles, each
   a mix of PolNeAR paragraphs (a fixed shuffle), written as JSON lines in a temporary folder:
   wall time of the command, model loading included, and whether both outputs are the same;
3. the peak resident memory (ru_maxrss) of `quotes list --stream` on `--memory-articles`
   articles of JSON lines (shorter mixes), and on a tenth as many, each in a child process.

textacy is not a dependency of quotecli; without it, step 1 leaves it out.
"""

from __future__ import annotations

import argparse
import hashlib
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

from quotecli.extract import _prepare, extract_many  # noqa: E402
from quotecli.attribution.across import unify_speakers  # noqa: E402

# A child that runs the command given and prints the peak memory of its own children in KiB.
PEAK_MEMORY = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def polnear_texts(shared: Path) -> list[tuple[str, str, str]]:
    folder = shared / "eval" / "polnear" / "data" / "dev" / "text"
    articles = []
    for path in sorted(folder.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:
            articles.append((handle.read(), path.stem, path.name))
    return articles


def words(articles) -> int:
    return sum(len(text.split()) for text, *_ in articles)


def timed(run, repeat: int = 1) -> float:
    """The least time of `repeat` runs (the others were slowed by something else)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def sentence_selection_shares(docs) -> tuple[float, float]:
    """The shares of tokens in sentences with a double quotation mark or a cue (every word of a
    cue of the lexicon among the sentence's lemmas), and in those or next to one: what a parse
    of only the sentences the extraction reads would still cost, at least, as a share of the
    whole parse (the issue's "sentences with quotation marks or cue words, and their
    neighbours")."""
    from quotecli.lexicons import cue_kinds

    cues = list(cue_kinds())
    own = near = total = 0
    for doc in docs:
        sentences = list(doc.sents)
        flags = []
        for sentence in sentences:
            lemmas = {t.lemma_.lower() for t in sentence} | {t.lower_ for t in sentence}
            flags.append(any(mark in sentence.text for mark in '"\u201c\u201d\u00ab\u00bb\u201e')
                         or any(all(word in lemmas for word in cue) for cue in cues))
        for i, sentence in enumerate(sentences):
            total += len(sentence)
            own += len(sentence) if flags[i] else 0
            near += len(sentence) if any(flags[max(i - 1, 0):i + 2]) else 0
    return own / max(total, 1), near / max(total, 1)


def compare_engines(articles, repeat: int) -> dict:
    import spacy

    from quotecli.pipeline import default_model

    # textacy and the parse alone run spaCy's pipeline as spacy.load gives it; quotecli's
    # differs only in how its attribute ruler finds matches (quotecli/ruler.py).
    stock = spacy.load(default_model())
    count = words(articles)
    figures = {"texts": len(articles), "words": count, "spacy": spacy.__version__}
    paragraphs = [text[p.start:p.end] for text, source, path in articles
                  for p in _prepare(text, source, path).to_parse]

    def quotecli_run():
        unify_speakers(list(extract_many(articles)))

    def parse_run():
        for _ in stock.pipe(paragraphs, batch_size=256):
            pass

    quotecli_run()  # warm: lexicons read, caches filled, as in any run after the first article
    figures["quotecli_s"] = timed(quotecli_run, repeat)
    figures["spacy_parse_s"] = timed(parse_run, repeat)
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        direct_quotations = None
    if direct_quotations is not None:
        def textacy_run():
            for text, *_ in articles:
                try:
                    list(direct_quotations(stock(text)))
                except ValueError:  # an odd number of quotation marks: textacy gives up
                    pass

        figures["textacy_s"] = timed(textacy_run, repeat)
    for name in ("quotecli", "spacy_parse", "textacy"):
        if f"{name}_s" in figures:
            figures[f"{name}_s"] = round(figures[f"{name}_s"], 2)
            figures[f"{name}_words_per_s"] = round(count / figures[f"{name}_s"])
    figures["quotecli_over_parse"] = round(figures["quotecli_s"] / figures["spacy_parse_s"], 2)
    own, near = sentence_selection_shares(stock.pipe(paragraphs, batch_size=256))
    figures["quote_or_cue_sentences_share"] = round(own, 3)
    figures["with_neighbours_share"] = round(near, 3)
    if "textacy_s" in figures:
        figures["quotecli_over_textacy"] = round(figures["quotecli_s"] / figures["textacy_s"], 2)
        figures["textacy_over_parse"] = round(figures["textacy_s"] / figures["spacy_parse_s"], 2)
        # The least time a parse of only those sentences could take, against textacy's.
        for share in ("quote_or_cue_sentences", "with_neighbours"):
            figures[f"{share}_parse_over_textacy"] = round(
                figures[f"{share}_share"] * figures["spacy_parse_s"] / figures["textacy_s"], 2)
    return figures


def write_corpus(path: Path, articles, count: int, paragraphs_per_article: tuple[int, int],
                 seed: int) -> int:
    """`count` articles of PolNeAR paragraphs mixed, one JSON object a line; its word count."""
    paragraphs = [line for text, *_ in articles for line in text.splitlines() if line.strip()]
    rng = random.Random(seed)
    total = 0
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            text = "\n\n".join(rng.sample(paragraphs, rng.randint(*paragraphs_per_article)))
            total += len(text.split())
            out.write(json.dumps({"id": f"a{number:05d}", "text": text}) + "\n")
    return total


def quotes_command(corpus: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "quotecli", "list", str(corpus), "--stream", "--format",
            "jsonl", "--quiet", *options]


def compare_jobs(corpus: Path, corpus_words: int, environment: dict) -> dict:
    figures, digests = {"articles_words": corpus_words}, {}
    for jobs in (1, 2):
        start = time.perf_counter()
        out = subprocess.run(quotes_command(corpus, "--jobs", str(jobs)), env=environment,
                             capture_output=True, check=True).stdout
        figures[f"jobs{jobs}_s"] = round(time.perf_counter() - start, 1)
        figures[f"jobs{jobs}_words_per_s"] = round(corpus_words / figures[f"jobs{jobs}_s"])
        digests[jobs] = hashlib.sha256(out).hexdigest()
    figures["speedup"] = round(figures["jobs1_s"] / figures["jobs2_s"], 2)
    figures["same_output"] = digests[1] == digests[2]
    return figures


def peak_memory(corpus: Path, environment: dict) -> dict:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK_MEMORY, *quotes_command(corpus)],
                         env=environment, capture_output=True, text=True, check=True).stdout
    return {"peak_rss_mib": round(int(out.split()[-1]) / 1024),
            "seconds": round(time.perf_counter() - start, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--memory-articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each engine on the dev texts; the least time counts")
    parser.add_argument("--skip", nargs="*", default=(), choices=("engines", "jobs", "memory"))
    options = parser.parse_args()
    articles = polnear_texts(options.shared)
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    results = {"cpus": os.cpu_count()}
    if "engines" not in options.skip:
        results["polnear_dev"] = compare_engines(articles, options.repeat)
        print(json.dumps(results["polnear_dev"]), file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        if "jobs" not in options.skip:
            corpus = Path(tmp) / "corpus.jsonl"
            corpus_words = write_corpus(corpus, articles, options.articles, (2, 12), seed=1)
            results[f"jobs_{options.articles}_articles"] = compare_jobs(corpus, corpus_words,
                                                                        environment)
            print(json.dumps(results[f"jobs_{options.articles}_articles"]), file=sys.stderr)
        if "memory" not in options.skip:
            # A tenth of the corpus too: with --stream the peak should not grow with its size.
            for count in (options.memory_articles // 10, options.memory_articles):
                corpus = Path(tmp) / f"memory{count}.jsonl"
                corpus_words = write_corpus(corpus, articles, count, (1, 3), seed=2)
                results[f"stream_{count}_articles"] = {
                    "words": corpus_words, "file_mib": round(corpus.stat().st_size / 2**20, 1),
                    **peak_memory(corpus, environment)}
                print(json.dumps(results[f"stream_{count}_articles"]), file=sys.stderr)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
