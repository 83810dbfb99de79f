"""Check documentation (检查文档): pages made from the checks' own docstrings.

``python -m jixiao.checks.docs DIR`` writes one Markdown page per code and an index; the
tests fail when ``docs/checks/`` is out of date, so the docstring stays the one text.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import FAMILIES, REGISTRY, Check

SEVERITY_ZH = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


def page(chk: Check) -> str:
    lines = chk.doc.splitlines()
    body = "\n".join(lines[1:]).strip()
    return (f"# {chk.code} — {chk.title}\n\n"
            f"- Family / 类别: {FAMILIES[chk.family]}\n"
            f"- Severity / 级别: {SEVERITY_ZH[chk.severity]}\n"
            f"- Select / ignore: `jixiao check --select {chk.code}` / `--ignore {chk.code}`\n\n"
            f"{body}\n")


def index() -> str:
    out = ["# Checks / 检查项\n",
           "Generated from each check's docstring by `python -m jixiao.checks.docs docs/checks`.\n",
           "| Code | Severity | Family | Title |", "|---|---|---|---|"]
    for code in sorted(REGISTRY):
        c = REGISTRY[code]
        out.append(f"| [{code}]({code}.md) | {c.severity} | {c.family} | {c.title} |")
    return "\n".join(out) + "\n"


def pages() -> dict[str, str]:
    out = {f"{code}.md": page(REGISTRY[code]) for code in sorted(REGISTRY)}
    out["README.md"] = index()
    return out


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages().items():
        p = folder / name
        p.write_text(text, encoding="utf-8")
        written.append(p)
    for stale in folder.glob("JX*.md"):
        if stale.name not in pages():
            stale.unlink()
    return written


if __name__ == "__main__":  # pragma: no cover
    for p in write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/checks")):
        print(p)
