"""Use cases for printed ballots and check-in cards, and the ballot-box counts (发出 / 收回).

- ``layout_for``: a round's ballot geometry (what ``huanjie ballots layout`` prints);
- ``print_ballots``: N sheets with distinct random serials; the run is recorded (count, time,
  operator, SHA-256 of the sorted serials) and audited;
- ``spoil``: a printed sheet recorded as spoiled (作废);
- ``print_badges``: delegate cards (代表证) with the person's badge code;
- ``record_box_count`` / ``box_totals``: issued and collected per box, summed per round.

Refusals are :class:`BallotRefused` with a Chinese and an English message.

Rights (``operator``: the signed-in `accounts.Session`, None while the file has no account):
printing ballots changes what the definition has issued, so it is refused on a station
laptop and needs ``prepare``, like spoiling a sheet and printing delegate cards; a box's
issued/collected count is counting-room work (``scan``) and is allowed on a station.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from huanjie_desktop.app.accounts import Action, Session, require
from huanjie_desktop.app.fingerprint import ballot_key, round_fingerprint
from huanjie_desktop.app.oserrors import why_en, why_zh
from huanjie_desktop.app.stations import (
    MAIN,
    WrongStation,
    assert_definition_editable,
    assert_may_write_as,
    local_station,
)
from huanjie_desktop.domain.ballot_code import BallotCode, new_serial
from huanjie_desktop.domain.layout import BallotLayout
from huanjie_desktop.domain.model import (
    Contest,
    ContestKind,
    Level,
    Method,
    Problem,
    RoundStatus,
    round_writein_columns,
)
from huanjie_desktop.domain.tally import DEFAULT_BOX
from huanjie_desktop.reports.badges import BadgeCard, render_badges
from huanjie_desktop.reports.ballot_pdf import (
    BallotPlan,
    BallotSpec,
    LayoutError,
    plan_ballot,
    render_ballots,
)
from huanjie_desktop.storage import ballots as store
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB, utc_now

MAX_SHEETS = 20000


class BallotRefused(Exception):
    """The request cannot be carried out; the message says why (zh, en)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class PrintResult:
    run: int
    contest: str
    round: int
    count: int
    test: bool
    path: Path
    serials: tuple[str, ...]
    digest: str
    paper: str
    fingerprint: str
    layout: BallotLayout


class BoxTotals(NamedTuple):
    """(issued, collected, per-box rows) of one round."""

    issued: int
    collected: int
    boxes: list[store.BoxCount]

    @property
    def entered(self) -> bool:
        """Every box has both its numbers (a box without its 发出 yet proves nothing)."""
        return bool(self.boxes) and all(
            b.issued is not None and b.collected is not None for b in self.boxes
        )

    @property
    def collected_exceeds_issued(self) -> bool:
        """收回 > 发出, every box's numbers in: the round is void and must be re-run."""
        return self.entered and self.collected > self.issued


def serials_digest(serials: list[str] | tuple[str, ...]) -> str:
    """SHA-256 over the sorted serials, one per line."""
    return hashlib.sha256("\n".join(sorted(serials)).encode("ascii")).hexdigest()


def _contest(db: ElectionDB, code: str) -> Contest:
    contest = repo.read_contest(db, code)
    if contest is None:
        known = "、".join(c.code for c in repo.read_contests(db)) or "—"
        raise BallotRefused(
            f"没有编号为“{code}”的选举事项。现有：{known}",
            f"there is no contest {code!r}; known: {known}",
        )
    return contest


def _round(db: ElectionDB, contest: str, number: int | None) -> repo.RoundInfo:
    if number is None:
        number = repo.latest_round(db, contest)
        if number is None:
            raise BallotRefused(
                f"选举事项 {contest} 还没有任何一轮投票。", f"contest {contest} has no round yet"
            )
    info = repo.read_round(db, contest, number)
    if info is None:
        latest = repo.latest_round(db, contest)
        raise BallotRefused(
            f"选举事项 {contest} 没有第 {number} 轮（最新为第 {latest} 轮）。",
            f"contest {contest} has no round {number} (latest: {latest})",
        )
    return info


def default_box(db: ElectionDB, contest: str, round: int, station: str | None = None) -> str:
    """The box a count goes to when none is named: "1" on the main laptop, "<station>-1" for
    a station laptop's — two delegations each entering their box as the default "1" were
    taken on the main laptop for one box reported twice. A station whose round already has
    a box "1" (entered before this default) goes on with it."""
    station = (station or "").strip() or local_station(db)
    if station == MAIN:
        return DEFAULT_BOX
    if store.box_count_exists(db, contest, round, DEFAULT_BOX, station):
        return DEFAULT_BOX
    return f"{station}-{DEFAULT_BOX}"


def resolve_round(db: ElectionDB, contest: str, round: int | None = None) -> int:
    """The round number meant: the one given, or the contest's latest; refuses unknown ones."""
    _contest(db, contest)
    return _round(db, contest, round).number


def ballot_spec(
    db: ElectionDB, contest: str, round: int | None = None, test: bool = False
) -> BallotSpec:
    c = _contest(db, contest)
    r = _round(db, contest, round)
    if not r.candidates:
        raise BallotRefused(
            f"{c.title} 第 {r.number} 轮没有候选人，无法印制选票。",
            f"{c.title} round {r.number} has no candidates; nothing to print",
        )
    columns = round_writein_columns(c, r.kind, r.seats)
    if columns != c.writein_columns:
        c = replace(c, writein_columns=columns)
    unit = next((u.name for u in repo.read_units(db) if c.unit and u.code == c.unit), "")
    return BallotSpec(c, r.number, r.kind, r.seats, r.candidates, test, unit)


def _plan(spec: BallotSpec) -> BallotPlan:
    try:
        return plan_ballot(spec)
    except LayoutError as e:
        raise BallotRefused(e.zh, e.en) from None


def ballot_fit_problem(db: ElectionDB, contest: str) -> Problem | None:
    """A warning when the contest's ballot (its latest round, as it would print now) cannot
    be laid out on any paper: what stops it and what to do, said when the list is entered —
    a long note on one candidate was found only when the ballots were to be printed."""
    try:
        spec = ballot_spec(db, contest)
    except BallotRefused:
        return None  # (no candidates yet: nothing to lay out)
    try:
        plan_ballot(spec)
    except LayoutError as e:
        return Problem("", "ballot_does_not_fit", e.zh, e.en, warning=True)
    return None


def layout_for(db: ElectionDB, contest: str, round: int | None = None) -> BallotLayout:
    """The geometry of a round's ballot, in mm from the page's top-left corner."""
    return _plan(ballot_spec(db, contest, round)).layout


def _refuse_closed(
    c: Contest, r: repo.RoundInfo, doing_zh: str, doing_en: str, latest: int | None = None
) -> None:
    """Refuse to change a round certified, void, or (``latest``: the contest's last round)
    one a later round was opened after."""
    if latest is not None and latest > r.number and r.status is RoundStatus.OPEN:
        raise BallotRefused(
            f"{c.title} 已开启第 {latest} 轮：第 {r.number} 轮的结果是开启它的依据，不能再{doing_zh}。",
            f"{c.title} round {latest} has been opened on round {r.number}'s result;"
            f" cannot {doing_en} for round {r.number} any more.",
        )
    if r.status is RoundStatus.CERTIFIED:
        raise BallotRefused(
            f"{c.title} 第 {r.number} 轮的结果已确认并冻结，不能再{doing_zh}。",
            f"{c.title} round {r.number} is certified and frozen; cannot {doing_en}.",
        )
    if r.status is RoundStatus.VOID:
        raise BallotRefused(
            f"{c.title} 第 {r.number} 轮已宣布无效，不能再{doing_zh}；请开启新一轮投票。",
            f"{c.title} round {r.number} was declared void; cannot {doing_en}. Open a new round.",
        )


def _fresh_serials(db: ElectionDB, count: int) -> list[str]:
    serials: list[str] = []
    seen: set[str] = set()
    while len(serials) < count:
        batch = [s for s in (new_serial() for _ in range(count - len(serials))) if s not in seen]
        taken = store.existing_serials(db, batch)
        for s in batch:
            if s not in taken and s not in seen:
                seen.add(s)
                serials.append(s)
    return serials


def _refuse_unfit_list(db: ElectionDB, spec: BallotSpec) -> None:
    """Real ballots are not printed for a list the rules refuse: a 差额 first round with too
    few candidates (saved, the page said so, and 40 ballots printed "实行等额选举"), or two
    candidates the ballot cannot tell apart (the same name, no note: a mark for "张伟" is
    for either)."""
    from huanjie_desktop.app.election import contest_status
    from huanjie_desktop.domain.definition import printed_identity

    c = spec.contest
    if spec.round == 1 and c.method is Method.COMPETITIVE:
        s = next((x for x in contest_status(db) if x.code == c.code), None)
        if s is not None and not s.margin.meets_minimum:
            raise BallotRefused(
                f"{c.title}：候选人不足，至少需要 {s.minimum_candidates} 名，现有 {s.candidates} 名"
                "（差额选举的候选人须多于应选名额）。请补足候选人或调整规则后再印制正式选票"
                "（样票可以印制）。",
                f"{c.title}: too few candidates — needs {s.minimum_candidates}, has"
                f" {s.candidates} (a competitive election needs more candidates than seats). Add"
                " candidates or change the rules before printing real ballots (sample ballots"
                " can be printed).",
            )
    seen: dict[tuple[str, str], str] = {}
    for k in spec.candidates:
        # (notes as printed: '女' under one, '（女）' under the other tell nothing apart)
        key = printed_identity(k.name, k.annotation)
        if key in seen:
            raise BallotRefused(
                f"{c.title}：候选人 {seen[key]} 和 {k.code} 都叫“{k.name}”，选票上无法区分。"
                "请在“备注”中分别注明（如性别、出生年月或工作单位），备注印在姓名下面。",
                f"{c.title}: candidates {seen[key]} and {k.code} are both called {k.name!r} and"
                " the ballot cannot tell them apart. Give each a note (gender, birth,"
                " workplace); it is printed under the name.",
            )
        seen[key] = k.code


def print_ballots(
    db: ElectionDB,
    contest: str,
    round: int | None,
    count: int,
    out_pdf: Path,
    test: bool = False,
    *,
    operator: Session | None = None,
) -> PrintResult:
    """Print ``count`` sheets to ``out_pdf`` and record the run (all or nothing)."""
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    if not 1 <= count <= MAX_SHEETS:
        raise BallotRefused(
            f"印制张数应在 1 到 {MAX_SHEETS} 之间，这里是 {count}。",
            f"the number of sheets must be between 1 and {MAX_SHEETS}, got {count}",
        )
    spec = ballot_spec(db, contest, round, test)
    r = _round(db, contest, spec.round)
    _refuse_closed(spec.contest, r, "印制选票", "print ballots")
    if not test:
        _refuse_unfit_list(db, spec)
    plan = _plan(spec)
    fingerprint = round_fingerprint(db, contest, spec.round)
    key = ballot_key(db)
    serials = _fresh_serials(db, count)
    payloads = [
        BallotCode(fingerprint, contest, spec.round, spec.contest.ballot_style, test, s).encode(key)
        for s in serials
    ]
    out_pdf = Path(out_pdf)
    part = out_pdf.with_name(out_pdf.name + ".part")
    try:
        render_ballots(plan, payloads, serials, part)
    except OSError as e:
        part.unlink(missing_ok=True)
        raise BallotRefused(
            f"无法写入 {out_pdf}：{why_zh(e)}", f"cannot write {out_pdf}: {why_en(e)}"
        ) from None
    digest = serials_digest(serials)
    try:
        with db.transaction():
            run = store.insert_print_run(
                db, contest, spec.round, serials, test, utc_now(), db.operator, digest
            )
            db.audit(
                "ballots.printed",
                {
                    "contest": contest,
                    "round": spec.round,
                    "count": count,
                    "test": test,
                    "run": run,
                    "serials_digest": digest,
                    "fingerprint": fingerprint,
                    "paper": plan.paper,
                    "file": out_pdf.name,
                },
            )
            # (in the transaction: a PDF that cannot take its place — a folder there, no
            # right to write — records no print run of ballots nobody has)
            part.replace(out_pdf)
    finally:
        part.unlink(missing_ok=True)
    return PrintResult(
        run,
        contest,
        spec.round,
        count,
        test,
        out_pdf,
        tuple(serials),
        digest,
        plan.paper,
        fingerprint,
        plan.layout,
    )


def print_runs(db: ElectionDB, contest: str | None = None) -> list[store.PrintRun]:
    if contest is not None:
        _contest(db, contest)
    return store.list_print_runs(db, contest)


def spoil(
    db: ElectionDB, serial: str, reason: str, *, operator: Session | None = None
) -> store.SerialInfo:
    """Record one printed sheet as spoiled (作废); a scanned spoiled sheet is then refused."""
    require(db, operator, Action.PREPARE)
    code = serial.strip().upper()
    reason = reason.strip()
    if not reason:
        raise BallotRefused("请写明这张选票作废的原因。", "state why the sheet is spoiled")
    info = store.lookup_serial(db, code)
    if info is None:
        raise BallotRefused(
            f"找不到防伪码为“{code}”的选票：本选举文件没有印制过这张票。请核对选票右上角二维码下方的防伪码。",
            f"no ballot with serial {code!r} was printed from this election file; check the code"
            " printed under the QR code",
        )
    if info.spoiled:
        raise BallotRefused(
            f"防伪码“{code}”的选票已于 {info.spoiled_at} 登记作废（原因：{info.spoiled_reason}）。",
            f"the sheet {code} was already spoiled at {info.spoiled_at} ({info.spoiled_reason})",
        )
    c = _contest(db, info.contest)
    r = _round(db, info.contest, info.round)
    if r.status in (RoundStatus.CERTIFIED, RoundStatus.VOID):
        _refuse_closed(c, r, "登记作废票", "spoil sheets")
    from huanjie_desktop.storage import sheets as sheet_store

    cast = [s for s in sheet_store.by_serial(db.con, code) if s.status in ("counted", "review")]
    if cast:
        where = Path(cast[0].source_file).name
        raise BallotRefused(
            f"防伪码“{code}”的选票已经扫描入票（{where} 第 {cast[0].page} 页），是投进票箱的选票，"
            "不能再登记为作废票。如这张票不应计入，请由监票人认定为无效票"
            f"（huanjie review decide 文件 {cast[0].id} --void 理由，再由另一人确认）。",
            f"the sheet {code} was already scanned as cast ({where} page {cast[0].page}): a"
            " ballot from the box cannot be recorded as spoiled. If it must not count, a"
            f" scrutineer rules it void (huanjie review decide FILE {cast[0].id} --void REASON,"
            " confirmed by another).",
        )
    at = utc_now()
    with db.transaction():
        if not store.mark_spoiled(db, code, reason, at):
            raise BallotRefused(
                f"防伪码“{code}”的选票无法登记作废。", f"the sheet {code} could not be spoiled"
            )
        db.audit(
            "ballots.spoiled",
            {
                "serial": code,
                "contest": info.contest,
                "round": info.round,
                "run": info.print_run,
                "test": info.test,
                "reason": reason,
            },
        )
    done = store.lookup_serial(db, code)
    assert done is not None
    return done


def print_badges(
    db: ElectionDB, unit: str | None, out: Path, *, operator: Session | None = None
) -> int:
    """Delegate cards for a unit's people (everyone when ``unit`` is None); returns the count."""
    require(db, operator, Action.PREPARE)
    units = {u.code: u.name for u in repo.read_units(db)}
    if unit is not None and unit not in units:
        known = "、".join(units) or "—"
        raise BallotRefused(
            f"没有编号为“{unit}”的选举单位。现有：{known}",
            f"there is no unit {unit!r}; known: {known}",
        )
    people = repo.read_people(db, unit)
    if not people:
        raise BallotRefused(
            "名单中没有可印制代表证的人员。", "nobody on the roster to print a card for"
        )
    if unit is None:
        order = {code: i for i, code in enumerate(units)}
        people.sort(key=lambda p: order.get(p.unit or "", len(order)))
    codes = repo.badge_codes(db)
    # (names compared over the whole roster: a 刘伟 of another unit queues at the same desk)
    notes = repo.namesake_notes(db)
    election = repo.read_election(db)
    # (a members' assembly has no delegates: its members attend, 出席; whoever has no vote
    # there — a probationary member, a guest — attends without it, 列席, on a card unlike
    # the voters' that hands out the ballots)
    # (a committee's plenary, electing its 常委, 书记 and 副书记, has members, no delegates)
    plenary_kinds = (ContestKind.STANDING, ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY)
    contests = repo.read_contests(db)
    plenary = bool(contests) and all(k.kind in plenary_kinds for k in contests)
    voter_title = "代表证" if election.level is Level.LOCAL and not plenary else "出席证"
    cards = [
        BadgeCard(
            p.name,
            units.get(p.unit or "", ""),
            codes[p.code],
            voter_title if p.has_vote else "列席证",
            p.has_vote,
            notes.get(p.code, ""),
        )
        for p in people
    ]
    out = Path(out)
    try:
        render_badges(cards, election.name, out)
    except OSError as e:
        raise BallotRefused(
            f"无法写入 {out}：{why_zh(e)}", f"cannot write {out}: {why_en(e)}"
        ) from None
    db.audit("badges.printed", {"unit": unit, "count": len(cards), "file": out.name})
    return len(cards)


def box_totals(db: ElectionDB, contest: str, round: int | None = None) -> BoxTotals:
    _contest(db, contest)
    r = _round(db, contest, round)
    issued, collected = store.box_sums(db, contest, r.number)
    return BoxTotals(issued, collected, store.read_box_counts(db, contest, r.number))


#: The most a box's count may be where the roster holds nobody with the vote (a count
#: beyond it is a typing error; the database's integers would overflow in the totals);
#: otherwise twice the voters and ten more.
MAX_BOX_COUNT = 1_000_000


def record_box_count(
    db: ElectionDB,
    contest: str,
    round: int | None,
    box: str,
    issued: int | None = None,
    collected: int | None = None,
    station: str | None = None,
    *,
    operator: Session | None = None,
) -> BoxTotals:
    """Enter 发出 and/or 收回 for one ballot box; returns the round's totals afterwards.

    ``station``: where the box was counted; by default this laptop (`local_station`)."""
    require(db, operator, Action.SCAN)
    c = _contest(db, contest)
    r = _round(db, contest, round)
    box = box.strip()
    station = (station or "").strip() or local_station(db)
    try:
        assert_may_write_as(
            db, station, "登记票箱的发出和收回张数", "record a box's ballots issued and collected"
        )
    except WrongStation as exc:
        raise BallotRefused(exc.zh, exc.en) from None
    if not box:
        raise BallotRefused("请给出票箱编号（--box）。", "give the ballot box (--box)")
    if issued is None and collected is None:
        raise BallotRefused("请给出发出或收回的张数。", "give the number issued or collected")
    for value in (issued, collected):
        if value is not None and value < 0:
            raise BallotRefused(f"张数不能为负数：{value}", f"a count cannot be negative: {value}")
    # A mistyped count (a digit too many, a serial typed into the field) ended in a
    # traceback, or was stored and made every later box entry and tally fail with an
    # integer overflow. A box may hold more ballots than its voters — ballots put in it that
    # were never issued, which void the round (收回 > 发出): those must be recorded — but
    # not twice as many.
    expected = repo.expected_present(db, c)[0]
    limit = 2 * expected + 10 if expected else MAX_BOX_COUNT
    for value, zh, en in ((issued, "发出", "issued"), (collected, "收回", "collected")):
        if value is not None and value > limit:
            raise BallotRefused(
                f"票箱“{box}”的{zh}张数 {value} 远多于 {contest} 有选举权的应到人数（{expected} 人），"
                "多半是输错了（多打了一位数？）。请核对票箱的实际张数后重新输入；未作任何改动。"
                if expected
                else f"票箱“{box}”的{zh}张数 {value} 过大（上限 {limit}）。请核对后重新输入；未作任何改动。",
                f"box {box!r}: {value} {en} is far more than the {expected} voters with the"
                f" vote in {contest} — mistyped (a digit too many?). Check the box's count and"
                " enter it again; nothing was changed."
                if expected
                else f"box {box!r}: {value} {en} is too large (at most {limit}). Check it and"
                " enter it again; nothing was changed.",
            )
    latest = repo.latest_round(db, contest)
    # (a round recorded void is as frozen as a certified one: its counts are what the void
    # verdict rests on, and verify compares them with the certified record)
    if r.status is not RoundStatus.OPEN or (latest or r.number) > r.number:
        _refuse_closed(c, r, "修改发出/收回票数", "change issued/collected counts", latest)
    with db.transaction():
        store.upsert_box_count(
            db, contest, r.number, box, station, issued, collected, utc_now(), db.operator
        )
        detail: dict[str, object] = {
            "contest": contest,
            "round": r.number,
            "box": box,
            "station": station,
        }
        if issued is not None:
            detail["issued"] = issued
        if collected is not None:
            detail["collected"] = collected
        split = store.box_reports(db, contest, r.number).combined.get(box)
        if split is not None:
            # (its 发出 entered on one laptop, its 收回 on another: counted as one box)
            detail["combined"] = {
                "issued_by": split[0].station,
                "collected_by": split[1].station,
            }
        db.audit("boxes.counted", detail)
        repo.fix_round_attendance(db, contest, r.number)
    return box_totals(db, contest, r.number)


@dataclass(frozen=True)
class BoxResolved:
    contest: str
    round: int
    box: str
    take: str | None  # None: every report counts (two boxes under one label)
    set_aside: tuple[str, ...]  # the stations whose report no longer counts
    reports: tuple[store.BoxCount, ...]
    totals: BoxTotals


def resolve_box(
    db: ElectionDB,
    contest: str,
    round: int | None,
    box: str,
    take: str | None,
    by: str,
    reason: str = "",
    *,
    operator: Session | None = None,
) -> BoxResolved:
    """A box reported by more than one station: take ``take``'s report as the box's figures
    (the others set aside: kept on record, not counted), or with ``take`` None count every
    report (they are different boxes under one label). Decided by the chief scrutineer on
    the main laptop, ``by`` named, recorded in the audit log; may be decided again until
    the round is closed."""
    require(db, operator, Action.CERTIFY)
    c = _contest(db, contest)
    r = _round(db, contest, round)
    latest = repo.latest_round(db, contest)
    if r.status is not RoundStatus.OPEN or (latest or r.number) > r.number:
        _refuse_closed(c, r, "改变票箱按哪一份计", "change which report counts for a box", latest)
    who = by.strip() or (operator.name if operator else "")
    if operator is not None and who != operator.name:
        raise BallotRefused(
            f"您以“{operator.name}”登录，不能以“{who}”的名义决定：请 {who} 本人登录，或不写 --by。",
            f"you are signed in as {operator.name!r} and cannot decide as {who!r}: {who} must"
            " sign in themselves (or leave --by out).",
        )
    if not who:
        raise BallotRefused(
            "请用 --by 写明由谁决定（总监票人姓名）。",
            "say who decides with --by (the chief scrutineer's name)",
        )
    box = box.strip()
    reports = [b for b in store.all_box_reports(db, contest, r.number) if b.box == box]
    stations = [b.station for b in reports]
    if len(reports) < 2:
        raise BallotRefused(
            f"{contest} 第 {r.number} 轮的票箱“{box}”"
            + (
                f"只有 {stations[0]} 报来的一份发出/收回票数"
                if reports
                else "没有登记发出/收回票数"
            )
            + "，无需选定按哪一份计。",
            f"box {box!r} of {contest} round {r.number} "
            + (f"has one report only (from {stations[0]})" if reports else "has no count entered")
            + ": there is nothing to choose between.",
        )
    split = store.split_report(reports)
    if split is not None:
        # (--take kept half the box's numbers, --both neither whole: the round stayed at
        # "box counts missing" whichever was chosen)
        raise BallotRefused(
            f"{contest} 第 {r.number} 轮的票箱“{box}”的发出 {split[0].issued} 由 {split[0].station}"
            f" 登记、收回 {split[1].collected} 由 {split[1].station} 登记，已合为同一个票箱计入，无需选定。"
            "如确是同名的两个票箱，请在各自的计票机上补登另一个数，再用 --both 两份都计。",
            f"box {box!r} of {contest} round {r.number} has its issued ({split[0].issued})"
            f" from {split[0].station} and its collected ({split[1].collected}) from"
            f" {split[1].station}: they are counted as one box, nothing to choose. Were they"
            " two boxes under one label, enter each one's other number on its laptop, then"
            " count both with --both.",
        )
    if take is not None and take not in stations:
        raise BallotRefused(
            f"票箱“{box}”没有分团“{take}”报来的票数；报来的有：{'、'.join(stations)}。",
            f"box {box!r} has no report from station {take!r}; it was reported by:"
            f" {', '.join(stations)}.",
        )
    set_aside = tuple(s for s in stations if take is not None and s != take)
    with db.transaction() as con:
        store.put_box_choice(
            con, contest, r.number, box, take, stations, who, utc_now(), reason.strip()
        )
        db.audit(
            "boxes.resolved",
            {
                "contest": contest,
                "round": r.number,
                "box": box,
                "take": take,
                "set_aside": list(set_aside),
                "reports": [
                    {"station": b.station, "issued": b.issued, "collected": b.collected}
                    for b in reports
                ],
                "by": who,
                "reason": reason.strip(),
            },
        )
    return BoxResolved(
        contest, r.number, box, take, set_aside, tuple(reports), box_totals(db, contest, r.number)
    )
