"""--jobs: the extraction in worker processes gives the same records, in the same order."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli
from quotecli.parallel import extract_parallel
from quotecli.extract import extract_many

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))


def generated_articles(count: int = 24) -> list[tuple[str, str, str]]:
    """Articles mixed from the seeds' paragraphs (a fixed shuffle), some very short."""
    paragraphs = [line for path in SEED_FILES
                  for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    articles = []
    for number in range(count):
        chosen = rng.sample(paragraphs, rng.randint(1, 12))
        articles.append(("\n\n".join(chosen), f"mix{number:02d}", f"mix{number:02d}.txt"))
    return articles


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    for text, source, _ in generated_articles():
        (folder / f"{source}.txt").write_text(text, encoding="utf-8")
    return [*SEED_FILES, str(folder)]


@pytest.mark.parametrize("stream", [False, True])
def test_jobs_give_the_same_output(corpus, stream):
    extra = ["--stream"] if stream else []
    outputs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli, ["list", *corpus, "--format", "jsonl", "--jobs", jobs,
                                          *extra])
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0].count("\n") > 50
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("command", [["merge"], ["speakers"], ["diff"]])
def test_jobs_give_the_same_output_to_the_commands_over_a_run(corpus, command):
    outputs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli, [*command, *corpus, "--format", "json", "--jobs", jobs])
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    assert len(outputs[0]) > 1000
    assert outputs[0] == outputs[1]


def test_small_chunks_keep_input_order():
    articles = generated_articles(9)
    alone = [e.quotes for e in extract_many(articles)]
    parallel = [e.quotes for e in extract_parallel(iter(articles), jobs=2, chunk_articles=2)]
    assert parallel == alone


def test_fewer_articles_than_a_chunk_start_no_worker(monkeypatch):
    import multiprocessing

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    articles = generated_articles(3)
    parallel = [e.quotes for e in extract_parallel(iter(articles), jobs=4)]
    assert parallel == [e.quotes for e in extract_many(articles)]


def test_a_model_that_cannot_load_is_an_error_not_a_hang(corpus):
    result = CliRunner().invoke(cli, ["list", *corpus, "--jobs", "2", "--model",
                                      "no_such_model_xyz", "--format", "jsonl"])
    assert result.exit_code == 1
    assert "cannot load spaCy pipeline 'no_such_model_xyz'" in result.stderr


# -- faults ------------------------------------------------------------------------------------


def test_an_article_whose_extraction_fails_costs_only_itself(monkeypatch, capsys):
    """An error in one article's extraction: that article is reported, the others of its chunk
    keep their records (in this process; a worker runs the same `extract_chunk`)."""
    import importlib

    from quotecli.errors import ArticleError

    extract_module = importlib.import_module("quotecli.extract")

    articles = generated_articles(6)
    poisoned = articles[2][0]
    attribute = extract_module._attribute

    def failing(article):
        if article.text == poisoned:
            raise RecursionError("maximum recursion depth exceeded")
        return attribute(article)

    monkeypatch.setattr(extract_module, "_attribute", failing)
    results = list(extract_parallel(articles, jobs=1))
    assert [type(r).__name__ for r in results] == ["Extraction"] * 2 + ["ArticleError"] + \
        ["Extraction"] * 3
    assert str(results[2]) == ("mix02.txt: cannot be extracted: RecursionError: maximum "
                               "recursion depth exceeded")
    expected = list(extract_many(articles[:2] + articles[3:]))
    assert [r.quotes for r in results if not isinstance(r, ArticleError)] == \
        [e.quotes for e in expected]


def _workers_of(pid: int) -> list[int]:
    """The worker processes a run has spawned (its children running spawn_main)."""
    import os

    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat, open(f"/proc/{entry}/cmdline") as cmd:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                line = cmd.read()
        except OSError:
            continue
        if parent == pid and "spawn_main" in line:
            found.append(int(entry))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds worker processes through /proc")
def test_a_killed_worker_is_replaced_and_no_article_is_lost(tmp_path):
    """SIGKILL of one worker of --jobs 2 in the middle of a run (what the OOM killer does): its
    chunk runs again in a fresh worker, and the run ends with every article's records."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for text, source, _ in generated_articles(160):  # 10 chunks
            out.write(json.dumps({"id": source, "text": text}) + "\n")
    output = tmp_path / "out.jsonl"
    with output.open("w") as stdout:
        run = subprocess.Popen([sys.executable, "-m", "quotecli", "list", str(corpus),
                                "--jobs", "2", "--stream", "--format", "jsonl"],
                               stdout=stdout, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while (output.stat().st_size == 0 or len(_workers_of(run.pid)) < 2) \
                and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = _workers_of(run.pid)
        assert workers and run.poll() is None, "the run ended before a worker could be killed"
        os.kill(workers[0], signal.SIGKILL)
        _, stderr = run.communicate(timeout=120)
    assert run.returncode == 0, stderr
    assert "Traceback" not in stderr
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    from quotecli.attribution.across import unify_speakers
    from quotecli.readers import read_articles

    articles = list(read_articles([str(corpus)]))
    expected = [q.to_dict() for e in extract_many(articles) for q in unify_speakers([e])[0]]
    assert records == expected


def dying_task(chunk: list, model) -> list:
    """A worker's task that dies (as the OOM killer ends a process) on an article saying so."""
    import os

    if any(text == "die" for text, *_ in chunk):
        os._exit(9)
    return [source for _, source, _ in chunk]


def test_a_chunk_that_kills_its_worker_twice_fails_and_the_run_goes_on():
    from quotecli.errors import ArticleError
    from quotecli.parallel import Pool

    chunks = [[(f"text {n}-{i}", f"a{n}-{i}", None) for i in range(2)] for n in range(6)]
    chunks[2][1] = ("die", "a2-1", "poison.txt")
    results = list(Pool(2, None, task=dying_task).run(iter(chunks)))
    assert [r if isinstance(r, str) else type(r).__name__ for r in results] == [
        "a0-0", "a0-1", "a1-0", "a1-1", "ArticleError", "ArticleError",
        "a3-0", "a3-1", "a4-0", "a4-1", "a5-0", "a5-1"]
    assert str(results[5]) == ("poison.txt: cannot be extracted: its worker process died twice "
                               "on it (killed, or out of memory)")
    assert all(isinstance(r, ArticleError) for r in results[4:6])
