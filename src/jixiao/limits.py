"""Limits (上限): every bound a reader or a batch keeps, named once.

A file from a reviewer's inbox may be damaged, enormous or built to harm. Each reader stops at
these bounds and says what it left out (JX013) or that the file was not read (JX001); a batch
gives each file a time and a memory budget, so one file never stalls or kills the others.
"""

from __future__ import annotations

MiB = 2**20

FILE_BYTES = 300 * MiB          # a file on disk larger than this is not read
MEMBER_BYTES = 200 * MiB        # bytes one archive member may unpack to
ARCHIVE_BYTES = 2048 * MiB      # bytes one archive may unpack to in all, nested archives included
RATIO = 200                     # unpacked ÷ packed above this, for members over 10 MB: a bomb
ARCHIVE_DEPTH = 3               # archives inside archives
ARCHIVE_MEMBERS = 20_000        # members of one archive
FOLDER_DEPTH = 64               # folders inside folders
BATCH_FILES = 200_000           # files one run takes

SPAN = 1_000                    # colspan / rowspan / gridSpan / a merged range, in cells each way
TABLE_ROWS = 50_000             # rows of one table (a sheet, an HTML or Word table)
TABLE_COLUMNS = 1_000           # columns of one table
DOCUMENT_CELLS = 2_000_000      # table cells of one document
NUMBER_DIGITS = 30              # digits of one figure (the national budget in 元 has 16): longer is not a figure
PARAGRAPH_CHARS = 200_000       # one paragraph read for the claims of its prose (a long report's is under 10,000)
NESTING = 200                   # tables or elements nested in one another
PAGES = 2_000                   # pages of one PDF read
PAGE_CONTENT_BYTES = 4 * MiB    # one PDF page's drawing instructions, unpacked (a dense real page: under 1 MB)
IMAGE_PIXELS = 50_000_000       # pixels of one image or one rendered page (A4 at 600 dpi is 35 million)
IMAGE_FRAMES = 100              # pages of one multi-page image (TIFF) read by OCR

FILE_SECONDS = 300              # a file's time in its worker before it is stopped (--timeout)
FILE_MEMORY = 1536 * MiB        # a worker's own resident memory (--memory): each worker stays under 2 GB
STREAM_BYTES = 256 * MiB        # one compressed stream of a PDF, unpacked


def clamp_span(text: str | None) -> int:
    """A span attribute as a usable count: ``"3"`` → 3; missing, ``"abc"``, ``"-5"``, ``"1e9"``
    → 1; ``"100000"`` → :data:`SPAN`."""
    try:
        n = int(str(text).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), SPAN)


def unpacks_too_large(size: int, packed: int, left: int = ARCHIVE_BYTES) -> bool:
    """Whether a packed member (``size`` bytes unpacked, ``packed`` in the file) is a bomb: over
    :data:`MEMBER_BYTES`, over what its archive may still unpack (``left``), or over 10 MB at a
    ratio above :data:`RATIO`."""
    return size > MEMBER_BYTES or size > left or (size > 10 * MiB and size > RATIO * max(packed, 1))
