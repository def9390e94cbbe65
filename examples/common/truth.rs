//! The ground truth the generator used, as JSON (`samples/expected.json`): per cell, the
//! people by standing at each quarter end, the meetings held and planned, and per held
//! meeting the present / eligible counts and the score.

use std::collections::BTreeMap;

use chrono::Datelike as _;
use serde_json::{Value, json};

use super::{Cell, Mark, Meeting, Standing, band, quarter_ends};

fn hm(t: Option<(u32, u32)>) -> Value {
    t.map_or(Value::Null, |(h, m)| json!(format!("{h:02}:{m:02}")))
}

/// The truth of one cell.
#[must_use]
pub fn cell_truth(cell: &Cell, year: i32) -> Value {
    let meetings: Vec<Value> = cell
        .meetings
        .iter()
        .map(|m| meeting_truth(cell, m))
        .collect();
    let held: Vec<_> = cell.meetings.iter().filter(|m| !m.planned).collect();
    let regular_months: Vec<u32> = held
        .iter()
        .filter(|m| m.regular && m.date.year() == year)
        .map(|m| m.date.month())
        .collect();
    let missing: Vec<u32> = (1..=12).filter(|m| !regular_months.contains(m)).collect();
    let commendations: Vec<Value> = cell
        .commendations
        .iter()
        .map(|c| {
            json!({
                "date": c.date.to_string(),
                "name": cell.people[c.person].name(),
                "target": if c.masses { "quan_chung" } else { "dang_vien" },
            })
        })
        .collect();
    json!({
        "file": cell.file,
        "name": cell.name,
        "symbol": cell.symbol,
        "superior": cell.superior,
        "place": cell.place,
        "secretary": cell.secretary,
        "deputy": cell.deputy,
        "people": cell.people.len(),
        "standing_at_quarter_end": standings(cell, year),
        "meetings_held": held.len(),
        "regular_held": held.iter().filter(|m| m.regular).count(),
        "thematic_held": held.iter().filter(|m| m.thematic).count(),
        "combined_held": held.iter().filter(|m| m.regular && m.thematic).count(),
        "planned": cell.meetings.iter().filter(|m| m.planned).count(),
        "missing_regular_months": missing,
        "short_meetings": held
            .iter()
            .filter(|m| m.duration_minutes().is_some_and(|d| d < if m.regular && m.thematic { 120 } else { 90 }))
            .map(|m| m.date.to_string())
            .collect::<Vec<_>>(),
        "meetings": meetings,
        "commendations": commendations,
    })
}

/// At each quarter end of `year`, the names of the people by standing.
fn standings(cell: &Cell, year: i32) -> BTreeMap<String, Value> {
    let mut quarters = BTreeMap::new();
    for day in quarter_ends(year) {
        let mut by: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for s in Standing::ALL {
            by.insert(s.code(), Vec::new());
        }
        for p in &cell.people {
            by.entry(p.standing_on(day).code())
                .or_default()
                .push(p.name());
        }
        quarters.insert(day.to_string(), json!(by));
    }
    quarters
}

/// A meeting: day, kinds, status and topic; a held one also its hours, attendance, votes and
/// score.
fn meeting_truth(cell: &Cell, m: &Meeting) -> Value {
    let mut kinds = Vec::new();
    if m.regular {
        kinds.push("thuong_ky");
    }
    if m.thematic {
        kinds.push("chuyen_de");
    }
    let mut v = json!({
        "date": m.date.to_string(),
        "kinds": kinds,
        "status": if m.planned { "planned" } else { "held" },
        "topic": m.topic,
    });
    if !m.planned
        && let (Some(obj), Value::Object(more)) = (v.as_object_mut(), held_truth(cell, m))
    {
        obj.extend(more);
    }
    v
}

/// What a held meeting adds: hours, counts, the absent with their reasons, votes, score.
fn held_truth(cell: &Cell, m: &Meeting) -> Value {
    let (present, excused, unexcused) = m.counts(&cell.people);
    let exempt = m
        .attendance
        .iter()
        .filter(|a| a.mark == Mark::Exempt)
        .count();
    let absent: Vec<Value> = m
        .attendance
        .iter()
        .filter(|a| matches!(a.mark, Mark::Excused | Mark::Unexcused))
        .map(|a| {
            json!({
                "name": cell.people[a.person].name(),
                "excused": a.mark == Mark::Excused,
                "reason": a.reason,
            })
        })
        .collect();
    json!({
        "start": hm(m.start),
        "end": hm(m.end),
        "duration_minutes": m.duration_minutes(),
        "present": present,
        "excused": excused,
        "unexcused": unexcused,
        "eligible": present + excused + unexcused,
        "exempt": exempt,
        "absent": absent,
        "masses_present": m.masses_present,
        "votes_for": m.votes_for,
        "score_groups": m.score,
        "score_total": m.total_score(),
        "band": m.total_score().map(band),
    })
}

/// The whole committee.
#[must_use]
pub fn committee_truth(committee: &str, place: &str, cells: &[Cell], year: i32) -> Value {
    json!({
        "committee": committee,
        "place": place,
        "preset": "phu_tho",
        "year": year,
        "cells": cells.iter().map(|c| cell_truth(c, year)).collect::<Vec<_>>(),
    })
}
