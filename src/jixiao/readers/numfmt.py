"""Number formats (数字格式): a cell's value as Excel, WPS and LibreOffice show it.

A spreadsheet stores 0.125 and shows “0.13” under ``0.00``; it stores 1234567.891 and shows
“1,234.57万” under ``#,##0.00,"万"``. A reviewer compares jixiao's figures with what she sees, so
every numeric cell is rendered here from its stored value and its format code (ECMA-376 §18.8.31):

- sections ``positive;negative;zero;text``, a negative section showing the absolute value;
- digit placeholders ``0 # ?``, the decimal point, thousands separators, scaling commas (each
  trailing comma divides by 1000), ``%`` (× 100 each), ``E+00`` exponents;
- literal text in quotes or after ``\\``, any other character kept as printed (万元, 分, ¥), ``_x``
  as a space, ``*x`` fill left out, ``[Red]`` colours and ``[$-804]`` locales dropped, ``[$¥-804]``
  as its symbol, ``@`` as the text;
- dates and times (``yyyy"年"m"月"d"日"``, ``yyyy-mm-dd hh:mm``) from a date or a serial;
- ``General`` as fifteen significant digits without trailing zeros.

Rounding is half away from zero on the stored value's shortest decimal form (2.675 shows 2.68,
as in Excel and LibreOffice, though the binary double is a little below it). Money is never a
float here: values arrive as floats from the file and leave as ``Decimal`` text.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_CODE = re.compile(r"[yd]|(?<![A-Za-z])m(?![A-Za-z])|mm|h|s", re.I)
_EPOCH = dt.datetime(1899, 12, 30)


def _sections(fmt: str) -> list[str]:
    """The format's ``;``-separated sections, quotes and brackets respected."""
    out, cur, k = [], "", 0
    while k < len(fmt):
        m = _QUOTED.match(fmt, k)
        if m:
            cur += m.group(0)
            k = m.end()
            continue
        if fmt[k] == ";":
            out.append(cur)
            cur = ""
        else:
            cur += fmt[k]
        k += 1
    return out + [cur]


def _tokens(section: str) -> list[tuple[str, str]]:
    """(kind, text): kind is ``lit`` for text shown as printed, ``code`` for a format character."""
    out: list[tuple[str, str]] = []
    k = 0
    while k < len(section):
        ch = section[k]
        if ch == '"':
            end = section.find('"', k + 1)
            end = len(section) if end < 0 else end
            out.append(("lit", section[k + 1:end]))
            k = end + 1
        elif ch == "\\" and k + 1 < len(section):
            out.append(("lit", section[k + 1]))
            k += 2
        elif ch == "_" and k + 1 < len(section):
            out.append(("lit", " "))
            k += 2
        elif ch == "*" and k + 1 < len(section):
            k += 2
        elif ch == "[":
            end = section.find("]", k)
            end = len(section) if end < 0 else end
            inner = section[k + 1:end]
            m = re.match(r"\$([^-\]]*)", inner)
            if m and m.group(1):
                out.append(("lit", m.group(1)))
            k = end + 1
        elif ch in "+-":   # a sign is printed, except the exponent's
            after_e = bool(out) and out[-1] == ("code", "E") or bool(out) and out[-1] == ("code", "e")
            out.append(("code" if after_e else "lit", ch))
            k += 1
        else:
            out.append(("code" if ch in "0#?.,%Ee/@" else "lit", ch))
            k += 1
    return out


def is_date_format(fmt: str) -> bool:
    """Whether a format shows a date or a time (y, m, d, h, s outside quotes and brackets)."""
    bare = _QUOTED.sub("", fmt or "")
    return bool(re.search(r"[yYdDhHsS]", bare)) or bool(re.search(r"(?<![#0?])[mM](?![#0?])", bare) and
                                                       not re.search(r"[0#?]", bare))


def _decimal(value: float | int | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def general(value: float | int | Decimal) -> str:
    """``General``: fifteen significant digits, no trailing zeros, no exponent below 1e15."""
    d = _decimal(value)
    if d == 0:
        return "0"
    exp = d.adjusted()
    if abs(exp) >= 15:
        mantissa = d.scaleb(-exp).quantize(Decimal("1.00000000000000"), ROUND_HALF_UP).normalize()
        return f"{mantissa:f}E{'+' if exp > 0 else '-'}{abs(exp):02d}"
    d = d.quantize(Decimal(1).scaleb(exp - 14), ROUND_HALF_UP)
    text = f"{d:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ",".join([digits[:head]] + [digits[k:k + 3] for k in range(head, len(digits), 3)])


def _number(d: Decimal, tokens: list[tuple[str, str]]) -> str:
    codes = "".join(t for kind, t in tokens if kind == "code")
    placeholders = [k for k, (kind, t) in enumerate(tokens) if kind == "code" and t in "0#?"]
    if not placeholders:   # a section of text only (“—”)
        return "".join(t if kind == "lit" else "" for kind, t in tokens)
    first, last = placeholders[0], placeholders[-1]
    point = next((k for k in range(first, last + 1) if tokens[k] == ("code", ".")), None)
    exp_at = next((k for k, (kind, t) in enumerate(tokens) if kind == "code" and t in "Ee"), None)
    d *= Decimal(100) ** codes.count("%")
    end_int = point if point is not None else (exp_at if exp_at is not None else last + 1)
    scaling = 0
    k = end_int - 1
    while k >= first and tokens[k] == ("code", ","):
        scaling += 1
        k -= 1
    if exp_at is None:   # commas right after the last placeholder scale too (#,##0.00,"万")
        j = last + 1
        while j < len(tokens) and tokens[j] == ("code", ","):
            scaling += 1
            j += 1
    d /= Decimal(1000) ** scaling
    int_ph = [t for kind, t in tokens[first:end_int] if kind == "code" and t in "0#?"]
    frac_end = exp_at if exp_at is not None else last + 1
    frac_ph = [t for kind, t in tokens[point + 1:frac_end] if kind == "code" and t in "0#?"] if point is not None else []
    grouped = any(t == ("code", ",") for t in tokens[first:k + 1 if point is None else point]) and \
        any(tokens[j] == ("code", ",") and j > first and tokens[j - 1][1] in "0#?" for j in range(first, end_int))
    exponent = ""
    if exp_at is not None:
        sign_code = tokens[exp_at + 1][1] if exp_at + 1 < len(tokens) else "+"
        exp_digits = sum(1 for kind, t in tokens[exp_at + 2:] if kind == "code" and t in "0#?")
        e = d.adjusted() - (len(int_ph) - 1) if d != 0 else 0
        d = d.scaleb(-e)
        rounded = d.quantize(Decimal(1).scaleb(-len(frac_ph)), ROUND_HALF_UP)
        if abs(rounded) >= Decimal(10) ** len(int_ph):
            e += 1
            d = d.scaleb(-1)
        exponent = ("E" + ("-" if e < 0 else ("+" if sign_code == "+" else "")) + str(abs(e)).zfill(max(exp_digits, 1)))
    d = d.quantize(Decimal(1).scaleb(-len(frac_ph)), ROUND_HALF_UP)
    whole, _, frac = f"{abs(d):f}".partition(".")
    whole = whole.lstrip("0")
    need = int_ph.count("0")
    whole = whole.zfill(need) if need else whole
    if grouped and whole:
        whole = _group(whole)
    if len(whole) < len(int_ph) and int_ph.count("?"):
        whole = " " * min(int_ph.count("?"), len(int_ph) - len(whole)) + whole
    frac = frac.ljust(len(frac_ph), "0")
    shown = list(frac)
    for j in range(len(frac_ph) - 1, -1, -1):   # trailing #/? drop (or blank) their zeros
        if frac_ph[j] == "0" or shown[j] != "0":
            break
        shown[j] = " " if frac_ph[j] == "?" else ""
    frac = "".join(shown)
    body = whole + ("." + frac if point is not None and frac else "") + exponent
    before = "".join(t for kind, t in tokens[:first] if kind == "lit" or t in "%")
    after_from = frac_end if exp_at is None else len(tokens)
    after = "".join(t for kind, t in tokens[after_from:] if kind == "lit" or t == "%")
    between = "".join(t for kind, t in tokens[first:after_from] if kind == "lit" and t.strip())
    return before + body + between + after


def _date(value: dt.datetime, section: str) -> str:
    tokens = _tokens(section)
    text = "".join(t for _, t in tokens)
    out = ""
    k = 0
    hour_seen = False
    while k < len(text):
        m = re.match(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM", text[k:], re.I)
        if not m:
            out += text[k]
            k += 1
            continue
        code = m.group(0).lower()
        rest = text[k + len(code):]
        if code in ("mm", "m") and (hour_seen or re.match(r"\W*s", rest, re.I)):
            out += f"{value.minute:02d}" if code == "mm" else str(value.minute)
        elif code.startswith("y"):
            out += str(value.year) if code == "yyyy" else f"{value.year % 100:02d}"
        elif code in ("mm", "m"):
            out += f"{value.month:02d}" if code == "mm" else str(value.month)
        elif code.startswith("mmm"):
            out += value.strftime("%B" if code == "mmmm" else "%b")
        elif code in ("dd", "d"):
            out += f"{value.day:02d}" if code == "dd" else str(value.day)
        elif code.startswith("ddd"):
            out += value.strftime("%A" if code == "dddd" else "%a")
        elif code in ("hh", "h"):
            hour_seen = True
            out += f"{value.hour:02d}" if code == "hh" else str(value.hour)
        elif code in ("ss", "s"):
            out += f"{value.second:02d}" if code == "ss" else str(value.second)
        else:
            out += "AM" if value.hour < 12 else "PM"
        k += len(code)
    return out


def as_datetime(value: float | dt.date) -> dt.datetime | None:
    """A date serial (days since 1899-12-30) or a date as a datetime, rounded to the second."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return _EPOCH + dt.timedelta(seconds=round(float(value) * 86400))
    except (OverflowError, ValueError):
        return None


def render(value, fmt: str | None = "General") -> str:
    """``value`` (a number, a date, a bool or text) as a cell formatted ``fmt`` shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = fmt or "General"
    sections = _sections(fmt)
    if isinstance(value, str):
        text_section = sections[3] if len(sections) > 3 else (sections[0] if "@" in sections[0] else None)
        if text_section is None:
            return value
        return "".join(value if (kind, t) == ("code", "@") else t for kind, t in _tokens(text_section)
                       if kind == "lit" or t == "@")
    if isinstance(value, dt.date) or is_date_format(sections[0]):
        when = as_datetime(value)
        if when is None:
            return ""
        if not is_date_format(sections[0]):   # a date kept under a number format: ISO, as LibreOffice shows it
            return when.strftime("%Y-%m-%d" if when.time() == dt.time() else "%Y-%m-%d %H:%M:%S")
        return _date(when, sections[0])
    try:
        stored = _decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    d = stored
    if len(sections) >= 3 and d == 0:
        section = sections[2]
    elif len(sections) >= 2 and d < 0:
        section, d = sections[1], -d
    else:
        section = sections[0]
    if section.strip().lower() in ("general", "@", ""):   # a number under General, or under a text format
        return general(stored)
    text = _number(d, _tokens(section))
    if d < 0 and len(sections) < 2 and re.search(r"[1-9]", text):
        text = "-" + text
    return text
