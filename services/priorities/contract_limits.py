"""Limited by a contract or collective bargaining: the focus-group guide's bold reminder, as a check
and a note that travel with an action from the focus group through Priorities into the plan.

The check is one fact about one action, so a candidate and the plan's action it became carry the
same value: setting it on either sets both (approval copies it in ``planned_actions``). Each setter
returns what it replaced, so an undo command puts back both exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CandidateAction, PlannedAction
from services.errors import InvalidInput
from services.stored_values import text as stored_text

NOTE_LIMIT = 2000
LABEL = "Limited by a contract or collective bargaining"
SHORT_LABEL = "Contract-limited"
MARK = "\u00a7"  # the section sign: a contract's clause; drawn on the matrix and printed beside the title
HINT = ("The focus-group guide's reminder: existing agreements, including collective bargaining, may govern what is "
        "possible for particular groups of staff. Say which agreement, and how it limits the action.")


@dataclass(frozen=True)
class ContractLimit:
    limited: bool = False
    note: str = ""

    @property
    def text(self) -> str:
        """In words, for tooltips and printouts: empty when the action is not limited."""
        if not self.limited:
            return ""
        return f"{LABEL}: {self.note}" if self.note else f"{LABEL}."


NOT_LIMITED = ContractLimit()


def stored_limit(limited: object, note: object) -> ContractLimit:
    """The check and note read back: only a stored true (1) is limited; a note that is not text is empty."""
    return ContractLimit(limited is True, stored_text(note).strip())


def checked(limited: bool, note: str) -> ContractLimit:
    """A check and note as typed, or one plain sentence saying why not."""
    if not isinstance(limited, bool):
        raise InvalidInput("Limited by a contract is yes or no.")
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        raise InvalidInput(f"The contract note is too long (at most {NOTE_LIMIT} characters).")
    return ContractLimit(limited, note)


@dataclass(frozen=True)
class ContractMemo:
    """What a change replaced: the candidate's and the plan action's values (None: not there)."""

    candidate_id: int | None
    planned_id: int | None
    candidate_before: ContractLimit | None
    planned_before: ContractLimit | None


def _write(row, limit: ContractLimit) -> None:
    row.contract_limited, row.contract_note = limit.limited, limit.note


def _set_both(session: Session, candidate: CandidateAction | None, planned: PlannedAction | None,
              limit: ContractLimit) -> ContractMemo:
    memo = ContractMemo(candidate.id if candidate is not None else None, planned.id if planned is not None else None,
                        stored_limit(candidate.contract_limited, candidate.contract_note) if candidate else None,
                        stored_limit(planned.contract_limited, planned.contract_note) if planned else None)
    for row in (candidate, planned):
        if row is not None:
            _write(row, limit)
    session.flush()
    return memo


def set_for_candidate(session: Session, candidate_id: int, limited: bool, note: str = "") -> ContractMemo:
    """Mark a candidate action (and the plan's action it became, if approved) limited or not."""
    limit = checked(limited, note)
    candidate = session.get(CandidateAction, candidate_id)
    if candidate is None:
        raise InvalidInput("That candidate action is no longer in the plan.")
    planned = session.scalar(select(PlannedAction).where(PlannedAction.candidate_action_id == candidate_id))
    return _set_both(session, candidate, planned, limit)


def set_for_planned(session: Session, planned_id: int, limited: bool, note: str = "") -> ContractMemo:
    """Mark a plan's action (and the candidate it came from, if any) limited or not."""
    limit = checked(limited, note)
    planned = session.get(PlannedAction, planned_id)
    if planned is None:
        raise InvalidInput("That action no longer exists.")
    candidate = (session.get(CandidateAction, planned.candidate_action_id)
                 if isinstance(planned.candidate_action_id, int) else None)
    return _set_both(session, candidate, planned, limit)


def restore(session: Session, memo: ContractMemo) -> None:
    """Put back what a change replaced (undo)."""
    for model, row_id, before in ((CandidateAction, memo.candidate_id, memo.candidate_before),
                                  (PlannedAction, memo.planned_id, memo.planned_before)):
        row = session.get(model, row_id) if row_id is not None else None
        if row is not None and before is not None:
            _write(row, before)
    session.flush()


def planned_limits(session: Session) -> dict[int, ContractLimit]:
    """Each plan action's check and note, by its id (printouts and the Action plan tab read them)."""
    return {row.id: stored_limit(row.contract_limited, row.contract_note)
            for row in session.execute(select(PlannedAction.id, PlannedAction.contract_limited,
                                              PlannedAction.contract_note))}


def planned_limit(session: Session, planned_id: int) -> ContractLimit:
    row = session.get(PlannedAction, planned_id)
    return stored_limit(row.contract_limited, row.contract_note) if row is not None else NOT_LIMITED
