"""Batches (批量复核): folders and .zip archives walked, files checked in parallel, none lost.

``sources`` turns the paths a user names into the files to read: a folder is walked (hidden
files and Office lock files ``~$…`` aside), a .zip archive is opened — nested ones too, names
written by Chinese Windows (GBK, without the UTF-8 flag) decoded as such — and every member
that cannot be taken out (encrypted, damaged, a zip bomb) becomes a Source that carries its
error. ``check_all`` checks them, in ``jobs`` processes, with a progress bar; a file that fails
in any way becomes a finding for that file, and the batch goes on.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .checks import REGISTRY, Finding
from .errors import JixiaoError, ReadError
from .pipeline import Checked, check_path

log = logging.getLogger("jixiao")
SUFFIXES = {".txt", ".text", ".md", ".markdown", ".docx", ".docm", ".xlsx", ".xlsm", ".html", ".htm", ".pdf", ".doc", ".wps",
            ".xls", ".et", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
ARCHIVES = {".zip"}
MEMBER_LIMIT = 200 * 2**20      # bytes one archive member may unpack to
ARCHIVE_LIMIT = 2 * 2**30       # bytes one archive may unpack to in all
RATIO_LIMIT = 200               # unpacked ÷ packed above this, for members over 10 MB: a bomb
DEPTH_LIMIT = 3                 # archives inside archives


@dataclass
class Source:
    """One file to check: on disk (``data`` None) or taken out of an archive (``data`` its bytes)."""

    name: str
    data: bytes | None = None
    error: JixiaoError | None = None


def _skipped(p: Path) -> bool:
    return p.name.startswith((".", "~$")) or p.name.lower() in ("thumbs.db", "desktop.ini")


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: GBK when the UTF-8 flag (0x800) is not set."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _archive(data: bytes, name: str, depth: int = 1) -> Iterator[Source]:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Source(name, error=ReadError("JX001", f"压缩包已损坏（{type(exc).__name__}）",
                                           f"the archive is damaged ({type(exc).__name__})", name))
        return
    total = 0
    if not any(not i.is_dir() and not _skipped(Path(_member_name(i))) for i in members):
        yield Source(name, error=ReadError("JX001", "压缩包中没有文件，未复核任何内容",
                                           "the archive holds no file; nothing was checked", name))
        return
    with z:
        for info in members:
            inner = _member_name(info)
            label = f"{name}!{inner}"
            suffix = Path(inner).suffix.lower()
            if info.is_dir() or _skipped(Path(inner)) or inner.startswith("__MACOSX/"):
                continue
            if suffix not in SUFFIXES | ARCHIVES:
                yield Source(label, error=_unknown(label))
                continue
            if info.flag_bits & 0x1:
                yield Source(label, error=ReadError("JX001", "压缩包内文件设有密码", "the archive member is "
                                                    "password-protected", label))
                continue
            bomb = info.file_size > MEMBER_LIMIT or total + info.file_size > ARCHIVE_LIMIT or (
                info.file_size > 10 * 2**20 and info.file_size > RATIO_LIMIT * max(info.compress_size, 1))
            body = b""
            if not bomb:
                try:
                    with z.open(info) as f:
                        body = f.read(MEMBER_LIMIT + 1)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
                    yield Source(label, error=ReadError("JX001", f"压缩包内文件无法解压（{type(exc).__name__}）",
                                                        f"the member cannot be unpacked ({type(exc).__name__})", label))
                    continue
                bomb = len(body) > MEMBER_LIMIT   # the sizes in the directory may lie
            if bomb:
                yield Source(label, error=ReadError("JX001", "疑似压缩炸弹：解压后过大，未读取",
                                                    "looks like a zip bomb: too large unpacked; not read", label))
                continue
            total += len(body)
            if suffix in ARCHIVES:
                if depth >= DEPTH_LIMIT:
                    yield Source(label, error=ReadError("JX001", "压缩包嵌套过深，未读取",
                                                        "archives nested too deeply; not read", label))
                else:
                    yield from _archive(body, label, depth + 1)
                continue
            yield Source(label, body)


def _unknown(name: str) -> ReadError:
    return ReadError("JX002", f"不支持的文件类型（{Path(name).suffix or '无扩展名'}）",
                     f"unsupported file type ({Path(name).suffix or 'no suffix'})", name)


def sources(paths: list[Path]) -> list[Source]:
    """The files named, the files inside the folders named, and the members of archives."""
    out: list[Source] = []
    for p in paths:
        files = sorted(f for f in p.rglob("*") if f.is_file() and not _skipped(f)) if p.is_dir() else [p]
        if p.is_dir() and not files:   # an empty folder is not a clean one
            out.append(Source(str(p), error=ReadError("JX001", "文件夹中没有可复核的文件，未复核任何内容",
                                                      "the folder holds no file to check; nothing was checked", str(p))))
        for f in files:
            suffix = f.suffix.lower()
            if suffix in ARCHIVES and f.is_file():
                try:
                    out += list(_archive(f.read_bytes(), str(f)))
                except OSError as exc:
                    out.append(Source(str(f), error=ReadError("JX001", f"无法读取文件（{exc.strerror}）",
                                                              f"cannot read file ({exc.strerror})", str(f))))
            elif p.is_dir() and suffix not in SUFFIXES:
                out.append(Source(str(f), error=_unknown(str(f))))
            else:
                out.append(Source(str(f)))
    return out


def _check_one(source: Source, profile: str | None, codes: list[str] | None) -> Checked:
    if source.error is not None:
        return _as_finding(source.error)
    checks = None if codes is None else [REGISTRY[c] for c in codes]
    log.info("复核 / checking %s", source.name)
    return check_path(source.name, profile, checks, data=source.data)


def _as_finding(e: JixiaoError) -> Checked:
    return Checked(e.file or "", error=e, findings=[Finding(e.code, "error", "文件", e.message, None, None, None)])


def _failed(source: Source, exc: BaseException) -> Checked:
    return _as_finding(JixiaoError("JX005", f"处理此文件时出错：{exc!r}", f"the file could not be processed: "
                                   f"{exc!r}", source.name))


def check_all(items: list[Source], profile: str | None = None, codes: list[str] | None = None, jobs: int = 1,
              tick: Callable[[str], None] = lambda name: None) -> list[Checked]:
    """Check every source (in ``jobs`` worker processes when > 1); results in the sources' order.

    When a worker process dies (out of memory, a crash inside a library), every file it left
    unfinished is checked again alone in a fresh process, so that only the file that kills its
    process ends as a finding."""
    results: list[Checked | None] = [None] * len(items)
    if jobs <= 1 or len(items) <= 1:
        for i, s in enumerate(items):
            try:
                results[i] = _check_one(s, profile, codes)
            except Exception as exc:  # never lose the batch to one file
                log.debug("checking %s failed", s.name, exc_info=True)
                results[i] = _failed(s, exc)
            tick(s.name)
        return results
    broken = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [(i, pool.submit(_check_one, s, profile, codes)) for i, s in enumerate(items)]
        for i, fut in futures:
            try:
                results[i] = fut.result()
            except BrokenProcessPool:
                broken.append(i)
                continue
            except Exception as exc:
                log.debug("checking %s failed", items[i].name, exc_info=True)
                results[i] = _failed(items[i], exc)
            tick(items[i].name)
    for i in broken:
        with ProcessPoolExecutor(max_workers=1) as alone:
            try:
                results[i] = alone.submit(_check_one, items[i], profile, codes).result()
            except Exception as exc:
                log.debug("checking %s alone failed", items[i].name, exc_info=True)
                results[i] = _failed(items[i], exc)
        tick(items[i].name)
    return results
