"""The dates of a resume's roles: a range as resumes write it ("Mar 2019 – Present", "03/2019 - 05/2021",
"06.2018 - 01.2020", "Jan '19 – Present", "(2019–2023)"), where it dates a role (`dates_of_a_role`), and a
date as YYYY-MM (`month`). Shared by the text reader (read.py), the PDF layout (pdf.py) and JSON Resume."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
# a month's name or its abbreviation, not a word that starts like one ("Marketing", "Junior")
_MONTH_NAME = (
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"  # a working life's years: no phone number's or postcode's digits
# "Mar 2019", "2019", "2019-03"; "03/2019" and "06.2018" (a month's number first, as US and European resumes
# write it); "Jan '19"; "Present"
_DATE = (
    rf"(?:(?:{_MONTH_NAME}\s+)?{_YEAR}(?:[-/.]\d{{1,2}})?|(?:0?[1-9]|1[0-2])[/.]{_YEAR}"
    rf"|{_MONTH_NAME}\s*['’]\d{{2}}\b|present|current|now|today)"
)
DATE_RANGE = re.compile(rf"(?P<start>{_DATE})\s*(?:-|–|—|to|until)\s*(?P<end>{_DATE})", re.I)


def dates_of_a_role(line: str, dates: re.Match[str]) -> bool:
    """A role's dates open or close its line ("Jan 2019 – Present | Acme", "Acme, Berlin, 2019 – 2021",
    "Oct 2015 – Feb 2017 (1 yr 4 mos)"); in the middle of a sentence they date a piece of work ("Led the
    2/2020 – 6/2020 migration of 40 services", a bullet whose mark a PDF lost)."""
    after = re.sub(r"\([^)]*\)", " ", line[dates.end() :])
    return not line[: dates.start()].strip(" |,–-—(*_") or len(re.findall(r"[A-Za-z]+", after)) <= 4


def month(text: str, today: dt.date, end: bool = False) -> str | None:
    t = text.strip().lower().rstrip(".")
    if t in ("present", "current", "now", "today"):
        return None if end else today.strftime("%Y-%m")
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
