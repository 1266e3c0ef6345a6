"""Station and results packages: manifest format, canonical hashing, and the merge rules.

Pure: standard library only. The app layer reads zip files, checks signatures and writes
SQL; this module decides what a package's records mean for the file they are merged into.

Package (a zip file)::

    manifest.json   canonical JSON (sorted keys, UTF-8, no spaces), see `manifest_bytes`
    manifest.sig    hex Ed25519 signature over the exact bytes of manifest.json
    ...             the files the manifest lists, each with its SHA-256 and size

Results packages hold ``records/<kind>.jsonl`` (one canonical JSON record per line) and,
with ``--images``, ``images/<sha256><suffix>``. Their manifest also carries ``index``: for
every record kind, key → digest of the record's *fixed* content, so that every record is
covered by the signature and can be checked again later, long after the import.

Record content is split three ways (`RecordSpec`):

- key: the record's identity at the station (sheet id, decision id, audit seq …);
- state: what may legitimately change after the record was made (a sheet's review status
  and final reading, a decision's confirmation, a box's issued/collected counts, a manual
  entry slot entered again);
- fixed: everything else, including any column added by a later migration (conservative).

Merge rule (VotingWorks-style, extended for cumulative exports): a record with an unseen key
is NEW; same key and same fixed digest is SAME or, when the state differs, UPDATE (applied
only when the package is newer than the last one applied from that station, else STALE);
same key and a different fixed digest is a CONFLICT, and any conflict rejects the whole
package. One exception, REPLACE: a sheet last seen as rejected for an internal error only,
read again at the station (the scanner replaces such a row under the same id).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
STATION_FORMAT = "huanjie-station-package"
RESULTS_FORMAT = "huanjie-results-package"
FORMAT_VERSION = 1
DEFINITION_FILE = "definition.json"
STATION_KEY_FILE = "station_key.json"
#: The main laptop's accounts (name, role, password hash), when it has any: a station made
#: from a file with accounts asks the same people to sign in.
ACCOUNTS_FILE = "accounts.json"

SERIAL_CONFLICT = "serial_conflict"
DUPLICATE_IMAGE = "duplicate_image"
#: A sheet whose serial this file recorded as spoiled (作废) after the station's package was
#: made: refused here as the main laptop's own scanner refuses it.
SPOILED_SERIAL = "spoiled_serial"
#: A station's hand-entered ballot whose label this file took out of the count (review
#: withdraw: entered once only, by mistake) before the station's second entry came in: held,
#: as this laptop refuses to enter such a label again — the paper counts under another.
LABEL_WITHDRAWN = "label_withdrawn"


class Kind(StrEnum):
    SHEET = "sheet"
    DECISION = "decision"
    MANUAL_ENTRY = "manual_entry"
    BOX_COUNT = "box_count"
    AUDIT = "audit"

    @property
    def file(self) -> str:
        return f"records/{self.value}.jsonl"


@dataclass(frozen=True)
class RecordSpec:
    kind: Kind
    key: tuple[str, ...]
    state: tuple[str, ...] = ()
    # Where the record lives, not what it says: never digested, rewritten on import.
    location: tuple[str, ...] = ()


SPECS: dict[Kind, RecordSpec] = {
    Kind.SHEET: RecordSpec(
        Kind.SHEET,
        ("id",),
        ("status", "reason", "reasons", "final_marks", "final_valid", "final_writeins"),
        ("image_path", "_image"),
    ),
    Kind.DECISION: RecordSpec(
        Kind.DECISION, ("id",), ("confirmed_by", "confirmed_at", "superseded")
    ),
    # A slot (entry 1 or 2 of a label) may be entered again: its content is state.
    Kind.MANUAL_ENTRY: RecordSpec(
        Kind.MANUAL_ENTRY,
        ("contest", "round", "label", "entry_no"),
        ("content", "entered_by", "entered_at"),
        ("id",),
    ),
    Kind.BOX_COUNT: RecordSpec(
        Kind.BOX_COUNT,
        ("contest", "round", "box"),
        ("issued", "collected", "updated_at", "operator"),
    ),
    Kind.AUDIT: RecordSpec(Kind.AUDIT, ("seq",)),
}
# The order records are written in (a decision refers to its sheet).
MERGE_ORDER = (Kind.SHEET, Kind.DECISION, Kind.MANUAL_ENTRY, Kind.BOX_COUNT)


@dataclass(frozen=True)
class PackageProblem:
    """Why a package is refused: a reason code and a message in both languages."""

    code: str
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def canonical(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    return canonical(manifest)


def manifest_digest(manifest_raw: bytes) -> str:
    """A package's identity: the SHA-256 of its manifest (which covers every file)."""
    return sha256_hex(manifest_raw)


def record_key(kind: Kind, record: Mapping[str, Any]) -> str:
    spec = SPECS[kind]
    if len(spec.key) == 1:
        return str(record[spec.key[0]])
    return canonical([record[k] for k in spec.key]).decode("utf-8")


def fixed_fields(kind: Kind, record: Mapping[str, Any]) -> dict[str, Any]:
    """The digested fields. NULLs are left out, so that a nullable column added by a later
    migration does not change the digest of records made before it."""
    spec = SPECS[kind]
    skip = set(spec.key) | set(spec.state) | set(spec.location)
    return {k: v for k, v in record.items() if k not in skip and v is not None}


def record_state(kind: Kind, record: Mapping[str, Any]) -> dict[str, Any]:
    return {k: record.get(k) for k in SPECS[kind].state}


def record_digest(kind: Kind, record: Mapping[str, Any], key: str | None = None) -> str:
    """SHA-256 over the kind, the key and the fixed fields (not state, not location)."""
    k = record_key(kind, record) if key is None else key
    return sha256_hex(
        canonical({"kind": kind.value, "key": k, "fields": fixed_fields(kind, record)})
    )


def encode_records(records: Iterable[Mapping[str, Any]]) -> bytes:
    return b"".join(canonical(dict(r)) + b"\n" for r in records)


def decode_records(data: bytes) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for line in data.splitlines():
        if line.strip():
            value = json.loads(line.decode("utf-8"))
            if not isinstance(value, dict):
                raise ValueError("a record is not a JSON object")
            out.append(value)
    return out


# --- manifests ----------------------------------------------------------------------------


def parse_manifest(raw: bytes, expected_format: str) -> dict[str, Any] | PackageProblem:
    """The manifest as a dict, or why it is not a manifest of the expected kind."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return PackageProblem(
            "manifest",
            "清单（manifest.json）无法读取：文件已损坏或被改动。",
            "the manifest (manifest.json) cannot be read: the package is damaged or altered.",
        )
    if not isinstance(data, dict) or data.get("format") not in (STATION_FORMAT, RESULTS_FORMAT):
        return PackageProblem(
            "not_a_package", "这不是换届计票的数据包。", "this is not a huanjie package."
        )
    if data["format"] != expected_format:
        if expected_format == RESULTS_FORMAT:
            return PackageProblem(
                "wrong_kind",
                "这是主机发给分团的分团包，不是分团计票结果包；请用 huanjie station open 打开。",
                "this is a station package from the main laptop, not a results package; open it with huanjie station open.",
            )
        return PackageProblem(
            "wrong_kind",
            "这是分团计票结果包，不是分团包；请在主机上用 huanjie results import 导入。",
            "this is a results package, not a station package; import it on the main laptop with huanjie results import.",
        )
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        return PackageProblem(
            "newer_format",
            f"数据包格式版本 {version} 比本软件支持的（{FORMAT_VERSION}）新：请升级软件。",
            f"package format version {version} is newer than this software supports ({FORMAT_VERSION}): update the software.",
        )
    files = data.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("sha256"), str) and isinstance(v.get("size"), int)
        for v in files.values()
    ):
        return PackageProblem(
            "manifest", "清单中缺少文件列表。", "the manifest has no valid list of files."
        )
    return data


def check_files(
    manifest: Mapping[str, Any], actual: Mapping[str, tuple[str, int]]
) -> list[PackageProblem]:
    """Compare the files found in the package (name → (sha256, size)) with the manifest."""
    problems: list[PackageProblem] = []
    listed: Mapping[str, Any] = manifest["files"]
    for name in sorted(set(listed) - set(actual)):
        problems.append(
            PackageProblem(
                "file_missing",
                f"数据包缺少文件 {name}（清单中有）。",
                f"file {name} listed in the manifest is missing from the package.",
            )
        )
    for name in sorted(set(actual) - set(listed) - {MANIFEST, SIGNATURE}):
        problems.append(
            PackageProblem(
                "file_extra",
                f"数据包中多出了清单中没有的文件 {name}。",
                f"file {name} is in the package but not in the manifest.",
            )
        )
    for name in sorted(set(listed) & set(actual)):
        sha, size = actual[name]
        if sha != listed[name]["sha256"] or size != listed[name]["size"]:
            problems.append(
                PackageProblem(
                    "file_altered",
                    f"文件 {name} 与清单中的哈希值不符：签名之后被改动过。",
                    f"file {name} does not match its hash in the manifest: it was altered after signing.",
                )
            )
    return problems


# --- merging ------------------------------------------------------------------------------


class Verdict(StrEnum):
    NEW = "new"
    SAME = "same"
    UPDATE = "update"  # same fixed content, newer state from a newer package
    STALE = "stale"  # same fixed content, state from an older package: ignored
    REPLACE = "replace"  # a page the scanner failed on, read again at the station
    CONFLICT = "conflict"


# A sheet the scanner could not process because of an internal error, or whose image it could
# not save (the images folder full), is stored as rejected with one of these reasons only; the
# scanner replaces that row (same id) when the page is read again.
# The same replacement is accepted from a newer package; any other change of a fixed field
# is a conflict.
REPLACEABLE_REASONS = (["internal_error"], ["images_not_saved"])


def replaceable(kind: Kind, state: Mapping[str, Any]) -> bool:
    if kind != Kind.SHEET or state.get("status") != "rejected":
        return False
    try:
        return bool(json.loads(state.get("reasons") or "[]") in REPLACEABLE_REASONS)
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Known:
    """What the receiving file already holds for one record key."""

    digest: str
    state: Mapping[str, Any]


def judge(digest: str, state: Mapping[str, Any], known: Known | None, newer: bool) -> Verdict:
    if known is None:
        return Verdict.NEW
    if digest != known.digest:
        return Verdict.CONFLICT
    if dict(state) == dict(known.state):
        return Verdict.SAME
    return Verdict.UPDATE if newer else Verdict.STALE


@dataclass(frozen=True)
class Judged:
    kind: Kind
    key: str
    digest: str
    verdict: Verdict
    record: Mapping[str, Any]


@dataclass
class MergePlan:
    judged: list[Judged] = field(default_factory=list)
    problems: list[PackageProblem] = field(default_factory=list)

    def of(self, verdict: Verdict, kind: Kind | None = None) -> list[Judged]:
        return [j for j in self.judged if j.verdict == verdict and (kind is None or j.kind == kind)]

    def count(self, verdict: Verdict) -> dict[str, int]:
        out: dict[str, int] = {}
        for j in self.judged:
            if j.verdict == verdict:
                out[j.kind.value] = out.get(j.kind.value, 0) + 1
        return out


_KIND_WORDS = {
    Kind.SHEET: ("选票记录", "sheet record"),
    Kind.DECISION: ("审核决定", "review decision"),
    Kind.MANUAL_ENTRY: ("手工录入", "manual entry"),
    Kind.BOX_COUNT: ("票箱发出/收回数", "box count"),
    Kind.AUDIT: ("审计日志条目", "audit entry"),
}


def kind_words(kind: Kind) -> tuple[str, str]:
    return _KIND_WORDS[kind]


def plan_merge(
    records: Mapping[Kind, Sequence[Mapping[str, Any]]],
    index: Mapping[str, Mapping[str, str]],
    known: Mapping[Kind, Mapping[str, Known]],
    newer: bool,
    foreign_sheet_ids: Iterable[str] = (),
    limit: int = 20,
) -> MergePlan:
    """Judge every record of a package against what the file holds.

    ``index`` is the manifest's kind → key → digest; a record whose digest is not the one
    the signed index gives, or a key listed twice, is a problem. ``foreign_sheet_ids``: sheet
    ids already present in the file that did not come from this station: reusing one is a
    conflict (same id, different origin).
    """
    plan = MergePlan()
    forked = False  # (the station's log forked: said once)
    foreign = set(foreign_sheet_ids)

    def problem(p: PackageProblem) -> None:
        if len(plan.problems) < limit:
            plan.problems.append(p)
        elif len(plan.problems) == limit:
            plan.problems.append(PackageProblem("more", "……还有更多问题。", "… and more problems."))

    for kind in (*MERGE_ORDER, Kind.AUDIT):
        listed = dict(index.get(kind.value, {}))
        seen: set[str] = set()
        zh_kind, en_kind = kind_words(kind)
        for rec in records.get(kind, ()):
            key = record_key(kind, rec)
            digest = record_digest(kind, rec, key)
            if key in seen:
                problem(
                    PackageProblem(
                        "duplicate_key",
                        f"{zh_kind} {key} 在数据包中出现了两次。",
                        f"{en_kind} {key} appears twice in the package.",
                    )
                )
                continue
            seen.add(key)
            if listed.get(key) != digest:
                problem(
                    PackageProblem(
                        "record_altered",
                        f"{zh_kind} {key} 与签名清单中的哈希值不符：被改动过。",
                        f"{en_kind} {key} does not match its hash in the signed manifest: it was altered.",
                    )
                )
                continue
            if kind == Kind.SHEET and key in foreign:
                problem(
                    PackageProblem(
                        "conflict",
                        f"选票记录 {key} 已存在于本文件中，但来自另一个分团或主机：同一编号、不同内容。",
                        f"sheet record {key} already exists here from another station or this laptop: same id, different content.",
                    )
                )
                continue
            before = known.get(kind, {}).get(key)
            verdict = judge(digest, record_state(kind, rec), before, newer)
            if verdict == Verdict.CONFLICT and before and newer and replaceable(kind, before.state):
                verdict = Verdict.REPLACE
            if verdict == Verdict.CONFLICT and kind == Kind.AUDIT:
                # (the station's own log disagrees with what it sent before: its file was put
                # back to a backup, or its station package opened again over it; said once)
                if forked:
                    continue
                forked = True
                problem(
                    PackageProblem(
                        "diverged",
                        f"这台分团计票机的审计日志从第 {key} 条起与它以前交来的不同：它的选举文件被恢复成了备份，"
                        "或重新打开过分团包，记录已经分叉，这个包不能再导入。请在主机上为它用新名称导出分团包"
                        "（huanjie station export --station 原名称-2），在新文件上继续计票；分叉以后在旧文件上"
                        "计的选票，请在新文件上重新扫描或录入。",
                        f"this station laptop's audit log differs from what it sent before from entry {key}"
                        " on: its election file was put back to a backup, or its station package was"
                        " opened again, and its records have forked; this package cannot be imported."
                        " On the main laptop, export a station package for it under a new name"
                        " (huanjie station export --station NAME-2) and go on counting in the new file;"
                        " scan or enter again there the ballots counted in the old file since the fork.",
                    )
                )
                continue
            if verdict == Verdict.CONFLICT:
                problem(
                    PackageProblem(
                        "conflict",
                        f"{zh_kind} {key} 此前已导入，但这次内容不同：同一编号、不同内容。",
                        f"{en_kind} {key} was imported before with different content: same id, different content.",
                    )
                )
                continue
            plan.judged.append(Judged(kind, key, digest, verdict, rec))
        for key in sorted(set(listed) - seen):
            problem(
                PackageProblem(
                    "record_missing",
                    f"签名清单列出的{zh_kind} {key} 不在数据包中。",
                    f"{en_kind} {key} is listed in the signed manifest but missing from the package.",
                )
            )
    return plan


# --- sheets from two places ---------------------------------------------------------------


@dataclass(frozen=True)
class SheetRef:
    id: str
    station: str
    serial: str | None
    image_sha256: str
    source: str = "scan"
    status: str = "counted"
    #: taken out of the count by scrutineers (review withdraw): no ballot now, but another
    #: image of its serial is that paper fed again, to be held for a person all the same
    withdrawn: bool = False

    @property
    def counts(self) -> bool:
        """Counted now or possibly after review (what a serial clash can matter for)."""
        return self.status in ("counted", "review")


@dataclass(frozen=True)
class SheetClash:
    incoming: SheetRef
    existing: SheetRef
    reason: str  # SERIAL_CONFLICT (same serial, different image) or DUPLICATE_IMAGE


def sheet_clashes(incoming: Iterable[SheetRef], existing: Iterable[SheetRef]) -> list[SheetClash]:
    """New sheets that clash with sheets from *another* station already in the file.

    The same image from two places is the same paper scanned twice (or the same scan file
    fed to two laptops): the newcomer is a duplicate. The same serial on different images
    means one of the two papers is a copy: both go to review (as the scanner does within one
    laptop, only between sheets that are counted or held for review). A sheet taken out of
    the count (``withdrawn``) clashes too — the paper fed again elsewhere is held — though it
    stays out itself (the caller holds only the one that counts); two taken out do not.
    """
    existing = list(existing)
    by_image: dict[str, list[SheetRef]] = {}
    by_serial: dict[str, list[SheetRef]] = {}
    for e in existing:
        if e.source == "scan" and e.image_sha256:
            by_image.setdefault(e.image_sha256, []).append(e)
        if e.serial:
            by_serial.setdefault(e.serial, []).append(e)
    out: list[SheetClash] = []
    for s in incoming:
        same_image = [
            e
            for e in by_image.get(s.image_sha256, [])
            if e.station != s.station and s.source == "scan" and s.image_sha256
        ]
        if same_image:
            out.append(SheetClash(s, same_image[0], DUPLICATE_IMAGE))
            continue
        if s.serial and (s.counts or s.withdrawn):
            for e in by_serial.get(s.serial, []):
                if (
                    e.station != s.station
                    and e.image_sha256 != s.image_sha256
                    and (e.counts or e.withdrawn)
                    and (s.counts or e.counts)
                ):
                    out.append(SheetClash(s, e, SERIAL_CONFLICT))
    return out


def apply_flags(state: Mapping[str, Any], flags: Sequence[str]) -> dict[str, Any]:
    """A sheet's state as this file shows it: the station's state plus this file's holds."""
    out = dict(state)
    if not flags:
        return out
    reasons = json.loads(out.get("reasons") or "[]")
    for flag in flags:
        if flag not in reasons:
            reasons.append(flag)
    out["reasons"] = canonical(reasons).decode("utf-8")
    out["status"] = (
        "rejected"
        if SPOILED_SERIAL in flags
        else "duplicate"
        if DUPLICATE_IMAGE in flags
        else "review"
    )
    # held or duplicate: nothing of it counts until a person decides (as the scanner holds)
    out["final_marks"] = None
    out["final_valid"] = None
    out["final_writeins"] = "[]"
    return out


# --- imported audit chains ----------------------------------------------------------------

AuditHash = Callable[[int, str, str, str, str, str], str]


def chain_break(
    entries: Sequence[Mapping[str, Any]], audit_hash: AuditHash, genesis: str
) -> PackageProblem | None:
    """The first break in an audit chain given in seq order from 1, or None."""
    prev = genesis
    for expected, e in enumerate(entries, start=1):
        seq = e.get("seq")
        if seq != expected:
            return PackageProblem(
                "audit_gap",
                f"审计日志第 {expected} 条缺失。",
                f"audit entry {expected} is missing.",
            )
        if e.get("prev_hash") != prev or audit_hash(
            expected,
            str(e.get("event")),
            str(e.get("at")),
            str(e.get("operator")),
            str(e.get("detail")),
            str(e.get("prev_hash")),
        ) != e.get("hash"):
            return PackageProblem(
                "audit_altered",
                f"审计日志第 {expected} 条被改动或其前一条被删除。",
                f"audit entry {expected} was altered, or the one before it removed.",
            )
        prev = str(e["hash"])
    return None
