"""``jixiao db export`` and ``jixiao db history``: what the store gives back (导出与历次比对).

``export`` writes, from each document's current run and its review status: the reviewer's 台账 as
XLSX and CSV, every finding as CSV, forms / indicators / final-accounts rows as Parquet, and the
budgets and final accounts as a Fiscal Data Package (``jixiao.exports``). ``history`` puts one
unit's stored documents in order and compares each with the one before (``jixiao.history``).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import JixiaoError
from .cli import DbOpt, _err, _out, _using, db_app


class Part(str, Enum):
    ledger = "ledger"
    findings = "findings"
    parquet = "parquet"
    fdp = "fdp"


class HistoryFormat(str, Enum):
    table = "table"
    json = "json"


@db_app.command()
def export(
    folder: Annotated[Path, typer.Argument(help="the folder to write into / 导出到此目录")],
    db: DbOpt = None,
    part: Annotated[list[Part] | None, typer.Option("--part", help="ledger (台账 XLSX+CSV), findings (CSV), parquet, "
                                                    "fdp (Fiscal Data Package); default all / 导出内容")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="the unit, exactly as stored / 单位")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="document kind / 文件类型")] = None,
    year: Annotated[int | None, typer.Option("--year", help="the year reported on / 年度")] = None,
) -> None:
    """Export the store: 台账 (XLSX, CSV), findings (CSV), Parquet, Fiscal Data Package (导出)."""
    from .. import exports
    from . import query
    parts = set(part or Part)
    written: list[str] = []
    with _using(db) as store, store.reading() as session:
        def records():
            return query.records(session, unit, kind, year)

        def status(record):
            return query.review_status(session, record.sha256) if record.sha256 else {}

        try:
            folder.mkdir(parents=True, exist_ok=True)
            if Part.ledger in parts:
                n = exports.write_ledger_xlsx(exports.ledger_rows(records(), status), folder / "台账.xlsx")
                exports.write_ledger_csv(exports.ledger_rows(records(), status), folder / "台账.csv")
                written.append(f"台账.xlsx、台账.csv（{n} 行 / rows）")
            if Part.findings in parts:
                n = exports.write_findings_csv(records(), status, folder / "问题清单.csv")
                written.append(f"问题清单.csv（{n} 行 / rows）")
            if Part.parquet in parts:
                counts = exports.write_parquet(records(), folder / "parquet")
                written.append("parquet/（" + "，".join(f"{k} {v}" for k, v in counts.items()) + "）")
            if Part.fdp in parts:
                counts = exports.write_fiscal_data_package(records(), folder / "fiscal-data-package")
                written.append("fiscal-data-package/（" + "，".join(f"{k} {v}" for k, v in counts.items()) + "）")
        except exports.ExportError as exc:
            raise JixiaoError("JX004", exc.zh, exc.en, str(folder)) from None
        except OSError as exc:
            raise JixiaoError("JX004", f"无法写入（{exc.strerror}）", f"cannot write ({exc.strerror})",
                              str(folder)) from None
    for line in written:
        _out().print(f"已导出 / written: {folder / line}", highlight=False)


@db_app.command("history")
def history_command(
    unit: Annotated[str, typer.Argument(help="the unit, or part of its name / 单位（名称或其一部分）")],
    db: DbOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="only this kind of document / 文件类型")] = None,
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="table or json")] = HistoryFormat.table,
) -> None:
    """One unit's submissions across resubmissions and years, each compared with the one before:
    findings fixed, new and still open; targets lowered; scores and rates year on year (历次比对)."""
    from ..history import history
    from ..history.render import print_history
    from ..render.json import dumps
    from . import query
    with _using(db) as store, store.reading() as session:
        mine = [(r.file, r) for r in query.records(session, kind=kind) if _of_unit(r, unit)]
    if not mine:
        _err(JixiaoError("JX004", f"存储库中没有“{unit}”的文件", f"no document of '{unit}' in the store"))
        raise typer.Exit(2)
    groups: dict[tuple[str, str], list] = {}
    for label, record in mine:   # one history per unit and kind: a project table is not the department's
        groups.setdefault((_unit_of(record), record.document.kind if record.document else ""), []).append((label, record))
    found = [history(g) for g in groups.values()]
    if fmt is HistoryFormat.json:
        sys.stdout.write(dumps([h.to_json() for h in found]) + "\n")
        return
    for (name, _), h in zip(groups, found):
        _out().print(f"[bold]{name}[/bold]", highlight=False)
        print_history(_out(), h)


def _names(record) -> list[str]:
    """The unit names a record gives: its department, then its forms' units and departments."""
    names = [record.document.department] if record.document and record.document.department else []
    return names + [n for f in record.forms for n in (f.unit, f.department) if n]


def _unit_of(record) -> str:
    from ..classify import tidy_body
    names = _names(record)
    return tidy_body(names[0]) if names else "单位未能确定"


def _of_unit(record, unit: str) -> bool:
    """Whether a record is of the unit named (its department, or a form's unit or department)."""
    from ..values import norm
    return any(norm(unit) in norm(n) for n in _names(record))
