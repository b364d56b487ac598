"""Accuracy of quotes against gold annotations: token-level and quote-level figures, and errors.

Two kinds of gold are read:

- `records`: JSON lines in quotecli's own record format (`data/gold/seeds.jsonl`), each with
  `path` or `source`, `type` (direct, partial, indirect), `start`, `end` and `speaker` (the
  canonical name, or null when the text names nobody).
- `brat`: a folder of brat standoff `.ann` files, as brat, INCEpTION and PolNeAR write them:
  Source, Cue and Content spans linked by an attribution event, spans possibly discontinuous.
  Brat gold has no quote types. Its `quoted` row is made, as the PolNeAR reference scorer
  makes it, of the words inside double quotation marks within gold content; its `all` row of
  whole contents.

Token level (the definition of `../shared/eval/polnear/score.py`): a token is a `\\w+` run
inside a span, known by its start offset. Gold and predicted tokens of a row are compared as
sets; a token is correct for its speaker when the prediction that holds it (the first one to)
names the speaker of the gold quote that holds it (the first one to).

Quote level: a predicted and a gold quote match when they share at least half the words of
each; pairs are made one to one, the largest overlaps first. Speaker accuracy is over matched
pairs: the canonical name equal (records gold) or the speaker mention overlapping the gold
source (brat gold, pairs whose gold has a source in the text).

Everything here is a pure function of texts and records: no model, no output.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path, PurePath
from typing import Iterable, Mapping, Sequence

from quotecli.errors import QuotecliError
from quotecli.marks import split_paragraphs

WORD_RE = re.compile(r"\w+")
DOUBLE_MARK_RE = re.compile('[\u201c\u201d"]')
RECORD_TYPES = ("direct", "partial", "indirect")
QUOTED_TYPES = ("direct", "partial")
ROWS = {
    "records": ("direct", "partial", "quoted", "indirect", "all"),
    "brat": ("quoted", "all"),
}
TEXT_WIDTH = 80  # an error's text is shortened to this many characters
STDIN_PATH = "-"

Span = tuple[int, int]


class GoldError(QuotecliError):
    """Gold or predictions that cannot be read, or that do not fit their texts."""


@dataclass(frozen=True)
class Quotation:
    """One quote as evaluated, gold or predicted: its words, its type and its speaker.

    `spans` are the content's fragments (brat content can be discontinuous); `speaker` is the
    canonical name (records) or the source mention's words (brat); `speaker_span` the offsets
    of the speaker mention, when known.
    """

    document: str
    type: str | None
    spans: tuple[Span, ...]
    speaker: str | None = None
    speaker_span: Span | None = None

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return max(end for _, end in self.spans)


@dataclass(frozen=True)
class Gold:
    """Gold quotes by document. `kind` is `records` or `brat`; `notes` say what was left out."""

    kind: str
    quotes: dict[str, list[Quotation]]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figures:
    """The accuracy on one row: a quote type, `quoted` (direct and partial) or `all`."""

    type: str
    gold_tokens: int
    predicted_tokens: int
    correct_tokens: int
    token_precision: float
    token_recall: float
    token_f1: float
    token_f1_speaker: float
    gold_quotes: int
    predicted_quotes: int
    matched_quotes: int
    quote_precision: float
    quote_recall: float
    quote_f1: float
    speaker_pairs: int
    speaker_correct: int
    speaker_accuracy: float | None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Mistake:
    """One error, the way a person goes through them: a gold quote missed, a prediction with
    no gold quote (false positive), or a matched pair with the wrong speaker, type or extent."""

    document: str
    paragraph: int
    error: str  # "missed" | "false positive" | "speaker" | "type" | "extent"
    gold_type: str | None = None
    gold_start: int | None = None
    gold_end: int | None = None
    gold_text: str | None = None
    gold_speaker: str | None = None
    predicted_type: str | None = None
    predicted_start: int | None = None
    predicted_end: int | None = None
    predicted_text: str | None = None
    predicted_speaker: str | None = None
    detail: str | None = None  # for an extent error, the words missed and those added

    def to_dict(self) -> dict:
        return asdict(self)


FIGURE_FIELDS = tuple(f.name for f in fields(Figures))
MISTAKE_FIELDS = tuple(f.name for f in fields(Mistake))
ERROR_ORDER = ("missed", "false positive", "speaker", "type", "extent")


@dataclass(frozen=True)
class Evaluation:
    """The figures of each row, the errors, which documents were compared, and notes."""

    rows: list[Figures]
    mistakes: list[Mistake]
    documents: list[str]
    notes: list[str] = field(default_factory=list)


# -- documents -------------------------------------------------------------------------------


def document_name(name: str) -> str:
    """The document a path or a source names: its file name without `.txt`.

    `seeds/story.txt`, `story.txt` and the source `story` are one document, as for the
    reference scorer.
    """
    name = PurePath(name).name
    return name[:-4] if name.endswith(".txt") else name


def article_document(path: str | None, source: str) -> str:
    """The document of an article `(text, source, path)` as read by `read_articles`."""
    return document_name(path) if path and path != STDIN_PATH else source


def record_document(record: dict) -> str | None:
    """The document of a record: its `path` (or `file`), else its `source`."""
    for key in ("path", "file"):
        value = record.get(key)
        if isinstance(value, str) and value and value != STDIN_PATH:
            return document_name(value)
    source = record.get("source")
    return document_name(source) if isinstance(source, str) and source else None


def documents_to_evaluate(gold: Gold, texts: Mapping[str, str]) -> list[str]:
    """The documents compared: every text for records gold (a text with no gold record has no
    quotes); for brat gold, the texts that have an `.ann` file."""
    if gold.kind == "brat":
        return sorted(d for d in texts if d in gold.quotes)
    return sorted(texts)


# -- tokens ----------------------------------------------------------------------------------


def words(text: str, spans: Iterable[Span]) -> set[int]:
    """The `\\w+` tokens inside `spans`, by start offset (the reference scorer's tokens)."""
    return {m.start() for start, end in spans for m in WORD_RE.finditer(text, start, end)}


def quoted_segments(text: str, start: int, end: int) -> list[Span]:
    """The stretches of `text[start:end]` inside double quotation marks, from an opening mark to
    the mark that closes it (or to `end` when none does).

    The reference scorer's walk: “ always opens (a second “ before any closing mark restarts
    the stretch), a straight " opens when none is open and closes otherwise, ” closes.
    """
    segments, opened = [], None
    for match in DOUBLE_MARK_RE.finditer(text, start, end):
        mark, offset = match.group(), match.start()
        if mark == "\u201c" or (mark == '"' and opened is None):
            opened = offset
        elif opened is not None:
            segments.append((opened, offset))
            opened = None
    if opened is not None:
        segments.append((opened, end))
    return segments


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph (non-blank line) starts, as records number them."""
    return [paragraph.start for paragraph in split_paragraphs(text)]


def paragraph_of(starts: Sequence[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


# -- records: gold and predictions as JSON lines ---------------------------------------------


def read_records(path: str | Path) -> list[tuple[str, dict]]:
    """The records of a JSON lines file (or of one JSON array, as `--format json` writes), each
    with where it is (`line 3`, `record 3`) for messages; blank lines skipped."""
    path = Path(path)
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GoldError(f"{path}: is not UTF-8 text") from None
    except OSError as exc:
        raise GoldError(f"{path}: cannot be read: {(exc.strerror or str(exc)).lower()}") from None
    if content.lstrip().startswith("["):
        try:
            items = json.loads(content)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}, line {exc.lineno}: not JSON ({exc.msg})") from None
        numbered = [(f"record {n}", item) for n, item in enumerate(items, 1)]
    else:
        numbered = []
        # Split on newlines only: str.splitlines() would also split at a U+2028 inside a quote.
        for n, line in enumerate(content.split("\n"), 1):
            if not line.strip():
                continue
            try:
                numbered.append((f"line {n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}, line {n}: not JSON ({exc.msg}); "
                                "expected one record a line") from None
    for where, record in numbered:
        if not isinstance(record, dict):
            raise GoldError(f"{path}, {where}: not a JSON object; expected quote records")
    return numbered


def quotations_from_records(records: Iterable[tuple[str, dict]], texts: Mapping[str, str],
                            origin: str, gold: bool = False) -> dict[str, list[Quotation]]:
    """Quotations by document from records with their places (`read_records`), in order.

    Gold records need `path` or `source`, `type` (direct, partial or indirect), `start`, `end`
    and `speaker`; predictions need `path`, `file` or `source`, `start` and `end`. The offsets of
    records whose text is known are checked against it, and so is `text` when given.
    Records of documents not in `texts` are kept unchecked (the caller reports them).
    """
    required = ("type", "start", "end", "speaker") if gold else ("start", "end")
    by_document: dict[str, list[Quotation]] = {}
    for place, record in records:
        where = f"{origin}, {place}"
        document = record_document(record)
        if document is None:
            raise GoldError(f"{where}: no `path` or `source`; say which text the quote is in")
        missing = [key for key in required if key not in record]
        if missing:
            raise GoldError(f"{where}: no {', '.join(f'`{k}`' for k in missing)}")
        quote_type = record.get("type")
        if gold and quote_type not in RECORD_TYPES:
            raise GoldError(f"{where}: type {quote_type!r} is not one of {', '.join(RECORD_TYPES)}")
        start, end = _offsets(record, "start", "end", where)
        if start is None or end is None:
            raise GoldError(f"{where}: `start` and `end` must be character offsets")
        speaker_span = _offsets(record, "speaker_start", "speaker_end", where)
        text = texts.get(document)
        if text is not None:
            _check_span(text, start, end, document, where)
            if isinstance(record.get("text"), str) and text[start:end] != record["text"]:
                raise GoldError(f"{where}: `text` is not the text of {document} from {start} "
                                f"to {end}; fix the offsets or the text")
            if speaker_span[0] is not None:
                _check_span(text, *speaker_span, document, where)
        speaker = record.get("speaker")
        by_document.setdefault(document, []).append(Quotation(
            document=document,
            type=quote_type if isinstance(quote_type, str) else None,
            spans=((start, end),),
            speaker=speaker if isinstance(speaker, str) else None,
            speaker_span=speaker_span if speaker_span[0] is not None else None,
        ))
    return by_document


def _offsets(record: dict, start_key: str, end_key: str,
             where: str) -> tuple[int | None, int | None]:
    start, end = record.get(start_key), record.get(end_key)
    if start is None or end is None:
        return None, None
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) \
            or not 0 <= start <= end:
        raise GoldError(f"{where}: `{start_key}`, `{end_key}` must be offsets with "
                        f"0 <= {start_key} <= {end_key}, not {start!r}, {end!r}")
    return start, end


def _check_span(text: str, start: int, end: int, document: str, where: str) -> None:
    if end > len(text):
        raise GoldError(f"{where}: offsets {start}-{end} are outside the text of {document} "
                        f"({len(text)} characters); is it the same text?")


def load_records_gold(path: str | Path, texts: Mapping[str, str]) -> Gold:
    """Records gold: JSON lines as `quotes list --format jsonl` writes them, corrected by hand."""
    return Gold("records", quotations_from_records(read_records(path), texts, str(path), gold=True))


def load_predictions(path: str | Path, texts: Mapping[str, str]) -> dict[str, list[Quotation]]:
    """Predicted quotes from JSON lines (`quotes list --format jsonl`, or another tool's)."""
    return quotations_from_records(read_records(path), texts, str(path))


def predictions_from_records(records: Iterable[dict],
                             texts: Mapping[str, str]) -> dict[str, list[Quotation]]:
    """Predicted quotes from record dicts (`Quote.to_dict()`), in their order."""
    numbered = ((f"record {n}", record) for n, record in enumerate(records, 1))
    return quotations_from_records(numbered, texts, "predictions")


# -- brat standoff -------------------------------------------------------------------------------

_BRAT_LINE_ID = re.compile(r"[TERAMN#*]\d*\t")
_CONTENT_ROLE = re.compile(r"Content\d*")
_SOURCE_ROLE = re.compile(r"Source\d*")


Entities = dict[str, tuple[str, list[Span]]]  # id → (label, fragments)
Events = list[tuple[str, list[tuple[str, str]]]]  # (id, [(role, entity id), …])


def parse_brat(annotation: str, origin: str = "<ann>") -> tuple[Entities, Events]:
    """The text-bound entities and the events of a brat `.ann` file.

    Returns `(entities, events)`: entities by id as `(label, fragments)`, events as
    `(id, [(role, entity id), …])` in file order. An entity whose text runs over several lines
    continues on the lines that start with no annotation id; other annotations (relations,
    attributes, notes) are not needed and skipped.
    """
    entities: Entities = {}
    events: Events = []
    for number, line in enumerate(annotation.split("\n"), 1):
        line = line.rstrip("\r")
        if not _BRAT_LINE_ID.match(line):
            continue  # blank, or the continuation of a multi-line entity text
        if line.startswith("T"):
            try:
                identifier, middle = line.split("\t")[:2]
                label, offsets = middle.split(" ", 1)
                fragments = []
                for fragment in offsets.split(";"):
                    start, end = (int(x) for x in fragment.split())
                    fragments.append((start, end))
            except ValueError:
                raise GoldError(f"{origin}, line {number}: not a brat entity "
                                "(`T1<tab>Label start end[;start end]<tab>text`)") from None
            entities[identifier] = (label, fragments)
        elif line.startswith("E"):
            identifier, _, arguments = line.partition("\t")
            roles = []
            for argument in arguments.split():
                role, _, entity = argument.partition(":")
                roles.append((role, entity))
            events.append((identifier, roles))
    return entities, events


def attributions_from_brat(annotation: str, text: str, document: str,
                           origin: str = "<ann>") -> list[Quotation]:
    """The attributions of one `.ann` file: one Quotation per event with content, its spans
    the fragments of every Content entity (Content, Content2 …), its speaker the Source's
    words and covering extent (None when the event has no source), sorted by (start, end)."""
    entities, events = parse_brat(annotation, origin)
    quotations = []
    for _, roles in events:
        content: list[Span] = []
        source: list[Span] = []
        for role, entity in roles:
            if entity not in entities:
                continue
            if _CONTENT_ROLE.fullmatch(role):
                content.extend(entities[entity][1])
            elif _SOURCE_ROLE.fullmatch(role):
                source.extend(entities[entity][1])
        if not content:
            continue
        for start, end in content + source:
            if not 0 <= start <= end <= len(text):
                raise GoldError(f"{origin}: offsets {start} {end} are outside the text of "
                                f"{document} ({len(text)} characters); is it the text annotated?")
        content.sort()
        speaker = speaker_span = None
        if source:
            source.sort()
            speaker = " ".join(text[s:e] for s, e in source)
            speaker_span = (source[0][0], max(e for _, e in source))
        quotations.append(Quotation(document, None, tuple(content), speaker, speaker_span))
    quotations.sort(key=lambda q: (q.start, q.end))  # stable: events in file order otherwise
    return quotations


def brat_files(folder: str | Path,
               documents: Iterable[str]) -> tuple[dict[str, list[Path]], list[Path]]:
    """The `.ann` files below `folder` (hidden ones skipped) for each document, and the files
    that fit no document.

    `X.ann` and `X_<annotator>.ann` (PolNeAR) annotate the text `X.txt`. A document's files
    are sorted by name: the first is the one used, as PolNeAR's loader does.
    """
    known = set(documents)
    found: dict[str, list[Path]] = {}
    unknown = []
    folder = Path(folder)
    paths = [p for p in folder.rglob("*.ann") if p.is_file()
             and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    for path in sorted(paths, key=lambda p: (p.name, str(p))):
        stem = path.stem
        annotated = stem if stem in known else stem.rsplit("_", 1)[0]
        if annotated in known:
            found.setdefault(annotated, []).append(path)
        else:
            unknown.append(path)
    return found, unknown


def load_brat_gold(folder: str | Path, texts: Mapping[str, str]) -> Gold:
    """Brat gold: the attributions of the `.ann` files below `folder` for the given texts."""
    found, unknown = brat_files(folder, texts)
    if not found and not unknown:
        raise GoldError(f"{folder}: folder has no .ann files; brat gold is a folder of .ann "
                        "files, records gold a .jsonl file")
    quotes = {}
    for document, paths in sorted(found.items()):
        path = paths[0]
        try:
            annotation = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise GoldError(f"{path}: is not UTF-8 text") from None
        quotes[document] = attributions_from_brat(annotation, texts[document], document, str(path))
    notes = []
    several = sum(1 for paths in found.values() if len(paths) > 1)
    if several:
        notes.append(f"{several} text(s) have several .ann files (annotators); the first by "
                     "name is used")
    if unknown:
        notes.append(f"{len(unknown)} .ann file(s) annotate no text given, e.g. {unknown[0].name}: "
                     "ignored")
    return Gold("brat", quotes, tuple(notes))


def load_gold(path: str | Path, texts: Mapping[str, str]) -> Gold:
    """Brat gold when `path` is a folder, records gold (JSON lines) otherwise."""
    return load_brat_gold(path, texts) if Path(path).is_dir() else load_records_gold(path, texts)


# -- comparing ---------------------------------------------------------------------------------


def _same_speaker(kind: str, predicted: Quotation, gold: Quotation) -> bool:
    """Names equal (records gold; both null counts), or the mentions overlapping (brat gold)."""
    if kind == "records":
        return predicted.speaker == gold.speaker
    if predicted.speaker_span is None or gold.speaker_span is None:
        return False
    (p_start, p_end), (g_start, g_end) = predicted.speaker_span, gold.speaker_span
    return p_start < g_end and g_start < p_end


def _speaker_judged(kind: str, gold: Quotation) -> bool:
    """Brat gold judges a speaker only where its attribution has a source in the text."""
    return kind == "records" or gold.speaker_span is not None


def _row_quotations(kind: str, row: str, gold: Sequence[Quotation], predicted: Sequence[Quotation],
                    text: str) -> tuple[list[Quotation], list[Quotation], list[Quotation]]:
    """(gold, predicted for tokens, predicted for quotes) of one row of one document."""
    if kind == "brat":
        if row == "quoted":
            segments = [Quotation(q.document, None, (segment,), q.speaker, q.speaker_span)
                        for q in gold for start, end in q.spans
                        for segment in quoted_segments(text, start, end)]
            quoted = [p for p in predicted if p.type in QUOTED_TYPES]
            return segments, quoted, quoted
        # A brat content holds its quoted words: a prediction inside another one (a partial
        # quote inside its indirect clause) is part of that one, not a quote of its own.
        return list(gold), list(predicted), _outermost(predicted)
    if row == "all":
        return list(gold), list(predicted), list(predicted)
    types = QUOTED_TYPES if row == "quoted" else (row,)
    gold = [q for q in gold if q.type in types]
    predicted = [p for p in predicted if p.type in types]
    return gold, predicted, predicted


def _outermost(quotations: Sequence[Quotation]) -> list[Quotation]:
    """The quotations that lie inside no other one (of two with the same extent, the first)."""

    def holds(outer: int, inner: int) -> bool:
        o, q = quotations[outer], quotations[inner]
        if not (o.start <= q.start and q.end <= o.end):
            return False
        return (o.start, o.end) != (q.start, q.end) or outer < inner

    return [q for i, q in enumerate(quotations)
            if not any(holds(j, i) for j in range(len(quotations)) if j != i)]


def _worded(quotations: Iterable[Quotation], text: str) -> tuple[list[Quotation], list[set[int]]]:
    """The quotations that have words, and their words (a quote without words matches none)."""
    kept, kept_words = [], []
    for q in quotations:
        tokens = words(text, q.spans)
        if tokens:
            kept.append(q)
            kept_words.append(tokens)
    return kept, kept_words


def _owners(quotations: Sequence[Quotation], text: str) -> dict[int, Quotation]:
    """Each token of the quotations, with the first quotation holding it."""
    owners: dict[int, Quotation] = {}
    for q in quotations:
        for token in sorted(words(text, q.spans)):
            owners.setdefault(token, q)
    return owners


def match_quotes(gold: Sequence[set[int]], predicted: Sequence[set[int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs sharing at least half the words of each.

    The largest overlaps are paired first; ties go to the earlier gold, then the earlier
    prediction. Quotes without words match nothing.
    """
    holders: dict[int, list[int]] = {}
    for g, tokens in enumerate(gold):
        for token in tokens:
            holders.setdefault(token, []).append(g)
    candidates = []
    for p, tokens in enumerate(predicted):
        shared: dict[int, int] = {}
        for token in tokens:
            for g in holders.get(token, ()):
                shared[g] = shared.get(g, 0) + 1
        for g, overlap in shared.items():
            if 2 * overlap >= len(gold[g]) and 2 * overlap >= len(tokens):
                candidates.append((-overlap, g, p))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, g, p in sorted(candidates):
        if g not in used_gold and p not in used_predicted:
            pairs.append((g, p))
            used_gold.add(g)
            used_predicted.add(p)
    return sorted(pairs)


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 rounded to 3 places (F1 from the unrounded two), 0 when empty."""
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 3), round(recall, 3), round(f1, 3)


def evaluate(gold: Gold, predictions: Mapping[str, Sequence[Quotation]],
             texts: Mapping[str, str]) -> Evaluation:
    """Compare predicted quotes with the gold on the texts (by document name).

    Args:
        gold: from `load_gold`.
        predictions: predicted quotations by document, in output order (for a token held by
            two predictions, the first one's speaker counts).
        texts: the text of each document.

    Returns:
        The figures of each row (per type, `quoted`, `all`), the errors of the `all` row, the
        documents compared and notes on what was left out.
    """
    kind = gold.kind
    documents = documents_to_evaluate(gold, texts)
    notes = list(gold.notes)
    left_out = sorted(set(gold.quotes) - set(texts))
    if left_out:
        notes.append(f"gold for {len(left_out)} document(s) whose text was not given, e.g. "
                     f"{left_out[0]}: ignored")
    if kind == "brat":
        unannotated = sorted(set(texts) - set(gold.quotes))
        if unannotated:
            notes.append(f"{len(unannotated)} text(s) have no .ann file, e.g. {unannotated[0]}: "
                         "not evaluated")
    else:
        ungolded = sorted(set(texts) - set(gold.quotes))
        if ungolded:
            notes.append(f"no gold record for {len(ungolded)} text(s), e.g. {ungolded[0]}: "
                         "evaluated as having no quotes")
    rows = [_figures(kind, row, documents, gold, predictions, texts) for row in ROWS[kind]]
    mistakes = []
    for document in documents:
        mistakes.extend(_mistakes(kind, document, gold.quotes.get(document, []),
                                  predictions.get(document, []), texts[document]))
    return Evaluation(rows, mistakes, documents, notes)


def _figures(kind: str, row: str, documents: Sequence[str], gold: Gold,
             predictions: Mapping[str, Sequence[Quotation]], texts: Mapping[str, str]) -> Figures:
    n = dict.fromkeys(("g", "p", "tp", "tps", "gq", "pq", "mq", "pairs", "spk"), 0)
    for document in documents:
        text = texts[document]
        gold_q, predicted_tokens, predicted_q = _row_quotations(
            kind, row, gold.quotes.get(document, []), predictions.get(document, []), text)
        gold_owner, predicted_owner = _owners(gold_q, text), _owners(predicted_tokens, text)
        n["g"] += len(gold_owner)
        n["p"] += len(predicted_owner)
        for token, predicted in predicted_owner.items():
            if token in gold_owner:
                n["tp"] += 1
                n["tps"] += _same_speaker(kind, predicted, gold_owner[token])
        gold_q, gold_words = _worded(gold_q, text)
        predicted_q, predicted_words = _worded(predicted_q, text)
        pairs = match_quotes(gold_words, predicted_words)
        n["gq"] += len(gold_q)
        n["pq"] += len(predicted_q)
        n["mq"] += len(pairs)
        for g, p in pairs:
            if _speaker_judged(kind, gold_q[g]):
                n["pairs"] += 1
                n["spk"] += _same_speaker(kind, predicted_q[p], gold_q[g])
    token_p, token_r, token_f = prf(n["tp"], n["p"], n["g"])
    quote_p, quote_r, quote_f = prf(n["mq"], n["pq"], n["gq"])
    return Figures(
        type=row,
        gold_tokens=n["g"], predicted_tokens=n["p"], correct_tokens=n["tp"],
        token_precision=token_p, token_recall=token_r, token_f1=token_f,
        token_f1_speaker=prf(n["tps"], n["p"], n["g"])[2],
        gold_quotes=n["gq"], predicted_quotes=n["pq"], matched_quotes=n["mq"],
        quote_precision=quote_p, quote_recall=quote_r, quote_f1=quote_f,
        speaker_pairs=n["pairs"], speaker_correct=n["spk"],
        speaker_accuracy=round(n["spk"] / n["pairs"], 3) if n["pairs"] else None,
    )


def _mistakes(kind: str, document: str, gold: Sequence[Quotation], predicted: Sequence[Quotation],
              text: str) -> list[Mistake]:
    """The errors of the `all` row of one document, in text order."""
    gold_q, _, predicted_q = _row_quotations(kind, "all", gold, predicted, text)
    gold_q, gold_words = _worded(gold_q, text)
    predicted_q, predicted_words = _worded(predicted_q, text)
    pairs = match_quotes(gold_words, predicted_words)
    starts = paragraph_starts(text)
    found: list[tuple[tuple, Mistake]] = []

    def add(error: str, g: int | None, p: int | None, detail: str | None = None) -> None:
        at = gold_q[g].start if g is not None else predicted_q[p].start
        fields_: dict = {"document": document, "paragraph": paragraph_of(starts, at),
                         "error": error, "detail": detail}
        if g is not None:
            q = gold_q[g]
            fields_.update(gold_type=q.type, gold_start=q.start, gold_end=q.end,
                           gold_text=shorten_spans(text, q.spans),
                           gold_speaker=_speaker_label(kind, q, text))
        if p is not None:
            q = predicted_q[p]
            fields_.update(predicted_type=q.type, predicted_start=q.start, predicted_end=q.end,
                           predicted_text=shorten_spans(text, q.spans),
                           predicted_speaker=_speaker_label(kind, q, text))
        found.append(((at, ERROR_ORDER.index(error), g if g is not None else -1,
                       p if p is not None else -1), Mistake(**fields_)))

    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    for g in range(len(gold_q)):
        if g not in matched_gold:
            add("missed", g, None)
    for p in range(len(predicted_q)):
        if p not in matched_predicted:
            add("false positive", None, p)
    for g, p in pairs:
        if _speaker_judged(kind, gold_q[g]) and not _same_speaker(kind, predicted_q[p], gold_q[g]):
            add("speaker", g, p)
        if kind == "records" and gold_q[g].type != predicted_q[p].type:
            add("type", g, p)
        if gold_words[g] != predicted_words[p]:
            add("extent", g, p, extent_detail(text, gold_words[g], predicted_words[p]))
    return [mistake for _, mistake in sorted(found, key=lambda item: item[0])]


def extent_detail(text: str, gold: set[int], predicted: set[int]) -> str:
    """What a prediction missed and added, as runs of words: `missed “…”; added “…”`."""
    parts = []
    for label, own, other in (("missed", gold, predicted), ("added", predicted, gold)):
        runs = word_runs(text, own, own - other)
        if runs:
            quoted = (f"“{shorten(run, TEXT_WIDTH * 3 // 4)}”" for run in runs)
            parts.append(f"{label} " + ", ".join(quoted))
    return "; ".join(parts)


def word_runs(text: str, tokens: set[int], chosen: set[int]) -> list[str]:
    """The text of each run of `chosen` tokens that follow each other among `tokens`."""
    runs, run = [], []
    for token in sorted(tokens):
        if token in chosen:
            run.append(token)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [text[run[0] : WORD_RE.match(text, run[-1]).end()] for run in runs]


def _speaker_label(kind: str, quotation: Quotation, text: str) -> str | None:
    """Who a quotation is attributed to, as an error shows it: the name, or for brat gold the
    mention's words (which is what brat gold compares)."""
    if kind == "brat" and quotation.speaker_span is not None:
        return " ".join(text[slice(*quotation.speaker_span)].split())
    return quotation.speaker


def shorten(text: str, width: int = TEXT_WIDTH) -> str:
    """`text` on one line, its middle replaced by " … " when longer than `width`."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    head = (width - 3) // 2
    tail = width - 3 - head
    return text[:head].rstrip() + " … " + text[-tail:].lstrip()


def shorten_spans(text: str, spans: Sequence[Span], width: int = TEXT_WIDTH) -> str:
    """The words of (possibly discontinuous) spans, fragments joined by " … ", shortened."""
    return shorten(" … ".join(text[start:end] for start, end in spans), width)
