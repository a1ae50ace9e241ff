"""The dates of a resume's roles: a range as resumes write it ("Mar 2019 – Present", "03/2019 - 05/2021",
"06.2018 - 01.2020", "Jan '19 – Present", "(2019–2023)", "Jan2019-Dec2020", "2019-01-15 – 2021-03-31",
"05/06/2019 – 03/31/2021", "15/01/2019 – 31/03/2021", "2015–19", "Since 2021"), where it dates a role
(`dates_of_a_role`), the months a range runs (`range_months`), a date as YYYY-MM (`month`), and LinkedIn's
length of a role ("(2 yrs 3 mos)", "· 5 yrs 11 mos", `DURATION`), which is no part of its heading. Shared by
the text reader (read.py), the PDF layout (pdf.py) and JSON Resume.

Between the two ends: a dash, "to", "until", "till", "through"/"thru", an arrow ("→", "->") or "~". An open
end: "Present", "Current", "Now", "Today", "Ongoing", "(Till|To) Date" or "Date" alone after a dash ("Jun
2018 – Date"). "2015-16" (a year, a hyphen and two digits that cannot be a month) runs 2015 to 2016; a
season ("Summer 2017", "Fall 2018 – Spring 2020") stands for its months in the northern hemisphere's
calendar, as US resumes write them. German and French resumes' few words for a range's ends are read too
("seit 04/2019", "01.2019 – heute", "depuis 2020", "… – aujourd'hui", "2019 bis 2021"); their month names
are not (no list of them a language: "janv. 2020" is read as its year).

A day, a month and a year with slashes are read as rolemap's sources read them (sources/dates.py): the month
first ("05/06/2019" is May), unless the first number is past 12; a resume whose own dates put a day first
("25/06/2019", `days_first`) has its other such dates read day first too. With dots, the day comes first
("05.06.2019" is June), as European resumes and the sources write it."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
# a month's name or its abbreviation, not a word that starts like one ("Marketing", "Junior"); a year may
# follow with no space ("Jan2019")
_MONTH_NAME = (
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
# a working life's years: no phone number's or postcode's digits, nor a part of a longer number ("+49 30
# 2019…" is no year: no "+", no digit and no group of digits right before it)
_YEAR_DIGITS = r"(?:19[5-9]\d|20[0-4]\d)(?!\d)"
_YEAR = rf"(?<![\d+])(?<!\d\s){_YEAR_DIGITS}"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
# "Mar 2019", "Jan2019", "2019", "2019-03", "2019-01-15"; "03/2019" and "06.2018" (a month's number first,
# as US and European resumes write it); "15/01/2019", "01/15/2019" (a day and a month, `month` says which is
# which); "Jan '19"; "Present"
# A season and the months it stands for (the northern hemisphere's, as US resumes write an internship's
# "Summer 2017"): a range's start takes its first month, its end its last. Winter is the January and
# February of its year, as a university's "Winter 2019" term is.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (1, 2)}
_SEASON = r"\b(?:spring|summer|fall|autumn|winter)\s+"
# the end of a role still held: English, and the German and French words resumes write for it
_OPEN_WORDS = r"present|current|now|today|ongoing|(?:till|to)\s+date|heute|aujourd['’]hui|ce\s+jour"
OPEN_END = re.compile(rf"\b(?:{_OPEN_WORDS}|date)\b", re.I)  # a range's end, read alone
# in a range: "Date" alone only right after its mark ("Jun 2018 – Date", "Jan 2019 to date"), never in prose
# ("Kept the runbooks up to date through 2021" had been a role running backwards from today to 2021)
_OPEN_END = rf"\b(?:{_OPEN_WORDS}|(?:(?<=[-–—→~>])|(?<=[-–—→~>]\s)|(?<=\bto\s)|(?<=\btill\s))date)\b"
_A_DATE = (
    rf"(?:(?:{_MONTH_NAME}\s*|{_SEASON})?{_YEAR}(?:[-/.]{_MONTH_NUMBER}(?:[-/.]{_DAY})?(?!\d))?"
    rf"|(?:{_DAY}[/.]{_DAY}|{_MONTH_NUMBER})[/.]{_YEAR_DIGITS}"
    rf"|{_MONTH_NAME}\s*['’]\d{{2}}\b)"
)
_DATE = rf"(?:{_A_DATE}|{_OPEN_END})"  # a range's end may be open; its start is a date
# the mark between a range's ends; each alternative a fixed string, so a run of spaces is scanned once
_TO = r"\s*(?:->|-|–|—|→|~|to|until|till|through|thru|bis)\s*"
DATE_RANGE = re.compile(
    rf"(?P<start>{_A_DATE}){_TO}(?P<end>{_DATE})"
    # "2015–19": a year, a dash (an en or em dash, a hyphen between spaces, or a bare hyphen before two
    # digits no month has: "2019-12" is a month, "2015-16" a range), then a later year's last two digits,
    # no number after them
    rf"|(?P<from_year>{_YEAR})(?:\s*[–—]\s*|\s+-\s+|-(?=1[3-9]|[2-9]\d))(?P<to_yy>\d{{2}})(?![\d\-–/.])(?!\s*\d)"
    # "Since 2021", "seit 04/2019", "depuis 2020": a role still held
    rf"|\b(?:since|seit|depuis)\s+(?P<since>{_DATE})"
    # "Summer 2017": a role of one season
    rf"|\b(?P<season>spring|summer|fall|autumn|winter)\s+(?P<season_year>{_YEAR})",
    re.I,
)
# "(2 yrs 3 mos)", "· 5 yrs 11 mos", "1 yr", "7 months": how long a role lasted, as LinkedIn adds it
# (the spaces it takes belong to its mark: an optional run of them before the number would be rescanned
# from every place in a long run of spaces, quadratic on a hostile line)
DURATION = re.compile(
    r"(?:[·|,(]\s*)?\b\d{1,2}\s*(?:yrs?|years?)(?:\s*,?\s*\d{1,2}\s*(?:mos?|months?))?\b\)?"
    r"|(?:[·|,(]\s*)?\b\d{1,2}\s*(?:mos?|months?)\b\)?",
    re.I,
)


def dates_of_a_role(line: str, dates: re.Match[str]) -> bool:
    """A role's dates open or close its line ("Jan 2019 – Present | Acme", "Acme, Berlin, 2019 – 2021",
    "Oct 2015 – Feb 2017 (1 yr 4 mos)"); in the middle of a sentence they date a piece of work ("Led the
    2/2020 – 6/2020 migration of 40 services", a bullet whose mark a PDF lost)."""
    if dates["to_yy"] and int(dates["to_yy"]) <= int(dates["from_year"][2:]):
        return False  # "2019-12": a month, not a range
    after = re.sub(r"\([^)]*\)", " ", DURATION.sub(" ", line[dates.end() :]))
    return not line[: dates.start()].strip(" |,–-—(*_") or len(re.findall(r"[A-Za-z]+", after)) <= 4


_DAY_MONTH_YEAR = re.compile(r"(?<![\d./])(\d{1,2})([/.])(\d{1,2})[/.](?:19|20)\d\d(?!\d)")


def days_first(text: str) -> bool:
    """Whether a resume writes a day before the month: one of its dates has a first number past 12
    ("25/06/2019", "25.06.2019") and none a middle one ("06/25/2019")."""
    pairs = [(int(m[1]), int(m[3])) for m in _DAY_MONTH_YEAR.finditer(text)]
    return any(a > 12 >= b for a, b in pairs) and not any(b > 12 >= a for a, b in pairs)


def range_months(
    dates: re.Match[str], today: dt.date, day_first: bool = False
) -> tuple[str | None, str | None]:
    """The first and last month (YYYY-MM) of a range DATE_RANGE found; the last is None while current.
    `day_first`: the resume writes "05/06/2019" for 5 June (`days_first`)."""
    if dates["since"]:
        return month(dates["since"], today, day_first=day_first), None
    if dates["from_year"]:
        year = dates["from_year"]
        return f"{year}-01", f"{year[:2]}{dates['to_yy']}-12"
    if dates["season"]:
        first, last = SEASONS[dates["season"].lower()]
        return f"{dates['season_year']}-{first:02d}", f"{dates['season_year']}-{last:02d}"
    return (
        month(dates["start"], today, day_first=day_first),
        month(dates["end"], today, end=True, day_first=day_first),
    )


def month(text: str, today: dt.date, end: bool = False, day_first: bool = False) -> str | None:
    t = text.strip().lower().rstrip(".")
    if OPEN_END.fullmatch(t):
        return None if end else today.strftime("%Y-%m")
    season = re.match(r"(spring|summer|fall|autumn|winter)\s+(\d{4})", t)
    if season:
        return f"{season[2]}-{SEASONS[season[1]][1 if end else 0]:02d}"
    full = re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})[/.](\d{4})", t)
    if (
        full
    ):  # "05/06/2019": May, as the sources read it; "25/06/2019", "05.06.2019", a day-first resume: June
        first, mark, second, full_year = int(full[1]), full[2], int(full[3]), int(full[4])
        month_first = mark == "/" and not day_first
        number = first if (month_first and first <= 12) or second > 12 else second
        return f"{full_year}-{number:02d}" if min(first, second) <= 12 else None
    m = re.match(
        r"(?:(?P<mon>[a-z]{3})[a-z]*\.?\s*(?:['’](?P<yy>\d{2})\b)?\s*|(?P<first>\d{1,2})[/.](?=\d{4}))?"
        r"(?P<year>\d{4})?(?:[-/.](?P<num>\d{1,2}))?",
        t,
    )
    if not m or not (m["year"] or m["yy"]):
        return None
    # "Jan '19": this century's unless more than five years to come ("'98" is 1998; "'29" an expected end)
    year = m["year"] or f"{20 if int(m['yy']) <= today.year % 100 + 5 else 19}{m['yy']}"
    month = _MONTHS.get(m["mon"] or "", 0) or int(m["first"] or m["num"] or (12 if end else 1))
    return f"{year}-{min(max(month, 1), 12):02d}"
