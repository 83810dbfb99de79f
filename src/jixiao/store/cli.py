"""``jixiao db …``: the store's commands (库): ingest, ls, show, review.

Exit status: ``ingest`` as ``check``'s files (3 when jixiao itself failed on an input, 2 when one
could not be read, else 0); every command 2 when the store cannot be opened or the document,
fingerprint or option given is wrong.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .. import limits
from ..checks import REGISTRY
from ..errors import JixiaoError
from ..workers import Budget

# SQLAlchemy and Alembic are imported by the commands that use them, not by every jixiao command

db_app = typer.Typer(no_args_is_help=True, help="the store: ingest, list, show, export, review, history / 存储库")

DbOpt = Annotated[str | None, typer.Option("--db", help="the store: a SQLite file or a URL (postgresql+psycopg://…); "
                                           "default $JIXIAO_DB or the user's data folder / 存储库")]


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(str, Enum):
    table = "table"
    json = "json"


def _out() -> Console:
    """The console for results (the terminal's width; on a pipe, lines as long as their content)."""
    from ..cli import output
    return output()


def _err(exc: JixiaoError) -> None:
    Console(stderr=True).print(f"[red]{exc.code}[/red] {exc.message}", highlight=False)


def _open(db: str | None):
    from .engine import open_store
    try:
        return open_store(db)
    except JixiaoError as exc:
        _err(exc)
        raise typer.Exit(2) from None


@contextmanager
def _using(db: str | None) -> Iterator:
    """The store opened for one command: a JixiaoError (a document or fingerprint not found) or a
    failure of the database ends the command with its message and exit 2; the store is closed.
    A store file that does not exist is not made here (a mistyped ``--db`` would list nothing):
    only ``db ingest`` makes one."""
    from sqlalchemy.exc import SQLAlchemyError

    from .engine import missing_file, resolve, store_error
    if (path := missing_file(resolve(db))) is not None:
        _err(store_error(resolve(db), f"存储库文件不存在：{path}（先用 jixiao db ingest 建立）",
                         f"no store file at {path} (make one with jixiao db ingest)"))
        raise typer.Exit(2)
    store = _open(db)
    try:
        yield store
    except JixiaoError as exc:
        _err(exc)
        raise typer.Exit(2) from None
    except SQLAlchemyError as exc:
        raise _store_failed(store, exc) from None
    finally:
        store.close()


def _store_failed(store, exc: Exception) -> typer.Exit:
    from .engine import store_error
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    _err(store_error(store.url, f"存储库读写出错（{detail}）", f"the store failed ({detail})"))
    return typer.Exit(2)


def _codes(value: str | None) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in (value or "").replace(" ", ",").split(",") if c.strip())
    for c in codes:
        if not any(code.startswith(c) for code in REGISTRY):
            _err(JixiaoError("JX004", f"没有检查项 {c}（用 jixiao rule 查看全部检查项）", f"no check {c}"))
            raise typer.Exit(2)
    return codes


class _Bar:
    """A rich progress bar on the terminal (终端进度条)."""

    NAMES = {"hash": "读取 / hashing", "check": "复核 / checking"}

    def __init__(self, progress: Progress):
        self.progress, self.task = progress, None

    def start(self, phase: str, total: int) -> None:
        if self.task is not None:
            self.progress.remove_task(self.task)
        self.task = self.progress.add_task(self.NAMES.get(phase, phase), total=total)

    def advance(self) -> None:
        self.progress.advance(self.task)


@db_app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="files, folders, .zip archives / 文件、目录或压缩包")] = None,
    db: DbOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="files checked in parallel / 并行进程数")] = 1,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="rule profile id or TOML file / 评分规则")] = None,
    select: Annotated[str | None, typer.Option(help="codes or prefixes to run, e.g. JX1,JX301")] = None,
    ignore: Annotated[str | None, typer.Option(help="codes or prefixes to skip, e.g. JX4")] = None,
    recheck: Annotated[bool, typer.Option("--recheck", help="check every stored document again (after a rule or "
                                          "profile change), adding a run; reviews are kept / 全部重新复核")] = False,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="seconds one file may take / 每个文件的处理时限（秒）")]
    = limits.FILE_SECONDS,
    memory: Annotated[int, typer.Option("--memory", min=64, help="MB one file may use / 每个文件的内存上限（MB）")]
    = limits.FILE_MEMORY // limits.MiB,
) -> None:
    """Check and keep files: each content once, with every name it came under (入库)."""
    from sqlalchemy.exc import SQLAlchemyError

    from . import views
    from .ingest import Options, ingest as run_ingest
    if not paths and not recheck:
        _err(JixiaoError("JX004", "请给出要入库的文件或目录，或用 --recheck 重新复核已存文件",
                         "name files or folders to ingest, or --recheck the stored ones"))
        raise typer.Exit(2)
    if profile:
        from ..rules.profile import load
        try:
            load(profile)
        except JixiaoError as exc:
            _err(exc)
            raise typer.Exit(2) from None
    options = Options(profile, _codes(select), _codes(ignore))
    budget = Budget(timeout, memory * limits.MiB)
    store = _open(db)
    err = Console(stderr=True)
    try:
        if err.is_terminal:
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=err, transient=True) as progress:
                summary = run_ingest(store, paths or [], options, recheck, jobs, budget, _Bar(progress))
        else:
            summary = run_ingest(store, paths or [], options, recheck, jobs, budget)
    except SQLAlchemyError as exc:
        raise _store_failed(store, exc) from None
    except KeyboardInterrupt:
        _err(JixiaoError("JX004", "入库已中断；已完成的文件已存入，再次入库时跳过",
                         "ingest interrupted; the files done are stored and skipped next time"))
        raise typer.Exit(130) from None
    finally:
        store.close()
    views.print_summary(_out(), summary)
    raise typer.Exit(summary.status)


@db_app.command("ls")
def ls(
    db: DbOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", help="part of the unit's name / 单位（名称的一部分）")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="document kind, e.g. dept_self_eval / 文件类型")] = None,
    year: Annotated[int | None, typer.Option("--year", help="the year reported on / 年度")] = None,
    status: Annotated[str | None, typer.Option("--status", help="open, confirmed, dismissed, fixed, clean, failed "
                                               "(待处理 已确认 已排除 已修正 无问题 无法读取) / 状态")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, json or csv")] = ListFormat.table,
) -> None:
    """List the stored documents, one line each from its current run (文件列表).

    “open” (待处理) counts the errors and warnings not dismissed or fixed (未排除、未改正的错误与警告).
    """
    from . import query, views
    try:
        wanted = query.status_filter(status) if status else None
    except JixiaoError as exc:
        _err(exc)
        raise typer.Exit(2) from None
    with _using(db) as store, store.reading() as session:
        rows = query.listing(session, unit, kind, year, wanted)
        if fmt is ListFormat.json:
            sys.stdout.write(views.ls_json(list(rows)) + "\n")
        elif fmt is ListFormat.csv:
            sys.stdout.write(views.ls_csv(rows))
        else:
            views.ls_table(_out(), rows)


@db_app.command()
def show(
    doc: Annotated[str, typer.Argument(help="SHA-256 (or a prefix) or a name / 文件的 SHA-256 前缀或文件名")],
    db: DbOpt = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="table or json")] = ShowFormat.table,
) -> None:
    """A stored document: its names, its runs, and its findings with their review status (文件详情)."""
    from . import query, views
    with _using(db) as store, store.reading() as session:
        shown = query.show(session, doc)
        if fmt is ShowFormat.json:
            sys.stdout.write(views.show_json(shown) + "\n")
        else:
            views.show_table(_out(), shown)


@db_app.command()
def review(
    doc: Annotated[str, typer.Argument(help="SHA-256 (or a prefix) or a name / 文件")],
    fingerprint: Annotated[str, typer.Argument(help="the finding's fingerprint (or a prefix) / 问题指纹")],
    status: Annotated[str, typer.Option("--status", "-s", help="open, confirmed, dismissed, fixed "
                                        "(待处理 已确认 已排除 已修正) / 复核结论")],
    note: Annotated[str, typer.Option("--note", "-n", help="the review opinion / 复核意见")] = "",
    reviewer: Annotated[str | None, typer.Option("--reviewer", "-r", help="who reviews (default: the login) / 复核人")]
    = None,
    db: DbOpt = None,
) -> None:
    """Record a verdict on a finding; it holds for the same finding in later runs (复核)."""
    from . import query, reviews
    try:
        verdict = reviews.status_of(status)
    except JixiaoError as exc:
        _err(exc)
        raise typer.Exit(2) from None
    try:
        who = reviewer or getpass.getuser()
    except (OSError, KeyError):   # no login name (a container without a passwd entry)
        who = "unknown"
    with _using(db) as store, store.writing() as session, session.begin():
        document = query.find(session, doc)
        full = query.fingerprint_of(session, document.id, fingerprint)
        reviews.add(session, document.id, full, verdict, who, note)
        name = document.name
    _out().print(f"已记录：{name} 问题 {full} → {reviews.ZH[verdict]}（{who}） / recorded: {full} → {verdict}",
                    highlight=False)


from . import outputs  # noqa: E402,F401  (registers db export and db history on db_app)
