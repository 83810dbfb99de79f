"""Hostile inputs (恶意与损坏输入): a deterministic corpus of what a reviewer's inbox and an attacker send.

``build(root)`` makes every case under ``root`` — damaged, enormous, nested, lying, looping and
malicious ZIP archives, folders, Word, Excel, HTML, PDF, text, image and legacy Office files — and
returns them as :class:`Case` records. Each case is built from a small valid document of an
invented bureau (青禾县医疗保障局: a title, a 绩效自评表 table 指标名称 | 指标值 | 实际完成值 | 分值 |
得分 and a paragraph), written by hand (OOXML parts, ZIP headers, PDF objects, PNG chunks, OLE
sectors) so that any part can be broken.

Deterministic: the same bytes every run (fixed timestamps, seeded randomness, encryption salts
from a counter). Small: the bombs are deflate streams of repeated blocks, never materialised
(a 1 GB member takes ~1 MB, a 6 GB nested bomb a few KB), and the multi-gigabyte files are
sparse. Only the standard library, Pillow and msoffcrypto-tool are used.

    from tests.hostile import build
    cases = build(Path("/tmp/hostile"))   # → list[Case], each with .name, .kind, .path

Running the package (``python tests/hostile ROOT``, or ``python -m hostile ROOT`` from tests/)
builds into the folder named (default /tmp/hostile) and lists the cases. Some cases can only be
made on a POSIX system (FIFOs, sockets, symlinks, chmod); elsewhere they are left out.

Modules, by family: ``common`` (the Case record, the base document, deflate and ZIP writers),
``archives`` (ZIP), ``office`` (DOCX, XLSX, legacy OLE), ``web`` (HTML, PDF), ``plain`` (text,
images) and ``folders`` (folders, odd files on disk, misc).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .archives import _zip_cases
from .common import Case
from .folders import _misc_cases, _posix_cases, _remove
from .office import _docx_cases, _xls_cases, _xlsx_cases
from .plain import _image_cases, _text_cases
from .web import _html_cases, _pdf_cases

__all__ = ["Case", "build"]


def build(root: Path) -> list[Case]:
    """Make every case under root (deterministic: same bytes every run) and return them.

    A case made by an earlier run is removed and made anew (files of other names under root are
    left alone)."""
    root = Path(root).absolute()
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    names: set[str] = set()

    def claim(name: str) -> None:
        assert name not in names, name
        names.add(name)

    def add(kind: str, name: str, suffix: str, data: bytes) -> None:
        claim(name)
        folder = root / kind
        folder.mkdir(exist_ok=True)
        path = folder / f"{name}{suffix}"
        _remove(path)
        path.write_bytes(data)
        cases.append(Case(name, kind, path))

    def add_dir(name: str, make: Callable[[Path], None]) -> Path:
        claim(name)
        path = root / "folder" / name
        _remove(path)
        path.mkdir(parents=True)
        make(path)
        cases.append(Case(name, "folder", path))
        return path

    def add_path(name: str, kind: str, filename: str, make: Callable[[Path], object]) -> Path:
        claim(name)
        folder = root / kind / name
        _remove(folder)
        folder.mkdir(parents=True)
        path = folder / filename
        make(path)
        cases.append(Case(name, kind, path))
        return path

    for family in (_zip_cases, _docx_cases, _xlsx_cases, _html_cases, _pdf_cases, _text_cases, _image_cases,
                   _xls_cases, _misc_cases):
        family(add)
    _posix_cases(add_dir, add_path)
    return cases
