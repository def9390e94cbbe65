#!/usr/bin/env bash
# Large tables: `chibo render` against python-docx-template (docxtpl) on the two templates of
# benches/make_large_table.py, side by side in one run on this machine.
#
# usage: benches/large-table.sh --peer DIR [--rounds 3] [--work DIR]
#
#   --peer    the peer benchmark folder (docxtpl_peer.py); default: $CHIBO_PEER_BENCH
#   --rounds  rounds of the comparison; each prints its own ratio
#   --work    where the templates and outputs go (default: a new temporary folder)
#
# Cases: a 36-page report (68 paragraphs of text and a 500-row `{%tr for %}` table) and a
# one-page template with a 5 000-row table. docxtpl renders each N times in a row; chibo
# renders a JSON array of M copies of the same context (one `chibo render` command, every
# thread, as an office runs it) and, to compare one core with one core, the same with
# `--jobs 1`. Figures are documents per second; the ratio is chibo's over docxtpl's.
set -euo pipefail

peer="${CHIBO_PEER_BENCH:-}"
rounds=3
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --peer) peer="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$peer" ] || { echo "--peer DIR is needed (docxtpl_peer.py)" >&2; exit 2; }
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${work:-$(mktemp -d)}"
python="${PYTHON:-python3}"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
chibo="$root/target/release/chibo"
"$python" "$root/benches/make_large_table.py" "$work"

# N copies of a context as one JSON array (numbered files: `--name` would read every element
# once more to name it, which docxtpl does not do either).
batch() {
  "$python" - "$1" "$2" "$3" <<'EOF'
import json, sys
ctx = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
json.dump([dict(ctx, file=f"{i:05}") for i in range(n)], open(sys.argv[3], "w"), ensure_ascii=False)
EOF
}

# docs/s of one chibo render: $1 template, $2 batch, $3 count, $4 jobs, $5 out folder.
chibo_rate() {
  local start end
  start=$(date +%s.%N)
  "$chibo" render "$1" --data "$2" --out "$5" --jobs "$4" 2>/dev/null
  end=$(date +%s.%N)
  "$python" -c "print(f'{$3 / ($end - $start):.1f}')"
}

# docxtpl's figure leaves out its start (Python, imports, reading the context); chibo's is the
# whole command (start, template, data, the disk sync at the end), so its batches are long
# enough for the start to weigh little: 1 000 and 100 documents.
for spec in "bao-cao-36-trang 10 1000" "bang-5000 4 100"; do
  set -- $spec
  name=$1; py_n=$2; rs_n=$3
  batch "$work/$name.json" "$rs_n" "$work/$name-batch.json"
  # chibo ends with one sync of the file system (its documents are durable when it says so):
  # flush the batch just written first, or the first round would be timed writing it too.
  sync
  for round in $(seq 1 "$rounds"); do
    # docxtpl_peer.py prints "docxtpl: N docs in S s = R docs/s"; R is rounded to 0.1.
    secs=$("$python" "$peer/docxtpl_peer.py" "$py_n" "$work/py-$name-$round" \
           "$work/$name.docx" "$work/$name.json" | sed -E 's/.* in ([0-9.]+) s .*/\1/')
    py=$("$python" -c "print(f'{$py_n / $secs:.3f}')")
    all=$(chibo_rate "$work/$name.docx" "$work/$name-batch.json" "$rs_n" 0 "$work/rs-$name-$round")
    one=$(chibo_rate "$work/$name.docx" "$work/$name-batch.json" "$rs_n" 1 "$work/rs1-$name-$round")
    "$python" -c "print(f'$name round $round: docxtpl $py docs/s; chibo $all docs/s ({$all / $py:.0f}x), --jobs 1 $one docs/s ({$one / $py:.0f}x)')"
  done
done
echo "work folder: $work"
