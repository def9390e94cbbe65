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

mod data;
pub mod filters;
pub mod format;
mod mailmerge;
mod package;
mod plain;
mod post;
mod prepare;
mod structure;
mod tags;

use std::io::Cursor;
use std::sync::atomic::{AtomicUsize, Ordering};

use tera::{Context, Tera};

pub use filters::{
    bang_chu, gio, la_ma, ngay, ngay_day_du, ngay_thang, phan_tram, so, so_2, viet_hoa,
};
pub(crate) use package::byte_set;
pub use package::{
    MAX_DOCUMENT_SIZE, MAX_ENTRIES, MAX_NESTING, MAX_PART_SIZE, MAX_TOTAL_SIZE, TemplateLimits,
};

use crate::config;
use crate::diagnostic::{Diagnostic, Location, Text};
use crate::t;
use package::{EntryPlan, Package};
use prepare::{Flavor, Prepared, Problem};
use structure::UsedPath;

/// How to render.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Render a variable the data lacks as nothing instead of reporting it.
    pub lenient: bool,
    /// The caller has a `--lenient` switch to offer in the hint of a missing variable
    /// (`chibo render`; `chibo run` has none).
    pub offer_lenient: bool,
}

/// The context variable telling the output filter that undefined values are allowed.
pub(crate) const LENIENT_VAR: &str = "__chibo_lenient";

#[derive(Debug)]
struct Part {
    name: String,
    /// How the part is named to the user.
    label: Text,
    prepared: Prepared,
    /// The data paths each tag reads, indexed like `prepared.tags`.
    paths: Vec<Vec<UsedPath>>,
    /// The size of this part as last filled: the next fill reserves it up front instead of
    /// growing its buffer by doubling (a 5 000-row table is 3 MB).
    last_size: AtomicUsize,
    /// The tera name of the part's plain form ([`plain`]), when it has one.
    plain: Option<String>,
    /// The part loops over markup that holds drawing or bookmark ids, which the copies then
    /// repeat ([`post::renumber_ids`]). Known from the template: data cannot add markup
    /// (values are escaped and `safe` does nothing), so a part whose template has no such id
    /// is not searched for one each time it is filled.
    repeats_ids: bool,
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

/// How a part is named to the user, or `None` when it is not a part we render. `main` is
/// the package's main part (`word/document.xml`, or `word/document2.xml` as Word Online
/// saves it).
fn part_label(name: &str, main: &str) -> Option<Text> {
    if name == main {
        return Some(t!("thân văn bản" ; "body"));
    }
    if name == "docProps/core.xml" {
        return Some(
            t!("thuộc tính văn bản (tiêu đề, chủ đề)" ; "document properties (title, subject)"),
        );
    }
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
/// tab, characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF) dropped: a value never
/// makes a document Word refuses.
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
            // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not allowed in XML 1.0.
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => {
                out.write_all(&bytes[last..i])?;
                i += 3;
                last = i;
                continue;
            }
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

/// True when `data` lacks the variable `path` as [`Template::variables`] names it
/// (`chi_bo.ten`, `dang_vien[].ho_ten`: some element lacks it).
#[must_use]
pub fn data_lacks(data: &serde_json::Value, path: &str) -> bool {
    structure::is_missing(data, path)
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
        let main = package.main_part(name).map_err(|d| vec![*d])?;
        let mut diags = package.check_xml(name, |entry| part_label(entry, &main).is_some());
        let mut parts = Vec::new();
        let mut plan = Vec::new();
        let mut scratch = new_tera();
        let mut tera = new_tera();
        let names = package.names.clone();
        for (index, entry) in names.iter().enumerate() {
            if entry == "word/settings.xml"
                && let Some(settings) = package
                    .read_text(index, name)
                    .ok()
                    .and_then(|x| mailmerge::drop_data_source(&x))
            {
                plan.push(EntryPlan::Replace {
                    name: entry.clone(),
                    xml: settings,
                });
                continue;
            }
            let Some(label) = part_label(entry, &main) else {
                plan.push(EntryPlan::Raw { index });
                continue;
            };
            let part_diags = diags.len();
            let Some(part) = prepare_part(&mut package, index, entry, label, name, &mut diags)
            else {
                if diags.len() == part_diags {
                    // No tags: the part is copied as it is.
                    plan.push(EntryPlan::Raw { index });
                }
                continue;
            };
            let part_label_text = part.label.clone();
            let to_diag = part_diag(name, &part_label_text);
            let blocks = structure::check_blocks(&part.prepared, limits.max_nesting);
            // Over the nesting limit the template is refused: its tags are not compiled one
            // by one (tens of thousands of them in a crafted file).
            let too_deep = blocks.iter().any(|p| p.code == "docx.nesting_limit");
            diags.extend(blocks.into_iter().map(&to_diag));
            if !too_deep {
                diags.extend(
                    structure::check_tags(&part.prepared, &mut scratch)
                        .into_iter()
                        .map(&to_diag),
                );
            }
            if diags.is_empty()
                && let Err(e) = tera.add_raw_template(entry, &part.prepared.source)
            {
                diags.push(to_diag(compile_error(&part.prepared, &e)));
            }
            plan.push(EntryPlan::Render {
                name: entry.clone(),
                part: parts.len(),
            });
            parts.push(part);
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
    /// value, a document over `[gioi_han] van_ban_mb` …), each with the place of the tag.
    pub fn render(
        &self,
        data: &serde_json::Value,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        if !data.is_object() {
            return Err(vec![Diagnostic::error(
                "docx.data_not_object",
                self.loc(None),
                t!("dữ liệu của một văn bản phải là một đối tượng JSON {{ … }}" ;
                   "the data of one document must be a JSON object {{ … }}"),
            )]);
        }
        let mut fill = Fill {
            template: self,
            data,
            owned: None,
            ctx: context_of(data, options.lenient),
            options,
            reported: Vec::new(),
            diags: Vec::new(),
            budget: self.package.limits.max_document_size,
        };
        let mut rendered = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            match fill.part(part) {
                Some(xml) => rendered.push(xml),
                None if fill.diags.is_empty() => rendered.push(Vec::new()),
                None => {}
            }
            if fill.budget == 0 {
                break;
            }
        }
        if !fill.diags.is_empty() {
            return Err(fill.diags);
        }
        self.write(&rendered)
    }

    /// Compiles each part's plain form (`src/docx/plain.rs`), which [`Template::render_json`] uses for
    /// data where the output filter could change nothing. Only `chibo render` renders many
    /// documents from JSON, so only it pays for a second compilation.
    pub fn compile_plain_forms(&mut self) {
        for part in &mut self.parts {
            // Named after the part, under a name no entry of the package has (a template
            // registered twice under one name would be replaced), and ending as the part's
            // does: tera escapes the values of templates named `….xml`.
            let plain_name = format!("plain:{}", part.name);
            if self.package.names.contains(&plain_name) {
                continue;
            }
            if let Some(source) = plain::source(&part.prepared) {
                part.plain = self
                    .tera
                    .add_raw_template(&plain_name, &source)
                    .is_ok()
                    .then_some(plain_name);
            }
        }
    }

    /// [`Template::render`] from the JSON text of the data (one object). The text is parsed
    /// once, straight into tera's values, and every part rendered from them; only when that
    /// meets a problem (a missing variable, a filter error, the size limit) or the text is
    /// not an object is the document rendered again by [`Template::render`], which finds
    /// and reports every problem. Both give the same bytes.
    ///
    /// # Errors
    /// The text is not JSON, or any problem [`Template::render`] reports.
    pub fn render_json(
        &self,
        json: &[u8],
        options: &RenderOptions,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        if let Some(json) = data::context_of_json(json, options.lenient)
            && let Some(rendered) =
                self.fill_quickly(&json.ctx, !options.lenient && !json.odd_number)
        {
            return self.write(&rendered);
        }
        match serde_json::from_slice::<serde_json::Value>(json) {
            Ok(data) => self.render(&data, options),
            Err(e) => {
                let e = crate::error_text::json(&e);
                Err(vec![Diagnostic::error(
                    "docx.data_invalid",
                    self.loc(None),
                    t!("dữ liệu viết sai: {}", e.vi ; "the data is not valid: {}", e.en),
                )])
            }
        }
    }

    /// Every part rendered from `ctx` and repaired, or `None` at the first problem (left to
    /// the general path to report); in the parts' plain forms when `plain` ([`plain`]).
    fn fill_quickly(&self, ctx: &Context, plain: bool) -> Option<Vec<Vec<u8>>> {
        let mut budget = self.package.limits.max_document_size;
        let mut rendered = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            let mut sink = Bounded::for_part(part, budget);
            let name = match &part.plain {
                Some(plain_name) if plain => plain_name,
                _ => &part.name,
            };
            self.tera.render_to(name, ctx, &mut sink).ok()?;
            budget -= sink.buf.len() as u64;
            part.last_size.store(sink.buf.len(), Ordering::Relaxed);
            rendered.push(finish(part, sink.buf));
        }
        Some(rendered)
    }

    /// Assembles the package, after checking that every part it fills is well-formed XML.
    fn write(&self, rendered: &[Vec<u8>]) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let malformed: Vec<Diagnostic> = self
            .parts
            .iter()
            .zip(rendered)
            .filter_map(|(part, xml)| {
                let e = package::structure_problem(xml)?;
                Some(Diagnostic::error(
                    "docx.output_malformed",
                    self.loc(Some(part.label.clone())),
                    t!("phần này của văn bản tạo ra không phải XML hợp lệ ({e}); văn bản không được ghi. Đây là lỗi của chibo: xin báo lại kèm mẫu" ;
                       "this part of the rendered document is not well-formed XML ({e}); the document was not written. This is a chibo bug: please report it with the template"),
                ))
            })
            .collect();
        if !malformed.is_empty() {
            return Err(malformed);
        }
        // Reserved up front (filled parts compress to a fraction of their size) rather than
        // grown by doubling; the buffer still grows should the guess be short.
        let room = 64 * 1024 + rendered.iter().map(Vec::len).sum::<usize>() / 4;
        package::write(
            &self.package,
            &self.plan,
            rendered,
            Cursor::new(Vec::with_capacity(room)),
        )
        .map(Cursor::into_inner)
        .map_err(|e| {
            let e = crate::error_text::zip(&e);
            vec![Diagnostic::error(
                "docx.write",
                self.loc(None),
                t!("không ghi được văn bản: {}", e.vi ; "cannot write the document: {}", e.en),
            )]
        })
    }

    fn loc(&self, place: Option<Text>) -> Location {
        let mut l = Location::file(&self.name);
        l.place = place;
        l
    }

    /// The template's name as given to [`Template::parse`].
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A part read and prepared, or `None` when it has no tags (it is copied raw) or could not
/// be read (the problem is in `diags`). Mail-merge fields become tags first.
fn prepare_part(
    package: &mut Package,
    index: usize,
    entry: &str,
    label: Text,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Part> {
    let xml = match package.read_text(index, file) {
        Ok(x) => x,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let flavor = if entry.starts_with("word/") {
        Flavor::Word
    } else {
        Flavor::Plain
    };
    let merged = match flavor {
        Flavor::Word => mailmerge::convert(&xml),
        Flavor::Plain => None,
    };
    let shown = label.clone();
    let to_diag = part_diag(file, &shown);
    let (prepared, problems) =
        match prepare::prepare(merged.as_deref().unwrap_or(&xml), &label, flavor) {
            Ok(x) => x,
            Err(problems) => {
                diags.extend(problems.into_iter().map(to_diag));
                return None;
            }
        };
    if prepared.tags.is_empty() && problems.is_empty() {
        return None;
    }
    diags.extend(problems.into_iter().map(&to_diag));
    let paths = structure::used_paths(&prepared);
    let repeats_ids = prepared.has_loops && post::has_ids(prepared.source.as_bytes());
    Some(Part {
        name: entry.to_string(),
        label,
        prepared,
        paths,
        last_size: AtomicUsize::new(0),
        plain: None,
        repeats_ids,
    })
}

/// Turns a part's problems into diagnostics located in `file`, at the problem's place or
/// the part.
fn part_diag<'a>(file: &'a str, label: &'a Text) -> impl Fn(Problem) -> Diagnostic + 'a {
    move |p: Problem| {
        let mut loc = Location::file(file);
        loc.place = p.place.or_else(|| Some(label.clone()));
        let d = Diagnostic::error(p.code, loc, p.message);
        match p.hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    }
}

/// A tera compile error on a whole part, tied to its tag when tera says where.
fn compile_error(prepared: &Prepared, e: &tera::Error) -> Problem {
    let (message, span) = structure::tera_error(e);
    let tag = span.and_then(|r| structure::tag_at(prepared, r.start));
    match tag {
        Some(t) => structure::compile_problem(&prepared.tags[t], &message),
        None => Problem::new(
            "docx.syntax",
            None,
            t!("mẫu có lỗi cú pháp (nguyên văn: {message})" ; "the template has a syntax error: {message}"),
        ),
    }
}

/// The render context of `data`: its keys, also under the names tera can read for keys with
/// Vietnamese letters or spaces (`Họ tên` → the name `{{ Họ_tên }}` is compiled to).
fn context_of(data: &serde_json::Value, lenient: bool) -> Result<Context, Box<Diagnostic>> {
    let mut ctx = Context::from_serialize(data).map_err(|e| {
        let e = crate::error_text::tera(&e);
        Box::new(Diagnostic::error(
            "docx.data_not_object",
            Location::file(""),
            t!("không dùng được dữ liệu: {}", e.vi ; "unusable data: {}", e.en),
        ))
    })?;
    for (key, value) in tags::mangled_keys(data) {
        ctx.insert(key, value);
    }
    if lenient {
        ctx.insert(LENIENT_VAR, &true);
    }
    Ok(ctx)
}

/// A writer that refuses to grow past `max` bytes: a rendered part is bounded while it is
/// being written, not after.
struct Bounded {
    buf: Vec<u8>,
    max: u64,
    over: bool,
}

impl Bounded {
    /// A sink for `part`, sized as its last fill (at most `max`).
    fn for_part(part: &Part, max: u64) -> Self {
        let hint = part.last_size.load(Ordering::Relaxed) as u64;
        Bounded {
            buf: Vec::with_capacity(usize::try_from(hint.min(max)).unwrap_or(0)),
            max,
            over: false,
        }
    }
}

impl std::io::Write for Bounded {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if (self.buf.len() + data.len()) as u64 > self.max {
            self.over = true;
            return Err(std::io::Error::other("size limit"));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The state of one render: the data (patched where it lacks variables, to go on finding
/// every missing one; cloned only when needed, since filling up front would change what
/// `default` and `is defined` see), the problems, and the bytes left under the size limit.
struct Fill<'a> {
    template: &'a Template,
    data: &'a serde_json::Value,
    owned: Option<serde_json::Value>,
    ctx: Result<Context, Box<Diagnostic>>,
    options: &'a RenderOptions,
    reported: Vec<String>,
    diags: Vec<Diagnostic>,
    budget: u64,
}

impl Fill<'_> {
    /// One part filled and repaired, or `None` after a problem (in `diags`).
    fn part(&mut self, part: &Part) -> Option<Vec<u8>> {
        let mut attempts = 0;
        loop {
            let ctx = match &self.ctx {
                Ok(c) => c,
                Err(d) => {
                    self.diags.push((**d).clone());
                    return None;
                }
            };
            let mut sink = Bounded::for_part(part, self.budget);
            match self.template.tera.render_to(&part.name, ctx, &mut sink) {
                Ok(()) => {
                    self.budget -= sink.buf.len() as u64;
                    return Some(finish(part, sink.buf));
                }
                Err(_) if sink.over => {
                    self.too_large(part);
                    return None;
                }
                Err(e) => {
                    attempts += 1;
                    if !self.patch_missing(part, &e, attempts) {
                        return None;
                    }
                }
            }
        }
    }

    fn too_large(&mut self, part: &Part) {
        let max = self.template.package.limits.max_document_size / config::MIB;
        self.budget = 0;
        self.diags.push(
            Diagnostic::error(
                "docx.too_large",
                self.template.loc(Some(part.label.clone())),
                t!("văn bản tạo ra vượt giới hạn {max} MiB (các vòng lặp lồng nhau sinh ra quá nhiều nội dung?); văn bản không được ghi" ;
                   "the rendered document goes over the limit of {max} MiB (nested loops producing too much?); it was not written"),
            )
            .with_hint(package::limit_hint("van_ban_mb")),
        );
    }

    /// After a render error: reports the variables the failing tag lacks and fills them in
    /// (as nothing) to go on; false when the error is something else (reported) or when it
    /// keeps coming back.
    fn patch_missing(&mut self, part: &Part, e: &tera::Error, attempts: usize) -> bool {
        let (message, span) = structure::tera_error(e);
        let tag = span.and_then(|r| structure::tag_at(&part.prepared, r.start));
        let current = self.owned.as_ref().unwrap_or(self.data);
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
            let mut d = Diagnostic::error("docx.render", self.template.loc(place), msg);
            if let Some(hint) = info.and_then(|i| structure::jinja_hint(&i.parsed.body)) {
                d = d.with_hint(hint);
            }
            self.diags.push(d);
            return false;
        }
        if !self.options.lenient
            && let Some(i) = info
        {
            for m in &missing {
                if self.reported.contains(&m.path) {
                    continue;
                }
                self.reported.push(m.path.clone());
                let d = self.missing_variable(i, &m.path);
                self.diags.push(d);
            }
        }
        let d = self.owned.get_or_insert_with(|| self.data.clone());
        for m in &missing {
            structure::fill_missing(d, &m.path, m.iterable);
        }
        self.ctx = context_of(d, self.options.lenient);
        true
    }

    fn missing_variable(&self, tag: &prepare::TagInfo, path: &str) -> Diagnostic {
        let hint = if self.options.offer_lenient {
            t!("thêm biến này vào dữ liệu, hoặc dùng --lenient để để trống" ;
               "add it to the data, or use --lenient to leave it empty")
        } else {
            t!("sửa tên biến trong mẫu cho đúng (xem danh sách biến bằng `chibo template check`), hoặc viết `{{{{ {path} | default(value=\"\") }}}}` để để trống khi không có" ;
               "correct the variable's name in the template (`chibo template check` lists them), or write `{{{{ {path} | default(value=\"\") }}}}` to leave it empty when absent")
        };
        Diagnostic::error(
            "docx.missing_variable",
            self.template.loc(Some(tag.place.clone())),
            prepare::with_context(
                t!("dữ liệu không có biến `{path}` (dùng ở thẻ `{}`)", tag.text ;
                   "the data has no variable `{path}` (used by tag `{}`)", tag.text),
                &tag.context,
            ),
        )
        .with_value(path.to_string())
        .with_hint(hint)
    }
}

/// A part as tera wrote it, made ready to be written: repaired when it needs it, and checked
/// to be UTF-8 (tera only writes text, but `unsafe` is not allowed here to say so).
///
/// Most parts need no repair and stay bytes: `simdutf8` checks them several times faster
/// than `String::from_utf8`, which was a twentieth of a 36-page document's time
/// (docs/performance.md).
fn finish(part: &Part, buf: Vec<u8>) -> Vec<u8> {
    let p = &part.prepared;
    let repairs =
        (part.repeats_ids && post::has_ids(&buf)) || p.has_cell_tags || p.has_paragraph_tags;
    if repairs {
        return repair(part, into_text(buf)).into_bytes();
    }
    if simdutf8::basic::from_utf8(&buf).is_ok() {
        buf
    } else {
        into_text(buf).into_bytes()
    }
}

/// tera's output as text.
fn into_text(buf: Vec<u8>) -> String {
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Repairs after rendering: ids copied by loops, table grids after `{%tc %}`, and cells left
/// without a paragraph by `{%p %}`.
fn repair(part: &Part, mut s: String) -> String {
    if part.repeats_ids {
        s = post::renumber_ids(s);
    }
    if part.prepared.has_cell_tags {
        s = post::fix_grids(&s);
    }
    if part.prepared.has_paragraph_tags {
        s = post::keep_cell_paragraphs(s);
    }
    s
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
        escape_value("a<b & \"c\"\nd\te\u{1}\u{FFFE}\u{FFFF}", &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a&lt;b &amp; &quot;c&quot;</w:t><w:br/><w:t xml:space=\"preserve\">d</w:t><w:tab/><w:t xml:space=\"preserve\">e"
        );
    }

    #[test]
    fn labels() {
        let main = "word/document.xml";
        assert_eq!(part_label(main, main).unwrap().vi, "thân văn bản");
        assert_eq!(
            part_label("word/document2.xml", "word/document2.xml")
                .unwrap()
                .en,
            "body"
        );
        assert_eq!(part_label("word/header2.xml", main).unwrap().en, "header 2");
        assert!(part_label("word/styles.xml", main).is_none());
        assert!(part_label("word/headerx.xml", main).is_none());
    }
}
