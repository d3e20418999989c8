"""The situation picture: fingerprints, origins, stories and figures.

Pure decisions are tested on hand-built views and estimates; the store-side update is
tested end to end on real analysed articles: the rewrite fixtures written for this
(tests/fixtures/rewrites/, with their Wikinews origins read from ../shared/) and two
invented earthquake reports that must stay apart.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from sitrep.model import Article
from sitrep.picture.figures import Estimate, counted_head, reconcile
from sitrep.picture.fingerprint import band_keys, fingerprint, numbers, wording_similarity
from sitrep.picture.origins import decide_origin
from sitrep.picture.similarity import ArticleView, Similarity, cosine
from sitrep.picture.stories import JOIN_SCORE, WINDOW_DAYS, decide_story
from sitrep.quality.stories import bcubed

FIXTURES = Path(__file__).parent / "fixtures" / "rewrites"
WIKINEWS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wikinews.jsonl"

# -- fingerprints --------------------------------------------------------------------


def test_numbers_keep_figures_and_drop_years_and_small_counts():
    assert numbers("In 2020, about 2,700 were wounded and 300 killed on 3 fronts; 12.5 km.") == (
        "12.5", "2700", "300")


def test_a_copy_shares_wording_and_an_unrelated_text_does_not():
    text = ("Rescue teams searched the rubble of collapsed apartment blocks on Tuesday after the "
            "earthquake struck the coastal province before dawn, officials said.")
    edited = text.replace("Tuesday", "Wednesday").replace("officials said", "the governor said")
    other = "The central bank raised interest rates by half a point to fight inflation, its governor said."
    a, b, c = fingerprint(text), fingerprint(edited), fingerprint(other)
    assert wording_similarity(a.minhash, b.minhash) > 0.5
    assert wording_similarity(a.minhash, c.minhash) < 0.1
    assert set(band_keys(a.minhash)) & set(band_keys(b.minhash))
    assert "earthquake" in a.terms and "the" not in a.terms


def test_cosine_is_symmetric_and_bounded():
    a, b = {"x": 1.0, "y": 2.0}, {"y": 1.0, "z": 3.0}
    assert cosine(a, b) == pytest.approx(cosine(b, a))
    assert 0 < cosine(a, b) < 1 and cosine(a, a) == pytest.approx(1.0) and cosine(a, {}) == 0.0


# -- origins -------------------------------------------------------------------------


def view(id_: str, day: str | None = None, order: int = 0, **kwargs) -> ArticleView:
    kwargs.setdefault("terms", {})
    kwargs.setdefault("entities", {})
    return ArticleView(id=id_, published=date.fromisoformat(day) if day else None, ingested_order=order, **kwargs)


def test_a_later_copy_links_to_the_earlier_report():
    original = view("orig", "2024-05-01", 1)
    copy = view("copy", "2024-05-02", 2)
    decision = decide_origin(copy, [(original, Similarity(0.9, 0.9, 1.0, 0.8))], {}, {"orig": "article:orig"})
    assert decision.link.relation == "copy" and decision.link.origin_id == "orig"
    assert decision.link.origin_key == "article:orig" and not decision.relinked


def test_an_earlier_report_arriving_late_becomes_the_origin():
    copy = view("copy", "2024-05-02", 1)
    original = view("orig", "2024-05-01", 2)
    decision = decide_origin(original, [(copy, Similarity(0.9, 0.9, 1.0, 0.8))], {}, {"copy": "article:copy"})
    assert decision.link.origin_id is None
    assert [(other, link.origin_id) for other, link in decision.relinked] == [("copy", "orig")]


def test_a_first_report_takes_over_whole_groups_not_just_their_roots():
    # B is a stored report and C its copy; the new article N predates B and repeats C.
    b, c = view("b", "2024-05-03", 1), view("c", "2024-05-04", 2)
    n = view("n", "2024-05-01", 3)
    decision = decide_origin(n, [(b, Similarity(0.3, 0.3, 0.0, 0.1)), (c, Similarity(0.9, 0.9, 1.0, 0.8))],
                             {"c": "b"}, {"b": "article:b", "c": "article:b"})
    assert decision.link.origin_id is None
    assert [(root, link.origin_id) for root, link in decision.relinked] == [("b", "n")]


def test_a_credited_article_does_not_take_over_an_earlier_report():
    # X credits N's outlet; Y, published before N, is repeated by N: N derives from Y.
    n = view("n", "2024-05-02", 3, site="Example News", host="example.com")
    x = view("x", "2024-05-03", 1, declared_domain="example.com")
    y = view("y", "2024-05-01", 2)
    decision = decide_origin(n, [(x, Similarity(0.5, 0.7, 1.0, 0.1)), (y, Similarity(0.7, 0.7, 1.0, 0.1))], {}, {})
    assert decision.link.origin_id == "y" and not decision.relinked


def test_a_malformed_url_names_no_host():
    from sitrep.picture.update import host_of

    assert host_of("http://[bad/x") is None and host_of("https://www.nbcnews.com/a") == "nbcnews.com"


def test_long_runs_of_thousands_are_read_whole():
    text = "1" + ",000" * 3 + " and " + "2" + ",000" * 5000 + "x"
    found = numbers(text)
    assert "1000000000" in found


def test_a_template_sharing_wording_but_not_entities_is_no_copy():
    a, b = view("a", "2024-05-01", 1, entities={"x": 1}), view("b", "2024-05-01", 2, entities={"y": 1})
    decision = decide_origin(b, [(a, Similarity(0.6, 0.1, 0.5, 0.6))], {}, {})
    assert decision.link.relation == "original"


def test_a_follow_up_report_days_later_is_no_rewrite():
    first = view("nh", "2020-02-12", 1, numbers=("24", "76"))
    later = view("nv", "2020-02-23", 2, numbers=("24", "76", "36"))
    same_story = Similarity(topic=0.65, entities=0.65, numbers=0.9, wording=0.05)
    assert decide_origin(later, [(first, same_story)], {}, {}).link.relation == "original"
    next_day = view("nv", "2020-02-13", 2, numbers=("24", "76", "36"))
    assert decide_origin(next_day, [(first, same_story)], {}, {}).link.relation == "rewrite"


def test_a_paraphrase_crediting_the_outlet_is_a_rewrite_of_its_article():
    source = view("nbc", "2025-01-13", 1, site="NBC News", host="nbcnews.com")
    farm = view("farm", "2025-01-14", 2, declared_domain="nbcnews.com", site="newsfarm.example")
    decision = decide_origin(farm, [(source, Similarity(0.45, 0.7, 0.8, 0.05))], {}, {})
    assert decision.link.relation == "rewrite" and decision.link.origin_id == "nbc"


def test_an_article_crediting_an_outlet_not_stored_counts_as_that_outlet():
    farm = view("farm", "2025-01-14", 2, declared_domain="nbcnews.com", site="newsfarm.example")
    decision = decide_origin(farm, [], {}, {})
    assert decision.link.relation == "declared" and decision.link.origin_key == "outlet:nbcnews.com"


# -- stories -------------------------------------------------------------------------


def test_an_article_joins_the_story_it_resembles_within_the_window():
    member = view("m", "2024-05-01", 1, story_id=7)
    article = view("new", "2024-05-03", 2)
    joined = decide_story(article, [(member, Similarity(0.5, 0.6, 0.0, 0.0))])
    assert joined.story_id == 7 and joined.links == (("m", pytest.approx(0.55)),)
    alike_but_late = view("m", (date(2024, 5, 3).fromordinal(date(2024, 5, 3).toordinal() - WINDOW_DAYS - 1))
                          .isoformat(), 1, story_id=7)
    assert decide_story(article, [(alike_but_late, Similarity(0.9, 0.9, 0, 0))]).story_id is None
    unlike = decide_story(article, [(member, Similarity(JOIN_SCORE / 2, JOIN_SCORE / 2, 0, 0))])
    assert unlike.story_id is None and "below" in unlike.reason


def test_a_copy_joins_its_origins_story_whatever_its_similarity():
    decision = decide_story(view("c"), [], origin_story=3, origin_id="o")
    assert decision.story_id == 3 and "repeats" in decision.reason


def test_bcubed_rewards_exact_partitions_and_penalises_merges():
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold)["f1"] == 1.0
    merged = bcubed({"a": "x", "b": "x", "c": "x"}, gold)
    assert merged["recall"] == 1.0 and merged["precision"] < 1.0
    split = bcubed({}, gold)  # every article alone
    assert split["precision"] == 1.0 and split["recall"] < 1.0


# -- figures -------------------------------------------------------------------------


def estimate(article: str, low: float | None, high: float | None, *, key: str | None = None,
             modality: str = "asserted", source: str | None = None, kind: str = "article",
             day: str = "2025-01-10", time: str | None = None, counted: str = "soldiers",
             country: str | None = None, relation: str = "original") -> Estimate:
    return Estimate(
        article_id=article, claim_id="c1", title=None, published=day, origin_key=key or f"article:{article}",
        relation=relation, low=low, high=high, approximate=False, qualifier=None, counted=counted,
        modality=modality, source_text=source, source_kind=kind, source_key=None, source_country=country,
        time_text=None, time_start=time, time_end=None, evidence="…", evidence_start=0, evidence_end=1,
    )


def test_counted_heads_merge_synonyms_and_plurals():
    assert counted_head("North Korean soldiers") == counted_head("troops") == "troops"
    assert counted_head("people") == counted_head("persons") == "people"
    assert counted_head("civilians") == "civilian" and counted_head("cases") == "case"
    assert counted_head(None) == "-"


def test_reconcile_collapses_copies_and_counts_sources_once():
    estimates = [
        estimate("nbc", 300, 300, source="officials", kind="unnamed"),
        estimate("farm", 300, 300, key="article:nbc", source="officials", kind="unnamed", relation="rewrite"),
        estimate("ap", 4000, 4000, source="Zelenskyy", kind="named", modality="estimated"),
        estimate("bbc", 4000, 4000, source="Zelenskyy", kind="named", modality="estimated"),
    ]
    figure = reconcile("k", "killed", "North Korea", "troops", estimates)
    assert len(figure.reports) == 3  # the farm's copy folds into NBC's report
    assert figure.n_sources == 2  # officials via NBC, and Zelenskyy however often quoted
    assert (figure.low, figure.high) == (300, 4000)
    assert figure.best == 300  # asserted/reported outranks an estimate
    assert "asserted" in figure.best_basis and not figure.single_source
    assert any("hedged" in note for note in figure.disagreements)


def test_reconcile_takes_the_latest_count_and_explains_time_and_sides():
    estimates = [
        estimate("a", 100, 100, day="2025-01-01", source="Kyiv", kind="named", country="UA"),
        estimate("b", 250, 250, day="2025-02-01", source="Moscow", kind="named", country="RU"),
    ]
    figure = reconcile("k", "killed", None, "troops", estimates)
    assert figure.best == 250 and figure.history[0]["as_of"] == "2025-01-01"
    notes = " ".join(figure.disagreements)
    assert "different times" in notes and "higher" in notes and "different sides" in notes


def test_reconcile_keeps_denials_out_of_the_range_and_flags_open_highs():
    estimates = [
        estimate("a", 107, None),
        estimate("b", 5000, 5000, modality="denied", source="ministry", kind="named"),
    ]
    figure = reconcile("k", "killed", None, "people", estimates)
    assert (figure.low, figure.best, figure.high, figure.high_open) == (107, 107, 107, True)
    assert figure.single_source and len(figure.reports) == 2


def test_estimates_without_a_subject_join_the_only_subject_there_is():
    from sitrep.picture.figures import split_by_subject

    a, b, c = estimate("a", 1, 1), estimate("b", 2, 2), estimate("c", 3, 3)
    assert [(s, len(g)) for s, g in split_by_subject([("iso3166:RU", a), (None, b)])] == [("iso3166:RU", 2)]
    two = split_by_subject([("iso3166:US", a), ("iso3166:KR", b), (None, estimate("c", 50, 50))])
    assert [(s, len(g)) for s, g in two] == [("iso3166:KR", 1), ("iso3166:US", 1), (None, 1)]
    near = split_by_subject([("iso3166:US", estimate("a", 6000, 6000)), ("iso3166:RU", estimate("b", 150000, 150000)),
                             (None, estimate("c", 175000, 175000))])
    assert [(s, len(g)) for s, g in near] == [("iso3166:RU", 2), ("iso3166:US", 1)]


def test_unnamed_amounts_group_only_with_the_same_value():
    from sitrep.picture.figures import split_by_value

    amounts = [estimate(str(n), v, v, counted=None) for n, v in enumerate((650e6, 82e6, 660e6, 1.4e12))]
    assert [[e.low for e in g] for g in split_by_value(amounts)] == [[82e6], [650e6, 660e6], [1.4e12]]


# -- the picture in the store --------------------------------------------------------


def analysed(paths: list[str], tmp_path: Path) -> dict[str, Article]:
    from sitrep.pipeline import Pipeline
    from sitrep.readers import iter_documents
    from sitrep.settings import Settings

    settings = Settings(db_url=f"sqlite:///{tmp_path / 'unused.db'}")
    items = Pipeline(settings).run(iter_documents(paths, settings))
    return {item.input: item for item in items if isinstance(item, Article)}


@pytest.fixture(scope="module")
def rewrite_articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Article], list[dict]]:
    if not WIKINEWS.exists():
        pytest.skip("../shared/corpus/wikinews.jsonl is not there")
    index = json.loads((FIXTURES / "index.json").read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("rewrites")
    wanted = {entry["origin"] for entry in index if entry["origin"]}
    with WIKINEWS.open(encoding="utf-8") as corpus:
        lines = [line for line in corpus if json.loads(line)["id"] in wanted]
    (folder / "origins.jsonl").write_text("".join(lines), encoding="utf-8")
    paths = [str(folder / "origins.jsonl")] + [str(FIXTURES / entry["fixture"]) for entry in index]
    return analysed(paths, folder), index


def _fill(store, articles: list[Article]) -> None:
    from sitrep.picture.update import PictureUpdater

    updater = PictureUpdater(store)
    for article in articles:
        store.save(article)
        updater.add(article)


def _origins(store) -> dict[str, tuple[str, str | None, int]]:
    from sitrep.store import schema as s

    with store.snapshot("test") as conn:
        rows = conn.execute(
            select(s.inputs.c.input, s.origins.c.relation, s.origins.c.origin_key, s.story_articles.c.story_id)
            .join(s.origins, s.origins.c.article_id == s.inputs.c.article_id)
            .join(s.story_articles, s.story_articles.c.article_id == s.inputs.c.article_id)
        ).all()
    return {Path(r.input).name: (r.relation, r.origin_key, r.story_id) for r in rows}


@pytest.mark.parametrize("origins_first", [True, False], ids=["origins-first", "copies-first"])
def test_every_rewrite_traces_to_its_origin_in_either_order(store, rewrite_articles, origins_first):
    articles, index = rewrite_articles
    originals = [a for name, a in articles.items() if name.startswith("wikinews")]
    copies = [a for name, a in articles.items() if not name.startswith("wikinews")]
    _fill(store, originals + copies if origins_first else copies + originals)
    found = _origins(store)
    for entry in index:
        relation, key, story = found[entry["fixture"]]
        if entry["origin"] is None:
            assert relation == "original", entry
            continue
        origin_relation, origin_key, origin_story = found[entry["origin"]]
        assert origin_relation == "original" and key == origin_key, (entry, found[entry["fixture"]])
        assert relation in ("copy", "rewrite") and story == origin_story, entry
    assert found["quake-a.txt"][2] != found["quake-b.txt"][2]  # alike, but two incidents


def test_rewrites_do_not_count_as_independent_sources(store, rewrite_articles):
    from sitrep.picture.read import find_figures, get_story, list_stories

    articles, _ = rewrite_articles
    _fill(store, list(articles.values()))
    figures = find_figures(store, measure="killed")
    by_article = {Path(a.input).name: a.id for a in articles.values()}
    jet = [f for f in figures if any(e["article"] == by_article["wikinews-vat-2020-0008"]
                                     for r in f.reports for e in r.to_record()["articles"])]
    assert jet, [f.key for f in figures]
    for figure in jet:
        assert figure.n_sources == 1 and figure.single_source  # four articles, one report
        assert sum(len(r.estimates) for r in figure.reports) >= 2
    story_id = _origins(store)["wikinews-vat-2020-0008"][2]
    story = get_story(store, story_id)
    assert story["independent_reports"] == 1 and len(story["articles"]) == 4
    assert story["timeline"] and all(e["date"] is None or e["date"] >= "2019" for e in story["timeline"])
    assert any(s.id == story_id for s in list_stories(store, limit=50))


def test_rebuild_reproduces_the_picture(store, rewrite_articles):
    from sitrep.picture.update import rebuild

    articles, _ = rewrite_articles
    _fill(store, list(articles.values()))
    before = {name: (rel, key) for name, (rel, key, _) in _origins(store).items()}
    assert rebuild(store) == (len(articles), [])
    assert {name: (rel, key) for name, (rel, key, _) in _origins(store).items()} == before


def test_adding_an_article_twice_changes_nothing(store, rewrite_articles):
    from sitrep.picture.update import PictureUpdater

    articles, _ = rewrite_articles
    article = next(iter(articles.values()))
    store.save(article)
    updater = PictureUpdater(store)
    updater.add(article)
    assert updater.add(article)["status"] == "already in the picture"


def test_entries_long_before_the_story_are_background():
    from sitrep.picture.read import _split_background

    entries = [{"date": "2014-02-20"}, {"date": "2022-02-10"}, {"date": "2022-02-24"}, {"date": None}]
    timeline, background = _split_background(entries, "2022-02-18")
    assert [e["date"] for e in background] == ["2014-02-20"]
    assert [e["date"] for e in timeline] == ["2022-02-10", "2022-02-24", None]
