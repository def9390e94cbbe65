//! `--help` is Vietnamese by default and English with `--lang en` or an English locale.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn help(args: &[&str], lang_env: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang_env)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_speaks_the_users_language() {
    let vi = help(&["run", "--help"], "vi_VN.UTF-8");
    assert!(vi.contains("Tạo toàn bộ văn bản của một kỳ"), "{vi}");
    assert!(vi.contains("Kỳ báo cáo: tháng"), "{vi}");

    let en = help(&["--lang", "en", "run", "--help"], "vi_VN.UTF-8");
    assert!(en.contains("Produce every document of a period"), "{en}");
    assert!(en.contains("Period: a month (2023-03"), "{en}");
    assert!(!en.contains("Kỳ báo cáo"), "{en}");

    let env_en = help(&["template", "check", "--help"], "en_US.UTF-8");
    assert!(env_en.contains("Check a Word template"), "{env_en}");
    let forced_vi = help(
        &["--lang", "vi", "template", "check", "--help"],
        "en_US.UTF-8",
    );
    assert!(forced_vi.contains("Kiểm tra một mẫu Word"), "{forced_vi}");
}
