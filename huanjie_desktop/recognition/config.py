"""Every recognition threshold and parameter, in one typed, documented, frozen configuration.

Units: ``_mm`` millimetres on the paper, ``_mm2`` square millimetres, ``darkness`` is
``(paper white − pixel) / paper white`` in 0..1 (so tinted paper and dim scanners read alike),
``rel`` is darkness divided by the darkness of the printed black border next to the target
(so a grey-looking scanner and a black-and-white one read alike).

Every decision keeps its raw scores and the thresholds used (`RecognitionConfig.to_json`), so a
reading can be explained and re-run. A value between a "clear" threshold and its opposite is
never guessed: the target is ``unclear`` and a person decides.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecognitionConfig:
    # --- loading ------------------------------------------------------------------------------
    #: PDF pages are rendered by poppler (pdftoppm) at this resolution, in grey.
    pdf_dpi: int = 300
    #: Pages are read at the coarsest integer reduction that keeps at least this many pixels
    #: per millimetre (5.5 px/mm ≈ 140 dpi). JPEG files are decoded reduced (DCT scaling).
    work_min_px_per_mm: float = 5.5
    #: Files larger than this are listed but not copied into the election's image folder.
    max_keep_bytes: int = 200 * 1024 * 1024
    #: Images (other than JPEG, decoded reduced) of more pixels than this are refused as too
    #: large without being decoded: 600 dpi A3 is 70 million, a 20,000-pixel square 400.
    max_pixels: int = 160_000_000
    #: Pages smaller than this (pixels on the short side) cannot be a ballot scan.
    min_page_px: int = 300

    # --- blank pages ---------------------------------------------------------------------------
    #: A page whose share of dark pixels (darkness ≥ blank_dark) in the middle 70 % of the
    #: search copy is below this is a blank back page.
    blank_max_dark_share: float = 0.0015
    blank_dark: float = 0.4
    #: ... if its paper is at least this light (0–255; tinted paper scans at 190 or more, and
    #: a shadow over part of a sheet leaves the rest light): a page all black or one flat
    #: grey shows no paper at all — a damaged file or a scanner's fault, never skipped as a
    #: back. (A page that looks blank is also refused when its file is damaged: a JPEG whose
    #: coded data libjpeg finds corrupt, a PDF page poppler could draw only in part.)
    blank_min_white: float = 160.0
    #: Writing on a blank back (`backs.writing_on_back`): looked for over the whole page but a
    #: band this wide along its edges (the scanner's lid, the sheet's own edge) ...
    back_edge_mm: float = 5.0
    #: ... in pixels at least this much darker than the paper (a pen's; the front's print
    #: showing through a sheet is far lighter) ...
    back_dark: float = 0.5
    #: ... pieces of at least this area and length (dust is less), solid parts wider than a
    #: stroke taken away (print showing through) ...
    back_min_piece_mm2: float = 0.3
    back_min_piece_mm: float = 1.2
    back_max_stroke_mm: float = 1.6
    #: (a line this long or longer, within this width of straight, is a fold's crease or the
    #: sheet's edge askew: it and what lies on it are no writing)
    back_line_min_mm: float = 20.0
    back_line_max_width_mm: float = 2.5
    #: (what is taken for writing is looked at again: a piece lying wholly on such a line
    #: that runs through it, found on both sides of it in what is at least this much darker
    #: than the paper beside it — a crease, lighter than a pen's but where two cross, their
    #: shadows adding up to an L or a cross along both — is the fold)
    back_crease_dark: float = 0.15
    #: ... two pieces or more, each within this distance of another, with at least this much
    #: ink together: writing (a character, a name, a number).
    back_near_mm: float = 4.0
    back_min_ink_mm2: float = 3.0
    #: ... or one piece alone at least this long (mm), its ink at least this wide on average
    #: (its mm² over its length, mm): a digit written big, a ○ (a hair is a tenth as wide).
    back_single_min_mm: float = 5.0
    back_single_min_width_mm: float = 0.3
    #: A page without the squares is looked at for such writing too when it has less ink
    #: than this share (`blank_max_dark_share`'s measure): a name written large on a back.
    #: (A ballot's front has 3 % or more.)
    back_max_dark_share: float = 0.01
    #: A page taken for a back (blank, nearly so, or without the squares) that shows two of
    #: a ballot's corner squares along one of its edges is part of a ballot's front — a sheet
    #: jammed in the feeder, a scan started late — never a back (`backs.ballot_part`): two
    #: solid squares as dark as print, their sides within ``part_side_spread`` of each other,
    #: as far apart as two corner squares of a layout along an edge (within
    #: ``part_distance_tolerance`` of it, a share, at the scale their own size gives), that
    #: edge within ``part_max_tilt_deg`` of the image's rows or columns. (A refined square's
    #: side is within ~3 % of its print; handwriting has no two solid squares in line that
    #: far apart, a front showing through a back no square as dark as print: each square's
    #: darkness against the paper round it, `register.refined_square`'s, at least
    #: ``part_min_black`` — print ~0.8–1.0, a front showing through strongly ~0.5.)
    part_min_black: float = 0.65
    part_side_spread: float = 1.2
    part_distance_tolerance: float = 0.08
    part_max_tilt_deg: float = 8.0
    #: A page taken for a back (blank, or with writing on it) is looked at, flipped over and
    #: its contrast stretched, for a ballot showing through the paper (`pipeline.show_through`):
    #: the back of the page before it — or a ballot fed face down, whose front is the page
    #: the scanner could not see. The stretch is set by the darkest of the page's print
    #: lighter than ``show_through_max_dark`` (darker is the scanner's background, a fold,
    #: writing: no show-through), when that is at least ``show_through_min_black`` (fainter,
    #: nothing shows through) ...
    show_through_max_dark: float = 0.6
    show_through_min_black: float = 0.03
    #: ... then, nothing found, by these darknesses in turn (a page whose darkest print is set
    #: by a fold or a tint), each skipped when within ``show_through_step`` of one tried.
    show_through_blacks: tuple[float, ...] = (0.1, 0.25)
    show_through_step: float = 0.04

    # --- registration (fiducials) ----------------------------------------------------------------
    #: Fiducials are searched on a copy reduced to about this many px/mm (a 5 mm square is
    #: then about 10 px).
    find_px_per_mm: float = 2.0
    #: A fiducial candidate fills at least this share of its bounding box (a 5 mm solid square
    #: skewed by 5° fills ~0.84; a skewed square at 45° would fill 0.5 and is refused).
    fid_min_fill: float = 0.72
    #: Sides of the five squares may differ by this factor at most.
    fid_size_spread: float = 1.45
    #: Side of a refined fiducial vs its printed size, after scale: ±this share.
    fid_size_tolerance: float = 0.3
    #: Measured distances between fiducials vs the layout's: ±this share (scale ±4% allowed).
    scale_tolerance: float = 0.08
    #: The four side lengths may disagree with one common scale by this share (perspective).
    shape_tolerance: float = 0.04
    #: The orientation square must land within this distance of where the homography puts it.
    cue_max_error_mm: float = 1.5
    #: With a corner square missing the map is affine: its two axes may be off square by at
    #: most this (|cos| of their angle). A scanner turns a sheet; it does not shear it — a
    #: sheared fit means a square was matched to the wrong corner (a mirrored image).
    max_shear: float = 0.02
    #: The printed boxes confirm the map: at least this share of them must show their border
    #: where it is searched for ...
    boxes_min_found_share: float = 0.5
    #: ... and nine in ten of those within this distance of where the map puts it (mm). A good
    #: scan shows ≤ 0.1; pages mapped from a wrong square misread marks from about 0.65 on.
    boxes_max_offset_mm: float = 0.4
    #: A page on which fewer than four corner squares are found (a sheet skewed in the feeder,
    #: cut by the scan window) is mapped from the squares that are left, at most this many
    #: ways, then fitted to its printed boxes (`boxgrid`).
    partial_max_maps: int = 4
    #: Squares left that span at least this (mm, across their line) give an affine start map;
    #: squares in a line give turn, shift and one scale.
    partial_affine_spread_mm: float = 40.0
    #: Each printed box is looked for this far (mm) around where the map puts it (at most
    #: 0.4 of the distance between neighbouring boxes, so a box is never taken for the next).
    partial_search_mm: float = 5.0
    #: A box is found where its printed outline matches with at least this correlation.
    partial_min_match: float = 0.55
    #: Boxes are taken nearest what is known first (the squares, then the boxes found), those
    #: within this distance of it each time (mm), the map fitted again after each ring: the
    #: start map's error grows with distance.
    partial_ring_mm: float = 30.0
    #: The fitted map must put the found boxes within this (mm) of where they were found,
    #: for at least this share of the layout's boxes.
    partial_max_residual_mm: float = 0.35
    partial_min_boxes_share: float = 0.6
    #: ... and put the squares and code corners it started from within this (mm) of where
    #: they were measured.
    partial_anchor_max_mm: float = 0.6
    #: A sheet the map misses unevenly (bent or slipped in the feeder, curled on the glass:
    #: the boxes check fails): each box is looked for by its outline within this distance
    #: (mm; never more than a quarter of the distance to its neighbour) and read where it is ...
    local_search_mm: float = 3.0
    #: ... when at least this share of the layout's boxes is found ...
    local_min_found_share: float = 0.6
    #: ... a found box further than this (mm) from what its nearest found neighbours say
    #: being taken as not found (and placed as they say) ...
    local_max_dev_mm: float = 0.6
    #: ... give or take this much per mm to the nearest of them (a sheet curled by 2 mm
    #: across its width changes its offset by 0.03 mm per mm) ...
    local_max_slope: float = 0.03
    #: ... and a box placed by its neighbours only where they agree within this (mm), unless
    #: its own printed border confirms the place when it is read.
    local_max_spread_mm: float = 0.4

    # --- scanner streaks (`streaks`) ---------------------------------------------------------------
    #: A page sent to a person is looked at for streaks: a column (row) of the image darker
    #: than the paper by this share ...
    streak_darkness: float = 0.15
    #: ... along at least this share of its length ...
    streak_min_share: float = 0.97
    #: ... in a run no wider than this (mm). Such lines are healed and the page read again.
    streak_max_mm: float = 1.5

    # --- code (QR) ------------------------------------------------------------------------------
    #: The crop around the layout's QR box is widened by this margin.
    qr_margin_mm: float = 6.0
    #: The QR code's own turn (as its decoder reads it) and the page's, from the squares, may
    #: differ by this much (degrees); a quarter turn apart means a mirrored image.
    qr_max_turn_deg: float = 20.0
    #: ... unless the code's own size (px per mm, from its corners and the layout's code box)
    #: and the squares' scale differ by more than this share: then the squares are lookalikes
    #: (a column's bold heading, boxes holding ○, at another scale), not a mirrored page's.
    qr_max_scale_error: float = 0.25
    #: A page read whose paper covers less than this share of its image (the part inside the
    #: image: a double feed's top sheet runs past the scan's window) may not be the only one
    #: in it: the image is looked at for corner squares of the page's size outside it, at
    #: least ``other_page_squares`` (a double feed with the other sheet's top showing above or
    #: below it, 13 mm of it is 4.4 % of an A4 page; a second sheet whose code the first one
    #: hides) ...
    other_page_share: float = 0.97
    #: ... their centres this far outside it (mm): a 5 mm square wholly outside, with half a
    #: millimetre to spare (13 mm of another sheet's top shows its squares 3.1 mm out) ...
    other_page_out_mm: float = 3.0
    other_page_squares: int = 2
    #: A double feed whose other sheet shows less than that (9–13 mm of its foot below this
    #: one's, its squares cut by this sheet's edge: slivers, a square's width wide): along
    #: each side of the page the image is looked at this far out (mm) for two pieces of
    #: solid print of a square's width (±30 %), at least ``other_edge_piece_mm`` deep,
    #: beginning within ``other_edge_near_mm`` of the page's edge (the print may sit a
    #: millimetre or two off the paper), as far apart as a sheet's corner squares (±
    #: ``other_edge_spacing_mm``): the squares of a sheet under this one.
    other_edge_strip_mm: float = 16.0
    other_edge_piece_mm: float = 1.0
    other_edge_near_mm: float = 2.5
    other_edge_spacing_mm: float = 3.0
    #: A sheet under this one turned a little (1–6° on the glass, shifted a few mm; a double
    #: feed lagging 9–16 mm askew) shows its squares partly under this sheet's edge, their
    #: centres (of what shows: at least half a square) only 1.2–2.5 mm out. Where the page
    #: covers less than ``other_page_share`` of the image, squares of the page's size (±30 %)
    #: whose centres lie at least this far outside the page (mm) ...
    other_sheet_out_mm: float = 1.0
    #: ... count in pairs consistent with one other sheet: their distance that of two of a
    #: sheet's squares, within this (mm) plus ``other_sheet_spacing_share`` of it (what shows
    #: of a square half hidden has its centre up to 1.3 mm off the square's) ...
    other_sheet_spacing_mm: float = 3.0
    other_sheet_spacing_share: float = 0.01
    #: ... and their direction that of those two squares turned by at most this (degrees; a
    #: quarter turn more or less: a sheet lying crosswise) ...
    other_sheet_max_turn_deg: float = 8.0
    #: ... or one of them on the line of the other sheet's foot bar, outside the page (its
    #: other foot square hidden, or past the image's edge): a straight solid piece of print
    #: at least this long (mm), no longer than the layout's bar ...
    other_sheet_bar_min_mm: float = 30.0
    #: ... as thick as the layout's bar within this share (either way), filling at least
    #: this share of its rectangle (a bar going under this sheet's edge askew shows as a
    #: wedge) ...
    other_sheet_bar_width_share: float = 0.5
    other_sheet_bar_min_fill: float = 0.6
    #: ... turned from the page's sides by at most ``other_sheet_max_turn_deg``, its line
    #: passing within this (mm) of the square's centre, the square beyond its end as far as
    #: the layout's foot squares are from the bar's (± ``other_sheet_spacing_mm``).
    other_sheet_bar_off_mm: float = 2.5
    #: ... and, below this share, the whole image is searched for another ballot code too
    #: (two sheets side by side on the glass; a decode of the whole page is costly).
    other_code_share: float = 0.6

    # --- targets: sampling ------------------------------------------------------------------------
    #: Each target is resampled through the homography at this resolution.
    patch_px_per_mm: float = 6.0
    #: Ring around a box that is examined for marks drawn larger than the box.
    ring_mm: float = 3.0
    #: How far the printed border may be from where the homography puts it.
    border_search_mm: float = 1.2
    #: Printed border pixels within this distance of the found border line are removed.
    border_pad_mm: float = 0.05
    #: The border's blurred edge is never taken to reach further than this from its centre.
    border_max_reach_mm: float = 0.8
    #: Where the dark run across the border is this much wider than the printed line's, and
    #: ink off the border is right beside it, a stroke lies on it or crosses it: that part of
    #: the border is ink.
    border_thicken_mm: float = 0.2
    #: Ink outside the box counts as this box's mark when it comes this close to the border.
    touch_mm: float = 0.3

    # --- light and contrast ------------------------------------------------------------------
    #: Where the paper around a box is darker than this share of the page's paper white (a
    #: shadow, a dim side of the scan), each box's darkness is taken against the paper around
    #: it, measured over this many mm (print and boxes smaller than that do not count).
    light_min_share: float = 0.9
    light_span_mm: float = 12.0
    #: A box whose paper is darker by this share than the paper ``stain_reach_mm`` away on
    #: all four sides (above, below, left, right) lies in a stain (污渍: a dried drink drop,
    #: a smear): a tint no broader than that, which a shadow, a fold or a dim side of the scan
    #: is not — each of those runs on along at least one side. A mark read in such a box goes
    #: to a person: a drop's darker rim round the box looks like a ○ drawn larger than it.
    stain_min_tint: float = 0.06
    stain_reach_mm: float = 16.0
    #: Solid print lighter than this (darkness of the registration squares: a faded copy, a
    #: scanner set too light) is first stretched to read light_target_black.
    contrast_min_black: float = 0.75
    contrast_target_black: float = 0.9
    #: ... when the darkest print of a page refused at first (blank, no squares) is at least
    #: this dark (a blank back's show-through is lighter; nothing fainter is stretched).
    contrast_min_print: float = 0.2
    #: A page as light as a blank back whose darkest print is at least this dark is stretched
    #: and looked at for a ballot's squares and code (a ballot printed faintly, the toner
    #: running out): only a code whose seal checks makes it a ballot (`pipeline._faint_ballot`).
    faint_print_min_black: float = 0.06
    #: ... and, its squares found but its code not read, stretched once more as though its
    #: print were this share of that darkness: a faint print broken by the toner's gaps
    #: reads its code at one stretch and not at a slightly lesser one.
    faint_print_harder: float = 0.8
    #: A page about to be taken for a back with something on it is looked at for a ballot's
    #: code the right way round on it, its print evened out (`pipeline._faint_front`): each
    #: place's darkness over the darkest within this reach (mm), blurred by each of these in
    #: turn (mm; 0: as it is): a front printed too faintly and in streaks to be read, refused
    #: as such (``scanned_too_light``), never a back.
    faint_front_reach_mm: float = 6.0
    faint_front_blur_mm: tuple[float, ...] = (0.0, 0.17)
    #: A page refused for its squares or its code (none found, implausible, unreadable) is
    #: looked at once more with its print mended where an inkjet's clogged nozzles broke it
    #: (打印条纹: white lines or paler bands across every line of print, the squares and the
    #: code cut into strips): print at least this share as dark as the page's darkest made
    #: solid (a band with 50–70 % less ink) ...
    banding_ink_share: float = 0.3
    #: ... and light gaps in it up to this wide (mm) closed (white lines 0.15 mm wide). Only
    #: the squares and the code are found on the mended page: the marks are read as scanned.
    banding_gap_mm: float = 0.25

    # --- targets: ink ------------------------------------------------------------------------------
    #: A pixel is ink when its darkness is at least this.
    ink_darkness: float = 0.12
    #: ... and a stroke must reach this darkness somewhere to be ink at all (hysteresis).
    seed_darkness: float = 0.16
    #: Shape is measured on the pixels at least this share of the stroke's own darkness.
    shape_level: float = 0.45
    #: ... except, in a box with no other mark, a component less than this share of which
    #: reaches that level (a faint mark beside darker ink outside the box): it is placed and
    #: measured on all its pixels.
    weak_core_share: float = 0.25
    #: Printed black is assumed at least this dark when the border cannot be measured.
    min_black: float = 0.35
    #: Components with less ink than this (Σ darkness / black, in mm², blur-independent) are
    #: dust or scanner specks, not marks.
    dust_max_mm2: float = 0.25
    #: Specks round a box covering at least this share of the directions from its middle,
    #: with at least this much ink together (mm², as dust is weighed), are a faint ○ along
    #: the border broken up by the scan (`marks._speck_rings`): a person looks.
    speck_ring_cover: float = 0.35
    speck_ring_mm2: float = 0.4
    #: (only specks of at least this much ink, mm², count as pieces of such a ○)
    speck_ring_piece_mm2: float = 0.06
    #: (and only within this of the box, mm: a ○ the box's size runs close round it)
    speck_ring_reach_mm: float = 2.5
    #: A box read as empty is looked at once more for a ○ too faint to count as ink (a
    #: faded copy, a hard pencil, an erased ○): pixels at least this dark (the box's own
    #: 3×3 average, 0–1) and this share of its printed border's darkness ...
    faint_ring_darkness: float = 0.06
    faint_ring_rel: float = 0.1
    #: ... lying inside the box (this far, mm, within its border band) and round its
    #: middle in at least this share of directions (36 of 10°, two pixels each), with its
    #: middle clear (under this share of it so dark) and not half of the inside dark (a
    #: tint, a shadow): a person looks (`marks._faint_rings`).
    faint_ring_margin_mm: float = 0.5
    faint_ring_cover: float = 0.75
    faint_ring_max_centre: float = 0.15
    #: A box still read as empty is looked at for a pale ○ the size of the box or a little
    #: bigger, hugging its printed border (a hard pencil's, a fine pen's thin line scanned
    #: soft): the looks above see only the box's inside, where such a ring leaves short arcs
    #: by the corners. Its pale strokes — darker than the paper within
    #: ``border_ring_disc_mm`` (a pen's stroke a millimetre wide keeps its darkness) by
    #: at least ``border_ring_darkness`` and ``border_ring_rel`` of the border's black,
    #: after the printed border's own profile across each side (the line, its blur, a
    #: scan's ringing: the same all along the side; taken at each distance from the side
    #: as the ``border_ring_profile_q`` quantile along it — a big ○ runs beside a side at
    #: one distance over half its length or more, never all of it — but within
    #: ``border_ring_by_line_mm`` of the line's band as its median: a black-and-white
    #: scan's ragged edge covers part of the side at each offset there) is taken away and its
    #: line's band left out — within ``border_ring_in_mm`` inside and ``border_ring_out_mm`` outside
    #: the border, lying on a circle (within ``border_ring_fit_mm``) round the box's middle
    #: (its centre within ``border_ring_centre`` of the box's side from it, its radius
    #: ``border_ring_min_radius``–``border_ring_max_radius`` of the side) ...
    border_ring_disc_mm: float = 2.0
    border_ring_profile_q: float = 0.1
    border_ring_by_line_mm: float = 0.5
    border_ring_darkness: float = 0.05
    border_ring_rel: float = 0.07
    border_ring_in_mm: float = 2.2
    border_ring_out_mm: float = 2.5
    border_ring_fit_mm: float = 0.4
    border_ring_centre: float = 0.12
    border_ring_min_radius: float = 0.42
    border_ring_max_radius: float = 0.8
    #: ... seen in at least ``border_ring_seen`` of the directions round that middle (72 of
    #: 5°), and in those and where the circle runs under the printed line between them (or
    #: one direction beside it: a pale ring fades into the line's blur) in at least
    #: ``border_ring_cover``, in all four quarters round the box, nearer the
    #: border in some places than in others by at least ``border_ring_bend_mm`` (a ○ bends
    #: away from the square's sides; the border's own blur lies at one distance from them
    #: all along), and at least ``border_ring_on_share`` of those pale strokes on it
    #: (within ``border_ring_on_mm`` of it: a thick pen's pale stroke spreads wider than
    #: the circle's fit): a person looks (`marks._border_rings`).
    border_ring_seen: float = 0.2
    border_ring_cover: float = 0.75
    border_ring_bend_mm: float = 0.5
    border_ring_on_share: float = 0.65
    border_ring_on_mm: float = 0.8
    #: A box read as empty that holds no such ring but faint strokes all the same (a ○ or a
    #: × in a hard pencil, a light pen, a scan made too light): pixels at least this dark
    #: (the 3×3 average) and this share of the border's darkness, inside the box as for the
    #: ring, in a piece at least this long (mm) and this large (mm²), as narrow as a stroke
    #: (its area over its length at most this, mm) — not a straight line along the page's
    #: sides (within 8°; nine in ten of its pixels within ``faint_line_width_mm`` of it: a
    #: fold's crease, a streak, whole or broken) — go to a person (`marks._faint_strokes`).
    faint_stroke_darkness: float = 0.05
    faint_stroke_rel: float = 0.06
    faint_stroke_min_mm: float = 2.5
    faint_stroke_min_mm2: float = 0.8
    faint_stroke_max_width_mm: float = 2.0
    faint_line_width_mm: float = 0.45
    #: ... none found, where the box's paper is quiet, paler ones: at least
    #: ``faint_quiet_darkness`` dark and ``faint_quiet_noise`` times the box's own paper
    #: noise as this look sees it (the median over the box's inside), not a straight band
    #: along the page's sides up to ``faint_quiet_band_mm`` wide across at least
    #: ``faint_quiet_wall_share`` of the box's inside (a fold's blurred crease, a shadow's
    #: edge beside the printed border) — `marks._quiet_strokes`. A light pencil's grainy
    #: line 15 grey levels darker than white paper reaches 8-13 in this look (the lower at
    #: 150 dpi), where the share of black asks 15; on 240 of the corpus's scanned pages
    #: (3,600 empty boxes: the paper's grain, a scan's noise and JPEG, dust, tints, folds
    #: and their shadows) one box reached 8 (a fold dashed by a black-and-white scan).
    faint_quiet_darkness: float = 0.031
    faint_quiet_noise: float = 3.0
    faint_quiet_band_mm: float = 2.0
    faint_quiet_wall_share: float = 0.85
    #: ... and, none found, broad pale strokes (a pale felt-tip or marker, a rubber's smear
    #: of an erased pencil mark: 1–2 mm wide, which the narrow look takes for the paper's
    #: shading): darker than the paper within ``paler_broad_mm`` round them (a ridge; a
    #: tint, a stain, a shadow's edge over the box is none) by at least this much (and
    #: ``faint_stroke_rel`` of the border's darkness), in pieces as ``faint_stroke_*`` asks
    #: (as wide as ``paler_broad_mm``) spanning at least this much of the box together (mm)
    #: — not a band along the page's sides running on outside the box (a fold's shadow, a
    #: streak): a person looks (`marks._faint_strokes`).
    faint_broad_darkness: float = 0.06
    faint_broad_min_mm: float = 3.5
    #: ... and, none found, a broad pale × (a rubbed-out or smudged soft pencil ×: grey
    #: 218-228 where its strokes cross, 231-235 along its arms, which the looks above take
    #: for the paper's shading; a ○ so pale is a faint ring): what is darker than the paper
    #: within ``paler_broad_mm`` round it by at least this much and ``faint_cross_noise``
    #: times the box's paper in that look (its lower quartile), on two straight strokes
    #: ``faint_cross_band_mm`` wide, each at least ``faint_cross_min_mm`` long, at least
    #: ``faint_cross_off_sides`` degrees off the page's sides (a fold in four crosses a box
    #: along them), crossing at ``faint_cross_min_angle`` or more in their middle half and
    #: leaving at most ``faint_cross_residual`` of it — a person looks
    #: (`marks._BroadLook.cross`).
    faint_cross_darkness: float = 0.03
    faint_cross_noise: float = 3.0
    faint_cross_band_mm: float = 0.6
    faint_cross_min_mm: float = 5.5
    faint_cross_off_sides: float = 8.0
    faint_cross_min_angle: float = 45.0
    faint_cross_residual: float = 0.35
    #: A box read as ○ with strokes of ink (as dark as its ring's) sticking out beyond
    #: its ring's outer edge round about (the median over the neighbouring 90° where the
    #: ring is whole) by more than ``stub_clear_mm`` and at least ``stub_min_mm`` at their
    #: tips, each at least ``stub_min_mm2`` large and no wider along the ring than
    #: ``stub_max_wide`` times its reach (a stroke pointing outwards, not a wobble), two of
    #: them in line through the ring's middle (within ``stub_in_line_deg``): the ends of a ×
    #: under the ○ (a × covered with correction fluid, a ○ drawn on top) — a person looks
    #: (`marks._stubs_round`).
    stub_clear_mm: float = 0.25
    stub_min_mm2: float = 0.2
    #: (smaller pieces, specks down to this, mm², count only as two pairs in line: the
    #: ×'s four ends all but hidden)
    stub_speck_mm2: float = 0.06
    stub_min_mm: float = 0.6
    stub_max_wide: float = 3.0
    stub_in_line_deg: float = 25.0
    #: (... and that line at least this many degrees off the page's sides: a scanner's
    #: streak or a table's line through the ○ leaves such a pair too)
    stub_off_sides: float = 12.0
    #: A box holding a mark whose printed border is missing along a side over at least
    #: ``border_gap_mm`` — nothing across its band darker than the paper by
    #: ``border_gap_rel`` of the border's black (a faded or thin-scanned line is paler, not
    #: gone; correction fluid leaves paper or whiter), the last ``border_gap_corner_mm`` of
    #: each side aside — was altered: correction fluid or tape laid over it, a mark drawn
    #: on top. A pen's stroke only darkens the border: a person looks (`marks._border_gaps`;
    #: on 226 generated corpus pages a faded line reached a 1.2 mm gap at most).
    border_gap_mm: float = 1.5
    border_gap_rel: float = 0.05
    border_gap_corner_mm: float = 0.5
    #: (a border not found is looked for where the page's registration puts it, and this
    #: much further out, mm: a bent sheet's)
    border_gap_slack_mm: float = 0.3
    #: In a box read as ○ or ×, strokes paler than ink lying more than ``paler_clear_mm``
    #: off the mark's own ink, in pieces at least ``paler_min_mm`` long (each as pale as
    #: ``faint_stroke_*`` asks, and at least ``faint_stroke_min_mm2``): another mark in a
    #: paler ink (a pencil × under a pen ○) — the box is unclear, a person decides.
    paler_clear_mm: float = 0.7
    paler_min_mm: float = 2.5
    #: ... and in a box read as ○, strokes this large (mm²) in its hole (paper, eroded by
    #: ``paler_clear_mm``): a stroke crossing the ○ (`marks._paler_beside`).
    paler_hole_mm2: float = 0.6
    #: The ○'s ring for its hole: its ink at least ``shape_level`` of the box's darkest,
    #: and apart at least this share of it (a soft pencil's × under a pen ○, as dark as
    #: the ○'s core in places, would cut the hole at the lower level).
    paler_ring_level: float = 0.75
    #: ... and broad paler strokes (1–2 mm: a soft pencil, a pale felt-tip, a rubber's smear
    #: of an erased mark), told from the paper's shading within ``paler_broad_mm``, at least
    #: ``paler_broad_darkness`` dark: another mark under or beside the ○ or ×.
    paler_broad_mm: float = 3.0
    paler_broad_darkness: float = 0.12
    #: A broad pen's mark is measured on its strokes thinned (`marks._thinned`); what the
    #: thinning took away whole and does not grow back — a finer pen's stroke over or beside
    #: it (a pen × over a marker ○) — in a piece at least this long (mm): a person decides.
    finer_stroke_min_mm: float = 1.5
    #: ... and at this share, its gaps of a pixel closed (a pencil line struck through the ○
    #: as dark as the ○'s core level, paler than its ink).
    paler_mid_level: float = 0.6
    #: Ink apart from a ○ or × in its box, hardly any of it as dark as the mark's core (a
    #: grey pencil × beside a pen ○, a pale ○ beside a pen ×: a piece of its own), at least
    #: this large (mm²) inside the box: another mark in a paler ink — a person decides.
    paler_apart_min_mm2: float = 0.8
    #: A colour scan's marker ink (a highlighter's yellow, `load._colour_planes`) this large (mm²)
    #: in a candidate's part of the table: a mark there, a person decides
    #: (`pipeline.marker_look`).
    marker_min_mm2: float = 3.0
    #: (a straight run along the page's sides at least this long, mm, is a crease's)
    paler_crease_mm: float = 2.5
    #: ... and beside a mark, such a line is a crease only if it runs on outside the box,
    #: along at least this share of the paper on each side of it (`marks._runs_on`).
    paler_crease_outside: float = 0.5
    #: A box read as empty whose printed border is heavier than its fellows' (the lower quartile of
    #: the boxes of its size on the page, side by side) on at least ``traced_min_sides``
    #: sides — by this ratio and this much (mm of solid line across the side) — has its
    #: border drawn over with a pen: unclear (`marks._traced_borders`).
    traced_ratio: float = 1.6
    traced_min_mm: float = 0.12
    traced_min_sides: int = 3
    #: Below this much mark ink (after dust), a box is empty: abstain.
    empty_max_mm2: float = 0.3
    #: A box with no ink of its own but ink round it, not one straight line, over at least
    #: this share of the directions from its middle (a ○ drawn round the box wide of it,
    #: partly past what is looked at): unclear, never "abstain" without a person's look.
    outside_arc_min_cover: float = 0.2
    #: (one straight line: nine in ten of its pixels within this of it, mm — a hand's slip
    #: of the pen wobbles, arcs of a ring round the box lie on no one line)
    outside_line_mm: float = 1.0
    #: A clear mark has at least this much ink; between empty and this: a dot → unclear ...
    mark_min_mm2: float = 2.0
    #: ... when it fits within this many mm both ways. A mark that spreads wider (a small ○
    #: or × drawn with a fine pen: little ink, but a shape) is judged by its shape, whose own
    #: least sizes (circle_min_diameter_mm, cross_min_line_mm) still apply.
    dot_max_mm: float = 2.5
    #: Stroke strength (p90 darkness of the mark / printed black) at or above this is a clear
    #: pen mark; below: faint (pencil, ghosting) → unclear.
    strong_rel: float = 0.5
    #: ... and at least this share of solid black (the registration squares, which blur does
    #: not thin): a wide faint stroke is not judged against a blurred thin border.
    strong_abs: float = 0.5
    #: A clear mark (a ○, a ×, a column's mark) paler than the page's other clear marks: its
    #: strength (``strength_abs``, on the finer image where measured there) under this share
    #: of the darkest of theirs, and under ``page_paler_max`` — a faint pencil mark a dark
    #: scan (a driver's gamma or brightness, a scanner writing linear light) pushed past
    #: ``strong_abs`` beside the voter's pen marks, a half-erased mark, a second, lighter pen:
    #: unclear, a person decides (`marks.paler_than_page`). (On the corpus's scans, whose
    #: every mark has a pen of its own, grey 0-75: 2 clear marks in 3,900 under 0.63 of the
    #: page's darkest, none under 0.6; faint pencil a gamma-2 scan made clear, 0.5-0.6.)
    page_paler_share: float = 0.62
    page_paler_max: float = 0.7
    #: A stroke below them but at least this strong (strength) is measured again on the page
    #: decoded finer, where the page was reduced to be read (a fine pen's line a pixel or two
    #: wide on a 300-dpi scan is paled by averaging); it is clear only if it is strong there.
    fine_min_strength: float = 0.25
    #: ... (on a black-and-white scan: what is strong there is the stroke's own black pixels
    #: joined side by side over at least this many mm; dithered dots never are)
    fine_solid_mm: float = 1.0
    #: Broken strokes (pencil thresholded by a black-and-white scanner, a dotted line): the mark
    #: fills less than this share of itself closed over gaps of solid_close_mm → unclear.
    min_solidity: float = 0.8
    solid_close_mm: float = 1.0
    #: More than this share of the box interior inked: a fill or a blob → unclear.
    fill_max_share: float = 0.42
    #: A broad pen (felt-tip, marker): strokes wider than this (mm, twice the median distance
    #: to the paper along their ridges) and at most broad_stroke_max_mm (wider is a blot or a
    #: fill, not a stroke) are thinned to about broad_target_mm before the fill and shape
    #: tests, by at most broad_max_thin_mm on each side; the tests were made for pen strokes.
    broad_stroke_mm: float = 1.35
    broad_stroke_max_mm: float = 3.0
    broad_target_mm: float = 0.8
    broad_max_thin_mm: float = 0.6
    #: Straight lines spanning the whole patch with strength below strong_rel are folds.
    fold_min_span_share: float = 0.9
    #: ... at most this thick (mm, as the rows they cover): a wider dark band across the
    #: patch (a shadow, a smear, the dark edge of a scan) is no line; the box goes to a person.
    fold_max_mm: float = 2.0
    #: A box left to a person is read again with a shadow across it divided out (a fold's, a
    #: sheet not lying flat): the paper's darkness along each column (row) is this quantile
    #: of it above and below (left and right of) the box, of which only what is at least
    #: shadow_min_mm wide is divided out (a crease line or a pen stroke stays), when the
    #: shadow is darker than shadow_min_darkness (and lighter than strong_rel of black).
    shadow_paper_quantile: float = 0.25
    shadow_min_mm: float = 2.5
    shadow_min_darkness: float = 0.04
    #: ... and only when it runs on across the page on both sides of the box, along the
    #: band (a fold's shadow, a dim side cross the cell and the next ones): from
    #: shadow_runs_on_gap_mm to shadow_runs_on_mm past the box's patch, the paper there
    #: (shadow_paper_quantile of it) at least shadow_runs_on_share as dark as the band in the
    #: patch, within shadow_tilt_mm of where it crosses the patch (a fold a little askew).
    #: A pale band that ends near the box (a highlighter's or a broad pen's stroke through
    #: it, 3-12 mm past it) is a mark there: a person looks (`marks._band_runs_on`).
    shadow_runs_on_gap_mm: float = 2.0
    shadow_runs_on_mm: float = 22.0
    shadow_runs_on_share: float = 0.5
    shadow_tilt_mm: float = 1.5

    # --- targets: shape (○ versus × versus the rest) ------------------------------------------------
    #: Enclosed background smaller than this is not a hole (crossing strokes, pen blots).
    hole_min_mm2: float = 0.4
    #: ○: the ink surrounds a hole covering at least this share of the ink's convex hull ...
    circle_min_hole_share: float = 0.28
    #: ... seen from the hole's centre, ink in at least this share of directions, counting
    #: directions where the stroke may run hidden under the printed border ...
    circle_min_coverage: float = 0.8
    #: ... and visible ink in at least this share of directions ...
    circle_min_visible: float = 0.5
    #: A ring closed only with the printed border's help (no hole of its own ink, visible
    #: in under this share of directions) whose ink is two strokes crossing inside the box
    #: (the two strongest lines holding at least ``circle_crossed_line_share`` of it, a
    #: crossing found): a big × with bowed arms from corner to corner, whose arms and the
    #: border's sides close round the paper between — ○ and × alike: to a person.
    circle_crossed_own_coverage: float = 0.8
    circle_crossed_line_share: float = 0.75
    #: ... the hole is at least this wide (equivalent diameter) ...
    circle_min_diameter_mm: float = 2.2
    #: ... and the two strongest straight lines leave at least this share of the ink.
    circle_min_line_residual: float = 0.15
    #: ○: at least this share of the ink lies on the ellipse fitted to it (within
    #: ±circle_ring_tolerance of its radius): a loop with tails is not a ○.
    circle_min_ring_fit: float = 0.8
    circle_ring_tolerance: float = 0.3
    #: ○: the ink's spread around the fitted ellipse (RMS of its normalised radius − 1) is at
    #: most this (a triangle or a loop with corners is not a ○).
    circle_max_ring_rms: float = 0.16
    #: ○: at most this share of the hole's central disc inked (a × through it is not a ○).
    circle_max_centre_ink: float = 0.08
    #: ○: the ring's four-fold wave around its ellipse (`marks._ring_corners`) at most this:
    #: a □ drawn in the box (about 0.12) is not a ○ (hand-drawn ○ stay below 0.065).
    circle_max_corners: float = 0.075
    #: A ○ as big as the box, its sides running along the printed border, leaves two arcs
    #: that two straight lines fit well (the line test above fails): it is a ○ when the
    #: rest says so without doubt — the ink on its ellipse (fit, RMS), the border along the
    #: hidden parts (coverage counting the border) and ink in this share of directions.
    circle_arcs_min_ring_fit: float = 0.95
    circle_arcs_max_ring_rms: float = 0.09
    circle_arcs_min_coverage: float = 0.95
    circle_arcs_min_visible: float = 0.7
    #: A small ○ (a few millimetres across, its hole narrower than circle_min_diameter_mm,
    #: its ring thick for its size when drawn with a broad pen) is a ○ when it is a clean
    #: closed ring without doubt: a closed hole at least this wide (mm) ...
    circle_small_min_diameter_mm: float = 1.3
    #: ... covering at least this share of the ink's hull ...
    circle_small_min_hole_share: float = 0.18
    #: ... nothing in its middle, the ink on its ellipse (this share of it, and spread around
    #: it by at most this RMS, each beyond what the stroke's own width spreads a ring:
    #: `marks._thick_ring`) and no corners (circle_max_corners).
    circle_small_min_ring_fit: float = 0.95
    circle_small_max_ring_rms: float = 0.12
    #: ×: the two strongest lines leave at most this share of the ink ...
    cross_max_line_residual: float = 0.12
    #: ... each holds at least this share of it (one thick stroke is not a ×) ...
    cross_min_line_share: float = 0.25
    #: ... no third straight stroke holds this share (a star, a hash) ...
    cross_max_third_share: float = 0.1
    #: ... each line is at least this long ...
    cross_min_line_mm: float = 2.8
    #: ... each is one stroke: no gap longer than this share of its length ...
    cross_max_gap_share: float = 0.15
    #: ... each is one stroke wide: ink per length at most this many stroke widths (a hatch
    #: or a scribble in a wide band is not a line) ...
    cross_max_line_fat: float = 1.6
    #: ... the ink covers at most this share of its convex hull (a hatch is dense) ...
    cross_max_density: float = 0.55
    #: ... or, for a small × whose two strokes (at most cross_small_max_stroke_mm wide)
    #: alone fill more of their hull, that share plus this, at most cross_small_max_density
    #: (`marks._cross_density_limit`) ...
    cross_small_density_margin: float = 0.1
    cross_small_max_density: float = 0.68
    cross_small_max_stroke_mm: float = 0.8
    #: ... they cross at least this far (share of each line's length) from both its ends ...
    cross_min_end_share: float = 0.2
    #: ... at an angle between the lines of at least this many degrees ...
    cross_min_angle_deg: float = 40.0
    #: ... and each is within this many degrees of a diagonal (a + is not a ×).
    cross_max_diagonal_dev_deg: float = 32.0
    #: ... and the two turned together off the diagonals by at most this (a + turned 14–18°
    #: was read as ×; a hand's × and a skewed scan turn it up to about 20°).
    cross_max_turn_deg: float = 21.0
    #: A mark with no closed hole that fails these tests on straight lines is measured again
    #: with each line followed as a hand bows it (a parabola), by at most this share of its
    #: length (the sagitta); every test above must then pass on those. 0: straight only.
    cross_max_bow_share: float = 0.12
    #: ... and, on those, with stricter margins: each line holds at least this share of the
    #: ink, they cross at least this far from both ends, each within this many degrees of a
    #: diagonal (a broad pen's scribble once passed the plain tests on bowed lines). Never on
    #: a broad pen's strokes thinned.
    cross_bowed_min_line_share: float = 0.35
    cross_bowed_min_end_share: float = 0.3
    cross_bowed_max_diagonal_dev_deg: float = 25.0
    #: A × (by the tests above) with a ○ round it is ○ and × in one box: unclear. The ○ is
    #: seen in either of two ways. Drawn round the × along the printed border, it lies there,
    #: where the lines are not fitted (the border's own segments are straight): the two
    #: lines leave more than this share of all the mark's ink, counting its ink kept on the
    #: border (a × crossing the border leaves at most about 0.16; a ○ along it, 0.35 and
    #: more) ...
    cross_max_residual_all: float = 0.25
    #: ... or drawn small and crossed out through its middle (⊗), its hole filled by the
    #: strokes (too small to count as a hole): within cross_ring_reach_mm of where the lines
    #: cross, ink that neither stroke holds (each followed straight over that stretch, so a
    #: bowed stroke holds its own ink) lies in at least this share of the directions from
    #: there (a ×'s own bows and ragged edges: at most about 0.08; a ○ 2.2 mm across or
    #: more, under a ×, 0.17 and more).
    cross_ring_reach_mm: float = 2.5
    cross_ring_min_cover: float = 0.16
    #: A pen resting where the strokes cross leaves a blot there: solid ink all round the
    #: crossing that neither stroke holds, as a ○'s arcs are (a blot 1.2 mm round was taken
    #: for a ⊗). The ⊗'s arcs lie beyond its hole — paper, cut into small pieces by the
    #: strokes — and a blot is solid from the crossing outwards: of the ink neither stroke
    #: holds, only what lies beyond the largest solid disc holding the crossing (the
    #: strokes' own crossing, or the blot, found whole even a little off it), by this many
    #: stroke widths more (the blot's rim softened by the scan), counts towards
    #: cross_ring_min_cover. (Measured on scans at 300 dpi: blots 0.7–1.5 mm round, up to
    #: 0.35 mm off the crossing, leave nothing beyond; ⊗ 2.6–3.2 mm across leave arcs in
    #: 0.22 of the directions and more.)
    cross_ring_blot_margin: float = 0.5
    #: ... but a solid disc at least this big round (mm; 2.8 mm across) is as big as the
    #: small ○ voters draw (the corpus's are 2.8–4 mm across, at the stroke's middle): a ○
    #: filled in and crossed out could be under it, and the × with it stays unclear (when
    #: its ink is all round the crossing, as above). A felt-tip resting at the crossing
    #: leaves a blot of up to about 1.2 mm round: read as the × it is.
    cross_ring_blot_max_mm: float = 1.4
    #: A ✓ with a × drawn over it, the ✓'s long stroke along one of the ×'s arms: its short
    #: stroke is left as a third straight stroke too small for a star (under
    #: cross_max_third_share). Read as that when the third stroke has one end on an arm
    #: (within tick_max_arm_gap_mm of its line: the stroke's part nearer is the arm's), the
    #: other at least tick_min_reach_mm off it, at least tick_min_arm_angle_deg to it (a V,
    #: not a bow along it), meeting it within its stretch (from tick_min_from_end_mm beyond
    #: its end: a ✓'s corner where the × arm starts is one too) and at least
    #: tick_min_from_cross_mm from where the arms cross — and is a stroke, its ink per length
    #: at least tick_min_line_fat of a stroke's (line3_fat; points of a ×'s bowed or ragged
    #: strokes that happen to line up hold far less). Such a × is not read as disagree: a
    #: person decides (why: tick_crossed). Measured on scans at 300 dpi, ✓s drawn up to the
    #: left of a × arm's lower part, the ✓'s long stroke up to 12° off the arm: of 154 with
    #: a short stroke 2.5–4 mm long, 151 go to a person (of those left, one's short stroke
    #: runs out of the box past its border, two leave a sliver of the ✓'s long stroke beside
    #: the arm as the third stroke, not its short one); of 98 with one 1.5–2.5 mm long, 58.
    #: Their short strokes reach 2.0–4.1 mm off the arm at 48–88°, line3_fat 0.36–1.2, the
    #: near end 0.5–0.9 mm off the arm's line, 1.6–4.5 mm from the crossing. Of 2,400 ×s of
    #: the corpus, the third strokes with line3_fat ≥ 0.3 reach at most 2.1 mm off an arm,
    #: at 23° or less when further than 1.6 mm; those reaching further than 2 mm at 35° or
    #: more hold 0.06 or less. (accuracy seed 1, plain_marks: no reading changed)
    tick_max_arm_gap_mm: float = 1.2
    tick_min_reach_mm: float = 2.0
    tick_min_line_fat: float = 0.3
    tick_min_arm_angle_deg: float = 45.0
    tick_min_from_end_mm: float = -0.5
    tick_min_from_cross_mm: float = 1.5
    #: Width of the band around a straight line that counts as the line, at least.
    line_band_mm: float = 0.45
    #: A hand-drawn stroke may bow away from straight by this share of its length.
    line_bow_share: float = 0.08

    # --- column style ------------------------------------------------------------------------------
    #: Shapes that choose a box in the column style. The printed instruction asks for a ○ in
    #: one column; a × in the 赞成 column may mean "no", a ✓ or a fill is not the instruction:
    #: by default those go to a person. Add "cross" here if the contest's rules accept it.
    column_accepts: tuple[str, ...] = ("circle",)

    # --- write-in names -------------------------------------------------------------------------------
    #: A name is written when at least this much ink (after printed lines) is in the name box ...
    name_min_mm2: float = 4.0
    #: ... no name below this; between: unclear.
    name_empty_max_mm2: float = 0.8
    #: ... and a name box with less ink than that whose faint strokes (`marks._faint_name`,
    #: as ``faint_stroke_*`` finds them) cover this much (mm²): a name too pale to be ink —
    #: unsure, a person looks.
    name_faint_min_mm2: float = 1.5

    # --- writing elsewhere on the sheet (recognition/elsewhere.py) ------------------------------------
    #: At least this share of the blank paper below the table must be in the image, or the
    #: sheet is held (the scanner cut the page short: a name written there would be lost).
    #: A sheet turned in a window of the paper's size loses a corner's triangle, no more.
    blank_min_seen: float = 0.9
    #: Paper hidden inside the image (`hidden.hidden_print`: the bottom folded under, another
    #: sheet lying over a side — the scanner's lid shows there): the corner squares, and the
    #: bar printed between the bottom ones in pieces ``hidden_bar_piece_mm`` long, are each
    #: looked at where the map puts them, this far round them (mm: the map's error; the
    #: bar, far from the squares a map without one of them comes from and clear of other
    #: print 5 mm above and below, this far above and below it) ...
    hidden_search_mm: float = 2.5
    hidden_bar_search_mm: float = 4.5
    hidden_bar_piece_mm: float = 5.0
    #: ... as ink, what is this much darker than the paper round it (the lightest there; a
    #: bar in the lightest kind's colour, orange, is about 0.45) ...
    hidden_dark: float = 0.25
    #: ... a piece is gone with at most this share of its area in ink, there with a share in
    #: this range (a staple or a smudge across a square adds some; else unsure, no evidence)
    hidden_gone_share: float = 0.1
    hidden_print_share: tuple[float, float] = (0.5, 2.2)
    #: Print gone in one place (a stretch, `hidden.hidden_print`: a corner's square with what
    #: runs on from it gone too, two corners on a side with nothing printed between them
    #: along it seen) over at least this (mm, the diagonal round its pieces) is paper hidden
    #: and the sheet goes to a person: the bottom folded under (both bottom squares and the
    #: bar between), a sheet over a side (its two squares and the table's frame there), a
    #: bottom corner's square and the bar running on from it. One corner's square (and the
    #: orientation square beside the top-left one, 14 mm) is a dog-ear, a staple, a smudge:
    #: it reads — and so do two such corners apart. A bottom corner folded over with legs of
    #: 45 mm loses its square and the bar's first 15 mm, 28 mm (and of the blank paper below
    #: the table a corner 9 mm across): it reads; with legs of 50 mm, 33 mm, it is held.
    hidden_min_span_mm: float = 30.0
    #: Along the left and right sides, the table's frame tells paper is there between the
    #: corners when it lies at most this far (mm) from the side (the symbol style's, 15 mm);
    #: further in (the column style's narrow table), nothing does, and two corners gone on
    #: that side are held. It is looked for this far either side of where the map puts it
    #: (mm: near the table the map, fitted to its boxes, is that close; a covering sheet's
    #: edge along the frame, within it, passes for the frame). What the frame cannot tell:
    #: a strip hidden along the side up to about 1 mm past it — 12.5–16 mm, the squares and
    #: the margin outside the table — reads as two dog-ears; along the top, where the
    #: code's upper finder squares tell, a strip of 12.5–19 mm likewise.
    hidden_side_print_mm: float = 20.0
    hidden_frame_search_mm: float = 1.0
    #: The column-style table's heading rows are looked at for writing only where the
    #: printed boxes were found at most this far (mm, nine in ten) from where the map puts
    #: them (their printed words are masked where the map says they are).
    headings_max_offset_mm: float = 0.5
    #: ... and their words, which that look takes as print box and all, are looked at as the
    #: names are (`elsewhere.marks_on_names`: a ○ drawn tight round 赞成, or over it), their
    #: strokes grown by this (mm: the words are printed bold, and blur wider than a name),
    #: ink beyond them a mark when it holds this much (mm²).
    heading_grow_mm: float = 0.3
    heading_min_mm2: float = 1.5
    #: ... this much of it (mm²) this far from the strokes (mm): a black-and-white scan
    #: thickens the bold words all round, into a rim no pen's stroke is.
    heading_clear_mm: float = 0.6
    heading_clear_mm2: float = 0.5
    #: ... and how far (mm) their strokes usually reach past their printed shape on a scan
    #: (bold words: 0.15–0.19 mm over the bench's scanners; see names_usual_growth_mm).
    heading_usual_growth_mm: float = 0.22
    #: The blank paper below the table is looked at this coarsely (px/mm) ...
    elsewhere_px_per_mm: float = 3.0
    #: ... against the paper's own level around each pixel (the lightest within this, mm);
    elsewhere_paper_mm: float = 10.0
    #: ink is as dark as this share of the print's black, and at least elsewhere_min_darkness
    #: (0–1): a name in pencil, a red thumbprint on a grey scan, are writing too;
    elsewhere_rel: float = 0.3
    elsewhere_min_darkness: float = 0.25
    #: a piece of it at least this long (mm; specks and dust are shorter),
    elsewhere_piece_mm: float = 2.0
    #: in strokes at most this wide (mm; a blot, a drop or a punch hole is solid),
    elsewhere_stroke_mm: float = 1.6
    #: not a straight line this long (mm) or longer, no wider than this from straight (mm)
    elsewhere_line_mm: float = 25.0
    elsewhere_straight_mm: float = 0.6
    #: A piece within this of such a line (mm) is part of it, unless this much of it (mm²)
    #: lies further away.
    elsewhere_line_reach_mm: float = 2.5
    #: A straight piece at least this long (mm) along the page's sides, on a line with at
    #: least this share of the darkness as ink somewhere along at least this share of the
    #: region, is part of a crease or a streak (broken where it is lighter than ink).
    elsewhere_crease_piece_mm: float = 4.0
    elsewhere_crease_darkness: float = 0.5
    elsewhere_crease_share: float = 0.6
    elsewhere_off_line_mm2: float = 1.0
    #: An official seal stamped there is no writing: ink on a circle of a seal's radius (mm),
    #: within this of it (mm), running along at least this many degrees of it, and holding at
    #: least this share of the ink within three times that distance of it (a ring, not
    #: writing a big circle happens to cross), is a seal's ring, and everything inside it is
    #: the seal's (circles tried: elsewhere_seal_tries).
    elsewhere_seal_radius_mm: tuple[float, float] = (14.0, 26.0)
    elsewhere_seal_fit_mm: float = 0.6
    elsewhere_seal_arc_deg: float = 60.0
    elsewhere_seal_ring_share: float = 0.75
    elsewhere_seal_tries: int = 300
    #: Writing when its pieces hold at least this much ink (mm²): the sheet goes to a person.
    elsewhere_min_mm2: float = 2.0
    #: A write-in column read as holding no name and no mark is looked at once more, whole
    #: (`writein_band`): its cell grown across its top and bottom rules by this (mm — a name
    #: written on a rule, half over it), kept this far (mm) inside its side rules.
    writein_band_mm: float = 2.5
    writein_band_side_mm: float = 1.0
    #: (looked at in layout mm at this resolution, px/mm, and this far, mm, round the region;
    #: the rules across the cell — searched this far, mm, either way of their place — are
    #: print where their ink is no taller than this, mm: a stroke crossing one reaches off it)
    writein_band_px_per_mm: float = 8.0
    writein_band_margin_mm: float = 3.0
    writein_rule_search_mm: float = 1.2
    writein_rule_mm: float = 0.7
    #: (found a stretch of this many mm of its length at a time: the rows most of it is ink)
    writein_rule_stretch_mm: float = 6.0
    #: (the printed label's strokes, fitted to the scan, grown by this, mm, as the names' by
    #: ``names_grow_mm``: what ink is left over it, this much of it (mm²), is a name written
    #: there — a name 3 mm tall written over the label, its strokes mostly on the label's,
    #: leaves 1.1 mm² or more; a coarse blurred scan's misfit print up to 0.6 mm²)
    writein_label_grow_mm: float = 0.125
    writein_label_min_mm2: float = 0.9
    #: (... and what is left no wider than this, mm, is the print's rim on a scan that makes
    #: it bold, not a pen's stroke)
    writein_label_rim_mm: float = 0.15
    # --- marks beside the boxes, in a candidate's cell (elsewhere.beside_boxes) -------------------
    #: Ink there is as dark as strong_rel of the print's black, and at least this (0–1) ...
    beside_min_darkness: float = 0.3
    #: Ink as dark as writing (above) in a candidate's cell outside its boxes and their ring,
    #: clear of the printed rules by this (mm) and of the printed name by this (mm), ...
    beside_rule_mm: float = 0.8
    beside_print_mm: float = 0.5
    #: (the cell's own border by this, mm, and a piece must reach this far into the cell, mm:
    #: a border where a fold warps the sheet, a stroke poking in from the next cell, are not)
    beside_edge_mm: float = 1.5
    beside_inner_mm: float = 3.0
    #: Along a border between two names standing level, the bands either side of it
    #: (``beside_inner_mm`` wide) are looked at from this far above the names to as far
    #: below them: a ✓, a digit or an arrow drawn after a name may lie across the border.
    beside_border_reach_mm: float = 2.0
    #: ... and a piece there that reaches no farther into the cells is a mark when this share
    #: of its ink lies in those bands (a line along a cell's top or bottom only passes them).
    beside_border_share: float = 0.7
    #: ... and along a rule across the table (over a row of cells), at least this share of
    #: such a piece off the rule's own line (a ✓ or × drawn against the rule reaches off it;
    #: a stroke drawn along the rule stays on it).
    beside_off_rule_share: float = 0.3
    #: ... and those bands keep this far (mm) clear of each box: a ○ drawn a little larger
    #: than its box is the box reader's (and looking along the rules for it on every page
    #: cost more than all else looked for beside the boxes).
    beside_across_box_mm: float = 1.5
    #: (darkness there is taken against the lightest paper within this, mm: a fold's broad
    #: shadow is the paper's own level)
    beside_paper_mm: float = 5.0
    #: (and as dark as this share of what writing below the table must be: a light pen's ○
    #: round a name, thin and blurred by the scanner, is a mark there too)
    beside_darkness_share: float = 0.7
    #: in pieces at least this long (mm) holding at least this much ink (mm²) in that
    #: cell: a ○ round the name, a line through it, a mark beside the box — to a person.
    beside_piece_mm: float = 1.5
    beside_min_mm2: float = 2.0
    #: A mark drawn ON a printed name (a ✓ or × over its characters, which the name's box
    #: hides from the look beside the boxes) of a candidate whose box reads empty: the
    #: name's strokes are drawn as printed (`reports.glyphs`) at ``names_px_per_mm`` over
    #: its print grown by ``names_pad_mm``, fitted to the scan within ``names_search_mm``
    #: and grown by ``names_grow_mm`` (the print's blur); ink beyond them there, its pieces
    #: longer than ``names_speck_mm`` taken together (the characters' strokes cut a stroke
    #: over them into pieces) spanning ``names_piece_mm`` and holding ``names_min_mm2``, is
    #: a mark to a person.
    names_px_per_mm: float = 8.0
    names_pad_mm: float = 0.8
    names_search_mm: float = 1.2
    #: A name (with its note) at least four times names_fit_piece_mm long is placed, after
    #: its fit as a whole, a piece about that long at a time (cut between characters): each
    #: fitted within names_fit_piece_search_mm of the whole's place, each put on the straight
    #: line through those fits (a voter's mark pulling one piece is outvoted). A sheet
    #: curled or bent in the scanner shortens or bows a long name (a 60 mm name and note on
    #: an A3 sheet curled 1.5 mm, half a millimetre at its ends), and fitted as a whole its
    #: ends' strokes were left over as a mark on it.
    names_fit_piece_mm: float = 5.0
    names_fit_piece_search_mm: float = 0.6
    names_grow_mm: float = 0.25
    names_speck_mm: float = 0.5
    #: (a piece no wider than this, mm, running half the name's place along or across it
    #: is a printed border or rule off its place, not a mark)
    names_line_width_mm: float = 0.8
    names_piece_mm: float = 1.6
    names_min_mm2: float = 0.6
    #: How far (mm) the printed names' strokes reach past their printed shape on a scan
    #: (the edge's blur taken darker than the paper: 0.05–0.09 mm over the bench's scanners,
    #: grey and black-and-white) — measured on each page (`elsewhere.marks_on_names`, the
    #: middle of its names). A page's print reaching farther (a black-and-white scan of
    #: tinted paper, blurred: every name bold, 0.24 mm) is the print's too: the strokes are
    #: grown by the excess, up to names_growth_max_mm (beyond, a mark over them could be
    #: taken for print; such a sheet's boxes read unclear anyway).
    names_usual_growth_mm: float = 0.12
    names_growth_max_mm: float = 0.3
    #: ... unless it lies on a fold's crease or a scanner's streak: a thin straight line
    #: (no wider than names_line_width_mm) along the page's sides (within
    #: names_crease_tilt_deg) that runs on in line with itself this far (mm) past the name's
    #: place both ways, with ink this much darker than the paper (a share of the mark's own
    #: level: a crease shows fainter in parts) along at least names_crease_share of that
    #: paper off the print — on a black-and-white scan such a crease runs into the printed
    #: strokes it crosses and is cut by them into pieces beside them. Ink within
    #: names_crease_band_mm of it is the paper's. (A voter's line over a name stops within a
    #: few millimetres of it, as the look for names struck through takes it.)
    names_crease_past_mm: float = 10.0
    names_crease_tilt_deg: float = 4.0
    names_crease_darkness: float = 0.5
    names_crease_share: float = 0.6
    names_crease_band_mm: float = 0.4
    #: Ink within this of a box (mm) is the box's mark, the box reader's to read.
    beside_box_mm: float = 0.5
    #: ... and so is ink within this (mm) of such a mark (a broad stroke's broken end).
    beside_join_mm: float = 0.4
    #: In the ring round a box, a piece this many times longer than wide is a stroke (a slip
    #: of the pen beside the box): the box reader's, no mark beside it.
    beside_stroke_ratio: float = 3.0
    #: ... and so is a piece there shorter than this (mm): a stroke's stub, not a ○.
    beside_ring_piece_mm: float = 2.5
    #: A small ○ drawn beside a box against a printed rule loses its side along the rule
    #: when the rule is taken out (`elsewhere._rings_of_their_own`): it is looked for again
    #: with the rule's ink, a hole then counting as a ○'s only where at most this share of
    #: its rim lies on a rule (a ○ larger than its box, running across a rule, closes a
    #: segment against it — its chord all rule — which is the box reader's).
    beside_ring_rule_share: float = 0.3
    #: A name struck through (划掉, `elsewhere.struck_names`): ink as dark as this share of
    #: the solid print, one piece running from one printed character into the next — at
    #: least this share of an em on both sides of where they meet (no printed stroke crosses
    #: there) — is a pen line through the name: to a person. Looked at within this (mm) above
    #: and below the name's em box (clear of the rules round it).
    strike_darkness_share: float = 0.5
    strike_reach_em: float = 0.4
    strike_pad_mm: float = 0.8
    #: ... unless it runs on straight this far (mm) past both ends of the name: a fold's
    #: crease, a scanner's streak, a printed rule (a voter's line stops within a few
    #: millimetres of the name — up to eight or ten, out of its cell, as voters draw them).
    strike_past_mm: float = 15.0
    #: ... and only along a straight line at least this long (em) crossing there, ink along
    #: this share of it: two printed characters whose strokes touch where the print runs
    #: thick join at a corner (0.81 on a thickened black-and-white scan; a pen line ≥ 0.97).
    strike_line_em: float = 1.2
    strike_line_cover: float = 0.92
    #: Column style: a ○ drawn between boxes, on a rule between two columns or two rows and
    #: touching no box (`elsewhere.rings_between_boxes`). The boxes' columns are looked at at
    #: ``between_px_per_mm``, reaching ``between_reach_mm`` past the cells (a ○ on the
    #: table's rules round them); ink within ``between_box_clear_mm`` of a box is the box
    #: reader's (a ○ larger than its box); straight ink along the page's axes at least
    #: ``between_line_mm`` long is print (the rules, the boxes' sides) and taken away; what
    #: is left within ``between_join_mm`` is one mark (a ○ cut in two by the rule it was drawn
    #: on). A mark is such a ○ when its ink lies on a circle (radius between
    #: ``between_radius_mm``, the spread of its distances from the centre at most
    #: ``between_max_spread`` of it), round an empty middle, all round (``between_min_cover``
    #: of its directions — the rule's own pixels on the circle count: the ○ runs under it
    #: where it crosses —, and ``between_min_own_cover`` of them by its ink alone), holding
    #: ``between_min_mm2`` of ink: a slip of the pen is straight, a ✓ open, a blot solid, a
    #: fold's shadow between the rules a wedge.
    between_px_per_mm: float = 6.0
    between_reach_mm: float = 2.8
    between_box_clear_mm: float = 0.6
    between_line_mm: float = 8.0
    between_join_mm: float = 0.5
    between_radius_mm: tuple[float, float] = (0.9, 3.4)
    between_max_spread: float = 0.22
    between_min_cover: float = 0.8
    between_min_own_cover: float = 0.6
    between_min_mm2: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return dict(self._as_json)

    def digest(self) -> str:
        """12 hex digits identifying these settings (stored with every reading)."""
        return self._digest

    # Both are asked for every page: made once per configuration.
    @functools.cached_property
    def _as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @functools.cached_property
    def _digest(self) -> str:
        body = json.dumps(self._as_json, sort_keys=True).encode("utf-8")
        return hashlib.sha256(body).hexdigest()[:12]


DEFAULT_CONFIG = RecognitionConfig()
