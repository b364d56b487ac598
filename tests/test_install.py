"""The installed distribution holds every module and lexicon of the source tree: the tests import
quotecli from the checkout, so a package left out of pyproject.toml would pass them and fail for
every user (it did once, for quotecli.attribution)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "quotecli"


def test_every_module_and_lexicon_is_installed():
    installed = {str(path).replace("\\", "/") for path in metadata.files("quotecli") or ()}
    if "quotecli/__init__.py" not in installed:
        pytest.skip("quotecli is installed in editable mode: its files are the source tree")
    wanted = {f"quotecli/{path.relative_to(SOURCE).as_posix()}"
              for pattern in ("**/*.py", "lexicons/*.txt") for path in SOURCE.glob(pattern)
              if "__pycache__" not in path.parts}
    assert sorted(wanted - installed) == []
