"""Plain text and image cases: encodings that lie or mix, enormous lines, rows and character runs;
PNG, JPEG and TIFF files with huge declared sizes, decompression bombs, loops and truncation.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

from .common import HEAD, MB, TITLE, _fill, _garbage, _rows_with, _text, _weird_rows


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
