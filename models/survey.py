"""Staff survey data: waves of answers, the items and groups they are read by, and the district's
other data sources.

Answers are stored by column, not by row: each item of a wave keeps one byte per respondent
(1..N on its scale after reverse scoring, 0 = no answer) and each respondent attribute keeps one
16-bit group code per respondent. A district-sized wave (150,000 responses x 60 items) is then
about 9 MB in 66 rows, written and read in one statement each, and a report by group is a few
vector operations instead of millions of row reads.

Nothing here can hold a name, an email or an IP address: identifying columns are dropped before
anything is written, and comments are kept only when the user opts in, unlinked from the answers
(sorted, so their order can't be matched to a respondent's row).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.types import Boolean, Date, DateTime, WholeNumber


class WellnessDomain(Base):
    """A part of wellbeing the survey items are read by (an editable list)."""

    __tablename__ = "wellness_domain"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class SurveyWave(Base):
    """One import of a survey file: "Fall 2026"."""

    __tablename__ = "survey_wave"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(120), unique=True)
    source_name: Mapped[str] = mapped_column(String(300))  # the file's name, for the record
    layout: Mapped[str] = mapped_column(String(40))
    respondent_count: Mapped[int] = mapped_column(WholeNumber)
    first_response: Mapped[dt.date | None] = mapped_column(Date)
    last_response: Mapped[dt.date | None] = mapped_column(Date)
    missing_tokens: Mapped[str] = mapped_column(Text, default="")  # extra tokens named, one per line
    comments_kept: Mapped[bool] = mapped_column(Boolean, default=False)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SurveyDimension(Base):
    """A respondent attribute of a wave (role, school, tenure): each respondent's group as a code.

    ``groups`` lists the group names one per line; code k (1-based) is the k-th name, 0 is no answer.
    """

    __tablename__ = "survey_dimension"

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id", ondelete="CASCADE"))
    header: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(Text)
    groups: Mapped[str] = mapped_column(Text)
    codes: Mapped[bytes] = mapped_column(LargeBinary)  # little-endian uint16, one per respondent
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class SurveyItem(Base):
    """A scale item of a wave, with every respondent's answer (int8: 1..N, 0 = no answer)."""

    __tablename__ = "survey_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id", ondelete="CASCADE"))
    header: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text, default="")
    scale_kind: Mapped[str] = mapped_column(String(40))
    scale_labels: Mapped[str] = mapped_column(Text)  # lowest first, one per line
    reverse: Mapped[bool] = mapped_column(Boolean, default=False)
    domain_id: Mapped[int | None] = mapped_column(ForeignKey("wellness_domain.id", ondelete="SET NULL"))
    answers: Mapped[bytes] = mapped_column(LargeBinary)
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class SurveyComment(Base):
    """A free-text answer, kept only when the user opted in, with no link to the respondent's row."""

    __tablename__ = "survey_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class SurveyImportProfile(Base):
    """A confirmed column mapping, proposed again for a file with the same columns (next year's survey).

    ``signature`` is a hash of the file's normalised column headers; ``mapping`` is JSON:
    {header: {"role": ..., "reverse": bool, "domain": name or ""}}.
    """

    __tablename__ = "survey_import_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature: Mapped[str] = mapped_column(String(64), unique=True)
    mapping: Mapped[str] = mapped_column(Text)
    missing_tokens: Mapped[str] = mapped_column(Text, default="")
    keep_comments: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SurveyHeadcount(Base):
    """How many staff a group has, for a wave's response rate by that attribute."""

    __tablename__ = "survey_headcount"
    __table_args__ = (UniqueConstraint("wave_id", "dimension", "group_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id", ondelete="CASCADE"))
    dimension: Mapped[str] = mapped_column(Text)  # the attribute's label
    group_name: Mapped[str] = mapped_column(Text)
    headcount: Mapped[int] = mapped_column(WholeNumber)
    # Added in version 9: the barriers the team found to this group's taking part (seed 000 step 3:
    # address them before collecting more data).
    barriers: Mapped[str] = mapped_column(Text, default="")


class SurveyFinding(Base):
    """A gap someone turned into a finding: the record a candidate action sent from it points to."""

    __tablename__ = "survey_finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int | None] = mapped_column(ForeignKey("survey_wave.id", ondelete="SET NULL"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("survey_item.id", ondelete="SET NULL"))
    measure: Mapped[str] = mapped_column(Text)  # the item's label or the domain's name
    dimension: Mapped[str] = mapped_column(Text)
    group_name: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Added in version 9: what the team made of it, read together (seed 000 step 4); who read it
    # is ``finding_reader``.
    interpretation: Mapped[str] = mapped_column(Text, default="")


class FindingReader(Base):
    """Someone who took part in reading and interpreting a finding."""

    __tablename__ = "finding_reader"

    finding_id: Mapped[int] = mapped_column(ForeignKey("survey_finding.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)


class PolicyReview(Base):
    """A district policy the team reviewed for how it shapes staff wellbeing and working
    conditions (seed 000 step 3), with what they found; it can be sent to Priorities."""

    __tablename__ = "policy_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    finding: Mapped[str] = mapped_column(Text, default="")
    domain_id: Mapped[int | None] = mapped_column(ForeignKey("wellness_domain.id", ondelete="SET NULL"))
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class SurveyRelease(Base):
    """One release of survey results: a report saved as CSV, a printed summary, participation
    counts, the evidence sent to Priorities. It records every number made public and every result
    withheld, so each later release is audited against all of them (``services.data.disclosure_audit``).

    Appended to, never edited: ``digest`` chains each entry to the one before it (SHA-256 of the
    previous digest and this entry's content), so a ledger changed by hand is noticed. ``wave_id``
    is a plain number, not a foreign key: a wave removed and restored by undo finds its releases
    again. ``rows`` is how many responses the wave had then: a wave replaced by a file with late
    responses keeps the earlier ones first, so an earlier release covers the first ``rows``.
    """

    __tablename__ = "survey_release"

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(WholeNumber, index=True)
    wave_label: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(40))  # "report", "summary", "participation", "evidence"
    description: Mapped[str] = mapped_column(Text)  # "Survey report by Union (CSV)"
    released_at: Mapped[dt.datetime] = mapped_column(DateTime)
    rows: Mapped[int] = mapped_column(WholeNumber)
    content: Mapped[str] = mapped_column(Text)  # JSON: the numbers released and the results withheld
    digest: Mapped[str] = mapped_column(String(64))


class DataSource(Base):
    """An existing source of data about staff wellbeing (seed 000, step 3)."""

    __tablename__ = "data_source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    quality: Mapped[str] = mapped_column(String(20), default="")  # "good", "fair", "poor" or ""
    last_updated: Mapped[str] = mapped_column(String(60), default="")  # as people say it: "Spring 2026"
    notes: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class DataSourceDomain(Base):
    __tablename__ = "data_source_domain"

    source_id: Mapped[int] = mapped_column(ForeignKey("data_source.id", ondelete="CASCADE"), primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("wellness_domain.id", ondelete="CASCADE"), primary_key=True)


class DataSourceGroup(Base):
    __tablename__ = "data_source_group"

    source_id: Mapped[int] = mapped_column(ForeignKey("data_source.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("position_group.id", ondelete="CASCADE"), primary_key=True)
