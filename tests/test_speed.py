"""What keeps quotecli fast: `--help` loads no heavy module, and the pipeline runs only the
components the extraction reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "thinc", "numpy", "rich", "trafilatura", "multiprocessing", "dask")


def test_help_imports_nothing_heavy():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from quotecli.cli import cli\n"
        "for args in (['--help'], ['list', '--help']):\n"
        "    assert CliRunner().invoke(cli, args).exit_code == 0\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_the_pipeline_keeps_every_component_the_extraction_reads():
    from quotecli.pipeline import load_model

    # tag_ (tagger), pos_ (attribute_ruler), lemma_ (lemmatizer: cue lemmas), dep_ (parser),
    # ents (ner): all are read, so none of them can be left out.
    assert {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner"} \
        <= set(load_model().pipe_names)
