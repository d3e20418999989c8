"""Where an event's actor and target are in the parse of its trigger.

For a verb: the subject (or the passive's "by" agent, or the subject that controls an
infinitive or a conjoined verb) and the object (or the passive subject, else an
"against/on/at/with/to" object). For a noun: its possessor, "by"/"from" phrase or a
name compounded with it ("North Korea's missile test", "the attack by Russia",
"Iranian strikes"), else the subject of the verb that carries it ("implementing
sanctions", "acted in coordination with"); its target an "on/against/of" object.
These are tokens; `events` turns them into names.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.nlp.event_lexicon import BODIES, NEEDS_OBJECT, NOUNS, TROOPS

_AIMING = frozenset(["target", "aim", "hit", "strike", "direct"])
_TARGET_PREPS = frozenset(["against", "on", "at", "with", "to", "into", "toward", "towards", "upon"])
# Nouns that make a verb's event nominal rather than a new one ("held talks").
LIGHT_VERBS = frozenset(["hold", "have", "conduct", "carry", "make", "launch", "stage", "take", "give"])
# Verbs whose subject is the one doing the event named by their object ("implementing
# sanctions", "continues its aggression"); "condemned the attack" is not among them.
SUPPORT_VERBS = LIGHT_VERBS | NEEDS_OBJECT | frozenset([
    "implement", "begin", "start", "continue", "undertake", "mount", "wage", "resume", "announce",
    "authorize", "order", "escalate", "intensify", "expand", "pursue", "perpetrate", "commit", "express",
    "pledge", "reaffirm", "finish", "complete", "plan", "prepare", "organize", "lead", "levy", "issue",
    "extend", "step", "approve", "unveil", "introduce", "increase", "deepen", "strengthen", "boost", "enhance",
    "bolster", "seek", "offer", "create", "broaden", "win", "lose", "fight"])




def children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


# Heads that only measure what their "of" phrase names: "a historic amount of security
# assistance", "one of the largest missile attacks", "a new tranche of sanctions".
QUANTITY_HEADS = frozenset(["amount", "number", "lot", "range", "series", "tranche", "batch", "wave", "round",
                            "one", "some", "more", "much", "all", "dozen", "dozens", "hundred", "hundreds",
                            "thousand", "thousands", "million", "millions", "billion", "billions", "set", "kind",
                            "type", "package", "host", "barrage", "volley", "string", "flurry", "slew",
                            "third", "half", "quarter", "part", "portion", "most", "swath", "piece", "share"])


def measured(noun: Token) -> list[Token]:
    """What a quantity head measures ("an amount of aid" → aid), else nothing."""
    if noun.lemma_.lower() not in QUANTITY_HEADS and noun.lower_ not in QUANTITY_HEADS:
        return []
    return [o for p in children(noun, "prep") if p.lower_ == "of" for o in children(p, "pobj")]


def governing_verb(noun: Token) -> Token | None:
    """The verb whose object this noun is, directly or through a quantity head
    ("launched one of the largest attacks" → launched)."""
    if noun.dep_ in ("dobj", "obj"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "in":
        holder = noun.head.head  # "took part in the protests", "participated in the rally"
        if holder.lemma_.lower() == "part" and holder.dep_ in ("dobj", "obj"):
            return holder.head
        if holder.lemma_.lower() == "take" and any(o.lemma_.lower() == "part" for o in children(holder, "dobj", "obj")):
            return holder
        if holder.lemma_.lower() == "participate":
            return holder
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in ("dobj", "obj") \
            and noun in measured(noun.head.head):
        return noun.head.head.head
    return None


def objects(verb: Token) -> list[Token]:
    found = children(verb, "dobj", "obj", "attr")
    for prep in children(verb, "prep"):
        if prep.lower_ in ("with", "of"):
            found.extend(children(prep, "pobj"))  # "supplying Russia with artillery"
    for obj in list(found):
        found.extend(measured(obj))
    for obj in list(found):
        found.extend(obj.conjuncts)
    return found


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def participants(trigger: Token) -> tuple[Token | None, Token | None]:
    """(actor, target) heads for a verb or noun trigger."""
    if trigger.pos_ in ("VERB", "AUX"):
        voiced = trigger
        if not is_passive(trigger) and trigger.dep_ == "conj" and trigger.tag_ == "VBN" \
                and not children(trigger, "nsubj") and is_passive(trigger.head):
            voiced = trigger.head  # "who was arrested and banned": both passive, one subject
        if is_passive(voiced):
            agent = next((pobj for v in (trigger, voiced) for a in children(v, "agent") for pobj in children(a, "pobj")), None)
            subject = next(iter(children(voiced, "nsubjpass")), None)
            return agent, subject
        # The parser sometimes hangs the subject on an auxiliary ("The US has been encouraging").
        actor = next(iter(children(trigger, "nsubj") + [s for a in children(trigger, "aux") for s in children(a, "nsubj")]), None)
        if actor is not None and actor.pos_ == "NOUN" and actor.lemma_.lower() in NOUNS and actor.lemma_.lower() not in BODIES:
            # "negotiations between Trump and Kim collapsed": the parties of the talks.
            return participants(actor)
        if actor is not None and actor.pos_ == "PRON" and trigger.dep_ == "ccomp":
            # "Iran denied that it attacked the tanker": the pronoun is the reporter.
            reporter = next(iter(children(trigger.head, "nsubj")), None)
            if reporter is not None and not is_thing(reporter):
                actor = reporter
        if actor is None and trigger.dep_ in ("xcomp", "conj", "advcl") and trigger.head.i != trigger.i:
            # "North Korea is poised to dispatch troops": the controlling subject acts.
            actor = next(iter(children(trigger.head, "nsubj", "nsubjpass")), None)
        if actor is None and trigger.dep_ in ("pcomp", "acl", "xcomp", "advcl"):
            actor = _controller(trigger)
        if actor is not None and actor.lower_ == "it" and trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() == "be":
            # "It has been a priority of my Administration to provide …": the owner of the duty acts.
            actor = next((o for a in children(trigger.head, "attr", "acomp") for o in _owners(a)), actor)
        if actor is None and trigger.dep_ in ("acl", "relcl") and trigger.head.dep_ == "attr" \
                and any(a.lower_ == "to" for a in children(trigger, "aux")) and _owners(trigger.head):
            actor = _owners(trigger.head)[0]  # the same, parsed as "a priority [to provide]"
        if actor is None and trigger.dep_ in ("acl", "relcl"):
            actor = trigger.head
            if actor.dep_ == "pobj" and actor.head.head.pos_ in ("VERB", "AUX"):
                # "posted a message on Twitter blaming Iran": the poster blames, not Twitter.
                actor = next(iter(children(actor.head.head, "nsubj")), None)
        if actor is None and trigger.dep_ == "ROOT":
            actor = _stray_subject(trigger)
        direct = children(trigger, "dobj", "obj")
        target = direct[0] if direct else None
        if target is not None and target.lemma_.lower() in NOUNS:
            target = None  # "held talks": the object is the event, not its target
        if target is None or is_thing(target):
            # The party may hang on the verb or on its object ("share technology with X").
            preps = children(trigger, "prep", "dative") + [p for obj in direct for p in children(obj, "prep")]
            # "launched missiles targeting US troops", "rounds aimed at a loudspeaker"
            aims = [acl for obj in direct for acl in children(obj, "acl") if acl.lemma_.lower() in _AIMING]
            aimed = [o for acl in aims for o in children(acl, "dobj", "obj")]
            preps += [p for acl in aims for p in children(acl, "prep")]
            for obj in aimed + [next(iter(children(p, "pobj")), None) if p.dep_ == "prep" else p for p in preps
                                if p.lower_ in _TARGET_PREPS or p.dep_ == "dative" or p.lower_ == "over"]:
                if obj is not None and (not is_thing(obj) or (obj.i != (target.i if target is not None else -1)
                                                              and owner_of(obj) is not None)):
                    target = obj  # a thing hit stands for its owner ("shells at KPA posts")
                    break
        return actor, target
    # A noun trigger: "North Korea's missile test", "the attack by Russia on Kyiv",
    # "talks between Trump and Kim".
    # "Russia's missile strikes": the parser often hangs the possessor on the compound.
    actor = next(iter(children(trigger, "poss") + [p for c in children(trigger, "compound") for p in children(c, "poss")]), None)
    target = None
    done_to = [o for p in children(trigger, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
    if actor is not None and trigger.lemma_.lower() in PATIENT_NOUNS and not done_to:
        actor, target = None, actor  # "his arrest", "Soleimani's killing" ("China's detention of Uyghurs": China acts)
    if actor is not None and actor.pos_ == "PRON" and trigger.dep_ in ("dobj", "obj") and trigger.head.pos_ == "VERB":
        subject = next(iter(children(trigger.head, "nsubj")), None)
        if subject is not None and subject.pos_ != "PRON":
            actor = subject  # "Sanders and Obama announced their own support": the announcers'

    for prep in children(trigger, "prep"):
        obj = next(iter(children(prep, "pobj")), None)
        if obj is None:
            continue
        if prep.lower_ in ("by", "from") and actor is None and (prep.lower_ == "by" or not is_thing(obj)):
            actor = obj  # "the attack by Russia", "assistance to Ukraine from our Allies"
        elif prep.lower_ == "between" and actor is None:
            actor, target = obj, (obj.conjuncts[0] if obj.conjuncts else None)
        elif prep.lower_ in _TARGET_PREPS and target is None:
            target = obj
    if actor is None:
        for child in trigger.lefts:
            if child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
                actor = child
                break
    if actor is None:
        # "the engagement undertaken by the United States"
        actor = next((obj for acl in children(trigger, "acl") for agent in children(acl, "agent")
                      for obj in children(agent, "pobj")), None)
    if target is None:
        # "assistance committed to Ukraine", "aid delivered to Gaza"
        target = next((obj for acl in children(trigger, "acl") if acl.tag_ == "VBN" for prep in children(acl, "prep")
                       if prep.lower_ in ("to", "for", "against", "on") for obj in children(prep, "pobj")
                       if not is_thing(obj)), None)
    if target is None:
        # "Russia's invasion of Ukraine": "of" names the target when it names a party.
        target = next((obj for prep in children(trigger, "prep") if prep.lower_ == "of"
                       for obj in children(prep, "pobj") if not is_thing(obj)), None)
    verb = _governing_verb(trigger) if actor is None else None
    if verb is not None:
        # "preparations by North Korea to conduct test-firings": the one who conducts it.
        actor = next(iter(children(verb, "nsubj")), None)
        if actor is None and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
            actor = next(iter(children(verb.head, "nsubj")), None)
        if actor is None and verb.dep_ == "ROOT":
            actor = _stray_subject(verb)
        if actor is None and verb.dep_ in ("acl", "xcomp") and verb.head.pos_ == "NOUN":
            owner = verb.head
            actor = next(iter(children(owner, "poss")), None) or next(
                (obj for prep in children(owner, "prep") if prep.lower_ == "by" for obj in children(prep, "pobj")), None)
    return actor, target


def _owners(noun: Token) -> list[Token]:
    """Whose duty or priority a noun is: "my priority", "a priority of Germany", "important for us"."""
    return children(noun, "poss") + [x for p in children(noun, "prep") if p.lower_ in ("of", "for") for x in children(p, "pobj")]


def _controller(verb: Token) -> Token | None:
    """The subject of a verb that has none of its own, read off the clause it hangs in:
    "I look forward to working with Congress", "he expressed a desire to work with
    Warren" (a few steps up, through prepositions, infinitives and the object noun)."""
    node = verb
    for _ in range(4):
        if node.dep_ in ("pcomp", "xcomp", "advcl", "prep", "pobj", "acomp") or (
                node.dep_ == "acl" and node.head.dep_ in ("dobj", "obj", "attr")):
            node = node.head
        elif node.dep_ in ("dobj", "obj", "attr") and node.head.pos_ in ("VERB", "AUX") and node is not verb:
            node = node.head
        else:
            break
        if node.pos_ in ("VERB", "AUX") and node.i != verb.i:
            subject = next(iter(children(node, "nsubj")), None)
            if subject is not None:
                return subject
    return None


def _stray_subject(verb: Token) -> Token | None:
    """A name the parser hung off the clause instead of making it the subject ("Earlier
    today, Iran—and its proxies—launched …"): the first name before the verb that sits
    in no prepositional phrase."""
    for token in verb.sent:
        if token.i >= verb.i:
            return None
        if token.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") and token.pos_ == "PROPN" and token.ent_iob_ == "B":
            path, node = [], token
            while node.i != verb.i and node.head.i != node.i:
                path.append(node)
                node = node.head
            if node.i == verb.i and not any(t.dep_ in ("pobj", "poss", "compound", "dobj", "nsubj", "nsubjpass")
                                            for t in path):
                return token
    return None


# Event nouns whose possessor is the one it is done to, not the doer.
PATIENT_NOUNS = frozenset(["arrest", "detention", "imprisonment", "release", "killing", "assassination", "murder",
                           "execution", "kidnapping", "abduction", "prosecution", "expulsion", "deportation",
                           "extradition", "capture", "death", "torture", "trial", "conviction", "poisoning"])
# Nouns that say how something is done, together with others.
_MANNERS = frozenset(["coordination", "cooperation", "consultation", "partnership", "concert", "collaboration",
                      "solidarity", "lockstep", "conjunction"])


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose subject does the event a noun names: "implementing the first tranche
    of sanctions", "provide support and assistance", "acted in coordination with"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and (taking := governing_verb(noun)) is not None:
        return taking  # "students took part in the protests": the students protest
    node = noun
    while True:
        if node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        elif (node.dep_ == "pobj" and node.head.lower_ in ("of", "in") and node.head.head.pos_ in ("NOUN", "NUM", "SYM")
              and node.head.head.dep_ in ("dobj", "obj")):
            node = node.head.head  # "the first tranche of sanctions", "$800 million in assistance"
        else:
            break
    head = node.head
    if node.dep_ in ("dobj", "obj") and head.pos_ == "VERB" and head.lemma_.lower() in SUPPORT_VERBS:
        return head
    if node is noun and node.dep_ == "pobj" and head.lower_ in ("in", "with", "through", "into") and head.head.pos_ == "VERB":
        return head.head  # the manner or instrument of what the subject does
    held = noun.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "through") and noun.lemma_.lower() in _MANNERS \
            and held.dep_ in ("dobj", "obj") and held.head.pos_ == "VERB":
        return held.head  # "assessing the situation in close coordination with": the parser hung it on the object
    return None


# Common nouns that can act in an event: groups, forces, officials.
PARTY_NOUNS = frozenset([
    "police", "troop", "force", "military", "army", "navy", "government", "protester",
    "demonstrator", "militant", "rebel", "insurgent", "fighter", "soldier", "official",
    "president", "minister", "leader", "regime", "authority", "administration", "militia",
    "gunman", "attacker", "group", "coalition", "alliance", "parliament", "court", "ministry",
    "diplomat", "spokesman", "spokesperson", "activist", "opposition", "country", "student", "worker",
    "ally", "partner", "counterpart", "nation", "community", "citizen", "civilian", "resident",
])


def owner_of(thing: Token) -> Token | None:
    """The party a thing that was hit belongs to or stands in: "military facilities in
    Israel", "oil facilities belonging to Saudi Aramco", "US troops", "Iranian general,
    Qasem Soleimani"."""
    for child in thing.children:
        if child.dep_ == "appos" and not is_thing(child):
            return child
    for child in thing.children:
        if child.dep_ in ("compound", "poss", "nmod") and (child.pos_ == "PROPN" or child.lemma_.lower() in PARTY_NOUNS):
            return child
        if child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE"):
            return child
    for child in thing.children:
        heads = [child] if child.dep_ == "prep" and child.lower_ in ("in", "of", "at", "near") else \
            children(child, "prep", "agent") if child.dep_ == "acl" else []
        for prep in heads:
            for obj in children(prep, "pobj"):
                if not is_thing(obj):
                    return obj
    return None


# Pronouns that stand for people or groups ("reached out to me", "who was arrested").
PERSONAL = frozenset(["i", "me", "we", "us", "you", "he", "him", "she", "her", "they", "them", "who", "whom"])


def is_thing(token: Token) -> bool:
    """An object that is a weapon or a quantity rather than a party ("fired missiles")."""
    if token.pos_ == "PRON":
        return token.lower_ not in PERSONAL
    if token.lemma_.lower() in PARTY_NOUNS and token.lemma_.lower() not in TROOPS:
        return False  # "against protesters", "with allies": people and bodies ("sent troops": moved, not met)
    return token.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON") and token.pos_ != "PROPN"
