"""Election files for the ballot tests: contests of 3 to 60 names in both styles."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from huanjie_desktop.app.election import create_from_definition, validate_source
from huanjie_desktop.storage.db import ElectionDB, utc_now

DPI = 200
PX_PER_MM = DPI / 25.4

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = [
    "建国",
    "丽",
    "明华",
    "军",
    "秀英",
    "伟",
    "芳",
    "志强",
    "敏",
    "海燕",
    "磊",
    "静",
    "永红",
    "涛",
    "春梅",
    "小平",
    "斌",
    "晓东",
    "红",
    "玉兰",
]

# Names the layout must handle: rare characters in the font, a "·" name, four characters.
SPECIAL = ["王玥", "李堃", "訚志强", "陈赟", "张喆", "阿不都热合曼·买买提", "欧阳春晓"]
RARE = ["王玥", "李堃", "訚志强", "陈赟", "张喆"]


def candidate_names(n: int) -> list[str]:
    names = list(SPECIAL[:n])
    i = 0
    while len(names) < n:
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]
        if name not in names:
            names.append(name)
        i += 1
    return names


def _contest(
    code: str,
    title: str,
    kind: str,
    seats: int,
    n: int,
    style: str,
    writeins: int,
    annotate: bool = True,
) -> dict[str, Any]:
    cands = []
    for j, name in enumerate(candidate_names(n)):
        item: dict[str, Any] = {"code": f"c{j + 1:02d}", "name": name}
        if annotate and j % 9 == 8:
            item["annotation"] = "（女）"
        cands.append(item)
    return {
        "code": code,
        "title": title,
        "kind": kind,
        "method": "competitive",
        "seats": seats,
        "ballot_style": style,
        "writein_columns": writeins,
        "candidates": cands,
    }


def ballot_definition() -> dict[str, Any]:
    people = []
    for i in range(12):
        people.append(
            {
                "code": f"P{i + 1:03d}",
                "name": candidate_names(12)[i],
                "unit": "U01" if i < 7 else "U02",
                "gender": "男" if i % 2 else "女",
            }
        )
    return {
        "election": {
            "name": "中国共产党测试区第六次代表大会",
            "date": "2026-07-28",
            "level": "local",
        },
        "units": [{"code": "U01", "name": "机关代表团"}, {"code": "U02", "name": "街道代表团"}],
        "people": people,
        "contests": [
            _contest(
                "S3", "中国共产党测试区第六届委员会常务委员会委员", "standing", 2, 3, "symbol", 1
            ),
            _contest("WY", "中国共产党测试区第六届委员会委员", "committee", 35, 40, "symbol", 4),
            _contest(
                "S60", "出席中国共产党测试市第七次代表大会代表", "delegate", 50, 60, "symbol", 4
            ),
            _contest("JW", "中国共产党测试区纪律检查委员会委员", "discipline", 6, 7, "columns", 2),
            _contest(
                "C60", "中国共产党测试区第六届委员会候补委员", "alternate", 50, 60, "columns", 4
            ),
        ],
    }


def make_election(path: Path, data: dict[str, Any] | None = None) -> Path:
    result = validate_source(data or ballot_definition(), {})
    assert result.definition is not None, [p.message() for p in result.errors]
    create_from_definition(path, result.definition, "测试员")
    return path


def add_round(db: ElectionDB, contest: str, kind: str, seats: int, candidates: list[str]) -> int:
    """Open a later round directly (另行选举 / 再次投票), as the counting module will."""
    number = (
        int(
            db.con.execute(
                "SELECT max(number) FROM rounds WHERE contest = ?", (contest,)
            ).fetchone()[0]
        )
        + 1
    )
    with db.transaction() as con:
        con.execute(
            "INSERT INTO rounds(contest, number, kind, seats, opened_at) VALUES (?,?,?,?,?)",
            (contest, number, kind, seats, utc_now()),
        )
        con.executemany(
            "INSERT INTO round_candidates(contest, round, candidate, position) VALUES (?,?,?,?)",
            [(contest, number, c, i) for i, c in enumerate(candidates)],
        )
    return number


def set_round_status(db: ElectionDB, contest: str, number: int, status: str) -> None:
    with db.transaction() as con:
        con.execute(
            "UPDATE rounds SET status = ? WHERE contest = ? AND number = ?",
            (status, contest, number),
        )


def render_page(pdf: Path, page: int, out_dir: Path) -> npt.NDArray[np.uint8]:
    """One page rendered by poppler at 200 dpi, grayscale."""
    prefix = out_dir / f"{pdf.stem}-p{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    files = sorted(out_dir.glob(f"{prefix.name}*.pgm"))
    assert files, "pdftoppm wrote nothing"
    img = cv2.imread(str(files[-1]), cv2.IMREAD_GRAYSCALE)
    assert img is not None
    return np.asarray(img, dtype=np.uint8)


def pdftotext(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdffonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    return [line.split() for line in out[2:] if line.strip()]


def crop(
    img: npt.NDArray[np.uint8], box: tuple[float, float, float, float], inset: float = 0.0
) -> npt.NDArray[np.uint8]:
    x0, y0, x1, y1 = box
    r0 = round((y0 + inset) * PX_PER_MM)
    r1 = round((y1 - inset) * PX_PER_MM)
    c0 = round((x0 + inset) * PX_PER_MM)
    c1 = round((x1 - inset) * PX_PER_MM)
    return img[r0:r1, c0:c1]
