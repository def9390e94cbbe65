//! Tags as users type them: finding `{{ }}`, `{% %}` and `{# #}` in a paragraph's text,
//! cleaning Word's typography out of them, telling structural tags (`{%tr %}`, `{%p %}` …)
//! apart, and reading the variables an expression uses.
//!
//! The expression reader is hand-written because tera 2 keeps its syntax tree private and
//! reports only top-level names (`Tera::get_template_variables`); we need dotted paths and the
//! loop variables resolved to the list they walk.

use std::fmt::Write as _;

/// The three kinds of delimiters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Delim {
    /// `{{ … }}`
    Expr,
    /// `{% … %}`
    Stmt,
    /// `{# … #}`
    Comment,
}

impl Delim {
    fn closer(self) -> &'static str {
        match self {
            Delim::Expr => "}}",
            Delim::Stmt => "%}",
            Delim::Comment => "#}",
        }
    }
}

/// The element a structural tag replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Structural {
    /// `{%p … %}`: the paragraph.
    Paragraph,
    /// `{%tr … %}`: the table row.
    Row,
    /// `{%tc … %}`: the table cell.
    Cell,
    /// `{%r … %}`: the run.
    Run,
}

impl Structural {
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Structural::Paragraph => "p",
            Structural::Row => "tr",
            Structural::Cell => "tc",
            Structural::Run => "r",
        }
    }
}

/// A tag found in a paragraph's text: byte range in that text and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub delim: Delim,
}

/// Problems met while looking for tags in one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FindProblem {
    /// An opener without its closer; the text from the opener to the end of the paragraph.
    Unclosed { start: usize, delim: Delim },
    /// A closer (`}}` or `%}`) without an opener.
    Unopened { start: usize, closer: &'static str },
}

/// How the search for a tag's closer ended.
enum Close {
    /// The closer starts at this byte.
    At(usize),
    /// An opener of the same kind came first, at this byte: `{{ a {{ b }}`.
    Reopened(usize),
    /// No closer before the end of the paragraph.
    Missing,
}

/// The closing quote of a string literal opened by `c`, if `c` opens one. Word's smart
/// quotes count (they are cleaned to ASCII quotes later).
fn closing_quote(c: char) -> Option<&'static [char]> {
    match c {
        '"' => Some(&['"']),
        '\'' => Some(&['\'']),
        '`' => Some(&['`']),
        '\u{201C}' => Some(&['\u{201D}', '\u{201C}', '"']),
        '\u{2018}' => Some(&['\u{2019}', '\u{2018}', '\'']),
        _ => None,
    }
}

/// Looks for the closer of the tag whose body starts at byte `from`. Outside comments,
/// a `}}`, `%}`, `{{` or `{%` inside a string literal (`{{ "{{" }}`) is text, not a delimiter;
/// a quote that is never closed is taken as a plain character.
fn find_close(text: &str, from: usize, delim: Delim) -> Close {
    let closer = delim.closer();
    let reopen = match delim {
        Delim::Expr => "{{",
        Delim::Stmt => "{%",
        Delim::Comment => "",
    };
    let rest = text.get(from..).unwrap_or("");
    let mut quote: Option<(usize, &[char])> = None;
    for (i, c) in rest.char_indices() {
        if let Some((_, ends)) = quote {
            if ends.contains(&c) {
                quote = None;
            }
            continue;
        }
        let here = &rest[i..];
        if here.starts_with(closer) {
            return Close::At(from + i);
        }
        if !reopen.is_empty() && here.starts_with(reopen) {
            return Close::Reopened(from + i);
        }
        if delim != Delim::Comment
            && let Some(ends) = closing_quote(c)
        {
            // Only a quote closed later in the paragraph opens a literal.
            let after = i + c.len_utf8();
            if rest[after..].contains(ends) {
                quote = Some((i, ends));
            }
        }
    }
    Close::Missing
}

/// Finds the tags of one paragraph's text. A tag never spans paragraphs.
pub(crate) fn find_tags(text: &str) -> (Vec<Found>, Vec<FindProblem>) {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        let delim = match (b[i], b[i + 1]) {
            (b'{', b'{') => Some(Delim::Expr),
            (b'{', b'%') => Some(Delim::Stmt),
            (b'{', b'#') => Some(Delim::Comment),
            _ => None,
        };
        if let Some(delim) = delim {
            match find_close(text, i + 2, delim) {
                Close::At(at) => {
                    let end = at + 2;
                    found.push(Found {
                        start: i,
                        end,
                        delim,
                    });
                    i = end;
                }
                Close::Reopened(at) => {
                    problems.push(FindProblem::Unclosed { start: i, delim });
                    i = at;
                }
                Close::Missing => {
                    problems.push(FindProblem::Unclosed { start: i, delim });
                    i = b.len();
                }
            }
            continue;
        }
        if (b[i] == b'%' || b[i] == b'}') && b[i + 1] == b'}' {
            // A `}}` right after a tag's own `}` (`{{ x }}}`) is still unopened.
            problems.push(FindProblem::Unopened {
                start: i,
                closer: if b[i] == b'%' { "%}" } else { "}}" },
            });
            i += 2;
            continue;
        }
        i += 1;
    }
    (found, problems)
}

/// Word's typography inside a tag turned back into what the engine reads: smart quotes to
/// ASCII quotes, non-breaking and other special spaces to spaces.
pub(crate) fn clean_tag(tag: &str) -> String {
    tag.chars()
        .map(|c| match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\t' => ' ',
            c => c,
        })
        .filter(|c| *c != '\u{200B}' && *c != '\u{FEFF}')
        .collect()
}

/// A cleaned tag split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub delim: Delim,
    /// `{%-` / `{{-`.
    pub trim_left: bool,
    /// `-%}` / `-}}`.
    pub trim_right: bool,
    pub structural: Option<Structural>,
    /// The statement or expression, without delimiters, structural prefix or outer spaces.
    pub body: String,
}

impl Parsed {
    /// The first word of a statement (`for`, `endif` …), empty for expressions.
    pub(crate) fn keyword(&self) -> &str {
        if self.delim != Delim::Stmt {
            return "";
        }
        let end = self
            .body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.body.len());
        &self.body[..end]
    }

    /// The statement after its keyword.
    pub(crate) fn rest(&self) -> &str {
        self.body[self.keyword().len()..].trim()
    }

    /// The tag as tera reads it (structural prefix removed).
    pub(crate) fn to_tera(&self) -> String {
        let (open, close) = match self.delim {
            Delim::Expr => ("{{", "}}"),
            Delim::Stmt => ("{%", "%}"),
            Delim::Comment => return String::new(),
        };
        format!(
            "{open}{} {} {}{close}",
            if self.trim_left { "-" } else { "" },
            tera_body(&self.body),
            if self.trim_right { "-" } else { "" }
        )
    }
}

/// Splits a cleaned tag (`{%tr for x in xs -%}`).
pub(crate) fn parse_tag(tag: &str, delim: Delim) -> Parsed {
    let inner = tag.get(2..tag.len().saturating_sub(2)).unwrap_or("");
    let mut inner = inner;
    let mut trim_left = false;
    let mut trim_right = false;
    if delim != Delim::Comment {
        if let Some(rest) = inner.strip_prefix('-') {
            trim_left = true;
            inner = rest;
        }
        if let Some(rest) = inner.strip_suffix('-') {
            trim_right = true;
            inner = rest;
        }
    }
    let mut structural = None;
    if delim != Delim::Expr {
        // `{%tr for …%}`: the prefix touches the opener and a space follows it.
        for kind in [
            Structural::Row,
            Structural::Cell,
            Structural::Paragraph,
            Structural::Run,
        ] {
            if let Some(rest) = inner.strip_prefix(kind.prefix())
                && rest.starts_with(' ')
            {
                structural = Some(kind);
                inner = rest;
                break;
            }
        }
    }
    Parsed {
        delim,
        trim_left,
        trim_right,
        structural,
        body: inner.trim().to_string(),
    }
}

/// `{{p x }}` and `{{r x }}`: docxtpl's rich-text forms, which we do not support.
pub(crate) fn is_rich_form(tag: &str) -> bool {
    let inner = tag.get(2..).unwrap_or("");
    (inner.starts_with("p ") || inner.starts_with("r "))
        && inner[2..]
            .trim_start()
            .starts_with(|c: char| c.is_alphabetic() || c == '_')
}

// ----- expressions -----

#[derive(Clone, Debug, PartialEq)]
enum Tok<'a> {
    Ident(&'a str),
    Str(&'a str),
    Num,
    Punct(&'a str),
}

fn lex(src: &str) -> Vec<Tok<'_>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'"' || c == b'\'' || c == b'`' {
            let start = i + 1;
            let mut j = start;
            while j < b.len() && b[j] != c {
                j += 1;
            }
            out.push(Tok::Str(src.get(start..j).unwrap_or("")));
            i = j + 1;
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Num);
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                i += 1;
            }
            out.push(Tok::Ident(src.get(start..i).unwrap_or("")));
        } else {
            let two = src.get(i..i + 2).unwrap_or("");
            if matches!(two, "==" | "!=" | "<=" | ">=" | "?." | "?[" | "//" | "**") {
                out.push(Tok::Punct(two));
                i += 2;
            } else {
                out.push(Tok::Punct(src.get(i..=i).unwrap_or("")));
                i += 1;
            }
        }
    }
    out
}

const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "True", "False", "None",
];

/// The variable paths an expression reads (`chi_bo.ten`, `ds`), in order, duplicates kept.
pub(crate) fn expr_paths(src: &str) -> Vec<String> {
    let toks = lex(src);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Tok::Ident(name) = toks[i] else {
            i += 1;
            continue;
        };
        let prev = i.checked_sub(1).and_then(|p| toks.get(p));
        let next = toks.get(i + 1);
        let after_attr = matches!(prev, Some(Tok::Punct("." | "?." | "|")));
        let after_is = matches!(prev, Some(Tok::Ident("is")))
            || (matches!(prev, Some(Tok::Ident("not")))
                && i >= 2
                && matches!(toks.get(i - 2), Some(Tok::Ident("is"))));
        let is_call = matches!(next, Some(Tok::Punct("(")));
        let is_kwarg = matches!(next, Some(Tok::Punct("=")));
        if after_attr || after_is || is_call || is_kwarg || KEYWORDS.contains(&name) {
            i += 1;
            continue;
        }
        let mut path = name.to_string();
        let mut j = i + 1;
        loop {
            match (toks.get(j), toks.get(j + 1), toks.get(j + 2)) {
                (Some(Tok::Punct("." | "?.")), Some(Tok::Ident(attr)), _) => {
                    path.push('.');
                    path.push_str(attr);
                    j += 2;
                }
                (Some(Tok::Punct("[" | "?[")), Some(Tok::Str(key)), Some(Tok::Punct("]"))) => {
                    path.push('.');
                    path.push_str(key);
                    j += 3;
                }
                _ => break,
            }
        }
        out.push(path);
        i = j;
    }
    out
}

/// True for a name tera reads as an identifier: ASCII letters, digits and `_`, not starting
/// with a digit.
pub(crate) fn is_plain_ident(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The identifier tera sees for a top-level name it cannot read (`Chức_vụ`, a mail-merge
/// field `Họ tên`): the name's NFC bytes in hex behind a prefix no one types. The data's
/// top-level keys are given to tera under the same names ([`mangled_keys`]).
pub(crate) fn mangle(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    let nfc: String = name.nfc().collect();
    let mut out = String::from(MANGLE_PREFIX);
    for b in nfc.bytes() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

const MANGLE_PREFIX: &str = "__k_";

/// The top-level keys of `data` that tera cannot read as identifiers, with the name each is
/// given to tera under: `Họ tên` and `Họ_tên` both under the mangled `Họ_tên`, `Ho ten` under
/// `Ho_ten` (unless the data has that key too).
pub(crate) fn mangled_keys(data: &serde_json::Value) -> Vec<(String, &serde_json::Value)> {
    data.as_object()
        .map(|o| {
            mangled_names(o.keys().map(String::as_str), |k| o.contains_key(k))
                .into_iter()
                .filter_map(|(name, key)| Some((name, o.get(&key)?)))
                .collect()
        })
        .unwrap_or_default()
}

/// [`mangled_keys`] on the keys alone: `(name tera reads, key)` for each key that is not a
/// plain identifier; `has` tells whether the data has a key.
pub(crate) fn mangled_names<'a>(
    keys: impl Iterator<Item = &'a str>,
    has: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    keys.filter(|k| !is_plain_ident(k))
        .map(|k| {
            // Spaces and punctuation as Word's mail merge names its fields.
            let name = super::mailmerge::field_name(k);
            if is_plain_ident(&name) && !has(&name) {
                (name, k.to_string())
            } else {
                (mangle(&name), k.to_string())
            }
        })
        .collect()
}

/// A tag's body as tera reads it. tera's identifiers are ASCII: a name with Vietnamese
/// letters is rewritten, at the top level to its [`mangle`]d form, after a dot to a subscript
/// (`dv.Chức_vụ` → `dv["Chức_vụ"]`). Everything else, string literals included, is kept.
pub(crate) fn tera_body(body: &str) -> String {
    if body.is_ascii() {
        return body.to_string();
    }
    let b = body.as_bytes();
    let mut out = String::with_capacity(body.len() + 16);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'"' || c == b'\'' || c == b'`' {
            let end = b[i + 1..]
                .iter()
                .position(|&x| x == c)
                .map_or(b.len(), |p| i + 1 + p + 1);
            out.push_str(&body[i..end]);
            i = end;
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                i += 1;
            }
            let name = &body[start..i];
            if name.is_ascii() {
                out.push_str(name);
            } else if out.trim_end().ends_with('.') {
                let keep = out.trim_end().len() - 1;
                out.truncate(keep);
                let _ = write!(out, "[\"{name}\"]");
            } else {
                out.push_str(&mangle(name));
            }
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            out.push_str(&body[start..i]);
        } else {
            let len = body[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&body[i..i + len]);
            i += len;
        }
    }
    out
}

/// The filter of an expression given a positional argument (`default("x")`), the Jinja way;
/// tera's filters take named arguments only (`default(value="x")`).
pub(crate) fn positional_filter_arg(src: &str) -> Option<String> {
    let toks = lex(src);
    toks.windows(3).enumerate().find_map(|(i, w)| match w {
        [Tok::Punct("|"), Tok::Ident(name), Tok::Punct("(")] => {
            let named_or_none = matches!(
                (toks.get(i + 3), toks.get(i + 4)),
                (Some(Tok::Punct(")")), _) | (Some(Tok::Ident(_)), Some(Tok::Punct("=")))
            );
            (!named_or_none).then(|| (*name).to_string())
        }
        _ => None,
    })
}

/// The name tera wants for a filter's first argument, for the hint of a positional one.
pub(crate) fn first_arg_name(filter: &str) -> &'static str {
    match filter {
        "default" => "value",
        "join" => "sep",
        "replace" => "from",
        "round" => "method",
        "truncate" => "length",
        "date" => "format",
        "split" => "pat",
        "so" | "phan_tram" => "le",
        _ => "ten",
    }
}

/// A `for` statement: loop variables and the iterable expression.
pub(crate) fn split_for(rest: &str) -> Option<(Vec<String>, String)> {
    let (vars, iter) = rest.split_once(" in ")?;
    let vars = vars
        .split(',')
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>();
    Some((vars, iter.trim().to_string()))
}

/// A `set` statement: the variable and the expression.
pub(crate) fn split_set(rest: &str) -> Option<(String, String)> {
    let (var, expr) = rest.split_once('=')?;
    Some((var.trim().to_string(), expr.trim().to_string()))
}

/// The expression a `{% filter name(args) %}` passes to its filter (its arguments).
pub(crate) fn filter_args(rest: &str) -> String {
    rest.find('(')
        .map(|p| rest[p..].to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_and_problems() {
        let (f, p) = find_tags("Chi bộ {{ chi_bo.ten }} ngày {% if x %}a{% endif %}");
        assert_eq!(f.len(), 3);
        assert!(p.is_empty());
        let (f, p) = find_tags("Ngày {{ ngay | ngay_thang }");
        assert!(f.is_empty());
        assert_eq!(
            p,
            vec![FindProblem::Unclosed {
                start: 6,
                delim: Delim::Expr
            }]
        );
        let (f, p) = find_tags("a {{ x {{ y }} b");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].start, 7);
        assert_eq!(p.len(), 1);
        let (_, p) = find_tags("a x }} b");
        assert_eq!(
            p,
            vec![FindProblem::Unopened {
                start: 4,
                closer: "}}"
            }]
        );
    }

    #[test]
    fn cleans_and_parses() {
        let t = clean_tag("{{ x | default(value=\u{201C}Khu phố 3\u{201D}) }}");
        assert_eq!(t, "{{ x | default(value=\"Khu phố 3\") }}");
        let p = parse_tag("{%tr for dv in ds -%}", Delim::Stmt);
        assert_eq!(p.structural, Some(Structural::Row));
        assert_eq!(p.body, "for dv in ds");
        assert_eq!(p.keyword(), "for");
        assert!(p.trim_right);
        assert_eq!(p.to_tera(), "{% for dv in ds -%}");
        let p = parse_tag("{% if tr %}", Delim::Stmt);
        assert_eq!(p.structural, None);
        let p = parse_tag("{%p endif %}", Delim::Stmt);
        assert_eq!(p.keyword(), "endif");
        assert!(is_rich_form("{{r x }}"));
        assert!(!is_rich_form("{{ r }}"));
    }

    #[test]
    fn paths() {
        assert_eq!(
            expr_paths("chi_bo.ten | upper ~ \" \" ~ ds[0].x ~ m[\"k\"].y"),
            vec!["chi_bo.ten", "ds", "m.k.y"]
        );
        assert_eq!(
            expr_paths("a.b | so(le=2) if c is defined and d is not none else f(x=e)"),
            vec!["a.b", "c", "d", "e"]
        );
        assert_eq!(expr_paths("loop.index"), vec!["loop.index"]);
        assert_eq!(
            split_for("k, v in chi_bo.dv"),
            Some((vec!["k".into(), "v".into()], "chi_bo.dv".into()))
        );
    }
}
