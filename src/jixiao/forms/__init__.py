"""Recognisers (识别): find the forms inside a document's blocks.

The document is walked once, in order. Paragraphs give context (a form's title, its year, a
report title naming the project, signatures printed under a table); each table is offered
to the recognisers in turn. A Shanxi project report prints its funding table and its
indicator table apart, under one report title: the second joins the form of the first.
"""

from __future__ import annotations

import re

from ..blocks import Document, Paragraph, Table
from ..values import clean, money_unit, norm
from .accounts import read_final_accounts, table_identity
from .basic import is_basic_data_table, read_basic_data
from .model import BASIC, BUDGET_TABLE, DEPT, FINAL_ACCOUNTS, PROJECT, PROJECT_TARGETS, TARGETS, Form
from .selfeval import SelfEvalReader, has_self_eval_header
from .targets import is_completion_table, is_target_table, merge_completion, read_targets
from .vocab import DATES, PEOPLE, REPORT_TITLE, title_kind, year_in

__all__ = ["recognize"]


_CAPTION = re.compile(r"^((部门|单位|编制单位|编制部门|预算单位|金额单位|填报单位)(名称)?[:：].*|(20\d{2})年度?|"
                      r"单位[:：]?(万元|元)|公开\d+表?)$")


def _is_caption(table: Table) -> bool:
    """A table that only holds a table's caption lines (部门名称, 年度, 金额单位)."""
    if len(table.rows) > 2:
        return False
    cells = [norm(c.text) for row in table.rows for c in row if norm(c.text)]
    return 0 < len(cells) <= 4 and all(_CAPTION.match(c) for c in cells)


_YEAR_OR_UNIT = re.compile(r"^[(（]?(20\d{2}年度?|(金额)?单位[:：]?(万元|元))[)）]?$")


class _Walk:
    def __init__(self, doc: Document):
        self.doc = doc
        self.forms: list[Form] = []
        self.pending: list[Paragraph] = []
        self.doc_year: int | None = None
        self.open: tuple[Form, SelfEvalReader] | None = None  # a form a next table may continue
        self.tail: Form | None = None  # the form whose table came last: signatures under it
        self.budget_document = _budget_titled(doc)

    def run(self) -> list[Form]:
        for block in self.doc.blocks:
            if isinstance(block, Paragraph):
                self._paragraph(block)
                continue
            for part in _split_at_titles(block):
                if isinstance(part, Paragraph):
                    self._paragraph(part)
                else:
                    self._table(part)
        return self.forms

    # paragraphs -----------------------------------------------------------------
    def _paragraph(self, p: Paragraph) -> None:
        text = norm(p.text)
        if self.doc_year is None and len(text) <= 60:
            self.doc_year = year_in(text)
        if title_kind(text) or REPORT_TITLE.match(text):
            self.tail = None
        if self.tail is not None and (PEOPLE.search(p.text) or DATES.search(p.text)):
            _signatures(self.tail, p)
            return
        self.pending.append(p)

    def _title(self) -> tuple[str | None, Paragraph | None]:
        for p in reversed(self.pending):
            kind = title_kind(p.text)
            if kind:
                return kind, p
        return None, None

    def _report_title(self) -> Paragraph | None:
        return next((p for p in reversed(self.pending) if REPORT_TITLE.match(norm(p.text))), None)

    # tables ---------------------------------------------------------------------
    def _table(self, table: Table) -> None:
        if _is_caption(table):   # “部门名称：…<tab>金额单位：万元” set as a one-line table
            self.pending += [Paragraph(c.text, c.ref) for row in table.rows for c in row if norm(c.text)]
            return
        kind, title = self._title()
        first_cells = " ".join(c.text for c in table.rows[0])
        kind = kind or title_kind(first_cells)
        table = self._title_row(table)
        number, fa_name, fa_title, budget = table_identity(self.pending, self.budget_document) \
            if not has_self_eval_header(table) else (None, None, None, False)
        if fa_name or number:
            form = self._new(BUDGET_TABLE if budget else FINAL_ACCOUNTS, table, fa_title)
            form.data["table"], form.data["name"] = number, fa_name
            read_final_accounts(table, form, self.pending)
            self.open = None
        elif is_basic_data_table(table):
            form = self._new(BASIC, table, title)
            read_basic_data(table, form)
            self.open = None
        elif is_completion_table(table) and self._last(TARGETS) is not None:
            merge_completion(table, self._last(TARGETS))
        elif is_target_table(table):
            form = self._new(kind if kind in (TARGETS, PROJECT_TARGETS) else TARGETS, table, title)
            read_targets(table, form)
            self.open = None
        elif has_self_eval_header(table):
            self._self_eval(table, kind, title)
        elif self._continues(title):
            self.open[1].carry_on(table)
        elif kind in (PROJECT, DEPT, TARGETS, PROJECT_TARGETS) and self._titled_just_above(title):
            # a titled form whose first table holds only its info and funding cells in a layout
            # the header test does not know: the form starts here, its indicators follow
            self._self_eval(table, kind, title)
        else:
            self.open = None
            self.tail = None
            self.pending = []
            return
        self.tail = self.forms[-1] if self.forms else None
        self.pending = []

    def _titled_just_above(self, title: Paragraph | None) -> bool:
        """The form title stands right above the table: nothing between but its year or unit line."""
        if title is None:
            return False
        after = self.pending[next(i for i, p in enumerate(self.pending) if p is title) + 1:]
        return all(_YEAR_OR_UNIT.match(norm(p.text)) for p in after if norm(p.text))

    def _continues(self, title: Paragraph | None) -> bool:
        """A table that carries on the open form's indicator rows over a page break: no title and
        no text between, and the form was reading indicators when its last table ended."""
        return (self.open is not None and title is None and self.open[1].section == "indicator"
                and not any(norm(p.text) for p in self.pending))

    def _title_row(self, table: Table) -> Table:
        """A disclosure table whose title, department and unit sit in its own first row
        (“收支预算总表公开表一部门：…单位：万元” merged over the columns): that row becomes
        caption paragraphs, and the table starts below it."""
        if len(table.rows) < 3:
            return table
        cells = [c for c in table.rows[0] if norm(c.text)]
        if not cells or len({norm(c.text) for c in cells}) > 2:
            return table
        text = clean(cells[0].text)
        m = re.match(r"^(.{2,45}?(?:预算|决算)(?:总|明细|情况)?表(?:[（(].{1,12}[)）])?(?:公开表?[一二三四五六七八九十\d]{1,3}表?)?)"
                     r"\s*((?:部门|单位|编制单位|预算单位)(?:名称)?[:：].*?)?\s*((?:金额)?单位[:：]\s*(?:万元|元))?$", text)
        if not m:
            return table
        ref = cells[0].ref
        self.pending += [Paragraph(part.strip(), ref) for part in m.groups() if part and part.strip()]
        return Table(table.rows[1:], table.rows[1][0].ref if table.rows[1] else table.ref)

    def _self_eval(self, table: Table, kind: str | None, title: Paragraph | None) -> None:
        if self.open is not None and title is None and not self.open[0].indicators:
            form, reader = self.open
            reader.read(table)
            return
        report = self._report_title() if title is None else None
        form = self._new(kind or PROJECT, table, title)
        if report is not None:
            m = REPORT_TITLE.match(norm(report.text))
            form.project = m.group(1)
            form.title = clean(report.text)
            form.refs["project"] = report.ref
        unit = next((money_unit(p.text) for p in reversed(self.pending) if money_unit(p.text)), None)
        reader = SelfEvalReader(form, unit)
        reader.read(table)
        if kind is None:
            form.kind = PROJECT if form.project else DEPT
        elif kind == TARGETS and form.project and "整体" not in norm(form.title or ""):
            form.kind = PROJECT_TARGETS   # “…专项项目绩效目标表” titled without 项目 before 绩效
        self.open = (form, reader)

    def _new(self, kind: str, table: Table, title: Paragraph | None) -> Form:
        ref = title.ref if title is not None else table.rows[0][0].ref
        form = Form(kind=kind, ref=ref, title=clean(title.text) if title else None)
        years = [year_in(p.text) for p in self.pending if len(norm(p.text)) <= 60]
        form.year = next((y for y in reversed(years) if y), None) or self.doc_year
        for p in self.pending:
            _signatures(form, p)
        self.forms.append(form)
        return form

    def _last(self, kind: str) -> Form | None:
        return next((f for f in reversed(self.forms) if f.kind == kind), None)


def _budget_titled(doc: Document) -> bool:
    """Whether the document's title lines call it a budget (部门预算), not final accounts — by the
    title patterns of ``data/kinds.toml``, the ones classification weighs."""
    from ..classify.kind import rules, title_lines   # classify reads the forms' model: imported late
    kinds = {k.id: k for k in rules()[1]}
    heads = [norm(p.text) for p in title_lines(doc, limit=30)]
    said = {k for k in ("budget_disclosure", "final_accounts") if any(p.search(h) for p in kinds[k].title for h in heads)}
    return said == {"budget_disclosure"}


def _split_at_titles(table: Table) -> list[Paragraph | Table]:
    """A table that runs two forms together (a converter joins tables that follow each other):
    cut it at a row whose only text is a form's title, which becomes a paragraph between them."""
    out: list[Paragraph | Table] = []
    start = 0
    for i, row in enumerate(table.rows):
        filled = [c for c in row if norm(c.text)]
        if i == 0 or len(filled) != 1 or not title_kind(filled[0].text):
            continue
        if i > start:
            out.append(Table(table.rows[start:i], table.rows[start][0].ref))
        out.append(Paragraph(clean(filled[0].text), filled[0].ref))
        start = i + 1
    if not out:
        return [table]
    if start < len(table.rows):
        out.append(Table(table.rows[start:], table.rows[start][0].ref))
    return out


def _signatures(form: Form, p: Paragraph) -> None:
    for m in PEOPLE.finditer(p.text):
        form.people.setdefault(m.group(1), m.group(3))
        form.refs.setdefault(f"people.{m.group(1)}", p.ref)
    for m in DATES.finditer(p.text):
        form.dates.setdefault(m.group(1), (m.group(2) or "").strip())
        form.refs.setdefault(f"dates.{m.group(1)}", p.ref)


def recognize(doc: Document) -> list[Form]:
    """All forms found in a document, in document order."""
    return _Walk(doc).run()
