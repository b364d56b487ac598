"""spaCy's attribute ruler, matched by lookup instead of by its Matcher.

The English pipelines' `attribute_ruler` maps fine tags to parts of speech and fixes a few
words ("gon na", "let 's"); it does so with a Matcher that tries every one of its ~180
patterns on every token, which takes as long as the dependency parser. Its patterns are single
tokens or pairs of plain attribute tests, so each token needs only the few patterns filed under
its tag or its lowercase form. `IndexedRules.match` returns exactly what
`AttributeRuler.match` returns (tests/test_speed.py compares the two), and the ruler's own
`set_annotations` then applies them. A ruler with any pattern this does not understand is left
as it is.
"""

from __future__ import annotations

import re
from collections import defaultdict

# Token attributes a pattern may test, by spaCy's attribute name; the value is what
# `Doc.to_array` gives: a string's hash, or 0/1 for a flag.
_STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA")
_FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER")
# Attributes that index a pattern by its first token, the most selective first: an equality
# test on them narrows the candidates to a handful.
_INDEX_ATTRS = ("LOWER", "ORTH", "TAG", "DEP", "IS_SPACE")
_CACHE_ROWS = 200_000


class Unsupported(Exception):
    """A pattern uses an operator, quantifier or attribute that lookup does not reproduce."""


def _token_test(spec: dict, strings) -> list[tuple[int, str, object]]:
    """One token's pattern as (column, operator, operand) tests."""
    tests = []
    for attr, value in spec.items():
        if attr in _FLAG_ATTRS:
            if not isinstance(value, bool):
                raise Unsupported(attr)
            tests.append((attr, "==", int(value)))
        elif attr in _STRING_ATTRS:
            if isinstance(value, str):
                tests.append((attr, "==", strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1:
                (operator, operand), = value.items()
                if operator in ("IN", "NOT_IN"):
                    tests.append((attr, operator, frozenset(strings.add(v) for v in operand)))
                elif operator == "REGEX":
                    tests.append((attr, operator, re.compile(operand)))
                else:
                    raise Unsupported(operator)
            else:
                raise Unsupported(attr)
        else:
            raise Unsupported(attr)  # "OP" quantifiers among them
    return tests


class IndexedRules:
    def __init__(self, ruler):
        self.strings = ruler.vocab.strings
        # (rule number, match id, tests of each token) for every pattern
        self.patterns: list[tuple[int, int, list]] = []
        for number in range(len(ruler.attrs)):
            match_id = self.strings[str(number)]
            for pattern in ruler.matcher.get(match_id)[1]:
                tokens = [_token_test(spec, self.strings) for spec in pattern]
                if not tokens:
                    raise Unsupported("empty pattern")
                self.patterns.append((number, match_id, tokens))
        self.columns = sorted({attr for *_, tokens in self.patterns
                               for token in tokens for attr, *_ in token} | set(_INDEX_ATTRS))
        self._column = {attr: i for i, attr in enumerate(self.columns)}
        # Tests read their attribute by its column in `Doc.to_array`.
        self.patterns = [(number, match_id, [[(self._column[attr], operator, operand)
                                              for attr, operator, operand in tests]
                                             for tests in tokens])
                         for number, match_id, tokens in self.patterns]
        by_value = {attr: defaultdict(list) for attr in _INDEX_ATTRS}
        self.unindexed: list = []
        for entry in self.patterns:
            first = entry[2][0]
            for index_attr in _INDEX_ATTRS:
                keys = [operand for column, operator, operand in first
                        if column == self._column[index_attr] and operator in ("==", "IN")]
                if keys:
                    values = keys[0] if isinstance(keys[0], frozenset) else (keys[0],)
                    for value in values:
                        by_value[index_attr][value].append(entry)
                    break
            else:
                self.unindexed.append(entry)
        self._tables = [(self._column[attr], dict(table))
                        for attr, table in by_value.items() if table]
        # Tokens repeat (most rows are a common word with its usual tag and dependency), so
        # which patterns a row starts is remembered, up to _CACHE_ROWS rows.
        self._starts: dict[tuple, list] = {}

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

    def _first_token_holds(self, row: tuple) -> list:
        """The patterns whose first token `row` satisfies."""
        candidates = list(self.unindexed)
        for column, table in self._tables:
            candidates.extend(table.get(row[column], ()))
        return [entry for entry in candidates if self._holds(row, entry[2][0])]

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        """(rule number, match id, start, end) of every match, sorted, as the ruler's `match`."""
        from spacy.attrs import IDS

        if not len(doc) or not self.patterns:
            return []
        rows = [tuple(row) for row in doc.to_array([IDS[attr] for attr in self.columns]).tolist()]
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
