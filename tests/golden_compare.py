"""Compare jixiao's reading of a seed with its hand-written golden file."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from jixiao.forms import recognize
from jixiao.forms.model import SELF_EVAL_KINDS, Form
from jixiao.readers import read_path
from jixiao.values import norm

GOLDEN = Path(__file__).parent / "golden"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _num(x) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def _txt(x) -> str | None:
    return None if x is None else norm(str(x)).rstrip(":：")


def _budget_fields(row) -> dict:
    return {k: _num(getattr(row, k)) for k in ("initial", "adjusted", "executed", "rate", "weight", "score")}


def differences(prefix: str) -> list[str]:
    """Every way the reading differs from the golden file, as readable lines."""
    golden = json.loads((GOLDEN / f"{prefix}.json").read_text("utf-8"))
    forms = [f for f in recognize(read_path(seed_path(prefix))) if f.kind in SELF_EVAL_KINDS]
    out: list[str] = []
    if len(forms) != len(golden["forms"]):
        out.append(f"form count: read {len(forms)}, golden {len(golden['forms'])}: "
                   f"{[(f.kind, f.ref.line) for f in forms]}")
    for n, (f, g) in enumerate(zip(forms, golden["forms"])):
        out += [f"form {n} (golden line {g['line']}): {d}" for d in _form_diff(f, g)]
    return out


def _form_diff(f: Form, g: dict) -> list[str]:
    out = []

    def same(label, mine, theirs, conv=_txt):
        if conv(mine) != conv(theirs):
            out.append(f"{label}: read {mine!r}, golden {theirs!r}")

    same("kind", f.kind, g["kind"], str)
    same("line", f.ref.line, g["line"], int)
    for key in ("project", "project_code", "department", "unit"):
        if key in g:
            same(key, getattr(f, key), g[key])
    same("year", f.year, g.get("year"), lambda x: x)
    if g["kind"] == "basic_data":
        staff = f.data.get("staff", {})
        for k, v in (g.get("staff") or {}).items():
            same(f"staff.{k}", staff.get(k), v, _num)
        mine = [(_txt(e["label"]), {_txt(k): _num(v) for k, v in e["values"].items()}) for e in f.data.get("expenses", [])]
        theirs = [(_txt(e["label"]), {_txt(k): _num(v) for k, v in e["values"].items()}) for e in g.get("expenses", [])]
        if mine != theirs:
            out.append(f"expenses differ:\n  read   {mine}\n  golden {theirs}")
        return out
    gb = g.get("budget")
    main = f.budget.main if f.budget else None
    if gb is None:
        if main is not None and main.filled:
            out.append("budget: read one, golden none")
    elif main is None:
        out.append("budget: none read")
    else:
        theirs = {k: _num(gb.get(k)) for k in ("initial", "adjusted", "executed", "rate", "weight", "score")}
        same("budget", _budget_fields(main), theirs, lambda x: x)
        same("budget.unit", f.budget.unit, gb.get("unit"), str)
    rows = f.budget.rows if f.budget else []
    grows = g.get("budget_rows") or []
    if len(rows) != len(grows):
        out.append(f"budget rows: read {[r.label for r in rows]}, golden {[r['label'] for r in grows]}")
    for r, gr in zip(rows, grows):
        same(f"budget row {gr['label']} label", r.label, gr["label"])
        theirs = {k: _num(gr.get(k)) for k in ("initial", "adjusted", "executed", "rate", "weight", "score")}
        same(f"budget row {gr['label']}", _budget_fields(r), theirs, lambda x: x)
        if "declared" in gr:
            same(f"budget row {gr['label']} declared", r.declared, gr["declared"], _num)
        same(f"budget row {gr['label']} line", r.ref.line, gr["line"], int)
    inds, ginds = f.indicators, g.get("indicators") or []
    if len(inds) != len(ginds):
        out.append(f"indicator count: read {len(inds)}, golden {len(ginds)}")
    for i, gi in zip(inds, ginds):
        tag = f"indicator {gi.get('name')!r}@{gi['line']}"
        same(f"{tag} name", i.name, gi.get("name"))
        same(f"{tag} level1", i.level1, gi.get("level1"))
        same(f"{tag} level2", i.level2, gi.get("level2"))
        same(f"{tag} target", i.target.text if i.target else None, gi.get("target"))
        if "target_initial" in gi:
            same(f"{tag} target_initial", i.target_initial.text if i.target_initial else None, gi["target_initial"])
        same(f"{tag} actual", i.actual.text if i.actual else None, gi.get("actual"))
        same(f"{tag} weight", i.weight, gi.get("weight"), _num)
        same(f"{tag} score", i.score, gi.get("score"), _num)
        same(f"{tag} line", i.ref.line, gi["line"], int)
    gt = g.get("total") or {}
    same("total.weight", f.total_weight, gt.get("weight"), _num)
    same("total.score", f.total_score, gt.get("score"), _num)
    same("grade", f.grade, g.get("grade"))
    return out
