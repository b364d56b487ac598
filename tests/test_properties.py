"""Properties of the whole extraction, over generated text (hypothesis): no input raises, every
record's offsets index the input, and the same input always gives the same output."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotecli.extract import extract

# Text made of what trips quote extractors: every kind of mark, apostrophes, dashes, line ends
# of all kinds, cue words, names, pronouns and page furniture.
PIECES = st.sampled_from([
    "“", "”", '"', "‘", "’", "'", "«", "»", "„", "''", " ", " ", "\n", "\r\n", "\r", "\n\n", ".", ",",
    ":", "—", "–", "(Image: PA)", "said", "told", "according to", "he", "she", "they", "it",
    "the Prime Minister", "Prime Minister Ana Duarte", "Duarte", "Nato’s", "we’re", "’90s",
    "so-called", "Mr.", "The", "minister", "will", "win", "not", "that", "\t", "\x00", "é", "ß",
])
TEXTS = st.lists(PIECES, max_size=60).map("".join) | st.text(max_size=200)


def check(text: str) -> None:
    records = extract(text)
    for record in records:
        assert 0 <= record.start < record.end <= len(text)
        assert record.text == text[record.start : record.end]
        if record.speaker_start is not None:
            assert 0 <= record.speaker_start < record.speaker_end <= len(text)
            assert text[record.speaker_start : record.speaker_end] == record.speaker_mention
        if record.cue_start is not None:
            assert text[record.cue_start : record.cue_end] == record.cue
    assert extract(text) == records


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_well_formed_records(text):
    check(text)
