#!/usr/bin/env python3
"""Large-table templates for the render benchmark (benches/large-table.sh).

usage: make_large_table.py OUT_DIR

Writes, with python-docx (installed with docxtpl):
  bao-cao-36-trang.docx  a long report: 68 paragraphs of text with tags
                         and a member table filled by a `{%tr for %}` row loop; with the
                         500 rows of bao-cao-36-trang.json the document has 36 pages.
  bang-5000.docx         a one-page template with the same table, and bang-5000.json
                         with 5 000 rows.
Both use only syntax docxtpl (Jinja2) and chibo (tera) share. All names are invented.
"""
import json
import os
import sys

from docx import Document
from docx.shared import Pt

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Đức", "Ngọc", "Quang"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hoa", "Khánh", "Lan", "Minh", "Nam", "Phúc", "Quỳnh", "Sơn"]
ROLES = ["Bí thư", "Phó Bí thư", "Chi ủy viên", "Đảng viên", "Đảng viên dự bị"]


def rows(n):
    out = []
    for i in range(n):
        out.append({
            "stt": i + 1,
            "ho_ten": f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 8]} {GIVEN[(i // 80) % 12]}",
            "ngay_sinh": f"{1 + i % 28:02}/{1 + i % 12:02}/{1950 + i % 50}",
            "chuc_vu": ROLES[i % 5],
            "diem": 70 + (i * 7) % 30,
        })
    return out


def table(doc):
    t = doc.add_table(rows=4, cols=5)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Điểm"]):
        cell.text = text
    t.rows[1].cells[0].text = "{%tr for r in dang_vien %}"
    for cell, text in zip(t.rows[2].cells, ["{{ r.stt }}", "{{ r.ho_ten }}", "{{ r.ngay_sinh }}",
                                             "{{ r.chuc_vu }}", "{{ r.diem }}"]):
        cell.text = text
    t.rows[3].cells[0].text = "{%tr endfor %}"


def base():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    doc.add_paragraph("ĐẢNG BỘ {{ dang_bo }}")
    doc.add_paragraph("CHI BỘ {{ chi_bo }}")
    doc.add_paragraph("BÁO CÁO tình hình đảng viên năm {{ nam }}")
    return doc


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    sentence = ("Chi bộ {{ chi_bo }} đã lãnh đạo thực hiện nghị quyết, tổ chức sinh hoạt định kỳ "
                "đúng quy định, nội dung thiết thực, phát huy tinh thần tự phê bình và phê bình; ")
    doc = base()
    for i in range(68):
        doc.add_paragraph(f"{i + 1}. " + sentence * 2 + "tỷ lệ dự họp {{ ty_le }}%.")
    table(doc)
    doc.add_paragraph("Nơi nhận: {{ noi_nhan }}")
    doc.save(os.path.join(out, "bao-cao-36-trang.docx"))
    context = {"dang_bo": "PHƯỜNG BÌNH MINH", "chi_bo": "Khu phố 3", "nam": 2025,
               "ty_le": "93,8", "noi_nhan": "Đảng ủy phường", "dang_vien": rows(500)}
    json.dump(context, open(os.path.join(out, "bao-cao-36-trang.json"), "w"), ensure_ascii=False)

    doc = base()
    table(doc)
    doc.save(os.path.join(out, "bang-5000.docx"))
    context = dict(context, dang_vien=rows(5000))
    json.dump(context, open(os.path.join(out, "bang-5000.json"), "w"), ensure_ascii=False)


if __name__ == "__main__":
    main()
