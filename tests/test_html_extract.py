"""Unit tests for sitrep.clean.html_extract on small hand-written pages."""

from __future__ import annotations

import json
import resource
import time

import pytest

from sitrep.clean.html_extract import (
    MAX_ELEMENTS,
    ExtractedPage,
    _parse,
    extract_html,
)
from sitrep.clean.html_metadata import _split_byline
from sitrep.clean.html_prepare import _cap_elements
from sitrep.errors import MalformedInput

PARAGRAPHS = [
    "The city council voted on Tuesday evening to approve a new budget for the harbour district, "
    "ending months of debate over how to pay for the repairs to the old sea wall.",
    "Supporters of the plan said the money would protect hundreds of homes from winter storms, "
    "while opponents argued that the cost estimates had been far too optimistic from the start.",
    "The mayor told reporters after the meeting that construction could begin in the spring, "
    "provided that the regional government releases its share of the funding in time.",
    "Residents who attended the session were divided, with some applauding the decision and "
    "others warning that the district's small businesses would bear the brunt of the disruption.",
]


def article_page(
    *,
    head: str = "",
    title: str = "Council approves harbour budget",
    html_attrs: str = 'lang="en-GB"',
    extra_body: str = "",
    paragraphs: list[str] = PARAGRAPHS,
) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html {html_attrs}>
<head>
  <meta charset="utf-8">
  <title>{title} | Harbour Herald</title>
  {head}
</head>
<body>
  <header>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
  </header>
  <main>
    <article>
      <h1>{title}</h1>
      {paras}
      {extra_body}
    </article>
    <aside class="sidebar">
      <h3>Most read</h3>
      <ul>
        <li><a href="/a">Storm warning issued for the coast this weekend</a></li>
        <li><a href="/b">Local bakery wins national award for sourdough</a></li>
        <li><a href="/c">School holidays to be extended by a week</a></li>
      </ul>
    </aside>
  </main>
  <footer>
    <p>Copyright 2024 Harbour Herald Media Ltd. All rights reserved.</p>
    <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a>
  </footer>
</body>
</html>"""


def paragraphs_of(page: ExtractedPage) -> list[str]:
    return page.text.split("\n\n") if page.text else []


# --- body text -------------------------------------------------------------------------


def test_paragraphs_are_separated_by_one_blank_line():
    page = extract_html(article_page(), url="https://harbourherald.example/news/budget")
    assert paragraphs_of(page) == PARAGRAPHS
    assert page.text == page.text.strip()
    assert "\n\n\n" not in page.text


def test_navigation_sidebar_and_footer_are_not_body():
    text = extract_html(article_page()).text
    for junk in ("Home", "Sport", "Storm warning", "sourdough", "Copyright", "Privacy policy"):
        assert junk not in text


def test_headline_is_a_field_not_the_first_paragraph():
    page = extract_html(article_page())
    assert page.title == "Council approves harbour budget"
    assert not page.text.startswith("Council approves")


def test_inline_boilerplate_lines_are_dropped():
    extra = """
      <p>Read more: Harbour wall repairs delayed again after surveyor's report</p>
      <p>Sign up for our morning newsletter to get the day's headlines in your inbox.</p>
      <p>Follow us on Twitter and Facebook.</p>
      <p>Jane Doe contributed to this report.</p>
    """
    page = extract_html(article_page(extra_body=extra))
    assert paragraphs_of(page) == PARAGRAPHS
    assert any("newsletter" in line for line in page.boilerplate)


def test_prose_that_mentions_boilerplate_words_is_kept():
    prose = [
        "Copyright lawyers say the ruling will change how the harbour authority licenses its photographs.",
        "Updated figures show that the repairs will cost twice as much as the council first estimated.",
        "The mayor first floated the idea last year in an interview with a local business newsletter.",
        "Follow the money, one councillor said, and you will see who really benefits from the wall.",
    ]
    page = extract_html(article_page(paragraphs=PARAGRAPHS[:2] + prose + PARAGRAPHS[2:]))
    for line in prose:
        assert line in page.text
    assert page.boilerplate == ["Council approves harbour budget"]  # only the repeated headline


def test_related_link_list_at_the_end_is_dropped():
    extra = """
      <h3>More stories</h3>
      <ul>
        <li><a href="/x">Ferry timetable changes announced for winter</a></li>
        <li><a href="/y">New cycle lane opens along the seafront</a></li>
        <li><a href="/z">Fishermen protest against quota cuts</a></li>
      </ul>
    """
    text = extract_html(article_page(extra_body=extra)).text
    assert "Ferry timetable" not in text
    assert "cycle lane" not in text
    assert paragraphs_of(extract_html(article_page(extra_body=extra)))[-1] == PARAGRAPHS[-1]


def test_embedded_tweet_in_a_widget_wrapper_is_kept():
    tweet = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">'
        "The harbour wall vote is the most important decision this council will make all year, "
        "and I am proud to have voted for it.</p>&mdash; Councillor Ann Lee (@annlee) "
        '<a href="https://twitter.com/annlee/status/1">March 5, 2024</a></blockquote></div>'
    )
    paras = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + tweet + "\n".join(
        f"<p>{p}</p>" for p in PARAGRAPHS[2:]
    )
    page = extract_html(article_page(paragraphs=[], extra_body=paras))
    assert "most important decision this council will make" in page.text
    assert PARAGRAPHS[3] in page.text


def test_article_body_split_around_an_ad_is_joined():
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    second = "".join(f"<p>{p} It was the second half of the story.</p>" for p in PARAGRAPHS[2:])
    body = f"""
      <div class="chunks">
        <div class="grid"><div class="article-body">{first}</div>
          <div class="rail"><div class="ad">Advertisement</div></div></div>
        <div class="ad ad--mid"><span>Advertisement</span></div>
        <div class="grid"><div class="article-body">{second}</div>
          <div class="rail"><div class="ad">Advertisement</div></div></div>
      </div>"""
    page = extract_html(article_page(paragraphs=[], extra_body=body))
    assert PARAGRAPHS[0] in page.text
    assert "It was the second half of the story." in page.text


# --- metadata --------------------------------------------------------------------------


def test_metadata_from_meta_tags():
    head = """
      <meta name="author" content="By Jane Doe and John Roe">
      <meta property="article:published_time" content="2024-03-05T18:30:00+01:00">
      <meta property="og:site_name" content="Harbour Herald">
      <meta name="description" content="The council approved the harbour budget.">
      <link rel="canonical" href="https://harbourherald.example/news/budget">
    """
    page = extract_html(article_page(head=head), url="https://harbourherald.example/news/budget?utm=x")
    assert page.title == "Council approves harbour budget"
    assert page.byline == ["Jane Doe", "John Roe"]
    assert page.published == "2024-03-05T18:30:00+01:00"
    assert page.site == "Harbour Herald"
    assert page.url == "https://harbourherald.example/news/budget"
    assert page.language == "en"
    assert page.description == "The council approved the harbour budget."


def test_metadata_from_json_ld():
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Council approves harbour budget",
        "datePublished": "2024-03-05",
        "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
        "publisher": {"@type": "NewsMediaOrganization", "name": "Harbour Herald"},
        "inLanguage": "fr-FR",
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    page = extract_html(article_page(head=head, html_attrs=""), url="https://harbourherald.example/a")
    assert page.title == "Council approves harbour budget"
    assert page.byline == ["Jane Doe", "John Roe"]
    assert page.published == "2024-03-05"
    assert page.site == "Harbour Herald"
    assert page.language == "fr"


def test_url_falls_back_to_the_given_url_and_site_is_not_the_domain():
    page = extract_html(article_page(), url="https://harbourherald.example/news/budget")
    assert page.url == "https://harbourherald.example/news/budget"
    assert page.site in (None, "Harbour Herald")
    assert page.site != "harbourherald.example"


def test_relative_canonical_link_is_resolved_against_the_given_url():
    head = '<link rel="canonical" href="/news/budget">'
    page = extract_html(article_page(head=head), url="https://harbourherald.example/amp/budget?x=1")
    assert page.url == "https://harbourherald.example/news/budget"


def test_no_metadata_gives_none_and_empty_lists():
    page = extract_html("<html><body><p>" + PARAGRAPHS[0] + "</p></body></html>")
    assert page.byline == []
    assert page.published is None
    assert page.language is None
    assert page.boilerplate is not None


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("By Jane Doe and John Roe; Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
        ("Doe, Jane", ["Doe, Jane"]),
        ("John Smith, Jane Roe", ["John Smith", "Jane Roe"]),
        ("Sarah E Needleman", ["Sarah E Needleman"]),
        ("Maria Silva e João Souza", ["Maria Silva", "João Souza"]),
        ("Jane Doe | Jane Doe", ["Jane Doe"]),
        ("Detroit News wire services Published", ["Detroit News wire services"]),
        ("", []),
        (None, []),
    ],
)
def test_byline_splitting(raw, expected):
    assert _split_byline(raw) == expected


# --- messy and hostile input -----------------------------------------------------------


def test_malformed_html_does_not_raise():
    html = (
        "<html><head><title>Broken</title><body><div><p>"
        + PARAGRAPHS[0]
        + "<p>"
        + PARAGRAPHS[1]
        + "<table><tr><td>unclosed cell <b>bold <i>italic</div></span></html></html><p>"
        + PARAGRAPHS[2]
    )
    page = extract_html(html)
    assert page.title == "Broken"
    assert PARAGRAPHS[0] in page.text
    assert PARAGRAPHS[1] in page.text


def test_entity_expansion_bomb_is_harmless():
    entities = '<!ENTITY a0 "' + "ha" * 5000 + '">' + "".join(
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 12)
    )
    html = (
        f'<?xml version="1.0"?><!DOCTYPE html [{entities}]>'
        "<html><head><title>Bomb</title></head><body><article>"
        "<p>&a11;&a11;&a11;&a11;</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    page = extract_html(html)
    assert time.perf_counter() - start < 10
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 200 * 1024  # fully expanded, the bomb would be ~100 GB
    assert "haha" not in page.text
    assert "]>" not in page.text
    assert PARAGRAPHS[0] in page.text


def test_huge_documents_are_cut_in_document_order():
    tree = _parse("<html><body>" + "<p>word</p>" * (MAX_ELEMENTS + 5000) + "</body></html>")
    assert sum(1 for _ in tree.iter()) <= MAX_ELEMENTS
    tree = _parse("<html><body><div><p>a</p><div><p>b</p><p>c</p></div><p>d</p></div><p>e</p></body></html>")
    _cap_elements(tree, 6)  # html, body, div, p(a), div, p(b) survive
    assert [p.text for p in tree.iter("p")] == ["a", "b"]


@pytest.mark.parametrize("html", ["", "   \n\t ", "<html><body></body></html>", "<html><body><nav></nav></body></html>"])
def test_empty_pages_give_empty_text(html):
    page = extract_html(html)
    assert page.text == ""
    assert page.byline == []


def test_bytes_and_odd_characters_are_tolerated():
    assert "café" in extract_html("<html><body><p>café au lait</p></body></html>".encode()).text
    text = extract_html("<html><body><p>&#0; &bogus; &amp; bad \udcff surrogate</p></body></html>").text
    assert "surrogate" in text


def test_unparseable_document_raises_malformed_input():
    with pytest.raises(MalformedInput):
        extract_html("<!-- a comment and nothing else -->")
    with pytest.raises(MalformedInput):
        extract_html(12345)  # type: ignore[arg-type]


def test_extraction_is_deterministic():
    html = article_page()
    assert extract_html(html, "https://x.example/a") == extract_html(html, "https://x.example/a")
