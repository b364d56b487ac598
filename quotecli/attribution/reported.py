"""Reported speech: the content clause of each cue outside quotations is an indirect record."""

from __future__ import annotations

from quotecli.article import WORD_RE, Article, make_record, tokens_from
from quotecli.attribution import CONFIDENCE
from quotecli.attribution.cues import Cue, cue_subject, find_cue, heard_from, sentence_cues
from quotecli.attribution.mentions import line_credit
from quotecli.lexicons import cue_kinds
from quotecli.records import Quote


# A reported clause is left to its quotation when the quoted words outnumber the reporter's own
# ("he believes a “lasting peace can be achieved”"): the partial quote says it all.
_CONTENT_DEPS = {"ccomp"}


_LEADING_MARKS = {"that"}


def reported_speech(article: Article) -> list[Quote]:
    """Indirect records: the content clause of each cue outside quotations.

    `X said (that) …`, `X told Y (that) …`, `X believes / estimates …`, `…, X said.`; a clause
    coordinated with it (`said A, and that B`) is a claim of its own; `according to X` reports
    the clause it is attached to.
    """
    records = []
    for paragraph in article.scan.paragraphs:
        credit = None if paragraph.furniture else line_credit(article, paragraph)
        if credit is not None:
            cue, speaker, start = credit
            end = paragraph.end
            while end > start and article.text[end - 1] in ".;:":
                end -= 1
            span = claim_span(article, start, end)
            if span is not None:
                records.append(make_record(article, (*span, paragraph.index), "indirect", speaker, cue,
                                       CONFIDENCE["reported"]))
    for paragraph_index, sentence in article.sentences:
        offset = article.offset(paragraph_index)
        for cue, subject in sentence_cues(article, paragraph_index, sentence):
            if not _reports(cue):
                continue
            if cue.kind == "hearing":  # "The court heard that …": told by nobody it names
                source = heard_from(cue)
                speaker = article.resolver.speaker(source) if source is not None else None
            else:
                speaker = article.resolver.speaker(subject)
                if speaker is None:
                    continue
            for clause in _content_clauses(cue, sentence):
                span = _clause_span(article, offset, clause)
                if span is None or _frames_quotation(article, span, cue, subject):
                    continue
                route = "reported"
                records.append(make_record(article, (span[0], span[1], paragraph_index), "indirect",
                                       speaker, cue, CONFIDENCE[route]))
    return records


_SPEAKER_MAX_TOKENS = 12  # who speaks after a quotation, with a title or an apposition


def _frames_quotation(article: Article, span: tuple[int, int], cue: Cue, subject) -> bool:
    """Whether the clause at `span` ends in a quotation opened by a colon that the cue right
    after it frames: in "After the vote, Mr Ode wrote: “We have won,” he said" the parser hangs the
    sentence on "said", but what "said" reports is the quotation, and the words before it are
    the reporter's (or another cue's)."""
    position = article.first_quote_from(span[1]) - 1  # the last quotation opening in the clause
    if position < 0 or cue.start < span[1]:
        return False
    quote = article.scan.quotes[position]
    if quote.close_end < span[1] or quote.open_mark < span[0]:
        return False
    if not article.text[span[0] : quote.open_mark].rstrip().endswith(":"):
        return False  # "The party, …, “allows us to …,” said X": the quote ends X's sentence
    # Between the closing mark and the cue only punctuation and who speaks: "“…,” he said".
    doc, offset = cue.token.doc, article.offset(quote.last_paragraph)
    first = tokens_from(doc, quote.close_end - offset).start
    if cue.token.i - first > _SPEAKER_MAX_TOKENS:
        return False
    between = [t for t in doc[first : cue.token.i] if not t.is_space]
    inside = {t.i for t in subject.subtree} if subject is not None else set()
    return all(t.is_punct or t.i in inside for t in between)


def _reports(cue: Cue) -> bool:
    """Whether a cue can report a clause of its own.

    Not a participle describing a noun ("countries expected to contribute"), nor a passive one
    ("when asked if …": somebody else asked), nor a cue introducing a quotation with a colon
    ("he said: “…”": whatever the parser hung on it before is the reporter's sentence), nor a
    stance under a modal ("should consider": suggested, not taken).
    """
    token = cue.token
    if token.dep_ in ("acl", "amod"):
        return False
    if cue.kind == "stance" and any(c.tag_ == "MD" for c in token.children):
        return False  # "Ukraine should consider …": a stance suggested, not one taken
    if token.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children):
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return not (nxt is not None and nxt.text == ":")


def _content_clauses(cue: Cue, sentence):
    """Token lists of the clauses a cue reports, in text order."""
    token = cue.token
    if cue.text == "according to":
        # "…, according to X" / "According to X, …": the clause the phrase is attached to.
        head = token.head if token.dep_ == "prep" else None
        if head is None or head.pos_ not in ("VERB", "AUX"):
            return []
        excluded = {t.i for t in token.subtree}
        return [[t for t in head.subtree if t.i not in excluded and sentence.start <= t.i < sentence.end]]
    # Several complements of one cue are one clause the parser cut in two ("saying he is
    # “certain” the Russian leader would …"); a clause coordinated with it ("said A, and that
    # B") is a claim of its own.
    if token.dep_ == "parataxis" and not any(c.dep_ in _CONTENT_DEPS for c in token.children):
        # "The museum, Mr. Bush said, celebrated …": the cue stands inside what it reports.
        excluded = {t.i for t in token.subtree}
        return [[t for t in token.head.subtree if t.i not in excluded]]
    complements = [child for child in token.children if child.dep_ in _CONTENT_DEPS]
    if not complements and token.lemma_.lower() in _ADDRESSEE_CUES:
        # "told the inquest that a group of six had been swimming": the parser hangs the clause
        # on the listener, who takes no clause of its own.
        complements = [clause for listener in token.children if listener.dep_ in ("dobj", "dative")
                       for clause in listener.children if clause.dep_ in ("acl", "relcl")
                       and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)]
    if not complements:
        fronted = _fronted_content(cue, sentence)
        if fronted:
            return [fronted]
        complements = _proposal(token)
    coordinated = [c for root in complements for c in root.children
                   if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    split_off = {t.i for c in coordinated for t in c.subtree}
    # "…, saying he is “certain” …": a participle of saying reports a clause of its own.
    # So is a report set beside the claim: see _set_beside.
    beside = set()
    for root in complements:
        for clause in root.subtree:
            if clause.dep_ == "advcl" and clause.tag_ == "VBG" and find_cue(clause, 0) is not None:
                split_off |= {t.i for t in clause.subtree}
            elif clause.dep_ in ("advcl", "relcl") and _set_beside(clause) and find_cue(clause, 0) is not None:
                beside |= {t.i for t in clause.subtree}
    first = sorted({t.i for root in complements for t in root.subtree} - split_off - beside)
    if beside:  # a closing mark the parser hung on the claim stays with the report set beside it
        words = [i for i in first if not token.doc[i].is_punct]
        first = [i for i in first if words and i <= words[-1]]
    clauses = [[token.doc[i] for i in first]] if first else []
    clauses.extend(list(c.subtree) for c in coordinated)
    return clauses


# Conjunctions that set one clause against another rather than qualify it ("while", not
# "because" or "when").
_CONTRASTING = {"while", "whereas", "though", "although"}


def _set_beside(clause) -> bool:
    """Whether a report inside a content clause is a report of its own, not part of the claim:
    one set against it ("74 percent said A, while 22 percent said B") or a relative clause that
    says what someone called a thing the claim names ("had access to the server, which he
    described as …"). A report the claim states stays in it: "said Republicans had asked …
    because …", "the $18 million he says he raised", "a socialist whom she has accused of …"."""
    children = list(clause.children)
    if not any(c.dep_ == "nsubj" for c in children) or clause.i < clause.head.i:
        return False  # "that, while 37 percent say A, 39 percent say B": both are the claim
    if clause.dep_ == "advcl":  # someone else set against the speaker, not "though he …"
        return any(c.dep_ == "mark" and c.lower_ in _CONTRASTING for c in children) \
            and not any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in children)
    # "which he described as …", "who he blasted as a “bully”": what the thing was called.
    return any(c.tag_ in ("WDT", "WP") and c.dep_ == "dobj" for c in children) \
        and any(c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" for c in children)


def _fronted_content(cue: Cue, sentence):
    """What a cue after a comma reports when the parser found no clause in it: the headline
    shape "Strikes to go ahead next week, union says", "GPs to be paid more …, says health
    secretary". The words before the comma hang from the cue, start with a noun phrase (not
    "Speaking after the match," nor "On Monday,"), hang from it as one phrase and hold a verb;
    who speaks stands after the comma."""
    token = cue.token
    if cue.kind not in ("speech", "report", "announcement"):
        return None
    commas = [t for t in sentence if t.i < token.i and t.text == ","]
    if not commas:
        return None
    comma = commas[-1]
    between = [t for t in sentence if comma.i < t.i < token.i]
    if not all(t.pos_ in ("NOUN", "PROPN", "DET", "ADJ", "NUM", "PRON") for t in between):
        return None  # only who speaks stands between the comma and the cue
    subject = cue_subject(token)
    fronted = [t for t in sentence if t.i < comma.i]
    inside = {t.i for t in token.subtree}
    attached = [t for t in fronted if t.head.i == token.i and not t.is_punct]
    if len(attached) != 1 or any(t.dep_ == "mark" for t in fronted):
        return None  # "Eight months later, when …, Grand Central agreed": circumstances
    if not all(t.i in inside for t in fronted) \
            or fronted[0].pos_ not in ("NOUN", "PROPN", "DET", "NUM", "ADJ") \
            or not any(t.pos_ in ("VERB", "AUX") for t in fronted) \
            or subject is not None and subject.i < comma.i:
        return None
    return fronted


# Cues whose object is who is spoken to, not what is said ("told reporters", "asked him").
_ADDRESSEE_CUES = {"tell", "ask", "inform", "remind", "warn", "assure", "brief", "urge", "call"}


def _proposal(token):
    """What a cue without a content clause puts forward: `plans to cut taxes`, `called on X to
    stop`, `called for an inquiry`, `cited the report`."""
    infinitives = [c for c in token.children if c.dep_ == "xcomp"]
    if infinitives:
        # "urged the board to reconsider": the one asked belongs to the proposal.
        objects = [c for c in token.children if c.dep_ in ("dobj", "dative") and c.i < infinitives[0].i]
        return objects + infinitives
    lemma = token.lemma_.lower()
    predicates = [c for c in token.children if c.dep_ == "oprd"]
    if predicates:
        # "called half of his supporters “deplorables”": what they were called, and who.
        return [c for c in token.children if c.dep_ == "dobj" and c.i < predicates[0].i] + predicates
    particle = [c for c in token.children if c.dep_ in ("prep", "prt") and c.i == token.i + 1]
    if particle and lemma in ("call", "point"):  # "called for X", "pointed to X"
        return [c for c in particle[0].children if c.dep_ == "pobj"]
    if lemma in _ADDRESSEE_CUES or cue_kinds().get((lemma,)) not in ("proposal", "announcement", "report", "belief", "stance"):
        return []  # "hailing the town", "attacked Machado": whom it is about, not a claim
    return [c for c in token.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]


def _clause_span(article: Article, offset: int, tokens) -> tuple[int, int] | None:
    """The character span of a reported clause, trimmed, or None when it is not a claim."""
    while tokens and (tokens[0].is_punct and not tokens[0].is_quote or tokens[0].lower_ in _LEADING_MARKS
                      or tokens[0].dep_ == "cc" or tokens[0].is_space):
        tokens = tokens[1:]
    if tokens and tokens[0].tag_ in ("WDT", "WP") and tokens[0].dep_ in ("nsubj", "nsubjpass"):
        return None  # "something which ministers think will help": the subject is outside
    while tokens and (tokens[-1].is_punct and not tokens[-1].is_quote or tokens[-1].is_space
                      or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return claim_span(article, offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1]))


def claim_span(article: Article, start: int, end: int) -> tuple[int, int] | None:
    """The span of a reported claim, or None when it is not one of its own."""
    text = article.text
    quotes = article.scan.quotes  # in text order, none inside another
    position = article.first_quote_from(start)
    if position > 0 and start <= quotes[position - 1].close_mark:
        return None  # the clause begins inside a quotation: the quote's own business
    # A quotation that opens inside the clause closes inside it too.
    while position < len(quotes) and quotes[position].open_mark < end:
        end = max(end, quotes[position].close_end)
        position += 1
    words = [m.start() for m in WORD_RE.finditer(text, start, end)]
    quoted = sum(1 for w in words if article.is_quoted(w))
    if len(words) < 2 or quoted > len(words) - quoted:
        return None
    return start, end
