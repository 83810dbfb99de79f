"""Page images (图片读取): PNG, JPEG, and TIFF scans or photos of pages, read by OCR.

A multi-page TIFF is read page by page; the EXIF orientation of a phone photo is honoured; the
resolution the file states (or 200 dpi) turns pixels into points for the layout.
"""

from __future__ import annotations

import io

from .. import limits
from ..blocks import Document
from ..errors import ReadError
from .layout import assemble


def read_image(data: bytes, path: str) -> Document:
    """Read an image file's bytes into a Document through OCR."""
    from PIL import Image, UnidentifiedImageError

    from .ocr import read_picture
    Image.MAX_IMAGE_PIXELS = limits.IMAGE_PIXELS // 2   # Pillow refuses at twice this
    left_out = []
    try:
        picture = Image.open(io.BytesIO(data))
        if picture.width * picture.height > limits.IMAGE_PIXELS:
            raise Image.DecompressionBombError(f"{picture.width}×{picture.height}")
        frames = getattr(picture, "n_frames", 1)
        if frames > limits.IMAGE_FRAMES:
            left_out.append(f"第{limits.IMAGE_FRAMES + 1}至{frames}页图片")
            frames = limits.IMAGE_FRAMES
        pages = []
        for i in range(frames):
            picture.seek(i)
            dpi = picture.info.get("dpi", (None,))[0]
            pages.append(read_picture(picture.copy(), i + 1, float(dpi) if dpi and dpi > 50 else None))
    except ReadError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, EOFError) as exc:
        raise ReadError("JX001", f"图片已损坏或无法打开（{type(exc).__name__}）",
                        f"the image is damaged or cannot be opened ({type(exc).__name__})", path) from None
    doc = Document(path=path, blocks=[], encoding=None, left_out=left_out)
    doc.notes.append(f"共{len(pages)}页图片，已经 OCR 识别 / {len(pages)} page image(s) read by OCR")
    assemble(doc, pages)
    if not doc.blocks:
        raise ReadError("JX001", "图片中没有识别出文字", "no text was found in the image", path)
    return doc
