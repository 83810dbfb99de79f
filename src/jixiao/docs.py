"""Documentation pages (文档): made from the checks' docstrings and the profiles' TOML.

``python -m jixiao.docs docs`` writes ``docs/checks/`` (one page per code and an index),
``docs/profiles.md`` and the contract (``docs/contract.md`` and its JSON Schema); the tests fail when they are out of date, so each text is written once.
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


def _fields(s: dict, path: str, defs: dict) -> list[str]:
    """One table row per field of an object schema, then the rows of its nested objects."""
    s = defs.get(s.get("$ref", "").rsplit("/", 1)[-1], s)
    rows, nested = [], []
    for name, sub in s.get("properties", {}).items():
        inner = sub.get("items", sub)
        inner = next((a for a in inner.get("anyOf", ()) if a.get("type") != "null"), inner)
        inner = defs.get(inner.get("$ref", "").rsplit("/", 1)[-1], inner)
        kind = _type_of(sub)
        need = "" if name in s.get("required", ()) else "（可无 optional）"
        rows.append(f"| `{path}{name}` | {kind} | {sub.get('description', '').replace('|', '/')}{need} |")
        if inner.get("properties") and inner.get("type") == "object":
            nested.append((f"{path}{name}{'[]' if sub.get('type') == 'array' else ''}.", inner))
    for p, inner in nested:
        rows += _fields(inner, p, defs)
    return rows


def _type_of(s: dict) -> str:
    if "const" in s:
        return f"`{s['const']}`"
    if "enum" in s:
        return " / ".join(f"`{v}`" for v in s["enum"])
    if "anyOf" in s:
        return " or ".join(_type_of(a) for a in s["anyOf"])
    if "$ref" in s:
        return s["$ref"].rsplit("/", 1)[-1]
    if s.get("type") == "array":
        return f"array of {_type_of(s.get('items', {}))}"
    return {"number": "decimal", "integer": "int", "string": "text", "boolean": "bool",
            "null": "null"}.get(s.get("type"), "object")


def contract_page() -> str:
    """docs/contract.md: the jixiao/1 contract, field by field, from its JSON Schema."""
    from .contract import SCHEMA
    from .contract_schema import schema
    s = schema()
    out = [f"# The contract / 数据契约 `{SCHEMA}`\n",
           "Generated from `src/jixiao/contract_schema.py` by `python -m jixiao.docs docs`; the JSON Schema is "
           f"`docs/{SCHEMA.replace('/', '-')}.schema.json`. Every output of every seed, example and field file is "
           "validated against it in the tests, and read back with the same types (`tests/test_contract.py`).\n",
           s["description"] + "\n",
           "- `jixiao check -f json` and `jixiao show -f json` print the whole object: the files' records and "
           "every finding in one top-level list, each naming its file (`show` lists none); `check -f jsonl` and "
           "a `--resume` journal hold one record per line (with `schema`) carrying its own findings; the store "
           "keeps each run's record, with its findings, as the truth.",
           "- Read it back in Python: `jixiao.contract.load(jixiao.render.json.loads(text))` → `FileRecord`s "
           "with `Form`, `Finding` and `DocumentInfo` records, amounts as `Decimal`.",
           "- Changes after this version only add fields, or bump the schema.\n",
           "| Field / 字段 | Type / 类型 | Meaning / 含义 |", "|---|---|---|"]
    out += _fields(s, "", s["$defs"])
    return "\n".join(out) + "\n"


def pages() -> dict[str, str]:
    """Relative path → text of every generated page."""
    import json

    from .contract import SCHEMA
    from .contract_schema import schema
    out = {f"checks/{code}.md": page(REGISTRY[code]) for code in sorted(REGISTRY)}
    out["checks/README.md"] = index()
    out["profiles.md"] = profiles_page()
    out["contract.md"] = contract_page()
    out[f"{SCHEMA.replace('/', '-')}.schema.json"] = json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
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
