"""Quantitative claims: every count with what it counts, who says so, how sure, when.

For each count or money figure `numbers.find_numbers` finds in a sentence, the parse
tells the rest:

    counted   the noun the number modifies ("300 North Korean soldiers"), the noun of
              an "of" phrase ("dozens of people"), the subject of an aggregate verb
              ("casualties could total 4,000"), or — for an elliptic count such as
              "an additional 2,700 wounded" — the noun of the claim before it
    measure   a noun that names it (casualties, deaths, refugees, missiles), else the
              predicate (perished → killed, injured → wounded, sent → deployed), else
              the kind of noun (troops → deployed, people → people), money → money
    source    `attribution.attribute`; a number inside a direct quote is the speaker's
    modality  `modality.modality`
    time      the time expression of the sentence nearest the predicate

Numbers that measure nothing we track (meetings, votes, kilometres) yield no claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from sitrep.model import Attribution, Claim, Evidence, Mention, Quote, TimeRef, Value
from sitrep.nlp import measures
from sitrep.nlp.attribution import attribute
from sitrep.nlp.modality import modality
from sitrep.nlp.numbers import NumberMention, find_numbers
from sitrep.nlp.timex import find_times

_COUNTED_DEPS = frozenset(["amod", "compound", "nmod", "poss", "case", "npadvmod"])
_AGGREGATE_VERBS = frozenset(["total", "reach", "number", "exceed", "top", "climb", "rise", "stand",
                              "surpass", "hit", "increase", "grow", "jump", "soar", "be"])


@dataclass
class _Reading:
    """What the parse says about one number before it becomes a Claim."""

    number: NumberMention
    anchor: Token            # the number's own token (its syntactic head within the span)
    noun: Token | None       # the counted noun
    counted: str | None
    measure: str
    predicate: Token | None  # the verb that says what happened to the count


def _anchor(doc: Doc, number: NumberMention) -> Token | None:
    span = doc.char_span(number.start, number.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    # The token of the span whose head lies outside it links the number to the sentence;
    # a qualifying verb in the span ("surpassed one million") is not the number.
    tokens = [token for token in span if token.pos_ not in ("VERB", "AUX")] or list(span)
    outside = [t for t in tokens if not (span.start <= t.head.i < span.end) or t.head.i == t.i or t.head.pos_ in ("VERB", "AUX")]
    return outside[-1] if outside else tokens[-1]


def _counted_phrase(noun: Token, skip: range) -> str:
    tokens = [noun]
    for child in noun.lefts:
        if child.dep_ in _COUNTED_DEPS and child.i not in skip:
            tokens.extend(t for t in child.subtree if t.i not in skip and t.dep_ != "det")
    for child in noun.rights:
        if child.dep_ in ("compound", "flat"):
            tokens.extend(child.subtree)
    tokens = sorted(set(tokens), key=lambda token: token.i)
    return " ".join(token.text for token in tokens if token.dep_ != "punct").replace(" 's", "'s").replace(" ’s", "’s")


def _predicate(token: Token) -> Token | None:
    """The nearest verb (or predicative adjective) above the counted phrase."""
    node = token
    while node.head.i != node.i:
        node = node.head
        # "According" is tagged a verb, but it introduces a source, not what happened.
        if node.pos_ in ("VERB", "AUX", "ADJ") and node.dep_ not in ("amod", "prep") and node.lemma_ != "accord":
            return node
    return None


def _measure_from_predicate(predicate: Token | None) -> str | None:
    if predicate is None:
        return None
    found = measures.measure_for_predicate(predicate.lemma_) or measures.measure_for_predicate(predicate.lower_)
    if found:
        return found
    # "were shot dead", "were reported hospitalised": the complement carries the measure;
    # "81 had lost their lives": the object does.
    for child in predicate.children:
        if child.dep_ == "dobj" and measures.measure_for_noun(child.lemma_) == "killed":
            return "killed"
        if child.dep_ in ("acomp", "oprd", "xcomp", "ccomp") and measures.measure_for_predicate(child.lemma_):
            return measures.measure_for_predicate(child.lemma_)
    return None


def _passive_after(noun: Token) -> str | None:
    """"… and 200 people were injured": the words right after the counted noun say what
    happened to it, whatever the parser attached the clause to (it often hangs a second
    clause on the first one's verb)."""
    doc = noun.doc
    i = noun.i + 1
    while i < len(doc) and i <= noun.i + 3 and (doc[i].pos_ == "AUX" or doc[i].dep_ in ("auxpass", "aux", "neg")):
        i += 1
    if i == noun.i + 1 or i >= len(doc) or doc[i].tag_ != "VBN":
        return None
    return measures.measure_for_predicate(doc[i].lemma_) or measures.measure_for_predicate(doc[i].lower_)


def _of_object(token: Token) -> Token | None:
    return next((obj for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for obj in prep.children if obj.dep_ == "pobj"), None)


def _participle_measure(token: Token) -> str | None:
    """"2,700 wounded", "150 soldiers, 95 civilians and hundreds of Taliban killed": a
    participle on the count, on a conjoined count, or on the noun of its "of" phrase."""
    for node in [token, *token.conjuncts]:
        of_object = _of_object(node)
        for owner in (node, *([of_object] if of_object is not None else [])):
            for child in owner.children:
                if child.dep_ in ("acl", "amod", "relcl") and measures.measure_for_predicate(child.lemma_):
                    return measures.measure_for_predicate(child.lemma_)
    return None


def _is_identifier(anchor: Token) -> bool:
    """"Region 11", "Category 5", "posts 542 and 543", "Boeing 737": a label, not a count."""
    first = anchor
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "posts 542 and 543": the second number is labelled too
    head = first.head
    if head.i < first.i and head.pos_ in ("NOUN", "PROPN") and first.dep_ in ("nummod", "appos", "compound", "npadvmod", "nmod"):
        return True  # a number after its noun names it
    previous = first.doc[first.i - 1] if first.i > 0 else None
    if previous is None or previous.is_sent_start or not previous.text[:1].isupper():
        return False
    if previous.pos_ in ("PROPN", "NOUN") and first.i - 1 == head.i:
        return True
    # "Boeing 737-800": a name, then a hyphenated pair written solid, is a model designation.
    doc = first.doc
    solid_pair = not first.whitespace_ and first.i + 1 < len(doc) and doc[first.i + 1].text in ("-", "–")
    return previous.pos_ == "PROPN" and ("-" in first.text or solid_pair
                                         or first.dep_ in ("appos", "compound", "npadvmod"))


def _is_rate(text: str, number: NumberMention) -> bool:
    """"18.9 deaths per 100,000 people": a rate is not a count."""
    around = text[max(0, number.start - 5):number.end + 30].lower()
    return " per " in around or "per capita" in around


def _noun_for(anchor: Token) -> Token | None:
    """The noun whose count the number gives, by the shapes news sentences use."""
    if anchor.dep_ in ("nummod", "quantmod", "nmod", "appos") and anchor.head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
        noun = anchor.head
        # "53 measles related deaths": the number hangs on a modifier of the real noun.
        while noun.dep_ in ("compound", "nmod") and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
            noun = noun.head
        return noun
    of_phrase = next((c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of_phrase is not None:
        # "dozens of people", "four of whom", "Four of the deceased"
        return next((c for c in of_phrase.children if c.dep_ == "pobj"), None)
    head = anchor.head
    if anchor.dep_ == "pobj" and head.dep_ == "prep":
        owner = head.head
        # "the death toll of 50", "placed the death count in the hundreds", "from fourteen to 31"
        while owner.dep_ == "prep" and owner.head.i != owner.i:
            owner = owner.head
        if owner.pos_ in ("NOUN", "PROPN") and owner.lemma_.lower() in measures.AGGREGATE_NOUNS:
            return owner
        if owner.pos_ in ("VERB", "AUX"):
            for child in owner.children:
                if child.dep_ in ("dobj", "nsubj", "nsubjpass") and child.lemma_.lower() in measures.AGGREGATE_NOUNS:
                    return child
    if anchor.dep_ in ("dobj", "attr", "acomp", "npadvmod", "pobj"):
        verb = head.head if anchor.dep_ == "pobj" else head
        if verb.lemma_.lower() in _AGGREGATE_VERBS:
            return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if anchor.pos_ == "NOUN" and anchor.lemma_.lower() not in ("dozen", "hundred", "thousand", "million", "score"):
        return anchor
    return None


def _context_measure(noun: Token) -> str | None:
    """A measure the noun's surroundings state for it.

    "the death of at least 50 people", "the confirmed deaths are fourteen civilians",
    "20 bodies had been recovered, eleven women and nine men", "the death toll rising to
    22 people": the count's own noun says only *who*; the noun it hangs from says what.
    """
    base = noun
    while base.dep_ == "conj" and base.head.i != base.i:
        base = base.head  # "fourteen civilians, five personnel and one member": the first conjunct
    head = base.head
    if base.dep_ == "appos":
        return measures.measure_for_noun(head.lemma_)
    if base.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        found = measures.measure_for_noun(head.head.lemma_)
        if found and found != "deployed":
            return found
    if base.dep_ in ("attr", "acomp") and head.lemma_ == "be":
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            found = measures.measure_for_noun(subject.lemma_)
            if found and found != "deployed":
                return found
    if base.dep_ == "dobj" and head.lemma_ in ("include", "comprise"):
        # "the fatalities included four males and one female"
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and measures.measure_for_noun(subject.lemma_):
            return measures.measure_for_noun(subject.lemma_)
    # A count the sentence gives as a toll: "with the death toll rising to 22 people".
    for ancestor in [base, *list(base.ancestors)[:4]]:
        candidates = [ancestor, *[c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]]
        for candidate in candidates:
            if candidate.lemma_.lower() in measures.AGGREGATE_NOUNS:
                found = aggregate_measure(candidate)
                if found:
                    return found
    return None


def aggregate_measure(noun: Token) -> str | None:
    """"death toll" → killed; "the total number of confirmed cases" → people."""
    for child in noun.lefts:
        found = measures.measure_for_noun(child.lemma_)
        if found:
            return found
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found = measures.measure_for_noun(obj.lemma_)
                    if found == "deployed" or (found is None and measures.is_people(obj.lemma_)):
                        found = "people" if found is None else found
                    if found:
                        return found
    return None


def _person_like(noun: Token | None) -> bool:
    if noun is None or noun.pos_ == "PRON":
        return True
    lemma = noun.lemma_.lower()
    if lemma in measures.AGGREGATE_NOUNS:
        return True  # "A total of 39 are confirmed dead"
    return (measures.looks_like_people(lemma) or measures.measure_for_noun(lemma) == "deployed"
            or noun.ent_type_ in ("NORP", "PERSON"))


def _read(doc: Doc, text: str, number: NumberMention, previous: _Reading | None) -> _Reading | None:
    anchor = _anchor(doc, number)
    if anchor is None or (number.low in (0, None) and number.high in (0, None)):
        return None
    if _is_identifier(anchor) or _is_rate(text, number):
        return None
    span_range = range(anchor.i - len(number.text.split()) - 2, anchor.i + 1)
    noun = _noun_for(anchor)
    if noun is not None and noun.i == anchor.i:
        noun = anchor
    if noun is not None and noun.lemma_.lower() in measures.NOT_COUNTED:
        # "dozens of rounds of artillery": the container's "of" noun is what is counted.
        inner = _of_object(noun)
        if inner is not None and measures.measure_for_noun(inner.lemma_):
            noun = inner
    relative = next((c for c in anchor.children if c.dep_ == "relcl"), None)
    predicate = relative or _predicate(noun if noun is not None else anchor)
    noun_lemma = noun.lemma_.lower() if noun is not None else ""
    measure = _participle_measure(anchor) or (_participle_measure(noun) if noun is not None else None)
    if noun is not None and noun_lemma in measures.AGGREGATE_NOUNS:
        # "the death toll rose to 50": the toll's modifier names the measure.
        measure = measure or aggregate_measure(noun)
    strong = measures.measure_for_noun(noun_lemma) if noun is not None else None
    if measure is None and noun is not None and _person_like(noun):
        measure = _passive_after(noun)
    if measure is None and noun is not None:
        measure = _context_measure(noun)
    if measure is None and strong and strong != "deployed":
        measure = strong
        if strong == "casualties" and _person_like(noun):
            # "two of Khan's victims died": the predicate is more specific than "victims".
            measure = _measure_from_predicate(predicate) or strong
    defaulted = False
    if measure is None and _person_like(noun):
        measure = _measure_from_predicate(predicate)
    if measure is None and noun is not None:
        if strong == "deployed":
            measure = "deployed"
        elif measures.is_people(noun_lemma) or noun.ent_type_ == "NORP":
            measure, defaulted = "people", True
    if measure is None and noun is None and anchor.dep_ in ("nsubj", "nsubjpass"):
        measure, defaulted = "people", True  # "At least 45 were aboard"
    if number.kind == "money":
        measure, defaulted = "money", False
    if measure is None and noun is None and previous is not None and previous.measure:
        # A list continuing the claim before it: "21 injured in Davao, 36 in Cotabato".
        if anchor.dep_ in ("conj", "appos", "dep", "npadvmod") or doc[anchor.i - 1].text in (",", "and"):
            measure = previous.measure
    if measure is None or (noun_lemma in measures.NOT_COUNTED and not strong):
        return None
    if number.low == 1 and number.text.lower().split()[-1] in ("one", "a"):
        partitive = doc.text[number.end:number.end + 8].lower().startswith(" of the")
        if defaulted or partitive:
            return None  # "one man sprayed Khan", "one of the highest tolls": not a count
    counted = _counted_phrase(noun, span_range) if noun is not None and noun.i != anchor.i else None
    if counted is None and previous is not None and previous.counted and noun is None:
        counted = previous.counted  # "300 soldiers have perished, along with 2,700 wounded"
    return _Reading(number, anchor, noun, counted, measure, predicate)


def _quote_speaker(quotes: Sequence[Quote], position: int) -> Attribution | None:
    for quote in quotes:
        if quote.direct and quote.start <= position < quote.end and quote.speaker_text:
            return Attribution(text=quote.speaker_text, entity=quote.speaker, kind="named")
    return None


def _nearest_time(sentence: Span, reading: _Reading, published: date | None) -> TimeRef | None:
    mentions = find_times(sentence.text, published)
    if not mentions:
        return None
    target = (reading.predicate or reading.anchor).idx - sentence.start_char
    best = min(mentions, key=lambda mention: abs(mention.start - target))
    return best.to_timeref()


def _evidence(sentence: Span) -> Evidence:
    """The sentence as evidence, without the paragraph break spaCy keeps at its end."""
    text = sentence.text.rstrip()
    return Evidence(sentence.start_char, sentence.start_char + len(text), text)


def extract_claims(
    doc: Doc, published: date | None = None, quotes: Sequence[Quote] = (), author: str | None = None,
) -> list[Claim]:
    """Every claim in the parsed article, in text order, ids c1, c2, …

    `author` is who an unquoted "I" is (a statement's or speech's speaker, named by its
    title: see nlp/voice.py): "I" as a source is that person.
    """
    claims: list[Claim] = []
    text = doc.text  # built on every access: once here, not once per number
    for sentence in doc.sents:
        previous: _Reading | None = None
        for number in find_numbers(sentence.text):
            if number.kind not in ("count", "money"):
                continue
            number = NumberMention(
                number.start + sentence.start_char, number.end + sentence.start_char, number.text,
                number.low, number.high, number.approximate, number.qualifier, number.kind, number.unit,
            )
            reading = _read(doc, text, number, previous)
            if reading is None:
                continue
            previous = reading
            source = _quote_speaker(quotes, number.start) or attribute(reading.anchor)
            if author and source.text in ("I", "me"):
                source = Attribution(text=author, entity=None, kind="named")
            claims.append(Claim(
                id=f"c{len(claims) + 1}",
                measure=reading.measure,
                counted=reading.counted,
                subject=None,
                value=Value(number.low, number.high, number.approximate, number.qualifier),
                unit=number.unit,
                time=_nearest_time(sentence, reading, published),
                source=source,
                modality=modality(reading.anchor, source.kind != "article", number.qualifier),
                evidence=_evidence(sentence),
                span=Mention(number.start, number.end, number.text),
            ))
    return claims
