"""Whether the connected account may read what respondents answered.

In a plan file, whoever opens the plan holds all of it and WellPlan keeps the answers to released
results by its own rules. On a district server, the server's roles keep the answers themselves
(``services.plan.server_roles``): only the plan's owner reads them; everyone else sees what each
wave asked, and results only as WellPlan released them (printouts, findings, evidence). The views
ask here and show what the account may see, rather than failing on a refusal.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

KEPT = ("Survey answers on the district server are kept from your account: you see what each wave asked, and its "
        "results as the survey lead releases them (printed reports, findings, evidence in Priorities).")


def answers_readable(session: Session) -> bool:
    """True in a plan file; on a server, whether this account may read every answer column."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return True
    cached = session.info.get("answers_readable")
    if cached is None:
        cached = bool(session.scalar(text(
            "SELECT has_column_privilege('survey_item', 'answers', 'SELECT') "
            "AND has_column_privilege('survey_dimension', 'codes', 'SELECT') "
            "AND has_column_privilege('survey_comment', 'text', 'SELECT')")))
        session.info["answers_readable"] = cached
    return cached
