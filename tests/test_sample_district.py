"""The sample district: realistic, deterministic, and showing the Team tab's checks at work."""

from __future__ import annotations

import sqlite3

from services import district_profile
from services.sample.sample_district import build_sample
from services.team import meeting_access, meetings, team_representation, team_roster


def _dump(path) -> list[str]:
    con = sqlite3.connect(path)
    lines = [line for line in con.iterdump() if "plan_info" not in line]
    con.close()
    return lines


def test_sample_is_deterministic(tmp_path, built_sample):
    # built_sample was built earlier in this run (by the command line, perhaps in another worker)
    build_sample(tmp_path / "again.wellplan").close()
    assert _dump(tmp_path / "again.wellplan") == _dump(built_sample)


def test_sample_is_a_realistic_district_with_one_representation_gap(sample_plan):
    with sample_plan.transaction() as s:
        profile = district_profile.get_profile(s)
        staff = district_profile.total_headcount(s)
        schools = district_profile.list_schools(s)
        team = team_roster.list_team(s)
        rep = team_representation.assess_representation(s)
        schedule = meetings.list_meetings(s)
        flags = meeting_access.flag_meetings(s)
    assert profile.name == "Maple Hollow School District"
    assert 1400 <= staff <= 1600
    assert len(schools) >= 5
    assert 8 <= len(team) <= 12
    assert sum(p.is_lead for p in team) == 1
    assert [g.name for g in rep.missing_groups] == ["Transportation"]
    assert len(schedule) >= 4
    flagged = [m for m in schedule if flags[m.id]]
    assert flagged, "the sample shows at least one meeting some members can't attend"
    assert len(flagged) < len(schedule)
