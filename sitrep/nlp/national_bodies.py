"""Armed forces, security services and state media that act for their state.

Guidelines for event data (CAMEO, PLOVER, ours) code an army or an intelligence service
as the state it serves: "the KPA fired" is North Korea firing. Most such bodies are
named by their nationality ("the Syrian Army") and `event_parties.state_organ` reads
that; these are the well-known ones whose names do not carry it, keyed by the name and
its usual short form, valued by the ISO 3166 code of their state.
"""

from __future__ import annotations

import re

from sitrep.nlp.organisations import canonical_organisation

# Keyed by the one name `organisations.canonical_organisation` gives a body known by
# several ("IRGC", "Revolutionary Guards" → Islamic Revolutionary Guard Corps), lowercased.
_BODIES: dict[str, str] = {
    "korean people's army": "KP", "korean central news agency": "KP", "kcna": "KP",
    "people's liberation army": "CN", "pla": "CN", "xinhua": "CN",
    "islamic revolutionary guard corps": "IR", "quds force": "IR", "irna": "IR",
    "israel defense forces": "IL", "mossad": "IL", "shin bet": "IL",
    "pentagon": "US", "department of defense": "US", "department of state": "US", "state department": "US",
    "department of the treasury": "US", "treasury department": "US", "department of homeland security": "US",
    "department of justice": "US", "justice department": "US", "department of commerce": "US",
    "cia": "US", "fbi": "US", "nsa": "US", "central intelligence agency": "US",
    "kremlin": "RU", "fsb": "RU", "gru": "RU", "svr": "RU", "wagner group": "RU", "tass": "RU",
    "sbu": "UA", "kgb": "BY", "isi": "PK", "mi6": "GB", "mi5": "GB", "bundeswehr": "DE",
    "tatmadaw": "MM", "national directorate of security": "AF",
}
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def state_of_body(name: str) -> str | None:
    """ISO code of the state a named national body acts for, else None."""
    written = _THE.sub("", " ".join(name.replace("’", "'").split()))
    return _BODIES.get((canonical_organisation(written) or written).lower())
