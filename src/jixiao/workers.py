"""Workers (工作进程): every file checked in a process with its own time and memory budget.

One file that hangs, eats memory or crashes a library must not stall or kill the batch. Each
task runs in a worker process; the parent watches each worker's clock and resident memory and
stops a worker that goes over, and a worker that dies is replaced. The task that was running
comes back as a ``Failure`` (timeout, memory, crash) for the caller to turn into a finding; the
others go on. Results are handed over as they come, so a caller can write them at once.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import wait

from . import limits

log = logging.getLogger("jixiao")
_POLL = 0.2   # seconds between looks at the workers' memory


@dataclass(frozen=True)
class Failure:
    """Why a task gave no result: ``timeout``, ``memory``, ``crash`` (the process died) or
    ``error`` (an exception, with its text)."""

    kind: str
    detail: str = ""


@dataclass(frozen=True)
class Budget:
    """What one task may use: wall-clock seconds and resident memory in bytes."""

    seconds: float = limits.FILE_SECONDS
    memory: int = limits.FILE_MEMORY


class _Keep(logging.Handler):
    """Log records of the task at hand, kept to be sent to the parent with its result (which
    writes them where the user asked: the terminal, ``--log FILE``)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        out, self.records = self.records, []
        return out


def _serve(conn, work: Callable, memory: int) -> None:
    """A worker's loop: take (index, item), send back (index, result or Failure, log records)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent decides when to stop
    try:
        os.setsid()   # a group of its own: stopping the worker stops what it started (LibreOffice)
    except (AttributeError, OSError):
        pass
    keep = _Keep()
    log.handlers = [keep]
    try:   # a hard ceiling well above the watched one: an allocation that leaps past it fails here
        import resource   # POSIX only
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = memory * 4
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    except (ImportError, ValueError, OSError):
        pass
    parent = os.getppid()
    while True:
        try:
            while not conn.poll(1.0):   # a sibling worker holds our pipe's far end: EOF may never come
                if os.getppid() != parent:
                    return              # the batch was killed: an orphan would wait forever
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        i, item = msg
        try:
            result = work(item)
        except MemoryError:
            result = Failure("memory")
        except Exception as exc:  # the caller's work failed unforeseen: report it, keep serving
            result = Failure("error", f"{exc!r}\n{traceback.format_exc(limit=-8)}")
        records = keep.take()
        if os.getppid() != parent:
            return                      # nobody to send it to (a large result would block forever)
        try:
            conn.send((i, result, records))
        except MemoryError:
            conn.send((i, Failure("memory"), records))
        except Exception as exc:  # a result that cannot be sent back (unpicklable)
            conn.send((i, Failure("error", repr(exc)), []))
        if isinstance(result, Failure):
            return   # a fresh process for the next file: nothing this one left behind is charged to it


class _Worker:
    def __init__(self, ctx, work: Callable, memory: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, work, memory), daemon=True)
        self.process.start()
        child.close()
        self.task: int | None = None
        self.deadline = 0.0

    def give(self, i: int, item, seconds: float) -> None:
        """Hand over a task; a worker that died while idle takes it with it (its sentinel says so)."""
        self.task, self.deadline = i, time.monotonic() + seconds
        try:
            self.conn.send((i, item))
        except OSError:   # broken pipe: the loop sees the dead process and reports the task
            pass

    def rss(self) -> int:
        """Memory the worker holds of its own, in bytes: its private pages (a forked worker shares
        the parent's pages until it writes them, and they are not the file's doing); 0 where
        /proc cannot tell (off Linux the memory budget is the address-space ceiling alone)."""
        try:
            with open(f"/proc/{self.process.pid}/smaps_rollup", "rb") as f:
                return sum(int(line.split()[1]) * 1024 for line in f if line.startswith((b"Private_Clean", b"Private_Dirty")))
        except (OSError, ValueError, IndexError):
            return 0

    def outcome(self, ready: set, budget: Budget) -> tuple[int, object] | None:
        """What became of the task, given what ``wait`` found ready: ``(index, result)`` once it
        is over — a :class:`Failure` when the worker died, went over its time or memory, or the
        task failed; the worker is then stopped (``stopped``) — or None while it runs."""
        i = self.task
        if self.conn in ready:
            try:
                i, result, records = self.conn.recv()
            except (EOFError, OSError):
                result = Failure("crash", f"exit code {self.process.exitcode}")
            else:
                for record in records:
                    log.handle(record)
        elif self.process.sentinel in ready or not self.process.is_alive():
            result = Failure("crash", f"exit code {self.process.exitcode}")
        elif time.monotonic() > self.deadline:
            result = Failure("timeout", f"{budget.seconds:g} s")
        elif self.rss() > budget.memory:
            result = Failure("memory", f"{budget.memory // limits.MiB} MB")
        else:
            return None
        self.task = None
        if isinstance(result, Failure):   # stopped over budget, dead, or retiring after a failed task
            log.debug("worker %s stopped on task %s: %s", self.process.pid, i, result)
            self.stop()
        return i, result

    @property
    def stopped(self) -> bool:
        return self.conn.closed

    def stop(self) -> None:
        if self.process.is_alive():
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (AttributeError, OSError):
                self.process.kill()
        self.process.join(5)
        self.conn.close()


def _context():
    try:
        return mp.get_context("fork")   # the worker starts with jixiao already imported
    except ValueError:
        return mp.get_context("spawn")


def run(items: Iterable, work: Callable, on_done: Callable[[int, object], None], jobs: int = 1,
        budget: Budget = Budget()) -> None:
    """Apply ``work`` to every item in up to ``jobs`` worker processes; ``on_done(index, result)``
    is called in the parent as each finishes, with a :class:`Failure` where it did not."""
    ctx = _context()
    jobs = max(1, jobs)
    queue = deque(enumerate(items))
    workers: list[_Worker] = []
    try:
        while queue or any(w.task is not None for w in workers):
            for w in workers:
                if w.task is None and queue:
                    w.give(*queue.popleft(), budget.seconds)
            while queue and len(workers) < jobs:
                w = _Worker(ctx, work, budget.memory)
                workers.append(w)
                w.give(*queue.popleft(), budget.seconds)
            busy = [w for w in workers if w.task is not None]
            now = time.monotonic()
            timeout = max(0.0, min([w.deadline - now for w in busy] + [_POLL]))
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
            for w in busy:
                got = w.outcome(ready, budget)
                if got is None:
                    continue
                if w.stopped:
                    workers.remove(w)
                on_done(*got)
    finally:
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
            w.stop()


class Resident:
    """One budgeted worker process kept from task to task, for a caller that hands out one task
    at a time (a Dask worker): the process is started once and replaced only after a failure."""

    def __init__(self, work: Callable, budget: Budget = Budget()):
        self.work, self.budget = work, budget
        self.worker: _Worker | None = None

    def __call__(self, item):
        """``work(item)`` in the resident process, or a :class:`Failure`."""
        if self.worker is None or not self.worker.process.is_alive():
            self.worker = _Worker(_context(), self.work, self.budget.memory)
        w = self.worker
        w.give(0, item, self.budget.seconds)
        while True:
            ready = set(wait([w.conn, w.process.sentinel], max(0.0, min(w.deadline - time.monotonic(), _POLL))))
            got = w.outcome(ready, self.budget)
            if got is not None:
                if w.stopped:
                    self.worker = None
                return got[1]
