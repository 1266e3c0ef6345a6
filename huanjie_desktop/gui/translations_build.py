"""`make translations`: update ``resources/i18n/huanjie_en.ts`` from the GUI sources and build
``huanjie_en.qm``.

    python -m huanjie_desktop.gui.translations_build [--check] [--release]

The source strings are Chinese (``self.tr("选举概况")``); English is the translation, written
in the ``.ts`` file (Qt Linguist opens it). lupdate keeps the translations already there and
adds new strings as unfinished; ``--check`` fails when a string has no English yet.
``--release`` only builds the ``.qm`` from the ``.ts`` as it is (``make dist``: a build does
not change the sources).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from huanjie_desktop.paths import resources_dir

GUI_DIR = Path(__file__).resolve().parent


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: beside this Python first, then on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e '.[dev]')")
    return found


def sources() -> list[Path]:
    return sorted(p for p in GUI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def unfinished(ts: Path) -> list[str]:
    """Source texts that have no English translation yet."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        tr = message.find("translation")
        if tr is not None and tr.get("type") in ("vanished", "obsolete"):
            continue  # no longer in the code
        if tr is None or tr.get("type") == "unfinished" or not tr.text:
            missing.append(source)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="translations_build")
    parser.add_argument("--check", action="store_true", help="fail if a string is untranslated")
    parser.add_argument(
        "--release", action="store_true", help="only build the .qm from the .ts (no lupdate)"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    folder = resources_dir() / "i18n"
    folder.mkdir(parents=True, exist_ok=True)
    ts = folder / "huanjie_en.ts"
    qm = folder / "huanjie_en.qm"
    if args.release:
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
        print(qm)
        return 0
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *[str(p) for p in sources()],
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "zh_CN",
            "-target-language",
            "en_GB",
            "-ts",
            str(ts),
        ],
        check=True,
    )
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
    missing = unfinished(ts)
    if missing:
        print(f"{len(missing)} string(s) without English:", file=sys.stderr)
        for text in missing[:40]:
            print(f"  {text}", file=sys.stderr)
        if args.check:
            return 1
    print(qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
