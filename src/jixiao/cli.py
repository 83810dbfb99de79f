"""Command line (命令行): ``show``, ``check``, ``score``, ``assess``, ``rule``, ``profiles``, ``blocks``.

Every file is read on its own: a file that cannot be read gets a bilingual message naming it,
and the other files go on. Exit status: 3 when jixiao itself could not finish a file (a crash,
or stopped over its time or memory budget: JX005–JX007); else 2 when any file could not be read
(or the command was wrong); for ``check``, 1 when any error-level finding was made; 0 otherwise.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__, journal, limits
from .batch import FAILED, Source, check_all, sources
from .workers import Budget
from .checks import REGISTRY, SEVERITIES, selected
from .checks.reading import NOT_CHECKED
from .classify import classify
from .contract import SCHEMA, FileRecord, envelope
from .docs import page
from .errors import JixiaoError
from .history.cli import diff
from .annotate.cli import annotate
from .draft.cli import draft
from .entry.cli import new
from .official.cli import render
from .forms import recognize
from .pipeline import check_path
from .readers import read_bytes, read_path
from .render.findings import file_record, findings_json, print_findings
from .render.json import document_json, dumps
from .render.scores import print_scores, scores_json
from .render.terminal import print_blocks, print_document
from .report.assess import assess as run_assess
from .report.render import print_assessment
from .rules.profile import available, load
from .store.cli import db_app
from .web.cli import serve, user_app

app = typer.Typer(add_completion=False, no_args_is_help=True, help=(
    "jixiao（绩效）: read, recompute and check budget-performance self-evaluations. "
    "读取、复核预算绩效自评表。"))



app.add_typer(db_app, name="db")
app.command()(diff)
app.command()(new)
app.command()(render)
app.command()(draft)
app.command()(annotate)
app.command()(serve)
app.add_typer(user_app, name="user")


def _version(asked: bool) -> None:
    if asked:
        typer.echo(f"jixiao {__version__} ({SCHEMA})")
        raise typer.Exit()


@app.callback()
def _options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="say what is read / 显示处理过程")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="tracebacks of internal errors / 显示内部错误的完整调用栈")] = False,
    log: Annotated[Path | None, typer.Option("--log", help="write the log to FILE / 日志写入文件")] = None,
    show_version: Annotated[bool, typer.Option("--version", is_eager=True, callback=lambda v: _version(v),
                                               help="print the version and the contract's schema / 显示版本")] = False,
) -> None:
    """jixiao（绩效）: read, recompute and check budget-performance documents. 读取、复核预算绩效文件。"""
    setup_logging(logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING, log)


def setup_logging(level: int, path: Path | None = None) -> None:
    """stdlib logging for the ``jixiao`` logger: a rich handler on a terminal, plain text on a pipe,
    and with ``path`` a file that keeps everything (debug and tracebacks) for a batch."""
    from rich.logging import RichHandler
    logger = logging.getLogger("jixiao")
    logger.handlers.clear()
    logger.propagate = False
    err = Console(stderr=True)
    handler: logging.Handler = RichHandler(console=err, show_path=False, rich_tracebacks=True) if err.is_terminal \
        else logging.StreamHandler(sys.stderr)
    if not err.is_terminal:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)
    logger.addHandler(handler)
    if path is not None:
        to_file = logging.FileHandler(path, encoding="utf-8")
        to_file.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(message)s"))
        to_file.setLevel(logging.DEBUG)
        logger.addHandler(to_file)
    logger.setLevel(min(level, logging.DEBUG if path is not None else level))


def safe_streams() -> None:
    """Standard output and error encode to what the console or pipe accepts (GBK on a Chinese
    Windows, UTF-8 elsewhere), and a character it lacks becomes “?” instead of an error."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):   # a stream that is not a TextIOWrapper (a test's capture)
            pass


class _Unpadded:
    """A text stream that drops the spaces a table pads its lines with."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write("\n".join(line.rstrip() for line in text.split("\n")))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


def output() -> Console:
    """The console for results: the terminal's width on a terminal; on a pipe or a file, lines as
    long as their content (never wrapped at 80 columns, never a number split)."""
    probe = Console()
    return probe if probe.is_terminal else Console(file=_Unpadded(sys.stdout), width=10_000, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _read(source: Source):
    """A source's Document, or raise its JixiaoError (an unforeseen failure as JX005)."""
    if source.error is not None:
        raise source.error
    data = source.load()
    return read_path(source.name) if data is None else read_bytes(data, source.name)


def _unforeseen(source: Source, exc: Exception) -> JixiaoError:
    logging.getLogger("jixiao").debug("%s failed", source.name, exc_info=True)
    return JixiaoError("JX005", f"处理此文件时出错：{exc!r}", f"the file could not be processed: {exc!r}", source.name)


def exit_status(results) -> int:
    """3 when jixiao did not finish a file, 2 when a file could not be read, else 0."""
    codes = {r.error.code for r in results if r.error}
    return 3 if codes & FAILED else 2 if codes else 0


def check_status(results) -> int:
    """``check``'s exit status: :func:`exit_status`, else 1 when an error was found, else 0."""
    return exit_status(results) or (1 if any(f.severity == "error" for r in results for f in r.findings) else 0)


def _err(console: Console, exc: JixiaoError) -> None:
    console.print(f"[red]{exc.code}[/red] {exc.message}", highlight=False)


@app.command()
def show(
    paths: Annotated[list[Path], typer.Argument(help="files or folders / 文件或目录")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = Format.table,
) -> None:
    """Show the forms read from each file (显示识别出的表单)."""
    out = output()
    err = Console(stderr=True)
    failed = 0
    objects = []
    for source in sources(paths):
        logging.getLogger("jixiao").info("读取 / reading %s", source.name)
        try:
            try:
                doc = _read(source)
                forms = recognize(doc)
            except (JixiaoError, MemoryError):
                raise
            except Exception as exc:  # a crash of jixiao's own: said for this file, the others go on
                raise _unforeseen(source, exc) from None
        except JixiaoError as exc:
            failed = max(failed, 3 if exc.code in FAILED else 2)
            _err(err, exc)
            objects.append(FileRecord(source.name, error={"code": exc.code, "zh": exc.zh, "en": exc.en}).to_json())
            continue
        if fmt is Format.json:
            objects.append(document_json(doc, forms, classify(doc, forms)))
        else:
            print_document(out, doc, forms)
    if fmt is Format.json:
        sys.stdout.write(dumps(envelope(objects)) + "\n")
    raise typer.Exit(failed)


@app.command()
def blocks(paths: Annotated[list[Path], typer.Argument(help="files / 文件")]) -> None:
    """Show what the reader saw: paragraphs and table rows with lines (读取结果)."""
    out = output()
    err = Console(stderr=True)
    failed = 0
    for source in sources(paths):
        try:
            try:
                doc = _read(source)
            except (JixiaoError, MemoryError):
                raise
            except Exception as exc:  # a crash of jixiao's own: said for this file, the others go on
                raise _unforeseen(source, exc) from None
            print_blocks(out, doc)
        except JixiaoError as exc:
            failed = max(failed, 3 if exc.code in FAILED else 2)
            _err(err, exc)
    raise typer.Exit(failed)


ProfileOpt = Annotated[str | None, typer.Option(
    "--profile", "-p", help="rule profile id or TOML file (default: detected) / 评分规则")]


def _check_profile(profile: str | None) -> None:
    """Stop before any file is read when --profile names no profile."""
    if profile:
        try:
            load(profile)
        except JixiaoError as exc:
            _err(Console(stderr=True), exc)
            raise typer.Exit(2) from None


def _codes(value: str | None) -> list[str]:
    """Codes or prefixes named on the command line; one that names no check stops the run."""
    codes = [c.strip().upper() for c in (value or "").replace(" ", ",").split(",") if c.strip()]
    for c in codes:
        if not any(code.startswith(c) for code in REGISTRY):
            _err(Console(stderr=True), JixiaoError("JX004", f"没有检查项 {c}（用 jixiao rule 查看全部检查项）",
                                                   f"no check {c} (jixiao rule lists them all)"))
            raise typer.Exit(2)
    return codes


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="files or folders / 文件或目录")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table (text), json, or jsonl (a line per file as it "
                                        "is done)")] = Format.table,
    profile: ProfileOpt = None,
    select: Annotated[str | None, typer.Option(help="codes or prefixes to run, e.g. JX1,JX301")] = None,
    ignore: Annotated[str | None, typer.Option(help="codes or prefixes to skip, e.g. JX4")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="files checked in parallel / 并行进程数")] = 1,
    min_severity: Annotated[Severity, typer.Option("--min-severity", help="report from this severity up / 只报告此级别及以上")]
    = Severity.info,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="seconds one file may take / 每个文件的处理时限（秒）")]
    = limits.FILE_SECONDS,
    memory: Annotated[int, typer.Option("--memory", min=64, help="MB one file may use / 每个文件的内存上限（MB）")]
    = limits.FILE_MEMORY // limits.MiB,
    resume: Annotated[Path | None, typer.Option("--resume", help="append each file's result to this JSON-lines file as it "
                                                "comes, and skip the files already in it / 结果逐个写入此文件，已完成的跳过")] = None,
    dask: Annotated[str | None, typer.Option("--dask", help="check on a Dask cluster: 'local' (jobs processes here) or a "
                                             "scheduler address; one task per document / 在 Dask 集群上复核")] = None,
) -> None:
    """Recompute and check every file, folder and .zip archive; list the findings (复核并检查)."""
    _check_profile(profile)
    codes = [c.code for c in selected(_codes(select), _codes(ignore))]
    if dask and fmt is not Format.jsonl and not resume:
        _err(Console(stderr=True), JixiaoError("JX004", "--dask 须与 -f jsonl 或 --resume FILE 同用（结果逐个写出）",
                                               "--dask needs -f jsonl or --resume FILE (results are written as they come)"))
        raise typer.Exit(2)
    items = sources(paths)
    keep = SEVERITIES[:SEVERITIES.index(min_severity.value) + 1]
    err = Console(stderr=True)
    try:
        done = journal.done(resume) if resume else {}
        sink = journal.Sink(resume) if resume else None
    except JixiaoError as exc:
        _err(err, exc)
        raise typer.Exit(2) from None
    opts = journal.options(profile, tuple(codes), tuple(keep))
    keys = [journal.key(s, opts) for s in items] if resume else [None] * len(items)
    todo = [k for k, key in enumerate(keys) if key is None or key not in done]
    before = max((_record_status(done[key]) for key in keys if key in done), default=0)   # files done earlier count
    if resume and len(todo) < len(items):
        err.print(f"{len(items) - len(todo)} 个文件已在 {resume} 中完成，跳过 / {len(items) - len(todo)} files already done, "
                  "skipped", highlight=False)

    def kept(r):
        return replace(r, findings=[f for f in r.findings if f.severity in keep or f.code == NOT_CHECKED])

    streamed = fmt is Format.jsonl   # nothing kept: any number of files in flat memory
    status = before

    def came(i: int, r) -> None:   # each result written as it comes: a killed run keeps what it did
        nonlocal status
        status = max(status, check_status([r]))
        record = file_record(kept(r), key=keys[todo[i]]) if (sink or fmt is Format.jsonl) else None
        if sink:
            sink.write(record)
        if fmt is Format.jsonl:
            sys.stdout.write(dumps(record, indent=None) + "\n")
            sys.stdout.flush()

    budget = Budget(timeout, memory * limits.MiB)
    chosen = [items[k] for k in todo]
    if dask:
        raise typer.Exit(max(before, _check_on_dask(chosen, dask, jobs, profile, codes, budget, tuple(keep),
                                                    [keys[k] for k in todo], sink, fmt)))
    try:
        if len(chosen) > 1 and err.is_terminal:
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=err, transient=True) as bar:
                task = bar.add_task("复核 / checking", total=len(chosen))
                results = check_all(chosen, profile, codes, jobs, lambda name: bar.advance(task), came, budget,
                                    keep=not streamed)
        else:
            results = check_all(chosen, profile, codes, jobs, on_result=came, budget=budget, keep=not streamed)
    finally:
        if sink:
            sink.close()
    if streamed:
        raise typer.Exit(status)
    results = [kept(r) for r in results]
    if fmt is Format.json:
        sys.stdout.write(dumps(findings_json(results)) + "\n")
    elif fmt is Format.table:
        print_findings(output(), results)
    raise typer.Exit(max(before, check_status(results)))


def _record_status(record: dict) -> int:
    """The exit status one file's JSON record stands for (3, 2, 1 or 0)."""
    code = (record.get("error") or {}).get("code")
    return 3 if code in FAILED else 2 if code else 1 if any(
        f.get("severity") == "error" for f in record.get("findings", [])) else 0


def _check_on_dask(items, address, jobs, profile, codes, budget, keep, keys, sink, fmt) -> int:
    """The batch on a Dask cluster: records written as they arrive (``-f jsonl`` or ``--resume``
    keep the findings); a count at the end."""
    from .scale import check_on_dask
    tally = {"files": 0, "error": 0, "warning": 0, "info": 0}
    status = 0

    def came(i: int, record: dict) -> None:
        nonlocal status
        if sink:
            sink.write(record)
        if fmt is Format.jsonl:
            sys.stdout.write(dumps(record, indent=None) + "\n")
            sys.stdout.flush()
        tally["files"] += 1
        for f in record["findings"]:
            tally[f["severity"]] = tally.get(f["severity"], 0) + 1
        status = max(status, _record_status(record))

    try:
        check_on_dask(items, address, came, jobs=jobs, profile=profile, codes=codes, budget=budget, keep=keep, keys=keys)
    except ImportError:
        _err(Console(stderr=True), JixiaoError("JX004", "未安装 Dask：pip install 'jixiao[scale]'",
                                               "Dask is not installed: pip install 'jixiao[scale]'"))
        return 2
    except OSError as exc:   # the scheduler cannot be reached
        _err(Console(stderr=True), JixiaoError("JX004", f"无法连接 Dask 调度器 {address}（{exc}）",
                                               f"cannot reach the Dask scheduler {address} ({exc})"))
        return 2
    finally:
        if sink:
            sink.close()
    if fmt is not Format.jsonl:
        Console(stderr=True).print(f"{tally['files']} 个文件：错误 {tally['error']}，警告 {tally['warning']}，提示 "
                                   f"{tally['info']} / {tally['files']} files", highlight=False)
    return status


@app.command()
def score(
    paths: Annotated[list[Path], typer.Argument(help="files or folders / 文件或目录")],
    profile: ProfileOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = Format.table,
) -> None:
    """Reported and recomputed figures side by side, with the rule used (复核计分)."""
    _check_profile(profile)
    out = output()
    results = check_all(sources(paths), profile, codes=[])
    for result in results:
        if fmt is Format.table:
            print_scores(out, result)
    if fmt is Format.json:
        sys.stdout.write(dumps(scores_json(results)) + "\n")
    raise typer.Exit(exit_status(results))


@app.command()
def assess(
    path: Annotated[Path, typer.Argument(help="file / 文件")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json")] = Format.table,
    profile: ProfileOpt = None,
) -> None:
    """Score the objective items of the 自评工作考核评分表; the rest await the reviewer (自评工作考核)."""
    _check_profile(profile)
    result = check_path(path, profile, checks=[])
    if result.error is not None:
        _err(Console(stderr=True), result.error)
        raise typer.Exit(2)
    done = run_assess(result)
    if fmt is Format.json:
        sys.stdout.write(dumps(done.to_json()) + "\n")
    else:
        print_assessment(output(), done)


@app.command()
def rule(code: Annotated[str | None, typer.Argument(help="check code, e.g. JX101; none lists all")] = None) -> None:
    """Explain a check, from its own documentation (检查项说明)."""
    from rich.markdown import Markdown
    out = output()
    checks = selected(None, None)
    if code is None:
        for c in checks:
            out.print(f"[bold]{c.code}[/bold] {c.severity:<8} {c.title}", highlight=False)
        return
    chk = REGISTRY.get(code.upper())
    if chk is None:
        _err(Console(stderr=True), JixiaoError("JX004", f"没有检查项 {code}", f"no check {code}"))
        raise typer.Exit(2)
    out.print(Markdown(page(chk)))


@app.command()
def profiles() -> None:
    """List the rule profiles and their sources (评分规则)."""
    out = output()
    for name in available():
        p = load(name)
        out.print(f"[bold]{p.id}[/bold]  {p.name}  —  {'、'.join(p.regions[:6]) or '（默认）'}", highlight=False)
        out.print(f"  {p.description}", highlight=False)
        for section, src in p.sources.items():
            out.print(f"  [dim]{section}: {src}[/dim]", highlight=False)


@app.command()
def version() -> None:
    """Print the version (版本)."""
    typer.echo(f"jixiao {__version__} ({SCHEMA})")


def main() -> None:
    safe_streams()
    # the libraries' own remarks on a damaged file (openpyxl's dates, Pillow's size warning) are not
    # the user's business: what matters about the file is said as a finding
    warnings.filterwarnings("ignore", category=UserWarning)
    warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"PIL\..*")
    try:
        app()
    except BrokenPipeError:   # the reader of a pipe went away (| head): stop quietly, as a filter does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
