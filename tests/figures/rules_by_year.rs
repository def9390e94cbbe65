//! The 42-HD/BTCTW preset (`hd42`: bands Tốt ≥ 90, Khá ≥ 70, Trung bình ≥ 50, Kém below; the
//! split of the 100 points configurable) and the rules that follow the period's year: a 2025
//! period keeps Phú Thọ and 12-HD/BTCTW, a 2026 period gets 42-HD, an explicit `mau` wins
//! (docs/rules.md).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use crate::aggregate_common::*;
use chibo::aggregate::{Rules, band_of, meeting_score};
use chibo::config::{Config, Guideline, Scheme};
use chibo::model::{Score, Source};

fn hd42() -> Scheme {
    Scheme::preset("hd42").unwrap()
}

fn config(text: &str) -> Config {
    Config::parse(text, "chibo.toml").unwrap()
}

#[test]
fn the_hd42_preset_splits_100_points_over_seven_groups() {
    let s = hd42();
    let maxima: Vec<f64> = s.groups.iter().map(|g| g.diem_toi_da).collect();
    assert_eq!(maxima, [5.0, 5.0, 10.0, 40.0, 5.0, 30.0, 5.0]);
    assert!((s.total() - 100.0).abs() < 1e-9);
    let bands: Vec<(&str, f64)> = s.bands.iter().map(|b| (b.ten.as_str(), b.tu)).collect();
    assert_eq!(
        bands,
        [
            ("Tốt", 90.0),
            ("Khá", 70.0),
            ("Trung bình", 50.0),
            ("Kém", 0.0)
        ]
    );
    assert!(s.bands.iter().all(|b| b.du_diem.is_empty()));
    assert!(s.annual.is_none());
    assert!(s.name.contains("42-HD/BTCTW ngày 28/10/2025"), "{}", s.name);
}

#[test]
fn hd42_bands_at_their_edges() {
    let s = hd42();
    let groups = vec![None; 7];
    for (score, expected) in [
        (0.0, "Kém"),
        (49.9, "Kém"),
        (50.0, "Trung bình"),
        (69.9, "Trung bình"),
        (70.0, "Khá"),
        (89.9, "Khá"),
        (90.0, "Tốt"),
        (100.0, "Tốt"),
    ] {
        let banded = band_of(score, &groups, &s);
        assert_eq!(banded.band.as_deref(), Some(expected), "{score}");
        assert!(banded.note.is_none(), "{score}");
    }
}

/// A meeting scored on the seven groups: summed, banded, a typed total checked against them.
#[test]
fn a_meeting_scored_on_the_seven_groups() {
    let mut m = regular(d(2026, 3, 9));
    let groups = [5.0, 4.0, 9.0, 36.0, 5.0, 27.0, 4.0];
    m.score = Some(Score {
        groups: groups.iter().copied().map(Some).collect(),
        total: Some(90.0),
        band: Some("Tốt".into()),
        upper: None,
        source: Source::default(),
    });
    let r = meeting_score(&m, &hd42()).unwrap();
    assert_eq!(r.group_sum, Some(90.0));
    assert_eq!(r.band.as_deref(), Some("Tốt"));
    assert!(!r.total_mismatch && !r.band_mismatch);
    // One point less on the resolution group: 89, Khá, and the typed Tốt disagrees.
    let mut lower = groups;
    lower[5] = 26.0;
    m.score.as_mut().unwrap().groups = lower.iter().copied().map(Some).collect();
    m.score.as_mut().unwrap().total = None;
    let r = meeting_score(&m, &hd42()).unwrap();
    assert_eq!(r.counted, Some(89.0));
    assert_eq!(r.band.as_deref(), Some("Khá"));
    assert!(r.band_mismatch);
}

#[test]
fn the_default_scheme_follows_the_year() {
    for text in ["", "[cham_diem]\n", "[cham_diem]\nmau = \"theo_nam\"\n"] {
        let c = config(text);
        assert!(c.scheme_by_year(), "{text:?}");
        assert_eq!(c.clone().for_year(2024).scheme().id, "phu_tho", "{text:?}");
        assert_eq!(c.clone().for_year(2025).scheme().id, "phu_tho", "{text:?}");
        assert_eq!(c.clone().for_year(2026).scheme().id, "hd42", "{text:?}");
        assert_eq!(c.clone().for_year(2031).scheme().id, "hd42", "{text:?}");
        // Not yet resolved for a period: the rules chibo has always defaulted to.
        assert_eq!(c.scheme().id, "phu_tho", "{text:?}");
    }
    let rules = Rules::from_config(&Config::default().for_year(2026));
    assert_eq!(rules.scheme, hd42());
    assert_eq!(rules.duration.toi_thieu, 90);
    assert_eq!(rules.duration.ket_hop, 120);
}

#[test]
fn an_explicit_scheme_wins_over_the_year() {
    let phu_tho = config("[cham_diem]\nmau = \"phu_tho\"\n");
    assert!(!phu_tho.scheme_by_year());
    assert_eq!(phu_tho.clone().for_year(2026).scheme().id, "phu_tho");
    let hd42 = config("[cham_diem]\nmau = \"hd42\"\n");
    assert_eq!(hd42.clone().for_year(2025).scheme().id, "hd42");
    assert_eq!(hd42.scheme().id, "hd42");
    let custom = config(
        "[cham_diem]\nmau = \"tu_dinh\"\n[[cham_diem.nhom]]\nma = \"1\"\nten = \"A\"\ndiem_toi_da = 100\n[[cham_diem.xep_loai]]\nten = \"Đạt\"\ntu = 50\n[[cham_diem.xep_loai]]\nten = \"Không đạt\"\ntu = 0\n",
    );
    assert_eq!(custom.for_year(2026).scheme().id, "tu_dinh");
}

/// Ward B's split (docs/config.md): eight groups over `hd42`, its bands kept.
#[test]
fn hd42_takes_the_other_ward_split() {
    let groups = [
        ("Thời gian, thời lượng sinh hoạt", 5),
        ("Tỷ lệ đảng viên dự sinh hoạt", 5),
        ("Công tác chuẩn bị", 10),
        ("Tổ chức sinh hoạt", 30),
        ("Vai trò chủ trì của bí thư", 10),
        ("Thực hiện nguyên tắc tổ chức, sinh hoạt đảng", 5),
        ("Kết quả thực hiện nghị quyết tháng trước", 30),
        ("Kết thúc sinh hoạt", 5),
    ];
    let mut text = String::from("[cham_diem]\nmau = \"hd42\"\n");
    for (i, (ten, max)) in groups.iter().enumerate() {
        text.push_str(&format!(
            "[[cham_diem.nhom]]\nma = \"{}\"\nten = \"{ten}\"\ndiem_toi_da = {max}\n",
            i + 1
        ));
    }
    let s = config(&text).for_year(2026).scheme();
    assert_eq!(s.id, "hd42");
    assert_eq!(s.groups.len(), 8);
    assert!((s.total() - 100.0).abs() < 1e-9);
    assert_eq!(s.bands, hd42().bands);
    // A split that does not make 100 is refused at its key.
    let bad = text.replace("diem_toi_da = 30\n", "diem_toi_da = 25\n");
    let err = Config::parse(&bad, "chibo.toml").unwrap_err();
    assert!(err.iter().any(|d| d.code == "config.scheme"), "{err:?}");
}

/// Custom groups with the scheme left to the year are checked against both years' presets at
/// load: a problem is reported once, not once per year.
#[test]
fn a_by_year_override_is_checked_once() {
    let text = "[[cham_diem.nhom]]\nma = \"1\"\nten = \"A\"\ndiem_toi_da = 60\n[[cham_diem.nhom]]\nma = \"2\"\nten = \"B\"\ndiem_toi_da = 30\n";
    let err = Config::parse(&format!("[cham_diem]\n{text}"), "chibo.toml").unwrap_err();
    let sums: Vec<_> = err
        .iter()
        .filter(|d| d.message.vi.contains("không bằng 100"))
        .collect();
    assert_eq!(sums.len(), 1, "{err:?}");
}

#[test]
fn the_guideline_of_a_year_is_cited_in_full() {
    assert_eq!(Guideline::of_year(2025), Guideline::Hd12);
    assert_eq!(Guideline::of_year(2026), Guideline::Hd42);
    assert_eq!(
        Guideline::Hd12.citation(),
        "Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương"
    );
    assert_eq!(
        Guideline::Hd42.citation(),
        "Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương"
    );
    let c = Config::default().for_year(2026);
    assert_eq!(c.guideline(), Some(Guideline::Hd42));
    let line = c.rules_line();
    assert_eq!(
        line.vi,
        "Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương; thang điểm `hd42` (Hướng dẫn 42-HD/BTCTW ngày 28/10/2025), mặc định của năm 2026"
    );
    let set = config("[cham_diem]\nmau = \"phu_tho\"\n").for_year(2026);
    assert!(
        set.rules_line().vi.ends_with("đặt trong chibo.toml"),
        "{}",
        set.rules_line().vi
    );
    assert!(set.rules_line().vi.starts_with("Hướng dẫn số 42-HD/BTCTW"));
}
