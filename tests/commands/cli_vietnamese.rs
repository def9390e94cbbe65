//! Office staff read only Vietnamese: clap's headings, defaults, possible values and error
//! messages are translated; `--lang en` and `ngon_ngu = "en"` give English back.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

fn chibo_in(dir: &Path, args: &[&str], lang_env: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang_env)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Words clap writes in English when left alone.
const ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "error:",
    "required",
    "Print",
    "possible values",
    "[default",
    "For more information",
    "tip:",
    "[OPTIONS]",
    "<COMMAND>",
    "invalid value",
    "unrecognized",
];

fn assert_vietnamese_only(what: &str, s: &str) {
    for w in ENGLISH {
        assert!(!s.contains(w), "{what}: English `{w}` in:\n{s}");
    }
}

#[test]
fn help_missing_period_and_unknown_command_are_vietnamese_only() {
    let dir = tempfile::tempdir().unwrap();
    let help = chibo_in(dir.path(), &["--help"], "vi_VN.UTF-8");
    assert!(help.status.success());
    let s = text(&help);
    assert!(s.contains("Cách dùng: chibo [TÙY_CHỌN] <LỆNH>"), "{s}");
    assert!(s.contains("Lệnh:") && s.contains("Tùy chọn:"), "{s}");
    assert!(s.contains("In hướng dẫn này."), "{s}");
    assert_vietnamese_only("--help", &s);

    let run = chibo_in(dir.path(), &["run"], "vi_VN.UTF-8");
    assert_eq!(run.status.code(), Some(2));
    let s = text(&run);
    assert!(
        s.contains("lỗi: thiếu đối số bắt buộc: --period <KỲ>"),
        "{s}"
    );
    assert!(s.contains("Xem hướng dẫn: chibo run --help"), "{s}");
    assert_vietnamese_only("run", &s);

    let rn = chibo_in(dir.path(), &["rn"], "vi_VN.UTF-8");
    assert_eq!(rn.status.code(), Some(2));
    let s = text(&rn);
    assert!(s.contains("lỗi: không có lệnh `rn`"), "{s}");
    assert_vietnamese_only("rn", &s);

    let bad = chibo_in(dir.path(), &["--lang", "xx", "check"], "vi_VN.UTF-8");
    let s = text(&bad);
    assert!(s.contains("giá trị `xx` không hợp lệ cho --lang"), "{s}");
    assert!(s.contains("giá trị dùng được: vi, en"), "{s}");
    assert_vietnamese_only("--lang xx", &s);

    let run_help = text(&chibo_in(dir.path(), &["run", "--help"], "vi_VN.UTF-8"));
    assert!(run_help.contains("Đối số:"), "{run_help}");
    assert!(run_help.contains("[giá trị: vi, en]"), "{run_help}");
    assert_vietnamese_only("run --help", &run_help);
}

#[test]
fn english_on_request_and_ngon_ngu_in_chibo_toml() {
    let dir = tempfile::tempdir().unwrap();
    let en = text(&chibo_in(
        dir.path(),
        &["--lang", "en", "run"],
        "vi_VN.UTF-8",
    ));
    assert!(
        en.contains("error: the following required arguments"),
        "{en}"
    );
    assert!(en.contains("--period <PERIOD>"), "{en}");

    // An office PC with an English locale, and the office's choice in chibo.toml.
    std::fs::write(dir.path().join("chibo.toml"), "ngon_ngu = \"vi\"\n").unwrap();
    let vi = text(&chibo_in(dir.path(), &["rn"], "en_US.UTF-8"));
    assert!(vi.contains("lỗi: không có lệnh `rn`"), "{vi}");
    std::fs::write(dir.path().join("chibo.toml"), "ngon_ngu = \"en\"\n").unwrap();
    let en = text(&chibo_in(dir.path(), &["rn"], "vi_VN.UTF-8"));
    assert!(en.contains("unrecognized subcommand 'rn'"), "{en}");
}

#[test]
fn a_folder_where_a_file_belongs_is_explained_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    // A folder named like the template: the system says `Is a directory (os error 21)`.
    std::fs::create_dir(dir.path().join("mau.docx")).unwrap();
    let out = chibo_in(
        dir.path(),
        &["template", "check", "mau.docx"],
        "vi_VN.UTF-8",
    );
    let s = text(&out);
    assert_eq!(out.status.code(), Some(2), "{s}");
    assert!(!s.contains("Is a directory"), "{s}");
    if cfg!(unix) {
        assert!(s.contains("đây là một thư mục, không phải tệp"), "{s}");
    }
}

#[test]
fn an_unknown_ngon_ngu_is_a_chibo_toml_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chibo.toml"), "ngon_ngu = \"fr\"\n").unwrap();
    let out = chibo_in(dir.path(), &["check", "."], "vi_VN.UTF-8");
    let s = text(&out);
    assert_eq!(out.status.code(), Some(2), "{s}");
    assert!(s.contains("ngôn ngữ không có: `fr`"), "{s}");
    assert!(s.contains("ngon_ngu = \"vi\""), "{s}");
}
