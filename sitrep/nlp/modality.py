"""How sure: the contract's modality of a claim or event, from cues around it.

    denied     negation on the predicate ("did not kill"), or a denying verb above it
    estimated  "estimated", "could total", "as many as", estimate verbs
    possible   may / might / could, "poised to", "potential", "possibly", "likely"
    predicted  will / shall, "expected to", "plans to", "set to"
    reported   attributed to a source other than the article, or "reportedly"
    asserted   none of the above

The cues are read on the path from the claim's word up to (not past) the reporting
verb, so "officials said it may …" is possible, and "may" in another clause is not.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.nlp.attribution import REPORTING_VERBS

_POSSIBLE_AUX = frozenset(["may", "might", "could"])
_PREDICTED_AUX = frozenset(["will", "shall", "wo", "'ll"])
_AGGREGATE_VERBS = frozenset(["total", "reach", "number", "exceed", "top", "climb", "rise", "surpass", "hit"])
_POSSIBLE_WORDS = frozenset(["possibly", "potential", "potentially", "likely", "poised", "perhaps", "probably"])
_PREDICTED_VERBS = frozenset(["expect", "plan", "intend", "set", "prepare", "aim", "schedule", "vow", "pledge", "promise", "threaten"])
_ESTIMATE_WORDS = frozenset(["estimate", "estimated", "approximate", "guess", "project", "calculate", "extrapolate"])
_DENIAL_VERBS = frozenset(["deny", "refute", "dismiss", "reject", "disprove", "debunk"])
_ESTIMATED_QUALIFIERS = frozenset(["an estimated", "estimated", "as many as"])


def _path(token: Token) -> list[Token]:
    """`token` and its ancestors up to the first reporting verb (excluded)."""
    path = [token]
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in REPORTING_VERBS and node.lemma_.lower() not in _ESTIMATE_WORDS:
            break
        path.append(node)
    return path


def _above_path(token: Token) -> list[Token]:
    """The reporting verb and everything above it: denials and estimates up there count too."""
    nodes = list(token.ancestors)
    return [node for node in nodes if node.pos_ in ("VERB", "AUX")]


def modality(token: Token, sourced: bool, qualifier: str | None = None) -> str:
    """The modality of the statement headed by (or containing) `token`."""
    path = _path(token)
    children = [child for node in path for child in node.children]
    words = {t.lower_ for t in path} | {c.lower_ for c in children}
    lemmas = {t.lemma_.lower() for t in path}
    # Negation counts on the claim's own predicate (and its noun: "no deaths"), not on
    # some clause above it ("This is not the first time … 1,426 pilgrims were trampled").
    predicate = next((node for node in path if node.pos_ in ("VERB", "AUX")), None)
    own = [token, *([predicate] if predicate is not None else [])]
    if any(child.dep_ == "neg" for node in own for child in node.children) or any(
        node.lemma_.lower() in _DENIAL_VERBS for node in _above_path(token)
    ):
        return "denied"
    auxiliaries = {child.lower_ for node in path for child in node.children if child.dep_ == "aux"}
    verbs = [node for node in path if node.pos_ in ("VERB", "AUX")]
    above = _above_path(token)
    estimate_subject = any(
        child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in _ESTIMATE_WORDS
        for node in above for child in node.children
    )
    if (qualifier or "").lower() in _ESTIMATED_QUALIFIERS or lemmas & _ESTIMATE_WORDS or words & _ESTIMATE_WORDS or any(
        node.lemma_.lower() in _ESTIMATE_WORDS for node in above
    ) or estimate_subject:
        return "estimated"
    if auxiliaries & _POSSIBLE_AUX:
        # "casualties could total 4,000": a hedged total is an estimate, not a mere possibility.
        if any(verb.lemma_.lower() in _AGGREGATE_VERBS for verb in verbs):
            return "estimated"
        return "possible"
    if words & _POSSIBLE_WORDS:
        return "possible"
    if auxiliaries & _PREDICTED_AUX or lemmas & _PREDICTED_VERBS:
        return "predicted"
    if sourced or "reportedly" in words or "allegedly" in words:
        return "reported"
    return "asserted"
