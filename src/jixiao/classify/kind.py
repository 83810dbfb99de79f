"""Document kind (文件类型): what the whole file is, with the evidence that says so.

The kinds are 项目/部门整体绩效自评, 部门决算公开, 部门预算公开, 绩效目标表 and other. The evidence
is weighed, never a single word: the document's title lines and file name (``data/kinds.toml``),
the printed names of its tables, and the forms recognised in it — a self-evaluation form with
completion values or scores counts for a self-evaluation, one with targets only for a target
table. A place or a word merely mentioned in the prose never decides.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import package_file
from ..blocks import Document, Paragraph, Table
from ..forms.model import BASIC, BUDGET_TABLE, DEPT, FINAL_ACCOUNTS, PROJECT, PROJECT_TARGETS, TARGETS, Form
from ..schema import KINDS, load_toml
from ..values import norm

DATA = package_file("data", "kinds.toml")

OTHER = "other"
# an evaluation form outweighs target tables: every self-evaluation (and a 项目库 export that
# reaches the self-evaluation stage) carries the targets it is measured against
EVALUATION_WEIGHT = 3
SELF_EVAL = ("project_self_eval", "dept_self_eval")


@dataclass(frozen=True)
class KindRule:
    id: str
    name: str
    title: tuple[re.Pattern, ...]
    table: tuple[re.Pattern, ...]
    prose: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class Weights:
    title: int
    prose_per: int
    prose_cap: int


@lru_cache(maxsize=1)
def rules() -> tuple[Weights, tuple[KindRule, ...]]:
    data = load_toml(DATA, KINDS)
    compiled = lambda k, key: tuple(re.compile(p) for p in k.get(key, ()))  # noqa: E731
    kinds = tuple(KindRule(k["id"], k["name"], compiled(k, "title"), compiled(k, "table"), compiled(k, "prose"))
                  for k in data["kind"])
    return Weights(data["title_weight"], data["prose_per"], data["prose_cap"]), kinds


def kind_name(kind: str) -> str:
    """The Chinese name of a kind (部门预算公开 …)."""
    return next((k.name for k in rules()[1] if k.id == kind), kind)


_FILE_SUFFIX = re.compile(r"\.(pdf|docx?|xlsx?|wps|et)$", re.I)


@dataclass(frozen=True)
class KindVerdict:
    """The kind and why (类型及依据)."""

    kind: str
    evidence: tuple[str, ...]
    scores: tuple[tuple[str, int], ...]
    parts: frozenset[str] = frozenset()   # every kind the document holds a part of (a 决算 with 自评表 …)


def title_lines(doc: Document, limit: int = 12) -> list[Paragraph]:
    """The document's title lines: its first short paragraphs, before the running text begins,
    and the first short line of every sheet or section that opens with a table."""
    out: list[Paragraph] = []
    seen = 0
    for block in doc.blocks:
        if isinstance(block, Table):
            break
        seen += 1
        text = _FILE_SUFFIX.sub("", norm(block.text))   # a portal prints the file's name as its title
        if 2 <= len(text) <= 60 and not text.endswith(("。", "；", ";", "，", ",")):   # a sentence is no title
            out.append(block)
        if seen >= limit:
            break
    return out


def table_names(doc: Document) -> list[tuple[str, object]]:
    """(printed name, place) of every table: the short line just above it, and its first cell."""
    out = []
    last: Paragraph | None = None
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            last = block if len(norm(block.text)) <= 60 else None
            continue
        names = []
        if last is not None:
            names.append((norm(last.text), last.ref))
        first = block.rows[0][0] if block.rows and block.rows[0] else None
        if first is not None and len(norm(first.text)) <= 60:
            names.append((norm(first.text), first.ref))
        out.extend(names)
        last = None
    return out


def _form_counts(forms: list[Form]) -> dict[str, int]:
    """What the recognised forms say: a scored or completed form is an evaluation, targets alone
    a target table, a disclosure table its disclosure."""
    counts: dict[str, int] = defaultdict(int)
    for f in forms:
        if f.kind == FINAL_ACCOUNTS:
            counts["final_accounts"] += 1
        elif f.kind == BUDGET_TABLE:
            counts["budget_disclosure"] += 1
        elif f.is_declaration:
            counts["performance_targets"] += 1
        elif f.kind in (PROJECT, PROJECT_TARGETS):
            counts["project_self_eval"] += 1
        elif f.kind in (DEPT, TARGETS, BASIC):
            counts["dept_self_eval"] += 1
    return counts


def classify_kind(doc: Document, forms: list[Form]) -> KindVerdict:
    """Weigh the title lines, the file name, the table names and the forms; the heaviest kind wins."""
    weights, kinds = rules()
    prose = "".join(norm(b.text) for b in doc.blocks[:400] if isinstance(b, Paragraph))
    score: dict[str, int] = defaultdict(int)
    evidence: dict[str, list[str]] = defaultdict(list)
    titles = [(_FILE_SUFFIX.sub("", norm(p.text)), f"标题“{p.text.strip()[:40]}”") for p in title_lines(doc)]
    if not titles:   # no title line (a page run together): the document's opening says what it is
        opening = next((norm(b.text) for b in doc.blocks[:3] if isinstance(b, Paragraph) and b.text.strip()), "")
        head = re.sub(r"《[^》]*》", "", re.split(r"[。；;]", opening, maxsplit=1)[0])[:80]   # not what it cites
        if head and not re.match(r"(根据|按照|依据|为(了)?|经)", head):
            titles.append((head, f"开头“{head[:40]}”"))
    titles.append((norm(Path(doc.path).stem), f"文件名“{Path(doc.path).name}”"))
    titled: dict[str, int] = {}   # kind → the first title line naming it
    for k in kinds:
        hits = [(n, shown) for pat in k.title for n, (text, shown) in enumerate(titles) if pat.search(text)]
        if hits:
            n, shown = min(hits)
            score[k.id] += weights.title
            evidence[k.id].append(shown)
            titled[k.id] = n
        words = [m.group(0) for m in (p.search(prose) for p in k.prose) if m]
        if len(words) >= weights.prose_per:
            score[k.id] += min(weights.prose_cap, len(words) // weights.prose_per)
            shown = [re.sub(r"[\d.]+$", "", w) for w in words[:3]]
            evidence[k.id].append(f"正文用语如“{'”“'.join(shown)}”")
        named = {text for text, _ in table_names(doc) if any(p.search(text) for p in k.table)}
        if named:
            score[k.id] += len(named)
            evidence[k.id].append(f"{len(named)}张表名如“{sorted(named, key=len)[0][:30]}”")
    for kind, n in _form_counts(forms).items():
        score[kind] += n * (EVALUATION_WEIGHT if kind in SELF_EVAL else 1)
        evidence[kind].append(f"识别出{n}张{kind_name(kind)}表")
    order = [k.id for k in kinds]
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    if not ranked or ranked[0][1] <= 0:
        return KindVerdict(OTHER, ("标题、表名和表格都不是预算绩效、预算或决算文件",), ())
    # the first title says what the whole is: a 部门预算 whose part five is 项目绩效目标表 is a budget
    # disclosure; a letter or a rule titled as one (关于报送…自评报告的通知) stays one unless it
    # carries forms
    counts = _form_counts(forms)
    named = sorted((n, -score[k], k) for k, n in titled.items() if k != OTHER)
    if OTHER in titled and not counts:
        best = OTHER
    else:
        best = named[0][2] if named else ranked[0][0]
    parts = frozenset(k for k, n in ranked if n > 0 and k != OTHER) | {best}
    return KindVerdict(best, tuple(evidence[best]), tuple(ranked), parts)
