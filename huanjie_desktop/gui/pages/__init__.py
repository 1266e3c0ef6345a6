"""The screens of the main window and the list of modules that register them.

Each module in ``PAGE_MODULES`` has ``register(pages: PageRegistry)`` (see ``pages.base``).
A module that is not in this checkout yet is skipped, so the counting-room pages (issue 7)
appear as soon as their modules land; add a line here for a module with another name.
"""

from __future__ import annotations

import importlib

from huanjie_desktop.gui.pages.base import PageRegistry

PAGE_MODULES = [
    # preparing the election (选举准备)
    "huanjie_desktop.gui.pages.overview",
    "huanjie_desktop.gui.pages.units",
    "huanjie_desktop.gui.pages.roster",
    "huanjie_desktop.gui.pages.contests",
    "huanjie_desktop.gui.pages.checkin",
    "huanjie_desktop.gui.pages.ballots",
    # the counting room (计票), issue 7
    "huanjie_desktop.gui.pages.scan",
    "huanjie_desktop.gui.pages.review",
    "huanjie_desktop.gui.pages.reconcile",
    "huanjie_desktop.gui.pages.results",
    "huanjie_desktop.gui.pages.papers",
    # records (记录)
    "huanjie_desktop.gui.pages.audit",
]


def load_pages(registry: PageRegistry, modules: list[str] | None = None) -> PageRegistry:
    """Import each page module and let it register its pages."""
    for name in PAGE_MODULES if modules is None else modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # not built yet in this checkout
            raise
        module.register(registry)
    return registry
