"""Self-evaluation tables (绩效自评表): funding block, indicator block, totals, texts.

One table is read row by row, once. A row is, in this order of tests: a header of the
funding block or of the indicator block (possibly split over two rows), a total row
(合计/总分), a grade row (自评结论 优), an info row (项目名称 | …), a text box (评价结论 | …),
signatures (项目负责人：…), or a data row of the block whose header came last.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from ..blocks import Cell, SourceRef, Table
from ..values import (clean, is_blank_mark, money_unit, norm, parse_actual, parse_number, parse_points,
                      parse_percent, parse_target)
from . import roles as R
from .align import align, is_grade
from .levels import LEVEL2_WORDS, LevelTracker, could_start, is_level2_word, weight_annotation
from .model import PROJECT_TARGETS, TARGETS, Budget, BudgetRow, Form, Indicator
from .vocab import (BREAKDOWN, DATES, FUNDING_TOTAL, GRADE_LABEL, GRADE_ONLY, INFO_KEYS, PEOPLE,
                    TEXT_KEYS, TOTAL_LABEL, match_key, split_code)

_NUMERIC_BUDGET = (R.DECLARED, R.INITIAL, R.ADJUSTED, R.EXECUTED, R.BALANCE, R.RATE, R.WEIGHT, R.SCORE)
_BLOCK_END = re.compile(r"年度总体目标|项目年度(绩效)?目标|绩效指标|年度绩效目标|^项目基本情况")


def _texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def _filled(row: list[Cell]) -> list[Cell]:
    return [c for c in row if not c.blank]


def has_self_eval_header(table: Table) -> bool:
    """True if the table holds a funding or indicator header (one row, or two joined)."""
    rows = [_texts(r) for r in table.rows]
    for i in range(len(rows)):
        if R.is_budget_header(R.merged_header(rows[i:i + 3], "budget")[0]):
            return True
        if R.is_indicator_header(R.merged_header(rows[i:i + 3], "indicator")[0]):
            return True
    return False


def fill_values(ind: Indicator, got: dict[str, Cell]) -> None:
    """Set an indicator's target, 年初 target, actual, weight and score from its aligned cells."""
    op, unit, cell = got.get(R.OP), got.get(R.TUNIT), got.get(R.TARGET)
    if cell is not None or op is not None:
        ind.target = parse_target(cell.text if cell else "", op.text if op else None, unit.text if unit else None)
        ind.refs["target"] = (cell or op).ref
    for role, parse in ((R.TARGET0, parse_target), (R.ACTUAL, parse_actual), (R.WEIGHT, parse_points),
                        (R.SCORE, parse_points)):
        c = got.get(role)
        if c is not None and not is_blank_mark(c.text):
            setattr(ind, role, parse(c.text))
            ind.refs[role] = c.ref


# a weight printed in its column's header: “分值（90）”, “执行率分值（10）”, “权重(100)”
_WEIGHT_HEAD = re.compile(r"(执行率分值|分值|权重)[(（](\d+(?:\.\d+)?)分?[)）]")
# the funding lines of a target table (目标表 / 申报表), one amount each
_DECLARED = re.compile(r"^(其中[:：]?)?(年度资金总额|资金总额|(当年|本年)?财政拨款(资金)?|上年结转(资金)?|其他资金|"
                       r"财政资金|自有资金|单位资金)[:：]?$")


def _year_row(row: list[Cell]) -> bool:
    """A row of a plan by year (序号 | 预算年度 | amounts …): “1 │ 2019 │ 190 …”."""
    head = [norm(c.text) for c in _filled(row)[:2]]
    return len(head) == 2 and head[0].isdigit() and int(head[0]) < 100 and bool(re.fullmatch(r"(19|20)\d{2}", head[1]))


class SelfEvalReader:
    """Reads the rows of one or more tables into a Form (项目/部门整体支出绩效自评表)."""

    def __init__(self, form: Form, default_unit: str | None = None):
        self.form = form
        self.default_unit = default_unit
        self.section: str | None = None
        self.columns: dict[int, str] = {}
        self.levels = LevelTracker()
        self.goal_header = False  # the row above named 预期目标 | 实际完成情况

    # entry point ------------------------------------------------------------------
    def read(self, table: Table) -> None:
        rows = table.rows
        i = 0
        while i < len(rows):
            i += self._row(rows, i)
        self.form.declared_weights.update(self.levels.declared)

    def carry_on(self, table: Table) -> None:
        """Read a table that continues this form's rows over a page break. Where its rows are
        narrower than the header by d columns, the header's d rightmost unnamed columns (a merged
        三级指标 spanning two) are the ones the page left out: the roles after them move left."""
        widths = Counter(len(r) for r in table.rows if len(_filled(r)) >= 3)
        if widths and self.columns:
            width = widths.most_common(1)[0][0]
            d = max(self.columns) + 1 - width
            blank = [c for c in range(min(self.columns), max(self.columns)) if c not in self.columns]
            if 0 < d <= len(blank):
                gone = blank[-d:]
                self.columns = {c - sum(g < c for g in gone): role for c, role in self.columns.items()}
        self.read(table)

    def _row(self, rows: list[list[Cell]], i: int) -> int:
        row = rows[i]
        texts = _texts(row)
        filled = _filled(row)
        if not filled:
            return 1
        for family, test in (("budget", R.is_budget_header), ("indicator", R.is_indicator_header)):
            if test(texts) or test(R.merged_header([_texts(r) for r in rows[i:i + 3]], family)[0]):
                return self._start_block(family, rows, i)
        first = norm(clean(filled[0].text))
        if TOTAL_LABEL.match(first) and self.section != "budget":
            self._total(row)
            self.section = None
            return 1
        if GRADE_LABEL.match(first) and len(filled) > 1 and is_grade(filled[1].text):
            self.form.grade = norm(filled[1].text)
            self.form.refs["grade"] = filled[1].ref
            return 1
        if GRADE_ONLY.match(first) and len(filled) == 1:
            self.form.refs["grade_blank"] = filled[0].ref   # 评价等级 printed, its cell left blank
            return 1
        if self.goal_header:
            self.goal_header = False
            texts_ = [c for c in filled if len(clean(c.text)) >= 8]
            if len(texts_) >= 1:
                for key, cell in zip(("goal", "goal_actual"), texts_[-2:] if len(texts_) >= 2 else texts_):
                    self.form.texts.setdefault(key, clean(cell.text))
                    self.form.refs.setdefault(f"texts.{key}", cell.ref)
                return 1
        keys = {match_key(clean(c.text), TEXT_KEYS) for c in filled if len(norm(c.text)) <= 20}
        if {"goal", "goal_actual"} <= keys and all(len(norm(c.text)) <= 20 for c in filled):
            self.goal_header, self.section = True, None
            return 1
        if self._people(row):
            return 1
        if self.section != "budget" and self._declared_funding(row):
            return 1
        used = self._info(rows, i)
        if used:
            self.section = None
            return used
        if self._text_box(row):
            self.section = None
            return 1
        if self.section == "budget":
            if _BLOCK_END.search(first):
                self.section = None
            else:
                self._budget_row(row)
                return 1
        if self.section == "indicator":
            self._indicator_row(row)
        return 1

    # headers ----------------------------------------------------------------------
    def _start_block(self, family: str, rows: list[list[Cell]], i: int) -> int:
        header, used = R.merged_header([_texts(r) for r in rows[i:i + 3]], family)
        columns = R.header_roles(header, family)
        # Data rows may be wider than the header when the block's label cell stood on its
        # own row above it (000's "绩效指标"): shift the header by the common difference.
        block = []
        for r in rows[i + used:]:
            t = _texts(r)
            if R.is_budget_header(t) or R.is_indicator_header(t) or TOTAL_LABEL.match(norm(clean(t[0]))):
                break
            block.append(r)
        widths = Counter(len(r) for r in block if len(_filled(r)) >= 3)
        if widths:
            width, count = widths.most_common(1)[0]
            diff = width - len(header)
            if diff in (1, 2) and count >= 2 and min(columns, default=0) == 0:
                columns = {c + diff: role for c, role in columns.items()}
        self.section, self.columns = family, columns
        self.goal_header = False   # goal boxes left blank: the next rows are this block's, not the goal's
        label = norm(header[0]) if header else ""
        w = weight_annotation(header[0]) if header else None
        if family == "budget":
            unit = next((money_unit(h) for h in header if money_unit(h)), None) or self.default_unit
            if self.form.budget is None:
                self.form.budget = Budget(unit=unit)
            self.form.budget.columns = sorted(set(self.form.budget.columns) | set(columns.values()))
            if R.LABEL not in columns.values():
                first_num = min((c for c, r in columns.items() if r in _NUMERIC_BUDGET), default=1)
                columns[max(first_num - 1, 0)] = R.LABEL
            if w is not None:
                self.form.declared_weights["预算执行"] = w
        else:
            if w is not None and "指标" in label:
                self.form.declared_weights["绩效指标"] = w
            for k, role in columns.items():   # “分值（90）” over the weight column
                m = _WEIGHT_HEAD.search(norm(header[k])) if role == R.WEIGHT and k < len(header) else None
                if m:
                    self.form.declared_weights.setdefault("绩效指标", Decimal(m.group(2)))
        return used

    # funding block ------------------------------------------------------------------
    def _budget_row(self, row: list[Cell]) -> None:
        budget = self.form.budget
        breakdown = [c for c in _filled(row) if BREAKDOWN.match(norm(c.text)) and not parse_number(c.text)]
        if breakdown and len(breakdown) == len(_filled(row)):
            for c in breakdown:
                m = BREAKDOWN.match(norm(c.text))
                budget.breakdown.append({"label": m.group(1), "amount": parse_number(m.group(2)),
                                         "column": c.ref.col, "source": c.ref})
            return
        got = align(row, self.columns)
        if not got:
            return
        label_cell = got.get(R.LABEL)
        label = clean(label_cell.text) if label_cell else ""
        if label and parse_number(label) is not None or _year_row(row):
            return   # a 序号 or a year (支出计划 by year), not a funding row
        values = {k: v for k, v in got.items() if k in _NUMERIC_BUDGET}
        if not label and not values:
            return
        ref = (label_cell or next(iter(got.values()))).ref
        br = BudgetRow(label=label, ref=ref)
        for role, cell in values.items():
            value = parse_percent(cell.text) if role == R.RATE else (
                parse_points(cell.text) if role in (R.WEIGHT, R.SCORE) else parse_number(cell.text))
            setattr(br, role, None if is_blank_mark(cell.text) else value)
            br.refs[role] = cell.ref
        if R.REASON in got:
            br.reason = clean(got[R.REASON].text)
            br.refs["reason"] = got[R.REASON].ref
        total = budget.total_row
        br.is_total = total is None and (not label or bool(FUNDING_TOTAL.match(norm(label))))
        if not label and br.is_total:
            br.label = "资金总额"
        budget.rows.append(br)

    # indicator block ----------------------------------------------------------------
    def _indicator_row(self, row: list[Cell]) -> None:
        if any(R.indicator_role(c.text) in (R.L1, R.L2, R.NAME) for c in row):
            for c in row:  # a repeated header row: it may still name a level
                if is_level2_word(c.text) and R.indicator_role(c.text) is None:
                    self.levels.update(R.L2, c.text)
            return
        got = align(row, self.columns)
        if not got:
            return
        data_roles = (R.TARGET, R.TARGET0, R.ACTUAL, R.WEIGHT, R.SCORE, R.OP)
        if R.NAME not in got and any(r in got for r in data_roles):
            # the name slid into a level column: the rightmost level text is the name
            for level, upper in ((R.L2, R.L1), (R.L1, None)):
                if level in got:
                    got[R.NAME] = got.pop(level)
                    if upper and upper in got:
                        got[level] = got.pop(upper)
                    break
        for level in (R.L1, R.L2):
            if level in got:
                self.levels.update(level, got[level].text)
        name_cell = got.get(R.NAME)
        name = clean(name_cell.text) if name_cell else ""
        if is_blank_mark(name):
            name = ""
        data = {r: got[r] for r in data_roles if r in got and not is_blank_mark(got[r].text)}
        if not data and (not name or could_start(name, LEVEL2_WORDS)):
            if name:  # a level name split over rows landed in the name column ("生态效")
                self.levels.update(R.L2, name)
            return  # a blank template row, or one holding only level fragments
        anchor = name_cell or next(iter(data.values()))
        ind = Indicator(None, None, name or None, anchor.ref)
        self.levels.attach(ind)
        fill_values(ind, got)
        if R.NOTE in got:
            ind.note = clean(got[R.NOTE].text) or None
            if ind.note:
                ind.refs["note"] = got[R.NOTE].ref
        if R.QNOTE in got:
            ind.qual_note = clean(got[R.QNOTE].text) or None
        self.form.indicators.append(ind)

    # other rows ---------------------------------------------------------------------
    def _total(self, row: list[Cell]) -> None:
        filled = _filled(row)[1:]
        grades = [c for c in filled if is_grade(c.text)]
        nums = [c for c in filled if parse_points(c.text) is not None]
        if grades:
            self.form.grade = norm(grades[0].text)
            self.form.refs["grade"] = grades[0].ref
        self.form.refs["total"] = row[0].ref if not _filled(row) else _filled(row)[0].ref
        if len(nums) >= 2:
            (w, s) = nums[-2], nums[-1]
            self.form.total_weight, self.form.total_score = parse_points(w.text), parse_points(s.text)
            self.form.refs.update(total_weight=w.ref, total_score=s.ref)
        elif len(nums) == 1:
            cols = {c: r for c, r in self.columns.items() if r in (R.WEIGHT, R.SCORE)}
            role = cols.get(nums[0].ref.col) if nums[0].ref.col is not None else None
            if grades or role == R.SCORE:
                self.form.total_score = parse_points(nums[0].text)
                self.form.refs["total_score"] = nums[0].ref
            else:
                self.form.total_weight = parse_points(nums[0].text)
                self.form.refs["total_weight"] = nums[0].ref

    def _people(self, row: list[Cell]) -> bool:
        found = False
        for c in _filled(row):
            for m in PEOPLE.finditer(clean(c.text)):
                self.form.people[m.group(1)] = m.group(3)
                self.form.refs[f"people.{m.group(1)}"] = c.ref
                found = True
            for m in DATES.finditer(clean(c.text)):
                self.form.dates[m.group(1)] = (m.group(2) or "").strip()
                found = True
        return found and all(PEOPLE.search(clean(c.text)) or DATES.search(clean(c.text)) for c in _filled(row))

    def _info(self, rows: list[list[Cell]], i: int) -> int:
        """'项目名称 | X', '主管部门 | X | 实施单位 | Y'; a key split over two rows ('项目支' / '出名称')."""
        row = rows[i]
        filled = _filled(row)
        key = match_key(clean(filled[0].text), INFO_KEYS)
        used = 1
        if key is None and i + 1 < len(rows) and _filled(rows[i + 1]):
            joined = clean(filled[0].text) + clean(_filled(rows[i + 1])[0].text)
            if match_key(joined, INFO_KEYS) and len(_filled(rows[i + 1])) == 1:
                key, used = match_key(joined, INFO_KEYS), 2
        if key is None:
            return 0
        if used == 2:
            if len(filled) > 1 and getattr(self.form, key) is None:
                self._set_info(key, clean(filled[1].text), filled[1].ref)
            return used
        pending = None
        for c in filled:  # key | value | key | value …
            k = match_key(clean(c.text), INFO_KEYS)
            if k:
                pending = k
            elif pending:
                if getattr(self.form, pending) is None:
                    self._set_info(pending, clean(c.text), c.ref)
                pending = None
        return used

    def _declared_funding(self, row: list[Cell]) -> bool:
        """A target table's funding line: “项目资金（万元） | 年度资金总额： | 1,960.35”, “其中：财政拨款 |
        1,930.00”, “上年结转 | -” — one amount per source, the amount as declared (目标申报)."""
        if self.form.kind not in (TARGETS, PROJECT_TARGETS):
            return False
        filled = _filled(row)
        at = next((k for k, c in enumerate(filled) if _DECLARED.match(norm(c.text))), None)
        if at is None or at + 1 >= len(filled):
            return False
        value = filled[at + 1]
        amount = None if is_blank_mark(value.text) else parse_number(value.text)
        if amount is None and not is_blank_mark(value.text):
            return False
        if self.form.budget is None:
            unit = next((money_unit(c.text) for c in filled[:at] if money_unit(c.text)), None) or self.default_unit
            self.form.budget = Budget(unit=unit)
        for c in filled:   # “执行率分值（10）” printed beside the funding lines
            m = _WEIGHT_HEAD.search(norm(c.text))
            if m and "执行率" in m.group(1):
                self.form.declared_weights["预算执行"] = Decimal(m.group(2))
        label = clean(filled[at].text)
        br = BudgetRow(label=label, ref=filled[at].ref, declared=amount,
                       is_total=bool(FUNDING_TOTAL.match(norm(label))) and self.form.budget.total_row is None)
        br.refs["declared"] = value.ref
        self.form.budget.rows.append(br)
        return True

    def _set_info(self, key: str, value: str, ref: SourceRef) -> None:
        code, name = split_code(value)
        if key == "project":
            self.form.project_code = code
        setattr(self.form, key, name)
        self.form.refs[key] = ref

    def _text_box(self, row: list[Cell]) -> bool:
        filled = _filled(row)
        if len(filled) == 1 and len(norm(filled[0].text)) <= 12:
            key = match_key(clean(filled[0].text), TEXT_KEYS)
            if key in ("conclusion", "problems", "measures"):  # a box left blank (留空的文字框)
                self.form.texts.setdefault(key, "")
                self.form.refs.setdefault(f"texts.{key}", filled[0].ref)
                return True
        for n, c in enumerate(filled[:-1] if len(filled) > 1 else []):
            key = match_key(clean(c.text), TEXT_KEYS)
            if key and len(norm(c.text)) <= 20:
                value = clean(filled[-1].text) if filled[-1] is not c else ""
                if key == "conclusion" and is_grade(value):
                    self.form.grade = norm(value)
                    self.form.refs["grade"] = filled[-1].ref
                    return True
                if key in ("goal", "goal_actual") and n + 1 < len(filled) and len(filled) > 2:
                    return False  # a header row such as 年度总体目标 | 预期目标 | 实际完成情况
                self.form.texts.setdefault(key, value)
                self.form.refs.setdefault(f"texts.{key}", filled[-1].ref)
                return True
        return False

