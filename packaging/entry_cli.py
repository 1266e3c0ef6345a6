"""PyInstaller entry point of the command line."""

import sys

from huanjie_desktop.cli.main import main

sys.exit(main())
