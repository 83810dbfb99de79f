"""Batches (批量复核): folders and .zip archives walked, files checked in workers, none lost.

``sources`` turns the paths a user names into the files to read, and names every one of them:
a folder is walked without recursion (hidden files and Office lock files ``~$…`` aside; a link
to a folder is not followed, a broken link, a link loop, a pipe or an unreadable folder is
named), an archive is listed member by member — nested ones too, names written by Chinese
Windows (GBK, without the UTF-8 flag) decoded as such — within the limits of ``limits``. A
member is unpacked only when its file is checked, in the worker. ``check_all`` checks the
sources in worker processes (``workers``), each file within its time and memory budget; a file
that fails in any way becomes a finding for that file, and the batch goes on.
"""

from __future__ import annotations

import io
import logging
import lzma
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import limits, workers
from .checks import REGISTRY, Finding
from .errors import JixiaoError, ReadError
from .pipeline import Checked, check_path

log = logging.getLogger("jixiao")
SUFFIXES = {".txt", ".text", ".md", ".markdown", ".docx", ".docm", ".xlsx", ".xlsm", ".html", ".htm", ".pdf", ".doc", ".wps",
            ".xls", ".et", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
ARCHIVES = {".zip"}
FAILED = {"JX005", "JX006", "JX007"}   # jixiao itself did not finish the file (not a finding about it)


@dataclass
class Source:
    """One file to check: on disk, given as bytes (``data``), or a member of an archive on disk
    (``chain``: the archive's path, then the member's name at each level of nesting)."""

    name: str
    data: bytes | None = None
    error: JixiaoError | None = None
    chain: tuple[str, ...] = ()

    def load(self) -> bytes | None:
        """The bytes to read: given, or unpacked from the archive (None: read ``name`` from disk)."""
        if self.data is not None or not self.chain:
            return self.data
        try:
            z = _opened(self.chain[0])
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:   # changed since it was listed
            raise ReadError("JX001", f"压缩包已损坏（{type(exc).__name__}）", f"the archive is damaged "
                            f"({type(exc).__name__})", self.name) from None
        if len(self.chain) == 2:
            return _unpack(z, self.chain[1], self.name)
        inner = self.chain[:-1]   # an archive inside the archive: unpacked once for all its members
        if _INNER[0] != (inner, _LAST[0]):
            body = _unpack(z, self.chain[1], self.name)
            for member in self.chain[2:-1]:
                body = _unpack(body, member, self.name)
            _INNER[:] = [(inner, _LAST[0]), zipfile.ZipFile(io.BytesIO(body))]
        return _unpack(_INNER[1], self.chain[-1], self.name)


_LAST: list = [None, None]   # the archive this process opened last ((path, mtime, pid), ZipFile): its members come in a row
_INNER: list = [None, None]  # likewise the nested archive last unpacked ((chain, the archive's key), ZipFile)


def _opened(path: str) -> zipfile.ZipFile:
    """The archive on disk, opened once for all its members (its directory is read once) — once
    per process: a forked worker must not read through its parent's file, whose offset they would
    share (members then came out damaged when the parent had read the archive before forking)."""
    key = (path, os.stat(path).st_mtime_ns, os.getpid())
    if _LAST[0] != key:
        if _LAST[1] is not None and _LAST[0][2] == key[2]:
            _LAST[1].close()
        _LAST[:] = [key, zipfile.ZipFile(path)]
    return _LAST[1]


def _unpack(archive: bytes | zipfile.ZipFile, member: str, label: str) -> bytes:
    try:
        z = archive if isinstance(archive, zipfile.ZipFile) else zipfile.ZipFile(io.BytesIO(archive))
        with z.open(member) as f:
            body = f.read(limits.MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError, KeyError) as exc:
        raise ReadError("JX001", f"压缩包内文件已损坏，无法解压（{type(exc).__name__}）",
                        f"the member is damaged and cannot be unpacked ({type(exc).__name__})", label) from None
    if len(body) > limits.MEMBER_BYTES:   # the sizes in the directory may lie
        raise _bomb(label)
    return body


def _bomb(label: str) -> ReadError:
    return ReadError("JX001", "疑似压缩炸弹：解压后过大，未读取", "looks like a zip bomb: too large unpacked; not read", label)


def _error(label: str, zh: str, en: str, code: str = "JX001") -> Source:
    return Source(label, error=ReadError(code, zh, en, label))


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower() in ("thumbs.db", "desktop.ini") or name.startswith("__MACOSX")


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: GBK when the UTF-8 flag (0x800) is not set."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


class _Unpacked:
    """Bytes an archive (with all it nests) may still unpack to."""

    def __init__(self) -> None:
        self.left = limits.ARCHIVE_BYTES


def _archive(data: bytes, name: str, chain: tuple[str, ...], budget: _Unpacked, depth: int = 1) -> Iterator[Source]:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        yield _error(name, f"压缩包已损坏（{type(exc).__name__}）", f"the archive is damaged ({type(exc).__name__})")
        return
    files = [i for i in members if not i.is_dir()
             and not any(_skipped(p) for p in _member_name(i).replace("\\", "/").split("/") if p != "..")]
    if not files:
        yield _error(name, "压缩包中没有文件，未复核任何内容", "the archive holds no file; nothing was checked")
        return
    if len(files) > limits.ARCHIVE_MEMBERS:
        yield _error(name, f"压缩包内文件过多（{len(files)}个，上限{limits.ARCHIVE_MEMBERS}个），其后的文件未读取",
                     f"too many members ({len(files)}, limit {limits.ARCHIVE_MEMBERS}); the rest not read")
        files = files[:limits.ARCHIVE_MEMBERS]
    with z:
        for info in files:
            inner = _member_name(info)
            label = f"{name}!{inner}"
            suffix = Path(inner).suffix.lower()
            if suffix not in SUFFIXES | ARCHIVES:
                yield Source(label, error=_unknown(label))
            elif info.flag_bits & 0x1:
                yield _error(label, "压缩包内文件设有密码", "the archive member is password-protected")
            elif limits.unpacks_too_large(info.file_size, info.compress_size, budget.left):
                yield Source(label, error=_bomb(label))
            elif suffix in ARCHIVES and depth >= limits.ARCHIVE_DEPTH:
                yield _error(label, "压缩包嵌套过深，未读取", "archives nested too deeply; not read")
            elif suffix in ARCHIVES:
                try:
                    body = _unpack(z, info.filename, label)
                except ReadError as exc:
                    yield Source(label, error=exc)
                    continue
                budget.left -= len(body)
                yield from _archive(body, label, chain + (info.filename,), budget, depth + 1)
            else:
                budget.left -= info.file_size
                yield Source(label, chain=chain + (info.filename,))


def _unknown(name: str) -> ReadError:
    return ReadError("JX002", f"不支持的文件类型（{Path(name).suffix or '无扩展名'}）",
                     f"unsupported file type ({Path(name).suffix or 'no suffix'})", name)


def _walk(root: Path) -> Iterator[tuple[str, Source | None]]:
    """(path, None) for each file under ``root``, or (path, a Source carrying why it is not
    read), without recursion and without following links to folders."""
    stack = [(str(root), 0)]
    top = os.path.realpath(root)
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            yield folder, _error(folder, f"无法打开文件夹（{exc.strerror}）", f"cannot open the folder ({exc.strerror})")
            continue
        shown = [e for e in entries if not _skipped(e.name)]
        if not shown and depth > 0:   # an empty subfolder (or one of lock files only) is named too
            yield folder, _error(folder, "文件夹中没有可复核的文件，未复核任何内容",
                                 "the folder holds no file to check; nothing was checked")
        for e in shown:
            try:
                if e.is_symlink():
                    try:
                        st = os.stat(e.path)
                    except OSError as exc:
                        yield e.path, _error(e.path, f"链接无法打开（{exc.strerror}，目标不存在或链接成环）",
                                             f"the link cannot be followed ({exc.strerror}: missing target or a loop)")
                        continue
                    if stat.S_ISDIR(st.st_mode):
                        yield e.path, _error(e.path, "指向文件夹的链接，未跟随", "a link to a folder; not followed", "JX002")
                        continue
                    if not os.path.realpath(e.path).startswith(top + os.sep):
                        yield e.path, _error(e.path, "指向所给文件夹之外的链接，未跟随",
                                             "a link to a file outside the folder given; not followed", "JX002")
                        continue
                    yield e.path, None
                elif e.is_dir(follow_symlinks=False):
                    if depth + 1 > limits.FOLDER_DEPTH:
                        yield e.path, _error(e.path, f"文件夹嵌套超过{limits.FOLDER_DEPTH}层，其中内容未读取",
                                             f"folders nested over {limits.FOLDER_DEPTH} deep; not read")
                    else:
                        stack.append((e.path, depth + 1))
                else:
                    yield e.path, None
            except OSError as exc:
                yield e.path, _error(e.path, f"无法读取（{exc.strerror}）", f"cannot read ({exc.strerror})")


def _file(path: str, in_folder: bool) -> list[Source]:
    suffix = Path(path).suffix.lower()
    if suffix in ARCHIVES:
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                return [_error(path, "不是普通文件，未读取", "not a regular file; not read", "JX002")]
            if st.st_size > limits.FILE_BYTES:
                return [_error(path, "压缩包过大，未读取", "the archive is too large; not read")]
            data = Path(path).read_bytes()
        except OSError as exc:
            return [_error(path, f"无法读取文件（{exc.strerror}）", f"cannot read file ({exc.strerror})")]
        return list(_archive(data, path, (path,), _Unpacked()))
    if in_folder and suffix not in SUFFIXES:
        return [Source(path, error=_unknown(path))]
    return [Source(path)]


def sources(paths: list[Path]) -> list[Source]:
    """The files named, the files inside the folders named, and the members of archives; every
    input named once, with an error where it cannot be read."""
    out: list[Source] = []
    for p in paths:
        if not p.is_dir():
            out += _file(str(p), False)
            continue
        found = sorted(_walk(p), key=lambda t: t[0])
        if not found:   # an empty folder is not a clean one
            out.append(_error(str(p), "文件夹中没有可复核的文件，未复核任何内容",
                              "the folder holds no file to check; nothing was checked"))
        for path, problem in found:
            out += [problem] if problem is not None else _file(path, True)
            if len(out) > limits.BATCH_FILES:
                out.append(_error(str(p), f"文件超过{limits.BATCH_FILES}个，其后的文件未读取",
                                  f"over {limits.BATCH_FILES} files; the rest not read"))
                return out
    return out


def _check_one(source: Source, profile: str | None, codes: list[str] | None) -> Checked:
    if source.error is not None:
        return _as_finding(source.error)
    checks = None if codes is None else [REGISTRY[c] for c in codes]
    log.info("复核 / checking %s", source.name)
    try:
        data = source.load()
    except JixiaoError as exc:
        return _as_finding(exc)
    return check_path(source.name, profile, checks, data=data)


def _as_finding(e: JixiaoError) -> Checked:
    return Checked(e.file or "", error=e, findings=[Finding(e.code, "error", "文件", e.message, None, None, None)])


def failed(source: Source, failure: workers.Failure, budget: workers.Budget = workers.Budget()) -> Checked:
    """The finding for a file jixiao could not finish: stopped over time or memory, or a crash."""
    if failure.kind == "timeout":
        e = JixiaoError("JX006", f"处理超时（超过{budget.seconds:g}秒），已停止，其余文件照常复核",
                        f"took over {budget.seconds:g} s and was stopped; the other files go on", source.name)
    elif failure.kind == "memory":
        e = JixiaoError("JX007", f"内存用量超过上限（{budget.memory // limits.MiB} MB），已停止，其余文件照常复核",
                        f"used over {budget.memory // limits.MiB} MB of memory and was stopped", source.name)
    elif failure.kind == "crash":
        e = JixiaoError("JX005", f"处理此文件的进程意外退出（{failure.detail}）",
                        f"the process checking this file died ({failure.detail})", source.name)
    else:
        first = failure.detail.splitlines()[0] if failure.detail else ""
        e = JixiaoError("JX005", f"处理此文件时出错：{first}", f"the file could not be processed: {first}", source.name)
    return _as_finding(e)


def check_all(items: list[Source], profile: str | None = None, codes: list[str] | None = None, jobs: int = 1,
              tick: Callable[[str], None] = lambda name: None,
              on_result: Callable[[int, Checked], None] = lambda i, r: None,
              budget: workers.Budget = workers.Budget(), keep: bool = True) -> list[Checked | None]:
    """Check every source in ``jobs`` worker processes (0: in this process, with no budget);
    results in the sources' order, each also handed to ``on_result`` as soon as it is done.
    With ``keep`` False nothing is kept (the list holds None): a caller that writes each result
    as it comes checks any number of files in flat memory."""
    results: list[Checked | None] = [None] * len(items)

    def done(i: int, result) -> None:
        if isinstance(result, workers.Failure):
            log.debug("%s: %s %s", items[i].name, result.kind, result.detail)
            result = failed(items[i], result, budget)
        if keep:
            results[i] = result
        on_result(i, result)
        tick(items[i].name)

    if jobs <= 0:
        for i, s in enumerate(items):
            try:
                r = _check_one(s, profile, codes)
            except Exception as exc:  # never lose the batch to one file
                log.debug("checking %s failed", s.name, exc_info=True)
                r = workers.Failure("error", repr(exc))
            done(i, r)
        return results
    workers.run(items, _Task(profile, codes), done, jobs, budget)
    return results


class _Task:
    """The work of one worker: check a source (a class, so that it can be sent to a process)."""

    def __init__(self, profile: str | None, codes: list[str] | None):
        self.profile, self.codes = profile, codes

    def __call__(self, source: Source) -> Checked:
        return _check_one(source, self.profile, self.codes)
