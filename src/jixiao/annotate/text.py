"""Text files annotated (文本批注): a copy with a line 【JXnnn …】 after each flagged line.

The text is decoded as the reader decodes it (``readers.text.decode``), its lines split the same
way, so a finding's line is the file's own line; the copy keeps the encoding and the line ends.
Findings without a line are listed at the end.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ..readers.text import decode
from ..checks import SEVERITY_ZH
from .marks import Mark, Outcome


def marker(m: Mark) -> str:
    """【[3] JX205 错误：message（应为 …；实为 …）】 on one line."""
    f = m.finding
    values = "；".join(x for x in (f"应为 {f.expected}" if f.expected is not None else "",
                                   f"实为 {f.found}" if f.found is not None else "") if x)
    text = f"[{m.number}] {f.code} {SEVERITY_ZH.get(f.severity, f.severity)}：{f.message}" + (f"（{values}）" if values else "")
    return "【" + text.replace("\r", " ").replace("\n", " ") + "】"


def annotate_text(src: Path, out: Path, marks: list[Mark]) -> Outcome:
    """Write ``out``: ``src`` with the markers of every mark after each of its lines."""
    data = src.read_bytes()
    text, encoding = decode(data, str(src))
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"
    lines = re.split(r"\r\n|\r|\n", text)
    result = Outcome(out, total=len(marks))
    after: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        for p in m.places:
            if 1 <= p.line <= len(lines):
                if m not in after[p.line]:
                    after[p.line].append(m)
            else:
                result.missed.append(p.where)
    body: list[str] = []
    for n, line in enumerate(lines, 1):
        body.append(line)
        body += [marker(m) for m in after.get(n, ())]
    result.places = len(after)
    result.marked = {m.number for here in after.values() for m in here}
    apart = [m for m in marks if m.number not in result.marked]
    if apart:
        if body and body[-1] == "":
            body.pop()
        body += ["", f"【复核意见：{len(apart)}条未能标在原行 / findings not marked at a line】"]
        body += [marker(m) + f" {m.where()}" for m in apart]
        body.append("")
    out.write_bytes(newline.join(body).encode(encoding, errors="replace"))
    return result
