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

fn scan(xml: &str) -> Result<Scan, (&'static str, Text)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Scan::default();
    // (name, element index if recorded, paragraph index if a paragraph)
    let mut stack: Vec<(&str, Option<usize>, Option<usize>)> = Vec::new();
    // (table number, rows so far, cells in the current row)
    let mut tables: Vec<(usize, usize, usize)> = Vec::new();
    let mut table_count = 0;
    let mut para_count = 0;
    let mut open_t: Option<usize> = None;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader.read_event().map_err(|e| {
            let pos = reader.error_position();
            (
                "docx.xml_malformed",
                t!("XML hỏng ở byte {pos}: {e}" ; "malformed XML at byte {pos}: {e}"),
            )
        })?;
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
                let path = path_of(&stack);
                let kind = match name {
                    "w:p" => Some(Kind::P),
                    "w:r" => Some(Kind::R),
                    "w:tr" => Some(Kind::Tr),
                    "w:tc" => Some(Kind::Tc),
                    _ => None,
                };
                match name {
                    "w:tbl" => {
                        table_count += 1;
                        tables.push((table_count, 0, 0));
                    }
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.1 += 1;
                            t.2 = 0;
                        }
                    }
                    "w:tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.2 += 1;
                        }
                    }
                    _ => {}
                }
                let elem = kind.map(|kind| {
                    out.elems.push(Elem {
                        kind,
                        start: before,
                        end: before,
                        parent_path: path.clone(),
                    });
                    out.elems.len() - 1
                });
                let mut para = None;
                if name == "w:p" {
                    let spot = match tables.last() {
                        Some(&(table, row, cell)) if innermost_cell(&stack) => {
                            Spot::Cell { table, row, cell }
                        }
                        _ => {
                            para_count += 1;
                            Spot::Paragraph(para_count)
                        }
                    };
                    out.paras.push(Para {
                        elem: elem.unwrap_or(0),
                        nodes: Vec::new(),
                        spot,
                    });
                    para = Some(out.paras.len() - 1);
                }
                if name == "w:t" && stack.last().is_some_and(|s| s.0 == "w:r") {
                    let find = |k: Kind| {
                        stack
                            .iter()
                            .rev()
                            .filter_map(|s| s.1)
                            .find(|&i| out.elems.get(i).is_some_and(|e| e.kind == k))
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
                    out.nodes.push(node);
                    let idx = out.nodes.len() - 1;
                    open_t = Some(idx);
                    if let Some(p) = stack.iter().rev().find_map(|s| s.2)
                        && let Some(para) = out.paras.get_mut(p)
                    {
                        para.nodes.push(idx);
                    }
                }
                stack.push((name, elem, para));
            }
            Event::Empty(e) => {
                let name = qname(xml, before, e.name().as_ref().len());
                if name == "w:p" {
                    match tables.last() {
                        Some(_) if innermost_cell(&stack) => {}
                        _ => para_count += 1,
                    }
                }
            }
            Event::End(_) => {
                if let Some((name, elem, _)) = stack.pop() {
                    if let Some(i) = elem
                        && let Some(e) = out.elems.get_mut(i)
                    {
                        e.end = after;
                    }
                    match name {
                        "w:tbl" => {
                            tables.pop();
                        }
                        "w:t" => {
                            if let Some(n) = open_t.take()
                                && let Some(node) = out.nodes.get_mut(n)
                            {
                                node.content_end = before;
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The element name as written in the source (`<w:p …` → `w:p`).
fn qname(xml: &str, start: usize, len: usize) -> &str {
    xml.get(start + 1..start + 1 + len).unwrap_or("")
}

fn path_of(stack: &[(&str, Option<usize>, Option<usize>)]) -> String {
    let mut s = String::new();
    for (name, _, _) in stack {
        s.push('/');
        s.push_str(name);
    }
    s
}

/// True when the nearest table-ish ancestor is a cell (a text box inside a cell still counts
/// as the cell).
fn innermost_cell(stack: &[(&str, Option<usize>, Option<usize>)]) -> bool {
    stack.iter().any(|s| s.0 == "w:tc")
}

/// A piece of a rewritten text node.
#[derive(Clone, Debug)]
enum Piece {
    Lit(String),
    Tag(usize),
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
/// The XML cannot be read (malformed, or has a DOCTYPE). Tag problems come back with the
/// prepared part, so that later checks still run on the healthy tags.
pub(crate) fn prepare(xml: &str, part: &Text) -> Result<(Prepared, Vec<Problem>), Vec<Problem>> {
    let scan = scan(xml).map_err(|(code, message)| {
        vec![Problem {
            code,
            place: Some(part.clone()),
            message,
        }]
    })?;
    let mut problems = Vec::new();
    let mut tags_out: Vec<TagInfo> = Vec::new();
    let mut edits: Vec<Edit> = Vec::new();
    // (position in the XML, tag) of every non-comment tag, to find tags a structural tag
    // would swallow.
    let mut positions: Vec<(usize, usize)> = Vec::new();

    for para in &scan.paras {
        if para.nodes.is_empty() {
            continue;
        }
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
        if !full.contains(['{', '}']) {
            continue;
        }
        let place = spot_text(part, &para.spot);
        let (found, finds) = tags::find_tags(&full);
        for p in finds {
            let (start, message) = match p {
                FindProblem::Unclosed { start, delim } => {
                    let closer = match delim {
                        Delim::Expr => "}}",
                        Delim::Stmt => "%}",
                        Delim::Comment => "#}",
                    };
                    let shown: String = full[start..].chars().take(40).collect();
                    (
                        start,
                        t!("thẻ `{shown}` chưa đóng (thiếu `{closer}`)" ;
                           "tag `{shown}` is not closed (missing `{closer}`)"),
                    )
                }
                FindProblem::Unopened { start, closer } => (
                    start,
                    t!("có `{closer}` mà không có thẻ mở tương ứng" ;
                       "`{closer}` without a matching opening"),
                ),
            };
            let code = if message.en.contains("not closed") {
                "docx.tag_unclosed"
            } else {
                "docx.tag_unopened"
            };
            let ctx = context_window(&full, start, start + 2);
            problems.push(Problem {
                code,
                place: Some(place.clone()),
                message: with_context(message, &ctx),
            });
        }
        if found.is_empty() {
            continue;
        }
        // Byte offsets where each node's text starts in `full`.
        let mut bounds = Vec::with_capacity(texts.len() + 1);
        let mut acc = 0;
        for t in &texts {
            bounds.push(acc);
            acc += t.len();
        }
        bounds.push(acc);
        // The node holding byte `pos`: the last one starting at or before it (empty nodes
        // share their start with the next one and never hold a byte).
        let starts = &bounds[..texts.len()];
        let node_at = |pos: usize| -> usize { starts.partition_point(|&b| b <= pos).max(1) - 1 };
        let mut pieces: Vec<Vec<Piece>> = vec![Vec::new(); texts.len()];
        let mut owns_tag = vec![false; texts.len()];
        let push_lit = |pieces: &mut Vec<Vec<Piece>>, from: usize, to: usize| {
            let mut pos = from;
            while pos < to {
                let k = node_at(pos);
                let stop = bounds[k + 1].min(to);
                pieces[k].push(Piece::Lit(full[pos..stop].to_string()));
                pos = stop;
            }
        };
        let mut pos = 0;
        for f in &found {
            push_lit(&mut pieces, pos, f.start);
            pos = f.end;
            let k = node_at(f.start);
            let node = &scan.nodes[para.nodes[k]];
            let text = tags::clean_tag(&full[f.start..f.end]);
            let parsed = tags::parse_tag(&text, f.delim);
            let ctx = context_window(&full, f.start, f.end);
            let id = tags_out.len();
            let mut info = TagInfo {
                place: place.clone(),
                context: ctx.clone(),
                text: text.clone(),
                parsed: parsed.clone(),
                anchor: node.path.clone(),
                broken: false,
            };
            if f.delim == Delim::Expr && tags::is_rich_form(&text) {
                problems.push(Problem {
                    code: "docx.rich_unsupported",
                    place: Some(place.clone()),
                    message: with_context(
                        t!("thẻ `{text}`: dạng {{{{p …}}}} / {{{{r …}}}} (văn bản định dạng sẵn) không được hỗ trợ; dùng {{{{ … }}}}" ;
                           "tag `{text}`: the {{{{p …}}}} / {{{{r …}}}} rich-text forms are not supported; use {{{{ … }}}}"),
                        &ctx,
                    ),
                });
                info.broken = true;
            }
            if let Some(kind) = parsed.structural {
                let elem = match kind {
                    Structural::Row => node.row,
                    Structural::Cell => node.cell,
                    Structural::Paragraph => Some(para.elem),
                    Structural::Run => node.run,
                };
                match elem.and_then(|e| scan.elems.get(e)) {
                    Some(e) => {
                        info.anchor = e.parent_path.clone();
                        edits.push(Edit {
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
                        problems.push(Problem {
                            code: "docx.structural_place",
                            place: Some(place.clone()),
                            message: with_context(
                                t!("thẻ `{text}` phải nằm trong {vi}" ; "tag `{text}` must be inside {en}"),
                                &ctx,
                            ),
                        });
                        info.broken = true;
                    }
                }
            } else {
                pieces[k].push(Piece::Tag(id));
                owns_tag[k] = true;
            }
            if f.delim != Delim::Comment {
                let at = if parsed.structural.is_some() {
                    // Counted where its element is, so it never swallows itself.
                    usize::MAX
                } else {
                    node.content_start
                };
                positions.push((at, id));
            }
            tags_out.push(info);
        }
        push_lit(&mut pieces, pos, full.len());
        for (k, &n) in para.nodes.iter().enumerate() {
            let lit: String = pieces[k]
                .iter()
                .filter_map(|p| match p {
                    Piece::Lit(s) => Some(s.as_str()),
                    Piece::Tag(_) => None,
                })
                .collect();
            let node = &scan.nodes[n];
            if !owns_tag[k] && lit == texts[k] {
                continue;
            }
            let start_tag = xml
                .get(node.tag_start..node.content_start)
                .unwrap_or("<w:t>");
            let head = if owns_tag[k] && !start_tag.contains("xml:space") {
                let body = start_tag.trim_end_matches('>');
                format!("{body} xml:space=\"preserve\">")
            } else {
                start_tag.to_string()
            };
            edits.push(Edit {
                start: node.tag_start,
                end: node.content_end,
                head,
                pieces: std::mem::take(&mut pieces[k]),
                structural: None,
            });
        }
    }

    // Structural edits: one per element, and nothing else inside.
    positions.sort_unstable();
    let mut structural: Vec<(usize, usize, usize)> = edits
        .iter()
        .filter_map(|e| e.structural.map(|id| (e.start, e.end, id)))
        .collect();
    structural.sort_unstable();
    for w in structural.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a.0 == b.0 && a.1 == b.1 {
            let (first, second) = (&tags_out[a.2], &tags_out[b.2]);
            problems.push(Problem {
                code: "docx.structural_duplicate",
                place: Some(second.place.clone()),
                message: with_context(
                    t!("thẻ `{}` và `{}` cùng thay một phần tử; mỗi dòng/ô/đoạn chỉ được có một thẻ dạng {{%tr/tc/p/r %}}", first.text, second.text ;
                       "tags `{}` and `{}` replace the same element; a row/cell/paragraph can hold only one {{%tr/tc/p/r %}} tag", first.text, second.text),
                    &second.context,
                ),
            });
            tags_out[b.2].broken = true;
        }
    }
    for &(start, end, id) in &structural {
        if tags_out[id].broken {
            continue;
        }
        let lo = positions.partition_point(|&(p, _)| p < start);
        let hi = positions.partition_point(|&(p, _)| p < end);
        let mut inner: Vec<usize> = positions[lo..hi].iter().map(|&(_, t)| t).collect();
        // Structural tags nested inside this element.
        inner.extend(
            structural
                .iter()
                .filter(|&&(s, e, o)| o != id && s >= start && e <= end && (s, e) != (start, end))
                .map(|&(_, _, o)| o),
        );
        if let Some(&other) = inner.first() {
            let me = &tags_out[id];
            let o = &tags_out[other];
            problems.push(Problem {
                code: "docx.structural_mixed",
                place: Some(me.place.clone()),
                message: with_context(
                    t!("thẻ `{}` thay cả phần tử chứa nó, nên thẻ `{}` ở cùng dòng/ô/đoạn sẽ mất; hãy đặt thẻ `{}` ở dòng/đoạn riêng", me.text, o.text, me.text ;
                       "tag `{}` replaces its whole element, so tag `{}` in the same row/cell/paragraph would be lost; put `{}` in its own row/paragraph", me.text, o.text, me.text),
                    &me.context,
                ),
            });
            // Still a sound block tag: left in the block checks to avoid a cascade.
        }
    }

    // Keep the outermost edits: anything inside a structural edit goes with it.
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

    // Emit.
    let mut out = Prepared {
        source: String::with_capacity(xml.len() + xml.len() / 4),
        ..Prepared::default()
    };
    let mut pos = 0;
    for e in &kept {
        push_raw(&mut out.source, xml.get(pos..e.start).unwrap_or(""));
        out.source.push_str(&e.head);
        for p in &e.pieces {
            match p {
                Piece::Lit(s) => push_text(&mut out.source, s),
                Piece::Tag(id) => {
                    let info = &tags_out[*id];
                    if info.parsed.delim == Delim::Comment {
                        continue;
                    }
                    let start = out.source.len();
                    if info.parsed.delim == Delim::Expr {
                        let p = &info.parsed;
                        // Every value passes through the output filter: numbers the
                        // Vietnamese way, null as nothing.
                        write!(
                            out.source,
                            "{{{{{} ({}) | {} {}}}}}",
                            if p.trim_left { "-" } else { "" },
                            p.body,
                            super::filters::OUT_FILTER,
                            if p.trim_right { "-" } else { "" }
                        )
                        .ok();
                    } else {
                        out.source.push_str(&info.parsed.to_tera());
                    }
                    out.spans.push((start, out.source.len(), *id));
                    out.order.push(*id);
                    if info.parsed.keyword() == "for" {
                        out.has_loops = true;
                    }
                    if info.parsed.structural == Some(Structural::Cell) {
                        out.has_cell_tags = true;
                    }
                }
            }
        }
        pos = e.end;
    }
    push_raw(&mut out.source, xml.get(pos..).unwrap_or(""));
    out.tags = tags_out;
    Ok((out, problems))
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
        let (p, problems) = prepare(xml, &label()).unwrap();
        assert!(problems.is_empty(), "a lone brace is text");
        assert_eq!(
            p.source,
            r#"<w:p><w:r><w:t></w:t></w:r><w:r><w:t xml:space="preserve">a {{ (x) | __v }}</w:t></w:r><w:r><w:t></w:t></w:r><w:r><w:t> &amp; &#123;</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn raw_braces_cannot_open_tags() {
        let xml = r#"<w:p w:x="{{"><w:r><w:instrText>{% x %}</w:instrText><w:t>{{ a }}</w:t></w:r></w:p>"#;
        let (p, problems) = prepare(xml, &label()).unwrap();
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
