"""Build the shipped fallback font ``resources/fonts/hanazono-names.ttf``.

WenQuanYi Micro Hei, the font of every PDF the app prints, lacks 276 of the 8,105 characters
of 《通用规范汉字表》 (2013) — mostly 三级字, the level kept for personal and place names
(㑇, 䶮, 𫘜 …). A name with one of them could not be printed. This font carries exactly those
characters, cut from HanaMin A (花園明朝 A, GlyphWiki Project), and the app prints each such
character in it (``reports.fonts``): the rest of the name stays in Micro Hei.

Run from the repository root (fontTools is a build tool here, not a dependency of the app)::

    apt-get download fonts-hanazono && dpkg-deb -x fonts-hanazono_*.deb /tmp/hanazono
    python3 -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools
    /tmp/ft/bin/python tools/build_fallback_font.py /tmp/hanazono/usr/share/fonts/truetype/hanazono/HanaMinA.ttf

Which characters: those of the stroke table (``resources/strokes/strokes.tsv.gz``, its
通用规范汉字表 column) that Micro Hei has no glyph for. Licence: the Hanazono Font License
(free use, modification and redistribution; ``resources/licenses/hanazono.txt``).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts" / "hanazono-names.ttf"


def standard_characters() -> list[str]:
    """The 通用规范汉字表 characters, from the shipped stroke table."""
    chars = []
    path = ROOT / "resources" / "strokes" / "strokes.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) > 4 and fields[4]:
                chars.append(fields[0])
    return chars


def main(argv: list[str]) -> int:
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    if len(argv) != 1:
        print(__doc__)
        return 2
    microhei = TTCollection(str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc")).fonts[0]
    have = set(microhei.getBestCmap())
    missing = [c for c in standard_characters() if ord(c) not in have]
    source = TTFont(argv[0])
    covered = set(source.getBestCmap())
    lacking = [c for c in missing if ord(c) not in covered]
    if lacking:
        print(f"{argv[0]} lacks {len(lacking)} of them: {''.join(lacking)}", file=sys.stderr)
        return 1
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the names and the licence notice
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in missing])
    sub.subset(source)
    source.save(str(OUT))
    print(f"{OUT}: {len(missing)} characters, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
