"""HTML page → article body and metadata.

Built on trafilatura's public API (``bare_extraction``, ``extract_metadata``); this module
adds what Sitrep needs around it:

* a hardened parse (one lxml HTML parse, no DTD/entity processing, internal DTD subsets
  stripped) that never raises on messy input, and ``MalformedInput`` only when nothing
  can be parsed at all;
* tree preparation: embedded tweets lifted out of widget wrappers, an article body that a
  layout split into same-class chunks re-joined when trafilatura kept only one chunk;
* candidate selection: trafilatura in precision mode first, its balanced mode as the
  fallback when the precision run keeps too little (see ``_choose_fallback``);
* line-level post-cleaning of well-known news boilerplate (the headline repeated as the
  first line, datelines, "Read more:" teasers, newsletter and share prompts, rights
  notices, related-story link lists);
* metadata normalised to Sitrep's shapes (byline list, ISO date, two-letter language).

Everything is offline and deterministic: no network, no deduplication cache.

This module holds the public API, the parse and the orchestration; the stages live in
``html_prepare`` (markup sanitising, element cap, tree preparation), ``html_lines``
(post-cleaning and the page context it uses) and ``html_metadata`` (metadata), with the
shared text normalisation in ``html_text``.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from sitrep.clean.html_lines import _Context, _deks, _headlines, _link_densities, _postclean
from sitrep.clean.html_metadata import _metadata
from sitrep.clean.html_prepare import (
    _cap_elements,
    _merge_split_bodies,
    _missed_chunks,
    _sanitize_markup,
    _split_body_groups,
    _unwrap_embeds,
)
from sitrep.clean.html_text import _TOKEN_RE, _norm
from sitrep.errors import MalformedInput

LOGGER = logging.getLogger(__name__)

__all__ = ["ExtractedPage", "extract_html"]


@dataclass
class ExtractedPage:
    text: str  # article body; paragraphs separated by one blank line, stripped
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD, or an ISO datetime when the page gives a time
    site: str | None = None
    url: str | None = None
    language: str | None = None  # two letters
    description: str | None = None
    boilerplate: list[str] = field(default_factory=list)  # lines dropped by post-cleaning


# --------------------------------------------------------------------------------------
# parsing

_PARSER_OPTIONS = dict(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
    no_network=True,
)


def _parse(html: str | bytes) -> lxml.html.HtmlElement:
    """One tolerant parse; MalformedInput if lxml cannot build any tree."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not isinstance(html, str):
        raise MalformedInput(f"expected HTML text, got {type(html).__name__}")
    html = _sanitize_markup(html)
    parser = lxml.html.HTMLParser(encoding="utf-8", **_PARSER_OPTIONS)
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError) as err:
        raise MalformedInput(f"HTML could not be parsed: {err}") from err
    if tree is None:
        raise MalformedInput("HTML could not be parsed: empty tree")
    # a fragment parses to a bare element; give it a document root so XPaths behave
    if tree.tag != "html":
        root = lxml.html.Element("html")
        body = etree.SubElement(root, "body")
        body.append(tree)
        tree = root
    _cap_elements(tree, MAX_ELEMENTS)
    return tree


# trafilatura's main extractor slows down faster than linearly with the element count
# (measured: 2.3 s at 20,000 paragraphs, 22 s at 80,000, one core). The largest of the
# benchmark's 181 real news pages has 1,600 elements, so documents are cut, in document
# order, after this many: ~20× that page, and a bound of seconds, not minutes, per page on
# hostile input. (libxml2's HTML parser already caps nesting depth at 256.)
MAX_ELEMENTS = 30_000


# --------------------------------------------------------------------------------------
# body extraction

_BASE_OPTIONS = dict(
    include_comments=False,
    include_tables=True,
    include_images=False,
    include_links=False,
    include_formatting=False,
    deduplicate=False,  # trafilatura's LRU dedup cache is process-global state
    with_metadata=False,
    output_format="python",
)


def _run_trafilatura(tree, url: str | None, **kwargs) -> str:
    """trafilatura's text for a (copied) tree; "" when it finds nothing or fails."""
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(deepcopy(tree), url=url, **_BASE_OPTIONS, **kwargs)
    except Exception as err:  # noqa: BLE001 - a library failure on one page must not stop a batch
        LOGGER.debug("trafilatura failed (%s): %s", kwargs, err)
        return ""
    if doc is None:
        return ""
    return doc.text or ""


def _lines(text: str) -> list[str]:
    return [ln for ln in (re.sub(r"\s+", " ", raw).strip() for raw in text.split("\n")) if ln]


def _n_tokens(lines: list[str]) -> int:
    return sum(len(_TOKEN_RE.findall(ln)) for ln in lines)


def _candidates(tree, url: str | None, steps: frozenset[str]) -> tuple[list[str], list[str] | None]:
    """(primary lines, balanced lines or None) from trafilatura, on a prepared copy."""
    prepared = deepcopy(tree)
    if "embeds" in steps:
        try:
            _unwrap_embeds(prepared)
        except Exception as err:  # noqa: BLE001 - preparation is an improvement, never a failure
            LOGGER.debug("embed unwrapping failed: %s", err)
    primary_opts = {"favor_precision": True} if "precision" in steps else {}
    primary_text = _run_trafilatura(prepared, url, **primary_opts)
    if "chunks" in steps:
        try:
            groups = _split_body_groups(prepared)
            if groups and _missed_chunks(groups, _norm(primary_text)):
                _merge_split_bodies(prepared)
                primary_text = _run_trafilatura(prepared, url, **primary_opts)
        except Exception as err:  # noqa: BLE001
            LOGGER.debug("chunk merging failed: %s", err)
    balanced = _lines(_run_trafilatura(prepared, url)) if "fallback" in steps else None
    return _lines(primary_text), balanced


def _extract_body(tree, url: str | None, ctx: _Context, steps: frozenset[str]) -> tuple[list[str], list[str]]:
    """Returns (kept lines, dropped boilerplate lines)."""
    primary, balanced = _candidates(tree, url, steps)
    kept, dropped = _postclean(primary, ctx, steps)
    if balanced is not None:
        b_kept, b_dropped = _postclean(balanced, ctx, steps)
        if _choose_fallback(kept, b_kept):
            kept, dropped = b_kept, b_dropped
    return kept, dropped


# A precision-mode result is replaced by the balanced one only when it kept less than this
# share of the balanced result's words. Calibrated on the benchmark's distribution of the
# ratio: precision runs that are right sit at 0.28 and above (they drop teaser blocks, at
# most ~70 % of a page's balanced output), the one that had lost the article sat at 0.08;
# 0.2 is inside that gap with a margin on both sides rather than fitted to either page.
FALLBACK_MIN_SHARE = 0.2
# ... or when it is shorter than this many words while the balanced run found at least
# twice as much: trafilatura's own "too short" bar is 250 characters (MIN_EXTRACTED_SIZE),
# about 40 words of English.
FALLBACK_MIN_WORDS = 40


def _choose_fallback(primary: list[str], balanced: list[str]) -> bool:
    p, b = _n_tokens(primary), _n_tokens(balanced)
    if b == 0:
        return False
    if p < FALLBACK_MIN_SHARE * b:
        return True
    return p < FALLBACK_MIN_WORDS and b >= 2 * p


# --------------------------------------------------------------------------------------
# entry point

# The pipeline's steps, each switchable for ablation (see sitrep.quality.extraction):
#   precision  trafilatura with favor_precision as the primary candidate
#   fallback   trafilatura balanced mode, taken when the primary keeps too little
#   embeds     lift embedded tweets/posts out of widget wrappers before extraction
#   chunks     merge an article body split into same-class chunks when one was missed
#   title      drop the headline repeated at the top of the body
#   dateline   drop a date/time line at the top of the body
#   dek        drop a sub-heading standfirst that repeats the meta description
#   rules      drop boilerplate lines (teasers, promos, notices; see html_lines._boilerplate_rule)
#   linklists  drop runs of short, mostly-linked lines (related-story lists)
STEPS = frozenset({"precision", "fallback", "embeds", "chunks", "title", "dateline", "dek", "rules", "linklists"})
_DEFAULT_STEPS = STEPS


def extract_html(html: str, url: str | None = None) -> ExtractedPage:
    """Pure function: no I/O.

    Extracts the article body (paragraphs joined by one blank line) and metadata from one
    HTML page. Never raises on messy markup: an empty or body-less page gives text "".
    Raises MalformedInput only when lxml cannot build any tree (a non-text argument, a
    document holding nothing but a comment or a doctype). `bytes` are read as UTF-8.
    """
    return _extract(html, url, _DEFAULT_STEPS)


def _extract(html: str, url: str | None, steps: frozenset[str]) -> ExtractedPage:
    if isinstance(html, (str, bytes)) and not html.strip():
        return ExtractedPage(text="", url=url)
    tree = _parse(html)
    meta = _metadata(tree, url)
    ctx = _Context()
    try:
        ctx.headlines = _headlines(tree, meta["title"])
        ctx.deks = _deks(tree, meta["description"])
        if "linklists" in steps:
            ctx.link_density = _link_densities(tree)
    except Exception as err:  # noqa: BLE001 - context only refines cleaning
        LOGGER.debug("page context failed: %s", err)
    try:
        kept, dropped = _extract_body(tree, meta["url"] or url, ctx, steps)
    except Exception as err:  # noqa: BLE001 - a bug in a refinement must not lose the page
        LOGGER.warning("body extraction failed, using plain trafilatura: %s", err)
        kept, dropped = _lines(_run_trafilatura(tree, meta["url"] or url)), []
    return ExtractedPage(text="\n\n".join(kept), boilerplate=dropped, **meta)
