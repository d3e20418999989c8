"""Link what the other stages found as text to the article's entities.

Quote speakers, claim and event sources become entity ids; a claim's `subject` — whose
soldiers, whose casualties — is the country or group named in its counted phrase
("North Korean soldiers" → North Korea's entity), else the possessor of it ("its
soldiers" stays unlinked: a pronoun is not evidence). Pure: returns the same objects,
filled in.
"""

from __future__ import annotations

from sitrep.model import Attribution, Claim, Entity, Event, Quote
from sitrep.nlp.entities import entity_for_name

_SUBJECT_TYPES = frozenset(["GPE", "NORP", "ORG"])


def _link_source(source: Attribution | None, entities: list[Entity]) -> None:
    if source is None or source.kind != "named" or not source.text or source.entity:
        return
    found = entity_for_name(entities, source.text)
    if found is None:
        # "Ukrainian President Volodymyr Zelenskyy": try the name without its titles,
        # then each word, longest first.
        words = sorted(source.text.replace("’s", "").replace("'s", "").split(), key=len, reverse=True)
        found = next((e for w in words if len(w) > 3 and (e := entity_for_name(entities, w))), None)
    if found is not None:
        source.entity = found.id


def claim_subject(claim: Claim, text: str, entities: list[Entity]) -> str | None:
    """The entity the counted phrase belongs to, found by offsets in the evidence."""
    if not claim.counted:
        return None
    sentence = text[claim.evidence.start:claim.evidence.end]
    at = sentence.find(claim.counted)
    if at < 0:
        return None
    start = claim.evidence.start + at
    for entity in entities:
        if entity.type not in _SUBJECT_TYPES and not entity.kb.get("iso3166"):
            continue
        for mention in entity.mentions:
            if mention.start < start + len(claim.counted) and start < mention.end:
                return entity.id
    return None


def link(text: str, entities: list[Entity], quotes: list[Quote], claims: list[Claim], events: list[Event]) -> None:
    for quote in quotes:
        if quote.speaker_text and not quote.speaker:
            found = entity_for_name(entities, quote.speaker_text)
            quote.speaker = found.id if found else None
    for claim in claims:
        _link_source(claim.source, entities)
        claim.subject = claim.subject or claim_subject(claim, text, entities)
    for event in events:
        _link_source(event.source, entities)

