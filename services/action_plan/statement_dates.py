"""An objective's statement names its target date ("By June 2027, 80% of drivers ..."), and so does
its Time-bound answer ("All rooms open by 1 March 2027"). When the target date moves, in the window
or when next year's plan carries the objective over, each mention of the old date is reworded to the
new one in the same form, so the objective never says one date and plans for another.

A mention is the old date as WellPlan writes dates and as people copy them from it: a month and a
year ("June 2027", "Jun 2027"), with the day ("June 4, 2027", "Jun 4, 2027", "4 June 2027",
"Friday, June 4, 2027"), or in figures ("06/04/2027", "04/06/2027", "2027-06-04"). A month and a
year stand for any day of that month; a mention with a day must be the old date's day. Text that
names no date, or another date ("pulse checks in January"), is left as it was written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# English names, whatever the computer's language: WellPlan writes US English.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DIGITS = re.compile(r"\d+")
_MENTION = re.compile(
    rf"(?<![\w/.-])(?:(?P<weekday>{'|'.join(_WEEKDAYS)}),?\s+)?"
    rf"(?:(?P<day1>{_DAY})\s+(?:of\s+)?(?P<month1>{_MONTH}\.?),?\s+(?P<year1>\d{{4}})"
    rf"|(?P<month2>{_MONTH}\.?)\s+(?:(?P<day2>{_DAY}),?\s+)?(?P<year2>\d{{4}})"
    rf"|(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/(?P<year3>\d{{4}})"
    rf"|(?P<year4>\d{{4}})-(?P<month4>\d{{2}})-(?P<day4>\d{{2}}))(?![\w/-])",
    re.IGNORECASE)


def _month_number(word: str) -> int:
    word = word.casefold()
    return next(n for n, name in enumerate(_MONTHS, 1) if name.casefold().startswith(word[:3]))


def _ordinal(day: int) -> str:
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _like(written: str, word: str) -> str:
    """``word`` in the case ``written`` was typed in ("JUNE", "june", "June")."""
    return word.upper() if written.isupper() and len(written) > 1 else word.lower() if written.islower() else word


def _month_word(written: str, month: int) -> str:
    """The new month as the old one was written: in full ("June"), or short ("Jun", "Sept")."""
    dot, written = written.endswith("."), written.rstrip(".")
    name = _MONTHS[month - 1]
    full = written.casefold() == _MONTHS[_month_number(written) - 1].casefold()
    short = "Sept" if month == 9 and len(written) == 4 else name[:3]
    word = name if full else short
    return _like(written, word) + ("." if dot and word != name else "")


def _day_text(written: str, day: int) -> str:
    digits = _DIGITS.match(written).group(0)
    number = f"{day:0{len(digits)}d}"
    return number + (_like(written[len(digits):], _ordinal(day)) if len(written) > len(digits) else "")


def _day_of(written: str | None) -> int | None:
    return int(_DIGITS.match(written).group(0)) if written else None


def _reworded(m: re.Match, old: dt.date, new: dt.date) -> str | None:
    """The mention ``m`` written for ``new``, or None when it is not a mention of ``old``."""
    g = m.groupdict()
    spans: list[tuple[str, str]] = []  # (group, its new text)
    if g["month1"] or g["month2"]:
        n = "1" if g["month1"] else "2"
        if g[f"month{n}"] == "may":  # "staff may 2027 ..." is the verb: a month is written May or MAY
            return None
        day = _day_of(g[f"day{n}"])
        if (int(g[f"year{n}"]), _month_number(g[f"month{n}"])) != (old.year, old.month) or day not in (None, old.day):
            return None
        spans += [(f"year{n}", str(new.year)), (f"month{n}", _month_word(g[f"month{n}"], new.month))]
        if day is not None:
            spans.append((f"day{n}", _day_text(g[f"day{n}"], new.day)))
    elif g["year3"]:
        if int(g["year3"]) != old.year:
            return None
        first, second = int(g["first"]), int(g["second"])
        if (first, second) == (old.month, old.day):  # month first, as a US computer types it
            values = (new.month, new.day)
        elif (first, second) == (old.day, old.month):
            values = (new.day, new.month)
        else:
            return None
        spans += [("year3", str(new.year)), ("first", _day_text(g["first"], values[0])),
                  ("second", _day_text(g["second"], values[1]))]
    else:
        if (int(g["year4"]), int(g["month4"]), int(g["day4"])) != (old.year, old.month, old.day):
            return None
        spans += [("year4", f"{new.year:04d}"), ("month4", f"{new.month:02d}"), ("day4", f"{new.day:02d}")]
    if g["weekday"]:
        has_day = any(g[k] for k in ("day1", "day2", "first", "day4"))
        if has_day:
            spans.append(("weekday", _like(g["weekday"], _WEEKDAYS[new.weekday()])))
    text, start = m.group(0), m.start()
    for group, value in sorted(spans, key=lambda s: m.start(s[0]), reverse=True):
        a, b = m.start(group) - start, m.end(group) - start
        text = text[:a] + value + text[b:]
    return text


def reword_date(text: object, old: dt.date | None, new: dt.date | None) -> str | None:
    """``text`` with each mention of the date ``old`` written for ``new``; None when it names
    ``old`` nowhere (or there is no old or new date, or no text: what another program stored)."""
    if not isinstance(text, str) or not isinstance(old, dt.date) or not isinstance(new, dt.date) or old == new:
        return None
    changed = False

    def replace(m: re.Match) -> str:
        nonlocal changed
        value = _reworded(m, old, new)
        if value is None:
            return m.group(0)
        changed = changed or value != m.group(0)
        return value

    result = _MENTION.sub(replace, text)
    return result if changed else None


@dataclass(frozen=True)
class Redated:
    """What moving an objective's target date rewords: the new texts (None: not named there)."""

    statement: str | None
    time_bound: str | None

    @property
    def changes(self) -> dict[str, str]:
        return {k: v for k, v in (("statement", self.statement), ("time_bound", self.time_bound)) if v is not None}

    @property
    def said(self) -> str:
        """'its statement', 'its Time-bound answer', 'its statement and Time-bound answer', or ''."""
        names = [n for n, v in (("statement", self.statement), ("Time-bound answer", self.time_bound))
                 if v is not None]
        return "its " + " and ".join(names) if names else ""


def redate(statement: object, time_bound: object, old: dt.date | None, new: dt.date | None) -> Redated:
    """What an objective's statement and Time-bound answer become when its target date moves from
    ``old`` to ``new``."""
    return Redated(reword_date(statement, old, new), reword_date(time_bound, old, new))


def move_target_date(session, objective_id: int, new: dt.date | None) -> Redated:
    """Set an objective's target date and reword the old date where its statement and Time-bound
    answer name it; what was reworded."""
    from services.action_plan import objectives

    record = objectives.get_objective(session, objective_id)
    redated = redate(record.statement, record.parts["time_bound"], record.target_date, new)
    objectives.update_objective(session, objective_id, target_date=new, **redated.changes)
    return redated
