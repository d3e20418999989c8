"""Quote extraction (sitrep/nlp/quotes.py, quotemarks.py, speech.py) on small texts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from sitrep.model import Quote
from sitrep.nlp.parse import load_nlp
from sitrep.nlp.quotemarks import find_quoted_spans
from sitrep.nlp.quotes import extract_quotes
from sitrep.nlp.speech import REPORTING_VERBS, is_reporting_verb

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_5e053334273b3f60.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def quotes(nlp: Language, text: str, direct: bool | None = True) -> list[Quote]:
    found = extract_quotes(nlp(text))
    for q in found:  # offsets always index the text
        assert text[q.start : q.end] == q.text
    return [q for q in found if direct is None or q.direct == direct]


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


# ---------------------------------------------------------------- quote marks only


def test_marks_curly_straight_and_single() -> None:
    assert spans("“Yes,” he said. \"No.\" ‘Maybe,’ she said.") == ["Yes", "No.", "Maybe"]


def test_apostrophes_are_never_quote_marks() -> None:
    text = "Trump’s plan isn't new: the '90s were different, the girls' team won, rock 'n' roll."
    assert spans(text) == []


def test_single_marks_nested_in_double_quote_stay_inside_it() -> None:
    assert spans("He said “she wasn't ‘forced’ to go.”") == ["she wasn't ‘forced’ to go."]


def test_multi_paragraph_quote_continues_when_next_paragraph_reopens() -> None:
    text = "He said: “The first part.\n\n“The second part.” Then he left."
    assert spans(text) == ["The first part.\n\n“The second part."]


def test_quote_left_open_closes_in_next_paragraph() -> None:
    text = 'He said, "I think we learned a lot.\n\nIt was a very emotional day." Then he left.'
    assert spans(text) == ["I think we learned a lot.\n\nIt was a very emotional day."]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "He said “this never closes.\n\nThe next paragraph is narration."
    assert spans(text) == ["this never closes."]


@pytest.mark.parametrize("text", ["", '"', '""', "“”‘’", '" " "', "'''", "“a ” b “ c", "\n\n“\n\n”"])
def test_marks_degenerate_texts(text: str) -> None:
    for span in find_quoted_spans(text):
        assert 0 <= span.start < span.end <= len(text)


# ------------------------------------------------------------------ direct quotes


def test_quote_before_speaker(nlp: Language) -> None:
    text = "“We need more troops,” Trump said."
    [q] = quotes(nlp, text)
    assert (q.id, q.text, q.speaker_text, q.cue, q.direct) == ("q1", "We need more troops", "Trump", "said", True)
    assert q.speaker is None  # entity ids are the entity stage's job
    assert (q.start, q.end) == (1, 20)


def test_quote_after_speaker_with_colon(nlp: Language) -> None:
    [q] = quotes(nlp, "Trump said: “We will talk to Kim again.”")
    assert (q.text, q.speaker_text, q.cue) == ("We will talk to Kim again.", "Trump", "said")


def test_multi_sentence_quote_after_comma(nlp: Language) -> None:
    [q] = quotes(nlp, "Trump noted, “I was very friendly with him. He liked me. I liked him.”")
    assert q.text == "I was very friendly with him. He liked me. I liked him."
    assert (q.speaker_text, q.cue) == ("Trump", "noted")


def test_straight_marks_and_inverted_cue(nlp: Language) -> None:
    [q] = quotes(nlp, '"The situation is under control," said Ambassador Mohib.')
    assert (q.text, q.speaker_text) == ("The situation is under control", "Mohib")


def test_split_quote_is_two_quotes_with_one_speaker(nlp: Language) -> None:
    text = "Kim Jong Un spoke in Pyongyang. “We will win,” he said, “and we will win soon.”"
    first, second = quotes(nlp, text)
    assert (first.text, second.text) == ("We will win", "and we will win soon.")
    assert first.speaker_text == second.speaker_text == "Kim Jong Un"
    assert first.cue == second.cue == "said"


def test_multi_paragraph_quote_is_one_quote(nlp: Language) -> None:
    text = "Maria Lopez, the mayor, said: “The bridge will reopen in May.\n\n“We owe it to the residents.”"
    [q] = quotes(nlp, text)
    assert q.text.startswith("The bridge") and q.text.endswith("residents.")
    assert q.speaker_text == "Maria Lopez"


def test_odd_number_of_marks_ends_quote_at_paragraph(nlp: Language) -> None:
    text = "Officials said “the convoy was hit at dawn.\n\nRescue teams reached the site by noon."
    [q] = quotes(nlp, text)
    assert q.text == "the convoy was hit at dawn."


def test_single_quote_marks_are_quotes(nlp: Language) -> None:
    text = "General Mark Milley visited the base. ‘We are ready for anything,’ he said."
    [q] = quotes(nlp, text)
    assert (q.text, q.speaker_text) == ("We are ready for anything", "Mark Milley")


def test_apostrophes_do_not_make_quotes(nlp: Language) -> None:
    assert quotes(nlp, "Trump’s plan isn't new. The '90s were different, and the girls' team won.") == []


def test_speaker_name_drops_titles(nlp: Language) -> None:
    [q] = quotes(nlp, "Ukrainian President Volodymyr Zelenskyy said, “We will not give up our land.”")
    assert q.speaker_text == "Volodymyr Zelenskyy"


def test_pronoun_speaker_resolves_to_nearest_person(nlp: Language) -> None:
    text = "Kim Jong Un inspected the new missile on Friday. “It will fly further than ever,” he said."
    [q] = quotes(nlp, text)
    assert q.speaker_text == "Kim Jong Un"


def test_title_speaker_resolves_to_nearest_person(nlp: Language) -> None:
    text = ("Jeon Ha Gyu spoke to reporters in Seoul on Monday. "
            "“We are watching the border closely,” the spokesperson said.")
    [q] = quotes(nlp, text)
    assert q.speaker_text == "Jeon Ha Gyu"


def test_according_to_names_the_source(nlp: Language) -> None:
    [q] = quotes(nlp, "“The troops are exhausted and short of shells,” according to Ukrainian officials.")
    assert (q.cue, q.speaker_text) == ("according to", "Ukrainian officials")


def test_cueless_quote_continues_previous_speaker(nlp: Language) -> None:
    text = "“We will win,” Smith said.\n\n“The road is long, but we are ready for it.”"
    first, second = quotes(nlp, text)
    assert first.speaker_text == second.speaker_text == "Smith"
    assert second.cue is None


def test_pull_quote_without_marks(nlp: Language) -> None:
    text = ("The ship left port in 1996.\n\n"
            "I was told to stay on board and I had no way to leave the ship. Valeska Paris\n\n"
            "She left the church in 2007.")
    [q] = quotes(nlp, text)
    assert q.text == "I was told to stay on board and I had no way to leave the ship."
    assert q.speaker_text == "Valeska Paris"


# ------------------------------------------------------------------- scare quotes


def test_scare_quotes_are_not_quotes(nlp: Language) -> None:
    assert quotes(nlp, "Trump also labeled North Korea a “nuclear power,” a characterization that stirred concern.") == []
    assert quotes(nlp, "Kim reaffirmed his commitment to the “toughest” anti-U.S. policies.") == []
    assert quotes(nlp, "Rebels seized the so-called “green zone” on Tuesday.") == []


def test_short_phrase_attributed_to_speaker_is_a_quote(nlp: Language) -> None:
    [q] = quotes(nlp, "During an interview, Trump described Kim as “a smart guy” and praised him.")
    assert (q.text, q.speaker_text, q.cue) == ("a smart guy", "Trump", "described")


def test_quoted_titles_and_names_are_not_quotes(nlp: Language) -> None:
    text = ('The exhibit showed the print "Cowboys and Indians" from 1987.\n\n'
            '"Document found on street not secret, say feds" — The Canadian Press, August 15, 2008')
    assert quotes(nlp, text) == []


# ----------------------------------------------------------------- indirect speech


def test_indirect_speech_with_that(nlp: Language) -> None:
    [q] = quotes(nlp, "Ukrainian President Volodymyr Zelenskyy said that the ministry would respond.", direct=False)
    assert (q.text, q.speaker_text, q.cue, q.direct) == (
        "the ministry would respond", "Volodymyr Zelenskyy", "said", False)


def test_indirect_speech_without_that(nlp: Language) -> None:
    [q] = quotes(nlp, "The ministry said the troops would stay in the region until spring.", direct=False)
    assert q.text == "the troops would stay in the region until spring"
    assert q.speaker_text == "ministry"


def test_that_said_is_not_a_report(nlp: Language) -> None:
    assert quotes(nlp, "That said, the army will keep its positions along the river.", direct=False) == []


def test_no_indirect_quote_where_a_direct_one_is(nlp: Language) -> None:
    found = quotes(nlp, "Trump said “we will meet Kim again soon.”", direct=None)
    assert [q.direct for q in found] == [True]


# ------------------------------------------------------------------ whole articles


def test_ids_follow_text_order(nlp: Language) -> None:
    text = ("The army said the bridge was destroyed. “We saw the blast,” a witness said. "
            "“Nobody was hurt,” the mayor added.")
    found = quotes(nlp, text, direct=None)
    assert [q.id for q in found] == [f"q{n}" for n in range(1, len(found) + 1)]
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert len(found) == 3


def test_seed_article_trump_quotes(nlp: Language) -> None:
    if not SEED.exists():
        pytest.skip(f"seed article missing: {SEED}")
    found = quotes(nlp, SEED.read_text(encoding="utf-8"))
    assert [(q.text[:30], q.speaker_text) for q in found] == [
        ("a smart guy", "Trump"),
        ("I was very friendly with him. ", "Trump"),
    ]
    assert found[1].text.endswith("I think he’ll be happy to see I’m coming back.")
    assert found[1].cue == "noted"
    texts = " | ".join(q.text for q in found)
    assert "nuclear power," not in texts.split(" | ") and "toughest" not in texts.split(" | ")


# ----------------------------------------------------------------------- robustness


def test_never_raises_on_messy_text(nlp: Language) -> None:
    rng = random.Random(7)
    alphabet = list("ab cd.,:;\n'\"“”‘’«»—-") + ["said", " he ", "Trump", "\n\n", " the "]
    texts = ["", " ", "\n\n\n", '"', "“", "”", "’", "'''''", '""""""', "“”“”‘’‘’", '"\n\n"\n\n"']
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80))) for _ in range(150)]
    for text in texts:
        for q in extract_quotes(nlp(text)):
            assert text[q.start : q.end] == q.text and q.start < q.end


def test_doc_without_parse(nlp: Language) -> None:
    text = "“We will hold the line whatever it costs,” the commander said. “Maybe”"
    found = extract_quotes(spacy.blank("en")(text))
    assert [(q.text, q.speaker_text) for q in found] == [("We will hold the line whatever it costs", None)]


def test_reporting_verb_lexicon(nlp: Language) -> None:
    assert {"say", "tell", "note", "add", "state", "warn", "claim", "explain"} <= REPORTING_VERBS
    doc = nlp("The said agreement holds, the minister said.")
    assert [t.text for t in doc if is_reporting_verb(t)] == ["said"]
