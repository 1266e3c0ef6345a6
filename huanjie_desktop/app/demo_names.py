"""Plausible synthetic people for the demo elections (not real persons).

Surnames follow their rough frequency in Hunan; given names are drawn from common characters.
"""

from __future__ import annotations

import random

# (surname, weight)
SURNAMES = [
    ("李", 80),
    ("王", 70),
    ("张", 65),
    ("刘", 60),
    ("陈", 55),
    ("杨", 40),
    ("黄", 35),
    ("赵", 30),
    ("周", 35),
    ("吴", 30),
    ("徐", 20),
    ("孙", 15),
    ("胡", 25),
    ("朱", 20),
    ("高", 15),
    ("林", 12),
    ("何", 20),
    ("郭", 12),
    ("马", 10),
    ("罗", 25),
    ("梁", 10),
    ("宋", 10),
    ("郑", 10),
    ("谢", 18),
    ("韩", 6),
    ("唐", 22),
    ("冯", 6),
    ("于", 4),
    ("董", 6),
    ("萧", 4),
    ("程", 6),
    ("曹", 8),
    ("袁", 8),
    ("邓", 14),
    ("许", 6),
    ("傅", 4),
    ("沈", 4),
    ("曾", 14),
    ("彭", 14),
    ("吕", 4),
    ("苏", 6),
    ("卢", 4),
    ("蒋", 10),
    ("蔡", 5),
    ("贾", 3),
    ("丁", 4),
    ("魏", 4),
    ("薛", 3),
    ("叶", 5),
    ("阎", 2),
    ("余", 6),
    ("潘", 4),
    ("杜", 4),
    ("戴", 5),
    ("夏", 5),
    ("钟", 5),
    ("汪", 4),
    ("田", 6),
    ("任", 3),
    ("姜", 3),
    ("范", 3),
    ("方", 3),
    ("石", 4),
    ("姚", 3),
    ("谭", 12),
    ("廖", 8),
    ("邹", 6),
    ("熊", 4),
    ("金", 2),
    ("陆", 2),
    ("郝", 2),
    ("孔", 2),
    ("白", 2),
    ("崔", 2),
    ("康", 2),
    ("毛", 4),
    ("邱", 3),
    ("秦", 2),
    ("江", 3),
    ("史", 2),
    ("顾", 2),
    ("侯", 2),
    ("邵", 2),
    ("孟", 2),
    ("龙", 4),
    ("万", 2),
    ("段", 2),
    ("雷", 3),
    ("钱", 2),
    ("汤", 3),
    ("尹", 3),
    ("黎", 3),
    ("易", 4),
    ("常", 1),
    ("武", 1),
    ("乔", 1),
    ("贺", 4),
    ("赖", 1),
    ("龚", 3),
    ("文", 4),
    ("欧阳", 2),
    ("司马", 1),
    ("上官", 1),
    ("巴", 1),
    ("孔", 1),
    ("次", 1),
    ("衣", 1),
]
GIVEN_MALE = list("伟强军平刚勇杰涛明辉鹏华飞斌宇浩志建国林峰超磊波亮俊文斌晨凯锋毅")
GIVEN_FEMALE = list("芳娟敏静丽艳娜霞燕玲婷慧萍红琴洁雪梅兰颖莉婕倩瑶琳蓉菲")
GIVEN_ANY = list("小晓新海春松永立学德庆红丹思佳雨欣一子天玉卫东向朝湘")

ETHNIC_MINORITIES = [("土家族", 4), ("苗族", 3), ("瑶族", 2), ("侗族", 2), ("回族", 1), ("满族", 1)]
EDUCATION = [("研究生", 22), ("大学", 58), ("大专", 15), ("中专", 3), ("高中", 2)]
NATIVE = [
    "湖南株洲",
    "湖南长沙",
    "湖南湘潭",
    "湖南醴陵",
    "湖南攸县",
    "湖南茶陵",
    "湖南衡阳",
    "湖南邵阳",
    "湖南岳阳",
    "湖南常德",
    "湖南益阳",
    "湖南娄底",
    "江西萍乡",
    "湖北武汉",
]
CATEGORIES = [
    "领导干部",
    "专业技术人员",
    "企业负责人",
    "基层党员",
    "一线工人",
    "农民党员",
    "社区工作者",
    "教师",
    "医务人员",
]


def weighted(rng: random.Random, items: list[tuple[str, int]]) -> str:
    total = sum(w for _, w in items)
    x = rng.uniform(0, total)
    for item, w in items:
        x -= w
        if x <= 0:
            return item
    return items[-1][0]


def make_name(rng: random.Random, female: bool, taken: set[str]) -> str:
    for _ in range(1000):
        surname = weighted(rng, SURNAMES)
        pool = GIVEN_FEMALE if female else GIVEN_MALE
        if rng.random() < 0.3:
            given = rng.choice(pool)
        else:
            given = rng.choice(GIVEN_ANY + pool) + rng.choice(pool)
        name = surname + given
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("name pool exhausted")
