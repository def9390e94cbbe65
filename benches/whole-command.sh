#!/usr/bin/env bash
# Whole-command benchmark of chibo: wall time, documents per second and peak memory of
# `chibo check`, `chibo summary` and `chibo run --period 2025` on synthetic committees of
# several sizes, and `chibo render` against python-docx-template on the peer benchmark, all in
# one session on this machine.
#
# usage: benches/whole-command.sh [--sizes "10 100 1000"] [--rounds 3] [--peer DIR]
#                                 [--work DIR] [--keep]
#
#   --sizes   numbers of cells to generate (examples/gen_committee.rs, seed 7)
#   --rounds  runs of each command per size; the median is reported
#   --peer    the peer benchmark folder (bien-ban-peer.docx, bien-ban-peer.json,
#             docxtpl_peer.py, make_batch.py); default: $CHIBO_PEER_BENCH. Without it the
#             peer comparison is skipped.
#   --work    where the committees and outputs go (default: a new temporary folder)
#   --keep    keep the work folder (it is deleted at the end otherwise)
#
# Every run writes into a new folder: deleting thousands of files just before a run makes
# ext4 slow to create new ones for a while, which would measure the clean-up, not chibo.
# Figures: wall = "Elapsed (wall clock)" and peak = "Maximum resident set size" of
# /usr/bin/time -v. The raw figures of every run are in WORK/runs.tsv.
set -euo pipefail

sizes="10 100 1000"
rounds=3
peer="${CHIBO_PEER_BENCH:-}"
work=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --peer) peer="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "$work" ]; then
  work="$(mktemp -d -t chibo-bench.XXXXXX)"
fi
mkdir -p "$work"
if [ "$keep" = 0 ]; then
  trap 'rm -rf "$work"' EXIT
fi

echo "# building (release)" >&2
(cd "$repo" && cargo build --release --quiet --bin chibo --example gen_committee)
chibo="$repo/target/release/chibo"
gen="$repo/target/release/examples/gen_committee"

tsv="$work/runs.tsv"
printf 'command\tcells\tround\twall_s\tpeak_kb\tuser_s\tsys_s\tdocuments\texit\n' > "$tsv"

# Wall seconds from "h:mm:ss" or "m:ss.cc".
to_seconds() {
  awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<< "$1"
}

# measure NAME CELLS ROUND OUTDIR -- command...: runs it under /usr/bin/time -v, appends a row.
measure() {
  local name="$1" cells="$2" round="$3" out="$4"
  shift 5
  local log="$work/time-$name-$cells-$round.txt"
  local code=0
  /usr/bin/time -v -o "$log" "$@" > "$work/stdout-$name-$cells-$round.txt" 2> "$work/stderr-$name-$cells-$round.txt" || code=$?
  local wall peak user sys docs
  wall="$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")")"
  peak="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")"
  user="$(sed -n 's/.*User time (seconds): //p' "$log")"
  sys="$(sed -n 's/.*System time (seconds): //p' "$log")"
  docs=0
  if [ -n "$out" ] && [ -d "$out" ]; then
    docs="$(find "$out" -name '*.docx' | wc -l)"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$name" "$cells" "$round" "$wall" "$peak" "$user" "$sys" "$docs" "$code" >> "$tsv"
  echo "  $name cells=$cells round=$round: ${wall} s, ${peak} KB, $docs documents, exit $code" >&2
}

# median COLUMN NAME CELLS: the median of a column over the rounds of one command and size.
median() {
  awk -F'\t' -v c="$1" -v n="$2" -v k="$3" 'NR > 1 && $1 == n && $2 == k { print $c }' "$tsv" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "# machine" >&2
{
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores)"
  echo "memory: $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "work folder filesystem: $(df -T "$work" | awk 'NR == 2 { print $2 }')"
  echo "chibo: $("$chibo" --version)"
} | tee "$work/machine.txt" >&2

for n in $sizes; do
  dir="$work/committee-$n"
  echo "# generating $n cells" >&2
  "$gen" --cells "$n" --seed 7 --out "$dir" > /dev/null
  for r in $(seq 1 "$rounds"); do
    measure check "$n" "$r" "" -- "$chibo" check "$dir" --as-of 2025-12-31
    measure summary "$n" "$r" "$work/summary-$n-$r" -- \
      "$chibo" summary "$dir" --period 2025 --as-of 2025-12-31 --out "$work/summary-$n-$r"
    measure run "$n" "$r" "$work/run-$n-$r" -- \
      "$chibo" run "$dir" --period 2025 --as-of 2025-12-31 --out "$work/run-$n-$r"
  done
done

echo
echo "## Whole commands (median of $rounds runs)"
echo
echo "| Cells | check: wall | check: peak | summary: wall | summary: peak | run: wall | run: peak | run: documents | run: docs/s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
  cw="$(median 4 check "$n")"; cp="$(median 5 check "$n")"
  sw="$(median 4 summary "$n")"; sp="$(median 5 summary "$n")"
  rw="$(median 4 run "$n")"; rp="$(median 5 run "$n")"; rd="$(median 8 run "$n")"
  awk -v n="$n" -v cw="$cw" -v cp="$cp" -v sw="$sw" -v sp="$sp" -v rw="$rw" -v rp="$rp" -v rd="$rd" \
    'BEGIN { printf "| %d | %.2f s | %.0f MB | %.2f s | %.0f MB | %.2f s | %.0f MB | %d | %.0f |\n",
             n, cw, cp / 1024, sw, sp / 1024, rw, rp / 1024, rd, (rw > 0 ? rd / rw : 0) }'
done

if [ -z "$peer" ]; then
  echo
  echo "(peer comparison skipped: give --peer DIR or set CHIBO_PEER_BENCH)"
  exit 0
fi

echo "# peer: docxtpl against chibo render" >&2
peer="$(cd "$peer" && pwd)"
batch="$work/batch.json"
docs_rs=2000
docs_py=200
python3 "$peer/make_batch.py" "$docs_rs" "$batch"
pr="$work/peer.tsv"
printf 'round\tdocxtpl_docs_per_s\tchibo_wall_s\tchibo_docs_per_s\tchibo_peak_kb\n' > "$pr"
for r in $(seq 1 "$rounds"); do
  py_line="$(python3 "$peer/docxtpl_peer.py" "$docs_py" "$work/py-$r" "$peer/bien-ban-peer.docx" "$peer/bien-ban-peer.json")"
  py_rate="$(sed -n 's/.*= \([0-9.]*\) docs\/s/\1/p' <<< "$py_line")"
  out="$work/rs-$r"
  log="$work/time-render-$r.txt"
  /usr/bin/time -v -o "$log" "$chibo" render "$peer/bien-ban-peer.docx" --data "$batch" \
    --name '{{ file }}.docx' --out "$out" > /dev/null 2>&1
  wall="$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")")"
  peak="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")"
  written="$(find "$out" -name '*.docx' | wc -l)"
  rate="$(awk -v d="$written" -v w="$wall" 'BEGIN { printf "%.0f", d / w }')"
  printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$py_rate" "$wall" "$rate" "$peak" >> "$pr"
  echo "  round $r: docxtpl $py_rate docs/s; chibo $written documents in $wall s = $rate docs/s" >&2
done
echo
echo "## Rendering bien-ban-peer.docx ($docs_py documents with docxtpl, $docs_rs with chibo, per round)"
echo
echo "| Round | docxtpl | chibo render | Ratio |"
echo "|---:|---:|---:|---:|"
awk -F'\t' 'NR > 1 { printf "| %d | %.1f docs/s | %d docs/s (%.2f s, %.0f MB) | %.0f× |\n", $1, $2, $4, $3, $5 / 1024, $4 / $2 }' "$pr"
awk -F'\t' 'NR > 1 { print $4 / $2 }' "$pr" | sort -g |
  awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "\nMedian ratio: %.0f×\n", m }'
