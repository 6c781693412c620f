"""The district's need for each type of provider a focus-group template invites (seed 004: "consider
the district's need for different types of mental health support staff"), and the invitation list
checked against it in plain words: "No school psychologist invited, and it is your hardest role to
fill."

The need is the district's, not one session's: one row per (template, role), shared by every
session planned from that template. Stored values are read defensively (another program may have
written -3 vacancies or a 400% share); edits are checked and refused in one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ProviderNeed
from models.focus_template import FocusTemplate
from services.errors import InvalidInput
from services.focus_groups import focus_templates
from services.stored_values import text as stored_text
from services.stored_values import whole_number
from services.wording import counted

MAX_VACANCIES = 999
MAX_RANK = 99
HARDEST_RANKS = 3  # ranks 1 to 3 are "the hardest" the invitation list is checked against
EDITABLE = ("vacancies", "hard_to_fill_rank", "student_share", "note")
_ORDINALS = {2: "second-", 3: "third-"}


@dataclass(frozen=True)
class NeedRecord:
    id: str  # the role key: one row per role on screen
    role_name: str
    vacancies: int | None
    hard_to_fill_rank: int | None
    student_share: int | None
    note: str

    @property
    def pressing(self) -> bool:
        """Open positions, or one of the hardest roles to fill: the group should hear from it."""
        return bool(self.vacancies) or (self.hard_to_fill_rank is not None and self.hard_to_fill_rank <= HARDEST_RANKS)


def provider_roles(template: FocusTemplate, text: str) -> list[tuple[str, str]]:
    """The template's provider roles as (key, name); empty for a template that doesn't ask about
    the district's need (the listening session)."""
    guide = focus_templates.guide_for(template.key, text)
    names = {r.key: r.name for r in template.roles}
    return [(key, names[key]) for key in guide.provider_roles if key in names]


def list_needs(session: Session, template: FocusTemplate, text: str) -> list[NeedRecord]:
    roles = provider_roles(template, text)
    stored = {r.role_key: r for r in session.scalars(select(ProviderNeed).where(ProviderNeed.template_key == template.key))}
    out = []
    for key, name in roles:
        row = stored.get(key)
        if row is None:
            out.append(NeedRecord(key, name, None, None, None, ""))
        else:
            out.append(NeedRecord(key, name, whole_number(row.vacancies, 0, MAX_VACANCIES),
                                  whole_number(row.hard_to_fill_rank, 1, MAX_RANK),
                                  whole_number(row.student_share, 0, 100), stored_text(row.note)))
    return out


def _checked(key: str, value: object) -> object:
    if key == "note":
        text = str(value or "").strip()
        if len(text) > 2000:
            raise InvalidInput("A note on the district's need can be at most 2000 characters.")
        return text
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = value.strip().removesuffix("%").strip()
        if not value:
            return None
        if not value.isdigit():
            raise InvalidInput(_RANGE[key] + f" \u201c{value}\u201d is not a whole number.")
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(_RANGE[key])
    low, high = _BOUNDS[key]
    if not low <= value <= high:
        raise InvalidInput(_RANGE[key])
    return value


_BOUNDS = {"vacancies": (0, MAX_VACANCIES), "hard_to_fill_rank": (1, MAX_RANK), "student_share": (0, 100)}
_RANGE = {"vacancies": f"Open positions are a whole number from 0 to {MAX_VACANCIES}.",
          "hard_to_fill_rank": f"How hard a role is to fill is a rank from 1 (the hardest) to {MAX_RANK}.",
          "student_share": "The share of students a role serves is a percentage from 0 to 100."}


def snapshot(session: Session, template_key: str, role_key: str) -> dict | None:
    """The stored row's values (None: no row), for undo."""
    row = session.scalar(select(ProviderNeed).where(ProviderNeed.template_key == template_key,
                                                    ProviderNeed.role_key == role_key))
    return None if row is None else {c.key: getattr(row, c.key) for c in ProviderNeed.__table__.columns}


def restore(session: Session, template_key: str, role_key: str, values: dict | None) -> None:
    row = session.scalar(select(ProviderNeed).where(ProviderNeed.template_key == template_key,
                                                    ProviderNeed.role_key == role_key))
    if row is not None:
        session.delete(row)
        session.flush()
    if values is not None:
        session.add(ProviderNeed(**values))
    session.flush()


def set_need(session: Session, template: FocusTemplate, text: str, role_key: str, **changes: object) -> None:
    """Record the district's need for one provider role of ``template`` (the row is made on first use)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Unknown field of the district's need: {', '.join(sorted(unknown))}.")
    names = dict(provider_roles(template, text))
    if role_key not in names:
        raise InvalidInput(f"'{role_key}' is not a type of provider {template.title} asks about"
                           + (f": {', '.join(names.values())}." if names else "."))
    values = {key: _checked(key, value) for key, value in changes.items()}
    rank = values.get("hard_to_fill_rank")
    if rank is not None and rank > len(names):
        raise InvalidInput(f"How hard a role is to fill is a rank from 1 (the hardest) to {len(names)}, "
                           f"one per type of provider.")
    row = session.scalar(select(ProviderNeed).where(ProviderNeed.template_key == template.key,
                                                    ProviderNeed.role_key == role_key))
    if row is None:
        row = ProviderNeed(template_key=template.key, role_key=role_key, vacancies=None, hard_to_fill_rank=None,
                           student_share=None, note="")
        session.add(row)
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()


def role_noun(name: str) -> str:
    """A role's name as one person in a sentence: "School psychologist(s)" -> "school psychologist",
    "Other licensed provider(s), e.g. LCSW" -> "other licensed provider"."""
    noun = re.split(r",\s*e\.g\.|\(e\.g\.", name)[0].replace("(s)", "").strip().rstrip(",")
    if len(noun) > 1 and noun[0].isupper() and not noun[1].isupper():
        noun = noun[0].lower() + noun[1:]
    return noun


def invitation_gaps(needs: Iterable[NeedRecord], invited_roles: Iterable[str]) -> list[str]:
    """A sentence for each provider role with open positions or among the hardest to fill that
    nobody invited covers, hardest first: the group should hear from it."""
    covered = set(invited_roles)
    missing = [n for n in needs if n.pressing and n.id not in covered]
    missing.sort(key=lambda n: (n.hard_to_fill_rank or MAX_RANK + 1, -(n.vacancies or 0), n.role_name))
    lines = []
    for need in missing:
        why = []
        if need.hard_to_fill_rank is not None and need.hard_to_fill_rank <= HARDEST_RANKS:
            why.append(f"it is your {_ORDINALS.get(need.hard_to_fill_rank, '')}hardest role to fill")
        if need.vacancies:
            why.append(f"{'it has' if not why else 'has'} {counted(need.vacancies, 'open position', 'open positions')}")
        if need.student_share:
            why.append(f"serves {need.student_share}% of students")
        reason = why[0] if len(why) == 1 else ", ".join(why[:-1]) + " and " + why[-1]
        lines.append(f"No {role_noun(need.role_name)} invited, and {reason}.")
    return lines


def set_session_need(session: Session, session_id: int, role_key: str, **changes: object) -> str:
    """``set_need`` for the template a session was planned with (its need is the district's, shared
    by every session of that template); returns the template's key."""
    from services.focus_groups import focus_sessions  # focus_sessions doesn't import this module

    template = focus_sessions.template_of(session, session_id)
    text = focus_sessions.template_text(session, session_id)
    set_need(session, template, text, role_key, **changes)
    return template.key
