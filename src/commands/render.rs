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
/// The file cannot be read or parsed.
pub fn load_data(path: &Path) -> Result<serde_json::Value, Vec<Diagnostic>> {
    let name = file_name(path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        fail(
            &name,
            "render.data_unreadable",
            t!("không đọc được tệp dữ liệu: {e}" ; "cannot read the data file: {e}"),
        )
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let parsed: Result<serde_json::Value, String> = match ext.as_str() {
        "yaml" | "yml" => serde_saphyr::from_str(text).map_err(|e| e.to_string()),
        "toml" => toml::from_str::<toml::Value>(text)
            .map_err(|e| e.to_string())
            .and_then(|v| serde_json::to_value(v).map_err(|e| e.to_string())),
        _ => serde_json::from_str(text).map_err(|e| e.to_string()),
    };
    parsed.map_err(|e| {
        fail(
            &name,
            "render.data_invalid",
            t!("tệp dữ liệu viết sai: {e}" ; "the data file is not valid: {e}"),
        )
    })
}

/// One document to write: the data element and where it goes.
struct Job<'a> {
    number: usize,
    data: &'a serde_json::Value,
    path: PathBuf,
}

/// Compiles `--name` once.
fn name_engine(pattern: &str) -> Result<tera::Tera, String> {
    let mut tera = tera::Tera::new();
    crate::docx::filters::register(&mut tera);
    tera.autoescape_on(Vec::<&str>::new());
    tera.add_raw_template("name", pattern)
        .map_err(|e| e.to_string())?;
    Ok(tera)
}

/// Runs `chibo render`.
#[must_use]
pub fn run(args: &RenderArgs, lang: Lang) -> u8 {
    let tpl_name = file_name(&args.template);
    let limits = match super::template::limits_here() {
        Ok(l) => l,
        Err(diags) => {
            print(&diags, lang);
            return EXIT_FAIL;
        }
    };
    let bytes = match std::fs::read(&args.template) {
        Ok(b) => b,
        Err(e) => {
            print(
                &fail(
                    &tpl_name,
                    "render.template_unreadable",
                    t!("không đọc được mẫu: {e}" ; "cannot read the template: {e}"),
                ),
                lang,
            );
            return EXIT_FAIL;
        }
    };
    let template = match Template::parse_with_limits(&bytes, &tpl_name, limits) {
        Ok(t) => t,
        Err(diags) => {
            print(&diags, lang);
            return EXIT_FAIL;
        }
    };
    drop(bytes);
    let data = match load_data(&args.data) {
        Ok(d) => d,
        Err(diags) => {
            print(&diags, lang);
            return EXIT_FAIL;
        }
    };
    let options = RenderOptions {
        lenient: args.lenient,
    };
    let stem = args.template.file_stem().map_or_else(
        || "van-ban".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let names = match &args.name {
        Some(p) => match name_engine(p) {
            Ok(t) => Some(t),
            Err(e) => {
                print(
                    &fail(
                        &tpl_name,
                        "render.name_invalid",
                        t!("mẫu tên tệp --name viết sai: {e}" ; "the --name pattern is not valid: {e}"),
                    ),
                    lang,
                );
                return EXIT_FAIL;
            }
        },
        None => None,
    };
    let name_of = |number: usize,
                   width: usize,
                   item: &serde_json::Value|
     -> Result<PathBuf, Text> {
        let raw = match &names {
            Some(engine) => {
                let ctx = tera::Context::from_serialize(item).map_err(|e| t!("{e}" ; "{e}"))?;
                engine
                    .render("name", &ctx)
                    .map_err(|e| t!("không tạo được tên tệp từ --name: {e}" ; "cannot build the file name from --name: {e}"))?
            }
            None => format!("{number:0width$}.docx"),
        };
        let mut path = safe_relative_path(raw.trim());
        let has_docx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        if !has_docx {
            let mut s = path.into_os_string();
            s.push(".docx");
            path = PathBuf::from(s);
        }
        Ok(path)
    };

    let mut failed: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
    let mut jobs: Vec<Job<'_>> = Vec::new();
    match &data {
        serde_json::Value::Array(items) => {
            let dir = args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{stem}-ket-qua")));
            let width = items.len().to_string().len().max(3);
            let mut seen: std::collections::BTreeMap<PathBuf, usize> = Default::default();
            for (i, item) in items.iter().enumerate() {
                let number = i + 1;
                match name_of(number, width, item) {
                    Ok(rel) => {
                        let key = PathBuf::from(rel.to_string_lossy().to_lowercase());
                        if let Some(&other) = seen.get(&key) {
                            let shown = rel.display().to_string();
                            failed.push((
                                number,
                                fail(
                                    &tpl_name,
                                    "render.name_duplicate",
                                    t!("phần tử {other} và phần tử {number} cho cùng một tên tệp «{shown}»; hãy đổi --name" ;
                                       "elements {other} and {number} give the same file name «{shown}»; change --name"),
                                ),
                            ));
                            // The first one is not written either: neither would be trustworthy.
                            if let Some(pos) = jobs.iter().position(|j| j.number == other) {
                                let j = jobs.remove(pos);
                                failed.push((
                                    j.number,
                                    fail(
                                        &tpl_name,
                                        "render.name_duplicate",
                                        t!("phần tử {other} và phần tử {number} cho cùng một tên tệp «{shown}»; hãy đổi --name" ;
                                           "elements {other} and {number} give the same file name «{shown}»; change --name"),
                                    ),
                                ));
                            }
                            continue;
                        }
                        seen.insert(key, number);
                        // Never through a symbolic link inside the output folder (H3, #13).
                        let rel_text = rel.to_string_lossy().replace('\\', "/");
                        if let Err(message) = crate::output::real_parent(&dir, &rel_text) {
                            failed.push((number, fail(&tpl_name, "render.symlink", message)));
                            continue;
                        }
                        jobs.push(Job {
                            number,
                            data: item,
                            path: dir.join(rel),
                        });
                    }
                    Err(message) => {
                        failed.push((number, fail(&tpl_name, "render.name_invalid", message)))
                    }
                }
            }
        }
        serde_json::Value::Object(_) => {
            let path = match (&args.out, &names) {
                (Some(out), _) => out.clone(),
                (None, Some(_)) => match name_of(1, 1, &data) {
                    Ok(p) => p,
                    Err(message) => {
                        print(&fail(&tpl_name, "render.name_invalid", message), lang);
                        return EXIT_FAIL;
                    }
                },
                (None, None) => PathBuf::from(format!("{stem}-ket-qua.docx")),
            };
            jobs.push(Job {
                number: 1,
                data: &data,
                path,
            });
        }
        _ => {
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
    }
    // Never write over the template itself.
    let template_path = std::fs::canonicalize(&args.template).ok();
    let template_name_os = template_path.as_deref().and_then(Path::file_name);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build();
    // Rendering is CPU work on `--jobs` threads; each document goes to a temporary file as
    // soon as it is rendered (never the whole batch in memory) and the batch puts them all in
    // place with one sync of the disk at the end (`output::Batch`).
    let batch = Batch::new();
    let write_failed = |path: &Path, e: &std::io::Error| {
        let shown = path.display().to_string();
        fail(
            &tpl_name,
            "render.write_failed",
            t!("không ghi được «{shown}»: {e} (tệp có đang mở trong Word không?)" ;
               "cannot write «{shown}»: {e} (is it open in Word?)"),
        )
    };
    let render_one = |(index, job): (usize, &Job<'_>)| -> Result<(), Vec<Diagnostic>> {
        // Only a path with the template's file name can be the template: the costly
        // canonical comparison is made for those alone.
        if template_path.is_some()
            && job.path.file_name() == template_name_os
            && std::fs::canonicalize(&job.path).ok() == template_path
        {
            let shown = job.path.display().to_string();
            return Err(fail(
                &tpl_name,
                "render.overwrite_template",
                t!("tệp kết quả «{shown}» trùng với chính tệp mẫu" ; "the output «{shown}» is the template itself"),
            ));
        }
        let bytes = template.render(job.data, &options)?;
        batch
            .stage(index, &job.path, &bytes)
            .map_err(|e| write_failed(&job.path, &e))
    };
    let mut results: Vec<Result<(), Vec<Diagnostic>>> = match &pool {
        Ok(pool) => pool.install(|| jobs.par_iter().enumerate().map(render_one).collect()),
        Err(_) => jobs.iter().enumerate().map(render_one).collect(),
    };
    let target = |index: usize| jobs.get(index).map(|j| j.path.clone()).unwrap_or_default();
    for (index, path, e) in batch.commit(target) {
        if let Some(r) = results.get_mut(index) {
            *r = Err(write_failed(&path, &e));
        }
    }
    let total = jobs.len() + failed.len();
    let mut written = 0;
    for (job, result) in jobs.iter().zip(results) {
        match result {
            Ok(()) => written += 1,
            Err(diags) => failed.push((job.number, diags)),
        }
    }
    failed.sort_by_key(|(n, _)| *n);
    let many = data.is_array();
    for (number, diags) in &failed {
        for d in diags {
            let mut d = d.clone();
            if many {
                d.message =
                    t!("phần tử {number}: {}", d.message.vi ; "element {number}: {}", d.message.en);
            }
            eprintln!("{}", d.render(lang));
        }
    }
    let where_to = match (&data, jobs.first()) {
        (serde_json::Value::Array(_), _) => args
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{stem}-ket-qua")))
            .display()
            .to_string(),
        (_, Some(j)) => j.path.display().to_string(),
        _ => String::new(),
    };
    let summary = t!("đã ghi {written}/{total} văn bản vào {where_to}" ; "wrote {written}/{total} documents to {where_to}");
    eprintln!("{}", summary.get(lang));
    if failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_DATA
    }
}
