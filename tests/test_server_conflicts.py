"""Several planners editing one plan on a district server (issue 22): an edit to a record someone
else changed since it was read is refused, naming what changed; an undo that would write over
someone else's later change says so; two processes saving the same record at the same moment: one
wins, the other is refused, nothing is lost. On the throwaway loopback server."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import select

from models.candidate_action import CandidateAction
from services.plan.record_versions import EditConflict
from services.plan.server_plan import ServerPlan
from services.plan_changes import Operation, Topic
from services.priorities.candidate_actions import update_candidate_action

pytestmark = pytest.mark.postgres


@pytest.fixture
def server_url(postgres_server, server_sample_template) -> str:
    return postgres_server.database(template=server_sample_template.rsplit("/", 1)[1])


@pytest.fixture
def two_planners(server_url):
    a, b = ServerPlan(server_url, read_only=False), ServerPlan(server_url, read_only=False)
    yield a, b
    a.close()
    b.close()


def _first_action(plan) -> tuple[int, str]:
    """What a planner's window shows: read as the window reads (remembering what it saw)."""
    with plan.transaction() as session, plan.seen.reading(session):
        action = session.scalars(select(CandidateAction).order_by(CandidateAction.id)).first()
        return action.id, action.title


def _retitle(action_id: int, title: str) -> Operation:
    return Operation("Rename action",
                     lambda s, memo: update_candidate_action(s, action_id, title=title),
                     lambda s, before: update_candidate_action(s, action_id, title=before.title))


def _title(plan, action_id: int) -> str:
    with plan.transaction() as session:
        return session.get(CandidateAction, action_id).title


def test_an_edit_to_a_record_another_planner_changed_since_it_was_read_is_refused_naming_it(two_planners):
    a, b = two_planners
    action_id, title = _first_action(a)
    _first_action(b)

    assert _retitle(action_id, "Walking club (B)").apply(b) == {Topic.ACTIONS}
    with pytest.raises(EditConflict) as refused:
        _retitle(action_id, "Walking club (A)").apply(a)

    said = str(refused.value)
    assert "Another planner changed the candidate action \u201cWalking club (B)\u201d (its title" in said
    assert "your change was not saved" in said and "Reload" in said
    assert _title(b, action_id) == "Walking club (B)"  # nothing of B's is lost

    # Once A's window has read the plan again, A's edit goes through; and A's next edit of the
    # same record is not taken for someone else's (A has seen what A wrote).
    _first_action(a)
    _retitle(action_id, "Walking club (A)").apply(a)
    _retitle(action_id, "Walking club (A, again)").apply(a)
    assert _title(b, action_id) == "Walking club (A, again)" != title


def test_undo_says_so_when_another_planners_later_change_prevents_it(two_planners):
    a, b = two_planners
    action_id, title = _first_action(a)
    edit = _retitle(action_id, "Renamed by A")
    edit.apply(a)

    _first_action(b)
    _retitle(action_id, "Renamed by B").apply(b)

    with pytest.raises(EditConflict) as refused:
        edit.revert(a)
    assert refused.value.step == "undo"
    assert "after your change, so it can't be undone without losing theirs" in str(refused.value)
    assert _title(a, action_id) == "Renamed by B"

    # Undo of one's own edit that nobody touched since still works.
    _first_action(a)
    mine = _retitle(action_id, "Renamed by A again")
    mine.apply(a)
    mine.revert(a)
    assert _title(b, action_id) == "Renamed by B" != title


def _save_at_the_same_moment(url: str, action_id: int, title: str, ready, go, result) -> None:
    """One planner's process: read the record, wait for the other, then save it."""
    from services.plan.record_versions import EditConflict
    from services.plan.server_plan import ServerPlan

    plan = ServerPlan(url, read_only=False)
    try:
        _first_action(plan)
        ready.set()
        go.wait(60)
        try:
            _retitle(action_id, title).apply(plan)
            result.put((title, "saved"))
        except EditConflict as exc:
            result.put((title, str(exc)))
    finally:
        plan.close()


def test_two_processes_saving_the_same_record_one_wins_the_other_is_refused(server_url):
    planner = ServerPlan(server_url, read_only=False)
    try:
        action_id, _title_before = _first_action(planner)
    finally:
        planner.close()
    spawn = multiprocessing.get_context("spawn")
    result = spawn.Queue()
    ready_events = [spawn.Event() for _ in range(2)]
    go_event = spawn.Event()
    processes = [spawn.Process(target=_save_at_the_same_moment,
                               args=(server_url, action_id, title, ready_events[i], go_event, result))
                 for i, title in enumerate(("First planner's title", "Second planner's title"))]
    for p in processes:
        p.start()
    for ready in ready_events:  # both have read the record...
        assert ready.wait(60)
    go_event.set()  # ...and save it together
    outcomes = dict(result.get(timeout=60) for _ in processes)
    for p in processes:
        p.join(60)
        assert p.exitcode == 0

    saved = [t for t, said in outcomes.items() if said == "saved"]
    refused = [said for said in outcomes.values() if said != "saved"]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    assert "Another planner" in refused[0] and "was not saved" in refused[0]
    planner = ServerPlan(server_url, read_only=True)
    try:
        assert _title(planner, action_id) == saved[0]  # the winner's change, whole
    finally:
        planner.close()


def test_other_planners_changes_are_heard_within_seconds_naming_what_changed(two_planners):
    import queue
    import time

    a, b = two_planners
    heard: queue.Queue = queue.Queue()
    listener = a.listen(heard.put, lambda reason: heard.put(("lost", reason)), lambda: heard.put("back"))
    try:
        assert listener.listening.wait(10)
        assert heard.get(timeout=5) == frozenset(Topic)  # once listening: read everything once
        action_id, _title = _first_action(a)
        _retitle(action_id, "Heard by A").apply(a)  # A's own change: A does not hear it
        _first_action(b)
        started = time.monotonic()
        _retitle(action_id, "Said by B").apply(b)
        assert heard.get(timeout=5) == {Topic.ACTIONS}
        assert time.monotonic() - started < 2
        with b.transaction():  # a transaction that writes nothing announces nothing
            pass
        with pytest.raises(queue.Empty):
            heard.get(timeout=1)
    finally:
        listener.stop()


def _board(plan):
    from services.priorities.priority_board import load_board

    with plan.transaction() as session, plan.seen.reading(session):
        return load_board(session)


def _op(text, forward, backward=lambda s, m: None) -> Operation:
    return Operation(text, forward, backward)


def test_a_rating_another_planner_changed_is_not_written_over(two_planners):
    # The board reads ratings as columns, not whole records: their versions are remembered too.
    from services.priorities import priority_ratings

    a, b = two_planners
    item = next(i for i in _board(a).items if i.ratings)
    rater = item.ratings[0].rater_id
    _board(b)
    _op("Rate", lambda s, m: priority_ratings.set_rating(s, item.id, rater, impact=5)).apply(b)
    with pytest.raises(EditConflict, match="Another planner changed a rating"):
        _op("Rate", lambda s, m: priority_ratings.set_rating(s, item.id, rater, impact=1)).apply(a)
    rated = next(i for i in _board(b).items if i.id == item.id)
    assert next(r.impact for r in rated.ratings if r.rater_id == rater) == 5


def test_staff_groups_ticked_by_two_planners_the_second_is_refused(two_planners):
    from models import PositionGroup
    from services.priorities import priority_ratings

    a, b = two_planners
    item = _board(a).items[0]
    _board(b)
    with a.transaction() as session:
        first, second = session.scalars(select(PositionGroup.id).order_by(PositionGroup.id)).all()[:2]
    _op("Serve", lambda s, m: priority_ratings.set_served_groups(s, item.id, [first])).apply(a)
    with pytest.raises(EditConflict):
        _op("Serve", lambda s, m: priority_ratings.set_served_groups(s, item.id, [second])).apply(b)
    with b.transaction() as session:
        assert priority_ratings.served_group_ids(session, item.id) == (first,)


def test_undo_of_an_earlier_step_is_refused_when_another_planner_wrote_between(two_planners):
    a, b = two_planners
    action_id, original = _first_action(a)
    first = _retitle(action_id, "A1")
    first.apply(a)
    _first_action(b)
    _retitle(action_id, "B's title").apply(b)
    _first_action(a)  # A's window shows B's title...
    second = _retitle(action_id, "A2")
    second.apply(a)  # ...and A renames it again
    second.revert(a)  # undoing A's own latest change is fine: back to B's title
    assert _title(a, action_id) == "B's title"
    with pytest.raises(EditConflict) as refused:
        first.revert(a)  # but undoing A1 would put back the original over B's title
    assert refused.value.step == "undo"
    assert _title(a, action_id) == "B's title" != original


def test_a_background_read_older_than_the_planners_own_write_does_not_take_them_back(two_planners):
    import time

    from services.plan.record_versions import SeenVersions

    seen = SeenVersions()
    key = ("candidate_action", (1,))
    began = time.monotonic()  # a background read begins...
    seen.wrote({key: (3, {"title": "mine"})})  # ...the planner saves...
    seen.remember(key, 2, {"title": "older"}, began)  # ...and the read, from before, arrives
    assert seen.get(key) == (3, {"title": "mine"})
    seen.remember(key, 1, {"title": "put back by another"}, time.monotonic())  # a later read counts,
    assert seen.get(key) == (1, {"title": "put back by another"})  # whatever its version


def test_a_location_with_its_own_connection_settings_is_listened_to(server_url):
    import queue

    plan = ServerPlan(f"{server_url}?connect_timeout=5&application_name=Planner", read_only=False)
    lost: queue.Queue = queue.Queue()
    listener = plan.listen(lambda topics: None, lost.put, lambda: None)
    try:
        assert listener.listening.wait(10)
        with pytest.raises(queue.Empty):
            lost.get(timeout=0.5)
    finally:
        listener.stop()
        plan.close()


def test_undoing_a_removal_keeps_an_owner_another_planner_chose_meanwhile(two_planners):
    from models import PlannedAction
    from services.team import team_roster

    a, b = two_planners
    with a.transaction() as session:
        owned = session.scalars(select(PlannedAction).where(PlannedAction.owner_id.is_not(None))).first()
        owner, action_id = owned.owner_id, owned.id
        other = next(p.id for p in team_roster.list_people(session) if p.id != owner)
    removal = _op("Remove", lambda s, m: team_roster.remove_person(s, owner),
                  lambda s, removed: team_roster.restore_person(s, removed))
    removal.apply(a)

    def give(s, _m):
        s.get(PlannedAction, action_id).owner_id = other

    _op("Owner", give).apply(b)
    removal.revert(a)
    with a.transaction() as session:
        assert session.get(PlannedAction, action_id).owner_id == other  # B's choice stands


def test_an_objectives_staff_groups_changed_by_two_planners_the_second_is_refused(two_planners):
    from models import Objective, PositionGroup
    from services.action_plan import objectives

    a, b = two_planners
    for plan in (a, b):  # each window shows the objective
        with plan.transaction() as session, plan.seen.reading(session):
            objective_id = session.scalars(select(Objective).order_by(Objective.id)).first().id
    with a.transaction() as session:
        first, second = session.scalars(select(PositionGroup.id).order_by(PositionGroup.id)).all()[:2]
    _op("Groups", lambda s, m: objectives.update_objective(s, objective_id, group_ids=[first])).apply(a)
    with pytest.raises(EditConflict, match="Another planner changed the objective"):
        _op("Groups", lambda s, m: objectives.update_objective(s, objective_id, group_ids=[second])).apply(b)
