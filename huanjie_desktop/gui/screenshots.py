"""`make screenshots`: every screen of the demo election at 1366×768 and 1920×1080.

    QT_QPA_PLATFORM=offscreen python -m huanjie_desktop.gui.screenshots docs/screenshots

Builds the demo elections into a temporary folder (or uses ``--demo DIR``), opens every page
and saves ``<section>-<page>-<width>.png`` (e.g. ``prep-overview-1366.png``), plus the
start screen and the import-problems dialog.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SIZES = ((1366, 768), (1920, 1080))
DEMO_VOTERS = 40


def _wait(app: object, until: Callable[[], bool], timeout: float = 60.0) -> bool:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if until():
            return True
        time.sleep(0.01)
    return False


def _dialogs(app: object, window: object, out: Path, suffix: str, tmp: Path) -> list[Path]:
    """The person editor and the all-problems-at-once dialog of a workbook with mistakes."""
    from huanjie_desktop.app.demo import district_definition
    from huanjie_desktop.app.election import init_election
    from huanjie_desktop.domain.definition import DefinitionRefused
    from huanjie_desktop.gui.app_window import MainWindow
    from huanjie_desktop.gui.operator_dialog import OperatorDialog
    from huanjie_desktop.gui.pages.roster import RosterPage
    from huanjie_desktop.reports.workbook import write_template

    assert isinstance(window, MainWindow)
    written = []
    who = OperatorDialog(window.ctx.settings, "", window)
    who.show()
    _wait(app, lambda: False, 0.2)
    path = out / f"dialog-operator{suffix}.png"
    who.grab().save(str(path))
    written.append(path)
    who.reject()
    window.resize(1366, 768)
    roster = window.show_page("prep.roster")
    assert isinstance(roster, RosterPage)
    roster.view.selectRow(2)
    editor = roster.edit_selected()
    if editor is not None:
        editor.edits["id_number"].setText(editor.edits["id_number"].text()[:-1] + "0")
        _wait(app, lambda: False, 0.2)
        path = out / f"dialog-person{suffix}.png"
        editor.grab().save(str(path))
        written.append(path)
        editor.reject()
    written += _hand_entry(app, window, out, suffix)
    data = district_definition()
    data["people"][3]["id_number"] = "43021119800101123X"
    data["people"][7]["unit"] = "U99"
    data["people"][9]["gender"] = "M"
    data["contests"][1]["candidates"] = data["contests"][1]["candidates"][:5]
    book = tmp / "with-mistakes.xlsx"
    write_template(book, data)
    try:
        init_election(tmp / "never.huanjie", book, "演示操作员")
    except DefinitionRefused as exc:
        dialog = window.show_definition_problems(exc.problems)
        _wait(app, lambda: False, 0.2)
        path = out / f"dialog-problems{suffix}.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.close()
    return written


def _hand_entry(app: object, window: object, out: Path, suffix: str) -> list[Path]:
    """The hand-entry dialog of the first contest's latest round, a ballot half entered."""
    from huanjie_desktop.gui.app_window import MainWindow
    from huanjie_desktop.gui.hand_entry import HandEntryDialog
    from huanjie_desktop.storage import repo

    assert isinstance(window, MainWindow)
    db = window.ctx.db
    contests = repo.read_contests(db)
    rounds = repo.read_rounds(db, contests[0].code) if contests else []
    if not rounds:
        return []
    dialog = HandEntryDialog(window.ctx, rounds[-1].contest, rounds[-1].number, window)
    dialog.by_label.setChecked(True)
    dialog.label.setText("A-017")
    for row, mark in enumerate(("agree", "agree", "disagree")[: len(dialog.candidates)]):
        dialog.set_mark(row, mark)
    dialog.show()
    _wait(app, lambda: False, 0.3)
    path = out / f"dialog-hand-entry{suffix}.png"
    dialog.grab().save(str(path))
    dialog.reject()
    return [path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="huanjie-screenshots")
    parser.add_argument("out", nargs="?", default="docs/screenshots")
    parser.add_argument("--demo", help="folder holding (or to hold) the demo elections")
    parser.add_argument("--lang", default="zh", choices=["zh", "en", "pseudo"])
    parser.add_argument("--only", help="comma-separated page keys to shoot")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from huanjie_desktop.app.demo import run_demo
    from huanjie_desktop.gui.app_window import MainWindow
    from huanjie_desktop.gui.fonts import install_app_font
    from huanjie_desktop.gui.i18n import install_translators
    from huanjie_desktop.gui.pages import load_pages
    from huanjie_desktop.gui.pages.base import PageRegistry
    from huanjie_desktop.gui.session import AppContext
    from huanjie_desktop.gui.worker import Worker
    from huanjie_desktop.storage.db import open_election_file

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.TemporaryDirectory(prefix="huanjie-shots-")
    demo = Path(args.demo) if args.demo else Path(tmp.name) / "demo"
    made = Path("demo-out")  # what `make run` built: copied, never changed
    if not args.demo and (made / "district.huanjie").exists():
        for name in ("district.huanjie", "assembly.huanjie"):
            if (made / name).exists():
                with open_election_file(made / name, "screenshots", migrate=False) as db:
                    db.backup_to(demo / name)
    if not (demo / "district.huanjie").exists():
        print(f"building the demo elections in {demo} …", file=sys.stderr)
        try:
            # a few dozen counted sheets are enough for pictures, and much quicker
            run_demo(
                demo,
                "演示操作员",
                progress=lambda m: print(m, file=sys.stderr),
                voters_limit=DEMO_VOTERS,
            )
        except Exception as exc:  # the counting part of the demo may fail: shoot what exists
            print(f"the demo was not built completely: {exc}", file=sys.stderr)
            if not (demo / "district.huanjie").exists():
                return 1

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    translators = install_translators(app, args.lang)
    install_app_font(app)
    settings = QSettings(str(Path(tmp.name) / "settings.ini"), QSettings.Format.IniFormat)
    worker = Worker()
    ctx = AppContext(worker, settings, args.lang, "演示操作员")
    registry = load_pages(PageRegistry())
    window = MainWindow(ctx, registry)
    suffix = "" if args.lang == "zh" else f"-{args.lang}"
    written: list[Path] = []

    def shoot(name: str) -> None:
        _wait(app, lambda: not worker.busy, 120)
        for _ in range(5):
            app.processEvents()
            time.sleep(0.02)
        path = out / f"{name}-{window.width()}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)

    try:
        for w, h in SIZES:
            window.resize(w, h)
            window.show()
            ctx.remember_recent(demo / "district.huanjie")
            ctx.remember_recent(demo / "assembly.huanjie")
            window.welcome.refresh()
            shoot("welcome")
        window.open_file(demo / "district.huanjie")
        if not _wait(app, lambda: ctx.session is not None, 60):
            print("could not open the demo election", file=sys.stderr)
            return 1
        only = set(args.only.split(",")) if args.only else None
        for spec in registry.specs():
            if only is not None and spec.key not in only:
                continue
            for w, h in SIZES:
                window.resize(w, h)
                page = window.show_page(spec.key)
                prepare = getattr(page, "prepare_screenshot", None)
                if callable(prepare):
                    prepare()
                shoot(spec.key.replace(".", "-"))
                variants = getattr(page, "screenshot_variants", None)
                for name, setup in variants() if callable(variants) else []:
                    setup()
                    if name:  # "" only puts the page back as it was
                        shoot(f"{spec.key.replace('.', '-')}-{name}")
        if only is None:
            written.extend(_dialogs(app, window, out, suffix, Path(tmp.name)))
    finally:
        window.close()
        worker.shutdown()
        del translators
        tmp.cleanup()
    for p in written:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
