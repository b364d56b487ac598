"""On a terminal: the progress display on stderr never takes data from stdout, and is erased
before output is written to the same terminal. Run under a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "quotecli", "list", "seeds/", "--speaker", "lammy"]
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _run(stdout_on_terminal: bool, *options: str) -> tuple[bytes, bytes]:
    """Run the command with stderr (and stdout, if asked) on a pseudo-terminal of 160
    columns: (what stdout got when it is a pipe, what the terminal got)."""
    controller, terminal = pty.openpty()
    environment = {**os.environ, "COLUMNS": "160", "LINES": "50", "TERM": "xterm-256color"}
    environment.pop("NO_COLOR", None)
    child = subprocess.Popen(
        [*COMMAND, *options], cwd=ROOT, env=environment, stdin=subprocess.DEVNULL,
        stdout=terminal if stdout_on_terminal else subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    screen = _read_all(controller)
    out = child.stdout.read() if child.stdout else b""
    assert child.wait(timeout=120) == 0
    os.close(controller)
    return out, screen


def test_records_go_to_stdout_when_stderr_is_a_terminal():
    out, screen = _run(False, "--format", "jsonl")
    assert out.count(b"\n") >= 3 and b'"David Lammy"' in out
    assert b'"David Lammy"' not in screen


def test_the_table_starts_on_its_own_line_after_the_progress_is_erased():
    _, screen = _run(True)
    text = screen.decode("utf-8")
    assert "┏" in text
    before_table = text[: text.index("┏")]
    line_start = _CONTROL.sub("", before_table.rsplit("\n", 1)[-1])
    assert line_start == "", f"left on the table's first line: {line_start!r}"
