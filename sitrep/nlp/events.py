"""Events: who did what to whom, typed with PLOVER, from the dependency parse.

A verb or noun of `event_lexicon` is a trigger. Around it the parse gives:

    actor     the subject (or the passive's "by" agent; for a noun, its "by"/possessor)
    target    the object (or the passive subject; else an "against/on/at/with/to" object)
    location  a place in an "in/near/at" phrase
    time      the nearest time expression of the sentence
    modality  `modality.modality` on the trigger; source `attribution.attribute`
    claims    the claims of the same clause that measure it (troops for MOBILIZE,
              casualties for ASSAULT, weapons for AID)

Participants resolve to entities (`entities.entity_for_span`) when that stage has run,
so "Pyongyang" acting as a government is North Korea's entity id.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from sitrep.model import Claim, Entity, Event, Evidence, Mention, TimeRef
from sitrep.nlp.attribution import attribute
from sitrep.nlp.event_lexicon import NEEDS_OBJECT, NOUNS, classify_verb
from sitrep.nlp.modality import modality
from sitrep.nlp.timex import find_times

_TARGET_PREPS = frozenset(["against", "on", "at", "with", "to", "into", "toward", "towards", "upon"])
_PLACE_PREPS = frozenset(["in", "near", "at", "outside", "across", "inside"])
_PLACE_LABELS = frozenset(["GPE", "LOC", "FAC"])
# Which claim measures describe which event types.
_MEASURED_BY = {
    "MOBILIZE": {"deployed"}, "RETREAT": {"deployed"},
    "ASSAULT": {"killed", "wounded", "casualties", "weapons", "missing", "displaced"},
    "AID": {"weapons", "money"}, "COERCE": {"detained", "captured"},
    "THREATEN": {"weapons"}, "PROTEST": {"people"},
}
# Nouns that make a verb's event nominal rather than a new one ("held talks").
_LIGHT_VERBS = frozenset(["hold", "have", "conduct", "carry", "make", "launch", "stage", "take", "give"])


def _children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _objects(verb: Token) -> list[Token]:
    found = _children(verb, "dobj", "obj", "attr")
    for prep in _children(verb, "prep"):
        if prep.lower_ in ("with", "of"):
            found.extend(_children(prep, "pobj"))  # "supplying Russia with artillery"
    for obj in list(found):
        found.extend(obj.conjuncts)
    return found


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def _participants(trigger: Token) -> tuple[Token | None, Token | None]:
    """(actor, target) heads for a verb or noun trigger."""
    if trigger.pos_ in ("VERB", "AUX"):
        if _is_passive(trigger):
            agent = next((pobj for a in _children(trigger, "agent") for pobj in _children(a, "pobj")), None)
            subject = next(iter(_children(trigger, "nsubjpass")), None)
            return agent, subject
        actor = next(iter(_children(trigger, "nsubj")), None)
        if actor is not None and actor.pos_ == "NOUN" and actor.lemma_.lower() in NOUNS:
            # "negotiations between Trump and Kim collapsed": the parties of the talks.
            return _participants(actor)
        if actor is not None and actor.pos_ == "PRON" and trigger.dep_ == "ccomp":
            # "Iran denied that it attacked the tanker": the pronoun is the reporter.
            reporter = next(iter(_children(trigger.head, "nsubj")), None)
            if reporter is not None and not _is_thing(reporter):
                actor = reporter
        if actor is None and trigger.dep_ in ("xcomp", "conj", "advcl") and trigger.head.i != trigger.i:
            # "North Korea is poised to dispatch troops": the controlling subject acts.
            actor = next(iter(_children(trigger.head, "nsubj", "nsubjpass")), None)
        if actor is None and trigger.dep_ in ("acl", "relcl"):
            actor = trigger.head
        direct = _children(trigger, "dobj", "obj")
        target = direct[0] if direct else None
        if target is not None and target.lemma_.lower() in NOUNS:
            target = None  # "held talks": the object is the event, not its target
        if target is None or _is_thing(target):
            # The party may hang on the verb or on its object ("share technology with X").
            preps = _children(trigger, "prep", "dative") + [p for obj in direct for p in _children(obj, "prep")]
            for prep in preps:
                if prep.lower_ in _TARGET_PREPS or prep.dep_ == "dative":
                    obj = next(iter(_children(prep, "pobj")), None) if prep.dep_ == "prep" else prep
                    if obj is not None and not _is_thing(obj):
                        target = obj
                        break
        return actor, target
    # A noun trigger: "North Korea's missile test", "the attack by Russia on Kyiv",
    # "talks between Trump and Kim".
    actor = next(iter(_children(trigger, "poss")), None)
    target = None
    for prep in _children(trigger, "prep"):
        obj = next(iter(_children(prep, "pobj")), None)
        if obj is None:
            continue
        if prep.lower_ == "by" and actor is None:
            actor = obj
        elif prep.lower_ == "between" and actor is None:
            actor, target = obj, (obj.conjuncts[0] if obj.conjuncts else None)
        elif prep.lower_ in _TARGET_PREPS and target is None:
            target = obj
    if actor is None:
        for child in trigger.lefts:
            if child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
                actor = child
                break
    if actor is None and trigger.dep_ in ("dobj", "obj") and trigger.head.pos_ == "VERB":
        # "preparations by North Korea to conduct test-firings": the one who conducts it.
        verb = trigger.head
        actor = next(iter(_children(verb, "nsubj")), None)
        if actor is None and verb.dep_ in ("acl", "xcomp") and verb.head.pos_ == "NOUN":
            owner = verb.head
            actor = next(iter(_children(owner, "poss")), None) or next(
                (obj for prep in _children(owner, "prep") if prep.lower_ == "by" for obj in _children(prep, "pobj")), None)
    return actor, target


def _is_thing(token: Token) -> bool:
    """An object that is a weapon or a quantity rather than a party ("fired missiles")."""
    return token.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON") and token.pos_ != "PROPN"


_NAME_LABELS = frozenset(["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"])


def _phrase(token: Token) -> Span:
    """A participant as written: the name around its head, without clauses."""
    doc = token.doc
    if token.ent_type_ in _NAME_LABELS:
        start, end = token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].ent_type_ == token.ent_type_:
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end]
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < left:
            left = child.left_edge.i
    while left < token.i and doc[left].dep_ in ("det", "punct", "case"):
        left += 1
    return doc[left:token.i + 1]


# Common nouns that can act in an event: groups, forces, officials.
_PARTY_NOUNS = frozenset([
    "police", "troop", "force", "military", "army", "navy", "government", "protester",
    "demonstrator", "militant", "rebel", "insurgent", "fighter", "soldier", "official",
    "president", "minister", "leader", "regime", "authority", "administration", "militia",
    "gunman", "attacker", "group", "coalition", "alliance", "parliament", "court", "ministry",
    "official", "diplomat", "spokesman", "spokesperson", "activist", "opposition", "country",
])


_TITLES = frozenset(["secretary", "president", "minister", "chairman", "general", "spokesperson", "spokesman"])


def _is_party(token: Token | None, entities: Sequence[Entity]) -> bool:
    """Can this act? Not a weapon ("drones struck"), a date, a bare title or a thing."""
    if token is None or token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"):
        return False
    if token.lower_ in _TITLES and not any(c.dep_ in ("compound", "flat", "appos") for c in token.children):
        return False
    linked = _entity_id(entities, _phrase(token))
    if linked is not None and any(e.id == linked and e.type == "WEAPON" for e in entities):
        return False
    if token.pos_ == "PROPN" or token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return True
    if token.lemma_.lower() in _PARTY_NOUNS:
        return True
    phrase = _phrase(token)
    return _entity_id(entities, phrase) is not None and any(t.pos_ != "PRON" for t in phrase)


def _entity_id(entities: Sequence[Entity], phrase: Span) -> str | None:
    if not entities:
        return None
    from sitrep.nlp.entities import entity_for_span

    found = entity_for_span(list(entities), phrase.start_char, phrase.end_char)
    return found.id if found else None


def _location(trigger: Token) -> Token | None:
    scopes = [trigger] + ([trigger.head] if trigger.dep_ in ("xcomp", "conj") else [])
    for scope in scopes:
        for prep in _children(scope, "prep"):
            if prep.lower_ in _PLACE_PREPS:
                for obj in _children(prep, "pobj"):
                    if obj.ent_type_ in _PLACE_LABELS:
                        return obj
    return None


def _classify(token: Token) -> tuple[str, str] | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and token.dep_ in ("acl", "amod") and (token.head.like_num or token.head.pos_ == "NUM"):
        return None  # "2,700 wounded": the participle says what a count measures, not a new event
    if token.pos_ == "VERB":
        if lemma == "fire" and token.i >= 2 and token.doc[token.i - 1].text == "-" and token.doc[token.i - 2].lower_ == "test":
            return ("THREATEN", "missile test")  # "test-fired", split by the tokenizer
        objects = [obj.lemma_ for obj in _objects(token)]
        aimed_at = [obj for prep in _children(token, "prep") if prep.lower_ in ("at", "on", "against", "toward", "towards", "into")
                    for obj in _children(prep, "pobj")]
        has_target = any(not _is_thing(obj) for obj in _objects(token) + aimed_at)
        if lemma in _LIGHT_VERBS and any(o.lower() in NOUNS for o in objects):
            return None  # the noun object carries the event ("held talks", "launched an attack")
        prepositions = frozenset(prep.lower_ for prep in _children(token, "prep"))
        return classify_verb(lemma, objects, has_target, prepositions)
    if token.pos_ == "NOUN":
        found = NOUNS.get(lemma)
        if found and lemma in ("launch", "test", "firing", "test-firing"):
            # "missile tests", "test-firings of intercontinental ballistic missiles"
            words = {t.lemma_.lower() for t in token.subtree} | {token.head.lemma_.lower()}
            if not words & {"missile", "rocket", "icbm", "weapon", "nuclear", "ballistic"}:
                return None
        return found
    return None


def _time(sentence: Span, trigger: Token, published: date | None) -> TimeRef | None:
    mentions = find_times(sentence.text, published)
    if not mentions:
        return None
    offset = trigger.idx - sentence.start_char
    return min(mentions, key=lambda m: abs(m.start - offset)).to_timeref()


def _linked_claims(event_type: str, trigger: Token, claims: Sequence[Claim]) -> list[str]:
    measures = _MEASURED_BY.get(event_type, set())
    sentence = trigger.sent
    return [claim.id for claim in claims
            if claim.measure in measures and sentence.start_char <= claim.evidence.start < sentence.end_char]


def extract_events(
    doc: Doc, entities: Sequence[Entity] = (), claims: Sequence[Claim] = (), published: date | None = None,
) -> list[Event]:
    """Every event of the parsed article, in text order, ids v1, v2, …"""
    events: list[Event] = []
    consumed: set[int] = set()  # noun triggers already told by their verb ("imposed sanctions")
    for sentence in doc.sents:
        for token in sentence:
            if token.i in consumed:
                continue
            found = _classify(token)
            if found is None:
                continue
            event_type, mode = found
            actor, target = _participants(token)
            if not _is_party(actor, entities):
                actor = None
            if target is not None and not _is_party(target, entities) and event_type not in ("ASSAULT", "COERCE", "SANCTION"):
                target = None
            if token.pos_ == "VERB" and token.lemma_.lower() in _LIGHT_VERBS | NEEDS_OBJECT | {"impose"}:
                for obj in _objects(token):
                    if obj.pos_ == "NOUN" and obj.lemma_.lower() in NOUNS:
                        consumed.add(obj.i)
                        if target is None:
                            target = _participants(obj)[1]  # "sanctions on Iran"
            location = _location(token)
            source = attribute(token)
            text = sentence.text.rstrip()
            actor_id = _entity_id(entities, _phrase(actor)) if actor is not None else None
            actor_text = _phrase(actor).text if actor is not None else None
            if actor is None:
                # "the strike", "was killed": an event told again without its actor is,
                # most often, the last such event of the article — it keeps that actor.
                earlier = next((e for e in reversed(events) if e.type == event_type and (e.actor or e.actor_text)), None)
                if earlier is not None:
                    actor_id, actor_text = earlier.actor, earlier.actor_text
            events.append(Event(
                id=f"v{len(events) + 1}",
                type=event_type,
                mode=mode,
                actor=actor_id,
                target=_entity_id(entities, _phrase(target)) if target is not None else None,
                location=_entity_id(entities, _phrase(location)) if location is not None else None,
                time=_time(sentence, token, published),
                modality=modality(token, source.kind != "article"),
                source=source,
                claims=_linked_claims(event_type, token, claims),
                evidence=Evidence(sentence.start_char, sentence.start_char + len(text), text),
                trigger=Mention(token.idx, token.idx + len(token.text), token.text),
                actor_text=actor_text,
                target_text=_phrase(target).text if target is not None else None,
            ))
    return events
