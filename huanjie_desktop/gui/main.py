"""Entry point of the desktop app (`huanjie-desktop`, `python -m huanjie_desktop.gui.main`).

The composition root: it makes the application, the worker, the context and the window, and
passes them down. ``--or-headless-demo DIR`` (used by ``make run``) runs the demo without a
window when the machine has no screen. ``--quit-after-start`` (used by the bundle's smoke
test) opens the window and the file, prints the time to the first window and quits.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from huanjie_desktop.storage.db import ElectionFileError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from huanjie_desktop.gui.app_window import MainWindow
    from huanjie_desktop.gui.worker import Job

_IMPORTED = time.perf_counter()  # fallback start time where the process start is unknown
START_TIMEOUT = 60.0  # seconds --quit-after-start waits for the window and the file


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
    p.add_argument(
        "--quit-after-start",
        action="store_true",
        help="open the window (and FILE), print the time to the first window on stderr, quit",
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


def input_method_fallback(plugins: Path, env: MutableMapping[str, str]) -> str | None:
    """Chinese input on Linux desktops that use fcitx (most Chinese distributions).

    Qt's wheels bring the ibus input plugin but not fcitx's, so QT_IM_MODULE=fcitx would
    leave the app without an input method; fcitx 5 also serves ibus clients, so ask for
    ibus instead. Returns the module now asked for, or None when nothing was changed."""
    wanted = env.get("QT_IM_MODULE", "")
    if not wanted.startswith("fcitx") or env.get("QT_IM_MODULES"):
        return None
    folder = plugins / "platforminputcontexts"
    if folder.is_dir() and any("fcitx" in f.name for f in folder.iterdir()):
        return None
    env["QT_IM_MODULE"] = "ibus"
    return "ibus"


def seconds_since_start() -> float:
    """Seconds since this process started (Linux: from /proc), else since this module loaded."""
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: starttime, in clock ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _IMPORTED


def quit_after_start(app: QApplication, window: MainWindow, job: Job | None) -> int:
    """Process events until the window is shown (and the file is open), say how long it
    took on stderr; 0 when both happened within START_TIMEOUT, else 1 with the reason."""
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + START_TIMEOUT

    def wait(until: Callable[[], bool]) -> bool:
        while not until():
            if time.monotonic() > deadline:
                return False
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.002)
        return True

    def shown() -> bool:
        handle = window.windowHandle()
        return window.isVisible() and handle is not None and handle.isExposed()

    if not wait(shown):
        print(f"the window did not appear within {START_TIMEOUT:.0f} s", file=sys.stderr)
        return 1
    print(f"first window after {seconds_since_start():.2f} s", file=sys.stderr)
    if job is None:
        return 0
    if not wait(lambda: job.done):
        print(f"the file did not open within {START_TIMEOUT:.0f} s", file=sys.stderr)
        return 1
    app.processEvents()
    if window.ctx.session is None:
        box = window.last_message
        why = box.text() if box is not None else "?"
        print(f"the file could not be opened: {why}", file=sys.stderr)
        return 1
    print(
        f"{window.ctx.session.path.name} open after {seconds_since_start():.2f} s",
        file=sys.stderr,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.or_headless_demo and not has_display():
        operator = args.operator or os.environ.get("HUANJIE_OPERATOR") or _login_name()
        return headless_demo(Path(args.or_headless_demo), args.lang, operator)
    if not has_display():
        # (Qt would abort with its own words about platform plugins: said plainly, exit 1)
        print(
            "这台电脑没有可用的屏幕（没有 DISPLAY / WAYLAND_DISPLAY），无法打开窗口。"
            "请在有屏幕的电脑（或远程桌面）上运行；命令行 huanjie 不需要屏幕。\n"
            "No screen is available (no DISPLAY or WAYLAND_DISPLAY), so the window cannot open."
            " Run it on a machine with a screen (or a remote desktop); the command line,"
            " huanjie, needs none.",
            file=sys.stderr,
        )
        return 1

    from PySide6.QtCore import QLibraryInfo, QSettings
    from PySide6.QtWidgets import QApplication

    from huanjie_desktop.gui.app_window import MainWindow
    from huanjie_desktop.gui.fonts import install_app_font
    from huanjie_desktop.gui.i18n import install_translators
    from huanjie_desktop.gui.operator_dialog import ask_operator, known_operators
    from huanjie_desktop.gui.pages import load_pages
    from huanjie_desktop.gui.pages.base import PageRegistry
    from huanjie_desktop.gui.session import AppContext
    from huanjie_desktop.gui.worker import Worker

    if sys.platform.startswith("linux"):
        plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
        input_method_fallback(Path(plugins), os.environ)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setOrganizationName("huanjie")
    app.setApplicationName("huanjie-desktop")
    # Wayland takes the window's icon and name from the menu entry of this name
    # (packaging/huanjie-desktop.desktop, installed by install-linux.sh).
    app.setDesktopFileName("huanjie-desktop")
    translators = install_translators(app, args.lang)
    install_app_font(app)
    app.setApplicationDisplayName(app.translate("main", "换届计票"))
    settings = QSettings()
    if args.quit_after_start:  # unattended: no question about the operator's name
        operator = args.operator or os.environ.get("HUANJIE_OPERATOR") or _login_name()
    else:
        operator = args.operator or ask_operator(settings, (known_operators(settings) or [""])[0])
    if not operator:
        return 0  # the user cancelled the operator's name: nothing was opened
    worker = Worker()
    ctx = AppContext(worker, settings, args.lang, operator)
    window = MainWindow(ctx, load_pages(PageRegistry()))
    window.show()
    job = window.open_file(Path(args.file)) if args.file else None
    if args.quit_after_start:
        code = quit_after_start(app, window, job)
        window.close()
    else:
        code = app.exec()
    worker.shutdown()
    del translators
    return code


if __name__ == "__main__":
    sys.exit(main())
