"""身份证号码 checks per GB 11643-1999, and cross-checks with the roster."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


@dataclass(frozen=True)
class IdCheck:
    """Result of checking one ID number. ``ok`` False means refuse; warnings never refuse."""

    ok: bool
    code: str  # "ok", "legacy15", "length", "chars", "date", "checksum"
    message_zh: str
    message_en: str
    birth: dt.date | None = None
    male: bool | None = None


def check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def _date(yyyymmdd: str) -> dt.date | None:
    try:
        return dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def clean_id_number(raw: str) -> str:
    """An ID number as typed or pasted, without what is not part of it: full-width digits
    made plain, spaces between digit groups, invisible characters (zero-width spaces) and
    Excel's text mark (a leading apostrophe); a lower-case x made upper-case."""
    s = unicodedata.normalize("NFKC", raw)
    s = "".join(ch for ch in s if not ch.isspace() and unicodedata.category(ch) != "Cf")
    return s.lstrip("'‘’`").upper()


def check_id_number(raw: str) -> IdCheck:
    s = clean_id_number(raw)
    if len(s) == 15 and s.isdigit():
        born = _date("19" + s[6:12])
        if born is None:
            return IdCheck(
                False,
                "date",
                "15位身份证号码中的出生日期不存在",
                "the birth date in the 15-digit ID number does not exist",
            )
        return IdCheck(
            True,
            "legacy15",
            "这是15位旧身份证号码，请尽量改为18位",
            "this is a legacy 15-digit ID number; replace it with the 18-digit one if possible",
            born,
            int(s[14]) % 2 == 1,
        )
    if len(s) != 18:
        return IdCheck(
            False,
            "length",
            f"身份证号码应为18位，这里是{len(s)}位",
            f"an ID number has 18 characters, this one has {len(s)}",
        )
    if not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        return IdCheck(
            False,
            "chars",
            "身份证号码前17位应为数字，最后一位为数字或X",
            "the first 17 characters must be digits, the last a digit or X",
        )
    born = _date(s[6:14])
    if born is None:
        return IdCheck(
            False,
            "date",
            f"身份证号码中的出生日期{s[6:14]}不存在",
            f"the birth date {s[6:14]} in the ID number does not exist",
        )
    expected = check_digit(s[:17])
    if s[17] != expected:
        if s.endswith("000"):
            # Excel keeps 15 significant digits: a number typed into a number cell loses its
            # last ones, and pasting it back as text keeps the zeros.
            return IdCheck(
                False,
                "checksum",
                "身份证号码校验位错误，且末尾是“000”：很可能 Excel 曾把它存成数字，丢掉了最后几位。"
                "请按身份证原件重新输入（单元格设为“文本”），不要只改最后一位",
                "the check digit is wrong and the number ends in 000: Excel probably stored it as"
                " a number once and lost its last digits; type it again from the ID card (a text"
                " cell), do not just change the last digit",
            )
        return IdCheck(
            False,
            "checksum",
            f"身份证号码校验位错误（应为{expected}），请核对是否抄错",
            f"the check digit is wrong (should be {expected}); look for a typing error",
        )
    return IdCheck(True, "ok", "", "", born, int(s[16]) % 2 == 1)


def cross_check(check: IdCheck, gender: str, birth: str) -> list[tuple[str, str]]:
    """Warnings (zh, en) when the ID number disagrees with the roster's sex or birth month."""
    out: list[tuple[str, str]] = []
    if check.male is not None and gender in ("男", "女"):
        id_gender = "男" if check.male else "女"
        if id_gender != gender:
            out.append(
                (
                    f"身份证号码显示性别为{id_gender}，名单填的是{gender}",
                    f"the ID number says {'male' if check.male else 'female'}, the roster says {gender}",
                )
            )
    if check.birth is not None and birth:
        month = f"{check.birth.year:04d}-{check.birth.month:02d}"
        if birth[:7] != month:
            out.append(
                (
                    f"身份证号码显示出生年月为{month}，名单填的是{birth}",
                    f"the ID number says born {month}, the roster says {birth}",
                )
            )
    return out


def badge_key(text: str) -> str:
    """A badge number as looked up: typed as printed on the card ('1857 4081 63', in groups),
    with full-width digits or hyphens between the groups, it is the same number; anything
    else (a code, a name) is only trimmed."""
    t = unicodedata.normalize("NFKC", text).strip()
    joined = "".join(ch for ch in t if not ch.isspace() and ch not in "-‐‑–—")
    return joined if joined.isdigit() else t
