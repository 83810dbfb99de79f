"""Every part of a DOCX that Word shows, read in order: content controls (block, inline, in a
cell), text boxes (once, though Word keeps each twice), field results, tracked changes,
headers and footers, footnotes, custom XML and nested tables (青禾县 is invented)."""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document as new_docx

from jixiao.blocks import Paragraph, Table
from jixiao.readers import read_bytes

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NS = (f'{W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def run(text: str) -> str:
    return f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def box(text: str) -> str:
    content = f"<w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent>"
    return ("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
            f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
            f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>")


BODY = [
    f"<w:sdt><w:sdtPr/><w:sdtContent><w:p>{run('单位名称：青禾县医疗保障局')}</w:p></w:sdtContent></w:sdt>",
    f"<w:p>{run('项目名称：')}<w:sdt><w:sdtPr/><w:sdtContent>{run('医保信息化运维')}</w:sdtContent></w:sdt></w:p>",
    f"<w:p>{run('见右侧说明')}{box('文本框：资金来源为县级财政')}</w:p>",
    f"<w:p>{run('第')}<w:fldSimple w:instr=\" PAGE \">{run('3')}</w:fldSimple>{run('页，合计')}"
    f"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r>"
    f"<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{run('1180.00')}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    f"{run('万元')}</w:p>",
    f"<w:p>{run('全年执行数')}<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>1100.00</w:delText></w:r></w:del>"
    f"<w:ins w:id=\"2\" w:author=\"x\">{run('1121.00')}</w:ins>{run('万元')}"
    f"<w:moveFrom w:id=\"3\" w:author=\"x\">{run('（旧位置）')}</w:moveFrom></w:p>",
    f"<w:customXml w:element=\"x\"><w:p>{run('自定义标记中的段落')}</w:p></w:customXml>",
    "<w:tbl><w:tr><w:tc><w:p>" + run("资金来源") + "</w:p></w:tc><w:sdt><w:sdtContent><w:tc><w:p>"
    + run("年初预算数") + "</w:p></w:tc></w:sdtContent></w:sdt></w:tr><w:tr><w:tc><w:p>" + run("年度资金总额")
    + "</w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p>" + run("1180.00") + "</w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>",
    f"<w:p>{run('报告正文')}<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
]
FOOTNOTES = (f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p>{run("———")}</w:p></w:footnote>'
             f'<w:footnote w:id="1"><w:p>{run("脚注：数据来源于决算报表")}</w:p></w:footnote></w:footnotes>')


def constructs() -> bytes:
    d = new_docx()
    d.sections[0].header.paragraphs[0].text = "青禾县医疗保障局 2024年度部门整体支出绩效自评报告"
    d.sections[0].footer.paragraphs[0].text = "青禾县财政局监制"
    out = io.BytesIO()
    d.save(out)
    src = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    dest = io.BytesIO()
    with zipfile.ZipFile(dest, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                root = re.search(r"<w:document [^>]*>", xml).group(0)
                extra = " ".join(d for d in NS.split(" ") if d.split("=")[0] not in root)
                xml = xml.replace(root, root[:-1] + " " + extra + ">", 1)
                xml = re.sub(r"<w:body>.*?(<w:sectPr)", lambda m: "<w:body>" + "".join(BODY) + m.group(1), xml,
                             count=1, flags=re.S)
                data = xml.encode("utf-8")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            z.writestr(item, data)
        z.writestr("word/footnotes.xml", FOOTNOTES)
    return dest.getvalue()


def rendition(data: bytes) -> list[str]:
    doc = read_bytes(data, "constructs.docx")
    out = []
    for b in doc.blocks:
        out += [b.text] if isinstance(b, Paragraph) else ["|".join(c.text for c in row) for row in b.rows]
    return out


def test_every_construct_is_read_in_order():
    assert rendition(constructs()) == [
        "青禾县医疗保障局 2024年度部门整体支出绩效自评报告",
        "单位名称：青禾县医疗保障局",
        "项目名称：医保信息化运维",
        "见右侧说明",
        "文本框：资金来源为县级财政",
        "第3页，合计1180.00万元",
        "全年执行数1121.00万元",
        "自定义标记中的段落",
        "资金来源|年初预算数",
        "年度资金总额|1180.00",
        "报告正文",
        "青禾县财政局监制",
        "脚注：数据来源于决算报表",
    ]


def test_tracked_deletions_are_noted():
    doc = read_bytes(constructs(), "constructs.docx")
    assert any("修订" in n for n in doc.notes)
    assert not any(isinstance(b, Table) for b in doc.blocks[:1])
