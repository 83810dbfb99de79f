"""The pipeline (流程), walked once and forward: read → recognize → classify → evaluate → check.

``check_path`` never raises for a bad file: the error is kept on the result (and becomes a
finding), so a batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import Document
from .checks import Check, Context, Finding, run, selected
from .checks.completeness import free_texts
from .classify import DocumentInfo, classify
from .claims import Claim, read_claims
from .errors import JixiaoError
from .entry.layout import from_tag
from .forms import recognize
from .forms.ledger import Ledger
from .forms.model import Form
from .readers import read_bytes, read_path
from .rules.engine import FormEval, evaluate
from .rules.profile import Profile, detect, load


@dataclass
class Checked:
    """One file after the pipeline (单个文件的复核结果)."""

    path: str
    doc: Document | None = None
    info: DocumentInfo | None = None
    forms: list[Form] = field(default_factory=list)
    evals: list[FormEval] = field(default_factory=list)
    profile: Profile | None = None
    profile_reason: str = ""
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: JixiaoError | None = None


log = logging.getLogger("jixiao")


def choose_profile(info: DocumentInfo, forms: list[Form], name: str | None,
                   properties: dict[str, str] | None = None) -> tuple[Profile, str]:
    """The profile named by the user, else the one of the layout of an entry workbook jixiao made
    (its ``properties``), else the one of the place the department is in, else the one the forms'
    单位 names point to. A place the prose merely mentions never decides."""
    if name:
        return load(name), "由 --profile 指定"
    tagged = from_tag(properties.get("jixiao.layout", "")) if properties else None
    if tagged:   # a workbook jixiao made names its layout, and the layout its rules
        return load(tagged[0].profile), f"据填报工作簿的表样“{tagged[0].name}”"
    if info.place.known:
        profile, _ = detect(info.place.names())
        return profile, f"{info.place.evidence}判断地区为{''.join(info.place.names())}"
    return detect([n for f in forms for n in (f.department, f.unit) if n])


def _failed(out: Checked, exc: JixiaoError) -> Checked:
    """The file as one error finding: it could not be read or recognised."""
    out.error = exc
    out.findings = [Finding(exc.code, "error", "文件", exc.message, None, None, None)]
    return out


def check_path(path: str | Path, profile: str | None = None, checks: list[Check] | None = None,
               data: bytes | None = None) -> Checked:
    """Read, recognise, evaluate and check one file; ``data``, when given, are its bytes (a
    member of an archive, named ``path``)."""
    out = Checked(str(path))

    def read() -> None:
        out.doc = read_path(path) if data is None else read_bytes(data, str(path))
        out.forms = recognize(out.doc)
    return _checked(out, profile, checks) if _step(out, read) else out


def _step(out: Checked, step: Callable[[], None]) -> bool:
    """Run one step of reading and recognising; when it fails, the file becomes one error finding
    (its own JixiaoError, or JX005 for a layout jixiao did not foresee) and the batch goes on."""
    try:
        step()
        return True
    except JixiaoError as exc:
        _failed(out, exc)
    except MemoryError:   # the worker's budget: the batch makes it JX007
        raise
    except Exception as exc:  # an unforeseen layout: report it, keep the batch going
        log.debug("recognising %s failed", out.path, exc_info=True)
        _failed(out, JixiaoError("JX005", f"识别表单时出错：{exc!r}", f"could not recognise the forms: {exc!r}", out.path))
    return False


def check_forms(doc: Document, forms: list[Form], profile: str | None = None,
                checks: list[Check] | None = None) -> Checked:
    """Classify, evaluate and check forms already recognised — or read back from the contract
    or the store (复核已读取的表单): the same findings as ``check_path`` gives for the file."""
    return _checked(Checked(doc.path, doc, forms=list(forms)), profile, checks)


def _checked(out: Checked, profile: str | None, checks: list[Check] | None) -> Checked:
    """The rest of the walk, from the forms: classify → evaluate → read the claims → check."""
    path = out.path

    def place() -> None:
        out.info = classify(out.doc, out.forms)
        out.profile, out.profile_reason = choose_profile(out.info, out.forms, profile, out.doc.properties)
    if not _step(out, place):
        return out
    try:
        out.evals = [evaluate(f, out.profile) for f in out.forms]
    except MemoryError:   # the worker's budget: the batch makes it JX007
        raise
    except Exception as exc:  # keep what was read; say that scoring failed
        log.debug("scoring %s failed", path, exc_info=True)
        out.findings = [Finding("JX005", "error", "复核", f"复核计分时出错：{exc!r}", None, None, None)]
        return out
    broken, ledger = [], None
    try:
        ledger = Ledger.of(out.forms)
        cells = [(ref, text) for ev in out.evals for ref, _, text in free_texts(ev)]
        out.claims = read_claims(out.doc, cells, ledger, out.info.year, out.evals)
    except MemoryError:   # the worker's budget: the batch makes it JX007
        raise
    except Exception as exc:  # the tables are still checked
        log.debug("reading the claims of %s failed", path, exc_info=True)
        broken = [Finding("JX005", "warning", "文中论断", f"读取文中数字论断时出错：{exc!r}，其余检查照常进行。",
                          None, None, None)]
    ctx = Context(out.doc, out.forms, out.evals, out.profile, out.profile_reason, out.claims, ledger,
                  out.info.parts, out.info.kind, out.info.year)
    out.findings = broken + run(ctx, checks if checks is not None else selected(None, None))
    return out
