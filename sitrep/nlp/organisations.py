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


def known_organisation(name: str) -> bool:
    """Whether a name (without a leading "the") is a well-known organisation's."""
    text = name.removeprefix("the ").removeprefix("The ").strip()
    return text in KNOWN_ORGANISATIONS
