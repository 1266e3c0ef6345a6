"""The user documentation cannot rot: every message the troubleshooting pages quote is still
given by the code, word for word, and every picture and link in the guides exists.

Messages are quoted in the first column of the troubleshooting tables, in backticks, with
``…`` where the app puts a name, a number or a path. Each piece between the ``…`` must occur
in a string of the program: a Python string literal (an f-string's fixed parts), or for the
English interface a translation in ``resources/i18n/huanjie_en.ts``.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GUIDES = ["guide.zh.md", "guide.en.md"]
TROUBLESHOOTING = ["troubleshooting.zh.md", "troubleshooting.en.md"]
HOLE = "\x00"  # where an f-string puts a value
MIN_QUOTES = 80  # each troubleshooting page quotes at least this many messages


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else HOLE
            for v in node.values
        )
    return None


@cache
def program_strings() -> tuple[str, ...]:
    """Every string literal of the program and every English translation of the interface."""
    out: list[str] = []
    for path in sorted((ROOT / "huanjie_desktop").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            text = _literal(node)
            if text:
                out.append(text)
    ts = ROOT / "resources" / "i18n" / "huanjie_en.ts"
    for message in ET.parse(ts).getroot().iter("message"):
        for tag in ("source", "translation"):
            text = message.findtext(tag)
            if text:
                out.append(text)
    return tuple(out)


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row (``\\|`` is a pipe inside a cell)."""
    inner = row.strip().strip("|")
    return [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", inner)]


def quoted_messages(doc: Path) -> list[str]:
    """The messages quoted in the first column of the tables of ``doc``."""
    found: list[str] = []
    for line in doc.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        found += re.findall(r"`([^`]+)`", _cells(line)[0])
    return found


def missing_pieces(message: str) -> list[str]:
    """The pieces of ``message`` (split at ``…``) that no program string contains."""
    strings = program_strings()
    pieces = [p.strip() for p in message.split("…")]
    return [p for p in pieces if len(p) >= 2 and not any(p in s for s in strings)]


@pytest.mark.parametrize("name", TROUBLESHOOTING)
def test_troubleshooting_quotes_what_the_program_says(name: str) -> None:
    doc = DOCS / name
    messages = quoted_messages(doc)
    assert len(messages) >= MIN_QUOTES, f"{name} quotes only {len(messages)} messages"
    stale = {m: missing_pieces(m) for m in messages}
    stale = {m: pieces for m, pieces in stale.items() if pieces}
    assert not stale, (
        f"{name} quotes messages the program no longer gives (update the page):\n"
        + "\n".join(f"  {m}\n    not found: {pieces}" for m, pieces in stale.items())
    )


def test_the_check_finds_a_message_that_is_not_there() -> None:
    assert missing_pieces("找不到选举文件 …。请检查路径，或用 huanjie init 新建。") == []
    assert missing_pieces("找不到选举文件 …已经被外星人偷走") == ["已经被外星人偷走"]


def _links(doc: Path) -> list[str]:
    text = doc.read_text(encoding="utf-8")
    return re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text)


@pytest.mark.parametrize("name", GUIDES + TROUBLESHOOTING)
def test_every_picture_and_link_exists(name: str) -> None:
    doc = DOCS / name
    targets = [t for t in _links(doc) if not re.match(r"[a-z]+:", t)]
    missing = [t for t in targets if not (doc.parent / t.split("#")[0]).exists()]
    assert not missing, f"{name} refers to files that do not exist: {missing}"


@pytest.mark.parametrize("name", GUIDES)
def test_guides_show_screenshots(name: str) -> None:
    pictures = [t for t in _links(DOCS / name) if t.endswith(".png")]
    assert len(pictures) >= 8, f"{name} shows only {len(pictures)} screenshots"
    assert all(t.startswith("screenshots/") for t in pictures)


def test_readme_points_to_the_guides_and_packaging_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in [*(f"docs/{n}" for n in GUIDES + TROUBLESHOOTING), "packaging/windows.md"]:
        assert f"({target})" in readme, f"README.md does not link {target}"
        assert (ROOT / target).exists()
