"""The reviewer's register (台账): one typed row per file received.

A finance bureau keeps a 台账 of every submission: whose it is, what it is, the total it
reported beside the total jixiao recomputed, how many findings of each severity, how many are
still open, whether it could be checked at all. ``ledger_rows`` makes those rows from the
contract's records (``FileRecord``) and each finding's review status; the writers
(``xlsx``, ``csvfiles``) only lay them out. Amounts stay ``Decimal``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from decimal import Decimal

from ..checks import Finding
from ..contract import FileRecord, Totals
from .base import CLOSED_STATES, kind_of, place_of, unit_of

# a finding's fingerprint → its review state (open / confirmed / dismissed / fixed), per file
Status = Callable[[FileRecord], dict[str, str]]


@dataclass(frozen=True)
class Column:
    """One column of the register (台账列): its Chinese header, its width and how it is shown."""

    attr: str
    header: str
    width: int
    kind: str = "text"   # text | int | score | flag


@dataclass(frozen=True)
class LedgerRow:
    """One file of the register (台账行)."""

    file: str                            # 文件
    sha256: str | None                   # sha256
    unit: str | None                     # 单位
    kind: str                            # 类型 (部门整体支出绩效自评 …)
    year: int | None                     # 年度
    place: str                           # 地区
    reported_score: Decimal | None       # 填报总分
    recomputed_score: Decimal | None     # 复核总分
    reported_grade: str | None           # 填报等级
    recomputed_grade: str | None         # 复核等级
    errors: int                          # 错误
    warnings: int                        # 警告
    infos: int                           # 提示
    open_findings: int                   # 未处理问题
    checked: bool                        # 是否复核完成
    read_error: str | None               # 读取错误 ("JX002 压缩包或不支持的 Office 文件")

    def values(self) -> tuple:
        """The row's values in the order of ``COLUMNS``."""
        return tuple(getattr(self, f.name) for f in fields(self))


COLUMNS: tuple[Column, ...] = (
    Column("file", "文件", 40), Column("sha256", "sha256", 18), Column("unit", "单位", 28),
    Column("kind", "类型", 18), Column("year", "年度", 7, "int"), Column("place", "地区", 20),
    Column("reported_score", "填报总分", 10, "score"), Column("recomputed_score", "复核总分", 10, "score"),
    Column("reported_grade", "填报等级", 9), Column("recomputed_grade", "复核等级", 9),
    Column("errors", "错误", 7, "int"), Column("warnings", "警告", 7, "int"), Column("infos", "提示", 7, "int"),
    Column("open_findings", "未处理问题", 11, "int"), Column("checked", "是否复核完成", 13, "flag"),
    Column("read_error", "读取错误", 40),
)
HEADERS = tuple(c.header for c in COLUMNS)
assert tuple(c.attr for c in COLUMNS) == tuple(f.name for f in fields(LedgerRow))


def is_open(finding: Finding, states: dict[str, str] | None) -> bool:
    """An error or warning not dismissed or fixed (未处理问题). With no review states at all,
    every error and warning is open; a hint (提示) is never counted as a problem."""
    if finding.severity not in ("error", "warning"):
        return False
    return states is None or states.get(finding.fingerprint, "open") not in CLOSED_STATES


def main_totals(record: FileRecord) -> Totals | None:
    """The totals of the file's main scored form (``FileRecord.headline``: one rule for the store,
    the exports and the workbench)."""
    return record.headline()


def ledger_row(record: FileRecord, states: dict[str, str] | None = None) -> LedgerRow:
    """The register's row of one file."""
    counts = Counter(f.severity for f in record.findings)
    totals = main_totals(record)
    error = record.error
    return LedgerRow(
        record.file, record.sha256, unit_of(record), kind_of(record),
        record.document.year if record.document is not None else None, place_of(record),
        totals.reported_score if totals else None, totals.score if totals else None,
        totals.reported_grade if totals else None, totals.grade if totals else None,
        counts["error"], counts["warning"], counts["info"],
        sum(is_open(f, states) for f in record.findings), record.checked,
        f"{error.get('code', '')} {error.get('zh', '')}".strip() if error else None)


def ledger_rows(records: Iterable[FileRecord], status: Status | None = None) -> Iterator[LedgerRow]:
    """One row per file, in the order given (streamed: one record at a time)."""
    for record in records:
        yield ledger_row(record, status(record) if status is not None else None)
