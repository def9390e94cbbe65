//! `chibo template check`: every tag problem of a template at once, and the variables it uses.

use super::{EXIT_FAIL, EXIT_OK};
use crate::cli::TemplateCheckArgs;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Lang, Location};
use crate::docx::{TemplateLimits, check_template_with_limits, data_lacks};
use crate::t;
use crate::view;

/// The example data of the default document whose template file is named `file` (two for the
/// thematic minutes, also used for combined meetings), or nothing for another file.
fn examples_of(file: &str) -> Vec<serde_json::Value> {
    view::registry::template_file(file).map_or_else(Vec::new, |t| (t.examples)())
}

/// For a default document's template (known by its file name), the variables it uses that
/// the document's data never has: `chibo run` would stop on them at every cell.
fn unknown_variables(name: &str, vars: &[String]) -> Vec<Diagnostic> {
    let examples = examples_of(name);
    if examples.is_empty() {
        return Vec::new();
    }
    vars.iter()
        .filter(|v| examples.iter().all(|e| data_lacks(e, v)))
        .map(|v| {
            Diagnostic::error(
                "docx.unknown_variable",
                Location::file(name),
                t!("mẫu dùng biến `{v}`, nhưng dữ liệu của văn bản {name} không có biến này; chibo run sẽ dừng ở văn bản này" ;
                   "the template uses `{v}`, which the data of {name} does not have; chibo run would stop at this document"),
            )
            .with_value(v.clone())
            .with_hint(t!("xem danh sách biến của văn bản này trong docs/default-documents.md" ;
                          "see this document's variables in docs/default-documents.md"))
        })
        .collect()
}

/// The template limits of the `chibo.toml` in the current folder (the committee's folder, where
/// `templates/` is), or the defaults when there is none. `chibo render` and `chibo template
/// check` take no input folder, and must agree with `chibo run` on the committee's templates.
///
/// # Errors
/// The `chibo.toml` there is invalid.
pub(super) fn limits_here() -> Result<TemplateLimits, Vec<Diagnostic>> {
    Config::load(std::path::Path::new(".")).map(|c| TemplateLimits::from_config(&c.gioi_han))
}

/// Runs `chibo template check`.
#[must_use]
pub fn check(args: &TemplateCheckArgs, lang: Lang) -> u8 {
    let name = args.template.file_name().map_or_else(
        || args.template.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let limits = match limits_here() {
        Ok(l) => l,
        Err(diags) => {
            for d in &diags {
                eprintln!("{}", d.render(lang));
            }
            return EXIT_FAIL;
        }
    };
    let (diags, vars) = match crate::input::read_at_most(&args.template, crate::input::DOCUMENT_MAX)
    {
        Ok(bytes) => {
            let (mut diags, vars) = check_template_with_limits(&bytes, &name, limits);
            diags.extend(unknown_variables(&name, &vars));
            (diags, vars)
        }
        Err(e) => (
            vec![Diagnostic::error(
                "render.template_unreadable",
                Location::file(&name),
                t!("không đọc được mẫu: {}", crate::os_error::describe(&e).vi ; "cannot read the template: {}", crate::os_error::describe(&e).en),
            )],
            Vec::new(),
        ),
    };
    if args.json {
        let problems: Vec<serde_json::Value> = diags
            .iter()
            .map(|d| {
                let mut j = d.to_json(lang);
                if let Some(obj) = j.as_object_mut() {
                    obj.insert(
                        "place".to_string(),
                        d.location
                            .place
                            .as_ref()
                            .map_or(serde_json::Value::Null, |p| p.get(lang).into()),
                    );
                }
                j
            })
            .collect();
        let out = serde_json::json!({
            "template": name,
            "ok": diags.is_empty(),
            "problems": problems,
            "variables": vars,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        for d in &diags {
            eprintln!("{}", d.render(lang));
        }
        if diags.is_empty() {
            println!(
                "{}",
                t!("mẫu {name} không có lỗi" ; "template {name} has no problems").get(lang)
            );
        } else {
            let n = diags.len();
            eprintln!(
                "{}",
                t!("mẫu {name} có {n} lỗi" ; "template {name} has {n} problems").get(lang)
            );
        }
        println!(
            "{}",
            t!("biến mẫu dùng ({}):", vars.len() ; "variables used ({}):", vars.len()).get(lang)
        );
        for v in &vars {
            println!("  {v}");
        }
    }
    if diags.is_empty() { EXIT_OK } else { EXIT_FAIL }
}
