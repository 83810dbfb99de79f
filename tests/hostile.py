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

Running it as a script builds into the folder named (default /tmp/hostile) and lists the cases.
Some cases can only be made on a POSIX system (FIFOs, sockets, symlinks, chmod); elsewhere
they are left out.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import socket
import stat
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["Case", "build"]


@dataclass(frozen=True)
class Case:
    name: str          # short id, e.g. "docx_gridspan_100000"
    kind: str          # family: zip, folder, docx, xlsx, html, pdf, text, image, xls, misc
    path: Path         # the file or folder made (inside the given root)


# ---------------------------------------------------------------------------------------------
# The valid base document
# ---------------------------------------------------------------------------------------------

UNIT = "青禾县医疗保障局"
TITLE = "青禾县医疗保障局2024年度部门整体支出绩效自评表"
HEAD = ["指标名称", "指标值", "实际完成值", "分值", "得分"]
ROWS = [HEAD,
        ["基本医保参保人数", "≥21.5万人", "21.6万人", "20", "20"],
        ["医保基金结算差错率", "≤0.5%", "0.3%", "10", "10"],
        ["待遇支付及时率", "≥98%", "99%", "10", "10"],
        ["参保群众满意度", "≥90%", "92%", "10", "9"],
        ["合计", "", "", "50", "49"]]
PARA = ("2024年度全年预算数1180.00万元，全年执行数1121.00万元，执行率95.00%。"
        "个别定点机构结算不及时，下一步按月通报结算进度。")
PASSWORD = "qinghe2024"


def _rows_with(**cells: str) -> list[list[str]]:
    """ROWS with some cells changed: key ``r1c2`` is row 1, column 2 (0-based)."""
    rows = [list(r) for r in ROWS]
    for key, value in cells.items():
        r, c = key[1:].split("c")
        rows[int(r)][int(c)] = value
    return rows


def _text(rows: list[list[str]] = ROWS, para: str = PARA) -> str:
    return "\n".join([TITLE, "单位：" + UNIT, *("\t".join(r) for r in rows), para]) + "\n"


def _rng(tag: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(tag.encode()).digest()[:8], "big"))


def _garbage(tag: str, n: int) -> bytes:
    return _rng(tag).randbytes(n)


# ---------------------------------------------------------------------------------------------
# Deflate of repeated blocks, CRC-32 and Adler-32 without the bytes
# ---------------------------------------------------------------------------------------------

def _gf2_times(mat: list[int], vec: int) -> int:
    s, i = 0, 0
    while vec:
        if vec & 1:
            s ^= mat[i]
        vec >>= 1
        i += 1
    return s


def _gf2_square(mat: list[int]) -> list[int]:
    return [_gf2_times(mat, mat[n]) for n in range(32)]


def _crc_combine(crc1: int, crc2: int, len2: int) -> int:
    """zlib's crc32_combine: the CRC of A+B from CRC(A), CRC(B) and len(B)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def _adler_combine(a1: int, a2: int, len2: int) -> int:
    """zlib's adler32_combine."""
    base = 65521
    rem = len2 % base
    sum1 = a1 & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (a2 & 0xFFFF) + base - 1
    sum2 += ((a1 >> 16) & 0xFFFF) + ((a2 >> 16) & 0xFFFF) + base - rem
    if sum1 >= base:
        sum1 -= base
    if sum1 >= base:
        sum1 -= base
    if sum2 >= base << 1:
        sum2 -= base << 1
    if sum2 >= base:
        sum2 -= base
    return sum1 | (sum2 << 16)


def _repeat_sum(first: int, combine: Callable[[int, int, int], int], value: int, length: int, n: int) -> int:
    """A checksum of a block repeated ``n`` times, by doubling."""
    result = first
    while n:
        if n & 1:
            result = combine(result, value, length)
        value = combine(value, value, length)
        length *= 2
        n >>= 1
    return result


@dataclass(frozen=True)
class _Stream:
    data: bytes      # compressed
    crc: int
    adler: int
    size: int        # unpacked


_BLOCKS: dict[bytes, bytes] = {}


def _runs(segments: list[tuple[bytes, int]], wrap: bool = False) -> _Stream:
    """The deflate stream of the concatenation of ``chunk * n`` for each segment, made from one
    full-flushed block per chunk (a fresh compressor per segment, so the blocks repeat)."""
    out, crc, adler, size = [b"\x78\xda"] if wrap else [], 0, 1, 0
    for chunk, n in segments:
        if not chunk or n <= 0:
            continue
        block = _BLOCKS.get(chunk)
        if block is None:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            block = _BLOCKS.setdefault(chunk, c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH))
        out.append(block * n)
        crc = _crc_combine(crc, _repeat_sum(0, _crc_combine, zlib.crc32(chunk), len(chunk), n), len(chunk) * n)
        adler = _adler_combine(adler, _repeat_sum(1, _adler_combine, zlib.adler32(chunk), len(chunk), n),
                               len(chunk) * n)
        size += len(chunk) * n
    out.append(zlib.compressobj(9, zlib.DEFLATED, -15).flush())
    if wrap:
        out.append(struct.pack(">I", adler))
    return _Stream(b"".join(out), crc, adler, size)


MB = 2**20


def _fill(byte: bytes, total: int, prefix: bytes = b"", suffix: bytes = b"", wrap: bool = False) -> _Stream:
    """``prefix + byte * total + suffix``, deflated without being made."""
    whole, rest = divmod(total, MB)
    return _runs([(prefix, 1), (byte * MB, whole), (byte * rest, 1), (suffix, 1)], wrap)


def _deflate(raw: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(raw) + c.flush()


# ---------------------------------------------------------------------------------------------
# ZIP archives written header by header
# ---------------------------------------------------------------------------------------------

_DOSDATE = 0x21          # 1980-01-01
_UNIX_FILE = (stat.S_IFREG | 0o644) << 16
_UNIX_LINK = (stat.S_IFLNK | 0o777) << 16
_UNIX_FIFO = (stat.S_IFIFO | 0o644) << 16


@dataclass
class _Z:
    name: bytes
    data: bytes            # the payload as stored
    crc: int
    usize: int             # declared unpacked size
    method: int = 8
    flags: int = 0
    attr: int = 0
    system: int = 0        # 0 MS-DOS, 3 Unix
    lname: bytes | None = None      # the name in the local header, when it differs
    csize: int | None = None        # declared packed size, when it lies
    offset: int | None = None       # index of the entry whose local header this one shares


def _name(name: str | bytes) -> tuple[bytes, int]:
    if isinstance(name, bytes):
        return name, 0
    return name.encode(), (0 if name.isascii() else 0x800)


def _m(name: str | bytes, raw: bytes | str, method: int = 8, **kw) -> _Z:
    """A member with honest headers (unless ``kw`` says otherwise)."""
    raw = raw.encode() if isinstance(raw, str) else raw
    nb, flags = _name(name)
    data = _deflate(raw) if method == 8 else raw
    kw.setdefault("flags", flags)
    return _Z(nb, data, zlib.crc32(raw), len(raw), method, **kw)


def _ms(name: str | bytes, s: _Stream, **kw) -> _Z:
    """A member from a prepared deflate stream."""
    nb, flags = _name(name)
    kw.setdefault("flags", flags)
    return _Z(nb, s.data, s.crc, s.size, 8, **kw)


def _zip(entries: list[_Z], *, comment: bytes = b"", prefix: bytes = b"", count: int | None = None,
         cd_shift: int = 0, disk: int = 0) -> bytes:
    out, cd, offsets = bytearray(prefix), bytearray(), []
    for e in entries:
        csize = len(e.data) if e.csize is None else e.csize
        big = e.usize >= 0xFFFFFFFF or csize >= 0xFFFFFFFF
        us, cs = (0xFFFFFFFF, 0xFFFFFFFF) if big else (e.usize, csize)
        z64 = struct.pack("<HHQQ", 1, 16, e.usize, csize) if big else b""
        ver = 45 if big else 20
        if e.offset is None:
            off = len(out) - len(prefix)
            lname = e.name if e.lname is None else e.lname
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, ver, e.flags, e.method, 0, _DOSDATE, e.crc, cs, us,
                               len(lname), len(z64)) + lname + z64 + e.data
        else:
            off = offsets[e.offset]
        offsets.append(off)
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (e.system << 8) | ver, ver, e.flags, e.method, 0,
                          _DOSDATE, e.crc, cs, us, len(e.name), len(z64), 0, 0, 0, e.attr, off) + e.name + z64
    n = len(entries) if count is None else count
    cd_off = len(out) - len(prefix)
    out += cd
    out += struct.pack("<IHHHHIIH", 0x06054B50, disk, disk, n & 0xFFFF, n & 0xFFFF, len(cd),
                       (cd_off + cd_shift) & 0xFFFFFFFF, len(comment)) + comment
    return bytes(out)


def _pyzip(members: list[tuple[str, bytes]], compression: int) -> bytes:
    """An archive made by zipfile itself (for bzip2 and LZMA members), with fixed dates."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------------------------

_NS_W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CT_DOCX = (_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>')
_RELS_DOCX = (_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'officeDocument" Target="word/document.xml"/></Relationships>')
_BORDERS = ("<w:tblBorders>" + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                                       for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>")


def _wp(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _wtc(text: str, pr: str = "") -> str:
    return "<w:tc>" + (f"<w:tcPr>{pr}</w:tcPr>" if pr else "") + _wp(text) + "</w:tc>"


def _wtbl(rows: list[list[str]], pr: dict[tuple[int, int], str] | None = None) -> str:
    pr = pr or {}
    width = max(len(r) for r in rows)
    grid = "<w:tblGrid>" + '<w:gridCol w:w="1700"/>' * min(width, 63) + "</w:tblGrid>"
    body = "".join("<w:tr>" + "".join(_wtc(c, pr.get((i, j), "")) for j, c in enumerate(r)) + "</w:tr>"
                   for i, r in enumerate(rows))
    return f"<w:tbl><w:tblPr>{_BORDERS}</w:tblPr>{grid}{body}</w:tbl>"


def _wbody(rows: list[list[str]] = ROWS, pr: dict[tuple[int, int], str] | None = None) -> str:
    return _wp(TITLE) + _wp("单位：" + UNIT) + _wtbl(rows, pr) + _wp(PARA)


def _wdoc(body: str | None = None, *, decl: str = _DECL, doctype: str = "") -> str:
    return decl + doctype + f"<w:document {_NS_W}><w:body>{_wbody() if body is None else body}<w:sectPr/></w:body></w:document>"


def _package(parts: dict[str, bytes | str | _Stream]) -> bytes:
    members = []
    for name, body in parts.items():
        if isinstance(body, _Stream):
            members.append(_ms(name, body))
        else:
            members.append(_m(name, body))
    return _zip(members)


def _docx(document: bytes | str | _Stream | None = None, *, drop: tuple[str, ...] = (),
          extra: dict[str, bytes | str] | None = None) -> bytes:
    parts: dict[str, bytes | str | _Stream] = {"[Content_Types].xml": _CT_DOCX, "_rels/.rels": _RELS_DOCX,
                                               "word/document.xml": _wdoc() if document is None else document}
    parts.update(extra or {})
    return _package({k: v for k, v in parts.items() if k not in drop})


def _laughs(root_tag: str, ns: str, wrap: Callable[[str], str]) -> str:
    ents = ['<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">'] + [
        f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {root_tag} [\n' + "\n".join(ents) + "\n]>\n"
            + wrap("&a9;"))


def _quadratic(root_tag: str, wrap: Callable[[str], str]) -> str:
    """One 50 KB entity referenced 20,000 times (no nesting: passes entity-depth guards)."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {root_tag} [<!ENTITY q "{"啊" * 50_000}">]>\n'
            + wrap("&q;" * 20_000))


def _xxe(root_tag: str, target: str, wrap: Callable[[str], str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {root_tag} [<!ENTITY x SYSTEM "{target}">]>\n'
            + wrap("&x;"))


def _xxe_param(root_tag: str, wrap: Callable[[str], str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {root_tag} [<!ENTITY % p SYSTEM '
            f'"http://127.0.0.1:9/evil.dtd"> %p;]>\n' + wrap("外部DTD"))


def _w_wrap(inner: str) -> str:
    return f"<w:document {_NS_W}><w:body>{_wp(TITLE)}<w:p><w:r><w:t>{inner}</w:t></w:r></w:p>{_wtbl(ROWS)}</w:body></w:document>"


def _nested_tables(depth: int) -> str:
    return _wp(TITLE) + "<w:tbl><w:tr><w:tc>" * depth + _wp("最内层") + "</w:tc></w:tr></w:tbl>" * depth + _wp(PARA)


def _encrypt_ooxml(plain: bytes) -> bytes:
    """Agile-encrypted (password PASSWORD) with salts from a counter, so the bytes repeat."""
    from datetime import datetime
    from unittest import mock

    import msoffcrypto.method.container.ecma376_encrypted as container
    import msoffcrypto.method.ecma376_agile as agile
    from msoffcrypto.format.ooxml import OOXMLFile
    counter = [0]

    class Fixed(datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2025, 3, 10, 9, 0, 0)

    def fixed(n: int) -> bytes:
        counter[0] += 1
        return hashlib.sha512(b"hostile-%d" % counter[0]).digest()[:n].ljust(n, b"\x5a")

    out = io.BytesIO()
    with mock.patch.object(agile, "_random_buffer", fixed), mock.patch.object(container, "datetime", Fixed):
        OOXMLFile(io.BytesIO(plain)).encrypt(PASSWORD, out)
    return out.getvalue()


def _docx_cases(add: Callable[..., None]) -> None:
    k = "docx"
    add(k, "docx_valid", ".docx", _docx())
    add(k, "docx_xml_syntax_error", ".docx", _docx(_wdoc().replace("</w:tbl>", "</w:tbx>", 1)))
    add(k, "docx_xml_truncated", ".docx", _docx(_wdoc()[: len(_wdoc()) // 2]))
    for label, val in (("100000", "100000"), ("abc", "abc"), ("neg5", "-5"), ("1e9", "1e9"), ("empty", "")):
        pr = {(i, 0): f'<w:gridSpan w:val="{val}"/>' for i in range(len(ROWS))}
        add(k, f"docx_gridspan_{label}", ".docx", _docx(_wdoc(_wbody(pr=pr))))
    restart, go_on = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    rows = "".join("<w:tr>" + _wtc("参保人数", restart if i == 0 else go_on) + _wtc(str(i)) + "</w:tr>"
                   for i in range(50_000))
    add(k, "docx_vmerge_50000", ".docx", _docx(_wdoc(_wp(TITLE) + f"<w:tbl>{rows}</w:tbl>")))
    add(k, "docx_vmerge_orphan", ".docx",
        _docx(_wdoc(_wbody(pr={(0, j): "<w:vMerge/>" for j in range(5)}))))
    cells = _wtc("1") * 20_000
    add(k, "docx_row_20000_cells", ".docx", _docx(_wdoc(_wbody() + f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")))
    add(k, "docx_rows_60000", ".docx", _docx(_wdoc(_wbody() + "<w:tbl>" + "".join(
        "<w:tr>" + _wtc("得分") + _wtc(str(i)) + "</w:tr>" for i in range(60_000)) + "</w:tbl>")))
    add(k, "docx_table_empty", ".docx", _docx(_wdoc(_wp(TITLE) + "<w:tbl/><w:tbl><w:tr/></w:tbl>" + _wp(PARA))))
    add(k, "docx_cells_outside_rows", ".docx", _docx(_wdoc(_wp(TITLE) + "<w:tbl>" + _wtc("分值") * 5 + "</w:tbl>")))
    add(k, "docx_missing_document_xml", ".docx", _docx(drop=("word/document.xml",)))
    add(k, "docx_missing_content_types", ".docx", _docx(drop=("[Content_Types].xml",)))
    add(k, "docx_missing_rels", ".docx", _docx(drop=("_rels/.rels",)))
    add(k, "docx_document_xml_binary", ".docx", _docx(_garbage("docx-bin", 4096)))
    add(k, "docx_document_xml_empty", ".docx", _docx(b""))
    add(k, "docx_billion_laughs", ".docx", _docx(_laughs("w:document", _NS_W, _w_wrap)))
    add(k, "docx_quadratic_blowup", ".docx", _docx(_quadratic("w:document", _w_wrap)))
    add(k, "docx_xxe_passwd", ".docx", _docx(_xxe("w:document", "file:///etc/passwd", _w_wrap)))
    add(k, "docx_xxe_param_network", ".docx", _docx(_xxe_param("w:document", _w_wrap)))
    add(k, "docx_external_dtd", ".docx", _docx(_wdoc(doctype='<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/w.dtd">\n')))
    add(k, "docx_nested_tables_200", ".docx", _docx(_wdoc(_nested_tables(200))))
    add(k, "docx_nested_tables_2000", ".docx", _docx(_wdoc(_nested_tables(2000))))
    add(k, "docx_nested_runs_100000", ".docx",
        _docx(_wdoc(_wbody() + "<w:p>" + "<w:ins>" * 100_000 + "<w:r><w:t>深</w:t></w:r>" + "</w:ins>" * 100_000 + "</w:p>")))
    add(k, "docx_zero_bytes", ".docx", b"")
    plain = _docx()
    add(k, "docx_encrypted", ".docx", _encrypt_ooxml(plain))
    add(k, "docx_bom_utf16_on_utf8", ".docx", _docx(b"\xff\xfe" + _wdoc().encode()))
    add(k, "docx_bom_utf8_on_utf16", ".docx",
        _docx(b"\xef\xbb\xbf" + _wdoc(decl='<?xml version="1.0" encoding="UTF-16"?>\n').encode("utf-16-le")))
    add(k, "docx_decl_gbk_is_utf8", ".docx", _docx(_wdoc(decl='<?xml version="1.0" encoding="GBK"?>\n').encode()))
    add(k, "docx_decl_unknown_encoding", ".docx", _docx(_wdoc(decl='<?xml version="1.0" encoding="x-qinghe"?>\n')))
    add(k, "docx_part_bomb_1g", ".docx", _docx(_fill(b" ", 1024 * MB, prefix=_wdoc().split("<w:sectPr/>")[0].encode(),
                                                      suffix=b"<w:sectPr/></w:body></w:document>")))
    add(k, "docx_text_5mb_one_run", ".docx", _docx(_wdoc(_wbody() + _wp("执行率95%" * 800_000))))
    add(k, "docx_bad_crc", ".docx", _bad_crc(plain))
    add(k, "docx_truncated", ".docx", plain[: len(plain) * 2 // 3])
    add(k, "docx_header_rel_missing_part", ".docx", _docx(extra={
        "word/_rels/document.xml.rels": _DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/header" Target="../../../../etc/passwd"/><Relationship Id="rId8" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/image" Target="http://127.0.0.1:9/x.png" '
        'TargetMode="External"/></Relationships>',
        "word/header1.xml": "<不是XML"}))
    add(k, "docx_numbers_weird", ".docx", _docx(_wdoc(_wbody(_weird_rows()))))


def _bad_crc(zipped: bytes) -> bytes:
    """The first member's data with one byte flipped (the CRC no longer matches)."""
    b = bytearray(zipped)
    n, m = struct.unpack_from("<HH", b, 26)
    at = 30 + n + m + 5
    b[at] ^= 0x55
    return bytes(b)


def _weird_rows() -> list[list[str]]:
    return _rows_with(r1c2="9" * 10_000, r1c3="1" + "0" * 10_000, r2c2="1e999999", r2c3="NaN", r3c3="inf",
                      r3c4="-inf", r4c3="1e-999999", r4c4="0x1F", r5c3="-0", r5c4="１２３．４５")


# ---------------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------------

_NS_X = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_STYLES = (_DECL + f'<styleSheet xmlns="{_NS_X}">{{numfmts}}<fonts count="1"><font><sz val="11"/><name val="宋体"/>'
           '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
           'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/>'
           '<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
           'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
           'xfId="0"/><xf numFmtId="{fmt}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
           '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           '</styleSheet>')


def _styles(fmt_id: int = 0, code: str | None = None) -> str:
    numfmts = f'<numFmts count="1"><numFmt numFmtId="{fmt_id}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>' \
              '</numFmts>' if code is not None else ""
    return _STYLES.format(numfmts=numfmts, fmt=fmt_id)


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _isnum(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return v.strip() != "" and v.isascii()


class _Sheet:
    """Rows as sheet XML, strings into a shared-strings list."""

    def __init__(self, sst: list[str]) -> None:
        self.sst = sst

    def cell(self, ref: str, v: str, style: str = "") -> str:
        s = f' s="{style}"' if style else ""
        if v == "":
            return ""
        if _isnum(v):
            return f'<c r="{ref}"{s}><v>{v}</v></c>'
        self.sst.append(v)
        return f'<c r="{ref}" t="s"{s}><v>{len(self.sst) - 1}</v></c>'

    def rows(self, rows: list[list[str]], r0: int = 1) -> str:
        return "".join(f'<row r="{i}">' + "".join(self.cell(f"{_col(j)}{i}", v) for j, v in enumerate(r, 1))
                       + "</row>" for i, r in enumerate(rows, r0))


def _sheet_xml(data: str, *, dim: str | None = "A1:E8", merges: tuple[str, ...] = ("A1:E1",), after: str = "",
               before: str = "") -> str:
    d = f'<dimension ref="{dim}"/>' if dim else ""
    m = (f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{r}"/>' for r in merges)
         + "</mergeCells>") if merges else ""
    return (_DECL + f'<worksheet xmlns="{_NS_X}" xmlns:r="{_NS_R}">{d}{before}<sheetData>{data}</sheetData>{m}{after}'
            "</worksheet>")


def _base_grid(rows: list[list[str]] = ROWS) -> list[list[str]]:
    return [[TITLE], ["单位：" + UNIT], *rows, [PARA]]


def _sst_xml(sst: list[str]) -> str:
    return (_DECL + f'<sst xmlns="{_NS_X}" count="{len(sst)}" uniqueCount="{len(sst)}">'
            + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in sst) + "</sst>")


def _xlsx(sheets: list[tuple[str, str | bytes | _Stream, str]] | None = None, *, sst: list[str] | str | bytes | None = None,
          styles: str | bytes | None = None, drop: tuple[str, ...] = (), extra: dict[str, str | bytes] | None = None,
          workbook: str | None = None) -> bytes:
    """A workbook: ``sheets`` as (name, worksheet XML, state); the base table when None."""
    if sheets is None:
        strings: list[str] = []
        sheets = [("自评表", _sheet_xml(_Sheet(strings).rows(_base_grid())), "visible")]
        sst = strings if sst is None else sst
    sst = sst if sst is not None else []
    ct = [f'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          f'spreadsheetml.sheet.main+xml"/>',
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.sharedStrings+xml"/>',
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.styles+xml"/>']
    rels = [f'<Relationship Id="rIdS" Type="{_NS_R}/sharedStrings" Target="sharedStrings.xml"/>',
            f'<Relationship Id="rIdT" Type="{_NS_R}/styles" Target="styles.xml"/>']
    entries = []
    parts: dict[str, str | bytes | _Stream] = {}
    for i, (name, xml, state) in enumerate(sheets, 1):
        st = f' state="{state}"' if state != "visible" else ""
        entries.append(f'<sheet name="{escape(name)}" sheetId="{i}"{st} r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{_NS_R}/worksheet" Target="worksheets/sheet{i}.xml"/>')
        ct.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-'
                  f'officedocument.spreadsheetml.worksheet+xml"/>')
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    parts = {
        "[Content_Types].xml": _DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(ct) + "</Types>",
        "_rels/.rels": _DECL + f'<Relationships xmlns="{_NS_PR}"><Relationship Id="rId1" Type="{_NS_R}/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": workbook or (_DECL + f'<workbook xmlns="{_NS_X}" xmlns:r="{_NS_R}"><sheets>'
                                        + "".join(entries) + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": _DECL + f'<Relationships xmlns="{_NS_PR}">' + "".join(rels) + "</Relationships>",
        **parts,
        "xl/sharedStrings.xml": _sst_xml(sst) if isinstance(sst, list) else sst,
        "xl/styles.xml": _styles() if styles is None else styles,
    }
    parts.update(extra or {})
    return _package({k: v for k, v in parts.items() if k not in drop})


def _one(xml: str | bytes | _Stream, sst: list[str] | str | bytes, **kw) -> bytes:
    return _xlsx([("自评表", xml, "visible")], sst=sst, **kw)


def _base_sheet(rows: list[list[str]] | None = None, **kw) -> tuple[str, list[str]]:
    strings: list[str] = []
    return _sheet_xml(_Sheet(strings).rows(_base_grid(rows or ROWS)), **kw), strings


def _x_wrap(inner: str) -> str:
    return f'<worksheet xmlns="{_NS_X}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{inner}</t></is></c></row></sheetData></worksheet>'


def _sst_wrap(inner: str) -> str:
    return f'<sst xmlns="{_NS_X}" count="1" uniqueCount="1"><si><t>{inner}</t></si></sst>'


def _xlsx_cases(add: Callable[..., None]) -> None:
    k = "xlsx"
    add(k, "xlsx_valid", ".xlsx", _xlsx())
    xml, sst = _base_sheet(merges=("A1:XFD1048576",))
    add(k, "xlsx_merge_whole_sheet", ".xlsx", _one(xml, sst))
    xml, sst = _base_sheet(merges=("A3:A1048576", "B3:XFD3"))
    add(k, "xlsx_merge_full_column_and_row", ".xlsx", _one(xml, sst))
    xml, sst = _base_sheet(merges=tuple(f"A{9 + 2 * i}:B{9 + 2 * i}" for i in range(100_000)))
    add(k, "xlsx_merge_100000_ranges", ".xlsx", _one(xml, sst))
    xml, sst = _base_sheet(merges=("A1:C3", "B2:D4", "A1:E1", "E5:A3"))
    add(k, "xlsx_merge_overlapping_reversed", ".xlsx", _one(xml, sst))
    xml, sst = _base_sheet(merges=("abc", "A0:B2", "ZZZZ1:A1", ":", "A1:A99999999", "$A$1:$B$2"))
    add(k, "xlsx_merge_bad_refs", ".xlsx", _one(xml, sst))
    xml, sst = _base_sheet(dim="A1:XFD1048576", merges=())
    add(k, "xlsx_dimension_whole_sheet", ".xlsx", _one(xml, sst))
    xml, sst = _base_sheet(dim="A1:ZZZZZZ99999999999", merges=())
    add(k, "xlsx_dimension_garbage", ".xlsx", _one(xml, sst))
    strings: list[str] = []
    sh = _Sheet(strings)
    add(k, "xlsx_cell_at_XFD1048576", ".xlsx", _one(_sheet_xml(sh.rows(_base_grid()) + '<row r="1048576">'
                                                                + sh.cell("XFD1048576", "末格") + "</row>", dim=None),
                                                     strings))
    add(k, "xlsx_cell_refs_garbage", ".xlsx", _one(_sheet_xml(
        '<row r="1"><c r="1A"><v>1</v></c><c r=""><v>2</v></c><c r="XFE1"><v>3</v></c><c><v>4</v></c></row>'
        '<row r="0"><c r="A0"><v>5</v></c></row><row r="-3"><c r="B-3"><v>6</v></c></row>'
        '<row r="abc"><c r="C9"><v>7</v></c></row>', dim=None, merges=()), []))
    xml, sst = _base_sheet()
    add(k, "xlsx_sst_index_out_of_range", ".xlsx", _one(xml.replace("<v>3</v>", "<v>99999</v>"), sst))
    add(k, "xlsx_sst_index_negative", ".xlsx", _one(xml.replace("<v>3</v>", "<v>-1</v>"), sst))
    add(k, "xlsx_sst_index_abc", ".xlsx", _one(xml.replace("<v>3</v>", "<v>abc</v>"), sst))
    add(k, "xlsx_sst_missing", ".xlsx", _one(xml, sst, drop=("xl/sharedStrings.xml",)))
    add(k, "xlsx_sst_count_lies", ".xlsx",
        _one(xml, _sst_xml(sst).replace(f'count="{len(sst)}" uniqueCount="{len(sst)}"',
                                        'count="2000000000" uniqueCount="2000000000"')))
    add(k, "xlsx_sst_string_5mb", ".xlsx", _one(xml, sst[:3] + ["分值" * 2_500_000] + sst[4:]))
    add(k, "xlsx_styles_damaged", ".xlsx", _one(xml, sst, styles=_styles()[:300] + "<<<"))
    add(k, "xlsx_styles_missing", ".xlsx", _one(xml, sst, drop=("xl/styles.xml",)))
    add(k, "xlsx_style_index_out_of_range", ".xlsx", _one(xml.replace("<c r=\"D4\"", "<c s=\"9999\" r=\"D4\""), sst))
    fmt_sheet = xml.replace('<c r="D4">', '<c r="D4" s="1">').replace('<c r="E4">', '<c r="E4" s="1">')
    add(k, "xlsx_numfmt_10000_chars", ".xlsx", _one(fmt_sheet, sst, styles=_styles(164, '0.00"万元"' * 1000)))
    add(k, "xlsx_numfmt_garbage", ".xlsx", _one(fmt_sheet, sst, styles=_styles(164, '[<>=]#,##[[[;;;;@@@"')))
    for label, v in (("1e10", "1e10"), ("negative", "-1"), ("year_10000", "2958466"), ("nan", "NaN")):
        date_sheet = xml.replace('<c r="D4"><v>20</v></c>', f'<c r="D4" s="1"><v>{v}</v></c>')
        add(k, f"xlsx_date_{label}", ".xlsx", _one(date_sheet, sst, styles=_styles(14)))
    strings = []
    sh = _Sheet(strings)
    rows = sh.rows(_base_grid()[:3]) + "".join(
        f'<row r="{i}"><c r="A{i}" t="s"><v>{len(strings) + 0}</v></c><c r="D{i}"><f>SUM(D4:D7)*{i}</f></c>'
        f'<c r="E{i}"><f>IF(D{i}&gt;0,D{i},0)</f></c></row>' for i in range(4, 9))
    strings.append("公式行")
    add(k, "xlsx_formulas_no_cached_values", ".xlsx", _one(_sheet_xml(rows), strings))
    xml, sst = _base_sheet()
    hidden = [(f"隐藏{i}", _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>', dim=None, merges=()),
               "hidden" if i % 2 else "veryHidden") for i in range(100)]
    add(k, "xlsx_hidden_sheets_100", ".xlsx", _xlsx(hidden + [("自评表", xml, "visible")], sst=sst))
    add(k, "xlsx_only_hidden_sheets", ".xlsx", _xlsx([("隐藏", xml, "hidden")], sst=sst))
    for label, v in (("nan", "NaN"), ("inf", "1e999999"), ("digits_10000", "9" * 10_000), ("hex", "0x1F")):
        add(k, f"xlsx_value_{label}", ".xlsx", _one(xml.replace("<v>20</v>", f"<v>{v}</v>"), sst))
    add(k, "xlsx_cell_types_unknown", ".xlsx", _one(xml.replace('<c r="D4"><v>20</v></c>', '<c r="D4" t="zz"><v>20</v></c>')
                                                     .replace('<c r="E4"><v>20</v></c>', '<c r="E4" t="b"><v>7</v></c>')
                                                     .replace('<c r="D5"><v>10</v></c>', '<c r="D5" t="e"><v>#DIV/0!</v></c>')
                                                     .replace('<c r="E5"><v>10</v></c>', '<c r="E5" t="d"><v>not-a-date</v></c>'), sst))
    add(k, "xlsx_billion_laughs_sheet", ".xlsx", _one(_laughs("worksheet", _NS_X, _x_wrap), []))
    add(k, "xlsx_billion_laughs_sst", ".xlsx", _one(xml.replace("<v>3</v>", "<v>0</v>"), _laughs("sst", _NS_X, _sst_wrap)))
    add(k, "xlsx_quadratic_blowup_sst", ".xlsx", _one(xml, _quadratic("sst", _sst_wrap)))
    add(k, "xlsx_xxe_passwd_sst", ".xlsx", _one(xml.replace("<v>3</v>", "<v>0</v>"),
                                                 _xxe("sst", "file:///etc/passwd", _sst_wrap)))
    add(k, "xlsx_xxe_param_network_sheet", ".xlsx", _one(_xxe_param("worksheet", _x_wrap), []))
    add(k, "xlsx_sheet_xml_syntax_error", ".xlsx", _one(xml.replace("</sheetData>", "</sheetDat>"), sst))
    add(k, "xlsx_sheet_bomb_1g", ".xlsx", _one(_fill(b" ", 1024 * MB, prefix=xml.split("</sheetData>")[0].encode(),
                                                      suffix=b"</sheetData></worksheet>"), sst))
    add(k, "xlsx_rows_100000", ".xlsx", _one(_sheet_xml(xml.split("<sheetData>")[1].split("</sheetData>")[0] + "".join(
        f'<row r="{i}"><c r="D{i}"><v>{i % 10}</v></c></row>' for i in range(9, 100_009)), dim=None), sst))
    add(k, "xlsx_row_16384_cells", ".xlsx", _one(_sheet_xml(xml.split("<sheetData>")[1].split("</sheetData>")[0]
                                                             + '<row r="9">' + "".join(f'<c r="{_col(j)}9"><v>{j}</v></c>'
                                                                                       for j in range(1, 16385)) + "</row>",
                                                             dim=None), sst))
    add(k, "xlsx_row_gap_to_1048576", ".xlsx",
        _one(xml.replace("</sheetData>", '<row r="1048576"><c r="E1048576"><v>1</v></c></row></sheetData>'), sst))
    add(k, "xlsx_workbook_missing_sheet_part", ".xlsx", _one(xml, sst, drop=("xl/worksheets/sheet1.xml",)))
    add(k, "xlsx_workbook_no_sheets", ".xlsx", _one(xml, sst, workbook=_DECL + f'<workbook xmlns="{_NS_X}"><sheets/></workbook>'))
    add(k, "xlsx_workbook_xml_garbage", ".xlsx", _one(xml, sst, workbook="<workbook"))
    add(k, "xlsx_rels_traversal", ".xlsx", _one(xml, sst, extra={
        "xl/_rels/workbook.xml.rels": _DECL + f'<Relationships xmlns="{_NS_PR}"><Relationship Id="rId1" Type="{_NS_R}/'
        'worksheet" Target="../../../../../etc/passwd"/></Relationships>'}))
    add(k, "xlsx_strict_namespace", ".xlsx", _one(xml.replace(_NS_X, "http://purl.oclc.org/ooxml/spreadsheetml/main"), sst))
    add(k, "xlsx_nested_elements_100000", ".xlsx", _one(xml.replace("</sheetData>", "</sheetData>" + "<extLst>" * 100_000
                                                                    + "</extLst>" * 100_000), sst))
    add(k, "xlsx_bom_utf16_on_utf8", ".xlsx", _one(b"\xff\xfe" + xml.encode(), sst))
    add(k, "xlsx_zero_bytes", ".xlsx", b"")
    add(k, "xlsx_encrypted", ".xlsx", _encrypt_ooxml(_xlsx()))
    add(k, "xlsx_sheet_name_hostile", ".xlsx", _xlsx([("../../x/\u202e自评表" + "长" * 40, xml, "visible")], sst=sst))
    add(k, "xlsx_truncated", ".xlsx", _xlsx()[:3000])


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

def _html_table(rows: list[list[str]] = ROWS, attrs: dict[tuple[int, int], str] | None = None) -> str:
    attrs = attrs or {}
    return '<table border="1">' + "".join(
        "<tr>" + "".join(f"<td{(' ' + attrs[(i, j)]) if (i, j) in attrs else ''}>{escape(c)}</td>"
                         for j, c in enumerate(r)) + "</tr>" for i, r in enumerate(rows)) + "</table>"


def _html(body: str | None = None, *, charset: str | None = "utf-8", head: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    body = f"<h1>{TITLE}</h1><p>单位：{UNIT}</p>{_html_table()}<p>{PARA}</p>" if body is None else body
    return f"<!DOCTYPE html>\n<html><head>{meta}{head}<title>{TITLE}</title></head><body>{body}</body></html>\n"


def _hbody(table: str) -> str:
    return f"<h1>{TITLE}</h1><p>单位：{UNIT}</p>{table}<p>{PARA}</p>"


def _html_cases(add: Callable[..., None]) -> None:
    k = "html"
    add(k, "html_valid", ".html", _html().encode())
    for label, attr in (("colspan_100000", 'colspan="100000"'), ("rowspan_100000", 'rowspan="100000"'),
                        ("colspan_neg5", 'colspan="-5"'), ("colspan_abc", 'colspan="abc"'),
                        ("colspan_1e9", 'colspan="1e9"'), ("colspan_fullwidth", 'colspan="１０００００"'),
                        ("rowspan_zero", 'rowspan="0"'), ("colspan_huge_int", 'colspan="' + "9" * 5000 + '"')):
        add(k, f"html_{label}", ".html", _html(_hbody(_html_table(attrs={(i, 0): attr for i in range(len(ROWS))}))).encode())
    grid = '<table border="1">' + ("<tr>" + '<td colspan="1000" rowspan="1000">1</td>' * 10 + "</tr>") * 10 + "</table>"
    add(k, "html_span_grid_explosion", ".html", _html(_hbody(_html_table() + grid)).encode())
    add(k, "html_nested_tables_10000", ".html",
        _html(_hbody(_html_table() + "<table><tr><td>" * 10_000 + "深" + "</td></tr></table>" * 10_000)).encode())
    add(k, "html_nested_tables_unclosed_10000", ".html", _html(_hbody(_html_table() + "<table><tr><td>" * 10_000)).encode())
    add(k, "html_nested_divs_10000", ".html", _html(_hbody("<div>" * 10_000 + _html_table() + "</div>" * 10_000)).encode())
    add(k, "html_charset_gbk_is_utf8", ".html", _html(charset="gbk").encode("utf-8"))
    add(k, "html_charset_utf8_is_gbk", ".html", _html(charset="utf-8").encode("gbk"))
    add(k, "html_charset_unknown", ".html", _html(charset="x-qinghe-9").encode())
    add(k, "html_charset_utf16_is_ascii", ".html", _html(charset="utf-16").encode())
    add(k, "html_xml_decl_gbk_is_utf8", ".html", ('<?xml version="1.0" encoding="gbk"?>\n' + _html(charset=None)).encode())
    add(k, "html_utf16le_no_bom", ".html", _html().encode("utf-16-le"))
    add(k, "html_utf16be_bom", ".html", b"\xfe\xff" + _html().encode("utf-16-be"))
    add(k, "html_utf32_bom", ".html", _html().encode("utf-32"))
    add(k, "html_one_line_2mb", ".html", _html(_hbody(_html_table()) + "<p>" + "执行率95.00%，" * 110_000 + "</p>").encode())
    add(k, "html_null_bytes", ".html", _html().encode().replace("<td>".encode(), b"<td>\x00\x00", 7))
    add(k, "html_null_bytes_head", ".html", b"\x00" * 16 + _html().encode())
    add(k, "html_row_200000_cells", ".html", _html(_hbody(_html_table() + "<table><tr>" + "<td>1" * 200_000 + "</table>")).encode())
    add(k, "html_rows_60000", ".html", _html(_hbody(_html_table() + "<table>" + "<tr><td>1" * 60_000 + "</table>")).encode())
    add(k, "html_billion_laughs", ".html",
        _laughs("html", "", lambda x: f"<html><body><h1>{TITLE}</h1><p>{x}</p>{_html_table()}</body></html>").encode())
    add(k, "html_xxe_passwd", ".html",
        _xxe("html", "file:///etc/passwd", lambda x: f"<html><body><h1>{TITLE}</h1><p>{x}</p>{_html_table()}</body></html>").encode())
    add(k, "html_entity_flood", ".html", _html(_hbody(_html_table()) + "<p>" + "&amp;&#20998;&#x503C;" * 50_000 + "</p>").encode())
    add(k, "html_unterminated_comment", ".html", _html().replace("<table", "<!-- <table", 1).encode())
    add(k, "html_external_refs", ".html", _html(head='<link rel="stylesheet" href="http://127.0.0.1:9/a.css">'
                                                     '<script src="file:///etc/passwd"></script>'
                                                     '<base href="http://127.0.0.1:9/">').replace(
        "</body>", '<iframe src="file:///etc/passwd"></iframe><img src="http://127.0.0.1:9/x.png"></body>').encode())
    add(k, "html_numbers_weird", ".html", _html(_hbody(_html_table(_weird_rows()))).encode())
    add(k, "html_table_only_no_html_tag", ".htm", _html_table().encode())
    add(k, "html_control_chars", ".html", _html(_hbody(_html_table(_rows_with(r1c0="参保\x1b[31m人数\x07", r2c2="0.\u200b3%",
                                                                                r3c2="\u202e99%")))).encode())


# ---------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------

_PDF_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def _pdf(objs: list[bytes], *, root: int = 1, header: bytes = _PDF_HEADER, trailer: bytes = b"") -> bytes:
    out, offs = bytearray(header), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, root, trailer, x)
    return bytes(out)


def _pstream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _ptext(x: float, y: float, text: str, size: int = 10) -> bytes:
    return b"BT /F1 %d Tf 1 0 0 1 %.1f %.1f Tm <%s> Tj ET\n" % (size, x, y, text.encode("utf-16-be").hex().encode())


def _pcontent(rows: list[list[str]] = ROWS, para: str = PARA) -> bytes:
    widths = [150, 90, 90, 50, 50]
    x0, top, h = 40, 720, 20
    out = [_ptext(x0, 780, TITLE, 14), _ptext(x0, 755, "单位：" + UNIT)]
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    for i, row in enumerate(rows):
        y = top - i * h
        for j, cell in enumerate(row[:5]):
            if cell:
                out.append(_ptext(xs[j] + 3, y - 14, cell[:200]))
    out.append(b"0.5 w\n")
    for i in range(len(rows) + 1):
        out.append(b"%d %d m %d %d l S\n" % (xs[0], top - i * h, xs[-1], top - i * h))
    for x in xs:
        out.append(b"%d %d m %d %d l S\n" % (x, top, x, top - len(rows) * h))
    out.append(_ptext(x0, top - len(rows) * h - 30, para[:40]))
    out.append(_ptext(x0, top - len(rows) * h - 46, para[40:]))
    return b"".join(out)


_FONT_OBJS = [
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
    b"/Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
    b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"]


def _pbase(content: bytes | None = None, *, page: bytes = b"", media: bytes = b"[0 0 595 842]", flate: bool = True,
           catalog: bytes = b"", resources: bytes = b"") -> list[bytes]:
    """Objects 1–7 of the one-page base PDF: catalog, pages, page, content, fonts."""
    return [b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> %s>> /Contents 4 0 R %s>>"
            % (media, resources, page),
            _pstream(_pcontent() if content is None else content, flate=flate),
            *_FONT_OBJS]


_PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 255
        s[i], s[j] = s[j], s[i]
    out = bytearray(len(data))
    i = j = 0
    for n, b in enumerate(data):
        i = (i + 1) & 255
        j = (j + s[i]) & 255
        s[i], s[j] = s[j], s[i]
        out[n] = b ^ s[(s[i] + s[j]) & 255]
    return bytes(out)


def _pdf_encrypted(user: str, owner: str) -> bytes:
    """The base PDF under the standard security handler, RC4 40-bit (V1 R2)."""
    fid = hashlib.md5(b"qinghe-hostile").digest()
    p = -44
    o = _rc4(hashlib.md5((owner.encode() + _PDF_PAD)[:32]).digest()[:5], (user.encode() + _PDF_PAD)[:32])
    key = hashlib.md5((user.encode() + _PDF_PAD)[:32] + o + struct.pack("<i", p) + fid).digest()[:5]
    u = _rc4(key, _PDF_PAD)

    def ok(num: int) -> bytes:
        return hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]

    content = _rc4(ok(4), zlib.compress(_pcontent(), 9))
    objs = _pbase()
    objs[3] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
    objs[5] = objs[5].replace(b"(Adobe)", b"<%s>" % _rc4(ok(6), b"Adobe").hex().encode()).replace(
        b"(GB1)", b"<%s>" % _rc4(ok(6), b"GB1").hex().encode())
    objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o.hex().encode(), u.hex().encode(), p))
    return _pdf(objs, trailer=b"/Encrypt 8 0 R /ID [<%s> <%s>] " % (fid.hex().encode(), fid.hex().encode()))


def _pdf_objstm_loop() -> bytes:
    """The catalog inside object stream 8, which the cross-reference stream says lies inside itself."""
    objs = _pbase()
    inner = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /ObjStm /N 1 /First 4 >>"]
    head = b"1 0 8 %d " % (len(inner[0]) + 1)
    first = len(head)
    body = head + inner[0] + b" " + inner[1]
    out, offs = bytearray(_PDF_HEADER), {}
    for i in range(2, 8):
        offs[i] = len(out)
        out += b"%d 0 obj\n" % i + objs[i - 1] + b"\nendobj\n"
    offs[8] = len(out)
    out += b"8 0 obj\n" + _pstream(body, b" /Type /ObjStm /N 2 /First %d /Extends 8 0 R" % first) + b"\nendobj\n"
    offs[9] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535), struct.pack(">BIH", 2, 8, 0)]
    rows += [struct.pack(">BIH", 1, offs[i], 0) for i in range(2, 8)]
    rows += [struct.pack(">BIH", 2, 8, 1), struct.pack(">BIH", 1, offs[9], 0)]
    out += b"9 0 obj\n" + _pstream(b"".join(rows), b" /Type /XRef /Size 10 /W [1 4 2] /Root 1 0 R") + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offs[9]
    return bytes(out)


def _pdf_prev_loop() -> bytes:
    data = _pdf(_pbase())
    x = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    return data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % x)


def _pdf_pages(n: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (8 + i) for i in range(n))
    objs = _pbase()
    objs[1] = b"<< /Type /Pages /Kids [3 0 R %s] /Count %d >>" % (kids, n + 1)
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    return _pdf(objs)


def _pdf_image(w: int, h: int, stream: bytes, extra: bytes = b"", colors: bytes = b"/DeviceRGB") -> bytes:
    objs = _pbase(b"q 595 0 0 842 0 0 cm /Im1 Do Q\n", resources=b"/XObject << /Im1 8 0 R >> ")
    objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 "
                b"/Length %d%s >>\nstream\n" % (w, h, colors, len(stream), extra) + stream + b"\nendstream")
    return _pdf(objs)


def _pdf_cases(add: Callable[..., None]) -> None:
    k = "pdf"
    valid = _pdf(_pbase())
    add(k, "pdf_valid", ".pdf", valid)
    add(k, "pdf_truncated_half", ".pdf", valid[: len(valid) // 2])
    add(k, "pdf_truncated_no_eof", ".pdf", valid[: valid.rindex(b"startxref")])
    add(k, "pdf_header_only", ".pdf", b"%PDF-1.7\n")
    add(k, "pdf_garbage_after_header", ".pdf", b"%PDF-1.4\n" + _garbage("pdf-garbage", 20_000))
    add(k, "pdf_header_at_1000", ".pdf", b"x" * 1000 + valid)
    xref_at = valid.rindex(b"xref\n0 ")
    add(k, "pdf_xref_broken", ".pdf", valid[:xref_at] + valid[xref_at:].replace(b" 00000 n", b" 99999 q"))
    add(k, "pdf_xref_offsets_wrong", ".pdf", valid[:xref_at] + b"xref\n0 8\n" + b"0000000003 00000 n \n" * 8
        + valid[valid.index(b"trailer", xref_at):])
    add(k, "pdf_no_xref_no_trailer", ".pdf", valid[:xref_at])
    add(k, "pdf_startxref_garbage", ".pdf", valid.replace(b"startxref\n%d" % xref_at, b"startxref\n-99999999999999999999"))
    add(k, "pdf_xref_prev_loop", ".pdf", _pdf_prev_loop())
    objs = _pbase()
    objs[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
    add(k, "pdf_page_tree_self_loop", ".pdf", _pdf(objs))
    objs = _pbase()
    objs[1] = b"<< /Type /Pages /Kids [8 0 R] /Count 1 >>"
    objs.append(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>")
    add(k, "pdf_page_tree_cycle", ".pdf", _pdf(objs))
    add(k, "pdf_pages_5000_empty", ".pdf", _pdf_pages(5000))
    objs = _pbase()
    objs[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>"
    add(k, "pdf_page_count_lies", ".pdf", _pdf(objs))
    add(k, "pdf_no_pages", ".pdf", _pdf([b"<< /Type /Catalog >>"]))
    add(k, "pdf_zero_pages", ".pdf", _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    add(k, "pdf_image_30000x30000_tiny_stream", ".pdf", _pdf_image(30000, 30000, b"0123456789"))
    bomb = _fill(b"\0", 10000 * 10000, wrap=True)
    add(k, "pdf_image_flate_bomb_10000x10000", ".pdf", _pdf_image(10000, 10000, bomb.data, b" /Filter /FlateDecode", b"/DeviceGray"))
    add(k, "pdf_mediabox_huge", ".pdf", _pdf(_pbase(media=b"[0 0 14400 14400]")))
    add(k, "pdf_mediabox_1e9", ".pdf", _pdf(_pbase(media=b"[0 0 1000000000 1000000000]")))
    add(k, "pdf_mediabox_zero", ".pdf", _pdf(_pbase(media=b"[0 0 0 0]")))
    add(k, "pdf_mediabox_inverted", ".pdf", _pdf(_pbase(media=b"[595 842 0 0]")))
    add(k, "pdf_mediabox_garbage", ".pdf", _pdf(_pbase(media=b"[0 0 abc (x)]")))
    add(k, "pdf_rotate_odd", ".pdf", _pdf(_pbase(page=b"/Rotate 45 /UserUnit 75000 ")))
    add(k, "pdf_encrypted_user_password", ".pdf", _pdf_encrypted(PASSWORD, "owner-" + PASSWORD))
    add(k, "pdf_encrypted_owner_only", ".pdf", _pdf_encrypted("", "owner-" + PASSWORD))
    add(k, "pdf_ops_500000_lines", ".pdf", _pdf(_pbase(_pcontent() + b"0 0 m 1 1 l S\n" * 500_000)))
    add(k, "pdf_ops_2000000_noop", ".pdf", _pdf(_pbase(_pcontent() + b"q Q " * 2_000_000)))
    add(k, "pdf_ops_100000_text", ".pdf", _pdf(_pbase(_pcontent() + _ptext(100, 100, "得分10") * 100_000)))
    add(k, "pdf_q_nesting_1000000", ".pdf", _pdf(_pbase(b"q " * 1_000_000 + _pcontent())))
    objs = _pbase(_pcontent() + b"/Fm1 Do\n", resources=b"/XObject << /Fm1 8 0 R >> ")
    objs.append(_pstream(b"/Fm1 Do\n", b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources "
                                       b"<< /XObject << /Fm1 8 0 R >> >>"))
    add(k, "pdf_form_xobject_self_loop", ".pdf", _pdf(objs))
    add(k, "pdf_objstm_self_reference", ".pdf", _pdf_objstm_loop())
    add(k, "pdf_nested_arrays_100000", ".pdf", _pdf(_pbase(catalog=b"/Deep " + b"[" * 100_000 + b"]" * 100_000 + b" ")))
    add(k, "pdf_nested_dicts_50000", ".pdf", _pdf(_pbase(catalog=b"/Deep " + b"<< /A " * 50_000 + b"1" + b" >>" * 50_000 + b" ")))
    add(k, "pdf_content_flate_bomb_1g", ".pdf", _pdf(_pbase(b"", flate=False)[:3] + [
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(s.data) + s.data + b"\nendstream"
        for s in [_fill(b" ", 1024 * MB, prefix=_pcontent(), wrap=True)]] + _FONT_OBJS))
    add(k, "pdf_length_lies", ".pdf", valid.replace(b"/Length ", b"/Length 999999999 /L ", 1))
    add(k, "pdf_filter_unknown", ".pdf", _pdf(_pbase(flate=False)[:3] + [_pstream(_pcontent(), b" /Filter /QingheDecode")]
                                               + _FONT_OBJS))
    add(k, "pdf_flate_garbage", ".pdf", _pdf(_pbase(flate=False)[:3] + [_pstream(_garbage("pdf-flate", 3000),
                                                                                  b" /Filter /FlateDecode")] + _FONT_OBJS))
    objs = _pbase()
    objs[4] = objs[4].replace(b"/Encoding /UniGB-UCS2-H", b"/Encoding /UniGB-UCS2-H /ToUnicode 8 0 R")
    objs.append(_pstream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 beginbfrange <0000> "
                         b"<FFFF> <D800> endbfrange 99999999 beginbfchar <00> endcmap"))
    add(k, "pdf_tounicode_garbage", ".pdf", _pdf(objs))
    add(k, "pdf_text_matrix_huge", ".pdf", _pdf(_pbase(_pcontent().replace(b"1 0 0 1 ", b"1e30 0 0 1e30 ", 3))))
    add(k, "pdf_launch_and_javascript", ".pdf", _pdf(_pbase(catalog=b"/OpenAction << /S /Launch /F (/bin/sh) >> "
                                                                    b"/Names << /JavaScript << /Names [(x) << /S /JavaScript "
                                                                    b"/JS (app.alert(1)) >>] >> >> ")))
    add(k, "pdf_numbers_weird", ".pdf", _pdf(_pbase(_pcontent(_weird_rows()))))


# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------

def _text_cases(add: Callable[..., None]) -> None:
    k = "text"
    base = _text()
    add(k, "text_valid", ".txt", base.encode())
    add(k, "text_zero_bytes", ".txt", b"")
    add(k, "text_only_utf8_bom", ".txt", b"\xef\xbb\xbf")
    add(k, "text_only_utf16_bom", ".txt", b"\xff\xfe")
    add(k, "text_only_whitespace", ".txt", b" \t\r\n\xe3\x80\x80" * 1000)
    add(k, "text_utf8_bom_then_gbk", ".txt", b"\xef\xbb\xbf" + base.encode("gbk"))
    add(k, "text_utf16le_bom_then_utf8", ".txt", b"\xff\xfe" + base.encode())
    mixed = "".join(line + "\n" for line in base.splitlines())
    add(k, "text_mixed_utf8_gbk", ".txt", b"".join(line.encode("gbk" if i % 2 else "utf-8") + b"\n"
                                                      for i, line in enumerate(mixed.splitlines())))
    add(k, "text_gbk", ".txt", base.encode("gbk"))
    add(k, "text_gb18030_four_byte", ".txt", (base + "𠀀𪚥㐀\U0001F600\n").encode("gb18030"))
    add(k, "text_big5", ".txt", base.encode("big5", errors="replace"))
    add(k, "text_utf16le_no_bom", ".txt", base.encode("utf-16-le"))
    add(k, "text_utf16be_bom", ".txt", b"\xfe\xff" + base.encode("utf-16-be"))
    add(k, "text_utf32", ".txt", base.encode("utf-32"))
    add(k, "text_invalid_utf8_sequences", ".txt", base.encode().replace("分值".encode(), b"\xc0\xaf\xed\xa0\x80\xff", 1))
    unit = "执行率95.00%，得分10。"
    add(k, "text_one_line_5mb", ".txt", (TITLE + unit * (5 * MB // len(unit.encode())) + "\n").encode())
    add(k, "text_tabs_200000_lines", ".txt", (base + "\t\t\t\t\n" * 200_000).encode())
    add(k, "text_tab_row_100000_columns", ".txt", (base + "得分" + "\t1" * 100_000 + "\n").encode())
    add(k, "text_rows_60000", ".txt", (base + "得分\t≥1\t1\t10\t10\n" * 60_000).encode())
    add(k, "text_newlines_1000000", ".txt", (base + "\n" * 1_000_000).encode())
    add(k, "text_cr_only_line_ends", ".txt", base.replace("\n", "\r").encode())
    add(k, "text_binary_garbage", ".txt", _garbage("text-garbage", 64 * 1024))
    add(k, "text_nul_in_middle", ".txt", base.encode().replace(b"\n", b"\n\x00", 3))
    add(k, "text_numbers_10000_digits", ".txt", _text(_weird_rows()).encode())
    add(k, "text_numbers_overflow", ".txt", _text(_rows_with(r1c2="1e999999", r1c3="NaN", r1c4="inf", r2c3="1e308",
                                                               r2c4="1e309", r3c3="-1e999999", r3c4="NaN%",
                                                               r4c2="99999999999999999999999999999999万人",
                                                               r4c3="1/0", r4c4="0/0")).encode())
    add(k, "text_fullwidth_and_zero_width", ".txt",
        _text(_rows_with(r1c2="２１．６万人", r2c2="0.\u200b3%", r3c2="9\u202e9%", r4c4="\u0669", r5c4="四十九")).encode())
    add(k, "text_control_chars", ".txt", _text(_rows_with(r1c0="参保\x1b[2J\x1b[31m人数\x07\x08", r2c0="\x00\x01\x7f")).encode())
    add(k, "text_run_digits_200k", ".txt", (base + "1" * 200_000 + "万\n").encode())
    add(k, "text_run_digit_dots_100k", ".txt", (base + "1." * 100_000 + "%\n").encode())
    add(k, "text_run_commas_100k", ".txt", (base + "1," * 100_000 + "x\n").encode())
    add(k, "text_run_brackets_50k", ".txt", (base + "（" * 50_000 + "得分" + "(" * 50_000 + "\n").encode())
    add(k, "text_run_signs_100k", ".txt", (base + "≥" * 50_000 + "-" * 50_000 + "%\n").encode())
    add(k, "text_run_unit_words_50k", ".txt", (base + "万元" * 50_000 + "\n").encode())
    add(k, "text_markdown_table_huge", ".md", ("# " + TITLE + "\n\n| " + " | ".join(HEAD) + " |\n|" + "---|" * 5 + "\n"
                                               + "|得分|1|1|1|1|\n" * 60_000).encode())
    add(k, "text_private_use_and_emoji", ".txt", (base + "\ue000\uf8ff\U0010ffff👍🏽‍" * 1000 + "\n").encode())


# ---------------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------------

def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def _png(w: int, h: int, idat: bytes, color: int = 0, depth: int = 8, extra: bytes = b"") -> bytes:
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, color, 0, 0, 0)) + extra
            + _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))


def _pil(img, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def _tiff_header(width: int, height: int, data: bytes, next_ifd_self: bool = False) -> bytes:
    """A grey, uncompressed one-strip TIFF; ``next_ifd_self`` makes the IFD chain point at itself."""
    tags = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 0), (277, 3, 1),
            (278, 4, height), (279, 4, len(data))]
    ifd_at = 8
    data_at = ifd_at + 2 + 12 * len(tags) + 4
    tags[5] = (273, 4, data_at)
    ifd = struct.pack("<H", len(tags)) + b"".join(
        struct.pack("<HHI", t, typ, 1) + (struct.pack("<HH", v, 0) if typ == 3 else struct.pack("<I", v))
        for t, typ, v in tags) + struct.pack("<I", ifd_at if next_ifd_self else 0)
    return b"II*\x00" + struct.pack("<I", ifd_at) + ifd + data


def _image_cases(add: Callable[..., None]) -> None:
    from PIL import Image, ImageDraw
    k = "image"
    add(k, "image_png_1x1", ".png", _png(1, 1, zlib.compress(b"\x00\xff")))
    add(k, "image_png_100000x100000_tiny_idat", ".png", _png(100_000, 100_000, zlib.compress(b"\x00" * 100), color=2))
    add(k, "image_png_0x0", ".png", _png(0, 0, zlib.compress(b"")))
    bomb = _fill(b"\0", 10_000 * 10_001, wrap=True)
    add(k, "image_png_bomb_10000x10000", ".png", _png(10_000, 10_000, bomb.data))
    bomb = _fill(b"\0", 16_000 * 16_001, wrap=True)
    add(k, "image_png_bomb_16000x16000", ".png", _png(16_000, 16_000, bomb.data))
    ztxt = b"Comment\x00\x00" + _fill(b"A", 100 * MB, wrap=True).data
    add(k, "image_png_ztxt_bomb", ".png", _png(1, 1, zlib.compress(b"\x00\xff"), extra=_chunk(b"zTXt", ztxt)))
    good = _png(64, 64, zlib.compress((b"\x00" + b"\xff" * 64) * 64))
    add(k, "image_png_truncated", ".png", good[: len(good) // 2])
    add(k, "image_png_bad_crc", ".png", good[:-20] + bytes(b ^ 0xFF for b in good[-20:-16]) + good[-16:])
    add(k, "image_png_palette_without_plte", ".png", _png(8, 8, zlib.compress((b"\x00" + b"\x05" * 8) * 8), color=3))
    img = Image.new("L", (400, 120), 255)
    d = ImageDraw.Draw(img)
    for i in range(5):
        d.line([(0, 20 * i), (399, 20 * i)], fill=0)
    jpeg = _pil(img, "JPEG", quality=80)
    add(k, "image_jpeg_valid_lines", ".jpg", jpeg)
    add(k, "image_jpeg_truncated", ".jpg", jpeg[: len(jpeg) // 3])
    sof = jpeg.index(b"\xff\xc0")
    add(k, "image_jpeg_declares_65500x65500", ".jpg", jpeg[:sof + 5] + struct.pack(">HH", 65500, 65500) + jpeg[sof + 9:])
    add(k, "image_jpeg_only_soi", ".jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 10)
    frames = [Image.new("L", (8, 8), i % 256) for i in range(1000)]
    add(k, "image_tiff_1000_frames", ".tif", _pil(frames[0], "TIFF", save_all=True, append_images=frames[1:]))
    add(k, "image_tiff_100000x100000", ".tif", _tiff_header(100_000, 100_000, b"\x00" * 64))
    add(k, "image_tiff_ifd_loop", ".tif", _tiff_header(8, 8, b"\x80" * 64, next_ifd_self=True))
    add(k, "image_tiff_truncated", ".tiff", _tiff_header(8, 8, b"\x80" * 64)[:40])
    add(k, "image_gif_named_png", ".png", _pil(Image.new("P", (8, 8)), "GIF"))
    add(k, "image_bmp_named_jpg", ".jpg", _pil(Image.new("RGB", (8, 8)), "BMP"))


# ---------------------------------------------------------------------------------------------
# Legacy Office (OLE compound files)
# ---------------------------------------------------------------------------------------------

_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _ole(streams: list[tuple[str, bytes]], *, fat_hook: Callable[[list[int]], None] | None = None) -> bytes:
    """A version-3 compound file (512-byte sectors): FAT in sector 0, directory in sector 1, each
    stream padded to at least 4096 bytes (so none lives in the mini stream)."""
    datas = [d.ljust(max(4096, -(-len(d) // 512) * 512), b"\x00") for _, d in streams]
    fat = [_FAT, _END]
    starts = []
    for d in datas:
        n = len(d) // 512
        start = len(fat)
        starts.append(start)
        fat += list(range(start + 1, start + n)) + [_END]
    if fat_hook:
        fat_hook(fat)
    assert len(fat) <= 128
    fat += [_FREE] * (128 - len(fat))

    def entry(name: str, typ: int, start: int, size: int, child: int = _FREE, right: int = _FREE) -> bytes:
        nm = name.encode("utf-16-le") + b"\x00\x00"
        return (nm.ljust(64, b"\x00") + struct.pack("<HBB", len(nm), typ, 1) + struct.pack("<III", _FREE, right, child)
                + b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16 + struct.pack("<IQ", start, size))

    dirs = [entry("Root Entry", 5, _END, 0, child=1 if streams else _FREE)]
    for i, ((name, data), start) in enumerate(zip(streams, starts)):
        dirs.append(entry(name, 2, start, len(data), right=i + 2 if i + 1 < len(streams) else _FREE))
    dirs += [b"\x00" * 128] * (4 - len(dirs))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\x00" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108)
    return header + struct.pack("<128I", *fat) + b"".join(dirs) + b"".join(datas)


def _biff(records: list[tuple[int, bytes]]) -> bytes:
    return b"".join(struct.pack("<HH", t, len(d)) + d for t, d in records)


def _xls_cases(add: Callable[..., None]) -> None:
    k = "xls"
    add(k, "xls_random_bytes", ".xls", _garbage("xls-random", 8192))
    add(k, "xls_ole_header_then_garbage", ".xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _garbage("xls-ole", 8192))
    add(k, "xls_ole_header_only", ".xls", _ole([])[:512])
    add(k, "xls_ole_no_streams", ".xls", _ole([]))
    add(k, "xls_ole_workbook_garbage", ".xls", _ole([("Workbook", _garbage("xls-wb", 6000))]))
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0)
    add(k, "xls_ole_workbook_filepass", ".xls", _ole([("Workbook", _biff([(0x0809, bof), (0x002F, b"\x01\x00" + b"\x00" * 52),
                                                                         (0x000A, b"")]))]))
    add(k, "xls_ole_workbook_truncated_biff", ".xls", _ole([("Workbook", _biff([(0x0809, bof), (0x0085, b"\x00" * 3)])[:17])]))
    add(k, "xls_ole_record_length_lies", ".xls", _ole([("Workbook", struct.pack("<HH", 0x0809, 0xFFFF) + bof)]))

    def loop(fat: list[int]) -> None:
        fat[2] = 2          # the Workbook stream's first sector points at itself
    add(k, "xls_ole_fat_loop", ".xls", _ole([("Workbook", _biff([(0x0809, bof)]) * 600)], fat_hook=loop))

    def dir_loop(fat: list[int]) -> None:
        fat[1] = 1          # the directory chain points at itself
    add(k, "xls_ole_directory_loop", ".xls", _ole([("Workbook", _biff([(0x0809, bof)]))], fat_hook=dir_loop))
    add(k, "xls_ole_sector_shift_30", ".xls", _ole([("Workbook", b"")])[:30] + struct.pack("<H", 30) + _ole([("Workbook", b"")])[32:])
    add(k, "xls_ole_encrypted_docx_named_xls", ".xls", _encrypt_ooxml(_xlsx()))
    add(k, "doc_ole_worddocument_garbage", ".doc", _ole([("WordDocument", _garbage("doc-wd", 6000)), ("1Table", b"\x00" * 100)]))
    add(k, "doc_random_bytes", ".doc", _garbage("doc-random", 8192))
    add(k, "wps_ole_worddocument_garbage", ".wps", _ole([("WordDocument", _garbage("wps-wd", 6000))]))
    add(k, "et_ole_book_garbage", ".et", _ole([("Book", _garbage("et-book", 6000))]))
    add(k, "xls_is_html_table", ".xls", _html().encode("gbk"))
    add(k, "xls_is_spreadsheetml_2003", ".xls", (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:'
        'office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="自评表"><Table>'
        + "".join("<Row>" + "".join(f'<Cell><Data ss:Type="String">{escape(c)}</Data></Cell>' for c in r) + "</Row>"
                  for r in ROWS) + "</Table></Worksheet></Workbook>").encode())
    add(k, "xls_is_csv", ".xls", "\n".join(",".join(r) for r in ROWS).encode("gbk"))
    add(k, "xls_is_xlsx", ".xls", _xlsx())
    add(k, "doc_is_docx", ".doc", _docx())
    add(k, "doc_is_rtf", ".doc", (r"{\rtf1\ansi\ansicpg936 {\fonttbl\f0 SimSun;}\f0 " + "".join(
        f"\\u{ord(ch)}?" for ch in TITLE) + r"\par}").encode())
    add(k, "doc_is_html_word", ".doc", _html(head='<meta name="ProgId" content="Word.Document">').encode("gbk"))


# ---------------------------------------------------------------------------------------------
# ZIP archives
# ---------------------------------------------------------------------------------------------

def _good_members() -> list[_Z]:
    return [_m("自评表.txt", _text()), _m("自评表.docx", _docx()), _m("自评表.xlsx", _xlsx())]


def _nest(depth: int) -> bytes:
    data = _zip([_m("自评表.txt", _text())])
    for i in range(depth - 1):
        data = _zip([_m(f"第{depth - 1 - i}层.zip", data)])
    return data


def _zip_cases(add: Callable[..., None]) -> None:
    k = "zip"
    good = _zip(_good_members())
    add(k, "zip_valid", ".zip", good)
    cd = good.index(b"PK\x01\x02")
    add(k, "zip_central_dir_damaged", ".zip", good[:cd] + b"XX\x01\x02" + good[cd + 4:])
    add(k, "zip_central_dir_garbage", ".zip", good[:cd] + _garbage("zip-cd", len(good) - cd - 22) + good[-22:])
    add(k, "zip_eocd_missing", ".zip", good[:-22])
    add(k, "zip_truncated_half", ".zip", good[: len(good) // 2])
    add(k, "zip_truncated_10_bytes", ".zip", good[:10])
    add(k, "zip_only_local_header_magic", ".zip", b"PK\x03\x04")
    bad = _Z(b"\xe5\x9d\x8f.txt", _garbage("zip-deflate", 400), 0, 5000, flags=0x800)
    add(k, "zip_member_bad_deflate", ".zip", _zip([*_good_members(), bad]))
    m = _m("校验错.txt", _text())
    m.crc ^= 0xDEADBEEF
    add(k, "zip_member_bad_crc", ".zip", _zip([*_good_members(), m]))
    add(k, "zip_member_encrypted_flag", ".zip", _zip([*_good_members(), _m("加密.txt", _garbage("zip-enc", 300), method=0,
                                                                          flags=0x801)]))
    add(k, "zip_all_members_encrypted", ".zip", _zip([_m(f"加密{i}.docx", _garbage(f"zip-enc{i}", 300), method=0, flags=0x801)
                                                      for i in range(3)]))
    add(k, "zip_member_aes_method_99", ".zip", _zip([*_good_members(), _m("aes.txt", _garbage("zip-aes", 300), method=99,
                                                                          flags=0x801)]))
    add(k, "zip_member_method_unknown", ".zip", _zip([*_good_members(), _m("deflate64.txt", _garbage("zip-d64", 300),
                                                                           method=9)]))
    add(k, "zip_members_lzma", ".zip", _pyzip([("自评表.txt", _text().encode()), ("自评表.docx", _docx())], zipfile.ZIP_LZMA))
    add(k, "zip_members_bzip2", ".zip", _pyzip([("自评表.txt", _text().encode()), ("自评表.xlsx", _xlsx())], zipfile.ZIP_BZIP2))
    big = _fill(b"\0", 1024 * MB)
    honest = _ms("零.txt", big)
    add(k, "zip_bomb_flat_1g", ".zip", _zip([*_good_members(), honest]))
    liar = _ms("小.txt", big)
    liar.usize, liar.crc = 1000, zlib.crc32(b"\0" * 1000)     # the directory says 1000 bytes; the stream holds 1 GB
    add(k, "zip_declared_small_actual_1g", ".zip", _zip([*_good_members(), liar]))
    lie = _m("大.txt", _text())
    lie.usize = 5 * 2**30
    add(k, "zip_declared_5g_actual_small", ".zip", _zip([*_good_members(), lie]))
    inner = _zip([_ms("零.txt", big)])
    add(k, "zip_bomb_nested_6g", ".zip", _zip([_m(f"子包{i}.zip", inner) for i in range(6)]))
    inner64 = _zip([_ms("零.txt", _fill(b"\0", 5 * 1024 * MB))])
    add(k, "zip_bomb_nested_zip64_5g", ".zip", _zip([_m("子包.zip", inner64)]))
    small = _fill(b"\0", 9 * MB + 900 * 1024)
    add(k, "zip_bomb_220x10mb", ".zip", _zip([_ms(f"零{i:03d}.txt", small) for i in range(220)]))
    shared = _fill(b"\0", 150 * MB)
    add(k, "zip_bomb_overlapping_1000x150mb", ".zip",
        _zip([_ms("零0000.txt", shared)] + [_ms(f"零{i:04d}.txt", shared, offset=0) for i in range(1, 1000)]))
    add(k, "zip_nested_3", ".zip", _nest(3))
    add(k, "zip_nested_4", ".zip", _nest(4))
    add(k, "zip_nested_10", ".zip", _nest(10))
    add(k, "zip_nested_50", ".zip", _nest(50))
    add(k, "zip_empty", ".zip", _zip([]))
    add(k, "zip_only_folders", ".zip", _zip([_m(f"目录{i}/", b"", method=0) for i in range(3)] + [_m("目录0/子/", b"", method=0)]))
    add(k, "zip_only_macosx_and_hidden", ".zip", _zip([_m("__MACOSX/._自评表.txt", b"\0\5\x16\7"), _m(".DS_Store", b"\0" * 10),
                                                        _m("~$自评表.docx", b"x"), _m("Thumbs.db", b"x")]))
    add(k, "zip_gbk_names_no_flag", ".zip", _zip([_m("青禾县自评表.txt".encode("gbk"), _text()),
                                                   _m("材料/青禾县自评表.docx".encode("gbk"), _docx())]))
    add(k, "zip_utf8_names_no_flag", ".zip", _zip([_m("青禾县自评表.txt".encode("utf-8"), _text())]))
    add(k, "zip_gbk_names_with_utf8_flag", ".zip", _zip([_m("青禾县自评表.txt".encode("gbk"), _text(), flags=0x800)]))
    add(k, "zip_invalid_name_bytes", ".zip", _zip([_m(b"\xff\xfe\x80\x81.txt", _text()), _m(b"a\x00b.txt", _text())]))
    add(k, "zip_absolute_paths", ".zip", _zip([_m("/etc/cron.d/自评表.txt", _text()), _m("C:\\Windows\\自评表.txt", _text()),
                                                _m("//server/share/自评表.txt", _text())]))
    add(k, "zip_traversal_names", ".zip", _zip([_m("../../../../tmp/hostile_escape.txt", _text()),
                                                 _m("a/../../b/../../自评表.txt", _text()), _m("..\\..\\自评表.txt", _text())]))
    add(k, "zip_duplicate_names", ".zip", _zip([_m("自评表.txt", _text()), _m("自评表.txt", _garbage("dup", 100)),
                                                 _m("自评表.txt", b"")]))
    add(k, "zip_symlink_member", ".zip", _zip([_m("passwd.txt", "/etc/passwd", method=0, attr=_UNIX_LINK, system=3),
                                               _m("自评表.txt", _text(), attr=_UNIX_FILE, system=3)]))
    add(k, "zip_fifo_member", ".zip", _zip([_m("管道.txt", b"", method=0, attr=_UNIX_FIFO, system=3),
                                            _m("自评表.txt", _text())]))
    add(k, "zip_10000_members", ".zip", _zip([_m(f"小/{i:05d}.txt", f"得分\t{i}\n") for i in range(10_000)]))
    add(k, "zip_21000_members", ".zip", _zip([_m(f"{i}.txt", b"1") for i in range(21_000)]))
    add(k, "zip_member_name_60000_chars", ".zip", _zip([_m("长" * 20_000 + ".txt", _text())]))
    add(k, "zip_member_dir_with_data", ".zip", _zip([_m("自评表.txt/", _text()), _m("自评表.txt", _text())]))
    add(k, "zip_member_zero_bytes", ".zip", _zip([_m("空.txt", b""), _m("空.docx", b""), _m("空.pdf", b"")]))
    add(k, "zip_member_damaged_docx", ".zip", _zip([_m("坏.docx", _docx()[:500]), _m("自评表.txt", _text())]))
    add(k, "zip_members_unsupported", ".zip", _zip([_m("setup.exe", b"MZ" + b"\0" * 100), _m("a.js", "alert(1)"),
                                                    _m("自评表.txt", _text())]))
    add(k, "zip_cd_count_lies", ".zip", _zip(_good_members(), count=65535))
    add(k, "zip_cd_offset_past_eof", ".zip", _zip(_good_members(), cd_shift=10**8))
    add(k, "zip_multi_disk", ".zip", _zip(_good_members(), disk=3))
    add(k, "zip_local_name_mismatch", ".zip", _zip([_m("自评表.txt", _text(), lname=b"other.txt")]))
    add(k, "zip_comment_65535", ".zip", _zip(_good_members(), comment=b"PK\x05\x06" * 16383 + b"PKx"))
    add(k, "zip_prefixed_junk_sfx", ".zip", _zip(_good_members(), prefix=b"MZ" + _garbage("sfx", 200_000)))
    add(k, "zip_backslash_names", ".zip", _zip([_m("材料\\自评表.txt", _text()), _m("材料\\子\\自评表.docx", _docx())]))
    add(k, "zip_nested_damaged_inner", ".zip", _zip([_m("子包.zip", good[:100]), _m("自评表.txt", _text())]))
    add(k, "zip_nested_encrypted_inner", ".zip", _zip([_m("子包.zip", _zip([_m("加密.txt", b"x" * 50, method=0, flags=0x801)]))]))


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


# ---------------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------------

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


if __name__ == "__main__":
    import time
    t = time.time()
    made = build(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/hostile"))
    for c in made:
        print(f"{c.kind:7} {c.name:45} {c.path}")
    print(f"{len(made)} cases in {time.time() - t:.1f} s", file=sys.stderr)
