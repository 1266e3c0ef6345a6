"""PyInstaller entry point of the desktop app."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A worker process of the scanner's pool starts this same program: let it run its job.
    multiprocessing.freeze_support()

    if sys.stdout is None or sys.stderr is None:  # windowed Windows build: no console
        from huanjie_desktop.paths import open_log

        log = open_log("huanjie-desktop.log")
        sys.stdout = sys.stdout or log
        sys.stderr = sys.stderr or log

    from huanjie_desktop.paths import add_bundled_tools_to_path, restore_system_library_path

    restore_system_library_path()  # system programs we run get the system's libraries
    add_bundled_tools_to_path()  # the bundle's own poppler (Windows), before anything runs it

    from huanjie_desktop.gui.main import main

    sys.exit(main())
