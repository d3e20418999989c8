"""`sitrep stories | story | figures | entity | picture`: the situation picture on the command line.

Registered on the `sitrep` group by `sitrep.cli` (kept apart so that module stays
about single articles and listings of their rows).
"""

from __future__ import annotations

from typing import Any

import click

from sitrep.cli import _dump, _query, _settings, _value_text, db_option, err, json_option, main, out
from sitrep.model import number_text


def _printed_as_json(record: dict[str, Any] | None, as_json: bool, missing: str) -> bool:
    """Exit 1 with `missing` if there is no record; print it as JSON if asked."""
    if record is None:
        err.print(f"[red]{missing}")
        raise SystemExit(1)
    if as_json:
        click.echo(_dump(record, indent=2))
    return as_json


@main.command()
@db_option
@json_option
@click.option("--since", metavar="YYYY-MM-DD", help="Only stories active on or after this date.")
@click.option("--entity", help="Only stories mentioning this entity, e.g. \"North Korea\".")
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0, show_default=True)
def stories(db: str | None, as_json: bool, since: str | None, entity: str | None, limit: int, offset: int) -> None:
    """Stories, most recently active first: title, dates, articles, sources, key figures."""
    from sitrep.picture.read import list_stories

    rows = _query(db, list_stories, since=since, entity=entity, limit=limit, offset=offset)
    if as_json:
        for row in rows:
            click.echo(_dump(row.to_record()))
        return
    out.print(f"[bold]{len(rows)} stories")
    for row in rows:
        days = (row.first_day or "undated") if row.first_day == row.last_day \
            else f"{row.first_day or '?'} → {row.last_day or '?'}"
        out.print(f"\n[bold]#{row.id}[/bold] {row.title or '(untitled)'}")
        out.print(f"  {days} · {row.articles} articles · {row.reports} independent reports · "
                  f"{', '.join(row.sites[:4]) or 'no site'}")
        if row.entities:
            out.print(f"  [dim]entities:[/dim] {', '.join(row.entities)}")
        for line in row.key_figures:
            out.print(f"  [dim]figure:[/dim] {line}")


@main.command()
@click.argument("story_id", type=int)
@db_option
@json_option
def story(story_id: int, db: str | None, as_json: bool) -> None:
    """One story: its timeline of events and figures, its articles and sources."""
    from sitrep.picture.read import get_story

    record = _query(db, get_story, story_id=story_id)
    if _printed_as_json(record, as_json, f"no story {story_id}"):
        return
    out.print(f"[bold]#{record['id']} {record['title'] or ''}")
    out.print(f"{record['first_day'] or 'undated'} → {record['last_day'] or 'undated'} · {len(record['articles'])} articles · "
              f"{record['independent_reports']} independent reports")
    out.print(f"[dim]entities:[/dim] {', '.join(record['entities'])}")
    out.print("\n[bold]Timeline")
    if record["timeline_cut"]:
        out.print(f"  [dim]… {record['timeline_cut']} earlier entries left out[/dim]")
    for entry in record["timeline"]:
        _print_entry(entry)
    if record["background"]:
        out.print(f"\n[bold]Background[/bold] [dim](dated before the story: {len(record['background'])} "
                  "events and figures the articles recall)")
        for entry in record["background"][-10:]:
            _print_entry(entry)
    out.print("\n[bold]Figures")
    for figure in record["figures"]:
        _print_figure(figure)
    out.print("\n[bold]Articles")
    for article in record["articles"]:
        origin = article["origin"]
        derived = f" · {origin['relation']} of {origin['of'][:12]}" if origin["of"] else ""
        out.print(f"  {article['published'] or 'undated'}  {article['title'] or article['input']} "
                  f"[dim]({article['site'] or '?'}{derived})[/dim]")


def _print_entry(entry: dict[str, Any]) -> None:
    mark = "" if entry["date_from"] in ("event", "claim") else " (published)"
    if entry["kind"] == "event":
        who = f"{entry['actor'] or '?'} → {entry['target'] or '—'}"
        what = f"{entry['type']} {entry['mode'] or ''} {who} · {entry['modality']}"
    else:
        value = _value_text(entry["low"], entry["high"], False, entry["qualifier"])
        what = f"{entry['measure']} {value} {entry['counted'] or ''} · {entry['modality']}" + \
            (f" per {entry['source']}" if entry["source"] else "")
    out.print(f"  {entry['date'] or 'undated'}{mark}  {what}")


def _print_figure(figure: dict[str, Any]) -> None:
    subject = f" of {figure['subject']}" if figure["subject"] else ""
    high = number_text(figure["high"]) + ("+" if figure["high_open"] else "")
    out.print(f"\n  [bold]{figure['measure']} {figure['counted']}{subject}[/bold]: low {number_text(figure['low'])} · "
              f"best {number_text(figure['best'])} · high {high}")
    flag = " [yellow]single source[/yellow]" if figure["single_source"] else ""
    out.print(f"    {figure['independent_sources']} independent sources, {figure['reports']} reports, "
              f"{figure['articles']} articles{flag}; best = {figure['best_basis']}")
    for note in figure["disagreements"]:
        out.print(f"    [dim]{'note' if note.startswith('other scope') else 'why they differ'}:[/dim] {note}")
    for estimate in figure["estimates"]:
        value = _value_text(estimate["low"], estimate["high"], estimate["approximate"], estimate["qualifier"])
        source = estimate["source"]["text"] or "the article"
        copies = len(estimate["articles"])
        out.print(f"    • {value} ({estimate['modality']}, {source}, as of {estimate['as_of'] or '?'}"
                  f"{'' if copies == 1 else f', in {copies} articles'})")
        out.print(f"      [dim]{estimate['articles'][0]['evidence']['sentence'][:160]}[/dim]")


@main.command()
@db_option
@json_option
@click.option("--subject", help="The entity the figures are about, e.g. \"North Korea\".")
@click.option("--measure", help="killed, wounded, casualties, deployed, weapons, money, …")
@click.option("--story", "story_id", type=int, help="Only figures of this story.")
@click.option("--limit", default=20, show_default=True)
def figures(db: str | None, as_json: bool, subject: str | None, measure: str | None, story_id: int | None,
            limit: int) -> None:
    """Every estimate of one quantity, reconciled: low / best / high, sources, why they differ."""
    from sitrep.picture.read import find_figures

    found = _query(db, find_figures, subject=subject, measure=measure, story=story_id, limit=limit)
    if as_json:
        for figure in found:
            click.echo(_dump(figure.to_record()))
        return
    out.print(f"[bold]{len(found)} figures")
    for figure in found:
        _print_figure(figure.to_record())


@main.command()
@click.argument("name")
@db_option
@json_option
def entity(name: str, db: str | None, as_json: bool) -> None:
    """Profile of one entity: names, mentions over time, roles, related entities, events."""
    from sitrep.picture.read import entity_profile

    profile = _query(db, entity_profile, name=name)
    if _printed_as_json(profile, as_json, f"no entity named {name!r}"):
        return
    out.print(f"[bold]{profile['name']}[/bold] ({profile['type']}, {profile['key']})")
    out.print(f"  {profile['articles']} articles, {profile['mentions']} mentions; also: "
              f"{', '.join(profile['mentioned_as'][:8])}")
    if profile["roles"]:
        out.print(f"  roles: {', '.join(profile['roles'])}")
    out.print("  by month: " + ", ".join(f"{m} {n}" for m, n in profile["mentions_by_month"].items()))
    out.print("  related: " + ", ".join(f"{r['name']} ({r['articles']})" for r in profile["related"][:10]))
    for story_row in profile["stories"]:
        out.print(f"  story #{story_row['id']}: {story_row['title']} ({story_row['articles']} articles)")
    for figure in profile["figures"]:
        out.print(f"  figure: {figure['summary']}")
    if profile["events"]:
        out.print("[bold]Events")
    for event in profile["events"]:
        out.print(f"  {event['date'] or 'undated'}  {event['type']} {event['actor'] or '?'} → "
                  f"{event['target'] or '—'} ({event['role']}, {event['modality']})")


@main.command()
@db_option
@click.option("--rebuild", is_flag=True, required=True, help="Recompute stories, origins and figures from the stored articles.")
def picture(db: str | None, rebuild: bool) -> None:
    """Maintain the situation picture (it is otherwise updated by every ingest)."""
    from rich.progress import Progress

    from sitrep.picture.update import rebuild as rebuild_picture

    from sitrep.store import open_store

    with open_store(_settings(db).db_url) as store, Progress(console=err, transient=True) as progress:
        task = progress.add_task("rebuilding the picture", total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        count, errors = rebuild_picture(store, tick)
    err.print(f"rebuilt the picture from {count} articles")
    for error in errors:
        err.print(f"[red]not placed[/red] {error}")
    if errors:
        raise SystemExit(1)
