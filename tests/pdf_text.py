"""Read a PDF's text the way a test would check a printout (pypdf, no system tools)."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: str | Path) -> str:
    """All pages' text with runs of whitespace (including line breaks) made one space, so a
    phrase that wraps inside a table cell still reads as the phrase."""
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def page_count(path: str | Path) -> int:
    return len(PdfReader(str(path)).pages)


def page_size_points(path: str | Path) -> tuple[float, float]:
    box = PdfReader(str(path)).pages[0].mediabox
    return float(box.width), float(box.height)
