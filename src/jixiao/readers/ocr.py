"""Scanned pages (扫描件 OCR): a page image → text lines and table grids, each with a confidence.

The engine is RapidOCR on ONNX Runtime (``rapidocr-onnxruntime``): its detection and
recognition models ship inside the wheel and run on the CPU, so nothing is fetched. Around it:

1. **clean** — the red of a stamp (印章) and the paper tint are turned white, and specks
   smaller than a full stop are removed;
2. **straighten** — the tilt of the sheet is found from the horizontal projection (the angle at
   which text rows and ruling lines are sharpest) and turned back;
3. **rulings** — horizontal and vertical strokes longer than a few characters are the table's
   ruling lines: they give the rows and columns, and a missing border between two grid cells
   means the cells are merged, so the text goes to the first of them, as in the other readers;
   the strokes are erased before the text is read;
4. **read** — the engine reads the page once; each text box goes to the cell holding its
   centre, or else to a line of running text. A cell keeps the lowest score of its boxes.

Coordinates are turned into points (1/72 in) so scanned and text pages lay out alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import ReadError
from .layout import Grid, Line, join_lines

DPI = 200            # pages of a PDF are rasterised at this resolution
_MARK_SCORE = 0.8    # a lone mark read below this is left blank: a wrong “—” or “/” is worse than none
_MARK_FIGURE_SCORE = 0.45   # a lone digit is kept from here, with its score: JX010 shows it to the reviewer
_MARK_INK = 12       # pixels in one stroke for a blank-looking cell to be read (a lone “1” at 8 pt: ~30)
_STRAY = re.compile(r"^[.·'`‘’,，:：]+(?=\D)|(?<=\D)[·'`‘’]+$|(?<=[\u4e00-\u9fff])[.·]+$")
_NUMBERISH = re.compile(r"^[\s.:：·,，。'‘’]*([-+]?[\d,，.:：']*\d%?)[\s.:：·,，。'‘’°\-_~]*$")
_DIGIT_LIKE = str.maketrans("OoQDIil|", "00001111")


@lru_cache(maxsize=1)
def engine():
    """The OCR engine, loaded once per process; a clear message when it is not installed."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise ReadError("JX002", "读取扫描件需要 OCR 组件，请安装：pip install 'jixiao[ocr]'"
                        "（rapidocr-onnxruntime）", "reading scans needs the OCR extra: "
                        "pip install 'jixiao[ocr]' (rapidocr-onnxruntime)") from None
    return RapidOCR()


def clean(rgb):
    """Grey page without stamp red, light watermark grey, or specks (numpy RGB → uint8 grey)."""
    import cv2
    import numpy as np
    r, g, b = (rgb[:, :, i].astype(np.int16) for i in range(3))
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    grey[(r - g > 60) & (r - b > 60)] = 255          # red ink of a stamp
    grey[grey > 200] = 255                            # paper tint
    dark = (grey < 128).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    specks = np.where(stats[:, cv2.CC_STAT_AREA] <= 4)[0]
    specks = specks[specks > 0]
    if len(specks):
        grey[np.isin(labels, specks)] = 255
    return grey


def tilt(grey) -> float:
    """The sheet's tilt in degrees: where the rows' ink profile is sharpest (±3°)."""
    import cv2
    import numpy as np
    if min(grey.shape[:2]) < 64:
        return 0.0   # a thumbnail: nothing to straighten
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = (small < 160).astype(np.float32)
    h, w = ink.shape

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        return float(np.var(turned.sum(axis=1)))

    best = max((a / 10 for a in range(-30, 31, 2)), key=sharpness)
    return max((best + a / 100 for a in range(-10, 11, 2)), key=sharpness)


def straighten(grey, angle: float):
    import cv2
    if abs(angle) < 0.05:
        return grey
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def _positions(profile, least: int) -> list[int]:
    """Centres of the runs of ``profile`` ≥ ``least``: where the ruling lines lie."""
    out, run = [], []
    for i, v in enumerate(profile):
        if v >= least:
            run.append(i)
        elif run:
            out.append(sum(run) // len(run))
            run = []
    if run:
        out.append(sum(run) // len(run))
    merged: list[int] = []
    for p in out:   # a thick or doubled line is one line
        if merged and p - merged[-1] <= 6:
            merged[-1] = (merged[-1] + p) // 2
        else:
            merged.append(p)
    return merged


class _Ruled:
    """One ruled table on the page: its line positions and which borders are drawn."""

    def __init__(self, hmask, vmask, box: tuple[int, int, int, int]) -> None:
        x, y, w, h = box
        self.box = box
        self.hm = hmask[y:y + h + 1, x:x + w + 1]
        self.vm = vmask[y:y + h + 1, x:x + w + 1]
        self.ys = [y + p for p in _positions(self.hm.sum(axis=1) // 255, min(w // 8, 60))]
        self.xs = [x + p for p in _positions(self.vm.sum(axis=0) // 255, min(h // 8, 30))]

    def _drawn(self, mask, along: slice, at: int, horizontal: bool) -> bool:
        x, y = self.box[0], self.box[1]
        if horizontal:
            strip = mask[max(at - y - 3, 0):at - y + 4, along.start - x:along.stop - x]
        else:
            strip = mask[along.start - y:along.stop - y, max(at - x - 3, 0):at - x + 4]
        if strip.size == 0:
            return False
        covered = (strip.max(axis=0 if horizontal else 1) > 0).mean()
        return covered > 0.6

    def owner(self, r: int, c: int) -> tuple[int, int]:
        """The first grid cell of the merged cell that (r, c) belongs to."""
        while True:
            moved = False
            while c > 0 and not self._drawn(self.vm, slice(self.ys[r] + 4, self.ys[r + 1] - 3), self.xs[c], False):
                c, moved = c - 1, True
            while r > 0 and not self._drawn(self.hm, slice(self.xs[c] + 4, self.xs[c + 1] - 3), self.ys[r], True):
                r, moved = r - 1, True
            if not moved:
                return r, c

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        r = next((i for i in range(len(self.ys) - 1) if self.ys[i] <= y < self.ys[i + 1]), None)
        c = next((k for k in range(len(self.xs) - 1) if self.xs[k] <= x < self.xs[k + 1]), None)
        return None if r is None or c is None else self.owner(r, c)


def rulings(grey) -> tuple[list[_Ruled], object]:
    """The page's ruled tables, and the page with its ruling lines erased."""
    import cv2
    import numpy as np
    ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    h, w = ink.shape
    hmask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 40, 20), 1)))
    vmask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h // 60, 20))))
    frame = cv2.dilate(hmask | vmask, np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    tables = []
    for i in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[i][:4])
        if bw < w // 5 or bh < 20:
            continue
        t = _Ruled(hmask, vmask, (x, y, bw, bh))
        if len(t.ys) >= 2 and len(t.xs) >= 2:
            tables.append(t)
    erased = grey.copy()
    erased[cv2.dilate(hmask | vmask, np.ones((3, 3), np.uint8)) > 0] = 255
    return tables, erased


def tidy(text: str) -> str:
    """Scanner debris in a cell's text: “1180:00.” → “1180.00”, “'15” → “15”, “.绩效” → “绩效”,
    and letters the engine reads for digits inside a figure (“21Q1101” → “2101101”, “i5” → “15”)."""
    text = _STRAY.sub("", text)
    digits = len(re.findall(r"\d", text))
    if re.fullmatch(r"[\d.,:%'OoQDIil|\-]+", text) and (digits >= 2 or digits and not re.search("[QD]", text)):
        text = text.translate(_DIGIT_LIKE)
    m = _NUMBERISH.match(text)
    if not m or not re.search(r"\d", text):
        return text
    return re.sub(r"(?<=\d)[:：'](?=\d)", lambda c: "." if c.group(0) != "'" else "", m.group(1))


class _Box:
    def __init__(self, points, text: str, score: float) -> None:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        self.x0, self.x1, self.top, self.bottom = min(xs), max(xs), min(ys), max(ys)
        self.text, self.score = text.strip(), float(score)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


def _rows_of(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes grouped into printed lines (overlapping vertically), each sorted left to right."""
    rows: list[list[_Box]] = []
    for b in sorted(boxes, key=lambda b: b.centre[1]):
        row = rows[-1] if rows else None
        if row and b.centre[1] < max(x.bottom for x in row) - 0.3 * (b.bottom - b.top):
            row.append(b)
        else:
            rows.append([b])
    return [sorted(r, key=lambda b: b.x0) for r in rows]


def _joined(boxes: list[_Box]) -> str:
    text = ""
    for row in _rows_of(boxes):
        for b in row:
            text = join_lines(text, b.text) if text else b.text
    return text


def _read_small_marks(page, t: _Ruled, bag: dict) -> None:
    """Cells with a mark but no text box — a lone “1”, “—” or “/” that detection passes over.
    A cell's ink counts as a mark when one stroke holds a dozen pixels or more (a scanner's
    specks do not). A lone flat stroke is a dash, by its shape; the other marks are cut out
    tight and read by the recogniser, all in one batch (a whole cell's white misleads it). A
    lone digit is kept from a lower score than other marks, with that score, so that JX010
    puts it before the reviewer rather than the cell being silently blank."""
    import cv2
    import numpy as np
    found: list[tuple[tuple[int, int], tuple[int, int, int, int], object]] = []
    for r in range(len(t.ys) - 1):
        for c in range(len(t.xs) - 1):
            if (r, c) in bag or t.owner(r, c) != (r, c):
                continue
            x, y = t.xs[c] + 4, t.ys[r] + 4
            crop = page[y:t.ys[r + 1] - 3, x:t.xs[c + 1] - 3]
            ink = crop < 128
            if crop.size == 0 or ink.sum() < _MARK_INK:
                continue
            _, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype("uint8"), connectivity=8)
            strokes = [s for s in stats[1:] if s[cv2.CC_STAT_AREA] >= _MARK_INK]
            if not strokes:
                continue
            if len(strokes) == 1 and strokes[0][cv2.CC_STAT_WIDTH] >= 3 * strokes[0][cv2.CC_STAT_HEIGHT]:
                sx, sy, sw, sh = (int(v) for v in strokes[0][:4])
                bag[(r, c)] = [_Box([(x + sx, y + sy), (x + sx + sw, y + sy + sh)], "—", _MARK_SCORE)]
                continue
            kept = np.array([s[:4] for s in stats[1:] if s[cv2.CC_STAT_AREA] >= _MARK_INK // 2])   # not specks
            top, bottom = max(int(kept[:, 1].min()) - 6, 0), int((kept[:, 1] + kept[:, 3]).max()) + 6
            left, right = max(int(kept[:, 0].min()) - 6, 0), int((kept[:, 0] + kept[:, 2]).max()) + 6
            found.append(((r, c), (x + left, y + top, right - left, bottom - top), crop[top:bottom, left:right]))
    if not found:
        return
    results, _ = engine().text_rec([cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) for *_, crop in found])
    for ((r, c), (x, y, w, h), _), (text, score) in zip(found, results):
        least = _MARK_FIGURE_SCORE if str(text).strip().isdigit() else _MARK_SCORE
        if str(text).strip() and float(score) >= least:
            bag[(r, c)] = [_Box([(x, y), (x + w, y + h)], str(text), float(score))]


def read_page_image(rgb, page: int, scale: float) -> list[Line | Grid]:
    """One page image (numpy RGB at ``scale`` pixels per point) → its lines and tables."""
    import cv2
    grey = clean(rgb)
    grey = straighten(grey, tilt(grey))
    tables, erased = rulings(grey)
    result, _ = engine()(cv2.cvtColor(erased, cv2.COLOR_GRAY2BGR), use_cls=False)
    boxes = [_Box(p, t, s) for p, t, s in (result or []) if t.strip()]
    cells: list[dict[tuple[int, int], list[_Box]]] = [{} for _ in tables]
    free: list[_Box] = []
    for b in boxes:
        x, y = b.centre
        for t, bag in zip(tables, cells):
            tx, ty, tw, th = t.box
            if tx <= x <= tx + tw and ty <= y <= ty + th and (rc := t.cell_at(x, y)) is not None:
                bag.setdefault(rc, []).append(b)
                break
        else:
            free.append(b)
    items: list[Line | Grid] = []
    for t, bag in zip(tables, cells):
        nr, nc = len(t.ys) - 1, len(t.xs) - 1
        _read_small_marks(erased, t, bag)
        rows = [[tidy(_joined(bag[(r, c)])) if (r, c) in bag else "" for c in range(nc)] for r in range(nr)]
        conf = [[min(b.score for b in bag[(r, c)]) if (r, c) in bag else None for c in range(nc)] for r in range(nr)]
        items.append(Grid(rows, [x / scale for x in t.xs], t.ys[0] / scale, page, conf))
    for row in _rows_of(free):
        size = max(b.bottom - b.top for b in row)
        run: list[_Box] = []
        for b in row + [None]:
            if run and (b is None or b.x0 - run[-1].x1 > 3 * size):
                items.append(Line(_joined(run), run[0].x0 / scale, run[-1].x1 / scale,
                                  min(x.top for x in run) / scale, max(x.bottom for x in run) / scale,
                                  page, min(x.score for x in run)))
                run = []
            if b is not None:
                run.append(b)
    items.sort(key=lambda it: it.top)
    return items


def read_picture(picture, page: int, dpi: float | None = None) -> list[Line | Grid]:
    """A PIL image of one page (a scan, a photo of a page, a rasterised PDF page) → its items."""
    import numpy as np
    from PIL import ImageOps
    picture = ImageOps.exif_transpose(picture).convert("RGB")
    return read_page_image(np.asarray(picture), page, (dpi or DPI) / 72)
