"""The contract round trip (数据契约): every seed, example and field file written as jixiao/1 JSON,
read back with the same types, and checked again from the forms read back — the same findings.

This is what the store relies on: a run kept as JSON is the truth, and forms read from it are as
good as forms read from the file.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.contract import SCHEMA, ContractError, FileRecord, load
from jixiao.pipeline import check_forms, check_path
from jixiao.render.findings import findings_json, record_of
from jixiao.render.json import dumps, loads

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[1] / "shared" / "seeds"
FIELD = HERE.parents[1] / "shared" / "field"
EXAMPLES = HERE.parent / "examples"
PATHS = sorted(EXAMPLES.glob("*.txt")) + sorted(SEEDS.glob("*.txt")) + sorted(
    p for p in FIELD.glob("*") if p.suffix.lower() in (".pdf", ".xlsx", ".xls", ".html", ".htm"))


def mismatches(a, b, path="$"):
    """Where two values differ in value *or type* (Decimal('60') is not 60, '60.0' is not '60'),
    fields outside equality included (a SourceRef's reader row and column)."""
    if type(a) is not type(b):
        yield f"{path}: {type(a).__name__} {a!r:.60} ≠ {type(b).__name__} {b!r:.60}"
    elif isinstance(a, dict):
        for k in a.keys() | b.keys():
            if k not in a or k not in b:
                yield f"{path}.{k}: only on one side"
            else:
                yield from mismatches(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, (list, tuple, frozenset, set)):
        if len(a) != len(b):
            yield f"{path}: {len(a)} ≠ {len(b)} items"
        else:
            for i, (x, y) in enumerate(zip(sorted(a) if isinstance(a, (set, frozenset)) else a,
                                           sorted(b) if isinstance(b, (set, frozenset)) else b)):
                yield from mismatches(x, y, f"{path}[{i}]")
    elif is_dataclass(a):
        for f in fields(a):
            yield from mismatches(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, Decimal):
        if a.as_tuple() != b.as_tuple():
            yield f"{path}: {a!r} ≠ {b!r}"
    elif a != b:
        yield f"{path}: {a!r:.60} ≠ {b!r:.60}"


@pytest.fixture(scope="module", params=PATHS, ids=lambda p: p.name)
def checked(request):
    path = request.param
    if not path.exists():
        pytest.fail(f"{path} is missing: ../shared must be beside the repository")
    return check_path(path)


def test_every_file_round_trips_type_exact(checked):
    record = record_of(checked)
    text = dumps(findings_json([checked]))
    assert json.loads(text)["schema"] == SCHEMA
    [back] = load(loads(text))
    # a SourceRef's file and every Decimal's exponent, int against Decimal, tuple against list …
    assert list(mismatches(record, back)) == []
    assert dumps(back.to_json()) == dumps(record.to_json())


def test_checks_on_forms_read_back_find_the_same(checked):
    """Every check again, on the forms as the store would give them back: the same findings."""
    assert checked.error is None, checked.error
    [back] = load(loads(dumps(findings_json([checked]))))
    again = check_forms(checked.doc, back.forms)
    assert [f.to_json() for f in again.findings] == [f.to_json() for f in checked.findings]
    assert again.info == checked.info
    assert [c.to_json() for c in again.claims] == [c.to_json() for c in checked.claims]


def test_a_file_that_could_not_be_read_is_a_record_too(tmp_path):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    r = check_path(bad)
    [back] = load(loads(dumps(findings_json([r]))))
    assert back.error["code"] == "JX001" and back.forms == [] and back.sha256 is None
    assert back.findings[0].code == "JX001" and back.findings[0].ref is None


def test_load_refuses_what_it_cannot_read():
    with pytest.raises(ContractError, match="files"):
        load({"findings": []})                       # the shape before jixiao/1
    with pytest.raises(ContractError, match="jixiao/99"):
        load({"schema": "jixiao/99", "files": []})
    assert load({"schema": SCHEMA, "files": []}) == []


def test_the_batch_keys_survive():
    record = FileRecord("a.txt", extra={"key": "k1", "schema": SCHEMA})
    back = FileRecord.from_json(loads(dumps(record.to_json())))
    assert back.extra == {"key": "k1"} and back.file == "a.txt"


def test_every_output_fits_the_schema(checked):
    """The JSON Schema (generated docs come from it) describes what ``to_json`` writes, closed:
    a key added to the output and not to the schema fails here."""
    import jsonschema
    from jixiao.contract_schema import record_schema, schema
    from jixiao.render.findings import file_record
    jsonschema.Draft202012Validator(schema()).validate(json.loads(dumps(findings_json([checked]))))
    jsonschema.Draft202012Validator(record_schema()).validate(json.loads(dumps(file_record(checked, key="k"))))


def test_show_output_fits_the_schema():
    import jsonschema
    from typer.testing import CliRunner
    from jixiao.cli import app
    from jixiao.contract_schema import schema
    res = CliRunner().invoke(app, ["show", str(EXAMPLES), "-f", "json"])
    assert res.exit_code == 0, res.output
    jsonschema.Draft202012Validator(schema()).validate(json.loads(res.stdout))


def test_the_whole_output_lists_the_findings_once_as_architecture_has_it(tmp_path):
    """``check -f json``: the files' records, and every finding in one top-level list naming its
    file (ARCHITECTURE.md); a JSON-lines record keeps its own. Read back, each file gets its own."""
    from jixiao.render.findings import file_record
    examples = sorted(EXAMPLES.glob("*.txt"))
    results = [check_path(p) for p in examples]
    whole = json.loads(dumps(findings_json(results)))
    assert set(whole) == {"schema", "jixiao", "files", "findings"}
    assert all("findings" not in f for f in whole["files"])
    assert [f["file"] for f in whole["findings"]] == [str(p) for r, p in zip(results, examples) for _ in r.findings]
    back = load(loads(dumps(findings_json(results))))
    assert [[f.fingerprint for f in b.findings] for b in back] == [[f.fingerprint for f in r.findings] for r in results]
    line = json.loads(dumps(file_record(results[0]), indent=None))
    assert line["schema"] == SCHEMA and len(line["findings"]) == len(results[0].findings)
