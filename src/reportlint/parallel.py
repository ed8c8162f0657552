"""Checking many files: in parallel processes, results always in the order the files were given.

``lint_files`` returns one FileResult per file, in input order, whatever ``jobs`` is, so the output
of ``--jobs 4`` is byte-for-byte the output of ``--jobs 1``. Standard input is always read in this
process. Workers get the files a few at a time and send back what the renderers and the
cross-report checks need (findings, document, counters, ``previous.Summary``), not the outline and
facts. A progress bar (rich, transient, on stderr) is shown only when asked for and stderr is a
terminal, and never under CI or pre-commit (``CI`` / ``PRE_COMMIT`` set): pre-commit runs hooks
under a pseudo-terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlint.config import Settings
    from reportlint.results import FileResult

PROGRESS_MIN_FILES = 10  # fewer files than this finish before a progress bar helps
PARALLEL_MIN_FILES = 4  # below this, starting processes costs more than it saves
CHUNK_MAX = 8  # files sent to a worker at once


class WorkerFailure(Exception):
    """A worker hit a configuration/ruleset problem (``usage``) or an internal error."""

    def __init__(self, kind: str, zh: str, en: str):
        super().__init__(en)
        self.kind, self.zh, self.en = kind, zh, en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def progress_wanted(n_files: int, stream=None) -> bool:
    stream = stream or sys.stderr
    if n_files < PROGRESS_MIN_FILES:
        return False
    if os.environ.get("CI") or os.environ.get("PRE_COMMIT") or os.environ.get("GITHUB_ACTIONS"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _lint_one(path: str, settings: Settings, encoding: str | None, stdin_format: str, cached: bool = False) -> FileResult:
    """Check one file (``-``: standard input); ``cached``: through the result cache
    (``reportlint.resultcache``), which standard input never uses."""
    from reportlint.document import ReadError

    if path == "-":
        from reportlint.engine import FileResult, lint_document
        from reportlint.readers import read_path

        try:
            doc = read_path("-", encoding=encoding, stdin_format=stdin_format, max_size=getattr(settings, "max_input_size", None))
        except ReadError as exc:
            return FileResult(path="-", error=exc)
        return lint_document(doc, settings)
    if cached:  # the pipeline is imported only when a file's result is not stored
        from reportlint import resultcache

        return resultcache.lint_path(path, settings, encoding=encoding)
    from reportlint.engine import lint_path

    return lint_path(path, settings, encoding=encoding)


def _worker(task: tuple[str, Settings, str | None, str, bool]):
    """Run in a child process: never raise (exceptions with custom constructors do not unpickle)."""
    from reportlint.config import ConfigError
    from reportlint.previous import summary_of
    from reportlint.rulesets import RulesetError

    path, settings, encoding, stdin_format, cached = task
    try:
        result = _lint_one(path, settings, encoding, stdin_format, cached)
    except (ConfigError, RulesetError) as exc:
        return WorkerFailure("usage", exc.message("zh"), exc.message("en"))
    except Exception as exc:  # noqa: BLE001 - reported by the parent as an internal error
        text = f"{path}: {exc.__class__.__name__}: {exc}"
        return WorkerFailure("internal", text, text)
    if result.error is None and result.outline is not None and result.cross is None:
        # what the cross-report checks (Y490/Y491) use of the outline and facts, made here so that
        # the parent neither receives nor rebuilds them; should it fail, the parent rebuilds them
        try:
            result.cross = summary_of(result, settings)
        except Exception:  # noqa: BLE001
            result.cross = None
    # outline/facts/ruleset stay in the worker: renderers and later stages need the findings,
    # the document, the counters and that summary; the others are large and not always picklable
    result.outline = None
    result.facts = None
    result.ruleset = None
    if result.error is not None:  # ReadError's constructor takes three arguments: send its parts
        return ("read-error", result.path, result.error.path, result.error.zh, result.error.en)
    return result


def _worker_chunk(tasks: list[tuple[str, Settings, str | None, str, bool]]) -> list:
    """Several files per round trip: fewer, larger messages between the processes."""
    return [_worker(task) for task in tasks]


def _raise(failure: WorkerFailure):
    if failure.kind == "usage":
        raise _UsageFromWorker(failure)
    raise RuntimeError(failure.en)


class _UsageFromWorker(Exception):
    def __init__(self, failure: WorkerFailure):
        super().__init__(failure.en)
        self.failure = failure

    def message(self, lang: str = "zh") -> str:
        return self.failure.message(lang)


UsageFromWorker = _UsageFromWorker


def lint_files(
    tasks: Sequence[tuple[str, Settings]],
    *,
    encoding: str | None = None,
    stdin_format: str = "txt",
    jobs: int | None = None,
    progress: bool = False,
    cached: bool = False,
) -> list[FileResult]:
    """Lint every ``(path, settings)`` in ``tasks``; results in the same order. ``cached``: reuse
    the stored result of a file checked before unchanged (``reportlint.resultcache``)."""
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    n = len(tasks)
    parallel = jobs > 1 and sum(1 for p, _ in tasks if p != "-") >= PARALLEL_MIN_FILES
    bar = _Progress(n) if progress and progress_wanted(n) else None
    results: list[FileResult | None] = [None] * n
    try:
        if not parallel:
            for i, (path, settings) in enumerate(tasks):
                results[i] = _lint_one(path, settings, encoding, stdin_format, cached)
                if bar:
                    bar.advance()
        else:
            from concurrent.futures.process import BrokenProcessPool

            try:
                _run_pool(tasks, results, encoding, stdin_format, min(jobs, n), bar, cached)
            except BrokenProcessPool:  # a worker died (out of memory, a result that does not pickle)
                for i, (path, settings) in enumerate(tasks):
                    if results[i] is None:
                        results[i] = _lint_one(path, settings, encoding, stdin_format, cached)
    finally:
        if bar:
            bar.stop()
    return results  # type: ignore[return-value]


def _run_pool(tasks, results, encoding, stdin_format, jobs, bar, cached=False) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from reportlint.rules import all_rules

    all_rules()  # import every rule once, before the workers fork
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" else "spawn"
    ctx = multiprocessing.get_context(method)
    # Lint one file here first: it builds every lazily made thing (grammar, rulesets, patterns),
    # which forked workers then inherit instead of each building its own.
    first = next((i for i, (path, _) in enumerate(tasks) if path != "-"), None)
    if first is not None and method == "fork":
        results[first] = _lint_one(tasks[first][0], tasks[first][1], encoding, stdin_format, cached)
        if bar:
            bar.advance()
    todo = [i for i, (path, _) in enumerate(tasks) if results[i] is None and path != "-"]
    size = _chunk_size(len(todo), jobs)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        from concurrent.futures import as_completed

        futures = {}
        for k in range(0, len(todo), size):
            chunk = todo[k : k + size]
            fut = pool.submit(_worker_chunk, [(tasks[i][0], tasks[i][1], encoding, stdin_format, cached) for i in chunk])
            futures[fut] = chunk
        for i, (path, settings) in enumerate(tasks):  # standard input: read here, while the workers run
            if path == "-" and results[i] is None:
                results[i] = _lint_one(path, settings, encoding, stdin_format)
                if bar:
                    bar.advance()
        failure = None
        for fut in as_completed(futures):
            for i, out in zip(futures[fut], fut.result()):
                if isinstance(out, tuple):
                    from reportlint.document import ReadError
                    from reportlint.results import FileResult

                    out = FileResult(path=out[1], error=ReadError(*out[2:]))
                if isinstance(out, WorkerFailure):
                    failure = failure or out
                else:
                    results[i] = out
                if bar:
                    bar.advance()
        if failure is not None:
            for fut in futures:
                fut.cancel()
            _raise(failure)


def _chunk_size(n: int, jobs: int) -> int:
    """Files per task: a few tasks per worker at least (so that they finish together), and at most
    ``CHUNK_MAX`` files (so that the progress bar still moves)."""
    return max(1, min(CHUNK_MAX, n // (jobs * 4)))


class _Progress:
    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("reportlint"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr, highlight=False),
            transient=True,
        )
        self._task = self._progress.add_task("check", total=total)
        self._progress.start()

    def advance(self) -> None:
        self._progress.advance(self._task)

    def stop(self) -> None:
        self._progress.stop()
