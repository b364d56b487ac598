"""The extraction over a Dask bag or dataframe: the records of `quotes list`, as dicts.

    from dask.distributed import Client
    import dask.bag as db
    from quotecli.dask import extract_bag

    client = Client("scheduler:8786")        # or LocalCluster() on one machine
    articles = db.from_sequence(tuples, npartitions=64)   # (text, source, path) tuples
    records = extract_bag(articles).compute()

Each worker process loads the spaCy pipeline once (`load_model` is cached per process) and
parses a partition's paragraphs in shared batches (`extract_many`). With `unify="run"` (the
default) speakers are unified across every article, exactly as `quotes list` does: the
extractions are kept on the workers, only what each article says about its people (names and
roles, small) is gathered, and each partition is then unified against all of it. With
`unify="article"` each article is unified on its own, as `quotes list --stream` does, in one
pass.

For a quote database, `extract_entries` gives what `quotecli.database.bulk_load` stores: the
extraction is distributed, and only the process that holds the database writes to it:

    from quotecli.database import bulk_load, open_database
    from quotecli.dask import extract_entries

    partitions = extract_entries(articles).to_delayed()
    with open_database("quotes.db", create=True) as database:
        # A partition at a time, in bounded memory; speakers unified once, at the end.
        bulk_load(database, (entry for p in partitions for entry in p.compute()))

Needs `pip install 'quotecli[dask]'`.
"""

from __future__ import annotations

from quotecli.extract import Extraction, extract_many
from quotecli.attribution.across import Run, unify_speakers
from quotecli.database import entry

UNIFY = ("run", "article")


def _extract_partition(articles, model: str | None) -> list[Extraction]:
    return list(extract_many(articles, model=model))


def _people(extractions: list[Extraction]) -> list:
    return [extraction.people for extraction in extractions]


def _unified_records(extractions: list[Extraction], people: list) -> list[dict]:
    """The records of a partition, its speakers unified against the people of the whole run."""
    run = Run(people)  # learnt from every article once, as `unify_speakers` learns a run
    return [quote.to_dict() for extraction in extractions
            for quote in run.unify(extraction.people, extraction.quotes)]


def _records_by_article(extractions: list[Extraction]) -> list[dict]:
    return [quote.to_dict() for extraction in extractions
            for quote in unify_speakers([extraction])[0]]


def extract_bag(articles, model: str | None = None, unify: str = "run"):
    """A Dask bag of quote records (dicts, as `quotes list --format jsonl` gives them, in input
    order) from a bag of `(text, source, path)` or `(text, source, path, meta)` tuples.

    Args:
        articles: a `dask.bag.Bag` of article tuples.
        model: the spaCy pipeline each worker loads, as `--model`.
        unify: `run` (speakers unified across all articles, as `quotes list`; the extraction
            is computed and kept on the workers first) or `article` (each article on its own,
            as `quotes list --stream`; lazy, in one pass).
    """
    import dask

    if unify not in UNIFY:
        raise ValueError(f"unify must be one of {', '.join(UNIFY)}, not {unify!r}")
    extractions = articles.map_partitions(_extract_partition, model)
    if unify == "article":
        return extractions.map_partitions(_records_by_article)
    extractions = extractions.persist()
    people = extractions.map_partitions(_people).compute()
    return extractions.map_partitions(_unified_records, dask.delayed(people, traverse=False))


def _entries(articles, model: str | None) -> list[dict]:
    articles = list(articles)
    return [entry(article, extraction=extraction)
            for article, extraction in zip(articles, extract_many(articles, model=model))]


def extract_entries(articles, model: str | None = None):
    """A Dask bag of quote database entries (`quotecli.database.entry`: each article's
    source, sha256, meta, people and records) from a bag of article tuples, for
    `quotecli.database.bulk_load`. Lazy, in one pass."""
    return articles.map_partitions(_entries, model)


def extract_dataframe(frame, text_column: str = "text", source_column: str | None = None,
                      path_column: str | None = None, model: str | None = None,
                      unify: str = "run"):
    """A Dask bag of quote records from a Dask dataframe with a text column.

    `source_column` names each article (default: the row's index, as a string); `path_column`
    gives its `path` (default: none).
    """
    columns = [c for c in (text_column, source_column, path_column) if c is not None]
    rows = frame[columns].to_bag(index=True, format="tuple")

    def article(row):
        index, values = row[0], dict(zip(columns, row[1:]))
        source = values[source_column] if source_column else index
        return (values[text_column], str(source),
                None if path_column is None else values[path_column])

    return extract_bag(rows.map(article), model=model, unify=unify)
