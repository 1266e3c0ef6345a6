"""Shared CLI plumbing: language, JSON output, exit codes, messages.

Exit codes: 0 done, 1 input refused, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Any, NoReturn

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class Ctx:
    """What every command gets: the parsed args, the language and the operator's name."""

    args: argparse.Namespace
    lang: str
    operator: str

    def t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def out(self, text: str) -> None:
        print(text)

    def err(self, text: str) -> None:
        print(text, file=sys.stderr)

    def json(self, data: Any) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2))


class Refused(Exception):
    """Input refused: the command prints the message(s) and exits 1."""

    def __init__(self, *messages: str) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def refuse(*messages: str) -> NoReturn:
    raise Refused(*messages)
