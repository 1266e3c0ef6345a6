"""Files read while still being written (or unreadable for a reason since put right), then
read whole: the first refusal must stop counting, or it stays in the rejected list saying
"scan this page again" and counted + review + rejected is over the ballots collected.

Real sheets printed by the project and rendered by poppler, saved as a scanner saves them
(JPEG, PDF), cut short as a copy in progress leaves them, read by ``scan_paths`` into a
real election file.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
from reportlab.lib import pdfencrypt
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from huanjie_desktop.app.half_written import MIN_PROOF_BYTES
from huanjie_desktop.app.scan import scan_paths
from huanjie_desktop.app.verify import verify_file
from huanjie_desktop.domain.model import SheetStatus
from huanjie_desktop.recognition.pipeline import PageResult
from huanjie_desktop.storage import sheets as store
from huanjie_desktop.storage.db import open_election_file
from tests.test_recognition import Gray, Printed, print_all


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return print_all(tmp_path_factory.mktemp("printed"), sheets=4)


@pytest.fixture
def election(printed: Printed, tmp_path: Path) -> Path:
    """A fresh copy of the printed election per test (the tests write sheets into it)."""
    target = tmp_path / "e.huanjie"
    with open_election_file(printed.path, "测试员", migrate=False) as db:
        db.backup_to(target)
    return target


def jpg(img: Gray) -> bytes:
    ok, enc = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return bytes(enc.tobytes())


def pdf(pages: list[Gray], folder: Path, password: str | None = None) -> bytes:
    """The sheets as a scanner's PDF: one JPEG image a page."""
    out = folder / "made.pdf"
    enc = None if password is None else pdfencrypt.StandardEncryption(password, canPrint=0)
    c = Canvas(str(out), pagesize=(595, 842), encrypt=enc)
    for i, page in enumerate(pages):
        image = folder / f"made-{i}.jpg"
        image.write_bytes(jpg(page))
        c.drawImage(ImageReader(str(image)), 0, 0, 595, 842)
        c.showPage()
    c.save()
    data = out.read_bytes()
    out.unlink()
    return data


def scan(election: Path, *paths: Path) -> list[PageResult]:
    with open_election_file(election, "测试员") as db:
        return list(scan_paths(db, list(paths), workers=1))


def sheets(election: Path) -> list[store.SheetRecord]:
    with open_election_file(election, "测试员") as db:
        return store.list_sheets(db)


def standing(election: Path) -> dict[str, int]:
    """counted, review, rejected: what the guide adds up to the ballots collected."""
    out = {"counted": 0, "review": 0, "rejected": 0}
    for s in sheets(election):
        if s.status in out:
            out[s.status] += 1
    return out


def assert_sound(election: Path) -> None:
    with open_election_file(election, "测试员") as db:
        assert verify_file(db).ok


def test_a_pdf_read_at_ninety_percent_then_whole_leaves_no_page_it_does_not_have(
    printed: Printed, election: Path, tmp_path: Path
) -> None:
    """Cut short, a 2-page PDF lists 3 pages (one more for what the cut took); read whole
    it has 2. The refusal "p3: the file is incomplete" stayed, for a page that never was."""
    hot = tmp_path / "hot"
    hot.mkdir()
    data = pdf(printed.pages["SY"][:2], tmp_path)
    (hot / "batch.pdf").write_bytes(data[: int(len(data) * 0.9)])
    first = scan(election, hot)
    assert all(r.status is SheetStatus.REJECTED for r in first)
    assert 3 in {r.page for r in first}, [(r.page, r.reasons) for r in first]
    (hot / "batch.pdf").write_bytes(data)
    second = scan(election, hot)
    assert [(r.page, r.status) for r in second] == [
        (1, SheetStatus.COUNTED),
        (2, SheetStatus.COUNTED),
    ]
    assert standing(election) == {"counted": 2, "review": 0, "rejected": 0}
    beyond = [s for s in sheets(election) if s.page == 3]
    assert [s.status for s in beyond] == ["duplicate"]
    assert beyond[0].reasons == ["rescanned"] and "只有 2 页" in (beyond[0].reason or "")
    assert_sound(election)


def test_a_pdf_refused_for_its_password_and_saved_again_without_one(
    printed: Printed, election: Path, tmp_path: Path
) -> None:
    """The refusal says "save the scans again without a password": done, under the same
    name, the pages read — and the two refusals stayed, still asking for it."""
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "locked.pdf").write_bytes(pdf(printed.pages["SY"][:2], tmp_path, "1234"))
    first = scan(election, folder)
    assert first and {r.reasons for r in first} == {("pdf_password",)}
    (folder / "locked.pdf").write_bytes(pdf(printed.pages["SY"][:2], tmp_path))
    second = scan(election, folder)
    assert [r.status for r in second] == [SheetStatus.COUNTED] * 2
    assert standing(election) == {"counted": 2, "review": 0, "rejected": 0}
    assert_sound(election)


def test_every_reason_a_file_could_not_be_read_is_superseded_when_it_is_read_whole() -> None:
    from huanjie_desktop.recognition.reasons import REASONS

    file_reasons = {
        "unreadable_file",
        "corrupt_file",
        "truncated_file",
        "not_an_image",
        "pdf_password",
        "empty_file",
        "too_large",
        "no_pdf_reader",
    }
    assert file_reasons <= set(REASONS)
    assert file_reasons <= store.LOAD_FAILURES


def test_a_file_caught_half_written_then_moved_or_renamed_is_that_file_read_whole(
    printed: Printed, election: Path, tmp_path: Path
) -> None:
    """Scanner software saving into the watched folder, then moving the finished file to a
    sub-folder (or renaming it): the half-written file's refusal stayed for ever. The
    refused file's bytes, kept, begin the complete one byte for byte: that is the proof it
    was the same file. A refused file of another sheet, or too little of one to prove
    anything, stays refused."""
    hot = tmp_path / "hot"
    hot.mkdir()
    sheet = [jpg(p) for p in printed.pages["SY"]]
    (hot / "page_1.jpg").write_bytes(sheet[0][: len(sheet[0]) * 2 // 5])
    (hot / "page_2.jpg").write_bytes(sheet[1][: len(sheet[1]) * 2 // 5])
    (hot / "page_3.jpg").write_bytes(sheet[2][: len(sheet[2]) * 2 // 5])  # never completed
    (hot / "page_4.jpg").write_bytes(sheet[3][:2048])  # too little to prove anything
    assert len(sheet[0]) * 2 // 5 >= MIN_PROOF_BYTES
    first = scan(election, hot)
    assert [r.reasons for r in first] == [("truncated_file",)] * 4
    refused = {Path(r.source_file).name: r.sheet_id for r in first}
    for name in ("page_1.jpg", "page_2.jpg", "page_4.jpg"):
        (hot / name).unlink()
    (hot / "done").mkdir()
    (hot / "done" / "page_1.jpg").write_bytes(sheet[0])  # moved when complete
    (hot / "page_2_renamed.jpg").write_bytes(sheet[1])  # renamed
    (hot / "page_4_renamed.jpg").write_bytes(sheet[3])
    second = scan(election, hot)
    new = [r for r in second if not r.already_stored]
    assert sorted(Path(r.source_file).name for r in new) == [
        "page_1.jpg",
        "page_2_renamed.jpg",
        "page_4_renamed.jpg",
    ]
    assert all(r.status is SheetStatus.COUNTED for r in new)
    by_id = {s.id: s for s in sheets(election)}
    for name, complete in (("page_1.jpg", "done/page_1.jpg"), ("page_2.jpg", "page_2_renamed.jpg")):
        record = by_id[refused[name]]
        assert (record.status, record.reasons) == ("duplicate", ["rescanned"]), name
        assert str(hot / complete) in (record.reason or "") and "逐字节相同" in (
            record.reason or ""
        )
    # the sheet never completed, and the one cut at its header, still to be scanned again
    assert by_id[refused["page_3.jpg"]].status == "rejected"
    assert by_id[refused["page_4.jpg"]].status == "rejected"
    assert standing(election) == {"counted": 3, "review": 0, "rejected": 2}
    assert_sound(election)


def test_another_sheet_saved_over_a_file_cut_short_leaves_its_refusal_standing(
    printed: Printed, election: Path, tmp_path: Path
) -> None:
    """Scanner software crashing while writing sheet 1's file, then restarting its
    numbering and saving sheet 2 under the same name: read whole at that path, the file
    superseded sheet 1's refusal — counted + review + rejected came out one short, and
    nothing said which sheet was never read. The kept bytes of the refusal are not the new
    file's beginning: another scan, its refusal stands (scan that sheet again). The same
    file completed in place (a JPEG, and one made full size first, its tail zeros) is still
    that file read whole."""
    hot = tmp_path / "hot"
    hot.mkdir()
    sheet = [jpg(p) for p in printed.pages["SY"]]
    cut = sheet[0][: len(sheet[0]) // 3]
    (hot / "0001.jpg").write_bytes(cut)
    (hot / "0002.jpg").write_bytes(sheet[2][: len(sheet[2]) // 3])
    (hot / "0003.jpg").write_bytes(
        sheet[3][: len(sheet[3]) // 3] + bytes(len(sheet[3]) - len(sheet[3]) // 3)
    )
    first = scan(election, hot)
    assert [r.status for r in first] == [SheetStatus.REJECTED] * 3, [r.reasons for r in first]
    refused = {Path(r.source_file).name: r.sheet_id for r in first}
    (hot / "0001.jpg").write_bytes(sheet[1])  # another sheet saved over it
    (hot / "0002.jpg").write_bytes(sheet[2])  # the same file, completed
    (hot / "0003.jpg").write_bytes(sheet[3])
    second = [r for r in scan(election, hot) if not r.already_stored]
    assert [r.status for r in second] == [SheetStatus.COUNTED] * 3
    by_id = {s.id: s for s in sheets(election)}
    assert by_id[refused["0001.jpg"]].status == "rejected"
    assert by_id[refused["0002.jpg"]].status == "duplicate"
    assert by_id[refused["0003.jpg"]].status == "duplicate"
    assert standing(election) == {"counted": 3, "review": 0, "rejected": 1}
    assert_sound(election)
