"""Text normalisation shared by the HTML extraction modules."""

from __future__ import annotations

import re

_TOKEN_RE = re.compile(r"\w+")


def _norm(text: str) -> str:
    """Case- and punctuation-insensitive form of a text, for comparisons."""
    return " ".join(_TOKEN_RE.findall(text.casefold()))
