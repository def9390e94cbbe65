//! Meeting scores and bands under the configured scheme (domain.md §2), and the annual grade
//! of a cell's regular meetings.

use serde::Serialize;

use crate::config::Scheme;
use crate::diagnostic::Text;
use crate::model::Meeting;
use crate::t;
use crate::text::fold;

/// Scores are typed by hand with at most a decimal or two; this absorbs float noise.
const EPS: f64 = 1e-6;

/// A meeting's score, checked and banded.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ScoreResult {
    /// The group scores as typed, one per scheme group (missing ones `None`).
    pub groups: Vec<Option<f64>>,
    /// The sum of the groups, when every group is given.
    pub group_sum: Option<f64>,
    /// The cell's total: `Tổng điểm` as typed, or the group sum when it is absent.
    pub total: Option<f64>,
    /// `Điểm cấp trên`.
    pub upper: Option<f64>,
    /// The score that counts: the upper level's when the scheme says so and it exists, else
    /// the cell's total.
    pub counted: Option<f64>,
    /// Whether `counted` is the upper level's score.
    pub counted_is_upper: bool,
    /// The band: computed from `counted` with the scheme's bands and gates; when there is no
    /// score at all, the band typed in `Xếp loại` if it names one of the scheme's bands.
    pub band: Option<String>,
    /// Why a gated band could not be given (its groups are missing, or not at full marks).
    pub band_note: Option<Text>,
    /// A gated band was reached by the score but could not be confirmed: its gating groups
    /// have no score.
    pub band_unconfirmed: bool,
    /// `Xếp loại` as typed.
    pub given_band: Option<String>,
    /// The typed band disagrees with the computed one.
    pub band_mismatch: bool,
    /// The typed total disagrees with the sum of the groups.
    pub total_mismatch: bool,
}

/// The key a band label is compared on: folded, and `TB` = `Trung bình`.
#[must_use]
pub fn band_key(label: &str) -> String {
    let f = fold(label);
    match f.as_str() {
        "tb" => "trung binh".to_string(),
        _ => f,
    }
}

/// The index (0 = best) of the scheme band a label names, if any.
#[must_use]
pub fn band_rank(scheme: &Scheme, label: &str) -> Option<usize> {
    let key = band_key(label);
    scheme.bands.iter().position(|b| band_key(&b.ten) == key)
}

/// The band of `score` under `scheme`, checking the gates against `groups`: a band that requires
/// full marks on some groups falls to the next band when one of them is below its maximum, or
/// when it is missing (the band cannot be confirmed; the note says so).
#[must_use]
pub fn band_of(score: f64, groups: &[Option<f64>], scheme: &Scheme) -> Banded {
    let mut note: Option<Text> = None;
    let mut unconfirmed = false;
    for band in &scheme.bands {
        if score + EPS < band.tu {
            continue;
        }
        let mut missing = Vec::new();
        let mut short = Vec::new();
        for code in &band.du_diem {
            let Some(gi) = scheme.groups.iter().position(|g| &g.ma == code) else {
                continue;
            };
            let max = scheme.groups.get(gi).map_or(0.0, |g| g.diem_toi_da);
            match groups.get(gi).copied().flatten() {
                Some(v) if v + EPS >= max => {}
                Some(_) => short.push(code.as_str()),
                None => missing.push(code.as_str()),
            }
        }
        if missing.is_empty() && short.is_empty() {
            return Banded {
                band: Some(band.ten.clone()),
                note,
                unconfirmed,
            };
        }
        if note.is_none() {
            unconfirmed = short.is_empty();
            note = Some(if short.is_empty() {
                let list = missing.join(", ");
                t!("chưa xác nhận được mức «{}»: thiếu điểm nhóm {list}, mức này đòi đủ điểm các nhóm đó", band.ten ;
                   "band «{}» cannot be confirmed: group(s) {list} have no score, and the band requires full marks on them", band.ten)
            } else {
                let list = short.join(", ");
                t!("không đạt mức «{}» vì nhóm {list} chưa đủ điểm tối đa", band.ten ;
                   "not band «{}»: group(s) {list} are below full marks", band.ten)
            });
        }
    }
    Banded {
        band: None,
        note,
        unconfirmed,
    }
}

/// The result of [`band_of`].
#[derive(Clone, Debug, PartialEq)]
pub struct Banded {
    pub band: Option<String>,
    /// Why a better band was not given (the first gated band the score reached).
    pub note: Option<Text>,
    /// That band's gating groups have no score, so it could not be confirmed.
    pub unconfirmed: bool,
}

/// The score of meeting `m` under `scheme`; `None` when the meeting has no score row.
#[must_use]
pub fn meeting_score(m: &Meeting, scheme: &Scheme) -> Option<ScoreResult> {
    let s = m.score.as_ref()?;
    let mut r = ScoreResult {
        groups: (0..scheme.groups.len())
            .map(|i| s.groups.get(i).copied().flatten())
            .collect(),
        upper: s.upper,
        given_band: s.band.clone(),
        ..ScoreResult::default()
    };
    if !r.groups.is_empty() && r.groups.iter().all(Option::is_some) {
        r.group_sum = Some(r.groups.iter().flatten().sum());
    }
    r.total = s.total.or(r.group_sum);
    if let (Some(t), Some(g)) = (s.total, r.group_sum) {
        r.total_mismatch = (t - g).abs() > EPS;
    }
    // A total typed with some groups missing cannot be checked; groups only partly typed and no
    // total leave the total unknown.
    r.counted_is_upper = scheme.upper_wins && s.upper.is_some();
    r.counted = if r.counted_is_upper {
        s.upper
    } else {
        r.total.or(s.upper)
    };
    if let Some(c) = r.counted {
        let b = band_of(c, &r.groups, scheme);
        r.band = b.band;
        r.band_unconfirmed = b.unconfirmed;
        r.band_note = b.note;
        if let (Some(given), Some(computed)) = (&r.given_band, &r.band) {
            r.band_mismatch = band_key(given) != band_key(computed);
        }
    } else if let Some(given) = &r.given_band {
        r.band = band_rank(scheme, given)
            .and_then(|i| scheme.bands.get(i))
            .map(|b| b.ten.clone());
    }
    Some(r)
}

/// The annual grade of a cell's regular meetings from their bands (`scheme.annual`, domain.md
/// §2.3): the rule's band when every meeting is at least `tat_ca_tu` and at least
/// `so_ky_toi_thieu` meetings have the rule's band; otherwise the lowest band among the meetings.
/// Labels the scheme does not know are ignored; `None` when no meeting has a band.
#[must_use]
pub fn annual_grade<S: AsRef<str>>(bands: &[S], scheme: &Scheme) -> Option<String> {
    annual_result(bands, &[], scheme).map(|g| g.band)
}

/// A cell's annual grade and the reason an official reads beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnnualGrade {
    /// The band: `Tốt`, `Khá` …
    pub band: String,
    /// Why, in Vietnamese: `12/12 kỳ từ Khá trở lên, 08 kỳ Tốt`, or the months that kept the
    /// grade down (`tháng 8/2025 không sinh hoạt thường kỳ`).
    pub reason: String,
}

/// The annual grade over every month due: `bands` are the bands of the held regular meetings
/// (a combined session included), `shortfalls` the terms that cannot count as "at least
/// `tat_ca_tu`" — a due month with no regular meeting, a held one with no band — each worded
/// for the reason (`tháng 8/2025 không sinh hoạt thường kỳ`). A shortfall counts as the band just
/// below the rule's `tat_ca_tu` (below the best band without a rule), so a year with a month
/// missing is never graded by the rule's band (docs/rules.md). `None` when there is neither.
#[must_use]
pub fn annual_result<S: AsRef<str>>(
    bands: &[S],
    shortfalls: &[String],
    scheme: &Scheme,
) -> Option<AnnualGrade> {
    let mut ranks: Vec<usize> = bands
        .iter()
        .filter_map(|b| band_rank(scheme, b.as_ref()))
        .collect();
    let rule = scheme.annual.as_ref();
    let grant = rule.and_then(|r| band_rank(scheme, &r.loai));
    let floor = rule.and_then(|r| band_rank(scheme, &r.tat_ca_tu));
    let below_floor = floor
        .map_or(1, |f| f + 1)
        .min(scheme.bands.len().saturating_sub(1));
    ranks.extend(shortfalls.iter().map(|_| below_floor));
    let worst = *ranks.iter().max()?;
    let label = |r: usize| scheme.bands.get(r).map(|b| b.ten.clone());
    let terms = ranks.len();
    let reason = |band: &str| -> String {
        if !shortfalls.is_empty() {
            return shortfalls.join("; ");
        }
        match floor.and_then(label) {
            Some(floor_label) => {
                let at_least = ranks.iter().filter(|&&r| Some(r) <= floor).count();
                let best = grant.and_then(label).unwrap_or_else(|| band.to_string());
                let best_n = ranks.iter().filter(|&&r| Some(r) == grant).count();
                format!(
                    "{}/{} kỳ từ {floor_label} trở lên, {} kỳ {best}",
                    so_2(at_least),
                    so_2(terms),
                    so_2(best_n)
                )
            }
            None => format!("kỳ thấp nhất xếp loại {band}"),
        }
    };
    let band = match (rule, grant, floor) {
        (Some(rule), Some(grant), Some(floor)) => {
            let count = ranks.iter().filter(|&&r| r == grant).count();
            let enough = u32::try_from(count).unwrap_or(u32::MAX) >= rule.so_ky_toi_thieu;
            if worst <= floor && enough {
                label(grant)
            } else if worst <= grant {
                // Without the rule's conditions, the best an annual grade can be is the next
                // band down.
                label(grant + 1)
            } else {
                label(worst)
            }
        }
        _ => label(worst),
    }?;
    Some(AnnualGrade {
        reason: reason(&band),
        band,
    })
}

/// A count with a leading zero below 10, as Party documents print counts.
fn so_2(n: usize) -> String {
    format!("{n:02}")
}
