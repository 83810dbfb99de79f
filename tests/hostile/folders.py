"""Cases on disk and misc cases: folders (empty, deeper than PATH_MAX, thousands of files, odd
names, symlink loops, FIFOs, sockets, unreadable entries), odd things named directly (FIFOs,
symlinks to devices, sparse multi-gigabyte files), files whose suffix lies, and the remover
that clears any of them before a case is made anew.
"""

from __future__ import annotations

import os
import socket
import zlib
from collections.abc import Callable
from pathlib import Path

from .archives import _good_members
from .common import MB, ROWS, _m, _text, _zip
from .office import _CT_DOCX, _RELS_DOCX, _docx, _package, _wdoc, _xlsx
from .plain import _png
from .web import _html, _pbase, _pdf


# ---------------------------------------------------------------------------------------------
# Folders and odd files on disk
# ---------------------------------------------------------------------------------------------

def _remove(path: Path) -> None:
    """Remove a file or a tree of any depth (iterative, by directory descriptors; symlinks not
    followed; unreadable folders opened up first)."""
    if not os.path.lexists(path):
        return
    if path.is_symlink() or not path.is_dir():
        path.unlink()
        return
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    top = os.open(path.parent, os.O_RDONLY)
    stack: list[list] = [[top, path.name, None]]
    try:
        while stack:
            pfd, name, fd = stack[-1]
            if fd is None:
                os.chmod(name, 0o700, dir_fd=pfd)
                fd = stack[-1][2] = os.open(name, flags, dir_fd=pfd)
            sub = None
            with os.scandir(fd) as it:
                for e in it:
                    if e.is_dir(follow_symlinks=False):
                        sub = e.name
                        break
                    os.unlink(e.name, dir_fd=fd)
            if sub is not None:
                stack.append([fd, sub, None])
            else:
                os.close(fd)
                os.rmdir(name, dir_fd=pfd)
                stack.pop()
    finally:
        for _, _, fd in stack:
            if fd is not None:
                os.close(fd)
        os.close(top)


def _deep(path: Path, depth: int, name: str, leaf: bytes) -> None:
    """``depth`` nested folders named ``name``, made through descriptors (the full path may pass
    PATH_MAX), with 自评表.txt at the bottom."""
    path.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            nfd = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        wfd = os.open("自评表.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(wfd, leaf)
        os.close(wfd)
    finally:
        os.close(fd)


def _posix_cases(add_dir: Callable[..., Path | None], add_path: Callable[..., Path | None]) -> None:
    posix = os.name == "posix"
    text = _text().encode()

    def files(d: Path, items: dict[str, bytes]) -> None:
        for n, b in items.items():
            (d / n).parent.mkdir(parents=True, exist_ok=True)
            (d / n).write_bytes(b)

    add_dir("folder_empty", lambda d: None)
    add_dir("folder_only_hidden_and_locks", lambda d: files(d, {".hidden.txt": text, "~$自评表.docx": b"x",
                                                                "Thumbs.db": b"x", "desktop.ini": b"x"}))
    add_dir("folder_deep_1100", lambda d: _deep(d, 1100, "d", text))
    add_dir("folder_deep_300_long_names", lambda d: _deep(d, 300, "第" + "层" * 60, text))
    add_dir("folder_deep_70", lambda d: _deep(d, 70, "子目录", text))
    add_dir("folder_1500_files", lambda d: files(d, {f"{i:04d}.txt": f"得分\t{i}\n".encode() for i in range(1500)}))
    add_dir("folder_no_suffix", lambda d: files(d, {"自评表": text, "README": b"read me"}))
    pdf = _pdf(_pbase())
    add_dir("folder_wrong_suffixes", lambda d: files(d, {"是PDF.docx": pdf, "是ZIP.pdf": _zip(_good_members()),
                                                        "是DOCX.xlsx": _docx(), "是HTML.txt": _html().encode(),
                                                        "是PNG.pdf": _png(1, 1, zlib.compress(b"\x00\xff")),
                                                        "是文本.zip": text, "是XLSX.docx": _xlsx()}))
    add_dir("folder_unsupported_files", lambda d: files(d, {"a.exe": b"MZ", "b.csv": b"1,2", "c.rar": b"Rar!\x1a\x07",
                                                           "d.7z": b"7z\xbc\xaf\x27\x1c", "e.ofd": b"PK", "自评表.txt": text}))
    add_dir("folder_with_zip_and_docs", lambda d: files(d, {"材料.zip": _zip(_good_members()), "自评表.docx": _docx(),
                                                           "子/自评表.pdf": pdf}))
    add_dir("folder_name_with_newline_and_escape", lambda d: files(d, {"a\nb.txt": text, "\x1b[31m红.txt": text,
                                                                      " 前后空格 .txt": text}))
    add_dir("folder_name_255_bytes", lambda d: files(d, {"长" * 83 + ".txt": text}))
    add_dir("folder_zero_byte_files", lambda d: files(d, {"空.txt": b"", "空.docx": b"", "空.pdf": b"", "空.zip": b"",
                                                         "空.png": b"", "空.xls": b""}))
    if not posix:
        return

    def invalid_utf8(d: Path) -> None:
        with open(os.path.join(os.fsencode(d), "自评".encode("gbk") + b"\xff.txt"), "wb") as f:
            f.write(text)
    add_dir("folder_name_invalid_utf8", invalid_utf8)

    def symlink_loop(d: Path) -> None:
        files(d, {"自评表.txt": text})
        os.symlink(".", d / "self")
        os.symlink("b", d / "a")
        os.symlink("a", d / "b")
        os.symlink("loop.txt", d / "loop.txt")
        (d / "up").symlink_to("..")
    add_dir("folder_symlink_loop", symlink_loop)

    def dangling(d: Path) -> None:
        files(d, {"自评表.txt": text})
        os.symlink("不存在.txt", d / "悬空.txt")
        os.symlink("/nonexistent/材料.zip", d / "悬空.zip")
    add_dir("folder_dangling_symlink", dangling)

    def outside(d: Path) -> None:
        files(d, {"自评表.txt": text})
        os.symlink("/etc/passwd", d / "passwd.txt")
        os.symlink("/", d / "root")
        os.symlink("/dev/zero", d / "zero.txt")
        os.symlink("/dev/urandom", d / "random.pdf")
    add_dir("folder_symlinks_outside", outside)

    def unreadable(d: Path) -> None:
        files(d, {"自评表.txt": text, "锁/自评表.txt": text, "锁文件.txt": text})
        os.chmod(d / "锁文件.txt", 0)
        os.chmod(d / "锁", 0)
    add_dir("folder_unreadable", unreadable)

    def fifo(d: Path) -> None:
        files(d, {"自评表.txt": text})
        os.mkfifo(d / "x.txt")
        os.mkfifo(d / "x.zip")
    add_dir("folder_fifo", fifo)

    def sock(d: Path) -> None:
        files(d, {"自评表.txt": text})
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.bind(os.fspath(d / "s.txt"))
        except OSError:
            pass
        finally:
            s.close()
    add_dir("folder_socket_file", sock)

    def hardlinks(d: Path) -> None:
        files(d, {"自评表.txt": text})
        for i in range(200):
            os.link(d / "自评表.txt", d / f"链接{i:03d}.txt")
    add_dir("folder_200_hardlinks", hardlinks)

    def dir_named_file(d: Path) -> None:
        (d / "自评表.pdf").mkdir()
        (d / "材料.zip").mkdir()
        files(d, {"材料.zip/自评表.txt": text})
    add_dir("folder_dirs_named_like_files", dir_named_file)

    # odd things named directly
    add_path("misc_fifo_direct", "misc", "管道.txt", lambda p: os.mkfifo(p))
    add_path("misc_fifo_direct_zip", "misc", "管道.zip", lambda p: os.mkfifo(p))
    add_path("misc_symlink_dev_zero_txt", "misc", "zero.txt", lambda p: os.symlink("/dev/zero", p))
    add_path("misc_symlink_dev_urandom_pdf", "misc", "random.pdf", lambda p: os.symlink("/dev/urandom", p))
    add_path("misc_symlink_dangling", "misc", "悬空.docx", lambda p: os.symlink("/nonexistent/x.docx", p))
    add_path("misc_symlink_self_loop", "misc", "loop.txt", lambda p: os.symlink(p.name, p))

    def sparse(size: int, head: bytes) -> Callable[[Path], None]:
        def make(p: Path) -> None:
            with open(p, "wb") as f:
                f.write(head)
                f.truncate(size)
        return make
    add_path("misc_sparse_3g_txt", "misc", "大.txt", sparse(3 * 2**30, text))
    add_path("misc_sparse_3g_zip", "misc", "大.zip", sparse(3 * 2**30, b"PK\x03\x04"))
    add_path("misc_sparse_400m_pdf", "misc", "大.pdf", sparse(400 * MB, b"%PDF-1.7\n"))

    def unreadable_file(p: Path) -> None:
        p.write_bytes(text)
        os.chmod(p, 0)
    add_path("misc_unreadable_file", "misc", "锁.txt", unreadable_file)
    add_path("misc_directory_named_pdf", "misc", "自评表.pdf", lambda p: (p.mkdir(), (p / "自评表.txt").write_bytes(text)))


# ---------------------------------------------------------------------------------------------
# Misc files: a suffix that lies or is missing, polyglots
# ---------------------------------------------------------------------------------------------

def _misc_cases(add: Callable[..., None]) -> None:
    k = "misc"
    pdf = _pdf(_pbase())
    add(k, "misc_pdf_named_docx", ".docx", pdf)
    add(k, "misc_zip_named_pdf", ".pdf", _zip(_good_members()))
    add(k, "misc_docx_named_txt", ".txt", _docx())
    add(k, "misc_png_named_docx", ".docx", _png(1, 1, zlib.compress(b"\x00\xff")))
    add(k, "misc_html_named_xlsx", ".xlsx", _html().encode())
    add(k, "misc_no_suffix", "", _text().encode())
    add(k, "misc_unsupported_suffix_exe", ".exe", _text().encode())
    add(k, "misc_csv_table", ".csv", "\n".join(",".join(r) for r in ROWS).encode("gbk"))
    add(k, "misc_pdf_zip_polyglot", ".zip", pdf + _zip(_good_members()))
    add(k, "misc_zip_pdf_polyglot", ".pdf", _zip(_good_members(), comment=b"%PDF-1.7 " + b" " * 100))
    add(k, "misc_docx_with_xlsx_parts", ".docx", _package({"word/document.xml": _wdoc(), "xl/workbook.xml": "<workbook/>",
                                                           "[Content_Types].xml": _CT_DOCX, "_rels/.rels": _RELS_DOCX}))
    add(k, "misc_ofd_named_zip_member", ".zip", _zip([_m("自评表.ofd", _zip([_m("OFD.xml", "<ofd:OFD/>")])), _m("自评表.txt", _text())]))
