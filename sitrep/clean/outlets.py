"""News outlets and wire services: names ↔ registered domains.

Used to name the original source of a rewrite ("Original Source: www.nbcnews.com" →
NBC News) and to recognise wire credits ("(Reuters) —", "Associated Press"). The table
is deliberately a list of well-known outlets, not a claim to completeness: an unknown
domain still yields a source (named by its domain).
"""

from __future__ import annotations

import re
from functools import lru_cache

import tldextract

from sitrep.model import OriginalSource

# registered domain → display name; aliases → the canonical domain below.
OUTLETS: dict[str, str] = {
    "nbcnews.com": "NBC News",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times",
    "politico.com": "Politico",
    "axios.com": "Axios",
    "npr.org": "NPR",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "afp.com": "AFP",
    "bloomberg.com": "Bloomberg",
    "upi.com": "UPI",
    "dpa.com": "dpa",
    "xinhuanet.com": "Xinhua",
    "tass.com": "TASS",
    "interfax.com": "Interfax",
    "yna.co.kr": "Yonhap",
    "kyodonews.net": "Kyodo News",
    "bbc.co.uk": "BBC",
    "theguardian.com": "The Guardian",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "skynews.com": "Sky News",
    "aljazeera.com": "Al Jazeera",
    "dw.com": "Deutsche Welle",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "kyivindependent.com": "The Kyiv Independent",
    "kyivpost.com": "Kyiv Post",
    "pravda.com.ua": "Ukrainska Pravda",
    "ukrinform.net": "Ukrinform",
    "themoscowtimes.com": "The Moscow Times",
    "meduza.io": "Meduza",
    "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "koreajoongangdaily.joins.com": "Korea JoongAng Daily",
    "nknews.org": "NK News",
    "scmp.com": "South China Morning Post",
    "japantimes.co.jp": "The Japan Times",
    "timesofisrael.com": "The Times of Israel",
    "haaretz.com": "Haaretz",
    "cbc.ca": "CBC News",
    "abc.net.au": "ABC News (Australia)",
    "newsweek.com": "Newsweek",
    "time.com": "Time",
    "theatlantic.com": "The Atlantic",
    "wikinews.org": "Wikinews",
    "whitehouse.gov": "The White House",
    "defense.gov": "U.S. Department of Defense",
    "state.gov": "U.S. Department of State",
}

_DOMAIN_ALIASES = {
    "bbc.com": "bbc.co.uk",
    "ap.org": "apnews.com",
    "yonhapnews.co.kr": "yna.co.kr",
    "en.yna.co.kr": "yna.co.kr",
    "msnbc.com": "nbcnews.com",
    "guardian.co.uk": "theguardian.com",
}

# Names (and common short forms) as they appear in credits → canonical domain.
_NAME_ALIASES = {
    "ap": "apnews.com",
    "the associated press": "apnews.com",
    "associated press": "apnews.com",
    "agence france-presse": "afp.com",
    "agence france presse": "afp.com",
    "bbc news": "bbc.co.uk",
    "yonhap news agency": "yna.co.kr",
    "nbc": "nbcnews.com",
    "cbs": "cbsnews.com",
    "abc": "abcnews.go.com",
    "fox": "foxnews.com",
    "the guardian": "theguardian.com",
    "new york times": "nytimes.com",
    "washington post": "washingtonpost.com",
    "wall street journal": "wsj.com",
}

# Wire services whose credit in a dateline ("SEOUL (Reuters) -") marks the origin.
WIRE_NAMES = ("Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Bloomberg",
              "UPI", "dpa", "Xinhua", "TASS", "Interfax", "Yonhap", "Kyodo")

# The bundled public-suffix snapshot only: fetching the live list would hang offline.
_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

_DOMAIN_RE = re.compile(r"(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]\S*)?", re.I)


def registered_domain(host_or_url: str) -> str | None:
    """'https://www.nbcnews.com/news/x' → 'nbcnews.com'; None if it holds no domain."""
    match = _DOMAIN_RE.search(host_or_url.strip())
    if not match:
        return None
    parts = _extract(match.group(1).lower())
    if not parts.suffix or not parts.domain:
        return None
    domain = parts.top_domain_under_public_suffix
    return _DOMAIN_ALIASES.get(domain, domain)


@lru_cache(maxsize=1)
def _names_to_domains() -> dict[str, str]:
    table = {name.lower(): domain for domain, name in OUTLETS.items()}
    table.update({name.lower().removeprefix("the "): domain for domain, name in OUTLETS.items()})
    table.update(_NAME_ALIASES)
    return table


def outlet_from_domain(domain: str) -> OriginalSource:
    domain = _DOMAIN_ALIASES.get(domain, domain)
    return OriginalSource(name=OUTLETS.get(domain, domain), domain=domain)


def outlet_from_reference(reference: str) -> OriginalSource | None:
    """An outlet from how a credit names it: a URL, a domain or a name."""
    reference = reference.strip().strip(".,;:()[]\"'“”‘’ ")
    if not reference:
        return None
    # A bare name first: "Reuters", "The Associated Press", "NBC News".
    domain = _names_to_domains().get(reference.lower())
    if domain:
        return outlet_from_domain(domain)
    found = registered_domain(reference)
    if found:
        return outlet_from_domain(found)
    # An outlet we do not know, named in words ("The Daily Planet"): keep its name.
    if len(reference.split()) <= 6 and reference[0].isupper():
        return OriginalSource(name=reference, domain=None)
    return None
