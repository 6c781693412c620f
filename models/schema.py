"""Schema versions of the plan file and the ordered steps that upgrade an older file.

Why an ordered list of steps and not Alembic: a plan file is one user's document, not a server
database. Its version must be readable before any table is trusted, so it lives in SQLite's
``user_version`` header field, and ``application_id`` marks the file as a WellPlan plan. Upgrading
is a short, ordered list of Python functions run in one transaction on the file's own
connection; there is no migration environment to ship inside the installer, and a SQLite client
shows the result as ordinary tables. (TagStudio keeps its library files the same way.)

To change the schema: change the ORM classes, bump ``CURRENT_VERSION``, append a ``Migration``
whose ``apply`` turns a file of the previous version into exactly what ``create_all`` makes now,
and check in a plan file of the previous version under ``tests/fixtures/``. SQLite cannot alter
most column definitions in place; rebuild the table (create new, copy, drop, rename) instead.

Long on purpose: each step's DDL is written out as it was at that version, never generated
from today's classes, so an old step never changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection

from models.base import Base

# "WPLN" in ASCII: a SQLite file without this id is some other program's database.
APPLICATION_ID = 0x57504C4E

# Version 1 is the first released schema (district profile, team, meetings, candidate actions).
# Version 2 adds the Priorities tab: raters, ratings, ranking criteria, and planned actions.
# Version 3 adds the Readiness tab: instruments, rounds, coded respondents and their answers.
# Version 4 adds the Focus groups tab; version 5 the Data tab (survey waves and data sources);
# version 6 the Action plan tab; version 7 the ledger of released survey results; version 8 what a
# PDSA cycle's Act decision did to the plan; version 9 a district's whole year; version 10 focus
# sessions as the guide runs them, meeting purposes and contract limits; version 11 a version
# number on every record, so several planners can edit one plan on a district server.
CURRENT_VERSION = 11


@dataclass(frozen=True)
class Migration:
    to_version: int
    summary: str
    apply: Callable[[Connection], None]


# Each step's DDL is written out as it was at that version, never generated from today's
# classes: a later change to a class must not change what an old step does.
_V2_CANDIDATE_ACTION_COLUMNS = (
    "agreed_impact FLOAT",
    "agreed_ease FLOAT",
    "discussion_owner VARCHAR(200) NOT NULL DEFAULT ''",
    "discussion_next_step TEXT NOT NULL DEFAULT ''",
    "evidence TEXT NOT NULL DEFAULT ''",
    "proposed_owner VARCHAR(200) NOT NULL DEFAULT ''",
    "proposed_deadline VARCHAR(120) NOT NULL DEFAULT ''",
)
_V2_TABLES = (
    """CREATE TABLE rater (
        id INTEGER NOT NULL,
        name VARCHAR(120) NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_rater PRIMARY KEY (id))""",
    """CREATE TABLE action_rating (
        id INTEGER NOT NULL,
        action_id INTEGER NOT NULL,
        rater_id INTEGER NOT NULL,
        impact INTEGER,
        ease INTEGER,
        CONSTRAINT pk_action_rating PRIMARY KEY (id),
        CONSTRAINT uq_action_rating_action_id UNIQUE (action_id, rater_id),
        CONSTRAINT fk_action_rating_action_id_candidate_action FOREIGN KEY(action_id)
            REFERENCES candidate_action (id) ON DELETE CASCADE,
        CONSTRAINT fk_action_rating_rater_id_rater FOREIGN KEY(rater_id) REFERENCES rater (id) ON DELETE CASCADE)""",
    """CREATE TABLE criterion_score (
        action_id INTEGER NOT NULL,
        criterion VARCHAR(20) NOT NULL,
        score INTEGER NOT NULL,
        CONSTRAINT pk_criterion_score PRIMARY KEY (action_id, criterion),
        CONSTRAINT fk_criterion_score_action_id_candidate_action FOREIGN KEY(action_id)
            REFERENCES candidate_action (id) ON DELETE CASCADE)""",
    """CREATE TABLE action_served_group (
        action_id INTEGER NOT NULL,
        position_group_id INTEGER NOT NULL,
        CONSTRAINT pk_action_served_group PRIMARY KEY (action_id, position_group_id),
        CONSTRAINT fk_action_served_group_action_id_candidate_action FOREIGN KEY(action_id)
            REFERENCES candidate_action (id) ON DELETE CASCADE,
        CONSTRAINT fk_action_served_group_position_group_id_position_group FOREIGN KEY(position_group_id)
            REFERENCES position_group (id) ON DELETE CASCADE)""",
    """CREATE TABLE prioritization_setting (
        "key" VARCHAR(40) NOT NULL,
        value FLOAT NOT NULL,
        CONSTRAINT pk_prioritization_setting PRIMARY KEY ("key"))""",
    """CREATE TABLE planned_action (
        id INTEGER NOT NULL,
        candidate_action_id INTEGER,
        title VARCHAR(300) NOT NULL,
        description TEXT NOT NULL,
        owner VARCHAR(200) NOT NULL,
        deadline_text VARCHAR(120) NOT NULL,
        start_date DATE,
        due_date DATE,
        status VARCHAR(20) NOT NULL,
        created_at DATETIME NOT NULL,
        CONSTRAINT pk_planned_action PRIMARY KEY (id),
        CONSTRAINT uq_planned_action_candidate_action_id UNIQUE (candidate_action_id),
        CONSTRAINT fk_planned_action_candidate_action_id_candidate_action FOREIGN KEY(candidate_action_id)
            REFERENCES candidate_action (id) ON DELETE SET NULL)""",
)


def _to_v2(connection: Connection) -> None:
    # SQLite adds columns at the end, where the class declares them, so the upgraded table
    # matches a new one column for column.
    for column in _V2_CANDIDATE_ACTION_COLUMNS:
        connection.exec_driver_sql(f"ALTER TABLE candidate_action ADD COLUMN {column}")
    for ddl in _V2_TABLES:
        connection.exec_driver_sql(ddl)


_V3_TABLES = (
    """CREATE TABLE readiness_instrument (
        id INTEGER NOT NULL,
        "key" VARCHAR(60) NOT NULL,
        title VARCHAR(200) NOT NULL,
        origin VARCHAR(20) NOT NULL,
        definition TEXT NOT NULL,
        updated_at DATETIME NOT NULL,
        CONSTRAINT pk_readiness_instrument PRIMARY KEY (id),
        CONSTRAINT uq_readiness_instrument_key UNIQUE ("key"))""",
    """CREATE TABLE readiness_round (
        id INTEGER NOT NULL,
        instrument_id INTEGER NOT NULL,
        label VARCHAR(120) NOT NULL,
        given_on DATE NOT NULL,
        notes TEXT NOT NULL,
        created_at DATETIME NOT NULL,
        CONSTRAINT pk_readiness_round PRIMARY KEY (id),
        CONSTRAINT fk_readiness_round_instrument_id_readiness_instrument FOREIGN KEY(instrument_id)
            REFERENCES readiness_instrument (id) ON DELETE RESTRICT)""",
    """CREATE TABLE readiness_respondent (
        id INTEGER NOT NULL,
        round_id INTEGER NOT NULL,
        code VARCHAR(40) NOT NULL,
        position_group_id INTEGER,
        on_team BOOLEAN NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_readiness_respondent PRIMARY KEY (id),
        CONSTRAINT uq_readiness_respondent_round_id UNIQUE (round_id, code),
        CONSTRAINT fk_readiness_respondent_round_id_readiness_round FOREIGN KEY(round_id)
            REFERENCES readiness_round (id) ON DELETE CASCADE,
        CONSTRAINT fk_readiness_respondent_position_group_id_position_group FOREIGN KEY(position_group_id)
            REFERENCES position_group (id) ON DELETE SET NULL)""",
    """CREATE TABLE readiness_answer (
        respondent_id INTEGER NOT NULL,
        item_key VARCHAR(40) NOT NULL,
        value INTEGER NOT NULL,
        CONSTRAINT pk_readiness_answer PRIMARY KEY (respondent_id, item_key),
        CONSTRAINT fk_readiness_answer_respondent_id_readiness_respondent FOREIGN KEY(respondent_id)
            REFERENCES readiness_respondent (id) ON DELETE CASCADE)""",
    """CREATE TABLE readiness_round_item (
        id INTEGER NOT NULL,
        round_id INTEGER NOT NULL,
        item_key VARCHAR(40) NOT NULL,
        notes TEXT NOT NULL,
        CONSTRAINT pk_readiness_round_item PRIMARY KEY (id),
        CONSTRAINT uq_readiness_round_item_round_id UNIQUE (round_id, item_key),
        CONSTRAINT fk_readiness_round_item_round_id_readiness_round FOREIGN KEY(round_id)
            REFERENCES readiness_round (id) ON DELETE CASCADE)""",
)


def _to_v3(connection: Connection) -> None:
    for ddl in _V3_TABLES:
        connection.exec_driver_sql(ddl)


_V4_TABLES = (
    """CREATE TABLE focus_session (
        id INTEGER NOT NULL,
        template_key VARCHAR(60) NOT NULL,
        template_text TEXT NOT NULL,
        title VARCHAR(200) NOT NULL,
        first_date DATE,
        second_date DATE,
        start_time TIME,
        place VARCHAR(200) NOT NULL,
        facilitator VARCHAR(200) NOT NULL,
        booked_minutes INTEGER NOT NULL,
        notes TEXT NOT NULL,
        created_at DATETIME NOT NULL,
        CONSTRAINT pk_focus_session PRIMARY KEY (id))""",
    """CREATE TABLE focus_attendee (
        id INTEGER NOT NULL,
        session_id INTEGER NOT NULL,
        person_id INTEGER NOT NULL,
        role_key VARCHAR(60) NOT NULL,
        role_detail VARCHAR(200) NOT NULL,
        attended BOOLEAN NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_focus_attendee PRIMARY KEY (id),
        CONSTRAINT uq_focus_attendee_session_id UNIQUE (session_id, person_id),
        CONSTRAINT fk_focus_attendee_session_id_focus_session FOREIGN KEY(session_id) REFERENCES focus_session (id) ON DELETE CASCADE,
        CONSTRAINT fk_focus_attendee_person_id_person FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE)""",
    """CREATE TABLE focus_agenda_item (
        id INTEGER NOT NULL,
        session_id INTEGER NOT NULL,
        title VARCHAR(300) NOT NULL,
        minutes INTEGER NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_focus_agenda_item PRIMARY KEY (id),
        CONSTRAINT fk_focus_agenda_item_session_id_focus_session FOREIGN KEY(session_id) REFERENCES focus_session (id) ON DELETE CASCADE)""",
    """CREATE TABLE focus_aspiration (
        session_id INTEGER NOT NULL,
        attribute_key VARCHAR(60) NOT NULL,
        now_text TEXT NOT NULL,
        want_text TEXT NOT NULL,
        CONSTRAINT pk_focus_aspiration PRIMARY KEY (session_id, attribute_key),
        CONSTRAINT fk_focus_aspiration_session_id_focus_session FOREIGN KEY(session_id) REFERENCES focus_session (id) ON DELETE CASCADE)""",
    """CREATE TABLE focus_action_mark (
        id INTEGER NOT NULL,
        session_id INTEGER NOT NULL,
        action_key VARCHAR(20) NOT NULL,
        does_this BOOLEAN NOT NULL,
        explore BOOLEAN NOT NULL,
        CONSTRAINT pk_focus_action_mark PRIMARY KEY (id),
        CONSTRAINT uq_focus_action_mark_session_id UNIQUE (session_id, action_key),
        CONSTRAINT fk_focus_action_mark_session_id_focus_session FOREIGN KEY(session_id) REFERENCES focus_session (id) ON DELETE CASCADE)""",
    """CREATE TABLE focus_idea (
        id INTEGER NOT NULL,
        session_id INTEGER NOT NULL,
        attribute_key VARCHAR(60) NOT NULL,
        kind VARCHAR(10) NOT NULL,
        text TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_focus_idea PRIMARY KEY (id),
        CONSTRAINT fk_focus_idea_session_id_focus_session FOREIGN KEY(session_id) REFERENCES focus_session (id) ON DELETE CASCADE)""",
    """CREATE TABLE focus_subgroup (
        id INTEGER NOT NULL,
        session_id INTEGER NOT NULL,
        name VARCHAR(120) NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_focus_subgroup PRIMARY KEY (id),
        CONSTRAINT fk_focus_subgroup_session_id_focus_session FOREIGN KEY(session_id) REFERENCES focus_session (id) ON DELETE CASCADE)""",
    """CREATE TABLE focus_rating (
        id INTEGER NOT NULL,
        subgroup_id INTEGER NOT NULL,
        action_key VARCHAR(20),
        idea_id INTEGER,
        impact INTEGER,
        ease INTEGER,
        CONSTRAINT pk_focus_rating PRIMARY KEY (id),
        CONSTRAINT fk_focus_rating_subgroup_id_focus_subgroup FOREIGN KEY(subgroup_id) REFERENCES focus_subgroup (id) ON DELETE CASCADE,
        CONSTRAINT fk_focus_rating_idea_id_focus_idea FOREIGN KEY(idea_id) REFERENCES focus_idea (id) ON DELETE CASCADE)""",
    """CREATE TABLE focus_proposal (
        id INTEGER NOT NULL,
        session_id INTEGER NOT NULL,
        category VARCHAR(10) NOT NULL,
        idea TEXT NOT NULL,
        owner VARCHAR(200) NOT NULL,
        deadline VARCHAR(120) NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_focus_proposal PRIMARY KEY (id),
        CONSTRAINT fk_focus_proposal_session_id_focus_session FOREIGN KEY(session_id) REFERENCES focus_session (id) ON DELETE CASCADE)""",
)


def _to_v4(connection: Connection) -> None:
    for ddl in _V4_TABLES:
        connection.exec_driver_sql(ddl)


_V5_TABLES = (
    """CREATE TABLE wellness_domain (
        id INTEGER NOT NULL,
        name VARCHAR(120) NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_wellness_domain PRIMARY KEY (id),
        CONSTRAINT uq_wellness_domain_name UNIQUE (name))""",
    """CREATE TABLE survey_wave (
        id INTEGER NOT NULL,
        label VARCHAR(120) NOT NULL,
        source_name VARCHAR(300) NOT NULL,
        layout VARCHAR(40) NOT NULL,
        respondent_count INTEGER NOT NULL,
        first_response DATE,
        last_response DATE,
        missing_tokens TEXT NOT NULL,
        comments_kept BOOLEAN NOT NULL,
        imported_at DATETIME NOT NULL,
        CONSTRAINT pk_survey_wave PRIMARY KEY (id),
        CONSTRAINT uq_survey_wave_label UNIQUE (label))""",
    """CREATE TABLE survey_dimension (
        id INTEGER NOT NULL,
        wave_id INTEGER NOT NULL,
        header TEXT NOT NULL,
        label TEXT NOT NULL,
        groups TEXT NOT NULL,
        codes BLOB NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_survey_dimension PRIMARY KEY (id),
        CONSTRAINT fk_survey_dimension_wave_id_survey_wave FOREIGN KEY(wave_id) REFERENCES survey_wave (id) ON DELETE CASCADE)""",
    """CREATE TABLE survey_item (
        id INTEGER NOT NULL,
        wave_id INTEGER NOT NULL,
        header TEXT NOT NULL,
        label TEXT NOT NULL,
        question TEXT NOT NULL,
        scale_kind VARCHAR(40) NOT NULL,
        scale_labels TEXT NOT NULL,
        reverse BOOLEAN NOT NULL,
        domain_id INTEGER,
        answers BLOB NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_survey_item PRIMARY KEY (id),
        CONSTRAINT fk_survey_item_wave_id_survey_wave FOREIGN KEY(wave_id) REFERENCES survey_wave (id) ON DELETE CASCADE,
        CONSTRAINT fk_survey_item_domain_id_wellness_domain FOREIGN KEY(domain_id) REFERENCES wellness_domain (id) ON DELETE SET NULL)""",
    """CREATE TABLE survey_comment (
        id INTEGER NOT NULL,
        wave_id INTEGER NOT NULL,
        question TEXT NOT NULL,
        text TEXT NOT NULL,
        CONSTRAINT pk_survey_comment PRIMARY KEY (id),
        CONSTRAINT fk_survey_comment_wave_id_survey_wave FOREIGN KEY(wave_id) REFERENCES survey_wave (id) ON DELETE CASCADE)""",
    """CREATE TABLE survey_import_profile (
        id INTEGER NOT NULL,
        signature VARCHAR(64) NOT NULL,
        mapping TEXT NOT NULL,
        missing_tokens TEXT NOT NULL,
        keep_comments BOOLEAN NOT NULL,
        updated_at DATETIME NOT NULL,
        CONSTRAINT pk_survey_import_profile PRIMARY KEY (id),
        CONSTRAINT uq_survey_import_profile_signature UNIQUE (signature))""",
    """CREATE TABLE survey_headcount (
        id INTEGER NOT NULL,
        wave_id INTEGER NOT NULL,
        dimension TEXT NOT NULL,
        group_name TEXT NOT NULL,
        headcount INTEGER NOT NULL,
        CONSTRAINT pk_survey_headcount PRIMARY KEY (id),
        CONSTRAINT uq_survey_headcount_wave_id UNIQUE (wave_id, dimension, group_name),
        CONSTRAINT fk_survey_headcount_wave_id_survey_wave FOREIGN KEY(wave_id) REFERENCES survey_wave (id) ON DELETE CASCADE)""",
    """CREATE TABLE survey_finding (
        id INTEGER NOT NULL,
        wave_id INTEGER,
        item_id INTEGER,
        measure TEXT NOT NULL,
        dimension TEXT NOT NULL,
        group_name TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at DATETIME NOT NULL,
        CONSTRAINT pk_survey_finding PRIMARY KEY (id),
        CONSTRAINT fk_survey_finding_wave_id_survey_wave FOREIGN KEY(wave_id) REFERENCES survey_wave (id) ON DELETE SET NULL,
        CONSTRAINT fk_survey_finding_item_id_survey_item FOREIGN KEY(item_id) REFERENCES survey_item (id) ON DELETE SET NULL)""",
    """CREATE TABLE data_source (
        id INTEGER NOT NULL,
        name VARCHAR(200) NOT NULL,
        quality VARCHAR(20) NOT NULL,
        last_updated VARCHAR(60) NOT NULL,
        notes TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_data_source PRIMARY KEY (id))""",
    """CREATE TABLE data_source_domain (
        source_id INTEGER NOT NULL,
        domain_id INTEGER NOT NULL,
        CONSTRAINT pk_data_source_domain PRIMARY KEY (source_id, domain_id),
        CONSTRAINT fk_data_source_domain_source_id_data_source FOREIGN KEY(source_id) REFERENCES data_source (id) ON DELETE CASCADE,
        CONSTRAINT fk_data_source_domain_domain_id_wellness_domain FOREIGN KEY(domain_id) REFERENCES wellness_domain (id) ON DELETE CASCADE)""",
    """CREATE TABLE data_source_group (
        source_id INTEGER NOT NULL,
        group_id INTEGER NOT NULL,
        CONSTRAINT pk_data_source_group PRIMARY KEY (source_id, group_id),
        CONSTRAINT fk_data_source_group_source_id_data_source FOREIGN KEY(source_id) REFERENCES data_source (id) ON DELETE CASCADE,
        CONSTRAINT fk_data_source_group_group_id_position_group FOREIGN KEY(group_id) REFERENCES position_group (id) ON DELETE CASCADE)""",
)


def _to_v5(connection: Connection) -> None:
    for ddl in _V5_TABLES:
        connection.exec_driver_sql(ddl)


_V6_PLANNED_ACTION_COLUMNS = (
    "objective_id INTEGER CONSTRAINT fk_planned_action_objective_id_objective REFERENCES objective (id) "
    "ON DELETE SET NULL",
    "owner_id INTEGER CONSTRAINT fk_planned_action_owner_id_person REFERENCES person (id) ON DELETE SET NULL",
    "percent_done INTEGER NOT NULL DEFAULT 0",
    "milestone BOOLEAN NOT NULL DEFAULT 0",
    "sort_order INTEGER NOT NULL DEFAULT 0",
)
_V6_TABLES = (
    """CREATE TABLE objective (
        id INTEGER NOT NULL,
        statement TEXT NOT NULL,
        specific TEXT NOT NULL,
        measurable TEXT NOT NULL,
        achievable TEXT NOT NULL,
        relevant TEXT NOT NULL,
        time_bound TEXT NOT NULL,
        inclusive TEXT NOT NULL,
        equitable TEXT NOT NULL,
        indicator VARCHAR(300) NOT NULL,
        unit VARCHAR(40) NOT NULL,
        baseline FLOAT,
        baseline_date DATE,
        target FLOAT,
        target_date DATE,
        source_label VARCHAR(300) NOT NULL,
        sort_order INTEGER NOT NULL,
        created_at DATETIME NOT NULL,
        CONSTRAINT pk_objective PRIMARY KEY (id))""",
    """CREATE TABLE objective_group (
        objective_id INTEGER NOT NULL,
        group_id INTEGER NOT NULL,
        CONSTRAINT pk_objective_group PRIMARY KEY (objective_id, group_id),
        CONSTRAINT fk_objective_group_objective_id_objective FOREIGN KEY(objective_id) REFERENCES objective (id) ON DELETE CASCADE,
        CONSTRAINT fk_objective_group_group_id_position_group FOREIGN KEY(group_id) REFERENCES position_group (id) ON DELETE CASCADE)""",
    """CREATE TABLE objective_person (
        objective_id INTEGER NOT NULL,
        person_id INTEGER NOT NULL,
        CONSTRAINT pk_objective_person PRIMARY KEY (objective_id, person_id),
        CONSTRAINT fk_objective_person_objective_id_objective FOREIGN KEY(objective_id) REFERENCES objective (id) ON DELETE CASCADE,
        CONSTRAINT fk_objective_person_person_id_person FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE)""",
    """CREATE TABLE measurement (
        id INTEGER NOT NULL,
        objective_id INTEGER NOT NULL,
        measured_on DATE NOT NULL,
        value FLOAT NOT NULL,
        note TEXT NOT NULL,
        CONSTRAINT pk_measurement PRIMARY KEY (id),
        CONSTRAINT fk_measurement_objective_id_objective FOREIGN KEY(objective_id) REFERENCES objective (id) ON DELETE CASCADE)""",
    """CREATE TABLE action_dependency (
        predecessor_id INTEGER NOT NULL,
        successor_id INTEGER NOT NULL,
        CONSTRAINT pk_action_dependency PRIMARY KEY (predecessor_id, successor_id),
        CONSTRAINT fk_action_dependency_predecessor_id_planned_action FOREIGN KEY(predecessor_id) REFERENCES planned_action (id) ON DELETE CASCADE,
        CONSTRAINT fk_action_dependency_successor_id_planned_action FOREIGN KEY(successor_id) REFERENCES planned_action (id) ON DELETE CASCADE)""",
    """CREATE TABLE pdsa_cycle (
        id INTEGER NOT NULL,
        objective_id INTEGER,
        action_id INTEGER,
        title VARCHAR(300) NOT NULL,
        question TEXT NOT NULL,
        prediction TEXT NOT NULL,
        plan_date DATE,
        do_notes TEXT NOT NULL,
        do_date DATE,
        study_notes TEXT NOT NULL,
        study_date DATE,
        decision VARCHAR(20) NOT NULL,
        act_notes TEXT NOT NULL,
        act_date DATE,
        CONSTRAINT pk_pdsa_cycle PRIMARY KEY (id),
        CONSTRAINT fk_pdsa_cycle_objective_id_objective FOREIGN KEY(objective_id) REFERENCES objective (id) ON DELETE CASCADE,
        CONSTRAINT fk_pdsa_cycle_action_id_planned_action FOREIGN KEY(action_id) REFERENCES planned_action (id) ON DELETE CASCADE)""",
    """CREATE TABLE communication_item (
        id INTEGER NOT NULL,
        audience VARCHAR(60) NOT NULL,
        message TEXT NOT NULL,
        channel VARCHAR(60) NOT NULL,
        send_on DATE,
        owner_id INTEGER,
        done BOOLEAN NOT NULL,
        celebration BOOLEAN NOT NULL,
        on_gantt BOOLEAN NOT NULL,
        CONSTRAINT pk_communication_item PRIMARY KEY (id),
        CONSTRAINT fk_communication_item_owner_id_person FOREIGN KEY(owner_id) REFERENCES person (id) ON DELETE SET NULL)""",
    """CREATE TABLE school_break (
        id INTEGER NOT NULL,
        name VARCHAR(120) NOT NULL,
        starts_on DATE NOT NULL,
        ends_on DATE NOT NULL,
        CONSTRAINT pk_school_break PRIMARY KEY (id))""",
)


def _to_v6(connection: Connection) -> None:
    for ddl in _V6_TABLES:
        connection.exec_driver_sql(ddl)
    for column in _V6_PLANNED_ACTION_COLUMNS:
        connection.exec_driver_sql(f"ALTER TABLE planned_action ADD COLUMN {column}")


_V7_TABLES = (
    """CREATE TABLE survey_release (
        id INTEGER NOT NULL,
        wave_id INTEGER NOT NULL,
        wave_label VARCHAR(120) NOT NULL,
        kind VARCHAR(40) NOT NULL,
        description TEXT NOT NULL,
        released_at DATETIME NOT NULL,
        "rows" INTEGER NOT NULL,
        content TEXT NOT NULL,
        digest VARCHAR(64) NOT NULL,
        CONSTRAINT pk_survey_release PRIMARY KEY (id))""",
    "CREATE INDEX ix_survey_release_wave_id ON survey_release (wave_id)",
)


def _to_v7(connection: Connection) -> None:
    for ddl in _V7_TABLES:
        connection.exec_driver_sql(ddl)


_V8_COLUMNS = (
    ("pdsa_cycle", "follow_up_cycle_id INTEGER CONSTRAINT fk_pdsa_cycle_follow_up_cycle_id_pdsa_cycle "
                   "REFERENCES pdsa_cycle (id) ON DELETE SET NULL"),
    ("pdsa_cycle", "revised_action_id INTEGER CONSTRAINT fk_pdsa_cycle_revised_action_id_planned_action "
                   "REFERENCES planned_action (id) ON DELETE SET NULL"),
    ("planned_action", "standard_practice BOOLEAN NOT NULL DEFAULT 0"),
)


def _to_v8(connection: Connection) -> None:
    for table, column in _V8_COLUMNS:
        connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column}")


_V9_COLUMNS = (
    ("person", "kind VARCHAR(20) NOT NULL DEFAULT 'staff'"),
    ("person", "organisation VARCHAR(200) NOT NULL DEFAULT ''"),
    ("person", "meets_from TIME"),
    ("person", "meets_until TIME"),
    ("person", "release_note TEXT NOT NULL DEFAULT ''"),
    ("readiness_respondent", "school_id INTEGER CONSTRAINT fk_readiness_respondent_school_id_school "
                             "REFERENCES school (id) ON DELETE SET NULL"),
    ("readiness_respondent", "tenure_band VARCHAR(40) NOT NULL DEFAULT ''"),
    ("objective", "goal_type VARCHAR(20) NOT NULL DEFAULT ''"),
    ("objective", "change_level VARCHAR(20) NOT NULL DEFAULT ''"),
    ("objective", "conclusions TEXT NOT NULL DEFAULT ''"),
    ("objective", "carried_over BOOLEAN NOT NULL DEFAULT 0"),
    ("planned_action", "change_level VARCHAR(20) NOT NULL DEFAULT ''"),
    ("planned_action", "carried_over BOOLEAN NOT NULL DEFAULT 0"),
    ("planned_action", "evidence TEXT NOT NULL DEFAULT ''"),
    ("planned_action", "source_label VARCHAR(300) NOT NULL DEFAULT ''"),
    ("planned_action", "school_id INTEGER CONSTRAINT fk_planned_action_school_id_school "
                       "REFERENCES school (id) ON DELETE SET NULL"),
    ("survey_headcount", "barriers TEXT NOT NULL DEFAULT ''"),
    ("survey_finding", "interpretation TEXT NOT NULL DEFAULT ''"),
    ("focus_proposal", "idea_id INTEGER CONSTRAINT fk_focus_proposal_idea_id_focus_idea "
                       "REFERENCES focus_idea (id) ON DELETE SET NULL"),
    ("focus_proposal", "action_key VARCHAR(20)"),
    ("district", "year_conclusions TEXT NOT NULL DEFAULT ''"),
)
_V9_TABLES = (
    """CREATE TABLE planned_action_group (
        action_id INTEGER NOT NULL,
        group_id INTEGER NOT NULL,
        CONSTRAINT pk_planned_action_group PRIMARY KEY (action_id, group_id),
        CONSTRAINT fk_planned_action_group_action_id_planned_action FOREIGN KEY(action_id) REFERENCES planned_action (id) ON DELETE CASCADE,
        CONSTRAINT fk_planned_action_group_group_id_position_group FOREIGN KEY(group_id) REFERENCES position_group (id) ON DELETE CASCADE)""",
    """CREATE TABLE finding_reader (
        finding_id INTEGER NOT NULL,
        person_id INTEGER NOT NULL,
        CONSTRAINT pk_finding_reader PRIMARY KEY (finding_id, person_id),
        CONSTRAINT fk_finding_reader_finding_id_survey_finding FOREIGN KEY(finding_id) REFERENCES survey_finding (id) ON DELETE CASCADE,
        CONSTRAINT fk_finding_reader_person_id_person FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE)""",
    """CREATE TABLE policy_review (
        id INTEGER NOT NULL,
        name VARCHAR(200) NOT NULL,
        reviewed_on DATE,
        finding TEXT NOT NULL,
        domain_id INTEGER,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_policy_review PRIMARY KEY (id),
        CONSTRAINT fk_policy_review_domain_id_wellness_domain FOREIGN KEY(domain_id) REFERENCES wellness_domain (id) ON DELETE SET NULL)""",
    """CREATE TABLE feedback_item (
        id INTEGER NOT NULL,
        received_on DATE,
        group_id INTEGER,
        from_text VARCHAR(200) NOT NULL,
        channel VARCHAR(60) NOT NULL,
        said TEXT NOT NULL,
        action_id INTEGER,
        communication_id INTEGER,
        sort_order INTEGER NOT NULL,
        CONSTRAINT pk_feedback_item PRIMARY KEY (id),
        CONSTRAINT fk_feedback_item_group_id_position_group FOREIGN KEY(group_id) REFERENCES position_group (id) ON DELETE SET NULL,
        CONSTRAINT fk_feedback_item_action_id_planned_action FOREIGN KEY(action_id) REFERENCES planned_action (id) ON DELETE SET NULL,
        CONSTRAINT fk_feedback_item_communication_id_communication_item FOREIGN KEY(communication_id) REFERENCES communication_item (id) ON DELETE SET NULL)""",
)


def _to_v9(connection: Connection) -> None:
    for table, column in _V9_COLUMNS:
        connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column}")
    for ddl in _V9_TABLES:
        connection.exec_driver_sql(ddl)


_V10_CONTRACT = ("contract_limited BOOLEAN NOT NULL DEFAULT 0", "contract_note TEXT NOT NULL DEFAULT ''")
_V10_COLUMNS = (
    ("focus_session", "intention TEXT NOT NULL DEFAULT ''"),
    ("focus_session", "group_intention TEXT NOT NULL DEFAULT ''"),
    ("focus_session", "attributes_matter TEXT NOT NULL DEFAULT ''"),
    ("focus_session", "attributes_change TEXT NOT NULL DEFAULT ''"),
    *(("focus_action_mark", c) for c in _V10_CONTRACT),
    *(("focus_idea", c) for c in _V10_CONTRACT),
    *(("candidate_action", c) for c in _V10_CONTRACT),
    *(("planned_action", c) for c in _V10_CONTRACT),
)
_V10_TABLES = (
    """CREATE TABLE provider_need (
        id INTEGER NOT NULL,
        template_key VARCHAR(60) NOT NULL,
        role_key VARCHAR(60) NOT NULL,
        vacancies INTEGER,
        hard_to_fill_rank INTEGER,
        student_share INTEGER,
        note TEXT NOT NULL,
        CONSTRAINT pk_provider_need PRIMARY KEY (id),
        CONSTRAINT uq_provider_need_template_key UNIQUE (template_key, role_key))""",
    """CREATE TABLE meeting_purpose (
        meeting_id INTEGER NOT NULL,
        purpose VARCHAR(20) NOT NULL,
        CONSTRAINT pk_meeting_purpose PRIMARY KEY (meeting_id, purpose),
        CONSTRAINT fk_meeting_purpose_meeting_id_meeting FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE)""",
)


def _to_v10(connection: Connection) -> None:
    for table, column in _V10_COLUMNS:
        connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column}")
    for ddl in _V10_TABLES:
        connection.exec_driver_sql(ddl)


# Every table of version 10, written out (a table added later is made with its version column).
_V11_TABLES = (
    "action_dependency", "action_rating", "action_served_group", "candidate_action",
    "communication_item", "criterion_score", "data_source", "data_source_domain", "data_source_group",
    "district", "feedback_item", "finding_reader", "focus_action_mark", "focus_agenda_item",
    "focus_aspiration", "focus_attendee", "focus_idea", "focus_proposal", "focus_rating",
    "focus_session", "focus_subgroup", "measurement", "meeting", "meeting_attendee", "meeting_purpose",
    "objective", "objective_group", "objective_person", "pdsa_cycle", "person", "plan_info",
    "planned_action", "planned_action_group", "policy_review", "position_group",
    "prioritization_setting", "provider_need", "rater", "readiness_answer", "readiness_instrument",
    "readiness_respondent", "readiness_round", "readiness_round_item", "school", "school_break",
    "survey_comment", "survey_dimension", "survey_finding", "survey_headcount", "survey_import_profile",
    "survey_item", "survey_release", "survey_wave", "wellness_domain",
)


def _to_v11(connection: Connection) -> None:
    # Every record starts at version 1, as a new one does (no row is rewritten: SQLite keeps the
    # default for the rows that were there). A plan on a district server (from format 10 on) gets
    # the server's 64-bit whole number, as its other whole numbers are.
    kind = "BIGINT" if connection.dialect.name == "postgresql" else "INTEGER"
    for table in _V11_TABLES:
        connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN row_version {kind} DEFAULT '1' NOT NULL")


# Steps in order; step ``n`` upgrades a file of version ``n.to_version - 1``.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "Priorities: raters, ratings, ranking criteria and planned actions", _to_v2),
    Migration(3, "Readiness: instruments, rounds, coded respondents and answers", _to_v3),
    Migration(4, "Focus groups: sessions, attendees, agenda, marks, ideas, ratings and proposals", _to_v4),
    Migration(5, "Data: survey waves, items, groups, comments, import profiles, headcounts, findings and "
                 "data sources", _to_v5),
    Migration(6, "Action plan: objectives, indicators, scheduled actions and dependencies, PDSA cycles, "
                 "communications and school breaks", _to_v6),
    Migration(7, "Survey releases: the ledger of every survey result made public or withheld", _to_v7),
    Migration(8, "PDSA decisions that act: the cycle or revised action an adapt opened, and adopted "
                 "standard practice", _to_v8),
    Migration(9, "A district's whole year: everyone the plan involves, the evidence each hand-off carries, "
                 "interpretations, barriers, reviewed policies, feedback, goal types and the year-end review",
              _to_v9),
    Migration(10, "Focus sessions as the guide runs them (provider needs, intentions, the group's view of the "
                  "framework), meeting purposes, and actions limited by a contract or collective bargaining",
              _to_v10),
    Migration(11, "A version number on every record, so that planners editing one plan on a district server "
                  "never silently write over each other's changes", _to_v11),
)


def create_tables(connection: Connection) -> None:
    """Create every table of a plan (in a new plan file, or an empty database on a server)."""
    import models  # noqa: F401  (registers every table on Base.metadata)

    Base.metadata.create_all(connection)


def create_current_schema(connection: Connection) -> None:
    """Create every table of a new plan file and stamp it with the current version."""
    create_tables(connection)
    stamp_version(connection, CURRENT_VERSION)


def stamp_version(connection: Connection, version: int) -> None:
    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def migrations_from(version: int, steps: tuple[Migration, ...] = MIGRATIONS) -> list[Migration]:
    """The steps that bring a file of ``version`` up to date, in the order to run them."""
    pending = [m for m in steps if m.to_version > version]
    expected = list(range(version + 1, version + 1 + len(pending)))
    if [m.to_version for m in pending] != expected:
        raise RuntimeError(f"Migration steps are not contiguous from version {version}")
    return pending
