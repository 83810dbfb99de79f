"""HTML and PDF cases: spans and nesting out of range, lying charsets and entity attacks in HTML;
PDF objects written by hand with broken cross-references, looping page trees, form XObjects and
object streams, flate bombs, enormous pages and images, and encryption.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Callable
from xml.sax.saxutils import escape

from .common import (MB, PARA, PASSWORD, ROWS, TITLE, UNIT, _fill, _garbage, _laughs, _rows_with,
                     _weird_rows, _xxe)


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
