"""`huanjie sort-names [FILE]`: put names in 姓氏笔画 (or 姓名笔画) order.

Reads one name per line from FILE or standard input (UTF-8 with or without BOM, UTF-16 with
its BOM as Excel's "Unicode text", or GBK as Notepad on a Chinese Windows saves it; blank
lines and heading lines such as （按姓氏笔画为序）, '二、农村党支部' or a heading before its names
ignored; cells pasted from a table, a tab apart, kept apart and flagged; ``--split``: a line
may hold several names, as a list copied from a news page does), prints the names in order,
one per line, and then, on standard error, what a person should confirm (pairs the data
cannot order, a word pasted after a name, punctuation, a single character). ``--json`` prints ``{"names": [...], "flags": [{"first", "second",
"reason"}]}`` instead. Exit 0 done, 1 input refused (missing or unreadable file), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from huanjie_desktop.cli.common import EXIT_OK, Ctx, refuse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sort-names",
        help="按姓氏笔画排列姓名 / sort names in stroke order",
        description=(
            "按姓氏笔画（默认）或姓名笔画排列姓名，每行一个；无法确定先后的姓名输出到标准错误。"
            " / Sort names, one per line, in 姓氏笔画 order (default) or 姓名笔画 order "
            "(people's congresses); pairs the data cannot settle are listed on stderr."
        ),
    )
    p.add_argument(
        "file", nargs="?", metavar="FILE", help="名单文件，省略则读标准输入 / default: stdin"
    )
    p.add_argument(
        "--convention",
        choices=["surname", "npc"],
        default="surname",
        help="surname = 姓氏笔画 (党代会, default); npc = 姓名笔画 (人大)",
    )
    p.add_argument(
        "--split",
        action="store_true",
        help=(
            "一行有多个姓名时拆开（顿号、逗号、空格分隔；“王　伟”这样的两字姓名不拆）"
            " / split lines holding several names (a list copied from a news page)"
        ),
    )
    p.add_argument("--json", action="store_true", help="JSON 输出 / print JSON")
    p.set_defaults(func=run)


def _read_text(ctx: Ctx, file: str | None) -> str:
    if file is None:
        buffer = getattr(sys.stdin, "buffer", None)
        raw = buffer.read() if buffer is not None else sys.stdin.read()
        source = ctx.t("标准输入", "standard input")
    else:
        path = Path(file)
        if path.is_dir():
            refuse(
                ctx.t(
                    f"{file} 是一个文件夹：请给出名单文件（每行一个姓名的文本文件，或 Excel）。",
                    f"{file} is a folder: give the name list file (a text file, one name a"
                    " line, or a workbook).",
                )
            )
        if not path.is_file():
            refuse(ctx.t(f"找不到名单文件：{file}", f"Name list not found: {file}"))
        try:
            raw = path.read_bytes()
        except OSError as exc:
            refuse(ctx.t(f"无法读取 {file}：{exc}", f"Cannot read {file}: {exc}"))
        source = file
    if isinstance(raw, bytes):
        if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            refuse(
                ctx.t(
                    f"{source} 是 Excel 或 Word 文件：sort-names 读纯文本名单（每行一个姓名）。"
                    "请把姓名一列复制到记事本，存为 .txt 后再试；选举定义工作簿请用 huanjie init。",
                    f"{source} is an Excel or Word file: sort-names reads a plain-text list (a"
                    " name a line). Copy the names column into a text editor, save it as .txt"
                    " and try again; a definition workbook goes to huanjie init.",
                )
            )
        # (before GBK is tried: UTF-8 with a bad byte may read as GBK, every name garbled)
        damage = None if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf8_damage(raw)
        if damage is not None:
            line, cut = damage
            if cut:
                refuse(
                    ctx.t(
                        f"{source} 是 UTF-8 文本，但在第 {line} 行末尾被截断，最后一个字只剩半个"
                        "（文件没有存完整，或复制时被截断）：请从原始名单重新复制或保存，再试。",
                        f"{source} is UTF-8 text cut off in the middle of a character at the end"
                        f" of line {line} (the file was not saved whole, or was cut when copied):"
                        " copy or save it again from the original list and try again.",
                    )
                )
            refuse(
                ctx.t(
                    f"{source} 是 UTF-8 文本，但第 {line} 行有不成字的字节（文件在那里损坏了，"
                    f"或混入了其他编码的文字）：请对照原始名单改正第 {line} 行，另存为 UTF-8 后再试。",
                    f"{source} is UTF-8 text, but line {line} has bytes that make no character"
                    " (the file was damaged there, or text in another encoding was pasted in):"
                    f" correct line {line} from the original list, save as UTF-8 and try again.",
                )
            )
        text = _decoded(raw)
        if text is None:
            refuse(
                ctx.t(
                    f"{source} 的编码无法识别（不是 UTF-8、UTF-16 或 GBK），请另存为 UTF-8 后再试。",
                    f"{source} is in an encoding not recognised (not UTF-8, UTF-16 or GBK):"
                    " save it as UTF-8 and try again.",
                )
            )
        return text
    return raw.removeprefix("\ufeff")


def _utf8_damage(raw: bytes) -> tuple[int, bool] | None:
    """Where a UTF-8 file that does not decode is damaged: the line of its first bad byte,
    and whether the file ends there in the middle of a character (cut off); None when the
    file is no UTF-8 — GBK, say, whose bytes make few UTF-8 characters and many bad ones."""
    good = bad = 0
    first: int | None = None
    cut = False
    at = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    while at < len(raw):
        try:
            raw[at:].decode("utf-8")
        except UnicodeDecodeError as exc:
            chunk = raw[at : at + exc.start].decode("utf-8")
            good += sum(1 for ch in chunk if ord(ch) >= 0x800)  # (a three-byte character)
            bad += 1
            if first is None:
                first = at + exc.start
                cut = exc.reason == "unexpected end of data"  # (only ever at the file's end)
            if bad >= 64:
                break  # (enough to tell UTF-8 damaged here and there from another encoding)
            at += exc.end
        else:
            good += sum(1 for ch in raw[at:].decode("utf-8") if ord(ch) >= 0x800)
            break
    if first is None or good < 2 * bad:
        return None
    return raw.count(b"\n", 0, first) + 1, cut


def _decoded(raw: bytes) -> str | None:
    """The text of a list file: UTF-8 (with or without BOM); UTF-16 with its BOM (Excel's
    "Unicode text"); else GBK / GB18030, as a Chinese Windows machine saves text. None
    when it is none of them."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


#: Words of a list's title line, never of a name ('…代表大会代表名单', '…委员会委员名单').
_TITLE_WORDS = ("名单", "委员会", "代表大会", "笔画为序", "按姓氏")


def _title(text: str) -> bool:
    """A line copied with the list that is its title: long, with a title's words."""
    return len(text) > 6 and any(w in text for w in _TITLE_WORDS)


#: How the heading of a group of names ends ('纪律检查委员会委员', '县委常委会委员').
_HEADING_ENDS = ("委员", "代表", "成员", "常委", "书记", "名单", "候选人", "主任", "人员", "组长")


def _heading_word(word: str) -> bool:
    """Does this first word of a line head the names after it (no colon between)? Longer
    than a name, ending as a heading does, or a title's words."""
    from huanjie_desktop.domain.name_order import normalize

    core = normalize(word)
    return len(core) >= 4 and (core.endswith(_HEADING_ENDS) or _title(core))


def run(ctx: Ctx) -> int:
    from huanjie_desktop.domain.name_order import (
        Convention,
        SortResult,
        load_default_table,
        sort_names,
    )

    args = ctx.args
    text = _read_text(ctx, args.file)
    from huanjie_desktop.domain.definition import clean_name
    from huanjie_desktop.domain.name_order import (
        heading_line,
        joined_lines,
        normalize,
        placeholder_name,
        split_names,
        spread_flag,
        spread_list,
        spread_name,
        totals_line,
        unnumbered,
    )

    names: list[str] = []
    headings: list[str] = []
    lines = text.splitlines()
    # (one name a line, its characters spaced apart — '李 小 明', pdftotext of a table's
    # 分散对齐 column — is no list a wrap broke: no line is joined to the next)
    spread = args.split and spread_list(lines)
    doubtful: set[int] = set()
    if args.split and not spread:
        lines = joined_lines(lines, doubtful)
    told = []
    for at, line in enumerate(lines):
        if (spread or at in doubtful) and (whole := spread_name(line)) is not None:
            # ('欧 阳 明 明' is one name here: clean_name leaves four characters apart)
            if at in doubtful:
                told.append(spread_flag(line))
            line = whole
        # (as the definition keeps a name: no invisible characters, no padding — so the
        # order printed here is the ballot's; cells pasted from a table, a tab apart, stay
        # apart: '王伟<TAB>男' is no name '王伟男')
        line = clean_name(unnumbered(line) if args.split else line)
        if not line:
            continue
        head, colon, rest = line.partition("：") if "：" in line else line.partition(":")
        if colon and normalize(rest):
            # '中央委员会委员：李　强　赵乐际': the words before the colon head the names
            headings.append(head + colon)
            line = rest.strip()
        elif len(words := line.split(maxsplit=1)) == 2 and _heading_word(words[0]):
            # '纪律检查委员会委员　张又侠　何卫东': a heading and its names, no colon between
            headings.append(words[0])
            line = words[1]
        if not normalize(line) or _title(line) or heading_line(line) or placeholder_name(line):
            # '（按姓氏笔画为序）', '中国共产党第二十届中央委员会委员名单', '书　记',
            # '北京市（60名）', '合计', '待定': a heading, a totals line, no name
            headings.append(line)
            continue
        names.extend(split_names(line) if args.split else [line])
    try:
        table = load_default_table()
    except OSError as exc:
        refuse(ctx.t(f"笔画表缺失或损坏：{exc}", f"The stroke table is missing or damaged: {exc}"))
    result = sort_names(names, table, Convention(args.convention))
    if told:
        result = SortResult(result.names, tuple(dict.fromkeys([*told, *result.flags])))
    if args.json:
        ctx.json(
            {
                "names": list(result.names),
                "skipped": headings,
                "flags": [
                    {"first": f.first, "second": f.second, "reason": f.reason(ctx.lang)}
                    for f in result.flags
                ],
            }
        )
        return EXIT_OK
    for name in result.names:
        ctx.out(name)
    for line in headings:
        if totals_line(line):
            told_zh, told_en = "跳过合计行（不是姓名）", "Skipped a totals line (no name)"
        elif placeholder_name(line):
            told_zh, told_en = "跳过占位的字（不是姓名）", "Skipped a placeholder (no name)"
        else:
            told_zh, told_en = (
                "跳过标题行（其中没有姓名）",
                "Skipped a heading line (no name in it)",
            )
        ctx.err(ctx.t(f"{told_zh}：{line}", f"{told_en}: {line}"))
    if result.flags:
        ctx.err(
            ctx.t(
                f"请人工核对以下 {len(result.flags)} 处：",
                f"Please confirm these {len(result.flags)} item(s):",
            )
        )
        for f in result.flags:
            who = f"{f.first} / {f.second}" if f.second else f.first
            ctx.err(f"  {who}: {f.reason(ctx.lang)}")
    return EXIT_OK
