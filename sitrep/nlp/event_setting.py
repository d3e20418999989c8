"""Where and when an event happened, and what measures it.

`location` is the place of an "in/near/at" phrase on the trigger; `protested` the state
a protest is made to when the text names no one; `time_of` the time expression of the
sentence nearest the trigger; `linked_claims` the claims of the same sentence that
count what the event did (troops for a deployment, casualties for an attack).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Span, Token

from sitrep.model import Claim, Entity, TimeRef
from sitrep.nlp.event_actors import ActorResolver
from sitrep.nlp.event_args import children
from sitrep.nlp.event_parties import entity_id as _entity_id
from sitrep.nlp.event_parties import phrase as _phrase
from sitrep.nlp.gazetteer import load_gazetteer
from sitrep.nlp.timex import find_times

_PLACE_PREPS = frozenset(["in", "near", "at", "outside", "across", "inside"])
_PLACE_LABELS = frozenset(["GPE", "LOC", "FAC"])
# Which claim measures describe which event types.
_MEASURED_BY = {
    "MOBILIZE": {"deployed"}, "RETREAT": {"deployed"},
    "ASSAULT": {"killed", "wounded", "casualties", "weapons", "missing", "displaced"},
    "AID": {"weapons", "money"}, "COERCE": {"detained", "captured"},
    "THREATEN": {"weapons"}, "PROTEST": {"people"},
}


def location(trigger: Token) -> Token | None:
    scopes = [trigger] + ([trigger.head] if trigger.dep_ in ("xcomp", "conj") else [])
    for scope in scopes:
        for prep in children(scope, "prep"):
            if prep.lower_ in _PLACE_PREPS:
                for obj in children(prep, "pobj"):
                    if obj.ent_type_ in _PLACE_LABELS:
                        return obj
    return None


def protested(location: Token | None, entities: Sequence[Entity], resolver: ActorResolver) -> tuple[str, str] | None:
    """The state a protest is made to: the country of the place it is held in (a city
    gives its country, a territory such as Hong Kong itself), else the article's main one."""
    place_id = _entity_id(entities, _phrase(location)) if location is not None else None
    place = next((e for e in entities if place_id is not None and e.id == place_id), None)
    if place is not None and place.kb.get("iso3166"):
        return place.id, place.name
    code = place.kb.get("country") if place is not None else None
    state = next((e for e in entities if code and e.kb.get("iso3166") == code), None)
    if state is not None:
        return state.id, state.name
    if code:
        country = load_gazetteer().countries.get(code)
        if country is not None:
            return None, country.name  # "in Minsk" in an article that never names Belarus
    main = resolver.main_country()
    return (main, resolver.entities[main].name) if main else None


def time_of(sentence: Span, trigger: Token, published: date | None) -> TimeRef | None:
    mentions = find_times(sentence.text, published)
    if not mentions:
        return None
    offset = trigger.idx - sentence.start_char
    return min(mentions, key=lambda m: abs(m.start - offset)).to_timeref()


def linked_claims(event_type: str, trigger: Token, claims: Sequence[Claim]) -> list[str]:
    measures = _MEASURED_BY.get(event_type, set())
    sentence = trigger.sent
    return [claim.id for claim in claims
            if claim.measure in measures and sentence.start_char <= claim.evidence.start < sentence.end_char]
