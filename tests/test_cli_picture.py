"""`sitrep stories | story | figures | entity | picture`, end to end on small texts written here."""

import json

from click.testing import CliRunner

from sitrep.cli import main

FIRST = (
    "Missiles Strike Port City\n\n"
    "Russia fired missiles at Odesa on Monday, killing at least 12 people, Ukrainian officials said. "
    "President Volodymyr Zelenskyy condemned the strike on the port. "
    "Regional governor Oleh Kiper said 40 people were wounded in the attack on Odesa."
)
# The same strike a day later, by another outlet, with an updated toll.
SECOND = (
    "Odesa Toll Rises After Russian Missile Strike\n\n"
    "The death toll from Monday's Russian missile strike on the port of Odesa has risen to 20 people, "
    "regional governor Oleh Kiper said on Tuesday. President Zelenskyy called the attack on Odesa a war crime, "
    "and Ukrainian officials said 40 people were wounded."
)
# A different story the same week.
OTHER = (
    "Parliament Passes Budget\n\n"
    "Lawmakers in Canberra passed the federal budget on Tuesday after a long debate, "
    "Australian Treasurer Jim Chalmers said, calling it a plan for lower inflation."
)


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _store(tmp_path):
    db = str(tmp_path / "s.db")
    for name, text, day in (("a.txt", FIRST, "2024-06-03"), ("b.txt", SECOND, "2024-06-04"), ("c.txt", OTHER, "2024-06-04")):
        (tmp_path / name).write_text(text)
        assert run("ingest", str(tmp_path / name), "--db", db, "--date", day).exit_code == 0
    return db


def test_stories_story_figures_and_entity(tmp_path):
    db = _store(tmp_path)
    stories = [json.loads(line) for line in run("stories", "--db", db, "--json").stdout.splitlines()]
    assert sorted(s["articles"] for s in stories) == [1, 2]
    odesa = next(s for s in stories if s["articles"] == 2)
    assert odesa["first_day"] == "2024-06-03" and odesa["last_day"] == "2024-06-04"
    assert "Odesa" in odesa["entities"] and odesa["reports"] == 2

    filtered = [json.loads(line) for line in run("stories", "--db", db, "--entity", "Odesa", "--json").stdout.splitlines()]
    assert [s["id"] for s in filtered] == [odesa["id"]]

    story = json.loads(run("story", str(odesa["id"]), "--db", db, "--json").stdout)
    assert sorted(a["input"].rsplit("/", 1)[-1] for a in story["articles"]) == ["a.txt", "b.txt"]
    dates = [e["date"] for e in story["timeline"] if e["date"]]
    assert dates == sorted(dates) and any(e["kind"] == "figure" for e in story["timeline"])
    assert all(e["date_from"] in ("event", "claim", "published") for e in story["timeline"])

    killed = [json.loads(line) for line in run("figures", "--db", db, "--measure", "killed", "--json").stdout.splitlines()]
    toll = next(f for f in killed if f["reports"] == 2)
    assert (toll["low"], toll["best"], toll["high"]) == (12, 20, 20)  # the later count is the best
    assert toll["independent_sources"] == 2 and not toll["single_source"]
    assert any("different times" in note for note in toll["disagreements"])
    assert {e["articles"][0]["evidence"]["sentence"][:12] for e in toll["estimates"]} >= {"Russia fired", "The death to"}

    text = run("story", str(odesa["id"]), "--db", db).stdout
    assert "Timeline" in text and "Figures" in text

    profile = json.loads(run("entity", "Zelenskyy", "--db", db, "--json").stdout)
    assert profile["name"] == "Volodymyr Zelenskyy" and profile["articles"] == 2
    assert profile["mentions_by_month"] == {"2024-06": 2}
    assert any(r["name"] == "Odesa" for r in profile["related"])


def test_unknown_story_and_entity_fail_clearly(tmp_path):
    db = _store(tmp_path)
    assert run("story", "999", "--db", db).exit_code == 1
    missing = CliRunner().invoke(main, ["entity", "Nobody Atall", "--db", db])
    assert missing.exit_code == 1 and "no entity" in missing.stderr


def test_picture_rebuild_keeps_the_stories(tmp_path):
    db = _store(tmp_path)
    before = sorted(json.loads(l)["articles"] for l in run("stories", "--db", db, "--json").stdout.splitlines())
    assert run("picture", "--rebuild", "--db", db).exit_code == 0
    after = sorted(json.loads(l)["articles"] for l in run("stories", "--db", db, "--json").stdout.splitlines())
    assert before == after == [1, 2]


def test_show_tells_the_origin_and_story(tmp_path):
    db = _store(tmp_path)
    record = json.loads(run("show", str(tmp_path / "a.txt"), "--db", db, "--json").stdout)
    assert record["picture"]["origin"]["relation"] == "original" and record["picture"]["story"]["id"]
    assert "story: #" in run("show", str(tmp_path / "a.txt"), "--db", db).stdout


def test_ingest_adds_articles_stored_before_the_picture_existed(tmp_path):
    from sqlalchemy import delete

    from sitrep.store import open_store
    from sitrep.store import schema as s

    db = _store(tmp_path)
    with open_store(f"sqlite:///{db}") as store, store.transaction("test") as conn:
        for table in reversed(s.PICTURE_TABLES):
            conn.execute(delete(table))
    assert run("stories", "--db", db, "--json").stdout == ""
    run("ingest", str(tmp_path / "a.txt"), "--db", db, "--date", "2024-06-03")  # a duplicate now
    stories = [json.loads(line) for line in run("stories", "--db", db, "--json").stdout.splitlines()]
    assert [s["articles"] for s in stories] == [1]


def test_a_bad_url_does_not_stop_the_ingest_or_the_picture(tmp_path):
    lines = [
        {"id": "bad", "url": "http://[bad/x", "date": "2024-06-03", "text": FIRST},
        {"id": "next", "date": "2024-06-04", "text": OTHER},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    db = str(tmp_path / "s.db")
    result = run("ingest", str(path), "--db", db, "--json")
    assert json.loads(result.stdout)["new"] == 2
    stories = [json.loads(line) for line in run("stories", "--db", db, "--json").stdout.splitlines()]
    assert sorted(s["inputs"][0] for s in stories) == ["bad", "next"]
