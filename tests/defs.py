"""Small election definitions (the JSON shape of `huanjie init`) for tests."""

from __future__ import annotations

import copy
from typing import Any

from huanjie_desktop.domain.idnumber import check_digit


def id_number(birth: str, male: bool, seq: int = 12) -> str:
    first17 = f"430211{birth}{seq:02d}{'1' if male else '2'}"
    return first17 + check_digit(first17)


NAMES = [
    "王小明",
    "李娜",
    "张伟",
    "刘洋",
    "陈静",
    "杨帆",
    "赵磊",
    "黄丽",
    "周强",
    "吴敏",
    "徐杰",
    "孙燕",
    "胡斌",
    "朱琳",
    "高峰",
    "林芳",
    "何勇",
    "郭红",
    "马超",
    "罗兰",
]


def small_definition(
    n_people: int = 20,
    seats: int = 3,
    candidates: int = 5,
    style: str = "symbol",
    level: str = "local",
) -> dict[str, Any]:
    people = []
    for i in range(n_people):
        male = i % 3 != 1
        people.append(
            {
                "code": f"P{i + 1:03d}",
                "name": NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i)),
                "gender": "男" if male else "女",
                "ethnicity": "汉族" if i % 7 else "苗族",
                "birth": f"19{70 + i % 25}-0{1 + i % 9}",
                "id_number": id_number(f"19{70 + i % 25}0{1 + i % 9}15", male, i % 90 + 10),
                "education": "大学",
                "unit": "U01" if i % 2 == 0 else "U02",
                "has_vote": True,
            }
        )
    return {
        "election": {
            "name": "中国共产党测试区第一次代表大会",
            "date": "2026-07-28",
            "level": level,
        },
        "units": [{"code": "U01", "name": "第一代表团"}, {"code": "U02", "name": "第二代表团"}],
        "people": people,
        "contests": [
            {
                "code": "WY",
                "title": "中国共产党测试区第一届委员会委员",
                "kind": "committee",
                "method": "competitive",
                "seats": seats,
                "unit": None,
                "ballot_style": style,
                "writein_columns": 2,
                "threshold_base": "expected",
                "candidates": [
                    {"code": f"c{j + 1:02d}", "person": f"P{j + 1:03d}"} for j in range(candidates)
                ],
                "officials": [
                    {"person": f"P{n_people:03d}", "role": "chief_scrutineer"},
                    {"person": f"P{n_people - 1:03d}", "role": "scrutineer"},
                ],
            }
        ],
    }


def variant(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(base)
    out.update(changes)
    return out
