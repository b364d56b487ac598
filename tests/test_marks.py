"""Tier 1: pairing quotation marks, pure text, no model (see ANNOTATION.md and STYLE.md).

Every expectation is written as the exact content between the marks (`text[start:end]`), so
a test shows what counts as the quote and what does not.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecli.marks import (CLOSE, EITHER, OPEN, MARK_FAMILY, classify, is_furniture, scan,
                            uses_double_apostrophes)

MARK_CHARS = set(MARK_FAMILY)


def contents(text: str) -> list[str]:
    """The content of every quote the scanner finds, in order."""
    return [text[q.start : q.end] for q in scan(text).quotes]


def at(text: str, fragment: str, occurrence: int = 0) -> int:
    """Offset of the `occurrence`-th (0-based) appearance of `fragment` in `text`."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(fragment, index + 1)
    return index


# -- one convention a test --------------------------------------------------------------------


def test_curly_double_quotes():
    text = "The mayor of Kestrel Bay said: “We will rebuild the harbour wall.”"
    result = scan(text)
    assert contents(text) == ["We will rebuild the harbour wall."]
    (quote,) = result.quotes
    assert quote.open_mark == at(text, "“")
    assert quote.close_mark == at(text, "”")
    assert quote.family == "double"
    assert result.unpaired == []


def test_straight_double_quotes():
    text = 'The mayor of Kestrel Bay said: "We will rebuild the harbour wall."'
    result = scan(text)
    assert contents(text) == ["We will rebuild the harbour wall."]
    (quote,) = result.quotes
    assert quote.open_mark == at(text, '"')
    assert quote.close_mark == at(text, '"', 1)
    assert result.unpaired == []


def test_curly_single_quotes_as_outer_marks_british_headline_style():
    text = "‘It is over,’ the PM said after the vote in Ardlow"
    result = scan(text)
    assert contents(text) == ["It is over,"]
    assert result.quotes[0].family == "single"
    assert result.unpaired == []


def test_straight_single_quotes_as_outer_marks():
    text = "'It is over,' the mayor said. Later she added: 'We start again tomorrow.'"
    assert contents(text) == ["It is over,", "We start again tomorrow."]
    assert scan(text).unpaired == []


def test_french_guillemets():
    text = "Le maire a déclaré : « Nous reconstruirons le port. » Puis il est parti."
    assert contents(text) == ["Nous reconstruirons le port."]
    assert scan(text).unpaired == []


def test_german_low_high_quotes():
    text = "„Wir bauen den Hafen wieder auf“, sagte die Bürgermeisterin."
    assert contents(text) == ["Wir bauen den Hafen wieder auf"]
    assert scan(text).unpaired == []


def test_mixed_pair_curly_open_straight_close():
    text = '“Putin should simply accept an unconditional ceasefire," said Lammy'
    result = scan(text)
    assert contents(text) == ["Putin should simply accept an unconditional ceasefire,"]
    assert result.quotes[0].open_mark == 0
    assert result.quotes[0].close_mark == at(text, '"')
    assert result.unpaired == []


def test_mixed_pair_straight_open_curly_close():
    text = 'Harbour master Tom Brannigan said: "The ferry must be saved.” He left.'
    assert contents(text) == ["The ferry must be saved."]
    assert scan(text).unpaired == []


# -- apostrophes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Nato’s allies met in Ardlow on Monday.",
        "Officials said we’re ready for the storm.",
        "The ’90s were the town's best years.",
        "The Russians’ plans were leaked on Monday.",
        "I don't think the ferry will run.",
        "Nato’s allies say we’re ready; the ’90s are gone; the Russians’ plans don't matter.",
    ],
)
def test_apostrophes_are_never_quotation_marks(text):
    result = scan(text)
    assert result.quotes == []
    assert result.unpaired == []


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Nato’s allies", "’"),
        ("we’re ready", "’"),
        ("the ’90s ended", "’"),
        ("I don't know", "'"),
        ("rock’n’roll", "’"),
    ],
)
def test_classify_calls_an_apostrophe_none(text, fragment):
    assert classify(text, at(text, fragment)) is None


def test_classify_roles_of_real_marks():
    text = "He said “yes” and left."
    assert classify(text, at(text, "“")) == OPEN
    assert classify(text, at(text, "”")) == CLOSE
    spaced = 'a " b'
    assert classify(spaced, 2) == EITHER


def test_apostrophes_inside_and_around_a_real_quote():
    text = (
        "“Nato’s allies say we’re ready, and the ’90s are long gone,” she said of the "
        "Russians’ plans. Her deputy added: \"I don't agree.\""
    )
    assert contents(text) == [
        "Nato’s allies say we’re ready, and the ’90s are long gone,",
        "I don't agree.",
    ]
    assert scan(text).unpaired == []


# -- typewriter and archive marks ------------------------------------------------------------


def test_two_apostrophes_quote_in_an_archive_text():
    text = ("''We will win this,'' she said of the players' union. Critics called it the "
            "''Buffett rule'' of rock 'n' roll, a relic of the '90s.\n"
            "''The council's plan is dead,'' said Ms. Ward, who don''t agree.")
    assert contents(text) == ["We will win this,", "Buffett rule",
                              "The council's plan is dead,"]
    assert scan(text).unpaired == []


def test_backticks_open_and_two_apostrophes_close():
    text = "``It's over,'' he said, and the crowd's ``rock 'n' roll'' went on."
    assert contents(text) == ["It's over,", "rock 'n' roll"]


def test_an_archive_quote_runs_over_paragraphs():
    text = "''The first part,\n''and the second part,'' she said."
    [quote] = scan(text).quotes
    assert [text[start:end] for start, end in quote.pieces] == ["The first part,",
                                                                "and the second part,"]


def test_two_apostrophes_that_never_open_are_two_single_marks():
    # No quotation opens with '' here, so the pair closes two single quotes at once.
    text = "He said 'it was 'rubbish'' and left."
    assert not uses_double_apostrophes(text)
    assert scan(text).quotes and all(q.family == "single" for q in scan(text).quotes)


def test_possessive_plural_inside_a_single_quoted_span():
    text = "‘The ministers’ plans for Ardlow are dead,’ the mayor said."
    assert contents(text) == ["The ministers’ plans for Ardlow are dead,"]
    assert scan(text).unpaired == []


def test_possessive_plural_inside_a_straight_single_quoted_span():
    text = "'The ministers' plans for Ardlow are dead,' the mayor said."
    assert contents(text) == ["The ministers' plans for Ardlow are dead,"]
    assert scan(text).unpaired == []


# -- nesting ----------------------------------------------------------------------------------


def test_single_nested_inside_double_is_one_outer_span():
    text = "Priya Desai said: “The inspector told us ‘the wiring is unsafe’ and we shut the hall.”"
    result = scan(text)
    assert contents(text) == ["The inspector told us ‘the wiring is unsafe’ and we shut the hall."]
    assert result.quotes[0].family == "double"
    assert result.unpaired == []


def test_double_nested_inside_single_is_one_outer_span():
    text = "‘They shouted “go home” at the crew,’ the captain said."
    assert contents(text) == ["They shouted “go home” at the crew,"]
    assert scan(text).unpaired == []


# -- quotes over several paragraphs -----------------------------------------------------------

MULTI = (
    "Harbour master Tom Brannigan went on: “The harbour will reopen in May.\n"
    "“The ferries come back in June, and the fishing boats soon after.\n"
    "“Then, at last, the tourists.”\n"
    "The council meets on Friday."
)


def test_quote_reopened_at_each_paragraph_is_one_span():
    result = scan(MULTI)
    assert len(result.quotes) == 1
    (quote,) = result.quotes
    assert quote.start == at(MULTI, "The harbour")
    assert quote.end == at(MULTI, "tourists.") + len("tourists.")
    assert MULTI[quote.start] == "T" and MULTI[quote.end - 1] == "."
    assert quote.paragraph == 0
    assert quote.last_paragraph == 2
    assert [MULTI[s:e] for s, e in quote.pieces] == [
        "The harbour will reopen in May.",
        "The ferries come back in June, and the fishing boats soon after.",
        "Then, at last, the tourists.",
    ]
    assert quote.open_mark == at(MULTI, "“")
    assert quote.close_mark == at(MULTI, "”")
    assert result.unpaired == []


def test_quote_reopened_across_a_caption_line_is_one_span():
    text = (
        "Harbour master Tom Brannigan went on: “The harbour will reopen in May.\n"
        "(Image: Niall Carson/PA Wire)\n"
        "“The ferries come back in June.\n"
        "\n"
        "“Then the tourists.”\n"
    )
    result = scan(text)
    assert [p.furniture for p in result.paragraphs] == [False, True, False, False]
    assert len(result.quotes) == 1
    (quote,) = result.quotes
    assert quote.start == at(text, "The harbour")
    assert quote.end == at(text, "tourists.") + len("tourists.")
    assert quote.paragraph == 0
    assert quote.last_paragraph == 3
    assert [text[s:e] for s, e in quote.pieces] == [
        "The harbour will reopen in May.",
        "The ferries come back in June.",
        "Then the tourists.",
    ]
    assert result.unpaired == []


def test_is_furniture():
    assert is_furniture("(Image: Niall Carson/PA Wire)")
    assert is_furniture("Follow STV News on WhatsApp")
    assert not is_furniture("“The ferries come back in June.")
    assert not is_furniture("The council meets on Friday in Ardlow.")


# -- marks that cannot be paired --------------------------------------------------------------


def test_unpaired_opening_mark_mid_article_does_not_cost_later_quotes():
    text = (
        "Mayor Nadia Petrova said: “We will win.”\n"
        "The council said “the plan was never costed and left it there.\n"
        "Officials later said: “Nothing has changed.”\n"
        "Petrova added: “We are ready.”\n"
    )
    result = scan(text)
    assert contents(text) == ["We will win.", "Nothing has changed.", "We are ready."]
    assert result.unpaired == [at(text, "“the plan")]


def test_unpaired_opening_mark_inside_a_paragraph_does_not_cost_its_later_quote():
    text = (
        "The council called the “plan a failure, and moved on. "
        "Mayor Nadia Petrova said: “We are ready.”\n"
        "Officials later said: “Nothing has changed.”\n"
    )
    result = scan(text)
    assert contents(text) == ["We are ready.", "Nothing has changed."]
    assert result.unpaired == [at(text, "“plan")]


def test_stray_closing_mark():
    text = "The plan” was dead by noon. Mayor Nadia Petrova said: “We will win.”"
    result = scan(text)
    assert contents(text) == ["We will win."]
    assert result.unpaired == [at(text, "”")]


@pytest.mark.parametrize(
    "text",
    ["“”", '""', '""""', "“”“”", "‘’", "“‘’”", "„“", "«»", '"\'"', "“\n”", "”“", "”", "“"],
)
def test_file_of_only_quotation_marks(text):
    result = scan(text)
    # No words, so nothing was quoted.
    assert result.quotes == []


# -- line endings -----------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_line_endings_keep_offsets_exact(newline):
    lines = [
        "Mayor Nadia Petrova said: “We will win.”",
        "",
        "She went on: “The harbour will reopen in May.",
        "(Image: Niall Carson/PA Wire)",
        "“Then the tourists.”",
        "",
    ]
    text = newline.join(lines)
    result = scan(text)
    assert contents(text) == [
        "We will win.",
        newline.join(["The harbour will reopen in May.", "(Image: Niall Carson/PA Wire)", "“Then the tourists."]),
    ]
    second = result.quotes[1]
    assert second.start == at(text, "The harbour")
    assert second.end == at(text, "tourists.") + len("tourists.")
    assert [text[s:e] for s, e in second.pieces] == ["The harbour will reopen in May.", "Then the tourists."]
    for paragraph in result.paragraphs:
        assert "\r" not in text[paragraph.start : paragraph.end]
        assert "\n" not in text[paragraph.start : paragraph.end]
    assert [text[p.start : p.end] for p in result.paragraphs] == [line for line in lines if line]
    assert result.unpaired == []


def test_empty_string():
    result = scan("")
    assert result.paragraphs == []
    assert result.quotes == []
    assert result.unpaired == []


def test_blank_text():
    result = scan("  \n\r\n\t\r ")
    assert result.paragraphs == []
    assert result.quotes == []
    assert result.unpaired == []


# -- properties -------------------------------------------------------------------------------

ALPHABET = list("“”\"'‘’„«»‹›‚`") + ["''", "``"] + list("abcXY. ,:") + ["\n", "\r", " ", " "]
OPENERS = MARK_CHARS | {"`"}


def mark_width(text: str, offset: int) -> int:
    """How many characters the mark at `offset` takes: two for '' and ``."""
    return 2 if text[offset : offset + 2] in ("''", "``") else 1


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=80).map("".join))
def test_scan_never_raises_and_its_spans_are_sound(text):
    result = scan(text)
    for quote in result.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.paragraph <= quote.last_paragraph
        assert quote.pieces[0][0] == quote.start and quote.pieces[-1][1] == quote.end
        assert text[quote.open_mark] in OPENERS
        assert quote.open_mark < quote.start
        if quote.paragraph == quote.last_paragraph:
            # One paragraph: the span lies strictly between its own two marks, with only
            # blanks in between, so no mark of the quote itself is at either end.
            assert quote.close_mark is not None
            assert text[quote.close_mark] in MARK_CHARS
            assert quote.end <= quote.close_mark
            assert text[quote.open_mark + mark_width(text, quote.open_mark) : quote.start] \
                .strip() == ""
            assert text[quote.end : quote.close_mark].strip() == ""
            assert not text[quote.start].isspace() and not text[quote.end - 1].isspace()
    for offset in result.unpaired:
        assert 0 <= offset < len(text)
        assert text[offset] in OPENERS
    assert result.unpaired == sorted(result.unpaired)
    assert scan(text) == result  # deterministic
