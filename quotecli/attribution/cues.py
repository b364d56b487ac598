"""Cues: the words of attribution ("said", "went on", "according to") and their subjects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotecli.lexicons import cue_kinds, cue_nouns, delivering_verbs

if TYPE_CHECKING:
    from quotecli.article import Article


SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


@dataclass(frozen=True)
class Cue:
    """A word or phrase of attribution ("said", "went on", "according to")."""

    token: object  # the spaCy Token that heads the cue
    start: int
    end: int
    text: str
    kind: str


# Verbs that are cues when they report speech ("She continued: …") but only mark the aspect
# of another verb before an infinitive or a participle.
_ASPECTUAL = frozenset({"continue", "keep", "begin", "start"})


def find_cue(token, offset: int) -> Cue | None:
    """The cue headed by `token`, if it is one: a cue verb in any inflection, or a phrase."""
    kinds = cue_kinds()
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if token.lower_ == "according" and following is not None and following.lower_ == "to":
        return Cue(token, offset + token.idx, offset + following.idx + len(following),
                   "according to", kinds.get(("according", "to"), "report"))
    if token.pos_ not in ("VERB", "AUX") and not (token.pos_ == "NOUN" and token.tag_ in ("VBD", "VBZ", "VBP")):
        return None
    lemma = token.lemma_.lower()
    # Phrasal cues ("went on", "pointed out", "called for"): the particle may stand apart.
    for child in list(token.children) + ([following] if following is not None else []):
        if child is None or child.i <= token.i or child.i > token.i + 3:
            continue
        if child.dep_ in ("prt", "prep") or child.i == token.i + 1:
            words = (lemma, child.lower_)
            # The particle of a phrasal verb of speech takes no object: "went on" continues
            # speaking, "went on television" and "goes on recess" go somewhere.
            if words in kinds and not (kinds[words] == "speech" and child.dep_ == "prep"
                                       and any(c.dep_ == "pobj" for c in child.children)):
                end = offset + child.idx + len(child)
                text = token.doc.text[token.idx : child.idx + len(child)]
                return Cue(token, offset + token.idx, end, text, kinds[words])
    if lemma in _ASPECTUAL and any(child.dep_ == "xcomp" for child in token.children):
        return None  # "inflation continues to ease": "continued" is a cue only of speech
    if kinds.get((lemma,)) == "hearing" and token.dep_ in ("acl", "amod"):
        return None  # "the verdict heard again and again": what was heard, no hearing
    if (lemma,) in kinds:
        # "go" alone, "point" alone are not cues; only their phrases are.
        return Cue(token, offset + token.idx, offset + token.idx + len(token), token.text, kinds[(lemma,)])
    return None


def heard_from(cue: Cue):
    """Whom a hearing cue names as the speaker: "the court heard from the officer" → the
    officer; "the court heard that …" → None, the court only listened."""
    for child in cue.token.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def noun_cue(token, offset: int) -> Cue | None:
    """The noun of saying `token` is, if it is one ("remark", "call", "warning").

    It must be determined ("the claim", "his call", "Clinton's assertion"), and a plural must
    have an owner ("his remarks"): a bare "calls", or "the … race appeals to", is more often a
    verb the tagger took for a noun.
    """
    needed = ("poss",) if token.tag_ == "NNS" else ("det", "poss")
    if token.pos_ != "NOUN" or not any(c.dep_ in needed for c in token.children):
        return None
    kind = cue_nouns().get(token.lemma_.lower())
    if kind is None:
        return None
    return Cue(token, offset + token.idx, offset + token.idx + len(token), token.text, kind)


def noun_owner(noun):
    """Whose words a noun of saying introduces, or None when the sentence does not say.

    The owner is the noun's possessor ("her remark", "the Bank's warning"), the object of its
    "by" or "from" ("a call by the mayor", "a warning from the Bank"), or the subject of a verb
    that delivers it ("Okafor issued a statement", "she stood by her remark"; lexicons/
    delivering.txt). Under any other verb the words are someone else's ("Lind rejected the
    claim that …").
    """
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in NOMINAL_POS:
                    return grandchild
    verb, preposition = noun.head, ()
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb, preposition = verb.head, (verb.lower_,)
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    particles = tuple(c.lower_ for c in verb.children if c.dep_ == "prt")
    phrase = (verb.lemma_.lower(), *particles, *preposition)
    if phrase not in delivering_verbs():
        return None
    return cue_subject(verb)


def cue_subject(token):
    """The token that names who speaks for a cue: its subject, or the object of "according to".

    Participles and coordinated verbs borrow the subject of the verb they hang from ("…, saying
    he is “certain”"; "did not elaborate …, but said that …"); when that chain passes a verb of
    saying, its subject wins over a nearer one ("X said Y will face …, saying …": X, however
    the parser attached "saying"). A relative clause's subject is the noun it describes.
    """
    if token.lower_ == "according":
        for child in token.doc[token.i + 1].children:
            if child.dep_ == "pobj":
                return child
        return None
    chain = [token]
    current = token
    for _ in range(5):
        if current.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "pcomp", "prep", "pobj", "acomp") \
                or current.head.i == current.i:
            break
        current = current.head
        chain.append(current)
    first = None
    for link in chain:
        subject = _own_subject(link)
        if subject is None:
            if link.dep_ in ("relcl", "acl") and link.head.pos_ in ("PROPN", "NOUN", "PRON"):
                subject = link.head
            else:
                continue
        if link.i == token.i or find_cue(link, 0) is not None:
            return subject
        first = first or subject
        if link.i != token.i and token.dep_ != "advcl":
            return first
    return first


NOMINAL_POS = ("PROPN", "PRON", "NOUN")
# The recogniser's labels of those who speak; a place (GPE) speaks only as a government.
SPEAKING_LABELS = {"PERSON", "ORG"}


_NOT_SPEAKER_DEPS = {"punct", "prep", "ccomp", "advcl", "conj", "cc", "aux", "auxpass", "neg",
                     "advmod", "xcomp", "mark", "prt", "npadvmod", "dative", "pobj"}


def speaking_subject(token, quoted):
    """`cue_subject`, or when that lies inside a quotation (the parser took quoted words for the
    subject of "said" in `“… Congress,” Rep. Cummings said`), the nearest noun phrase hanging
    from the cue outside the marks. `quoted(token)` tells whether a token is quoted."""
    subject = cue_subject(token)
    if subject is not None and not quoted(subject):
        return subject
    if token.lower_ == "according":
        return None
    # A common noun as object is what was said about ("suggesting a few questions"), not who.
    others = [child for child in token.children
              if child.dep_ not in _NOT_SPEAKER_DEPS and child.pos_ in NOMINAL_POS and not quoted(child)
              and not (child.dep_ == "dobj" and child.pos_ == "NOUN")]
    if not others:
        return None
    return min(others, key=lambda child: abs(child.i - token.i))


def _own_subject(token):
    """Who does what `token` says: its subject, or in the passive its agent ("was told by X").

    The subject of a passive cue is what was said ("nothing was said"), never who said it.
    When the parser gives a verb two subjects ("In Berea, OH, after winning, Gov. John Kasich
    said"), the first that names a person or an organisation is the one who speaks, or else one
    after the cue.
    """
    subjects = [child for child in token.children if child.dep_ == "nsubj"
                or child.dep_ == "csubj" and child.tag_ == "VBG"]  # "Speaking outside court, X said"
    if len(subjects) > 1:
        # "Ferry fares to rise …, says transport secretary": the inverted subject right after
        # the cue speaks; the words before it are what is said.
        after = [child for child in subjects if child.left_edge.i == token.i + 1]
        return next((child for child in subjects if child.ent_type_ in SPEAKING_LABELS),
                    after[0] if after else subjects[0])
    for child in token.children:
        if child in subjects:
            return child
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    before = token.i - 1
    while before >= 0 and before >= token.i - 4 and _between_name_and_verb(token.doc[before]):
        before -= 1
    if before >= 0 and stray_subject(token.doc[before]):
        return token.doc[before]
    return None


def stray_subject(token) -> bool:
    """Whether `token` ends a name that the parser hung elsewhere although it is the subject of
    the finite verb right after it (`verb_after`), a verb left with no subject: in "In the
    capital, Port Amelie, Prime Minister Eleni Vaitoa welcomed …" the minister is a conjunct of
    the place; in "read by Ms Strang, Dora Finlay, 88, said:" Finlay is set beside Strang."""
    if token.dep_ not in ("conj", "appos") or token.ent_type_ not in SPEAKING_LABELS:
        return False
    verb = verb_after(token)
    if verb is None:
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") and verb.ent_iob_ != "I" and token.head.i < token.i \
        and not any(child.dep_ in SUBJECT_DEPS for child in verb.children)


def verb_after(token):
    """The token after a name, past an age set off by commas (", 88,"), or None."""
    doc = token.doc
    at = token.i + 1
    while at < len(doc) and at <= token.i + 4 and _between_name_and_verb(doc[at]):
        at += 1
    return doc[at] if at < len(doc) else None


def _between_name_and_verb(token) -> bool:
    return token.text == "," or token.like_num and token.dep_ == "appos"


def sentence_cues(article: Article, paragraph_index: int, sentence) -> list:
    """(cue, subject token) of each cue of `sentence` outside quotations that has a subject, in
    text order; found once a sentence (`Article.cues`), however many quotes ask."""
    key = (paragraph_index, sentence.start)
    if key not in article.cues:
        article.cues[key] = list(_sentence_cues(article, paragraph_index, sentence))
    return article.cues[key]


def _sentence_cues(article: Article, paragraph_index: int, sentence):
    offset = article.offset(paragraph_index)
    quoted = lambda token: article.is_quoted(offset + token.idx)  # noqa: E731
    for token in sentence:
        if quoted(token):
            continue
        cue = find_cue(token, offset)
        if cue is None:
            continue
        subject = speaking_subject(token, quoted)
        if subject is not None:
            yield cue, subject
