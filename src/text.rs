//! Vietnamese text: normalisation, folded keys for matching, collation, case.
//!
//! Every string read from a workbook passes through [`clean`] (NFC, one space for any run of
//! white space, NBSP to space, U+00D0 `Ð` to `Đ`). Matching headers and sheet names uses
//! [`fold`]; matching a person's name across sheets uses [`name_key`], which also ignores old
//! and new tone placement (`hoà` = `hòa`). Sorting names uses ICU's Vietnamese collation.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Characters that look like a space in a spreadsheet cell.
fn is_space_like(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{FEFF}' | '\u{200B}'
        )
}

/// Maps the look-alikes that converters and OCR leave in Vietnamese text.
fn fix_lookalike(c: char) -> char {
    match c {
        '\u{00D0}' => 'Đ', // Icelandic eth, capital
        '\u{00F0}' => 'đ', // Icelandic eth, small
        c => c,
    }
}

/// NFC, look-alikes fixed, white space collapsed to single spaces, trimmed.
#[must_use]
pub fn clean(s: &str) -> String {
    // Almost every cell is already NFC: the quick check (a table look-up per character)
    // avoids running the composing iterator, which dominated reading in profiles.
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return clean_chars(s.chars(), s.len());
    }
    clean_chars(s.nfc(), s.len())
}

/// [`clean`] over characters already in NFC.
fn clean_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in chars {
        if is_space_like(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(fix_lookalike(c));
    }
    out
}

/// Like [`clean`], but keeps line breaks (for long text such as a conclusion): each line is
/// cleaned, empty lines are dropped, lines are joined with `\n`.
#[must_use]
pub fn clean_multiline(s: &str) -> String {
    s.split(['\n', '\r', '\u{2028}'])
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Removes every diacritic and maps `đ`/`Đ` to `d`/`D`; keeps case.
#[must_use]
pub fn strip_diacritics(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for_each_base_char(s, |c| out.push(c));
    out
}

/// Calls `f` with each character of `s` once diacritics are removed and `đ`/`Đ` mapped to
/// `d`/`D` (what [`strip_diacritics`] collects).
///
/// Each character is decomposed on its own instead of running NFD over the string: NFD only
/// adds the canonical reordering of combining marks, and every mark is dropped here (a test
/// checks that every character with a non-zero combining class counts as a mark), so the
/// result is the same, without the NFD iterator's buffering, which dominated the profile of
/// reading a workbook. ASCII, most of any cell, skips the decomposition table entirely.
fn for_each_base_char(s: &str, mut f: impl FnMut(char)) {
    let mut base = |c: char| {
        // No combining mark sits below U+0300: Latin letters skip the table search.
        if c < '\u{0300}' || !is_combining_mark(c) {
            f(match fix_lookalike(c) {
                'đ' => 'd',
                'Đ' => 'D',
                c => c,
            });
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            base(c);
        } else {
            decompose_canonical(c, &mut base);
        }
    }
}

/// The key headers and labels are matched on: no diacritics, lower case, every run of
/// non-alphanumeric characters replaced by one space, trimmed. `"HỌ VÀ TÊN:"` → `"ho va ten"`.
#[must_use]
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    };
    for_each_base_char(s, |c| {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    });
    out
}

/// [`fold`] without any spaces: what sheet names are matched on (`Đảng_viên` → `dangvien`).
#[must_use]
pub fn fold_compact(s: &str) -> String {
    fold(s).replace(' ', "")
}

/// The five Vietnamese tone marks as combining characters.
fn is_tone_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

/// The key a person's name is matched on: NFC-insensitive, case-insensitive, white space
/// collapsed, tone placement ignored (`Hoà` and `hòa` give the same key, `Hòa` and `Hóa` do
/// not), and a leading form of address (`Đ/c`, `đồng chí`, `ông`, `bà`) dropped.
#[must_use]
pub fn name_key(s: &str) -> String {
    let cleaned = clean(s).to_lowercase();
    let mut rest = cleaned.as_str();
    for prefix in ["đ/c ", "đ/c.", "đ/c:", "đc ", "đồng chí ", "ông ", "bà "] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
            break;
        }
    }
    let mut key = String::with_capacity(rest.len() + 8);
    for (i, word) in rest.split(' ').enumerate() {
        if i > 0 {
            key.push(' ');
        }
        let mut tone = None;
        for c in word.nfd() {
            if is_tone_mark(c) {
                tone = Some(c);
            } else {
                key.push(fix_lookalike(c));
            }
        }
        if let Some(t) = tone {
            key.push(t);
        }
    }
    key
}

/// Upper case, Vietnamese letters included (`ư` → `Ư`, `đ` → `Đ`), in NFC.
#[must_use]
pub fn upper(s: &str) -> String {
    s.nfc()
        .flat_map(char::to_uppercase)
        .collect::<String>()
        .nfc()
        .collect()
}

/// The committee (đảng ủy) of a Party organisation (đảng bộ): `Đảng bộ Sở Công Thương` →
/// `Đảng ủy Sở Công Thương`. Reports are addressed to, and issued by, the committee, not the
/// whole organisation; a name that is not `Đảng bộ …` is kept as it is.
#[must_use]
pub fn committee_of(organisation: &str) -> String {
    let s = clean(organisation);
    let folded = fold(&s);
    if let Some(rest) = folded.strip_prefix("dang bo ") {
        // Keep the user's spelling of the rest: skip the first two words of the cleaned text.
        let tail: Vec<&str> = s.splitn(3, ' ').collect();
        if let (Some(tail), false) = (tail.get(2), rest.is_empty()) {
            return format!("Đảng ủy {tail}");
        }
    }
    s
}

/// An ASCII file-name component: diacritics stripped, lower case, spaces and anything that is
/// not a letter, digit, `.`, `-` or `_` turned into single hyphens. Never empty.
#[must_use]
pub fn ascii_slug(s: &str) -> String {
    let mut out = String::new();
    let mut pending = false;
    for c in strip_diacritics(&clean(s))
        .chars()
        .flat_map(char::to_lowercase)
    {
        if c.is_ascii_alphanumeric() || c == '_' {
            if pending && !out.is_empty() {
                out.push('-');
            }
            pending = false;
            out.push(c);
        } else {
            pending = true;
        }
    }
    if out.is_empty() { "_".to_string() } else { out }
}

/// The shared Vietnamese collator (ICU, locale `vi`). `CollatorBorrowed<'static>` is
/// `Send + Sync`, so one instance serves every thread.
fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        let locale = icu_locale::locale!("vi");
        // Compiled data for `vi` ships with icu_collator; building it cannot fail at run time,
        // but if it ever did, the root collator is a usable fallback rather than a panic.
        Collator::try_new(locale.into(), CollatorOptions::default())
            .or_else(|_| Collator::try_new(Default::default(), CollatorOptions::default()))
            .unwrap_or_else(|_| unreachable_collator())
    })
}

#[cold]
fn unreachable_collator() -> CollatorBorrowed<'static> {
    // Both calls above use data compiled into the binary; they only fail on a broken build.
    #[expect(
        clippy::panic,
        reason = "compiled ICU data missing means a broken build"
    )]
    {
        panic!("ICU collation data missing from the build")
    }
}

/// Compares two strings in Vietnamese alphabetical order.
#[must_use]
pub fn collate(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// Compares two strings in Vietnamese alphabetical order with the numbers in them by their
/// value (ICU `vi-u-kn`): `Chi bộ 3` before `Chi bộ 10`, as a list of cells is read.
#[must_use]
pub fn collate_numeric(a: &str, b: &str) -> Ordering {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR
        .get_or_init(|| {
            let locale = icu_locale::locale!("vi-u-kn");
            Collator::try_new(locale.into(), CollatorOptions::default())
                .or_else(|_| Collator::try_new(Default::default(), CollatorOptions::default()))
                .unwrap_or_else(|_| unreachable_collator())
        })
        .compare(a, b)
}

/// Compares two full names the way Vietnamese lists are ordered: by given name (the last word),
/// then by the rest of the name, then by the whole string.
#[must_use]
pub fn compare_names(a: &str, b: &str) -> Ordering {
    let split = |s: &str| -> (String, String) {
        let s = clean(s);
        match s.rsplit_once(' ') {
            Some((rest, given)) => (given.to_string(), rest.to_string()),
            None => (s.clone(), String::new()),
        }
    };
    let (ga, ra) = split(a);
    let (gb, rb) = split(b);
    collate(&ga, &gb)
        .then_with(|| collate(&ra, &rb))
        .then_with(|| a.cmp(b))
}

/// The most characters an Excel cell holds: longer text is cut to this at read time, so the
/// summary workbook (and Word, which has no such limit) gets what Excel can store.
pub const CELL_TEXT_LIMIT: usize = 32_767;

/// Whether `c` may not appear in text chibo writes: the characters XML 1.0 forbids (C0
/// controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) and the C1 controls
/// and DEL, which XML allows but which are never typed text and act as terminal escapes.
#[must_use]
pub fn is_forbidden_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// What [`sanitize`] changed in a piece of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sanitized {
    /// Forbidden characters removed ([`is_forbidden_char`]).
    pub removed: usize,
    /// The length in characters before the cut, when the text was longer than the limit.
    pub cut_from: Option<usize>,
}

impl Sanitized {
    #[must_use]
    pub fn changed(&self) -> bool {
        self.removed > 0 || self.cut_from.is_some()
    }
}

/// Removes the characters chibo never writes ([`is_forbidden_char`]) and cuts the text to
/// `limit` characters. Borrows when nothing changes (almost always).
#[must_use]
pub fn sanitize(s: &str, limit: usize) -> (std::borrow::Cow<'_, str>, Sanitized) {
    let removed = s.chars().filter(|&c| is_forbidden_char(c)).count();
    // Counting is only needed when the bytes could hold more than `limit` characters.
    let chars = if s.len() > limit {
        s.chars().count() - removed
    } else {
        0
    };
    if removed == 0 && chars <= limit {
        return (std::borrow::Cow::Borrowed(s), Sanitized::default());
    }
    let kept: String = s
        .chars()
        .filter(|&c| !is_forbidden_char(c))
        .take(limit)
        .collect();
    let cut_from = (chars > limit).then_some(chars);
    (
        std::borrow::Cow::Owned(kept),
        Sanitized { removed, cut_from },
    )
}

/// Untrusted text (a file, sheet or cell name, a value) made safe to print on a terminal or in
/// the log: control characters (escape sequences, line breaks inside a name) are shown as
/// `\u{1b}` instead of acting on the terminal.
#[must_use]
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_normalises() {
        let decomposed = "Nguye\u{0302}\u{0303}n\u{00A0}\u{00A0}Va\u{0306}n  A\u{0300} ";
        assert_eq!(clean(decomposed), "Nguyễn Văn À");
        assert_eq!(clean("\u{00D0}ảng viên"), "Đảng viên");
        assert_eq!(clean_multiline(" a  b \n\n c "), "a b\nc");
    }

    /// The definition [`strip_diacritics`] replaces: NFD over the whole string.
    fn strip_diacritics_nfd(s: &str) -> String {
        s.nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| match fix_lookalike(c) {
                'đ' => 'd',
                'Đ' => 'D',
                c => c,
            })
            .collect()
    }

    #[test]
    fn every_reordered_character_is_a_dropped_mark() {
        // NFD's canonical reordering only moves characters of non-zero combining class; the
        // per-character decomposition equals NFD once marks are dropped only if all of them
        // are marks.
        use unicode_normalization::char::canonical_combining_class;
        let offenders: Vec<u32> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| canonical_combining_class(c) != 0 && !is_combining_mark(c))
            .map(u32::from)
            .collect();
        assert_eq!(offenders, Vec::<u32>::new());
    }

    #[test]
    fn strip_diacritics_equals_nfd_for_every_character() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(
                strip_diacritics(&s),
                strip_diacritics_nfd(&s),
                "U+{:04X}",
                u32::from(c)
            );
        }
        let mixed = "Nguye\u{0302}\u{0303}n Thi\u{0323} A\u{0323}\u{0302}u \u{00D0}\u{00F0} Hoà ĐẢNG ủy q\u{0307}\u{0323}";
        assert_eq!(strip_diacritics(mixed), strip_diacritics_nfd(mixed));
        assert_eq!(strip_diacritics(mixed), "Nguyen Thi Au Dd Hoa DANG uy q");
    }

    proptest::proptest! {
        #[test]
        fn strip_diacritics_equals_nfd(s in "\\PC{0,24}") {
            proptest::prop_assert_eq!(strip_diacritics(&s), strip_diacritics_nfd(&s));
        }

        #[test]
        fn clean_equals_nfc_path(s in "\\PC{0,24}") {
            proptest::prop_assert_eq!(clean(&s), clean_chars(s.nfc(), s.len()));
        }
    }

    #[test]
    fn fold_for_headers() {
        assert_eq!(fold("HỌ VÀ TÊN:"), "ho va ten");
        assert_eq!(fold("Ngày vào\nĐảng"), "ngay vao dang");
        assert_eq!(fold_compact("Đảng_viên"), "dangvien");
    }

    #[test]
    fn name_keys_ignore_tone_placement() {
        assert_eq!(name_key("Lê Thị Hoà"), name_key("lê thị  hòa"));
        assert_eq!(name_key("Phạm Thuỷ"), name_key("Phạm Thủy"));
        assert_ne!(name_key("Hòa"), name_key("Hóa"));
        assert_ne!(name_key("Đức"), name_key("Dức"));
        assert_eq!(name_key("Đ/c Trần Văn Bình"), name_key("Trần Văn Bình"));
    }

    #[test]
    fn vietnamese_order() {
        let mut names = vec![
            "Trương Văn Đạt",
            "Nguyễn Văn Dung",
            "Bùi Văn Ân",
            "Ngô Thị Ăn",
            "Võ Thị Ánh",
            "Nguyễn Văn An",
            "Nguyễn Thị An",
        ];
        names.sort_by(|a, b| compare_names(a, b));
        assert_eq!(
            names,
            vec![
                "Nguyễn Thị An",
                "Nguyễn Văn An",
                "Võ Thị Ánh",
                "Ngô Thị Ăn",
                "Bùi Văn Ân",
                "Nguyễn Văn Dung",
                "Trương Văn Đạt",
            ]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(ascii_slug("Chi bộ 2"), "chi-bo-2");
        assert_eq!(ascii_slug("../../etc"), "etc");
        assert_eq!(ascii_slug("Đảng ủy: Khối/Cơ quan"), "dang-uy-khoi-co-quan");
        assert_eq!(ascii_slug("..."), "_");
        assert_eq!(upper("Chi bộ Phường Đông"), "CHI BỘ PHƯỜNG ĐÔNG");
        assert_eq!(
            committee_of("Đảng bộ Sở Công Thương"),
            "Đảng ủy Sở Công Thương"
        );
        assert_eq!(committee_of("ĐẢNG BỘ  Sở Y tế"), "Đảng ủy Sở Y tế");
        assert_eq!(committee_of("Đảng ủy Khối"), "Đảng ủy Khối");
        assert_eq!(committee_of("Đảng bộ"), "Đảng bộ");
    }

    #[test]
    fn sanitizes_forbidden_characters_and_long_text() {
        let (t, what) = sanitize("Bí\u{FFFE} thư\u{1}\u{9b}", 100);
        assert_eq!(t, "Bí thư");
        assert_eq!(
            what,
            Sanitized {
                removed: 3,
                cut_from: None
            }
        );
        let (t, what) = sanitize("a\tb\nc", 100);
        assert_eq!(t, "a\tb\nc");
        assert!(!what.changed());
        let long = "ư".repeat(10);
        let (t, what) = sanitize(&long, 4);
        assert_eq!(t, "ưưưư");
        assert_eq!(what.cut_from, Some(10));
        let (t, _) = sanitize("ưư", 4);
        assert!(matches!(t, std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_controls_for_the_terminal() {
        assert_eq!(escape_controls("Chi bộ 1"), "Chi bộ 1");
        assert_eq!(escape_controls("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\u{a}");
    }
}
