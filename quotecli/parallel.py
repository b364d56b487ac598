"""The extraction in several worker processes, in input order, as each article is done.

Each worker loads the spaCy pipeline once and runs `extract_many` over chunks of articles, so
that paragraphs are still parsed in shared batches. Only a few chunks per worker are in flight
at a time: a corpus is read as the results are written, in bounded memory.

One article never costs the others their output:

- An error inside the extraction of a chunk makes the worker extract that chunk again an article
  at a time; the article that fails alone becomes an `ArticleError`, the others their records.
- A worker that dies (killed, a segfault, out of memory) breaks the pool at once
  (`BrokenProcessPool`), and a fresh pool is made. Every worker says which chunk it starts, so
  the chunks that were running are known: each is run again on its own, and the one that kills
  its worker a second time has its articles reported as failed (`ArticleError`). The other
  chunks are sent again as they were; the results already given stand.
"""

from __future__ import annotations

import itertools
from typing import Iterable, Iterator

from quotecli.errors import ArticleError, ModelError, WorkerError

CHUNK_ARTICLES = 16  # articles sent to a worker at once: enough to fill spaCy's batches
IN_FLIGHT_PER_JOB = 3  # chunks queued per worker, so none waits for the next

_started = None  # in a worker: the queue it reports each chunk it starts on


def _start_worker(model: str | None, started) -> None:
    """Pool initializer: load the model once. An error is raised again by `_check_model`,
    where the caller sees it (an initializer that raises breaks the pool)."""
    global _started
    _started = started
    from quotecli.pipeline import load_model

    try:
        load_model(model)
    except ModelError:
        pass


def _check_model(model: str | None) -> None:
    from quotecli.pipeline import load_model

    load_model(model)  # loaded by the initializer already: raises its error, if any, again


def extract_chunk(chunk: list, model: str | None) -> list:
    """The extraction of each article of `chunk`, or the `ArticleError` of one that fails:
    after an error, the chunk is extracted again an article at a time."""
    from quotecli.extract import extract_many

    try:
        return list(extract_many(chunk, model=model))
    except ModelError:
        raise
    except Exception:
        pass
    results = []
    for article in chunk:
        try:
            results.extend(extract_many([article], model=model))
        except ModelError:
            raise
        except Exception as exc:
            results.append(ArticleError(_name(article), _reason(exc)))
    return results


def _in_worker(task, number: int, chunk: list, model: str | None) -> list:
    """Run `task(chunk, model)` in a worker, having said which chunk it is starting."""
    if _started is not None:
        _started.put(number)
    return task(chunk, model)


def _name(article) -> str:
    return article[2] or article[1]


def _reason(exc: BaseException) -> str:
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _died(chunk: list) -> list:
    return [ArticleError(_name(article), "its worker process died twice on it (killed, or "
                         "out of memory)") for article in chunk]


def extract_parallel(articles: Iterable[tuple], model: str | None = None, jobs: int = 2,
                     chunk_articles: int = CHUNK_ARTICLES) -> Iterator:
    """For each article, in input order: its `Extraction`, as `extract_many` gives it, or an
    `ArticleError` when it cannot be extracted. Computed in `jobs` worker processes; no more
    workers start than there are chunks of articles, and with one, it runs in this process.
    """
    articles = iter(articles)
    first = list(itertools.islice(articles, max(jobs, 1) * chunk_articles))
    jobs = min(jobs, -(-len(first) // chunk_articles))
    articles = itertools.chain(first, articles)
    chunks = iter(lambda: list(itertools.islice(articles, chunk_articles)), [])
    if jobs <= 1:
        for chunk in chunks:
            yield from extract_chunk(chunk, model)
        return
    yield from Pool(jobs, model).run(chunks)


class _Done:
    """In place of a future: results known already."""

    def __init__(self, results: list):
        self._results = results

    def result(self) -> list:
        return self._results


class Pool:
    """Chunks through a process pool that is made again when a worker dies; `task(chunk,
    model)` gives each chunk's results (`extract_chunk`), in a worker."""

    def __init__(self, jobs: int, model: str | None, task=extract_chunk):
        self.jobs, self.model, self.task = jobs, model, task
        self.executor = None
        self.started = None

    def _open(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the parent may run threads (a progress display), and a forked copy
        # of a process with threads can deadlock.
        context = multiprocessing.get_context("spawn")
        self.started = context.SimpleQueue()
        self.executor = ProcessPoolExecutor(self.jobs, mp_context=context,
                                            initializer=_start_worker,
                                            initargs=(self.model, self.started))
        # A model that cannot load fails here, before any chunk is sent.
        from concurrent.futures.process import BrokenProcessPool

        try:
            self.executor.submit(_check_model, self.model).result()
        except BrokenProcessPool:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
            raise WorkerError("the worker processes died as they started (killed, or out of "
                              "memory); try fewer --jobs") from None

    def _close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def run(self, chunks: Iterator[list]) -> Iterator:
        from concurrent.futures.process import BrokenProcessPool

        self._open()
        try:
            pending: dict[int, tuple[list, object]] = {}  # chunk number → (chunk, future)
            numbers = itertools.count()
            limit = self.jobs * IN_FLIGHT_PER_JOB
            exhausted = False
            while True:
                while not exhausted and len(pending) < limit:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    number = next(numbers)
                    pending[number] = (chunk, self._submit(number, chunk))
                if not pending:
                    break
                number = min(pending)
                try:
                    results = pending[number][1].result()
                except BrokenProcessPool:
                    self._recover(pending)
                    continue
                del pending[number]
                yield from results
        finally:
            self._close()

    def _submit(self, number: int, chunk: list):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.executor.submit(_in_worker, self.task, number, chunk, self.model)
        except BrokenProcessPool:
            return _Broken()  # the pool broke since the last result: told when it is awaited

    def _recover(self, pending: dict) -> None:
        """After a worker died: run each chunk that was running on its own in a fresh pool
        (one that kills its worker again fails), then send the others again."""
        from concurrent.futures.process import BrokenProcessPool

        started = set()
        try:
            while not self.started.empty():
                started.add(self.started.get())
        except Exception:  # a worker killed while it wrote: what came before is enough
            pass
        finished = {number for number, (_, future) in pending.items() if _succeeded(future)}
        unfinished = sorted(set(pending) - finished)
        # A worker killed before it said so: the oldest chunk not done is the one it had.
        running = [n for n in unfinished if n in started] or unfinished[:1]
        self.executor.shutdown(wait=True, cancel_futures=True)
        self._open()
        for number in running:
            chunk = pending[number][0]
            try:
                results = self._submit(number, chunk).result()
            except BrokenProcessPool:
                self.executor.shutdown(wait=True, cancel_futures=True)
                self._open()
                results = _died(chunk)
            pending[number] = (chunk, _Done(results))
        for number in unfinished:
            if number not in running:
                pending[number] = (pending[number][0], self._submit(number, pending[number][0]))


class _Broken:
    """In place of a future: a chunk sent to a pool that had broken already."""

    def result(self):
        from concurrent.futures.process import BrokenProcessPool

        raise BrokenProcessPool("a worker process died")


def _succeeded(future) -> bool:
    if isinstance(future, (_Done, _Broken)):
        return isinstance(future, _Done)
    return future.done() and not future.cancelled() and future.exception() is None
