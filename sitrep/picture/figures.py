"""Figures: every estimate of one quantity, reconciled into low / best / high.

A *quantity* is one measure (killed, deployed…) of one counted object (troops,
civilians…) about one subject entity within one story: `figure_key` names it, and
is computed for each claim as the article joins its story. The reconciliation below
is a pure function of the estimates, run when a figure is read.

Reconciliation, after UCDP's low / best / high (Sundberg & Melander 2013: the best
estimate is the most reliable figure, low and high bound the credible range):

1. Repeats collapse first. Estimates from articles with one origin key (a report
   and its copies or rewrites) giving the same value for the same source are one
   *report*, which lists every article repeating it.
2. Denied estimates are shown, never used in the range.
3. `low` is the smallest lower bound, `high` the largest stated value (an open
   "at least 300" raises `low` only, and the figure says its high is open).
4. `best` is the median of the most credible, most recent reports: those of the
   best modality present (asserted or reported before estimated before possible or
   predicted) among the reports as of the latest date,
   because casualty and deployment counts grow and the latest credible count is the
   one an analyst quotes. Each report counts once whatever its number of copies.
5. Independent sources are counted after collapsing: a named source (Zelenskyy) is
   one source however many outlets quote him; an unnamed or article-asserted figure
   counts once per origin report.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitrep.model import day_of

# Reports this close to the latest one are "as of now" for the best estimate: tolls
# of a fast-moving event change daily, so even yesterday's count is history, not a
# rival; reports of the same day are rivals, and their median is the best.
RECENT_DAYS = 0
# Two values further apart than this ratio are a disagreement worth explaining.
DISAGREEMENT_RATIO = 1.1
_MODALITY_RANK = {"asserted": 0, "reported": 0, "estimated": 1, "possible": 2, "predicted": 2, "unknown": 2}

# Counted objects that name one quantity in different words.
_HEAD_SYNONYMS = {
    "person": "people", "persons": "people", "individual": "people", "victim": "people",
    "life": "people", "lives": "people", "resident": "people", "inhabitant": "people",
    "soldier": "troops", "troop": "troops", "serviceman": "troops", "servicemen": "troops",
    "servicemember": "troops", "personnel": "troops", "force": "troops", "forces": "troops",
    "fighter": "troops", "service member": "troops",
    # Words of the measure itself ("4,000 casualties", "56 deaths"): what they count is people.
    "casualty": "people", "death": "people", "dead": "people", "fatality": "people", "injury": "people",
    "injured": "people", "wounded": "people", "killed": "people",
}
_IRREGULAR = {"people": "people", "men": "man", "women": "woman", "children": "child", "lives": "life"}


def counted_head(counted: str | None) -> str:
    """The head noun of what a claim counts, singular and with synonyms merged."""
    if not counted:
        return "-"
    words = re.findall(r"[a-z]+", counted.lower())
    if not words:
        return "-"
    head = words[-1]
    if len(words) >= 2 and f"{words[-2]} {_singular(words[-1])}" in _HEAD_SYNONYMS:
        return _HEAD_SYNONYMS[f"{words[-2]} {_singular(words[-1])}"]
    head = _IRREGULAR.get(head) or _singular(head)
    return _HEAD_SYNONYMS.get(head, head)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def figure_key(story_id: int | None, measure: str, head: str, unit: str | None) -> str:
    """The stored grouping of a claim: story, measure and counted object.

    The subject is not part of it: the claim stage finds a subject for some claims of
    a quantity and not for others ("150,000 Russian troops", "150,000 troops"), so the
    split by subject is made when the figure is read (`split_by_subject`).
    """
    scope = f"story:{story_id}" if story_id is not None else "story:-"
    what = f"{head}|{unit}" if measure == "money" and unit else head
    return f"{scope}|{measure}|{what}"


# Without a counted object ("$650 million", "more than 2,000") a number is only known
# to be the same quantity as another when it has about the same value: a fact sheet's
# forty different dollar amounts are forty quantities, not rival estimates of one.
SAME_VALUE = 0.1


def split_by_subject(items: list[tuple[str | None, Estimate]]) -> list[tuple[str | None, list[Estimate]]]:
    """One group per subject; an estimate without one joins the subject it can only be.

    With one subject in the group, that one. With several (Russian and US troops in one
    war), the one whose estimates are within NEAR_RATIO of its value, if exactly one
    is; otherwise it stays in a group of its own.
    """
    subjects = sorted({subject for subject, _ in items if subject})
    if len(subjects) <= 1:
        return [(subjects[0] if subjects else None, [estimate for _, estimate in items])]
    groups: dict[str | None, list[Estimate]] = {}
    for subject, estimate in items:
        if subject:
            groups.setdefault(subject, []).append(estimate)
    for subject, estimate in items:
        if subject:
            continue
        near = [key for key in subjects if any(_near(estimate.point, other.point) for other in groups[key])]
        groups.setdefault(near[0] if len(near) == 1 else None, []).append(estimate)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))


# Two values within this ratio may be estimates of one quantity by different sources.
NEAR_RATIO = 2.0


def _near(a: float | None, b: float | None) -> bool:
    if not a or not b:
        return False
    return max(a, b) / min(a, b) <= NEAR_RATIO


def split_by_value(estimates: list[Estimate]) -> list[list[Estimate]]:
    """Estimates of an unnamed counted object, grouped by value (within SAME_VALUE)."""
    groups: list[list[Estimate]] = []
    for estimate in sorted(estimates, key=lambda e: e.point or 0.0):
        point = estimate.point or 0.0
        if groups and point <= (1 + SAME_VALUE) * (groups[-1][0].point or 0.0):
            groups[-1].append(estimate)
        else:
            groups.append([estimate])
    return groups


@dataclass
class Estimate:
    """One claim of a figure, as stored, with what reconciliation needs about it."""

    article_id: str
    claim_id: str
    title: str | None
    published: str | None
    origin_key: str
    relation: str
    low: float | None
    high: float | None
    approximate: bool
    qualifier: str | None
    counted: str | None
    modality: str
    source_text: str | None
    source_kind: str
    source_key: str | None  # kb_key of the named source entity
    source_country: str | None
    time_text: str | None
    time_start: str | None
    time_end: str | None
    evidence: str
    evidence_start: int
    evidence_end: int

    @property
    def as_of(self) -> tuple[str | None, str]:
        """The date the figure was given, and where that date comes from.

        A count is as of the day it was stated, which is the publication date: the
        claim's own time ("Monday's strike", "last October") says when the counted
        thing happened, not when it was counted, and is kept as `refers_to`. Without a
        publication date the claim's time is the best there is.
        """
        if self.published:
            return self.published[:10], "published"
        if self.time_end or self.time_start:
            return (self.time_end or self.time_start), "claim"
        return None, "unknown"

    @property
    def refers_to(self) -> str | None:
        """The time the counted thing happened, as an ISO date or interval, if the claim says."""
        if not self.time_start or not self.time_end or self.time_start == self.time_end:
            return self.time_start or self.time_end
        return f"{self.time_start}/{self.time_end}"

    @property
    def point(self) -> float | None:
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    @property
    def source_identity(self) -> str:
        """Who stands behind the number, for counting independent sources."""
        if self.source_kind == "named" and (self.source_key or self.source_text):
            return self.source_key or f"name:{' '.join((self.source_text or '').casefold().split())}"
        return self.origin_key


@dataclass
class Report:
    """Estimates repeating one report (same origin, source and value), collapsed."""

    estimates: list[Estimate]

    @property
    def lead(self) -> Estimate:
        # The origin's own article if present, else the earliest published.
        originals = [e for e in self.estimates if e.relation in ("original", "declared")]
        pool = originals or self.estimates
        return min(pool, key=lambda e: (e.published or "9999", e.article_id))

    def to_record(self) -> dict[str, Any]:
        lead = self.lead
        as_of, basis = lead.as_of
        return {
            "low": lead.low, "high": lead.high, "approximate": lead.approximate,
            "qualifier": lead.qualifier, "counted": lead.counted, "modality": lead.modality,
            "source": {"text": lead.source_text, "kind": lead.source_kind,
                       "entity": lead.source_key, "country": lead.source_country},
            "as_of": as_of, "as_of_from": basis, "refers_to": lead.refers_to, "time_text": lead.time_text,
            "origin_key": lead.origin_key,
            "articles": [
                {"article": e.article_id, "claim": e.claim_id, "title": e.title,
                 "published": e.published, "relation": e.relation,
                 "evidence": {"start": e.evidence_start, "end": e.evidence_end, "sentence": e.evidence}}
                for e in sorted(self.estimates, key=lambda e: (e.published or "", e.article_id))
            ],
        }


@dataclass
class Figure:
    key: str
    measure: str
    subject: str | None
    counted: str
    reports: list[Report] = field(default_factory=list)
    low: float | None = None
    best: float | None = None
    high: float | None = None
    high_open: bool = False
    best_basis: str = ""
    n_sources: int = 0
    single_source: bool = True
    disagreements: list[str] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "key": self.key, "measure": self.measure, "subject": self.subject, "counted": self.counted,
            "low": self.low, "best": self.best, "high": self.high, "high_open": self.high_open,
            "best_basis": self.best_basis, "independent_sources": self.n_sources,
            "reports": len(self.reports),
            "articles": sum(len(r.estimates) for r in self.reports),
            "single_source": self.single_source, "disagreements": self.disagreements,
            "history": self.history, "estimates": [r.to_record() for r in self.reports],
        }


def collapse(estimates: list[Estimate]) -> list[Report]:
    groups: dict[tuple[Any, ...], list[Estimate]] = defaultdict(list)
    for estimate in estimates:
        groups[(estimate.origin_key, estimate.source_identity, estimate.low, estimate.high,
                estimate.modality == "denied")].append(estimate)
    reports = [Report(group) for group in groups.values()]
    reports.sort(key=lambda r: (r.lead.as_of[0] or "", r.lead.article_id))
    return reports


def reconcile(key: str, measure: str, subject: str | None, counted: str, estimates: list[Estimate]) -> Figure:
    """One figure from all the estimates of its quantity."""
    figure = Figure(key=key, measure=measure, subject=subject, counted=counted, reports=collapse(estimates))
    usable = [r for r in figure.reports if r.lead.modality != "denied" and r.lead.point is not None]
    figure.n_sources = len({r.lead.source_identity for r in usable}) if usable else 0
    figure.single_source = figure.n_sources <= 1
    figure.history = [_history_entry(r) for r in figure.reports]
    if not usable:
        figure.best_basis = "no usable estimate (all denied or without a value)"
        return figure
    lows = [r.lead.low if r.lead.low is not None else r.lead.high for r in usable]
    figure.low = min(v for v in lows if v is not None)
    highs = [r.lead.high for r in usable if r.lead.high is not None]
    points = [r.lead.point for r in usable if r.lead.point is not None]
    figure.high = max(highs + points) if (highs or points) else None
    figure.high_open = any(r.lead.high is None for r in usable) and (not highs or max(highs) < max(points))
    figure.best, figure.best_basis = _best(usable)
    figure.disagreements = _disagreements(usable)
    return figure


def _best(usable: list[Report]) -> tuple[float, str]:
    dated = [(r, day_of(r.lead.as_of[0])) for r in usable]
    latest = max((d for _, d in dated if d is not None), default=None)
    recent = [r for r, d in dated if latest is None or d is None or (latest - d).days <= RECENT_DAYS]
    rank = min(_MODALITY_RANK.get(r.lead.modality, 2) for r in recent)
    chosen = [r for r in recent if _MODALITY_RANK.get(r.lead.modality, 2) == rank]
    values = [r.lead.point for r in chosen if r.lead.point is not None]
    best = float(statistics.median(values))
    kinds = sorted({r.lead.modality for r in chosen})
    when = f"as of {latest.isoformat()}" if latest else "undated"
    basis = (f"median of {len(values)} {'/'.join(kinds)} report{'s' if len(values) != 1 else ''} "
             f"{when}" + (f" (of {len(usable)} usable)" if len(usable) != len(values) else ""))
    return best, basis


def _disagreements(usable: list[Report]) -> list[str]:
    points = [r.lead.point for r in usable if r.lead.point]
    if len(points) < 2 or max(points) / min(points) <= DISAGREEMENT_RATIO:
        return []
    notes = []
    days = sorted({d for r in usable if (d := r.lead.as_of[0])})
    if len(days) > 1:
        first = [r.lead.point for r in usable if r.lead.as_of[0] == days[0]]
        last = [r.lead.point for r in usable if r.lead.as_of[0] == days[-1]]
        trend = "higher" if max(last) > max(first) else "lower" if max(last) < max(first) else "the same"
        notes.append(f"different times: as of {days[0]} to {days[-1]}; the latest figures are {trend}")
    sides = defaultdict(set)
    for r in usable:
        if r.lead.source_country:
            sides[r.lead.source_country].add(r.lead.source_text or r.lead.source_key or "?")
    if len(sides) > 1:
        notes.append("sources on different sides: " + "; ".join(
            f"{country}: {', '.join(sorted(names))}" for country, names in sorted(sides.items())))
    hedged = [r for r in usable if r.lead.modality in ("estimated", "possible", "predicted")]
    if hedged and len(hedged) < len(usable):
        notes.append(f"{len(hedged)} of {len(usable)} reports are hedged "
                     f"({', '.join(sorted({r.lead.modality for r in hedged}))})")
    counted = sorted({(r.lead.counted or "").strip().lower() for r in usable} - {""})
    if len(counted) > 1:
        notes.append("counted in different words: " + " / ".join(counted))
    if not notes:
        notes.append("different sources, same time and scope: the reports conflict")
    return notes


def _history_entry(report: Report) -> dict[str, Any]:
    lead = report.lead
    as_of, basis = lead.as_of
    return {"as_of": as_of, "as_of_from": basis, "refers_to": lead.refers_to, "low": lead.low, "high": lead.high,
            "modality": lead.modality, "source": lead.source_text or lead.origin_key,
            "articles": len(report.estimates)}


# Measures that overlap in scope: a "killed" figure and a "casualties" figure of one
# story and subject are not in conflict, one counts a part of the other.
SCOPE_NOTES = {
    ("killed", "casualties"): "casualties count killed and wounded together",
    ("wounded", "casualties"): "casualties count killed and wounded together",
    ("killed", "wounded"): "killed and wounded are separate counts",
}


def scope_note(a: str, b: str) -> str | None:
    return SCOPE_NOTES.get((a, b)) or SCOPE_NOTES.get((b, a))
