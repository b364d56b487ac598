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
