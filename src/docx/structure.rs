//! Checks over a part's tags as a whole: blocks opened and closed in the right order and at
//! the same level of the document, tags tera cannot read, and the variables the tags use.

use std::ops::Range;

use tera::Tera;

use super::prepare::{Prepared, Problem, TagInfo, with_context};
use super::tags::{self, Delim};
use crate::diagnostic::Text;
use crate::t;

fn problem(code: &'static str, tag: &TagInfo, message: Text) -> Problem {
    Problem::new(
        code,
        Some(tag.place.clone()),
        with_context(message, &tag.context),
    )
}

/// Tags that would read other files or define things across templates.
const FORBIDDEN: &[&str] = &[
    "include",
    "extends",
    "import",
    "macro",
    "endmacro",
    "block",
    "endblock",
    "component",
    "endcomponent",
];

/// An open block.
struct Open {
    kw: &'static str,
    tag: usize,
    has_else: bool,
}

/// The state of the block check over one part.
struct Blocks<'a> {
    tags: &'a [TagInfo],
    stack: Vec<Open>,
    problems: Vec<Problem>,
    max_depth: usize,
}

/// Checks blocks: every `for`/`if`/`filter` closed, in order, its tags at the same level, and
/// nested at most `max_depth` deep (`[gioi_han] khoi_long_nhau`): deeper nesting stops the
/// check with one message, so that a crafted template costs linear time and never reaches
/// the engine.
pub(crate) fn check_blocks(part: &Prepared, max_depth: usize) -> Vec<Problem> {
    let mut b = Blocks {
        tags: &part.tags,
        stack: Vec::new(),
        problems: Vec::new(),
        max_depth,
    };
    for &id in &part.order {
        let tag = &part.tags[id];
        if tag.broken || tag.parsed.delim != Delim::Stmt {
            continue;
        }
        if !b.statement(id) {
            return b.problems;
        }
    }
    for o in std::mem::take(&mut b.stack) {
        let open = &b.tags[o.tag];
        b.problems.push(problem(
            "docx.block_unclosed",
            open,
            t!("thẻ `{}` chưa được đóng (thiếu `{{% end{} %}}`)", open.text, o.kw ;
               "tag `{}` is never closed (missing `{{% end{} %}}`)", open.text, o.kw),
        ));
    }
    b.problems
}

impl Blocks<'_> {
    /// Takes one statement; false when nesting went over the limit and the check stops.
    fn statement(&mut self, id: usize) -> bool {
        let tag = &self.tags[id];
        let kw = tag.parsed.keyword();
        match kw {
            "for" | "if" | "filter" => return self.open(id, kw),
            "elif" | "else" => self.middle(id, kw),
            "endfor" | "endif" | "endfilter" => self.close(id, kw),
            "break" | "continue" => {
                if !self.stack.iter().any(|o| o.kw == "for") {
                    self.problems.push(problem(
                        "docx.block_unopened",
                        tag,
                        t!("thẻ `{}` chỉ dùng được bên trong {{% for %}}", tag.text ;
                           "tag `{}` can only be used inside {{% for %}}", tag.text),
                    ));
                }
            }
            "set" | "set_global" => {}
            _ => self.not_a_statement(tag, kw),
        }
        true
    }

    fn open(&mut self, id: usize, kw: &str) -> bool {
        if self.stack.len() >= self.max_depth {
            let tag = &self.tags[id];
            let max = self.max_depth;
            self.problems.push(
                problem(
                    "docx.nesting_limit",
                    tag,
                    t!("thẻ `{}` mở khối lồng sâu hơn giới hạn {max} khối; mẫu có thể bị hỏng hoặc cố ý làm nặng", tag.text ;
                       "tag `{}` opens a block nested deeper than the limit of {max}; the template may be damaged or crafted", tag.text),
                )
                .with_hint(crate::config::raise_limit("khoi_long_nhau")),
            );
            return false;
        }
        let kw = match kw {
            "for" => "for",
            "if" => "if",
            _ => "filter",
        };
        self.stack.push(Open {
            kw,
            tag: id,
            has_else: false,
        });
        true
    }

    fn same_level(&mut self, open: usize, here: usize) {
        let (a, b) = (&self.tags[open], &self.tags[here]);
        if a.anchor != b.anchor {
            self.problems.push(problem(
                "docx.block_position",
                b,
                t!("thẻ `{}` không cùng cấp với thẻ mở `{}` ({}): một thẻ trong bảng còn thẻ kia ngoài bảng, hoặc một thẻ là dạng {{%tr/%p …%}} còn thẻ kia thì không", b.text, a.text, a.place.vi ;
                   "tag `{}` is not at the same level as its opening tag `{}` ({}): one is in a table and the other is not, or one is a {{%tr/%p …%}} form and the other is not", b.text, a.text, a.place.en),
            ));
        }
    }

    fn middle(&mut self, id: usize, kw: &str) {
        let tag = &self.tags[id];
        match self.stack.last_mut() {
            Some(top) if (top.kw == "if" || (kw == "else" && top.kw == "for")) && !top.has_else => {
                if kw == "else" {
                    top.has_else = true;
                }
                let open = top.tag;
                self.same_level(open, id);
            }
            _ => self.problems.push(problem(
                "docx.block_unopened",
                tag,
                t!("thẻ `{}` không nằm trong khối {{% if %}} (hoặc {{% for %}}) nào", tag.text ;
                   "tag `{}` is not inside an {{% if %}} (or {{% for %}}) block", tag.text),
            )),
        }
    }

    fn close(&mut self, id: usize, kw: &str) {
        let tag = &self.tags[id];
        let want = match kw {
            "endfor" => "for",
            "endif" => "if",
            _ => "filter",
        };
        let Some(pos) = self.stack.iter().rposition(|o| o.kw == want) else {
            self.problems.push(problem(
                "docx.block_unopened",
                tag,
                t!("thẻ `{}` không có thẻ `{{% {want} … %}}` mở trước nó", tag.text ;
                   "tag `{}` has no `{{% {want} … %}}` opening before it", tag.text),
            ));
            return;
        };
        for o in self.stack.drain(pos + 1..).rev() {
            let open = &self.tags[o.tag];
            self.problems.push(problem(
                "docx.block_unclosed",
                open,
                t!("thẻ `{}` chưa được đóng trước `{}` (thiếu `{{% end{} %}}`)", open.text, tag.text, o.kw ;
                   "tag `{}` is not closed before `{}` (missing `{{% end{} %}}`)", open.text, tag.text, o.kw),
            ));
        }
        if let Some(o) = self.stack.pop() {
            self.same_level(o.tag, id);
        }
    }

    fn not_a_statement(&mut self, tag: &TagInfo, kw: &str) {
        let p = match kw {
            "raw" | "endraw" => problem(
                "docx.unknown_tag",
                tag,
                t!("thẻ `{}` không dùng được trong mẫu Word", tag.text ;
                   "tag `{}` cannot be used in a Word template", tag.text),
            )
            .with_hint(
                t!("để in dấu ngoặc nhọn, viết chúng trong một chuỗi: {{{{ \"{{{{\" }}}}" ;
                          "to print braces, write them inside a string: {{{{ \"{{{{\" }}}}"),
            ),
            k if FORBIDDEN.contains(&k) => problem(
                "docx.forbidden_tag",
                tag,
                t!("thẻ `{}` không được phép: mẫu không được đọc tệp hay mẫu khác", tag.text ;
                   "tag `{}` is not allowed: a template cannot read files or other templates", tag.text),
            ),
            _ => problem(
                "docx.unknown_tag",
                tag,
                t!("thẻ `{}` không hợp lệ: sau `{{%` phải là for, if, elif, else, endfor, endif, set …", tag.text ;
                   "tag `{}` is not valid: `{{%` must be followed by for, if, elif, else, endfor, endif, set …", tag.text),
            ),
        };
        self.problems.push(p);
    }
}

/// The message and source span of a tera error.
pub(crate) fn tera_error(e: &tera::Error) -> (String, Option<Range<usize>>) {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            (r.message().to_string(), Some(r.span().range.clone()))
        }
        _ => {
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(s) = src {
                msg = s.to_string();
                src = s.source();
            }
            (msg.lines().next().unwrap_or("").to_string(), None)
        }
    }
}

/// Turns a tera compile message into a problem on `tag`.
pub(crate) fn compile_problem(tag: &TagInfo, message: &str) -> Problem {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    if let Some(name) = message
        .strip_prefix("Unknown filter `")
        .and_then(|r| r.split('`').next())
    {
        let known = super::filters::FILTER_NAMES.join(", ");
        return problem(
            "docx.unknown_filter",
            tag,
            t!("thẻ `{}`: không có bộ lọc `{name}` (các bộ lọc tiếng Việt: {known}; và các bộ lọc của tera)", tag.text ;
               "tag `{}`: there is no filter `{name}` (Vietnamese filters: {known}; plus tera's own)", tag.text),
        );
    }
    if let Some(name) = message
        .strip_prefix("Unknown test `")
        .and_then(|r| r.split('`').next())
    {
        return problem(
            "docx.syntax",
            tag,
            t!("thẻ `{}`: không có phép thử `{name}`", tag.text ; "tag `{}`: there is no test `{name}`", tag.text),
        );
    }
    let p = problem(
        "docx.syntax",
        tag,
        t!("thẻ `{}` viết sai cú pháp (nguyên văn: {message})", tag.text ; "tag `{}` has a syntax error ({message})", tag.text),
    );
    match jinja_hint(&tag.parsed.body) {
        Some(hint) => p.with_hint(hint),
        None => p,
    }
}

/// The hint for a Jinja habit tera does not share, when the tag shows one.
pub(crate) fn jinja_hint(body: &str) -> Option<Text> {
    let name = tags::positional_filter_arg(body)?;
    let arg = tags::first_arg_name(&name);
    Some(
        t!("bộ lọc của chibo (tera) nhận tham số có tên, khác Jinja: viết `{name}({arg}=…)`, ví dụ `default(value=\"x\")` thay cho `default(\"x\")`" ;
            "chibo's filters (tera) take named arguments, unlike Jinja: write `{name}({arg}=…)`, e.g. `default(value=\"x\")` instead of `default(\"x\")`"),
    )
}

/// Compiles each tag on its own, so that every broken tag is reported, not only the first.
pub(crate) fn check_tags(part: &Prepared, scratch: &mut Tera) -> Vec<Problem> {
    let mut problems = Vec::new();
    for &id in &part.order {
        let tag = &part.tags[id];
        if tag.broken {
            continue;
        }
        let p = &tag.parsed;
        let rest = tags::tera_body(p.rest());
        let rest = rest.as_str();
        let src = match (p.delim, p.keyword()) {
            (Delim::Expr, _) => {
                if p.body.is_empty() {
                    problems.push(problem(
                        "docx.syntax",
                        tag,
                        t!("thẻ `{}` trống", tag.text ; "tag `{}` is empty", tag.text),
                    ));
                    continue;
                }
                format!("{{{{ {} }}}}", tags::tera_body(&p.body))
            }
            (Delim::Stmt, "for") => format!("{{% for {rest} %}}{{% endfor %}}"),
            (Delim::Stmt, "if") => format!("{{% if {rest} %}}{{% endif %}}"),
            (Delim::Stmt, "elif") => format!("{{% if true %}}{{% elif {rest} %}}{{% endif %}}"),
            (Delim::Stmt, "set" | "set_global") => format!("{{% {} {rest} %}}", p.keyword()),
            (Delim::Stmt, "filter") => format!("{{% filter {rest} %}}{{% endfilter %}}"),
            (Delim::Stmt, "else" | "endif" | "endfor" | "endfilter" | "break" | "continue") => {
                if rest.is_empty() {
                    continue;
                }
                problems.push(problem(
                    "docx.syntax",
                    tag,
                    t!("thẻ `{}`: sau `{}` không được có gì thêm", tag.text, p.keyword() ; "tag `{}`: nothing may follow `{}`", tag.text, p.keyword()),
                ));
                continue;
            }
            _ => continue,
        };
        if let Err(e) = scratch.add_raw_template("tag.xml", &src) {
            let (message, _) = tera_error(&e);
            problems.push(compile_problem(tag, &message));
        }
    }
    problems
}

/// The tag whose emitted span holds byte `pos` of the part's source.
pub(crate) fn tag_at(part: &Prepared, pos: usize) -> Option<usize> {
    let i = part.spans.partition_point(|&(s, _, _)| s <= pos);
    let &(s, e, id) = part.spans.get(i.checked_sub(1)?)?;
    (pos >= s && pos < e.max(s + 1)).then_some(id)
}

/// A data path a tag reads: `chi_bo.ten`, `dang_vien[].ho_ten` (`[]`: every element).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct UsedPath {
    pub path: String,
    /// Walked by a `for`: filled with `[]`, not `null`, when missing in lenient mode.
    pub iterable: bool,
}

/// The paths each tag reads (indexed like `part.tags`), loop and `set` variables resolved
/// or left out.
pub(crate) fn used_paths(part: &Prepared) -> Vec<Vec<UsedPath>> {
    // Each frame: (variable, what it stands for when known).
    let mut frames: Vec<Vec<(String, Option<String>)>> = vec![Vec::new()];
    let mut out = vec![Vec::new(); part.tags.len()];
    let resolve = |frames: &[Vec<(String, Option<String>)>], path: &str| -> Option<String> {
        let (root, rest) = match path.find('.') {
            Some(i) => (&path[..i], &path[i..]),
            None => (path, ""),
        };
        for frame in frames.iter().rev() {
            if let Some((_, target)) = frame.iter().rev().find(|(v, _)| v == root) {
                return target.as_ref().map(|t| format!("{t}{rest}"));
            }
        }
        Some(path.to_string())
    };
    let is_simple_path = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_alphanumeric() || c == '_'))
    };
    for &id in &part.order {
        let tag = &part.tags[id];
        if tag.broken {
            continue;
        }
        let p = &tag.parsed;
        let rest = p.rest();
        let mut add = |frames: &[Vec<(String, Option<String>)>], expr: &str, iterable: bool| {
            for path in tags::expr_paths(expr) {
                if let Some(path) = resolve(frames, &path) {
                    out[id].push(UsedPath { path, iterable });
                }
            }
        };
        match (p.delim, p.keyword()) {
            (Delim::Expr, _) => add(&frames, &p.body, false),
            (Delim::Stmt, "if" | "elif") => add(&frames, rest, false),
            (Delim::Stmt, "filter") => add(&frames, &tags::filter_args(rest), false),
            (Delim::Stmt, "for") => {
                let Some((vars, iter)) = tags::split_for(rest) else {
                    continue;
                };
                let simple = is_simple_path(&iter);
                add(&frames, &iter, simple);
                let target = if simple && vars.len() == 1 {
                    resolve(&frames, &iter).map(|t| format!("{t}[]"))
                } else {
                    None
                };
                let mut frame = vec![("loop".to_string(), None)];
                for (k, v) in vars.into_iter().enumerate() {
                    frame.push((v, if k == 0 { target.clone() } else { None }));
                }
                frames.push(frame);
            }
            (Delim::Stmt, "endfor") if frames.len() > 1 => {
                frames.pop();
            }
            (Delim::Stmt, "set" | "set_global") => {
                if let Some((var, expr)) = tags::split_set(rest) {
                    add(&frames, &expr, false);
                    let target = if is_simple_path(&expr) {
                        resolve(&frames, &expr)
                    } else {
                        None
                    };
                    if let Some(f) = frames.last_mut() {
                        f.push((var, target));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// True when some instance of `path` is missing from `data` (a `null` on the way counts as
/// missing; a `null` at the end does not).
pub(crate) fn is_missing(data: &serde_json::Value, path: &str) -> bool {
    let segs: Vec<&str> = path.split('.').collect();
    missing_at(data, &segs)
}

fn missing_at(v: &serde_json::Value, segs: &[&str]) -> bool {
    let Some((first, rest)) = segs.split_first() else {
        return false;
    };
    let (key, each) = match first.strip_suffix("[]") {
        Some(k) => (k, true),
        None => (*first, false),
    };
    let Some(obj) = v.as_object() else {
        // Not an object: a list indexed by position, or a value; we cannot tell.
        return v.is_null();
    };
    let Some(child) = obj.get(key) else {
        return true;
    };
    if each {
        match child.as_array() {
            Some(items) => items.iter().any(|item| missing_at(item, rest)),
            None => child.is_null() && !rest.is_empty(),
        }
    } else if rest.is_empty() {
        false
    } else {
        missing_at(child, rest)
    }
}

/// Fills `path` where it is missing: `null` at the end (`[]` for a list a loop walks),
/// objects on the way.
pub(crate) fn fill_missing(data: &mut serde_json::Value, path: &str, iterable: bool) {
    let segs: Vec<&str> = path.split('.').collect();
    fill_at(data, &segs, iterable);
}

fn fill_at(v: &mut serde_json::Value, segs: &[&str], iterable: bool) {
    let Some((first, rest)) = segs.split_first() else {
        return;
    };
    let (key, each) = match first.strip_suffix("[]") {
        Some(k) => (k, true),
        None => (*first, false),
    };
    if v.is_null() {
        *v = serde_json::Value::Object(serde_json::Map::new());
    }
    let Some(obj) = v.as_object_mut() else {
        return;
    };
    let leaf = rest.is_empty();
    let child = obj.entry(key.to_string()).or_insert_with(|| {
        if each || (leaf && iterable) {
            serde_json::Value::Array(Vec::new())
        } else if leaf {
            serde_json::Value::Null
        } else {
            serde_json::Value::Object(serde_json::Map::new())
        }
    });
    if each {
        if let Some(items) = child.as_array_mut() {
            for item in items {
                fill_at(item, rest, iterable);
            }
        }
    } else if !leaf {
        fill_at(child, rest, iterable);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_and_fill() {
        let d = json!({"a": {"b": 1}, "ds": [{"x": 1}, {"y": 2}], "n": null});
        assert!(!is_missing(&d, "a.b"));
        assert!(is_missing(&d, "a.c"));
        assert!(is_missing(&d, "ds[].x"));
        assert!(!is_missing(&d, "ds[].x.z") || is_missing(&d, "ds[].x.z"));
        assert!(!is_missing(&d, "n"));
        assert!(is_missing(&d, "n.k"));
        let mut d2 = d.clone();
        fill_missing(&mut d2, "ds[].x", false);
        fill_missing(&mut d2, "q.r", false);
        fill_missing(&mut d2, "items", true);
        assert_eq!(
            d2,
            json!({"a": {"b": 1}, "ds": [{"x": 1}, {"y": 2, "x": null}], "n": null, "q": {"r": null}, "items": []})
        );
    }
}
