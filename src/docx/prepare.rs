//! Turning one part's XML into a tera template.
//!
//! 1. Scan the XML with quick-xml, recording byte spans of paragraphs, runs, rows, cells and
//!    text nodes (`w:t`); a DOCTYPE is refused.
//! 2. Per paragraph, join the text nodes, find the tags, and give every byte of a tag to the
//!    node holding its first byte (the tag keeps its first run's formatting).
//! 3. Structural tags replace their whole row, cell, paragraph or run.
//! 4. Emit: untouched bytes are copied as they are; literal text is re-escaped; each tag is
//!    written as tera reads it and its span in the output is remembered, so that an engine
//!    error points back to the paragraph the user sees.

use std::fmt::Write as _;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::tags::{self, Delim, FindProblem, Parsed, Structural};
use crate::diagnostic::Text;
use crate::t;

/// Where a tag sits, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Spot {
    /// A paragraph outside tables, numbered from 1 in the part.
    Paragraph(usize),
    /// Table (numbered in the part), row and cell, from 1.
    Cell {
        table: usize,
        row: usize,
        cell: usize,
    },
}

/// One tag of a part.
#[derive(Clone, Debug)]
pub(crate) struct TagInfo {
    /// The part and spot, worded (`thân văn bản, đoạn 3`).
    pub place: Text,
    /// The paragraph's visible text around the tag.
    pub context: String,
    /// The tag as typed, after cleaning.
    pub text: String,
    pub parsed: Parsed,
    /// The element path the tag lives at (its replaced element's parent for structural tags):
    /// a block's tags must share it or the output would not be well-formed.
    pub anchor: String,
    /// Set when the tag itself is broken (reported already); left out of later checks.
    pub broken: bool,
}

/// A problem found while preparing, tied to a tag or to a place.
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    pub code: &'static str,
    pub place: Option<Text>,
    pub message: Text,
    /// What to do about it, when there is something to say.
    pub hint: Option<Text>,
}

impl Problem {
    pub(crate) fn new(code: &'static str, place: Option<Text>, message: Text) -> Self {
        Self {
            code,
            place,
            message,
            hint: None,
        }
    }

    #[must_use]
    pub(crate) fn with_hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }
}

/// A part ready for tera.
#[derive(Clone, Debug, Default)]
pub(crate) struct Prepared {
    pub source: String,
    pub tags: Vec<TagInfo>,
    /// `(start, end, tag)` spans of emitted tags in `source`, in order.
    pub spans: Vec<(usize, usize, usize)>,
    /// Tag indexes in output order (comments excluded).
    pub order: Vec<usize>,
    pub has_loops: bool,
    pub has_cell_tags: bool,
    /// A `{%p %}` tag: a cell may lose its paragraphs.
    pub has_paragraph_tags: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    P,
    R,
    Tr,
    Tc,
}

#[derive(Clone, Debug)]
struct Elem {
    kind: Kind,
    start: usize,
    end: usize,
    parent_path: String,
}

#[derive(Clone, Debug)]
struct TNode {
    tag_start: usize,
    content_start: usize,
    content_end: usize,
    run: Option<usize>,
    cell: Option<usize>,
    row: Option<usize>,
    path: String,
}

#[derive(Clone, Debug)]
struct Para {
    elem: usize,
    nodes: Vec<usize>,
    spot: Spot,
}

#[derive(Default)]
struct Scan {
    elems: Vec<Elem>,
    nodes: Vec<TNode>,
    paras: Vec<Para>,
}

/// What the scan is looking at: a WordprocessingML part (paragraphs, runs, `w:t`), or a
/// plain XML part such as `docProps/core.xml` whose leaf elements hold the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flavor {
    Word,
    Plain,
}

/// (name, element index if recorded, paragraph index if a paragraph)
type Frame<'a> = (&'a str, Option<usize>, Option<usize>);

/// The state of one pass over a part.
struct Scanner<'a> {
    flavor: Flavor,
    out: Scan,
    stack: Vec<Frame<'a>>,
    /// (table number, rows so far, cells in the current row)
    tables: Vec<(usize, usize, usize)>,
    table_count: usize,
    para_count: usize,
    open_t: Option<usize>,
}

fn malformed(pos: u64, e: &Text) -> (&'static str, Text) {
    (
        "docx.xml_malformed",
        t!("XML hỏng ở byte {pos}: {}", e.vi ; "malformed XML at byte {pos}: {}", e.en),
    )
}

fn scan(xml: &str, flavor: Flavor) -> Result<Scan, (&'static str, Text)> {
    let mut reader = Reader::from_str(xml);
    let mut s = Scanner {
        flavor,
        out: Scan::default(),
        stack: Vec::new(),
        tables: Vec::new(),
        table_count: 0,
        para_count: 0,
        open_t: None,
    };
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader
            .read_event()
            .map_err(|e| malformed(reader.error_position(), &crate::error_text::xml(&e)))?;
        let after = usize::try_from(reader.buffer_position()).unwrap_or(0);
        match event {
            Event::DocType(_) => {
                return Err((
                    "docx.doctype",
                    t!("phần này có khai báo DOCTYPE/ENTITY; chibo không đọc tệp như vậy (nguy cơ XXE)" ;
                       "this part has a DOCTYPE/ENTITY declaration; chibo refuses such files (XXE risk)"),
                ));
            }
            Event::Start(e) => {
                let name = qname(xml, before, e.name().as_ref().len());
                s.start(name, before, after);
            }
            Event::Empty(e) => {
                let name = qname(xml, before, e.name().as_ref().len());
                s.empty(name);
            }
            Event::End(_) => s.end(before, after),
            Event::Eof => break,
            _ => {}
        }
    }
    if !s.stack.is_empty() {
        // quick-xml stops quietly at the end of a truncated part.
        let open = s.stack.last().map_or("", |f| f.0).to_string();
        return Err(malformed(
            xml.len() as u64,
            &t!("phần bị cắt cụt, thẻ <{open}> chưa đóng" ; "the part is truncated, <{open}> is not closed"),
        ));
    }
    Ok(s.out)
}

impl<'a> Scanner<'a> {
    fn start(&mut self, name: &'a str, before: usize, after: usize) {
        let path = path_of(&self.stack);
        let kind = match name {
            "w:p" => Some(Kind::P),
            "w:r" => Some(Kind::R),
            "w:tr" => Some(Kind::Tr),
            "w:tc" => Some(Kind::Tc),
            _ => None,
        };
        self.count_table(name);
        let elem = kind.map(|kind| {
            self.out.elems.push(Elem {
                kind,
                start: before,
                end: before,
                parent_path: path.clone(),
            });
            self.out.elems.len() - 1
        });
        let mut para = None;
        if name == "w:p" {
            para = Some(self.new_para(elem.unwrap_or(0)));
        }
        match self.flavor {
            Flavor::Word if name == "w:t" && self.stack.last().is_some_and(|s| s.0 == "w:r") => {
                self.text_node(&path, before, after);
            }
            Flavor::Plain => {
                // Every element may be a leaf holding text; a child element makes it not one.
                if let Some(open) = self.open_t.take()
                    && let Some(p) = self.out.paras.last_mut()
                {
                    p.nodes.retain(|&n| n != open);
                }
                para = Some(self.new_para(0));
                self.text_node(&path, before, after);
            }
            Flavor::Word => {}
        }
        self.stack.push((name, elem, para));
    }

    fn count_table(&mut self, name: &str) {
        match name {
            "w:tbl" => {
                self.table_count += 1;
                self.tables.push((self.table_count, 0, 0));
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.1 += 1;
                    t.2 = 0;
                }
            }
            "w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.2 += 1;
                }
            }
            _ => {}
        }
    }

    fn new_para(&mut self, elem: usize) -> usize {
        let spot = match self.tables.last() {
            Some(&(table, row, cell)) if innermost_cell(&self.stack) => {
                Spot::Cell { table, row, cell }
            }
            _ => {
                self.para_count += 1;
                Spot::Paragraph(self.para_count)
            }
        };
        self.out.paras.push(Para {
            elem,
            nodes: Vec::new(),
            spot,
        });
        self.out.paras.len() - 1
    }

    /// A text node starts: `<w:t>` in a run, or a plain part's element.
    fn text_node(&mut self, path: &str, before: usize, after: usize) {
        let find = |k: Kind| {
            self.stack
                .iter()
                .rev()
                .filter_map(|s| s.1)
                .find(|&i| self.out.elems.get(i).is_some_and(|e| e.kind == k))
        };
        let node = TNode {
            tag_start: before,
            content_start: after,
            content_end: after,
            run: find(Kind::R),
            cell: find(Kind::Tc),
            row: find(Kind::Tr),
            path: format!("{path}/w:t"),
        };
        self.out.nodes.push(node);
        let idx = self.out.nodes.len() - 1;
        self.open_t = Some(idx);
        let para = match self.flavor {
            Flavor::Word => self.stack.iter().rev().find_map(|s| s.2),
            Flavor::Plain => self.out.paras.len().checked_sub(1),
        };
        if let Some(p) = para
            && let Some(para) = self.out.paras.get_mut(p)
        {
            para.nodes.push(idx);
        }
    }

    fn empty(&mut self, name: &str) {
        if name == "w:p" {
            match self.tables.last() {
                Some(_) if innermost_cell(&self.stack) => {}
                _ => self.para_count += 1,
            }
        }
    }

    fn end(&mut self, before: usize, after: usize) {
        let Some((name, elem, _)) = self.stack.pop() else {
            return;
        };
        if let Some(i) = elem
            && let Some(e) = self.out.elems.get_mut(i)
        {
            e.end = after;
        }
        if name == "w:tbl" {
            self.tables.pop();
        }
        if (name == "w:t" || self.flavor == Flavor::Plain)
            && let Some(n) = self.open_t.take()
            && let Some(node) = self.out.nodes.get_mut(n)
        {
            node.content_end = before;
        }
    }
}

/// The element name as written in the source (`<w:p …` → `w:p`).
fn qname(xml: &str, start: usize, len: usize) -> &str {
    xml.get(start + 1..start + 1 + len).unwrap_or("")
}

fn path_of(stack: &[Frame<'_>]) -> String {
    let mut s = String::new();
    for (name, _, _) in stack {
        s.push('/');
        s.push_str(name);
    }
    s
}

/// True when the nearest table-ish ancestor is a cell (a text box inside a cell still counts
/// as the cell).
fn innermost_cell(stack: &[Frame<'_>]) -> bool {
    stack.iter().any(|s| s.0 == "w:tc")
}

/// A piece of a rewritten text node.
#[derive(Clone, Debug)]
enum Piece {
    Lit(String),
    Tag(usize),
    /// A `{%r %}` tag in a run that holds other text: the run is closed before the tag and
    /// reopened after it with the same run properties (`rpr`), so that the text stays.
    RunSplit {
        id: usize,
        rpr: String,
    },
}

#[derive(Clone, Debug)]
struct Edit {
    start: usize,
    end: usize,
    /// Raw XML written before the pieces (a rewritten `<w:t>` start tag).
    head: String,
    pieces: Vec<Piece>,
    structural: Option<usize>,
}

/// The visible text around `range` of `text`, at most about 80 characters.
pub(crate) fn context_window(text: &str, start: usize, end: usize) -> String {
    const SIDE: usize = 30;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= 80 {
        return text.trim().to_string();
    }
    let first = chars.iter().position(|&(i, _)| i >= start).unwrap_or(0);
    let last = chars
        .iter()
        .position(|&(i, _)| i >= end)
        .unwrap_or(chars.len());
    let from = first.saturating_sub(SIDE);
    let to = (last + SIDE).min(chars.len());
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.extend(chars[from..to].iter().map(|&(_, c)| c));
    if to < chars.len() {
        s.push('…');
    }
    s
}

/// The spot in words.
pub(crate) fn spot_text(part: &Text, spot: &Spot) -> Text {
    match spot {
        Spot::Paragraph(n) => t!("{}, đoạn {n}", part.vi ; "{}, paragraph {n}", part.en),
        Spot::Cell { table, row, cell } => t!(
            "{}, bảng {table}, dòng {row}, ô {cell}", part.vi ;
            "{}, table {table}, row {row}, cell {cell}", part.en
        ),
    }
}

/// Prepares one part. `part` names it in messages (`thân văn bản`).
///
/// # Errors
/// The XML cannot be read (malformed, truncated, or has a DOCTYPE). Tag problems come back
/// with the prepared part, so that later checks still run on the healthy tags.
pub(crate) fn prepare(
    xml: &str,
    part: &Text,
    flavor: Flavor,
) -> Result<(Prepared, Vec<Problem>), Vec<Problem>> {
    let scan = scan(xml, flavor)
        .map_err(|(code, message)| vec![Problem::new(code, Some(part.clone()), message)])?;
    let mut work = Work {
        xml,
        scan: &scan,
        flavor,
        tags: Vec::new(),
        edits: Vec::new(),
        positions: Vec::new(),
        problems: Vec::new(),
    };
    for para in &scan.paras {
        work.paragraph(para, part);
    }
    work.check_structural();
    let Work {
        tags,
        edits,
        problems,
        ..
    } = work;
    let kept = outermost(edits);
    let mut out = emit(xml, &kept, &tags);
    out.tags = tags;
    Ok((out, problems))
}

/// What preparing a part collects, paragraph by paragraph.
struct Work<'a> {
    xml: &'a str,
    scan: &'a Scan,
    flavor: Flavor,
    tags: Vec<TagInfo>,
    edits: Vec<Edit>,
    /// (position in the XML, tag) of every non-comment tag, to find tags a structural tag
    /// would swallow.
    positions: Vec<(usize, usize)>,
    problems: Vec<Problem>,
}

/// One paragraph's text, node by node, and where each node starts in the joined text.
struct ParaText {
    texts: Vec<String>,
    full: String,
    /// Byte offsets where each node's text starts in `full`, and the end.
    bounds: Vec<usize>,
}

impl ParaText {
    fn new(xml: &str, scan: &Scan, para: &Para) -> Self {
        let texts: Vec<String> = para
            .nodes
            .iter()
            .map(|&n| {
                let node = &scan.nodes[n];
                let raw = xml.get(node.content_start..node.content_end).unwrap_or("");
                quick_xml::escape::unescape(raw)
                    .map(|c| c.into_owned())
                    .unwrap_or_else(|_| raw.to_string())
            })
            .collect();
        let full: String = texts.concat();
        let mut bounds = Vec::with_capacity(texts.len() + 1);
        let mut acc = 0;
        for t in &texts {
            bounds.push(acc);
            acc += t.len();
        }
        bounds.push(acc);
        Self {
            texts,
            full,
            bounds,
        }
    }

    /// The node holding byte `pos`: the last one starting at or before it (empty nodes
    /// share their start with the next one and never hold a byte).
    fn node_at(&self, pos: usize) -> usize {
        let starts = &self.bounds[..self.texts.len()];
        starts.partition_point(|&b| b <= pos).max(1) - 1
    }

    /// Literal text `from..to` given to the nodes that hold it.
    fn push_lit(&self, pieces: &mut [Vec<Piece>], from: usize, to: usize) {
        let mut pos = from;
        while pos < to {
            let k = self.node_at(pos);
            let stop = self.bounds[k + 1].min(to);
            pieces[k].push(Piece::Lit(self.full[pos..stop].to_string()));
            pos = stop;
        }
    }
}

/// A tag-finding problem worded for the user.
fn find_problem(p: FindProblem, full: &str, place: &Text) -> Problem {
    let (start, code, message) = match p {
        FindProblem::Unclosed { start, delim } => {
            let closer = match delim {
                Delim::Expr => "}}",
                Delim::Stmt => "%}",
                Delim::Comment => "#}",
            };
            let shown: String = full[start..].chars().take(40).collect();
            (
                start,
                "docx.tag_unclosed",
                t!("thẻ `{shown}` chưa đóng (thiếu `{closer}`)" ;
                   "tag `{shown}` is not closed (missing `{closer}`)"),
            )
        }
        FindProblem::Unopened { start, closer } => (
            start,
            "docx.tag_unopened",
            t!("có `{closer}` mà không có thẻ mở tương ứng" ;
               "`{closer}` without a matching opening"),
        ),
    };
    let ctx = context_window(full, start, start + 2);
    Problem::new(code, Some(place.clone()), with_context(message, &ctx))
        .with_hint(t!("để in dấu ngoặc nhọn, viết chúng trong một chuỗi: {{{{ \"{{{{\" }}}}, {{{{ \"}}}}\" }}}}, {{{{ \"{{%\" }}}}" ;
                      "to print braces, write them inside a string: {{{{ \"{{{{\" }}}}, {{{{ \"}}}}\" }}}}, {{{{ \"{{%\" }}}}"))
}

/// The run properties (`<w:rPr>…</w:rPr>`) of the run `xml[start..end]`, or nothing.
fn run_properties(xml: &str, start: usize, end: usize) -> String {
    let run = xml.get(start..end).unwrap_or("");
    let Some(at) = run.find("<w:rPr") else {
        return String::new();
    };
    let rest = &run[at..];
    let close = match rest.find('>') {
        Some(gt) if rest[..gt].ends_with('/') => Some(gt + 1),
        _ => rest.find("</w:rPr>").map(|e| e + "</w:rPr>".len()),
    };
    close.map_or_else(String::new, |c| rest[..c].to_string())
}

impl Work<'_> {
    fn paragraph(&mut self, para: &Para, part: &Text) {
        if para.nodes.is_empty() {
            return;
        }
        let text = ParaText::new(self.xml, self.scan, para);
        if !text.full.contains(['{', '}']) {
            return;
        }
        let place = spot_text(part, &para.spot);
        let (found, finds) = tags::find_tags(&text.full);
        self.problems.extend(
            finds
                .into_iter()
                .map(|p| find_problem(p, &text.full, &place)),
        );
        if found.is_empty() {
            return;
        }
        let mut pieces: Vec<Vec<Piece>> = vec![Vec::new(); text.texts.len()];
        let mut run_tags: Vec<(usize, usize, usize)> = Vec::new();
        let mut pos = 0;
        for f in &found {
            text.push_lit(&mut pieces, pos, f.start);
            pos = f.end;
            let k = text.node_at(f.start);
            let node = &self.scan.nodes[para.nodes[k]];
            let id = self.tags.len();
            let info = self.tag_info(&text.full, f, node, &place);
            let structural = info.parsed.structural;
            let delim = info.parsed.delim;
            self.tags.push(info);
            let mut at = node.content_start;
            match structural {
                Some(Structural::Run) if node.run.is_some() => {
                    pieces[k].push(Piece::Tag(id));
                    run_tags.push((id, k, node.run.unwrap_or(0)));
                }
                Some(kind) => {
                    self.structural(id, kind, node, para);
                    // Counted where its element is, so it never swallows itself.
                    at = usize::MAX;
                }
                None => pieces[k].push(Piece::Tag(id)),
            }
            if delim != Delim::Comment {
                self.positions.push((at, id));
            }
        }
        text.push_lit(&mut pieces, pos, text.full.len());
        for (id, k, run) in run_tags {
            self.place_run_tag(id, k, run, para, &mut pieces);
        }
        self.rewrite_nodes(para, &text, pieces);
    }

    /// A tag as found: cleaned, parsed, with its place and context.
    fn tag_info(&mut self, full: &str, f: &tags::Found, node: &TNode, place: &Text) -> TagInfo {
        let text = tags::clean_tag(&full[f.start..f.end]);
        let parsed = tags::parse_tag(&text, f.delim);
        let ctx = context_window(full, f.start, f.end);
        let mut info = TagInfo {
            place: place.clone(),
            context: ctx.clone(),
            text: text.clone(),
            parsed,
            anchor: node.path.clone(),
            broken: false,
        };
        if f.delim == Delim::Expr && tags::is_rich_form(&text) {
            self.problems.push(Problem::new(
                "docx.rich_unsupported",
                Some(place.clone()),
                with_context(
                    t!("thẻ `{text}`: dạng {{{{p …}}}} / {{{{r …}}}} (văn bản định dạng sẵn) không được hỗ trợ; dùng {{{{ … }}}}" ;
                       "tag `{text}`: the {{{{p …}}}} / {{{{r …}}}} rich-text forms are not supported; use {{{{ … }}}}"),
                    &ctx,
                ),
            ));
            info.broken = true;
        }
        info
    }

    /// A structural tag replaces its row, cell or paragraph (or a run holding nothing else).
    fn structural(&mut self, id: usize, kind: Structural, node: &TNode, para: &Para) {
        let elem = match kind {
            Structural::Row => node.row,
            Structural::Cell => node.cell,
            Structural::Paragraph if self.flavor == Flavor::Word => Some(para.elem),
            Structural::Paragraph => None,
            Structural::Run => node.run,
        };
        match elem.and_then(|e| self.scan.elems.get(e)) {
            Some(e) => {
                self.tags[id].anchor = e.parent_path.clone();
                self.edits.push(Edit {
                    start: e.start,
                    end: e.end,
                    head: String::new(),
                    pieces: vec![Piece::Tag(id)],
                    structural: Some(id),
                });
            }
            None => {
                let (vi, en) = match kind {
                    Structural::Row => ("dòng của bảng", "a table row"),
                    Structural::Cell => ("ô của bảng", "a table cell"),
                    Structural::Paragraph => ("đoạn văn", "a paragraph"),
                    Structural::Run => ("đoạn chữ", "a run"),
                };
                let tag = &self.tags[id];
                let message = with_context(
                    t!("thẻ `{}` phải nằm trong {vi}", tag.text ; "tag `{}` must be inside {en}", tag.text),
                    &tag.context,
                );
                self.problems.push(Problem::new(
                    "docx.structural_place",
                    Some(tag.place.clone()),
                    message,
                ));
                self.tags[id].broken = true;
            }
        }
    }

    /// A `{%r %}` tag replaces its run when the run holds nothing else; otherwise the run is
    /// split around the tag so that its other text and tags stay.
    fn place_run_tag(
        &mut self,
        id: usize,
        k: usize,
        run: usize,
        para: &Para,
        pieces: &mut [Vec<Piece>],
    ) {
        let shares = para.nodes.iter().enumerate().any(|(j, &n)| {
            self.scan.nodes[n].run == Some(run)
                && pieces[j].iter().any(|p| match p {
                    Piece::Lit(s) => !s.is_empty(),
                    Piece::Tag(other) => *other != id,
                    Piece::RunSplit { .. } => true,
                })
        });
        let Some(slot) = pieces[k]
            .iter()
            .position(|p| matches!(p, Piece::Tag(t) if *t == id))
        else {
            return;
        };
        let node = &self.scan.nodes[para.nodes[k]];
        if shares {
            let elem = &self.scan.elems[run];
            self.tags[id].anchor = elem.parent_path.clone();
            let rpr = run_properties(self.xml, elem.start, node.tag_start);
            pieces[k][slot] = Piece::RunSplit { id, rpr };
        } else {
            pieces[k].remove(slot);
            if let Some(p) = self.positions.iter_mut().rev().find(|p| p.1 == id) {
                p.0 = usize::MAX;
            }
            self.structural(id, Structural::Run, node, para);
        }
    }

    /// Text nodes whose text changed are rewritten; each keeps its spaces
    /// (`xml:space="preserve"`) whatever the template said.
    fn rewrite_nodes(&mut self, para: &Para, text: &ParaText, mut pieces: Vec<Vec<Piece>>) {
        for (k, &n) in para.nodes.iter().enumerate() {
            let owns_tag = pieces[k].iter().any(|p| !matches!(p, Piece::Lit(_)));
            let lit: String = pieces[k]
                .iter()
                .filter_map(|p| match p {
                    Piece::Lit(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            if !owns_tag && lit == text.texts[k] {
                continue;
            }
            let node = &self.scan.nodes[n];
            let start_tag = self
                .xml
                .get(node.tag_start..node.content_start)
                .unwrap_or("<w:t>");
            let head = if self.flavor == Flavor::Word && !start_tag.contains("xml:space") {
                let body = start_tag.trim_end_matches('>');
                format!("{body} xml:space=\"preserve\">")
            } else {
                start_tag.to_string()
            };
            self.edits.push(Edit {
                start: node.tag_start,
                end: node.content_end,
                head,
                pieces: std::mem::take(&mut pieces[k]),
                structural: None,
            });
        }
    }

    /// Structural edits: one per element, and nothing else inside.
    fn check_structural(&mut self) {
        self.positions.sort_unstable();
        let mut structural: Vec<(usize, usize, usize)> = self
            .edits
            .iter()
            .filter_map(|e| e.structural.map(|id| (e.start, e.end, id)))
            .collect();
        structural.sort_unstable();
        for w in structural.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a.0 == b.0 && a.1 == b.1 {
                let (first, second) = (&self.tags[a.2], &self.tags[b.2]);
                self.problems.push(Problem::new(
                    "docx.structural_duplicate",
                    Some(second.place.clone()),
                    with_context(
                        t!("thẻ `{}` và `{}` cùng thay một phần tử; mỗi dòng/ô/đoạn chỉ được có một thẻ dạng {{%tr/tc/p/r %}}", first.text, second.text ;
                           "tags `{}` and `{}` replace the same element; a row/cell/paragraph can hold only one {{%tr/tc/p/r %}} tag", first.text, second.text),
                        &second.context,
                    ),
                ));
                self.tags[b.2].broken = true;
            }
        }
        for &(start, end, id) in &structural {
            if self.tags[id].broken {
                continue;
            }
            if let Some(other) = swallowed(&self.positions, &structural, (start, end, id)) {
                let me = &self.tags[id];
                let o = &self.tags[other];
                // Still a sound block tag: left in the block checks to avoid a cascade.
                self.problems.push(Problem::new(
                    "docx.structural_mixed",
                    Some(me.place.clone()),
                    with_context(
                        t!("thẻ `{}` thay cả phần tử chứa nó, nên thẻ `{}` ở cùng dòng/ô/đoạn sẽ mất; hãy đặt thẻ `{}` ở dòng/đoạn riêng", me.text, o.text, me.text ;
                           "tag `{}` replaces its whole element, so tag `{}` in the same row/cell/paragraph would be lost; put `{}` in its own row/paragraph", me.text, o.text, me.text),
                        &me.context,
                    ),
                ));
            }
        }
    }
}

/// The first tag the structural edit `(start, end, id)` would swallow: an inline tag inside
/// its element, or another structural tag's element nested in it. Elements nest or are
/// disjoint, so the first element starting inside is nested: no scan over every pair.
fn swallowed(
    positions: &[(usize, usize)],
    structural: &[(usize, usize, usize)],
    (start, end, id): (usize, usize, usize),
) -> Option<usize> {
    let lo = positions.partition_point(|&(p, _)| p < start);
    let hi = positions.partition_point(|&(p, _)| p < end);
    if let Some(&(_, t)) = positions[lo..hi].iter().find(|&&(_, t)| t != id) {
        return Some(t);
    }
    let from = structural.partition_point(|&(s, _, _)| s < start);
    structural[from..]
        .iter()
        .take_while(|&&(s, _, _)| s < end)
        .find(|&&(s, e, o)| o != id && e <= end && (s, e) != (start, end))
        .map(|&(_, _, o)| o)
}

/// Keeps the outermost edits: anything inside a structural edit goes with it.
fn outermost(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        if let Some(last) = kept.last()
            && e.start < last.end
        {
            continue;
        }
        kept.push(e);
    }
    kept
}

/// Writes the tera source: untouched bytes copied, literal text re-escaped, each tag as tera
/// reads it with its span remembered.
fn emit(xml: &str, kept: &[Edit], tags: &[TagInfo]) -> Prepared {
    let mut out = Prepared {
        source: String::with_capacity(xml.len() + xml.len() / 4),
        ..Prepared::default()
    };
    let mut pos = 0;
    for e in kept {
        push_raw(&mut out.source, xml.get(pos..e.start).unwrap_or(""));
        out.source.push_str(&e.head);
        for p in &e.pieces {
            match p {
                Piece::Lit(s) => push_text(&mut out.source, s),
                Piece::Tag(id) => emit_tag(&mut out, tags, *id),
                Piece::RunSplit { id, rpr } => {
                    out.source.push_str("</w:t></w:r>");
                    emit_tag(&mut out, tags, *id);
                    out.source.push_str("<w:r>");
                    out.source.push_str(rpr);
                    out.source.push_str("<w:t xml:space=\"preserve\">");
                }
            }
        }
        pos = e.end;
    }
    push_raw(&mut out.source, xml.get(pos..).unwrap_or(""));
    out
}

/// One tag as tera reads it; comments leave nothing.
fn emit_tag(out: &mut Prepared, tags: &[TagInfo], id: usize) {
    let info = &tags[id];
    if info.parsed.delim == Delim::Comment {
        return;
    }
    let start = out.source.len();
    let p = &info.parsed;
    if p.delim == Delim::Expr {
        // Every value passes through the output filter: numbers the Vietnamese way, null as
        // nothing.
        write!(
            out.source,
            "{{{{{} ({}) | {} {}}}}}",
            if p.trim_left { "-" } else { "" },
            tags::tera_body(&p.body),
            super::filters::OUT_FILTER,
            if p.trim_right { "-" } else { "" }
        )
        .ok();
    } else {
        out.source.push_str(&p.to_tera());
    }
    out.spans.push((start, out.source.len(), id));
    out.order.push(id);
    match (p.keyword(), p.structural) {
        ("for", _) => out.has_loops = true,
        (_, Some(Structural::Cell)) => out.has_cell_tags = true,
        (_, Some(Structural::Paragraph)) => out.has_paragraph_tags = true,
        _ => {}
    }
}

/// Appends a problem's paragraph context.
pub(crate) fn with_context(message: Text, context: &str) -> Text {
    if context.is_empty() {
        return message;
    }
    t!("{}, trong đoạn «{context}»", message.vi ; "{}, in paragraph «{context}»", message.en)
}

/// Raw XML copied as it is, except that a `{` that tera could read as an opener becomes a
/// character reference (the same character to any XML reader).
fn push_raw(out: &mut String, raw: &str) {
    if !raw.contains('{') {
        out.push_str(raw);
        return;
    }
    let b = raw.as_bytes();
    let mut last = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'{' && matches!(b.get(i + 1), None | Some(b'{' | b'%' | b'#')) {
            out.push_str(&raw[last..i]);
            out.push_str("&#123;");
            last = i + 1;
        }
    }
    out.push_str(&raw[last..]);
}

/// Literal text of a node, XML-escaped and protected the same way.
fn push_text(out: &mut String, text: &str) {
    let escaped = quick_xml::escape::partial_escape(text);
    push_raw(out, &escaped);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label() -> Text {
        t!("thân văn bản" ; "body")
    }

    #[test]
    fn joins_split_tags_around_empty_nodes() {
        let xml = r#"<w:p><w:r><w:t></w:t></w:r><w:r><w:t>a {</w:t></w:r><w:r><w:t></w:t></w:r><w:r><w:t>{ x }} &amp; {</w:t></w:r></w:p>"#;
        let (p, problems) = prepare(xml, &label(), Flavor::Word).unwrap();
        assert!(problems.is_empty(), "a lone brace is text");
        assert_eq!(
            p.source,
            r#"<w:p><w:r><w:t></w:t></w:r><w:r><w:t xml:space="preserve">a {{ (x) | __v }}</w:t></w:r><w:r><w:t></w:t></w:r><w:r><w:t xml:space="preserve"> &amp; &#123;</w:t></w:r></w:p>"#,
            "a rewritten node keeps its leading space"
        );
    }

    #[test]
    fn raw_braces_cannot_open_tags() {
        let xml = r#"<w:p w:x="{{"><w:r><w:instrText>{% x %}</w:instrText><w:t>{{ a }}</w:t></w:r></w:p>"#;
        let (p, problems) = prepare(xml, &label(), Flavor::Word).unwrap();
        assert!(problems.is_empty());
        assert_eq!(
            p.source,
            r#"<w:p w:x="&#123;{"><w:r><w:instrText>&#123;% x %}</w:instrText><w:t xml:space="preserve">{{ (a) | __v }}</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn context_is_cut_around_the_tag() {
        let text = format!("{}{{{{ x }}}}{}", "a".repeat(100), "b".repeat(100));
        let w = context_window(&text, 100, 107);
        assert_eq!(
            w,
            format!("…{}{{{{ x }}}}{}…", "a".repeat(30), "b".repeat(30))
        );
    }
}
