"""Entry point of the desktop app (`huanjie-desktop`, `python -m huanjie_desktop.gui.main`).

The composition root: it makes the application, the worker, the context and the window, and
passes them down. ``--or-headless-demo DIR`` (used by ``make run``) runs the demo without a
window when the machine has no screen.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from huanjie_desktop.storage.db import ElectionFileError


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="huanjie-desktop", description="换届计票 桌面程序 / huanjie desktop app"
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="选举文件 / election file to open")
    p.add_argument(
        "--lang",
        choices=["zh", "en", "pseudo"],
        default=os.environ.get("HUANJIE_LANG", "zh"),
        help="界面语言 / interface language (pseudo: stretched strings to test layouts)",
    )
    p.add_argument("--operator", help="操作员姓名 / operator's name (else asked at start)")
    p.add_argument(
        "--or-headless-demo",
        metavar="DIR",
        help="without a screen, run the demo in DIR headless instead of opening the window",
    )
    return p


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "operator"


def headless_demo(folder: Path, lang: str, operator: str) -> int:
    """No screen: build the demo (if needed), print each file's status and where it is."""
    from huanjie_desktop.app.demo import run_demo
    from huanjie_desktop.app.election import contest_status
    from huanjie_desktop.storage import repo
    from huanjie_desktop.storage.db import open_election_file

    en = lang == "en"
    print(
        "这台电脑没有可用的屏幕（没有 DISPLAY / WAYLAND_DISPLAY），无法打开窗口。"
        "改为在后台运行演示选举。\n"
        "No screen is available (no DISPLAY or WAYLAND_DISPLAY), so the window cannot open; "
        "running the demo election headless instead."
    )
    if not (folder / "district.huanjie").exists():
        try:
            run_demo(folder, operator, progress=lambda m: print(m, file=sys.stderr))
        except Exception as exc:  # say what failed in words, not a traceback
            print(
                f"演示选举没有生成完整：{exc}\nThe demo election could not be built completely: {exc}",
                file=sys.stderr,
            )
            if not (folder / "district.huanjie").exists():
                return 1
    for path in sorted(folder.glob("*.huanjie")):
        try:
            with open_election_file(path, operator) as db:
                election = repo.read_election(db)
                rows = contest_status(db)
        except ElectionFileError as exc:
            print(exc.message(lang))
            continue
        print()
        print(f"{election.name}  {election.date.isoformat()}  ({path})")
        for r in rows:
            quorum = (
                ("met" if r.quorum_met else "NOT met")
                if en
                else ("已达到" if r.quorum_met else "未达到")
            )
            if en:
                print(
                    f"  {r.code:<6} seats {r.seats:>3}  candidates {r.candidates:>3}"
                    f"  margin {r.margin.difference} ({r.margin.ratio_text})"
                    f"  expected {r.expected:>4}  present {r.present:>4}  quorum {quorum}  {r.title}"
                )
            else:
                print(
                    f"  {r.code:<6} 应选 {r.seats:>3}  候选人 {r.candidates:>3}"
                    f"  差额 {r.margin.difference}（{r.margin.ratio_text}）"
                    f"  应到 {r.expected:>4}  实到 {r.present:>4}  法定人数{quorum}  {r.title}"
                )
    print()
    print(("Files are in: " if en else "文件位置：") + str(folder.resolve()))
    for item in sorted(folder.iterdir()):
        print(f"  {item.name}")
    print(
        "在有屏幕的电脑上运行 make run 即可打开窗口。\n"
        "On a machine with a screen, make run opens the window."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.or_headless_demo and not has_display():
        operator = args.operator or os.environ.get("HUANJIE_OPERATOR") or _login_name()
        return headless_demo(Path(args.or_headless_demo), args.lang, operator)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from huanjie_desktop.gui.app_window import MainWindow
    from huanjie_desktop.gui.fonts import install_app_font
    from huanjie_desktop.gui.i18n import install_translators
    from huanjie_desktop.gui.operator_dialog import ask_operator, known_operators
    from huanjie_desktop.gui.pages import load_pages
    from huanjie_desktop.gui.pages.base import PageRegistry
    from huanjie_desktop.gui.session import AppContext
    from huanjie_desktop.gui.worker import Worker

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setOrganizationName("huanjie")
    app.setApplicationName("huanjie-desktop")
    translators = install_translators(app, args.lang)
    install_app_font(app)
    app.setApplicationDisplayName(app.translate("main", "换届计票"))
    settings = QSettings()
    operator = args.operator or ask_operator(settings, (known_operators(settings) or [""])[0])
    if not operator:
        return 0  # the user cancelled the operator's name: nothing was opened
    worker = Worker()
    ctx = AppContext(worker, settings, args.lang, operator)
    window = MainWindow(ctx, load_pages(PageRegistry()))
    window.show()
    if args.file:
        window.open_file(Path(args.file))
    code = app.exec()
    worker.shutdown()
    del translators
    return code


if __name__ == "__main__":
    sys.exit(main())
