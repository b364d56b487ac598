"""spaCy's attribute ruler, matched by lookup instead of by its Matcher.

The English pipelines' `attribute_ruler` maps fine tags to parts of speech and fixes a few
words ("gon na", "let 's"); it does so with a Matcher that tries every one of its ~180
patterns on every token, which takes nearly as long as the dependency parser. Its patterns are
single tokens or pairs of plain attribute tests, so each token needs only the few patterns filed
under its lowercase form, tag or dependency. `IndexedRules.match` returns exactly what
`AttributeRuler.match` returns (tests/test_speed.py compares the two), and the ruler's own
`set_annotations` then applies them. A ruler with any pattern this does not understand keeps
spaCy's Matcher.
"""

from __future__ import annotations

import re
from collections import defaultdict

# Token attributes a pattern may test, by spaCy's attribute name. `Doc.to_array` gives a
# string attribute as the string's id in the StringStore, a flag as 0 or 1.
_STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA")
_FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER")
# Attributes that file a pattern by its first token, the most selective first: an equality
# test on them narrows the candidates to a handful.
_INDEX_ATTRS = ("LOWER", "ORTH", "TAG", "DEP", "IS_SPACE")
# Rows (a token's tested attributes) whose candidate patterns are remembered: most tokens are
# a common word with its usual tag and dependency. About 300 bytes a row.
_CACHE_ROWS = 50_000
_NONE: tuple = ()


class Unsupported(Exception):
    """A pattern uses an operator, quantifier, attribute or value that lookup does not
    reproduce exactly."""


def _token_tests(spec: dict, strings) -> list[tuple[str, str, object]]:
    """One token's pattern as (attribute, operator, operand) tests."""
    tests = []
    for attr, value in spec.items():
        if attr in _FLAG_ATTRS and isinstance(value, bool):
            tests.append((attr, "==", int(value)))
        elif attr in _STRING_ATTRS and isinstance(value, str):
            tests.append((attr, "==", strings.add(value)))
        elif attr in _STRING_ATTRS and isinstance(value, dict) and len(value) == 1:
            (operator, operand), = value.items()
            if operator in ("IN", "NOT_IN") and isinstance(operand, list) \
                    and all(isinstance(v, str) for v in operand):
                tests.append((attr, operator, frozenset(strings.add(v) for v in operand)))
            elif operator == "REGEX" and isinstance(operand, str):
                tests.append((attr, operator, re.compile(operand)))
            else:
                raise Unsupported(f"{attr} {operator}")
        else:
            raise Unsupported(attr)  # "OP" quantifiers among them
    return tests


class IndexedRules:
    """The patterns of an `AttributeRuler`, filed by the value their first token requires."""

    def __init__(self, ruler):
        from spacy.attrs import IDS

        self.ruler, self.matcher, self.rule_count = ruler, ruler.matcher, len(ruler.attrs)
        self.strings = ruler.vocab.strings
        patterns = []  # (rule number, match id, tests of each token)
        for number in range(self.rule_count):
            match_id = self.strings[str(number)]
            for pattern in ruler.matcher.get(match_id)[1]:
                if not pattern:
                    raise Unsupported("empty pattern")
                patterns.append((number, match_id, [_token_tests(spec, self.strings)
                                                    for spec in pattern]))
        self.columns = sorted({attr for *_, tokens in patterns
                               for tests in tokens for attr, *_ in tests})
        self._attr_ids = [IDS[attr] for attr in self.columns]
        column = {attr: i for i, attr in enumerate(self.columns)}
        # Tests read their attribute by its column in `Doc.to_array`.
        self.patterns = [(number, match_id, [[(column[attr], operator, operand)
                                              for attr, operator, operand in tests]
                                             for tests in tokens])
                         for number, match_id, tokens in patterns]
        tables = {attr: defaultdict(list) for attr in _INDEX_ATTRS if attr in column}
        self.unindexed: list = []
        for entry in self.patterns:
            first = entry[2][0]
            for attr, table in tables.items():
                operands = [operand for at, operator, operand in first
                            if at == column[attr] and operator in ("==", "IN")]
                if operands:
                    values = operands[0] if isinstance(operands[0], frozenset) else operands[:1]
                    for value in values:
                        table[value].append(entry)
                    break
            else:
                self.unindexed.append(entry)
        self._tables = [(column[attr], dict(table)) for attr, table in tables.items() if table]
        self._starts: dict[tuple, tuple] = {}

    def _holds(self, row, tests) -> bool:
        for column, operator, operand in tests:
            value = row[column]
            if operator == "==":
                if value != operand:
                    return False
            elif operator == "IN":
                if value not in operand:
                    return False
            elif operator == "NOT_IN":
                if value in operand:
                    return False
            elif not operand.search(self.strings[value]):  # REGEX, on the attribute's text
                return False
        return True

    def _first_token_holds(self, row: tuple) -> tuple:
        """The patterns whose first token `row` satisfies."""
        candidates = list(self.unindexed)
        for column, table in self._tables:
            candidates.extend(table.get(row[column], ()))
        return tuple(entry for entry in candidates if self._holds(row, entry[2][0])) or _NONE

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        """(rule number, match id, start, end) of every match, sorted, as the ruler's `match`."""
        if self.ruler.matcher is not self.matcher or len(self.ruler.attrs) != self.rule_count:
            return type(self.ruler).match(self.ruler, doc)  # rules changed since: spaCy's way
        if not len(doc) or not self.patterns:
            return []
        if self._attr_ids:
            rows = [tuple(row) for row in doc.to_array(self._attr_ids).tolist()]
        else:  # only patterns of {} (any token)
            rows = [()] * len(doc)
        if len(self._starts) > _CACHE_ROWS:
            self._starts.clear()
        found = set()
        for start, row in enumerate(rows):
            entries = self._starts.get(row)
            if entries is None:
                entries = self._starts[row] = self._first_token_holds(row)
            for number, match_id, tokens in entries:
                end = start + len(tokens)
                if end > len(rows):
                    continue
                if all(self._holds(rows[start + k], tokens[k]) for k in range(1, len(tokens))):
                    found.add((number, match_id, start, end))
        return sorted(found)


def speed_up(nlp) -> None:
    """Give the pipeline's attribute ruler the indexed lookup, when all its patterns allow."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        rules = IndexedRules(ruler)
    except Unsupported:
        return
    ruler.match = rules.match
