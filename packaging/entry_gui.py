"""PyInstaller entry point of the desktop app."""

import sys

from huanjie_desktop.gui.main import main

sys.exit(main())
