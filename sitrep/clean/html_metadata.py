"""HTML extraction: page metadata normalised to Sitrep's shapes.

Title (without a " | Site Name" suffix), byline list, ISO publication date, site name,
canonical URL, two-letter language and description, from trafilatura's
``extract_metadata`` refined with the page's JSON-LD and meta tags.

Used by ``sitrep.clean.html_extract``.
"""

from __future__ import annotations

import json
import logging
import re
from copy import deepcopy
from datetime import datetime

from sitrep.clean.html_lines import _MONTHS, _RIGHTS_RE, _RIGHTS_START_RE
from sitrep.clean.html_text import _norm

LOGGER = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------
# metadata

_AUTHOR_PREFIX_RE = re.compile(r"^\s*(?:written\s+by|posted\s+by|by|von|par|por|di|door)\s*[:\-]?\s+", re.IGNORECASE)
# trailing dateline words that CMSs glue onto the author field ("… wire services Published")
_AUTHOR_TRAILER_RE = re.compile(
    r"\s+(?:(?i:published|updated|posted)\b.*|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)(?:\s+\d.*)?)$"
)
# unambiguous separators: ";", "|", "&", "and"
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|\||&|\s+and\s+|\s+And\s+)\s*")
# other languages' "and" (und, et, y, e) is also a middle initial or a particle ("Sarah E
# Needleman"), so it splits only lower-case and only when every piece is a full name
_AUTHOR_FOREIGN_AND_RE = re.compile(r"\s+(?:und|et|y|e)\s+")


def _full_names(pieces: list[str]) -> bool:
    return len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces)


def _split_byline(author: str | None) -> list[str]:
    """"By Jane Doe and John Roe; Ann Lee" → ["Jane Doe", "John Roe", "Ann Lee"].

    Commas (and non-English conjunctions) split names only when every piece looks like a
    name of its own (two words or more), so "Doe, Jane" and "Sarah E Needleman" stay whole.
    """
    if not author:
        return []
    names: list[str] = []
    seen: set[str] = set()
    for part in _AUTHOR_SPLIT_RE.split(author):
        part = _AUTHOR_PREFIX_RE.sub("", part).strip(" ,.-–—")
        if not part:
            continue
        candidates = [part]
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if _full_names(pieces):
            candidates = pieces
        expanded = []
        for cand in candidates:
            foreign = [p.strip() for p in _AUTHOR_FOREIGN_AND_RE.split(cand) if p.strip()]
            expanded.extend(foreign if _full_names(foreign) else [cand])
        for name in expanded:
            name = _AUTHOR_TRAILER_RE.sub("", _AUTHOR_PREFIX_RE.sub("", name)).strip(" ,.-–—")
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names


_LANG_RE = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$")


def _language(tree) -> str | None:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for xpath in (
        './/meta[translate(@http-equiv, "CONTENTLAGU", "contentlagu")="content-language"]/@content',
        './/meta[@name="language" or @name="Language" or @name="dc.language" or @name="DC.language"]/@content',
        './/meta[@property="og:locale"]/@content',
    ):
        candidates.extend(tree.xpath(xpath))
    for node in _iter_jsonld(tree):
        value = node.get("inLanguage")
        if isinstance(value, str):
            candidates.append(value)
    for cand in candidates:
        if not cand:
            continue
        match = _LANG_RE.match(str(cand).split(",")[0])
        if match:
            return match.group(1).lower()
    return None


_DATE_XPATHS = (
    './/meta[@property="article:published_time" or @name="article:published_time"]/@content',
    './/meta[@property="og:published_time" or @itemprop="datePublished" or @name="datePublished"]/@content',
    './/meta[@name="pubdate" or @name="publishdate" or @name="publish-date" or @name="date"'
    ' or @name="DC.date.issued" or @name="dc.date.issued" or @name="sailthru.date"]/@content',
    './/time[@itemprop="datePublished"]/@datetime',
)


def _iter_jsonld(tree):
    for script in tree.xpath('.//script[@type="application/ld+json"]'):
        if not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        seen = 0
        while stack and seen < 1000:  # bounded walk: hostile JSON cannot stall us
            seen += 1
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                yield node
                graph = node.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_TIME_RE = re.compile(r"\d{1,2}:\d{2}")
_NUMBER_RE = re.compile(r"\d+")
_MONTH_NAME_RE = re.compile(r"\b" + _MONTHS + r"\b", re.IGNORECASE)
# dates outside this range are typos or placeholders (0001-01-01, 9999-…), not publication dates
_MIN_YEAR, _MAX_YEAR = 1990, 2100


def _normalise_date(value: str) -> str | None:
    """ISO date (YYYY-MM-DD), or ISO datetime when the value has a time; None if unusable.

    Only values that name a four-digit year are parsed, and missing parts default to a fixed
    date, never to "today", so the result depends on the page alone.
    """
    import warnings

    from dateutil import parser as dateparser

    value = (value or "").strip()
    if not value or len(value) > 64 or not _YEAR_RE.search(value):
        return None
    # a bare year or "May 2019" is not a publication date: want a day too
    if len(_NUMBER_RE.findall(value)) < (2 if _MONTH_NAME_RE.search(value) else 3):
        return None
    try:
        parsed = dateparser.isoparse(value)
    except (ValueError, OverflowError):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # unknown tz names ("EST") are dropped, not fatal
                parsed = dateparser.parse(value, default=datetime(2000, 1, 1))
        except (ValueError, OverflowError, TypeError):
            return None
    if parsed is None or not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return None
    if _TIME_RE.search(value):
        return parsed.isoformat()
    return parsed.date().isoformat()


def _structured_date(tree) -> str | None:
    for node in _iter_jsonld(tree):
        value = node.get("datePublished") or node.get("dateCreated")
        if isinstance(value, str):
            norm = _normalise_date(value)
            if norm:
                return norm
    for xpath in _DATE_XPATHS:
        for value in tree.xpath(xpath):
            norm = _normalise_date(str(value))
            if norm:
                return norm
    return None


_META_URL_RE = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")


_TITLE_SEPARATORS_RE = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")


def _clean_title(title: str | None, site: str | None, url: str | None) -> str | None:
    """Drop a trailing (or leading) " | Site Name" when it names the site or its domain."""
    if not title:
        return None
    title = title.strip()
    names = {_norm(site or "")}
    host = _META_URL_RE.match(url or "")
    if host:
        domain = host.group(1).split(":")[0]
        names |= {_norm(domain), _norm(domain.rsplit(".", 1)[0])}
    names.discard("")
    seps = list(_TITLE_SEPARATORS_RE.finditer(title))
    if seps and names:
        last, first = seps[-1], seps[0]
        if _norm(title[last.end() :]) in names:
            title = title[: last.start()]
        elif _norm(title[: first.start()]) in names:
            title = title[first.end() :]
    return title.strip() or None


def _relative_canonical(tree, url: str | None) -> str | None:
    """A canonical link given relative to the page ("/news/story"), resolved against `url`."""
    from urllib.parse import urljoin, urlsplit

    if not url:
        return None
    for href in tree.xpath('.//link[@rel="canonical"]/@href'):
        href = str(href).strip()
        if href and not urlsplit(href).scheme:
            resolved = urljoin(url, href)
            if urlsplit(resolved).scheme in ("http", "https"):
                return resolved
    return None


def _metadata(tree, url: str | None) -> dict:
    try:
        return _metadata_unsafe(tree, url)
    except Exception as err:  # noqa: BLE001 - metadata is best effort
        LOGGER.warning("metadata extraction failed: %s", err)
        return {"title": None, "byline": [], "published": None, "site": None, "url": url,
                "language": None, "description": None}


def _metadata_unsafe(tree, url: str | None) -> dict:
    from trafilatura import extract_metadata

    try:
        meta = extract_metadata(deepcopy(tree), default_url=url)
    except Exception as err:  # noqa: BLE001
        LOGGER.debug("metadata extraction failed: %s", err)
        meta = None
    author = getattr(meta, "author", None)
    date = getattr(meta, "date", None)
    site = getattr(meta, "sitename", None) or None
    page_url = getattr(meta, "url", None) or url
    if page_url == url:
        page_url = _relative_canonical(tree, url) or url
    # trafilatura falls back to the URL's domain for the site name: Sitrep wants None then;
    # a footer line ("Copyright 2014") is not a site name either
    if site and page_url:
        host = _META_URL_RE.match(page_url)
        if host and site == host.group(1):
            site = None
    if site and (_RIGHTS_START_RE.search(site) or _RIGHTS_RE.search(site) or site.startswith("http")):
        site = None
    title = _clean_title(getattr(meta, "title", None) or None, site, page_url)
    try:
        published = _structured_date(tree) or (date if date else None)
    except Exception:  # noqa: BLE001
        published = date or None
    try:
        language = _language(tree)
    except Exception:  # noqa: BLE001
        language = None
    return {
        "title": title,
        "byline": _split_byline(author),
        "published": published,
        "site": site,
        "url": page_url,
        "language": language,
        "description": getattr(meta, "description", None) or None,
    }
