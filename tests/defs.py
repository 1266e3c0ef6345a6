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


def namesakes_definition() -> dict[str, Any]:
    """`small_definition` with three 刘伟 (one in 第一代表团, a candidate whose ballot note is
    "区委办"; two in 第二代表团, both women born in 1971, told apart by their workplaces) and
    two 阿依古丽·买买提艾力·热合曼 (a man born in 1975 and a woman born in 1977)."""
    d = small_definition()
    people = d["people"]
    people[0]["name"] = "刘伟"  # P001, U01
    people[1].update(name="刘伟", workplace="区财政局副局长")  # P002, U02: 女, 1971-02
    people[3].update(  # P004, U02
        name="刘伟",
        gender="女",
        birth="1971-05",
        id_number=id_number("19710515", False, 13),
        workplace="区教育局科员",
    )
    people[5]["name"] = "阿依古丽·买买提艾力·热合曼"  # P006: 男, 1975
    people[7]["name"] = "阿依古丽·买买提艾力·热合曼"  # P008: 女, 1977
    # (the other two 刘伟 stand in nothing: only P001 has a ballot note)
    d["contests"][0]["candidates"] = [
        {"code": f"c{j + 1:02d}", "person": f"P{n:03d}"} for j, n in enumerate((1, 3, 5, 9, 10))
    ]
    d["contests"][0]["candidates"][0]["annotation"] = "区委办"  # c01 is P001
    return d
