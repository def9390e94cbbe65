//! `chibo template check`: every tag problem of a template at once, and the variables it uses.

use super::{EXIT_FAIL, EXIT_OK};
use crate::cli::TemplateCheckArgs;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Lang, Location};
use crate::docx::{TemplateLimits, check_template_with_limits};
use crate::t;

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
    let (diags, vars) = match std::fs::read(&args.template) {
        Ok(bytes) => check_template_with_limits(&bytes, &name, limits),
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
