"""A school named on the command line or by the window (``--school "Lincoln Elementary"``) for a
printout filtered to one school: matched to the district's schools in any case, or refused in one
sentence that lists the names to choose from."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.district_profile import SchoolRecord, list_schools
from services.errors import InvalidInput
from services.pasted_cells import folded, tidy
from services.wording import quote_each


def school_named(db: Session, name: str) -> SchoolRecord:
    schools = list_schools(db)
    wanted = folded(name)
    for school in schools:
        if folded(school.name) == wanted:
            return school
    if not schools:
        raise InvalidInput(f"The district has no schools yet, so there is no \u201c{tidy(name)}\u201d: add its "
                           "schools on the Overview tab first.")
    raise InvalidInput(f"The district has no school called \u201c{tidy(name)}\u201d; choose one of "
                       f"{quote_each([s.name for s in schools], None, 'or')}.")
