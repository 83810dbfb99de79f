"""Department target tables (部门整体支出绩效目标表) and their completion tables.

Jiangxi's departments print the year's targets in one table (一级/二级/三级/目标值) and the
completion values later, after the narrative, in tables of the same indicators with a
实际完成值 column. The completion values are merged into the target form's indicators,
matched by name and target (one name may occur twice with different targets).
"""

from __future__ import annotations

from ..blocks import Table
from ..values import clean, is_blank_mark, norm
from . import roles as R
from .align import align
from .levels import LevelTracker
from .model import Form, Indicator
from .selfeval import fill_values
from .vocab import INFO_KEYS, match_key


def _indicator_header_index(table: Table) -> int | None:
    for i, row in enumerate(table.rows):
        if R.is_indicator_header([c.text for c in row]) or _is_target_header([c.text for c in row]):
            return i
    return None


def _is_target_header(texts: list[str]) -> bool:
    roles = set(R.header_roles(texts, "indicator").values())
    return {R.L1, R.NAME, R.TARGET} <= roles


def is_completion_table(table: Table) -> bool:
    """Indicator rows with targets and actuals but no weights or scores."""
    i = _indicator_header_index(table)
    if i is None:
        return False
    roles = set(R.header_roles([c.text for c in table.rows[i]], "indicator").values())
    return {R.TARGET, R.ACTUAL} <= roles and not ({R.WEIGHT, R.SCORE} & roles)


def is_target_table(table: Table) -> bool:
    i = _indicator_header_index(table)
    if i is None:
        return False
    roles = set(R.header_roles([c.text for c in table.rows[i]], "indicator").values())
    return R.TARGET in roles and not ({R.WEIGHT, R.SCORE, R.ACTUAL} & roles)


def _rows(table: Table) -> list[Indicator]:
    start = _indicator_header_index(table)
    columns = R.header_roles([c.text for c in table.rows[start]], "indicator")
    levels = LevelTracker()
    out: list[Indicator] = []
    for row in table.rows[start + 1:]:
        got = align(row, columns)
        for level in (R.L1, R.L2):
            if level in got:
                levels.update(level, got[level].text)
        name = got.get(R.NAME)
        if name is None or is_blank_mark(name.text):
            continue
        ind = Indicator(None, None, clean(name.text), name.ref)
        levels.attach(ind)
        fill_values(ind, got)
        out.append(ind)
    return out


def read_targets(table: Table, form: Form) -> None:
    """Fill a dept_targets form from its 目标表, and its info cells (部门名称, 编制数 …)."""
    form.indicators.extend(_rows(table))
    start = _indicator_header_index(table) or 0
    info: dict[str, str] = {}
    for row in table.rows[:start]:
        cells = [c for c in row if not c.blank]
        for k, v in zip(cells[0::2], cells[1::2]):
            info[norm(k.text)] = clean(v.text)
            name = match_key(norm(k.text).rstrip(":："), INFO_KEYS)
            if name in ("department", "unit", "project") and getattr(form, name) is None:
                setattr(form, name, clean(v.text))
                form.refs[name] = v.ref
    form.data["info"] = info


def merge_completion(table: Table, form: Form) -> None:
    """Merge a completion table's actuals into the target form; keep unmatched rows too."""
    def key(ind: Indicator) -> tuple[str, str]:
        return norm(ind.name), norm(ind.target.text if ind.target else "")

    by_key = {key(i): i for i in form.indicators}
    by_name: dict[str, list[Indicator]] = {}
    for i in form.indicators:
        by_name.setdefault(norm(i.name), []).append(i)
    unmatched = []
    for row in _rows(table):
        hit = by_key.get(key(row))
        if hit is None and len(by_name.get(norm(row.name), [])) == 1:
            hit = by_name[norm(row.name)][0]
        if hit is None:
            unmatched.append(row)
            continue
        hit.actual = row.actual
        if "actual" in row.refs:
            hit.refs["actual"] = row.refs["actual"]
        if row.target and hit.target and norm(row.target.text) != norm(hit.target.text):
            hit.refs["completion_target"] = row.refs.get("target", row.ref)
    if unmatched:
        form.data.setdefault("unmatched_completion", []).extend(
            {"name": u.name, "target": u.target.text if u.target else None,
             "actual": u.actual.text if u.actual else None, "line": u.ref.line} for u in unmatched)
