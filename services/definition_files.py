"""Shared checks for the TOML definition files (readiness instruments, focus-group templates).

Both are data a district may write or edit by hand, so both refuse a bad file the same way: a
message that names the file and the field, never a traceback; and neither reads a file that is not
an ordinary file or is far bigger than a definition (``input_limits``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from services.input_limits import check_definition_size, regular_file_size

T = TypeVar("T")


def read_definition_text(path: str | Path, kind: str, error: type[Exception]) -> str:
    """The file's text (UTF-8, with or without BOM); ``error`` names the file if it can't be read."""
    path = Path(path)
    try:
        # an ordinary file of a definition's size, seen before it is opened (a pipe would wait)
        check_definition_size(path.name, regular_file_size(path, error), kind, error)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path.name}: the file does not exist") from None
    except OSError as exc:
        raise error(f"{path.name}: can't be read ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{path.name} is not a text (UTF-8) {kind} file") from None


def text_field(table: dict, name: str, where: str, required: bool = True) -> str:
    value = table.get(name, "")
    if not isinstance(value, str):
        raise ValueError(f"{where}: '{name}' must be text")
    value = value.strip()
    if required and not value:
        raise ValueError(f"{where} has no '{name}'")
    return value


def refuse_unknown(table: dict, allowed: set[str], where: str) -> None:
    """A misspelt field is refused rather than silently ignored."""
    extra = sorted(set(table) - allowed)
    if extra:
        raise ValueError(f"{where}: unknown field '{extra[0]}' (allowed: {', '.join(sorted(allowed))})")


def parse_definition(text: str, name: str, kind: str, build: Callable[[dict], T], error: type[Exception]) -> T:
    """TOML text to a checked definition; ``name`` (a file name) starts every error message."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{name} is not a valid {kind} file: {exc}") from None
    try:
        return build(data)
    except ValueError as exc:
        raise error(f"{name}: {exc}") from None
