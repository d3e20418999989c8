"""The `sitrep` command line: a thin layer over readers, the pipeline and the store."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from dataclasses import replace
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sitrep.ingest import IngestReport, count_inputs, ingest
from sitrep.model import Article, InputFailure, number_text
from sitrep.pipeline import Pipeline
from sitrep.readers import iter_documents
from sitrep.settings import Settings

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def _settings(db: str | None = None, date: str | None = None) -> Settings:
    settings = Settings()
    if db:
        settings = replace(settings, db_url=db if "://" in db else f"sqlite:///{db}")
    if date:
        settings = replace(settings, default_published=date)
    return settings


def _dump(record: dict[str, Any], indent: int | None = None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent)


def _query(db: str | None, query: Any, **filters: Any) -> list[Any]:
    """Run one cross-article listing (`sitrep.store.queries`) against the store."""
    from sitrep.store import open_store

    with open_store(_settings(db).db_url) as store:
        return query(store, **filters)


def _json_lines(rows: list[Any]) -> None:
    for row in rows:
        click.echo(_dump(row.to_record()))


db_option = click.option("--db", metavar="URL|PATH", help="Database URL or SQLite file (default: the user data dir, or $SITREP_DB).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
date_option = click.option("--date", metavar="YYYY-MM-DD", help="Publication date for inputs that carry none.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
def main() -> None:
    """Sitrep reads news and gives back a sourced situation picture."""
    # trafilatura warns on every page it finds empty; our per-input errors say it better.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@json_option
@date_option
def analyze(inputs: tuple[str, ...], as_json: bool, date: str | None) -> None:
    """Analyse articles (files, directories, JSONL, feeds, WARC, URLs, - for stdin).

    One input prints one record; several print one JSON record per line, in input
    order, each with its `input`. A failed input prints {"input", "error", "reason"}.
    """
    settings = _settings(date=date)
    pipeline = Pipeline(settings)
    results = list(pipeline.run(iter_documents(inputs, settings)))
    single = len(results) == 1
    for result in results:
        if isinstance(result, InputFailure):
            err.print(f"[red]error[/red] {result.reason}")
            if as_json:
                click.echo(_dump(result.to_record()))
        elif as_json:
            click.echo(_dump(result.to_record(), indent=2 if single else None))
        else:
            _print_article(result)
    failures = sum(isinstance(result, InputFailure) for result in results)
    if results and failures == len(results):
        sys.exit(2)
    if failures:
        sys.exit(1)


def _print_article(article: Article) -> None:
    m = article.metadata
    out.rule(f"[bold]{m.title or article.input}")
    table = Table.grid(padding=(0, 2))
    origin = m.original_source
    for label, value in [
        ("input", article.input),
        ("id", article.id[:16]),
        ("byline", ", ".join(m.byline) or "—"),
        ("published", m.published or "—"),
        ("site", m.site or "—"),
        ("original source", f"{origin.name} ({origin.domain})" if origin else "—"),
        ("language", m.language or "—"),
        ("paragraphs", str(article.text.count("\n\n") + 1)),
        ("boilerplate removed", " · ".join(b[:40] for b in article.boilerplate) or "—"),
    ]:
        table.add_row(f"[dim]{label}", value)
    out.print(table)


@main.command(name="ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@date_option
@json_option
@click.option("--workers", default=1, show_default=True, help="Processes for the language stages.")
def ingest_command(inputs: tuple[str, ...], db: str | None, date: str | None, as_json: bool, workers: int) -> None:
    """Analyse inputs and store them: N new, N duplicate, N failed (with reasons)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    settings = _settings(db, date)
    total = count_inputs(inputs)
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), console=err, transient=True, disable=as_json,
    ) as progress:
        task = progress.add_task("ingest", total=total, rate="")

        def advance(report: IngestReport) -> None:
            progress.update(task, completed=report.seen, rate=f"{report.rate:.1f} art/s")

        report = ingest(inputs, settings, on_progress=advance, workers=workers)
    if as_json:
        click.echo(_dump(report.to_record(), indent=2))
        return
    out.print(f"{report.new} new, {report.duplicate} duplicate, {len(report.failures)} failed"
              f"  ({report.seen} inputs in {report.seconds:.1f}s, {report.rate:.1f} articles/s)")
    reasons = Counter(failure.error for failure in report.failures)
    for failure in report.failures[:20]:
        out.print(f"  [red]{failure.error}[/red] {failure.reason}")
    if len(report.failures) > 20:
        out.print(f"  … and {len(report.failures) - 20} more ({dict(reasons)})")


@main.command()
@db_option
@json_option
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles published on or after this date.")
def articles(db: str | None, as_json: bool, limit: int, offset: int, since: str | None) -> None:
    """List stored articles, newest first."""
    from sitrep.store import open_store

    with open_store(_settings(db).db_url) as store:
        rows = store.list_articles(limit=limit, offset=offset, since=since)
        total = store.count()
    if as_json:
        return _json_lines(rows)
    table = Table(title=f"{len(rows)} of {total} articles")
    for column in ("id", "published", "title", "site", "original source"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.id[:12], row.published or "", row.title or row.input, row.site or "",
                      row.original_source_name or "")
    out.print(table)


@main.command()
@click.argument("article_id")
@db_option
@json_option
def show(article_id: str, db: str | None, as_json: bool) -> None:
    """Show one stored article (by id, id prefix or input)."""
    from sitrep.store import open_store

    from sitrep.picture.read import article_picture

    with open_store(_settings(db).db_url) as store:
        article = store.get(article_id)
        picture = article_picture(store, article.id) if article is not None else None
    if article is None:
        err.print(f"[red]no article[/red] matches {article_id!r}")
        sys.exit(1)
    if as_json:
        # The analysis record of the contract, plus where the article stands across articles.
        click.echo(_dump({**article.to_record(), "picture": picture}, indent=2))
        return
    _print_article(article)
    if picture:
        origin = picture["origin"]
        derived = f" of {origin['of'][:12]}" if origin["of"] else ""
        out.print(f"[dim]origin:[/dim] {origin['relation']}{derived} ({origin['reason']}); "
                  f"repeated by {picture['repeated_by']} stored articles")
        out.print(f"[dim]story:[/dim] #{picture['story']['id']} {picture['story']['title'] or ''}")
    out.print()
    out.print(article.text)


def _value_text(low: float | None, high: float | None, approximate: bool, qualifier: str | None) -> str:
    number = number_text
    if low is not None and high is not None and low != high:
        text = f"{number(low)}–{number(high)}"
    elif low is not None and high is None:
        text = f"≥{number(low)}"
    elif low is None and high is not None:
        text = f"≤{number(high)}"
    else:
        text = number(low)
    if qualifier:
        text += f" ({qualifier})"
    elif approximate:
        text += " (approx.)"
    return text


@main.command(name="claims")
@db_option
@json_option
@click.option("--measure", help="killed, wounded, casualties, deployed, … (exact)")
@click.option("--source", help="Text the source contains, e.g. Zelenskyy.")
@click.option("--article", metavar="ID|INPUT", help="One article: id, id prefix or input label.")
@click.option("--limit", default=50, show_default=True)
def claims_command(db: str | None, as_json: bool, measure: str | None, source: str | None,
                   article: str | None, limit: int) -> None:
    """List stored claims, each with its evidence sentence."""
    from sitrep.store.queries import list_claims

    rows = _query(db, list_claims, measure=measure, source=source, article=article, limit=limit)
    if as_json:
        return _json_lines(rows)
    out.print(f"[bold]{len(rows)} claims")
    for row in rows:
        source_text = f"{row.source_text or 'the article'} ({row.source_kind})"
        when = ""
        if row.time_text:
            when = f", {row.time_text}" + (f" → {row.time_start}" if row.time_start else "")
            if row.time_end and row.time_end != row.time_start:
                when += f"…{row.time_end}"
        out.print(f"\n[bold]{_value_text(row.low, row.high, row.approximate, row.qualifier)}[/bold] "
                  f"{row.measure} · {row.counted or '—'} · {source_text} · {row.modality}{when}")
        out.print(f"  [dim]{row.title or row.article_id[:12]}:[/dim] {row.evidence}")


@main.command(name="quotes")
@db_option
@json_option
@click.option("--speaker", help="Text the speaker's name contains.")
@click.option("--article", metavar="ID|INPUT", help="One article: id, id prefix or input label.")
@click.option("--limit", default=50, show_default=True)
def quotes_command(db: str | None, as_json: bool, speaker: str | None, article: str | None, limit: int) -> None:
    """List stored quotes with their speakers."""
    from sitrep.store.queries import list_quotes

    rows = _query(db, list_quotes, speaker=speaker, article=article, limit=limit)
    if as_json:
        return _json_lines(rows)
    table = Table(title=f"{len(rows)} quotes", show_lines=True)
    for column in ("speaker", "cue", "kind", "quote"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.speaker_text or "?", row.cue or "", "direct" if row.direct else "indirect", row.text)
    out.print(table)


@main.command(name="entities")
@db_option
@json_option
@click.option("--type", "entity_type", help="PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, WEAPON, OTHER")
@click.option("--name", help="Text the entity's name contains.")
@click.option("--limit", default=50, show_default=True)
def entities_command(db: str | None, as_json: bool, entity_type: str | None, name: str | None, limit: int) -> None:
    """Entities across stored articles, most seen first."""
    from sitrep.store.queries import list_entities

    rows = _query(db, list_entities, type=entity_type, name=name, limit=limit)
    if as_json:
        return _json_lines(rows)
    table = Table(title=f"{len(rows)} entities")
    for column in ("name", "type", "identity", "articles", "mentions"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.name, row.type, row.kb_key, str(row.articles), str(row.mentions))
    out.print(table)


@main.command(name="events")
@db_option
@json_option
@click.option("--type", "event_type", help="A PLOVER type: ASSAULT, MOBILIZE, CONSULT, …")
@click.option("--actor", help="Text the actor's name contains, e.g. \"North Korea\".")
@click.option("--article", metavar="ID|INPUT", help="One article: id, id prefix or input label.")
@click.option("--limit", default=50, show_default=True)
def events_command(db: str | None, as_json: bool, event_type: str | None, actor: str | None,
                   article: str | None, limit: int) -> None:
    """Stored events — who did what to whom — with their evidence."""
    from sitrep.store.queries import list_events

    rows = _query(db, list_events, type=event_type, actor=actor, article=article, limit=limit)
    if as_json:
        return _json_lines(rows)
    out.print(f"[bold]{len(rows)} events")
    for row in rows:
        who = f"{row.actor or '?'} → {row.target or '—'}"
        extra = ", ".join(x for x in (row.modality, row.source_text and f"per {row.source_text}", row.time_text) if x)
        out.print(f"\n[bold]{row.type}[/bold] ({row.mode or ''}) {who} · {extra}")
        out.print(f"  [dim]{row.title or row.article_id[:12]}:[/dim] {row.evidence}")


# The situation-picture commands register themselves on `main` (import for effect).
from sitrep import cli_picture  # noqa: E402,F401
