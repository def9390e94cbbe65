//! A second compiled form of a part, for `chibo render`'s fast path: values printed without
//! the output filter where the filter could not change them.
//!
//! Every `{{ … }}` is compiled as `{{ (…) | __v }}` (`filters::OUT_FILTER`): numbers the
//! Vietnamese way (`93,8`), `null` as nothing, undefined values as nothing in lenient mode. A
//! filter call costs tera a keyword map, a lookup of the filter by name and a copy of the
//! value, which was an eighth of the time of a 36-page document with a 500-row table
//! (docs/performance.md). For a string, a whole number, a boolean or `null`, tera's own printing
//! gives the same text as the filter; only a number with a fraction (and a whole number past
//! `i64`) differs.
//!
//! So a part also gets a *plain* form in which a tag that is a bare variable path
//! (`{{ dang_vien.ho_ten }}`, `{{ r.diem }}`) prints without the filter, and every other
//! expression keeps it. A bare path can only print a value of the data, or a loop's counter,
//! when the part binds names nowhere else than in `for` loops over bare paths: a part with
//! `set`, macros, or a loop over anything else (`{% for x in [1.5] %}`) gets no plain form.
//! The render uses the plain form only for data without such numbers, and not in lenient mode
//! (`Template::render_json`); any problem sends the document to the general path, which uses
//! the full form and reports as always.

use super::prepare::Prepared;
use super::tags::{self, Delim};

/// The statements a part with a plain form may hold: they print nothing and bind names only
/// in `for`, whose loops are checked to run over bare paths.
const PLAIN_STATEMENTS: [&str; 6] = ["for", "endfor", "if", "elif", "else", "endif"];

/// The plain form of a part's source, or `None` when the part may print a value the output
/// filter would change (see the module), or has no bare path to print.
pub(super) fn source(prepared: &Prepared) -> Option<String> {
    let mut out = String::with_capacity(prepared.source.len());
    let mut from = 0;
    let mut any = false;
    for &(start, end, id) in &prepared.spans {
        let parsed = &prepared.tags.get(id)?.parsed;
        match parsed.delim {
            Delim::Stmt => {
                let keyword = parsed.keyword();
                if !PLAIN_STATEMENTS.contains(&keyword)
                    || (keyword == "for" && !loops_over_a_path(parsed.rest()))
                {
                    return None;
                }
            }
            Delim::Expr => {
                let body = tags::tera_body(&parsed.body);
                if bare_path(&body) {
                    out.push_str(prepared.source.get(from..start)?);
                    let (left, right) = (trim(parsed.trim_left), trim(parsed.trim_right));
                    out.push_str(&format!("{{{{{left} {body} {right}}}}}"));
                    from = end;
                    any = true;
                }
            }
            Delim::Comment => {}
        }
    }
    out.push_str(prepared.source.get(from..)?);
    any.then_some(out)
}

fn trim(on: bool) -> &'static str {
    if on { "-" } else { "" }
}

/// `x in path` or `k, v in path`, the iterated value a bare path.
fn loops_over_a_path(rest: &str) -> bool {
    rest.rsplit_once(" in ")
        .is_some_and(|(_, what)| bare_path(&tags::tera_body(what.trim())))
}

/// A variable, its fields and whole-number indexes: `a`, `a.b_2`, `a[0].c`. Nothing that
/// computes, calls or filters.
fn bare_path(body: &str) -> bool {
    let body = body.trim();
    let mut parts = body.split('.');
    let first_ok = parts.next().is_some_and(|head| {
        let (name, indexes) = head.split_once('[').unwrap_or((head, ""));
        identifier(name) && indexes_ok(indexes)
    });
    first_ok
        && parts.all(|part| {
            let (name, indexes) = part.split_once('[').unwrap_or((part, ""));
            identifier(name) && indexes_ok(indexes)
        })
}

fn identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What follows the first `[` of a path step: `0]`, `0][1]`, or nothing.
fn indexes_ok(rest: &str) -> bool {
    rest.is_empty()
        || rest.strip_suffix(']').is_some_and(|inner| {
            inner
                .split("][")
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_paths() {
        for p in [
            "a",
            "a.b",
            "_x.y_2",
            "a[0]",
            "a[0].b",
            "a.b[12][3]",
            " a.b ",
        ] {
            assert!(bare_path(p), "{p}");
        }
        for p in [
            "", "a.", ".a", "a +1", "a | so", "a(1)", "a[b]", "a[]", "1", "a.b.", "\"x\"", "a[0",
            "a..b", "2.5", "a[0]b",
        ] {
            assert!(!bare_path(p), "{p}");
        }
    }

    fn plain_of(body: &str) -> Option<String> {
        let xml = format!(
            r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t xml:space="preserve">{body}</w:t></w:r></w:p></w:body></w:document>"#
        );
        let label = crate::diagnostic::Text::new("b", "b");
        let (p, _) =
            super::super::prepare::prepare(&xml, &label, super::super::prepare::Flavor::Word)
                .unwrap();
        source(&p).map(|s| {
            let from = s.find("preserve\">").unwrap() + "preserve\">".len();
            s[from..s.find("</w:t>").unwrap()].to_string()
        })
    }

    #[test]
    fn plain_forms() {
        assert_eq!(
            plain_of("{{ a }}|{{- b.c -}}|{{ a + 1 }}|{% for r in ds %}{{ r.x }}{% endfor %}")
                .as_deref(),
            Some("{{ a }}|{{- b.c -}}|{{ (a + 1) | __v }}|{% for r in ds %}{{ r.x }}{% endfor %}")
        );
        // Names bound otherwise than by a loop over the data: no plain form.
        assert_eq!(plain_of("{% set x = a / 2 %}{{ x }}"), None);
        assert_eq!(plain_of("{% for x in [1.5] %}{{ x }}{% endfor %}"), None);
        // Nothing to print bare: no plain form either.
        assert_eq!(plain_of("{{ a | so }}"), None);
    }

    #[test]
    fn loops() {
        assert!(loops_over_a_path("x in dang_vien"));
        assert!(loops_over_a_path("k, v in chi_bo.so_lieu"));
        assert!(!loops_over_a_path("x in [1.5, 2]"));
        assert!(!loops_over_a_path("x in range(end=3)"));
        assert!(!loops_over_a_path("x in ds | sort"));
    }
}
