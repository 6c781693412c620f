"""One way to write dates and times in everything WellPlan prints or exports.

A district's printouts follow its conventions: a US district (Letter paper, the default) reads
"Nov 1, 2027", "Monday, November 1, 2027" and 12-hour times ("3:30 PM"); a district printing on A4
reads "1 Nov 2027" and 24-hour times ("15:30"). The plan keeps no locale of its own, so the paper
size the district chose stands for it. Spelling stays US English either way.

Every printout and export asks ``style_for(profile)`` (or ``STYLE`` where no plan is at hand)
instead of writing its own ``strftime`` pattern, so two printouts never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DateStyle:
    day_first: bool = False  # "1 Nov 2027" rather than "Nov 1, 2027"
    clock_24: bool = False  # "15:30" rather than "3:30 PM"

    def date(self, d: dt.date | None) -> str:
        """A date in a sentence or a table cell: "Nov 1, 2027" / "1 Nov 2027"; "" for none."""
        if d is None:
            return ""
        return f"{d.day} {d:%b %Y}" if self.day_first else f"{d:%b} {d.day}, {d.year}"

    def long(self, d: dt.date) -> str:
        """A date standing alone, as on a cover or a letter: "Monday, November 1, 2027"."""
        return f"{d:%A}, {d.day} {d:%B %Y}" if self.day_first else f"{d:%A, %B} {d.day}, {d.year}"

    def month(self, d: dt.date) -> str:
        """A date within a year already named: "Nov 1" / "1 Nov"."""
        return f"{d.day} {d:%b}" if self.day_first else f"{d:%b} {d.day}"

    def month_year(self, d: dt.date) -> str:
        return f"{d:%b %Y}"

    def range(self, first: dt.date, last: dt.date) -> str:
        """Two dates, the year said once when they share it: "Nov 1 – Dec 3, 2027"."""
        if first == last:
            return self.date(first)
        if first.year == last.year:
            return f"{self.month(first)} \u2013 {self.date(last)}"
        return f"{self.date(first)} \u2013 {self.date(last)}"

    def time(self, t: dt.time | None) -> str:
        """A time of day: "3:30 PM" / "15:30"; "" for none."""
        if t is None:
            return ""
        if self.clock_24:
            return f"{t:%H:%M}"
        hour = t.hour % 12 or 12
        return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"

    def times(self, start: dt.time | None, end: dt.time | None) -> str:
        return f"{self.time(start)}\u2013{self.time(end)}" if start and end else self.time(start or end)


STYLE = DateStyle()  # a US district's, WellPlan's default
DAY_FIRST = DateStyle(day_first=True, clock_24=True)


def style_for_paper(paper: str) -> DateStyle:
    """The style that goes with a paper size (Letter: US; A4: day first, 24-hour clock)."""
    return DAY_FIRST if paper == "a4" else STYLE


def style_for(profile) -> DateStyle:
    """The district's style, from the paper size its profile chose."""
    return style_for_paper(profile.paper_size)


_for_messages = STYLE


def for_messages() -> DateStyle:
    """The style of sentences written to the person at the screen (a refused edit, a schedule
    warning). The window sets it from the computer's regional settings, so its messages read dates
    as its tables do; the command line keeps WellPlan's default. Printouts never use it: they
    follow the district (``style_for``)."""
    return _for_messages


def set_for_messages(style: DateStyle) -> None:
    global _for_messages
    _for_messages = style
