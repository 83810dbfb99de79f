"""Scale (集群复核): a national corpus checked on a Dask cluster, one task per document.

``check --dask local`` starts a cluster of worker processes on this machine; ``--dask
tcp://host:8786`` uses a running scheduler. Each task checks one document the way the local
batch does — in a process of its own with a time and memory budget (``workers``), so a file that
hangs or kills its process costs only itself — and sends back the file's JSON record, not the
read document, so the results stay light however large the corpus. With ``--resume FILE`` the
records are written as they arrive and a rerun skips what is done (by content), so a run of
days survives a lost node or a killed client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from . import workers
from .batch import Source, _Task, failed
from .checks.reading import NOT_CHECKED
from .render.findings import file_record

log = logging.getLogger("jixiao")
_RESIDENTS: dict = {}   # per Dask worker process: its one budgeted checking process, kept across tasks


def _check_record(source: Source, profile: str | None, codes: list[str] | None, budget: workers.Budget,
                  keep: tuple[str, ...], key: str | None) -> dict:
    """One task: the source checked in an isolated process, as its JSON record."""
    resident = _RESIDENTS.get((profile, tuple(codes or ()), budget))
    if resident is None:
        resident = _RESIDENTS[(profile, tuple(codes or ()), budget)] = workers.Resident(_Task(profile, codes), budget)
    r = resident(source)
    if isinstance(r, workers.Failure):
        r = failed(source, r, budget)
    r.findings = [f for f in r.findings if f.severity in keep or f.code == NOT_CHECKED]
    return file_record(r, key=key)


def check_on_dask(items: list[Source], address: str, on_record: Callable[[int, dict], None], *, jobs: int = 2,
                  profile: str | None = None, codes: list[str] | None = None,
                  budget: workers.Budget = workers.Budget(), keep: tuple[str, ...] = ("error", "warning", "info"),
                  keys: list[str | None] | None = None) -> None:
    """Check every source on the cluster at ``address`` (``local``: ``jobs`` worker processes
    here); ``on_record(index, record)`` as each document's record arrives."""
    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    keys = keys or [None] * len(items)
    with dask.config.set({"distributed.worker.daemon": False,           # our tasks start their own process
                          "distributed.logging.distributed": "error"}):
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None) \
            if address == "local" else None
        try:
            with Client(cluster or address) as client:
                futures = {client.submit(_check_record, s, profile, codes, budget, keep, keys[i], pure=False): i
                           for i, s in enumerate(items)}
                for fut in as_completed(futures):
                    i = futures[fut]
                    try:
                        record = fut.result()
                    except Exception as exc:  # the task itself was lost (a node died): the file is named
                        log.debug("task for %s failed", items[i].name, exc_info=True)
                        record = file_record(failed(items[i], workers.Failure("crash", repr(exc)), budget), key=None)
                    on_record(i, record)
                    fut.release()
        finally:
            if cluster is not None:
                cluster.close()
