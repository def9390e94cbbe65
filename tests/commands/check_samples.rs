//! `chibo check samples` against the generator's ground truth (`samples/expected.json`): every
//! cell's identity, people and standings, every meeting's kinds, status, attendance, score and
//! band, through the real binary and all five workbook shapes (canonical, messy, `.xls` saved by
//! LibreOffice, long attendance, counts only in `.ods`).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn check_json(as_of: &str) -> Value {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let out = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args([
            "check",
            samples.to_str().unwrap(),
            "--json",
            "--as-of",
            as_of,
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("check --json prints one JSON document")
}

fn expected() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/expected.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn check_reads_what_the_samples_hold() {
    let got = check_json("2025-12-31");
    let want = expected();
    assert!(
        got["diagnostics"].as_array().unwrap().is_empty(),
        "{}",
        got["diagnostics"]
    );
    let cells = got["cells"].as_array().unwrap();
    let want_cells = want["cells"].as_array().unwrap();
    assert_eq!(cells.len(), want_cells.len());
    for (c, w) in cells.iter().zip(want_cells) {
        let file = w["file"].as_str().unwrap();
        assert_eq!(c["file"], w["file"]);
        for key in ["name", "symbol", "superior"] {
            assert_eq!(c[key], w[key], "{file}: {key}");
        }
        // A workbook without `Địa danh` takes the committee's place from chibo.toml.
        let place = if w["place"].is_null() {
            &want["place"]
        } else {
            &w["place"]
        };
        assert_eq!(&c["place"], place, "{file}: place");
        assert_eq!(
            c["members"].as_array().unwrap().len() as u64,
            w["people"].as_u64().unwrap(),
            "{file}"
        );

        // Standing on the as-of date, person by person.
        assert_standings(c, w, "2025-12-31");

        // Every meeting, held and planned, in date order.
        let meetings = c["meetings"].as_array().unwrap();
        let wm = w["meetings"].as_array().unwrap();
        assert_eq!(meetings.len(), wm.len(), "{file}");
        let held = meetings.iter().filter(|m| m["status"] == "held").count() as u64;
        assert_eq!(held, w["meetings_held"].as_u64().unwrap(), "{file}");
        for (m, e) in meetings.iter().zip(wm) {
            let date = e["date"].as_str().unwrap();
            assert_eq!(m["date"], e["date"], "{file}");
            assert_eq!(m["kinds"], e["kinds"], "{file} {date}");
            assert_eq!(m["status"], e["status"], "{file} {date}");
            if e["status"] == "held" {
                for key in ["present", "eligible", "excused", "unexcused"] {
                    assert_eq!(m[key], e[key], "{file} {date}: {key}");
                }
                match e["score_total"].as_f64() {
                    Some(total) => {
                        assert_eq!(m["score"].as_f64(), Some(total), "{file} {date}");
                        assert_eq!(m["band"], e["band"], "{file} {date}");
                    }
                    None => assert!(m["score"].is_null(), "{file} {date}"),
                }
            }
        }
    }
}

/// Each person's `status` in the check output is the generator's standing on `day`.
fn assert_standings(cell: &Value, want: &Value, day: &str) {
    let standing: BTreeMap<&str, &str> = cell["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap(), m["status"].as_str().unwrap()))
        .collect();
    for (code, names) in want["standing_at_quarter_end"][day].as_object().unwrap() {
        for name in names.as_array().unwrap() {
            let name = name.as_str().unwrap();
            assert_eq!(
                standing.get(name).copied(),
                Some(code.as_str()),
                "{}: {name} on {day}",
                want["file"]
            );
        }
    }
}

#[test]
fn standings_follow_the_as_of_date() {
    // On 31 March a member admitted mid-year is still dự bị, and nobody has left yet.
    let got = check_json("2025-03-31");
    let want = expected();
    for (c, w) in got["cells"]
        .as_array()
        .unwrap()
        .iter()
        .zip(want["cells"].as_array().unwrap())
    {
        assert_standings(c, w, "2025-03-31");
    }
}
