"""Exports (导出): the reviewer's register (台账), the findings list, Parquet and a Fiscal Data Package.

The exporters take contract records (``jixiao.contract.FileRecord``) and, where it matters, each
finding's review status; they know nothing of the store, which calls them (``jixiao db export``).
Every writer streams — one record at a time — and returns how many rows it wrote.

- ``ledger_rows(records, status)`` → ``LedgerRow``s; ``write_ledger_xlsx`` / ``write_ledger_csv``
- ``write_findings_csv(records, status, path)``
- ``write_parquet(records, folder)`` (needs pyarrow: ``pip install jixiao[parquet]``)
- ``write_fiscal_data_package(records, folder)``
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..contract import FileRecord
from ..store.reviews import ZH as REVIEW_STATES
from .base import ExportError
from .csvfiles import write_findings_csv, write_ledger_csv
from .fdp import write_fiscal_data_package
from .ledger import LedgerRow, Status, ledger_rows
from .xlsx import write_ledger_xlsx

__all__ = ["REVIEW_STATES", "ExportError", "LedgerRow", "Status", "ledger_rows", "write_ledger_xlsx",
           "write_ledger_csv", "write_findings_csv", "write_parquet", "write_fiscal_data_package"]


def write_parquet(records: Iterable[FileRecord], folder: str | Path) -> dict[str, int]:
    """``forms.parquet``, ``indicators.parquet`` and ``accounts_rows.parquet`` (see ``exports.parquet``);
    pyarrow is an optional dependency, imported only here."""
    try:
        from .parquet import write_parquet as write
    except ImportError:
        raise ExportError("导出 Parquet 需要 pyarrow：pip install 'jixiao[parquet]'",
                          "Parquet export needs pyarrow: pip install 'jixiao[parquet]'") from None
    return write(records, folder)
