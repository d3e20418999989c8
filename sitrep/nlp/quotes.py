"""Quote extraction: who said what, direct and indirect.

`extract_quotes(doc)` returns the article's quotations as `Quote`s in text order, ids
"q1", "q2", …. It is pure and never raises on messy text (odd or stray marks, empty
text, a doc without a parse: then only marked quotes that read as speech, no speakers).

Direct quotes start from the spans between quote marks (`sitrep.nlp.quotemarks`:
curly/straight/single marks, apostrophes, multi-paragraph and unbalanced quotes); the
parse then decides which are quotations and who speaks:

* `text`/`start`/`end` are the words inside the marks (`text == doc.text[start:end]`),
  without a trailing comma (“We will win,” — the comma is the attribution's). A
  multi-paragraph quote is one quote; it keeps its inner paragraph break and the mark
  that reopens it.
* Split quotes (“We will win,” he said, “and soon.”) are two quotes with the same
  speaker and cue, so that each keeps exact offsets.
* Short phrases (< `SHORT_QUOTE_WORDS` words, no finite verb) are scare quotes unless
  the parse makes them the complement of a cue that has a speaker: "Trump described
  Kim as “a smart guy”" and "called the ruling “dangerous”" are quotes; "labeled North
  Korea a “nuclear power”" (naming verbs are not cues), "the “toughest” policies" (the
  phrase modifies a noun), "says on “The Countdown”" and "the so-called “…”" are not.
* Longer spans are quotes when a cue is near — in the quote's own sentences within its
  paragraph(s), in a short sentence right after it ("…” Trump said."), in a sentence
  ending in a colon right before it (or a comma ending the previous paragraph), on an
  attribution line after it (“…” — Matthew Ingram), or in the sentence before a quote
  that opens a sentence ("Wilkins also said …. “As a way …”") — or when they read as
  speech (a verb, and sentence or clause punctuation at the end). Quoted titles
  ("Document found on street" — CBC) have neither and are dropped.
* Of several cues, the one the parse ties to the quote (or that stands right by its
  marks) wins, then one with a speaker, then the nearest.
* A pull quote without marks — a paragraph of speech ending in the speaker's name ("…
  I was hauled in. Valeska Paris", "… Program. Charles Bolden, NASA Administrator") —
  is a direct quote too.

Speakers (`speaker_text`; `speaker`, the entity id, is left None for the entity stage)
are named by `sitrep.nlp.speakers.Speakers`: the cue's subject as a name without
titles; "he"/"she"/"the spokesperson" as the nearest PERSON named before (gender-
agnostic, preferring subjects); "it"/"they" as the nearest non-person source. A quote
without a cue continues the speaker of the quote just before it (same or previous
paragraph) unless another person is named in between.

Indirect speech: a reporting verb with a clausal complement and a speaker ("X said
(that) the ministry would …") gives `direct=False`, `text` the complement clause
(outermost report only, never one holding a direct quote); "according to X, …" at a
sentence edge gives the rest of the sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from sitrep.model import Quote
from sitrep.nlp.quotemarks import QuotedSpan, find_quoted_spans, paragraphs
from sitrep.nlp.speakers import Speakers
from sitrep.nlp.speech import (
    attribution_object,
    cue_text,
    is_quote_cue,
    is_reporting_verb,
    issues_document,
    last_word,
    name_tokens,
    span_text,
    speaker_token,
)

__all__ = ["SHORT_QUOTE_WORDS", "extract_quotes"]

SHORT_QUOTE_WORDS = 6  # fewer words and no finite verb: a phrase, so maybe a label
_FINITE_TAGS = frozenset("VBD VBZ VBP MD".split())
_SPEECH_END = frozenset(".!?…")
_FIRST_PERSON = frozenset("i we me us my our i'm we're we've i've i'd we'd".split())
_DASH_LINE = re.compile(r"[ \t]*[-–—]+[ \t]*")
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-Z])")


def _token_at(ctx: Speakers, pos: int) -> Token | None:
    span = ctx.doc.char_span(pos, min(pos + 1, len(ctx.text)), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _roots(words: Span) -> list[Token]:
    return [t for t in words if not (words.start <= t.head.i < words.end) or t.head.i == t.i]


def _complement_cue(words: Span, ctx: Speakers) -> Token | None:
    """The cue a short quoted phrase is the complement of, climbing through clausal
    complements: "described Kim as “a smart guy”", "said her party has supported the
    idea “for months”". A phrase that modifies a noun ("the “toughest” policies", "the
    words “and Emergency”") has none."""
    for root in _roots(words):
        head = root.head
        if head.i == root.i:
            continue
        if head.pos_ == "ADP":  # "described Kim as “a smart guy”", "grown into a “movement”"
            if is_quote_cue(head.head) and head.lower_ not in ("as", "for"):
                continue  # "says on “The Countdown”": where it was said, not what
            head = head.head
        for _ in range(4):
            if head.pos_ not in ("VERB", "AUX") or ctx.quoted(head.idx):
                break
            if is_quote_cue(head) and speaker_token(head) is not None:
                return head
            if head.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or head.head.i == head.i:
                break
            head = head.head
    return None


def _link(cue: Token, words: Span, opener: Token, closer: Token) -> int:
    """How the text ties `cue` to the quoted words: 2 when the parse has the cue govern
    them (within four hops) or the cue stands right by the marks with no other verb
    between ("X said, “…”", "“…,” said X", "a message stating, “…”"); 1 when the cue
    hangs inside the quote (often a misparse); 0 otherwise."""
    for root in _roots(words):
        head = root
        for _ in range(4):
            if head.head.i == head.i:
                break
            head = head.head
            if head.i == cue.i:
                return 2
    between = cue.doc[cue.i + 1 : opener.i] if cue.i < opener.i else cue.doc[closer.i + 1 : cue.i]
    if len(between) <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in between):
        return 2
    return 1 if words.start <= cue.head.i < words.end else 0


def _near_cue(span: QuotedSpan, words: Span, ctx: Speakers) -> Token | None:
    """The cue of a quote (see the module doc for where it is looked for); a cue the
    parse links to the quote wins, then the nearest."""
    doc = ctx.doc
    opener = _token_at(ctx, span.open) or words[0]
    closer = (_token_at(ctx, span.close) if span.close is not None else None) or words[-1]
    own = {ctx.paragraph(span.open), ctx.paragraph(closer.idx)}
    sents = [opener.sent, closer.sent]
    after = closer.sent.end
    if closer.i >= after - 2 and after < len(doc) and len(doc[after].sent) <= 12:
        sents.append(doc[after].sent)
    before = opener.i - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before >= 0 and (doc[before].text.endswith(":") or (
        doc[before].text == "," and ctx.paragraph(doc[before].idx) != ctx.paragraph(span.open)
    )):  # "Obama tweeted:" / "Rathbun stated," then the quote
        sents.append(doc[before].sent)
        own.add(ctx.paragraph(doc[before].idx))
    candidates = {
        t.i: t for s in sents for t in s
        if (is_quote_cue(t) or issues_document(t)) and not ctx.quoted(t.idx) and ctx.paragraph(t.idx) in own
    }.values()
    end = span.close if span.close is not None else span.end

    def rank(t: Token) -> tuple[int, bool, int]:
        distance = span.open - t.idx if t.idx < span.open else t.idx - end
        return (-_link(t, words, opener, closer), ctx.speaker(t) is None, distance)

    return min(candidates, key=rank, default=None)


def _line_speaker(span: QuotedSpan, ctx: Speakers) -> str | None:
    """The speaker on an attribution line after the closing mark: “…” — Matthew
    Ingram, or “…” Anonymous blogger, “Post title” (a verbless rest of paragraph)."""
    if span.close is None:
        return None
    doc, pos = ctx.doc, span.close + 1
    dash = _DASH_LINE.match(ctx.text, pos)
    dashed = dash is not None and dash.group().strip() != ""
    rest = doc.char_span(dash.end() if dash else pos, ctx.paragraph_end(pos), alignment_mode="expand")
    if rest is None or not len(rest) or rest[0].is_space:
        return None
    if ctx.text[span.end - 1] not in _SPEECH_END or any(
        (t.pos_ in ("VERB", "AUX") or t.like_num or t.ent_type_ == "DATE") and not ctx.quoted(t.idx) for t in rest
    ):
        return None  # a citation ("Headline" — CBC.ca, August 15, 2008) or narration
    phrase: list[Token] = []
    for tok in rest:
        if tok.is_punct or tok.is_space or len(phrase) == 5:
            break
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ", "DET"):
            return None
        phrase.append(tok)
    if not phrase or phrase[-1].pos_ not in ("PROPN", "NOUN") or not (dashed or len(rest) > len(phrase)):
        return None
    return ctx.name(phrase[-1])


def _previous_sentence_cue(words: Span, ctx: Speakers) -> Token | None:
    """"Wilkins also said Warhol was a businessman. “As a way to …”": a cue-less
    quote opening a sentence right after a report in the same paragraph is that
    speaker's."""
    doc, first = ctx.doc, words[0].sent.start
    if first == 0 or first < words.start - 2:
        return None  # the quote does not open its sentence
    prev = doc[first - 1].sent
    for tok in prev:
        # "Cornyn … issued a statement. “Like many Texans, …”" counts as a report too.
        reports = is_reporting_verb(tok) or issues_document(tok)
        if reports and not ctx.quoted(tok.idx) and ctx.paragraph(tok.idx) == ctx.paragraph(words.start_char) \
                and ctx.speaker(tok) is not None:
            return tok
    return None


def _reads_as_speech(text: str, span: QuotedSpan) -> bool:
    """Ends like a sentence or a clause of one (“…,” / “….” / “…”,) — unlike a
    quoted title."""
    if text[span.end - 1] in _SPEECH_END:
        return True
    if span.close is None:
        return False
    ending = text[span.end : span.close].strip() + text[span.close + 1 : span.close + 2]
    return any(ch in ".,;:!?" for ch in ending)


def _so_called(text: str, span: QuotedSpan) -> bool:
    return text[max(0, span.open - 10) : span.open].rstrip().lower().endswith("so-called")


def _quote(speaker: str | None, cue: Token | None, text: str, start: int, end: int, direct: bool) -> Quote:
    return Quote(id="", speaker=None, speaker_text=speaker, cue=cue_text(cue) if cue is not None else None,
                 text=text[start:end], direct=direct, start=start, end=end)


def _direct_quotes(doc: Doc, spans: list[QuotedSpan], ctx: Speakers) -> list[Quote]:
    parsed = doc.has_annotation("DEP")
    quotes: list[Quote] = []
    last: tuple[int, int, str | None] | None = None  # paragraph, end, speaker of the last quote
    for span in spans:
        words = doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None or not len(words):
            continue
        n_words = sum(1 for t in words if not (t.is_punct or t.is_space))
        short = n_words < SHORT_QUOTE_WORDS and not any(t.tag_ in _FINITE_TAGS for t in words)
        cue: Token | None = None
        speaker: str | None = None
        if not parsed:
            keep = not short and _reads_as_speech(ctx.text, span)
        elif short:
            cue = None if _so_called(ctx.text, span) else _complement_cue(words, ctx)
            keep = cue is not None
        else:
            speaker = _line_speaker(span, ctx)
            cue = None if speaker else _near_cue(span, words, ctx)
            if cue is None and speaker is None:
                cue = _previous_sentence_cue(words, ctx)
            # Without attribution, speech has a verb and ends like a sentence; quoted
            # titles and names do not.
            keep = cue is not None or speaker is not None or (
                _reads_as_speech(ctx.text, span) and any(t.pos_ in ("VERB", "AUX") for t in words))
        if not keep:
            continue
        if cue is not None:
            speaker = ctx.speaker(cue)
        elif speaker is None and last is not None and ctx.paragraph(span.start) - last[0] <= 1:
            # A cue-less quote right after another continues its speaker's words,
            # unless somebody else has been named in between.
            if all(_same_name(name, last[2]) for name in ctx.persons_between(last[1], span.open)):
                speaker = last[2]
        quotes.append(_quote(speaker, cue, ctx.text, span.start, span.end, True))
        last = (ctx.paragraph(span.end), span.end, speaker)
        ctx.spoke(span.end, speaker)
    return quotes


def _same_name(a: str | None, b: str | None) -> bool:
    return last_word(a) is not None and last_word(a) == last_word(b)


def _pull_quotes(doc: Doc, ctx: Speakers) -> list[Quote]:
    """Paragraphs of speech without marks that end in the speaker's name: "I was
    basically hauled in … suppressive. Valeska Paris", "… Program. Charles Bolden,
    NASA Administrator". The body must be first-person speech, or the name carry a
    role after a comma; the name is a PERSON or two or three capitalised words."""
    quotes = []
    for p_start, p_end in paragraphs(ctx.text):
        para = ctx.text[p_start:p_end]
        if any(ch in para for ch in "\"“”«»"):
            continue
        for end in reversed([m for m in _SENTENCE_END.finditer(para) if len(para) - m.end() <= 80]):
            body = doc.char_span(p_start, p_start + end.start() + 1, alignment_mode="expand")
            tail = doc.char_span(p_start + end.end(), p_end, alignment_mode="expand")
            if body is None or tail is None or len(body) < 6 or any(t.pos_ in ("VERB", "AUX") for t in tail):
                continue
            name = list(tail[: next((t.i - tail.start for t in tail if t.text == ","), len(tail))])
            role = len(name) < len(tail)
            person = tail[0].ent_type_ == "PERSON" or (
                not role and 2 <= len(name) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in name))
            first_person = any(t.lower_ in _FIRST_PERSON for t in body)
            if person and (first_person or role) and name_tokens(name[-1]):
                quotes.append(_quote(span_text(name), None, ctx.text, body.start_char, body.end_char, True))
                break
    return quotes


def _clause_bounds(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character bounds of tokens first..last without a leading "that" and edge punctuation."""
    while first < last and (doc[first].dep_ == "mark" or doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last - first < 2:
        return None  # fewer than three words: not a reported statement
    return doc[first].idx, doc[last].idx + len(doc[last])


def _indirect_quotes(doc: Doc, direct: list[Quote], ctx: Speakers) -> list[Quote]:
    """Reporting verb + clausal complement, or "according to X" at a sentence edge."""
    taken = [(q.start - 1, q.end + 1) for q in direct]
    found: list[tuple[int, int, Token]] = []
    for tok in doc:
        bounds: tuple[int, int] | None = None
        if ctx.quoted(tok.idx):
            continue
        if is_reporting_verb(tok):
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if comp is not None and speaker_token(tok) is not None:
                bounds = _clause_bounds(doc, comp.left_edge.i, comp.right_edge.i)
        elif tok.lower_ == "according" and attribution_object(tok) is not None:
            sent, phrase = tok.sent, [t.i for t in tok.subtree]
            if min(phrase) == sent.start:
                bounds = _clause_bounds(doc, max(phrase) + 1, sent.end - 1)
            elif all(t.is_punct or t.is_space for t in doc[max(phrase) + 1 : sent.end]):
                bounds = _clause_bounds(doc, sent.start, min(phrase) - 1)
        if bounds is not None and not any(a < bounds[1] and bounds[0] < b for a, b in taken):
            found.append((bounds[0], bounds[1], tok))  # a clause holding a direct quote is that quote
    return [
        _quote(ctx.speaker(cue), cue, ctx.text, start, end, False)
        for start, end, cue in found
        # "X said Y told Z that …": keep the outermost report.
        if not any(a <= start and end <= b and (a, b) != (start, end) for a, b, _ in found)
    ]


def extract_quotes(doc: Doc) -> list[Quote]:
    """The direct and indirect quotes of `doc`, in text order, ids "q1", "q2", …."""
    text = doc.text
    spans = find_quoted_spans(text)
    ctx = Speakers(doc, [(s.open, (s.close if s.close is not None else s.end) + 1) for s in spans])
    direct = _direct_quotes(doc, spans, ctx)
    if doc.has_annotation("DEP"):
        pulled = _pull_quotes(doc, ctx)
        direct += [p for p in pulled if not any(p.start < q.end and q.start < p.end for q in direct)]
        indirect = _indirect_quotes(doc, direct, ctx)
    else:
        indirect = []
    quotes = sorted(direct + indirect, key=lambda q: (q.start, q.end))
    for n, quote in enumerate(quotes, 1):
        quote.id = f"q{n}"
    return quotes
