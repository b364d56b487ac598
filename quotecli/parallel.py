"""The extraction in several worker processes, in input order, as each article is done.

Each worker loads the spaCy pipeline once and runs `extract_many` over chunks of articles, so
that paragraphs are still parsed in shared batches. Only a few chunks per worker are in flight
at a time: a corpus is read as the results are written, in bounded memory, which `Pool.imap`
would not give (it reads its whole input ahead).
"""

from __future__ import annotations

import itertools
from collections import deque
from typing import Iterable, Iterator

from quotecli.errors import ModelError

CHUNK_ARTICLES = 16  # articles sent to a worker at once: enough to fill spaCy's batches
IN_FLIGHT_PER_JOB = 3  # chunks queued per worker, so none waits for the next


def _start_worker(model: str | None) -> None:
    """Pool initializer: load the model once. An error is raised again by `_check_model`,
    where the caller sees it (an initializer that raises makes the pool restart it forever)."""
    from quotecli.pipeline import load_model

    try:
        load_model(model)
    except ModelError:
        pass


def _check_model(model: str | None) -> None:
    from quotecli.pipeline import load_model

    load_model(model)  # loaded by the initializer already: raises its error, if any, again


def _extract_chunk(chunk: list, model: str | None) -> list:
    from quotecli.extract import extract_many

    return list(extract_many(chunk, model=model))


def extract_parallel(articles: Iterable[tuple[str, str, str | None]], model: str | None = None,
                     jobs: int = 2, chunk_articles: int = CHUNK_ARTICLES) -> Iterator:
    """What `extract_many(articles, model)` gives, computed in `jobs` worker processes.

    Results come in input order and are the same as with one process. No more workers start
    than there are chunks of articles; one runs in this process.
    """
    from quotecli.extract import extract_many

    articles = iter(articles)
    first = list(itertools.islice(articles, max(jobs, 1) * chunk_articles))
    jobs = min(jobs, -(-len(first) // chunk_articles))
    articles = itertools.chain(first, articles)
    if jobs <= 1:
        yield from extract_many(articles, model=model)
        return
    import multiprocessing

    # spawn, not fork: the parent may run threads (a progress display), and a forked copy of a
    # process with threads can deadlock.
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(model,))
    try:
        # A model that cannot load fails here, before any chunk is queued: terminating a pool
        # whose task thread is still writing a chunk to a worker can hang (seen in CI).
        pool.apply(_check_model, (model,))
        pending: deque = deque()
        limit = jobs * IN_FLIGHT_PER_JOB
        while True:
            while len(pending) < limit:
                chunk = list(itertools.islice(articles, chunk_articles))
                if not chunk:
                    break
                pending.append(pool.apply_async(_extract_chunk, (chunk, model)))
            if not pending:
                break
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
