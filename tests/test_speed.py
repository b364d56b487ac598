"""What keeps quotecli fast: `--help` loads no heavy module, the pipeline runs only the
components the extraction reads, and its attribute ruler finds by lookup what spaCy's Matcher
finds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


# Sentences that reach the attribute ruler's rarer patterns: pairs ("gon na", "let 's",
# "y' all", "ai n't"), dependency tests ("There is", "it" as subject and object), spaces.
RULER_SENTENCES = (
    "We're gon na win, y'all. Let's go! I ain't done, and you got ta see it.",
    "There is hope. There 's more; there were others.   Spaces\n\nhere.",
    "C'm on, nothin' to see. I'd do it if it did it to me. Do you? She does, because I said so.",
)


def test_the_indexed_attribute_ruler_matches_exactly_what_spacys_matcher_does():
    import spacy

    from quotecli.pipeline import default_model
    from quotecli.ruler import IndexedRules

    nlp = spacy.load(default_model(), exclude=["senter"])
    ruler = nlp.get_pipe("attribute_ruler")
    rules = IndexedRules(ruler)
    paragraphs = [p for path in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe([*RULER_SENTENCES, *paragraphs, ""]))
    matched = set()
    for doc in docs:
        expected = ruler.match(doc)  # spaCy's Matcher: speed_up was not applied to this nlp
        assert rules.match(doc) == expected, doc.text
        assert rules.match(doc) == expected, doc.text  # a second time, from the row cache
        matched |= {number for number, *_ in expected}
    multi_token = {number for number, _, tokens in rules.patterns if len(tokens) > 1}
    assert len(matched) > 40 and matched & multi_token


def made_up_ruler():
    """A blank pipeline's ruler with rules of every kind lookup supports, and a parsed Doc."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    rules = [
        [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]],
        [[{"LOWER": "gon"}, {"LOWER": {"REGEX": "^n+a$"}}]],
        [[{"IS_SPACE": False, "TAG": "NN"}], [{"LOWER": "plan"}]],  # both match "plan"
        [[{"DEP": "ROOT"}, {}]],
        [[{}]],
        [[{"LOWER": "plan"}, {"LOWER": "b"}, {"LOWER": "c"}]],  # longer than what is left
        [[{"DEP": {"NOT_IN": [""]}, "LOWER": {"IN": ["we", "plan"]}}]],
    ]
    for number, patterns in enumerate(rules):
        ruler.add(patterns, {"NORM": f"rule{number}"})
    words = ["We", "are", "gon", "na", "plan"]
    doc = Doc(nlp.vocab, words=words, tags=["PRP", "VBP", "VBG", "TO", "NN"],
              deps=["nsubj", "aux", "ROOT", "aux", "xcomp"], heads=[2, 2, 2, 4, 2])
    return nlp, ruler, doc


def test_indexed_rules_on_made_up_patterns_match_as_spacy_does():
    from quotecli.ruler import IndexedRules

    nlp, ruler, doc = made_up_ruler()
    expected = ruler.match(doc)
    assert IndexedRules(ruler).match(doc) == expected
    assert {number for number, *_ in expected} == {0, 1, 2, 3, 4, 6}
    assert [(start, end) for number, _, start, end in expected if number == 2] == [(4, 5)]


def test_rules_added_after_speed_up_still_apply():
    from quotecli.ruler import speed_up

    nlp, ruler, doc = made_up_ruler()
    speed_up(nlp)
    assert "match" in vars(ruler)
    ruler.add([[{"LOWER": "are"}]], {"NORM": "added"})
    assert ruler(doc)[1].norm_ == "added"


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "very", "OP": "+"}],
    [{"LOWER": {"IN": [5]}}],
    [{"LOWER": {"REGEX": {"IN": ["a"]}}}],
    [{"LOWER": {"FUZZY": "very"}}],
    [{"MORPH": "Number=Sing"}],
])
def test_a_ruler_with_patterns_lookup_cannot_reproduce_keeps_spacys_matcher(pattern):
    import spacy

    from quotecli.ruler import speed_up

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([pattern], {"TAG": "RB"})
    speed_up(nlp)
    assert "match" not in vars(ruler)


def test_a_ruler_with_a_quantifier_keeps_spacys_matcher_and_its_results():
    import spacy

    from quotecli.ruler import speed_up

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"TAG": "RB"})
    speed_up(nlp)
    assert "match" not in vars(ruler)
    assert [t.tag_ for t in nlp("very very good")] == ["RB", "RB", ""]


def test_the_loaded_pipeline_uses_the_indexed_ruler():
    from quotecli.pipeline import load_model

    assert "match" in vars(load_model().get_pipe("attribute_ruler"))
