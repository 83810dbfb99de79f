"""Readers (读取器): bytes of any supported file → a Document of blocks.

Readers are chosen by sniffing the content, not only the suffix. Each reader knows nothing
about budgets.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import stat
import zipfile
from pathlib import Path

from .. import limits
from ..blocks import Document, Paragraph
from ..errors import JixiaoError, ReadError
from .docx import read_docx
from .html import read_html
from .image import read_image
from .office import read_legacy
from .pdf import read_pdf
from .script import simplify
from .text import decode, read_text, utf16_order
from .xlsx import read_xlsx

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .doc .xls .wps .et, and password-protected .docx/.xlsx
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def _package(data: bytes) -> list[zipfile.ZipInfo] | None:
    """The parts of a zip package (docx, xlsx), read once; None for a damaged archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _packed_too_large(parts: list[zipfile.ZipInfo]) -> bool:
    """Whether a DOCX/XLSX package's parts unpack beyond the limits (by the sizes it declares;
    a part that lies is stopped by the worker's memory budget)."""
    return sum(i.file_size for i in parts) > limits.ARCHIVE_BYTES or any(
        limits.unpacks_too_large(i.file_size, i.compress_size) for i in parts)


def read_path(path: str | Path) -> Document:
    """Read one file into a Document, or raise ReadError with a bilingual message. Only a
    regular file is opened (a pipe or a device would never end), and only up to
    :data:`limits.FILE_BYTES`."""
    name = str(path)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise ReadError("JX001", "这是一个目录，不是文件", "is a directory, not a file", name)
        if not stat.S_ISREG(st.st_mode):
            raise ReadError("JX002", "不是普通文件（管道、设备或套接字），未读取",
                            "not a regular file (a pipe, device or socket); not read", name)
        if st.st_size > limits.FILE_BYTES:
            raise ReadError("JX001", f"文件过大（{st.st_size // limits.MiB} MB，上限{limits.FILE_BYTES // limits.MiB} MB），未读取",
                            f"file too large ({st.st_size // limits.MiB} MB, limit {limits.FILE_BYTES // limits.MiB} MB); "
                            "not read", name)
        with open(path, "rb") as f:
            data = f.read(limits.FILE_BYTES + 1)   # a file that grew since: still bounded
        if len(data) > limits.FILE_BYTES:
            raise ReadError("JX001", "文件过大，未读取", "file too large; not read", name)
    except FileNotFoundError:
        raise ReadError("JX001", "文件不存在", "file not found", name) from None
    except OSError as exc:
        raise ReadError("JX001", f"无法读取文件（{exc.strerror}）", f"cannot read file ({exc.strerror})", name) from None
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> Document:
    """Read a file's bytes (from disk or from inside an archive) named ``name`` in messages.

    A reader that fails on a damaged or hostile file in a way it did not foresee (a parser's own
    exception, a structure nested too deep) is a damaged file (JX001), not a crash of jixiao;
    running out of memory is left to the batch, which gives the file its own finding."""
    try:
        doc = _dispatch(data, name)
    except (JixiaoError, MemoryError):
        raise
    except Exception as exc:  # third-party parsers raise anything on a damaged file
        logging.getLogger("jixiao").debug("reading %s failed", name, exc_info=True)
        raise ReadError("JX001", f"文件已损坏或结构异常，无法读取（{type(exc).__name__}）",
                        f"the file is damaged or malformed and cannot be read ({type(exc).__name__})", name) from None
    doc.sha256, doc.size = hashlib.sha256(data).hexdigest(), len(data)
    return simplify(_without_nul(doc))


def _without_nul(doc: Document) -> Document:
    """NUL characters out of the text (a PDF's broken character map gives them): the user sees
    nothing there, and a database refuses them. Replaced one for one, so offsets stay."""
    if not any("\x00" in line for line in doc.lines) and not any(
            "\x00" in (b.text if isinstance(b, Paragraph) else "".join(c.text for row in b.rows for c in row))
            for b in doc.blocks):
        return doc
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            b.text = b.text.replace("\x00", " ")
        else:
            for row in b.rows:
                for cell in row:
                    cell.text = cell.text.replace("\x00", " ")
    doc.lines = [line.replace("\x00", " ") for line in doc.lines]
    return doc


def _as(doc: Document, fmt: str) -> Document:
    """The document with the format it was read as (docx, xlsx, pdf, image, ole, html, text)."""
    doc.format = doc.format or fmt
    return doc


def _dispatch(data: bytes, name: str) -> Document:
    if not data.strip():
        raise ReadError("JX001", "文件为空", "file is empty", name)
    parts = _package(data) if data.startswith(b"PK\x03\x04") else None
    names = {i.filename for i in parts or ()}
    if parts and _packed_too_large(parts):
        raise ReadError("JX001", "文件内部的部件解压后过大（疑似压缩炸弹），未读取",
                        "a part of the file unpacks too large (a zip bomb?); not read", name)
    if "word/document.xml" in names:
        return _as(read_docx(data, name), "docx")
    if "xl/workbook.xml" in names:
        return _as(read_xlsx(data, name), "xlsx")
    if b"%PDF-" in data[:1024]:
        return _as(read_pdf(data, name), "pdf")
    if data.startswith(_IMAGE_MAGIC):
        return _as(read_image(data, name), "image")
    if data.startswith(_OLE):
        return _as(read_legacy(data, name), "ole")
    if data.startswith(b"PK\x03\x04"):
        raise ReadError("JX002", "压缩包或不支持的 Office 文件（既非 Word 也非 Excel）",
                        "an archive or an unsupported Office file (neither Word nor Excel)", name)
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) \
            and utf16_order(head) is None:
        raise ReadError("JX002", "无法识别的二进制文件类型", "unknown binary file type", name)
    head = head.lower()
    if b"<html" in head or b"<!doctype html" in head or b"<table" in head:
        return _as(read_html(data, name, decode(data, name)[0]), "html")
    return _as(read_text(data, name), "text")
