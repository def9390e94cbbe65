//! Benchmarks of each stage of `chibo run`, on a synthetic committee (the generator of
//! `examples/gen_committee.rs`, same seed, same bytes):
//!
//! ```text
//! cargo bench --bench stages                       # 20 cells
//! CHIBO_BENCH_CELLS=100 cargo bench --bench stages # another size
//! ```
//!
//! Stages: reading and validating one workbook and a whole folder, consolidating, building each
//! document's view, rendering each document kind with its default template (view built
//! beforehand, so only the engine is timed), and writing the consolidated workbook. Counters
//! give workbooks/s, cells/s and documents/s. The whole-command figures (wall time, peak
//! memory) come from `benches/whole-command.sh`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    unreachable_pub
)]

#[path = "../examples/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chibo::aggregate::{Consolidated, Period, Rules, consolidate, held_meetings};
use chibo::docx::{RenderOptions, Template};
use chibo::model::Cell;
use chibo::pipeline::{Committee, LoadOptions, load};
use chibo::view::build::{self, Ctx};
use chibo::view::{self, BAO_CAO_QUY, KE_HOACH};
use chibo::workbook::{ReadOptions, read_workbook};
use chibo::xlsx::{SheetRows, SummaryInput, consolidate_with_rows, summary_workbook};
use chrono::NaiveDate;
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};

const SEED: u64 = 7;
const YEAR: i32 = 2025;

fn main() {
    divan::main();
}

fn cells_wanted() -> usize {
    std::env::var("CHIBO_BENCH_CELLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, 12, 31).unwrap()
}

/// The generated folder (kept for the whole run) and the committee loaded from it.
struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    committee: Committee,
    rules: Rules,
    period: Period,
}

impl Fixture {
    fn cells(&self) -> Vec<&Cell> {
        self.committee
            .cells
            .iter()
            .filter_map(|lc| lc.usable())
            .collect()
    }

    fn ctx<'a>(&'a self, cell: &'a Cell) -> Ctx<'a> {
        Ctx {
            cell,
            config: &self.committee.config,
            rules: &self.rules,
            as_of: as_of(),
        }
    }

    fn first_file(&self) -> (PathBuf, String) {
        let lc = &self.committee.cells[0];
        (lc.path.clone(), lc.display.clone())
    }
}

fn write_committee(dir: &Path, cells: usize) {
    for n in 1..=cells {
        let cell = common::synth::synthetic_cell(SEED, n, YEAR);
        let bytes = common::canonical::write(&cell, common::canonical::Options::default()).unwrap();
        std::fs::write(dir.join(&cell.file), bytes).unwrap();
    }
    std::fs::write(dir.join("chibo.toml"), common::synth::CHIBO_TOML).unwrap();
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        write_committee(&path, cells_wanted());
        let committee = load(
            &path,
            &LoadOptions {
                as_of: as_of(),
                jobs: None,
            },
        )
        .unwrap();
        assert!(
            committee.cells.iter().all(|lc| lc.usable().is_some()),
            "the synthetic committee reads without errors"
        );
        let rules = Rules::from_config(&committee.config);
        Fixture {
            _dir: dir,
            path,
            committee,
            rules,
            period: Period::year(YEAR).unwrap(),
        }
    })
}

fn template(file: &str) -> Template {
    let bytes = view::template_bytes(file, None).unwrap();
    Template::parse(&bytes, file).unwrap()
}

// ---------------------------------------------------------------- reading and validating

/// One workbook: open, read every sheet, build and validate the cell's model.
#[divan::bench]
fn read_one_workbook(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let (path, display) = f.first_file();
    let options = ReadOptions::from_config(&f.committee.config);
    bencher.counter(ItemsCount::new(1usize)).bench(|| {
        let outcome = read_workbook(&path, &display, &options);
        let raw = outcome.workbook.unwrap();
        black_box(chibo::model::build_cell(&raw, &f.committee.config, as_of()))
    });
}

/// The whole folder, read and validated on every core (what `chibo check` does).
#[divan::bench(sample_count = 10)]
fn load_folder(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let options = LoadOptions {
        as_of: as_of(),
        jobs: None,
    };
    bencher
        .counter(ItemsCount::new(f.committee.cells.len()))
        .bench(|| black_box(load(&f.path, &options).unwrap()));
}

// ---------------------------------------------------------------- aggregating

/// Every cell's figures and flags for the year, and the committee's totals.
#[divan::bench]
fn consolidate_year(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let cells = f.cells();
    bencher
        .counter(ItemsCount::new(cells.len()))
        .bench(|| black_box(consolidate(&cells, &f.period, as_of(), &f.rules)));
}

// ---------------------------------------------------------------- views

/// Every view of one cell's year: the minutes of each meeting held, four quarterly reports,
/// the plan (counted per document).
#[divan::bench]
fn build_views_of_a_cell(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let cells = f.cells();
    let ctx = f.ctx(cells[0]);
    let meetings: Vec<usize> = held_meetings(cells[0], &f.period, as_of())
        .map(|(i, _)| i)
        .collect();
    bencher
        .counter(ItemsCount::new(meetings.len() + 5))
        .bench(|| {
            for &i in &meetings {
                black_box(serde_json::to_value(build::bien_ban(&ctx, i)).unwrap());
            }
            for q in 1..=4 {
                black_box(serde_json::to_value(build::bao_cao_quy(&ctx, YEAR, q)).unwrap());
            }
            black_box(serde_json::to_value(build::ke_hoach(&ctx, YEAR)).unwrap());
        });
}

// ---------------------------------------------------------------- rendering

fn bench_render(bencher: Bencher<'_, '_>, file: &str, data: &serde_json::Value) {
    let t = template(file);
    let options = RenderOptions::default();
    bencher
        .counter(ItemsCount::new(1usize))
        .bench(|| black_box(t.render(data, &options).unwrap()));
}

/// The minutes of a regular meeting (`bien-ban-thuong-ky.docx`).
#[divan::bench]
fn render_minutes_regular(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let cell = f.cells()[0];
    let ctx = f.ctx(cell);
    let (i, m) = held_meetings(cell, &f.period, as_of())
        .find(|(_, m)| !m.kinds.thematic)
        .unwrap();
    let data = serde_json::to_value(build::bien_ban(&ctx, i)).unwrap();
    bench_render(bencher, build::minutes_template(m), &data);
}

/// The minutes of a thematic meeting (`bien-ban-chuyen-de.docx`).
#[divan::bench]
fn render_minutes_thematic(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let cell = f.cells()[0];
    let ctx = f.ctx(cell);
    let (i, m) = held_meetings(cell, &f.period, as_of())
        .find(|(_, m)| m.kinds.thematic)
        .unwrap();
    let data = serde_json::to_value(build::bien_ban(&ctx, i)).unwrap();
    bench_render(bencher, build::minutes_template(m), &data);
}

/// A quarterly report (`bao-cao-quy.docx`).
#[divan::bench]
fn render_quarterly_report(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let ctx = f.ctx(f.cells()[0]);
    let data = serde_json::to_value(build::bao_cao_quy(&ctx, YEAR, 4)).unwrap();
    bench_render(bencher, BAO_CAO_QUY, &data);
}

/// The thematic plan of the year (`ke-hoach-chuyen-de.docx`).
#[divan::bench]
fn render_plan(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let ctx = f.ctx(f.cells()[0]);
    let data = serde_json::to_value(build::ke_hoach(&ctx, YEAR)).unwrap();
    bench_render(bencher, KE_HOACH, &data);
}

/// The peer benchmark's template (`tests/fixtures/docx/bien-ban-peer.docx`) with its data.
#[divan::bench]
fn render_peer(bencher: Bencher<'_, '_>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx");
    let bytes = std::fs::read(dir.join("bien-ban-peer.docx")).unwrap();
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("bien-ban-peer.json")).unwrap()).unwrap();
    let t = Template::parse(&bytes, "bien-ban-peer.docx").unwrap();
    let options = RenderOptions::default();
    bencher
        .counter(ItemsCount::new(1usize))
        .bench(|| black_box(t.render(&data, &options).unwrap()));
}

/// Opening and compiling the four default templates (done once per run).
#[divan::bench]
fn parse_default_templates() -> Vec<Template> {
    [
        KE_HOACH,
        view::BIEN_BAN_THUONG_KY,
        view::BIEN_BAN_CHUYEN_DE,
        BAO_CAO_QUY,
    ]
    .into_iter()
    .map(template)
    .collect()
}

// ---------------------------------------------------------------- the workbook

/// Building and saving the consolidated workbook (`tong-hop-2025.xlsx`) of every cell.
#[divan::bench(sample_count = 10)]
fn write_summary_workbook(bencher: Bencher<'_, '_>) {
    let f = fixture();
    let cells = f.cells();
    let (consolidated, mut rows): (Consolidated, SheetRows) =
        consolidate_with_rows(&cells, &f.period, as_of(), &f.rules);
    let input = SummaryInput {
        committee: &f.committee.config.dang_uy,
        consolidated: &consolidated,
        rules: &f.rules,
        problems: &[],
    };
    bencher
        .counter(ItemsCount::new(cells.len()))
        .bench_local(|| black_box(summary_workbook(&input, &mut rows).unwrap()));
}
