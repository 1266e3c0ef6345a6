"""Several offline laptops, one result: station packages, results packages, merging.

Design
======
Keys (Ed25519, `cryptography`):

- The main laptop makes its key pair on first use (`huanjie station export`) and keeps it in
  the election file (table station_identity).
- For each sub-delegation (分团) the main laptop makes a *fresh station key pair*: the public
  key is registered on the main laptop under the station's name (table stations), the
  private key travels inside the station package and becomes the station's identity when
  the package is opened. Only the main laptop ever creates station keys, so a results
  package whose signature verifies with a registered station key came from the laptop that
  opened that station's package. (The alternative, a key made at open time plus a one-time
  enrolment secret in the package, protects nothing more: the package must be guarded
  either way, because it also carries the ballot HMAC key that lets its holder make
  ballot codes, and it needs a second trip to the main laptop before the first import.)
- One station name = one package = one laptop: records are namespaced by the station's
  name, so a replacement laptop (or a package for a later round) is a new station with a
  new name (e.g. 一团-2). A results package is refused unless its key is registered here
  for the station it names.
- Private keys are stored unencrypted in the election file, exactly like meta
  'ballot_key'. A passphrase would have to be typed at every export on a laptop with no
  other secret store, and it would not stop someone who holds the file and the laptop; the
  election file (and the USB stick carrying a station package) is the trust boundary and
  must be kept like the ballot boxes. Signatures prove *origin and integrity between
  laptops*, which is what merging needs.
- Station open shows the main key's fingerprint (and can insist on one, `--expect-key`) so
  people can compare it with the one the main laptop printed at export.

Station package (zip): manifest.json, manifest.sig (main key), definition.json (the rows of
election, units, people — without ID numbers, which stay on the main laptop — contests,
candidates, rounds, round_candidates, officials, print_runs, serials, plus the ballot key)
and station_key.json (the station key pair). The station's file is a new election file
with meta role='station', station_name; its definition is read-only
(`assert_definition_editable`, and `require` refuses prepare/certify/import there).

Results package (zip), signed with the station key: records/{sheet,decision,manual_entry,
box_count,audit}.jsonl (cumulative: everything so far), optional images/, and a manifest
with every file's SHA-256, an index of every record's digest, the election fingerprint, the
round fingerprints and the head of the station's audit chain. On export the station's name
is written into each sheet's and box count's ``station`` and prefixed to sheet ids (and the
decisions' references to them) and to manual entries' labels ("<station>/<id>"), so that
records from different laptops never collide: sheet ids made from (station, file, page,
image) or manual ids made from labels may well be equal on two laptops.

Import (`import_results`) verifies everything (zip, manifest, signature, every file's hash,
every record's digest against the signed index, the station's audit chain, the election and
round fingerprints) and plans the merge before it writes anything; it then makes an
automatic backup and writes in one transaction (a crash leaves the file as it was; if
another connection wrote in between, the merge is planned again under the write lock).
Page images go to ``<file>.images/stations/<station>/``. Merge rules: see domain/package.py. Sheets
from two stations with the same serial and different images both go to review (reason
"serial_conflict"); the same image from two places makes the newcomer a duplicate
("duplicate_image"). A station's later state for a record (e.g. a review concluded there)
is applied only while this file has not taken the record over (its own review of it; a
decision of its own still awaiting confirmation does not take a sheet over: the station's
confirmed one replaces it, the sheet and its decisions judged together, `_station_decides`).
Station audit entries go to table station_audit, chained per station.

Limitation: a package whose election fingerprint differs from this file's is accepted only
if it equals the fingerprint the station's key was registered with (the main laptop changed
its definition afterwards, e.g. opened a new round) and every round the station knew still
has the same round fingerprint here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from huanjie_desktop.app.accounts import Action, Session, require
from huanjie_desktop.app.backup import auto_backup
from huanjie_desktop.app.fingerprint import election_fingerprint, round_fingerprint
from huanjie_desktop.app.oserrors import why_en, why_zh
from huanjie_desktop.domain import package as pk
from huanjie_desktop.domain.model import RoundStatus
from huanjie_desktop.domain.package import Kind, PackageProblem, Verdict
from huanjie_desktop.domain.tally import BoxTwice
from huanjie_desktop.storage import ballots as ballot_store
from huanjie_desktop.storage import counting as count_store
from huanjie_desktop.storage import repo
from huanjie_desktop.storage import sheets as sheets_store
from huanjie_desktop.storage import stations_repo as srepo
from huanjie_desktop.storage.db import (
    GENESIS_HASH,
    ElectionDB,
    ElectionFileError,
    audit_hash,
    create_election_file,
    latest_version,
    utc_now,
    wall_clock,
)

MAIN = "main"
#: Station values this program uses itself: the main laptop's own records (`MAIN`) and the
#: hand entries (手工录入), stored under station "manual" (storage.counting). A station so
#: named would be merged with them (its silence unseen, main's hand entries credited to it).
MANUAL = "manual"
RESERVED = frozenset({MAIN, MANUAL})
Progress = Callable[[str, int, int], None]
_IMAGE_NAME = re.compile(r"^images/[0-9a-f]{64}(\.[a-z0-9]{1,5})?$")
_SUFFIX = re.compile(r"\.[a-z0-9]{1,5}")
_BAD_NAME = re.compile(r"[/\\:*?\"<>|\x00-\x1f]")


class DefinitionReadOnly(ElectionFileError):
    """The definition may not be edited here (a station laptop)."""


class PackageRejected(Exception):
    """The whole package was refused; nothing of it was written."""

    def __init__(self, problems: list[PackageProblem]) -> None:
        super().__init__("; ".join(p.en for p in problems))
        self.problems = problems

    def messages(self, lang: str = "zh") -> list[str]:
        return [p.message(lang) for p in self.problems]


def _reject(code: str, zh: str, en: str) -> PackageRejected:
    return PackageRejected([PackageProblem(code, zh, en)])


# --- roles --------------------------------------------------------------------------------


def is_station(db: ElectionDB) -> bool:
    return db.meta("role") == "station"


def local_station(db: ElectionDB) -> str:
    """The name to write into sheets.station / box_counts.station on this laptop."""
    return (db.meta("station_name") or MAIN) if is_station(db) else MAIN


class WrongStation(ElectionFileError):
    """Records are not written here under another laptop's station name."""


def station_laptops(db: ElectionDB) -> list[str]:
    """Names of the stations this main file exported a station package for (each has its
    own laptop; its records come with its results packages)."""
    return sorted({k.name for k in srepo.read_keys(db) if k.role == "station"})


def assert_may_write_as(db: ElectionDB, station: str, doing_zh: str, doing_en: str) -> None:
    """Refuse to write records (sheets, box counts, hand entries) under ``station`` where that
    name belongs to another laptop: on a station laptop any name but its own; on the main
    laptop the name of a station with its own laptop. Written here as well, that station's
    sheets would count twice when its package comes, or its package would clash and be
    refused; a correction made here would read as tampering with its signed records."""
    own = local_station(db)
    if station == own:
        return
    if is_station(db):
        raise WrongStation(
            f"这是“{own}”的分团计票机：只能以“{own}”的名义{doing_zh}，不能以“{station}”的名义。",
            f"this is station {own!r}'s laptop: it {doing_en} as {own!r} only, not as {station!r}.",
        )
    if station in station_laptops(db):
        raise WrongStation(
            f"“{station}”有自己的分团计票机（已为它导出分团包）：它的选票、票箱数和手工录入都随它的"
            f"结果包来到主机。请在“{station}”计票机上{doing_zh}；要在主机上{doing_zh}，请用另一个"
            f"名称（如“{station}-主机”），不要用“{station}”。",
            f"station {station!r} has its own laptop (a station package was exported for it): its"
            f" sheets, box counts and hand entries come with its results package. {doing_en.capitalize()}"
            f" on that laptop, or here under another name (e.g. '{station}-main'), not as {station!r}.",
        )


def assert_definition_editable(db: ElectionDB) -> None:
    """Refuse (DefinitionReadOnly) to edit the election definition on a station laptop.

    Call it first in every use case that changes election, units, people, contests,
    candidates, rounds, round order, officials or printed ballots.
    """
    if is_station(db):
        name = db.meta("station_name") or ""
        raise DefinitionReadOnly(
            f"这是分团计票机（{name}）的选举文件：选举定义只读，只能在主机上修改，再重新导出分团包。",
            f"this is station {name!r}'s election file: the definition is read-only; change it on the main laptop and export a new station package.",
        )


def images_dir(path: Path) -> Path:
    """Sidecar folder of page images: ``<election file>.images/``."""
    return path.with_name(path.name + ".images")


# --- keys ---------------------------------------------------------------------------------


def _new_keypair() -> tuple[str, str]:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return public.hex(), key.private_bytes_raw().hex()


def _public_of(private_hex: str) -> str:
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def _sign(private_hex: str, data: bytes) -> str:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex)).sign(data).hex()


def _verify(public_hex: str, signature_hex: str, data: bytes) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(signature_hex), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def key_fingerprint(public_hex: str) -> str:
    """16 hex digits in groups of 4, for people to compare by eye."""
    h = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:16].upper()
    return " ".join(h[i : i + 4] for i in range(0, 16, 4))


def _main_identity(db: ElectionDB) -> srepo.Identity:
    """The main laptop's key pair, made on first use (inside the caller's transaction)."""
    ident = srepo.read_identity(db)
    if ident is not None:
        return ident
    public, private = _new_keypair()
    srepo.write_identity(db.con, "main", MAIN, public, private)
    ident = srepo.read_identity(db)
    assert ident is not None
    return ident


# --- zip files ----------------------------------------------------------------------------


def _write_zip(
    out: Path,
    manifest_raw: bytes,
    signature: str,
    files: Mapping[str, bytes],
    paths: Mapping[str, Path] | None = None,
) -> Path:
    """Write the package next to `out` as ``*.part``; the caller renames it when committed.

    `files` are written from memory, `paths` (images) streamed from disk, stored as they are.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    with zipfile.ZipFile(part, "w") as z:
        for name, data in files.items():
            z.writestr(name, data, zipfile.ZIP_DEFLATED)
        for name, src in (paths or {}).items():
            z.write(src, name, zipfile.ZIP_STORED)
        z.writestr(pk.MANIFEST, manifest_raw, zipfile.ZIP_DEFLATED)
        z.writestr(pk.SIGNATURE, signature.encode("ascii"), zipfile.ZIP_STORED)
    return part


def _hash_file(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _damaged(path: Path) -> PackageRejected:
    return _reject(
        "damaged",
        f"数据包 {path.name} 已损坏或被改动，无法读取（不是完整的 zip 文件）。",
        f"package {path.name} is damaged or altered and cannot be read (not an intact zip file).",
    )


class _WriteFailed(Exception):
    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _cannot_write(target: Path, exc: OSError) -> PackageRejected:
    """Writing an image of the package here failed: this laptop's disk (full, read-only),
    not the package — which imports once the room is made."""
    return _reject(
        "cannot_write",
        f"无法把数据包中的选票图像写入 {target.parent}：{why_zh(exc)}。数据包本身没有问题；"
        "请腾出磁盘空间（或换到可写的位置）后再导入一次，什么都没有写入。",
        f"cannot write the package's ballot images into {target.parent}: {why_en(exc)}. The"
        " package itself is fine; make room on the disk (or use a writable place) and import"
        " it again; nothing was written.",
    )


@dataclass
class _Zip:
    path: Path
    manifest: bytes
    signature: str
    small: dict[str, bytes]  # every file but images, in memory
    entries: dict[str, tuple[str, int]]  # every file: (sha256, size)


#: Compression methods a package's entries may use: those zipfile reads (a package re-zipped
#: by another tool keeps its signature).
_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


def _readable(entry: zipfile.ZipInfo) -> bool:
    """Can the entry be read here: a known compression method, not encrypted? Any other is,
    to a counter, one more damaged package."""
    return entry.compress_type in _READABLE and not entry.flag_bits & 0x1


#: The first bytes of an SQLite database — an election file, or a backup of one.
_SQLITE_HEADER = b"SQLite format 3\x00"


def _election_file_given(path: Path, kind: str) -> PackageRejected | None:
    """An election file (or a backup of one) given where a package belongs: said as such,
    with what makes the package — it was "damaged or altered … not an intact zip file", and
    a clerk went looking for a broken stick. ``kind``: "results" or "station"."""
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_HEADER))
    except OSError:
        return None
    if head != _SQLITE_HEADER:
        return None
    if kind == "station":
        return _reject(
            "election_file",
            f"{path.name} 是一个选举文件（或其备份），不是分团包：分团包在主机上用 huanjie station export"
            " 选举文件 --station 分团名 --out 分团包 制作，再在分团计票机上打开它。",
            f"{path.name} is an election file (or a backup of one), not a station package: the"
            " station package is made on the main laptop (huanjie station export FILE --station"
            " NAME --out PACKAGE), then opened on the station laptop.",
        )
    return _reject(
        "election_file",
        f"{path.name} 是一个选举文件（或其备份），不是结果包：请在那台分团计票机上运行 huanjie results"
        " export 它的选举文件 --out 结果包 --done，再在本机导入它做出的结果包。",
        f"{path.name} is an election file (or a backup of one), not a results package: run"
        " huanjie results export on that station laptop (huanjie results export ITS-FILE --out"
        " PACKAGE --done) and import the package it makes here.",
    )


def _read_zip(path: Path, kind: str = "results") -> _Zip:
    """Read a package: small files into memory, images only hashed (streamed). ``kind``
    ("results", "station"): the package expected, for what is said of an election file
    given instead."""
    if not path.is_file():
        raise _reject("missing", f"找不到数据包 {path}。", f"package {path} not found.")
    if (given := _election_file_given(path, kind)) is not None:
        raise given
    small: dict[str, bytes] = {}
    entries: dict[str, tuple[str, int]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            # (a directory entry carries nothing: a package re-zipped by hand has them)
            infos = [i for i in z.infolist() if not i.is_dir()]
            names = [i.filename for i in infos]
            if len(names) != len(set(names)) or not all(map(_readable, infos)):
                raise _damaged(path)
            for n in names:
                if n.startswith("images/"):
                    h = hashlib.sha256()
                    size = 0
                    with z.open(n) as f:
                        while chunk := f.read(1 << 20):
                            h.update(chunk)
                            size += len(chunk)
                    entries[n] = (h.hexdigest(), size)
                else:
                    small[n] = z.read(n)
                    entries[n] = (pk.sha256_hex(small[n]), len(small[n]))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        raise _damaged(path) from None
    if pk.MANIFEST not in small or pk.SIGNATURE not in small:
        raise _reject(
            "not_a_package",
            f"{path.name} 不是换届计票的数据包（缺少 manifest.json 或 manifest.sig）。",
            f"{path.name} is not a huanjie package (manifest.json or manifest.sig is missing).",
        )
    raw = small.pop(pk.MANIFEST)
    entries.pop(pk.MANIFEST)
    entries.pop(pk.SIGNATURE)
    try:
        sig = small.pop(pk.SIGNATURE).decode("ascii").strip()
    except UnicodeDecodeError:
        raise _damaged(path) from None
    return _Zip(path, raw, sig, small, entries)


def _extract(pkg: _Zip, name: str, target: Path) -> None:
    """Copy one image out of the package, checking its hash again on the way."""
    want = pkg.entries[name][0]
    tmp = target.with_name(target.name + ".part")
    h = hashlib.sha256()
    try:
        out = tmp.open("wb")
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with out, zipfile.ZipFile(pkg.path) as z, z.open(name) as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
                try:
                    out.write(chunk)
                except OSError as exc:  # (this laptop's disk, not the package)
                    raise _WriteFailed(exc) from None
    except _WriteFailed as failed:
        tmp.unlink(missing_ok=True)
        raise _cannot_write(target, failed.error) from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, ValueError):
        tmp.unlink(missing_ok=True)
        raise _damaged(pkg.path) from None
    if h.hexdigest() != want:
        tmp.unlink(missing_ok=True)
        raise _damaged(pkg.path)
    tmp.replace(target)


def _file_entries(
    files: Mapping[str, bytes], paths: Mapping[str, tuple[str, int]] | None = None
) -> dict[str, dict[str, Any]]:
    out = {n: {"sha256": pk.sha256_hex(d), "size": len(d)} for n, d in files.items()}
    for n, (sha, size) in (paths or {}).items():
        out[n] = {"sha256": sha, "size": size}
    return dict(sorted(out.items()))


def _check_package_files(
    manifest: Mapping[str, Any], entries: Mapping[str, tuple[str, int]]
) -> None:
    problems = pk.check_files(manifest, entries)
    if problems:
        raise PackageRejected(problems)


def _election_words(db: ElectionDB) -> dict[str, str]:
    e = repo.read_election(db)
    return {"name": e.name, "date": e.date.isoformat()}


def _valid_station_name(name: str) -> str:
    name = name.strip()
    if (
        not name
        or name.casefold() in RESERVED
        or _BAD_NAME.search(name)
        or name.startswith(".")
        or len(name) > 40
    ):
        raise ElectionFileError(
            f"分团名称“{name}”不可用：不能为空，不能是 main 或 manual（本机自用），"
            f'不能含 / \\ : * ? " < > |，最长 40 字。',
            f"station name {name!r} cannot be used: not empty, not 'main' or 'manual' (used"
            ' by this laptop itself), none of / \\ : * ? " < > |, at most 40 characters.',
        )
    return name


# --- station export (main laptop) ---------------------------------------------------------


@dataclass(frozen=True)
class StationExport:
    path: Path
    station: str
    station_key: str  # fingerprint
    main_key: str  # fingerprint
    election_fingerprint: str
    digest: str


def export_station(
    db: ElectionDB,
    station: str,
    out: Path,
    operator: Session | None = None,
) -> StationExport:
    """Make the package a sub-delegation's laptop opens; register its key here.

    One name, one package, one laptop: a station's records are kept apart by its name
    (sheet ids, decision numbers and audit entries are only unique within one station
    file), so a replacement laptop, or a package for a later round, is a new station with
    a name of its own (e.g. 一团-2).
    """
    require(db, operator, Action.EXPORT)
    if is_station(db):
        raise ElectionFileError(
            "分团计票机不能再导出分团包：请在主机上导出。",
            "a station laptop cannot make station packages: export them on the main laptop.",
        )
    station = _valid_station_name(station)
    if out.exists():
        raise ElectionFileError(
            f"{out} 已存在，请换一个文件名。", f"{out} already exists: choose another name."
        )
    taken = db.con.execute(
        "SELECT label FROM manual_entries WHERE substr(label, 1, ?) = ? LIMIT 1",
        (len(station) + 1, station + "/"),
    ).fetchone()
    if taken is not None:
        # (a station's hand entries come in labelled "<station>/…": they would clash)
        raise ElectionFileError(
            f"本机已有标签为“{taken[0]}”的手工录入选票，与分团“{station}”的录入标签（{station}/…）会重名："
            f"请给分团换一个名称，例如“{station}-2”。",
            f"this laptop already has a hand-entered ballot labelled {taken[0]!r}, which station"
            f" {station!r}'s labels ({station}/…) would clash with: give the station another"
            f" name, e.g. '{station}-2'.",
        )
    existing = srepo.read_keys(db, station)
    if existing:
        made = wall_clock(existing[-1].registered_at)
        raise ElectionFileError(
            f"分团“{station}”已于 {made} 导出过分团包。每台分团机是一个分团："
            f"如需另一台（换机器、U盘丢失、新一轮），请换一个名称，例如“{station}-2”。"
            "分团包导出之后加印的选票不必为此重新导出：分团把每张转入审核（防伪码不在本机印制记录中），"
            "核实、确认后计入。",
            f"station {station!r} already has a package (made {made}). Each laptop is a "
            f"station of its own: for another one (new laptop, lost stick, a later round) use another name, e.g. '{station}-2'."
            " Ballots printed after its package need no new one: the station holds each for"
            " review (serial not printed from this file) and counts it once checked and"
            " confirmed.",
        )
    by = operator.name if operator else db.operator
    with db.transaction() as con:
        ident = _main_identity(db)
        fp = election_fingerprint(db)
        tables = srepo.dump_tables(db, srepo.DEFINITION_TABLES)
        for person in tables["people"]:
            person["id_number"] = ""  # ID numbers never leave the main laptop
        definition = {"tables": tables, "meta": {"ballot_key": db.meta("ballot_key")}}
        public, private = _new_keypair()
        files = {
            pk.DEFINITION_FILE: pk.canonical(definition),
            pk.STATION_KEY_FILE: pk.canonical({"public_key": public, "private_key": private}),
        }
        accounts = [
            {"name": a.name, "role": a.role, "password_hash": a.password_hash}
            for a in srepo.read_accounts(db)
        ]
        if accounts:
            # (the station then checks every right as this laptop does: without them anyone
            # there could confirm a decision in the chief scrutineer's name)
            files[pk.ACCOUNTS_FILE] = pk.canonical({"accounts": accounts})
        version = srepo.schema_version(db)
        manifest = {
            "format": pk.STATION_FORMAT,
            "version": pk.FORMAT_VERSION,
            "schema_version": version,
            "election": _election_words(db),
            "election_fingerprint": fp,
            "station": station,
            "station_public_key": public,
            "main_public_key": ident.public_key,
            "created_at": utc_now(),
            "created_by": by,
            "files": _file_entries(files),
        }
        raw = pk.manifest_bytes(manifest)
        digest = pk.manifest_digest(raw)
        part = _write_zip(out, raw, _sign(ident.private_key, raw), files)
        try:
            srepo.register_key(con, public, station, "station", fp, by)
            db.audit(
                "station.exported",
                {
                    "station": station,
                    "station_key": key_fingerprint(public),
                    "main_key": key_fingerprint(ident.public_key),
                    "fingerprint": fp,
                    "package": digest,
                    "file": out.name,
                    # (the rounds it carries: a round opened later is not the station's to
                    # count, and does not wait for it — `stations_without_round`)
                    "rounds": sorted(f"{r['contest']}/{r['number']}" for r in tables["rounds"]),
                },
                by,
            )
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    part.replace(out)
    return StationExport(
        out, station, key_fingerprint(public), key_fingerprint(ident.public_key), fp, digest
    )


@dataclass(frozen=True)
class StationInfo:
    name: str
    key: str  # fingerprint
    registered_at: str
    registered_by: str
    revoked: bool
    packages_imported: int
    last_import: str | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def list_stations(db: ElectionDB, operator: Session | None = None) -> list[StationInfo]:
    require(db, operator, Action.VIEW)
    packages = srepo.read_packages(db)
    out = []
    for k in srepo.read_keys(db):
        if k.role != "station":
            continue
        mine = [p for p in packages if p.public_key == k.public_key]
        out.append(
            StationInfo(
                k.name,
                key_fingerprint(k.public_key),
                k.registered_at,
                k.registered_by,
                k.revoked,
                len(mine),
                max((p.at for p in mine), default=None),
            )
        )
    return out


# --- station open (station laptop) --------------------------------------------------------


@dataclass(frozen=True)
class StationOpened:
    path: Path
    station: str
    main_key: str  # fingerprint
    election_fingerprint: str
    election: str


def open_station_package(
    package: Path, path: Path, operator_name: str, expect_main_key: str | None = None
) -> StationOpened:
    """Verify a station package and create the station's election file from it."""
    z = _read_zip(package, "station")
    raw, sig, files = z.manifest, z.signature, z.small
    manifest = pk.parse_manifest(raw, pk.STATION_FORMAT)
    if isinstance(manifest, PackageProblem):
        raise PackageRejected([manifest])
    try:
        main_key = str(manifest["main_public_key"])
        station = _valid_station_name(str(manifest["station"]))
        fp = str(manifest["election_fingerprint"])
        schema = int(manifest["schema_version"])
    except (KeyError, TypeError, ValueError, ElectionFileError):
        raise _reject(
            "manifest", "分团包的清单不完整。", "the station package's manifest is incomplete."
        ) from None
    if not _verify(main_key, sig, raw):
        raise _reject(
            "signature",
            "分团包的签名不符：包在主机签名之后被改动过。",
            "the station package's signature does not match: it was altered after the main laptop signed it.",
        )
    if expect_main_key is not None and key_fingerprint(main_key).replace(" ", "") != (
        expect_main_key.replace(" ", "").upper()
    ):
        raise _reject(
            "main_key",
            f"主机密钥指纹是 {key_fingerprint(main_key)}，与要求的 {expect_main_key} 不符：这个包不是那台主机做的。",
            f"the main key fingerprint is {key_fingerprint(main_key)}, not {expect_main_key}: this package was not made by that laptop.",
        )
    _check_package_files(manifest, z.entries)
    if schema > latest_version():
        raise _reject(
            "newer",
            "分团包由更新版本的软件制作：请先升级本机软件。",
            "the station package was made by a newer version: update this laptop's software first.",
        )
    try:
        definition = json.loads(files[pk.DEFINITION_FILE])
        keys = json.loads(files[pk.STATION_KEY_FILE])
        accounts = (
            list(json.loads(files[pk.ACCOUNTS_FILE])["accounts"])
            if pk.ACCOUNTS_FILE in files
            else []
        )
        private = str(keys["private_key"])
        if _public_of(private) != keys["public_key"] or keys["public_key"] != manifest.get(
            "station_public_key"
        ):
            raise ValueError("station key mismatch")
    except (KeyError, TypeError, ValueError):
        raise _reject(
            "content", "分团包内容不完整。", "the station package's content is incomplete."
        ) from None

    db = create_election_file(path, operator_name)
    try:
        with db.transaction() as con:
            tables: dict[str, list[dict[str, Any]]] = definition["tables"]
            for table in srepo.DEFINITION_TABLES:
                srepo.insert_rows(con, table, tables.get(table, []))
            db.set_meta("ballot_key", str(definition["meta"]["ballot_key"]))
            db.set_meta("role", "station")
            db.set_meta("station_name", station)
            db.set_meta("election_fingerprint", fp)
            srepo.write_identity(con, "station", station, str(keys["public_key"]), private)
            for a in accounts:
                srepo.insert_account(
                    con, str(a["name"]), str(a["role"]), str(a["password_hash"]), MAIN
                )
            srepo.register_key(con, main_key, MAIN, "main", fp, operator_name)
            if election_fingerprint(db) != fp:
                raise _reject(
                    "fingerprint",
                    "由分团包重建的选举定义与主机的指纹不符，未创建文件。",
                    "the definition rebuilt from the package does not match the main laptop's fingerprint; no file was created.",
                )
            db.audit(
                "station.opened",
                {
                    "station": station,
                    "main_key": key_fingerprint(main_key),
                    "fingerprint": fp,
                    "package": pk.manifest_digest(raw),
                    "accounts": [str(a["name"]) for a in accounts],
                },
            )
        election = repo.read_election(db).name
    except BaseException:
        db.close()
        path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    db.close()
    return StationOpened(path, station, key_fingerprint(main_key), fp, election)


# --- results export (station laptop) ------------------------------------------------------


@dataclass(frozen=True)
class ResultsExport:
    path: Path
    station: str
    counts: dict[str, int]
    images: int
    missing_images: int
    digest: str
    # every round this station knows ("contest/round") → the package's sheets, hand-entered
    # ballots and box counts of it
    rounds: dict[str, dict[str, int]] = field(default_factory=dict)
    # the package states the station has finished counting (--done): the main laptop
    # certifies a round only on such a package of every station (else: a count in progress)
    done: bool = False


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    s = name[dot:].lower() if dot > max(name.rfind("/"), name.rfind("\\")) else ""
    return s if _SUFFIX.fullmatch(s) else ""


def _in_namespace(station: str, value: Any) -> str:
    text = str(value)
    return text if text.startswith(station + "/") else f"{station}/{text}"


def _station_records(db: ElectionDB, station: str) -> dict[Kind, list[dict[str, Any]]]:
    """The station's records as the main laptop will hold them: sheet ids and manual labels
    prefixed with "<station>/", and the station's name in every ``station`` column."""
    out: dict[Kind, list[dict[str, Any]]] = {}
    for kind in Kind:
        table, order = srepo.RECORD_TABLES[kind.value]
        out[kind] = srepo.read_rows(db, table, order)
    for s in out[Kind.SHEET]:
        s["id"] = _in_namespace(station, s["id"])
        s["station"] = station
    for d in out[Kind.DECISION]:
        d["sheet"] = _in_namespace(station, d["sheet"])
    for b in out[Kind.BOX_COUNT]:
        b["station"] = station
    for m in out[Kind.MANUAL_ENTRY]:
        m["label"] = _in_namespace(station, m["label"])
    return out


def _export_refused(
    head_zh: str, head_en: str, found: list[tuple[str, str]], unit_zh: str
) -> ElectionFileError:
    """Why a station's results cannot be exported: what was changed outside the app, the
    first three of ``found`` (zh, en) named, and how many in all."""
    more = len(found) > 3
    return ElectionFileError(
        head_zh
        + "；".join(zh for zh, _ in found[:3])
        + (f"（共 {len(found)} {unit_zh}）" if more else "")
        + "。请运行 huanjie verify，并立即报告总监票人。",
        head_en
        + "; ".join(en for _, en in found[:3])
        + (f" ({len(found)} in all)" if more else "")
        + ". Run huanjie verify and tell the chief scrutineer at once.",
    )


def _rounds_carried(
    db: ElectionDB, records: Mapping[Kind, list[dict[str, Any]]]
) -> dict[str, dict[str, int]]:
    """Every round this station knows → how many of its sheets, hand-entered ballots (by
    label) and box counts the records carry."""
    out = {
        f"{c.code}/{r.number}": {"sheet": 0, "manual_entry": 0, "box_count": 0}
        for c in repo.read_contests(db)
        for r in repo.read_rounds(db, c.code)
    }
    labels: set[tuple[str, str]] = set()
    for kind in (Kind.SHEET, Kind.MANUAL_ENTRY, Kind.BOX_COUNT):
        for rec in records[kind]:
            if rec.get("contest") is None or rec.get("round") is None:
                continue
            key = f"{rec['contest']}/{rec['round']}"
            if kind == Kind.MANUAL_ENTRY:
                if (key, str(rec["label"])) in labels:
                    continue  # (the second person's entry of the same ballot)
                labels.add((key, str(rec["label"])))
            out.setdefault(key, {"sheet": 0, "manual_entry": 0, "box_count": 0})[kind.value] += 1
    return out


def export_results(
    db: ElectionDB,
    out: Path,
    images: bool = False,
    operator: Session | None = None,
    done: bool = False,
) -> ResultsExport:
    """Write everything this station has so far into a signed results package (anyone
    signed in there who may scan: the package only carries what the station holds, and the
    main laptop checks all of it).

    ``done`` states in the package that this station has finished counting every round it
    knows (one it holds nothing of had no ballots here): the main laptop certifies a round,
    or opens the next, only once each station's latest package says so. Without it the
    package is a count in progress: a round it carries nothing of has not heard from this
    station (a package made to test the stick before counting let the round be certified
    without the station's ballots), and one it carries records of waits for the rest (a
    package sent after the first box let the round be certified without the second)."""
    require(db, operator, Action.SCAN if is_station(db) else Action.EXPORT)
    ident = srepo.read_identity(db)
    if ident is None or ident.role != "station" or not is_station(db):
        raise ElectionFileError(
            "只有分团计票机导出计票结果包；这是主机的选举文件。",
            "only a station laptop exports results packages; this is the main laptop's file.",
        )
    station = ident.name
    fp = election_fingerprint(db)
    if fp != db.meta("election_fingerprint"):
        raise ElectionFileError(
            "本机的选举定义已被软件之外的方式改动（指纹不符），不能导出结果。请运行 huanjie verify 并报告总监票人。",
            "this laptop's election definition was changed outside the app (fingerprint mismatch); results cannot be exported. Run huanjie verify and tell the chief scrutineer.",
        )
    from huanjie_desktop.app.verify import integrity_problems

    # (with --images each image is checked as it is hashed for the package, below)
    broken = integrity_problems(db, images=not images)
    if broken:
        raise _export_refused(
            "本机的选举文件在本软件之外被改动，不能导出计票结果：",
            "this laptop's election file was changed outside the app; its results cannot be"
            " exported: ",
            broken,
            "处",
        )
    _may_write_package(db, out, station)
    by = operator.name if operator else db.operator
    with db.transaction():
        records = _station_records(db, station)
        counts = {k.value: len(v) for k, v in records.items() if k != Kind.AUDIT}
        carried = _rounds_carried(db, records)
        stated = sorted(carried) if done else []
        db.audit(
            "results.exported",
            {"images": images, "records": counts, **({"done": stated} if done else {})},
            by,
        )
        records[Kind.AUDIT] = srepo.read_rows(db, "audit", "seq")
        files: dict[str, bytes] = {}
        paths: dict[str, Path] = {}
        hashes: dict[str, tuple[str, int]] = {}
        missing = 0
        if images:
            folder = images_dir(db.path)
            replaced: list[tuple[str, str]] = []
            for s in records[Kind.SHEET]:
                if not s["image_path"]:
                    # (a ballot entered by hand, or a file that could not be decoded: no
                    # image was ever kept — none is missing; said as missing, it sent people
                    # looking for the picture of a torn paper entered at the desk)
                    s["_image"] = None
                    continue
                src = Path(str(s["image_path"]))
                src = src if src.is_absolute() else folder / src
                if not src.is_file():
                    missing += 1
                    s["_image"] = None
                    continue
                sha, size = _hash_file(src)
                if sha != s["image_sha256"]:
                    # (the substitute picture went out, and the main laptop reviewed it)
                    replaced.append(
                        (
                            f"选票 {s['id']}（防伪码 {s['serial'] or '无'}）保存的图像"
                            f" {s['image_path']} 不是扫描时的图像",
                            f"the kept image {s['image_path']} of sheet {s['id']} (serial"
                            f" {s['serial'] or 'none'}) is not the image scanned",
                        )
                    )
                    continue
                name = f"images/{sha}{_suffix(src.name)}"
                if name not in paths:
                    paths[name] = src
                    hashes[name] = (sha, size)
                s["_image"] = name
            if replaced:
                raise _export_refused(
                    "本机保存的选票图像在本软件之外被替换或改动，不能导出计票结果：",
                    "ballot images kept on this laptop were replaced or altered outside the"
                    " app; its results cannot be exported: ",
                    replaced,
                    "张",
                )
        index: dict[str, dict[str, str]] = {}
        for kind, rows in records.items():
            files[kind.file] = pk.encode_records(rows)
            index[kind.value] = {pk.record_key(kind, r): pk.record_digest(kind, r) for r in rows}
        rounds = {
            f"{c.code}/{r.number}": round_fingerprint(db, c.code, r.number)
            for c in repo.read_contests(db)
            for r in repo.read_rounds(db, c.code)
        }
        head = records[Kind.AUDIT][-1]
        manifest = {
            "format": pk.RESULTS_FORMAT,
            "version": pk.FORMAT_VERSION,
            "election": _election_words(db),
            "election_fingerprint": fp,
            "rounds": rounds,
            "station": station,
            "station_public_key": ident.public_key,
            "created_at": utc_now(),
            "created_by": by,
            "audit_head": {"seq": head["seq"], "hash": head["hash"]},
            "counts": counts,
            # (what each round has from this station, and whether it has finished counting:
            # the main laptop certifies a round only once the station's package says so)
            "rounds_held": carried,
            "done": stated,
            "images": images,
            "files": _file_entries(files, hashes),
            "index": index,
        }
        raw = pk.manifest_bytes(manifest)
        part = _write_zip(out, raw, _sign(ident.private_key, raw), files, paths)
    part.replace(out)
    return ResultsExport(
        out, station, counts, len(paths), missing, pk.manifest_digest(raw), carried, done
    )


def _may_write_package(db: ElectionDB, out: Path, station: str) -> None:
    """A results package may replace only this station's own earlier package: never the
    election file itself, another station's package on a shared stick, or anything else."""
    if not out.exists():
        return
    if out.resolve() == db.path.resolve():
        raise ElectionFileError(
            f"{out} 是本机的选举文件本身，不能用结果包覆盖它：请给结果包另起一个文件名（如 {station}-结果.zip）。",
            f"{out} is this laptop's election file itself; a results package must not overwrite"
            f" it: give the package a name of its own (e.g. {station}-results.zip).",
        )
    try:
        manifest = pk.parse_manifest(_read_zip(out).manifest, pk.RESULTS_FORMAT)
    except (PackageRejected, OSError, ValueError, zipfile.BadZipFile):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("station") != station:
        raise ElectionFileError(
            f"{out} 已存在，而且不是本分团（{station}）以前导出的结果包，不能覆盖：请换一个文件名。",
            f"{out} already exists and is not a results package this station ({station}) made"
            " before; it is not overwritten: choose another name.",
        )


# --- results import (main laptop) ---------------------------------------------------------


@dataclass
class ImportResult:
    station: str
    digest: str
    already_imported: bool = False
    imported_at: str | None = None  # when it was imported before
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    stale: dict[str, int] = field(default_factory=dict)
    serial_conflicts: list[str] = field(default_factory=list)  # serials sent to review
    duplicates: int = 0
    kept_here: int = 0  # station updates not applied: this file took the record over
    disagreements: list[str] = field(default_factory=list)  # sheets both settled, differently
    # hand entries held: their label was taken out of the count here, the station entered
    # it a second time since ("<station>/<label>")
    withdrawn_labels: list[str] = field(default_factory=list)
    # sheets whose decision awaiting confirmation here gave way to the station's confirmed one
    superseded_here: list[str] = field(default_factory=list)
    # (contest, round, box) the package reports that another station reported too: not
    # resolved, each report in the totals until a person takes one (ballots box-resolve)
    boxes_twice: list[tuple[str, int, BoxTwice]] = field(default_factory=list)
    # (contest, round, box, station of its 发出, 发出, station of its 收回, 收回): one box's two
    # numbers entered on two laptops, counted as one box (`ballot_store.split_report`)
    boxes_combined: list[tuple[str, int, str, str, int | None, str, int | None]] = field(
        default_factory=list
    )
    images: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def added_total(self) -> int:
        return sum(self.added.values())

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        pick = 1 if lang == "en" else 0
        return {
            "ok": True,
            "station": self.station,
            "package": self.digest,
            "already_imported": self.already_imported,
            "imported_at": self.imported_at,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "stale": self.stale,
            "serial_conflicts": self.serial_conflicts,
            "duplicates": self.duplicates,
            "kept_here": self.kept_here,
            "disagreements": self.disagreements,
            "withdrawn_labels": self.withdrawn_labels,
            "superseded_here": self.superseded_here,
            "boxes_twice": [
                {
                    "contest": contest,
                    "round": rnd,
                    "box": b.box,
                    "reports": [
                        {"station": s, "issued": i, "collected": c} for s, i, c in b.reports
                    ],
                    "advice": b.advice(contest, rnd)[pick],
                }
                for contest, rnd, b in self.boxes_twice
            ],
            "boxes_combined": boxes_combined_json(self.boxes_combined),
            "images": self.images,
            "notes": [n[pick] for n in self.notes],
        }


def _laptop_words(station: str, zh: bool) -> str:
    """A laptop named in words: the main laptop, or station NAME."""
    if station == MAIN:
        return "主机" if zh else "the main laptop"
    return f"分团“{station}”" if zh else f"station {station!r}"


def _decode_package_records(z: _Zip, station: str) -> dict[Kind, list[dict[str, Any]]]:
    files = z.small
    records: dict[Kind, list[dict[str, Any]]] = {}
    try:
        for kind in Kind:
            records[kind] = pk.decode_records(files.get(kind.file, b""))
    except (UnicodeDecodeError, ValueError):
        raise _reject(
            "records", "数据包中的记录无法读取。", "the package's records cannot be read."
        ) from None
    needs = {
        Kind.SHEET: ("id", "station", "contest", "round", "serial", "image_sha256", "source"),
        Kind.DECISION: ("id", "sheet"),
        Kind.MANUAL_ENTRY: ("label", "contest", "round", "entry_no"),
        Kind.BOX_COUNT: ("contest", "round", "box", "station"),
        Kind.AUDIT: ("seq", "event", "at", "operator", "detail", "prev_hash", "hash"),
    }
    for kind, keys in needs.items():
        for r in records[kind]:
            if any(k not in r for k in keys):
                raise _reject(
                    "records",
                    f"数据包中有不完整的{pk.kind_words(kind)[0]}。",
                    f"the package has an incomplete {pk.kind_words(kind)[1]}.",
                )
    prefix = station + "/"
    wrong = [
        s["id"]
        for s in records[Kind.SHEET]
        if s["station"] != station or not str(s["id"]).startswith(prefix)
    ]
    wrong += [d["sheet"] for d in records[Kind.DECISION] if not str(d["sheet"]).startswith(prefix)]
    wrong += [repr(b["box"]) for b in records[Kind.BOX_COUNT] if b["station"] != station]
    wrong += [
        m["label"] for m in records[Kind.MANUAL_ENTRY] if not str(m["label"]).startswith(prefix)
    ]
    if wrong:
        raise _reject(
            "station_mismatch",
            f"数据包中有不属于分团“{station}”的记录（{wrong[0]} 等）。",
            f"the package holds records not marked as station {station!r}'s ({wrong[0]} …).",
        )
    for s in records[Kind.SHEET]:
        img = s.get("_image")
        if img is not None and (not _IMAGE_NAME.match(str(img)) or str(img) not in z.entries):
            raise _reject(
                "image", f"选票 {s['id']} 的图像缺失。", f"the image of sheet {s['id']} is missing."
            )
        if img is not None and z.entries[str(img)][0] != s["image_sha256"]:
            # (a picture put in place of the kept image at the station, exported by a
            # version that did not check: stored here, it was the one reviewed)
            raise _reject(
                "image_replaced",
                f"选票 {s['id']} 随包的图像不是分团扫描它时的图像（在分团机上被替换或改动过）。"
                f"未导入任何内容。请在分团“{station}”的计票机上运行 huanjie verify，并报告总监票人。",
                f"the image that comes with sheet {s['id']} is not the image station"
                f" {station!r} scanned (it was replaced or altered on the station laptop)."
                f" Nothing was imported. Run huanjie verify on station {station!r}'s laptop and"
                " tell the chief scrutineer.",
            )
    return records


def _check_election(
    db: ElectionDB, manifest: Mapping[str, Any], key: srepo.StationKey | None
) -> list[tuple[str, str]] | None:
    """Refuse a package of another election; [] for one of this very definition, None for
    one of a definition changed since (`_check_rounds` decides)."""
    here = election_fingerprint(db)
    theirs = str(manifest.get("election_fingerprint"))
    words = manifest.get("election") or {}
    mine = _election_words(db)
    if theirs == here:
        return []
    if key is None or theirs != key.fingerprint:
        raise _reject(
            "other_election",
            f"这个结果包属于另一场选举或另一个选举定义（包：{words.get('name')} {words.get('date')}，指纹 {theirs[:12]}；本文件：{mine['name']} {mine['date']}，指纹 {here[:12]}）。未导入任何内容。",
            f"this results package belongs to another election or definition (package: {words.get('name')} {words.get('date')}, "
            f"fingerprint {theirs[:12]}; this file: {mine['name']} {mine['date']}, fingerprint {here[:12]}). Nothing was imported.",
        )
    return None  # (the definition changed since: `_check_rounds` once the records are read)


def _check_rounds(
    db: ElectionDB, manifest: Mapping[str, Any], used: set[tuple[str, int]]
) -> list[tuple[str, str]]:
    """The main laptop changed its definition after making the station package: accept only
    if every round the records use is still defined exactly as the station knew it (a
    change to a contest the station never counted — a candidate added to one not yet voted
    on — refused every station's package)."""
    rounds: Mapping[str, str] = manifest.get("rounds") or {}
    for label in sorted({f"{c}/{n}" for c, n in used}):
        fp = rounds.get(label, "")
        contest, _, number = label.rpartition("/")
        try:
            now = round_fingerprint(db, contest, int(number))
        except (KeyError, ValueError):
            now = ""
        if now != fp:
            raise _reject(
                "definition_changed",
                f"分团包导出之后，主机上 {contest} 第 {number} 轮的定义（候选人、名额或规则）被修改过：这个结果包的选票"
                "是按修改前的定义计的，不能按现在的定义计入；选票上的二维码也是修改前的，拿到本机扫描同样会被拒收。"
                "请与总监票人商定：把主机上的修改改回原样（审计日志里有改了什么）后再导入；或按新定义重新印制选票、"
                "重新投票，并为各分团重新导出分团包（用新名称）。",
                f"the definition of {contest} round {number} (candidates, seats or rules) changed on this laptop after the"
                " station package was made: this package's ballots were counted against the old definition and cannot"
                " be counted against the current one; the ballots' codes carry the old definition too, so scanning"
                " them here is refused as well. With the chief scrutineer: put the change back as it was (the audit"
                " log says what changed) and import again; or print new ballots for the new definition, vote again,"
                " and export new station packages (under new names).",
            )
    return [
        (
            "分团包导出之后本文件的选举定义有变动（如新开一轮）；本包所用各轮的定义未变，已接受。",
            "this file's definition changed after the station package was made (e.g. a new round); "
            "the rounds this package uses are unchanged, so it was accepted.",
        )
    ]


@dataclass
class _Verified:
    raw: bytes
    signature: str
    manifest: dict[str, Any]
    key: srepo.StationKey
    zip: _Zip
    records: dict[Kind, list[dict[str, Any]]]
    notes: list[tuple[str, str]]


def _verify_package(db: ElectionDB, package: Path) -> _Verified:
    z = _read_zip(package)
    raw, sig = z.manifest, z.signature
    manifest = pk.parse_manifest(raw, pk.RESULTS_FORMAT)
    if isinstance(manifest, PackageProblem):
        raise PackageRejected([manifest])
    station = str(manifest.get("station"))
    public = str(manifest.get("station_public_key"))
    key = srepo.read_key(db, public)
    notes = _check_election(db, manifest, key)
    if key is None:
        known = [key_fingerprint(k.public_key) for k in srepo.read_keys(db, station)]
        raise _reject(
            "unknown_key",
            f"结果包由本文件不认识的密钥签名（{key_fingerprint(public)}）"
            + (
                f"：分团“{station}”登记的密钥是 {'、'.join(known)}。"
                if known
                else f"：本文件没有为“{station}”导出过分团包。"
            )
            + "未导入任何内容。",
            f"the results package is signed with a key this file does not know ({key_fingerprint(public)})"
            + (
                f": station {station!r} is registered with {', '.join(known)}."
                if known
                else f": no station package was made here for {station!r}."
            )
            + " Nothing was imported.",
        )
    if key.revoked or key.role != "station" or key.name != station:
        raise _reject(
            "wrong_key",
            f"签名密钥登记给的是“{key.name}”，不是“{station}”，或已作废。未导入任何内容。",
            f"the signing key is registered for {key.name!r}, not {station!r}, or was revoked. Nothing was imported.",
        )
    if not _verify(public, sig, raw):
        raise _reject(
            "signature",
            f"结果包的签名不符：包在分团“{station}”签名之后被改动过，或不是它签的。未导入任何内容。",
            f"the results package's signature does not match: it was altered after station {station!r} signed it, "
            "or it was not signed by that station. Nothing was imported.",
        )
    _check_package_files(manifest, z.entries)
    done = manifest.get("done", [])  # (none in a package of an older version)
    if (
        not isinstance(manifest.get("index"), dict)
        or not isinstance(manifest.get("audit_head"), dict)
        or not isinstance(done, list)
        or not all(isinstance(r, str) for r in done)
    ):
        raise _reject(
            "manifest", "结果包的清单不完整。", "the results package's manifest is incomplete."
        )
    records = _decode_package_records(z, station)
    if notes is None:
        sheets = {str(r["id"]): r for r in records[Kind.SHEET]}
        # (a sheet refused at the station counts in no round: a ballot of a round the
        # station does not know, refused there, had its packages refused for good here as
        # "the definition changed")
        used = {
            rnd
            for kind, rows in records.items()
            for r in rows
            if not (kind == Kind.SHEET and r.get("status") == "rejected")
            and (rnd := _round_of(kind, r, sheets)) is not None
        }
        notes = _check_rounds(db, manifest, used)
    brk = pk.chain_break(records[Kind.AUDIT], audit_hash, GENESIS_HASH)
    head = manifest["audit_head"]
    last = records[Kind.AUDIT][-1] if records[Kind.AUDIT] else {}
    if brk is None and (last.get("seq"), last.get("hash")) != (head.get("seq"), head.get("hash")):
        brk = PackageProblem(
            "audit_head", "审计日志末尾被删除。", "the end of the audit log was removed."
        )
    if brk is not None:
        raise _reject(
            "station_audit",
            f"分团“{station}”的审计日志不完整：{brk.zh}",
            f"station {station!r}'s audit log is broken: {brk.en}",
        )
    return _Verified(raw, sig, manifest, key, z, records, notes)


def _known(
    db: ElectionDB, station: str
) -> tuple[dict[Kind, dict[str, pk.Known]], dict[tuple[str, str], srepo.ImportedRecord]]:
    known: dict[Kind, dict[str, pk.Known]] = {k: {} for k in Kind}
    rows: dict[tuple[str, str], srepo.ImportedRecord] = {}
    for r in srepo.read_imported(db, station):
        known[Kind(r.kind)][r.key] = pk.Known(r.digest, r.state)
        rows[(r.kind, r.key)] = r
    for e in srepo.read_station_audit(db, station):
        known[Kind.AUDIT][str(e["seq"])] = pk.Known(pk.record_digest(Kind.AUDIT, e), {})
    return known, rows


def _round_of(
    kind: Kind, rec: Mapping[str, Any], sheets: Mapping[str, Mapping[str, Any]]
) -> tuple[str, int] | None:
    if kind == Kind.DECISION:
        s = sheets.get(str(rec["sheet"]))
        return None if s is None else _round_of(Kind.SHEET, s, sheets)
    if kind == Kind.AUDIT or rec.get("contest") is None or rec.get("round") is None:
        return None
    return str(rec["contest"]), int(rec["round"])


def import_results(
    db: ElectionDB,
    package: Path,
    operator: Session | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    """Verify a station's results package completely, then merge it in one transaction.

    Raises PackageRejected (nothing written) with every reason found.
    """
    require(db, operator, Action.IMPORT)
    if progress:
        progress("verify", 0, 1)
    v = _verify_package(db, package)
    station = v.key.name
    digest = pk.manifest_digest(v.raw)
    result = ImportResult(station, digest, notes=list(v.notes))
    before = srepo.read_package(db, digest)
    if before is not None:
        result.already_imported = True
        result.imported_at = before.at
        return result

    # Plan first (a refused package costs no backup), then back up, then write.
    try:
        planned = _plan(db, v, station)
    except (ValueError, TypeError, KeyError) as exc:  # signed, but not as this version writes
        raise _malformed(exc) from None
    seen = srepo.data_version(db)
    if cancel is not None and cancel():
        raise _reject("cancelled", "已取消，未导入任何内容。", "cancelled; nothing was imported.")
    auto_backup(db, "before-import")
    by = operator.name if operator else db.operator
    try:
        with db.transaction() as con:
            if srepo.data_version(db) != seen:
                # Another connection wrote meanwhile (e.g. the same package from the GUI):
                # plan again under the write lock.
                before = srepo.read_package(db, digest)
                if before is not None:
                    result.already_imported = True
                    result.imported_at = before.at
                    return result
                planned = _plan(db, v, station)
            plan, imported_rows, clashes, flags = planned
            _extract_images(db, v, station, result)
            _write(
                db,
                con,
                v,
                station,
                digest,
                by,
                plan,
                imported_rows,
                clashes,
                flags,
                result,
                progress,
            )
    except sqlite3.IntegrityError as exc:
        raise _reject(
            "integrity",
            f"导入时数据库拒绝了一条记录（{exc}），未写入任何内容。",
            f"the database refused a record during the import ({exc}); nothing was written.",
        ) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise _malformed(exc) from None
    silent, interim, early, ahead = _rounds_waiting_for(db, station)
    if ahead:
        # (a package made to test the stick before voting, on a laptop whose clock is hours
        # ahead, was dated after voting began: its --done let the round be certified
        # without that station's ballots)
        result.notes.append(
            (
                f"这个结果包声明计票完毕，但按分团“{station}”的时钟它于 {_wall(v.manifest.get('created_at') or '')}"
                f" 导出，晚于本机现在的时间：那台计票机的时钟比本机快，它说明不了这个包是不是在投票开始之前导出的，"
                f"而包里没有 {'、'.join(ahead)} 的选票、手工录入或票箱数，所以这些轮次仍在等待它。请把那台计票机的"
                "时钟调准，计完票（或确实没有这些轮次的选票）后再加 --done 导出结果包并在本机导入。",
                "this package states that the station has finished counting, but by station"
                f" {station!r}'s clock it was exported"
                f" {_wall(v.manifest.get('created_at') or '')}, later than this laptop's time"
                " now: that laptop's clock is ahead, and cannot tell whether the package was"
                " made before voting began. It holds no sheet, hand entry or box count of"
                f" {', '.join(ahead)}: those rounds still wait for station {station!r}. Set"
                " that laptop's clock right and, once it has counted (or truly has no ballots"
                " of those rounds), export its package again with --done and import it here.",
            )
        )
    if early:
        # (its --done speaks for a round it holds nothing of only once that round's voting
        # has begun: a package exported before, to test the stick, is no report)
        result.notes.append(
            (
                f"这个结果包声明计票完毕，但它没有 {'、'.join(early)} 的选票、手工录入或票箱数，又是在这些轮次"
                f"开始投票之前导出的：这些轮次仍在等待分团“{station}”计完票后加 --done 导出的结果包。",
                "this package states that the station has finished counting, but holds no"
                f" sheet, hand entry or box count of {', '.join(early)} and was made before"
                f" their voting began: those rounds still wait for station {station!r}'s"
                " package exported with --done once it has counted.",
            )
        )
    if silent:
        # (said at once: a package made before counting, to test the stick, was taken as
        # the station's report and the round certified without its ballots)
        result.notes.append(
            (
                f"这个结果包没有 {'、'.join(silent)} 的选票、手工录入或票箱数，也没有声明计票完毕："
                f"这些轮次仍在等待分团“{station}”的计票结果。",
                f"this package holds no sheet, hand entry or box count of {', '.join(silent)}"
                " and does not state that the station has finished counting: those rounds"
                f" still wait for station {station!r}'s count.",
            )
        )
    if interim:
        # (a package exported part-way, the rest of the count never sent: the round was
        # certified as final without the ballots counted there afterwards)
        result.notes.append(
            (
                f"这个结果包没有声明计票完毕（导出时没有加 --done）：{'、'.join(interim)} 在确认前"
                f"还要等分团“{station}”计完后用 huanjie results export … --done 导出的结果包。",
                "this package does not state that the station has finished counting (it was"
                f" exported without --done): {', '.join(interim)} still wait, before they can be"
                f" certified, for station {station!r}'s package exported with huanjie results"
                " export … --done once it has counted.",
            )
        )
    return result


def _rounds_waiting_for(
    db: ElectionDB, station: str
) -> tuple[list[str], list[str], list[str], list[str]]:
    """The open rounds ("contest/round", the latest of each contest) that wait for
    ``station``: those that have heard nothing of it, those it sent records of without
    stating it has finished counting them, and those its statement does not speak for —
    made before their voting began, or its clock shown ahead (`_done_before_round`)."""
    silent, interim, early, ahead = [], [], [], []
    for c in repo.read_contests(db):
        rounds = repo.read_rounds(db, c.code)
        if not rounds or rounds[-1].status is not RoundStatus.OPEN:
            continue
        number = rounds[-1].number
        for h in hearings(db, c.code, number):
            if h.station != station:
                continue
            label = f"{c.code}/{number}"
            if h.clock_ahead:
                ahead.append(label)
            elif h.done_before_round:
                early.append(label)
            elif not h.heard:
                silent.append(label)
            elif h.interim:
                interim.append(label)
    return silent, interim, early, ahead


def _malformed(exc: Exception) -> PackageRejected:
    """A package signed by a known station whose records are not as this program writes
    them (made by another version of it, most likely)."""
    return _reject(
        "records",
        f"结果包签名有效，但其中的记录格式与本程序不符（{exc}）：多半是分团计票机装的程序版本不同。"
        "请在两台计算机上装同一版本的程序，在分团计票机上重新导出结果包。未导入任何内容。",
        f"the results package is validly signed, but its records are not in the form this"
        f" program writes ({exc}): most likely the station runs another version of the"
        " program. Install the same version on both laptops and export the package again on"
        " the station. Nothing was imported.",
    )


Clashes = list[pk.SheetClash]


def _certified_without(db: ElectionDB, station: str) -> dict[tuple[str, int], tuple[str, str]]:
    """The rounds certified (or recorded void) without ``station`` by decision
    (``certify --without-station``): when (this laptop's clock) and by whom, from the audit
    log."""
    out: dict[tuple[str, int], tuple[str, str]] = {}
    for at, detail in db.con.execute(
        "SELECT at, detail FROM audit WHERE event IN ('round.certified', 'round.voided')"
        " ORDER BY seq"
    ):
        try:
            said = json.loads(detail)
            if station in (said.get("without_stations") or []):
                by = "、".join(str(x) for x in said.get("by") or [])
                out[(str(said["contest"]), int(said["round"]))] = (str(at), by)
        except (ValueError, KeyError, AttributeError, TypeError):
            continue
    return out


def _left_out_problem(
    station: str, rnd: tuple[str, int], when_by: tuple[str, str], judged: list[pk.Judged]
) -> PackageProblem:
    """A station's records of a round certified without it: what they are, and what is left
    to do (nothing for that round: the package is kept with the papers)."""
    at, by = when_by
    when = wall_clock(at)
    ballots = sum(
        1
        for j in judged
        if j.kind == Kind.SHEET and str(j.record.get("status")) in ("counted", "review")
    )
    by_zh = f"由 {by} " if by else ""
    by_en = f" by {by}" if by else ""
    return PackageProblem(
        "certified_without_station",
        f"{rnd[0]} 第 {rnd[1]} 轮已于 {when} {by_zh}确认冻结，确认时决定不等分团计票机“{station}”"
        f"（--without-station {station}）：这个结果包里该轮的 {ballots} 张选票不在该轮的结果中，"
        "也不能再加入——该轮的结果不能再改变，对这一轮已无法补救。请把这个结果包与该分团的选票一起"
        "交总监票人保存（记入会议记录）。",
        f"{rnd[0]} round {rnd[1]} was certified and frozen on {when}{by_en} without station"
        f" laptop {station} (--without-station {station}): the {ballots} ballot(s) of that round"
        " in this package are not in its result and cannot be added now — that round's result"
        " can no longer change, and nothing can be done for it. Keep this package with that"
        " station's ballot papers, for the chief scrutineer (and the meeting's record).",
    )


def _plan(
    db: ElectionDB, v: _Verified, station: str
) -> tuple[
    pk.MergePlan, dict[tuple[str, str], srepo.ImportedRecord], Clashes, dict[str, list[str]]
]:
    """Judge every record against this file; PackageRejected with every problem found."""
    known, imported_rows = _known(db, station)
    package_sheets = {str(s["id"]): s for s in v.records[Kind.SHEET]}
    refs = srepo.sheet_refs(db)
    here_ids = {r[0] for r in refs}
    foreign = {sid for sid in package_sheets if sid in here_ids and sid not in known[Kind.SHEET]}
    newer = int(v.manifest["audit_head"]["seq"]) > srepo.last_audit_seq(db, station)
    plan = pk.plan_merge(v.records, v.manifest["index"], known, newer, foreign)
    if plan.problems:
        raise PackageRejected(plan.problems)

    # What the records refer to must exist here, and certified rounds are frozen.
    statuses = srepo.round_statuses(db)
    latest: dict[str, int] = {}
    for contest, number in statuses:
        latest[contest] = max(latest.get(contest, 0), number)
    problems: list[PackageProblem] = []
    # (rounds certified without this station by decision: its records of them are said once
    # a round, for what they are — ballots left out of a result that cannot change —, not
    # as "changed a round frozen here" with advice about a new station name)
    left_out = _certified_without(db, station)
    left_out_records: dict[tuple[str, int], list[pk.Judged]] = {}
    for j in plan.judged:
        if j.verdict not in (Verdict.NEW, Verdict.UPDATE, Verdict.REPLACE):
            continue
        if (
            j.kind == Kind.DECISION
            and str(j.record["sheet"]) not in package_sheets
            and str(j.record["sheet"]) not in here_ids
        ):
            problems.append(
                PackageProblem(
                    "dangling",
                    f"审核决定 {j.key} 指向不存在的选票 {j.record['sheet']}。",
                    f"review decision {j.key} refers to a sheet that does not exist ({j.record['sheet']}).",
                )
            )
            continue
        rnd = _round_of(j.kind, j.record, package_sheets)
        if rnd is None:
            continue
        status = statuses.get(rnd)
        if status in ("certified", RoundStatus.VOID) and rnd in left_out:
            left_out_records.setdefault(rnd, []).append(j)
            continue
        if status is None:
            problems.append(
                PackageProblem(
                    "unknown_round",
                    f"{pk.kind_words(j.kind)[0]} {j.key} 属于本文件中不存在的 {rnd[0]} 第 {rnd[1]} 轮。",
                    f"{pk.kind_words(j.kind)[1]} {j.key} belongs to {rnd[0]} round {rnd[1]}, which does not exist here.",
                )
            )
        elif status == "certified":
            # (a record imported before and changed at the station since — a sheet put on
            # hold there — is no record "added")
            changed = j.verdict is Verdict.UPDATE
            problems.append(
                PackageProblem(
                    "certified",
                    f"{rnd[0]} 第 {rnd[1]} 轮已确认冻结，"
                    + (
                        f"已导入的{pk.kind_words(j.kind)[0]} {j.key} 在分团计票机上又有改动，不能再改变。"
                        if changed
                        else f"不能再加入{pk.kind_words(j.kind)[0]} {j.key}。"
                    ),
                    f"{rnd[0]} round {rnd[1]} is certified and frozen: "
                    + (
                        f"{pk.kind_words(j.kind)[1]} {j.key}, imported before, was changed at the"
                        " station and cannot change here."
                        if changed
                        else f"{pk.kind_words(j.kind)[1]} {j.key} cannot be added."
                    ),
                )
            )
        elif latest.get(rnd[0], rnd[1]) > rnd[1]:
            # (its result is what the next round was opened on: here no scan, decision,
            # entry or box count can change it any more, nor can one from a station)
            problems.append(
                PackageProblem(
                    "superseded",
                    f"{rnd[0]} 第 {rnd[1]} 轮之后已开启第 {latest[rnd[0]]} 轮，第 {rnd[1]} 轮的结果不能再改变："
                    f"不能再加入{pk.kind_words(j.kind)[0]} {j.key}。请把这些选票交总监票人。",
                    f"{rnd[0]} round {latest[rnd[0]]} was opened after round {rnd[1]}, whose result"
                    f" can no longer change: {pk.kind_words(j.kind)[1]} {j.key} cannot be added."
                    " Give those ballots to the chief scrutineer.",
                )
            )
        elif status == RoundStatus.VOID:
            problems.append(
                PackageProblem(
                    "void",
                    f"{rnd[0]} 第 {rnd[1]} 轮已宣布无效并冻结，不能再加入{pk.kind_words(j.kind)[0]} {j.key}。",
                    f"{rnd[0]} round {rnd[1]} was declared void and is frozen: {pk.kind_words(j.kind)[1]} {j.key} cannot be added.",
                )
            )
        if len(problems) >= 20:
            break
    for rnd, judged in left_out_records.items():
        problems.insert(0, _left_out_problem(station, rnd, left_out[rnd], judged))
    if problems:
        raise PackageRejected(problems)

    incoming = [
        j.record
        for j in plan.judged
        if j.kind == Kind.SHEET and j.verdict in (Verdict.NEW, Verdict.REPLACE)
    ]
    # (sheets taken out of the count, here and in the package: a paper withdrawn on one
    # laptop and fed again on the other is held for a person, not counted at once)
    out_here = sheets_store.taken_out(db.con)
    out_there = _taken_out_in(v)
    clashes = pk.sheet_clashes(
        [
            pk.SheetRef(
                str(s["id"]),
                station,
                _serial_of(db, s["serial"], str(s["source"]), str(s.get("source_file") or "")),
                str(s["image_sha256"]),
                str(s["source"]),
                str(s.get("status")),
                str(s["id"]) in out_there,
            )
            for s in incoming
        ],
        [
            pk.SheetRef(
                i, st, _serial_of(db, serial, source, label), sha, source, status, i in out_here
            )
            for i, st, serial, sha, source, status, label in refs
        ],
    )
    flags: dict[str, list[str]] = {}
    for c in clashes:
        if c.incoming.withdrawn:
            continue  # (it stays out: the one here that counts is held, see _write)
        flags.setdefault(c.incoming.id, [])
        if c.reason not in flags[c.incoming.id]:
            flags[c.incoming.id].append(c.reason)
    # A label taken out of the count here (entered once only, by mistake) whose second entry
    # the station made since, never hearing of it: held, as this laptop refuses to enter it
    # again — counted, the paper counted twice (under this label and the one it was entered
    # under) while the result listed the label as taken out.
    for s in incoming:
        if (
            str(s.get("source")) == "manual"
            and str(s.get("status")) in ("counted", "review")
            and s.get("contest")
            and s.get("round") is not None
        ):
            label = f"{station}/{s.get('source_file') or ''}"
            if count_store.standing_withdrawal(db, str(s["contest"]), int(s["round"]), label):
                flags.setdefault(str(s["id"]), []).append(pk.LABEL_WITHDRAWN)
    # A serial spoiled here after the station's package was made: refused, as here.
    for s in incoming:
        if s.get("serial") and str(s.get("status")) in ("counted", "review"):
            info = ballot_store.lookup_serial(db, str(s["serial"]))
            if info is not None and info.spoiled:
                flags.setdefault(str(s["id"]), []).append(pk.SPOILED_SERIAL)
    return plan, imported_rows, clashes, flags


def _taken_out_in(v: _Verified) -> set[str]:
    """The package's sheets the station took out of the count (review withdraw): set aside,
    the station's last confirmed decision on them (not superseded) a withdrawal."""
    last: dict[str, tuple[int, bool]] = {}
    for d in v.records[Kind.DECISION]:
        if not d.get("confirmed_by") or d.get("superseded"):
            continue
        sheet, number = str(d["sheet"]), int(d["id"])
        if sheet not in last or last[sheet][0] < number:
            decided = d.get("decided")
            text = decided if isinstance(decided, str) else json.dumps(decided)
            last[sheet] = (number, bool(json.loads(text or "{}").get("withdrawn")))
    return {
        str(s["id"])
        for s in v.records[Kind.SHEET]
        if str(s.get("status")) == "duplicate" and last.get(str(s["id"]), (0, False))[1]
    }


def _serial_of(db: ElectionDB, serial: str | None, source: str, label: str) -> str | None:
    """A sheet's serial; a hand-entered sheet's is the printed serial its label names, if
    any (a station may have entered by hand the paper another one scanned: the same paper,
    held for a person, never two votes)."""
    if serial or source != "manual":
        return serial
    info = ballot_store.serial_named_by(db, label)
    return None if info is None else info.serial


def _extract_images(db: ElectionDB, v: _Verified, station: str, result: ImportResult) -> None:
    """Page images to ``<file>.images/stations/<station>/`` (content-addressed; a file left
    behind by an import that fails later is harmless)."""
    folder = images_dir(db.path) / "stations" / station
    for s in v.records[Kind.SHEET]:
        name = s.get("_image")
        if name:
            target = folder / str(name).removeprefix("images/")
            if not target.exists():
                folder.mkdir(parents=True, exist_ok=True)
                _extract(v.zip, str(name), target)
                result.images += 1


def _write(
    db: ElectionDB,
    con: sqlite3.Connection,
    v: _Verified,
    station: str,
    digest: str,
    by: str,
    plan: pk.MergePlan,
    imported_rows: Mapping[tuple[str, str], srepo.ImportedRecord],
    clashes: Clashes,
    flags: Mapping[str, list[str]],
    result: ImportResult,
    progress: Progress | None,
) -> None:
    """Write a planned import (inside the caller's transaction)."""
    srepo.insert_package(
        con,
        srepo.ImportedPackage(
            digest,
            station,
            v.key.public_key,
            str(v.manifest.get("created_at", "")),
            int(v.manifest["audit_head"]["seq"]),
            utc_now(),
            by,
            v.raw.decode("utf-8"),
            v.signature,
            0,
            0,
        ),
    )
    total = len(plan.judged)
    done = 0
    # (judged before anything is written: a sheet and the decisions on it, one outcome)
    station_decides = _station_decides(db, plan, imported_rows)
    superseded_ids: list[dict[str, Any]] = []
    for kind in pk.MERGE_ORDER:  # sheets before the decisions that refer to them
        judged = [j for j in plan.judged if j.kind == kind]
        new_rows: list[dict[str, Any]] = []
        imported: list[srepo.ImportedRecord] = []
        for j in judged:
            if j.verdict == Verdict.NEW:
                row, rec = _new_record(con, station, digest, j, flags)
                if row is not None:
                    new_rows.append(row)
                imported.append(rec)
            elif j.verdict == Verdict.UPDATE:
                _update_record(db, con, station, j, imported_rows, result, station_decides)
            elif j.verdict == Verdict.REPLACE:
                _replace_sheet(db, con, station, digest, j, imported_rows, flags, result)
        table = {Kind.SHEET: "sheets", Kind.BOX_COUNT: "box_counts"}.get(kind)
        if table:
            srepo.insert_rows(con, table, new_rows)
        srepo.insert_imported_many(con, imported)
        done += len(judged)
        if progress:
            progress("write", done, total)
    _hold_withdrawals_settled_otherwise(db, con, v, station, plan, imported_rows, result)
    for sent in v.records[Kind.SHEET]:
        if pk.LABEL_WITHDRAWN in flags.get(str(sent["id"]), []):
            result.withdrawn_labels.append(f"{station}/{sent.get('source_file') or ''}")
    srepo.insert_station_audit(
        con, station, [j.record for j in plan.of(Verdict.NEW, Kind.AUDIT)], digest
    )
    for c in clashes:
        if c.reason == pk.SERIAL_CONFLICT:
            if not c.existing.withdrawn:  # (one taken out stays out, its record kept)
                _hold_existing(db, con, c.existing.id)
            if c.incoming.withdrawn or c.existing.withdrawn:
                out, held = (
                    (c.incoming, c.existing) if c.incoming.withdrawn else (c.existing, c.incoming)
                )
                result.notes.append(
                    (
                        f"防伪码 {c.incoming.serial}：选票 {out.id} 已撤出计票（仍不计入），"
                        f"选票 {held.id} 是这个防伪码的另一张图像，已转入审核：如是同一张纸，"
                        "由监票人把它也撤出（huanjie review withdraw）；如确是本轮的选票，按它的符号决定",
                        f"serial {c.incoming.serial}: sheet {out.id} was taken out of the count"
                        f" (it stays out); sheet {held.id}, another image of that serial, went to"
                        " review: if it is the same paper, a scrutineer takes it out too (huanjie"
                        " review withdraw); if it is a ballot of this round after all, decide"
                        " its marks",
                    )
                )
            if c.incoming.serial and c.incoming.serial not in result.serial_conflicts:
                result.serial_conflicts.append(c.incoming.serial)
        else:
            result.duplicates += 1
    # A decision of this file's still awaiting confirmation on a sheet the station's confirmed
    # decision now decides no longer applies (as when one is confirmed here): it would keep
    # the round from being certified with nothing left to confirm. Recorded (audit log,
    # import summary), whichever came first, this file's decision or the station's.
    for sheet in sorted(station_decides):
        waiting = [
            int(r[0])
            for r in con.execute(
                "SELECT id FROM decisions WHERE sheet = ? AND confirmed_by IS NULL"
                " AND superseded = 0 AND id NOT IN (SELECT CAST(local_id AS INTEGER)"
                " FROM imported_records WHERE kind = 'decision') ORDER BY id",
                (sheet,),
            )
        ]
        if waiting:
            con.execute(
                f"UPDATE decisions SET superseded = 1 WHERE id IN ({','.join('?' * len(waiting))})",
                waiting,
            )
            result.superseded_here.append(sheet)
            superseded_ids.extend({"sheet": sheet, "decision": d} for d in waiting)
    # ... and a station's decision awaiting confirmation on a sheet this file has decided
    # and confirmed does not reopen it: that decision stands (the station's is on record).
    # (Reopened, the sheet counted as settled and as awaiting review at once.)
    con.execute(
        "UPDATE decisions SET superseded = 1 WHERE confirmed_by IS NULL AND superseded = 0"
        " AND id IN (SELECT CAST(local_id AS INTEGER) FROM imported_records"
        " WHERE kind = 'decision')"
        " AND EXISTS (SELECT 1 FROM decisions here WHERE here.sheet = decisions.sheet"
        " AND here.confirmed_by IS NOT NULL AND here.superseded = 0"
        " AND here.id NOT IN (SELECT CAST(local_id AS INTEGER) FROM imported_records"
        " WHERE kind = 'decision'))"
    )
    # A round's attendance is as it stood when voting began: at this station, the moment of
    # its first record of the round — not when its package is imported here (a voter checked
    # in on this laptop meanwhile counted towards a quorum the round had not met).
    began_at = _voting_began(v)
    clock = _clock_wrong(v, utc_now(), station) if began_at else None
    for rnd, began in sorted(began_at.items()):
        window = None if clock is None else clock.window(began)
        # (a clock shown wrong places voting's start only within the stick's two trips: the
        # latest moment is taken — who checked in within them counts, and is named for the
        # chief scrutineer to check. The earliest, taken first, dropped everyone checked in
        # between the package's making, often the evening before, and voting: a sound round
        # void, with no way to set it right.)
        as_of = began if window is None else window[1]
        fixed = repo.fix_round_attendance(db, *rnd, as_of=as_of, source=station)
        if fixed is not None:
            result.notes += _attendance_notes(db, fixed, station, clock, window)
    # A box this station reports that another station reported too (a replacement laptop
    # entering the crashed one's box again): both reports are in, said now, not only when
    # the totals fail to match at certify.
    touched = {
        (str(j.record["contest"]), int(j.record["round"]), str(j.record["box"]))
        for j in plan.judged
        if j.kind == Kind.BOX_COUNT and j.verdict in (Verdict.NEW, Verdict.UPDATE)
    }
    for in_contest, in_round in sorted({(c, r) for c, r, _ in touched}):
        got = ballot_store.box_reports(db, in_contest, in_round)
        twice = got.twice
        for box in sorted(
            b for c, r, b in touched if (c, r) == (in_contest, in_round) and b in twice
        ):
            reports = tuple((b.station, b.issued, b.collected) for b in twice[box])
            result.boxes_twice.append((in_contest, in_round, BoxTwice(box, reports)))
        # (one box's 发出 typed on one laptop and its 收回 on another: one box, said so and
        # recorded — it was "reported twice", and no choice offered could settle it)
        for box in sorted(
            b for c, r, b in touched if (c, r) == (in_contest, in_round) and b in got.combined
        ):
            half_i, half_c = got.combined[box]
            result.boxes_combined.append(
                (
                    in_contest,
                    in_round,
                    box,
                    half_i.station,
                    half_i.issued,
                    half_c.station,
                    half_c.collected,
                )
            )
            result.notes.append(
                (
                    f"{in_contest} 第 {in_round} 轮的票箱“{box}”：发出 {half_i.issued} 由"
                    f" {_laptop_words(half_i.station, True)}登记，收回 {half_c.collected} 由"
                    f" {_laptop_words(half_c.station, True)}登记，合为同一个票箱计入"
                    "（如确是同名的两个票箱，请在各自的计票机上补登另一个数，再用 huanjie ballots"
                    " box-resolve … --both 两份都计）",
                    f"{in_contest} round {in_round} box {box!r}: issued {half_i.issued} entered"
                    f" on {_laptop_words(half_i.station, False)}, collected {half_c.collected}"
                    f" on {_laptop_words(half_c.station, False)} — counted as one box (were"
                    " they two boxes under one label, enter each one's other number on its"
                    " laptop, then count both: huanjie ballots box-resolve … --both)",
                )
            )
    result.added = plan.count(Verdict.NEW)
    result.unchanged = plan.count(Verdict.SAME)
    result.stale = plan.count(Verdict.STALE)
    srepo.set_package_counts(con, digest, result.added_total, sum(result.updated.values()))
    db.audit(
        "results.imported",
        {
            "station": station,
            "package": digest,
            "exported_at": v.manifest.get("created_at"),
            "added": result.added,
            "updated": result.updated,
            "serial_conflicts": result.serial_conflicts,
            "duplicates": result.duplicates,
            "kept_here": result.kept_here,
            "disagreements": result.disagreements,
            "withdrawn_labels": result.withdrawn_labels,
            "superseded_here": superseded_ids,
            "boxes_twice": [
                {
                    "contest": contest,
                    "round": rnd,
                    "box": b.box,
                    "reports": [
                        {"station": s, "issued": i, "collected": c} for s, i, c in b.reports
                    ],
                }
                for contest, rnd, b in result.boxes_twice
            ],
            **(
                {"boxes_combined": boxes_combined_json(result.boxes_combined)}
                if result.boxes_combined
                else {}
            ),
        },
        by,
    )
    if progress:
        progress("write", total, total)


# --- a round's attendance as of when voting began at a station (main laptop) -------------

#: The station's audit events that record a ballot box's count or a hand-entered ballot of a
#: round (their detail names it): the first one keeps its moment when the record is later
#: entered again.
_ROUND_EVENTS = ("boxes.counted", "manual.entered")


def _voting_began(v: _Verified) -> dict[tuple[str, int], str]:
    """Per round the package has ballot records of: the moment (the station's clock) of its
    earliest — a sheet read as a ballot of the round, a hand-entered ballot, a box's issued
    or collected count, or the audit entry of one."""
    first: dict[tuple[str, int], tuple[dt.datetime, str]] = {}

    def seen(contest: Any, number: Any, at: Any) -> None:
        if contest is None or number is None or not at:
            return
        when = repo.instant(str(at))
        rnd = (str(contest), int(number))
        if when is not None and (rnd not in first or when < first[rnd][0]):
            first[rnd] = (when, str(at))

    for s in v.records[Kind.SHEET]:
        if str(s.get("status")) in ("counted", "review"):
            seen(s.get("contest"), s.get("round"), s.get("scanned_at"))
    for m in v.records[Kind.MANUAL_ENTRY]:
        seen(m.get("contest"), m.get("round"), m.get("entered_at"))
    for b in v.records[Kind.BOX_COUNT]:
        seen(b.get("contest"), b.get("round"), b.get("updated_at"))
    for a in v.records[Kind.AUDIT]:
        if a.get("event") in _ROUND_EVENTS:
            try:
                detail = json.loads(str(a.get("detail") or "{}"))
            except ValueError:
                continue
            if isinstance(detail, dict):
                seen(detail.get("contest"), detail.get("round"), a.get("at"))
    return {rnd: at for rnd, (_, at) in first.items()}


@dataclass(frozen=True)
class _WrongClock:
    """A station laptop whose clock is shown wrong by what must have come first: it opened
    its package (``opened``, its clock) after this laptop made it (``made``), and exported
    its results (``exported``, its clock) before this import (``now``)."""

    opened: dt.datetime
    exported: dt.datetime
    made: dt.datetime
    now: dt.datetime
    said: tuple[str, str]

    def window(self, began: str) -> tuple[str, str] | None:
        """When a moment of the station's clock can have been on this laptop's: from its
        package's making plus the station's time since opening it, to this import less the
        station's time until its export (the two transfers of the stick apart)."""
        at = repo.instant(began)
        if at is None:
            return None
        low = self.made + (at - self.opened)
        high = max(low, self.now - (self.exported - at))
        return _iso(low), _iso(high)


def _clock_wrong(v: _Verified, now: str, station: str) -> _WrongClock | None:
    """The station's clock, if shown wrong (behind: it opened its package before this
    laptop made it; ahead: it exported its results after this laptop's now), else None —
    within those bounds its times are taken as they are."""
    opened = min(
        (
            at
            for a in v.records[Kind.AUDIT]
            if a.get("event") == "station.opened" and (at := repo.instant(str(a.get("at"))))
        ),
        default=None,
    )
    made = repo.instant(v.key.registered_at)
    exported = repo.instant(str(v.manifest.get("created_at") or ""))
    here = repo.instant(now)
    if opened is None or made is None or exported is None or here is None:
        return None
    if opened < made:
        off = made - opened
        said = (
            f"分团“{station}”的时钟比本机慢至少 {_span(off, True)}（按它的时钟，它打开分团包早于本机"
            f"导出这个分团包的时间 {_wall(v.key.registered_at)}）",
            f"station {station!r}'s clock is behind this laptop's by {_span(off, False)} at"
            " least (by its clock it opened its station package before this laptop made it,"
            f" {_wall(v.key.registered_at)})",
        )
    elif exported > here:
        off = exported - here
        said = (
            f"分团“{station}”的时钟比本机快至少 {_span(off, True)}（按它的时钟，它导出结果包晚于本机"
            f"现在的时间 {_wall(now)}）",
            f"station {station!r}'s clock is ahead of this laptop's by {_span(off, False)} at"
            f" least (by its clock it exported its results package after this laptop's time"
            f" now, {_wall(now)})",
        )
    else:
        return None
    return _WrongClock(opened, exported, made, here, said)


def _iso(at: dt.datetime) -> str:
    """A time in the form the app writes times (UTC, milliseconds)."""
    return at.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _span(d: dt.timedelta, zh: bool) -> str:
    """A clock difference in words, rounded up to the minute (the second under two)."""
    seconds = int(-(-d.total_seconds() // 1))
    if seconds < 120:
        return f"{seconds} 秒" if zh else f"{seconds} s"
    minutes = -(-seconds // 60)
    hours, minutes = divmod(minutes, 60)
    if zh:
        return " ".join(
            ([f"{hours} 小时"] if hours else []) + ([f"{minutes} 分钟"] if minutes else [])
        )
    return " ".join(([f"{hours} h"] if hours else []) + ([f"{minutes} min"] if minutes else []))


def _wall(iso: str) -> str:
    """An ISO-8601 UTC time as this computer's wall-clock time, to the second."""
    at = repo.instant(iso)
    return iso if at is None else at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _attendance_notes(
    db: ElectionDB,
    fixed: repo.AttendanceFixed,
    station: str,
    clock: _WrongClock | None,
    window: tuple[str, str] | None,
) -> list[tuple[str, str]]:
    """What an import says of a round's attendance it fixed as of when voting began at the
    station: the figures if they differ from what this laptop showed, who checked in (or was
    undone) here after that moment, and a station clock found wrong — with who checked in
    while voting may or may not have begun (``window``: when it can have begun)."""
    k, n = fixed.contest, fixed.round

    def names(codes: tuple[str, ...]) -> str:
        shown = []
        for code in codes[:10]:
            person = repo.read_person(db, code)
            shown.append(f"{person.name}（{code}）" if person else code)
        return "、".join(shown) + (f" 等 {len(codes)} 人" if len(codes) > 10 else "")

    def names_en(codes: tuple[str, ...]) -> str:
        return ", ".join(codes[:10]) + (f" and {len(codes) - 10} more" if len(codes) > 10 else "")

    changed = fixed.before is not None and fixed.before != (fixed.expected, fixed.present)
    if not (changed or fixed.late or fixed.undone or clock):
        return []
    if clock is None or window is None:
        zh = (
            f"{k} 第 {n} 轮的应到、实到按投票开始的时间确定：分团“{station}”这一轮的第一条记录在"
            f" {_wall(fixed.as_of)}（按该机时钟），此时应到 {fixed.expected}、实到 {fixed.present}"
        )
        en = (
            f"{k} round {n}'s expected and present are taken as of when voting began: station"
            f" {station!r}'s first record of the round, {_wall(fixed.as_of)} by its clock —"
            f" expected {fixed.expected}, present {fixed.present}"
        )
    else:
        zh = (
            f"{k} 第 {n} 轮的应到、实到按投票开始的时间确定：{clock.said[0]}，它这一轮的第一条记录"
            f"按本机时钟只能确定在 {_wall(window[0])} 至 {_wall(window[1])} 之间，按最晚的"
            f" {_wall(window[1])} 确定：应到 {fixed.expected}、实到 {fixed.present}"
        )
        en = (
            f"{k} round {n}'s expected and present are taken as of when voting began:"
            f" {clock.said[1]}; its first record of the round can only be placed between"
            f" {_wall(window[0])} and {_wall(window[1])} on this clock, and the latest is"
            f" taken — expected {fixed.expected}, present {fixed.present}"
        )
    if changed and fixed.before is not None:
        zh += f"（此前按本机较晚的记录确定为应到 {fixed.before[0]}、实到 {fixed.before[1]}）"
        en += (
            f" (fixed here before as of a later record: expected {fixed.before[0]},"
            f" present {fixed.before[1]})"
        )
    if fixed.late:
        zh += f"。此后本机又报到了 {len(fixed.late)} 人（{names(fixed.late)}）：不计入第 {n} 轮，只算以后的轮次"
        en += (
            f". {len(fixed.late)} checked in here after it ({names_en(fixed.late)}): not"
            f" counted in round {n}, only in later rounds"
        )
    if fixed.undone:
        zh += f"。此后本机撤销了 {len(fixed.undone)} 人的报到（{names(fixed.undone)}）：仍计入第 {n} 轮"
        en += (
            f". {len(fixed.undone)} check-in(s) undone here after it"
            f" ({names_en(fixed.undone)}): still counted in round {n}"
        )
    if window is not None:
        doubt = tuple(repo.checkins_between(db, *window))
        if doubt:
            zh += (
                f"。在这段时间内报到（或撤销报到）的有 {len(doubt)} 人（{names(doubt)}）：已按报到"
                f"计入第 {n} 轮，无法确定是否在投票开始之前"
            )
            en += (
                f". {len(doubt)} checked in (or were undone) within that span"
                f" ({names_en(doubt)}): taken as checked in for round {n}; whether before"
                " voting began cannot be told"
            )
    zh += "。请总监票人核对报到时间和本轮的实到人数" + (
        "，并把该分团计票机的时钟调准" if clock else "（如该分团计票机的时钟与本机不一致）"
    )
    en += ". The chief scrutineer checks the check-in times and the round's number present" + (
        ", and has the station laptop's clock set right"
        if clock
        else " (should the station laptop's clock differ from this one)"
    )
    return [(zh + "。", en + ".")]


def _sheet_row(rec: Mapping[str, Any], station: str) -> dict[str, Any]:
    row = {k: v for k, v in rec.items() if k not in pk.SPECS[Kind.SHEET].location}
    name = rec.get("_image")
    if not name and not rec.get("image_path"):
        # (no image kept at the station — a hand-entered ballot: none here either, as for
        # one entered on this laptop; a path to a file that never existed was reported
        # by verify as an image not copied)
        row["image_path"] = ""
        return row
    suffix = _suffix(str(rec.get("image_path") or ""))
    file = str(name).removeprefix("images/") if name else f"{rec['image_sha256']}{suffix}"
    row["image_path"] = f"stations/{station}/{file}"
    return row


def _outcomes_differ(live: Mapping[str, Any], station: Mapping[str, Any]) -> bool:
    """Both counted, with other marks, validity or write-ins: two outcomes for one ballot."""
    if live.get("status") != "counted" or station.get("status") != "counted":
        return False
    keys = ("final_marks", "final_valid", "final_writeins")
    return any(live.get(k) != station.get(k) for k in keys)


def _hold_withdrawals_settled_otherwise(
    db: ElectionDB,
    con: sqlite3.Connection,
    v: _Verified,
    station: str,
    plan: pk.MergePlan,
    imported_rows: Mapping[tuple[str, str], srepo.ImportedRecord],
    result: ImportResult,
) -> None:
    """A sheet of the station's that one laptop took out of the count (review withdraw) and
    the other settled otherwise since — counted it, put it back, decided its marks — goes
    back to review with both outcomes in its reason, and the import names it. Kept as this
    laptop had it, the sheet was out of the count here while the station's putting back was
    on record as having undone this laptop's withdrawal (listed "restored", neither put back
    nor decidable: a ballot lost, the round stuck), or counted here while listed as taken
    out. Looked at for the sheets whose state, or a confirmed decision on them, the station
    changed with this package (its state unchanged, nothing was settled again there)."""
    touched = {j.key for j in plan.judged if j.kind == Kind.SHEET and j.verdict == Verdict.UPDATE}
    touched |= {
        str(j.record["sheet"])
        for j in plan.judged
        if j.kind == Kind.DECISION
        and j.verdict in (Verdict.NEW, Verdict.UPDATE)
        and j.record.get("confirmed_by")
        and not j.record.get("superseded")
    }
    if not touched:
        return
    package_sheets = {str(x["id"]): x for x in v.records[Kind.SHEET]}
    out_there = _taken_out_in(v)
    for sheet in sorted(touched):
        known = imported_rows.get((Kind.SHEET.value, sheet))
        rec = package_sheets.get(sheet)
        live = srepo.read_sheet(db, sheet)
        if known is None or rec is None or live is None:
            continue  # (new with this package: nothing here settled it)
        if pk.DUPLICATE_IMAGE in known.flags or pk.SPOILED_SERIAL in known.flags:
            continue  # (set aside here as another station's image, or refused: not counted)
        there = pk.record_state(Kind.SHEET, rec)
        if _live_state(live, Kind.SHEET) == pk.apply_flags(there, known.flags):
            continue  # (as the station has it)
        withdrawals_here = [
            d
            for d in sheets_store.withdrawal_decisions(con, sheet)
            if d["confirmed_by"] and not d["superseded"]
        ]
        out_here = live.get("status") == "duplicate" and bool(withdrawals_here)
        withdrawn_there = sheet in out_there
        if out_here and there.get("status") in ("counted", "review"):
            # (the withdrawal this laptop made or confirmed: the station's own are its side)
            mine = [d for d in withdrawals_here if _settled_here(db, d)]
            last = (mine or withdrawals_here)[-1]
            here_zh = f"撤出计票（{last['reason']}；{last['decided_by']} 提出，{last['confirmed_by']} 确认）"
            here_en = (
                f"taken out of the count ({last['reason']}; {last['decided_by']}, confirmed by"
                f" {last['confirmed_by']})"
            )
            there_zh, there_en = _settled_words(there)
        elif withdrawn_there and live.get("status") == "counted":
            here_zh, here_en = _settled_words(live)
            there_zh, there_en = _withdrawal_words_in(v, sheet)
        else:
            continue
        text = (
            f"分团“{station}”对这张选票的认定与本机不同（本机：{here_zh}；分团：{there_zh}）："
            "请监票人看原票后重新决定（计入：huanjie review decide；不是本轮选票：huanjie review"
            " withdraw）"
        )
        if sheets_store.hold_for_conflict(con, sheet, "station_disagrees", text):
            result.disagreements.append(sheet)
            result.notes.append(
                (
                    f"选票 {sheet}：本机{here_zh}，分团“{station}”{there_zh}：已送回审核",
                    f"sheet {sheet}: here {here_en}, at station {station!r} {there_en}: back"
                    " in review",
                )
            )


def _settled_here(db: ElectionDB, decision: Mapping[str, Any]) -> bool:
    """A confirmed decision made on this laptop, or a station's confirmed here."""
    rec = srepo.imported_for_local(db, Kind.DECISION.value, str(decision["id"]))
    return rec is None or rec.state.get("confirmed_by") != decision["confirmed_by"]


def _settled_words(state: Mapping[str, Any]) -> tuple[str, str]:
    """How a laptop has a sheet it counts, or holds for review (zh, en)."""
    if state.get("status") == "review":
        return "待审核", "held for review"
    marks = state.get("final_marks") or ""
    if not state.get("final_valid"):
        return f"计入，废票（{marks}）", f"counted, void ({marks})"
    return f"计入（{marks}）", f"counted ({marks})"


def _withdrawal_words_in(v: _Verified, sheet: str) -> tuple[str, str]:
    """The station's taking ``sheet`` out (its last confirmed withdrawal), in words."""
    zh, en = "撤出计票", "taken out of the count"
    for d in sorted(v.records[Kind.DECISION], key=lambda x: int(x["id"])):
        if str(d["sheet"]) != sheet or not d.get("confirmed_by") or d.get("superseded"):
            continue
        decided = d.get("decided")
        text = decided if isinstance(decided, str) else json.dumps(decided)
        if json.loads(text or "{}").get("withdrawn"):
            why, by, second = d.get("reason") or "", d.get("decided_by"), d.get("confirmed_by")
            zh = f"撤出计票（{why}；{by} 提出，{second} 确认）"
            en = f"taken out of the count ({why}; {by}, confirmed by {second})"
    return zh, en


def _live_state(row: Mapping[str, Any], kind: Kind) -> dict[str, Any]:
    return {k: row.get(k) for k in pk.SPECS[kind].state}


def _new_record(
    con: sqlite3.Connection,
    station: str,
    package: str,
    j: pk.Judged,
    flags: Mapping[str, list[str]],
) -> tuple[dict[str, Any] | None, srepo.ImportedRecord]:
    """The row to insert (sheets, box counts: in bulk by the caller; decisions and manual
    entries are inserted here, as they get a new id in this file) and its import record."""
    rec = j.record
    state = pk.record_state(j.kind, rec)
    sheet_flags: list[str] = []
    row: dict[str, Any] | None = None
    if j.kind == Kind.SHEET:
        sheet_flags = flags.get(j.key, [])
        row = _sheet_row(rec, station)
        row.update(pk.apply_flags(state, sheet_flags))
        local = j.key
    elif j.kind == Kind.BOX_COUNT:
        row = dict(rec)
        local = j.key
    else:
        table = "decisions" if j.kind == Kind.DECISION else "manual_entries"
        local = str(
            srepo.insert_returning_id(con, table, {k: v for k, v in rec.items() if k != "id"})
        )
    return row, srepo.ImportedRecord(
        station, j.kind.value, j.key, local, j.digest, state, sheet_flags, package
    )


def _station_decides(
    db: ElectionDB,
    plan: pk.MergePlan,
    imported_rows: Mapping[tuple[str, str], srepo.ImportedRecord],
) -> set[str]:
    """The sheets a confirmed decision of the station's, coming in with this package,
    decides here: the sheet row still shows what the station sent last (plus this file's
    holds) and no decision of this file's own on it is confirmed. A decision of this file's
    still awaiting confirmation does not take the sheet over: the station's confirmed one
    replaces it (whichever of the two was made first), and the sheet takes the station's
    state with it. Judged for the sheet and its decisions together, before any is written,
    so that the sheet never takes one laptop's outcome and the decisions the other's."""
    confirmed = {
        str(j.record["sheet"])
        for j in plan.judged
        if j.kind == Kind.DECISION
        and j.verdict in (Verdict.NEW, Verdict.UPDATE)
        and j.record.get("confirmed_by")
        and not j.record.get("superseded")
    }
    out: set[str] = set()
    for sheet in confirmed:
        known = imported_rows.get((Kind.SHEET.value, sheet))
        if known is None:  # (the sheet comes with this package: nothing here decided it)
            out.add(sheet)
            continue
        live = srepo.read_sheet(db, known.local_id)
        if live is None or _live_state(live, Kind.SHEET) != pk.apply_flags(
            known.state, known.flags
        ):
            continue  # this file's review changed the sheet: its outcome is kept
        own_confirmed = db.con.execute(
            "SELECT 1 FROM decisions WHERE sheet = ? AND confirmed_by IS NOT NULL"
            " AND superseded = 0 AND id NOT IN (SELECT CAST(local_id AS INTEGER)"
            " FROM imported_records WHERE kind = 'decision') LIMIT 1",
            (known.local_id,),
        ).fetchone()
        if own_confirmed is None:
            out.add(known.local_id)
    return out


def _update_record(
    db: ElectionDB,
    con: sqlite3.Connection,
    station: str,
    j: pk.Judged,
    imported_rows: Mapping[tuple[str, str], srepo.ImportedRecord],
    result: ImportResult,
    station_decides: set[str],
) -> None:
    rec = j.record
    state = pk.record_state(j.kind, rec)
    # UPDATE: the station sends a newer state. Apply it only while the row here still shows
    # what the station sent last (plus this file's own holds); otherwise this file has taken
    # the record over (e.g. its own review) and keeps it.
    known = imported_rows[(j.kind.value, j.key)]
    where: dict[str, Any]
    if j.kind == Kind.SHEET:
        table, where, live = "sheets", {"id": known.local_id}, srepo.read_sheet(db, known.local_id)
    elif j.kind == Kind.DECISION:
        table, where = "decisions", {"id": int(known.local_id)}
        live = srepo.read_decision(db, int(known.local_id))
    elif j.kind == Kind.BOX_COUNT:
        table = "box_counts"
        where = {k: rec[k] for k in ("contest", "round", "box", "station")}
        live = srepo.read_box_count(
            db, str(rec["contest"]), int(rec["round"]), str(rec["box"]), station
        )
    else:
        table, where = "manual_entries", {"id": int(known.local_id)}
        live = srepo.read_manual_entry(db, int(known.local_id))
    expected = (
        pk.apply_flags(known.state, known.flags) if j.kind == Kind.SHEET else dict(known.state)
    )
    new = pk.apply_flags(state, known.flags) if j.kind == Kind.SHEET else state
    here = None if live is None else _live_state(live, j.kind)
    if here is not None and here == expected:
        srepo.update_row(con, table, where, new)
    elif here is not None and here == new:
        pass  # (this file came to the same state: nothing was taken over)
    elif (
        here is not None
        and j.kind == Kind.DECISION
        and str(rec["sheet"]) in station_decides
        and {**here, "superseded": expected.get("superseded")} == expected
    ):
        # Set aside here only by a decision of this file's still awaiting confirmation,
        # which the station's confirmed decision now replaces (see _station_decides).
        srepo.update_row(con, table, where, new)
    else:
        result.kept_here += 1
        if j.kind == Kind.SHEET and live is not None and _outcomes_differ(live, state):
            # Both laptops settled the ballot, differently (each its own review): neither
            # is kept silently — a person decides again, seeing both.
            text = (
                f"分团“{station}”对这张选票的认定与本机不同（本机：{live.get('final_marks')}，"
                f"分团：{state.get('final_marks')}）：请重新审核决定"
            )
            if sheets_store.hold_for_conflict(con, str(known.local_id), "station_disagrees", text):
                result.disagreements.append(str(known.local_id))
    srepo.update_imported(con, station, j.kind.value, j.key, state=state)
    result.updated[j.kind.value] = result.updated.get(j.kind.value, 0) + 1


def _replace_sheet(
    db: ElectionDB,
    con: sqlite3.Connection,
    station: str,
    package: str,
    j: pk.Judged,
    imported_rows: Mapping[tuple[str, str], srepo.ImportedRecord],
    flags: Mapping[str, list[str]],
    result: ImportResult,
) -> None:
    """A page the station's scanner failed on and has now read: replace the rejected row."""
    known = imported_rows[(j.kind.value, j.key)]
    live = srepo.read_sheet(db, known.local_id)
    if live is None or _live_state(live, Kind.SHEET) != pk.apply_flags(known.state, known.flags):
        raise _reject(
            "conflict",
            f"选票记录 {j.key} 在分团重新识别，但本机已处理过它：同一编号、不同内容。",
            f"sheet record {j.key} was read again at the station but was already handled here: same id, different content.",
        )
    sheet_flags = [*known.flags, *(f for f in flags.get(j.key, []) if f not in known.flags)]
    state = pk.record_state(Kind.SHEET, j.record)
    row = _sheet_row(j.record, station)
    row.update(pk.apply_flags(state, sheet_flags))
    del row["id"]
    srepo.update_row(con, "sheets", {"id": known.local_id}, row)
    srepo.update_imported(
        con,
        station,
        j.kind.value,
        j.key,
        state=state,
        flags=sheet_flags,
        digest_package=(j.digest, package),
    )
    result.updated["sheet"] = result.updated.get("sheet", 0) + 1


def _hold_existing(db: ElectionDB, con: sqlite3.Connection, sheet_id: str) -> None:
    """Send a sheet already here to review because another station has its serial."""
    live = srepo.read_sheet(db, sheet_id)
    if live is None:
        return
    held = pk.apply_flags(_live_state(live, Kind.SHEET), [pk.SERIAL_CONFLICT])
    if live.get("status") == "duplicate":
        held["status"] = "duplicate"
    srepo.update_row(con, "sheets", {"id": sheet_id}, held)
    rec = srepo.imported_for_local(db, Kind.SHEET.value, sheet_id)
    if rec is not None and pk.SERIAL_CONFLICT not in rec.flags:
        srepo.update_imported(
            con, rec.station, rec.kind, rec.key, flags=[*rec.flags, pk.SERIAL_CONFLICT]
        )


# --- reconciliation -----------------------------------------------------------------------

# --- which station laptops a round has heard from (main laptop) ---------------------------


@dataclass(frozen=True)
class Hearing:
    """What a round has from one station laptop: the records of the round it sent (the
    ``held`` counts: sheets, hand-entered ballots, box counts), whether its latest package
    states it has finished counting (``done``: every round that station knows, nothing of
    this one included means it had no ballots of it), and its packages so far."""

    station: str
    held: dict[str, int]
    done: bool
    packages: int
    last_exported: str | None
    last_imported: str | None
    last_counts: dict[str, int]
    # its latest package states it has finished counting, with nothing of this round, but
    # was made before the round began (`_done_before_round`): no word on its ballots
    done_before_round: bool = False
    # ... or cannot be told made after it: the station's clock is ahead of this laptop's
    # (the package's export time is later than its import here) — its times say nothing
    clock_ahead: bool = False

    @property
    def heard(self) -> bool:
        return any(self.held.values()) or self.done

    @property
    def interim(self) -> bool:
        """Records of the round came in, but the station has not stated since that it has
        finished counting: its latest package is a count in progress (one exported after the
        first box, to let this laptop see the progress) — ballots counted there afterwards
        are not here, and the sheets here matched the boxes here."""
        return self.heard and not self.done

    def sent(self) -> tuple[str, str]:
        """What the station has sent so far, in words (zh, en)."""
        if not self.packages:
            return "还没有交来任何计票结果包", "no results package received"
        c = self.last_counts
        exported, imported = (wall_clock(t or "") for t in (self.last_exported, self.last_imported))
        if self.clock_ahead:
            return (
                f"最近的结果包声明计票完毕，但按分团计票机自己的时钟它于 {exported} 导出，晚于本机导入它的时间"
                f" {imported}：那台计票机的时钟比本机快，它的时间说明不了这个包是不是在这一轮开始投票之前导出的"
                "（例如投票前为试 U 盘导出的），而包里没有这一轮的选票、手工录入或票箱数。请把那台计票机的时钟"
                "调准，计完这一轮（或确实没有这一轮的选票）后再加 --done 导出结果包（huanjie results export …"
                " --done）并在本机导入",
                f"its latest package states it has finished counting, but by that laptop's own"
                f" clock it was exported {exported}, later than its import here ({imported}):"
                " that laptop's clock is ahead of this one's, so its times cannot tell whether"
                " the package was made before this round's voting began (to test the stick,"
                " say) — and it holds none of the round's sheets, hand entries or box counts."
                " Set that laptop's clock right, then, once it has counted the round (or truly"
                " has no ballots of it), export its package again with --done (huanjie"
                " results export … --done) and import it here",
            )
        if self.done_before_round:
            return (
                f"最近的结果包（{exported} 导出、{imported} 导入）声明计票完毕，但它是在这一轮开始投票"
                "（本机收到这一轮的第一条选票记录）之前导出的，没有这一轮的选票、手工录入或票箱数：它说明"
                "不了这一轮那里有没有选票。该计票机计完这一轮（或确实没有这一轮的选票）后，再加 --done"
                "导出结果包（huanjie results export … --done）并在本机导入",
                f"its latest package (exported {exported}, imported {imported}) states it has"
                " finished counting, but was made before this round's voting began (this"
                " laptop's first ballot record of the round) and holds none of its sheets, hand"
                " entries or box counts: it says nothing of the round's ballots there. Once that"
                " laptop has counted the round (or truly has no ballots of it), export its"
                " package again with --done (huanjie results export … --done) and import it here",
            )
        return (
            f"已交来 {self.packages} 个结果包，最近一个于 {exported} 导出、{imported} 导入"
            f"（共选票记录 {c.get('sheet', 0)}，手工录入 {c.get('manual_entry', 0)}，票箱"
            f" {c.get('box_count', 0)}），其中没有这一轮的选票、手工录入或票箱数，也没有声明计票完毕"
            "（huanjie results export … --done）",
            f"{self.packages} results package(s) received, the latest exported {exported},"
            f" imported {imported} ({c.get('sheet', 0)} sheets,"
            f" {c.get('manual_entry', 0)} manual entries, {c.get('box_count', 0)} box counts in"
            " all): none of this round's sheets, hand entries or box counts, and no statement that"
            " it has finished counting (huanjie results export … --done)",
        )

    def still_counting(self) -> tuple[str, str]:
        """What the station has sent of a round it has not stated finished (zh, en)."""
        h = self.held
        return (
            f"已交来这一轮的选票记录 {h.get('sheet', 0)}、手工录入 {h.get('manual_entry', 0)}、票箱"
            f" {h.get('box_count', 0)}，但最近的结果包（{_wall(self.last_exported or '')} 导出）没有声明计票完毕"
            "（huanjie results export … --done）：此后那里计的选票不在本机",
            f"{h.get('sheet', 0)} sheets, {h.get('manual_entry', 0)} manual entries and"
            f" {h.get('box_count', 0)} box counts of this round received, but its latest package"
            f" (exported {_wall(self.last_exported or '')}) does not state that it has finished counting"
            " (huanjie results export … --done): what was counted there since is not here",
        )


#: What each imported package said of itself (by its digest: a package never changes once
#: imported): the rounds stated finished (None: a package of a version that could not state
#: it), its record counts. Its manifest (every record's index entry) is parsed once, not for
#: every tally of every round.
_SAID: dict[str, tuple[frozenset[str] | None, dict[str, int]]] = {}


def _package_said(
    package: srepo.ImportedPackage | None,
) -> tuple[frozenset[str] | None, dict[str, int]]:
    """The rounds ("contest/round") a package states its station has finished counting
    (None for a package of a version before ``done``), and the records it counted of each
    kind."""
    if package is None:
        return frozenset(), {}
    got = _SAID.get(package.digest)
    if got is None:
        done: frozenset[str] | None = frozenset()
        counts: dict[str, int] = {}
        try:
            manifest = json.loads(package.manifest)
            said = manifest.get("done")
            if said is None and "rounds_held" not in manifest:
                done = None
            elif isinstance(said, list):
                done = frozenset(str(r) for r in said)
            counts = {str(k): int(v) for k, v in (manifest.get("counts") or {}).items()}
        except (ValueError, AttributeError, TypeError):
            pass
        got = _SAID[package.digest] = (done, counts)
    return got


def _expected_stations(db: ElectionDB, contest: str, number: int) -> list[str]:
    """The station laptops made from this file (not revoked) that could count this round:
    one made once the round after it was open could not (the round took nothing more), nor
    could one made before the round was opened (`stations_without_round`)."""
    closed = srepo.round_opened_at(db, contest, number + 1)
    without = set(stations_without_round(db, contest, number))
    return sorted(
        {
            k.name
            for k in srepo.read_keys(db)
            if k.role == "station"
            and not k.revoked
            and k.name not in without
            and (closed is None or k.registered_at < closed)
        }
    )


def stations_without_round(db: ElectionDB, contest: str, number: int) -> list[str]:
    """The station laptops (not revoked) whose station package was made before this round
    was opened: the package carries the definition as it was, and a station file never
    learns of a round opened later — it cannot count it (its ballots are refused there as
    of no known round), so the round does not wait for it. Round 2 waited for 一团 and 二团,
    made for round 1, and only --without-station, meant for a broken laptop, let it be
    certified."""
    opened = srepo.round_opened_at(db, contest, number)
    if opened is None:
        return []
    given = _rounds_given(db)
    out = set()
    for k in srepo.read_keys(db):
        if k.role != "station" or k.revoked:
            continue
        rounds = given.get(k.name)
        # (the rounds its package carried, as recorded when it was made; a package made by
        # an older version recorded none: the times tell — a clock set back between the two
        # could only make the round wait for it, as before)
        if rounds is not None:
            if f"{contest}/{number}" not in rounds:
                out.add(k.name)
        elif k.registered_at < opened:
            out.add(k.name)
    return sorted(out)


def _rounds_given(db: ElectionDB) -> dict[str, frozenset[str]]:
    """Station name → the rounds ("contest/round") its station package carried, as the
    export recorded them in the audit log (packages made by an older version: absent)."""
    out: dict[str, frozenset[str]] = {}
    for (detail,) in db.con.execute(
        "SELECT detail FROM audit WHERE event = 'station.exported' ORDER BY seq"
    ):
        try:
            said = json.loads(detail)
            rounds = said.get("rounds")
            if isinstance(rounds, list):
                out[str(said["station"])] = frozenset(str(r) for r in rounds)
        except (ValueError, KeyError, AttributeError, TypeError):
            continue
    return out


def hearings(db: ElectionDB, contest: str, number: int) -> list[Hearing]:
    """Every station laptop this round expects, and what it has from each (none on a
    station laptop itself)."""
    if is_station(db):
        return []
    expected = _expected_stations(db, contest, number)
    if not expected:
        return []  # (no station laptop: nothing to look up in the round's sheets)
    held = srepo.rounds_held(db, contest, number)
    packages = srepo.read_packages(db)
    out = []
    began: list[tuple[int | None, dt.datetime] | None] = []  # (looked up once, when needed)
    for name in expected:
        mine = [p for p in packages if p.station == name]
        last = max(mine, key=lambda p: (p.audit_seq, p.at), default=None)
        done, counts = _package_said(last)
        got = held.get(name, {}).get(
            (contest, number), {"sheet": 0, "manual_entry": 0, "box_count": 0}
        )
        # (a version before --done could not state it: what it sent of the round is taken
        # as its count, as that version took it)
        said = f"{contest}/{number}" in done if done is not None else any(got.values())
        early = ""
        if said and last is not None and not any(got.values()):
            if not began:
                began.append(round_began(db, contest, number))
            early = _done_before_round(db, last, began[0])
        out.append(
            Hearing(
                name,
                got,
                said and not early,
                len(mine),
                None if last is None else last.exported_at,
                None if last is None else last.at,
                counts,
                bool(early),
                early == "clock_ahead",
            )
        )
    return out


def round_began(db: ElectionDB, contest: str, number: int) -> tuple[int | None, dt.datetime] | None:
    """When the round's voting began as this (main) laptop knows it: the audit sequence
    number of its first ``round.attendance`` entry here (written when its first ballot
    record came in — scanned, entered or imported) and the earliest moment the round's
    attendance is taken as of; None while no ballot record of the round is in."""
    seq: int | None = None
    moment: dt.datetime | None = None
    for row_seq, at, detail in db.con.execute(
        "SELECT seq, at, detail FROM audit WHERE event = 'round.attendance'"
        " AND json_extract(detail, '$.contest') = ? AND json_extract(detail, '$.round') = ?"
        " ORDER BY seq",
        (contest, number),
    ):
        try:
            d = json.loads(detail)
        except ValueError:
            continue
        when = repo.instant(str(d.get("as_of") or at)) or repo.instant(str(at))
        seq = int(row_seq) if seq is None else seq
        if when is not None and (moment is None or when < moment):
            moment = when
    if seq is None or moment is None:
        # (a file whose records were written without the round's attendance fixed — an older
        # version's: the earliest record of the round, by its time, with no order to tell)
        first = [
            repo.instant(str(r[0]))
            for r in db.con.execute(
                "SELECT min(scanned_at) FROM sheets WHERE contest = ? AND round = ?"
                " AND status IN ('counted', 'review') UNION ALL"
                " SELECT min(entered_at) FROM manual_entries WHERE contest = ? AND round = ?"
                " UNION ALL SELECT min(updated_at) FROM box_counts WHERE contest = ? AND round = ?",
                (contest, number) * 3,
            )
            if r[0]
        ]
        known = [t for t in first if t is not None]
        return None if not known else (None, min(known))
    return seq, moment


def _done_before_round(
    db: ElectionDB, package: srepo.ImportedPackage, began: tuple[int | None, dt.datetime] | None
) -> str:
    """A package stating its station has finished counting, with nothing of a round in it,
    made before that round's voting began: its --done cannot speak for the round's ballots
    (stated after counting contest WY, it let contest JW, voted later, be certified with
    the main laptop's box alone — and the station's JW package was then refused as of a
    frozen round). Told by this laptop's own order first: imported before the round's
    first ballot record came in here, it was made before too, whatever any clock says.
    Imported later, its export time (the station's clock) before the moment voting began
    says so — a station clock behind only makes the round wait for a fresh package. A clock
    ahead is what the times cannot tell: a package made to test the stick half an hour
    before voting, on a laptop 8 hours ahead (set to the wrong time zone), was dated well
    after voting began and its --done let the round be certified without that station's
    ballots. So a package dated later than its import here (a clock shown ahead) speaks for
    no round it holds nothing of, however its date compares. (A clock ahead by less than
    the stick's trip from that laptop to this one is not shown so: such a package made
    before voting is still taken as made after it if its date falls after voting began —
    nothing in a package with nothing of the round tells when it was made but that clock.)

    Returns "" (it speaks for the round), "before" or "clock_ahead"."""
    if began is None:
        return "before"  # (no ballot record of the round anywhere yet: voting has not begun)
    seq, moment = began
    imported = db.con.execute(
        "SELECT min(seq) FROM audit WHERE event = 'results.imported'"
        " AND json_extract(detail, '$.package') = ?",
        (package.digest,),
    ).fetchone()[0]
    # (``package.audit_seq`` is the station's own numbering: this laptop's is its import's)
    if imported is not None and seq is not None and int(imported) < seq:
        return "before"
    exported = repo.instant(package.exported_at)
    if exported is None:
        return "before"
    if _dated_after_import(package):
        return "clock_ahead"
    return "before" if exported < moment else ""


def _dated_after_import(package: srepo.ImportedPackage) -> bool:
    """The package's export time (the station's clock) is later than its import here (this
    laptop's clock): the station's clock is ahead."""
    exported, imported = repo.instant(package.exported_at), repo.instant(package.at)
    return exported is not None and imported is not None and exported > imported


def silent_stations(db: ElectionDB, contest: str, number: int) -> list[str]:
    """The station laptops this round has heard nothing of: no sheet, hand entry or box
    count of it, and no statement in their latest package that they have finished counting.
    (Any package used to do: one exported to test the stick, before anything was counted,
    let the round be certified without that laptop's ballots.)"""
    return [h.station for h in hearings(db, contest, number) if not h.heard]


def clock_ahead_stations(db: ElectionDB, contest: str, number: int) -> list[str]:
    """The station laptops this round waits for though their latest package states they
    have finished counting: it holds nothing of the round and is dated after its import here
    (their clock is ahead), so it cannot tell it was made after voting began."""
    return [h.station for h in hearings(db, contest, number) if h.clock_ahead]


def unfinished_stations(db: ElectionDB, contest: str, number: int) -> list[str]:
    """The station laptops that sent records of this round but have not stated since that
    they have finished counting it (``Hearing.interim``): their latest package was exported
    part-way, and the ballots counted there after it are in nobody's count here. (A package
    exported after the first box, then box 2 counted and never sent: certified as final with
    those ballots lost.)"""
    return [h.station for h in hearings(db, contest, number) if h.interim]


STATUSES = ("counted", "review", "rejected", "duplicate")


@dataclass
class BoxLine:
    box: str
    issued: int | None
    collected: int | None
    # "counted"; "twice": another station reported the box too, not resolved (counted
    # meanwhile); "combined": this report holds only the box's issued, or only its
    # collected, and another laptop's the other number — one box; "set_aside": another
    # station's report was taken for the box (`taken`,
    # decided by `decided_by`), this one is on record and not counted
    state: str = "counted"
    taken: str | None = None
    decided_by: str | None = None


@dataclass
class ReconRow:
    station: str
    contest: str | None
    round: int | None
    boxes: list[BoxLine] = field(default_factory=list)
    sheets: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    # of the sheets (duplicates left out): how many were entered by hand (手工录入), not
    # scanned — on this laptop stored under station "manual" and shown with its own boxes
    hand_entered: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    # (zh, en) said of the row that is no problem (a station that stated it had no ballots)
    notes: list[tuple[str, str]] = field(default_factory=list)
    silent: bool = False  # a station laptop this round has heard nothing of yet
    # a station laptop whose latest package has records of this round but does not state
    # that it has finished counting it
    unfinished: bool = False

    @property
    def issued(self) -> int | None:
        vals = [b.issued for b in self.boxes if b.issued is not None and b.state != "set_aside"]
        return sum(vals) if vals else None

    @property
    def collected(self) -> int | None:
        vals = [
            b.collected for b in self.boxes if b.collected is not None and b.state != "set_aside"
        ]
        return sum(vals) if vals else None

    @property
    def scanned(self) -> int:
        """Sheets that are ballots of this round, duplicates left out: scanned or entered
        by hand (`hand_entered` of them)."""
        return sum(n for s, n in self.sheets.items() if s != "duplicate")

    def sheets_words(self) -> tuple[str, str]:
        """The sheets held, in words (zh, en): "扫描 10 张 + 手工录入 1 张"."""
        machine, hand = self.scanned - self.hand_entered, self.hand_entered
        if not hand:
            return f"扫描 {machine} 张", f"{machine} sheets scanned"
        return (
            f"扫描 {machine} 张 + 手工录入 {hand} 张",
            f"{machine} sheets scanned + {hand} entered by hand",
        )

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        pick = 1 if lang == "en" else 0
        return {
            "station": self.station,
            "contest": self.contest,
            "round": self.round,
            "boxes": [b.__dict__ for b in self.boxes],
            "issued": self.issued,
            "collected": self.collected,
            "scanned": self.scanned,
            "hand_entered": self.hand_entered,
            "sheets": self.sheets,
            "problems": [p[pick] for p in self.problems],
            "notes": [n[pick] for n in self.notes],
            "silent": self.silent,
            "unfinished": self.unfinished,
        }


def reconcile(db: ElectionDB, operator: Session | None = None) -> list[ReconRow]:
    """Per station, contest and round: issued/collected per box beside the sheets scanned
    or entered by hand.

    The ballots entered by hand on this laptop are stored under station "manual" (`MANUAL`,
    storage.counting): they are shown with this laptop's own boxes (`local_station`), as a
    station's hand entries are with its boxes once merged — under a row of their own, the
    main laptop's box looked short by as many sheets ("扫描 0 张，收回 6 张，不一致") and
    the hand entries stood beside no box."""
    require(db, operator, Action.VIEW)
    here = local_station(db)
    rows: dict[tuple[str, str | None, int | None], ReconRow] = {}

    def row(station: str, contest: str | None, rnd: int | None) -> ReconRow:
        key = (station, contest, rnd)
        if key not in rows:
            rows[key] = ReconRow(station, contest, rnd)
        return rows[key]

    for b in srepo.box_count_rows(db):
        row(b["station"], b["contest"], b["round"]).boxes.append(
            BoxLine(b["box"], b["issued"], b["collected"])
        )
    for station, contest, rnd, status, source, n in srepo.sheet_status_counts(db):
        r = row(here if station == MANUAL else station, contest, rnd)
        r.sheets[status] = r.sheets.get(status, 0) + n
        if source == "manual" and status != "duplicate":
            r.hand_entered += n
    for c in repo.read_contests(db):
        rounds = repo.read_rounds(db, c.code)
        if not rounds or rounds[-1].status is not RoundStatus.OPEN:
            continue  # (a round with a later one, or frozen, waits for nobody any more)
        number = rounds[-1].number
        for h in hearings(db, c.code, number):
            if not h.heard:
                # (a station that sent nothing of the round had no row: the round looked
                # complete without it)
                r = row(h.station, c.code, number)
                r.silent = True
                zh, en = h.sent()
                r.problems.append(
                    (f"这一轮还什么都没有收到：{zh}", f"nothing of this round received: {en}")
                )
            elif h.interim:
                r = row(h.station, c.code, number)
                r.unfinished = True
                zh, en = h.still_counting()
                r.problems.append((f"这一轮的计票结果是中途的：{zh}", f"a count in progress: {en}"))
            elif not any(h.held.values()):
                row(h.station, c.code, number).notes.append(
                    (
                        "该分团已声明计票完毕，没有这一轮的选票",
                        "the station stated it has finished counting: no ballots of this round",
                    )
                )
        for name in stations_without_round(db, c.code, number):
            # (listed with what the round waits for: a station made for an earlier round
            # is not silent, it was never given this one)
            row(name, c.code, number).notes.append(
                (
                    f"该分团的分团包在第 {number} 轮开启之前导出，没有这一轮：这台计票机不能计这一轮的选票，"
                    "这一轮也不等它的结果包（这一轮的选票在主机上计，或在本轮开启之后用新名称导出的分团包上计）",
                    f"this station's package was made before round {number} was opened and"
                    " does not have it: that laptop cannot count this round, and the round does"
                    " not wait for its package (count the round's ballots on the main laptop,"
                    " or on a station package exported under a new name after the round was"
                    " opened)",
                )
            )
    reports: dict[tuple[str, int], ballot_store.BoxReports] = {}
    for r in rows.values():
        if r.contest is None or r.round is None:
            continue
        rnd_key = (r.contest, r.round)
        if rnd_key not in reports:
            reports[rnd_key] = ballot_store.box_reports(db, *rnd_key)
        got = reports[rnd_key]
        for line in r.boxes:
            choice = got.choices.get(line.box)
            if line.box in got.twice:
                line.state = "twice"
                twice = got.twice[line.box]
                r.problems.append(
                    BoxTwice(
                        line.box, tuple((b.station, b.issued, b.collected) for b in twice)
                    ).advice(r.contest, r.round)
                )
            elif line.box in got.combined:
                line.state = "combined"
                half_i, half_c = got.combined[line.box]
                r.notes.append(
                    (
                        f"票箱“{line.box}”的发出由{_laptop_words(half_i.station, True)}登记、收回由"
                        f"{_laptop_words(half_c.station, True)}登记：合为同一个票箱计入",
                        f"box {line.box!r}: its issued entered on"
                        f" {_laptop_words(half_i.station, False)}, its collected on"
                        f" {_laptop_words(half_c.station, False)} — counted as one box",
                    )
                )
            elif any(b.station == r.station and b.box == line.box for b in got.set_aside):
                assert choice is not None
                line.state, line.taken, line.decided_by = (
                    "set_aside",
                    choice.take,
                    choice.decided_by,
                )
    for r in rows.values():
        if r.contest is None:
            r.problems.append(
                (
                    f"{sum(r.sheets.values())} 张无法识别属于哪个选举事项",
                    f"{sum(r.sheets.values())} sheets not recognised as any contest's",
                )
            )
            continue
        issued, collected = r.issued, r.collected
        if issued is not None and collected is not None and collected > issued:
            r.problems.append(
                (
                    f"收回 {collected} 多于发出 {issued}",
                    f"collected {collected} exceeds issued {issued}",
                )
            )
        held_zh, held_en = r.sheets_words()
        if collected is not None and r.scanned != collected:
            r.problems.append(
                (
                    f"{held_zh}，收回 {collected} 张，不一致",
                    f"{held_en} but {collected} collected",
                )
            )
        elif collected is not None and r.hand_entered:
            r.notes.append(
                (
                    f"{held_zh}，与收回 {collected} 张相符",
                    f"{held_en}: as many as the {collected} collected",
                )
            )
        if r.sheets.get("review"):
            r.problems.append(
                (f"{r.sheets['review']} 张待审核", f"{r.sheets['review']} sheets awaiting review")
            )
    return [
        rows[k] for k in sorted(rows, key=lambda k: (k[0] != MAIN, k[0], k[1] or "", k[2] or 0))
    ]


# --- tamper evidence ----------------------------------------------------------------------


def verify_station_records(db: ElectionDB) -> list[tuple[str, str]]:
    """Problems (zh, en) with what came from stations; empty when all is intact.

    Each station's imported audit chain, each imported package's signature, and every
    imported record: still present and its fixed content still what the signed package
    said. On a station laptop: the definition still matches the fingerprint it was opened
    with.
    """
    out: list[tuple[str, str]] = []
    if is_station(db):
        want = db.meta("election_fingerprint")
        if want and election_fingerprint(db) != want:
            out.append(
                (
                    "分团机上的选举定义被改动过（与分团包的指纹不符）",
                    "the election definition on this station was changed (it no longer matches the station package's fingerprint)",
                )
            )
    stations = sorted({p.station for p in srepo.read_packages(db)} | set(srepo.audit_stations(db)))
    for station in stations:
        entries = srepo.read_station_audit(db, station)
        brk = pk.chain_break(entries, audit_hash, GENESIS_HASH)
        if brk is not None:
            out.append(
                (
                    f"分团“{station}”导入的审计日志：{brk.zh}",
                    f"station {station!r}'s imported audit log: {brk.en}",
                )
            )
        hashes = {int(e["seq"]): e["hash"] for e in entries}
        for p in srepo.read_packages(db, station):
            raw = p.manifest.encode("utf-8")
            key = srepo.read_key(db, p.public_key)
            if (
                key is None
                or pk.manifest_digest(raw) != p.digest
                or not _verify(p.public_key, p.signature, raw)
            ):
                out.append(
                    (
                        f"分团“{station}”的结果包 {p.digest[:12]} 的签名清单被改动过",
                        f"the signed manifest of station {station!r}'s package {p.digest[:12]} was altered",
                    )
                )
                continue
            head = json.loads(raw)["audit_head"]
            if hashes.get(int(head["seq"])) != head["hash"]:
                out.append(
                    (
                        f"分团“{station}”导入的审计日志第 {head['seq']} 条缺失或被改动",
                        f"station {station!r}'s imported audit entry {head['seq']} is missing or altered",
                    )
                )
    out += _verify_imported_records(db)
    return out


_KIND_VALUES = frozenset(k.value for k in Kind)


def _verify_imported_records(db: ElectionDB) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    indexes: dict[str, dict[str, dict[str, str]]] = {}
    packages = srepo.read_packages(db)
    for p in packages:
        try:
            indexes[p.digest] = json.loads(p.manifest)["index"]
        except (ValueError, KeyError):
            indexes[p.digest] = {}
    imported = srepo.read_imported(db)
    # Every record a package signed for is on file (a record is never dropped once
    # imported): one deleted with its row here left nothing to compare, and was not missed.
    have = {(r.station, r.kind, r.key) for r in imported}
    for p in packages:
        for kind_value, keys in indexes[p.digest].items():
            if kind_value == Kind.AUDIT.value or kind_value not in _KIND_VALUES:
                continue
            zh_kind, en_kind = pk.kind_words(Kind(kind_value))
            for key in sorted(
                set(keys) - {k for s, kv, k in have if s == p.station and kv == kind_value}
            ):
                out.append(
                    (
                        f"分团“{p.station}”的{zh_kind} {key} 已被删除（其结果包 {p.digest[:12]} 载有它）",
                        f"station {p.station!r}'s {en_kind} {key} was deleted (its package {p.digest[:12]} holds it)",
                    )
                )
    # ... and every package this file's audit log says it imported.
    digests = {p.digest for p in packages}
    for station, digest in srepo.packages_in_audit(db):
        if digest not in digests:
            out.append(
                (
                    f"审计日志记载导入过分团“{station}”的结果包 {digest[:12]}，"
                    "但本文件中已没有它：导入的记录被删除过",
                    f"the audit log says station {station!r}'s package {digest[:12]} was"
                    " imported, but it is no longer in this file: imported records were deleted",
                )
            )
    for r in imported:
        kind = Kind(r.kind)
        live: dict[str, Any] | None
        if kind == Kind.SHEET:
            live = srepo.read_sheet(db, r.local_id)
        elif kind == Kind.DECISION:
            live = srepo.read_decision(db, int(r.local_id))
        elif kind == Kind.MANUAL_ENTRY:
            live = srepo.read_manual_entry(db, int(r.local_id))
        else:
            contest, rnd, box = json.loads(r.key)
            live = srepo.read_box_count(db, contest, rnd, box, r.station)
        zh_kind, en_kind = pk.kind_words(kind)
        if live is None:
            out.append(
                (
                    f"分团“{r.station}”的{zh_kind} {r.key} 已被删除",
                    f"station {r.station!r}'s {en_kind} {r.key} was deleted",
                )
            )
            continue
        digest = pk.record_digest(kind, live, r.key)
        signed = indexes.get(r.package, {}).get(kind.value, {}).get(r.key)
        changed = digest != r.digest or signed != r.digest
        # This file never edits a station's box counts or hand-entered ballots (it reviews
        # sheets and may supersede decisions): their state must still be the station's.
        if kind in (Kind.BOX_COUNT, Kind.MANUAL_ENTRY) and _live_state(live, kind) != r.state:
            changed = True
        if changed:
            out.append(
                (
                    f"分团“{r.station}”的{zh_kind} {r.key} 与其结果包中的哈希值不符：被改动过",
                    f"station {r.station!r}'s {en_kind} {r.key} no longer matches its package's hash: it was altered",
                )
            )
    return out


def boxes_combined_json(
    rows: Sequence[tuple[str, int, str, str, int | None, str, int | None]],
) -> list[dict[str, Any]]:
    """Boxes whose 发出 and 收回 came from two laptops, counted as one box, as JSON."""
    return [
        {
            "contest": contest,
            "round": rnd,
            "box": box,
            "issued": {"station": si, "count": i},
            "collected": {"station": sc, "count": c},
        }
        for contest, rnd, box, si, i, sc, c in rows
    ]
