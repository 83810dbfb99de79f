"""Shared pieces of the hostile corpus: the :class:`Case` record, the valid base document (an
invented bureau's 绩效自评表) and its variants, seeded garbage, XML entity attacks, deflate streams
of repeated blocks (checksums computed without the bytes) and a ZIP writer that builds every
header by hand, so that any field can lie.
"""

from __future__ import annotations

import hashlib
import io
import random
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


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


def _weird_rows() -> list[list[str]]:
    return _rows_with(r1c2="9" * 10_000, r1c3="1" + "0" * 10_000, r2c2="1e999999", r2c3="NaN", r3c3="inf",
                      r3c4="-inf", r4c3="1e-999999", r4c4="0x1F", r5c3="-0", r5c4="１２３．４５")


# ---------------------------------------------------------------------------------------------
# XML entity attacks (shared by DOCX, XLSX and HTML)
# ---------------------------------------------------------------------------------------------

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
