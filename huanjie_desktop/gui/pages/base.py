"""The page registry: how a screen joins the main window's navigation.

A page module defines a :class:`Page` subclass and a ``register(pages: PageRegistry)``
function that adds a :class:`PageSpec`; ``gui.pages.PAGE_MODULES`` lists the modules the
composition root loads (a module that is not installed yet is skipped). The window builds the
navigation from the registry: sections in ``SECTIONS`` order, pages by ``order`` inside them.

Example (a counting-room page in ``gui/pages/scan.py``)::

    class ScanPage(Page):
        topics = frozenset({COUNT})
        def __init__(self, ctx: AppContext) -> None:
            super().__init__(ctx)
            ...
        def refresh(self) -> None:
            ...  # read through self.ctx.db (GUI-thread connection), write via self.ctx.run

    def register(pages: PageRegistry) -> None:
        pages.add(PageSpec("count.scan", "count", lambda: QCoreApplication.translate(
            "pages", "扫描选票"), ScanPage, order=10))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QWidget

from huanjie_desktop.domain.model import Contest
from huanjie_desktop.gui.session import AppContext


def _section_titles() -> dict[str, str]:
    return {
        "prep": QCoreApplication.translate("pages", "选举准备"),
        "count": QCoreApplication.translate("pages", "计票"),
        "records": QCoreApplication.translate("pages", "记录"),
    }


SECTIONS = ("prep", "count", "records")


def section_title(section: str) -> str:
    return _section_titles().get(section, section)


class Page(QWidget):
    """One screen. Reads through ``ctx.db``; writes through ``ctx.run`` (the worker).

    ``topics``: the kinds of data it shows (``session.PEOPLE``…); when a job changes one of
    them the page refreshes now if it is visible, or the next time it is shown.
    """

    topics: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = True
        ctx.data_changed.connect(self._on_data_changed)
        ctx.file_changed.connect(self._on_file_changed)

    def refresh(self) -> None:
        """Reload what the page shows from ``self.ctx.db``. Called on the GUI thread."""

    def unsaved(self) -> str | None:
        """What the page holds that is not saved yet (said before it is left), or None."""
        return None

    def may_leave(self) -> bool:
        """True when nothing is unsaved, or the person chose to drop it."""
        what = self.unsaved()
        if what is None:
            return True
        from huanjie_desktop.gui import dialogs

        drop = dialogs.confirm(
            self,
            QCoreApplication.translate("pages", "修改还没有保存"),
            QCoreApplication.translate("pages", "{what}还没有保存。放弃这些修改？").format(
                what=what
            ),
        )
        if drop:
            self._dirty = True  # shown again, it shows what is stored
        return drop

    def refresh_if_needed(self) -> None:
        if self._dirty and self.ctx.session is not None:
            self._dirty = False
            self.refresh()

    def mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh_if_needed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_if_needed()

    def _on_data_changed(self, topics: object) -> None:
        if isinstance(topics, frozenset) and topics & self.topics:
            self.mark_dirty()

    def _on_file_changed(self) -> None:
        self.mark_dirty()


def fill_contests(
    combo: QComboBox, contests: Iterable[Contest], first: tuple[str, str] | None = None
) -> None:
    """Refill a contest chooser (``title（code）``, data: the code) without signalling,
    keeping the contest chosen before when it is still there; ``first``: an extra
    (label, data) entry on top, such as "all contests"."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if first is not None:
        combo.addItem(*first)
    for c in contests:
        combo.addItem(f"{c.title}（{c.code}）", c.code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def chosen_code(combo: QComboBox) -> str | None:
    """The code chosen in a contest chooser, or None."""
    code = combo.currentData()
    return str(code) if code else None


def keep_round(combo: QComboBox, keep: object, before: int) -> None:
    """After refilling a round chooser that held ``before`` rounds: the round that was chosen
    stays chosen — unless a round was opened since (the list grew), or it is gone: then the
    newest. (A certified round left on screen after the next one opened invited printing,
    scanning and reconciling the wrong round.)"""
    index = combo.findData(keep)
    if index < 0 or combo.count() > before > 0:
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def chosen_round(combo: QComboBox) -> int | None:
    """The round number chosen in a round chooser, or None."""
    n = combo.currentData()
    return int(n) if n else None


PageFactory = Callable[[AppContext], Page]


@dataclass(frozen=True)
class PageSpec:
    """A page the window offers.

    key: stable id ("prep.overview", "count.scan"); section: "prep" | "count" | "records"
    (or a new one, listed after them); title: returns the translated title (call
    ``QCoreApplication.translate("pages", "…")`` inside so lupdate finds the text);
    factory: builds the page the first time it is shown; order: position in its section.
    """

    key: str
    section: str
    title: Callable[[], str]
    factory: PageFactory
    order: int = 100


class PageRegistry:
    """The pages of the main window, filled by each page module's ``register`` function."""

    def __init__(self) -> None:
        self._specs: dict[str, PageSpec] = {}

    def add(self, spec: PageSpec) -> None:
        if spec.key in self._specs:
            raise ValueError(f"page {spec.key!r} is registered twice")
        self._specs[spec.key] = spec

    def get(self, key: str) -> PageSpec | None:
        return self._specs.get(key)

    def specs(self) -> list[PageSpec]:
        """In navigation order: by section (SECTIONS first), then ``order``, then key."""

        def rank(s: PageSpec) -> tuple[int, str, int, str]:
            known = SECTIONS.index(s.section) if s.section in SECTIONS else len(SECTIONS)
            return (known, s.section, s.order, s.key)

        return sorted(self._specs.values(), key=rank)

    def __contains__(self, key: object) -> bool:
        return key in self._specs

    def __len__(self) -> int:
        return len(self._specs)
