"""Field bench (实地文件基准): what jixiao makes of every file in a folder, one row per file.

Run: ``.venv/bin/python bench/field.py [FOLDER ...] [--expect manifest.json]``; the default
folders are ../shared/field and tests/field/texts. For each file it prints the kind found (and
the kind expected, where a ``manifest.json`` or ``index.json`` beside the files names one), the
department and place, the forms recognised, the findings by severity, the prose claims
recomputed, and the time; then the totals. A change's effect on real documents is this one
command before and after. Nothing here is asserted; it is a measurement.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table as RichTable

from jixiao.batch import sources
from jixiao.checks.reading import NOT_CHECKED
from jixiao.pipeline import check_path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "field", ROOT / "tests" / "field" / "texts"]


def expected_kinds(folder: Path) -> dict[str, str]:
    """File name → kind, from the folder's manifest.json (field) or index.json (texts)."""
    out: dict[str, str] = {}
    for name in ("manifest.json", "index.json"):
        path = folder / name
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            for key, entry in data.items():
                if isinstance(entry, dict) and "kind" in entry:
                    out[entry.get("file", key)] = entry["kind"]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    args = ap.parse_args(argv)
    console = Console(width=160)
    total: Counter = Counter()
    for folder in args.folders:
        if not folder.exists():
            console.print(f"[yellow]{folder}: 不存在 / not found[/yellow]")
            continue
        want = expected_kinds(folder if folder.is_dir() else folder.parent)
        grid = RichTable(title=str(folder), show_lines=False)
        for col in ("file", "kind", "expected", "department", "place", "forms", "E", "W", "I", "claims", "s"):
            grid.add_column(col, no_wrap=col not in ("department", "file"))
        for src in sources([folder]):
            name = Path(src.name).name
            if name in ("manifest.json", "index.json"):
                continue
            start = time.perf_counter()
            r = check_path(src.name) if src.error is None else None
            seconds = time.perf_counter() - start
            if r is None or r.error is not None:
                grid.add_row(name[:40], "[red]unreadable[/red]", want.get(name, ""), "", "", "", "", "", "", "",
                             f"{seconds:.2f}")
                total["unreadable"] += 1
                continue
            sev = Counter("unchecked" if f.code == NOT_CHECKED else f.severity for f in r.findings)
            kind = r.info.kind
            expected = want.get(name, "")
            mark = "" if not expected else ("✓" if kind == expected else "✗")
            total.update(files=1, seconds=seconds, forms=len(r.forms), claims=len(r.claims),
                         right=mark == "✓", judged=bool(expected), **sev)
            grid.add_row(name[:40], f"{kind} {mark}", expected, r.info.department or "",
                         "".join(r.info.place.names()) or "", str(len(r.forms)), str(sev["error"]),
                         str(sev["warning"]), str(sev["info"] + sev["unchecked"]), str(len(r.claims)),
                         f"{seconds:.2f}")
        console.print(grid)
    console.print(f"文件 {total['files']} 个（不可读 {total['unreadable']}），类型正确 {total['right']}/{total['judged']}，"
                  f"表 {total['forms']}，错误 {total['error']}，警告 {total['warning']}，提示 {total['info']}，"
                  f"未复核 {total['unchecked']}，论断 {total['claims']}，用时 {total['seconds']:.1f} 秒")
    return 0


if __name__ == "__main__":
    sys.exit(main())
