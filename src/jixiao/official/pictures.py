"""Pictures of the official tables (表样图): rendered files → PDF by LibreOffice → PNG.

``python -m jixiao.official.pictures OUTDIR FILE…`` renders each FILE's forms, one file per
layout kind (项目/部门整体自评表, 目标表, 基础数据表, 决算/预算公开表), converts them all in one
headless ``soffice`` call (its own profile directory, a timeout) and saves the first page of each
as a small PNG (≤ 200 KB) with a README listing them, so a person can see the layout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import JixiaoError
from ..forms.model import Form

MAX_BYTES = 200_000


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(files: list[Path], outdir: Path, timeout: float = 120) -> list[Path]:
    """Convert ``files`` to PDF in one headless LibreOffice call (its own profile directory)."""
    program = soffice()
    if program is None:
        raise JixiaoError("JX001", "未安装 LibreOffice（soffice）", "LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as profile:
        cmd = [program, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(outdir)] + [str(f) for f in files]
        try:
            subprocess.run(cmd, check=True, timeout=timeout, capture_output=True)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise JixiaoError("JX001", f"LibreOffice 转换失败：{exc}", f"LibreOffice conversion failed: {exc}") from None
    out = [outdir / (f.stem + ".pdf") for f in files]
    missing = [p.name for p in out if not p.exists()]
    if missing:
        raise JixiaoError("JX001", f"LibreOffice 未生成：{'、'.join(missing)}", f"LibreOffice made no {missing}")
    return out


def first_page_png(pdf: Path, png: Path, scale: float = 1.3) -> Path:
    """The first page of ``pdf`` as a palette PNG, shrunk until it is at most 200 KB."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[0].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()
    while True:
        image.quantize(colors=32).save(png, optimize=True)
        if png.stat().st_size <= MAX_BYTES or image.width < 400:
            return png
        image = image.resize((image.width * 4 // 5, image.height * 4 // 5))


def is_blank(png: Path) -> bool:
    """True when the picture holds no ink (every pixel near white)."""
    from PIL import Image
    with Image.open(png) as im:
        lo, _ = im.convert("L").getextrema()
    return lo > 200


def by_kind(forms: list[Form]) -> dict[str, Form]:
    """The first form of each layout kind."""
    out: dict[str, Form] = {}
    for f in forms:
        out.setdefault(f.kind, f)
    return out


def make(outdir: Path, files: list[Path], to: str = "xlsx") -> list[Path]:
    """One PNG per layout kind found in ``files``, and ``README.md`` listing them."""
    from .render import forms_of, render_forms
    outdir.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, tuple[Form, Path]] = {}
    for f in files:
        for kind, form in by_kind(forms_of(f)).items():
            kinds.setdefault(kind, (form, f))
    with tempfile.TemporaryDirectory(prefix="jixiao-pictures-") as tmp:
        rendered = []
        for kind, (form, _) in kinds.items():
            path = Path(tmp) / f"{kind}.{to}"
            path.write_bytes(render_forms([form], to))
            rendered.append(path)
        pngs = [first_page_png(pdf, outdir / f"{pdf.stem}.png") for pdf in to_pdf(rendered, Path(tmp))]
    lines = ["# 官方表样图 / Official table pictures", "",
             f"Made by `python -m jixiao.official.pictures {outdir} FILE…` ({to.upper()} → LibreOffice PDF → "
             "PNG, first page).", ""]
    lines += [f"- `{p.name}` — {k}: {kinds[k][0].title or ''} (from `{kinds[k][1].name}`)" for p, k in zip(pngs, kinds)]
    (outdir / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pngs


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("用法 / usage: python -m jixiao.official.pictures OUTDIR FILE…", file=sys.stderr)
        return 2
    try:
        pngs = make(Path(argv[0]), [Path(a) for a in argv[1:]])
    except JixiaoError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    print(f"已生成 {len(pngs)} 张图 / {len(pngs)} pictures: " + ", ".join(str(p) for p in pngs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
