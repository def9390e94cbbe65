//! Scores, bands and gates of the four presets, and the annual grade.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use crate::aggregate_common;

use aggregate_common::*;
use chibo::aggregate::{annual_grade, annual_result, meeting_score};
use chibo::config::Scheme;
use chibo::model::{Meeting, Score, Source};

fn scheme(id: &str) -> Scheme {
    Scheme::preset(id).unwrap()
}

fn scored(
    groups: &[Option<f64>],
    total: Option<f64>,
    band: Option<&str>,
    upper: Option<f64>,
) -> Meeting {
    let mut m = regular(d(2023, 3, 14));
    m.score = Some(Score {
        groups: groups.to_vec(),
        total,
        band: band.map(str::to_string),
        upper,
        source: Source::default(),
    });
    m
}

fn band(m: &Meeting, s: &Scheme) -> Option<String> {
    meeting_score(m, s).unwrap().band
}

#[test]
fn no_score_row() {
    assert_eq!(
        meeting_score(&regular(d(2023, 3, 14)), &scheme("phu_tho")),
        None
    );
}

#[test]
fn phu_tho_bands_at_the_bounds() {
    let s = scheme("phu_tho");
    for (total, expected) in [
        (100.0, "Tốt"),
        (90.0, "Tốt"),
        (89.5, "Khá"),
        (70.0, "Khá"),
        (69.9, "Trung bình"),
        (50.0, "Trung bình"),
        (49.0, "Kém"),
        (0.0, "Kém"),
    ] {
        let m = scored(&[None, None, None, None], Some(total), None, None);
        assert_eq!(band(&m, &s).as_deref(), Some(expected), "{total}");
    }
}

#[test]
fn nghe_an_bands() {
    let s = scheme("nghe_an");
    let m = with_score(regular(d(2023, 3, 14)), &[18.0, 10.0, 40.0, 12.0, 0.0]);
    let r = meeting_score(&m, &s).unwrap();
    assert_eq!(r.group_sum, Some(80.0));
    assert_eq!(r.total, Some(80.0));
    assert_eq!(r.counted, Some(80.0));
    assert_eq!(r.band.as_deref(), Some("Tốt"));
    let m = with_score(regular(d(2023, 3, 14)), &[18.0, 10.0, 40.0, 11.0, 0.0]);
    assert_eq!(band(&m, &s).as_deref(), Some("Khá"));
}

#[test]
fn binh_thuan_gates() {
    let s = scheme("binh_thuan");
    // Groups 1..6 max 15/20/10/15/25/15; gates on 2, 3, 4, 6.
    let full = [
        Some(15.0),
        Some(20.0),
        Some(10.0),
        Some(15.0),
        Some(25.0),
        Some(15.0),
    ];
    assert_eq!(
        band(&scored(&full, None, None, None), &s).as_deref(),
        Some("Tốt")
    );
    // 92 points but group 3 (duration) short: falls to Khá with a note.
    let short = [
        Some(15.0),
        Some(20.0),
        Some(7.0),
        Some(15.0),
        Some(25.0),
        Some(10.0),
    ];
    let r = meeting_score(&scored(&short, None, None, None), &s).unwrap();
    assert_eq!(r.total, Some(92.0));
    assert_eq!(r.band.as_deref(), Some("Khá"));
    assert_eq!(
        r.band_note.unwrap().vi,
        "không đạt mức «Tốt» vì nhóm 3, 6 chưa đủ điểm tối đa"
    );
    // Losing points only on a non-gated group keeps Tốt.
    let ok = [
        Some(10.0),
        Some(20.0),
        Some(10.0),
        Some(15.0),
        Some(25.0),
        Some(15.0),
    ];
    assert_eq!(
        band(&scored(&ok, None, None, None), &s).as_deref(),
        Some("Tốt")
    );
    // Only a total: the gate cannot be confirmed.
    let r = meeting_score(&scored(&[], Some(95.0), Some("Tốt"), None), &s).unwrap();
    assert_eq!(r.band.as_deref(), Some("Khá"));
    assert!(r.band_mismatch);
    assert_eq!(
        r.band_note.unwrap().vi,
        "chưa xác nhận được mức «Tốt»: thiếu điểm nhóm 2, 3, 4, 6, mức này đòi đủ điểm các nhóm đó"
    );
    // Below 90 no gate applies.
    let r = meeting_score(&scored(&[], Some(85.0), None, None), &s).unwrap();
    assert_eq!((r.band.as_deref(), r.band_note), (Some("Khá"), None));
}

#[test]
fn dat_khong_dat() {
    let s = scheme("dat_khong_dat");
    let all = with_score(regular(d(2023, 3, 14)), &[1.0, 1.0, 1.0, 1.0, 1.0]);
    assert_eq!(band(&all, &s).as_deref(), Some("Đạt"));
    let one_short = with_score(regular(d(2023, 3, 14)), &[1.0, 1.0, 0.0, 1.0, 1.0]);
    assert_eq!(band(&one_short, &s).as_deref(), Some("Không đạt"));
}

#[test]
fn mismatches() {
    let s = scheme("phu_tho");
    let g = [Some(15.0), Some(20.0), Some(40.0), Some(15.0)];
    let r = meeting_score(&scored(&g, Some(95.0), Some("TB"), None), &s).unwrap();
    assert_eq!(r.group_sum, Some(90.0));
    assert!(r.total_mismatch);
    // The typed total counts; 95 → Tốt, typed TB disagrees.
    assert_eq!((r.counted, r.band.as_deref()), (Some(95.0), Some("Tốt")));
    assert!(r.band_mismatch);
    // `TB` is `Trung bình`, case and diacritics ignored.
    let r = meeting_score(&scored(&[], Some(60.0), Some("tb"), None), &s).unwrap();
    assert!(!r.band_mismatch);
    let r = meeting_score(&scored(&[], Some(75.0), Some("KHÁ"), None), &s).unwrap();
    assert!(!r.band_mismatch);
    let r = meeting_score(&scored(&g, Some(90.0), Some("Tot"), None), &s).unwrap();
    assert!(!r.total_mismatch && !r.band_mismatch);
    // Groups partly typed: no sum, no total, nothing to check.
    let r = meeting_score(
        &scored(
            &[Some(15.0), None, Some(40.0), Some(15.0)],
            None,
            None,
            None,
        ),
        &s,
    )
    .unwrap();
    assert_eq!((r.group_sum, r.total, r.band), (None, None, None));
    // Only a typed band: it is kept when the scheme knows it.
    let r = meeting_score(&scored(&[], None, Some("khá"), None), &s).unwrap();
    assert_eq!(r.band.as_deref(), Some("Khá"));
}

#[test]
fn upper_level_score() {
    let mut s = scheme("phu_tho");
    let m = scored(&[], Some(92.0), None, Some(85.0));
    let r = meeting_score(&m, &s).unwrap();
    assert_eq!(
        (r.counted, r.counted_is_upper, r.band.as_deref()),
        (Some(92.0), false, Some("Tốt"))
    );
    s.upper_wins = true;
    let r = meeting_score(&m, &s).unwrap();
    assert_eq!(
        (r.counted, r.counted_is_upper, r.band.as_deref()),
        (Some(85.0), true, Some("Khá"))
    );
    // Only the upper score: it counts whatever the setting.
    s.upper_wins = false;
    let r = meeting_score(&scored(&[], None, None, Some(55.0)), &s).unwrap();
    assert_eq!(
        (r.counted, r.band.as_deref()),
        (Some(55.0), Some("Trung bình"))
    );
}

#[test]
fn annual_grade_phu_tho() {
    let s = scheme("phu_tho");
    let year = |tot: usize, kha: usize, tb: usize| {
        let mut v = vec!["Tốt"; tot];
        v.extend(vec!["Khá"; kha]);
        v.extend(vec!["TB"; tb]);
        v
    };
    assert_eq!(annual_grade(&year(7, 5, 0), &s).as_deref(), Some("Tốt"));
    assert_eq!(annual_grade(&year(12, 0, 0), &s).as_deref(), Some("Tốt"));
    assert_eq!(annual_grade(&year(6, 6, 0), &s).as_deref(), Some("Khá"));
    // Six meetings all Tốt: not enough for the annual Tốt, so the next band down.
    assert_eq!(annual_grade(&year(6, 0, 0), &s).as_deref(), Some("Khá"));
    assert_eq!(
        annual_grade(&year(10, 1, 1), &s).as_deref(),
        Some("Trung bình")
    );
    assert_eq!(annual_grade(&["Tốt", "Kém"], &s).as_deref(), Some("Kém"));
    assert_eq!(annual_grade::<&str>(&[], &s), None);
    // Nghệ An has no annual rule: the lowest band.
    let na = scheme("nghe_an");
    assert_eq!(annual_grade(&year(12, 0, 0), &na).as_deref(), Some("Tốt"));
    assert_eq!(annual_grade(&year(11, 1, 0), &na).as_deref(), Some("Khá"));
}

#[test]
fn a_month_due_without_a_regular_meeting_is_never_graded_good_for_the_year() {
    let s = scheme("phu_tho");
    // Eleven months all Tốt, August not held: not «100 % các kỳ khá trở lên».
    let bands = ["Tốt"; 11];
    let missing = vec!["tháng 8/2025 không sinh hoạt thường kỳ".to_string()];
    let g = annual_result(&bands, &missing, &s).unwrap();
    assert_eq!(g.band, "Trung bình");
    assert_eq!(g.reason, "tháng 8/2025 không sinh hoạt thường kỳ");
    // Every month held and scored: the rule's band, with its reason.
    let g = annual_result(&["Tốt"; 12], &[], &s).unwrap();
    assert_eq!(g.band, "Tốt");
    assert_eq!(g.reason, "12/12 kỳ từ Khá trở lên, 12 kỳ Tốt");
    // A year of nothing but missing months still gets a grade, and says why.
    let g = annual_result::<&str>(&[], &missing, &s).unwrap();
    assert_eq!(g.band, "Trung bình");
    assert_eq!(annual_result::<&str>(&[], &[], &s), None);
}
