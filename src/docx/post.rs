//! Repairs after rendering: loops copy drawing ids and bookmarks (Word calls a document with
//! duplicate ids "unreadable"), and `{%tc %}` loops change how many cells a row has, so the
//! table grid must follow.
//!
//! These passes work on our own output, whose start tags come from the template unchanged,
//! so plain text scanning of the few start tags involved is enough.

use std::collections::BTreeMap;

/// The value of attribute `attr` in start tag `tag`, with its byte range in `tag`.
fn attr_range(tag: &str, attr: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(off) = tag.get(from..)?.find(attr) {
        let at = from + off;
        let before_ok = tag[..at].ends_with(char::is_whitespace);
        let after = &tag[at + attr.len()..];
        let trimmed = after.trim_start();
        if before_ok && trimmed.starts_with('=') {
            let eq = at + attr.len() + (after.len() - trimmed.len());
            let rest = &tag[eq + 1..];
            let rest_trim = rest.trim_start();
            let q_at = eq + 1 + (rest.len() - rest_trim.len());
            let quote = rest_trim.chars().next()?;
            if quote != '"' && quote != '\'' {
                return None;
            }
            let start = q_at + 1;
            let end = start + tag[start..].find(quote)?;
            return Some((start, end));
        }
        from = at + attr.len();
    }
    None
}

/// The byte ranges of every start tag named `name` (`<wp:docPr`) in `xml`.
fn tag_ranges<'a>(xml: &'a str, name: &str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let open = format!("<{name}");
    let mut pos = 0;
    std::iter::from_fn(move || {
        loop {
            let start = pos + xml.get(pos..)?.find(&open)?;
            let end = start + xml.get(start..)?.find('>')? + 1;
            pos = end;
            let after = xml.as_bytes().get(start + open.len()).copied();
            if matches!(after, Some(b' ' | b'/' | b'>' | b'\t' | b'\n' | b'\r')) {
                return Some((start, end));
            }
        }
    })
}

/// Calls `f` on every start tag named `name` (`<wp:docPr`), letting it rewrite the tag.
fn rewrite_tags(xml: &str, name: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut pos = 0;
    for (start, end) in tag_ranges(xml, name) {
        out.push_str(&xml[pos..start]);
        let tag = &xml[start..end];
        match f(tag) {
            Some(new) => out.push_str(&new),
            None => out.push_str(tag),
        }
        pos = end;
    }
    out.push_str(&xml[pos..]);
    out
}

/// The largest numeric value of attribute `attr` over the start tags named `name`.
fn max_attr(xml: &str, name: &str, attr: &str) -> u64 {
    tag_ranges(xml, name)
        .filter_map(|(s, e)| {
            let tag = &xml[s..e];
            let (a, b) = attr_range(tag, attr)?;
            tag[a..b].parse().ok()
        })
        .max()
        .unwrap_or(0)
}

fn set_attr(tag: &str, attr: &str, value: &str) -> Option<String> {
    let (s, e) = attr_range(tag, attr)?;
    Some(format!("{}{value}{}", &tag[..s], &tag[e..]))
}

/// Whether `xml` has an id [`renumber_ids`] may change (a drawing's or a bookmark's).
#[must_use]
pub(crate) fn has_ids(xml: &[u8]) -> bool {
    memchr::memmem::find(xml, b"<wp:docPr").is_some()
        || memchr::memmem::find(xml, b"<w:bookmarkStart").is_some()
}

/// Gives every `wp:docPr` a unique id and every repeated bookmark a new id and name. A part
/// with neither comes back as it is, without a copy (a committee report's body is megabytes).
#[must_use]
pub(crate) fn renumber_ids(xml: String) -> String {
    let mut xml = xml;
    if !has_ids(xml.as_bytes()) {
        return xml;
    }
    if xml.contains("<wp:docPr") {
        let mut max = max_attr(&xml, "wp:docPr", "id");
        let mut seen = std::collections::BTreeSet::new();
        let next = &mut max;
        let out = rewrite_tags(&xml, "wp:docPr", |tag| {
            let (s, e) = attr_range(tag, "id")?;
            let id: u64 = tag[s..e].parse().ok()?;
            if seen.insert(id) {
                return None;
            }
            *next += 1;
            seen.insert(*next);
            set_attr(tag, "id", &next.to_string())
        });
        xml = out;
    }
    if xml.contains("<w:bookmarkStart") {
        let mut max = max_attr(&xml, "w:bookmarkStart", "w:id");
        // Old id → the id given to its latest start; ends follow their start.
        let mut current: BTreeMap<String, String> = BTreeMap::new();
        let mut seen_ids = std::collections::BTreeSet::new();
        let mut seen_names: BTreeMap<String, usize> = BTreeMap::new();
        let mut out = String::with_capacity(xml.len());
        let mut pos = 0;
        let s: &str = &xml;
        // One pass over starts and ends in document order; the next of each kind is looked
        // for again only once it is consumed (searching both every time was quadratic when
        // one kind is rare).
        let find_from = |from: usize, what: &str| s.get(from..)?.find(what).map(|o| from + o);
        let mut next_start = find_from(0, "<w:bookmarkStart");
        let mut next_end = find_from(0, "<w:bookmarkEnd");
        loop {
            if next_start.is_some_and(|a| a < pos) {
                next_start = find_from(pos, "<w:bookmarkStart");
            }
            if next_end.is_some_and(|b| b < pos) {
                next_end = find_from(pos, "<w:bookmarkEnd");
            }
            let (at, is_start) = match (next_start, next_end) {
                (Some(a), Some(b)) if a < b => (a, true),
                (Some(a), None) => (a, true),
                (_, Some(b)) => (b, false),
                (None, None) => break,
            };
            let Some(end) = s[at..].find('>').map(|e| at + e + 1) else {
                break;
            };
            out.push_str(&s[pos..at]);
            let tag = &s[at..end];
            let mut new_tag = tag.to_string();
            if let Some((a, b)) = attr_range(tag, "w:id") {
                let old = tag[a..b].to_string();
                if is_start {
                    let id: u64 = old.parse().unwrap_or(0);
                    let new_id = if seen_ids.insert(id) {
                        old.clone()
                    } else {
                        max += 1;
                        seen_ids.insert(max);
                        max.to_string()
                    };
                    new_tag = set_attr(&new_tag, "w:id", &new_id).unwrap_or(new_tag);
                    current.insert(old, new_id);
                    if let Some((na, nb)) = attr_range(&new_tag, "w:name") {
                        let name = new_tag[na..nb].to_string();
                        let n = seen_names.entry(name.clone()).or_insert(0);
                        *n += 1;
                        if *n > 1 && !name.starts_with('_') {
                            let renamed = format!("{name}_{n}");
                            new_tag = set_attr(&new_tag, "w:name", &renamed).unwrap_or(new_tag);
                        }
                    }
                } else if let Some(new_id) = current.get(&old) {
                    new_tag = set_attr(&new_tag, "w:id", new_id).unwrap_or(new_tag);
                }
            }
            out.push_str(&new_tag);
            pos = end;
        }
        out.push_str(&s[pos..]);
        xml = out;
    }
    xml
}

/// Makes each table's grid match its widest row after `{%tc %}` loops: columns are added or
/// removed and the table's total width is shared out evenly.
#[must_use]
pub(crate) fn fix_grids(xml: &str) -> String {
    // Find every table's grid and its rows' cell counts, innermost tables handled as their
    // own tables. Positions are byte offsets in `xml`.
    struct Table {
        grid: Option<(usize, usize)>,
        cols: Vec<u64>,
        max_cells: usize,
        cells_in_row: usize,
    }
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut stack: Vec<Table> = Vec::new();
    let mut pos = 0;
    while let Some(off) = xml[pos..].find('<') {
        let at = pos + off;
        let Some(end) = xml[at..].find('>').map(|e| at + e + 1) else {
            break;
        };
        let tag = &xml[at..end];
        let from = if tag.starts_with("</") { 2 } else { 1 };
        let name_end = tag[from..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(tag.len(), |e| e + from);
        // Closing tags read as `/name`.
        let name = &tag[1..name_end];
        let self_closing = tag.ends_with("/>");
        match name {
            "w:tbl" if !self_closing => stack.push(Table {
                grid: None,
                cols: Vec::new(),
                max_cells: 0,
                cells_in_row: 0,
            }),
            "w:tblGrid" if !self_closing => {
                if let Some(t) = stack.last_mut() {
                    let close = xml[at..].find("</w:tblGrid>").map(|e| at + e + 12);
                    if let Some(close) = close {
                        t.grid = Some((at, close));
                    }
                }
            }
            "w:gridCol" => {
                if let Some(t) = stack.last_mut()
                    && t.grid.is_some_and(|(s, e)| at > s && at < e)
                {
                    let w = attr_range(tag, "w:w")
                        .and_then(|(s, e)| tag[s..e].parse().ok())
                        .unwrap_or(0);
                    t.cols.push(w);
                }
            }
            "w:tr" if !self_closing => {
                if let Some(t) = stack.last_mut() {
                    t.cells_in_row = 0;
                }
            }
            "w:tc" if !self_closing => {
                if let Some(t) = stack.last_mut() {
                    t.cells_in_row += 1;
                }
            }
            "w:gridSpan" => {
                if let Some(t) = stack.last_mut() {
                    let span: usize = attr_range(tag, "w:val")
                        .and_then(|(s, e)| tag[s..e].parse().ok())
                        .unwrap_or(1);
                    t.cells_in_row += span.saturating_sub(1);
                }
            }
            "/w:tr" => {
                if let Some(t) = stack.last_mut() {
                    t.max_cells = t.max_cells.max(t.cells_in_row);
                }
            }
            "/w:tbl" => {
                if let Some(t) = stack.pop()
                    && let Some((s, e)) = t.grid
                    && t.max_cells > 0
                    && t.max_cells != t.cols.len()
                {
                    let total: u64 = t.cols.iter().sum();
                    let n = t.max_cells as u64;
                    let each = if total > 0 { total / n } else { 0 };
                    let mut grid = String::from("<w:tblGrid>");
                    for _ in 0..t.max_cells {
                        grid.push_str(&format!("<w:gridCol w:w=\"{each}\"/>"));
                    }
                    grid.push_str("</w:tblGrid>");
                    edits.push((s, e, grid));
                }
            }
            _ => {}
        }
        pos = end;
    }
    if edits.is_empty() {
        return xml.to_string();
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(xml.len());
    let mut pos = 0;
    for (s, e, text) in edits {
        if s < pos {
            continue;
        }
        out.push_str(&xml[pos..s]);
        out.push_str(&text);
        pos = e;
    }
    out.push_str(&xml[pos..]);
    out
}

/// True when `xml[at..]` starts the element `name` (`<w:tc` but not `<w:tcPr`).
fn starts_element(xml: &[u8], at: usize, name: &[u8]) -> bool {
    xml.get(at + 1..at + 1 + name.len()) == Some(name)
        && matches!(
            xml.get(at + 1 + name.len()),
            Some(b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r')
        )
}

/// Every table cell keeps at least one paragraph (the format requires one; Word calls a
/// document with an empty cell unreadable): a cell emptied by `{%p if %}` gets an empty
/// paragraph back.
pub(crate) fn keep_cell_paragraphs(xml: String) -> String {
    let b = xml.as_bytes();
    // Per open cell: whether it holds a paragraph of its own.
    let mut cells: Vec<bool> = Vec::new();
    let mut inserts: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        let at = i + off;
        if starts_element(b, at, b"w:tc") {
            let self_closed = xml[at..]
                .find('>')
                .is_some_and(|gt| xml[..at + gt].ends_with('/'));
            if !self_closed {
                cells.push(false);
            }
        } else if starts_element(b, at, b"w:p") {
            if let Some(top) = cells.last_mut() {
                *top = true;
            }
        } else if b[at..].starts_with(b"</w:tc>") && cells.pop() == Some(false) {
            inserts.push(at);
        }
        i = at + 1;
    }
    if inserts.is_empty() {
        return xml;
    }
    let mut out = String::with_capacity(xml.len() + inserts.len() * 6);
    let mut pos = 0;
    for at in inserts {
        out.push_str(&xml[pos..at]);
        out.push_str("<w:p/>");
        pos = at;
    }
    out.push_str(&xml[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_a_paragraph() {
        let xml = r#"<w:tbl><w:tr><w:tc><w:tcPr/></w:tc><w:tc><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:pPr/></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"#;
        assert_eq!(
            keep_cell_paragraphs(xml.to_string()),
            r#"<w:tbl><w:tr><w:tc><w:tcPr/><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:pPr/></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"#
        );
    }

    #[test]
    fn renumbers_duplicates() {
        let xml = r#"<a><wp:docPr id="1" name="a"/><wp:docPr id="1" name="a"/><w:bookmarkStart w:id="0" w:name="x"/><w:bookmarkEnd w:id="0"/><w:bookmarkStart w:id="0" w:name="x"/><w:bookmarkEnd w:id="0"/></a>"#;
        assert_eq!(
            renumber_ids(xml.to_string()),
            r#"<a><wp:docPr id="1" name="a"/><wp:docPr id="2" name="a"/><w:bookmarkStart w:id="0" w:name="x"/><w:bookmarkEnd w:id="0"/><w:bookmarkStart w:id="1" w:name="x_2"/><w:bookmarkEnd w:id="1"/></a>"#
        );
    }

    #[test]
    fn grid_follows_rows() {
        let xml = r#"<w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc></w:tc><w:tc></w:tc><w:tc></w:tc></w:tr></w:tbl>"#;
        assert_eq!(
            fix_grids(xml),
            r#"<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc></w:tc><w:tc></w:tc><w:tc></w:tc></w:tr></w:tbl>"#
        );
    }
}
