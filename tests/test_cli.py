"""The command line: show in both formats, folders, and bad files that do not stop a batch."""

import json

from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()


def test_show_json_one_file(tmp_path):
    from test_recognize import EXAMPLES
    res = runner.invoke(app, ["show", str(EXAMPLES / "qinghe_dept_2024.txt"), "--format", "json"])
    assert res.exit_code == 0, res.output
    obj = json.loads(res.stdout)
    assert obj["schema"] == "jixiao/1" and len(obj["files"]) == 1      # the same shape for one file or many
    [file] = obj["files"]
    assert file["forms"][0]["kind"] == "dept_self_eval" and file["document"]["kind"] == "dept_self_eval"
    assert file["forms"][0]["budget"]["rate"] == 89.68 and len(file["sha256"]) == 64


def test_show_folder_with_a_bad_file_goes_on(tmp_path):
    from test_recognize import EXAMPLES
    (tmp_path / "a.txt").write_text((EXAMPLES / "qinghe_project_2024.txt").read_text("utf-8"), "utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    res = runner.invoke(app, ["show", str(tmp_path), "--format", "json"])
    assert res.exit_code == 2
    objs = json.loads(res.stdout)["files"]
    assert [len(o["forms"]) for o in objs] == [1, 0]
    assert objs[1]["error"]["code"] == "JX001"
    assert "文件为空 / file is empty" in res.stderr


def test_show_table_and_blocks():
    from test_recognize import EXAMPLES
    res = runner.invoke(app, ["show", str(EXAMPLES / "qinghe_project_2024.txt")])
    assert res.exit_code == 0 and "医保经办能力建设经费" in res.stdout and "96.58" in res.stdout
    res = runner.invoke(app, ["blocks", str(EXAMPLES / "qinghe_dept_2024.txt")])
    assert res.exit_code == 0 and "table" in res.stdout


def _findings(out: dict) -> list[dict]:
    """Every finding of a contract output (its top-level list, each naming its file)."""
    assert all("findings" not in file for file in out["files"])
    return out["findings"]


def _examples():
    from test_recognize import EXAMPLES
    return EXAMPLES


def test_check_exit_status_and_json_contract():
    ex = _examples()
    res = runner.invoke(app, ["check", str(ex / "qinghe_project_2024.txt"), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert _findings(json.loads(res.stdout)) == []
    res = runner.invoke(app, ["check", str(ex), "-f", "json"])
    assert res.exit_code == 1
    out = json.loads(res.stdout)
    assert out["schema"] == "jixiao/1" and out["jixiao"]
    out["findings"] = _findings(out)
    keys = {"file", "line", "form", "code", "severity", "subject", "message", "expected", "found"}
    assert out["findings"] and all(keys <= set(f) for f in out["findings"])
    assert {f["code"] for f in out["findings"]} >= {"JX102", "JX205", "JX301", "JX201"}   # JX302's 95 is JX201's
    assert [f["profile"] for f in out["files"]] == ["national"] * 3
    assert any(c["kind"] == "share" and c["ok"] for f in out["files"] for c in f["claims"])


def test_check_select_ignore_and_profile():
    dept = str(_examples() / "qinghe_dept_2024.txt")
    res = runner.invoke(app, ["check", dept, "-f", "json", "--select", "JX3"])
    assert {f["code"] for f in _findings(json.loads(res.stdout))} == {"JX301", "JX302"}
    res = runner.invoke(app, ["check", dept, "-f", "json", "--ignore", "JX1,JX2,JX3"])
    assert res.exit_code == 0
    res = runner.invoke(app, ["check", dept, "--profile", "atlantis"])
    assert res.exit_code == 2 and "JX003" in res.stderr


def test_check_text_output_quotes_the_source_line():
    res = runner.invoke(app, ["check", str(_examples() / "qinghe_dept_2024.txt")], terminal_width=200)
    assert res.exit_code == 1
    assert "JX102 错误" in res.stdout and "│ 年度资金总额:" in res.stdout and "规则：全国默认" in res.stdout


def test_check_bad_file_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text((_examples() / "qinghe_dept_2024.txt").read_text("utf-8"), "utf-8")
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.4 binary")
    res = runner.invoke(app, ["check", str(tmp_path), "-f", "json"])
    assert res.exit_code == 2
    out = json.loads(res.stdout)
    assert out["files"][1]["error"]["code"] == "JX001" and "PDF" in out["files"][1]["error"]["zh"]
    assert any(f["code"] == "JX102" for f in _findings(out))


def test_score_rule_and_profiles():
    res = runner.invoke(app, ["score", str(_examples() / "qinghe_dept_2024.txt")], terminal_width=200)
    assert res.exit_code == 0 and "复核总分" in res.stdout and "89.68" in res.stdout
    res = runner.invoke(app, ["rule", "JX101"], terminal_width=120)
    assert res.exit_code == 0 and "47.27%" in res.stdout
    res = runner.invoke(app, ["rule"])
    assert "JX502" in res.stdout
    assert runner.invoke(app, ["rule", "JX999"]).exit_code == 2
    res = runner.invoke(app, ["profiles"], terminal_width=200)
    assert "sichuan" in res.stdout and "scqs.gov.cn" in res.stdout


def test_an_unknown_code_is_an_error():
    from typer.testing import CliRunner
    from jixiao.cli import app
    result = CliRunner().invoke(app, ["check", "examples/qinghe_dept_2024.txt", "--select", "JX99"])
    assert result.exit_code == 2 and "JX99" in result.output
    result = CliRunner().invoke(app, ["check", "examples/qinghe_dept_2024.txt", "--ignore", "JX1,JXZ"])
    assert result.exit_code == 2 and "JXZ" in result.output


def test_min_severity_and_totals_in_json():
    import json as _json
    from typer.testing import CliRunner
    from jixiao.cli import app
    result = CliRunner().invoke(app, ["check", "examples/qinghe_dept_2024.txt", "-f", "json", "--min-severity", "error"])
    data = _json.loads(result.output)
    data["findings"] = _findings(data)
    assert data["findings"] and {f["severity"] for f in data["findings"]} == {"error"}
    [totals] = data["files"][0]["totals"]
    assert totals["reported"] == {"weight": 100, "score": 95, "grade": "优"}
    assert totals["recomputed"]["weight"] == 95 and totals["recomputed"]["score_sum"] == 94
    assert all(f["fingerprint"] and f["place"] for f in data["findings"])


def test_score_json():
    import json as _json
    from typer.testing import CliRunner
    from jixiao.cli import app
    result = CliRunner().invoke(app, ["score", "examples/qinghe_dept_2024.txt", "-f", "json"])
    [file] = _json.loads(result.output)
    [form] = file["forms"]
    assert form["reported"]["score"] == 95 and any(f["field"] == "rate" and f["agrees"] is False for f in form["figures"])


def test_output_to_a_pipe_is_never_wrapped():
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", "from jixiao.cli import main; main()", "check",
                           "examples/qinghe_dept_2024.txt"], capture_output=True, text=True, timeout=120)
    lines = done.stdout.splitlines()
    jx102 = [line for line in lines if "JX102" in line]
    assert jx102 and "1121.00÷1180.00=95.00%。" in jx102[0]   # the whole sentence on its line
    assert all(line == line.rstrip() for line in lines)
