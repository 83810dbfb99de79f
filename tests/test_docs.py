"""docs/ is generated from the checks' docstrings and the profiles, and must be up to date."""

from pathlib import Path

from jixiao.checks import REGISTRY
from jixiao.docs import pages

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_docs_are_generated_from_the_docstrings():
    for name, text in pages().items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, \
            f"docs/{name} is stale: run `python -m jixiao.docs docs`"
    assert {p.name for p in (DOCS / "checks").glob("JX*.md")} == {f"{c}.md" for c in REGISTRY}


def test_every_check_documents_what_why_and_both_examples():
    for code, chk in REGISTRY.items():
        doc = chk.doc
        assert " — " in chk.title, code
        for part in ("**What it checks.**", "**Why it matters.**", "**Fires", "**Does not fire"):
            assert part in doc, (code, part)
