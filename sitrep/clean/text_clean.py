"""Plain text → article paragraphs, with the page junk set aside.

Scraped text (like the seed) carries what the page had around the article: "Loading
Now", share and subscribe lines, cookie notices, "Read more" teasers, an author bio,
"Original Source: …" credits, "Post Comment". `classify_blocks` labels each block so
that nothing is lost: the body becomes `Article.text`, the title and byline become
metadata, and everything else goes to `Article.boilerplate`.

Pure functions, no I/O. The rules are about page furniture in general, never about one
site: a block is junk only when it is short *and* made of UI words, or when it is a
recognisable credit, citation or biography at the edge of the article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["body", "title", "byline", "dateline", "credit", "bio", "junk", "citation"]


@dataclass(frozen=True)
class Block:
    text: str
    kind: BlockKind


# Characters that are invisible on the page but break matching and hashing.
# NUL too: PostgreSQL refuses it in text, and no article needs it.
_INVISIBLE = dict.fromkeys(map(ord, "\x00\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise(text: str) -> str:
    """NFC, invisible characters dropped, runs of spaces collapsed, newlines kept."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_INVISIBLE)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")


def split_blocks(text: str) -> list[str]:
    """Blocks separated by blank lines; a block of hard-wrapped lines is rejoined.

    A block is hard-wrapped when its lines (but the last) run to a similar, typical
    column width (40–100 characters) and mostly do not end a sentence — the shape of
    e-mail and wire text. Otherwise each line is its own block, as scraped pages put
    one paragraph, heading or button label per line.
    """
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", normalise(text)):
        lines = [line for line in chunk.split("\n") if line]
        if not lines:
            continue
        body = lines[:-1]
        wrapped = len(lines) >= 2 and all(40 <= len(line) <= 100 for line in body) and (
            sum(1 for line in body if not _SENTENCE_END.search(line)) >= 0.6 * len(body)
        )
        if wrapped:
            blocks.append(" ".join(lines))
        else:
            blocks.extend(lines)
    return blocks


def _pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(alternatives) + r")$", re.I)


# Page furniture: whole-block matches only, and only for short blocks (see _MAX_UI_WORDS).
_UI = _pattern(
    r"loading(?: now)?(?:\.{3}|…)?",
    r"(?:post|leave|add|write|submit|view|show|hide|load|see) (?:a |your |all |more )?(?:comments?|repl(?:y|ies))",
    r"\d+ (?:comments?|replies|shares)",
    r"comments?(?: \(\d+\))?|cancel reply|reply|report (?:this )?comment",
    r"share(?: this)?(?: article| story| post| page)?(?: (?:on|via) \w+)?:?",
    r"(?:tweet|email|e-mail|print|pin it|whatsapp|facebook|twitter|linkedin|reddit|telegram|copy link|flipboard)",
    r"(?:subscribe|sign up|register|join)(?: now| today| for free| here)?(?: to| for)?(?: our| the)?.{0,60}",
    r"(?:get|receive) (?:our|the) .{0,40}(?:newsletter|alerts|updates).{0,40}",
    r"read (?:more|next|also|on|the full (?:story|article|report))(?:\s*[:>»|-].*|\s*(?:\.{3}|…))?",
    r"(?:related|recommended|more from .{0,40}|trending(?: now)?|most (?:read|popular|viewed)|you may also like|see also|also read|don't miss|editor'?s picks?)(?: (?:articles|stories|posts|news|content|coverage|topics))?\s*:?.{0,80}",
    r"advertisement|sponsored(?: content)?|promoted(?: content)?|ad|skip (?:to (?:main )?content|ad)|scroll to continue(?: with content)?",
    r"(?:all rights reserved|copyright\b|©).{0,120}|.{0,80}all rights reserved\.?",
    r"(?:follow|like|find) us on .{0,60}",
    r"click here.{0,120}|tap here.{0,120}",
    r"continue reading.{0,60}|(?:previous|next|prev) (?:article|post|story|page).{0,120}",
    r"(?:tags?|filed under|categories|category|topics)\s*:.{0,200}",
    r"(?:photo|image|picture|video|graphic)(?: credits?)?\s*[:|/].{0,120}",
    r"\(?(?:getty images|afp via getty images|ap photo.{0,60}|reuters/.{0,60})\)?",
    r"(?:listen to|watch) (?:this|the) (?:article|story|video).{0,40}|\d+ min(?:ute)?s? read",
    r"your email address will not be published.{0,120}|required fields are marked.{0,40}",
    r"save my name,? email.{0,160}|notify me of .{0,80}",
    r"back to top|top of page|home|menu|search|log ?in|sign ?in|log ?out|close",
    r"(?:we|this (?:site|website)) uses? cookies.{0,300}|.{0,200}\b(?:accept|manage|reject) (?:all )?cookies.{0,200}|cookie (?:policy|settings|preferences)",
    r"(?:source|sources|external links|references)\s*:?",
    r"(?:report an? (?:error|typo|correction)|corrections? policy|send us a tip).{0,60}",
)
_MAX_UI_WORDS = 12
_COOKIE = re.compile(r"\bcookies?\b", re.I)

_CREDIT_LABELLED = (
    r"(?:original(?:ly)?\s+(?:source|published|posted|appeared)(?:\s+(?:on|in|at|by))?"
    r"|(?:article |story )?source|via|courtesy(?: of)?)\s*[:\-–—]\s*"
)
_CREDIT_SENTENCE = (
    r"(?:read the original(?: article| story| post)?(?: (?:on|at|in))?"
    r"|(?:this|the) (?:article|story|post|piece|report|content)(?: was)?(?: originally| first)?"
    r" (?:appeared|published|posted|ran|produced)(?: (?:on|in|at|by))"
    r"|(?:re)?published (?:with permission )?(?:from|by|courtesy of)"
    r"|reprinted (?:with permission )?from)\s*:?\s*"
)
# "Original Source: www.nbcnews.com", "This article originally appeared on …". A bare
# "Source" needs its colon, so "Sources say …" stays prose.
CREDIT = re.compile(
    r"^(?:" + _CREDIT_LABELLED + "|" + _CREDIT_SENTENCE + r")(?P<source>.+?)\.?$", re.I
)
# "— Associated Press", "Reuters contributed to this report.", "Reporting by …; Editing by …"
WIRE_TRAILER = re.compile(
    r"^[-–—]?\s*(?:(?:the )?(?P<wire>associated press|reuters|afp|agence france-presse|bloomberg|"
    r"upi|xinhua|yonhap|dpa)(?: contributed to this (?:report|story|article))?\.?"
    r"|(?:additional )?reporting by .{3,200}|(?:writing|editing) by .{3,200})$",
    re.I,
)
# "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Written by …", "Author: …"
BYLINE = re.compile(
    r"^(?i:by|written by|words by|story by|reported by|author|authors|posted by)\s*:?\s+"
    r"(?P<names>[A-Z][\w.'’-]+(?:[ ,&]+(?:and\s+)?[A-Z][\w.'’-]+){0,11})"
    r"(?:\s*[,|–—-]\s*(?P<outlet>[\w .&'-]{2,40}))?$"
)
_DATE_WORDS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATELINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published)\s*(?:on|at)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:" + _DATE_WORDS + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _DATE_WORDS + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s*(?:at\s*)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
    r"(?:\s*[|,·•-]\s*(?:updated|published).{0,60})?$",
    re.I,
)
# Wiki-style citation lines: '"Headline" — Outlet, August 15, 2008'.
CITATION = re.compile(r"^(?:[\w .,'-]{2,60}\.\s+)?[\"“].{5,250}[\"”]\s*[-–—]\s*.{2,120}\d{4}\.?$")

# An author biography: someone's career, in the third person, at the end of a page.
_BIO_SUBJECT = re.compile(
    r"^(?:about the author:?\s*)?(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’.-]+){1,3})"
    r" (?:is|has|was|covers|writes|joined|brings|currently|lives|holds|began|spent|reports)\b"
)
_BIO_CUES = re.compile(
    r"\b(?:journalis[mt]s?|reporter|reporting|correspondent|editor(?:ial)?|writer|author|columnist|"
    r"contributor|contributes|freelance|newsroom|newspaper|award|awards|career|experience|"
    r"degree|graduated|passion|expertise|his work|her work|their work|covers|covering|beat|"
    r"decades?|years of)\b",
    re.I,
)
_REPORTED = re.compile(r"\b(?:said|says|told|according to)\b|[\"“”]", re.I)
_MIN_BIO_CUES = 3  # one cue appears in ordinary news prose; three together read as a bio


def _words(text: str) -> int:
    return len(text.split())


def is_ui_junk(block: str) -> bool:
    if _words(block) <= _MAX_UI_WORDS and _UI.match(block.strip(" .!|>»·•")):
        return True
    # Cookie and consent notices run longer than buttons but say so plainly.
    return _words(block) <= 60 and bool(_COOKIE.search(block)) and bool(
        re.search(r"\b(?:accept|consent|privacy|preferences|we use|this site uses)\b", block, re.I)
    )


def bio_author(block: str) -> str | None:
    """The author's name if `block` reads as an author biography, else None."""
    match = _BIO_SUBJECT.match(block)
    # Reported speech ("…, the committee said") is news about a person, not a bio.
    if match and not _REPORTED.search(block) and len(_BIO_CUES.findall(block)) >= _MIN_BIO_CUES:
        return match.group("name")
    return None


def _looks_like_headline(block: str, following: list[str]) -> bool:
    """A short line without closing punctuation, followed by longer prose."""
    words = _words(block)
    if not 2 <= words <= 25 or len(block) > 200 or re.search(r"[.,;:]$", block):
        return False
    capitalised = sum(1 for word in block.split() if word[:1].isupper())
    longer_after = any(_words(nxt) > words for nxt in following[:3])
    return longer_after and block[:1].isupper() and capitalised >= 1


def _same_title(a: str, b: str) -> bool:
    def key(text: str) -> str:
        return re.sub(r"\W+", " ", text).strip().lower()

    return key(a) == key(b) or (len(key(b)) > 15 and key(b) in key(a))


# How far from the edges of a page furniture such as bylines and credits can sit.
_HEAD_BLOCKS = 4


def classify_blocks(blocks: list[str], known_title: str | None = None) -> list[Block]:
    """Label every block; the body keeps every paragraph of the article.

    Position matters: a byline or a dateline counts only near the top, a biography
    only after the last body paragraph, so the same words inside an article stay text.
    """
    kinds: list[BlockKind] = ["body"] * len(blocks)
    for i, block in enumerate(blocks):
        if is_ui_junk(block):
            kinds[i] = "junk"
        elif CITATION.match(block):
            kinds[i] = "citation"
        elif CREDIT.match(block) and _words(block) <= 20:
            kinds[i] = "credit"
        elif WIRE_TRAILER.match(block) and _words(block) <= 40:
            kinds[i] = "credit"

    content = [i for i, kind in enumerate(kinds) if kind == "body"]
    head = content[:_HEAD_BLOCKS]
    title_taken = False
    for i in head:
        block = blocks[i]
        if not title_taken and (
            (known_title and _same_title(block, known_title))
            or (not known_title and i == content[0]
                and _looks_like_headline(block, [blocks[j] for j in content if j > i]))
        ):
            kinds[i] = "title"
            title_taken = True
        elif BYLINE.match(block) and _words(block) <= 15:
            kinds[i] = "byline"
        elif DATELINE.match(block):
            kinds[i] = "dateline"

    # Biographies sit in the tail: after the body, among the last few blocks.
    body = [i for i, kind in enumerate(kinds) if kind == "body"]
    if len(body) > 2 and bio_author(blocks[body[-1]]):
        kinds[body[-1]] = "bio"
    # A lone byline at the very end ("By Jane Doe") is a credit, not prose.
    if body and BYLINE.match(blocks[body[-1]]) and _words(blocks[body[-1]]) <= 15:
        kinds[body[-1]] = "byline"
    return [Block(text=block, kind=kind) for block, kind in zip(blocks, kinds)]
