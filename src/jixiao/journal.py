"""Journal (结果日志): results written one JSON line per file as they come, and read back to resume.

A long batch killed half-way keeps every file it finished: ``check --resume FILE`` appends each
file's record to FILE at once (flushed), and a later run with the same FILE skips the files
whose content is already there. A file is known by its content (SHA-256), not its name: a file
renamed is not checked twice, a file changed is checked again. An archive member is known by
its archive's content and its place inside.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from . import limits
from .batch import FAILED
from .render.json import dumps

log = logging.getLogger("jixiao")


def _digest(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > limits.FILE_BYTES:
            return None
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(2**20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def key(source) -> str | None:
    """The content key of a source, or None for one that cannot be read (always checked again)."""
    if source.error is not None:
        return None
    if source.data is not None:
        return hashlib.sha256(source.data).hexdigest()
    if source.chain:
        outer = _digest(source.chain[0])
        return None if outer is None else outer + "!" + "!".join(source.chain[1:])
    return _digest(source.name)


def done(path: Path) -> dict[str, dict]:
    """The records already in the journal, by key; a last line cut off by a killed run is ignored,
    and a file jixiao itself failed on (JX005–JX007) is not done."""
    out: dict[str, dict] = {}
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    log.info("%s 第%d行不完整，忽略 / line %d is incomplete, ignored", path, n, n)
                    continue
                failed = isinstance(record, dict) and (record.get("error") or {}).get("code") in FAILED
                if isinstance(record, dict) and record.get("key") and not failed:   # jixiao's own failures run again
                    out[record["key"]] = record
    except FileNotFoundError:
        pass
    return out


class Sink:
    """The journal opened for appending; each record is written and flushed at once."""

    def __init__(self, path: Path):
        cut = False
        try:
            with open(path, "rb") as f:
                f.seek(-1, os.SEEK_END)
                cut = f.read(1) != b"\n"     # a killed run's last line: start a new one
        except OSError:
            pass
        self.f = open(path, "a", encoding="utf-8")
        if cut:
            self.f.write("\n")

    def write(self, record: dict) -> None:
        self.f.write(dumps(record, indent=None) + "\n")
        self.f.flush()

    def close(self) -> None:
        self.f.close()
