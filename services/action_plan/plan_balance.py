"""The plan's balance: whether its actions change the individual or the system around them (seed
000 step 5), and whether its objectives are a few goals of the right kinds (seed 002).

``plan_balance`` counts both and says in plain words what to look at; the Action plan tab shows it
over the actions and beside the objectives, and the printed plan under its objectives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from services.action_plan import action_schedule, objectives
from services.action_plan.action_schedule import ActionRecord
from services.action_plan.objectives import CHANGE_LEVELS, GOAL_TYPES, ObjectiveRecord

# Seed 002: "Prioritize among possible goals so that you have only a few that you're monitoring and
# focused on improving." A few: at most this many objectives in all, and of any one goal type.
MOST_OBJECTIVES = 5
MOST_OF_A_GOAL_TYPE = 3

# Seed 000 step 5: "any plan must also reflect school systems' influence on employee wellness ...
# especially around reducing job stressors." An objective whose words name a job stressor asks for
# at least one action that changes the job itself, not only the person's coping with it.
_JOB_STRESSORS = re.compile(r"\b(stress\w*|workloads?|breaks?|burn ?out|overtime|shifts?|schedul\w*|staffing|"
                            r"caseloads?|class sizes?|duties|coverage|hours|understaff\w*|job demands?)\b",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Balance:
    individual: int
    system: int
    not_set: int
    goal_counts: dict[str, int]  # GOAL_TYPES key (and "" for not set): how many objectives
    level_warnings: tuple[str, ...]  # about individual and system changes
    goal_warnings: tuple[str, ...]  # about how many goals, and of which types

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.level_warnings + self.goal_warnings

    @property
    def actions_line(self) -> str:
        """"Individual 3 · System 1 · not set 2": what the plan's actions change."""
        return (f"{CHANGE_LEVELS['individual']} {self.individual} \u00b7 {CHANGE_LEVELS['system']} {self.system} "
                f"\u00b7 not set {self.not_set}")

    @property
    def goals_line(self) -> str:
        """"Quality 1 · Implementation 2 · Access 0 · not set 1": the objectives' goal types."""
        return " \u00b7 ".join([*(f"{label} {self.goal_counts.get(key, 0)}" for key, label in GOAL_TYPES.items()),
                                f"not set {self.goal_counts.get('', 0)}"])


def about_job_stressors(record: ObjectiveRecord) -> bool:
    return bool(_JOB_STRESSORS.search(" ".join([record.statement, record.parts.get("specific", ""),
                                                record.indicator])))


def balance_of(records: list[ObjectiveRecord], actions: list[ActionRecord]) -> Balance:
    """The counts and warnings for these objectives and actions (dropped actions don't count)."""
    live = [a for a in actions if a.status != "dropped"]
    levels = [a.change_level for a in live]
    goals = {key: sum(r.goal_type == key for r in records) for key in (*GOAL_TYPES, "")}
    warnings: list[str] = []
    if levels.count("individual") and not levels.count("system"):
        warnings.append("Every action with a level set changes the individual: add at least one that changes the "
                        "system around staff (schedules, staffing, policies, spaces).")
    for r in records:
        mine = [a for a in live if a.objective_id == r.id]
        if mine and about_job_stressors(r) and not any(a.change_level == "system" for a in mine):
            warnings.append(f"\u201c{r.short}\u201d is about a job stressor, but none of its actions changes the "
                            "system: reduce the stressor, not only help staff cope with it.")
    level_warnings, warnings = tuple(warnings), []
    if len(records) > MOST_OBJECTIVES:
        warnings.append(f"{len(records)} objectives: keep only a few you will monitor (at most {MOST_OBJECTIVES}); "
                        "move the rest to next year or make them actions.")
    for key, label in GOAL_TYPES.items():
        if goals[key] > MOST_OF_A_GOAL_TYPE:
            warnings.append(f"{goals[key]} {label.lower()} goals: keep at most {MOST_OF_A_GOAL_TYPE} of a kind, "
                            "the ones you will really monitor.")
    if not goals["quality"] and (goals["implementation"] or goals["access"]):
        others = [label.lower() for key, label in GOAL_TYPES.items() if key != "quality" and goals[key]]
        warnings.append(f"There are {' and '.join(others)} goals but no quality goal: set the quality goal (the experience staff should have) first, "
                        "then the goals that get you there.")
    return Balance(levels.count("individual"), levels.count("system"), levels.count(""), goals, level_warnings,
                   tuple(warnings))


def plan_balance(session: Session) -> Balance:
    return balance_of(objectives.list_objectives(session), action_schedule.list_actions(session))
