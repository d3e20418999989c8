"""When a capital stands for its government, and when a name stands where a place does.

See the entity stage's docstring (entities.py) for the decisions.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_GOV_VERBS = frozenset("""
say tell warn respond reply react accuse deny claim announce state declare threaten demand reject refuse
condemn denounce urge call insist agree sanction impose deploy send supply provide launch want seek plan
support back oppose criticize criticise negotiate sign expel recognize recognise veto pledge vow promise
dismiss retaliate signal decide approve order ask request offer propose welcome praise blame hope fear
believe consider view regard expect reiterate confirm acknowledge admit allege protest summon recall halt
suspend resume cut block ban push press pressure invade attack strike annex arm fund help aid assist
cooperate engage accept avoid insist intend prepare continue stress emphasize emphasise note argue
maintain suggest indicate hint seek shun boycott trade export import mobilize mobilise withdraw
""".split())
_ADDRESS_VERBS = frozenset("""
warn urge accuse criticize criticise condemn blame tell ask pressure press sanction threaten thank praise
invite reassure assure persuade convince lobby engage recognize recognise support back join
""".split())
_GOV_NOUNS = frozenset("""
decision policy government response position stance demand ally allies support aggression invasion
relation relations official officials envoy ambassador approach claim refusal threat sanction sanctions
war strategy plan proposal offer warning intention intentions ambition ambitions leadership regime
administration military troops forces army diplomat diplomats request reaction concern concerns
""".split())
_RELATION_NOUNS = frozenset("""
relation relations tie ties talk talks tension tensions dialogue negotiation negotiations conflict war
dispute deal agreement cooperation alliance summit diplomacy standoff rift pact treaty rapprochement
partnership rivalry confrontation engagement
""".split())
_LOCATIVE = frozenset("in at near from outside inside around across into to toward towards via through "
                       "throughout within".split())
_ATTITUDES = frozenset("ready willing concerned determined open prepared eager keen reluctant unwilling "
                       "opposed committed worried angry".split())



def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def governs(span: Span) -> bool:
    """Whether a capital's mention acts as its government (see the module docstring)."""
    token = _first_conjunct(span.root)
    head = token.head
    if token.dep_ == "nsubj":
        if head.lemma_ == "be":
            return any(c.dep_ == "acomp" and c.lemma_ in _ATTITUDES for c in head.children)
        return head.lemma_ in _GOV_VERBS
    if token.dep_ == "pobj" and head.dep_ == "agent":
        return True
    if token.dep_ == "dobj":  # "Pyongyang warned Seoul"; but "drones hit Kyiv" is the city
        return head.lemma_ in _ADDRESS_VERBS
    if token.dep_ == "poss":
        return head.lemma_ in _GOV_NOUNS
    if token.dep_ == "pobj" and head.lower_ in ("between", "with", "against", "toward", "towards"):
        return head.head.lemma_ in _RELATION_NOUNS or head.head.lemma_ in _GOV_VERBS
    return False


def locative(span: Span) -> bool:
    """Whether a name stands where a place does: "in Herat", "from Irving"."""
    root = _first_conjunct(span.root)
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE
