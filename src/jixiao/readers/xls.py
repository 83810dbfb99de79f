"""Excel 97–2003 workbooks (XLS 读取): .xls and WPS's .et, read by xlrd without LibreOffice.

The binary BIFF workbook is read as the XLSX reader reads its sheets (``xlsx.read_sheet``):
every visible sheet, hidden rows left out, a cell shown as Excel shows it (its number format's
decimals and percent, a date as a date, a formula by its cached value, an error as ``#DIV/0!``),
a merged range's value in its top-left cell. Each cell keeps its address (“Sheet1!C5”).
"""

from __future__ import annotations

from ..blocks import Document
from ..errors import ReadError
from .rendition import column_letters
from .xlsx import cell_text, read_sheet


class XlsError(Exception):
    """xlrd could not read the workbook (an old BIFF version, a damaged stream)."""


def _display(book, cell) -> str:
    import xlrd
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return cell.value.strip()
    if kind == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    fmt = "General"
    if cell.xf_index is not None and cell.xf_index < len(book.xf_list):
        shown = book.format_map.get(book.xf_list[cell.xf_index].format_key)
        fmt = shown.format_str if shown is not None else fmt
    if kind == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode), fmt)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            pass
    return cell_text(cell.value, fmt)


def _sheet_rows(book, sheet) -> list[tuple[int, list[str], list[str], list[str | None]]]:
    """(position, texts, addresses, stored values) of the visible non-empty rows (positions
    count visible rows)."""
    import xlrd
    out, seen = [], 0
    for r in range(sheet.nrows):
        info = sheet.rowinfo_map.get(r)
        if info is not None and info.hidden:
            continue
        seen += 1
        row = sheet.row(r)
        texts = [_display(book, c) for c in row]
        if any(texts):
            out.append((seen, texts, [f"{sheet.name}!{column_letters(k)}{r + 1}" for k in range(len(row))],
                        [repr(c.value) if c.ctype == xlrd.XL_CELL_NUMBER else None for c in row]))
    return out


def read_xls(data: bytes, path: str) -> Document:
    """Read a BIFF workbook's bytes; XlsError when xlrd cannot (the caller may try LibreOffice)."""
    import xlrd
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False,
                                  logfile=_Quiet())
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ReadError("JX001", "文件设有打开密码，请用密码打开后另存为无密码的副本",
                            "the file is password-protected; open it with its password and save an "
                            "unprotected copy", path) from None
        raise XlsError(str(exc)) from None
    except Exception as exc:  # xlrd raises assertion, index and struct errors on damaged streams
        raise XlsError(f"{type(exc).__name__}: {exc}") from None
    doc = Document(path=path, blocks=[], encoding=None)
    for sheet in book.sheets():
        if sheet.visibility:
            doc.notes.append(f"隐藏工作表“{sheet.name}”未读取 / hidden sheet {sheet.name!r} not read")
            doc.left_out.append(f"隐藏工作表“{sheet.name}”")
            continue
        hidden = sum(1 for r in range(sheet.nrows) if getattr(sheet.rowinfo_map.get(r), "hidden", 0))
        if hidden:
            doc.notes.append(f"工作表“{sheet.name}”有{hidden}行隐藏，未读取 / {hidden} hidden rows not read")
            doc.left_out.append(f"工作表“{sheet.name}”的{hidden}个隐藏行")
        read_sheet(doc, _sheet_rows(book, sheet))
    return doc


class _Quiet:
    """xlrd's log goes nowhere: its warnings about odd records are not the user's concern."""

    def write(self, text: str) -> int:
        return len(text)
