"""``jixiao draft FILE`` (据表起草说明)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..forms.model import FINAL_ACCOUNTS
from ..pipeline import check_path
from .accounts import draft_accounts, phrases
from .docx import to_docx
from .figures import Draft
from .selfeval import draft_selfeval


class Part(str, Enum):
    accounts = "accounts"
    selfeval = "selfeval"


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(2)


def build(path: Path, part: Part | None = None, profile: str | None = None) -> tuple[Draft, list]:
    """(the draft, the tables to print before it) for one file; ValueError with a bilingual
    message when the file holds no table to write from (无可据以起草的表)."""
    checked = check_path(path, profile)
    if checked.error is not None:
        raise ValueError(f"{path}：{checked.error.message} / cannot read {path}")
    accounts = [f for f in checked.forms if f.kind == FINAL_ACCOUNTS]
    if part is not Part.selfeval and accounts:
        info = checked.info
        return draft_accounts(checked.forms, info.year if info else None, info.department if info else None), accounts
    if part is not Part.accounts:
        d = draft_selfeval(checked.evals)
        if d is not None:
            return d, []
    wanted = {Part.accounts: "决算表 / final-accounts tables", Part.selfeval: "自评表 / self-evaluation forms"}
    what = wanted.get(part, "决算表或自评表 / final-accounts tables or self-evaluation forms")
    raise ValueError(f"{path}：文件中没有可据以起草的{what.split(' / ')[0]}，未生成文稿 / "
                     f"no {what.split(' / ')[1]} to draft from in {path}")


def draft(
    file: Annotated[Path, typer.Argument(help="the file whose tables the prose is written from / 据以起草的文件")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="the DOCX to write / 输出的 DOCX 文件"
                                             "（默认：与原文件同名，后缀 .draft.docx）")] = None,
    part: Annotated[Part | None, typer.Option("--part", help="accounts (决算情况说明) or selfeval (自评报告段落); "
                                              "default: what the file holds / 默认按文件内容")] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="scoring profile for selfeval / 自评计分规则")] = None,
    tables: Annotated[bool, typer.Option("--tables/--no-tables", help="print the final-accounts tables before the "
                                         "情况说明 / 在情况说明前附决算表")] = True,
) -> None:
    """Write the prose from a file's tables, every figure computed (据表起草说明)."""
    if file.is_dir():
        _fail(f"{file}：这是一个目录，请给出一个文件 / is a directory: give one file")
    if not file.is_file():
        _fail(f"找不到文件：{file} / no such file: {file}")
    try:
        d, forms = build(file, part, profile)
    except ValueError as exc:
        _fail(str(exc))
    target = out or file.with_suffix(".draft.docx")
    title = phrases()["accounts"]["part"].format(year=next((f.year for f in forms if f.year), ""))
    try:
        target.write_bytes(to_docx(d, forms if tables else [], title))
    except OSError as exc:
        _fail(f"无法写入 {target}：{exc.strerror} / cannot write {target}: {exc.strerror}")
    holes = d.text().count("【请")
    typer.echo(f"已起草 {target}：{len(d.sections)} 节，待填写 {holes} 处 / drafted {target}: "
               f"{len(d.sections)} sections, {holes} places to fill in")
    for n in d.notes[1:]:
        typer.echo(f"  请核对 / check: {n}")
