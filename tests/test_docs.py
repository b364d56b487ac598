"""The README is a front page and docs/ the reference: the README stays short, every relative
link of either resolves, and every command the README shows in a ```sh block runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
MAX_README_LINES = 250
# What the README's commands may read, linked into the folder they run in.
INPUTS = ("seeds", "data")

FENCE = re.compile(r"^(```|~~~)(.*?)\n(.*?)^\1[ \t]*$", re.S | re.M)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
NEEDS = re.compile(r"#\s*needs:\s*(.+?)\s*$")


def text_outside_code(text: str) -> str:
    """The prose of a Markdown page: fenced blocks and inline code taken out."""
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", text))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces made hyphens."""
    heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    heading = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return heading.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings, the second of a name suffixed `-1` as GitHub does."""
    found: set[str] = set()
    for line in FENCE.sub("", page.read_text(encoding="utf-8")).splitlines():
        heading = re.match(r"#{1,6} +(.+?) *#* *$", line)
        if heading:
            name = slug(heading.group(1))
            count = 0
            while (name if count == 0 else f"{name}-{count}") in found:
                count += 1
            found.add(name if count == 0 else f"{name}-{count}")
    return found


def relative_links() -> list[tuple[Path, str]]:
    return [(page, target) for page in PAGES
            for target in LINK.findall(text_outside_code(page.read_text(encoding="utf-8")))
            if not re.match(r"[a-z][a-z0-9+.-]*:", target)]  # not https:, mailto: …


def sh_blocks() -> list[list[str]]:
    """The commands of each ```sh block of the README: continued lines joined, comment and
    blank lines left out."""
    blocks = []
    for match in FENCE.finditer(README.read_text(encoding="utf-8")):
        if match.group(2).strip() != "sh":
            continue
        commands = []
        for line in match.group(3).replace("\\\n", " ").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                commands.append(line.strip())
        blocks.append(commands)
    return blocks


BLOCKS = sh_blocks()
COMMANDS = [(block, number) for block, commands in enumerate(BLOCKS)
            for number in range(len(commands))]


def test_the_readme_is_a_front_page():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines"


def test_the_readme_shows_the_test_command_ci_runs():
    command = "pip install '.[test]' && python -m pytest -q"
    assert command in README.read_text(encoding="utf-8").splitlines()
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_every_docs_page_has_a_title_and_a_way_back():
    for page in PAGES[1:]:
        lines = page.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# "), page.name
        assert "[Back to the README](../README.md)" in lines[:5], page.name


def test_the_readme_links_every_docs_page():
    targets = {(README.parent / target.partition("#")[0]).resolve()
               for page, target in relative_links() if page == README}
    assert [page.name for page in PAGES[1:] if page.resolve() not in targets] == []


@pytest.mark.parametrize("page, target", relative_links(),
                         ids=lambda value: value.name if isinstance(value, Path) else value)
def test_every_relative_link_resolves(page, target):
    path, _, anchor = target.partition("#")
    linked = (page.parent / path).resolve() if path else page
    assert linked.exists(), f"{page.name}: {target}: no such file"
    if anchor:
        assert linked.suffix == ".md", f"{page.name}: {target}: an anchor into a non-Markdown file"
        assert anchor in anchors(linked), f"{page.name}: {target}: no such heading"


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """`command` in bash, a pipeline failing when any of its commands fails, with this Python's
    `quotes` first on the PATH."""
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent),
                                                 os.environ.get("PATH", "")]))
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("block, number", COMMANDS,
                         ids=[f"{block}:{BLOCKS[block][number][:50]}"
                              for block, number in COMMANDS])
def test_every_command_of_the_readme_runs(block, number, tmp_path):
    """Each command runs in a folder of its own holding links to seeds/ and data/, after the
    commands before it in its block (`quotes index` before a `--db` read), so the repository is
    left as it was."""
    commands = BLOCKS[block]
    command = commands[number]
    if command.startswith("pip install"):
        pytest.skip("installs quotecli: .ci/run runs it in a fresh environment")
    needs = NEEDS.search(command)
    if needs:
        pytest.skip(f"needs {needs.group(1)}")
    for name in INPUTS:
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    for before in commands[:number]:
        if not before.startswith("pip install") and not NEEDS.search(before):
            done = run(before, tmp_path)
            assert done.returncode == 0, f"{before}\n{done.stderr}"
    done = run(command, tmp_path)
    assert done.returncode == 0, f"{command}: exit code {done.returncode}\n{done.stderr}"
