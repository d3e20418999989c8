"""HTML extraction, before trafilatura: markup sanitising, the element cap, tree preparation.

* the markup is sanitised before lxml parses it (NUL bytes, an internal DTD subset and an
  XML declaration removed);
* the parsed tree is cut to a bounded number of elements;
* on a private copy of the tree: embedded posts are lifted out of widget wrappers, and an
  article body that a layout split into same-class chunks is detected and re-joined.

Used by ``sitrep.clean.html_extract``.
"""

from __future__ import annotations

import logging
import re

from sitrep.clean.html_text import _norm

LOGGER = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------
# markup sanitising and the element cap (around the parse)


# An internal DTD subset (`<!DOCTYPE html [ <!ENTITY …> ]>`) has no business in HTML; it is
# how entity-expansion bombs are delivered. lxml's HTML parser never expands such entities,
# but the subset would otherwise leak into the text ("]>"), so it is cut before parsing.
# Bounded (`[^\]]*` is linear, no backtracking blow-up) and only looked for near the start.
_DOCTYPE_SUBSET_RE = re.compile(r"<!DOCTYPE[^\[>]*\[[^\]]*\]\s*>", re.IGNORECASE)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# The doctype sits in the prolog; 64 KiB is far more than any real prolog needs.
_PROLOG_WINDOW = 65536


def _sanitize_markup(html: str) -> str:
    html = html.replace("\x00", "")
    head = html[:_PROLOG_WINDOW]
    if "<!" in head:
        new_head = _DOCTYPE_SUBSET_RE.sub("<!DOCTYPE html>", head, count=1)
        new_head = _XML_DECL_RE.sub("", new_head, count=1)
        html = new_head + html[_PROLOG_WINDOW:]
    else:
        html = _XML_DECL_RE.sub("", html, count=1)
    return html


def _cap_elements(tree, limit: int) -> None:
    """Drop every element after the first `limit` ones (document order), in linear time."""
    cut = None
    for count, elem in enumerate(tree.iter()):
        if count >= limit:
            cut = elem
            break
    if cut is None:
        return
    # remove `cut`, its following siblings, and the following siblings of each ancestor
    node = cut
    while node is not None:
        parent = node.getparent()
        if parent is None:
            break
        siblings = list(node.itersiblings())
        if node is cut:
            siblings.insert(0, node)
        for sib in siblings:
            parent.remove(sib)
        node = parent
    LOGGER.debug("document cut after %s elements", limit)


# --------------------------------------------------------------------------------------
# tree preparation (on a private copy, before trafilatura sees it)

# Embedded posts (tweets, Instagram, TikTok) are quoted material of the story: the benchmark's
# gold bodies contain all 17 of its embedded tweets. Sites wrap them in "social-media-embed" /
# "article-widget" containers that trafilatura discards as share widgets, so the blockquote
# is lifted out of wrappers that hold nothing but it.
_EMBED_XPATH = (
    './/blockquote[contains(@class, "twitter-tweet") or contains(@class, "instagram-media")'
    ' or contains(@class, "tiktok-embed")]'
)
_EMBED_MAX_WRAPPERS = 4  # wrapper chains seen: 1 (div.social-media-embed) to 3 (widget/inner/content)


def _unwrap_embeds(tree) -> None:
    for quote in tree.xpath(_EMBED_XPATH):
        own = _norm(quote.text_content())
        outer = quote
        parent = quote.getparent()
        for _ in range(_EMBED_MAX_WRAPPERS):
            if parent is None or parent.tag in ("body", "article", "main", "html"):
                break
            if _norm(parent.text_content()) != own:
                break  # the wrapper holds other text: it is a real container, stop here
            outer, parent = parent, parent.getparent()
        if outer is not quote and outer.getparent() is not None:
            quote.tail = outer.tail
            outer.getparent().replace(outer, quote)


# Some layouts cut one article body into several chunks with the same class, separated by
# ads or sidebars (e.g. `div.article__body` ×2 around a rail ad). trafilatura keeps the chunk
# it scores best and drops the rest. Chunks are merged into the first when they (a) carry the
# very same tag and class string, (b) that class names an article body, and (c) sit close
# together: their common ancestor is at most _CHUNK_MAX_DEPTH levels above each, so two
# articles of an infinite-scroll page (distinct <article> subtrees) are never joined.
_BODY_CLASS_RE = re.compile(r"(?:article|story|entry|post)[-_]*(?:body|content|text)", re.IGNORECASE)
_CHUNK_MAX_DEPTH = 3


def _ancestors(elem, limit: int) -> list:
    out = []
    parent = elem.getparent()
    while parent is not None and len(out) < limit:
        out.append(parent)
        parent = parent.getparent()
    return out


def _split_body_groups(tree) -> list[list]:
    """Groups of same-signature article-body chunks that sit close together."""
    by_signature: dict[tuple[str, str], list] = {}
    for elem in tree.iter("div", "section"):
        cls = elem.get("class")
        if cls and _BODY_CLASS_RE.search(cls) and elem.find(".//p") is not None:
            by_signature.setdefault((elem.tag, " ".join(cls.split())), []).append(elem)
    groups = []
    for chunks in by_signature.values():
        if len(chunks) < 2:
            continue
        first = chunks[0]
        first_anc = _ancestors(first, _CHUNK_MAX_DEPTH)
        group = [first]
        for chunk in chunks[1:]:
            if any(a is first for a in _ancestors(chunk, 64)) or any(a is chunk for a in _ancestors(first, 64)):
                continue  # nested, not split
            chunk_anc = _ancestors(chunk, _CHUNK_MAX_DEPTH)
            if any(a is b for a in first_anc for b in chunk_anc):
                group.append(chunk)
        if len(group) > 1:
            groups.append(group)
    return groups


# A chunk counts as extracted when most (over half) of its paragraph words are in the
# extraction, and as missed when most are not and it holds at least _CHUNK_MIN_WORDS words
# (a stray caption or a one-line promo box is not a lost part of the article).
_CHUNK_MIN_WORDS = 50


def _chunk_paragraphs(chunk) -> list[str]:
    return [n for n in (_norm(p.text_content()) for p in chunk.iter("p")) if len(n.split()) >= 5]


def _missed_chunks(groups: list[list], extracted: str) -> bool:
    """True when a group has one chunk in the extraction and another, substantial, not."""
    for group in groups:
        present = missed = False
        for chunk in group:
            paras = _chunk_paragraphs(chunk)
            total = sum(len(p.split()) for p in paras)
            found = sum(len(p.split()) for p in paras if p in extracted)
            if total and found * 2 > total:
                present = True
            elif total - found >= _CHUNK_MIN_WORDS:
                missed = True
        if present and missed:
            return True
    return False


def _merge_split_bodies(tree) -> None:
    """Move the chunks' children into the group's first chunk (tree modified in place)."""
    for group in _split_body_groups(tree):
        first = group[0]
        for chunk in group[1:]:
            for child in list(chunk):
                first.append(child)
            parent = chunk.getparent()
            if parent is not None:
                parent.remove(chunk)
