"""Who said it: quote attribution in two stages of small named sieves, after CoreNLP's quote
annotator (Muzny, Fang, Chang and Jurafsky, EACL 2017) and deterministic coreference (Lee et
al., Computational Linguistics 2013).

- `entities`: the article's people and organisations, gathered once from the parse: their
  names, the roles the text gives them, their gender (honorifics, pronouns, given names) and
  age, and how salient each is at any point (how often named, how often a subject).
- `cues`: cue words and the token that names who speaks.
- `mentions`: stage 1, quote to mention. A quote takes its own attribution
  (`mentions.explicit`), or else the first of `mentions.CARRIED` that finds one, most precise
  first.
- `resolve`: stage 2, mention to entity: names, pronouns (gender and salience), definite
  descriptions, organisations, groups and documents (`resolve.Resolver`).
- `reported`: reported speech, the content clauses of cues.
- `across`: one person across the articles of a run.

Each record's `confidence` says which route attributed it (docs/records.md, "How confident").
"""

from __future__ import annotations


# Confidence of each way a quote is attributed (see docs/records.md, "How confident").
CONFIDENCE = {
    "cue": 0.9,            # a cue in the quote's own sentence, whose subject names the speaker
    "cue_resolved": 0.85,  # … whose subject is a pronoun or a role, resolved
    "paragraph": 0.75,     # an earlier quote of the same paragraph, or the sentence before/after
    "continuation": 0.8,   # a paragraph that re-opens the quote of the one before, or follows "He said:"
    "credit_line": 0.85,   # a name under the quote ("— Jo Marsh (@jomarsh) May 3, 2025")
    "alternation": 0.7,    # the next turn of an exchange of questions and answers
    "introduction": 0.7,   # a paragraph all quotation after one reporting its speaker's words
    "unattributed": 0.5,   # a quote, but the text gives no speaker
    "reported": 0.8,       # reported speech: the content clause of a cue, with its subject
}
