"""The contract (数据契约): what jixiao writes and reads back, versioned and type-exact.

Every JSON output is ``{"schema": "jixiao/1", "jixiao": VERSION, "files": [...]}``; one file's
record is also one line of ``check -f jsonl`` and what the store keeps as the truth of a run.
``FileRecord.from_json(record.to_json())`` gives back the same types (amounts are ``Decimal``
with their printed exponent, places are ``SourceRef``), so every check can run again on
forms read from the store. Changes after ``jixiao/1`` are additive, or the schema is bumped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import __version__
from .checks import Finding
from .classify import DocumentInfo
from .classify.place import Place
from .forms.model import Form, ref_from

SCHEMA = "jixiao/1"
SCHEMAS_READ = (SCHEMA,)   # the versions ``load`` accepts


def _dec(x: Any) -> Decimal | None:
    return None if x is None else (x if isinstance(x, Decimal) else Decimal(str(x)))


def info_from(d: dict | None) -> DocumentInfo | None:
    """A DocumentInfo back from its JSON (文件判别)."""
    if not d:
        return None
    ev = d.get("evidence") or {}
    p = d.get("place") or {}
    place = Place(p.get("province"), p.get("city"), p.get("county"), p.get("code"), p.get("evidence") or "")
    return DocumentInfo(d["kind"], tuple(ev.get("kind") or ()), frozenset(d.get("parts") or ()),
                        d.get("department"), ev.get("department") or "", place, d.get("year"))


def finding_from(d: dict, file: str) -> Finding:
    """A Finding back from its JSON (问题)."""
    places = [ref_from(p, file) for p in d.get("places") or ()]
    ref = ref_from(d.get("source"), file)
    return Finding(d["code"], d["severity"], d.get("subject") or "", d["message"], d.get("expected"),
                   d.get("found"), ref, d.get("form"), d.get("fingerprint") or "",
                   tuple(places[1:] if ref is not None else places))


@dataclass
class Totals:
    """A form's total and grade, as reported and as recomputed (填报与复核的总分、等级)."""

    form: int
    reported_weight: Decimal | None = None
    reported_score: Decimal | None = None
    reported_grade: str | None = None
    weight: Decimal | None = None        # Σ weights recomputed
    score_sum: Decimal | None = None     # Σ scores as printed
    score: Decimal | None = None         # the total recomputed by the rules
    grade: str | None = None             # the grade of that total

    def to_json(self) -> dict:
        return {"form": self.form,
                "reported": {"weight": self.reported_weight, "score": self.reported_score, "grade": self.reported_grade},
                "recomputed": {"weight": self.weight, "score_sum": self.score_sum, "score": self.score,
                               "grade": self.grade}}

    @classmethod
    def from_json(cls, d: dict) -> Totals:
        rep, rec = d.get("reported") or {}, d.get("recomputed") or {}
        return cls(d["form"], _dec(rep.get("weight")), _dec(rep.get("score")), rep.get("grade"),
                   _dec(rec.get("weight")), _dec(rec.get("score_sum")), _dec(rec.get("score")), rec.get("grade"))


@dataclass
class FileRecord:
    """One file of the contract (文件记录): what it is, what was read, and what was found."""

    file: str
    sha256: str | None = None
    size: int | None = None
    format: str | None = None
    document: DocumentInfo | None = None
    profile: str | None = None
    profile_reason: str = ""
    checked: bool = False
    error: dict | None = None            # {"code", "zh", "en"} when the file could not be read
    forms: list[Form] = field(default_factory=list)
    totals: list[Totals] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)   # every claim of the prose, as recomputed
    findings: list[Finding] = field(default_factory=list)
    extra: dict = field(default_factory=dict)          # the batch's own keys (member, archive …)

    @property
    def unit(self) -> str | None:
        """The unit the file is by (单位): the document's department, else a form's unit or department."""
        if self.document is not None and self.document.department:
            return self.document.department
        return next((n for f in self.forms for n in (f.unit, f.department) if n), None)

    def headline(self) -> Totals | None:
        """The totals of the file's main scored form (总分): the form of the document's own kind (the
        部门整体 table of a 部门整体自评), else the first that reports a total, else the first scored.
        Target tables that only declare the year's targets (申报表) are never scored."""
        scored = [t for t in self.totals if t.form < len(self.forms) and not self.forms[t.form].is_declaration]
        kind = self.document.kind if self.document is not None else None
        own = next((t for t in scored if self.forms[t.form].kind == kind), None)
        return own or next((t for t in scored if t.reported_score is not None), scored[0] if scored else None)

    def to_json(self) -> dict:
        out = {"file": self.file, "sha256": self.sha256, "size": self.size, "format": self.format,
               "document": self.document.to_json() if self.document else None,
               "checked": self.checked, "profile": self.profile, "profile_reason": self.profile_reason,
               "error": self.error, "forms": [f.to_json() for f in self.forms],
               "totals": [t.to_json() for t in self.totals], "claims": self.claims}
        out.update(self.extra)
        out["findings"] = [f.to_json() | ({"file": self.file} if f.ref is None else {}) for f in self.findings]
        return out

    @classmethod
    def from_json(cls, d: dict) -> FileRecord:
        file = d["file"]
        known = {"schema", "jixiao", "file", "sha256", "size", "format", "document", "checked", "profile", "profile_reason",
                 "error", "forms", "totals", "claims", "findings"}
        return cls(file, d.get("sha256"), d.get("size"), d.get("format"), info_from(d.get("document")),
                   d.get("profile"), d.get("profile_reason") or "", bool(d.get("checked")), d.get("error"),
                   [Form.from_json(f, file) for f in d.get("forms") or ()],
                   [Totals.from_json(t) for t in d.get("totals") or ()],
                   list(d.get("claims") or ()), [finding_from(f, file) for f in d.get("findings") or ()],
                   {k: v for k, v in d.items() if k not in known})


def envelope(records: list[dict]) -> dict:
    """The whole output, the same shape for one file or many: ``{"schema", "jixiao", "files",
    "findings"}`` — each file's record, and every finding in one list, each naming its file (as
    ARCHITECTURE.md has it). A JSON-lines record keeps its own findings instead."""
    files, findings = [], []
    for record in records:
        record = dict(record)
        findings += [{**f, "file": record["file"]} for f in record.pop("findings", ())]
        files.append(record)
    return {"schema": SCHEMA, "jixiao": __version__, "files": files, "findings": findings}


class ContractError(ValueError):
    """A JSON that is not a jixiao contract, or of a schema this version cannot read."""


def load(obj: dict) -> list[FileRecord]:
    """The files of a parsed contract (``render.json.loads`` keeps amounts exact)."""
    if not isinstance(obj, dict) or "files" not in obj:
        raise ContractError("不是 jixiao 的 JSON 输出（缺少 files） / not a jixiao JSON output (no 'files')")
    if obj.get("schema") not in SCHEMAS_READ:
        raise ContractError(f"无法读取数据契约版本 {obj.get('schema')!r}（本版本读取 {', '.join(SCHEMAS_READ)}） / "
                            f"unknown contract schema {obj.get('schema')!r}")
    by_file: dict[str, list[dict]] = {}
    for f in obj.get("findings") or ():   # the whole output's list, back to each file's record
        by_file.setdefault(f.get("file"), []).append(f)
    return [FileRecord.from_json(f if "findings" in f else {**f, "findings": by_file.get(f["file"], [])})
            for f in obj["files"]]
