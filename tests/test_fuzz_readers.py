"""Fuzzing every reader: our own documents, damaged byte by byte and part by part, never crash
jixiao. A damaged file is a finding (JX001/JX002) or is read as far as it goes; it is never an
internal error (JX000/JX005) or an exception. Each reader has a budget of examples
(``JIXIAO_FUZZ_EXAMPLES``, default 40 per target; ``JIXIAO_FUZZ_EXPLORE=1`` draws new inputs
instead of CI's fixed ones); every crash ever found is kept in
``tests/regressions/`` and checked on every run."""

from __future__ import annotations

import io
import os
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_fixtures import to_docx, to_html, to_xlsx
from render_pdf import to_pdf

from jixiao.errors import JixiaoError
from jixiao.pipeline import check_path
from jixiao.readers import read_bytes, read_path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "qinghe_project_2024.txt"
REGRESSIONS = HERE / "regressions"
BUDGET = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "40"))
EXPLORE = bool(os.environ.get("JIXIAO_FUZZ_EXPLORE"))   # new random inputs each run, instead of CI's fixed ones
FUZZ = settings(max_examples=BUDGET, deadline=None, derandomize=not EXPLORE, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def base(fmt: str) -> bytes:
    """A small valid document of each format, made from our own example."""
    doc = read_path(EXAMPLE)
    if fmt == "txt":
        return EXAMPLE.read_bytes()
    return {"docx": to_docx, "xlsx": lambda d: to_xlsx(d, 1), "html": to_html,
            "pdf": lambda d: to_pdf(d, landscape=False)}[fmt](doc)


def survives(data: bytes, name: str) -> None:
    """Read and check the bytes: any outcome but an internal error or an escaping exception."""
    try:
        read_bytes(data, name)
    except JixiaoError as exc:
        assert exc.code in ("JX001", "JX002"), exc.message
        return
    r = check_path(name, data=data)
    internal = [f.message for f in r.findings if f.code in ("JX000", "JX005")]
    assert not internal, internal


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for at, cut, insert in edits:
        k = at % (len(out) + 1)
        out[k:k + cut] = insert
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 64), st.binary(max_size=16)), min_size=1, max_size=6)


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf", "docx", "xlsx"])
@FUZZ
@given(edits=EDITS, keep=st.floats(0.05, 1.0))
def test_damaged_bytes(fmt, edits, keep):
    data = _mutate(base(fmt), edits)
    survives(data[:max(1, int(len(data) * keep))], f"fuzz.{fmt}")


_XML_EDITS = st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 32), st.sampled_from(
    [b"", b"<", b">", b"&", b'"', b"<w:tbl>", b"</w:tc>", b'<w:gridSpan w:val="99999"/>', b'w:val="abc"',
     b'<mergeCell ref="A1:XFD1048576"/>', b'<c r="XFD1048576"><v>1</v></c>', b't="s"', b"<v>999999</v>",
     b'<c r="A1" t="e"><v>#REF!</v></c>', b"\x00", "元".encode(), b"<row r=\"0\">", b"r=\"ZZZZ1\""])),
    min_size=1, max_size=5)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@FUZZ
@given(part=st.integers(0, 50), edits=_XML_EDITS)
def test_damaged_xml_parts(fmt, part, edits):
    """The package stays a valid zip; one of its XML parts is damaged."""
    src = zipfile.ZipFile(io.BytesIO(base(fmt)))
    xml = [i for i in src.infolist() if i.filename.endswith((".xml", ".rels"))]
    target = xml[part % len(xml)].filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            z.writestr(info, _mutate(body, edits) if info.filename == target else body)
    survives(out.getvalue(), f"fuzz.{fmt}")


@pytest.mark.parametrize("path", sorted(p for p in REGRESSIONS.glob("*") if p.suffix != ".md"), ids=lambda p: p.name)
def test_every_crash_found_stays_fixed(path):
    survives(path.read_bytes(), path.name)
