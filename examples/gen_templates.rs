//! Writes the default Word template of every document kind into `templates/` (or the folder given as the first
//! argument): `cargo run --example gen_templates`.
//!
//! The templates are built with docx-rs (generating only; it is never used to read a file) in
//! the Party document format of Hướng dẫn 36-HD/VPTW (see `docs/default-documents.md`): A4,
//! Times New Roman in every font slot, the sizes and margins of `chibo::config::DocFormat`'s
//! defaults, the borderless two-column header block, the type name and summary line with a
//! short rule under it, a justified body, the `Nơi nhận` and signature blocks side by side, and
//! page numbers at the top from page 2. The package is zipped here rather than by docx-rs so
//! that every entry has a fixed time and the bytes are reproducible.
//!
//! The tags inside follow `docs/templates.md`: tera expressions, and `{%p … %}` / `{%tr … %}`
//! alone in their own paragraph or table row.

use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};

use chibo::config::DocFormat;
use chibo::docx::format;
use docx_rs::{
    AlignmentType, BorderType, Docx, FieldCharType, Header, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SpecialIndentType, Style, StyleType, Tab, TabLeaderType,
    TabValueType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableLayoutType, TableRow, VAlignType, WidthType, XMLDocx,
};

/// A4 in twips.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// The fixed creation and modification time written into `docProps/core.xml`.
const FIXED_TIME: &str = "2026-01-01T00:00:00Z";
/// First-line indent of body paragraphs: 1.27 cm.
const INDENT: i32 = 720;

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("templates"), PathBuf::from);
    match generate(&dir) {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
        }
        Err(e) => {
            eprintln!("gen_templates: {e}");
            std::process::exit(2);
        }
    }
}

/// Builds one document from the format.
type Build = fn(&Fmt) -> Docx;

/// The function that builds the template `file`, one per template of
/// `chibo::view::registry::KINDS`.
fn builder_of(file: &str) -> Option<Build> {
    Some(match file {
        "ke-hoach-chuyen-de.docx" => ke_hoach,
        "bien-ban-thuong-ky.docx" => bien_ban_thuong_ky,
        "bien-ban-chuyen-de.docx" => bien_ban_chuyen_de,
        "nghi-quyet-thang.docx" => nghi_quyet,
        "bao-cao-quy.docx" => bao_cao_quy,
        "bao-cao-nam.docx" => bao_cao_nam,
        "bao-cao-tong-hop.docx" => bao_cao_tong_hop,
        _ => return None,
    })
}

/// Writes the template of every kind of the registry into `dir`; returns the paths written.
pub(crate) fn generate(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let f = Fmt::new(&DocFormat::default());
    let builders = chibo::view::registry::template_files()
        .map(|t| {
            builder_of(t.file)
                .map(|b| (t.file, b))
                .ok_or_else(|| std::io::Error::other(format!("{}: no builder", t.file)))
        })
        .collect::<std::io::Result<Vec<(&str, Build)>>>()?;
    let mut written = Vec::new();
    for (name, build) in builders {
        // docx-rs numbers paragraphs (`w14:paraId`) with a thread-local counter: building each
        // document on a fresh thread makes the ids, hence the bytes, independent of whatever
        // ran on this thread before.
        let xml = std::thread::scope(|s| s.spawn(|| build(&f).build()).join())
            .map_err(|_| std::io::Error::other(format!("{name}: docx-rs panicked")))?;
        let path = dir.join(name);
        std::fs::write(&path, pack(xml)?)?;
        written.push(path);
    }
    Ok(written)
}

/// Zips the parts docx-rs rendered, in its order, with a fixed entry time (docx-rs's own
/// `pack` leaves the entry time to the zip crate's defaults).
fn pack(xml: XMLDocx) -> std::io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    // docx-rs renders one more (empty) header relationship part than there are headers.
    let headers = xml.headers.len();
    for (i, h) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
    }
    for (i, r) in xml.header_rels.into_iter().take(headers).enumerate() {
        parts.push((format!("word/_rels/header{}.xml.rels", i + 1), r));
    }
    for (name, mut bytes) in parts {
        if name == "word/document.xml" {
            bytes = repeat_header_rows(&String::from_utf8_lossy(&bytes)).into_bytes();
        }
        zip.start_file(name, opts)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Marks the first row of every bordered table as a header row repeated on each page
/// (`<w:tblHeader/>`). docx-rs 0.4 has no setter for it, so it is added to the rendered XML
/// here; the borderless layout tables (header block, signatures) are left alone.
fn repeat_header_rows(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest = xml;
    while let Some(start) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(start);
        out.push_str(before);
        let end = table.find("</w:tblPr>").unwrap_or(0);
        let bordered = !table[..end].contains(r#"w:val="nil""#);
        let row = "<w:trPr><w:cantSplit /></w:trPr>";
        match table.find(row) {
            Some(at) if bordered => {
                out.push_str(&table[..at]);
                out.push_str("<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>");
                rest = &table[at + row.len()..];
            }
            _ => {
                out.push_str("<w:tbl>");
                rest = &table["<w:tbl>".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character styles the runs carry (`chibo::docx::format::CHAR_STYLES`); body text has
/// none and takes the document default. `[the_thuc]` rewrites the styles' sizes at run time.
mod st {
    pub(crate) const TIEU_DE: &str = "TieuDe";
    pub(crate) const CO_QUAN: &str = "CoQuan";
    pub(crate) const SO_KY_HIEU: &str = "SoKyHieu";
    pub(crate) const DIA_DANH: &str = "DiaDanh";
    pub(crate) const TEN_LOAI: &str = "TenLoai";
    pub(crate) const TRICH_YEU: &str = "TrichYeu";
    pub(crate) const NOI_DUNG: &str = "";
    pub(crate) const CHU_KY: &str = "ChuKy";
    pub(crate) const NOI_NHAN: &str = "NoiNhan";
    pub(crate) const NOI_NHAN_DONG: &str = "NoiNhanDong";
    pub(crate) const SO_TRANG: &str = "SoTrang";
    pub(crate) const BANG: &str = "Bang";
}

/// The format the templates are generated with (the config defaults) and the layout numbers
/// derived from it (shared with `chibo::docx::format`, which re-applies them at run time).
struct Fmt {
    d: DocFormat,
    font: String,
    /// Body size, half-points.
    noi_dung: usize,
    margin: [i32; 4],
}

impl Fmt {
    fn new(d: &DocFormat) -> Self {
        Self {
            d: d.clone(),
            font: d.phong_chu.clone(),
            noi_dung: format::half_points(d.co_chu.noi_dung),
            margin: format::margins(d),
        }
    }

    /// Width of the text area, twips.
    fn text_width(&self) -> usize {
        usize::try_from(format::text_width(&self.d)).unwrap_or(9355)
    }

    fn fonts(&self) -> RunFonts {
        RunFonts::new()
            .ascii(&self.font)
            .hi_ansi(&self.font)
            .east_asia(&self.font)
            .cs(&self.font)
    }

    /// A run of `text` in the character style `style` (`""`: body text).
    fn run(&self, text: &str, style: &str) -> Run {
        let r = Run::new().add_text(text);
        if style.is_empty() { r } else { r.style(style) }
    }

    /// The styles: one character style per sized element, the title's paragraph style (its
    /// indents make the rule as long as the title) and the summary's short rule.
    fn styles(&self, mut docx: Docx) -> Docx {
        for (id, name, size) in format::CHAR_STYLES {
            docx = docx.add_style(
                Style::new(id, StyleType::Character)
                    .name(name)
                    .size(format::half_points(size(&self.d.co_chu))),
            );
        }
        let (_, right) = format::header_columns(&self.d);
        let side = format::title_rule_indent(right, &self.d);
        let summary = format::summary_rule_indent(&self.d);
        docx.add_style(
            Style::new("TieuDeDang", StyleType::Paragraph)
                .name("Tiêu đề Đảng")
                .based_on("Normal")
                .align(AlignmentType::Center)
                .line_spacing(tight())
                .indent(Some(side), None, Some(side), None),
        )
        .add_style(
            Style::new("GachChan", StyleType::Paragraph)
                .name("Gạch dưới trích yếu")
                .based_on("Normal")
                .align(AlignmentType::Center)
                .line_spacing(
                    LineSpacing::new()
                        .before(0)
                        .after(240)
                        .line(120)
                        .line_rule(LineSpacingType::Exact),
                )
                .indent(Some(summary), None, Some(summary), None),
        )
    }

    /// The document's skeleton: page, margins, fonts, styles, page numbers from page 2.
    fn docx(&self, title: &str) -> Docx {
        let [top, bottom, left, right] = self.margin;
        // The PAGE field, built by hand so that its run carries the page number's style.
        let page_no = Header::new().add_paragraph(
            Paragraph::new().align(AlignmentType::Center).add_run(
                Run::new()
                    .style(st::SO_TRANG)
                    .add_field_char(FieldCharType::Begin, false)
                    .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                    .add_field_char(FieldCharType::Separate, false)
                    .add_text("2")
                    .add_field_char(FieldCharType::End, false),
            ),
        );
        let body = Style::new("NoiDung", StyleType::Paragraph)
            .name("Nội dung")
            .based_on("Normal")
            .next("NoiDung")
            .align(AlignmentType::Both)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(INDENT)),
                None,
                None,
            )
            .line_spacing(body_spacing());
        // Structural tags stand alone in grey paragraphs that rendering removes.
        let tag = Style::new("The", StyleType::Paragraph)
            .name("Thẻ điều khiển")
            .based_on("Normal")
            .line_spacing(tight());
        let docx = Docx::new()
            .page_size(PAGE_W, PAGE_H)
            .page_margin(
                PageMargin::new()
                    .top(top)
                    .bottom(bottom)
                    .left(left)
                    .right(right)
                    .header(format::twips(10.0))
                    .footer(format::twips(10.0)),
            )
            .default_fonts(self.fonts())
            .default_size(self.noi_dung)
            .add_style(body)
            .add_style(tag)
            .header(page_no)
            .first_header(Header::new())
            .title_pg()
            .created_at(FIXED_TIME)
            .updated_at(FIXED_TIME)
            .custom_property("chibo_mau", title);
        self.styles(docx)
    }

    // ----- paragraphs -------------------------------------------------------------------

    /// A justified body paragraph with a first-line indent; `**…**` marks bold spans.
    fn p(&self, text: &str) -> Paragraph {
        let mut p = Paragraph::new().style("NoiDung");
        for (i, piece) in text.split("**").enumerate() {
            if piece.is_empty() {
                continue;
            }
            let r = self.run(piece, st::NOI_DUNG);
            p = p.add_run(if i % 2 == 1 { r.bold() } else { r });
        }
        p
    }

    /// A bold heading inside the body (`I- MỤC ĐÍCH, YÊU CẦU`, `1. Mục đích`).
    fn muc(&self, text: &str) -> Paragraph {
        Paragraph::new()
            .style("NoiDung")
            .keep_next(true)
            .line_spacing(body_spacing().before(120))
            .add_run(self.run(text, st::NOI_DUNG).bold())
    }

    /// A structural tag alone in its paragraph (`{%p for x in xs %}`); the engine removes the
    /// paragraph, so its formatting does not matter.
    fn tag(&self, tag: &str) -> Paragraph {
        Paragraph::new()
            .style("The")
            .add_run(self.run(tag, st::NOI_NHAN_DONG).color("808080"))
    }

    /// A line of dots for the office to write in by hand (a right tab with a dot leader).
    fn cham(&self) -> Paragraph {
        self.p_cham("")
    }

    /// A body paragraph whose text is followed by dots to the end of the line.
    fn p_cham(&self, text: &str) -> Paragraph {
        let mut p = self.p(text).add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .leader(TabLeaderType::Dot)
                .pos(self.text_width()),
        );
        p = p.add_run(Run::new().add_tab());
        p
    }

    /// A small empty paragraph: room after a table or before the signatures.
    fn gap(&self) -> Paragraph {
        Paragraph::new()
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(160)
                    .line_rule(LineSpacingType::Exact),
            )
            .add_run(Run::new().size(8))
    }

    fn centred(&self, text: &str, size: &str) -> Paragraph {
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(tight())
            .add_run(self.run(text, size))
    }

    fn centred_bold(&self, text: &str, size: &str) -> Paragraph {
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(tight())
            .add_run(self.run(text, size).bold())
    }

    // ----- blocks -----------------------------------------------------------------------

    /// The two-column header block of a cell's document (see [`Fmt::header_block_of`]).
    fn header_block(&self, number: bool, date: bool) -> Table {
        self.header_block_of("chi_bo", number, date)
    }

    /// The two-column header block (a borderless table): superior, issuer (the variables
    /// `<org>.cap_tren_hoa` and `<org>.ten_hoa`), `*` and the number on the left;
    /// `ĐẢNG CỘNG SẢN VIỆT NAM` with its rule and (unless `date` is false) the italic place and
    /// date line on the right.
    fn header_block_of(&self, org: &str, number: bool, date: bool) -> Table {
        // The title side is the wider one, and the table reaches a little into the left
        // margin (`format::header_columns`).
        let (left_w, right_w) = format::header_columns(&self.d);
        let (left_w, right_w) = (
            usize::try_from(left_w).unwrap_or(3000),
            usize::try_from(right_w).unwrap_or(6000),
        );
        let mut left = TableCell::new()
            .width(left_w, WidthType::Dxa)
            .add_paragraph(self.centred(&format!("{{{{ {org}.cap_tren_hoa }}}}"), st::CO_QUAN))
            .add_paragraph(self.centred_bold(&format!("{{{{ {org}.ten_hoa }}}}"), st::CO_QUAN))
            .add_paragraph(self.centred("*", st::CO_QUAN));
        if number {
            left = left
                .add_paragraph(self.tag("{%p if van_ban.so_ky_hieu %}"))
                .add_paragraph(self.centred("{{ van_ban.so_ky_hieu }}", st::SO_KY_HIEU))
                .add_paragraph(self.tag("{%p endif %}"));
        }
        // The rule under the title is the paragraph's bottom border; the indents of the
        // `TieuDeDang` style make it as long as the title.
        let mut title = Paragraph::new()
            .style("TieuDeDang")
            .add_run(self.run("ĐẢNG CỘNG SẢN VIỆT NAM", st::TIEU_DE).bold());
        title.property = title.property.set_borders(bottom_rule());
        let mut right = TableCell::new()
            .width(right_w, WidthType::Dxa)
            .add_paragraph(title);
        if date {
            right = right.add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .line_spacing(LineSpacing::new().before(240).after(0))
                    .add_run(
                        self.run("{{ van_ban.dia_danh_ngay }}", st::DIA_DANH)
                            .italic(),
                    ),
            );
        }
        borderless(vec![TableRow::new(vec![left, right])], &[left_w, right_w])
            .indent(-format::header_overhang(&self.d))
    }

    /// The type name, the summary line and the short rule under it (the `GachChan` style).
    fn title(&self, ten_loai: &str) -> Vec<Paragraph> {
        let mut rule = Paragraph::new()
            .style("GachChan")
            .add_run(Run::new().size(4));
        rule.property = rule.property.set_borders(bottom_rule());
        vec![
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(360).after(0))
                .keep_next(true)
                .add_run(self.run(ten_loai, st::TEN_LOAI).bold()),
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(tight())
                .keep_next(true)
                .add_run(self.run("{{ van_ban.trich_yeu }}", st::TRICH_YEU).bold()),
            rule,
        ]
    }

    /// `Nơi nhận:` and its lines at the bottom left; `T/M CHI BỘ` / `BÍ THƯ` / name at the
    /// bottom right (a borderless table).
    fn signature(&self) -> Table {
        let w = self.text_width();
        let lw = w * 9 / 20;
        let rw = w - lw;
        let left = TableCell::new()
            .width(lw, WidthType::Dxa)
            .add_paragraph(
                Paragraph::new()
                    .line_spacing(tight())
                    .add_run(self.run("Nơi nhận:", st::NOI_NHAN).underline("single")),
            )
            .add_paragraph(self.tag("{%p for dong in noi_nhan %}"))
            .add_paragraph(
                Paragraph::new()
                    .line_spacing(tight())
                    .add_run(self.run("- {{ dong }}", st::NOI_NHAN_DONG)),
            )
            .add_paragraph(self.tag("{%p endfor %}"));
        let right = self.signer(
            rw,
            "{{ nguoi_ky.quyen_han }}",
            "{{ nguoi_ky.chuc_vu }}",
            "{{ nguoi_ky.ho_ten }}",
        );
        borderless(
            vec![TableRow::new(vec![left, right]).cant_split()],
            &[lw, rw],
        )
    }

    /// The minutes' signatures: the secretary on the left, the chair on the right.
    fn signature_minutes(&self) -> Table {
        let w = self.text_width();
        let half = w / 2;
        let left = self.signer(half, "", "THƯ KÝ", "{{ buoi.thu_ky }}");
        let right = self.signer(w - half, "", "CHỦ TRÌ", "{{ buoi.chu_tri }}");
        borderless(
            vec![TableRow::new(vec![left, right]).cant_split()],
            &[half, w - half],
        )
    }

    /// One signature block: authority (when given), position, room to sign, name.
    fn signer(&self, width: usize, authority: &str, position: &str, name: &str) -> TableCell {
        let mut cell = TableCell::new().width(width, WidthType::Dxa);
        if !authority.is_empty() {
            cell = cell.add_paragraph(self.centred_bold(authority, st::CHU_KY));
        }
        cell = cell.add_paragraph(self.centred_bold(position, st::CHU_KY));
        for _ in 0..4 {
            cell = cell.add_paragraph(self.centred("", st::CHU_KY));
        }
        cell.add_paragraph(self.centred_bold(name, st::CHU_KY))
    }

    /// A bordered table: a bold header row (repeated on each page), then the rows given, each
    /// a list of cell texts. A row of one text is a structural row (`{%tr for … %}`): the tag
    /// sits in the first cell, in grey, and the engine removes the whole row.
    /// `cols` are (width, heading, centred) per column.
    fn grid(&self, cols: &[(usize, &str, bool)], rows: &[Vec<&str>]) -> Table {
        let cell = |w: usize, run: Run, align: AlignmentType| {
            TableCell::new()
                .width(w, WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .add_paragraph(
                    Paragraph::new()
                        .align(align)
                        .line_spacing(LineSpacing::new().before(40).after(40))
                        .add_run(run),
                )
        };
        let mut out = vec![
            TableRow::new(
                cols.iter()
                    .map(|(w, h, _)| cell(*w, self.run(h, st::BANG).bold(), AlignmentType::Center))
                    .collect(),
            )
            .cant_split(),
        ];
        for row in rows {
            let cells = cols
                .iter()
                .enumerate()
                .map(|(i, (w, _, centred))| {
                    let text = row.get(i).copied().unwrap_or("");
                    if row.len() == 1 {
                        let tag = self.run(text, st::NOI_NHAN_DONG).color("808080");
                        cell(*w, tag, AlignmentType::Left)
                    } else {
                        let align = if *centred {
                            AlignmentType::Center
                        } else {
                            AlignmentType::Left
                        };
                        // `**…**`: a bold cell (the totals row).
                        match text.strip_prefix("**").and_then(|t| t.strip_suffix("**")) {
                            Some(t) => cell(*w, self.run(t, st::BANG).bold(), align),
                            None => cell(*w, self.run(text, st::BANG), align),
                        }
                    }
                })
                .collect();
            out.push(TableRow::new(cells).cant_split());
        }
        let widths: Vec<usize> = cols.iter().map(|c| c.0).collect();
        let total: usize = widths.iter().sum();
        Table::new(out)
            .set_grid(widths)
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
    }
}

/// A single 0.75 pt line under a paragraph, and no other border.
fn bottom_rule() -> ParagraphBorders {
    ParagraphBorders::with_empty().set(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(6)
            .space(1),
    )
}

fn tight() -> LineSpacing {
    LineSpacing::new().before(0).after(0)
}

fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .before(0)
        .after(120)
        .line(276)
        .line_rule(LineSpacingType::Auto)
}

fn borderless(rows: Vec<TableRow>, widths: &[usize]) -> Table {
    let mut borders = TableBorders::with_empty();
    for pos in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(TableBorder::new(pos).border_type(BorderType::Nil).size(0));
    }
    let total: usize = widths.iter().sum();
    Table::new(rows)
        .set_borders(borders)
        .set_grid(widths.to_vec())
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn add_all(mut d: Docx, ps: Vec<Paragraph>) -> Docx {
    for p in ps {
        d = d.add_paragraph(p);
    }
    d
}

// ----- the four documents ---------------------------------------------------------------

/// The annual thematic plan, domain.md §4.1.
fn ke_hoach(f: &Fmt) -> Docx {
    let mut d = f
        .docx("ke-hoach-chuyen-de")
        .add_table(f.header_block(true, true));
    d = add_all(d, f.title("KẾ HOẠCH"));
    d = add_all(
        d,
        vec![
            f.tag("{%p for dong in can_cu %}"),
            f.p("- {{ dong }}"),
            f.tag("{%p endfor %}"),
            f.p("{{ chi_uy }} xây dựng Kế hoạch sinh hoạt chuyên đề năm {{ nam }} của {{ chi_bo.ten }} như sau:"),
            f.muc("I- MỤC ĐÍCH, YÊU CẦU"),
            f.muc("1. Mục đích"),
            f.p("Nâng cao chất lượng sinh hoạt chi bộ; giúp đảng viên nắm vững, vận dụng đúng chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước vào nhiệm vụ của cơ quan, đơn vị; tăng cường đoàn kết, thống nhất trong chi bộ."),
            f.muc("2. Yêu cầu"),
            f.p("Nội dung chuyên đề thiết thực, gắn với nhiệm vụ chính trị của chi bộ; chuẩn bị chu đáo, phát huy dân chủ, mỗi đảng viên tích cực thảo luận, đóng góp ý kiến; sau mỗi chuyên đề có kết luận và phân công thực hiện cụ thể."),
            f.muc("II- NỘI DUNG, THỜI GIAN"),
            f.p("Năm {{ nam }}, chi bộ tổ chức sinh hoạt chuyên đề mỗi quý ít nhất một lần, cụ thể như sau:"),
        ],
    );
    let w = f.text_width();
    let pc = |p: usize| w * p / 100;
    d = d.add_table(f.grid(
        &[
            (pc(12), "Quý", true),
            (pc(25), "Tên chuyên đề", false),
            (pc(12), "Thời gian", true),
            (pc(18), "Người chuẩn bị, trình bày", false),
            (pc(13), "Hình thức", false),
            (w - pc(80), "Thành phần", false),
        ],
        &[
            vec!["{%tr for q in quy %}"],
            vec![
                "Quý {{ q.quy_la_ma }}/{{ nam }}",
                "{{ q.ten_chuyen_de }}",
                "{% if q.thang %}Tháng {{ q.thang }}{% endif %}",
                "{{ q.nguoi_trinh_bay }}",
                "{{ q.hinh_thuc }}",
                "{{ q.thanh_phan }}",
            ],
            vec!["{%tr endfor %}"],
        ],
    ));
    d = d.add_paragraph(f.gap());
    d = add_all(
        d,
        vec![
            f.muc("III- TỔ CHỨC THỰC HIỆN"),
            f.p("1. Các đồng chí được phân công{% if nguoi_chuan_bi %} ({% for ten in nguoi_chuan_bi %}{{ ten }}{% if not loop.last %}, {% endif %}{% endfor %}){% endif %} xây dựng dự thảo chuyên đề, gửi {{ chi_uy_thuong }} cho ý kiến chậm nhất 07 ngày trước ngày sinh hoạt."),
            f.p("2. {{ chi_uy }} duyệt nội dung, thông báo thời gian, địa điểm sinh hoạt và gửi dự thảo để đảng viên nghiên cứu trước."),
            f.p("3. Sau mỗi buổi sinh hoạt chuyên đề, chi bộ báo cáo kết quả về cấp ủy cấp trên theo quy định."),
            f.p("Trên đây là Kế hoạch sinh hoạt chuyên đề năm {{ nam }} của {{ chi_bo.ten }}, đề nghị các đồng chí đảng viên nghiêm túc thực hiện./.")
                .keep_next(true),
        ],
    );
    d.add_paragraph(f.gap().keep_next(true))
        .add_table(f.signature())
}

/// The "who was there" block of the minutes (domain.md §4.2 item 4).
fn thanh_phan(f: &Fmt) -> Vec<Paragraph> {
    vec![
        f.muc("THÀNH PHẦN"),
        f.tag("{%p if buoi.dai_bieu %}"),
        f.p("- Đại biểu cấp trên dự và chỉ đạo: {% for db in buoi.dai_bieu %}{{ db }}{% if not loop.last %}; {% endif %}{% endfor %}."),
        f.tag("{%p endif %}"),
        f.p("- Chủ trì: đồng chí {{ buoi.chu_tri }}. Thư ký: đồng chí {{ buoi.thu_ky }}."),
        f.p("- Tổng số đảng viên của chi bộ: {{ diem_danh.tong_so | so_2 }} đồng chí (chính thức: {{ diem_danh.chinh_thuc | so_2 }}, dự bị: {{ diem_danh.du_bi | so_2 }}){% if diem_danh.mien %}, trong đó miễn sinh hoạt: {{ diem_danh.mien | so_2 }} đồng chí{% endif %}."),
        f.tag("{%p if diem_danh.co_so_lieu %}"),
        f.p("- Có mặt: {{ diem_danh.co_mat | so_2 }}/{{ diem_danh.phai_du | so_2 }} đồng chí phải dự{% if diem_danh.co_mat_chinh_thuc is not none %} (chính thức: {{ diem_danh.co_mat_chinh_thuc | so_2 }}, dự bị: {{ diem_danh.co_mat_du_bi | so_2 }}){% endif %}, đạt {{ diem_danh.ty_le | phan_tram }}{% if diem_danh.mien_co_mat %}; đảng viên miễn sinh hoạt có mặt: {{ diem_danh.mien_co_mat | so_2 }}{% endif %}."),
        f.p("- Vắng: {{ diem_danh.vang | so_2 }} đồng chí."),
        f.tag("{%p else %}"),
        // No attendance recorded for this meeting: blanks for the secretary, never `đạt 0%`.
        f.p("- Có mặt: ……/{{ diem_danh.phai_du | so_2 }} đồng chí phải dự, đạt ……%."),
        f.p("- Vắng: …… đồng chí."),
        f.tag("{%p endif %}"),
        f.tag("{%p if diem_danh.vang_co_ly_do %}"),
        f.p("+ Vắng có lý do: {% for x in diem_danh.vang_co_ly_do %}đồng chí {{ x.ho_ten }}{% if x.ly_do %} ({{ x.ly_do }}){% endif %}{% if not loop.last %}; {% endif %}{% endfor %}."),
        f.tag("{%p endif %}"),
        f.tag("{%p if diem_danh.vang_khong_ly_do %}"),
        f.p("+ Vắng không lý do: {% for x in diem_danh.vang_khong_ly_do %}đồng chí {{ x.ho_ten }}{% if not loop.last %}; {% endif %}{% endfor %}."),
        f.tag("{%p endif %}"),
        f.tag("{%p if diem_danh.quan_chung_du %}"),
        f.p("- Quần chúng dự: {{ diem_danh.quan_chung_du | so_2 }} người."),
        f.tag("{%p endif %}"),
    ]
}

/// The discussion, the upper level's direction (when a guest came), the chair's conclusion and
/// the vote, in the order of 12-HD and 42-HD (shared by both minutes). `ket_luan` is the
/// condition under which the conclusion typed in the workbook is printed (otherwise dots to
/// fill): a combined session's typed conclusion belongs to its regular part.
fn thao_luan_ket_luan(f: &Fmt, so_muc_bieu_quyet: &str, ket_luan: &str) -> Vec<Paragraph> {
    vec![
        f.p("**Các ý kiến thảo luận** ({{ buoi.so_y_kien | so_2 }} ý kiến):"),
        f.tag("{%p for ai in buoi.nguoi_phat_bieu %}"),
        f.p_cham("- Đồng chí {{ ai }}: "),
        f.cham(),
        f.tag("{%p endfor %}"),
        f.tag("{%p if buoi.dai_bieu %}"),
        f.p("**Ý kiến chỉ đạo của đại biểu cấp trên:**"),
        f.cham(),
        f.tag("{%p endif %}"),
        f.p("**Đồng chí chủ trì kết luận:**"),
        f.tag(&format!("{{%p if {ket_luan} %}}")),
        f.p("{{ buoi.ket_luan }}"),
        f.tag("{%p else %}"),
        f.cham(),
        f.cham(),
        f.tag("{%p endif %}"),
        f.muc(so_muc_bieu_quyet),
        f.p("Chi bộ biểu quyết thông qua kết luận: {{ buoi.bieu_quyet }}."),
    ]
}

/// The score of the meeting and the closing sentence (shared by both minutes).
fn cham_diem_ket_thuc(f: &Fmt, so_muc: &str) -> Vec<Paragraph> {
    vec![
        f.muc(so_muc),
        f.tag("{%p if diem %}"),
        f.p("Chi bộ chấm điểm buổi sinh hoạt: {{ diem.tong | so(le=1) }}/{{ diem.toi_da | so }} điểm{% if diem.cap_tren is not none %} (cấp trên chấm: {{ diem.cap_tren | so(le=1) }} điểm){% endif %}; xếp loại: **{{ diem.xep_loai }}**."),
        f.tag("{%p else %}"),
        f.p("Chi bộ chấm điểm buổi sinh hoạt: ………… điểm; xếp loại: …………."),
        f.tag("{%p endif %}"),
        f.p("Buổi sinh hoạt kết thúc vào hồi {% if buoi.gio_ket_thuc %}{{ buoi.gio_ket_thuc | gio }} phút{% else %}…… giờ …… phút{% endif %} cùng ngày. Biên bản đã được đọc lại trước chi bộ và được các đồng chí dự họp nhất trí thông qua.")
            .keep_next(true),
    ]
}

fn mo_dau_thoi_gian(f: &Fmt, loai: &str) -> Paragraph {
    f.p(&format!(
        "Hôm nay, {{% if buoi.gio_bat_dau %}}vào lúc {{{{ buoi.gio_bat_dau | gio }}}} phút, {{% endif %}}{{{{ buoi.ngay | ngay_thang }}}}, {{% if buoi.dia_diem %}}tại {{{{ buoi.dia_diem }}}}, {{% endif %}}{{{{ chi_bo.ten }}}} tiến hành {loai}."
    ))
}

/// Minutes of a regular meeting, domain.md §4.2.
fn bien_ban_thuong_ky(f: &Fmt) -> Docx {
    let mut d = f
        .docx("bien-ban-thuong-ky")
        .add_table(f.header_block(true, false));
    d = add_all(d, f.title("BIÊN BẢN"));
    let mut ps = vec![mo_dau_thoi_gian(
        f,
        "sinh hoạt chi bộ thường kỳ tháng {% if buoi.thang and buoi.thang < 3 %}0{% endif %}{{ buoi.thang }} năm {{ buoi.nam }}",
    )];
    ps.extend(thanh_phan(f));
    ps.extend([
        f.muc("I. PHẦN MỞ ĐẦU"),
        f.p("Đồng chí {{ buoi.chu_tri }} nêu lý do, {% if buoi.dai_bieu %}giới thiệu đại biểu cấp trên, {% endif %}thông báo tình hình đảng viên dự sinh hoạt và thông qua chương trình buổi sinh hoạt; chi bộ thống nhất cử đồng chí {{ buoi.thu_ky }} làm thư ký."),
        f.muc("II. NỘI DUNG SINH HOẠT"),
        f.tag("{%p if buoi.chu_de %}"),
        f.p("Nội dung chính: {{ buoi.chu_de }}{% if buoi.nguoi_trinh_bay %}, do đồng chí {{ buoi.nguoi_trinh_bay }} trình bày{% endif %}."),
        f.tag("{%p endif %}"),
        f.p("**1. Thông tin thời sự, phổ biến văn bản của cấp trên:**"),
        f.cham(),
        f.p("**2. Đánh giá kết quả thực hiện nhiệm vụ tháng trước** (ưu điểm, hạn chế):"),
        f.cham(),
        f.p("**3. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh:**"),
        f.cham(),
        f.p("**4. Phương hướng, nhiệm vụ tháng tới và phân công thực hiện:**"),
        f.cham(),
        f.p("**5. Công tác đảng viên** (nếu có):"),
        f.cham(),
    ]);
    ps.extend(thao_luan_ket_luan(f, "III. BIỂU QUYẾT", "buoi.ket_luan"));
    ps.extend(cham_diem_ket_thuc(
        f,
        "IV. CHẤM ĐIỂM, XẾP LOẠI BUỔI SINH HOẠT",
    ));
    d = add_all(d, ps);
    d.add_paragraph(f.gap().keep_next(true))
        .add_table(f.signature_minutes())
}

/// Minutes of a thematic meeting, or of a combined session (domain.md §4.3): the regular
/// part sits inside `{%p if thuong_ky %}`.
fn bien_ban_chuyen_de(f: &Fmt) -> Docx {
    let mut d = f
        .docx("bien-ban-chuyen-de")
        .add_table(f.header_block(true, false));
    d = add_all(d, f.title("BIÊN BẢN"));
    let mut ps = vec![
        mo_dau_thoi_gian(
            f,
            "sinh hoạt {% if thuong_ky %}chi bộ thường kỳ tháng {% if buoi.thang and buoi.thang < 3 %}0{% endif %}{{ buoi.thang }} kết hợp sinh hoạt {% endif %}chuyên đề quý {{ buoi.quy_la_ma }} năm {{ buoi.nam }}",
        ),
        f.p("Chuyên đề: **“{{ buoi.chu_de }}”**."),
        f.tag("{%p if buoi.hinh_thuc %}"),
        f.p("Hình thức: {{ buoi.hinh_thuc }}."),
        f.tag("{%p endif %}"),
    ];
    ps.extend(thanh_phan(f));
    ps.extend([
        f.muc("I. PHẦN MỞ ĐẦU"),
        f.p("Đồng chí {{ buoi.chu_tri }} nêu mục đích, yêu cầu của buổi sinh hoạt, {% if buoi.dai_bieu %}giới thiệu đại biểu cấp trên, {% endif %}thông báo tình hình đảng viên dự sinh hoạt và thông qua chương trình; chi bộ thống nhất cử đồng chí {{ buoi.thu_ky }} làm thư ký."),
        f.tag("{%p if thuong_ky %}"),
        f.muc("II. SINH HOẠT THƯỜNG KỲ"),
        f.p("**1. Thông tin thời sự, phổ biến văn bản của cấp trên:**"),
        f.cham(),
        f.p("**2. Đánh giá kết quả thực hiện nhiệm vụ tháng trước** (ưu điểm, hạn chế):"),
        f.cham(),
        f.p("**3. Phương hướng, nhiệm vụ tháng tới và phân công thực hiện:**"),
        f.cham(),
        f.p("**4. Công tác đảng viên** (nếu có):"),
        f.cham(),
        f.p("**Đồng chí chủ trì kết luận phần sinh hoạt thường kỳ:**"),
        f.tag("{%p if buoi.ket_luan %}"),
        f.p("{{ buoi.ket_luan }}"),
        f.tag("{%p else %}"),
        f.cham(),
        f.tag("{%p endif %}"),
        f.tag("{%p endif %}"),
        f.muc("{% if thuong_ky %}III{% else %}II{% endif %}. NỘI DUNG CHUYÊN ĐỀ"),
        f.p("**1.** Đồng chí {{ buoi.nguoi_trinh_bay }} trình bày chuyên đề “{{ buoi.chu_de }}”."),
        f.p("**2.** Tóm tắt nội dung chuyên đề:"),
        f.cham(),
        f.cham(),
        f.p("**3.** Thảo luận:"),
    ]);
    ps.extend(thao_luan_ket_luan(
        f,
        "{% if thuong_ky %}IV{% else %}III{% endif %}. BIỂU QUYẾT",
        "buoi.ket_luan and not thuong_ky",
    ));
    ps.extend([
        f.tag("{%p if bieu_duong %}"),
        f.p("Chi bộ thống nhất đề xuất biểu dương {{ bieu_duong }} có thành tích trong học tập và làm theo chuyên đề."),
        f.tag("{%p endif %}"),
    ]);
    ps.extend(cham_diem_ket_thuc(
        f,
        "{% if thuong_ky %}V{% else %}IV{% endif %}. CHẤM ĐIỂM, XẾP LOẠI BUỔI SINH HOẠT",
    ));
    d = add_all(d, ps);
    d.add_paragraph(f.gap().keep_next(true))
        .add_table(f.signature_minutes())
}

/// The quarterly report, domain.md §4.5.
fn bao_cao_quy(f: &Fmt) -> Docx {
    let mut d = f.docx("bao-cao-quy").add_table(f.header_block(true, true));
    d = add_all(d, f.title("BÁO CÁO"));
    d = add_all(
        d,
        vec![
            f.p("{{ chi_bo.ten }} báo cáo kết quả sinh hoạt chi bộ quý {{ quy_la_ma }} năm {{ nam }} như sau:"),
            f.muc("I- ĐẶC ĐIỂM, TÌNH HÌNH"),
            f.p("Đầu quý, chi bộ có {{ dang_vien.dau_ky.tong_so | so_2 }} đảng viên (chính thức: {{ dang_vien.dau_ky.chinh_thuc | so_2 }}, dự bị: {{ dang_vien.dau_ky.du_bi | so_2 }}; miễn sinh hoạt: {{ dang_vien.dau_ky.mien | so_2 }}). Cuối quý, chi bộ có {{ dang_vien.cuoi_ky.tong_so | so_2 }} đảng viên (chính thức: {{ dang_vien.cuoi_ky.chinh_thuc | so_2 }}, dự bị: {{ dang_vien.cuoi_ky.du_bi | so_2 }}; miễn sinh hoạt: {{ dang_vien.cuoi_ky.mien | so_2 }}). Quần chúng chịu sự lãnh đạo của chi bộ: {{ quan_chung | so_2 }} người."),
            f.muc("II- KẾT QUẢ SINH HOẠT CHI BỘ"),
            f.muc("1. Sinh hoạt thường kỳ"),
            f.p("Chi bộ đã tổ chức {{ thuong_ky.so_da_hop | so_2 }}/{{ thuong_ky.so_ke_hoach | so_2 }} buổi sinh hoạt thường kỳ theo kế hoạch{% if thuong_ky.ngay_hop %} (các ngày {% for n in thuong_ky.ngay_hop %}{{ n | ngay(kieu='dd/mm/yyyy') }}{% if not loop.last %}, {% endif %}{% endfor %}){% endif %}. Tỷ lệ đảng viên dự sinh hoạt bình quân: {% if thuong_ky.ty_le_binh_quan is not none %}{{ thuong_ky.ty_le_binh_quan | phan_tram }}{% else %}chưa có số liệu{% endif %}; vắng có lý do: {{ thuong_ky.vang_co_ly_do | so_2 }} lượt; vắng không lý do: {{ thuong_ky.vang_khong_ly_do | so_2 }} lượt."),
            f.muc("2. Sinh hoạt chuyên đề"),
            f.tag("{%p if chuyen_de %}"),
            f.p("Trong quý, chi bộ tổ chức {{ chuyen_de | length | so_2 }} buổi sinh hoạt chuyên đề:"),
            f.tag("{%p for cd in chuyen_de %}"),
            f.p("- Chuyên đề “{{ cd.ten }}”, ngày {{ cd.ngay | ngay(kieu='dd/mm/yyyy') }}{% if cd.nguoi_trinh_bay %}, do đồng chí {{ cd.nguoi_trinh_bay }} trình bày{% endif %}{% if cd.hinh_thuc %}; hình thức: {{ cd.hinh_thuc }}{% endif %}."),
            f.tag("{%p endfor %}"),
            f.tag("{%p else %}"),
            f.p("Trong quý, chi bộ chưa tổ chức sinh hoạt chuyên đề."),
            f.tag("{%p endif %}"),
            f.muc("3. Chất lượng sinh hoạt"),
        ],
    );
    let w = f.text_width();
    let pc = |p: usize| w * p / 100;
    d = d.add_table(f.grid(
        &[
            (pc(24), "Ngày sinh hoạt", true),
            (pc(36), "Loại", false),
            (pc(16), "Điểm", true),
            (w - pc(76), "Xếp loại", true),
        ],
        &[
            vec!["{%tr for b in chat_luong.cac_buoi %}"],
            vec![
                "{{ b.ngay | ngay(kieu='dd/mm/yyyy') }}",
                "{{ b.loai }}",
                "{% if b.diem is not none %}{{ b.diem | so(le=1) }}{% endif %}",
                "{{ b.xep_loai }}",
            ],
            vec!["{%tr endfor %}"],
        ],
    ));
    d = d.add_paragraph(f.gap());
    d = add_all(
        d,
        vec![
            f.p("Kết quả xếp loại: {% for l in chat_luong.theo_loai %}{{ l.ten }}: {{ l.so_buoi | so_2 }} buổi{% if not loop.last %}; {% endif %}{% endfor %}{% if chat_luong.diem_binh_quan is not none %}. Điểm bình quân: {{ chat_luong.diem_binh_quan | so(le=1) }} điểm{% endif %}."),
            f.muc("4. Biểu dương, nhắc nhở, phê bình"),
            f.p("Biểu dương: {{ bieu_duong.text }}."),
            f.p_cham("Nhắc nhở, phê bình: "),
            f.muc("5. Công tác phát triển đảng viên, kiểm tra, thu nộp đảng phí"),
            f.cham(),
            f.muc("6. Số liệu tổng hợp"),
        ],
    );
    d = d.add_table(f.grid(
        &[
            (pc(8), "STT", true),
            (pc(50), "Chỉ tiêu", false),
            (pc(17), "Kết quả", true),
            (w - pc(75), "Ghi chú", false),
        ],
        &[
            vec!["{%tr for r in bang %}"],
            vec![
                "{{ r.stt }}",
                "{{ r.chi_tieu }}",
                "{{ r.ket_qua }}",
                "{{ r.ghi_chu }}",
            ],
            vec!["{%tr endfor %}"],
        ],
    ));
    d = d.add_paragraph(f.gap());
    d = add_all(
        d,
        vec![
            f.muc("III- ĐÁNH GIÁ CHUNG"),
            f.p("**1. Ưu điểm:**"),
            f.cham(),
            f.p("**2. Hạn chế, nguyên nhân:**"),
            // The breaches the data shows, one a line; the clerk writes the causes.
            f.tag("{%p if han_che %}"),
            f.tag("{%p for h in han_che %}"),
            f.p("- {{ h }}"),
            f.tag("{%p endfor %}"),
            f.p_cham("Nguyên nhân: "),
            f.cham(),
            f.tag("{%p else %}"),
            f.p("Qua số liệu theo dõi, chưa phát hiện hạn chế trong việc thực hiện quy định về sinh hoạt chi bộ trong quý {{ quy_la_ma }} năm {{ nam }}."),
            f.cham(),
            f.tag("{%p endif %}"),
            f.muc("IV- PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TỚI"),
            f.cham(),
            f.cham(),
            f.muc("V- ĐỀ XUẤT, KIẾN NGHỊ"),
            f.cham(),
            f.p("Trên đây là báo cáo kết quả sinh hoạt chi bộ quý {{ quy_la_ma }} năm {{ nam }} của {{ chi_bo.ten }}./.")
                .keep_next(true),
        ],
    );
    d.add_paragraph(f.gap().keep_next(true))
        .add_table(f.signature())
}

/// The cell's annual report: domain.md §4.5 for a year, with the header, date line and
/// signatures of the quarterly report, the annual grade, and a table of the year by quarter.
fn bao_cao_nam(f: &Fmt) -> Docx {
    let mut d = f.docx("bao-cao-nam").add_table(f.header_block(true, true));
    d = add_all(d, f.title("BÁO CÁO"));
    d = add_all(d, bao_cao_nam_ket_qua(f));
    d = d.add_table(f.grid(
        &[
            (f.text_width() * 24 / 100, "Ngày sinh hoạt", true),
            (f.text_width() * 36 / 100, "Loại", false),
            (f.text_width() * 16 / 100, "Điểm", true),
            (f.text_width() - f.text_width() * 76 / 100, "Xếp loại", true),
        ],
        &[
            vec!["{%tr for b in chat_luong.cac_buoi %}"],
            vec![
                "{{ b.ngay | ngay(kieu='dd/mm/yyyy') }}",
                "{{ b.loai }}",
                "{% if b.diem is not none %}{{ b.diem | so(le=1) }}{% endif %}",
                "{{ b.xep_loai }}",
            ],
            vec!["{%tr endfor %}"],
        ],
    ));
    d = d.add_paragraph(f.gap());
    d = add_all(
        d,
        vec![
            f.p("Kết quả xếp loại: {% for l in chat_luong.theo_loai %}{{ l.ten }}: {{ l.so_buoi | so_2 }} buổi{% if not loop.last %}; {% endif %}{% endfor %}{% if chat_luong.diem_binh_quan is not none %}. Điểm bình quân: {{ chat_luong.diem_binh_quan | so(le=1) }} điểm{% endif %}."),
            f.tag("{%p if xep_loai_nam %}"),
            f.p("Xếp loại chất lượng sinh hoạt chi bộ năm {{ nam }}: **{{ xep_loai_nam.xep_loai }}** ({{ xep_loai_nam.ly_do }})."),
            f.tag("{%p else %}"),
            f.p("Chưa đủ căn cứ xếp loại chất lượng sinh hoạt chi bộ năm {{ nam }}: chưa có kỳ sinh hoạt thường kỳ nào được xếp loại."),
            f.tag("{%p endif %}"),
            f.muc("4. Biểu dương, nhắc nhở, phê bình"),
            f.p("Biểu dương: {{ bieu_duong.text }}."),
            f.p_cham("Nhắc nhở, phê bình: "),
            f.muc("5. Công tác phát triển đảng viên, kiểm tra, thu nộp đảng phí"),
            f.cham(),
            f.muc("6. Số liệu theo quý"),
        ],
    );
    d = d.add_table(bao_cao_nam_theo_quy(f));
    d = d.add_paragraph(f.gap());
    d = add_all(
        d,
        vec![
            f.muc("III- ĐÁNH GIÁ CHUNG"),
            f.p("**1. Ưu điểm:**"),
            f.cham(),
            f.cham(),
            f.p("**2. Hạn chế, nguyên nhân:**"),
            // The breaches the data shows, one a line; the clerk writes the causes.
            f.tag("{%p if han_che %}"),
            f.tag("{%p for h in han_che %}"),
            f.p("- {{ h }}"),
            f.tag("{%p endfor %}"),
            f.p_cham("Nguyên nhân: "),
            f.cham(),
            f.tag("{%p else %}"),
            f.p("Qua số liệu theo dõi, chưa phát hiện hạn chế trong việc thực hiện quy định về sinh hoạt chi bộ trong năm {{ nam }}."),
            f.cham(),
            f.tag("{%p endif %}"),
            f.muc("IV- PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ nam_toi }}"),
            f.cham(),
            f.cham(),
            f.muc("V- ĐỀ XUẤT, KIẾN NGHỊ"),
            f.cham(),
            f.p("Trên đây là báo cáo kết quả sinh hoạt chi bộ năm {{ nam }} của {{ chi_bo.ten }}./.")
                .keep_next(true),
        ],
    );
    d.add_paragraph(f.gap().keep_next(true))
        .add_table(f.signature())
}

/// The monthly resolution of a cell, domain.md §0.2 and §4.4: the totals of the meeting, I.
/// results and assessment, II. next month's tasks lettered a, b, c …, III. who carries it out,
/// the vote; `Nơi nhận` and `T/M CHI BỘ` / `BÍ THƯ` as the other documents.
fn nghi_quyet(f: &Fmt) -> Docx {
    let mut d = f
        .docx("nghi-quyet-thang")
        .add_table(f.header_block(true, true));
    d = add_all(d, f.title("NGHỊ QUYẾT"));
    d = add_all(
        d,
        vec![
            f.p("Vào {{ buoi.ngay | ngay_thang }}, {% if buoi.dia_diem %}tại {{ buoi.dia_diem }}, {% endif %}{{ chi_bo.ten }} họp phiên thường kỳ {{ ky }}. Tổng số đảng viên của chi bộ: {{ diem_danh.tong_so | so_2 }} đồng chí (chính thức: {{ diem_danh.chinh_thuc | so_2 }}, dự bị: {{ diem_danh.du_bi | so_2 }}){% if diem_danh.mien %}, trong đó miễn sinh hoạt: {{ diem_danh.mien | so_2 }} đồng chí{% endif %}{% if diem_danh.co_so_lieu %}; có mặt: {{ diem_danh.co_mat | so_2 }}/{{ diem_danh.phai_du | so_2 }} đồng chí phải dự, đạt {{ diem_danh.ty_le | phan_tram }}; vắng: {{ diem_danh.vang | so_2 }} đồng chí (có lý do: {{ vang_co_ly_do | so_2 }}, không lý do: {{ vang_khong_ly_do | so_2 }}){% else %}; có mặt: ……/{{ diem_danh.phai_du | so_2 }} đồng chí phải dự, đạt ……%; vắng: …… đồng chí{% endif %}. Chủ trì: đồng chí {{ buoi.chu_tri }}; thư ký: đồng chí {{ buoi.thu_ky }}."),
            f.p("Sau khi nghe báo cáo kết quả thực hiện nhiệm vụ {{ ky }}, phương hướng nhiệm vụ {{ ky_toi }} và thảo luận, Chi bộ"),
            f.centred_bold("QUYẾT NGHỊ:", st::NOI_DUNG).keep_next(true),
            f.muc("I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ {{ ky_hoa }}"),
            f.tag("{%p if buoi.chu_de %}"),
            f.p("Nội dung sinh hoạt: {{ buoi.chu_de }}."),
            f.tag("{%p endif %}"),
            f.p_cham("Đánh giá chung: "),
            f.cham(),
            f.tag("{%p if diem %}"),
            f.p("Chi bộ tự chấm điểm buổi sinh hoạt: {{ diem.tong | so(le=1) }}/{{ diem.toi_da | so }} điểm; xếp loại: **{{ diem.xep_loai }}**."),
            f.tag("{%p endif %}"),
            f.tag("{%p if bieu_duong %}"),
            f.p("Chi bộ biểu dương {{ bieu_duong }}."),
            f.tag("{%p endif %}"),
            f.muc("II- NHIỆM VỤ {{ ky_toi_hoa }}"),
            f.tag("{%p if nhiem_vu %}"),
            f.tag("{%p for nv in nhiem_vu %}"),
            f.p("{{ nv.chu }}) {{ nv.noi_dung }}"),
            f.tag("{%p endfor %}"),
            f.tag("{%p else %}"),
            f.p_cham("a) "),
            f.p_cham("b) "),
            f.p_cham("c) "),
            f.tag("{%p endif %}"),
            f.muc("III- TỔ CHỨC THỰC HIỆN"),
            f.p("Các đồng chí đảng viên trong chi bộ căn cứ nhiệm vụ được phân công tổ chức thực hiện Nghị quyết này; đồng chí Bí thư chi bộ chỉ đạo, kiểm tra, đôn đốc việc thực hiện và báo cáo kết quả tại kỳ sinh hoạt chi bộ tháng sau."),
            f.p("Nghị quyết được Chi bộ biểu quyết thông qua: {{ buoi.bieu_quyet }}./.")
                .keep_next(true),
        ],
    );
    d.add_paragraph(f.gap().keep_next(true))
        .add_table(f.signature())
}

/// The annual report from its opening line to the heading of the meetings' table.
fn bao_cao_nam_ket_qua(f: &Fmt) -> Vec<Paragraph> {
    vec![
        f.p("{{ chi_bo.ten }} báo cáo kết quả sinh hoạt chi bộ năm {{ nam }}{% if tinh_den %} (số liệu tính đến ngày {{ tinh_den | ngay(kieu='dd/mm/yyyy') }}){% endif %} như sau:"),
        f.muc("I- ĐẶC ĐIỂM, TÌNH HÌNH"),
        f.p("Đầu năm, chi bộ có {{ dang_vien.dau_ky.tong_so | so_2 }} đảng viên (chính thức: {{ dang_vien.dau_ky.chinh_thuc | so_2 }}, dự bị: {{ dang_vien.dau_ky.du_bi | so_2 }}; miễn sinh hoạt: {{ dang_vien.dau_ky.mien | so_2 }}). {% if tinh_den %}Đến ngày {{ tinh_den | ngay(kieu='dd/mm/yyyy') }}{% else %}Cuối năm{% endif %}, chi bộ có {{ dang_vien.cuoi_ky.tong_so | so_2 }} đảng viên (chính thức: {{ dang_vien.cuoi_ky.chinh_thuc | so_2 }}, dự bị: {{ dang_vien.cuoi_ky.du_bi | so_2 }}; miễn sinh hoạt: {{ dang_vien.cuoi_ky.mien | so_2 }}). Quần chúng chịu sự lãnh đạo của chi bộ: {{ quan_chung | so_2 }} người."),
        f.muc("II- KẾT QUẢ SINH HOẠT CHI BỘ"),
        f.muc("1. Sinh hoạt thường kỳ"),
        f.p("Trong năm, chi bộ đã tổ chức {{ thuong_ky.so_da_hop | so_2 }}/{{ thuong_ky.so_ke_hoach | so_2 }} buổi sinh hoạt thường kỳ theo kế hoạch{% if thang_thieu %}; chưa sinh hoạt thường kỳ tháng {% for t in thang_thieu %}{{ t }}{% if not loop.last %}, {% endif %}{% endfor %}{% elif thuong_ky.so_ke_hoach %}, sinh hoạt đủ các tháng{% endif %}. Tỷ lệ đảng viên dự sinh hoạt bình quân: {% if thuong_ky.ty_le_binh_quan is not none %}{{ thuong_ky.ty_le_binh_quan | phan_tram }}{% else %}chưa có số liệu{% endif %}; vắng có lý do: {{ thuong_ky.vang_co_ly_do | so_2 }} lượt; vắng không lý do: {{ thuong_ky.vang_khong_ly_do | so_2 }} lượt."),
        f.muc("2. Sinh hoạt chuyên đề"),
        f.tag("{%p if chuyen_de %}"),
        f.p("Trong năm, chi bộ tổ chức {{ chuyen_de | length | so_2 }} buổi sinh hoạt chuyên đề{% if quy_thieu %} (chưa sinh hoạt chuyên đề quý {% for q in quy_thieu %}{{ q }}{% if not loop.last %}, {% endif %}{% endfor %}){% endif %}:"),
        f.tag("{%p for cd in chuyen_de %}"),
        f.p("- Chuyên đề “{{ cd.ten }}”, ngày {{ cd.ngay | ngay(kieu='dd/mm/yyyy') }}{% if cd.nguoi_trinh_bay %}, do đồng chí {{ cd.nguoi_trinh_bay }} trình bày{% endif %}{% if cd.hinh_thuc %}; hình thức: {{ cd.hinh_thuc }}{% endif %}."),
        f.tag("{%p endfor %}"),
        f.tag("{%p else %}"),
        f.p("Trong năm, chi bộ chưa tổ chức sinh hoạt chuyên đề."),
        f.tag("{%p endif %}"),
        f.muc("3. Chất lượng sinh hoạt"),
    ]
}

/// The cells of one row of a summary table (a cell's or a quarter's figures, or the total's,
/// in bold): name, members, regular and thematic meetings held/due, attendance, average
/// score, and the meetings by band. The committee's table and the annual report's share them.
fn summary_cells(row: &str, bold: bool) -> Vec<String> {
    let b = if bold { "**" } else { "" };
    [
        format!("{{{{ {row}.ten }}}}"),
        format!("{{{{ {row}.dang_vien }}}}"),
        format!("{{{{ {row}.thuong_ky_da_hop }}}}/{{{{ {row}.thuong_ky_ke_hoach }}}}"),
        format!("{{{{ {row}.chuyen_de_da_hop }}}}/{{{{ {row}.chuyen_de_ke_hoach }}}}"),
        format!("{{% if {row}.ty_le_du is not none %}}{{{{ {row}.ty_le_du | phan_tram }}}}{{% endif %}}"),
        format!("{{% if {row}.diem_binh_quan is not none %}}{{{{ {row}.diem_binh_quan | so(le=1) }}}}{{% endif %}}"),
        format!("{{{{ {row}.xep_loai_text }}}}"),
    ]
    .into_iter()
    .map(|cell| format!("{b}{cell}{b}"))
    .collect()
}

/// The cells as `&str`, as [`Fmt::grid`] takes them.
fn refs(cells: &[String]) -> Vec<&str> {
    cells.iter().map(String::as_str).collect()
}

/// The table of the year by quarter, with the `Cả năm` row.
fn bao_cao_nam_theo_quy(f: &Fmt) -> Table {
    let w = f.text_width();
    let pc = |p: usize| w * p / 100;
    f.grid(
        &[
            (pc(13), "Kỳ", false),
            (pc(11), "Đảng viên", true),
            (pc(14), "SH thường kỳ TH/KH", true),
            (pc(14), "SH chuyên đề TH/KH", true),
            (pc(11), "Tỷ lệ dự SH", true),
            (pc(10), "Điểm BQ", true),
            (w - pc(73), "Xếp loại các buổi ({{ cot_xep_loai }})", true),
        ],
        &[
            vec!["{%tr for r in theo_quy %}"],
            refs(&summary_cells("r", false)),
            vec!["{%tr endfor %}"],
            refs(&summary_cells("ca_nam", true)),
        ],
    )
}

/// The committee's report on its cells' meetings: domain.md §4.5 at committee level, with the
/// table of §5.1 (one row per cell and a `Tổng cộng` row).
fn bao_cao_tong_hop(f: &Fmt) -> Docx {
    let mut d = f
        .docx("bao-cao-tong-hop")
        .add_table(f.header_block_of("dang_uy", true, true));
    d = add_all(d, f.title("BÁO CÁO"));
    d = add_all(
        d,
        vec![
            f.p("{{ dang_uy.ten }} báo cáo tổng hợp kết quả sinh hoạt chi bộ {{ ky.ten }} của các chi bộ trực thuộc (số liệu tính đến ngày {{ ky.tinh_den | ngay(kieu='dd/mm/yyyy') }}) như sau:"),
            f.muc("I- ĐẶC ĐIỂM, TÌNH HÌNH"),
            f.p("{{ dang_uy.dang_bo }} có {{ so_chi_bo | so_2 }} chi bộ trực thuộc. Đầu {{ ky.don_vi }} có {{ dang_vien.dau_ky.tong_so | so_2 }} đảng viên (chính thức: {{ dang_vien.dau_ky.chinh_thuc | so_2 }}, dự bị: {{ dang_vien.dau_ky.du_bi | so_2 }}; miễn sinh hoạt: {{ dang_vien.dau_ky.mien | so_2 }}). Cuối {{ ky.don_vi }} có {{ dang_vien.cuoi_ky.tong_so | so_2 }} đảng viên (chính thức: {{ dang_vien.cuoi_ky.chinh_thuc | so_2 }}, dự bị: {{ dang_vien.cuoi_ky.du_bi | so_2 }}; miễn sinh hoạt: {{ dang_vien.cuoi_ky.mien | so_2 }}). Quần chúng chịu sự lãnh đạo của các chi bộ: {{ quan_chung | so_2 }} người."),
            f.tag("{%p if chua_tong_hop %}"),
            f.p("Chưa tổng hợp được số liệu của {{ chua_tong_hop | length | so_2 }} sổ có lỗi dữ liệu: {% for t in chua_tong_hop %}{{ t }}{% if not loop.last %}, {% endif %}{% endfor %}."),
            f.tag("{%p endif %}"),
            f.muc("II- KẾT QUẢ SINH HOẠT CHI BỘ"),
            f.muc("1. Sinh hoạt thường kỳ"),
            f.p("Các chi bộ đã tổ chức {{ thuong_ky.so_da_hop | so_2 }} buổi sinh hoạt thường kỳ{% if thuong_ky.so_ke_hoach %} (phải tổ chức {{ thuong_ky.so_ke_hoach | so_2 }} buổi trong các tháng tính đến ngày {{ ky.tinh_den | ngay(kieu='dd/mm/yyyy') }}); {{ thuong_ky.so_chi_bo_du | so_2 }}/{{ so_chi_bo | so_2 }} chi bộ sinh hoạt đủ các tháng{% else %} (chưa có tháng nào kết thúc tính đến ngày {{ ky.tinh_den | ngay(kieu='dd/mm/yyyy') }}){% endif %}. Tỷ lệ đảng viên dự sinh hoạt bình quân: {% if thuong_ky.ty_le_binh_quan is not none %}{{ thuong_ky.ty_le_binh_quan | phan_tram }} ({{ thuong_ky.luot_co_mat }}/{{ thuong_ky.luot_phai_du }} lượt){% else %}chưa có số liệu{% endif %}; vắng có lý do: {{ thuong_ky.vang_co_ly_do | so_2 }} lượt; vắng không lý do: {{ thuong_ky.vang_khong_ly_do | so_2 }} lượt."),
            f.tag("{%p if thuong_ky.chi_bo_thieu %}"),
            f.p("Chi bộ chưa sinh hoạt thường kỳ đủ các tháng:"),
            f.tag("{%p for x in thuong_ky.chi_bo_thieu %}"),
            f.p("- {{ x.ten }}: chưa sinh hoạt {{ x.thieu }}."),
            f.tag("{%p endfor %}"),
            f.tag("{%p endif %}"),
            f.muc("2. Sinh hoạt chuyên đề"),
            f.p("Các chi bộ đã tổ chức {{ chuyen_de.so_da_hop | so_2 }} buổi sinh hoạt chuyên đề{% if chuyen_de.so_ke_hoach %} (phải tổ chức {{ chuyen_de.so_ke_hoach | so_2 }} buổi trong các quý đã kết thúc tính đến ngày {{ ky.tinh_den | ngay(kieu='dd/mm/yyyy') }}); {{ chuyen_de.so_chi_bo_du | so_2 }}/{{ so_chi_bo | so_2 }} chi bộ sinh hoạt chuyên đề đủ các quý{% else %} (chưa có quý nào kết thúc tính đến ngày {{ ky.tinh_den | ngay(kieu='dd/mm/yyyy') }}){% endif %}{% if chuyen_de.cac_buoi %}:{% else %}.{% endif %}"),
            f.tag("{%p for cd in chuyen_de.cac_buoi %}"),
            f.p("- {{ cd.chi_bo }}, ngày {{ cd.ngay | ngay(kieu='dd/mm/yyyy') }}{% if cd.ten %}: chuyên đề “{{ cd.ten }}”{% endif %}{% if loop.last %}.{% else %};{% endif %}"),
            f.tag("{%p endfor %}"),
            f.tag("{%p if chuyen_de.chi_bo_thieu %}"),
            f.p("Chi bộ chưa sinh hoạt chuyên đề đủ các quý:"),
            f.tag("{%p for x in chuyen_de.chi_bo_thieu %}"),
            f.p("- {{ x.ten }}: chưa sinh hoạt chuyên đề {{ x.thieu }}."),
            f.tag("{%p endfor %}"),
            f.tag("{%p endif %}"),
            f.muc("3. Chất lượng sinh hoạt"),
            f.p("Có {{ chat_luong.so_buoi_cham | so_2 }}/{{ chat_luong.so_buoi | so_2 }} buổi sinh hoạt được chấm điểm{% if chat_luong.diem_binh_quan is not none %}, điểm bình quân {{ chat_luong.diem_binh_quan | so(le=1) }} điểm{% endif %}. Kết quả xếp loại: {% for l in chat_luong.theo_loai %}{{ l.ten }}: {{ l.so_buoi | so_2 }} buổi{% if l.ty_le is not none %} ({{ l.ty_le | phan_tram }}){% endif %}{% if not loop.last %}; {% endif %}{% endfor %}."),
            f.tag("{%p if xep_loai_nam %}"),
            f.p("Xếp loại chất lượng sinh hoạt chi bộ năm {{ ky.nam }}: {% for l in xep_loai_nam_tong %}{{ l.ten }}: {{ l.so_chi_bo | so_2 }} chi bộ{% if l.ty_le is not none %} ({{ l.ty_le | phan_tram }}){% endif %}{% if not loop.last %}; {% endif %}{% endfor %}. Cụ thể:"),
            f.tag("{%p for x in xep_loai_nam %}"),
            f.p("- {{ x.chi_bo }}: {% if x.xep_loai %}{{ x.xep_loai }} ({{ x.ly_do }}){% else %}chưa xếp loại (chưa có kỳ sinh hoạt thường kỳ nào được xếp loại){% endif %}{% if loop.last %}.{% else %};{% endif %}"),
            f.tag("{%p endfor %}"),
            f.tag("{%p endif %}"),
            f.muc("4. Biểu dương, nhắc nhở, phê bình"),
            f.p("Biểu dương: {{ bieu_duong.text }}."),
            f.p_cham("Nhắc nhở, phê bình: "),
            f.muc("5. Kết quả của từng chi bộ"),
        ],
    );
    let w = f.text_width();
    let pc = |p: usize| w * p / 100;
    d = d.add_table(f.grid(
        &[
            (pc(8), "STT", true),
            (pc(18), "Chi bộ", false),
            (pc(10), "Đảng viên", true),
            (pc(12), "SH thường kỳ TH/KH", true),
            (pc(12), "SH chuyên đề TH/KH", true),
            (pc(10), "Tỷ lệ dự SH", true),
            (pc(10), "Điểm BQ", true),
            (w - pc(80), "Xếp loại các buổi ({{ cot_xep_loai }})", true),
        ],
        &[
            vec!["{%tr for r in chi_bo %}"],
            [vec!["{{ r.stt }}"], refs(&summary_cells("r", false))].concat(),
            vec!["{%tr endfor %}"],
            [vec![""], refs(&summary_cells("tong_cong", true))].concat(),
        ],
    ));
    d = add_all(
        d,
        vec![
            // What TH and KH mean: the plan counts only the months and quarters already over,
            // as the consolidated workbook does.
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(60).after(120))
                .add_run(
                    f.run(
                        "TH: số buổi đã tổ chức; KH: số buổi phải tổ chức trong các tháng (quý) đã kết thúc tính đến ngày {{ ky.tinh_den | ngay(kieu='dd/mm/yyyy') }}.",
                        st::NOI_NHAN_DONG,
                    )
                    .italic(),
                ),
            f.muc("III- ĐÁNH GIÁ CHUNG"),
            f.p("**1. Ưu điểm:**"),
            f.cham(),
            f.cham(),
            f.p("**2. Hạn chế, nguyên nhân:**"),
            // The cells concerned by each kind of breach; the committee writes the causes.
            f.tag("{%p if han_che %}"),
            f.tag("{%p for h in han_che %}"),
            f.p("- {{ h.text }}"),
            f.tag("{%p endfor %}"),
            f.p_cham("Nguyên nhân: "),
            f.cham(),
            f.tag("{%p else %}"),
            f.p("Qua số liệu tổng hợp, chưa phát hiện chi bộ nào có hạn chế trong việc thực hiện quy định về sinh hoạt chi bộ {{ ky.ten }}."),
            f.cham(),
            f.tag("{%p endif %}"),
            f.muc("IV- PHƯƠNG HƯỚNG, NHIỆM VỤ {{ ky.ky_toi | viet_hoa }}"),
            f.cham(),
            f.cham(),
            f.cham(),
            // The closing sentence travels with the signatures to the next page, if they go.
            f.p("Trên đây là báo cáo tổng hợp kết quả sinh hoạt chi bộ {{ ky.ten }} của {{ dang_uy.ten }}./.")
                .keep_next(true),
        ],
    );
    d.add_paragraph(f.gap().keep_next(true))
        .add_table(f.signature())
}
