"""The command line, end to end: analyze, ingest, articles, show."""

import gzip
import json

from click.testing import CliRunner

from sitrep.cli import main

STORY = "Storm Hits Coast\n\nBy Jane Doe\n\nThe storm made landfall overnight, forecasters said on Sunday.\n\nShare this article"


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def test_analyze_one_file_prints_one_record(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    result = run("analyze", str(path), "--json", "--date", "2024-05-06")
    record = json.loads(result.stdout)
    assert result.exit_code == 0
    assert record["input"] == str(path)
    assert record["metadata"]["byline"] == ["Jane Doe"]
    assert record["metadata"]["published"] == "2024-05-06"
    assert record["boilerplate"] == ["By Jane Doe", "Share this article"]


def test_analyze_stdin(tmp_path):
    result = run("analyze", "-", "--json", input=STORY)
    assert json.loads(result.stdout)["metadata"]["title"] == "Storm Hits Coast"


def test_analyze_many_inputs_prints_json_lines_in_input_order(tmp_path):
    lines = [
        {"id": "b-2", "text": "Second story here.\n\nFirefighters contained the blaze by noon, officials said."},
        {"id": "a-1", "html": "<html><body><article><p>" + "Rescuers reached the village on foot, the army said. " * 8 + "</p></article></body></html>"},
        {"id": "c-3"},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    single = tmp_path / "z.txt"
    single.write_text(STORY)
    result = run("analyze", str(batch), str(single), "--json")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in records] == ["b-2", "a-1", "c-3", str(single)]
    assert "error" in records[2] and "text" not in records[2]
    assert records[1]["text"].startswith("Rescuers reached the village")
    assert result.exit_code == 1  # one input failed; the others were still printed


def test_ingest_is_idempotent_and_reports_failures(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "one.txt").write_text(STORY)
    (corpus / "two.txt").write_text("Bridge Reopens\n\nThe bridge reopened to traffic on Monday after repairs, the city said.")
    (corpus / "copy.txt").write_text(STORY)
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (corpus / "cut.txt.gz").write_bytes(gzip.compress(STORY.encode())[:-12])
    db = tmp_path / "sitrep.db"
    first = json.loads(run("ingest", str(corpus), "--db", str(db), "--json").stdout)
    assert (first["new"], first["duplicate"], first["failed"]) == (2, 1, 2)
    assert {f["error"] for f in first["failures"]} == {"binary", "truncated"}
    again = json.loads(run("ingest", str(corpus), "--db", str(db), "--json").stdout)
    assert (again["new"], again["duplicate"]) == (0, 3)

    listing = [json.loads(line) for line in run("articles", "--db", str(db), "--json").stdout.splitlines()]
    assert sorted(row["title"] for row in listing) == ["Bridge Reopens", "Storm Hits Coast"]
    shown = json.loads(run("show", listing[0]["id"][:10], "--db", str(db), "--json").stdout)
    assert shown["id"] == listing[0]["id"]


def test_ingest_human_summary(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    result = run("ingest", str(path), "--db", str(tmp_path / "s.db"))
    assert "1 new, 0 duplicate, 0 failed" in result.stdout


def test_show_unknown_id_fails_clearly(tmp_path):
    result = CliRunner().invoke(main, ["show", "abcdef", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1


def test_claims_and_quotes_listing_from_the_store(tmp_path):
    story = tmp_path / "clash.txt"
    story.write_text(
        "Border Clash Leaves Dozens Dead\n\n"
        "At least 40 soldiers were killed and 75 wounded in the clash on Tuesday, the defence ministry said.\n\n"
        "\u201cWe will respond,\u201d the minister, Anna Berg, told reporters."
    )
    db = str(tmp_path / "s.db")
    run("ingest", str(story), "--db", db, "--date", "2024-06-06")
    killed = [json.loads(line) for line in run("claims", "--db", db, "--measure", "killed", "--json").stdout.splitlines()]
    assert [(c["low"], c["high"], c["counted"], c["source_kind"]) for c in killed] == [(40, None, "soldiers", "named")]
    assert killed[0]["time_start"] == "2024-06-04"
    assert "At least 40 soldiers" in killed[0]["evidence"]
    assert run("claims", "--db", db, "--source", "nobody", "--json").stdout == ""
    quotes = [json.loads(line) for line in run("quotes", "--db", db, "--json").stdout.splitlines()]
    assert any(q["text"] == "We will respond," or q["text"].startswith("We will respond") for q in quotes)


def test_entities_and_events_listing_from_the_store(tmp_path):
    story = tmp_path / "strike.txt"
    story.write_text(
        "Strike On Port\n\n"
        "Russia fired missiles at Odesa on Monday, Ukrainian officials said. "
        "President Volodymyr Zelenskyy condemned the strike. Zelenskyy said air defences shot down most of them."
    )
    db = str(tmp_path / "s.db")
    run("ingest", str(story), "--db", db, "--date", "2024-06-06")
    people = [json.loads(line) for line in run("entities", "--db", db, "--type", "person", "--json").stdout.splitlines()]
    assert [(p["name"], p["mentions"]) for p in people] == [("Volodymyr Zelenskyy", 2)]
    places = {json.loads(line)["name"]: json.loads(line) for line in run("entities", "--db", db, "--json").stdout.splitlines()}
    assert places["Russia"]["kb_key"] == "iso3166:RU"
    assaults = [json.loads(line) for line in run("events", "--db", db, "--actor", "russia", "--json").stdout.splitlines()]
    assert assaults[0]["type"] == "ASSAULT" and assaults[0]["target"] == "Odesa"


def test_ingest_and_list_on_sqlite_and_postgresql(new_store_location, tmp_path):
    """The same commands against either store: a path or URL in --db is all it takes."""
    loc = new_store_location
    db = loc.url if loc.schema is None else f"{loc.url}?schema={loc.schema}"
    story = tmp_path / "story.txt"
    story.write_text("Flood Hits Town\n\nAt least 12 people were killed in the flood on Sunday, officials said.")
    first = json.loads(run("ingest", str(story), "--db", db, "--json", "--date", "2024-04-02").stdout)
    again = json.loads(run("ingest", str(story), "--db", db, "--json").stdout)
    assert (first["new"], again["duplicate"]) == (1, 1)
    [claim] = [json.loads(line) for line in run("claims", "--db", db, "--json").stdout.splitlines()]
    assert (claim["measure"], claim["low"], claim["source_text"], claim["time_start"]) == ("killed", 12, "officials", "2024-03-31")


def test_name_filters_match_whole_words(tmp_path):
    story = tmp_path / "two.txt"
    story.write_text(
        "Two Stories\n\n"
        "Iran said 12 soldiers were killed in the attack on Monday. "
        "Wiranto said 40 protesters were arrested in Jakarta on Tuesday."
    )
    db = str(tmp_path / "s.db")
    run("ingest", str(story), "--db", db, "--date", "2024-06-06")
    by_iran = [json.loads(line) for line in run("claims", "--db", db, "--source", "iran", "--json").stdout.splitlines()]
    assert [c["source_text"] for c in by_iran] == ["Iran"]


def test_ingest_with_worker_processes_stores_the_same_analysis(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"{n}.txt").write_text(f"Story {n}\n\nAt least {n + 2} people were injured in the blast, police said.")
    (corpus / "bad.bin").write_bytes(b"\x00\x01\x02" * 100)
    report = json.loads(run("ingest", str(corpus), "--db", str(tmp_path / "w.db"), "--workers", "2", "--json").stdout)
    assert (report["new"], report["failed"]) == (3, 1)
    values = sorted(json.loads(line)["low"] for line in run("claims", "--db", str(tmp_path / "w.db"), "--json").stdout.splitlines())
    assert values == [2, 3, 4]
