//! The synthetic committee for benchmarks:
//!
//! ```text
//! cargo run --release --example gen_committee -- --cells 1000 --seed 7 --out /some/dir
//! ```
//!
//! writes `chi-bo-0001.xlsx` … (canonical layout, ~25 invented people each, a year of monthly
//! meetings plus four thematic ones, matrix attendance, scores under the scheme of `--year`:
//! Phú Thọ's four groups up to 2025, the seven groups of 42-HD/BTCTW from 2026) and a
//! `chibo.toml` that leaves the scheme to the period's year. `--year 2026` gives a committee for
//! the rules of 2026 (docs/rules.md).
//! The same seed gives the same bytes; cells are built and written in parallel (rayon).

mod common;

use std::path::PathBuf;

use clap::Parser;
use rayon::prelude::*;

use common::canonical::{Options, write};
use common::synth::{CHIBO_TOML, synthetic_cell};

#[derive(Parser)]
#[command(about = "Sinh một Đảng bộ tổng hợp để đo hiệu năng / write a synthetic committee")]
struct Args {
    /// Number of cells.
    #[arg(long, default_value_t = 10)]
    cells: usize,
    /// PRNG seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Year of the data; from 2026 the scores sheet has the 42-HD groups.
    #[arg(long, default_value_t = 2025)]
    year: i32,
}

fn main() -> common::BoxResult<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.out)?;
    (1..=args.cells)
        .into_par_iter()
        .try_for_each(|n| -> common::BoxResult<()> {
            let cell = synthetic_cell(args.seed, n, args.year);
            let bytes = write(&cell, Options::default())?;
            std::fs::write(args.out.join(&cell.file), bytes)?;
            Ok(())
        })?;
    std::fs::write(args.out.join("chibo.toml"), CHIBO_TOML)?;
    println!("{} cells written to {}", args.cells, args.out.display());
    Ok(())
}
