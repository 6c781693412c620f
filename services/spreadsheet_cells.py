"""Text for a spreadsheet cell that a spreadsheet shows instead of running.

Excel, LibreOffice and Google Sheets treat a cell whose text starts with ``=``, ``+``, ``-`` or
``@`` as a formula, in a CSV as well as in an .xlsx (openpyxl itself stores such text as a
formula). Group names, item labels and action titles come from survey files and from people
typing, so a title like ``=HYPERLINK("http://x", "Click")`` would become a live link, or worse, on
the computer of whoever opens the export. OWASP's rule for "CSV injection" is to put a single
quote in front of any cell that starts with one of those characters, or with a tab or carriage
return (which some spreadsheets skip before looking for the ``=``); the quote tells the
spreadsheet "this is text".

Only text is changed. Numbers, dates and booleans are passed through, so a negative mean stays a
number; a writer whose numbers are already strings (the ``survey report`` CSV) applies this to its
text columns only.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
