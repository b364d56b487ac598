"""Variant matching and clustering across sources (quotecli.merge), on real renderings."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecli import merge
from quotecli.merge import cluster, normalise, same_quote, similarity, word_changes
from quotecli.records import Quote

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "data" / "merge" / "heldout"
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "data" / "dev" / "text"

# Lines of the seeds (real coverage) and of the held-out reports.
SEVERE = ("The point of the security arrangements is to make it clear to Russia there will be "
          "severe consequences if they are to breach any deal.")
DRONES = ("Last night, the Russians launched nearly 200 Shahed drones and decoy UAVs [unmanned "
          "aerial vehicles],")
LAMMY = "That is the plan on the table, let’s get on with it, what are we waiting for?"


def quote(text: str, speaker: str | None = "Keir Starmer", source: str = "a", start: int = 0,
          type: str = "direct") -> Quote:
    return Quote(source, f"{source}.txt", type, text, start, start + len(text), 0, speaker,
                 speaker, None, None, None, "said", None, None, 0.9)


# -- normalising --------------------------------------------------------------------------------


def test_normalise_makes_marks_case_apostrophes_dashes_and_spacing_uniform():
    assert normalise("“There’s NO  pulling back – none.”") == normalise(
        "\"there's no pulling back - none\"") == "there's no pulling back none"


def test_normalise_spells_out_contractions_and_sets_aside_ellipses_and_brackets():
    assert normalise("there'll be") == normalise("there will be") == "there will be"
    assert normalise("We won’t, we can't") == "we will not we can not"
    assert normalise("[Putin] will not stop … ever") == "will not stop ever"


# -- same quote: each variant kind, on real renderings ------------------------------------------


@pytest.mark.parametrize("a, b", [
    # identical after normalising: another outlet's marks, case and dashes
    (LAMMY, "THAT IS THE PLAN ON THE TABLE - let's get on with it, what are we waiting for"),
    # trimmed: one outlet carries the first sentence only
    ("There’s no pulling back from our commitments to other countries.\n“The mood in the room "
     "– because this came up in the private briefing I had – was that this actually will help",
     "There’s no pulling back from our commitments to other countries."),
    # a partial quote inside the full sentence
    ("severe consequences", SEVERE),
    # an ellipsis
    ("The point of the security arrangements is … severe consequences if they are to breach "
     "any deal.", SEVERE),
    # a bracketed insertion
    (DRONES, "Last night, the Russians launched nearly 200 Shahed drones and decoy UAVs."),
    ("[Putin] should simply accept an unconditional ceasefire",
     "Putin should simply accept an unconditional ceasefire,"),
    # small wording changes
    (SEVERE, SEVERE.replace("there will be", "there'll be")),
    ("We will not wait for the next storm to tell us what we already know.",
     "We won't wait for the next storm to tell us what we already know,"),
    # word order
    ("We stand with coal companies and coal miners.", "We stand with coal miners and coal companies."),
    ("for farmers and rural communities as much as it is for our towns and cities",
     "rural communities and farmers as much as it is for our towns and cities"),
])
def test_variants_of_one_utterance_are_the_same_quote(a, b):
    assert same_quote(quote(a, source="stv"), quote(b, source="uk-daily"))
    assert same_quote(quote(b, source="uk-daily"), quote(a, source="stv"))


@pytest.mark.parametrize("a, b, speakers", [
    # a stock phrase opening different utterances
    ("The people of this country expect their government to act.",
     "The people of this country have heard it all before.", ("Helen Marsh", "Owen Pryce")),
    ("president of the United States",
     "No president of the United States has ever been treated so unfairly.",
     ("Hillary Clinton", "Donald Trump")),
    # one speaker's two sentences, alike in form
    ("There are different capabilities from different countries.",
     "There are different views in different countries.", ("Keir Starmer", "Keir Starmer")),
])
def test_different_utterances_sharing_words_are_not_the_same(a, b, speakers):
    assert not same_quote(quote(a, speakers[0], "x"), quote(b, speakers[1], "y"))


def test_a_one_word_fragment_is_never_the_same_quote():
    # "saying he is “certain”" and "we know one thing for certain" (the STV seed) are two
    # utterances: one word cannot say which sentence it was taken from.
    sentence = quote("I am certain that Putin would breach any deal that is not defended.",
                     source="stv")
    assert not same_quote(quote("certain", source="stv", start=500, type="partial"), sentence)
    assert not same_quote(quote("certain", source="uk-daily", type="partial"), sentence)


def test_the_same_words_in_two_mouths_are_the_same_quote_only_when_long_enough():
    long = "Most of this money was promised two years ago and nothing has been built."
    assert same_quote(quote(long, "Owen Pryce", "a"), quote(long, "Priya Nandakumar", "b"))
    assert not same_quote(quote("a disgrace", "Chris Christie", "a"),
                          quote("a disgrace", "Gary Neville", "b"))
    # an unknown speaker differs from nobody
    assert same_quote(quote("a historic moment", None, "a"), quote("A historic moment", "X", "b"))


def test_similarity_figures():
    score = similarity("severe consequences", SEVERE)
    assert score.fragment == 100 and score.shorter_words == 2 and score.whole < 50
    assert similarity(LAMMY, LAMMY.upper()).whole == 100


# -- the labelled pairs -------------------------------------------------------------------------


def _figures(polnear: Path):
    from benchmarks.merge_thresholds import PAIRS, figures, load_pairs

    pairs, missing = load_pairs(PAIRS, polnear)
    current = {name: getattr(merge, name) for name in
               ("SAME_WHOLE", "SAME_FRAGMENT", "MIN_FRAGMENT_WORDS", "MIN_WORDS_ACROSS_SPEAKERS",
                "OVERLAP_WORDS")}
    return pairs, missing, figures(pairs, current)


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/eval (PolNeAR) is not beside the repo")
def test_precision_and_recall_on_the_labelled_pairs_are_at_least_095():
    pairs, missing, result = _figures(POLNEAR)
    assert missing == 0 and len(pairs) == 508
    assert result["precision"] >= 0.95 and result["recall"] >= 0.95, result


def test_the_written_pairs_stay_as_measured():
    """The pairs written for the repository: the figures of docs/outlets.md, never lower."""
    pairs, _, result = _figures(Path("/nonexistent"))
    assert len(pairs) == 136
    assert result["precision"] >= 0.946 and result["recall"] == 1.0, result


# -- clustering ---------------------------------------------------------------------------------


def test_a_fragment_joins_its_full_quote_and_the_cluster_is_stable():
    full = quote(SEVERE, source="stv", start=1950)
    part = quote("severe consequences", source="stv", start=274, type="partial")
    other = quote(LAMMY, "David Lammy", "uk-daily", 1988)
    clusters = cluster([part, other, full])
    # one source each: by speaker
    assert [(c.speaker, len(c.members)) for c in clusters] == [("David Lammy", 1),
                                                                ("Keir Starmer", 2)]
    starmer = clusters[1]
    assert starmer.text == SEVERE and starmer.members == (part, full)
    assert starmer.sources == 1 and starmer.source_names == ("stv",)
    assert starmer.cluster == cluster([full, part])[0].cluster


def test_a_fragment_of_two_different_utterances_joins_neither():
    first = quote("No president of the United States has ever been treated so unfairly.",
                  "Donald Trump", "a")
    second = quote("I will be the best president of the United States for working people.",
                   "Donald Trump", "b")
    phrase = quote("president of the United States", "Donald Trump", "c", type="partial")
    assert sorted(len(c.members) for c in cluster([first, second, phrase])) == [1, 1, 1]


def test_cluster_ids_and_canonical_text_are_the_longest_rendering():
    a = quote("There will be severe consequences.", source="a")
    b = quote("There will be severe consequences if they breach any deal.", source="b")
    (found,) = cluster([a, b])
    assert found.text == b.text and found.cluster.startswith("q") and len(found.cluster) == 11
    assert found.to_dict()["members"] == [a.to_dict(), b.to_dict()]


SENTENCES = [
    SEVERE, LAMMY, DRONES,
    "We lost everything downstairs, the kitchen, the carpets, the photos.",
    "The scale of the challenge is growing every year as the climate changes.",
    "The people of this country have heard it all before.",
    "The people of this country expect their government to act.",
]


def _rendering(sentence: str, variant: int) -> str:
    words = sentence.split()
    if variant == 1:
        return sentence.upper()
    if variant == 2:
        return " ".join(words[: max(4, len(words) - 3)])
    if variant == 3:
        return " ".join(words[2:])
    if variant == 4:
        return sentence.replace("’", "'").replace(",", "")
    return sentence


renderings = st.lists(
    st.tuples(st.sampled_from(range(len(SENTENCES))), st.integers(0, 4),
              st.sampled_from(["Keir Starmer", "David Lammy", None, "prime minister"]),
              st.sampled_from("abcd")),
    min_size=1, max_size=12)


def _quotes(drawn) -> list[Quote]:
    return [quote(_rendering(SENTENCES[s], v), speaker, source, start=i * 100)
            for i, (s, v, speaker, source) in enumerate(drawn)]


@settings(max_examples=150, deadline=None)
@given(renderings, st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_the_order_of_the_input(drawn, rng):
    quotes = _quotes(drawn)
    shuffled = list(quotes)
    rng.shuffle(shuffled)
    assert cluster(shuffled) == cluster(quotes)


@settings(max_examples=150, deadline=None)
@given(renderings)
def test_merging_merged_output_changes_nothing(drawn):
    once = cluster(_quotes(drawn))
    assert cluster(once) == once
    # and as records: the members of each cluster come back as the same clusters
    assert cluster([m for c in once for m in reversed(c.members)]) == once


def test_clusters_at_scale_match_the_true_ones():
    from benchmarks.merge_scale import make_quotes, pairwise

    quotes, truth = make_quotes(2000)
    random.Random(1).shuffle(quotes)
    found = cluster(quotes)
    precision, recall = pairwise(found, truth)
    assert precision >= 0.99 and recall >= 0.99


# -- word-level differences ---------------------------------------------------------------------


def test_word_changes_name_what_an_outlet_changed():
    changes = word_changes(SEVERE, "to make it clear to Russia there'll be severe consequences … "
                                   "breach any [peace] deal")
    assert [(c.kind, c.canonical, c.text) for c in changes] == [
        ("left_out", "The point of the security arrangements is", ""),
        ("replaced", "there will", "there'll"),
        ("left_out", "if they are to", ""),
        ("editorial", "", "[peace]"),
    ]
    assert word_changes(LAMMY, LAMMY.upper().replace("’", "'")) == []


# -- held-out coverage of one story -------------------------------------------------------------


def test_merge_finds_the_true_clusters_of_held_out_coverage():
    """Four outlets' reports of one story, clustered by hand before any threshold was set."""
    from quotecli.extract import extract_many
    from quotecli.readers import read_articles
    from quotecli.attribution.across import unify_speakers

    articles = list(read_articles([str(HELDOUT)]))
    assert len(articles) == 4
    run = unify_speakers(list(extract_many(articles)))
    quotes = [q for article in run for q in article if q.type in merge.QUOTED_TYPES]
    found = {frozenset((Path(m.path).name, m.start) for m in c.members) for c in cluster(quotes)}
    gold = json.loads((HELDOUT / "clusters.json").read_text(encoding="utf-8"))
    truth = {frozenset((m["file"], m["start"]) for m in entry["members"]) for entry in gold}
    assert found == truth


# -- attribution gaps ---------------------------------------------------------------------------

FLOODS = "Every family that has watched water come through their front door deserves better."


def test_a_rendering_with_no_speaker_merges_and_takes_the_quotes_speaker():
    named = quote(FLOODS, "Helen Marsh", "a")
    unknown = quote(FLOODS.replace("’", "'"), None, "b", start=50)
    [found] = cluster([named, unknown])
    assert found.speaker == "Helen Marsh" and found.sources == 2
    taken = next(m for m in found.members if m.source == "b")
    assert (taken.speaker, taken.speaker_mention) == ("Helen Marsh", None)  # its mention kept


def test_a_role_no_article_resolved_is_unknown_not_another_person():
    renderings = [quote(FLOODS, "Helen Marsh", "a"), quote(FLOODS, "environment secretary", "b"),
                  quote(FLOODS, "PM", "c")]
    [found] = cluster(renderings)
    assert found.speaker == "Helen Marsh"
    assert [(m.source, m.speaker, m.speaker_mention) for m in found.members] == [
        ("a", "Helen Marsh", "Helen Marsh"), ("b", "Helen Marsh", "environment secretary"),
        ("c", "Helen Marsh", "PM")]
    # With no name at all, the role most renderings give is the quote's speaker.
    [roles] = cluster([quote(FLOODS, "PM", "a"), quote(FLOODS, "PM", "b"),
                       quote(FLOODS, "prime minister", "c")])
    assert roles.speaker == "PM" and roles.sources == 3


def test_a_short_fragment_never_joins_another_persons_words_by_way_of_an_unknown():
    full = quote(FLOODS, None, "a")
    marsh = quote(FLOODS, "Helen Marsh", "b")
    pryce_fragment = quote("watched water come through", "Owen Pryce", "c", type="partial")
    clusters = cluster([full, marsh, pryce_fragment])
    assert sorted((c.speaker, c.sources) for c in clusters) == [("Helen Marsh", 2), ("Owen Pryce", 1)]


def test_an_unknown_matching_two_peoples_words_stays_apart():
    words = ("We lost everything downstairs on Friday night, the kitchen, the carpets, the "
             "photos of our children and the piano")
    first, last = " ".join(words.split()[:9]), " ".join(words.split()[-9:])
    clusters = cluster([quote(first, "Helen Marsh", "a"), quote(last, "Owen Pryce", "b"),
                        quote(words, None, "c")])
    # The whole line could be either's: it makes neither the other's, and takes no name.
    assert sorted((c.speaker or "", c.sources) for c in clusters) == [
        ("", 1), ("Helen Marsh", 1), ("Owen Pryce", 1)]


# -- one person across inputs -------------------------------------------------------------------


def test_people_sharing_a_surname_stay_apart_across_inputs():
    """unify_speakers: `Zelenskyy` takes the only full name the run gives; a bare `Miliband` in
    a run with two Milibands is neither, and neither Miliband is the other."""
    from quotecli.extract import extract_many
    from quotecli.attribution.across import unify_speakers

    articles = [
        ("Labour leader Ed Miliband visited the plant on Monday.\n"
         "“We will not let these jobs go,” Ed Miliband said.\n"
         "Miliband added: “The workers deserve better.”\n", "a", None),
        ("Former foreign secretary David Miliband spoke in New York.\n"
         "“The humanitarian system is broken,” David Miliband said.\n", "b", None),
        ("Miliband said: “This is a test of leadership.”\n", "c", None),
        ("Zelenskyy said: “We need air defence.”\n", "d", None),
        ("Ukrainian President Volodymyr Zelenskyy met leaders in Brussels.\n", "e", None),
    ]
    run = unify_speakers(list(extract_many(articles)))
    speakers = [[q.speaker for q in article] for article in run]
    assert speakers == [["Ed Miliband", "Ed Miliband"], ["David Miliband"], ["Miliband"],
                        ["Volodymyr Zelenskyy"], []]
