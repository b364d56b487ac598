"""quotecli.dask on a local cluster of two worker processes: the records of `quotes list`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecli.cli import cli
from quotecli.readers import read_articles

import dask.distributed as distributed  # the test extra installs dask: no skip hides it

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


def quotes_list(*options) -> list[dict]:
    result = CliRunner().invoke(cli, ["list", *SEED_FILES, "--format", "jsonl", *options])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def seed_bag():
    import dask.bag as db

    return db.from_sequence(list(read_articles(SEED_FILES)), npartitions=2)


def test_a_bag_gives_the_records_of_quotes_list(client):
    from quotecli.dask import extract_bag

    records = extract_bag(seed_bag()).compute()
    assert records == quotes_list()
    assert len(records) > 20


def test_each_article_alone_gives_the_records_of_stream(client):
    from quotecli.dask import extract_bag

    assert extract_bag(seed_bag(), unify="article").compute() == quotes_list("--stream")


def test_a_dataframe_with_a_text_column(client):
    import dask.dataframe as dd
    import pandas as pd

    from quotecli.dask import extract_dataframe

    articles = list(read_articles(SEED_FILES))
    frame = dd.from_pandas(pd.DataFrame({"body": [a[0] for a in articles],
                                         "name": [a[1] for a in articles],
                                         "file": [a[2] for a in articles]}), npartitions=2)
    records = extract_dataframe(frame, text_column="body", source_column="name",
                                path_column="file").compute()
    assert records == quotes_list()


def test_entries_bulk_loaded_read_as_the_records_of_quotes_list(client, tmp_path):
    """The documented route from a distributed extraction to the quote database."""
    from quotecli.dask import extract_entries
    from quotecli.database import bulk_load, open_database

    database = tmp_path / "q.db"
    with open_database(str(database), create=True) as stored:
        partitions = extract_entries(seed_bag()).to_delayed()
        tally = bulk_load(stored, (entry for p in partitions for entry in p.compute()))
    assert (tally.new, tally.unchanged) == (2, 0)
    result = CliRunner().invoke(cli, ["list", "--db", str(database), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == quotes_list()
