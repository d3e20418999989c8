"""Who speaks in the first person in a text, when its title says so.

Official statements and speeches are written in the speaker's voice ("I am directing
my team…") and name the speaker only in their title: "Statement from President Joe
Biden on …", "Remarks by Vice President Harris at …". The events stage reads an
unquoted "I"/"my" as that person. Titles naming several speakers ("Remarks by
President Biden and Prime Minister Kishida") give none: "I" could be either.
"""

from __future__ import annotations

import re

# The genres written in their speaker's own voice.
_GENRES = r"(?:Statement|Remarks|Message|Op-Ed|Address|Video Remarks|Prepared Remarks|Excerpts)"
_ROLES = (
    r"(?:(?:the\s+)?(?:President|Vice President|First Lady|Second Gentleman|Press Secretary|Secretary"
    r"|National Security Advisor|NSC Spokesperson|Spokesperson|Senator|Governor|Prime Minister|Minister"
    r"|Chancellor|King|Queen)\s+)"
)
_NAME = r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|bin|al-\w+)){0,3})"
_TITLE = re.compile(rf"^\s*{_GENRES}\s+(?:of|by|from)\s+{_ROLES}?{_NAME}")
# Words after the name that show it is one of several speakers, or no name at all.
_SEVERAL = re.compile(r"^\s*(?:and|&|,\s*[A-Z])")


# Offices of the US executive whose statements speak for the United States.
_US_EXECUTIVE = re.compile(
    rf"^\s*{_GENRES}\s+(?:of|by|from)\s+(?:the\s+)?(?:President|Vice President|First Lady|Second Gentleman"
    r"|(?:White House )?Press Secretary|National Security Advisor|Principal Deputy National Security Advisor"
    r"|NSC Spokesperson|National Security Council Spokesperson|Deputy National Security Advisor)\b")


def speaks_for_us_executive(title: str | None) -> bool:
    """Whether a title names a US White House office as the speaker ("Statement from
    National Security Advisor Jake Sullivan"): a bare "the President" in it is the
    sitting president."""
    return bool(title and _US_EXECUTIVE.match(title))


def author_from_title(title: str | None) -> str | None:
    """The single first-person speaker a statement's or speech's title names, if any."""
    if not title:
        return None
    match = _TITLE.match(title)
    if match is None:
        return None
    name = match.group("name").strip()
    rest = title[match.end():]
    if _SEVERAL.match(rest) or name.split()[0] in ("The", "A", "An"):
        return None
    return name.removesuffix("’s").removesuffix("'s")
