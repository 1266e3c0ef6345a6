"""`huanjie verify`: is this election file what the app wrote?

Checks the audit chain, and (when the counting module is present) that certified results
still match their digests and that stored totals equal what the sheet records give.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from huanjie_desktop.app import counting
from huanjie_desktop.app.stations import verify_station_records
from huanjie_desktop.storage.db import ElectionDB, verify_audit_chain


@dataclass
class VerifyReport:
    ok: bool = True
    audit_entries: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (zh, en)
    notes: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, zh: str, en: str) -> None:
        self.ok = False
        self.problems.append((zh, en))

    def lines(self, lang: str) -> list[str]:
        pick = 1 if lang == "en" else 0
        out = [n[pick] for n in self.notes]
        out += [("✗ " + p[pick]) for p in self.problems]
        if self.ok:
            out.append(
                "✓ 文件完好，未发现软件之外的改动"
                if pick == 0
                else "✓ the file is intact: no change made outside the app was found"
            )
        return out

    def to_json(self, lang: str) -> dict[str, Any]:
        pick = 1 if lang == "en" else 0
        return {
            "ok": self.ok,
            "audit_entries": self.audit_entries,
            "problems": [p[pick] for p in self.problems],
            "notes": [n[pick] for n in self.notes],
        }


def verify_file(db: ElectionDB, digest: str | None = None) -> VerifyReport:
    report = VerifyReport()
    report.audit_entries = int(db.con.execute("SELECT count(*) FROM audit").fetchone()[0])
    brk = verify_audit_chain(db.con)
    if brk is not None:
        report.fail(
            f"审计日志：{brk.reason_zh}（第一处问题在第 {brk.seq} 条）",
            f"audit log: {brk.reason_en} (first problem at entry {brk.seq})",
        )
    else:
        report.notes.append(
            (
                f"审计日志 {report.audit_entries} 条，哈希链完整",
                f"audit log: {report.audit_entries} entries, hash chain intact",
            )
        )
    for zh, en in verify_station_records(db):
        report.fail(zh, en)
    for zh, en in counting.verify_results(db):
        report.fail(zh, en)
    if digest:
        found = counting.verify_digest(db, digest)
        if found.ok:
            report.notes.append((found.zh, found.en))
        else:
            report.fail(found.zh, found.en)
    return report
