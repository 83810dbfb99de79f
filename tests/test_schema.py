"""Data files load through one schema: every shipped file passes, and a broken one fails with its
file and key named (a typo is an error, never a silent default)."""

from __future__ import annotations

import pytest

from jixiao.checks.accounts import identities
from jixiao.classification import table
from jixiao.classify.kind import rules
from jixiao.classify.place import gazetteer
from jixiao.errors import JixiaoError
from jixiao.readers.noise import _data as noise
from jixiao.report.scoring import builtin, measures
from jixiao.report.sections import outlines
from jixiao.rules.profile import available, load
from jixiao.checks.completeness import template_patterns
from jixiao.cli import app
from typer.testing import CliRunner


def test_every_shipped_data_file_loads():
    for name in available():
        load(name)
    identities("final_accounts"), identities("budget_table"), rules(), noise(), template_patterns()
    outlines(), measures(), builtin(), table("functional"), table("economic"), gazetteer()


GOOD = """id = "mine"
name = "自定义"
extends = "national"
[execution]
denominator = "adjusted"
source = "本地文件"
"""


@pytest.mark.parametrize("broken,key,zh", [
    (GOOD.replace("denominator", "denominater"), "execution.denominater", "未知的键"),
    (GOOD.replace('source = "本地文件"\n', ""), "execution.source", "缺失"),
    (GOOD + "[grades]\nbands = [{name = \"优\", min = \"九十\"}]\nsource = \"x\"\n", "grades.bands[1].min", "应为"),
    (GOOD.replace('denominator = "adjusted"', "cap = \"yes\""), "execution.cap", "应为"),
])
def test_a_broken_profile_names_its_file_and_key(tmp_path, broken, key, zh):
    path = tmp_path / "mine.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(JixiaoError) as err:
        load(str(path))
    assert err.value.code == "JX003" and key in err.value.zh and zh in err.value.zh and "mine.toml" in err.value.zh


def test_a_broken_profile_stops_check_before_any_file_is_read(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD.replace("denominator", "denominater"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--profile", str(path)])
    assert result.exit_code == 2 and "denominater" in result.output and "Traceback" not in result.output


def test_the_good_profile_loads(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load(str(path)).denominator == "adjusted"
