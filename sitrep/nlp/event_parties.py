"""Who can take part in an event, and the words that name them.

`phrase` is a participant as written (the name around its head); `is_party` says
whether a token can act at all (not a weapon, a date or a bare title); `entity_id`
links a phrase to the article's entities; `state_organ` reads a national organ ("the
Syrian Army", "Belarusian KGB", "the U.S. Embassy") as the state it acts for;
`plural_party` spots "they" or "the leaders" doing something together.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from sitrep.model import Entity
from sitrep.nlp.event_args import PARTY_NOUNS
from sitrep.nlp.gazetteer import country_code, load_gazetteer
from sitrep.nlp.national_bodies import state_of_body

_NAME_LABELS = frozenset(["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"])


def phrase(token: Token) -> Span:
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




_TITLES = frozenset(["secretary", "president", "minister", "chairman", "general", "spokesperson", "spokesman"])


def plural_party(token: Token) -> bool:
    """"they", "the leaders", "the two presidents": several people acting together."""
    return token.lower_ == "they" or (token.tag_ == "NNS" and token.lemma_.lower() in ("leader", "president", "minister"))


def is_party(token: Token | None, entities: Sequence[Entity]) -> bool:
    """Can this act? Not a weapon ("drones struck"), a date, a bare title or a thing."""
    if token is None or token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"):
        return False
    if token.lower_ in _TITLES and not any(c.dep_ in ("compound", "flat", "appos") for c in token.children):
        return False
    linked = entity_id(entities, phrase(token))
    if linked is not None and any(e.id == linked and e.type == "WEAPON" for e in entities):
        return False
    if token.pos_ == "PROPN" or token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return True
    if token.lemma_.lower() in PARTY_NOUNS:
        return True
    words = phrase(token)
    return entity_id(entities, words) is not None and any(t.pos_ != "PRON" for t in words)


# Organs of a state: "the Syrian Army", "Belarusian KGB", "the U.S. Embassy" act for it.
_ORGANS = frozenset(["army", "military", "force", "navy", "police", "ministry", "embassy", "government",
                     "agency", "intelligence", "guard", "command", "troop", "administration", "regime"])


def state_organ(token: Token, entities: Sequence[Entity]) -> tuple[str, str] | None:
    """The country a national organ named by its nationality stands for, else None."""
    if not entities or token.ent_type_ == "PERSON" or token.pos_ == "PRON":
        return None
    code = state_of_body(phrase(token).text)
    if code is None and token.ent_type_ == "GPE" and token.dep_ in ("nsubj", "nsubjpass", "poss"):
        code = load_gazetteer().capital(phrase(token).text)  # "Pyongyang must cease", "Moscow said"
    if code is not None:
        state = next((e for e in entities if e.kb.get("iso3166") == code), None)
        if state is not None:
            return state.id, state.name
    if token.lemma_.lower() not in _ORGANS and not (token.text.isupper() and 2 <= len(token.text) <= 5):
        return None
    for word in phrase(token):
        # "the Syrian Army", "Belarusian KGB", "the U.S. Embassy" (the model may tag it all ORG)
        if word.i < token.i and (word.ent_type_ in ("NORP", "GPE") or (word.pos_ == "ADJ" and word.text[:1].isupper())
                                 or (word.pos_ == "PROPN" and country_code(word.text))):
            from sitrep.nlp.entities import entity_for_name

            found = entity_id(entities, word.doc[word.i:word.i + 1])
            for entity in (next((e for e in entities if e.id == found), None), entity_for_name(list(entities), word.text)):
                if entity is not None and entity.kb.get("iso3166"):
                    return entity.id, entity.name
    return None


def entity_id(entities: Sequence[Entity], span: Span) -> str | None:
    if not entities:
        return None
    from sitrep.nlp.entities import entity_for_span

    found = entity_for_span(list(entities), span.start_char, span.end_char)
    return found.id if found else None
