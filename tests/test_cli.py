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
    assert obj["forms"][0]["kind"] == "dept_self_eval"
    assert obj["forms"][0]["budget"]["rate"] == 89.68


def test_show_folder_with_a_bad_file_goes_on(tmp_path):
    from test_recognize import EXAMPLES
    (tmp_path / "a.txt").write_text((EXAMPLES / "qinghe_project_2024.txt").read_text("utf-8"), "utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    res = runner.invoke(app, ["show", str(tmp_path), "--format", "json"])
    assert res.exit_code == 2
    objs = json.loads(res.stdout)
    assert [len(o["forms"]) for o in objs] == [1, 0]
    assert objs[1]["error"]["code"] == "JX001"
    assert "文件为空 / file is empty" in res.stderr


def test_show_table_and_blocks():
    from test_recognize import EXAMPLES
    res = runner.invoke(app, ["show", str(EXAMPLES / "qinghe_project_2024.txt")])
    assert res.exit_code == 0 and "医保经办能力建设经费" in res.stdout and "96.58" in res.stdout
    res = runner.invoke(app, ["blocks", str(EXAMPLES / "qinghe_dept_2024.txt")])
    assert res.exit_code == 0 and "table" in res.stdout
