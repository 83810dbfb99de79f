"""The installed wheel works as the checkout does: every data file the package reads (profiles,
code tables, kinds, divisions) is named by the package data of pyproject.toml."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "jixiao"


def test_every_data_file_is_in_the_wheel():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["jixiao"]
    data = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data, "no data files found"
    missing = [d for d in data if not any(fnmatch.fnmatch(d, pat) for pat in patterns)]
    assert missing == []


def test_the_wheel_works_from_a_clean_environment(tmp_path):
    """Build the wheel, install it (and nothing of the checkout) into a new virtual environment, and
    run jixiao from there, away from the checkout: the same findings, the profiles and code tables
    found, the version printed. The environment borrows the test environment's third-party
    packages (nothing is fetched), but not its jixiao."""
    import json
    import subprocess
    import sys
    import sysconfig

    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(ROOT)], check=True, timeout=600)
    [wheel] = wheels.glob("jixiao-*.whl")
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True, timeout=120)
    python = env_dir / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the third-party packages, as a plain path: .pth files there (the checkout's editable jixiao) are not run
    (Path(site) / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True, timeout=600)
    where = subprocess.run([python, "-c", "import jixiao; print(jixiao.__file__)"], capture_output=True, text=True,
                           check=True, cwd=tmp_path).stdout
    assert where.startswith(site), where                       # the wheel's jixiao, not the checkout's
    jixiao = env_dir / "bin" / "jixiao"
    version = subprocess.run([jixiao, "--version"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert version.returncode == 0 and "jixiao/1" in version.stdout
    done = subprocess.run([jixiao, "check", str(ROOT / "examples"), "-f", "json"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=600)
    assert done.returncode == 1, done.stderr                      # the examples hold errors on purpose
    out = json.loads(done.stdout)
    codes = {f["code"] for f in out["findings"]}
    assert "JX003" not in codes and {"JX102", "JX201"} <= codes
    assert [f["profile"] for f in out["files"]] == ["national"] * 3
    accounts = next(f for f in out["files"] if "final_accounts" in f["file"])
    assert accounts["document"]["place"]["code"] == "130534"     # the divisions table shipped
