"""ZIP archive cases: damaged directories, bombs (flat, nested, overlapping), lying sizes and
checksums, encrypted and unknown methods, deep nesting, and hostile member names and types.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable

from .common import MB, _UNIX_FIFO, _UNIX_FILE, _UNIX_LINK, _Z, _fill, _garbage, _m, _ms, _pyzip, _text, _zip
from .office import _docx, _xlsx


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
