"""The scoring table of the self-evaluation work (自评工作考核评分表): read from the document, or
built in as data (``data/assess_yueyang.toml``).

A table is one when its header names 评分标准 (or 评分细则/评分办法/考核标准) beside the
indicator columns, under a title such as “部门整体支出绩效自评工作考核评分表” or with a 二级指标
column (seed 000 附件5). Each 二级指标 row becomes one item; a criterion numbered 1. 2. 3. whose
parts give points that add up to the row's (自评通知 2 + 6 = 8) becomes one item per part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from ..resources import package_file
from ..blocks import Cell, Document, Paragraph, SourceRef, Table
from ..schema import ASSESSMENT, load_measures, load_toml
from ..values import clean, norm
from .numbering import parse_marker

DATA = package_file("data")
BUILTIN = DATA / "assess_yueyang.toml"
MEASURES = DATA / "assess_measures.toml"

_CRITERION_HEAD = re.compile(r"评分标准|评分细则|评分办法|考核标准|评分要点")
_TITLE = re.compile(r"考核评分表|考评表|评分表|考核表")
_POINTS = re.compile(r"(\d+(?:\.\d+)?)\s*分")
_GAIN = re.compile(r"得(\d+(?:\.\d+)?)分")
_TOTAL = re.compile(r"^(合计|总计|总分)")


@dataclass
class Item:
    """One item of the scoring table (考核评分项)."""

    level1: str | None
    level2: str
    part: int | None              # the criterion's own number (1. 2. 3.) when a row was split
    points: Decimal
    criterion: str
    evidence: str | None = None   # 所需佐证材料
    ref: SourceRef | None = None  # the criterion's line (None for the built-in table)
    measure: str | None = None    # the measurement that scores it; None: a judgement

    @property
    def name(self) -> str:
        return f"{self.level2}（{self.part}）" if self.part else self.level2


@dataclass
class ScoringTable:
    title: str
    origin: str                   # "document" | "builtin"
    source: str                   # where the table comes from, in words
    ref: SourceRef | None
    items: list[Item] = field(default_factory=list)
    total: Decimal | None = None  # the 合计 printed (or the data's)


@dataclass(frozen=True)
class Measure:
    id: str
    name: str
    patterns: tuple[re.Pattern, ...]
    per_missing: Decimal | None
    basis: str


@cache
def measures() -> dict[str, Measure]:
    data = load_measures(MEASURES)["measure"]
    return {k: Measure(k, v["name"], tuple(re.compile(p) for p in v["all"]),
                       Decimal(str(v["per_missing"])) if "per_missing" in v else None, v["basis"])
            for k, v in data.items()}


def classify(criterion: str) -> str | None:
    """The measurement an item's criterion asks for, or None (a judgement item)."""
    s = norm(criterion)
    return next((m.id for m in measures().values() if all(p.search(s) for p in m.patterns)), None)


def _name_points(text: str) -> tuple[str, Decimal | None]:
    """'自评通知\\n（8分）' → ('自评通知', 8); '布置工作\\n\\n10分' → ('布置工作', 10)."""
    m = _POINTS.search(norm(text))
    name = re.sub(r"[(（]?\s*\d+(?:\.\d+)?\s*分\s*[)）]?", "", clean(text))
    return re.sub(r"\s+", "", name), (Decimal(m.group(1)) if m else None)


def _parts(cell: Cell) -> list[tuple[int | None, str, int]]:
    """The numbered parts of a criterion cell: (number, text, source line)."""
    out: list[tuple[int | None, str, int]] = []
    for k, line in enumerate(cell.text.split("\n")):
        m = parse_marker(line)
        if m is not None and m.style == "arabic" and (not out or out[-1][0] is not None and m.number == out[-1][0] + 1):
            out.append((m.number, m.rest.strip(), cell.ref.line + k))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + line.strip(), out[-1][2])
        elif line.strip():
            out.append((None, line.strip(), cell.ref.line + k))
    return out


def _gain(text: str) -> Decimal:
    return sum((Decimal(g) for g in _GAIN.findall(norm(text))), Decimal(0))


_NOT_SCORING = re.compile(r"三级|指标值|完成值|目标值|实际")   # a self-evaluation form's header, not a scoring table's


def _columns(header: list[Cell]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, c in enumerate(header):
        s = norm(c.text)
        if _NOT_SCORING.search(s):
            return None
        if re.fullmatch(r"分值|标准分|权重|分数", s):
            cols.setdefault("points", i)
        elif _CRITERION_HEAD.search(s):
            cols.setdefault("criterion", i)
        elif "佐证" in s or "材料" in s:
            cols.setdefault("evidence", i)
        elif re.search(r"二级", s):
            cols.setdefault("level2", i)
        elif re.search(r"一级|考核(项目|内容)|指标", s):
            cols.setdefault("level1", i)
    if "criterion" not in cols or not ({"level1", "level2"} & cols.keys()):
        return None
    return cols


def _cell(row: list[Cell], i: int | None) -> Cell | None:
    return row[i] if i is not None and i < len(row) else None


def _read(table: Table, cols: dict[str, int]) -> tuple[list[Item], Decimal | None]:
    items: list[Item] = []
    total = None
    level1 = None
    l2_col = cols.get("level2", cols.get("level1"))
    for row in table.rows[1:]:
        first = norm(row[0].text) if row else ""
        if _TOTAL.match(first):
            total = next((p for c in row[1:] if (p := _name_points(c.text)[1]) is not None), None)
            continue
        c1, c2 = _cell(row, cols.get("level1")), _cell(row, l2_col)
        crit = _cell(row, cols["criterion"])
        if crit is None or crit.blank or c2 is None or c2.blank:
            continue
        if c1 is not None and not c1.blank and "level2" in cols:
            level1 = _name_points(c1.text)[0]
        name, points = _name_points(c2.text)
        pc = _cell(row, cols.get("points"))
        if points is None and pc is not None and (num := re.search(r"\d+(?:\.\d+)?", norm(pc.text))):
            points = Decimal(num.group(0))
        ev = _cell(row, cols.get("evidence"))
        evidence = "；".join(clean(x) for x in ev.text.split("\n") if x.strip()) if ev is not None and not ev.blank else None
        parts = _parts(crit)
        points = points if points is not None else _gain(crit.text)
        numbered = len(parts) >= 2 and all(n is not None for n, _, _ in parts)
        if numbered and sum((_gain(t) for _, t, _ in parts), Decimal(0)) == points:
            for n, text, line in parts:
                items.append(Item(level1, name, n, _gain(text), text, evidence,
                                  SourceRef(crit.ref.file, line, crit.ref.page), classify(text)))
        else:
            text = clean(crit.text)
            items.append(Item(level1, name, None, points, text, evidence, crit.ref, classify(text)))
    return items, total


def find_table(doc: Document) -> ScoringTable | None:
    """The first 自评工作考核评分表 printed in ``doc``."""
    recent: list[Paragraph] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            recent = (recent + [b])[-3:]
            continue
        if not b.rows:
            continue
        cols = _columns(b.rows[0])
        title = next((p for p in reversed(recent) if _TITLE.search(norm(p.text)) and len(norm(p.text)) <= 60), None)
        recent = []
        if cols is None or (title is None and "level2" not in cols):
            continue
        items, total = _read(b, cols)
        if items:
            return ScoringTable(clean(title.text) if title else "考核评分表", "document", "文件所附考核评分表",
                                title.ref if title else b.ref, items, total)
    return None


@cache
def builtin() -> ScoringTable:
    """The built-in table (岳阳市《操作规程》附件5 as printed in seed 000)."""
    d = load_toml(BUILTIN, ASSESSMENT)
    items, seen = [], {}
    for it in d["item"]:
        key = it["level2"]
        seen[key] = seen.get(key, 0) + 1
        items.append(Item(it["level1"], it["level2"], None, Decimal(str(it["points"])), it["criterion"],
                          it.get("evidence"), None, it.get("measure") or None))
    for it in items:   # number the parts of a row that was split
        if sum(1 for x in items if x.level2 == it.level2) > 1:
            it.part = [x for x in items if x.level2 == it.level2].index(it) + 1
    return ScoringTable(d["name"], "builtin", d["source"], None, items, Decimal(str(d["total"])))
