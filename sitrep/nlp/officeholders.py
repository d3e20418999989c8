"""Who held a national office on a given day, for texts that name the office only.

An official statement says "The President has been briefed" or "The Vice President is
coordinating with our allies" without a name: the office's holder that day is meant.
Only the United States executive is listed, because the texts that do this are the
statements of the state they speak for, and the events stage uses this table only
when the text speaks for the United States. Terms begin at noon on 20 January; a
statement of that day is read as the incoming holder's.
"""

from __future__ import annotations

from datetime import date

_US_TERMS: dict[str, list[tuple[date, str]]] = {
    "president": [
        (date(1989, 1, 20), "George H. W. Bush"),
        (date(1993, 1, 20), "Bill Clinton"),
        (date(2001, 1, 20), "George W. Bush"),
        (date(2009, 1, 20), "Barack Obama"),
        (date(2017, 1, 20), "Donald Trump"),
        (date(2021, 1, 20), "Joe Biden"),
        (date(2025, 1, 20), "Donald Trump"),
    ],
    "vice president": [
        (date(1989, 1, 20), "Dan Quayle"),
        (date(1993, 1, 20), "Al Gore"),
        (date(2001, 1, 20), "Dick Cheney"),
        (date(2009, 1, 20), "Joe Biden"),
        (date(2017, 1, 20), "Mike Pence"),
        (date(2021, 1, 20), "Kamala Harris"),
        (date(2025, 1, 20), "JD Vance"),
    ],
}
# The last term listed is assumed to run its four years; after that nobody is known.
_LAST_TERM_ENDS = date(2029, 1, 20)


def us_officeholder(office: str, on: date | None) -> str | None:
    """The holder of a US office ("president", "vice president") on a day, else None."""
    terms = _US_TERMS.get(office.lower())
    if not terms or on is None or on < terms[0][0] or on >= _LAST_TERM_ENDS:
        return None
    return [name for start, name in terms if start <= on][-1]
