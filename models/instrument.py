"""What a readiness instrument is: sections of items answered on one scale.

Plain dataclasses, read from TOML files in ``resources/instruments/`` or from a plan's own
instruments (``services/readiness/instruments.py`` validates them). Answers are stored as integers:
``1..N`` for the scale's points in order (for yes/no, 1 is No and 2 is Yes, so "higher is
further along" holds for every scale) and ``DONT_KNOW`` for "don't know".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

DONT_KNOW = 0


class ScaleType(enum.StrEnum):
    YES_NO = "yes_no"  # a checklist: each "no" has a next step
    LEVELS = "levels"  # ordered levels, optionally with a descriptor per item and level (a rubric)
    AGREEMENT = "agreement"  # 1..N agreement


@dataclass(frozen=True)
class Scale:
    type: ScaleType
    labels: tuple[str, ...]  # one per point, lowest first
    dont_know: bool = True

    @property
    def points(self) -> int:
        return len(self.labels)

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(range(1, self.points + 1))

    def label(self, value: int | None) -> str:
        if value is None:
            return ""
        if value == DONT_KNOW:
            return "Don't know"
        return self.labels[value - 1]

    def allows(self, value: int) -> bool:
        return 1 <= value <= self.points or (value == DONT_KNOW and self.dont_know)


@dataclass(frozen=True)
class Item:
    key: str  # unique in the instrument, e.g. "B2"; shown to users and used in source labels
    text: str
    next_step: str = ""  # checklists: what to consider when the answer is "no"
    descriptors: tuple[str, ...] = ()  # rubrics: what each level looks like for this item
    guidance: str = ""
    # Levels and agreement scales: what would move the item a level up, printed beside it in the
    # readiness summary when it is a growth area (a checklist's "no" has ``next_step`` instead).
    growth_step: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    prompt: str = ""
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Instrument:
    key: str
    title: str
    source: str  # where the content comes from, named for the user
    scale: Scale
    sections: tuple[Section, ...]
    purpose: str = ""  # one paragraph: what the instrument is for
    guidance: str = ""  # how to read the results; shown in the tab and the summary
    instructions: str = ""  # printed on the blank form
    items_by_key: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.items_by_key.update({i.key: i for s in self.sections for i in s.items})

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for s in self.sections for i in s.items)

    def section_of(self, item_key: str) -> Section:
        return next(s for s in self.sections if any(i.key == item_key for i in s.items))

    @property
    def is_rubric(self) -> bool:
        return any(i.descriptors for i in self.items)
