//! Every list of document kinds the office sees follows the registry (`src/view/registry.rs`):
//! `chibo run --help`, the `chibo.toml` that `chibo init` writes, the hint for a wrong
//! `van_ban` key, and `chibo template check` on each built-in template.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

use chibo::config::Config;
use chibo::view::registry;

fn chibo(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn help_init_and_hints_name_every_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let help = String::from_utf8(chibo(tmp.path(), &["run", "--help"]).stdout).unwrap();
    assert_eq!(chibo(tmp.path(), &["init", "."]).status.code(), Some(0));
    let toml = std::fs::read_to_string(tmp.path().join("chibo.toml")).unwrap();
    for kind in registry::KINDS {
        assert!(
            help.contains(kind.key),
            "run --help lacks {}: {help}",
            kind.key
        );
        assert!(
            toml.contains(&format!("\"{}\"", kind.key)),
            "chibo.toml lacks {}",
            kind.key
        );
    }
    let err = Config::parse("[dau_ra]\nvan_ban = [\"nghi-quyet\"]\n", "chibo.toml").unwrap_err();
    let hint = err[0].hint.as_ref().unwrap();
    assert_eq!(hint.vi, format!("dùng: {}", registry::keys().join(", ")));
    assert!(hint.vi.contains("nghi_quyet"), "{}", hint.vi);
}

#[test]
fn template_check_accepts_every_built_in_template_with_its_examples() {
    let tmp = tempfile::tempdir().unwrap();
    for t in registry::template_files() {
        std::fs::write(tmp.path().join(t.file), t.bytes).unwrap();
        let out = chibo(tmp.path(), &["template", "check", t.file]);
        assert_eq!(out.status.code(), Some(0), "{}: {out:?}", t.file);
    }
}
