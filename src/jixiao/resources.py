"""Package data (包内数据): the one way jixiao finds the files it ships — rule profiles, code
tables, kinds, divisions, layouts, migrations — wherever it is installed (a checkout, a wheel)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_file(*parts: str) -> Path:
    """A file or folder shipped inside the ``jixiao`` package, e.g. ``package_file("data", "kinds.toml")``."""
    return Path(str(resources.files("jixiao").joinpath(*parts)))
