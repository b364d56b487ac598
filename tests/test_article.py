"""Tier 1: finding a place in a parsed paragraph by bisection, on Docs built by hand."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotecli.article import entity_of, tokens_before, tokens_from

WORDS = ["“", "Yes", ",", "”", "said", "Jo", "Marsh", "."]
SPACES = [False, False, False, True, True, True, False, False]  # “Yes,” said Jo Marsh.


@pytest.fixture(scope="module")
def doc():
    doc = Doc(Vocab(), words=WORDS, spaces=SPACES, ents=["O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O"])
    assert doc.text == "“Yes,” said Jo Marsh."
    return doc


@pytest.mark.parametrize("char", range(0, 23))
def test_tokens_from_and_before_split_the_paragraph_at_a_character(doc, char):
    after = [t.i for t in tokens_from(doc, char)]
    before = [t.i for t in tokens_before(doc, char)]
    assert after == [t.i for t in doc if t.idx >= char]
    assert before == [t.i for t in doc if t.idx < char]


def test_entity_of_reads_the_whole_entity_from_any_of_its_tokens(doc):
    for i in (5, 6):
        entity = entity_of(doc[i])
        assert (entity.start, entity.end, entity.label_) == (5, 7, "PERSON")
    assert entity_of(doc[4]) is None
