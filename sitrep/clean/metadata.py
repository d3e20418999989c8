"""Article metadata from what the cleaned page says about itself.

Title, byline, publication date and — the point of this module — the *original source*
of a rewrite: "Original Source: www.nbcnews.com", "This article originally appeared on
…", a wire dateline "SEOUL (Reuters) —" or a trailer "— Associated Press". Pure
functions over classified blocks (see `text_clean`).
"""

from __future__ import annotations

import re
from datetime import date, datetime

import py3langid
from dateutil import parser as dateparser

from sitrep.clean.outlets import WIRE_NAMES, outlet_from_reference
from sitrep.clean.text_clean import BYLINE, CREDIT, DATELINE, WIRE_TRAILER, Block, bio_author
from sitrep.model import OriginalSource

# "SEOUL, Jan 13 (Reuters) -" or "(AP) —" at the start of the first paragraph.
_WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Za-z0-9 .]{1,30})?\s*)?\((?P<wire>"
    + "|".join(re.escape(name) for name in WIRE_NAMES)
    + r")\)\s*[-–—]"
)
_ORGANISATIONAL_BYLINE = re.compile(r"\b(?:staff|desk|team|editors|wire|news service)\b", re.I)


def title_from_blocks(blocks: list[Block]) -> str | None:
    return next((block.text for block in blocks if block.kind == "title"), None)


def split_names(names: str) -> list[str]:
    """'Jane Doe, John Roe and Ann Poe' → three names; organisational bylines kept whole."""
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", names)
    return [part.strip(" .") for part in parts if part.strip(" .")]


def byline_from_blocks(blocks: list[Block]) -> list[str]:
    """Names from a "By …" line, else the subject of an author biography."""
    for block in blocks:
        if block.kind == "byline":
            match = BYLINE.match(block.text)
            if match:
                return split_names(match.group("names"))
    for block in blocks:
        if block.kind == "bio":
            name = bio_author(block.text)
            if name:
                return [name]
    return []


def original_source_from_blocks(blocks: list[Block]) -> OriginalSource | None:
    """The outlet a rewrite or a wire copy credits as its origin, if it names one."""
    for block in blocks:
        if block.kind != "credit":
            continue
        labelled = CREDIT.match(block.text)
        if labelled:
            found = outlet_from_reference(labelled.group("source"))
            if found:
                return found
        trailer = WIRE_TRAILER.match(block.text)
        if trailer and trailer.group("wire"):
            return outlet_from_reference(trailer.group("wire"))
    first_body = next((block.text for block in blocks if block.kind == "body"), "")
    wire = _WIRE_DATELINE.match(first_body)
    if wire:
        return outlet_from_reference(wire.group("wire"))
    return None


def normalise_date(value: str | date | datetime | None) -> str | None:
    """An ISO date (or datetime, when it has a time) from whatever a page wrote."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    cleaned = re.sub(
        r"^(?:published|updated|posted|last updated|first published)\s*(?:on|at)?\s*:?\s*", "",
        text, flags=re.I,
    )
    cleaned = re.split(r"\s*[|·•]\s*", cleaned)[0]
    try:
        parsed = dateparser.parse(cleaned, fuzzy=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year < 1900:
        return None
    has_time = bool(re.search(r"\d{1,2}[:.]\d{2}", cleaned))
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def published_from_blocks(blocks: list[Block]) -> str | None:
    for block in blocks:
        if block.kind == "dateline" and DATELINE.match(block.text):
            return normalise_date(block.text)
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)")


def published_from_url(url: str | None) -> str | None:
    """News URLs often carry their date: /2021/01/15/… or /2021-01-15-…"""
    match = _URL_DATE.search(url or "")
    return "-".join(match.groups()) if match else None


def detect_language(text: str) -> str | None:
    """Two-letter language code of the body; None for too little text to tell."""
    sample = text[:2000]
    if len(sample.split()) < 5:
        return None
    language, _score = py3langid.classify(sample)
    return language


def is_person_like(name: str) -> bool:
    """A byline name, as opposed to "Staff" or "News Desk"."""
    return not _ORGANISATIONAL_BYLINE.search(name)
