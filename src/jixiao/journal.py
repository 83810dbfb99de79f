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
from functools import lru_cache
from pathlib import Path

from . import limits
from .batch import FAILED
from .errors import JixiaoError
from .render.json import dumps

log = logging.getLogger("jixiao")


def _digest(path: str) -> str | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return _digest_of(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=256)   # an archive is hashed once for all its members
def _digest_of(path: str, mtime: int, size: int) -> str | None:
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


def options(*parts) -> str:
    """A short digest of what decides a result besides the file: jixiao's version, the profile,
    the checks chosen, the severities kept. Results made under other options are not reused."""
    from . import __version__
    return hashlib.sha256(repr((__version__,) + parts).encode()).hexdigest()[:12]


def key(source, opts: str = "") -> str | None:
    """The content key of a source under ``opts``, or None for one that cannot be read (always
    checked again)."""
    if source.error is not None:
        return None
    if source.data is not None:
        digest = hashlib.sha256(source.data).hexdigest()
    elif source.chain:
        outer = _digest(source.chain[0])
        digest = None if outer is None else outer + "!" + "!".join(source.chain[1:])
    else:
        digest = _digest(source.name)
    return None if digest is None else f"{opts}:{digest}"


def done(path: Path) -> dict[str, dict]:
    """The records already in the journal, by key; a last line cut off by a killed run is ignored,
    and a file jixiao itself failed on (JX005–JX007) is not done."""
    out: dict[str, dict] = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:   # a line cut inside a character
            for n, line in enumerate(f, 1):
                try:
                    record = json.loads(line)
                except ValueError:   # a cut line (JSONDecodeError), or digits past int()'s limit
                    log.info("%s 第%d行不完整，忽略 / line %d is incomplete, ignored", path, n, n)
                    continue
                if not isinstance(record, dict) or not isinstance(record.get("key"), str):
                    continue
                error = record.get("error")
                if isinstance(error, dict) and error.get("code") in FAILED:
                    continue   # jixiao's own failures run again
                out[record["key"]] = record
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise JixiaoError("JX001", f"无法读取结果日志（{exc.strerror}）", f"cannot read the journal ({exc.strerror})",
                          str(path)) from None
    return out


class Sink:
    """The journal opened for appending; each record is written and flushed at once."""

    def __init__(self, path: Path):
        """Open ``path`` for appending (JX001 when it cannot be written)."""
        cut = False
        try:
            with open(path, "rb") as f:
                f.seek(-1, os.SEEK_END)
                cut = f.read(1) != b"\n"     # a killed run's last line: start a new one
        except OSError:
            pass
        try:
            self.f = open(path, "a", encoding="utf-8")
        except OSError as exc:
            raise JixiaoError("JX001", f"无法写入结果日志（{exc.strerror}）", f"cannot write the journal ({exc.strerror})",
                              str(path)) from None
        if cut:
            self.f.write("\n")

    def write(self, record: dict) -> None:
        self.f.write(dumps(record, indent=None) + "\n")
        self.f.flush()

    def close(self) -> None:
        self.f.close()
