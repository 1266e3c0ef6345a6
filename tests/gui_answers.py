"""Answers given to the desktop app's yes/no questions in tests, in the order asked."""

from __future__ import annotations

import pytest

from huanjie_desktop.gui import dialogs


def scripted_confirm(monkeypatch: pytest.MonkeyPatch, answers: list[bool]) -> list[str]:
    """Answer ``dialogs.confirm`` with ``answers`` one by one; returns the questions asked."""
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "confirm", answer)
    return asked
