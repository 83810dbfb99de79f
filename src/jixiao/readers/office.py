"""Legacy Office and WPS files (旧版 Office / WPS 文件): .doc and .wps through LibreOffice,
.xls and .et through xlrd (LibreOffice when xlrd cannot).

These are OLE compound files. Their directory says what they are — a ``WordDocument`` stream
(Word 97–2003, and Kingsoft WPS Writer's .wps), a ``Workbook`` or ``Book`` stream (Excel and
WPS Spreadsheets' .et), or ``EncryptionInfo`` + ``EncryptedPackage`` (a password-protected
.docx/.xlsx). A password-protected file is reported as such. Workbooks are read by xlrd
(``xls.py``); documents, and workbooks xlrd cannot read, are converted by LibreOffice, when
installed, to .docx/.xlsx in a private temporary folder and read by those readers. Without
LibreOffice, the message names the Debian package to install.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..blocks import Document
from ..errors import ReadError
from .docx import read_docx
from .xls import XlsError, read_xls
from .xlsx import read_xlsx

TIMEOUT = 180   # seconds for one conversion; a file that hangs LibreOffice ends as a finding
_PACKAGES = {"docx": "libreoffice-writer-nogui", "xlsx": "libreoffice-calc-nogui"}


def _kind(data: bytes, path: str) -> tuple[str, str]:
    """(“docx” or “xlsx”: what to convert to, a name for messages) from the OLE directory."""
    import olefile
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, IndexError) as exc:
        raise ReadError("JX001", f"Office 文件已损坏（{type(exc).__name__}）",
                        f"the Office file is damaged ({type(exc).__name__})", path) from None
    with ole:
        streams = {"/".join(s).lower() for s in ole.listdir()}
        if "encryptedpackage" in streams or "encryptioninfo" in streams:
            raise _locked(path)
        if "worddocument" in streams:
            fib = ole.openstream("WordDocument").read(12)
            if len(fib) >= 12 and int.from_bytes(fib[10:12], "little") & 0x0100:   # FIB fEncrypted
                raise _locked(path)
            return "docx", "Word 97-2003 / WPS 文字"
        if "workbook" in streams or "book" in streams:
            book = ole.openstream("Workbook" if "workbook" in streams else "Book").read(4096)
            if _filepass(book):
                raise _locked(path)
            return "xlsx", "Excel 97-2003 / WPS 表格"
    raise ReadError("JX002", "不支持的 OLE 文件（不是 Word、Excel 或 WPS 文档）",
                    "unsupported OLE file (not a Word, Excel or WPS document)", path)


def _filepass(book: bytes) -> bool:
    """Whether a BIFF8 workbook stream opens with a FILEPASS record (0x002F): a password."""
    at = 0
    for _ in range(64):
        if at + 4 > len(book):
            return False
        kind = int.from_bytes(book[at:at + 2], "little")
        size = int.from_bytes(book[at + 2:at + 4], "little")
        if kind == 0x002F:
            return True
        if kind == 0x00FC:   # the shared strings: past the header records
            return False
        at += 4 + size
    return False


def _locked(path: str) -> ReadError:
    return ReadError("JX001", "文件设有打开密码，请用密码打开后另存为无密码的副本",
                     "the file is password-protected; open it with its password and save an unprotected copy", path)


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, name: str, target: str, path: str, program: str | None = None) -> bytes:
    """``data``, a file called ``name`` (its suffix tells LibreOffice its type), saved as
    ``target`` (“docx”, “xls” …) by LibreOffice headless in a private temporary folder and
    profile, within ``TIMEOUT``; ReadError naming ``path`` when it fails."""
    program = program or soffice()
    with tempfile.TemporaryDirectory(prefix="jixiao-") as tmp:
        source = Path(tmp) / name
        source.write_bytes(data)
        cmd = [program, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{tmp}/profile",
               "--convert-to", target, "--outdir", tmp, str(source)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False,
                           env={**os.environ, "HOME": tmp}, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ReadError("JX001", f"LibreOffice 转换超时（{TIMEOUT}秒）", f"LibreOffice took over {TIMEOUT} s "
                            "to convert the file", path) from None
        out = source.with_suffix("." + target.split(":")[0])   # “csv:Text - txt - csv (StarCalc):…” writes .csv
        if not out.exists():
            raise ReadError("JX001", "LibreOffice 无法转换此文件（可能已损坏）",
                            "LibreOffice could not convert the file (it may be damaged)", path)
        return out.read_bytes()


def read_legacy(data: bytes, path: str) -> Document:
    """Read a .doc/.wps/.xls/.et file: workbooks by xlrd, the rest by converting with LibreOffice."""
    target, name = _kind(data, path)
    program = soffice()
    if target == "xlsx":
        try:
            return read_xls(data, path)
        except XlsError as exc:
            if program is None:
                raise ReadError("JX001", f"无法读取此 {name} 文件（{exc}）；可安装 LibreOffice（Debian/Ubuntu："
                                f"apt-get install {_PACKAGES[target]}）再试，或另存为 .xlsx",
                                f"cannot read this {name} file ({exc}); install LibreOffice (Debian/Ubuntu: "
                                f"apt-get install {_PACKAGES[target]}) to try again, or save it as .xlsx",
                                path) from None
    if program is None:
        raise ReadError("JX002", f"读取 {name} 文件需要 LibreOffice，请安装（Debian/Ubuntu：apt-get install "
                        f"{_PACKAGES[target]}），或另存为 .{target}",
                        f"reading {name} files needs LibreOffice: install it (Debian/Ubuntu: apt-get install "
                        f"{_PACKAGES[target]}), or save the file as .{target}", path)
    converted = convert(data, "in.doc" if target == "docx" else "in.xls", target, path, program)
    doc = read_docx(converted, path) if target == "docx" else read_xlsx(converted, path)
    doc.notes.append(f"已经 LibreOffice 转换为 .{target} 后读取 / read after LibreOffice converted it to .{target}")
    return doc
