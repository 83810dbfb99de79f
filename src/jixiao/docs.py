"""Documentation pages (文档): made from the checks' docstrings and the profiles' TOML.

``python -m jixiao.docs docs`` writes ``docs/checks/`` (one page per code and an index) and
``docs/profiles.md``; the tests fail when they are out of date, so each text is written once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .checks import FAMILIES, REGISTRY, Check
from .rules.profile import available, load

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
           "Generated from each check's docstring by `python -m jixiao.docs docs`.\n",
           "| Code | Severity | Family | Title |", "|---|---|---|---|"]
    for code in sorted(REGISTRY):
        c = REGISTRY[code]
        out.append(f"| [{code}]({code}.md) | {c.severity} | {c.family} | {c.title} |")
    return "\n".join(out) + "\n"


def profiles_page() -> str:
    out = ["# Rule profiles / 评分规则\n",
           "Generated from `src/jixiao/rules/profiles/*.toml` by `python -m jixiao.docs docs`. "
           "A profile is chosen from the province or city in the department's name "
           "(`jixiao check` prints the choice) or with `--profile ID|FILE`.\n"]
    for name in available():
        p = load(name)
        out.append(f"## {p.id} — {p.name}\n\n{p.description}\n")
        if p.regions:
            out.append(f"- Detected from / 识别地名: {'、'.join(p.regions)}")
        levels = "、".join(f"{k}{v}" for k, v in p.level_weights.items()) or "不分一级指标"
        out.append(f"- Weights / 分值: 预算执行{p.execution_weight}，绩效指标{p.indicators_weight}（{levels}）")
        out.append(f"- Execution / 执行率: denominator `{p.denominator}`, `{p.execution_formula}`, cap {p.execution_cap}, "
                   f"explain below {p.explain_below}%")
        out.append(f"- Quantitative / 定量: positive `{p.positive}`, negative `{p.negative}`, `=` `{p.equal}`, "
                   f"成本`=` `{p.cost_equal}`")
        out.append("- Qualitative / 定性: " + "；".join(f"{b.level} {b.low}–{b.high}%" for b in p.bands))
        out.append("- Grades / 等级: " + "；".join(f"{n} ≥ {lo}" for lo, n in p.grades))
        out.append("- Sources / 出处:")
        out += [f"  - {k}: {v}" for k, v in p.sources.items()]
        out.append("")
    return "\n".join(out)


def pages() -> dict[str, str]:
    """Relative path → text of every generated page."""
    out = {f"checks/{code}.md": page(REGISTRY[code]) for code in sorted(REGISTRY)}
    out["checks/README.md"] = index()
    out["profiles.md"] = profiles_page()
    return out


def write(folder: Path) -> list[Path]:
    written = []
    for name, text in pages().items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        written.append(p)
    for stale in (folder / "checks").glob("JX*.md"):
        if f"checks/{stale.name}" not in pages():
            stale.unlink()
    return written


if __name__ == "__main__":  # pragma: no cover
    for p in write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(p)
