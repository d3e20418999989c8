"""Events: who did what to whom, typed with PLOVER, from the dependency parse.

A verb or noun of `event_lexicon`, or a phrase of `event_triggers` ("claimed
responsibility", "used tear gas"), is a trigger (`event_classify`) unless
`event_triggers.blocked` rules it out (the complement of a request, "demonstrates
that"). Around it the parse gives (`event_args`, `event_setting`):

    actor     the subject (or the passive's "by" agent; for a noun, its "by"/possessor)
    target    the object (or the passive subject; else an "against/on/at/with/to" object)
    location  a place in an "in/near/at" phrase
    time      the nearest time expression of the sentence
    modality  `modality.modality` on the trigger; source `attribution.attribute`
    claims    the claims of the same clause that measure it (troops for MOBILIZE,
              casualties for ASSAULT, weapons for AID)

Participants resolve to entities (`entities.entity_for_span`) when that stage has run,
so "Pyongyang" acting as a government is North Korea's entity id; pronouns, bare titles
and "the Administration" go through `event_actors`. An event told again without its
actor ("the strike", "was killed") takes the actor of the event it repeats, and one
told again without its target takes that event's target too; a thing hit stands for
its owner ("facilities in Israel"); the second party of a joint act is its target
("X and Y spoke", "They discussed" → the call's two parties); a national organ acts
for its state (`event_parties`); and a reaction to an event ("condemned the attack")
is aimed at that event's actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Token

from sitrep.model import Claim, Entity, Event, Evidence, Mention
from sitrep.nlp.attribution import REPORTING_VERBS, attribute
from sitrep.nlp.event_actors import ActorResolver, antecedent, protesters, target_antecedent
from sitrep.nlp.event_args import (LIGHT_VERBS, PARTY_NOUNS, children, governing_verb, is_thing, measured, objects,
                                   owner_of, participants)
from sitrep.nlp.event_parties import entity_id as _entity_id
from sitrep.nlp.event_parties import is_party as _is_party
from sitrep.nlp.event_parties import phrase as _phrase
from sitrep.nlp.event_parties import plural_party as _plural_party
from sitrep.nlp.event_parties import state_organ as _state_organ
from sitrep.nlp.event_lexicon import BULLETS, NEEDS_OBJECT, NOUNS, VERBS, WEAPONS
from sitrep.nlp.event_classify import classify, told_by_head
from sitrep.nlp.event_setting import linked_claims, location, protested, time_of
from sitrep.nlp.event_triggers import ADDRESSED, blocked
from sitrep.nlp.modality import modality

# People who act for a body: the body acts.
_DELEGATES = frozenset(["representative", "member", "official", "spokesperson", "spokesman", "spokeswoman",
                        "delegation", "envoy", "delegate"])
# Reactions to an event are aimed at whoever did it.
_REACTIONS = frozenset(["ACCUSE", "REJECT", "THREATEN", "SUPPORT", "REQUEST", "CONCEDE"])
# Events done together: a second party in the subject is the target.
_JOINT = frozenset(["CONSULT", "AGREE", "COOPERATE"])
_HARMS = frozenset(["ASSAULT", "COERCE", "SANCTION"])
_NOT_TARGETS = frozenset(["DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"])
_WEAPONS = WEAPONS | BULLETS | frozenset(["responsibility", "airstrike", "strike", "fire", "gas", "cannon", "canon",
                                           "round", "asset"])
# Types whose mentions again without a target keep the target of the event they repeat.
_CORE_TARGETS = frozenset(["ASSAULT", "COERCE", "SANCTION", "AID", "MOBILIZE", "RETREAT", "THREATEN", "PROTEST"])
# Verbs that say an event will be done: the event is told from them on.
_PROMISES = frozenset(["commit", "pledge", "promise", "vow"])
# Verbs whose event noun object is the event ("attended the rally").
_LIGHT = LIGHT_VERBS | frozenset(["attend", "join", "wage", "mount", "pay", "stage", "perpetrate", "commit", "participate"])
# Verbs that judge another's act: "praised Warren's endorsement" is two events.
_JUDGING = frozenset(["praise", "welcome", "commend", "applaud", "hail", "salute", "laud", "appreciate", "thank",
                      "condemn", "criticize", "criticise", "denounce", "decry", "deplore", "slam"])
# Stances and talks: events between parties only when a party is on one side at least.
_SOFT = frozenset(["SUPPORT", "CONSULT", "COOPERATE", "AGREE"])
_RESPONSES = frozenset(["respond", "react", "reply", "answer"])


def _who(token: Token | None, entities: Sequence[Entity], resolver: ActorResolver,
         source=None) -> tuple[str | None, str | None]:
    """(entity id, text) of a participant: its linked name, else what a pronoun, bare
    title or generic noun stands for, else its words when it can act at all."""
    if token is None:
        return None, None
    counted = measured(token)
    if counted and token.pos_ in ("NOUN", "NUM") and not token.ent_type_ in ("PERSON", "ORG", "GPE"):
        token = counted[0]  # "thousands of Swedes joined": the Swedes
    if token.lower_ in ("who", "whom", "which", "that") and token.tag_ in ("WP", "WDT") \
            and token.head.dep_ == "relcl" and token.head.head.i != token.i:
        token = token.head.head  # "Siarhei, who was arrested in May": the one arrested
    delegate = next((a for a in children(token, "appos") if a.lemma_.lower() in _DELEGATES), None)
    if delegate is not None and token.ent_type_ == "PERSON":
        token = delegate  # "Ahmed al-Assadi, a spokesman for the PMF, blamed …": the PMF blames
    titles = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")]
    if token.ent_type_ == "PERSON" and any(c.lemma_.lower() in _DELEGATES for c in titles):
        # "Houthi military spokesperson Yahya Sarea said …": the body he speaks for acts.
        body = next((c for c in token.doc[token.left_edge.i:token.i] if c.ent_type_ in ("NORP", "ORG", "GPE")), None)
        if body is not None:
            token = body
    if token.lemma_.lower() in _DELEGATES or (token.tag_ == "NNS" and token.lemma_.lower() == "leader"):
        # "representatives from Iran", "members of the European Union", "a spokesman for the PMF"
        body = next((o for p in children(token, "prep") if p.lower_ in ("from", "of", "for")
                     for o in children(p, "pobj") if not is_thing(o) or o.lemma_.lower() in PARTY_NOUNS), None)
        if body is not None:
            token = body
    if token.pos_ == "PRON" and token.dep_ == "nsubj" and token.head.dep_ == "ccomp" \
            and token.head.head.lemma_.lower() in REPORTING_VERBS:
        # "the SDF announced it had entered …": the pronoun is the one reporting.
        reporter = next(iter(children(token.head.head, "nsubj")), None)
        if reporter is not None and reporter.pos_ != "PRON":
            return _who(reporter, entities, resolver, source)
    state = _state_organ(token, entities)
    if state is not None:
        return state
    resolved = resolver.resolve(token, source)
    if resolved is not None:
        return resolved
    linked = _entity_id(entities, _phrase(token)) if token.pos_ != "PRON" else None
    if linked is not None and _is_party(token, entities):
        return linked, _phrase(token).text
    if _is_party(token, entities):
        return linked, _phrase(token).text
    return None, None


def extract_events(
    doc: Doc, entities: Sequence[Entity] = (), claims: Sequence[Claim] = (), published: date | None = None,
    author: str | None = None, us_executive: bool = False,
) -> list[Event]:
    """Every event of the parsed article, in text order, ids v1, v2, …

    `author` is who an unquoted "I" is (a statement's speaker, from its title);
    `us_executive`: the title names a White House office as the speaker, so a bare "the
    President" is the sitting one (`voice.speaks_for_us_executive`).
    """
    events: list[Event] = []
    lemmas: dict[str, str] = {}  # event id → its trigger's lemma, for event coreference
    consumed: set[int] = set()  # noun triggers already told by their verb ("imposed sanctions")
    starts: dict[int, int] = {}  # trigger token → where its trigger starts, when a promise tells it
    resolver = ActorResolver(doc, entities, author, published, us_executive)
    full_text = resolver.text  # spaCy rebuilds doc.text on every access
    tested = False  # a missile test was told: "this launch" tells one again
    aimed: set[str] = set()  # events whose target is a party, not only what was hit
    at_token: dict[int, Event] = {}  # trigger token → its event
    about: dict[str, int] = {}  # event id → the event noun it reacts to ("condemned the attack")
    for sentence in doc.sents:
        for token in sentence:
            if token.i in consumed:
                continue
            found = classify(token, tested=tested)
            if found is None or blocked(token, found[0]) or told_by_head(token, found[0]):
                continue
            event_type, mode = found
            if token.pos_ == "VERB" and token.lemma_.lower() in _PROMISES:
                # "committed to stay in contact", "committing to send troops": the promised
                # event is the one told, from the promise on.
                promised = next((x for x in children(token, "xcomp") + [c for p in children(token, "prep")
                                                                        if p.lower_ == "to" for c in children(p, "pcomp", "pobj")]
                                 if (f := classify(x)) is not None and not blocked(x, f[0])), None)
                if promised is not None:
                    starts[promised.i] = token.idx
                    continue
            actor, target = participants(token)
            if target is not None and target.pos_ != "PRON" and not _is_party(target, entities) \
                    and event_type not in ("ASSAULT", "COERCE", "SANCTION"):
                target = None
            end = token.idx + len(token.text)
            start = starts.get(token.i, token.idx)
            light = governing_verb(token) or token.head
            if token.pos_ == "NOUN" and light.pos_ == "VERB" and light.i < token.i \
                    and light.lemma_.lower() in _LIGHT and (token.i - 5 <= light.i or light.i != token.head.i):
                start = light.idx  # "held talks", "attended the rally", "launched an attack": one trigger
            elif token.pos_ == "VERB" and token.lemma_.lower() not in VERBS:
                # The object made the verb an event ("transports weapons", "used force"): both tell it.
                told = [o for o in children(token, "dobj", "obj") if token.i < o.i <= token.i + 5]
                if told:
                    end = max(end, told[-1].idx + len(told[-1].text))
            elif token.dep_ == "pcomp" and light.lower_ == "by" and light.head.lemma_.lower() in _RESPONSES:
                start = light.head.idx  # "responded by throwing things"
            if token.pos_ == "VERB":
                # The verb tells the event its noun object names: "imposed sanctions",
                # "pledged his full support", "claimed responsibility for the attacks".
                nouns = objects(token) + [o for head in [token, *objects(token)] for p in children(head, "prep")
                                          if p.lower_ == "for" and mode == "claim of responsibility"
                                          for o in children(p, "pobj")]
                for obj in nouns:
                    if obj.pos_ == "NOUN" and obj.lemma_.lower() in NOUNS and (
                            token.lemma_.lower() in LIGHT_VERBS | NEEDS_OBJECT | {"impose"}
                            or (NOUNS[obj.lemma_.lower()][0] == event_type and token.lemma_.lower() not in _JUDGING)
                            or mode == "claim of responsibility"):
                        consumed.add(obj.i)
                        if token.i < obj.i <= token.i + 5:  # "levied sanctions": one trigger, both words
                            end = max(end, obj.idx + len(obj.text))
                        if target is None:
                            target = participants(obj)[1]  # "sanctions on Iran"
            victims = False  # the target is only who or what was hit ("20 were killed")
            if target is not None and event_type in _HARMS and not _is_party(target, entities):
                if target.ent_type_ in _NOT_TARGETS or target.lemma_.lower() in _WEAPONS:
                    target = None  # "fired one shell", "claimed responsibility", "December 27th"
                elif (found_owner := owner_of(target)) is not None:
                    target = found_owner
                else:
                    victims = True
            where = location(token)
            source = attribute(token)
            text = sentence.text.rstrip()
            if mode in ADDRESSED:
                # Told to its subject: the speaker (else the text's own voice) demands or warns.
                target = actor
                actor = None
                if source.kind == "named":
                    actor_id, actor_text = source.entity, source.text
                else:
                    actor_id, actor_text = (resolver.narrator, resolver.entities[resolver.narrator].name) \
                        if resolver.narrator else (None, None)
            else:
                actor_id, actor_text = _who(actor, entities, resolver, source)
            if event_type == "ASSAULT" and token.pos_ == "NOUN" and actor is not None and actor.dep_ == "poss" \
                    and actor_id in resolver.entities and resolver.entities[actor_id].type == "PERSON":
                # "Putin's war": a war is waged by the state its leader is introduced as leading.
                state = resolver.group_of(actor_id)
                if state is not None and state[0] and resolver.entities[state[0]].kb.get("iso3166"):
                    actor_id, actor_text = state
            if actor_id is None and actor_text is None and token.pos_ == "NOUN" and mode == "criticism" \
                    and source.kind == "named":
                actor_id, actor_text = source.entity, source.text  # "'a big mistake', Graham said": Graham blames
            if actor_id is None and actor_text is None and event_type == "SANCTION" and where is not None \
                    and token.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in token.children):
                # "The PKK is banned in Turkey": a ban in a country is that state's.
                place_id = _entity_id(entities, _phrase(where))
                place = next((e for e in entities if e.id == place_id), None)
                if place is not None and place.kb.get("iso3166"):
                    actor_id, actor_text = place.id, place.name
            pair = None
            if event_type in _JOINT and target is None and actor is not None:
                if actor.conjuncts:
                    target = actor.conjuncts[0]  # "Trump and Erdoğan spoke on the phone"
                elif _plural_party(actor) and not resolver.quoted_at(actor.idx):
                    # "They discussed …", "the leaders agreed": the call's two parties.
                    first, second = resolver.pair(actor.idx)
                    if first is not None and second is not None:
                        pair = first, second
            target_id, target_text = _who(target, entities, resolver, source)
            if pair is not None:
                (actor_id, actor_text), (target_id, target_text) = pair
            if actor_text is None and event_type == "PROTEST" and (crowd := protesters(token)) is not None:
                actor_text = _phrase(crowd).text
            if event_type == "PROTEST" and target_id is None and target_text is None:
                # A protest names no one: it is made to the government where it is held.
                held = protested(where, entities, resolver)
                if held is not None:
                    target_id, target_text = held
            if actor_id is None and actor_text is None and (actor is None or actor.pos_ != "PRON") \
                    and mode not in ADDRESSED:
                # "the strike", "was killed": an event told again without its actor keeps
                # the actor of the event it tells again.
                earlier = antecedent(events, lemmas, event_type, token.lemma_.lower(), (target_id, target_text))
                if earlier is not None:
                    actor_id, actor_text = earlier.actor, earlier.actor_text
                    if (target is None or victims) and target_id is None and earlier.id in aimed \
                            and event_type in _CORE_TARGETS:
                        target_id, target_text, victims = earlier.target, earlier.target_text, False
                        target = token  # told: the event it repeats gives both
            if (target is None or victims) and target_id is None and mode not in ADDRESSED and event_type in _CORE_TARGETS:
                # "the strike", "the attacks": told again without its target, it keeps the
                # target of the event it tells again.
                # A claim of responsibility is for attacks told before by no one in particular.
                claimed = mode == "claim of responsibility"
                earlier = target_antecedent([e for e in events if e.id in aimed], lemmas, event_type,
                                            token.lemma_.lower(), (None, None) if claimed else (actor_id, actor_text))
                if earlier is not None:
                    target_id, target_text = earlier.target, earlier.target_text
                    victims = False
            if target is not None and target.i != token.i and target_text is None and event_type in _HARMS:
                target_id, target_text = _entity_id(entities, _phrase(target)), _phrase(target).text
            if (target_id is not None and target_id == actor_id) or (target_text and target_text == actor_text):
                target_id, target_text = None, None  # "spoke with his counterparts": not himself
            if event_type in _SOFT and not (actor_id or actor_text or target_id or target_text):
                continue  # "to support needed change": a stance with no party on either side is no event between parties
            lemmas[f"v{len(events) + 1}"] = token.lemma_.lower()
            if target_id is not None or (target_text is not None and not victims
                                         and (target is None or target.i == token.i or _is_party(target, entities))):
                aimed.add(f"v{len(events) + 1}")  # a party was hit: later mentions may keep it
            if target_text is None and event_type in _REACTIONS and token.pos_ == "VERB":
                # "condemned the attack", "blamed … for the attack": its target is the attacker.
                told = [o for o in objects(token) + children(token, "nsubjpass")
                        + [o for p in children(token, "prep") if p.lower_ in ("for", "against") for o in children(p, "pobj")]
                        if o.pos_ == "NOUN" and o.lemma_.lower() in NOUNS]
                if told:
                    about[f"v{len(events) + 1}"] = told[0].i
            events.append(Event(
                id=f"v{len(events) + 1}",
                type=event_type,
                mode=mode,
                actor=actor_id,
                target=target_id,
                location=_entity_id(entities, _phrase(where)) if where is not None else None,
                time=time_of(sentence, token, published),
                modality=modality(token, source.kind != "article"),
                source=source,
                claims=linked_claims(event_type, token, claims),
                evidence=Evidence(sentence.start_char, sentence.start_char + len(text), text),
                trigger=Mention(start, end, full_text[start:end]),
                actor_text=actor_text,
                target_text=target_text,
            ))
            at_token[token.i] = events[-1]
            tested = tested or mode == "missile test"
    for event in events:
        told = at_token.get(about.get(event.id, -1))
        if told is not None and (told.actor or told.actor_text):
            event.target, event.target_text = told.actor, told.actor_text
    return events
