"""Tier 2: who said it when the answer lies outside the quote's own sentence.

Definite descriptions of someone named earlier, cue-less quote paragraphs, pronouns chosen by
gender, credit lines, organisations and unnamed sources, long inverted cues, and quoted terms that
are no quotes at all. Expectations follow ANNOTATION.md: what a careful reader would say. Every
person, place and organisation is invented.
"""

from __future__ import annotations

import pytest
import spacy

from quoting import quotes_of, summary
from quotecli.attribution.entities import _whole_name
from quotecli.attribution.resolve import _name_before_brackets
from quotecli.extract import extract


def quote_with(text: str, words: str):
    """The one quote whose text is `words`."""
    found = [q for q in quotes_of(text) if q.text == words]
    assert len(found) == 1, [(q.type, q.text, q.speaker) for q in quotes_of(text)]
    return found[0]


def quoted_texts(text: str) -> set[str]:
    """The texts of the direct and partial records of `text`."""
    return {q.text for q in quotes_of(text)}


# -- 1. a definite description of someone named earlier ------------------------------------------


def test_the_health_secretary_is_the_dame_named_before():
    text = (
        "Dame Fiona Lusk has said hospitals in Carrowby will get an extra £40m this winter.\n"
        "The health secretary said: “No ward in the county will close while I am in this job.”"
    )
    assert summary(text) == [
        ("direct", "No ward in the county will close while I am in this job.", "Fiona Lusk"),
    ]
    assert quote_with(text, "No ward in the county will close while I am in this job.").speaker_mention == (
        "The health secretary")


def test_the_diplomat_is_the_foreign_minister_named_before():
    text = (
        "Foreign Minister Lucia Ferrand said talks with neighbouring Osterra had stalled over the "
        "fishing grounds.\n"
        "“We are still ready to meet them at the border whenever they choose,” the diplomat said."
    )
    quote = quote_with(text, "We are still ready to meet them at the border whenever they choose,")
    assert (quote.type, quote.speaker) == ("direct", "Lucia Ferrand")
    assert quote.speaker_mention == "the diplomat"


def test_the_former_coach_is_the_manager_named_before():
    text = (
        "Pellow Athletic boss Rob Tennant praised his players after a 2-1 win at Ashby on Saturday.\n"
        "“The lads showed real character after the break,” the former Brackley Rovers coach added."
    )
    quote = quote_with(text, "The lads showed real character after the break,")
    assert (quote.type, quote.speaker) == ("direct", "Rob Tennant")
    assert quote.speaker_mention == "the former Brackley Rovers coach"


def test_an_epithet_is_the_person_a_relative_clause_said_it_of():
    # The speaker just before is the other coach: the epithet, not recency, picks him out.
    text = (
        "Tarnley head coach Gareth Pask, who won 40 caps for Wales at scrum-half before moving "
        "into coaching, said his side had been “ruthless”.\n\n"
        "Ashcombe director of rugby Neil Corran said his players had “run out of legs”.\n\n"
        "“Nobody wins anything in October,” the former Wales scrum-half said."
    )
    quote = quote_with(text, "Nobody wins anything in October,")
    assert (quote.speaker, quote.speaker_mention) == ("Gareth Pask", "the former Wales scrum-half")


def test_an_epithet_that_fits_two_people_names_neither():
    text = (
        "Tarnley coach Gareth Pask, who played for Wales, and Ashcombe coach Neil Corran, who "
        "also played for Wales, met on Friday.\n\n"
        "“It was a hard game,” the former Wales player said."
    )
    assert quote_with(text, "It was a hard game,").speaker != "Gareth Pask"
    assert quote_with(text, "It was a hard game,").speaker != "Neil Corran"


def test_the_age_picks_out_the_person_of_that_age():
    text = (
        "Colin Ravell, 61, has run the bakery on Mill Lane in Harwick with his wife Anne, 58, "
        "for three decades.\n"
        "“I never thought I would see the day the ovens went cold,” the 61-year-old told the "
        "Harwick Echo."
    )
    quote = quote_with(text, "I never thought I would see the day the ovens went cold,")
    assert (quote.type, quote.speaker) == ("direct", "Colin Ravell")
    assert quote.speaker_mention == "the 61-year-old"


def test_the_shadow_health_secretary_is_not_the_health_secretary():
    text = (
        "Health Secretary Nora Quill opened the new clinic in Brackley on Friday.\n"
        "Shadow health secretary Owen Farrow said: “This clinic is two years late and half the "
        "size we were promised.”\n"
        "“We have delivered exactly what we said we would,” the health secretary said."
    )
    assert summary(text) == [
        ("direct", "This clinic is two years late and half the size we were promised.", "Owen Farrow"),
        ("direct", "We have delivered exactly what we said we would,", "Nora Quill"),
    ]


def test_the_health_secretary_named_only_by_description_is_not_her_shadow():
    text = (
        "Dame Fiona Lusk has said the winter plan will keep every hospital in Carrowby open.\n"
        "Shadow health secretary Tom Brill said: “The plan is a fantasy.”\n"
        "The health secretary said: “Every penny of it is already in the budget.”"
    )
    assert summary(text) == [
        ("direct", "The plan is a fantasy.", "Tom Brill"),
        ("direct", "Every penny of it is already in the budget.", "Fiona Lusk"),
    ]


# -- 2. a quote paragraph with no cue after the speaker was introduced ---------------------------


def test_quote_paragraph_after_reported_speech_is_the_reporters():
    text = (
        "Pellow Athletic manager Rob Tennant saw his side lose 1-0 at Carrow Park on Saturday.\n"
        "Speaking after the match, Tennant admitted he felt his striker had been denied a clear "
        "penalty.\n"
        "“I have watched it back three times and the defender takes his legs. On another day we "
        "go home with a point.”"
    )
    assert summary(text) == [
        ("direct",
         "I have watched it back three times and the defender takes his legs. On another day we "
         "go home with a point.",
         "Rob Tennant"),
    ]


@pytest.mark.parametrize(
    "introduction, speaker",
    [
        ("Head teacher Gwen Talbot issued the following statement:", "Gwen Talbot"),
        ("Brackley Rowing Club issued the following statement:", "Brackley Rowing Club"),
    ],
    ids=["person", "organisation"],
)
def test_following_statement_introduces_the_next_paragraph(introduction, speaker):
    text = (
        "Police were called to the riverside in Brackley on Sunday morning after a boat capsized.\n"
        f"{introduction}\n"
        "“We are deeply saddened by what happened on Sunday and are helping the police in every "
        "way we can. Our thoughts are with the family.”"
    )
    assert summary(text) == [
        ("direct",
         "We are deeply saddened by what happened on Sunday and are helping the police in every "
         "way we can. Our thoughts are with the family.",
         speaker),
    ]


# -- 3. pronouns by gender -----------------------------------------------------------------------


def test_she_is_the_woman_not_the_man_named_just_before():
    text = (
        "Rachel Onslow has chaired the Brackley planning committee since 2018.\n"
        "On Thursday Mrs Onslow’s committee rejected a bid by developer Tom Garside to build 300 "
        "homes on the water meadows.\n"
        "“The meadows flood every winter and everybody in this town knows it,” she said."
    )
    quote = quote_with(text, "The meadows flood every winter and everybody in this town knows it,")
    assert (quote.type, quote.speaker) == ("direct", "Rachel Onslow")
    assert quote.speaker_mention == "she"


def test_she_after_an_earlier_she_is_the_woman():
    text = (
        "Carla Dent runs the last pharmacy in Harwick. She says deliveries have been late for a "
        "month.\n"
        "Her supplier’s managing director, Martin Shale, blamed a shortage of drivers.\n"
        "“I cannot tell a patient to wait another week for insulin,” she said."
    )
    quote = quote_with(text, "I cannot tell a patient to wait another week for insulin,")
    assert (quote.type, quote.speaker) == ("direct", "Carla Dent")
    assert quote.speaker_mention == "she"


def test_she_is_the_dame_not_the_consultant():
    text = (
        "Dame Judith Penrose chairs the Harwick hospital trust, which met on Monday.\n"
        "Consultant surgeon Alan Birtles told the meeting that operating theatres were running "
        "at half capacity.\n"
        "“We will not let this hospital become a waiting room,” she said."
    )
    quote = quote_with(text, "We will not let this hospital become a waiting room,")
    assert (quote.type, quote.speaker) == ("direct", "Judith Penrose")
    assert quote.speaker_mention == "she"


# -- 4. credit lines -----------------------------------------------------------------------------


def test_embedded_post_credit_line_names_the_speaker():
    text = (
        "Power cuts have been reported across the Harwick valley as Storm Ardal moves east.\n"
        "“Three trees down on the Brackley road and the river is over the footpath. Please stay "
        "at home tonight if you can.”\n"
        "— Lena Forde (@lenaforde) March 9, 2025\n"
        "Engineers expect to restore supply by the morning."
    )
    assert summary(text) == [
        ("direct",
         "Three trees down on the Brackley road and the river is over the footpath. Please stay "
         "at home tonight if you can.",
         "Lena Forde"),
    ]


def test_pundits_roundup_credit_lines_name_each_speaker():
    text = (
        "What the commentators made of the budget deal\n"
        "“The chancellor has bought six months of calm and nothing more. The hard choices are "
        "still waiting in the autumn.”\n"
        "Simon Vail, The Morning Ledger\n"
        "“For once Westminster has put pensioners ahead of party games, and it deserves credit.”\n"
        "Maya Okoro, The Northern Courier\n"
    )
    assert summary(text) == [
        ("direct",
         "The chancellor has bought six months of calm and nothing more. The hard choices are "
         "still waiting in the autumn.",
         "Simon Vail"),
        ("direct",
         "For once Westminster has put pensioners ahead of party games, and it deserves credit.",
         "Maya Okoro"),
    ]


def test_surname_credit_line_gives_the_full_name_from_earlier():
    text = (
        "Three candidates for the Pellow harbour board, Harold Quayle, Nina Ashdown and Piers "
        "Lomond, answered our questions.\n"
        "What would you change first?\n"
        "“The quotas. They will finish the last family boats in this harbour.”\n"
        "- Quayle.\n"
        "“The parking. Visitors cannot find a space from May to September.”\n"
        "- Ashdown.\n"
    )
    assert summary(text) == [
        ("direct", "The quotas. They will finish the last family boats in this harbour.",
         "Harold Quayle"),
        ("direct", "The parking. Visitors cannot find a space from May to September.",
         "Nina Ashdown"),
    ]


# -- 5. organisations and unnamed sources --------------------------------------------------------


def test_a_spokesman_for_a_person_is_not_that_person():
    text = (
        "The King will not attend the opening of the new bridge at Larkford on Friday.\n"
        "A spokesman for the King said: “His Majesty sends his warmest wishes to everyone in "
        "Larkford.”"
    )
    assert summary(text) == [
        ("direct", "His Majesty sends his warmest wishes to everyone in Larkford.",
         "spokesman for the King"),
    ]


def test_the_company_is_the_company_named_before():
    text = (
        "Shares in Brightwater Homes fell 12% on Tuesday after it warned that profits would miss "
        "forecasts.\n"
        "The company said: “Higher mortgage rates kept buyers away through the spring.”"
    )
    assert summary(text) == [
        ("direct", "Higher mortgage rates kept buyers away through the spring.", "Brightwater Homes"),
    ]


def test_a_council_spokesperson_is_the_council_named_before():
    text = (
        "Larkshire County Council has confirmed that the Orchard Lane recycling centre will close "
        "in June.\n"
        "A council spokesperson said: “We looked at every option before making this decision.”"
    )
    assert summary(text) == [
        ("direct", "We looked at every option before making this decision.",
         "Larkshire County Council"),
    ]


def test_another_analyst_is_an_analyst():
    text = (
        "Shares in Osterra fell sharply after the vote on Sunday.\n"
        "One analyst said the result had caught investors off guard.\n"
        "“Nobody had priced in a defeat of this size,” another analyst said."
    )
    assert summary(text) == [
        ("direct", "Nobody had priced in a defeat of this size,", "analyst"),
    ]


def test_an_unnamed_official_keeps_the_description_when_named_again():
    text = (
        "European leaders met in Valmont on Thursday to discuss the border mission.\n"
        "One senior European official said: “Nobody wants to send troops without knowing who is "
        "in charge.”\n"
        "“We will need an answer by the spring,” the official said."
    )
    assert summary(text) == [
        ("direct", "Nobody wants to send troops without knowing who is in charge.",
         "senior European official"),
        ("direct", "We will need an answer by the spring,", "senior European official"),
    ]


# -- 6. an inverted cue with a long description after the name ----------------------------------


def test_inverted_cue_with_a_long_apposition_is_the_named_person():
    text = (
        "Governor Marian Holt signed the water bill on Friday despite protests in Fairhaven.\n"
        "“She has never once backed down when the unions push her,” said Ellis Warrender, a "
        "confidant of the governor who heads a campaign group for the city’s dock workers."
    )
    quote = quote_with(text, "She has never once backed down when the unions push her,")
    assert (quote.type, quote.speaker) == ("direct", "Ellis Warrender")
    assert quote.speaker_mention == "Ellis Warrender"


# -- 7. terms in quotation marks are not quotes --------------------------------------------------


@pytest.mark.parametrize(
    "text, terms",
    [
        ("Much of the argument in Valmont was over whether the patrols should be described as a "
         "“monitoring mission” rather than a “security force”.",
         ["monitoring mission", "security force"]),
        ("Troops from four countries would patrol what officials referred to as a “quiet "
         "corridor” along the river.",
         ["quiet corridor"]),
        ("Mayor Dora Finch said the so-called “harbour levy” would be scrapped next year.",
         ["harbour levy"]),
        ("Ministers have backed a scheme dubbed the “green mile” to plant trees along the old "
         "Harwick road.",
         ["green mile"]),
    ],
    ids=["described-as-rather-than", "referred-to-as", "so-called-inside-reported-speech",
         "dubbed-the"],
)
def test_a_term_in_quotation_marks_is_not_a_quote(text, terms):
    found = quoted_texts(text)
    for term in terms:
        assert term not in found


# -- stage 1 sieves beyond the list ------------------------------------------------------


def test_an_exchange_alternates_between_its_two_speakers():
    text = (
        "Reporters pressed the minister outside the department on Friday.\n\n"
        "“Did you know about the report?” asked Jane Cole, a reporter for the Courier.\n\n"
        "“I saw it on Tuesday,” Mr Hart said.\n\n"
        "“And you did nothing?”\n\n"
        "“We acted at once.”"
    )
    assert [speaker for *_, speaker in summary(text)] == ["Jane Cole", "Hart", "Jane Cole", "Hart"]
    assert quote_with(text, "And you did nothing?").confidence == 0.7


def test_a_quote_after_a_name_and_a_colon_is_that_persons():
    text = "The timing did not surprise Republican pollster Dora Shale: “Late deciders always break this way.”"
    assert quote_with(text, "Late deciders always break this way.").speaker == "Dora Shale"


def test_a_headline_role_and_colon_is_the_holder_named_below():
    text = (
        "Minister: “Only travel if your journey is essential”\n\n"
        "Roads minister Petra Lund has urged drivers to stay at home this afternoon."
    )
    assert quote_with(text, "Only travel if your journey is essential").speaker == "Petra Lund"


def test_a_relative_pronoun_is_the_mention_and_its_noun_the_speaker():
    text = "The plan was backed by Senator Ruth Gale, who said the state “cannot wait another year”."
    quote = quote_with(text, "cannot wait another year")
    assert (quote.speaker, quote.speaker_mention) == ("Ruth Gale", "who")


def test_a_dateline_is_not_the_speaker():
    text = "HARWICH (Reuters) – Port director Elena Vasquez said on Friday that the strike had cost “millions of pounds”."
    assert quote_with(text, "millions of pounds").speaker == "Elena Vasquez"


@pytest.mark.parametrize("dateline", ["LONDON, March 4 (UPI) —", "PORT ELLEN, Scot., Nov. 19 (UPI) —"])
def test_a_dateline_with_a_date_is_not_the_speaker(dateline):
    text = (f"{dateline} The Harbour Workers Union released a statement on Monday, offering "
            "“a full and sincere apology” to the families.")
    assert quote_with(text, "a full and sincere apology").speaker == "Harbour Workers Union"


def test_of_two_subjects_the_parser_gives_a_cue_the_person_speaks():
    # The parser takes "Tuesday" for a second subject of "said".
    text = ("Tuesday at Harwood Baptist University in Marlow, OH, after winning Ohio in the primary, "
            "Gov. Tom Harrell (R-OH), said, “We are going to take this all the way to the convention.”")
    quote = quote_with(text, "We are going to take this all the way to the convention.")
    assert (quote.speaker, quote.speaker_mention) == ("Tom Harrell", "Tom Harrell")


def test_a_party_and_state_in_brackets_label_the_name_before_them():
    doc = spacy.blank("en")("Gov. Tom Harrell (R-OH) said it.")
    for token in doc:
        token.is_sent_start = token.i == 0
    doc[1].pos_ = doc[2].pos_ = "PROPN"
    state = next(t for t in doc if t.text == "OH")
    assert _name_before_brackets(state).text == "Harrell"
    assert _name_before_brackets(doc[2]) is None


def test_the_clause_before_a_colon_presents_the_quote_whatever_its_verb():
    text = ("Mayor Ruth Okafor faced the council on Monday.\n\n"
            "Okafor has since apologised for what happened: “Yes, I should have told the harbour "
            "board first. I am sorry about it.”")
    assert quote_with(text, "Yes, I should have told the harbour board first. I am sorry about it.").speaker == (
        "Ruth Okafor")


@pytest.mark.parametrize("text, words, speaker", [
    ("Senator Dana Whitcombe bemoaned a climate in which people “simply hate each other” now.",
     "simply hate each other", "Dana Whitcombe"),
    ("Mayor Ruth Okafor thanked the volunteers for “keeping the whole harbour afloat.”",
     "keeping the whole harbour afloat.", "Ruth Okafor"),
    ("Minister Sara Lind heralded the deal with Korvenia as a “breakthrough.”",
     "breakthrough.", "Sara Lind"),
    ("After Tom Ellery criticised the port authority, Ruth Okafor shot back, “I could have stayed "
     "silent, but I chose to fight.”", "I could have stayed silent, but I chose to fight.", "Ruth Okafor"),
])
def test_verbs_of_judging_and_retorting_attribute_their_quotes(text, words, speaker):
    assert quote_with(text, words).speaker == speaker


def test_a_title_quoted_in_the_speakers_own_phrase_is_not_his_words():
    text = ("Tom Ellery, the author of “Harbour Lights,” thanked the council for “keeping the library "
            "open.”")
    assert quoted_texts(text) == {"keeping the library open."}


def test_she_after_a_spokeswoman_speaks_for_her_organisation():
    text = (
        "Foreign Minister Dalia Korsun warned on Tuesday that her country would leave the talks.\n\n"
        "A spokeswoman for the Drusian Foreign Ministry said the remarks were “unhelpful”.\n\n"
        "“Drusland has released more water this year than in any year since the treaty,” she said."
    )
    quote = quote_with(text, "Drusland has released more water this year than in any year since the treaty,")
    assert (quote.speaker, quote.speaker_mention) == ("Drusian Foreign Ministry", "she")


def test_the_premier_is_the_prime_minister_named_before():
    text = (
        "Korvenian Prime Minister Anton Reszka has made the river a theme of his campaign.\n\n"
        "Hours later, the premier wrote on X: “Two weeks. That is what we are asking for.”"
    )
    assert quote_with(text, "Two weeks. That is what we are asking for.").speaker == "Anton Reszka"


def test_prosecuting_counsel_in_a_court_report_is_the_named_barrister():
    text = "Prosecuting, Nadia Farouk said the defendant had built a “fantasy life” as an engineer."
    assert quote_with(text, "fantasy life").speaker == "Nadia Farouk"


def test_an_age_given_in_an_apposition_picks_out_that_person():
    text = (
        "Niall Brennan, Carrowmore’s 22-year-old fly-half, kicked a late penalty to win the game.\n\n"
        "“I just tried to keep my head down and strike it clean,” the 22-year-old said."
    )
    assert quote_with(text, "I just tried to keep my head down and strike it clean,").speaker == "Niall Brennan"


def test_an_age_nobody_was_given_stays_whole_in_the_description():
    text = "The 31-year-old said she had “no nerves at all” before the kick."
    assert quote_with(text, "no nerves at all").speaker == "31-year-old"


def test_a_listed_given_name_the_recogniser_left_out_joins_the_name():
    doc = spacy.blank("en")("Harbour chair Martin Feld spoke.")
    for token in doc:
        token.is_sent_start = token.i == 0
    doc.ents = [spacy.tokens.Span(doc, 3, 4, label="PERSON")]
    doc[2].pos_, doc[2].tag_, doc[2].dep_, doc[2].head = "PROPN", "NNP", "compound", doc[3]
    assert _whole_name(doc, doc.ents[0]).text == "Martin Feld"
    doc[1].pos_, doc[1].tag_, doc[1].dep_, doc[1].head = "PROPN", "NNP", "compound", doc[3]
    assert _whole_name(doc, doc.ents[0]).text == "Martin Feld"  # "chair" is a title


def test_speaking_outside_court_the_officer_named_after_it_speaks():
    text = (
        "Jonathan Pike, defending, said his client was sorry.\n\n"
        "Speaking outside court, Detective Sergeant Paul Renshaw, of the force’s economic crime unit, "
        "said the fraud was one of the most under-reported crimes in the country.\n\n"
        "“Victims are often too embarrassed to come forward,” he said."
    )
    assert summary(text) == [("direct", "Victims are often too embarrassed to come forward,", "Paul Renshaw")]
    claims = [(q.text, q.speaker) for q in extract(text) if q.type == "indirect"]
    assert ("the fraud was one of the most under-reported crimes in the country", "Paul Renshaw") in claims


def test_the_former_striker_is_the_one_introduced_as_a_former_club_striker():
    text = (
        "Former Fenbridge Athletic striker Dean Holloway, 36, now works as a pundit.\n\n"
        "Last night the former striker wrote: “My world.”"
    )
    assert quote_with(text, "My world.").speaker == "Dean Holloway"


def test_the_countrys_minister_is_the_minister_named_next():
    text = (
        "The country's mines minister said on Monday that the miner's conduct was “a disgrace”.\n\n"
        "Mines Minister Joseph Abara told reporters the company owed the state $212 million."
    )
    assert quote_with(text, "a disgrace").speaker == "Joseph Abara"


def test_an_official_at_the_ministry_named_before_speaks_for_it_and_so_does_the_official():
    text = (
        "The Ministry of Mines and Geology has ordered the Tembe mine to close.\n\n"
        "A senior official at the ministry said talks on the stake were “entirely separate”.\n\n"
        "“Nobody is being forced to do anything,” the official said."
    )
    assert quote_with(text, "entirely separate").speaker == "Ministry of Mines and Geology"
    assert quote_with(text, "Nobody is being forced to do anything,").speaker == "Ministry of Mines and Geology"


def test_the_same_description_again_is_the_same_person_however_far_back():
    text = (
        "Foreign Minister Dalia Korsun warned on Tuesday that her country would leave the talks.\n\n"
        "Speaking in Telsk, the diplomat said water levels had fallen to their lowest in 60 years.\n\n"
        "Drusian President Mikkel Strand said he was ready to meet at any time.\n\n"
        "According to a senior diplomatic source, mediators have floated a compromise.\n\n"
        "Asked about that, the diplomat told the BBC: “I am flexible about many things. Water is not one.”"
    )
    assert quote_with(text, "I am flexible about many things. Water is not one.").speaker == "Dalia Korsun"


def test_a_description_is_not_the_person_its_own_clause_names():
    text = (
        "“It was a cool kick,” Niall Brennan said.\n\n"
        "The former hooker saved special praise for Brennan, saying he was “a cool customer”."
    )
    assert quote_with(text, "a cool customer").speaker != "Niall Brennan"


# -- 8. archive marks and nouns of saying ---------------------------------------------------------


def test_archive_quotes_in_two_apostrophes_are_quotes():
    text = (
        "Dana Whitcombe, the mayor of Ardlow, spoke on Monday. ''We will win this,'' she said of "
        "the dockers' strike, which has run since the '90s.\n\n"
        "``It's anti-growth,'' said Tom Ellery, director of the Kestrel Institute."
    )
    assert summary(text) == [("direct", "We will win this,", "Dana Whitcombe"),
                             ("direct", "It's anti-growth,", "Tom Ellery")]


@pytest.mark.parametrize("text, words, speaker", [
    ("Senator Dana Whitcombe stood by her remark that the plan was “a betrayal of the harbour "
     "towns.”", "a betrayal of the harbour towns.", "Dana Whitcombe"),
    ("Tom Ellery renewed his call for “an immediate halt to the dredging” on Monday.",
     "an immediate halt to the dredging", "Tom Ellery"),
    ("Mayor Ruth Okafor issued a statement saying “we will rebuild the wall before winter.”",
     "we will rebuild the wall before winter.", "Ruth Okafor"),
    ("Councillor Ian Pell repeated the prediction that the ferry would be “gone within a year.”",
     "gone within a year.", "Ian Pell"),
    # The words are the noun's owner's, inside someone else's sentence …
    ("Minister Sara Lind rejected Tom Ellery's claim that the scheme was “dead on arrival.”",
     "dead on arrival.", "Tom Ellery"),
    # … and nobody's the sentence names when the noun has no owner here.
    ("Minister Sara Lind rejected the claim that the scheme was “dead on arrival.”",
     "dead on arrival.", None),
])
def test_a_quote_introduced_by_a_noun_of_saying_is_its_owners(text, words, speaker):
    assert quote_with(text, words).speaker == speaker


def test_a_noun_of_saying_as_the_medium_leaves_the_words_to_the_cue():
    text = ("The Presidium said in a statement that the alliance was “preparing for a war” and "
            "Tomasz Wren told analysts on a call that the retailer had “plenty of headroom”.")
    assert quote_with(text, "preparing for a war").speaker == "Presidium"
    assert quote_with(text, "plenty of headroom").speaker == "Tomasz Wren"


# -- the article's people: titles, seats and parse repairs ---------------------------------------


@pytest.mark.parametrize("text, speaker", [
    ("Cllr Janet Ormsby said: “We had very little room to refuse it.”", "Janet Ormsby"),
    ("PC Mark Doughty told the inquest: “The fence had been cut.”", "Mark Doughty"),
    ("Opposition health spokesman Cathal Rooney TD said: “The plan has failed.”", "Cathal Rooney"),
])
def test_an_abbreviated_rank_or_a_seat_is_no_part_of_the_name(text, speaker):
    assert [q.speaker for q in quotes_of(text)] == [speaker]


def test_he_after_an_unnamed_spokesman_is_the_spokesman():
    text = (
        "Prime Minister Alistair Penrose spent the morning in Hallowford.\n"
        "A spokesman for the prime minister said the bill would pass. The spokesman said the "
        "prime minister had met wavering MPs in his Commons office.\n"
        "“There will be no further changes to the bill,” he said."
    )
    assert quote_with(text, "There will be no further changes to the bill,").speaker \
        == "spokesman for the prime minister"


def test_a_name_the_parser_left_without_its_verb_is_the_subject():
    # The parser makes the minister a conjunct of the place; "welcomed" has no subject.
    text = (
        "A palace spokeswoman said the Prince would arrive on Monday.\n"
        "In the islands’ capital, Port Amelie, Prime Minister Eleni Vaitoa welcomed the news. "
        "Speaking to reporters outside parliament, she said the visit would be ‘the highlight of "
        "the year’ for many islanders."
    )
    assert quote_with(text, "the highlight of the year").speaker == "Eleni Vaitoa"


def test_minister_for_health_is_the_health_minister():
    text = (
        "Minister for Health Fionnuala Deasy visited the hospital on Wednesday.\n"
        "Opposition health spokesman Cathal Rooney said the minister had been warned.\n"
        "Responding in the Dáil, the health minister said she had ‘never hidden from’ the problem."
    )
    assert quote_with(text, "never hidden from").speaker == "Fionnuala Deasy"


def test_the_work_and_pensions_secretary_is_the_one_named():
    text = (
        "Work and Pensions Secretary Nadia Okonjo has written to MPs offering a delay.\n"
        "The work and pensions secretary has told MPs that nine in ten people claiming the "
        "payments will see “no change at all”."
    )
    assert quote_with(text, "no change at all").speaker == "Nadia Okonjo"


def test_a_person_the_recogniser_took_for_an_organisation_is_a_person():
    text = (
        "The union’s industrial relations officer for the region, Siobhán Kearney, said nurses "
        "had been warning about the problem.\n"
        "She said the extra beds had not opened because the hospital could not ‘recruit enough "
        "staff’.\n"
        "Ms Kearney said the union would meet members next week."
    )
    assert quote_with(text, "recruit enough staff").speaker == "Siobhán Kearney"


def test_the_writers_own_question_is_nobody_elses():
    # "I" outside quotation marks is the writer: a speaker the text does not name, never the
    # person quoted before.
    text = (
        "“I knew she would finish it when she was ready,” Jane Pryor said.\n"
        "“Were you stuck?” I ask."
    )
    quote = quote_with(text, "Were you stuck?")
    assert (quote.speaker, quote.speaker_mention) == (None, "I")


# -- organisations by the word for them ----------------------------------------------------------


def test_an_organisation_description_refers_to_the_organisation_it_fits():
    text = (
        "Members of Wyvern Vale District Council’s planning committee approved the scheme by "
        "Brackenridge Homes on Tuesday night.\n"
        "The Hollins Meadow Residents’ Group said it was considering a legal challenge.\n"
        "“We have sent our photographs to the council and to the Environment Agency,” said "
        "Cllr Peter Lund.\n"
        "The developer said work could begin next spring.\n"
        "The residents’ group said its members would meet next week.\n"
        "The authority said any challenge would have to be lodged within six weeks."
    )
    speakers = {q.text: q.speaker for q in extract(text) if q.type == "indirect"}
    assert speakers["work could begin next spring"] == "Brackenridge Homes"
    assert speakers["it was considering a legal challenge"] == "Hollins Meadow Residents’ Group"
    assert speakers["its members would meet next week"] == "Hollins Meadow Residents’ Group"
    assert speakers["any challenge would have to be lodged within six weeks"] == "Wyvern Vale District Council"


def test_police_said_is_the_force_named_before():
    text = (
        "A spokesman for Dunholm Constabulary said officers were treating the fire as arson.\n"
        "Police said they wanted to speak to anyone who was on Bell Lane that night."
    )
    speakers = {q.text: q.speaker for q in extract(text) if q.type == "indirect"}
    assert speakers["they wanted to speak to anyone who was on Bell Lane that night"] == "Dunholm Constabulary"
