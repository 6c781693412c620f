"""Focus-group templates: read and check the TOML files in ``resources/focus_groups/``.

A template is data: dropping a checked file into that folder offers a new kind of session with
no code change. Every definition goes through ``parse_template``, which names the file and the
problem when it refuses one, so a typo in a shipped or hand-made template is caught on load
rather than on page 6 of a printout. A session keeps the text of the template it was planned
with, so a later rewording doesn't change what a past session recorded.
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from pathlib import Path

from models.focus_template import (
    INVITATION_PLACEHOLDERS,
    OPTIONAL_PARTS,
    PART_KEYS,
    AgendaItem,
    Aspect,
    Attribute,
    ContextTable,
    ExampleAction,
    FocusTemplate,
    Initiative,
    Part,
    Proposal,
    Role,
)
from services.definition_files import parse_definition, read_definition_text, refuse_unknown, text_field
from services.errors import InvalidInput
from services.resource_paths import resources_root

TEMPLATE_SUFFIX = ".toml"
RATING_MIN, RATING_MAX = 1.0, 5.0
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
_TOP = {"key", "title", "source", "audience", "purpose", "booked_minutes", "scheduling", "reminder",
        "subgroup_names", "invitation", "parts", "roles", "context_tables", "agenda", "attributes", "initiatives",
        "steps", "provider_roles"}
_PART_EXTRAS = {"intention": {"text"}, "framework": {"source"}, "initiatives": {"legend"},
                "proposals": {"rows", "example_idea", "example_owner", "example_deadline"}}


class TemplateError(InvalidInput):
    """A template that can't be used; the message names the file and the problem."""


def _table(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be a table")
    return value


def _list(value: object, where: str, required: bool = True) -> list:
    if value is None and not required:
        return []
    if not isinstance(value, list) or (required and not value):
        raise ValueError(f"{where} must be a non-empty list" if required else f"{where} must be a list")
    return value


def _number(table: dict, name: str, where: str, low: float, high: float, required: bool = True,
            integer: bool = False) -> float | None:
    value = table.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
        raise ValueError(f"{where}: '{name}' must be a {'whole ' if integer else ''}number")
    if not low <= value <= high:
        raise ValueError(f"{where}: '{name}' must be between {low:g} and {high:g}, not {value}")
    return value


def _unique(keys: list[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key.casefold() in seen:
            raise ValueError(f"{what} '{key}' is used twice")
        seen.add(key.casefold())


def _key(table: dict, where: str) -> str:
    key = text_field(table, "key", where)
    if not _KEY.match(key):
        raise ValueError(f"{where}: key '{key}' must be lower-case letters, digits and hyphens")
    return key


def _parts(raw: object) -> tuple[tuple[Part, ...], dict]:
    parts_table = _table(raw, "[parts]")
    refuse_unknown(parts_table, set(PART_KEYS), "[parts]")
    parts, extras = [], {}
    for key in PART_KEYS:
        if key not in parts_table:
            if key in OPTIONAL_PARTS:
                continue
            raise ValueError(f"the template has no [parts.{key}]")
        where = f"[parts.{key}]"
        table = _table(parts_table[key], where)
        refuse_unknown(table, {"title", "instructions", "note"} | _PART_EXTRAS.get(key, set()), where)
        # Every part has a facilitator's note: the guide is the point of a template.
        parts.append(Part(key, text_field(table, "title", where), text_field(table, "instructions", where, required=False),
                          text_field(table, "note", where)))
        extras[key] = table
    return tuple(parts), extras


def _invitation(raw: object) -> tuple[str, str]:
    table = _table(raw, "[invitation]")
    refuse_unknown(table, {"subject", "body"}, "[invitation]")
    subject, body = text_field(table, "subject", "[invitation]"), text_field(table, "body", "[invitation]")
    for text in (subject, body):
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as exc:
            raise ValueError(f"[invitation]: {exc} (write {{{{ and }}}} for a literal brace)") from None
        unknown = sorted(names - set(INVITATION_PLACEHOLDERS))
        if unknown:
            raise ValueError(f"[invitation]: unknown placeholder {{{unknown[0]}}} "
                             f"(use {', '.join('{' + p + '}' for p in INVITATION_PLACEHOLDERS)})")
    return subject, body


def _roles(raw: object) -> tuple[Role, ...]:
    roles = []
    for n, item in enumerate(_list(raw, "[[roles]]"), 1):
        table = _table(item, f"role {n}")
        refuse_unknown(table, {"key", "name", "optional"}, f"role {n}")
        optional = table.get("optional", False)
        if not isinstance(optional, bool):
            raise ValueError(f"role {n}: 'optional' must be true or false")
        roles.append(Role(_key(table, f"role {n}"), text_field(table, "name", f"role {n}"), optional))
    _unique([r.key for r in roles], "role key")
    return tuple(roles)


def _context_tables(raw: object) -> tuple[ContextTable, ...]:
    tables = []
    for n, item in enumerate(_list(raw, "[[context_tables]]", required=False), 1):
        where = f"context table {n}"
        table = _table(item, where)
        refuse_unknown(table, {"title", "columns", "rows"}, where)
        columns = _list(table.get("columns"), f"{where} columns")
        rows = _list(table.get("rows"), f"{where} rows")
        if not all(isinstance(c, str) and c.strip() for c in columns):
            raise ValueError(f"{where}: columns must be names")
        for r, row in enumerate(rows, 1):
            if not isinstance(row, list) or not all(isinstance(c, str) for c in row):
                raise ValueError(f"{where}, row {r} must be a list of text")
            if len(row) != len(columns):
                raise ValueError(f"{where}, row {r} has {len(row)} cells for {len(columns)} columns")
        tables.append(ContextTable(text_field(table, "title", where), tuple(c.strip() for c in columns),
                                   tuple(tuple(c.strip() for c in row) for row in rows)))
    return tuple(tables)


def _agenda(raw: object) -> tuple[AgendaItem, ...]:
    items = []
    for n, item in enumerate(_list(raw, "[[agenda]]"), 1):
        table = _table(item, f"agenda item {n}")
        refuse_unknown(table, {"key", "title", "minutes"}, f"agenda item {n}")
        items.append(AgendaItem(_key(table, f"agenda item {n}"), text_field(table, "title", f"agenda item {n}"),
                                int(_number(table, "minutes", f"agenda item {n}", 1, 600, integer=True))))
    _unique([a.key for a in items], "agenda key")
    return tuple(items)


def _attributes(raw: object) -> tuple[Attribute, ...]:
    attributes = []
    for n, item in enumerate(_list(raw, "[[attributes]]"), 1):
        table = _table(item, f"attribute {n}")
        refuse_unknown(table, {"key", "title", "now_prompt", "want_prompt", "brainstorm_prompt", "aspects", "example"},
                 f"attribute {n}")
        where = f"attribute '{text_field(table, 'title', f'attribute {n}')}'"
        aspects = []
        for a, aspect in enumerate(_list(table.get("aspects"), f"{where} aspects"), 1):
            aspect = _table(aspect, f"{where}, aspect {a}")
            refuse_unknown(aspect, {"name", "text"}, f"{where}, aspect {a}")
            aspects.append(Aspect(text_field(aspect, "name", f"{where}, aspect {a}"),
                                  text_field(aspect, "text", f"{where}, aspect {a}")))
        attributes.append(Attribute(
            _key(table, where), text_field(table, "title", where), text_field(table, "now_prompt", where),
            text_field(table, "want_prompt", where), text_field(table, "brainstorm_prompt", where), tuple(aspects),
            text_field(table, "example", where, required=False)))
    _unique([a.key for a in attributes], "attribute key")
    return tuple(attributes)


def _initiatives(raw: object, attribute_keys: set[str]) -> tuple[Initiative, ...]:
    initiatives = []
    for n, item in enumerate(_list(raw, "[[initiatives]]"), 1):
        table = _table(item, f"initiative {n}")
        refuse_unknown(table, {"number", "attribute", "title", "short", "impact", "ease", "actions"}, f"initiative {n}")
        number = int(_number(table, "number", f"initiative {n}", 1, 999, integer=True))
        where = f"initiative {number}"
        attribute = text_field(table, "attribute", where)
        if attribute not in attribute_keys:
            raise ValueError(f"{where}: attribute '{attribute}' is not one of the template's attributes "
                             f"({', '.join(sorted(attribute_keys))})")
        impact = _number(table, "impact", where, RATING_MIN, RATING_MAX, required=False)
        ease = _number(table, "ease", where, RATING_MIN, RATING_MAX, required=False)
        if (impact is None) != (ease is None):
            raise ValueError(f"{where}: an illustrative position needs both 'impact' and 'ease'")
        actions = []
        for a, action in enumerate(_list(table.get("actions"), f"{where} actions"), 1):
            action = _table(action, f"{where}, action {a}")
            refuse_unknown(action, {"text", "partnership"}, f"{where}, action {a}")
            partnership = action.get("partnership", False)
            if not isinstance(partnership, bool):
                raise ValueError(f"{where}, action {a}: 'partnership' must be true or false")
            actions.append(ExampleAction(f"{number}.{a}", text_field(action, "text", f"{where}, action {a}"), partnership))
        initiatives.append(Initiative(number, attribute, text_field(table, "title", where), text_field(table, "short", where),
                                      tuple(actions), impact, ease))
    _unique([str(i.number) for i in initiatives], "initiative number")
    return tuple(initiatives)


@dataclass(frozen=True)
class TemplateGuide:
    """What a template says beyond the worksheets (kept out of ``FocusTemplate``, which is the
    model's): the guide's steps for using the tool, and the roles that are types of provider whose
    need the district records (none: the template doesn't ask about it)."""

    steps: tuple[str, ...] = ()
    provider_roles: tuple[str, ...] = ()


def _guide(data: dict, role_keys: list[str]) -> TemplateGuide:
    steps = _list(data.get("steps"), "steps", required=False)
    if not all(isinstance(x, str) and x.strip() for x in steps):
        raise ValueError("steps must be a list of sentences")
    providers = _list(data.get("provider_roles"), "provider_roles", required=False)
    for key in providers:
        if key not in role_keys:
            raise ValueError(f"provider_roles: '{key}' is not one of the template's roles ({', '.join(role_keys)})")
    _unique(list(providers), "provider role")
    return TemplateGuide(tuple(" ".join(x.split()) for x in steps), tuple(providers))


def _template(data: dict) -> FocusTemplate:
    refuse_unknown(data, _TOP, "the template")
    key = _key(data, "the template")
    parts, extras = _parts(data.get("parts"))
    subject, body = _invitation(data.get("invitation"))
    attributes = _attributes(data.get("attributes"))
    subgroups = _list(data.get("subgroup_names"), "subgroup_names", required=False)
    if not all(isinstance(s, str) and s.strip() for s in subgroups):
        raise ValueError("subgroup_names must be a list of names")
    roles = _roles(data.get("roles"))
    _guide(data, [r.key for r in roles])  # a bad step or provider role is refused on load, not on print
    proposals = extras["proposals"]
    example = None
    if proposals.get("example_idea"):
        example = Proposal(text_field(proposals, "example_idea", "[parts.proposals]"),
                           text_field(proposals, "example_owner", "[parts.proposals]", required=False),
                           text_field(proposals, "example_deadline", "[parts.proposals]", required=False))
    return FocusTemplate(
        key=key, title=text_field(data, "title", "the template"), source=text_field(data, "source", "the template"),
        audience=text_field(data, "audience", "the template"), purpose=text_field(data, "purpose", "the template"),
        booked_minutes=int(_number(data, "booked_minutes", "the template", 15, 960, integer=True)),
        scheduling=text_field(data, "scheduling", "the template"),
        reminder=text_field(data, "reminder", "the template", required=False),
        invitation_subject=subject, invitation_body=body, parts=parts, roles=roles,
        context_tables=_context_tables(data.get("context_tables")), agenda=_agenda(data.get("agenda")),
        attributes=attributes, initiatives=_initiatives(data.get("initiatives"), {a.key for a in attributes}),
        subgroup_names=tuple(s.strip() for s in subgroups),
        intention=text_field(extras["intention"], "text", "[parts.intention]"),
        framework_source=text_field(extras["framework"], "source", "[parts.framework]", required=False),
        partnership_legend=text_field(extras["initiatives"], "legend", "[parts.initiatives]", required=False),
        proposal_rows=int(_number(proposals, "rows", "[parts.proposals]", 1, 30, integer=True)),
        proposal_example=example,
    )


@functools.lru_cache(maxsize=64)
def _parsed(text: str) -> tuple[FocusTemplate, TemplateGuide] | None:
    """A template's text read once, by its text alone: the same text comes under many names (the
    shipped file's, and "the template of session '...'" for every session planned with it), and
    the name only matters to a refusal's message. The template and its guide come from one read of
    the TOML. None when the text is refused (the caller reads it again to say why, naming it)."""
    def build(data: dict) -> tuple[FocusTemplate, TemplateGuide]:
        template = _template(data)
        return template, _guide(data, [r.key for r in template.roles])

    try:
        return parse_definition(text, "", "template", build, TemplateError)
    except TemplateError:
        return None


def parse_template(text: str, name: str) -> FocusTemplate:
    """Read one definition; ``name`` (a file name) starts every error message.

    Cached by the text (``_parsed``): a session keeps its template's text and every edit of it
    reads the template again; the result is frozen, so sharing it is safe.
    """
    parsed = _parsed(text)
    if parsed is None:  # refused: read again to raise the refusal with this name
        return parse_definition(text, name, "template", _template, TemplateError)
    return parsed[0]


def parse_guide(text: str, name: str) -> TemplateGuide:
    """The steps and provider roles of a template's text (checked as ``parse_template`` checks the rest)."""
    parsed = _parsed(text)
    if parsed is None:
        return parse_definition(text, name, "template", lambda data: _guide(data, [r.key for r in _template(data).roles]),
                                TemplateError)
    return parsed[1]


def guide_for(key: str, text: str, name: str = "the session's template") -> TemplateGuide:
    """A session's guide: from the template text it keeps, or, when that text predates the steps
    and provider roles (a session planned with an older release), from the shipped template of the
    same key: they are instructions, not something the session recorded."""
    guide = parse_guide(text, name)
    if guide.steps or guide.provider_roles:
        return guide
    shipped = next((text for t, text in built_in_templates() if t.key == key), None)
    return guide if shipped is None else parse_guide(shipped, key)


def read_template_file(path: str | Path) -> tuple[FocusTemplate, str]:
    """One template file, checked, with its text (a session keeps the text it was planned with)."""
    text = read_definition_text(path, "template", TemplateError)
    return parse_template(text, Path(path).name), text


def templates_dir() -> Path:
    return resources_root() / "focus_groups"


def built_in_templates() -> tuple[tuple[FocusTemplate, str], ...]:
    """Every shipped template with its text, checked; a broken one stops with its file name."""
    return _read_folder(templates_dir())


def _read_folder(folder: Path) -> tuple[tuple[FocusTemplate, str], ...]:
    # Read and checked once for as long as the files stay as they are: a file added, removed or
    # edited (its time or size changed) is read again, without restarting the program.
    paths = sorted(folder.glob(f"*{TEMPLATE_SUFFIX}"))
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
            stamps.append((path.name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((path.name, None, None))  # reading it says what is wrong
    return _read_files(folder, tuple(stamps))


@functools.lru_cache(maxsize=4)
def _read_files(folder: Path, stamps: tuple[tuple[str, int | None, int | None], ...]) -> tuple[tuple[FocusTemplate, str], ...]:
    found = [read_template_file(folder / name) for name, _, _ in stamps]
    keys = [t.key for t, _ in found]
    duplicate = next((k for k in keys if keys.count(k) > 1), None)
    if duplicate:
        raise TemplateError(f"Two focus-group template files use the key '{duplicate}'.")
    return tuple(found)


def get_template(key: str) -> tuple[FocusTemplate, str]:
    """A shipped template and its text, by key."""
    templates = built_in_templates()
    for template, text in templates:
        if template.key == key:
            return template, text
    raise InvalidInput(f"There is no focus-group template '{key}'. Choose one of: "
                       f"{', '.join(t.key for t, _ in templates)}.")
