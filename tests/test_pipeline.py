"""The foundation's promise on the seed article and on messy batches."""

from pathlib import Path

import pytest

from sitrep.model import Document, InputFailure
from sitrep.pipeline import Pipeline, clean_document
from sitrep.readers import iter_documents
from sitrep.settings import Settings

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_5e053334273b3f60.txt"


@pytest.fixture(scope="module")
def seed_article():
    if not SEED.exists():
        pytest.skip("../shared/seed is not here")
    [document] = list(iter_documents([str(SEED)], Settings()))
    return clean_document(document, Settings(default_published="2025-01-13"))


def test_seed_keeps_all_eleven_paragraphs(seed_article):
    paragraphs = seed_article.text.split("\n\n")
    assert len(paragraphs) == 11
    assert paragraphs[0].startswith("South Korea’s military indicates North Korea may send more troops")
    assert paragraphs[-1].startswith("In summary, South Korea raises alarms")
    assert "Trump noted, “I was very friendly with him." in seed_article.text


def test_seed_junk_blocks_are_out_and_kept_as_boilerplate(seed_article):
    assert seed_article.boilerplate[0] == "Loading Now"
    assert seed_article.boilerplate[1] == "Original Source: www.nbcnews.com"
    assert seed_article.boilerplate[2].startswith("Michael Grant has dedicated his life to journalism")
    assert seed_article.boilerplate[3] == "Post Comment"
    for junk in ("Loading Now", "Post Comment", "Original Source", "Michael Grant"):
        assert junk not in seed_article.text


def test_seed_metadata(seed_article):
    meta = seed_article.metadata
    assert meta.title == "South Korea Warns of Increased North Korean Military Support to Russia"
    assert meta.byline == ["Michael Grant"]
    assert (meta.original_source.name, meta.original_source.domain) == ("NBC News", "nbcnews.com")
    assert meta.published == "2025-01-13"  # from --date: the text carries none
    assert meta.language == "en"


def test_record_follows_the_contract(seed_article):
    record = seed_article.to_record()
    assert record["schema"] == "sitrep.analysis/1"
    assert len(record["id"]) == 64
    for field in ("input", "metadata", "text", "boilerplate", "entities", "claims", "quotes", "events"):
        assert field in record
    assert set(record["metadata"]) >= {"title", "byline", "published", "url", "site", "original_source", "language"}


def test_html_document_goes_through_the_extractor():
    html = (
        "<html lang='en'><head><title>Quake hits coast | Daily Planet</title>"
        "<meta property='og:title' content='Quake hits coast'>"
        "<meta name='author' content='Lois Lane'>"
        "<meta property='article:published_time' content='2024-03-02T10:00:00Z'>"
        "<link rel='canonical' href='https://www.reuters.com/world/quake-hits-coast'></head>"
        "<body><nav>Home | World | Sport</nav><article><h1>Quake hits coast</h1>"
        + "".join(f"<p>Paragraph {i}: rescuers searched the rubble of collapsed buildings on the coast "
                  f"through the night, officials said, as aftershocks shook the region.</p>" for i in range(4))
        + "</article><footer>Share this article</footer></body></html>"
    )
    document = Document(input="page.html", content=html, format="html", url="https://copies.example.net/quake")
    article = clean_document(document, Settings())
    assert article.metadata.title == "Quake hits coast"
    assert article.metadata.byline == ["Lois Lane"]
    assert article.metadata.published.startswith("2024-03-02")
    # The copy's canonical link names the site it was taken from.
    assert article.metadata.original_source.domain == "reuters.com"
    assert article.text.count("\n\n") == 3
    assert "Home | World" not in article.text


def test_a_bad_document_is_a_failure_not_a_crash():
    documents = [
        Document(input="empty.txt", content="Loading Now\n\nPost Comment"),
        Document(input="ok.txt", content="Storm Hits Coast\n\nThe storm made landfall overnight, forecasters said on Sunday."),
    ]
    results = list(Pipeline(Settings()).run(documents))
    assert isinstance(results[0], InputFailure) and results[0].error == "empty"
    assert results[1].metadata.title == "Storm Hits Coast"
