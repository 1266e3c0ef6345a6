"""Why a scanned page was rejected or held for review: stable codes, and messages for counters.

The code is stored (``sheets.reasons``, a JSON list) and never changes; the Chinese message is
stored beside it (``sheets.reason``) so the list of sheets reads without the software.
"""

from __future__ import annotations

from typing import NamedTuple


class Reason(NamedTuple):
    zh: str
    en: str


REASONS: dict[str, Reason] = {
    # the file
    "unreadable_file": Reason("文件无法读取", "the file cannot be read"),
    "corrupt_file": Reason("文件已损坏，无法解码", "the file is damaged and cannot be decoded"),
    "truncated_file": Reason(
        "文件不完整（传输或保存时被截断）",
        "the file is incomplete (truncated while copied or saved)",
    ),
    "not_an_image": Reason("不是图像或PDF文件", "not an image or PDF file"),
    "pdf_password": Reason(
        "PDF 文件设了打开密码，无法读取：请在扫描软件中不设密码重新保存",
        "the PDF is protected by a password and cannot be read: save the scans again without one",
    ),
    "empty_file": Reason(
        "文件是空的（0字节）：多半是没有复制完，请从扫描仪或原处重新复制",
        "the file is empty (0 bytes): most likely a copy that did not finish; copy it again",
    ),
    "too_large": Reason("文件过大，未读取", "the file is too large to read"),
    "no_pdf_reader": Reason("缺少PDF读取组件（poppler）", "the PDF reader (poppler) is missing"),
    # the page
    "blank_page": Reason(
        "空白页（选票背面），已跳过，不计为缺票",
        "blank page (back of a sheet): skipped, not a missing ballot",
    ),
    "writing_on_back": Reason(
        "空白背面上有字迹（可能是姓名、编号或记号）：它所属的那张选票（前一页，反面朝上送入时是后一页）"
        "已暂停计入、交审核，请监票人查看两面，决定这张选票是否有效",
        "writing on a blank back (a name, a number or a sign, maybe): its ballot (the page"
        " before it, or after it when the sheet was fed face down) is held from the count for"
        " review; a scrutineer looks at both sides and decides whether"
        " the ballot is valid",
    ),
    "face_down": Reason(
        "选票可能反面朝上：请把这张选票正面朝上重新扫描（这一页是一张选票的背面，透过纸看得到它的正面，"
        "而前后一页都不是这张选票的正面；未读取，未计入）",
        "a ballot fed face down, maybe: scan this sheet again face up (this page is a ballot's"
        " back, its front showing through the paper, and neither the page before nor the page"
        " after is that ballot's front; not read, not counted)",
    ),
    "scanned_too_light": Reason(
        "扫描得太淡，印刷几乎看不见（扫描仪的亮度调得太高或对比度太低，或选票本身印得太淡）："
        "请把扫描仪调深一些，重新扫描这张选票；仍读不出的，交监票人手工录入（未读取，未计入）",
        "scanned far too light, the print hardly shows (the scanner's brightness set too high"
        " or its contrast too low, or the ballot itself printed too faintly): set the scanner"
        " darker and scan this sheet again; if it still cannot be read, the scrutineers enter"
        " it by hand (not read, not counted)",
    ),
    "flat_page": Reason(
        "整页或大半页是深色，看不到白纸（文件损坏或扫描仪故障）：请查看文件，重新扫描这张选票",
        "all or most of the page is dark, no paper to be seen (a damaged file or a scanner"
        " fault): look at the file and scan this sheet again",
    ),
    "no_registration": Reason(
        "未找到四角定位标记：不是本软件印制的选票，或扫描不完整",
        "no registration marks: not a ballot printed by this software, or the scan is incomplete",
    ),
    "corner_off_image": Reason(
        "选票的角落在扫描图像之外（纸张放歪或偏在一边），定位标记不全，未读取：请把选票放正后重新扫描",
        "a corner of the ballot lies outside the scanned image (the sheet askew or off to one"
        " side), its registration marks incomplete; not read: straighten it and scan again",
    ),
    "hollow_squares": Reason(
        "四角定位方块扫成了空心（扫描仪的“文字增强”或自适应黑白模式），未读取：请改用灰度扫描",
        "the corner squares came out hollow (the scanner's text-enhancement or adaptive"
        " black-and-white mode); not read: scan in grey",
    ),
    "registration_implausible": Reason(
        "定位标记位置不合理（纸张尺寸或形状不符），未读取",
        "registration marks do not fit the ballot's size and shape; not read",
    ),
    "mirrored": Reason("图像是镜像的，未读取", "the image is mirrored; not read"),
    "two_ballots": Reason(
        "一张图像里有不止一张选票，未读取：请一张一张分开扫描",
        "more than one ballot in one image; not read: scan the sheets one at a time",
    ),
    "cut_off": Reason(
        "扫描图像不完整：选票有一部分（方框或另选他人栏）不在图像里（扫描仪提前停止或裁掉了一截），未读取",
        "the scan is incomplete: part of the ballot (boxes or write-in columns) is not in the"
        " image (the scanner stopped early or cut the page short); not read",
    ),
    "part_of_ballot": Reason(
        "图像里只有选票的一部分（看得到选票的定位方块，整张选票却不在图像里；卡纸或扫描中途停止），"
        "未读取，未计入：请找出这张选票，展平后重新扫描",
        "only part of a ballot is in the image (its printed corner squares are there, the whole"
        " sheet is not: a jam, or a scan stopped or started part-way); not read, not counted:"
        " find this sheet, flatten it and scan it again",
    ),
    "boxes_misplaced": Reason(
        "选票上的方框不在定位标记所示的位置（纸张缺角、折皱或变形），未读取",
        "the ballot's boxes are not where its registration marks put them"
        " (a torn corner, a crease or a warped sheet); not read",
    ),
    # the code
    "code_unreadable": Reason("二维码无法识别", "the QR code cannot be read"),
    "code_not_ours": Reason("二维码不是本软件的选票码", "the QR code is not a huanjie ballot code"),
    "code_damaged": Reason(
        "二维码内容不完整或版本不符", "the QR code is damaged or of an unknown version"
    ),
    "code_forged": Reason(
        "二维码校验失败：伪造的选票，或其他选举文件印制的选票",
        "the code fails its check: forged, or printed by another election file",
    ),
    "unknown_round": Reason(
        "本选举文件中没有这一选举事项或轮次", "this election file has no such contest or round"
    ),
    "wrong_fingerprint": Reason(
        "选票印制后选举定义已改变（或为其他轮次的选票），不能计票",
        "the definition changed since this ballot was printed (or it "
        "belongs to another round); it cannot be counted",
    ),
    "test_ballot": Reason("样票，不计入正式计票", "test ballot (样票): not counted"),
    # the election file's records
    "round_certified": Reason(
        "本轮结果已确认冻结，不能再加入选票",
        "this round is certified and frozen; no sheets can be added",
    ),
    "round_void": Reason("本轮投票已宣布无效", "this round was declared void"),
    "round_superseded": Reason(
        "本事项已开启下一轮投票，这一轮的结果不能再改变，这张选票不能计入",
        "the contest's next round has been opened: this round's result can no longer change,"
        " and this sheet cannot count",
    ),
    "spoiled_serial": Reason("此防伪码的选票已登记作废", "this sheet was recorded as spoiled"),
    "unknown_serial": Reason(
        "防伪码不在本机印制记录中（可能由同一选举的另一台电脑印制），请核实",
        "serial not printed from this file (maybe on another laptop of "
        "the same election): check it",
    ),
    "serial_conflict": Reason(
        "同一防伪码出现在不同的图像上（复印件或重复扫描），请核实",
        "the same serial on different images (a photocopy, or scanned twice): check",
    ),
    # (shown for "serial_conflict" where the serial's other sheets are of the other kind — a
    # hand entry has no image: "different images" would send a person looking for a copy)
    "serial_hand_and_scan": Reason(
        "这个防伪码的选票既有手工录入、又有扫描（一台电脑录入、另一台扫描，或都在本机）："
        "手工录入没有图像，多半是同一张纸计了两次：请核对纸质选票，只保留一张",
        "this serial was entered by hand and also scanned (on one laptop and the other, or"
        " both here): a hand entry has no image; most likely it is the same paper counted"
        " twice — check the paper and keep one",
    ),
    "written_back": Reason(
        "这张选票的背面有字迹（可能是姓名、编号或记号）：请监票人查看两面，决定这张选票是否有效",
        "writing on this ballot's back (a name, a number or a sign, maybe): a scrutineer looks"
        " at both sides and decides whether the ballot is valid",
    ),
    "station_disagrees": Reason(
        "本机和分团对这张选票的认定不同：请重新审核决定",
        "this laptop and a station settled this ballot differently: decide it again",
    ),
    "label_withdrawn": Reason(
        "这个标签的手工录入已在主计票机上撤出计票，分团随后又录入了第二次：如这张选票已在另一个标签下录入，"
        "由监票人把它撤出（huanjie review withdraw --label 标签）；如撤出有误，按原票决定后恢复这个标签"
        "（huanjie review withdraw --label 标签 --restore）",
        "this label's hand entry was taken out of the count on the main laptop, and the station"
        " entered it a second time since: if the paper was entered under another label, a"
        " scrutineer takes this one out (huanjie review withdraw --label LABEL); if taking it"
        " out was a mistake, decide it against the paper and put the label back (huanjie"
        " review withdraw --label LABEL --restore)",
    ),
    "rescanned": Reason(
        "这个文件当时没有读完整（如还在复制中）；同一页后来已读取完整，这条记录不再计数",
        "this file could not be read whole then (still being copied, say); the same page was"
        " read whole later, and this record no longer counts",
    ),
    "duplicate_image": Reason(
        "与已扫描的图像完全相同，只计一次", "identical to an image already scanned: counted once"
    ),
    # the marks
    "unclear_mark": Reason("有不清楚的符号，需人工确认", "a mark is unclear: a person decides"),
    "writein": Reason(
        "另选他人栏有填写，需人工辨认姓名",
        "a write-in column is filled in: a person reads the name",
    ),
    "writing_elsewhere": Reason(
        "选票空白处有字迹：请监票人查看是否为可识别投票人的记号（是则整张作废）",
        "writing on the ballot outside its boxes: a scrutineer decides whether it identifies"
        " the voter (then the whole ballot is void)",
    ),
    "blank_cut_off": Reason(
        "选票下方的空白处有一部分不在扫描图像里（扫描不完整）：请监票人查看原票该处有无字迹",
        "part of the blank paper below the table is not in the scan (an incomplete scan): a"
        " scrutineer looks there on the paper for writing",
    ),
    "paper_hidden": Reason(
        "选票有一部分被折到背面或被另一张纸盖住（扫描图像里该处的定位方块或底部色条不见了）：请监票人查看原票被遮住的部分有无字迹、符号",
        "part of the ballot is folded under or covered by another sheet (its corner squares or"
        " its bottom bar are missing where the image shows paper): a scrutineer looks at that"
        " part of the paper for writing or marks",
    ),
    "mark_beside_box": Reason(
        "候选人格内方格外有笔迹（如圈了姓名、划了姓名）：请按投票人意愿认定",
        "a mark in a candidate's cell outside the box (the name circled or struck through,"
        " say): a person decides what the voter meant",
    ),
    "over_vote": Reason("所选人数多于应选名额，为废票", "more chosen than seats: void ballot"),
    "over_vote_corrected": Reason(
        "“○”多于应选名额，但票上另有笔迹（方格外的“×”、划掉的姓名、写的字），可能是投票人的更正：请监票人按投票人意愿认定（仍多于应选名额的为废票）",
        "more ○ than seats, but there is other writing on the ballot (a × outside a box, a"
        " name struck through, a word): perhaps the voter's correction. A scrutineer decides"
        " what the voter meant (still over the seats: void)",
    ),
    "faded_print": Reason(
        "选票印得很淡（或扫描太亮），读取时加深了对比度：很淡的铅笔笔迹也会显得清楚，请对照原票逐个核对符号",
        "the ballot is printed faintly (or scanned too light) and was read with its contrast"
        " raised: faint pencil looks clear there too; check each mark against the paper",
    ),
    "images_not_saved": Reason(
        "这一页的图像无法存入选举文件旁的图像文件夹（磁盘已满或不能写入），扫描已停止：请腾出空间或改正"
        "文件夹的权限，然后对同一文件夹再运行一次扫描（纸质选票无需重新扫描）",
        "the page's image could not be saved in the images folder beside the election file (the"
        " disk full, or the folder not writable), and the scan stopped: free space or fix the"
        " folder's permissions, then scan the same folder again (no need to scan the paper"
        " again)",
    ),
    "internal_error": Reason("读取时出错，请重新扫描此页", "reading failed; scan this page again"),
}


#: Why a file or folder under the scanned folders was not read (no page on record: the scan
#: names it with this at the end of the run). The system's and scanner software's own files
#: (Thumbs.db, logs) are only counted; the election's own images folder is passed over
#: without a word.
PASSED_OVER: dict[str, Reason] = {
    "archive": Reason(
        "压缩文件，未读取：其中如有选票，请先解压，再扫描解压出的文件夹",
        "a compressed archive, not read: if it holds ballots, unpack it and scan the folder it"
        " unpacks to",
    ),
    "overlay_picture": Reason(
        "本软件画出的识别结果标注图（--overlay），不是扫描的选票，未读取",
        "a marked-up picture this software drew (--overlay), not a scan: not read",
    ),
    "overlay_folder": Reason(
        "本次扫描存放标注图（--overlay）的文件夹，未读取",
        "the folder of this run's marked-up pictures (--overlay): not read",
    ),
    "hidden_folder": Reason(
        "隐藏的文件夹（名称以“.”开头），其中的文件未读取：如放有选票，请把文件夹改名"
        "（去掉开头的“.”）后再扫描",
        "a hidden folder (its name starts with '.'), its files not read: if it holds ballots,"
        " rename it (without the leading '.') and scan again",
    ),
    "other_images_folder": Reason(
        "另一个选举文件保存的选票图像（那个选举文件就在它旁边），未读取",
        "the kept page images of another election file (that file is beside it): not read",
    ),
}


def passed_over(code: str, lang: str = "zh") -> str:
    r = PASSED_OVER.get(code)
    if r is None:
        return code
    return r.en if lang == "en" else r.zh


def message(code: str, lang: str = "zh") -> str:
    r = REASONS.get(code)
    if r is None:
        return code
    return r.en if lang == "en" else r.zh


def messages(codes: list[str] | tuple[str, ...], lang: str = "zh") -> str:
    return (
        "；".join(message(c, lang) for c in codes)
        if lang != "en"
        else "; ".join(message(c, lang) for c in codes)
    )
