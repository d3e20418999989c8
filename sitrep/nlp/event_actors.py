"""Who a pronoun, a bare title or a generic noun stands for, when it acts in an event.

The parse gives the events stage a subject; often it is "we", "he", "the President",
"their government" or "the Administration", none of which names anyone. `ActorResolver`
is built once per article and answers, for such a token, the entity it most likely
means, by rules that hold for news and official statements alike:

- "we"/"our"/"us" in the text's own voice (outside quotation marks) is the narrator's
  country: official statements speak for a state, and the state they speak for is
  the one they most often make the subject of a sentence ("The United States
  condemns …"). Inside a quotation it is the speaker's group ("we warn", said a
  *Houthi* spokesman), else the speaker;
- "I"/"my" inside a quotation is the speaker; outside one it stays unknown (the
  narrator's name is in the title, which this stage does not see);
- "he"/"she"/"his"/"her" is the nearest person named before; "it"/"they"/"its"/"their"
  the nearest organisation or country named before, within a few sentences;
- "the President", "the Vice President", "the Prime Minister" is the last person
  introduced with that title; "the (two) leaders" the first person named (a joint
  act is credited to its first party, like a conjoined subject);
- "the Administration" is the narrator's country; "the government", "the regime",
  "the authorities" the country last named before it.

`antecedent` does event coreference for a mention with no actor of its own ("the
strike", "was killed"): it takes the actor of the earlier event it most likely repeats.
`protesters` finds who protests when a protest is named without them.

Pure: reads the parse and the entities, writes nothing.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Token

from sitrep.model import Attribution, Entity, Event
from sitrep.nlp.entity_rules import name_gender
from sitrep.nlp.event_args import PARTY_NOUNS
from sitrep.nlp.officeholders import us_officeholder
from sitrep.nlp.quotemarks import find_quoted_spans

_FIRST_PLURAL = frozenset(["we", "us", "our", "ours", "ourselves"])
_FIRST_SINGULAR = frozenset(["i", "me", "my", "mine", "myself"])
_PERSONAL = frozenset(["he", "him", "his", "she", "her", "hers"])
_GROUP_PRONOUNS = frozenset(["it", "its", "they", "them", "their", "theirs"])
_TITLES = ("vice president", "president", "prime minister", "chancellor", "secretary", "minister",
           "spokesperson", "spokesman", "ambassador", "general", "governor", "king", "advisor", "adviser")
_LEADERS = frozenset(["leader", "counterpart", "advisor", "adviser", "minister", "president"])
_STATE_NOUNS = frozenset(["government", "regime", "authority", "authorities", "country", "state"])
_DEPARTMENTS = frozenset(["department", "ministry"])
# Definite descriptions of an organisation named before ("the airline transports …").
_BODY_NOUNS = frozenset(["airline", "company", "firm", "group", "organisation", "organization", "movement",
                         "militia", "carrier", "network", "outfit", "faction", "bank", "agency"])
_FORCES = frozenset(["military", "army", "force", "navy", "team", "administration"])
# Verbs an official statement uses in its own voice; the state that is most often their
# subject is the one the statement speaks for ("The United States condemns …").
_STANCE_VERBS = frozenset([
    "condemn", "urge", "call", "support", "stand", "continue", "reaffirm", "remain", "commit", "welcome",
    "impose", "provide", "work", "coordinate", "hold", "join", "believe", "applaud", "encourage",
    "expect", "help", "defend", "announce", "designate", "sanction", "deliver", "send", "consult",
    "engage", "pledge", "oppose", "reject", "strengthen", "deter", "respond", "act", "stay", "expedite",
    "identify", "authorize", "target", "move", "deploy", "assist", "share"])
_ADMINISTRATION = frozenset(["administration"])
_GROUP_TYPES = frozenset(["GPE", "ORG", "NORP"])
# How far back (in sentences) a pronoun or a bare "the government" may look.
_REACH = 3
# Words for one's own armed forces: "U.S. military" and "our servicemembers" are one thing.
_FORCE_WORDS = frozenset(["force", "military", "troop", "servicemember", "soldier", "army", "personnel"])


def _kind(lemma: str) -> str:
    return "force" if lemma in _FORCE_WORDS else lemma


class ActorResolver:
    """Resolves non-naming actor tokens of one article to (entity id, name)."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], author: str | None = None,
                 published: date | None = None, us_executive: bool = False):
        self.doc = doc
        self.published = published  # whose term a bare "the President" falls in
        self.us_executive = us_executive  # the title names a White House office as the speaker
        self.author = author  # who "I" is outside quotations (see nlp/voice.py)
        self.text = doc.text  # read once: spaCy rebuilds it on every access
        self.entities = {e.id: e for e in entities}
        self.quoted = [(s.start, s.end) for s in find_quoted_spans(self.text)]
        mentions = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self._starts = [m[0] for m in mentions]
        self._mentions = mentions
        self._sent_starts = [s.start_char for s in doc.sents]
        self._us = next((e.id for e in entities if e.kb.get("iso3166") == "US"), None)
        if us_executive and self._us is not None:
            self.narrator = self._us  # a White House office speaks for the United States, whoever else it praises
        else:
            self.narrator = self._narrator(doc, entities) if self._speaks_as_we(doc) else None

    # -- the text's own voice -------------------------------------------------------

    def quoted_at(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def _speaks_as_we(self, doc: Doc) -> bool:
        return any(t.lower_ in _FIRST_PLURAL and not self.quoted_at(t.idx) for t in doc if t.pos_ == "PRON")

    def _narrator(self, doc: Doc, entities: Sequence[Entity]) -> str | None:
        """The country the text speaks for: the one it makes the subject of its own stances
        ("The United States condemns"), or whose things it also calls "ours" ("U.S.
        forces" … "our forces", "America's commitment" … "our commitment")."""
        countries = {e.id for e in entities if e.kb.get("iso3166")}
        if not countries:
            return None
        ours = {_kind(t.head.lemma_.lower()) for t in doc if t.lower_ == "our" and t.dep_ == "poss" and not self.quoted_at(t.idx)}
        subjects: Counter[str] = Counter()
        for start, end, entity_id in self._mentions:
            if entity_id not in countries or self.quoted_at(start):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ == "nsubj" and root.head.lemma_.lower() in _STANCE_VERBS:
                subjects[entity_id] += 1
            if root.dep_ in ("compound", "amod", "poss", "nmod") and _kind(root.head.lemma_.lower()) in ours:
                subjects[entity_id] += 1
        if not subjects:
            # "the Administration", "the President" unqualified, "the Department of Defense":
            # a text speaking of its own government in these words is the United States'.
            if any(self._own_government(t) and not self.quoted_at(t.idx) for t in doc):
                return self._us
            return None
        best = max(subjects.values())
        return next(e for s, _, e in self._mentions if subjects.get(e) == best)

    def _group_subject_before(self, pronoun: Token) -> tuple[None, str] | None:
        """"Police arrested a man. They released him": with no organisation named, "they"
        is the group noun that was the subject of this or the previous sentence."""
        sentence = pronoun.sent
        previous = self.doc[sentence.start - 1].sent if sentence.start > 0 else None
        for span in (s for s in (sentence, previous) if s is not None):
            for token in reversed(list(span)):
                if token.i < pronoun.i and token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON" \
                        and token.lemma_.lower() in PARTY_NOUNS:
                    return None, " ".join(t.text for t in token.subtree if t.i <= token.i and t.dep_ != "det")
        return None

    def _modifier_at(self, start: int) -> bool:
        """Whether the name at `start` only modifies a noun ("a Cheltenham man", "Iranian
        drones"): no "they" or "it" points back at it."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return False
        token = span[0]
        while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ == "PROPN":
            token = token.head  # the last word of a multi-word name
        return token.dep_ in ("compound", "amod") and token.head.pos_ == "NOUN"

    @staticmethod
    def _own_government(token: Token) -> bool:
        doc = token.doc
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.i == 0 or doc[token.i - 1].lower_ != "the":
            return False
        if token.lower_ == "administration":
            return True
        if token.text == "President" and (after is None or after.pos_ != "PROPN"):
            return True
        return token.text == "Department" and after is not None and after.lower_ == "of"

    # -- looking back ---------------------------------------------------------------

    def _window_start(self, offset: int) -> int:
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        return self._sent_starts[max(0, i - _REACH)] if self._sent_starts else 0

    def _last_before(self, offset: int, wanted, limit: int | None = None) -> str | None:
        floor = self._window_start(offset) if limit is None else limit
        i = bisect.bisect_left(self._starts, offset) - 1
        while i >= 0 and self._mentions[i][0] >= floor:
            start, end, entity_id = self._mentions[i]
            if end <= offset and wanted(self.entities[entity_id], start, end):
                return entity_id
            i -= 1
        return None

    def _first_person(self, offset: int) -> str | None:
        """The first person named in the paragraph before `offset`, else in the article."""
        start = self.text.rfind("\n", 0, offset) + 1
        people = [(s, e) for s, _, e in self._mentions if self.entities[e].type == "PERSON" and s < offset]
        return next((e for s, e in people if s >= start), people[0][1] if people else None)

    def pair(self, offset: int) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        """The two parties of a joint act told as "they" or "the leaders" ("They discussed
        …" in a call's readout): the first two people named in the paragraph, else in
        the article."""
        start = self.text.rfind("\n", 0, offset) + 1
        people = list(dict.fromkeys(e for s, _, e in self._mentions if self.entities[e].type == "PERSON" and s < offset))
        near = list(dict.fromkeys(e for s, _, e in self._mentions
                                  if self.entities[e].type == "PERSON" and start <= s < offset))
        found = near if len(near) >= 2 else people
        return (self._named(found[0]) if found else None), (self._named(found[1]) if len(found) > 1 else None)

    def _titled(self, title: str, offset: int) -> str | None:
        text = self.text.lower()

        def wanted(entity: Entity, start: int, end: int) -> bool:
            before = text[max(0, start - 40):end]
            at = before.rfind(title)
            return entity.type == "PERSON" and at >= 0 and (title != "president" or "vice president" not in before[at - 5:at + 9])

        return self._last_before(offset, wanted, limit=0)

    # -- the answer -----------------------------------------------------------------

    def _named(self, entity_id: str | None) -> tuple[str, str] | None:
        return (entity_id, self.entities[entity_id].name) if entity_id else None

    def resolve(self, token: Token, source: Attribution | None = None) -> tuple[str | None, str] | None:
        """(entity id or None, name) for a pronoun, bare title or generic noun, else None."""
        # "US" is no "us": only a pronoun is read as one.
        word = token.lower_ if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$") else ""
        offset = token.idx
        quoted = self.quoted_at(offset)
        if word in _FIRST_PLURAL or word in _FIRST_SINGULAR:
            # "I am announcing a surge in assistance": a source that is itself "I" names no one.
            told = source is not None and source.kind == "named" and (source.text or "").lower() not in _FIRST_PLURAL | _FIRST_SINGULAR
            if quoted or told:
                return self._speaker(source, group=word in _FIRST_PLURAL)
            return self._named(self.narrator) if word in _FIRST_PLURAL else self._author()
        if word in _PERSONAL:
            # "she" is not the man named last: first names say which people it can be.
            excluded = "F" if word in ("he", "him", "his") else "M"
            return self._named(self._last_before(offset, lambda e, s, _: e.type == "PERSON"
                                                 and name_gender(e.name) != excluded))
        if word in _GROUP_PRONOUNS:
            if source is not None and source.kind == "named" and token.dep_ in ("nsubj", "poss"):
                found = self._speaker(source, group=True, only_group=True)
                if found:
                    return found
            found = self._named(self._last_before(offset, lambda e, s, _: e.type in _GROUP_TYPES
                                                  and not self._modifier_at(s)))
            return found or self._group_subject_before(token)
        if token.pos_ == "PRON" or not token.lower_.isalpha():
            return None
        return self._by_noun(token)

    def _office_holder(self, title: str) -> tuple[str | None, str] | None:
        """"The President" in a text speaking for the United States (its narrator, or a
        statement whose title names a White House office as its speaker) is that day's."""
        us = self._us
        if us is None or (self.narrator != us and not self.us_executive):
            return None
        name = us_officeholder(title, self.published)
        if name is None:
            return None
        from sitrep.nlp.entities import entity_for_name

        found = entity_for_name(list(self.entities.values()), name)
        if found is not None and found.type == "PERSON":
            return found.id, found.name
        return None, name

    def _author(self) -> tuple[str | None, str] | None:
        """The text's first-person speaker, as its entity when the text names them."""
        if not self.author:
            return None
        from sitrep.nlp.entities import entity_for_name

        found = entity_for_name(list(self.entities.values()), self.author)
        if found is not None and found.type == "PERSON":
            return found.id, found.name
        return None, self.author

    def _by_noun(self, token: Token) -> tuple[str | None, str] | None:
        lemma = token.lemma_.lower()
        words = [t for t in token.subtree if t.i <= token.i and t.dep_ not in ("det", "punct", "case")]
        phrase = " ".join(t.lower_ for t in words).removesuffix("s")
        if token.tag_ in ("NNS", "NNPS") and (lemma in _LEADERS or phrase.split()[-1] in _LEADERS):
            # "the two leaders", "the National Security Advisors": a joint act is credited
            # to its first party, the first person named in the paragraph.
            return self._named(self._first_person(token.idx))
        for title in _TITLES:
            if phrase.endswith(title) and len(phrase) <= len(title) + 1:
                found = self._named(self._titled(title, token.idx))
                if found is None and not self.quoted_at(token.idx):
                    found = self._office_holder(title)
                return found
        if any(c.dep_ in ("compound", "amod", "nmod", "poss") and (c.ent_type_ or c.pos_ == "PROPN")
               for c in token.children):
            return None  # "Iranian government": the entity stage links it already
        if lemma in _DEPARTMENTS and self.narrator and not self.quoted_at(token.idx) and any(
                p.lower_ == "of" for p in token.children if p.dep_ == "prep"):
            # "the Department of Defense" in a statement: its own state's department.
            return self._named(self.narrator)
        if (lemma in _FORCES or lemma in _FORCE_WORDS) and any(
                c.dep_ in ("compound", "amod") and c.lemma_.lower() in ("government", "regime", "state") for c in token.children):
            # "government forces", "regime troops": the forces of the country last named.
            return self._named(self._last_before(token.idx, lambda e, s, _: bool(e.kb.get("iso3166"))))
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in _FIRST_SINGULAR | _FIRST_PLURAL and lemma in _STATE_NOUNS | _FORCES \
                and self.narrator and not self.quoted_at(token.idx):
            return self._named(self.narrator)  # "my Administration", "our government": the state the text speaks for
        if owner is not None and (lemma in _STATE_NOUNS or lemma in _FORCES):
            return self.resolve(owner)  # "their government", "the country's military"
        if owner is not None:
            return None
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
        if lemma in _ADMINISTRATION and definite:
            return self._named(self.narrator)
        if lemma == "country" and any(c.lower_ in ("both", "two") for c in token.children):
            # "Both countries have put their militaries on alert": the first one introduced.
            return self._named(next((e for _, _, e in self._mentions if self.entities[e].kb.get("iso3166")), None))
        if lemma in _BODY_NOUNS and definite and token.tag_ == "NN":
            # "the airline", "the group": the organisation last named.
            return self._named(self._last_before(token.idx, lambda e, s, _: e.type == "ORG"))
        if lemma in _STATE_NOUNS and definite and token.tag_ == "NN":
            country = lambda e, s, _: bool(e.kb.get("iso3166"))  # noqa: E731
            # The country last named nearby, else the one the article names most.
            return self._named(self._last_before(token.idx, country) or self.main_country())
        return None

    def main_country(self) -> str | None:
        """The country the article names most."""
        counts = Counter(e for _, _, e in self._mentions if self.entities[e].kb.get("iso3166"))
        return counts.most_common(1)[0][0] if counts else None

    def group_of(self, person: str | None) -> tuple[str | None, str] | None:
        """The group a person is introduced as speaking or acting for ("Houthi military
        spokesperson Yahya Sarea" → the Houthis), from the words before a mention."""
        if person is None or person not in self.entities:
            return None
        for mention in self.entities[person].mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            for word in self.doc[root.left_edge.i:span.start]:
                if word.ent_type_ in ("NORP", "ORG", "GPE"):
                    from sitrep.nlp.entities import entity_for_name

                    found = entity_for_name(list(self.entities.values()), word.text)
                    if found is not None and found.type in _GROUP_TYPES:
                        return found.id, found.name
        return None

    def _speaker(self, source: Attribution | None, group: bool, only_group: bool = False) -> tuple[str | None, str] | None:
        """A quotation's speaker, or for "we"/"it" the group the speaker's description names."""
        if source is None or source.kind != "named" or not source.text:
            return None
        if group:
            from sitrep.nlp.entities import entity_for_name

            for word in source.text.replace("’s", "").replace("'s", "").split():
                found = entity_for_name(list(self.entities.values()), word)
                if found is not None and found.type in _GROUP_TYPES:
                    return found.id, found.name
            found = self.group_of(source.entity)
            if found is not None:
                return found
        if only_group:
            return None
        return source.entity, source.text


def antecedent(events: list[Event], lemmas: dict[str, str], event_type: str, lemma: str,
                target: tuple[str | None, str | None]) -> Event | None:
    """The earlier event an agentless mention most likely tells again: the last one of the
    same type on the same target, else told with the same word ("the strike" → the
    strike), else of the same type. Never one whose actor is this event's target: "the
    attack on the Embassy" is not the Embassy's own attack."""
    target_id, target_text = target
    same = [e for e in events if e.type == event_type and (e.actor or e.actor_text)
            and not (target_id and e.actor == target_id) and not _overlaps(e.actor_text, target_text)]
    on_target = [e for e in same if target_id and e.target == target_id]
    worded = [e for e in same if lemmas[e.id] == lemma]
    for group in (on_target, worded, same):
        if group:
            return group[-1]
    return None


def target_antecedent(events: list[Event], lemmas: dict[str, str], event_type: str, lemma: str,
                      actor: tuple[str | None, str | None]) -> Event | None:
    """The earlier event a mention without its target most likely tells again ("the
    strike" after "killed Soleimani in an airstrike"): the last one of the same type by
    the same actor, else told with the same word, else of the same type."""
    actor_id, actor_text = actor
    same = [e for e in events if e.type == event_type and (e.target or e.target_text)
            and not (actor_id and e.target == actor_id) and not _overlaps(e.target_text, actor_text)]
    by_actor = [e for e in same if (actor_id and e.actor == actor_id) or _overlaps(e.actor_text, actor_text)]
    if actor_id or actor_text:
        if by_actor:
            return by_actor[-1]
        # "Putin's war" after "Russia's war on Ukraine": the same word, told by another name
        # of the same side, keeps its target (never one the actor would be aiming at itself).
        worded = [e for e in same if lemmas[e.id] == lemma and lemma in _WARS]
        return worded[-1] if worded else None
    worded = [e for e in same if lemmas[e.id] == lemma]
    for group in (worded, same):
        if group:
            return group[-1]
    return None


# Names of a whole campaign: told again by anyone, they are the same campaign.
_WARS = frozenset(["war", "invasion", "aggression", "offensive", "occupation", "siege", "campaign"])


def _overlaps(one: str | None, other: str | None) -> bool:
    """Two names sharing a capitalised word ("United States forces", "United States Embassy")."""
    if not one or not other:
        return False
    return bool({w for w in one.split() if w[:1].isupper() and w.lower() != "the"} & set(other.split()))


def protesters(token: Token) -> Token | None:
    """Who protests when the text does not say: the protesters it names, nearest first."""
    doc = token.doc
    found = [t for t in doc[max(0, token.sent.start - 200):token.sent.end]
             if t.lemma_.lower() in ("protester", "protestor", "demonstrator") and t.pos_ == "NOUN"]
    return min(found, key=lambda t: abs(t.i - token.i)) if found else None
