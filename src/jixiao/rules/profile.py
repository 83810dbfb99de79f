"""Rule profiles (评分规则): how a region scores, read from ``profiles/*.toml``.

A profile is data, not code: first-level weights, the execution-rate rule, the quantitative
and qualitative scoring rules and the grade bands, each section with its ``source``. A
regional profile ``extends`` the national one and overrides only what its own templates say.
Users add a province by dropping a TOML file beside these (or passing ``--profile FILE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ..resources import package_file
from ..errors import JixiaoError
from ..schema import PROFILE, load_toml

PROFILE_DIR = package_file("rules", "profiles")
DEFAULT = "national"


@dataclass(frozen=True)
class Band:
    level: str
    low: Decimal   # percent of the weight, inclusive
    high: Decimal


@dataclass(frozen=True)
class Profile:
    """A scoring profile (评分规则配置)."""

    id: str
    name: str
    description: str
    regions: tuple[str, ...]
    execution_weight: Decimal | None
    indicators_weight: Decimal | None
    level_weights: dict[str, Decimal]
    denominator: str            # "adjusted" (全年预算数) | "initial" (年初预算数)
    execution_formula: str      # "proportional"
    execution_cap: bool
    explain_below: Decimal      # rate (%) below which a reason is required; 0 = no rule
    positive: str               # "ratio": B/A × w
    negative: str               # "inverse_ratio": A/B × w | "linear": (1 − (B−A)/A) × w
    equal: str                  # "as_positive" | "exact"
    cost_equal: str             # "as_negative" | "as_positive"
    bands: tuple[Band, ...]
    grades: tuple[tuple[Decimal, str], ...]   # (minimum score, grade), high to low
    sources: dict[str, str]

    def grade_of(self, score: Decimal) -> str:
        for low, name in self.grades:
            if score >= low:
                return name
        return self.grades[-1][1]


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) and k != "levels" else v
    return out


def _raw(name_or_path: str, seen: tuple[str, ...] = ()) -> dict:
    path = Path(name_or_path)
    by_id = not path.suffix
    if by_id:
        path = PROFILE_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise JixiaoError("JX003", f"找不到评分规则“{name_or_path}”（可用：{'、'.join(available())}）",
                          f"no rule profile {name_or_path!r} (available: {', '.join(available())})",
                          None if by_id else str(path), "--profile")
    data = load_toml(path, PROFILE)
    parent = data.get("extends")
    if parent and parent not in seen:
        return _merge(_raw(parent, seen + (parent,)), data)
    return data


def _dec(x) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def load(name_or_path: str) -> Profile:
    """Load a profile by id (``sichuan``) or by TOML path, resolving ``extends``; read once per
    process (a file profile again when it changes)."""
    p = Path(name_or_path)
    stamp = p.stat().st_mtime_ns if p.suffix and p.is_file() else None
    return _load(name_or_path, stamp)


@lru_cache(maxsize=64)
def _load(name_or_path: str, stamp: int | None) -> Profile:
    d = _raw(name_or_path)
    w, ex, q, ql, gr = (d.get(k, {}) for k in ("weights", "execution", "quantitative", "qualitative", "grades"))
    return Profile(
        id=d["id"], name=d["name"], description=d.get("description", "").strip(),
        regions=tuple(d.get("regions", ())),
        execution_weight=_dec(w.get("execution")), indicators_weight=_dec(w.get("indicators")),
        level_weights={k: Decimal(str(v)) for k, v in w.get("levels", {}).items()},
        denominator=ex.get("denominator", "adjusted"), execution_formula=ex.get("formula", "proportional"),
        execution_cap=ex.get("cap", True), explain_below=Decimal(str(ex.get("explain_below", 0))),
        positive=q.get("positive", "ratio"), negative=q.get("negative", "inverse_ratio"),
        equal=q.get("equal", "as_positive"), cost_equal=q.get("cost_equal", "as_negative"),
        bands=tuple(Band(b["level"], Decimal(str(b["low"])), Decimal(str(b["high"]))) for b in ql.get("bands", ())),
        grades=tuple(sorted(((Decimal(str(g["min"])), g["name"]) for g in gr.get("bands", ())), reverse=True)),
        sources={k: d[k]["source"] for k in ("weights", "execution", "quantitative", "qualitative", "grades")
                 if isinstance(d.get(k), dict) and d[k].get("source")},
    )


def available() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def detect(texts: list[str]) -> tuple[Profile, str]:
    """Choose the profile whose regions the texts name, first text first.

    ``texts`` are the department/unit names, then the document's opening text. Returns the
    profile and a short Chinese reason shown to the user ("据“广元市昭化区医疗保障局”判断").
    """
    profiles = [load(n) for n in available()]
    for text in texts:
        if not text:
            continue
        hits = [(text.find(r), p, r) for p in profiles for r in p.regions if r in text]
        if hits:
            _, prof, region = min(hits, key=lambda h: h[0])
            shown = text if len(text) <= 30 else f"…{region}…"
            return prof, f"据“{shown}”中的“{region}”判断"
    return load(DEFAULT), "未识别出省份或城市，使用全国默认"
