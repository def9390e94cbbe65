//! `chibo render`: fill any Word template from JSON, YAML or TOML data.
//!
//! An object gives one document; an array gives one document per element, named by
//! `--name` (a template string such as `{{ ho_ten }}.docx`) or numbered. The template is
//! parsed once; documents are rendered in parallel and each is written as soon as it is
//! rendered, so the batch is never held in memory.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{EXIT_DATA, EXIT_FAIL, EXIT_OK};
use crate::cli::RenderArgs;
use crate::diagnostic::{Diagnostic, Lang, Location, Text};
use crate::docx::{RenderOptions, Template};
use crate::error_text;
use crate::output::{Batch, safe_relative_path};
use crate::t;

fn print(diags: &[Diagnostic], lang: Lang) {
    for d in diags {
        eprintln!("{}", d.render(lang));
    }
}

fn fail(file: &str, code: &'static str, message: Text) -> Vec<Diagnostic> {
    vec![Diagnostic::error(code, Location::file(file), message)]
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads the data file: `.json`, `.yaml`/`.yml` or `.toml` (by extension; JSON otherwise).
///
/// # Errors
/// The file cannot be read (or is over [`crate::input::DOCUMENT_MAX`]) or parsed.
pub fn load_data(path: &Path) -> Result<serde_json::Value, Vec<Diagnostic>> {
    let name = file_name(path);
    let bytes = crate::input::read_at_most(path, crate::input::DOCUMENT_MAX).map_err(|e| {
        let too_large = e.kind() == std::io::ErrorKind::FileTooLarge;
        let e = crate::os_error::describe(&e);
        let d = fail(
            &name,
            "render.data_unreadable",
            t!("không đọc được tệp dữ liệu: {}", e.vi ; "cannot read the data file: {}", e.en),
        );
        if too_large {
            d.into_iter()
                .map(|d| d.with_hint(t!("ghi dữ liệu thành một mảng JSON (.json): chibo đọc mảng từng phần tử một, không giới hạn cỡ tệp" ;
                                        "write the data as a JSON array (.json): chibo reads an array one element at a time, whatever its size")))
                .collect()
        } else {
            d
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        fail(
            &name,
            "render.data_invalid",
            t!("tệp dữ liệu không phải văn bản UTF-8 (đã lưu bằng bảng mã khác?)" ;
               "the data file is not UTF-8 text (saved in another encoding?)"),
        )
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let parsed: Result<serde_json::Value, Text> = match data_kind(path) {
        DataKind::Yaml => serde_saphyr::from_str(text).map_err(|e| error_text::yaml(&e)),
        DataKind::Toml => toml::from_str::<toml::Value>(text)
            .map_err(|e| error_text::toml(&e, text))
            .and_then(|v| serde_json::to_value(v).map_err(|e| error_text::json(&e))),
        DataKind::Json => serde_json::from_str(text).map_err(|e| error_text::json(&e)),
    };
    parsed.map_err(|e| {
        fail(
            &name,
            "render.data_invalid",
            t!("tệp dữ liệu viết sai: {}", e.vi ; "the data file is not valid: {}", e.en),
        )
    })
}

/// The language of a data file, by its extension; JSON unless it says YAML or TOML.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DataKind {
    Json,
    Yaml,
    Toml,
}

fn data_kind(path: &Path) -> DataKind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "yaml" | "yml" => DataKind::Yaml,
        "toml" => DataKind::Toml,
        _ => DataKind::Json,
    }
}

/// Where the documents come from: one value read whole (an object, or a YAML/TOML array),
/// or a JSON array read element by element.
enum Source {
    Value(serde_json::Value),
    Stream(PathBuf),
}

/// [`open_json`] for reading its elements: a file that cannot be opened is the data error.
fn open_data(
    path: &Path,
    name: &str,
) -> Result<std::io::BufReader<std::fs::File>, Vec<Diagnostic>> {
    open_json(path).map_err(|e| {
        let e = crate::os_error::describe(&e);
        fail(
            name,
            "render.data_unreadable",
            t!("không đọc được tệp dữ liệu: {}", e.vi ; "cannot read the data file: {}", e.en),
        )
    })
}

/// Opens a JSON file for reading past its byte-order mark.
fn open_json(path: &Path) -> std::io::Result<std::io::BufReader<std::fs::File>> {
    use std::io::BufRead as _;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    if reader.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    Ok(reader)
}

/// A JSON data file whose first character is `[` is streamed; anything else is read whole,
/// and so is a pipe or a device (`--data /dev/stdin`): it can be read only once.
fn source_of(path: &Path) -> Result<Source, Vec<Diagnostic>> {
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if regular && data_kind(path) == DataKind::Json && starts_an_array(path) {
        return Ok(Source::Stream(path.to_path_buf()));
    }
    load_data(path).map(Source::Value)
}

/// Whether the first character of the JSON file at `path` (past blanks and a byte-order mark)
/// is `[`.
fn starts_an_array(path: &Path) -> bool {
    use std::io::BufRead as _;
    let Ok(mut reader) = open_json(path) else {
        return false;
    };
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) if !b.is_empty() => b,
            _ => return false,
        };
        match buf.iter().position(|c| !c.is_ascii_whitespace()) {
            Some(i) => return buf[i] == b'[',
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// Calls `each` on every element of the JSON array in `path`, one element in memory at a
/// time; stops early when `each` returns false. Returns how many elements were read.
fn for_each_element<T: serde::de::DeserializeOwned>(
    path: &Path,
    each: &mut dyn FnMut(T) -> bool,
) -> Result<usize, Vec<Diagnostic>> {
    let name = file_name(path);
    let reader = open_data(path, &name)?;
    let mut number = 0;
    let mut bad: Option<Text> = None;
    let split = split_elements(reader, Keep::Bytes, &mut |bytes| {
        number += 1;
        match serde_json::from_slice::<T>(bytes) {
            Ok(v) => each(v),
            Err(e) => {
                let e = error_text::json(&e);
                bad = Some(t!("phần tử {number}: {}", e.vi ; "element {number}: {}", e.en));
                false
            }
        }
    });
    finish_reading(&name, bad, split)
}

/// Calls `each` on the JSON text of every element of the array in `path`, unparsed (the
/// file was cut into elements by a first pass); stops early when `each` returns false.
/// Returns how many elements were read.
fn for_each_element_text(
    path: &Path,
    each: &mut dyn FnMut(Vec<u8>) -> bool,
) -> Result<usize, Vec<Diagnostic>> {
    let name = file_name(path);
    let reader = open_data(path, &name)?;
    let split = split_elements(reader, Keep::Bytes, &mut |bytes| each(bytes.to_vec()));
    finish_reading(&name, None, split)
}

/// How many elements the array in `path` has, or why it is not an array. Only the array's
/// shape is followed: an element that is not valid JSON is reported when it is rendered,
/// and fails alone, like an element that lacks a variable (docs/decisions.md).
fn count_elements(path: &Path) -> Result<usize, Vec<Diagnostic>> {
    let name = file_name(path);
    let reader = open_data(path, &name)?;
    finish_reading(
        &name,
        None,
        split_elements(reader, Keep::Nothing, &mut |_| true),
    )
}

/// The count of elements read, or the problem: an element that is not JSON (`bad`) or an
/// array that is not.
fn finish_reading(
    name: &str,
    bad: Option<Text>,
    split: Result<usize, Text>,
) -> Result<usize, Vec<Diagnostic>> {
    let problem = match (bad, split) {
        (Some(e), _) | (None, Err(e)) => e,
        (None, Ok(n)) => return Ok(n),
    };
    Err(fail(
        name,
        "render.data_invalid",
        t!("tệp dữ liệu viết sai: {}", problem.vi ; "the data file is not valid: {}", problem.en),
    ))
}

/// Where the splitter is in the top-level array.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before the `[`.
    Start,
    /// Between elements (after `[` or `,`).
    Between,
    /// Inside an element.
    Element,
    /// After the closing `]`.
    End,
}

/// What [`split_elements`] gives for each element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Its bytes.
    Bytes,
    /// Nothing (an empty slice): the elements are only counted.
    Nothing,
}

/// Cuts the top-level JSON array read from `reader` into its elements' bytes and gives each to
/// `each` (which stops the reading by returning false); returns how many there were. Only the
/// nesting and the strings are followed: each element is parsed by serde_json from its bytes,
/// which is several times faster than parsing from a reader, and keeps one element in memory.
///
/// Written by hand because no JSON crate cuts an array into its elements' text without
/// parsing them; an element that lies whole in the read buffer is given without a copy.
fn split_elements(
    reader: impl std::io::Read,
    keep: Keep,
    each: &mut dyn FnMut(&[u8]) -> bool,
) -> Result<usize, Text> {
    use std::io::BufRead as _;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, reader);
    let mut split = Splitter {
        at: At::Start,
        depth: 0,
        in_string: false,
        escaped: false,
        count: 0,
    };
    // The start of an element that began in an earlier buffer.
    let mut cur: Vec<u8> = Vec::new();
    loop {
        let buf = reader
            .fill_buf()
            .map_err(|e| crate::os_error::describe(&e))?;
        if buf.is_empty() {
            break;
        }
        let mut i = 0;
        while i < buf.len() {
            if split.at != At::Element {
                i = split
                    .between(buf, i)
                    .map_err(|NotAnArray| t!("không phải một mảng JSON" ; "not a JSON array"))?;
                continue;
            }
            let from = i;
            let Some(end) = split.element_end(buf, &mut i) else {
                if keep == Keep::Bytes {
                    cur.extend_from_slice(&buf[from..]);
                }
                break;
            };
            split.count += 1;
            let go_on = match keep {
                Keep::Nothing => each(&[]),
                Keep::Bytes if cur.is_empty() => each(&buf[from..i]),
                Keep::Bytes => {
                    cur.extend_from_slice(&buf[from..i]);
                    let go_on = each(&cur);
                    cur.clear();
                    go_on
                }
            };
            if !go_on {
                return Ok(split.count);
            }
            split.at = if end == b',' { At::Between } else { At::End };
            i += 1;
        }
        let len = buf.len();
        reader.consume(len);
    }
    if split.at == At::End {
        Ok(split.count)
    } else {
        Err(
            t!("mảng JSON không kết thúc (thiếu `]`)" ; "the JSON array is not closed (missing `]`)"),
        )
    }
}

/// A data file whose top level is not one JSON array (worded by [`split_elements`]).
struct NotAnArray;

/// The state of [`split_elements`] between two reads.
struct Splitter {
    at: At,
    depth: usize,
    in_string: bool,
    escaped: bool,
    count: usize,
}

/// The bytes that matter inside an element outside its strings.
static STRUCTURAL: [bool; 256] = crate::docx::byte_set(b"\"[]{},");

impl Splitter {
    /// Reads the byte at `i` outside any element: white space, the `[`, a `,` or the `]`;
    /// anything else starts an element (left unread). Returns where to go on.
    fn between(&mut self, buf: &[u8], i: usize) -> Result<usize, NotAnArray> {
        let c = buf[i];
        match self.at {
            At::Start | At::End if c.is_ascii_whitespace() => {}
            At::Start if c == b'[' => self.at = At::Between,
            At::Start | At::End => {
                return Err(NotAnArray);
            }
            At::Between if c.is_ascii_whitespace() || (c == b',' && self.count > 0) => {}
            At::Between if c == b']' => self.at = At::End,
            At::Between | At::Element => {
                self.at = At::Element;
                return Ok(i);
            }
        }
        Ok(i + 1)
    }

    /// Moves `i` to the `,` or `]` that ends the current element and returns it, or to the
    /// end of `buf` (`None`) when the element goes on in the next read.
    fn element_end(&mut self, buf: &[u8], i: &mut usize) -> Option<u8> {
        while *i < buf.len() {
            if self.in_string {
                self.skip_string(buf, i);
                continue;
            }
            while buf.get(*i).is_some_and(|&c| !STRUCTURAL[usize::from(c)]) {
                *i += 1;
            }
            let &c = buf.get(*i)?;
            match c {
                b'"' => self.in_string = true,
                b'[' | b'{' => self.depth += 1,
                b']' | b'}' if self.depth > 0 => self.depth -= 1,
                b',' | b']' if self.depth == 0 => return Some(c),
                _ => {}
            }
            *i += 1;
        }
        None
    }

    /// Moves `i` past the string's closing quote, or to the end of `buf`.
    fn skip_string(&mut self, buf: &[u8], i: &mut usize) {
        if self.escaped {
            self.escaped = false;
            *i += 1;
            return;
        }
        // Most strings of a data file are short: a few bytes are looked at before `memchr`.
        let rest = &buf[*i..];
        let near = rest.iter().take(32).position(|&c| c == b'"' || c == b'\\');
        let Some(k) = near.or_else(|| memchr::memchr2(b'"', b'\\', rest)) else {
            *i = buf.len();
            return;
        };
        *i += k + 1;
        if rest[k] == b'"' {
            self.in_string = false;
        } else {
            self.escaped = true;
        }
    }
}

/// Compiles `--name` once.
fn name_engine(pattern: &str) -> Result<tera::Tera, Text> {
    let mut tera = tera::Tera::new();
    crate::docx::filters::register(&mut tera);
    tera.autoescape_on(Vec::<&str>::new());
    tera.add_raw_template("name", pattern)
        .map_err(|e| error_text::tera(&e))?;
    Ok(tera)
}

/// What a render needs besides the data: the parsed template, options and file names.
struct Job<'a> {
    args: &'a RenderArgs,
    tpl_name: String,
    template: Template,
    options: RenderOptions,
    names: Option<tera::Tera>,
    stem: String,
    /// The template's canonical path: no document is written over it.
    template_path: Option<PathBuf>,
}

impl Job<'_> {
    /// The file name of element `number` (of `width` digits when numbered).
    fn name_of(
        &self,
        number: usize,
        width: usize,
        item: &serde_json::Value,
    ) -> Result<PathBuf, Text> {
        let raw = match &self.names {
            Some(engine) => {
                let cannot = |e: &tera::Error| {
                    let e = error_text::tera(e);
                    t!("không tạo được tên tệp từ --name: {}", e.vi ; "cannot build the file name from --name: {}", e.en)
                };
                let ctx = tera::Context::from_serialize(item).map_err(|e| cannot(&e))?;
                engine.render("name", &ctx).map_err(|e| cannot(&e))?
            }
            None => format!("{number:0width$}.docx"),
        };
        Ok(with_docx(safe_relative_path(raw.trim())))
    }

    /// Where the one document of an object goes: `--out` as given (a file name without
    /// `.docx` gets it), or inside `--out` when that is a folder (an existing one, or a name
    /// ending in `/`), named by `--name` or after the template.
    fn single_path(&self, data: &serde_json::Value) -> Result<PathBuf, Text> {
        let named = || match &self.names {
            Some(_) => self.name_of(1, 1, data),
            None => Ok(PathBuf::from(format!("{}-ket-qua.docx", self.stem))),
        };
        match &self.args.out {
            Some(out) if out.is_dir() || ends_with_separator(out) => Ok(out.join(named()?)),
            Some(out) => Ok(with_docx(out.clone())),
            None => named(),
        }
    }

    fn out_dir(&self) -> PathBuf {
        self.args
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{}-ket-qua", self.stem)))
    }
}

/// `path`, ending in `.docx` (in any case): a document Word opens with a double click.
fn with_docx(path: PathBuf) -> PathBuf {
    let has_docx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if has_docx {
        return path;
    }
    let mut s = path.into_os_string();
    s.push(".docx");
    PathBuf::from(s)
}

/// Whether `path` was written as a folder (`ket-qua/`, or `ket-qua\` on Windows).
fn ends_with_separator(path: &Path) -> bool {
    path.as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator)
}

/// The file names of a batch, worked out before any document is rendered: each element's
/// target (`None` when it gets none) and the elements that failed to get one. Two elements
/// giving the same name (ignoring case) both fail: neither file would be trustworthy.
#[derive(Default)]
struct Names {
    targets: Vec<Option<PathBuf>>,
    failed: Vec<(usize, Vec<Diagnostic>)>,
    seen: std::collections::BTreeMap<PathBuf, usize>,
}

impl Names {
    fn add(&mut self, job: &Job<'_>, number: usize, name: Result<PathBuf, Text>) {
        let rel = match name {
            Ok(rel) => rel,
            Err(message) => {
                self.failed
                    .push((number, fail(&job.tpl_name, "render.name_invalid", message)));
                self.targets.push(None);
                return;
            }
        };
        let key = PathBuf::from(rel.to_string_lossy().to_lowercase());
        if let Some(&other) = self.seen.get(&key) {
            let shown = rel.display().to_string();
            let dup = || {
                fail(
                    &job.tpl_name,
                    "render.name_duplicate",
                    t!("phần tử {other} và phần tử {number} cho cùng một tên tệp «{shown}»; hãy đổi --name" ;
                       "elements {other} and {number} give the same file name «{shown}»; change --name"),
                )
            };
            self.failed.push((number, dup()));
            if let Some(first) = self.targets.get_mut(other - 1)
                && first.take().is_some()
            {
                self.failed.push((other, dup()));
            }
            self.targets.push(None);
            return;
        }
        self.seen.insert(key, number);
        // Never through a symbolic link inside the output folder (docs/decisions.md, reruns).
        let rel_text = rel.to_string_lossy().replace('\\', "/");
        if let Err(message) = crate::output::real_parent(&job.out_dir(), &rel_text) {
            self.failed
                .push((number, fail(&job.tpl_name, "render.symlink", message)));
            self.targets.push(None);
            return;
        }
        self.targets.push(Some(job.out_dir().join(rel)));
    }
}

/// How many elements the reader keeps ready for the render threads: enough to keep every
/// thread busy, few enough that the data of a batch never sits in memory whole.
const AHEAD: usize = 64;

/// Runs `chibo render`.
#[must_use]
pub fn run(args: &RenderArgs, lang: Lang) -> u8 {
    let job = match prepare(args) {
        Ok(j) => j,
        Err(diags) => {
            print(&diags, lang);
            return EXIT_FAIL;
        }
    };
    let source = match source_of(&args.data) {
        Ok(s) => s,
        Err(diags) => {
            print(&diags, lang);
            return EXIT_FAIL;
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build();
    let run = |f: &mut (dyn FnMut() -> Outcome + Send)| match &pool {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    };
    let outcome = match source {
        Source::Value(serde_json::Value::Array(items)) => run(&mut || {
            let mut names = Names::default();
            let width = items.len().to_string().len().max(3);
            for (i, item) in items.iter().enumerate() {
                names.add(&job, i + 1, job.name_of(i + 1, width, item));
            }
            render_batch(&job, names, items.iter().map(Data::Value))
        }),
        Source::Stream(path) => run(&mut || stream(&job, &path)),
        Source::Value(data @ serde_json::Value::Object(_)) => run(&mut || single(&job, &data)),
        Source::Value(_) => {
            print(
                &fail(
                    &file_name(&args.data),
                    "render.data_invalid",
                    t!("dữ liệu phải là một đối tượng (một văn bản) hoặc một mảng đối tượng (mỗi phần tử một văn bản)" ;
                       "the data must be an object (one document) or an array of objects (one document each)"),
                ),
                lang,
            );
            return EXIT_FAIL;
        }
    };
    report(outcome, lang)
}

/// The template, options and name pattern, ready to render.
fn prepare(args: &RenderArgs) -> Result<Job<'_>, Vec<Diagnostic>> {
    let tpl_name = file_name(&args.template);
    let limits = super::template::limits_here()?;
    let bytes =
        crate::input::read_at_most(&args.template, crate::input::DOCUMENT_MAX).map_err(|e| {
            let e = crate::os_error::describe(&e);
            fail(
                &tpl_name,
                "render.template_unreadable",
                t!("không đọc được mẫu: {}", e.vi ; "cannot read the template: {}", e.en),
            )
        })?;
    let mut template = Template::parse_with_limits(&bytes, &tpl_name, limits)?;
    template.compile_plain_forms();
    let names = match &args.name {
        Some(p) => Some(name_engine(p).map_err(|e| {
            fail(
                &tpl_name,
                "render.name_invalid",
                t!("mẫu tên tệp --name viết sai: {}", e.vi ; "the --name pattern is not valid: {}", e.en),
            )
        })?),
        None => None,
    };
    let stem = args.template.file_stem().map_or_else(
        || "van-ban".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    Ok(Job {
        args,
        tpl_name,
        template,
        options: RenderOptions {
            lenient: args.lenient,
            offer_lenient: true,
        },
        names,
        stem,
        template_path: std::fs::canonicalize(&args.template).ok(),
    })
}

/// What a render did, for the summary.
struct Outcome {
    written: usize,
    total: usize,
    failed: Vec<(usize, Vec<Diagnostic>)>,
    many: bool,
    where_to: String,
}

/// A JSON array. Without `--name`, read once ([`stream_numbered`]); with it, twice: once for
/// the file names, once to render.
fn stream(job: &Job<'_>, path: &Path) -> Outcome {
    if job.names.is_none() && !template_is_numbered_output(job) {
        return stream_numbered(job, path);
    }
    let mut names = Names::default();
    let counted = if job.names.is_some() {
        let mut number = 0;
        for_each_element(path, &mut |item: serde_json::Value| {
            number += 1;
            names.add(job, number, job.name_of(number, 0, &item));
            true
        })
    } else {
        let counted = count_elements(path);
        if let Ok(count) = counted {
            names = numbered(job, count);
        }
        counted
    };
    let count = match counted {
        Ok(n) => n,
        Err(diags) => return unread(job, diags),
    };
    // The second pass renders; the file was read whole already, so a read error now means
    // it changed under us: reported as such.
    let (elements, reader) = element_reader(path);
    let mut outcome = render_batch(job, names, elements);
    match reader.join() {
        Ok(Ok(n)) if n == count => {}
        Ok(Err(diags)) => outcome.failed.push((0, diags)),
        _ => outcome.failed.push((0, data_changed(job))),
    }
    outcome
}

/// A JSON array without `--name`, read once: each document is rendered and staged as its
/// element arrives, under a provisional name, and numbered once the count (the numbers'
/// width) is known at the end. A file that turns out not to be an array, or cut off, leaves
/// nothing written. Saves reading the whole file a first time only to count its elements
/// (a tenth of a 1 000-document batch, docs/performance.md).
fn stream_numbered(job: &Job<'_>, path: &Path) -> Outcome {
    let (elements, reader) = element_reader(path);
    let out = job.out_dir();
    let staged_at = |index: usize| out.join(format!("{}.docx", index + 1));
    let batch = Batch::new();
    let results = render_all(job, &batch, elements, &|index| Some(staged_at(index)));
    let count = match reader.join() {
        Ok(Ok(n)) => n,
        read => {
            batch.abandon(staged_at);
            let diags = match read {
                Ok(Err(diags)) => diags,
                _ => data_changed(job),
            };
            return unread(job, diags);
        }
    };
    finish_batch(job, batch, results, numbered(job, count), Some(&staged_at))
}

/// Whether the template is itself a numbered document (`12.docx`) in the output folder: the
/// names of a one-pass batch are given only after rendering, so that case takes the two passes,
/// whose names are known before anything is written over.
fn template_is_numbered_output(job: &Job<'_>) -> bool {
    let Some(template) = &job.template_path else {
        return false;
    };
    let numbered = template
        .file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    numbered && std::fs::canonicalize(job.out_dir()).ok().as_deref() == template.parent()
}

/// The numbered names of a batch of `count` documents (`001.docx` …, wider past 999).
fn numbered(job: &Job<'_>, count: usize) -> Names {
    let mut names = Names::default();
    let width = count.to_string().len().max(3);
    for number in 1..=count {
        names.add(
            job,
            number,
            job.name_of(number, width, &serde_json::Value::Null),
        );
    }
    names
}

/// Starts the thread that reads the array's elements as text for the renderers: each is parsed
/// once, straight into the template engine's values, on the thread that renders it
/// (`Template::render_json`). The thread's result is the count of elements, or why the file
/// is not an array.
fn element_reader(
    path: &Path,
) -> (
    impl Iterator<Item = Data<'static>>,
    std::thread::JoinHandle<Result<usize, Vec<Diagnostic>>>,
) {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(AHEAD);
    let path = path.to_path_buf();
    let reader =
        std::thread::spawn(move || for_each_element_text(&path, &mut |text| tx.send(text).is_ok()));
    (rx.into_iter().map(Data::Text), reader)
}

/// The outcome of a batch whose data could not be read: nothing written.
fn unread(job: &Job<'_>, diags: Vec<Diagnostic>) -> Outcome {
    Outcome {
        written: 0,
        total: 0,
        failed: vec![(0, diags)],
        many: false,
        where_to: job.out_dir().display().to_string(),
    }
}

fn data_changed(job: &Job<'_>) -> Vec<Diagnostic> {
    fail(
        &file_name(&job.args.data),
        "render.data_changed",
        t!("tệp dữ liệu đã thay đổi trong khi đang tạo văn bản; hãy chạy lại" ;
           "the data file changed while the documents were being made; run again"),
    )
}

/// The data of one document: a value read whole, or the JSON text of an array's element.
enum Data<'a> {
    Value(&'a serde_json::Value),
    Text(Vec<u8>),
}

/// What became of each element of a batch, by index: `None` when it was not rendered.
type Results = Vec<Option<Result<(), Vec<Diagnostic>>>>;

/// Renders the elements whose names were worked out, in parallel; each
/// document goes to a temporary file as soon as it is rendered and the batch is put in place
/// with one sync of the disk at the end (`output::Batch`).
fn render_batch<'a>(
    job: &Job<'_>,
    names: Names,
    elements: impl Iterator<Item = Data<'a>> + Send,
) -> Outcome {
    let batch = Batch::new();
    let targets = &names.targets;
    let mut results = render_all(job, &batch, elements, &|index| {
        targets.get(index).cloned().flatten()
    });
    results.resize(targets.len(), None);
    finish_batch(job, batch, results, names, None)
}

/// Renders and stages, in parallel, every element `staged_at` gives a path. The threads take
/// the elements one by one as they come from the reader (`par_bridge`): no thread waits for
/// the others at the end of a chunk, and the reader's bounded channel keeps only a few
/// elements in memory.
fn render_all<'a>(
    job: &Job<'_>,
    batch: &Batch,
    elements: impl Iterator<Item = Data<'a>> + Send,
    staged_at: &(dyn Fn(usize) -> Option<PathBuf> + Sync),
) -> Results {
    let done: Vec<(usize, Result<(), Vec<Diagnostic>>)> = elements
        .enumerate()
        .filter_map(|(index, item)| Some((index, staged_at(index)?, item)))
        .par_bridge()
        .map(|(index, path, item)| (index, render_one(job, batch, index, &path, &item)))
        .collect();
    let mut results: Results = Vec::new();
    for (index, r) in done {
        if results.len() <= index {
            results.resize(index + 1, None);
        }
        results[index] = Some(r);
    }
    results
}

/// Puts the staged documents in place under their names and counts what was written and what
/// failed; `provisional` gives where each was staged when that was not at its name.
fn finish_batch(
    job: &Job<'_>,
    batch: Batch,
    mut results: Results,
    names: Names,
    provisional: Option<&dyn Fn(usize) -> PathBuf>,
) -> Outcome {
    let Names {
        targets,
        mut failed,
        ..
    } = names;
    let target = |index: usize| targets.get(index).cloned().flatten();
    let staged_at = |index: usize| match provisional {
        Some(at) => at(index),
        None => target(index).unwrap_or_default(),
    };
    for (index, path, e) in batch.commit_from(staged_at, target) {
        if let Some(r) = results.get_mut(index) {
            *r = Some(Err(write_failed(job, &path, &e)));
        }
    }
    let total = targets.len();
    let mut written = 0;
    for (index, r) in results.into_iter().enumerate() {
        match r {
            Some(Ok(())) if index < total && targets[index].is_some() => written += 1,
            Some(Ok(())) => {}
            Some(Err(diags)) => failed.push((index + 1, diags)),
            None => {}
        }
    }
    Outcome {
        written,
        total,
        failed,
        many: true,
        where_to: job.out_dir().display().to_string(),
    }
}

/// One object: one document.
fn single(job: &Job<'_>, data: &serde_json::Value) -> Outcome {
    let path = job.single_path(data);
    let mut outcome = Outcome {
        written: 0,
        total: 1,
        failed: Vec::new(),
        many: false,
        where_to: String::new(),
    };
    let path = match path {
        Ok(p) => p,
        Err(message) => {
            outcome
                .failed
                .push((1, fail(&job.tpl_name, "render.name_invalid", message)));
            return outcome;
        }
    };
    outcome.where_to = path.display().to_string();
    let batch = Batch::new();
    let data = Data::Value(data);
    let mut result = render_one(job, &batch, 0, &path, &data);
    if let Some((_, p, e)) = batch.commit(|_| path.clone()).into_iter().next() {
        result = Err(write_failed(job, &p, &e));
    }
    match result {
        Ok(()) => outcome.written = 1,
        Err(diags) => outcome.failed.push((1, diags)),
    }
    outcome
}

fn write_failed(job: &Job<'_>, path: &Path, e: &std::io::Error) -> Vec<Diagnostic> {
    let shown = path.display().to_string();
    let e = crate::os_error::describe(e);
    fail(
        &job.tpl_name,
        "render.write_failed",
        t!("không ghi được «{shown}»: {} (tệp có đang mở trong Word không?)", e.vi ;
           "cannot write «{shown}»: {} (is it open in Word?)", e.en),
    )
}

/// Renders one document and stages it; never over the template itself.
fn render_one(
    job: &Job<'_>,
    batch: &Batch,
    index: usize,
    path: &Path,
    data: &Data<'_>,
) -> Result<(), Vec<Diagnostic>> {
    // Only a path with the template's file name can be the template: the costly canonical
    // comparison is made for those alone.
    if job.template_path.is_some()
        && path.file_name() == job.args.template.file_name()
        && std::fs::canonicalize(path).ok() == job.template_path
    {
        let shown = path.display().to_string();
        return Err(fail(
            &job.tpl_name,
            "render.overwrite_template",
            t!("tệp kết quả «{shown}» trùng với chính tệp mẫu" ; "the output «{shown}» is the template itself"),
        ));
    }
    let bytes = match data {
        Data::Value(value) => job.template.render(value, &job.options)?,
        Data::Text(text) => job.template.render_json(text, &job.options)?,
    };
    batch
        .stage(index, path, &bytes)
        .map_err(|e| write_failed(job, path, &e))
}

/// Prints the problems, element by element, and the summary; the exit code.
fn report(mut outcome: Outcome, lang: Lang) -> u8 {
    outcome.failed.sort_by_key(|(n, _)| *n);
    for (number, diags) in &outcome.failed {
        for d in diags {
            let mut d = d.clone();
            if outcome.many && *number > 0 {
                d.message =
                    t!("phần tử {number}: {}", d.message.vi ; "element {number}: {}", d.message.en);
            }
            eprintln!("{}", d.render(lang));
        }
    }
    let (written, total, where_to) = (outcome.written, outcome.total, &outcome.where_to);
    let summary = t!("đã ghi {written}/{total} văn bản vào {where_to}" ; "wrote {written}/{total} documents to {where_to}");
    eprintln!("{}", summary.get(lang));
    if outcome.failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_DATA
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(json: &str) -> Result<Vec<String>, Text> {
        let mut out = Vec::new();
        split_elements(json.as_bytes(), Keep::Bytes, &mut |b| {
            out.push(String::from_utf8_lossy(b).trim().to_string());
            true
        })?;
        Ok(out)
    }

    #[test]
    fn splits_the_top_level_array() {
        assert_eq!(
            split(r#" [ {"a": "x,]}\"{", "b": [1, {"c": 2}]}, 3 ,"s\\", [] ] "#).unwrap(),
            vec![
                r#"{"a": "x,]}\"{", "b": [1, {"c": 2}]}"#,
                "3",
                r#""s\\""#,
                "[]"
            ]
        );
        assert_eq!(split("[]").unwrap(), Vec::<String>::new());
        assert!(split("[1, 2").is_err());
        assert!(split("{}").is_err());
        assert!(split("[1] x").is_err());
    }

    /// A random JSON value with strings full of what the splitter must not be fooled by.
    fn random_value(seed: &mut u64, depth: u32) -> serde_json::Value {
        let mut next = || {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed
        };
        let pick = next() % if depth > 3 { 3 } else { 5 };
        match pick {
            0 => serde_json::json!(next() % 1000),
            1 => serde_json::Value::Null,
            2 => {
                let pieces = [
                    "\"", "\\", "[", "]", "{", "}", ",", "chữ", " ", "a", "\u{1}",
                ];
                let n = (next() % 40) as usize;
                let text: String = (0..n).map(|_| pieces[(next() % 11) as usize]).collect();
                serde_json::Value::String(text)
            }
            3 => (0..next() % 4)
                .map(|_| random_value(seed, depth + 1))
                .collect(),
            _ => {
                let n = next() % 4;
                (0..n)
                    .map(|k| (format!("k{k}"), random_value(seed, depth + 1)))
                    .collect::<serde_json::Map<_, _>>()
                    .into()
            }
        }
    }

    /// Cut at every size of read, the elements parse back to the values written.
    #[test]
    fn splits_random_arrays_back_into_their_values() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for round in 0..300 {
            let items: Vec<serde_json::Value> =
                (0..seed % 6).map(|_| random_value(&mut seed, 0)).collect();
            let array = serde_json::Value::Array(items.clone());
            let text = if round % 2 == 0 {
                serde_json::to_string(&array).unwrap()
            } else {
                serde_json::to_string_pretty(&array).unwrap()
            };
            let mut whole = Vec::new();
            let n = split_elements(text.as_bytes(), Keep::Bytes, &mut |b| {
                whole.push(serde_json::from_slice::<serde_json::Value>(b).unwrap());
                true
            })
            .unwrap();
            assert_eq!(n, items.len());
            assert_eq!(whole, items, "{text}");
            let mut trickled = Vec::new();
            split_elements(Trickle(text.as_bytes()), Keep::Bytes, &mut |b| {
                trickled.push(serde_json::from_slice::<serde_json::Value>(b).unwrap());
                true
            })
            .unwrap();
            assert_eq!(trickled, items, "{text}");
            let counted = split_elements(text.as_bytes(), Keep::Nothing, &mut |_| true);
            assert_eq!(counted, Ok(items.len()));
        }
    }

    #[test]
    fn counts_without_keeping_bytes() {
        let json = r#" [ {"a": "x,]}\"{", "b": [1, {"c": 2}]}, 3 ,"s\\", [] ] "#;
        let mut seen = Vec::new();
        let n = split_elements(json.as_bytes(), Keep::Nothing, &mut |b| {
            seen.push(b.len());
            true
        });
        assert_eq!(n, Ok(4));
        assert_eq!(seen, vec![0; 4]);
        assert!(split_elements(&b"[1, 2"[..], Keep::Nothing, &mut |_| true).is_err());
    }

    /// A reader giving one byte at a time: strings and escapes cut at every byte.
    struct Trickle<'a>(&'a [u8]);

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn splits_when_read_a_byte_at_a_time() {
        let json = r#"[{"a": "x\"],\\"}, "\\", "chữ ]"]"#;
        let mut out = Vec::new();
        let n = split_elements(Trickle(json.as_bytes()), Keep::Bytes, &mut |b| {
            out.push(String::from_utf8_lossy(b).trim().to_string());
            true
        })
        .unwrap();
        assert_eq!(n, 3);
        assert_eq!(out, vec![r#"{"a": "x\"],\\"}"#, r#""\\""#, r#""chữ ]""#]);
    }
}
