"""Command: scan — read scanned ballots (files or folders) into the election file.

``huanjie scan FILE PATH... [--station NAME] [--json] [--overlay DIR] [--workers N]``

Progress goes to stderr, one line per page; with ``--json`` one JSON object per page on
stdout (JSON Lines). A summary (counted / review / rejected / duplicate) ends on stderr.
Rejected pages are listed, not errors: the exit code is 0 unless FILE cannot be opened,
nothing can be scanned, or the scan stopped because a page's image could not be saved in
the images folder (full, not writable) (1).
"""

from __future__ import annotations

import inspect
import json
import os
import signal
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from huanjie_desktop.cli.common import EXIT_OK, EXIT_REFUSED, Ctx, refuse, usage_error

if TYPE_CHECKING:
    from huanjie_desktop.recognition.pipeline import PageResult

_STATUS_ZH = {"counted": "计票", "review": "待审", "rejected": "拒收", "duplicate": "重复"}


def register(sub: Any) -> None:
    p = sub.add_parser("scan", help="读取扫描的选票 / read scanned ballots into the file")
    p.add_argument("file", metavar="FILE", help="选举文件 / election file")
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="图像、PDF 或文件夹 / images, PDFs or folders"
    )
    p.add_argument(
        "--station",
        default=None,
        help="计票点 / station name (default: this laptop's station name, main on the main laptop)",
    )
    p.add_argument("--json", action="store_true", help="每页一行 JSON / one JSON object per page")
    p.add_argument(
        "--overlay",
        default=None,
        metavar="DIR",
        help="把识别结果画在图上存入此文件夹 / write annotated pages here",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=2,
        metavar="N",
        help="并行进程数 / worker processes (default 2)",
    )
    p.set_defaults(func=run)


def run(ctx: Ctx) -> int:
    from dataclasses import replace

    from huanjie_desktop.app.accounts import NotAllowed
    from huanjie_desktop.app.scan import (
        BACK_REASONS,
        ImagesNotSaved,
        PassedOver,
        ScanRefused,
        expand_paths,
        images_dir,
        scan_paths,
    )
    from huanjie_desktop.cli.common import open_session, refuse_not_allowed
    from huanjie_desktop.domain.model import SheetStatus
    from huanjie_desktop.recognition.reasons import passed_over
    from huanjie_desktop.storage.db import ElectionFileError, open_election_file

    a = ctx.args
    if a.workers < 1:
        usage_error(
            ctx.t(
                f"--workers {a.workers}：并行进程数至少为 1（默认 2）。",
                f"--workers {a.workers}: at least 1 worker process (default 2).",
            )
        )
    if a.station is not None and not a.station.strip():
        usage_error(
            ctx.t(
                "--station 不能为空：不写则用本机的计票点名称。",
                "--station cannot be empty: leave it out for this laptop's station name.",
            )
        )
    if a.overlay and Path(a.overlay).exists() and not Path(a.overlay).is_dir():
        usage_error(
            ctx.t(
                f"--overlay {a.overlay} 不是文件夹：请给出存放标注图的文件夹（没有会新建）。",
                f"--overlay {a.overlay} is not a folder: give the folder for the marked-up"
                " pictures (it is made if missing).",
            )
        )
    try:
        db = open_election_file(Path(a.file), ctx.operator)
    except ElectionFileError as exc:
        refuse(exc.message(ctx.lang))
    counts = {"counted": 0, "review": 0, "rejected": 0, "duplicate": 0}
    again = blank_bw = backs = not_pages = 0
    pipe_closed = False
    session = None
    stopped: ImagesNotSaved | None = None
    passed = PassedOver()
    try:
        session = open_session(ctx, db)
        results = scan_paths(
            db,
            [Path(p) for p in a.paths],
            station=a.station,
            overlay_dir=Path(a.overlay) if a.overlay else None,
            workers=max(1, a.workers),
            operator=session,
        )
        # (what the folders hold that is not read, said at the end: after the right to scan)
        passed = expand_paths(
            [Path(p) for p in a.paths], images_dir(db), Path(a.overlay) if a.overlay else None
        )[1]
        seen: dict[str, tuple[str, str]] = {}  # sheet → status and where, as printed
        shown: dict[str, PageResult] = {}  # sheet → its page as printed in JSON
        for n, r in enumerate(_every_page(results), 1):
            counts[str(r.status)] = counts.get(str(r.status), 0) + 1
            seen[r.sheet_id] = (str(r.status), f"{Path(r.source_file).name} p{r.page}")
            if a.json and r.sheet_id:
                shown[r.sheet_id] = r
            revised = []
            # (why this page holds one printed above: it is that sheet's back, with writing
            # on it, or it has the same serial)
            held = "written_back" if "writing_on_back" in r.reasons else "serial_conflict"
            for other in r.held_too:
                if other in shown and shown[other].status is not SheetStatus.REVIEW:
                    # (the page printed above as counted is now held too: said again, as it
                    # now stands, before this page — a reader of the JSON took it as counted)
                    shown[other] = replace(
                        shown[other], status=SheetStatus.REVIEW, reasons=(held,), ballot_valid=None
                    )
                    revised.append({**shown[other].to_json(ctx.lang), "revised": True})
                # (a sheet printed above as counted: held now, for this image)
                was, where = seen.get(other, ("", other))
                if was == "counted":
                    counts["counted"] -= 1
                    counts["review"] += 1
                    seen[other] = ("review", where)
                said = (
                    ctx.t(
                        f"        注意：下面这页是 {where} 的背面，写有文字：{where} 现在待审核。",
                        f"        note: the page below is the back of {where} and has writing"
                        f" on it: {where} is now held for review.",
                    )
                    if held == "written_back"
                    else ctx.t(
                        f"        注意：{where} 与下面这页防伪码相同，现在两页都待审核。",
                        f"        note: {where} has the same serial as the page below; both"
                        " are now held for review.",
                    )
                )
                print(said, file=sys.stderr, flush=True)
            again += int(r.already_stored)
            # (refused pages that are no ballot: blank backs, files that are no image)
            backs += int(str(r.status) == "rejected" and r.reasons in BACK_REASONS)
            not_pages += int(str(r.status) == "rejected" and r.reasons == ("not_an_image",))
            blank_bw += int(not r.already_stored and r.blank_in_black_and_white())
            if a.json and not pipe_closed:
                try:
                    for item in revised:
                        print(json.dumps(item, ensure_ascii=False), flush=True)
                    print(json.dumps(r.to_json(ctx.lang), ensure_ascii=False), flush=True)
                except BrokenPipeError:
                    # (the reader stopped reading, `| head`: the scan goes on storing every
                    # page — it stopped a third of the way through, saying nothing)
                    pipe_closed = True
                    devnull = os.open(os.devnull, os.O_WRONLY)
                    os.dup2(devnull, sys.stdout.fileno())
            word = (
                str(r.status) if ctx.lang == "en" else _STATUS_ZH.get(str(r.status), str(r.status))
            )
            note = ctx.t("（已在文件中）", " (already stored)") if r.already_stored else ""
            why = r.to_json(ctx.lang)["reason"] or ""
            print(
                f"{n:6d}  {word}{note}  {Path(r.source_file).name} p{r.page}"
                + (f"  {why}" if why else ""),
                file=sys.stderr,
                flush=True,
            )
    except ImagesNotSaved as exc:
        stopped = exc  # (said after the run's counts: the pages before it are stored)
    except ScanRefused as exc:
        refuse(exc.message(ctx.lang))
    except NotAllowed as exc:
        refuse_not_allowed(ctx, exc, session)
    finally:
        db.close()
    total = sum(counts.values())
    ctx.err(
        ctx.t(
            f"共 {total} 页：计票 {counts['counted']}，待审 {counts['review']}，"
            f"拒收 {counts['rejected']}，重复 {counts['duplicate']}"
            + (f"（其中 {again} 页此前已读入）" if again else ""),
            f"{total} pages: counted {counts['counted']}, review {counts['review']}, "
            f"rejected {counts['rejected']}, duplicate {counts['duplicate']}"
            + (f" ({again} were already stored)" if again else ""),
        )
    )
    if backs or not_pages:
        ballots = counts["counted"] + counts["review"] + counts["rejected"] - backs - not_pages
        ctx.err(
            ctx.t(
                f"拒收的页中有 {backs} 页是选票背面（空白或写有字迹）、{not_pages} 个不是图像的文件；"
                f"与收回票数核对的是：计票 + 待审 + 其余拒收 = {ballots} 张",
                f"of the rejected, {backs} are ballots' backs (blank or written on) and {not_pages}"
                f" files no image; to"
                f" check against the ballots collected: counted + review + the other rejected"
                f" = {ballots}",
            )
        )
    if passed.ignored:
        ctx.err(
            ctx.t(
                f"另有 {passed.ignored} 个系统或扫描软件自己的文件未读取（如 Thumbs.db、.DS_Store、"
                "日志文件、以“.”开头的隐藏文件）。",
                f"{passed.ignored} file(s) of the system or the scanner software were passed over"
                " (Thumbs.db, .DS_Store, logs, hidden files starting with '.').",
            )
        )
    for thing, code in passed.named:
        # (files and folders not read that may hold ballots, each said with why: an archive of
        # scans, a hidden folder; a picture drawn by this software)
        ctx.err(ctx.t(f"{thing}：", f"{thing}: ") + passed_over(code, ctx.lang))
    if blank_bw:
        from huanjie_desktop.app.scan import blank_bw_warning

        ctx.err(ctx.t(*blank_bw_warning(blank_bw)))
    if stopped is not None:
        ctx.err(stopped.message(ctx.lang))
        return EXIT_REFUSED
    return EXIT_OK


def _every_page(results: Generator[PageResult, None, None]) -> Iterator[PageResult]:
    """The scan's pages, a Ctrl-C while one is printed handed to the scan rather than raised
    here: the scan then yields the pages it stored on its way out, printed like the others,
    and raises it itself. (Raised here, the pages stored but not yet handed on were printed
    by no run: the next printed them "already_stored", which a tool adding up runs' new
    lines leaves out.)"""
    interrupted = thrown = False

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        nonlocal interrupted
        # (in the scan: it stores and hands on what it read, then raises it)
        if inspect.getgeneratorstate(results) == inspect.GEN_RUNNING:
            raise KeyboardInterrupt
        interrupted = True

    try:
        before = signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread: Ctrl-C is not ours to take
        yield from results
        return
    try:
        while True:
            try:
                if interrupted and not thrown:
                    thrown = True
                    r = results.throw(KeyboardInterrupt())
                else:
                    r = next(results)
            except StopIteration:
                break
            yield r
        if interrupted:  # (at the very end: everything stored is printed)
            raise KeyboardInterrupt
    finally:
        signal.signal(signal.SIGINT, before)
