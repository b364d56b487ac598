"""Stage 1: from a quote to the words that name its speaker (a cue's subject, a credit line …)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from quotecli import marks
from quotecli.article import Article, entity_of, tokens_before, tokens_from, tokens_within
from quotecli.attribution.cues import (
    SUBJECT_DEPS, Cue, find_cue, heard_from, noun_cue, noun_owner, sentence_cues,
)
from quotecli.attribution.entities import ORG_LABELS, PERSON_LABELS, is_role_phrase, normal_case, split_title
from quotecli.attribution.resolve import Speaker
from quotecli.lexicons import line_labels, speaker_nouns


def _sentences_of(article: Article, quote: marks.QuotedSpan) -> tuple[list, list]:
    """The sentences (paragraph, Span) around a quote: those it stands in, then its neighbours.

    The parser often ends a sentence at a closing mark, leaving `, said James Acton` or
    `Mr. King added.` as a sentence of its own; the neighbours are where those are found.
    """
    own, neighbours = [], []
    for paragraph_index in sorted({quote.paragraph, quote.last_paragraph}):
        sentences = article.paragraph_sentences.get(paragraph_index, [])
        inside = article.sentences_over(paragraph_index, quote.open_mark, quote.close_mark)
        if not inside:
            continue
        own.extend((paragraph_index, sentences[i]) for i in inside)
        if paragraph_index == quote.last_paragraph and inside[-1] + 1 < len(sentences):
            neighbours.append((paragraph_index, sentences[inside[-1] + 1]))
        if paragraph_index == quote.paragraph and inside[0] > 0:
            before = sentences[inside[0] - 1]
            if _last_word(before).endswith((":", ",")):
                neighbours.append((paragraph_index, before))
    return own, neighbours


def _last_word(sentence) -> str:
    """The last token of `sentence` that is not a blank (its text would build the sentence)."""
    for index in range(sentence.end - 1, sentence.start - 1, -1):
        token = sentence.doc[index]
        if not token.is_space:
            return token.text.rstrip()
    return ""


_DASH_CREDIT = re.compile(r"\s*[\u2015\u2014\u2013]\s*((?:[A-Z][\w.'’-]*\s*){1,5})[.,]?\s*$")


def turn_label(article: Article, quote: marks.QuotedSpan):
    """A quoted transcript turn: its label ("WALLACE:") is the speaker."""
    if quote.label is None:
        return None
    start, end = quote.label
    words = [normal_case(w) for w in article.text[start:end].split()]
    name = article.index.canonical(split_title(words)[1] or words, start)
    colon = article.text.index(":", end)
    return Cue(None, colon, colon + 1, ":", "speech"), Speaker(name, article.text[start:end], start, end, "person")


def dash_credit(article: Article, quote: marks.QuotedSpan):
    """`“…” ― Jane Doe` closing the paragraph: a pull quote credited to a name."""
    paragraph = article.scan.paragraphs[quote.last_paragraph]
    tail_start = quote.close_end
    match = _DASH_CREDIT.match(article.text, tail_start, paragraph.end)
    if match is None:
        return None
    words = match.group(1).split()
    start = match.start(1)
    end = start + len(match.group(1).rstrip())
    dash = article.text.index(match.group(0).strip()[0], tail_start)
    name = article.index.canonical(split_title(words)[1] or words, start)
    cue = Cue(None, dash, dash + 1, article.text[dash], "speech")
    return cue, Speaker(name, article.text[start:end], start, end, "person")


# "Pat Caddell: Democrat voters worried …", "Trump: “I will win”": a headline convention.
_COLON_CREDIT = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*)\s*:\s+")


def line_credit(article: Article, paragraph: marks.Paragraph):
    """(cue, speaker, content start) of a line that opens with "Name: ", or None; not a
    dateline ("MUMBAI: ")."""
    lead = paragraph.index in article.lead
    if marks.dateline_end(article.text, paragraph.start, paragraph.end, lead) > paragraph.start:
        return None
    match = _COLON_CREDIT.match(article.text, paragraph.start, paragraph.end)
    if match is None or match.group(1).lower() in line_labels():
        return None
    start, end = match.span(1)
    words = match.group(1).split()
    colon = article.text.index(":", end)
    cue = Cue(None, colon, colon + 1, ":", "speech")
    # A headline's "Minister: “…”": the one the article introduces with that role.
    holder = article.index.resolve_role(words, start) if is_role_phrase(words) else None
    if holder is not None:
        return cue, Speaker(holder, article.text[start:end], start, end, "role"), match.end()
    # Only a name the article knows, or a poll or a report, speaks so; not a section heading.
    if not (article.index.is_known_name(split_title(words)[1] or words)
            or speaker_nouns().get(words[-1].lower()) == "document"):
        return None
    name = article.index.canonical(split_title(words)[1] or words, start)
    return cue, Speaker(name, article.text[start:end], start, end, "person"), match.end()


def colon_credit(article: Article, quote: marks.QuotedSpan):
    """`Trump: “I will win”`: a quotation right after a name and a colon opening the line."""
    credit = line_credit(article, article.scan.paragraphs[quote.paragraph])
    if credit is None or credit[2] != quote.open_mark:
        return None
    return credit[:2]


def cue_for(article: Article, quote: marks.QuotedSpan, kind: str):
    """The cue that attributes `quote`, with the token naming its speaker, or None.

    Cue words inside any quotation never count ("I told them," she said: "told" is quoted).
    For a partial quote the cue must govern it in the parse when any does; for a whole
    statement the nearest cue outside the marks wins, "according to" last (in "X told Y: “…”,
    according to officials" the words are X's; the officials only report them).
    """
    own, neighbours = _sentences_of(article, quote)
    found = attribution_frame(article, quote) if kind == "direct" else None
    if found is None:
        found = _cue_in(article, quote, kind, own)
    if found is None and kind == "direct":
        found = _cue_in(article, quote, kind, neighbours)
    return found


_FRAME_MAX_TOKENS = 12  # the subject of the frame's verb, with its title or apposition
# A quotation that ends so that its sentence goes on: "“…,” he", "“…?” she", "“…!” they".
_GOES_ON = (",", "?", "!", "—", "–", "-")


def attribution_frame(article: Article, quote: marks.QuotedSpan):
    """`“France will always be France,” an angry Hollande retaliated`: a quotation whose sentence
    goes on past its closing mark with a subject and its verb, and nothing else, is attributed
    by that clause whatever its verb ("grinned", "retaliated", "shrugged"). Every house style
    writes attribution in this frame, so the cue lexicon need not list every verb of manner.
    (cue, subject token), or None."""
    paragraph = quote.last_paragraph
    doc = article.docs.get(paragraph)
    if doc is None:
        return None
    offset = article.offset(paragraph)
    inside = article.text[quote.start:quote.end].rstrip()
    after = [t for t in tokens_from(doc, quote.close_end - offset)[:_FRAME_MAX_TOKENS] if not t.is_space]
    if after and after[0].text == ",":
        after = after[1:]
    elif not inside.endswith(_GOES_ON):
        return None  # "“We lost.” Jones grinned.": a new sentence, an action, not a cue
    if not after or article.is_quoted(offset + after[0].idx):
        return None
    first = after[0].i
    for token in after:
        if token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        # Inverted, "“…,” remembered Roy Verley, HP's former spokesman.": the verb first.
        inverted = token.i == first and _ends_sentence_after_verb(token, subject)
        # Otherwise the subject's phrase must be all that stands between the quotation and the
        # verb, and the verb takes no object: "“…,” Smith told the court" has a cue of its own.
        if not inverted and (subject is None or subject.left_edge.i != first
                             or subject.right_edge.i != token.i - 1
                             or any(c.dep_ in ("dobj", "ccomp", "attr") and c.i > token.i for c in token.children)):
            return None
        speaker = article.resolver.speaker(subject)
        if speaker is None or speaker.kind == "other":
            return None
        listed = find_cue(token, offset)  # "wrote" keeps its kind; any other verb is speech
        kind = listed.kind if listed is not None else "speech"
        return Cue(token, offset + token.idx, offset + token.idx + len(token), token.text, kind), subject
    return None


def _ends_sentence_after_verb(verb, subject) -> bool:
    """Whether `subject` follows `verb` right after it and ends the sentence."""
    if subject is None or subject.left_edge.i != verb.i + 1:
        return False
    return all(t.is_punct or t.is_space for t in verb.doc[subject.right_edge.i + 1 : verb.sent.end])


def _cue_in(article: Article, quote: marks.QuotedSpan, kind: str, sentences):
    """The cue of `sentences` that attributes `quote`, with its subject (see `cue_for`).

    Each sentence's cues are found once; a quote looks only at the cues nearest it and at those
    on its path to the root, so that a sentence of a thousand quotes costs no more a quote.
    """
    nearest = []  # (cue, subject, distance) of the cues that can be the nearest, in text order
    by_token = {}  # token index → (cue, subject), for the cues of the quote's own parse
    quote_tokens = []
    for paragraph_index, sentence in sentences:
        offset = article.offset(paragraph_index)
        quote_tokens.extend(tokens_within(sentence, quote.start - offset, quote.end - offset))
        cues = sentence_cues(article, paragraph_index, sentence)
        # Words quoted in the phrase that names the speaker are not what was said: "Kerry
        # Washington, star of “Scandal,” thanked him": the title is hers, not her words.
        cues = [(cue, subject) for cue, subject in cues if not _inside(article, subject, quote, offset)]
        nearest.extend((cue, subject, _distance(cue, quote)) for cue, subject in _around(cues, quote))
        if quote_tokens and sentence.doc is quote_tokens[0].doc:
            by_token.update((cue.token.i, (cue, subject)) for cue, subject in cues)
    if kind == "partial" and quote_tokens:
        ancestors = _ancestors(quote_tokens)
        offset = article.offset(quote.paragraph)  # a partial quote is one paragraph's
        for ancestor in ancestors:
            if ancestor.i in by_token:
                break
            noun = _noun_of_saying(ancestor)
            if noun is not None and not _medium(noun) and not any(
                    t.head.i == noun.i and t.dep_ in _MODIFIER_DEPS for t in quote_tokens):
                # "his call for “…”", "her remark that … “…”": the noun's owner's words, even
                # inside someone else's sentence ("Lind rejected his claim that …").
                return noun_cue(noun, offset), noun_owner(noun)
        # Of the cues governing the quote, the outermost: in "He said Trump claimed “…”" the
        # words are reported by whoever says them in this sentence (ANNOTATION.md, nested reports).
        governing = [by_token[a.i] for a in ancestors if a.i in by_token]
        if governing:
            cue, subject = governing[-1]
            return cue, _owner_of_words(subject)
    if not nearest:
        return None
    cue, subject, _ = min(nearest, key=lambda c: (c[0].text == "according to", c[2]))
    return cue, _owner_of_words(subject)


def _inside(article: Article, subject, quote: marks.QuotedSpan, offset: int) -> bool:
    """Whether `quote` opens inside the noun phrase of `subject`, its clauses left out (the
    parser may hang the rest of the sentence on a relative clause); `offset`: its paragraph's.
    The phrase's extent is worked out once a subject: a degenerate parse may hang thousands of
    words on one, and a sentence of a thousand quotes asks about it for each."""
    key = (id(subject.doc), subject.i)
    extent = article.phrase_extents.get(key)
    if extent is None:
        phrase = [child for child in subject.children if child.dep_ not in _CLAUSE_DEPS]
        first = subject.doc[min([subject.i] + [child.left_edge.i for child in phrase])]
        last = subject.doc[max([subject.i] + [child.right_edge.i for child in phrase])]
        extent = article.phrase_extents[key] = (first.idx, last.idx + len(last))
    return offset + extent[0] <= quote.open_mark < offset + extent[1]


_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct"}


def _distance(cue: Cue, quote: marks.QuotedSpan) -> int:
    return abs(quote.open_mark - cue.end if cue.end <= quote.open_mark else cue.start - quote.close_mark)


# How far past the nearest cue on each side `_around` looks for a closer "according to".
_AROUND_STEPS = 16


def _around(cues: list, quote: marks.QuotedSpan) -> list:
    """Of a sentence's (cue, subject) in text order, those that can be the nearest to the
    quote: on each side the nearest cue, and the "according to"s between (it ranks last, but may
    be all there is). Distances grow away from the quote, so no other cue can win."""
    if len(cues) <= 2 * _AROUND_STEPS:
        return cues
    position = bisect.bisect_left(cues, quote.open_mark, key=lambda c: c[0].start)
    low = position
    for _ in range(_AROUND_STEPS):
        if low == 0:
            break
        low -= 1
        if cues[low][0].text != "according to":
            break
    high = position
    while high < len(cues) and high - position < _AROUND_STEPS and (
            cues[high][0].start < quote.close_mark or cues[high][0].text == "according to"):
        high += 1
    return cues[low : high + 1]


# A quote that modifies a noun of saying is not what was said: "the ‘shocking’ call".
_MODIFIER_DEPS = {"amod", "compound", "nmod", "nummod"}


def _medium(noun) -> bool:
    """"said in a statement", "told analysts on a call": the noun is how the cue's subject
    spoke, and the words are the cue's."""
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and find_cue(noun.head.head, 0) is not None


def _noun_of_saying(token):
    """`token` when it is a noun of saying; or the noun of saying whose "that" clause `token`
    heads, where the parser hung the clause on the verb before it ("stood by her remark that
    the plan was …": the clause is the remark's, as it is not a cue's)."""
    if noun_cue(token, 0) is not None:
        return token
    if find_cue(token.head, 0) is not None:
        return None  # "said in a statement that …": the clause is what was said
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ == "that" and child.i > 0 \
                and noun_cue(child.doc[child.i - 1], 0) is not None:
            return child.doc[child.i - 1]
    return None


def _owner_of_words(subject):
    """The subject of a cue, or when that is a noun of saying with an owner, the owner: in
    "Okafor issued a statement saying “…”" the words are Okafor's."""
    if noun_cue(subject, 0) is not None:
        return noun_owner(subject) or subject
    return subject


# Edges that leave the clause a quote is reported in: a coordinated or adverbial clause is a
# statement of its own ("Trump and Putin had agreed …, but Zelenskyy said … “…”").
_CLAUSE_EXITS = {"conj", "advcl", "parataxis", "relcl"}


# How far up the parse a quote's governing words are looked for: news sentences are far
# shallower, and a bound keeps a parse of one endless chain from costing its length a quote.
_MAX_ANCESTORS = 64


def _coordinated_content(clause) -> bool:
    """Whether a conjunct continues the clause it is coordinated with: a verb with no subject of
    its own shares it ("said she wanted to speak … and let them know that “…”"), and a conjunct
    with its own "that" is a second content clause of the same cue ("said that he plans … and
    that a Trump presidency would be “a disaster”")."""
    if clause.dep_ != "conj":
        return False
    return not any(c.dep_ in SUBJECT_DEPS for c in clause.children) \
        or any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _ancestors(tokens):
    """Ancestors of the quote's tokens outside it, nearest first, within the reporting clause."""
    inside = {t.i for t in tokens}
    seen: dict[int, object] = {}  # token index → token, in the order found
    # The parser hangs punctuation anywhere, often on the sentence's root: a comma quoted at
    # the end of "that he had “been friends for some time,” he claimed" is not under "claimed".
    words = [t for t in tokens if t.dep_ != "punct"] or tokens
    for token in words:
        if token.head.i in inside and token.head.i != token.i:
            continue
        current = token
        for _ in range(_MAX_ANCESTORS):
            if current.head.i == current.i or current.dep_ in _CLAUSE_EXITS and current.i not in inside \
                    and not _coordinated_content(current):
                break
            current = current.head
            if current.i in seen:
                break  # the rest of the way is known already
            if current.i not in inside:
                seen[current.i] = current
    return list(seen.values())


@dataclass(frozen=True)
class Attribution:
    """What stage 1 found for a quote: the speaker its mention resolves to (None when a cue was
    found but names nobody), the cue, and the sieve that found them (`route`)."""

    speaker: Speaker | None
    cue: Cue | None
    route: str


class Attributed(dict):
    """The attributions of the quotes so far, by position, and for each paragraph the last
    quote ending in it that has one (so that `same_paragraph` never walks back over a
    paragraph's unattributed quotes)."""

    def __init__(self):
        super().__init__()
        self.last_in: dict[int, int] = {}  # paragraph → position

    def add(self, position: int, quote: marks.QuotedSpan, attribution: Attribution) -> None:
        """Record the attribution of the quote at `position` (quotes come in text order)."""
        self[position] = attribution
        self.last_in[quote.last_paragraph] = position


def explicit(article: Article, quote: marks.QuotedSpan, kind: str) -> Attribution | None:
    """The quote's own attribution: a transcript label, a credit, a cue of its own sentence (for
    a direct quote, of the sentence right after or before too), or a name and a colon."""
    for sieve in (turn_label, dash_credit, colon_credit):
        found = sieve(article, quote)
        if found is not None:
            cue, speaker = found
            return Attribution(speaker, cue, "cue")
    found = inverted_cue(article, quote) if kind == "direct" else None
    if found is not None:
        cue, speaker = found
        resolved = speaker.kind in ("pronoun", "role", "group")
        return Attribution(speaker, cue, "cue_resolved" if resolved else "cue")
    found = cue_for(article, quote, kind)
    if found is None:
        found = name_colon(article, quote)
        return found and Attribution(found[1], found[0], "cue")
    cue, subject = found
    if cue is not None and cue.kind == "hearing":
        subject = heard_from(cue)  # "“…,” the inquest heard": not the inquest's words
    speaker = article.resolver.speaker(subject) if subject is not None else None
    route = "cue_resolved" if speaker is not None and speaker.kind in ("pronoun", "role", "group") \
        else "cue"
    return Attribution(speaker, cue, route)


def carried(article: Article, position: int, attributed: dict[int, Attribution]) -> Attribution | None:
    """The attribution a direct quote with none of its own takes from the text around it: the
    first of `CARRIED` that finds one. `attributed` holds the attributions of earlier quotes."""
    for sieve in CARRIED:
        found = sieve(article, position, attributed)
        if found is not None:
            return found
    return None


def credit_line(article: Article, position: int, attributed) -> Attribution | None:
    """A name closing the quote on its own: `— Jo Marsh (@jomarsh) May 3, 2025` under an
    embedded post, `Ian Pell, The Daily Herald` or `- Sanders.` under a quote in a roundup.

    The credit is the rest of the quote's paragraph, or the next paragraph when the quote ends
    its own; it is short, holds no quotation and opens with a name the parse or the article
    knows, after an optional dash.
    """
    quote = article.scan.quotes[position]
    paragraphs = article.scan.paragraphs
    paragraph = paragraphs[quote.last_paragraph]
    start, end = quote.close_end, paragraph.end
    if end - start <= _CREDIT_MAX_CHARS and not article.text[start:end].strip(" \t.,"):
        following = next((p for p in paragraphs[paragraph.index + 1 :] if not p.furniture), None)
        if following is None:
            return None
        paragraph, start, end = following, following.start, following.end
    if end - start > _CREDIT_MAX_CHARS:
        return None  # a credit is short: nothing longer is looked at
    match = _CREDIT.match(article.text, start, end)
    doc = article.docs.get(paragraph.index)
    if match is None or doc is None or any(article.is_quoted(i) for i in range(match.start(1), end)):
        return None
    offset = article.offset(paragraph.index)
    name = [t for t in tokens_from(doc, match.start(1) - offset) if not t.is_space]
    if not name or len(name) > _CREDIT_MAX_TOKENS:
        return None
    head = name[0]
    entity = entity_of(head)
    entity = entity if entity is not None and entity.start == head.i else None
    run = 0  # the proper nouns opening the credit: "Gwen Talbot, Plains Gazette"
    while run < len(name) and name[run].pos_ == "PROPN":
        run += 1
    if entity is not None and entity.label_ in PERSON_LABELS | ORG_LABELS:
        head = entity.root
    elif run >= 2 and (run == len(name) or name[run].text in ",("):
        head = name[run - 1]  # the form of a credit makes a name of what the recogniser missed
    elif not (head.pos_ == "PROPN" and article.index.is_known_name([head.text])):
        return None
    speaker = article.resolver.speaker(head)
    dash = match.group(0).strip()[:1]
    # An organisation alone under a quote is mostly a picture's credit ("Netflix."), unless dashed.
    if speaker is None or speaker.kind != "person" and not (speaker.kind == "organisation" and dash in _DASHES):
        return None
    cue_at = match.start() + match.group(0).index(dash) if dash in _DASHES else speaker.start
    cue_end = cue_at + 1 if dash in _DASHES else speaker.end
    return Attribution(speaker, Cue(None, cue_at, cue_end, article.text[cue_at:cue_end], "speech"),
                       "credit_line")


_DASHES = "-\u2010\u2012\u2013\u2014\u2015"
_CREDIT = re.compile(r"\s*[" + _DASHES + r"]?\s*([A-Z])")
_CREDIT_MAX_TOKENS = 14  # a name, a role or an outlet, a handle and a date
_CREDIT_MAX_CHARS = 120


def same_paragraph(article: Article, position: int, attributed) -> Attribution | None:
    """An earlier quote of the same paragraph: “A,” he said. “B.”"""
    quote = article.scan.quotes[position]
    earlier = attributed.last_in.get(quote.paragraph)
    return None if earlier is None else replace(attributed[earlier], route="paragraph")


def _previous_paragraph(article: Article, quote: marks.QuotedSpan) -> marks.Paragraph | None:
    """The article paragraph before the one a quote opens, when the quote opens it (captions and
    furniture in between do not count)."""
    paragraph = article.scan.paragraphs[quote.paragraph]
    return _previous_paragraph_of(article, paragraph) if quote.open_mark == paragraph.start else None


def continuation(article: Article, position: int, attributed) -> Attribution | None:
    """A paragraph that opens with a quote right after a paragraph with an attributed quote."""
    quote = article.scan.quotes[position]
    previous = _previous_paragraph(article, quote)
    if previous is None:
        return None
    for earlier in range(position - 1, -1, -1):
        other = article.scan.quotes[earlier]
        if other.last_paragraph < previous.index:
            break
        if other.last_paragraph == previous.index and earlier in attributed:
            return replace(attributed[earlier], route="continuation")
    return None


def alternation(article: Article, position: int, attributed) -> Attribution | None:
    """An exchange: “Did you see it?” asked the reporter. ¶ “No,” Smith said. ¶ “Not at all?”
    A paragraph of quotation after the turns of two different speakers, one of them ending in a
    question, is the turn of the speaker before last (Muzny et al.'s conversation sieve);
    otherwise a paragraph after a quote continues it (`continuation`). A turn is a run of
    paragraphs whose quotes are one speaker's ("Ms Strathearn said …. ¶ “…,” she told MSPs."),
    and a paragraph of narration (`_turn_before`) may stand between the exchange and its next
    turn ("What followed had the rhythm of a rally. ¶ “Has she rejected
    it?”")."""
    quote = article.scan.quotes[position]
    paragraph = _turn_before(article, _previous_paragraph(article, quote), attributed)
    turns: list[tuple] = []  # (attribution, last quote or None) of each turn, nearest first
    for _ in range(_TURN_PARAGRAPHS):
        if paragraph is None:
            return None
        turn = _turn_of(article, paragraph, attributed)
        if turn is None:
            return None  # a paragraph of no one speaker's quotes: no exchange to follow
        if not turns and turn[1] is None:
            return None  # a quote after reported speech is its speaker's (`continuation`)
        if not turns or turns[-1][0].speaker.name != turn[0].speaker.name:
            turns.append(turn)
            if len(turns) == 2:
                break
        paragraph = _turn_before(article, _previous_paragraph_of(article, paragraph), attributed)
    if len(turns) < 2:
        return None
    (answered, answer), (asked, question) = turns
    # A question shows an exchange, as does a turn already taken by alternation: "“Including
    # nationalisation?” ¶ “Including every option.” ¶ “That sounds like a yes.” ¶ “It sounds
    # like a minister who …”".
    if answered.route != "alternation" and not any(
            article.text[q.start : q.end].rstrip().endswith("?") for q in (question, answer, quote) if q):
        return None
    return replace(asked, route="alternation")


_TURN_PARAGRAPHS = 4  # how many paragraphs back the two turns before an exchange's next are looked for
_TURN_ROUTES = ("cue", "cue_resolved", "alternation", "paragraph")  # the attributions a turn is known by


def _turn_of(article: Article, paragraph: marks.Paragraph, attributed):
    """(attribution, last quote) of the one speaker whose quotes `paragraph` holds, attributed
    by a cue, within the paragraph or by alternation, or else of its cues (no quote then); None
    when it holds none, or the words of several speakers."""
    found = None
    for position, quote in _quotes_opening_in(article, paragraph):
        attribution = attributed.get(position)
        if attribution is None:
            continue  # a term or a title: nobody's words
        if attribution.route not in _TURN_ROUTES or not attribution.speaker or not attribution.speaker.name \
                or found is not None and found[0].speaker.name != attribution.speaker.name:
            return None
        found = (attribution, quote)
    if found is None:
        # Reported speech is a turn too ("Ms Strathearn said the document was a draft."): the
        # one speaker of the paragraph's cues, with no quote to show.
        for sentence in article.paragraph_sentences.get(paragraph.index, []):
            for cue, subject in sentence_cues(article, paragraph.index, sentence):
                speaker = article.resolver.speaker(subject)
                if speaker is None or not speaker.name \
                        or found is not None and found[0].speaker.name != speaker.name:
                    return None
                found = (Attribution(speaker, cue, "cue"), None)
    return found


def _quotes_opening_in(article: Article, paragraph: marks.Paragraph):
    """(position, quote) of the quotes that open in `paragraph`, found by bisection."""
    quotes = article.scan.quotes
    for position in range(article.first_quote_from(paragraph.start), len(quotes)):
        if quotes[position].paragraph != paragraph.index:
            return
        yield position, quotes[position]


def _previous_paragraph_of(article: Article, paragraph: marks.Paragraph) -> marks.Paragraph | None:
    """The article paragraph before `paragraph`, captions and furniture left out."""
    return next((p for p in reversed(article.scan.paragraphs[: paragraph.index]) if not p.furniture), None)


def _turn_before(article: Article, paragraph: marks.Paragraph | None, attributed) -> marks.Paragraph | None:
    """The paragraph that may hold an exchange's turn before a quote, `paragraph` being the one
    right before it: that one, or the one before it when `paragraph` is narration, with no
    quote of anyone's (a term in marks is nobody's), no cue and no person as a subject."""
    if paragraph is None or any(True for sentence in article.paragraph_sentences.get(paragraph.index, [])
                                for _ in sentence_cues(article, paragraph.index, sentence)):
        return paragraph
    for position, quote in _quotes_opening_in(article, paragraph):
        if position in attributed or quote.open_mark == paragraph.start:
            return paragraph  # somebody's words, or a turn of its own
    doc = article.docs.get(paragraph.index)
    if doc is not None and any(t.dep_ == "nsubj" and t.ent_type_ in PERSON_LABELS for t in doc):
        return paragraph  # "That's where Cornel West took the conversation": someone new comes in
    return _previous_paragraph_of(article, paragraph)


def colon_introduction(article: Article, position: int, attributed) -> Attribution | None:
    """"He said:", "Stated Stone:", "Transcript as follows:" closing the paragraph before."""
    previous = _previous_paragraph(article, article.scan.quotes[position])
    doc = previous and article.docs.get(previous.index)
    if doc is None or not doc.text.rstrip().endswith(":"):
        return None
    sentence = list(doc.sents)[-1]
    found = _speaker_of_sentence(article, previous.index, sentence) \
        or _name_before_colon(article, previous.index, doc, len(doc.text.rstrip()) - 1) \
        or _presenter(article, previous.index, sentence)
    return found and Attribution(found[0], found[1], "continuation")


def _presenter(article: Article, paragraph: int, sentence, colon: int | None = None):
    """"President Clinton released the following statement:": with no cue, the subject of the
    sentence that presents the quotation is its speaker, when it names a person or an
    organisation. Before a colon inside the sentence, the clause that ends at the colon presents
    it: the parser often hangs that clause from the quotation's verb ("Clinton has since
    apologized for what happened: “Yes, I should have …”")."""
    root = sentence.root if colon is None else _clause_root(sentence, colon)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or article.is_quoted(article.offset(paragraph) + subject.idx):
        return None
    speaker = article.resolver.speaker(subject)
    if speaker is None or speaker.kind not in ("person", "organisation", "pronoun", "role") or not speaker.name:
        return None
    at = article.offset(paragraph) + (sentence.end_char - 1 if colon is None else colon)
    while at > 0 and article.text[at] not in ":,":
        at -= 1
    mark = article.text[at]
    return speaker, Cue(None, at, at + 1, mark, "speech") if mark in ":," else None


def _clause_root(sentence, end: int):
    """The head of the words of `sentence` before the paragraph offset `end`: the first verb
    among those whose head lies outside them (the sentence's root when none does)."""
    tokens = [t for t in sentence if t.idx < end]
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    return (verbs or heads or [sentence.root])[0]


def reported_introduction(article: Article, position: int, attributed) -> Attribution | None:
    """A paragraph all quotation after a paragraph that brings its speaker in through reported
    speech: "Speaking after the match, Kettle admitted he felt it was a penalty." then "“…”".

    The speaker of the last cue of that paragraph; the paragraph must hold no quote of its own
    (those are `continuation`'s) and must be a report, not a question or a heading.
    """
    quote = article.scan.quotes[position]
    previous = _previous_paragraph(article, quote)
    if previous is None or any(article.is_quoted(i) for i in range(previous.start, previous.end)):
        return None
    if quote.last_paragraph == quote.paragraph and _has_cue_after(article, quote):
        return None
    sentences = article.paragraph_sentences.get(previous.index, [])
    for sentence in reversed(sentences):
        found = _speaker_of_sentence(article, previous.index, sentence, last=True)
        if found is not None and found[0].kind != "other" and found[0].name:
            return Attribution(found[0], found[1], "introduction")
    # "Viguerie is upbeat about Cruz's chances …" then "“…”": the person the paragraph is about.
    found = sentences and _presenter(article, previous.index, sentences[-1], None)
    if _names_person(article, found):
        return Attribution(found[0], None, "introduction")
    return None


def _has_cue_after(article: Article, quote: marks.QuotedSpan) -> bool:
    """Whether the quote's paragraph goes on with a cue of somebody else ("“…” ¶ “…,” Smith
    said" is Smith's, however the quote before was introduced)."""
    paragraph = quote.paragraph
    offset = article.offset(paragraph)
    for sentence in article.paragraph_sentences.get(paragraph, []):
        if offset + sentence.end_char > quote.close_mark and any(
                True for _ in sentence_cues(article, paragraph, sentence)):
            return True
    return False


def neighbour_sentence(article: Article, position: int, attributed) -> Attribution | None:
    """A cue in the sentence right before or after the quote, in the same paragraph."""
    quote = article.scan.quotes[position]
    sentences = article.paragraph_sentences.get(quote.paragraph, [])
    offset = article.offset(quote.paragraph)
    starts, ends = article.sentence_bounds(quote.paragraph)
    last_before = bisect.bisect_right(ends, quote.open_mark - offset) - 1
    first_after = bisect.bisect_left(starts, quote.close_mark - offset)
    before = sentences[last_before] if last_before >= 0 else None
    after = sentences[first_after] if first_after < len(sentences) else None
    for sentence in (s for s in (before, after) if s is not None):
        if article.quotes_in(quote.paragraph, sentence):
            continue
        found = _speaker_of_sentence(article, quote.paragraph, sentence)
        if found is not None:
            return Attribution(found[0], found[1], "paragraph")
    # "Clinton touted her credentials as a co-sponsor. “We need …”": the person the sentence
    # before is about.
    if before is not None and not article.quotes_in(quote.paragraph, before):
        found = _presenter(article, quote.paragraph, before, None)
        if _names_person(article, found):
            return Attribution(found[0], None, "paragraph")
    return None


def _names_person(article: Article, found) -> bool:
    """Whether a presenter found is a person the article gives a full name ("Viguerie", named
    "Richard Viguerie" before; not "Floodwater", which the recogniser took for a name)."""
    if not found or found[0].kind != "person":
        return False
    words = found[0].name.split()
    return len(words) > 1 and article.index.is_known_name(words) == "PERSON"


# The order in which the sieves for a quote without its own attribution are tried.
CARRIED = (same_paragraph, credit_line, alternation, continuation, colon_introduction, reported_introduction,
           neighbour_sentence)


_INVERTED_MAX_TOKENS = 16  # a comma, the cue and a name with its title
_NOT_IN_NAME = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON"})


def inverted_cue(article: Article, quote: marks.QuotedSpan):
    """`“…,” said Skelly, explaining …`, `“…,” said David Brock, a Clinton confidant`: a cue
    verb right after the closing mark with the speaker's name right after it, the news order
    for a long name. Read from the words, not the parse, which often attaches such a name to
    the wrong verb."""
    paragraph = quote.last_paragraph
    doc = article.docs.get(paragraph)
    if doc is None:
        return None
    offset = article.offset(paragraph)
    after = [t for t in tokens_from(doc, quote.close_end - offset)[:_INVERTED_MAX_TOKENS]
             if not t.is_space]
    if after and after[0].text == ",":
        after = after[1:]
    if len(after) < 2 or article.is_quoted(offset + after[0].idx):
        return None
    cue = find_cue(after[0], offset)
    if cue is None or cue.kind != "speech" or cue.text == "according to" \
            or after[0].tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # not "…,” promising the Friends of Abe …": a participle goes on the sentence
    # The name: a run of proper nouns, or a determiner's noun phrase, up to a comma or a verb.
    phrase = []
    for token in after[1:]:
        if token.is_punct and token.text not in ".-'’" or token.pos_ in _NOT_IN_NAME:
            break
        phrase.append(token)
    while phrase and phrase[-1].is_punct:
        phrase.pop()
    names = [t for t in phrase if t.pos_ == "PROPN"]
    nouns = [t for t in phrase if t.pos_ == "NOUN"]
    if phrase and phrase[-1].lower_ == "old":  # "said the 47-year-old"
        nouns = [phrase[-1]]
    if names and (not nouns or phrase.index(names[-1]) > phrase.index(nouns[-1])):
        head = names[-1]
    elif nouns and phrase[0].pos_ in ("DET", "ADJ", "NOUN", "PROPN"):
        head = nouns[-1]
    else:
        return None
    speaker = article.resolver.speaker(head)
    if speaker is None or speaker.kind == "other" and not nouns:
        return None
    return cue, speaker


def name_colon(article: Article, quote: marks.QuotedSpan):
    """`Republican pollster Daron Shaw: “…”`, `Continued Stone: “…”`: a name right before the
    colon that opens the quote, with no cue in between."""
    before = article.text[max(0, quote.open_mark - 3) : quote.open_mark].rstrip()
    if not before.endswith((":", ",")):
        return None
    paragraph = quote.paragraph
    doc = article.docs.get(paragraph)
    if doc is None:
        return None
    colon = article.text.rindex(before[-1], 0, quote.open_mark) - article.offset(paragraph)
    # After a comma only the sentence's subject presents the quote ("Trump issued a statement,
    # “…”"); a name right before a comma is as often the one spoken to.
    found = _name_before_colon(article, paragraph, doc, colon) if before.endswith(":") else None
    if found is None:
        # "Sanders delivered a snappy retort: “…”": the sentence presenting the quote.
        before = tokens_before(doc, colon)
        found = len(before) and _presenter(article, paragraph, before[-1].sent, colon) or None
    return found and (found[1], found[0])


_OBJECT_DEPS = {"dobj", "dative", "iobj", "pobj", "obj"}


def _name_before_colon(article: Article, paragraph: int, doc, colon: int):
    """(speaker, cue) of the person or organisation named right before the colon at `colon`
    (an offset in the paragraph), or None."""
    token = next((t for t in reversed(tokens_before(doc, colon)) if not t.is_space), None)
    if token is None or article.is_quoted(article.offset(paragraph) + token.idx):
        return None
    if not (token.ent_type_ in PERSON_LABELS | ORG_LABELS or token.pos_ == "PROPN"):
        return None
    entity = entity_of(token)
    head = entity.root if entity is not None else token
    if head.dep_ in _OBJECT_DEPS and find_cue(head.head, 0) is not None:
        return None  # "Trump told Zelenskyy: “…”": the one spoken to
    speaker = article.resolver.speaker(head)
    if speaker is None or speaker.kind not in ("person", "organisation"):
        return None
    at = article.offset(paragraph) + colon
    return speaker, Cue(None, at, at + 1, ":", "speech")


def _speaker_of_sentence(article: Article, paragraph_index: int, sentence, last: bool = False):
    """The first (or `last`) cue of `sentence` whose subject resolves: (speaker, cue)."""
    cues = list(sentence_cues(article, paragraph_index, sentence))
    for cue, subject in reversed(cues) if last else cues:
        speaker = article.resolver.speaker(subject)
        if speaker is not None:
            return speaker, cue
    return None
