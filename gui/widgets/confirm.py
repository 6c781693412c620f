"""Asking before an edit that takes other things with it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from gui.dialog_lifetime import run_modal
from services.app_info import APP_NAME


def confirm_removal(parent: QWidget, question: str, goes_with_it: list[str], button_text: str = "&Remove") -> bool:
    """``question`` ("Remove Maria Lopez from the team?") and, when other things depend on the record,
    what happens to them (each a sentence). Nothing depends on it: no question, True at once (the
    removal can be undone like any edit). Cancel is the default, so Enter never removes by accident."""
    if not goes_with_it:
        return True
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, question, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmRemoval")
    box.setInformativeText("\n".join(f"\u2022 {line}" for line in goes_with_it) + "\n\nEdit > Undo brings it all back.")
    remove = box.addButton(button_text, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    run_modal(box)
    return box.clickedButton() is remove


def confirm_removing(parent: QWidget, goes: list[tuple[str, list[str]]], where: str, these: str) -> bool:
    """The same for one record or several selected at once: ``goes`` holds each one's title and what
    goes with it. One reads "Remove “Title” ``where``?"; several "Remove these 3 ``these``?", with
    each one's sentences after its title."""
    if len(goes) == 1:
        title, sentences = goes[0]
        return confirm_removal(parent, f"Remove \u201c{title}\u201d {where}?", sentences)
    sentences = [f"\u201c{title}\u201d: " + " ".join(lines) for title, lines in goes if lines]
    return confirm_removal(parent, f"Remove these {len(goes)} {these}?", sentences)
