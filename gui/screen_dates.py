"""Dates and times on screen follow the computer's regional settings, for reading and for typing.

Printouts follow the district (``services.date_style``: its paper size stands for its
conventions); the window follows the person at it, the way Word and Excel do. A US computer shows
"Nov 1, 2027" and takes "11/01/2027" typed as November 1; a British one shows "1 Nov 2027" and
takes "01/11/2027". Everything on screen asks here, so no two places disagree.

A computer set to the bare "C" locale (a Linux account with no language chosen) gets WellPlan's
default, the US style, rather than Qt's day-first "C" format.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtWidgets import QDateEdit, QTimeEdit, QWidget

from services.date_style import DateStyle

_US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def screen_locale() -> QLocale:
    locale = QLocale()
    return _US if locale.language() == QLocale.Language.C else locale


def _short_date_format() -> str:
    return screen_locale().dateFormat(QLocale.FormatType.ShortFormat)


def _short_time_format() -> str:
    return screen_locale().timeFormat(QLocale.FormatType.ShortFormat)


# By locale name: every date cell painted or measured asks (18 us each, a table of dates a few ms a
# paint). A change of the computer's formats under the same locale shows from the next start.
_styles: dict[str, DateStyle] = {}


def screen_style() -> DateStyle:
    """The date style of this computer: day first or month first, 12- or 24-hour clock."""
    name = QLocale().name()
    style = _styles.get(name)
    if style is None:
        order = _short_date_format()
        day_first = 0 <= order.find("d") < order.find("M")
        style = _styles[name] = DateStyle(day_first=day_first, clock_24="a" not in _short_time_format().lower())
    return style


def entry_format() -> str:
    """The locale's short date with two-digit day and month and a four-digit year ("MM/dd/yyyy"):
    fixed-width sections, so typing 11/01/2027 fills each in turn and never reads "2027" as "20"."""
    fmt = _short_date_format()
    fmt = re.sub(r"y+", "yyyy", fmt)
    fmt = re.sub(r"(?<!d)d(?!d)", "dd", fmt)
    fmt = re.sub(r"(?<!M)M(?!M)", "MM", fmt)
    return fmt


def time_entry_format() -> str:
    return "HH:mm" if screen_style().clock_24 else "h:mm AP"


def show_date(day: dt.date | None) -> str:
    return screen_style().date(day)


def show_time(t: dt.time | None) -> str:
    return screen_style().time(t)


def show_times(start: dt.time | None, end: dt.time | None) -> str:
    return screen_style().times(start, end)


def to_qdate(day: dt.date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else QDate()


def from_qdate(value: QDate) -> dt.date | None:
    return dt.date(value.year(), value.month(), value.day()) if value.isValid() else None


class DateEdit(QDateEdit):
    """Qt's date field, typed as people type dates: "11/01/2027". Qt moves on to the day by itself
    once "11" fills the month, so the "/" typed next would skip the day too (and the day's digits
    land in the year); a separator right after such a move is taken as already done."""

    _moved_on = False

    def keyPressEvent(self, event) -> None:
        text = event.text()
        if text and not text.isdigit() and not text.isalpha() and text.strip() and self._moved_on:
            self._moved_on = False
            event.accept()
            return
        section = self.currentSection()
        super().keyPressEvent(event)
        self._moved_on = bool(text) and text.isdigit() and self.currentSection() != section


def make_date_edit(parent: QWidget | None = None, day: dt.date | None = None,
                   object_name: str = "") -> QDateEdit:
    """A date field in the locale's order with a calendar to pick from, starting at ``day`` (today
    if none), wide enough to read its whole date."""
    edit = DateEdit(parent, calendarPopup=True, displayFormat=entry_format())
    if object_name:
        edit.setObjectName(object_name)
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setDate(to_qdate(day or dt.date.today()))
    edit.setMinimumWidth(edit.sizeHint().width())
    return edit


def make_time_edit(parent: QWidget | None = None, t: dt.time | None = None) -> QTimeEdit:
    edit = QTimeEdit(parent, displayFormat=time_entry_format())
    if t is not None:
        edit.setTime(QTime(t.hour, t.minute))
    edit.setMinimumWidth(edit.sizeHint().width())
    return edit


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"), start=1)}


def parse_date(text: str) -> dt.date | None:
    """A date typed or pasted as people write them: the locale's order ("11/01/2027" on a US
    computer), ISO ("2027-11-01"), or with the month's name ("Nov 1, 2027", "1 November 2027").
    None for blank; ``ValueError`` naming the text when it is no date."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T].*)?", text) else _parse(text)
    except ValueError:
        raise ValueError(f"\u201c{text}\u201d is not a date") from None


def _parse(text: str) -> dt.date:
    numbers = re.findall(r"\d+", text)
    month_name = re.search(r"[A-Za-z]{3,}", text)
    if month_name is not None and month_name.group(0)[:3].lower() in _MONTHS and len(numbers) == 2:
        month = _MONTHS[month_name.group(0)[:3].lower()]
        first, second = (int(n) for n in numbers)
        day, year = (first, second) if first <= 31 and second > 31 else (second, first)
        return dt.date(_full_year(year), month, day)
    if month_name is None and len(numbers) == 3:
        a, b, c = (int(n) for n in numbers)
        if len(numbers[0]) == 4:  # 2027/11/01
            return dt.date(a, b, c)
        day, month = (a, b) if screen_style().day_first else (b, a)
        return dt.date(_full_year(c), month, day)
    raise ValueError(text)


def _full_year(year: int) -> int:
    return year + 2000 if year < 100 else year


def parse_time(text: str) -> dt.time | None:
    """A time as typed or pasted: "3:30 PM", "15:30", "3 pm". None for blank; ``ValueError`` else."""
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?\s*([AaPp])?\.?\s*[Mm]?\.?", text)
    if match is None:
        raise ValueError(f"\u201c{text}\u201d is not a time of day")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3):
        if not 1 <= hour <= 12:
            raise ValueError(f"\u201c{text}\u201d is not a time of day")
        hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"\u201c{text}\u201d is not a time of day")
    return dt.time(hour, minute)
