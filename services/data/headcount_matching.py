"""Matching a survey's groups to the district profile's staff groups, and remembering the choices.

Survey tools and HR rarely spell a group the same way ("Teacher" vs "Teachers", "Bus driver /
transportation" vs "Transportation"), so the profile's groups are matched forgivingly (same
words apart from capitals, punctuation, plurals and filler; words in common; a short list of
school job synonyms), shown to the person for every survey group, and their choices remembered
in the import profile of the attribute's column for the next wave. The headcounts the matches
give are set through ``survey_participation``.
"""

from __future__ import annotations

import enum
import functools
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import SurveyDimension, SurveyImportProfile, SurveyItem
from services.data.survey_columns import Role
from services.data.survey_files import normalize_text
from services.data.survey_import import profile_mapping
from services.data.survey_participation import headcounts, replace_headcounts
from services.district_profile import list_position_groups
from services.errors import InvalidInput
from services.wording import quote_each


class MatchHow(enum.StrEnum):
    """How a survey group came to its profile group, in the words the window shows."""

    EXACT = "same name"
    SAME_WORDS = "same words"  # apart from capitals, punctuation, plurals and filler ("staff")
    WORDS_IN_COMMON = "words in common"
    REMEMBERED = "chosen last time"
    CHOSEN = "your choice"  # picked by hand in the window, not yet confirmed
    NONE = "no match"


@dataclass(frozen=True)
class GroupMatch:
    survey_group: str
    profile_group: str | None  # None: no match
    how: MatchHow
    note: str = ""  # why, or why not, in a sentence for a tooltip
    headcount: int | None = None  # the profile group's, when it has one


# Words that say nothing about which group someone is in; they neither make nor break a match.
_FILLER = frozenset("a an and or the of for in at to on with by other all general staff employee personnel "
                    "member worker team".split())
# Words common to many group names, which alone should not pull a group one way ("School nurse").
_GENERIC = {"school": 0.3, "district": 0.3, "service": 0.5}
# Words that name the same kind of school job, so "Bus driver" finds "Transportation" and "Cafeteria"
# finds "Food service" without a word in common. Shown to the user as a match to confirm, never applied
# behind their back.
_KIN = (
    frozenset({"bus", "driver", "transportation", "transport"}),
    frozenset({"custodian", "custodial", "janitor", "janitorial", "maintenance", "facility", "ground"}),
    frozenset({"food", "cafeteria", "nutrition", "cook", "kitchen"}),
    frozenset({"para", "paraprofessional", "paraeducator", "aide"}),
    frozenset({"administrator", "admin", "administration", "principal"}),
    frozenset({"counselor", "counsellor", "psychologist", "social"}),
    frozenset({"nurse", "nursing", "health"}),
    frozenset({"office", "clerical", "clerk", "secretary", "receptionist"}),
    frozenset({"teacher", "teaching", "educator", "instructor", "faculty"}),
)
_SAME, _NEAR, _RELATED = 1.0, 0.8, 0.6
_ENOUGH = 0.5  # a match needs one word at least this close that is not generic


def _stem(word: str) -> str:
    """A word without its plural ending: "secretaries", "buses", "teachers", "aides"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes", "uses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(name: str) -> list[str]:
    text = normalize_text(name).replace("'", "").replace("\u2019", "").replace("&", " and ")
    return [_stem(w) for w in re.split(r"[^\w]+|_", text) if w]


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w not in _FILLER]


@functools.lru_cache(maxsize=4096)  # group names repeat the same few dozen words
def _word_closeness(a: str, b: str) -> float:
    if a == b:
        return _SAME
    short = min(a, b, key=len)
    common = len(os.path.commonprefix((a, b)))
    # "para" in "paraprofessional", "custodian" and "custodial", "teacher" and "teaching"
    if common >= 4 and common >= len(short) - 2:
        return _NEAR
    if any(a in kin and b in kin for kin in _KIN):
        return _RELATED
    return 0.0


def _coverage(mine: list[str], theirs: list[str]) -> tuple[float, float]:
    """How much of ``mine`` (weighted) finds a close word in ``theirs``, and the closest non-generic pair."""
    total = sum(_GENERIC.get(w, 1.0) for w in mine)
    got, best = 0.0, 0.0
    for w in mine:
        close = max((_word_closeness(w, t) for t in theirs), default=0.0)
        weight = _GENERIC.get(w, 1.0)
        got += weight * close
        if weight == 1.0:
            best = max(best, close)
    return (got / total if total else 0.0), best


@dataclass(frozen=True)
class _Name:
    key: str  # normalize_text
    words: list[str]
    content: list[str]

    @classmethod
    def of(cls, name: str) -> _Name:
        words = _words(name)
        return cls(normalize_text(name), words, _content(words))


def _closeness(survey: _Name, profile: _Name) -> tuple[int, float, str]:
    """(tier, score, shared words): tier 3 same name, 2 same words, 1 words in common, 0 none."""
    if survey.key == profile.key:
        return 3, 2.0, ""
    a, b, ca, cb = survey.words, profile.words, survey.content, profile.content
    if sorted(a) == sorted(b) or (ca and sorted(set(ca)) == sorted(set(cb))):
        return 2, 2.0, ""
    there, best_a = _coverage(ca, cb)
    back, best_b = _coverage(cb, ca)
    if max(best_a, best_b) < _ENOUGH:
        return 0, 0.0, ""
    words = list(dict.fromkeys(ca))
    same = [w for w in words if w in cb]
    alike = [f"\u201c{w}\u201d is close to \u201c{t}\u201d" for w in words if w not in cb
             for t in dict.fromkeys(cb) if _word_closeness(w, t) == _NEAR]
    said = ([f"shares the word{'s' if len(same) > 1 else ''} {quote_each(same, limit=None)}"] if same
            else []) + alike
    return 1, round(there + back, 6), "; ".join(said)


def match_group_names(survey_groups: Sequence[str], profile_groups: Sequence[str],
                      remembered: Mapping[str, str | None] | None = None) -> list[GroupMatch]:
    """For every survey group, in order, the profile group it matches (or none) and how.

    A choice remembered for a survey group (keyed by its ``normalize_text``, None = "no match")
    comes first, if its profile group still exists. The rest are matched by name, most alike first:
    same name, then the same words (case, punctuation, plurals and "staff" aside), then words in
    common or words for the same job. A pair is taken only when each is the other's one closest
    choice, so two survey groups never land on one profile group without someone choosing that (its
    headcount would count twice) and a tie is left for the user to settle, with a note saying why.
    """
    remembered = remembered or {}
    by_key = {normalize_text(p): p for p in profile_groups}
    fixed: dict[str, GroupMatch] = {}
    for s in survey_groups:
        key = normalize_text(s)
        if key in remembered:
            choice = remembered[key]
            if choice is None:
                fixed[s] = GroupMatch(s, None, MatchHow.REMEMBERED, "No match, as chosen last time.")
            elif normalize_text(choice) in by_key:
                fixed[s] = GroupMatch(s, by_key[normalize_text(choice)], MatchHow.REMEMBERED,
                                      "As chosen last time for this survey question.")
    taken = {m.profile_group for m in fixed.values() if m.profile_group}
    open_survey = [s for s in survey_groups if s not in fixed]
    open_profile = [p for p in profile_groups if p not in taken]
    close = {}
    names = {p: _Name.of(p) for p in open_profile}
    for s in open_survey:
        name = _Name.of(s)
        for p in open_profile:
            tier, score, shared = _closeness(name, names[p])
            if tier:
                close[s, p] = (tier, score, shared)

    chosen: dict[str, str] = {}
    while True:  # each round takes the pairs that are each other's one closest, among those left
        taken_now = set(chosen.values())
        best_of_s: dict[str, tuple[tuple[int, float], list[str]]] = {}
        best_of_p: dict[str, tuple[tuple[int, float], list[str]]] = {}
        for (s, p), (tier, score, _shared) in close.items():
            if s in chosen or p in taken_now:
                continue
            for best, me, other in ((best_of_s, s, p), (best_of_p, p, s)):
                held = best.get(me)
                if held is None or (tier, score) > held[0]:
                    best[me] = ((tier, score), [other])
                elif (tier, score) == held[0]:
                    held[1].append(other)
        found = {s: ps[0] for s, (_r, ps) in best_of_s.items() if len(ps) == 1 and best_of_p[ps[0]][1] == [s]}
        if not found:
            break
        chosen.update(found)

    claims: dict[str, list[tuple[tuple[int, float], str]]] = {}  # per profile group, who was close to it
    for (s, p), (tier, score, _shared) in close.items():
        if s not in chosen:
            claims.setdefault(p, []).append(((tier, score), s))
    out = []
    for s in survey_groups:
        if s in fixed:
            out.append(fixed[s])
        elif s in chosen:
            p = chosen[s]
            tier, _score, shared = close[s, p]
            how = {3: MatchHow.EXACT, 2: MatchHow.SAME_WORDS}.get(tier, MatchHow.WORDS_IN_COMMON)
            if tier == 3:
                note = "Same name."
            elif tier == 2:
                note = "The same words, apart from capitals, punctuation or plurals."
            else:
                said = f"{shared[0].upper()}{shared[1:]}." if shared else "Words for the same kind of job."
                note = said + " Check it, and pick another if it is wrong."
            out.append(GroupMatch(s, p, how, note))
        else:
            out.append(GroupMatch(s, None, MatchHow.NONE, _why_not(s, open_profile, close, chosen, claims)))
    return out


def _why_not(s: str, profile_groups: Sequence[str], close: dict, chosen: dict[str, str],
             claims: dict[str, list[tuple[tuple[int, float], str]]]) -> str:
    options = sorted((p for p in profile_groups if (s, p) in close), key=lambda p: close[s, p][:2], reverse=True)
    if not options:
        return "No staff group in the district profile has a name like it."
    best = close[s, options[0]][:2]
    ties = [p for p in options if close[s, p][:2] == best]
    holder = next((o for o, p in chosen.items() if p == options[0]), None)
    if len(ties) > 1:
        return f"It is just as close to {quote_each(ties, limit=None, joiner='or')}: pick the right one."
    if holder is not None:
        return (f"The profile's {quote_each([options[0]])} is already matched to the survey's {quote_each([holder])}, a "
                "closer name; pick it here too only if both are the same staff (its headcount would count twice).")
    rivals = [o for rank, o in claims.get(options[0], []) if o != s and rank >= best]
    named = quote_each(rivals, limit=3 if len(rivals) <= 3 else 2, joiner="or" if len(rivals) <= 3 else "and")
    return (f"{named} {'is' if len(rivals) == 1 else 'are'} just as close to {quote_each([options[0]])}, so none was "
            "matched to it: pick it for the group it really is.")


# Remembering the user's choices in the import profile of the attribute's column ------------------

PROFILE_GROUPS_KEY = "profile_groups"  # in a column's entry of SurveyImportProfile.mapping


def _dimension_row(session: Session, wave_id: int, dimension: str) -> SurveyDimension:
    row = session.scalar(select(SurveyDimension).where(SurveyDimension.wave_id == wave_id,
                                                       SurveyDimension.label == dimension)
                         .order_by(SurveyDimension.sort_order, SurveyDimension.id))
    if row is None:
        raise InvalidInput(f"This wave has no respondent attribute '{dimension}'.")
    return row


def _import_profiles(session: Session, wave_id: int, header: str) -> list[tuple[SurveyImportProfile, dict]]:
    """The import profiles that read ``header`` as a respondent attribute, the wave's own first.

    A wave does not keep the signature of the file it came from (its identifying and comment columns
    are never stored, so the signature can't be worked out again either). The wave's own profile is
    the one whose attribute and scale columns are exactly the wave's; then those sharing the most of
    them; then the most recently saved. Later profiles with the same question (next year's file,
    with a question added) still carry the choices over.
    """
    key = normalize_text(header)
    kept = {normalize_text(h) for h in session.scalars(select(SurveyDimension.header)
                                                       .where(SurveyDimension.wave_id == wave_id))}
    kept |= {normalize_text(h) for h in session.scalars(select(SurveyItem.header).where(SurveyItem.wave_id == wave_id))}
    found = []
    for profile in session.scalars(select(SurveyImportProfile)):
        mapping = profile_mapping(profile)  # one that can't be read has no entries: not ours to repair here
        entry = mapping.get(key)
        if entry is None or entry.get("role") != Role.DIMENSION.value:
            continue
        columns = {k for k, e in mapping.items() if e.get("role") in (Role.DIMENSION.value, Role.SCALE.value)}
        found.append(((columns == kept, len(columns & kept), profile.updated_at, profile.id), profile, mapping))
    found.sort(key=lambda f: f[0], reverse=True)
    return [(profile, mapping) for _rank, profile, mapping in found]


def _remembered_in(entry: dict) -> dict[str, str | None]:
    saved = entry.get(PROFILE_GROUPS_KEY)
    if not isinstance(saved, dict):
        return {}
    return {k: v for k, v in saved.items() if isinstance(k, str) and (v is None or isinstance(v, str))}


def remembered_matches(session: Session, wave_id: int, dimension: str) -> dict[str, str | None]:
    """The profile group chosen before for each survey group of this attribute (keyed by the survey
    group's ``normalize_text``; None means the user chose "no match")."""
    key = normalize_text(_dimension_row(session, wave_id, dimension).header)
    out: dict[str, str | None] = {}
    for _profile, mapping in reversed(_import_profiles(session, wave_id, key)):
        out.update(_remembered_in(mapping[key]))  # the wave's own profile last, so it wins
    return out


def propose_profile_matches(session: Session, wave_id: int, dimension: str) -> list[GroupMatch]:
    """Every survey group of the attribute with the district profile group proposed for it and that
    group's headcount."""
    row = _dimension_row(session, wave_id, dimension)
    groups = tuple(row.groups.splitlines()) if row.groups else ()
    counts = {g.name: g.headcount for g in list_position_groups(session)}
    matches = match_group_names(groups, list(counts), remembered_matches(session, wave_id, dimension))
    return [replace(m, headcount=counts[m.profile_group] or None) if m.profile_group else m for m in matches]


@dataclass(frozen=True)
class ProfileMatchesBefore:
    """What applying matches replaced: the attribute's headcounts and the remembered choices."""

    counts: dict[str, int]
    profile_id: int | None  # the import profile written to, None when the wave has none
    remembered: dict | None  # its earlier choices for this column, None when it had none


def apply_profile_matches(session: Session, wave_id: int, dimension: str,
                          picks: Mapping[str, str | None]) -> ProfileMatchesBefore:
    """Give each survey group the headcount of the profile group picked for it and remember the picks.

    ``picks`` maps survey groups to a profile group or None (no match). A group with no match, or a
    profile group with no headcount, keeps the headcount it has (typed in, or pasted). A "no match"
    is remembered only where a match was proposed, so a group the profile gains later can still be
    found. Returns what it replaced, for ``restore_profile_matches``.
    """
    counts = {g.name: g.headcount for g in list_position_groups(session)}
    unknown = [p for p in picks.values() if p is not None and p not in counts]
    if unknown:
        raise InvalidInput(f"The district profile has no staff group called {quote_each(unknown, limit=None, joiner='or')}.")
    proposed = {m.survey_group: m for m in propose_profile_matches(session, wave_id, dimension)}
    current = headcounts(session, wave_id, dimension)
    new = {g: counts[p] for g, p in picks.items() if p is not None and counts[p] > 0}
    before_counts = replace_headcounts(session, wave_id, dimension, {**current, **new})

    header = normalize_text(_dimension_row(session, wave_id, dimension).header)
    profiles = _import_profiles(session, wave_id, header)
    if not profiles:
        return ProfileMatchesBefore(before_counts, None, None)
    profile, mapping = profiles[0]
    entry = mapping[header]
    earlier = entry.get(PROFILE_GROUPS_KEY)
    remembered = _remembered_in(entry)
    for group, pick in picks.items():
        key = normalize_text(group)
        was = proposed.get(group)
        if pick is not None or (was is not None and (was.profile_group is not None or was.how is MatchHow.REMEMBERED)):
            remembered[key] = pick
        else:
            remembered.pop(key, None)
    _write_remembered(profile, mapping, header, remembered or None)
    session.flush()
    return ProfileMatchesBefore(before_counts, profile.id, earlier if isinstance(earlier, dict) else None)


def _write_remembered(profile: SurveyImportProfile, mapping: dict, header: str, remembered: dict | None) -> None:
    entry = dict(mapping[header])
    if remembered is None:
        entry.pop(PROFILE_GROUPS_KEY, None)
    else:
        entry[PROFILE_GROUPS_KEY] = dict(sorted(remembered.items()))
    mapping = {**mapping, header: entry}
    profile.mapping = json.dumps(mapping, ensure_ascii=False, sort_keys=True)


def restore_profile_matches(session: Session, wave_id: int, dimension: str, before: ProfileMatchesBefore) -> None:
    """Undo ``apply_profile_matches``: the headcounts and the remembered choices as they were."""
    replace_headcounts(session, wave_id, dimension, before.counts)
    profile = session.get(SurveyImportProfile, before.profile_id) if before.profile_id is not None else None
    if profile is None:
        return
    header = normalize_text(_dimension_row(session, wave_id, dimension).header)
    mapping = profile_mapping(profile)
    if header in mapping:
        _write_remembered(profile, mapping, header, before.remembered)
        session.flush()


def profile_headcounts(session: Session, groups: tuple[str, ...]) -> dict[str, int]:
    """The district profile's staff-group headcounts for the survey groups they match (forgivingly,
    without asking anyone: the command line's and a quick look's answer)."""
    counts = {g.name: g.headcount for g in list_position_groups(session)}
    return {m.survey_group: counts[m.profile_group] for m in match_group_names(groups, list(counts))
            if m.profile_group is not None and counts[m.profile_group] > 0}
