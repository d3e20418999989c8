"""The data model every stage reads and writes.

`Document` is what a reader hands over (bytes already decoded, nothing cleaned yet);
`Article` is what the pipeline builds from it. `Article.to_record()` is the JSON
analysis record of `../shared/docs/analysis-contract.md` — the contract is the
serialisation of these types, not a second model.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

SCHEMA = "sitrep.analysis/1"

DocumentFormat = Literal["text", "html"]


@dataclass
class Document:
    """One input article as a reader found it: decoded, not yet cleaned.

    `hints` carries metadata the container already knew (a JSONL line's title and
    date, a feed item's author, an HTTP response's final URL); cleaning prefers what
    it finds in the article itself and falls back on these.
    """

    input: str
    content: str
    format: DocumentFormat = "text"
    url: str | None = None
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass
class InputFailure:
    """A per-input error: the batch goes on, the reason is reported."""

    input: str
    error: str
    reason: str

    def to_record(self) -> dict[str, Any]:
        return {"input": self.input, "error": self.error, "reason": self.reason}


def day_of(text: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or datetime string ("2025-01-13T09:00Z"),
    as the record writes `published` and time bounds; None if it names no full day."""
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def number_text(value: float | None) -> str:
    """A count or amount as people read it: "12,000", "2.5", "?" when unknown."""
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


@dataclass
class OriginalSource:
    name: str | None = None
    domain: str | None = None


@dataclass
class Metadata:
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    site: str | None = None
    original_source: OriginalSource | None = None
    language: str | None = None


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    name: str
    type: str
    kb: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Value:
    low: float | None
    high: float | None
    approximate: bool = False
    qualifier: str | None = None


@dataclass
class TimeRef:
    text: str
    start: str | None = None
    end: str | None = None


@dataclass
class Attribution:
    """Who says so: `kind` is named, unnamed or article."""

    text: str | None
    entity: str | None = None
    kind: str = "article"


@dataclass
class Evidence:
    start: int
    end: int
    sentence: str


@dataclass
class Claim:
    id: str
    measure: str
    counted: str | None
    subject: str | None
    value: Value
    unit: str | None
    time: TimeRef | None
    source: Attribution
    modality: str
    evidence: Evidence
    # The number expression itself ("about 300"): the claim's exact evidence span.
    span: Mention | None = None


@dataclass
class Quote:
    id: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    text: str
    direct: bool
    start: int
    end: int


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    actor: str | None
    target: str | None
    location: str | None
    time: TimeRef | None
    modality: str
    source: Attribution | None
    claims: list[str]
    evidence: Evidence
    # The word(s) expressing the event, and the participants as written (kept even when
    # they resolve to no entity).
    trigger: Mention | None = None
    actor_text: str | None = None
    target_text: str | None = None


def text_id(text: str) -> str:
    """Stable id of a cleaned text: the same article twice is one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Article:
    input: str
    metadata: Metadata
    text: str
    boilerplate: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return text_id(self.text)

    def to_record(self) -> dict[str, Any]:
        """The analysis record of the contract (`schema` sitrep.analysis/1)."""
        record: dict[str, Any] = {"schema": SCHEMA, "id": self.id, "input": self.input}
        body = asdict(self)
        del body["input"]
        record.update(body)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Article:
        meta = dict(record.get("metadata") or {})
        original = meta.get("original_source")
        meta["original_source"] = OriginalSource(**original) if original else None
        return cls(
            input=record.get("input") or "",
            metadata=Metadata(**meta),
            text=record["text"],
            boilerplate=list(record.get("boilerplate") or []),
            entities=[_entity(e) for e in record.get("entities") or []],
            claims=[_claim(c) for c in record.get("claims") or []],
            quotes=[Quote(**q) for q in record.get("quotes") or []],
            events=[_event(v) for v in record.get("events") or []],
            warnings=list(record.get("warnings") or []),
        )


def _entity(raw: dict[str, Any]) -> Entity:
    return Entity(**{**raw, "mentions": [Mention(**m) for m in raw.get("mentions") or []]})


def _time(raw: dict[str, Any] | None) -> TimeRef | None:
    return TimeRef(**raw) if raw else None


def _claim(raw: dict[str, Any]) -> Claim:
    return Claim(
        **{
            **raw,
            "value": Value(**raw["value"]),
            "time": _time(raw.get("time")),
            "source": Attribution(**raw["source"]),
            "evidence": Evidence(**raw["evidence"]),
            "span": Mention(**raw["span"]) if raw.get("span") else None,
        }
    )


def _event(raw: dict[str, Any]) -> Event:
    source = raw.get("source")
    return Event(
        **{
            **raw,
            "time": _time(raw.get("time")),
            "source": Attribution(**source) if source else None,
            "evidence": Evidence(**raw["evidence"]),
            "trigger": Mention(**raw["trigger"]) if raw.get("trigger") else None,
        }
    )
