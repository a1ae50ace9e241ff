"""Where the work units run: in this process one after another (`local`), or as tasks of a Dask cluster
(`dask`): the scheduler at `--scheduler`, or a local cluster of one single-threaded worker process per core.

Each unit is a plain function of plain arguments (file paths, a database URL) that returns a small
record, so a task is cheap to ship and a worker needs only rolemap installed and the paths readable. A
worker that dies has its tasks run again elsewhere by the scheduler; units are written to be idempotent
(a file renamed into place, rows upserted), so running one twice changes nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal, TypeVar

from rolemap.errors import InputError, RolemapError

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "dask")
CONNECT_SECONDS = 15
R = TypeVar("R")


def run_units(
    unit: Callable[..., R],
    args: Sequence[tuple[Any, ...]],
    *,
    engine: Engine = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    on_done: Callable[[R], None] | None = None,
    on_failed: Callable[[tuple[Any, ...], str], None] | None = None,
) -> list[R]:
    """Run `unit(*a)` for every `a`; results in completion order. A unit that raises is reported through
    `on_failed` (its arguments and a one-line reason) and the others go on."""
    if check_engine(engine) == "local":
        return _run_here(unit, args, on_done, on_failed)
    with dask_client(scheduler, workers) as client:
        return _run_on(client, unit, args, on_done, on_failed)


def check_engine(name: str) -> Engine:
    if name not in ENGINES:
        raise InputError(f"--engine {name!r}: use one of {', '.join(ENGINES)}")
    return name


def _run_here(
    unit: Callable[..., R],
    args: Sequence[tuple[Any, ...]],
    on_done: Callable[[R], None] | None,
    on_failed: Callable[[tuple[Any, ...], str], None] | None,
) -> list[R]:
    results = []
    for a in args:
        try:
            result = unit(*a)
        except RolemapError as e:  # a unit's named failure (unreadable shard, store error): the others go on
            _report(on_failed, a, e.message)
            continue
        results.append(result)
        if on_done:
            on_done(result)
    return results


def _run_on(
    client: Any,
    unit: Callable[..., R],
    args: Sequence[tuple[Any, ...]],
    on_done: Callable[[R], None] | None,
    on_failed: Callable[[tuple[Any, ...], str], None] | None,
) -> list[R]:
    from distributed import as_completed

    name = getattr(unit, "__name__", "unit")
    futures = [client.submit(unit, *a, key=f"{name}-{i}", pure=False) for i, a in enumerate(args)]
    arguments = {f.key: a for f, a in zip(futures, args, strict=True)}
    results = []
    for future in as_completed(futures):
        try:
            result = future.result()
        except Exception as e:  # the unit's own error, raised again here by Dask
            _report(
                on_failed, arguments[future.key], getattr(e, "message", None) or f"{type(e).__name__}: {e}"
            )
            continue
        results.append(result)
        if on_done:
            on_done(result)
    return results


def _report(
    on_failed: Callable[[tuple[Any, ...], str], None] | None, args: tuple[Any, ...], why: str
) -> None:
    if on_failed is None:
        raise InputError(why)
    on_failed(args, why)


@contextmanager
def dask_client(scheduler: str | None, workers: int | None = None) -> Iterator[Any]:
    """A client of the scheduler at `scheduler`, or of a local cluster of `workers` processes (one per core
    by default, one thread each: extraction is pure Python, threads would share one interpreter lock)."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        n = workers or os.cpu_count() or 1
        with (
            LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):  # fmt: skip
            yield client
        return
    try:
        client = Client(scheduler, timeout=f"{CONNECT_SECONDS}s")
    except (OSError, TimeoutError, ValueError) as e:
        raise InputError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({e})") from None
    with client:
        yield client
