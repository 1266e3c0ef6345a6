"""A feeder's batch saved as one multi-page TIFF, one page's coded data damaged (a bad
sector, a copy gone wrong): OpenCV decodes that page without an error — noise where the
damage is — and it was refused as "part of a ballot" (advice: a paper jam, scan the sheet
again with the feeder checked), when it is the file that is damaged.

Real sheets printed by the project and rendered by poppler, saved as an LZW TIFF (as
scanner software does), read by ``scan_paths`` into a real election file.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, TiffImagePlugin

from huanjie_desktop.app.scan import scan_paths
from huanjie_desktop.domain.model import SheetStatus
from huanjie_desktop.storage.db import open_election_file
from tests.test_recognition import print_all


def test_a_damaged_page_of_a_multi_page_tiff_is_a_damaged_file_not_part_of_a_ballot(
    tmp_path: Path,
) -> None:
    printed = print_all(tmp_path / "print", sheets=3)
    sheets = [Image.fromarray(page) for page in printed.pages["SY"]]
    buf = io.BytesIO()
    sheets[0].save(
        buf, format="TIFF", save_all=True, append_images=sheets[1:], compression="tiff_lzw"
    )
    data = bytearray(buf.getvalue())
    with TiffImagePlugin.TiffImageFile(io.BytesIO(bytes(data))) as tif:
        tif.seek(1)
        offsets, counts = tif.tag_v2[273], tif.tag_v2[279]  # page 2's strips
    rng = random.Random(7)
    middle = len(offsets) // 2
    for k in range(middle, min(middle + 40, len(offsets))):  # garbage in page 2's strips
        data[offsets[k] : offsets[k] + counts[k]] = rng.randbytes(counts[k])
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "batch.tif").write_bytes(bytes(data))
    with open_election_file(printed.path, "测试员") as db:
        out = list(scan_paths(db, [folder], workers=1))
    assert [(r.page, r.status) for r in out] == [
        (1, SheetStatus.COUNTED),
        (2, SheetStatus.REJECTED),
        (3, SheetStatus.COUNTED),
    ], [(r.page, r.reasons) for r in out]
    assert out[1].reasons == ("corrupt_file",)
    assert str(out[1].scores["load"]).startswith("TIFF page 2:")
