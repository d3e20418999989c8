from sitrep.clean.text_clean import classify_blocks, is_ui_junk, normalise, split_blocks

PAGE = """Skip to content

Flood Waters Rise Across the Delta Region

By Jane Doe and John Roe

March 3, 2024

Rivers across the delta rose overnight as heavy rain continued, officials said on Sunday.

Emergency crews moved 1,200 residents from low-lying villages, according to the regional government.

Read more: Ten ways to prepare for a flood

Share this article

Jane Doe is a correspondent who has covered climate and disasters for two decades. Her reporting has earned awards and she currently contributes to several newspapers.

We use cookies to improve your experience. By continuing you accept our cookie policy.
"""


def kinds(text, **kwargs):
    return [(block.kind, block.text[:25]) for block in classify_blocks(split_blocks(text), **kwargs)]


def test_page_furniture_is_set_aside_and_every_paragraph_kept():
    blocks = classify_blocks(split_blocks(PAGE))
    body = [b.text for b in blocks if b.kind == "body"]
    assert body == [
        "Rivers across the delta rose overnight as heavy rain continued, officials said on Sunday.",
        "Emergency crews moved 1,200 residents from low-lying villages, according to the regional government.",
    ]
    by_kind = {b.kind: b.text for b in blocks if b.kind != "junk"}
    assert by_kind["title"] == "Flood Waters Rise Across the Delta Region"
    assert by_kind["byline"] == "By Jane Doe and John Roe"
    assert by_kind["dateline"] == "March 3, 2024"
    assert by_kind["bio"].startswith("Jane Doe is a correspondent")
    junk = [b.text for b in blocks if b.kind == "junk"]
    assert len(junk) == 4 and junk[0] == "Skip to content" and junk[-1].startswith("We use cookies")


def test_ui_words_inside_a_sentence_are_not_junk():
    assert is_ui_junk("Post Comment")
    assert is_ui_junk("Loading Now")
    assert not is_ui_junk("Officials said they would share intelligence with allies on Monday.")
    assert not is_ui_junk("Read more about the ceasefire in the statement released by the ministry on Tuesday night, officials said.")


def test_sources_say_is_prose_not_a_credit():
    text = "Ceasefire Talks Resume\n\nSources say the talks will resume on Monday in Doha after a pause of two weeks.\n\nThe delegations arrived on Sunday."
    assert [k for k, _ in kinds(text)] == ["title", "body", "body"]


def test_biography_words_inside_the_article_stay_text():
    text = (
        "Award For Veteran Reporter\n\n"
        "Maria Lopez is a journalist whose reporting career spans decades, the award committee said.\n\n"
        "The committee praised her work on the border, and the ceremony will be held in May."
    )
    # The only biography-shaped paragraph is the article's own subject, not page furniture:
    # it is not in the tail after the body, so it stays.
    result = kinds(text)
    assert result[1][0] == "body"


def test_known_title_is_taken_only_when_the_first_line_is_that_title():
    text = "The Plains of Arafat on the day of Hajj\n\nAccording to the ministry over 345 pilgrims were killed."
    assert kinds(text, known_title="Hundreds dead in Hajj stampede")[0][0] == "body"
    assert kinds("Hundreds dead in Hajj stampede\n\n" + text, known_title="Hundreds dead in Hajj stampede")[0][0] == "title"


def test_hard_wrapped_paragraph_is_rejoined_but_one_line_paragraphs_are_not():
    wrapped = (
        "The minister said on Tuesday that the government would send\n"
        "more aid to the region, adding that convoys were already on\n"
        "their way to the worst affected towns."
    )
    assert split_blocks(wrapped) == [wrapped.replace("\n", " ")]
    lines = "Headline Here\nFirst paragraph of the story ends here.\nSecond paragraph ends here."
    assert len(split_blocks(lines)) == 3


def test_wiki_citations_and_category_lines_are_boilerplate():
    text = (
        "The document was found on a street in Ottawa by a passerby on Friday.\n\n"
        '"Environment Canada security report found on street" — Toronto Star, August 15, 2008\n\n'
        "Categories: August 15, 2008 Canada Published Politics"
    )
    assert [k for k, _ in kinds(text, known_title="x")] == ["body", "citation", "junk"]


def test_normalise_drops_invisible_characters_and_keeps_lines():
    assert normalise("COVID-\u206019\u00a0vaccine\r\nnext") == "COVID-19 vaccine\nnext"
