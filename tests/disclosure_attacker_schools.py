"""The attacker of ``tests/disclosure_attacker.py`` reading one school's results as well: a school's
packet (or ``survey-summary --school``) is a table by one attribute over only the respondents of
one school, so its "All respondents" are the school's and its "No answer" the school's people who
left the attribute blank.

A ``SchoolTable`` is a released table ``within`` one group of another attribute; its atoms are the
ones of that group only (``SchoolWave._in_scope``). Everything else (the unknowns, the constraints,
the exact and interval attacks, the promise) is the attacker's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tests.disclosure_attacker import PRESENCE, Attacker, PublicFacts, ReleasedTable, _Wave, read_summary_pdf


@dataclass(frozen=True)
class SchoolTable(ReleasedTable):
    within: tuple[str, str] = ("", "")  # (attribute, group): whose respondents the table is about


class SchoolWave(_Wave):
    def _in_scope(self, table: ReleasedTable, atom: tuple) -> bool:
        if not super()._in_scope(table, atom):
            return False
        within = getattr(table, "within", None)
        if not within or not within[0]:
            return True
        attr, group = within
        return atom[0][self.attrs.index(attr)] == group


class SchoolAttacker(Attacker):
    """``Attacker`` over tables some of which are one school's. The school attribute's groups are
    public (the district's schools), so a table with no numbers puts it among the atoms' attributes
    even when no release is broken down by school."""

    def __init__(self, tables: Sequence[ReleasedTable], public: PublicFacts, *, presence: bool = PRESENCE,
                 enumerate_counts: bool = True) -> None:
        self.presence = presence
        tables = list(tables)
        for t in list(tables):
            within = getattr(t, "within", None)
            if within and within[0] and not any(within[0] in other.by for other in tables):
                tables.append(ReleasedTable(f"({within[0]}: public names)", t.wave, (within[0],), t.scope,
                                            complete=False))
        by_wave: dict[str, list[ReleasedTable]] = {}
        for t in tables:
            by_wave.setdefault(t.wave, []).append(t)
        self.public = public
        self.waves = {w: SchoolWave(w, ts, public, presence) for w, ts in by_wave.items()}
        for wave in self.waves.values():
            wave.pin_rounded(enumerate_counts)
        self._targets = {t: (w, spec) for w in self.waves.values() for t, spec in w.targets().items()}
        self._programs = {}


def read_school_summary(text: str, *, wave: str, by: str, school_attribute: str, school: str,
                        groups: Sequence[str], measures: Sequence[str], source: str) -> SchoolTable:
    """One school's survey results as printed (the survey summary for a school, or a packet's first
    section): the summary's layout, about the school's respondents only."""
    table = read_summary_pdf(None, wave=wave, by=by, groups=groups, measures=measures, source=source, text=text)
    return SchoolTable(**{f: getattr(table, f) for f in ("source", "wave", "by", "scope", "cells", "counts",
                                                          "complete")}, within=(school_attribute, school))
