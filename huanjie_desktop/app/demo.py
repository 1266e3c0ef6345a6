"""`huanjie demo DIR`: complete demo elections modelled on a district's term change.

The district congress (18 electoral units, 248 delegates) elects 35 committee members,
6 alternates, 19 discipline commission members and 11 city delegates; one unit's members'
assembly (about 150 members) elects 14 congress delegates at a 20% margin.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from huanjie_desktop.app.demo_names import (
    CATEGORIES,
    EDUCATION,
    ETHNIC_MINORITIES,
    NATIVE,
    make_name,
    weighted,
)
from huanjie_desktop.domain.idnumber import check_digit

ELECTION_DATE = dt.date(2026, 7, 28)
UNIT_NAMES = [
    "区直机关",
    "区委办、人大、政府、政协机关",
    "政法系统",
    "经济和信息化系统",
    "教育系统",
    "卫生健康系统",
    "国有企业",
    "非公有制经济组织和社会组织",
    "群丰镇",
    "雷打石镇",
    "三门镇",
    "嵩山街道",
    "泰山街道",
    "栗雨街道",
    "马家河街道",
    "天元街道",
    "高新区园区",
    "驻区单位",
]
# delegates per unit, summing to 248
UNIT_SIZES = [16, 12, 12, 14, 16, 14, 16, 14, 16, 14, 14, 13, 13, 13, 12, 12, 11, 16]

Progress = Callable[[str], None]


def _person(
    rng: random.Random,
    code: str,
    unit: str,
    taken: set[str],
    *,
    female_share: float,
    minority_share: float,
    ages: tuple[int, int],
    has_vote: bool = True,
) -> dict[str, Any]:
    female = rng.random() < female_share
    name = make_name(rng, female, taken)
    age = rng.randint(*ages)
    birth = dt.date(ELECTION_DATE.year - age, rng.randint(1, 12), rng.randint(1, 28))
    if birth > ELECTION_DATE.replace(year=ELECTION_DATE.year - age):
        birth = birth.replace(year=birth.year - 1)
    seq = rng.randint(10, 99)
    sex_digit = rng.choice("13579") if not female else rng.choice("02468")
    first17 = f"430211{birth:%Y%m%d}{seq}{sex_digit}"
    ethnicity = weighted(rng, ETHNIC_MINORITIES) if rng.random() < minority_share else "汉族"
    join = birth.year + rng.randint(20, 30)
    return {
        "code": code,
        "name": name,
        "gender": "女" if female else "男",
        "ethnicity": ethnicity,
        "birth": f"{birth:%Y-%m}",
        "native_place": rng.choice(NATIVE),
        "id_number": first17 + check_digit(first17),
        "education": weighted(rng, EDUCATION),
        "party_join": f"{min(join, 2025)}-{rng.randint(1, 12):02d}",
        "work_start": f"{birth.year + rng.randint(18, 24)}-{rng.choice([7, 8, 9]):02d}",
        "workplace": "",
        "category": rng.choice(CATEGORIES),
        "unit": unit,
        "has_vote": has_vote,
    }


def district_definition(seed: int = 2021) -> dict[str, Any]:
    """中国共产党株洲市天元区第六次代表大会 (synthetic roster)."""
    rng = random.Random(seed)
    taken: set[str] = set()
    units = [{"code": f"U{i + 1:02d}", "name": n} for i, n in enumerate(UNIT_NAMES)]
    people = []
    n = 0
    for u, size in zip(units, UNIT_SIZES, strict=True):
        for _ in range(size):
            n += 1
            p = _person(
                rng,
                f"P{n:04d}",
                u["code"],
                taken,
                female_share=0.30,
                minority_share=0.06,
                ages=(28, 59),
            )
            p["workplace"] = f"{u['name']}"
            people.append(p)
    # candidates: older/more senior delegates first, as an organisation department would pick
    pool = sorted(people, key=lambda p: p["birth"])
    used: set[str] = set()

    def pick(k: int, female_min: int = 0) -> list[dict[str, Any]]:
        chosen: list[dict[str, Any]] = []
        women = [p for p in pool if p["gender"] == "女" and p["code"] not in used]
        for p in women[:female_min]:
            chosen.append(p)
            used.add(p["code"])
        for p in pool:
            if len(chosen) >= k:
                break
            if p["code"] not in used and rng.random() < 0.5:
                chosen.append(p)
                used.add(p["code"])
        return chosen

    def cands(ps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"code": f"c{i + 1:02d}", "person": p["code"]} for i, p in enumerate(ps)]

    wy, hb, jw = pick(39, 8), pick(7, 2), pick(21, 5)
    used_before_city = set(used)
    sd = pick(14, 4)
    non_candidates = [
        p for p in people if p["code"] not in used and p["code"] not in used_before_city
    ]

    def officials(offset: int) -> list[dict[str, str]]:
        ps = non_candidates[offset : offset + 5]
        roles = ["chief_scrutineer", "scrutineer", "scrutineer", "counter", "counter"]
        return [{"person": p["code"], "role": r} for p, r in zip(ps, roles, strict=True)]

    name = "中国共产党株洲市天元区第六次代表大会"
    return {
        "election": {"name": name, "date": ELECTION_DATE.isoformat(), "level": "local"},
        "units": units,
        "people": people,
        "contests": [
            {
                "code": "WY",
                "title": "中国共产党株洲市天元区第六届委员会委员",
                "kind": "committee",
                "method": "competitive",
                "seats": 35,
                "unit": None,
                "ballot_style": "symbol",
                "writein_columns": 4,
                "threshold_base": "expected",
                "candidates": cands(wy),
                "officials": officials(0),
            },
            {
                "code": "HB",
                "title": "中国共产党株洲市天元区第六届委员会候补委员",
                "kind": "alternate",
                "method": "competitive",
                "seats": 6,
                "unit": None,
                "ballot_style": "symbol",
                "writein_columns": 2,
                "threshold_base": "expected",
                "candidates": cands(hb),
                "officials": officials(5),
            },
            {
                "code": "JW",
                "title": "中国共产党株洲市天元区纪律检查委员会委员",
                "kind": "discipline",
                "method": "competitive",
                "seats": 19,
                "unit": None,
                "ballot_style": "symbol",
                "writein_columns": 3,
                "threshold_base": "expected",
                "candidates": cands(jw),
                "officials": officials(10),
            },
            {
                "code": "SD",
                "title": "出席中国共产党株洲市第十三次代表大会代表",
                "kind": "delegate",
                "method": "competitive",
                "seats": 11,
                "unit": None,
                "ballot_style": "columns",
                "writein_columns": 2,
                "threshold_base": "expected",
                "candidates": cands(sd),
                "officials": officials(15),
            },
        ],
    }


def assembly_definition(seed: int = 2020) -> dict[str, Any]:
    """One electoral unit's members' assembly (党员大会) electing 14 congress delegates."""
    rng = random.Random(seed)
    taken: set[str] = set()
    people = [
        _person(
            rng,
            f"M{i + 1:04d}",
            "U09",
            taken,
            female_share=0.38,
            minority_share=0.05,
            ages=(22, 75),
            has_vote=i % 50 != 7,
        )
        for i in range(152)
    ]
    voters = [p for p in people if p["has_vote"]]
    cand = rng.sample(voters, 17)
    cand_codes = {p["code"] for p in cand}
    others = [p for p in voters if p["code"] not in cand_codes]
    return {
        "election": {
            "name": "中国共产党株洲市天元区群丰镇党员大会",
            "date": "2026-05-20",
            "level": "basic",
        },
        "units": [{"code": "U09", "name": "群丰镇"}],
        "people": people,
        "contests": [
            {
                "code": "DB",
                "title": "出席中国共产党株洲市天元区第六次代表大会代表",
                "kind": "delegate",
                "method": "competitive",
                "seats": 14,
                "unit": "U09",
                "ballot_style": "symbol",
                "writein_columns": 3,
                "threshold_base": "present",
                "candidates": [
                    {"code": f"c{i + 1:02d}", "person": p["code"]} for i, p in enumerate(cand)
                ],
                "officials": [
                    {"person": others[0]["code"], "role": "chief_scrutineer"},
                    {"person": others[1]["code"], "role": "scrutineer"},
                    {"person": others[2]["code"], "role": "scrutineer"},
                    {"person": others[3]["code"], "role": "counter"},
                ],
            },
        ],
    }


def small_example_definition() -> dict[str, Any]:
    """A tiny election to show how the workbook is filled in (huanjie template --example)."""
    d = assembly_definition()
    d["people"] = d["people"][:12]
    keep = {p["code"] for p in d["people"]}
    c = d["contests"][0]
    c["seats"] = 3
    c["writein_columns"] = 1
    c["candidates"] = [
        {"code": f"c{i + 1:02d}", "person": code} for i, code in enumerate(sorted(keep)[:4])
    ]
    c["officials"] = [{"person": sorted(keep)[5], "role": "chief_scrutineer"}]
    return d


@dataclass
class DemoResult:
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def run_demo(
    folder: Path, operator: str, progress: Progress | None = None, voters_limit: int | None = None
) -> DemoResult:
    """Build the demo elections into ``folder`` (refuses to overwrite existing files)."""
    from huanjie_desktop.app.election import check_in, create_from_definition
    from huanjie_desktop.domain.definition import DefinitionRefused, validate_definition
    from huanjie_desktop.reports.fonts import first_unprintable
    from huanjie_desktop.reports.workbook import write_template
    from huanjie_desktop.storage import repo
    from huanjie_desktop.storage.db import open_election_file

    say = progress or (lambda _m: None)
    folder.mkdir(parents=True, exist_ok=True)
    result = DemoResult(folder)
    rng = random.Random(7)
    for key, fname, make in (
        ("district", "district.huanjie", district_definition),
        ("assembly", "assembly.huanjie", assembly_definition),
    ):
        data = make()
        write_template(folder / f"{key}-definition.xlsx", data)
        v = validate_definition(data, first_unprintable)
        if v.definition is None:
            raise DefinitionRefused(v.errors)
        path = folder / fname
        say(f"{fname}: 创建选举文件 / creating election file")
        create_from_definition(path, v.definition, operator, v.warnings, f"{key}-definition.xlsx")
        result.files[key] = path
        with open_election_file(path, operator) as db:
            people = repo.read_people(db)
            absent = set(rng.sample([p.code for p in people], max(2, len(people) // 30)))
            check_in(db, [p.code for p in people if p.code not in absent])
    _extend_demo(result, operator, say, voters_limit)
    return result


def _extend_demo(
    result: DemoResult, operator: str, say: Progress, voters_limit: int | None
) -> None:
    """Ballots, synthetic scans, a counted round and papers, where those parts are installed."""
    try:
        demo_count: Any = importlib.import_module("huanjie_desktop.app.demo_count")
    except ModuleNotFoundError:
        return
    demo_count.run(result, operator, say, voters_limit)
