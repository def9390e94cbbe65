//! Stage 4: the Word template engine.
//!
//! A [`Template`] is a `.docx` whose text holds tera tags (`{{ chi_bo.ten }}`,
//! `{% for %}`, `{%tr for … %}` …). [`Template::parse`] opens the package once, prepares
//! every part that carries text (body, headers, footers, footnotes, endnotes; text boxes
//! inside them) and compiles it; [`Template::render`] fills it from JSON data and returns the
//! bytes of a new package in which every part without tags is copied raw.
//!
//! The engine knows nothing about Party documents: the Vietnamese filters
//! ([`filters`]) are general formatting helpers.

pub mod filters;
pub mod format;
mod package;
mod post;
mod prepare;
mod structure;
mod tags;

use std::io::Cursor;

use tera::{Context, Tera};

pub use filters::{
    bang_chu, gio, la_ma, ngay, ngay_day_du, ngay_thang, phan_tram, so, so_2, viet_hoa,
};
pub use package::{MAX_ENTRIES, MAX_PART_SIZE, MAX_TOTAL_SIZE, TemplateLimits};

use crate::diagnostic::{Diagnostic, Location, Text};
use crate::t;
use package::{EntryPlan, Package};
use prepare::{Prepared, Problem};
use structure::UsedPath;

/// How to render.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Render a variable the data lacks as nothing instead of reporting it.
    pub lenient: bool,
}

/// The context variable telling the output filter that undefined values are allowed.
pub(crate) const LENIENT_VAR: &str = "__chibo_lenient";

#[derive(Debug)]
struct Part {
    name: String,
    prepared: Prepared,
    /// The data paths each tag reads, indexed like `prepared.tags`.
    paths: Vec<Vec<UsedPath>>,
}

/// A parsed template: parts prepared and compiled once, shared by every render.
pub struct Template {
    name: String,
    package: Package,
    plan: Vec<EntryPlan>,
    parts: Vec<Part>,
    tera: Tera,
    /// Every path the template reads (for [`Template::variables`]).
    all_paths: Vec<UsedPath>,
}

impl std::fmt::Debug for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Template")
            .field("name", &self.name)
            .field(
                "parts",
                &self
                    .parts
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// How a part is named to the user, or `None` when it is not a part we render.
fn part_label(name: &str) -> Option<Text> {
    let file = name.strip_prefix("word/")?.strip_suffix(".xml")?;
    if file.contains('/') {
        return None;
    }
    let number = |prefix: &str| -> Option<String> {
        let rest = file.strip_prefix(prefix)?;
        rest.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| rest.to_string())
    };
    if file == "document" {
        return Some(t!("thân văn bản" ; "body"));
    }
    if let Some(n) = number("header") {
        return Some(t!("đầu trang {n}" ; "header {n}"));
    }
    if let Some(n) = number("footer") {
        return Some(t!("chân trang {n}" ; "footer {n}"));
    }
    match file {
        "footnotes" => Some(t!("chú thích cuối trang" ; "footnotes")),
        "endnotes" => Some(t!("chú thích cuối văn bản" ; "endnotes")),
        _ => None,
    }
}

fn new_tera() -> Tera {
    let mut tera = Tera::new();
    filters::register(&mut tera);
    tera.autoescape_on([".xml"]);
    tera.set_escape_fn(escape_value);
    tera
}

/// Escapes a value for the inside of `<w:t>`: XML specials, `\n` as a line break, `\t` as a
/// tab, characters XML forbids dropped.
fn escape_value(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    const BREAK: &str = "</w:t><w:br/><w:t xml:space=\"preserve\">";
    const TAB: &str = "</w:t><w:tab/><w:t xml:space=\"preserve\">";
    let bytes = input.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let rep: Option<&str> = match c {
            b'&' => Some("&amp;"),
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            b'"' => Some("&quot;"),
            b'\n' => Some(BREAK),
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    Some("")
                } else {
                    Some(BREAK)
                }
            }
            b'\t' => Some(TAB),
            0..=0x1F => Some(""),
            _ => None,
        };
        if let Some(rep) = rep {
            out.write_all(&bytes[last..i])?;
            out.write_all(rep.as_bytes())?;
            last = i + 1;
        }
        i += 1;
    }
    out.write_all(&bytes[last..])
}

/// Checks a template without rendering it: every problem, and the variables it uses (listed
/// even when there are problems, from the tags that could be read).
#[must_use]
pub fn check_template(bytes: &[u8], name: &str) -> (Vec<Diagnostic>, Vec<String>) {
    check_template_with_limits(bytes, name, TemplateLimits::default())
}

/// [`check_template`] with the limits of a committee's `[gioi_han]`.
#[must_use]
pub fn check_template_with_limits(
    bytes: &[u8],
    name: &str,
    limits: TemplateLimits,
) -> (Vec<Diagnostic>, Vec<String>) {
    let (template, diags) = Template::build(bytes, name, limits);
    let vars = template.map(|t| t.variables()).unwrap_or_default();
    (diags, vars)
}

impl Template {
    /// Opens and checks a template. `name` is how the template is named in messages (its
    /// file name). Every problem is reported at once.
    ///
    /// # Errors
    /// The file is not a readable .docx (or breaks a limit), or its tags have problems.
    pub fn parse(bytes: &[u8], name: &str) -> Result<Template, Vec<Diagnostic>> {
        Self::parse_with_limits(bytes, name, TemplateLimits::default())
    }

    /// [`Template::parse`] with the limits of a committee's `[gioi_han]`.
    ///
    /// # Errors
    /// The file is not a readable .docx (or breaks a limit), or its tags have problems.
    pub fn parse_with_limits(
        bytes: &[u8],
        name: &str,
        limits: TemplateLimits,
    ) -> Result<Template, Vec<Diagnostic>> {
        match Self::build(bytes, name, limits) {
            (Some(t), diags) if diags.is_empty() => Ok(t),
            (_, diags) => Err(diags),
        }
    }

    /// Opens and checks a template, returning what could be built and every problem.
    fn build(
        bytes: &[u8],
        name: &str,
        limits: TemplateLimits,
    ) -> (Option<Template>, Vec<Diagnostic>) {
        match Self::build_inner(bytes, name, limits) {
            Ok(x) => x,
            Err(diags) => (None, diags),
        }
    }

    fn build_inner(
        bytes: &[u8],
        name: &str,
        limits: TemplateLimits,
    ) -> Result<(Option<Template>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut package = package::open(bytes, name, limits).map_err(|d| vec![*d])?;
        if !package.names.iter().any(|n| n == "word/document.xml") {
            return Err(vec![Diagnostic::error(
                "docx.not_docx",
                Location::file(name),
                t!("tệp không phải văn bản Word .docx (không có word/document.xml)" ;
                   "the file is not a Word .docx document (no word/document.xml)"),
            )]);
        }
        let mut diags = Vec::new();
        let mut parts = Vec::new();
        let mut plan = Vec::new();
        let mut scratch = new_tera();
        let mut tera = new_tera();
        let names = package.names.clone();
        for (index, entry) in names.iter().enumerate() {
            let Some(label) = part_label(entry) else {
                plan.push(EntryPlan::Raw { index });
                continue;
            };
            let xml = match package.read_text(index, name) {
                Ok(x) => x,
                Err(d) => {
                    diags.push(*d);
                    continue;
                }
            };
            let to_diag = |p: Problem| {
                let mut loc = Location::file(name);
                loc.place = p.place.or_else(|| Some(label.clone()));
                Diagnostic::error(p.code, loc, p.message)
            };
            let (prepared, problems) = match prepare::prepare(&xml, &label) {
                Ok(x) => x,
                Err(problems) => {
                    diags.extend(problems.into_iter().map(to_diag));
                    continue;
                }
            };
            let before = diags.len();
            diags.extend(problems.into_iter().map(to_diag));
            if prepared.spans.is_empty() && diags.len() == before {
                // No tags: the part is copied as it is.
                plan.push(EntryPlan::Raw { index });
                continue;
            }
            diags.extend(structure::check_blocks(&prepared).into_iter().map(to_diag));
            diags.extend(
                structure::check_tags(&prepared, &mut scratch)
                    .into_iter()
                    .map(to_diag),
            );
            if diags.is_empty()
                && let Err(e) = tera.add_raw_template(entry, &prepared.source)
            {
                let (message, span) = structure::tera_error(&e);
                let tag = span.and_then(|r| structure::tag_at(&prepared, r.start));
                diags.push(match tag {
                    Some(t) => to_diag(structure::compile_problem(&prepared.tags[t], &message)),
                    None => to_diag(Problem {
                        code: "docx.syntax",
                        place: None,
                        message: t!("mẫu có lỗi cú pháp: {message}" ; "the template has a syntax error: {message}"),
                    }),
                });
            }
            let paths = structure::used_paths(&prepared);
            plan.push(EntryPlan::Render {
                name: entry.clone(),
                part: parts.len(),
            });
            parts.push(Part {
                name: entry.clone(),
                prepared,
                paths,
            });
        }
        let mut all_paths: Vec<UsedPath> = parts
            .iter()
            .flat_map(|p| p.paths.iter().flatten().cloned())
            .collect();
        all_paths.sort();
        all_paths.dedup();
        Ok((
            Some(Template {
                name: name.to_string(),
                package,
                plan,
                parts,
                tera,
                all_paths,
            }),
            diags,
        ))
    }

    /// Variables the template uses: dotted paths (`chi_bo.ten`), `list[].field` for the fields
    /// of a list's elements read through a loop variable; loop and `set` variables themselves
    /// are left out. Sorted, without duplicates.
    #[must_use]
    pub fn variables(&self) -> Vec<String> {
        let mut v: Vec<String> = self.all_paths.iter().map(|p| p.path.clone()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Renders one document.
    ///
    /// # Errors
    /// Every render problem (a variable the data lacks, a filter given the wrong kind of
    /// value …), each with the place of the tag.
    pub fn render(
        &self,
        data: &serde_json::Value,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let loc = |place: Option<Text>| {
            let mut l = Location::file(&self.name);
            l.place = place;
            l
        };
        if !data.is_object() {
            return Err(vec![Diagnostic::error(
                "docx.data_not_object",
                loc(None),
                t!("dữ liệu của một văn bản phải là một đối tượng JSON {{ … }}" ;
                   "the data of one document must be a JSON object {{ … }}"),
            )]);
        }
        // Data patched where it lacks a variable (lenient mode, or to go on finding every
        // missing variable); cloned only when needed. Filling up front would change what
        // `default` and `is defined` see.
        let mut owned: Option<serde_json::Value> = None;
        let context_of = |d: &serde_json::Value| -> Result<Context, Vec<Diagnostic>> {
            let mut ctx = Context::from_serialize(d).map_err(|e| {
                vec![Diagnostic::error(
                    "docx.data_not_object",
                    loc(None),
                    t!("không dùng được dữ liệu: {e}" ; "unusable data: {e}"),
                )]
            })?;
            if options.lenient {
                ctx.insert(LENIENT_VAR, &true);
            }
            Ok(ctx)
        };
        let mut ctx = context_of(owned.as_ref().unwrap_or(data))?;
        let mut diags: Vec<Diagnostic> = Vec::new();
        let mut reported: Vec<String> = Vec::new();
        let mut rendered = vec![String::new(); self.parts.len()];
        for (pi, part) in self.parts.iter().enumerate() {
            let mut attempts = 0;
            loop {
                match self.tera.render(&part.name, &ctx) {
                    Ok(s) => {
                        let mut s = s;
                        if part.prepared.has_loops {
                            s = post::renumber_ids(s);
                        }
                        if part.prepared.has_cell_tags {
                            s = post::fix_grids(&s);
                        }
                        rendered[pi] = s;
                        break;
                    }
                    Err(e) => {
                        attempts += 1;
                        let (message, span) = structure::tera_error(&e);
                        let tag = span.and_then(|r| structure::tag_at(&part.prepared, r.start));
                        let current = owned.as_ref().unwrap_or(data);
                        let missing: Vec<&UsedPath> = tag
                            .map(|t| {
                                part.paths[t]
                                    .iter()
                                    .filter(|p| structure::is_missing(current, &p.path))
                                    .collect()
                            })
                            .unwrap_or_default();
                        let info = tag.map(|t| &part.prepared.tags[t]);
                        if missing.is_empty() || attempts > 100 {
                            let place = info.map(|i| i.place.clone());
                            let msg = match info {
                                Some(i) => prepare::with_context(
                                    t!("lỗi khi điền thẻ `{}`: {message}", i.text ; "error while filling tag `{}`: {message}", i.text),
                                    &i.context,
                                ),
                                None => {
                                    t!("lỗi khi điền mẫu: {message}" ; "error while filling the template: {message}")
                                }
                            };
                            diags.push(Diagnostic::error("docx.render", loc(place), msg));
                            break;
                        }
                        if !options.lenient
                            && let Some(i) = info
                        {
                            for m in &missing {
                                if reported.contains(&m.path) {
                                    continue;
                                }
                                reported.push(m.path.clone());
                                diags.push(
                                    Diagnostic::error(
                                        "docx.missing_variable",
                                        loc(Some(i.place.clone())),
                                        prepare::with_context(
                                            t!("dữ liệu không có biến `{}` (dùng ở thẻ `{}`)", m.path, i.text ;
                                               "the data has no variable `{}` (used by tag `{}`)", m.path, i.text),
                                            &i.context,
                                        ),
                                    )
                                    .with_value(m.path.clone())
                                    .with_hint(t!(
                                        "thêm biến này vào dữ liệu, hoặc dùng --lenient để để trống" ;
                                        "add it to the data, or use --lenient to leave it empty"
                                    )),
                                );
                            }
                        }
                        let d = owned.get_or_insert_with(|| data.clone());
                        for m in &missing {
                            structure::fill_missing(d, &m.path, m.iterable);
                        }
                        ctx = context_of(d)?;
                    }
                }
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        package::write(
            &self.package,
            &self.plan,
            &rendered,
            Cursor::new(Vec::new()),
        )
        .map(Cursor::into_inner)
        .map_err(|e| {
            vec![Diagnostic::error(
                "docx.write",
                loc(None),
                t!("không ghi được văn bản: {e}" ; "cannot write the document: {e}"),
            )]
        })
    }

    /// The template's name as given to [`Template::parse`].
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Template>();
    }

    #[test]
    fn escapes_values() {
        let mut out = Vec::new();
        escape_value("a<b & \"c\"\nd\te\u{1}", &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a&lt;b &amp; &quot;c&quot;</w:t><w:br/><w:t xml:space=\"preserve\">d</w:t><w:tab/><w:t xml:space=\"preserve\">e"
        );
    }

    #[test]
    fn labels() {
        assert_eq!(part_label("word/document.xml").unwrap().vi, "thân văn bản");
        assert_eq!(part_label("word/header2.xml").unwrap().en, "header 2");
        assert!(part_label("word/styles.xml").is_none());
        assert!(part_label("word/headerx.xml").is_none());
    }
}
