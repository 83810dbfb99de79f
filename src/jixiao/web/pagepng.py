"""One PDF page as a PNG (页面图像), drawn by pypdfium2 — run as its own process by the document
page (``python -m jixiao.web.pagepng PDF PAGE OUT``) so that a hostile PDF costs a timeout, never
the server."""

from __future__ import annotations

import sys

DPI = 110


def render(pdf: str, page: int, out: str) -> int:
    """Write page ``page`` (1-based) of ``pdf`` to ``out``; 0, or 1 when there is no such page."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        if not 1 <= page <= len(document):
            return 1
        document[page - 1].render(scale=DPI / 72).to_pil().save(out, format="PNG")
        return 0
    finally:
        document.close()


if __name__ == "__main__":   # pragma: no cover - run by the web route in a subprocess
    sys.exit(render(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
