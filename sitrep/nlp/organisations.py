"""Organisations so often in the news that their bare name is enough to know them.

The stock model reads a one-word name by its context and often misreads the best-known
ones: "Twitter" as a person after "said", "Facebook" as nothing at all. These names are
kept here (as written, case-sensitive, so "Apple" the company and "apple" the fruit
differ) and win over the model's label. Only names that are organisations in nearly
every use are listed: no "Amazon" (the river), no "Fox" alone, no "ABC".
"""

from __future__ import annotations

KNOWN_ORGANISATIONS = frozenset("""
Twitter Facebook Instagram YouTube TikTok Telegram WhatsApp Reddit Snapchat LinkedIn Google Microsoft Meta
Netflix Disney Wikipedia Wikinews WikiLeaks Tesla SpaceX Boeing Airbus Gazprom Rosneft Aramco Huawei Samsung
Toyota Volkswagen Siemens Nokia Ericsson Lockheed Raytheon FIFA UEFA NATO OPEC Interpol Europol Hamas
Hezbollah Reuters AFP Bloomberg Xinhua TASS Interfax RIA Yonhap KCNA BBC CNN NBC CBS MSNBC UNICEF UNHCR
IAEA OSCE ASEAN Greenpeace Frontex Eurostat Ofcom Pentagon Kremlin
""".split()) | frozenset([
    "Al Jazeera", "Associated Press", "Fox News", "Amnesty International", "Human Rights Watch", "Red Cross",
    "Red Crescent", "Doctors Without Borders", "Médecins Sans Frontières", "World Bank", "Lockheed Martin",
    "Saudi Aramco", "European Union", "United Nations", "African Union", "Arab League", "World Health Organization",
])


# One name for the groups the news calls by several (acronyms, transliterations, their
# own name and their enemies' name), so that one group is one entity across articles.
_ALIASES = {
    "Islamic State": "ISIS|ISIL|Daesh|IS|Islamic State of Iraq and the Levant|Islamic State of Iraq and Syria|"
                     "Islamic State group|Islamic State of Iraq and al-Sham",
    "Houthis": "Houthi movement|Ansar Allah|Houthi rebels|Ansarallah",
    "Popular Mobilization Forces": "PMF|PMU|Popular Mobilisation Forces|Popular Mobilization Units|Hashd al-Shaabi",
    "Islamic Revolutionary Guard Corps": "IRGC|Revolutionary Guards|Revolutionary Guard|Iranian Revolutionary Guard Corps",
    "Korean People's Army": "KPA",
    "Israel Defense Forces": "IDF|Israeli Defense Forces|Israel Defence Forces",
    "NATO": "North Atlantic Treaty Organization|North Atlantic Treaty Organisation",
    "United Nations": "UN|U.N.",
    "United Nations Security Council": "UNSC|U.N. Security Council|UN Security Council",
    "European Union": "EU|E.U.",
    "Kurdistan Workers' Party": "PKK",
    "People's Protection Units": "YPG",
    "Syrian Democratic Forces": "SDF",
    "al-Qaeda": "Al Qaeda|al-Qaida|Al-Qaeda|al Qaeda|Al-Qaida",
    "Hezbollah": "Hizbollah|Hizballah|Hizbullah",
}
CANONICAL: dict[str, str] = {
    alias: name
    for name, forms in _ALIASES.items()
    for alias in forms.split("|")
} | {name: name for name in _ALIASES}


def canonical_organisation(name: str) -> str | None:
    """The one name of a group known by several, else None."""
    return CANONICAL.get(name.removeprefix("the ").removeprefix("The ").strip())


def known_organisation(name: str) -> bool:
    """Whether a name (without a leading "the") is a well-known organisation's."""
    text = name.removeprefix("the ").removeprefix("The ").strip()
    return text in KNOWN_ORGANISATIONS
