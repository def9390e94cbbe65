//! Golden files: output checked in under `tests/fixtures`, compared byte for byte.
//!
//! - A mismatch fails with a unified diff (expected → actual), so an inserted or removed line
//!   shows as such.
//! - A missing golden file fails too. `CHIBO_BLESS=1` writes the actual output instead (to
//!   create a golden file or accept a change); review the diff in git before committing.
//! - Every golden file is listed in [`GOLDENS`]; [`check`] refuses a file not listed, and
//!   [`no_orphan_goldens`] fails on a file in a golden folder that is not listed.

use std::path::{Path, PathBuf};

/// Folders that hold golden files only (relative to the repository): every file in them
/// must be listed in [`GOLDENS`].
const GOLDEN_FOLDERS: &[&str] = &[
    "tests/fixtures/docx/libreoffice/expected",
    "tests/fixtures/docx/peer/expected",
    "tests/fixtures/docx/run-samples/expected",
    "tests/fixtures/docx/word-habits/expected",
    "tests/fixtures/views",
];

/// Every golden file, relative to the repository, with the test that checks it.
pub const GOLDENS: &[(&str, &str)] = &[
    (
        "tests/fixtures/docx/libreoffice/expected/word_document.xml",
        "documents docx_render::libreoffice_template_renders",
    ),
    (
        "tests/fixtures/docx/libreoffice/expected/word_header1.xml",
        "documents docx_render::libreoffice_template_renders",
    ),
    (
        "tests/fixtures/docx/peer/expected/document.xml",
        "documents docx_render::peer_template_renders_unchanged",
    ),
    (
        "tests/fixtures/docx/run-samples/expected/bao-cao-nam.xml",
        "commands run_e2e_annual::a_year_run_writes_each_cells_annual_report_golden",
    ),
    (
        "tests/fixtures/docx/run-samples/expected/bao-cao-tong-hop-nam.xml",
        "commands run_e2e_annual::a_year_run_writes_each_cells_annual_report_golden",
    ),
    (
        "tests/fixtures/docx/run-samples/expected/bao-cao-quy.xml",
        "commands run_e2e::golden_documents_of_each_kind",
    ),
    (
        "tests/fixtures/docx/run-samples/expected/bao-cao-tong-hop.xml",
        "commands run_e2e::golden_documents_of_each_kind",
    ),
    (
        "tests/fixtures/docx/run-samples/expected/bien-ban-chuyen-de.xml",
        "commands run_e2e::golden_documents_of_each_kind",
    ),
    (
        "tests/fixtures/docx/run-samples/expected/bien-ban-thuong-ky.xml",
        "commands run_e2e::golden_documents_of_each_kind",
    ),
    (
        "tests/fixtures/docx/run-samples/expected/ke-hoach-chuyen-de.xml",
        "commands run_e2e::golden_documents_of_each_kind",
    ),
    (
        "tests/fixtures/docx/run-samples/expected/nghi-quyet-thang.xml",
        "commands nghi_quyet_run::a_run_writes_a_resolution_for_each_regular_meeting_of_the_cells_that_issue_one",
    ),
    (
        "tests/fixtures/docx/word-habits/expected/document.xml",
        "documents docx_render::word_habits_golden",
    ),
    (
        "tests/fixtures/docx/word-habits/expected/footer1.xml",
        "documents docx_render::word_habits_golden",
    ),
    (
        "tests/fixtures/docx/word-habits/expected/footnotes.xml",
        "documents docx_render::word_habits_golden",
    ),
    (
        "tests/fixtures/docx/word-habits/expected/header1.xml",
        "documents docx_render::word_habits_golden",
    ),
    (
        "tests/fixtures/views/bao_cao_nam.json",
        "documents templates_views::example_views_match_their_json_fixtures",
    ),
    (
        "tests/fixtures/views/bao_cao_quy.json",
        "documents templates_views::example_views_match_their_json_fixtures",
    ),
    (
        "tests/fixtures/views/bao_cao_tong_hop.json",
        "documents templates_views::example_views_match_their_json_fixtures",
    ),
    (
        "tests/fixtures/views/bien_ban_chuyen_de.json",
        "documents templates_views::example_views_match_their_json_fixtures",
    ),
    (
        "tests/fixtures/views/bien_ban_ket_hop.json",
        "documents templates_views::example_views_match_their_json_fixtures",
    ),
    (
        "tests/fixtures/views/bien_ban_thuong_ky.json",
        "documents templates_views::example_views_match_their_json_fixtures",
    ),
    (
        "tests/fixtures/views/ke_hoach.json",
        "documents templates_views::example_views_match_their_json_fixtures",
    ),
    (
        "tests/fixtures/views/nghi_quyet.json",
        "documents templates_views::example_views_match_their_json_fixtures",
    ),
];

/// Lines of diff shown at most; the rest is counted.
const MAX_DIFF_LINES: usize = 200;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether the run asks to rewrite golden files (`CHIBO_BLESS=1`).
pub fn blessing() -> bool {
    std::env::var("CHIBO_BLESS").is_ok_and(|v| v == "1")
}

/// Compares `actual` with the golden file `rel` (relative to the repository, listed in
/// [`GOLDENS`]). With `CHIBO_BLESS=1` writes `actual` there instead.
pub fn check(rel: &str, actual: &str) {
    assert!(
        GOLDENS.iter().any(|(g, _)| *g == rel),
        "{rel} is not listed in GOLDENS (tests/support/golden.rs): add it with the test that \
         checks it"
    );
    let path = repo().join(rel);
    if blessing() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
        std::fs::write(&path, actual).expect("write the golden file");
        return;
    }
    let Ok(expected) = std::fs::read_to_string(&path) else {
        panic!("golden file {rel} is missing: CHIBO_BLESS=1 writes it from the actual output");
    };
    if expected != actual {
        panic!(
            "{rel} differs from the actual output (CHIBO_BLESS=1 accepts it):\n{}",
            unified_diff(&expected, actual, rel)
        );
    }
}

/// `expected` → `actual` as a unified diff, cut after [`MAX_DIFF_LINES`] lines.
pub fn unified_diff(expected: &str, actual: &str, name: &str) -> String {
    let diff = similar::TextDiff::from_lines(expected, actual);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("{name} (expected)"), &format!("{name} (actual)"))
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= MAX_DIFF_LINES {
        return text;
    }
    format!(
        "{}\n… {} more lines of diff",
        lines[..MAX_DIFF_LINES].join("\n"),
        lines.len() - MAX_DIFF_LINES
    )
}

/// Every file under `dir`, relative to the repository, with `/` separators.
fn files_under(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            let rel: PathBuf = path.strip_prefix(repo()).expect("inside the repo").into();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// A golden file no test checks is a lie waiting to happen: it looks like coverage.
#[test]
fn no_orphan_goldens() {
    let mut on_disk = Vec::new();
    for folder in GOLDEN_FOLDERS {
        files_under(&repo().join(folder), &mut on_disk);
    }
    // `expected` folders of docx cases not listed above are golden folders too.
    for case in std::fs::read_dir(repo().join("tests/fixtures/docx"))
        .expect("tests/fixtures/docx")
        .flatten()
    {
        let expected = case.path().join("expected");
        let rel = expected.strip_prefix(repo()).expect("inside the repo");
        let rel = rel.to_string_lossy().replace('\\', "/");
        if expected.is_dir() && !GOLDEN_FOLDERS.contains(&rel.as_str()) {
            files_under(&expected, &mut on_disk);
        }
    }
    let orphans: Vec<&String> = on_disk
        .iter()
        .filter(|f| !GOLDENS.iter().any(|(g, _)| g == f))
        .collect();
    assert!(
        orphans.is_empty(),
        "golden files no test checks (delete them, or list them in GOLDENS with their test): {orphans:?}"
    );
    let missing: Vec<&str> = GOLDENS
        .iter()
        .map(|(g, _)| *g)
        .filter(|g| !repo().join(g).is_file())
        .collect();
    assert!(
        missing.is_empty() || blessing(),
        "golden files listed but missing (CHIBO_BLESS=1 with their test writes them): {missing:?}"
    );
}

#[test]
fn a_diff_shows_an_inserted_line() {
    let diff = unified_diff("a\nb\nc\nd\n", "a\nb\nnew\nc\nd\n", "x.xml");
    assert!(diff.contains("\n+new\n"), "{diff}");
    assert!(!diff.contains("\n-c\n"), "{diff}");
}
