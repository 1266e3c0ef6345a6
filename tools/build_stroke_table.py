"""Build the shipped stroke table ``resources/strokes/strokes.tsv.gz`` for 姓氏笔画 sorting.

Run from the repository root::

    .venv/bin/python tools/build_stroke_table.py            # default source paths
    .venv/bin/python tools/build_stroke_table.py --check    # exit 1 if the shipped table differs

Sources (all read offline; nothing is downloaded by this script)
----------------------------------------------------------------
1. **Unihan** (Unicode Character Database, Unicode 15.0.0 in Debian/Ubuntu's ``unicode-data``
   package, ``apt-get install unicode-data``), licence: Unicode License v3 (see
   ``resources/licenses/unicode.txt``):

   * ``/usr/share/unicode/Unihan_IRGSources.txt.bz2``, field ``kTotalStrokes``: total stroke
     count of every CJK unified ideograph (BMP, Ext-A and the supplementary planes). When the
     field has two values, the first one is the zh-Hans (G source) count and is the one used.
   * ``/usr/share/unicode/Unihan_OtherMappings.txt.bz2``, field ``kTGH``: position
     ``2013:NNNN`` of the character in 《通用规范汉字表》 (2013, 8,105 characters; 一级
     1–3500, 二级 3501–6500, 三级 6501–8105; inside each level the table is in official
     stroke order).
   * ``/usr/share/unicode/Unihan_Variants.txt.bz2``, field ``kSimplifiedVariant``: for a
     character outside the 通用规范汉字表, its first simplified form that is in the table. A
     traditional character in a simplified-Chinese list is sorted as its simplified form
     (the 18th Congress presidium list puts 马馼 before 马凯: 馼 counted as 𫘜, 7 strokes).

2. **cnchar-order** 3.2.6 (npm, MIT, © theajack, https://github.com/theajack/cnchar), file
   ``cnchar.order.min.js``: stroke sequences of 6,939 characters, one letter per stroke, as a
   JSON object embedded in the JavaScript as ``JSON.parse('...')`` (the first such object; the
   second one is the letter legend). Licence text: ``resources/licenses/cnchar-order.txt``.

3. **cnchar-radical** 3.2.6 (npm, MIT, same author), file ``cnchar.radical.min.js``: radical and
   character structure (字形结构) of about 6,900 characters. Legend (first JSON object):
   ``a`` 左右结构, ``b`` 上下结构, ``c`` 独体结构, ``d`` 半包围结构, ``e`` 全包围结构,
   ``f`` 品字结构, ``g`` 上中下结构, ``h`` 左中右结构. The second object maps each radical to
   ``"<strokes>:<char><letter><char><letter>..."``; the radicals themselves are listed under
   ``"*"`` as ``<char><letter><radical strokes>``. Licence: ``resources/licenses/cnchar-radical.txt``.

If ``/tmp/npmx`` is gone, fetch the two npm packages again with::

    npm install --prefix /tmp/npmx cnchar-order cnchar-radical

Stroke letters of cnchar-order and how they fold into the five classes (rules.md: 提→横,
竖钩→竖, 捺→点, every turning stroke→折), as digits 横1 竖2 撇3 点4 折5::

    j 横 → 1        i 提 → 1
    f 竖 → 2        g 竖钩 → 2
    s 撇 → 3
    k 点 → 4        l 捺 → 4        d 点2 (e.g. the left dot of 宀 in 宁 ``kdejg``) → 4
    折 (5): a 横折折撇, b 竖弯, c 横折, e 横撇/横钩, h 竖提, m 撇点, n 撇折, o 横斜钩,
            p 横折提, q 横折折折, r 横折钩, t 弯钩, u 竖弯钩, v 横折折/横折弯,
            w 横折折折钩/横撇弯钩, x 竖折撇/竖折折, y 斜钩/卧钩, z 竖折折钩

Checked on known characters (the script refuses to write if any of these fails): 王 1121,
丁 12 (横 竖钩), 乙 5, 孔 5215 (横撇 竖钩 提 竖弯钩), 巴 5215, 次 413534, 衣 413534,
关 431134 (the short 撇 of 丷 stays 撇, as in the published lists: 关 before 江).

A sequence whose length differs from ``kTotalStrokes`` is dropped (two characters: 皙, which is
then placed by its 通用规范汉字表 neighbours like the others without a sequence, and 囍).

Output: gzip'd UTF-8 text (fixed gzip header, so the build is reproducible), ``#`` comment lines
first, then one line per character that has a sequence, a structure, a TGH index or a
simplified form (about 11,000), tab-separated::

    char  total-strokes  folded-sequence(digits 1-5, empty if unknown)  structure(a-h or empty)
          TGH-index(empty if not in 通用规范汉字表)  simplified-form(empty if none)

then, for the other ~87,000 characters that only have ``kTotalStrokes``, one line per count::

    =N  <all those characters with N strokes, in code point order>

(so that the table loads in a few milliseconds). About 0.3 MB compressed.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_UNIHAN_DIR = Path("/usr/share/unicode")
DEFAULT_NPM_DIR = Path("/tmp/npmx/node_modules")
DEFAULT_OUT = REPO / "resources" / "strokes" / "strokes.tsv.gz"

# cnchar-order letter -> folded stroke class (1 横, 2 竖, 3 撇, 4 点, 5 折).
LETTER_CLASS: dict[str, str] = {
    "j": "1",  # 横
    "i": "1",  # 提 → 横
    "f": "2",  # 竖
    "g": "2",  # 竖钩 → 竖
    "s": "3",  # 撇
    "k": "4",  # 点
    "l": "4",  # 捺 → 点
    "d": "4",  # 点2 (short vertical dot, e.g. in 宀) → 点
    **dict.fromkeys("abcehmnopqrtuvwxyz", "5"),  # every turning stroke → 折
}

STRUCTURE_LETTERS = "abcdefgh"

# Characters whose folded sequence we know from the rules and the published lists.
KNOWN_SEQUENCES: dict[str, str] = {
    "王": "1121",
    "丁": "12",
    "乙": "5",
    "孔": "5215",
    "巴": "5215",
    "次": "413534",
    "衣": "413534",
    "关": "431134",
    "宁": "44512",
}
KNOWN_STRUCTURES: dict[str, str] = {"孔": "a", "巴": "c", "次": "a", "衣": "c", "王": "c"}


class SourceError(Exception):
    """A source file is missing or not in the expected format."""


@dataclass(frozen=True)
class Sources:
    unihan_dir: Path
    order_js: Path
    radical_js: Path


def _read_bz2_lines(path: Path) -> Iterator[str]:
    if not path.is_file():
        raise SourceError(
            f"{path} not found: install Debian/Ubuntu package `unicode-data` "
            "(apt-get install unicode-data) or pass --unihan-dir"
        )
    with bz2.open(path, "rt", encoding="utf-8") as fh:
        yield from fh


def unihan_version(unihan_dir: Path) -> str:
    for line in _read_bz2_lines(unihan_dir / "Unihan_IRGSources.txt.bz2"):
        if line.startswith("# Unicode version:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def read_unihan_field(path: Path, field: str) -> dict[str, str]:
    """``{char: value}`` for one Unihan field."""
    out: dict[str, str] = {}
    tag = f"\t{field}\t"
    for line in _read_bz2_lines(path):
        if tag not in line or line.startswith("#"):
            continue
        code, _, value = line.rstrip("\n").split("\t", 2)
        out[chr(int(code[2:], 16))] = value
    return out


def _js_json_objects(path: Path) -> list[str]:
    if not path.is_file():
        raise SourceError(
            f"{path} not found: run `npm install --prefix /tmp/npmx cnchar-order cnchar-radical` "
            "or pass --npm-dir"
        )
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"JSON\.parse\('(.*?)'\)", text, flags=re.S)
    if not found:
        raise SourceError(f"{path}: no embedded JSON.parse('...') found")
    for raw in found:
        if "\\" in raw:  # the literal would need JavaScript unescaping; not the case in 3.2.6
            raise SourceError(f"{path}: escaped characters in the embedded JSON; update the parser")
    return found


def read_npm_version(js_path: Path) -> str:
    pkg = js_path.parent / "package.json"
    try:
        data = json.loads(pkg.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "unknown"
    version = data.get("version", "unknown")
    return str(version)


def read_stroke_orders(order_js: Path) -> dict[str, str]:
    """``{char: letters}`` from cnchar-order."""
    objects = _js_json_objects(order_js)
    orders = json.loads(objects[0])
    legend = json.loads(objects[1]) if len(objects) > 1 else {}
    unknown_legend = set(legend) - set(LETTER_CLASS)
    if unknown_legend:
        raise SourceError(f"cnchar-order: unmapped stroke letters {sorted(unknown_legend)}")
    if not isinstance(orders, dict):
        raise SourceError("cnchar-order: stroke table is not an object")
    return {str(k): str(v) for k, v in orders.items()}


def fold(letters: str) -> str:
    """cnchar-order letters → digits 1-5."""
    try:
        return "".join(LETTER_CLASS[ch] for ch in letters)
    except KeyError as exc:
        raise SourceError(f"cnchar-order: unknown stroke letter {exc.args[0]!r}") from None


def read_structures(radical_js: Path) -> dict[str, str]:
    """``{char: structure letter a-h}`` from cnchar-radical (first occurrence wins)."""
    objects = _js_json_objects(radical_js)
    legend = json.loads(objects[0])
    if sorted(legend) != list(STRUCTURE_LETTERS):
        raise SourceError(f"cnchar-radical: unexpected structure legend {legend}")
    radicals = json.loads(objects[1])
    out: dict[str, str] = {}
    for radical, body in radicals.items():
        if radical == "*":
            for m in re.finditer(r"(.)([a-h])(\d{1,2})", body):
                out.setdefault(m.group(1), m.group(2))
            continue
        members = body[body.index(":") + 1 :]
        if len(members) % 2:
            raise SourceError(f"cnchar-radical: odd entry for radical {radical}")
        for i in range(0, len(members), 2):
            ch, letter = members[i], members[i + 1]
            if letter not in STRUCTURE_LETTERS:
                raise SourceError(f"cnchar-radical: bad structure {letter!r} for {ch}")
            out.setdefault(ch, letter)
    return out


def build_lines(src: Sources) -> list[str]:
    """The table's lines (without newline), header comments first."""
    irg = src.unihan_dir / "Unihan_IRGSources.txt.bz2"
    other = src.unihan_dir / "Unihan_OtherMappings.txt.bz2"
    total = {ch: int(v.split()[0]) for ch, v in read_unihan_field(irg, "kTotalStrokes").items()}
    tgh = {ch: int(v.split(":")[1]) for ch, v in read_unihan_field(other, "kTGH").items()}
    simplified: dict[str, str] = {}
    variants = src.unihan_dir / "Unihan_Variants.txt.bz2"
    for ch, value in read_unihan_field(variants, "kSimplifiedVariant").items():
        forms = [chr(int(code[2:], 16)) for code in value.split()]
        usable = [form for form in forms if form in tgh and form != ch]
        if ch not in tgh and usable:
            simplified[ch] = usable[0]
    letters = read_stroke_orders(src.order_js)
    structures = read_structures(src.radical_js)

    sequences: dict[str, str] = {}
    for ch, seq in letters.items():
        if total.get(ch) == len(seq):
            sequences[ch] = fold(seq)

    for ch, expected in KNOWN_SEQUENCES.items():
        if sequences.get(ch) != expected:
            raise SourceError(f"check failed: {ch} folds to {sequences.get(ch)}, not {expected}")
    for ch, expected in KNOWN_STRUCTURES.items():
        if structures.get(ch) != expected:
            raise SourceError(f"check failed: {ch} structure {structures.get(ch)}, not {expected}")
    if len(tgh) != 8105:
        raise SourceError(f"kTGH has {len(tgh)} characters, expected 8105")
    if simplified.get("馼") != "𫘜":
        raise SourceError("check failed: kSimplifiedVariant of 馼 is not 𫘜")

    lines = [
        "# huanjie stroke table, generated by tools/build_stroke_table.py; do not edit.",
        f"# Unihan {unihan_version(src.unihan_dir)} kTotalStrokes + kTGH (Unicode License v3); "
        f"cnchar-order {read_npm_version(src.order_js)} and cnchar-radical "
        f"{read_npm_version(src.radical_js)} (MIT).",
        "# char<TAB>total strokes<TAB>sequence 1横2竖3撇4点5折<TAB>structure a左右 b上下 "
        "c独体 d半包围 e全包围 f品字 g上中下 h左中右<TAB>通用规范汉字表 index<TAB>"
        "simplified form to sort by (characters outside the 通用规范汉字表)",
        "# =N<TAB>all characters with N strokes and nothing else known, in code point order",
    ]
    bare: dict[int, list[str]] = {}
    for ch in sorted(total, key=ord):
        index = tgh.get(ch)
        seq = sequences.get(ch, "")
        struct = structures.get(ch, "")
        simple = simplified.get(ch, "")
        if index is None and not seq and not struct and not simple:
            bare.setdefault(total[ch], []).append(ch)
            continue
        tgh_text = "" if index is None else str(index)
        lines.append(f"{ch}\t{total[ch]}\t{seq}\t{struct}\t{tgh_text}\t{simple}")
    lines.extend(f"={n}\t{''.join(chars)}" for n, chars in sorted(bare.items()))
    return lines


def render(lines: list[str]) -> bytes:
    """Gzip with a fixed header (no name, mtime 0) so that the output is reproducible."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--unihan-dir", type=Path, default=DEFAULT_UNIHAN_DIR)
    parser.add_argument("--npm-dir", type=Path, default=DEFAULT_NPM_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = parser.parse_args(argv)
    src = Sources(
        unihan_dir=args.unihan_dir,
        order_js=args.npm_dir / "cnchar-order" / "cnchar.order.min.js",
        radical_js=args.npm_dir / "cnchar-radical" / "cnchar.radical.min.js",
    )
    try:
        lines = build_lines(src)
    except SourceError as exc:
        print(f"build_stroke_table: {exc}", file=sys.stderr)
        return 2
    data = render(lines)
    out: Path = args.out
    if args.check:
        same = out.is_file() and gzip.decompress(out.read_bytes()) == gzip.decompress(data)
        print(f"{out}: {'up to date' if same else 'DIFFERS from the sources'}")
        return 0 if same else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"wrote {out}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
