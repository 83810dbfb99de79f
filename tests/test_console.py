"""Any console, and the diagnostics: output on a Chinese Windows console (code page 936) never
ends in an encoding error; ``--debug`` shows an internal error's traceback that normal output
reports in one line; ``--log FILE`` keeps it for a batch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao import checks
from jixiao.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "qinghe_dept_2024.txt"


@pytest.mark.parametrize("command", [["score", str(EXAMPLE)], ["show", str(EXAMPLE)], ["check", str(EXAMPLE)],
                                     ["blocks", str(EXAMPLE)], ["rule", "JX205"]])
def test_output_to_a_gbk_pipe_never_fails(command):
    env = {**os.environ, "PYTHONIOENCODING": "cp936", "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-c", "from jixiao.cli import main; main()", *command],
                          capture_output=True, env=env, timeout=120)
    assert done.returncode in (0, 1), done.stderr.decode("gbk", "replace")
    assert b"UnicodeEncodeError" not in done.stderr and b"Traceback" not in done.stderr
    text = done.stdout.decode("gbk")   # the bytes are GBK, whatever the output held
    assert "qinghe_dept_2024" in text or "JX205" in text
    assert "规则" in text or "表" in text or "指标" in text   # Chinese came through as Chinese


@pytest.fixture
def broken_check(monkeypatch):
    chk = checks.REGISTRY["JX301"]

    def explode(*args):
        raise ZeroDivisionError("planted for the test")
    monkeypatch.setitem(checks.REGISTRY, "JX301", chk.__class__(**{**chk.__dict__, "fn": explode}))


def test_an_internal_error_is_one_line_without_debug(broken_check):
    result = CliRunner().invoke(app, ["check", str(EXAMPLE)])
    assert "JX000" in result.output and "Traceback" not in result.output


def test_debug_shows_the_traceback(broken_check):
    result = CliRunner().invoke(app, ["--debug", "check", str(EXAMPLE)])
    assert "JX000" in result.output and "Traceback" in result.output and "planted for the test" in result.output


def test_log_file_keeps_the_traceback(broken_check, tmp_path):
    log = tmp_path / "run.log"
    result = CliRunner().invoke(app, ["--log", str(log), "check", str(EXAMPLE)])
    assert "Traceback" not in result.output
    kept = log.read_text(encoding="utf-8")
    assert "Traceback" in kept and "planted for the test" in kept and "checking" in kept
