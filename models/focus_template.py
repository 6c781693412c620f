"""A focus-group template as plain data: everything a session needs, read from a TOML file.

No database and no rules here; ``services.focus_groups.focus_templates`` reads and checks the files.
"""

from __future__ import annotations

from dataclasses import dataclass

# The worksheet parts every template has, in the order the guide prints them. "context" (a
# reference table such as seed 004's provider types) is the only optional one.
PART_KEYS = ("attendees", "context", "scheduling", "agenda", "intention", "framework", "aspiration",
             "initiatives", "brainstorm", "prioritize", "proposals")
OPTIONAL_PARTS = frozenset({"context"})
# Placeholders the invitation text may use; the session fills them in.
INVITATION_PLACEHOLDERS = ("district", "date", "place", "duration", "facilitator")


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    instructions: str  # printed for everyone
    note: str  # the facilitator's guide only


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    optional: bool = False  # "Other (please specify)": not needed for the role check


@dataclass(frozen=True)
class ContextTable:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AgendaItem:
    key: str
    title: str
    minutes: int


@dataclass(frozen=True)
class Aspect:
    name: str
    text: str


@dataclass(frozen=True)
class Attribute:
    key: str
    title: str
    now_prompt: str
    want_prompt: str
    brainstorm_prompt: str
    aspects: tuple[Aspect, ...]
    example: str = ""  # what other employers offer, for the facilitator


@dataclass(frozen=True)
class ExampleAction:
    key: str  # "<initiative>.<n>", e.g. "7.2": stable, so recorded marks survive a reworded template
    text: str
    partnership: bool = False  # also helps partnerships with outside providers


@dataclass(frozen=True)
class Initiative:
    number: int
    attribute: str
    title: str
    short: str
    actions: tuple[ExampleAction, ...]
    impact: float | None = None  # the template's illustrative position, 1-5
    ease: float | None = None


@dataclass(frozen=True)
class Proposal:
    idea: str
    owner: str
    deadline: str


@dataclass(frozen=True)
class FocusTemplate:
    key: str
    title: str
    source: str
    audience: str
    purpose: str
    booked_minutes: int
    scheduling: str
    reminder: str
    invitation_subject: str
    invitation_body: str
    parts: tuple[Part, ...]
    roles: tuple[Role, ...]
    context_tables: tuple[ContextTable, ...]
    agenda: tuple[AgendaItem, ...]
    attributes: tuple[Attribute, ...]
    initiatives: tuple[Initiative, ...]
    subgroup_names: tuple[str, ...]
    intention: str
    framework_source: str
    partnership_legend: str
    proposal_rows: int
    proposal_example: Proposal | None

    def part(self, key: str) -> Part | None:
        return next((p for p in self.parts if p.key == key), None)

    def attribute(self, key: str) -> Attribute:
        return next(a for a in self.attributes if a.key == key)

    def initiatives_for(self, attribute_key: str) -> tuple[Initiative, ...]:
        return tuple(i for i in self.initiatives if i.attribute == attribute_key)

    def action(self, key: str) -> tuple[Initiative, ExampleAction] | None:
        for initiative in self.initiatives:
            for action in initiative.actions:
                if action.key == key:
                    return initiative, action
        return None
