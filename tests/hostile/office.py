"""Office cases: DOCX and XLSX packages written part by part (broken or enormous XML, spans and
merges out of range, entity bombs, encryption) and legacy OLE compound files (.xls, .doc, .wps,
.et) with looping or lying sectors, or another format under the old suffix.
"""

from __future__ import annotations

import hashlib
import io
import struct
from collections.abc import Callable
from xml.sax.saxutils import escape

from .common import (MB, PARA, PASSWORD, ROWS, TITLE, UNIT, _Stream, _fill, _garbage, _laughs, _m, _ms,
                     _quadratic, _weird_rows, _xxe, _xxe_param, _zip)
from .web import _html


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
    ct = ['<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.sheet.main+xml"/>',
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
