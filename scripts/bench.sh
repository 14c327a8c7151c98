#!/usr/bin/env bash
# Whole-process measurements for BENCHMARKS.md:
#   - `pmcheck evaluate` on a typical file against a trivial binary that only reads it
#     (the process floor);
#   - `pmcheck portfolio` on 10,000 generated files against reading and parsing the same
#     files on the same threads without evaluating (the parse-only floor);
#   - peak memory of each, from /usr/bin/time -v.
# Usage: scripts/bench.sh [OUT.md]   (default: print to stdout)
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! [ -x /usr/bin/time ]; then
  SUDO=""; if [ "$(id -u)" -ne 0 ] && need sudo; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hyperfine time >/dev/null
fi

cargo build --release --bin pmcheck --example read_only --example parse_only --example gen_corpus \
  --example csv_floor --example gen_measures 2>&1 | tail -n 1 >&2
bin=target/release
corpus=target/bench-corpus
if [ ! -f "$corpus/j09999.yaml" ]; then
  "$bin/examples/gen_corpus" "$corpus" 10000 2021 >&2
fi
typical=examples/riverton-excellence.yaml
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

hyperfine -N --warmup 50 --runs 300 --export-json "$tmp/evaluate.json" \
  -n floor "$bin/examples/read_only $typical" \
  -n evaluate "$bin/pmcheck evaluate $typical" >&2
hyperfine -N --warmup 1 --runs 10 --export-json "$tmp/portfolio.json" \
  -n floor "$bin/examples/parse_only $corpus" \
  -n portfolio "$bin/pmcheck portfolio $corpus --quiet --format json" >&2

# Measures: a large city's inventory, 2,000 measures x 10 years x 12 months = 240,000 rows.
measures=target/bench-measures
if [ ! -f "$measures/inventory.xlsx" ]; then
  mkdir -p "$measures"
  "$bin/examples/gen_measures" "$measures/inventory.csv" "$measures/inventory.xlsx" >&2
  printf 'version: 1\nas_of: 2025-01-01\njurisdiction: {name: Bench City, kind: city}\n' > "$measures/evidence.yaml"
fi
hyperfine -N --warmup 2 --runs 15 --export-json "$tmp/measures.json" \
  -n floor "$bin/examples/csv_floor $measures/inventory.csv" \
  -n measures "$bin/pmcheck measures $measures/inventory.csv --as-of 2025-01-01 --format json" \
  -n evaluate "$bin/pmcheck evaluate $measures/evidence.yaml --measures $measures/inventory.csv --format json" >&2
hyperfine -N --warmup 1 --runs 5 --export-json "$tmp/xlsx.json" \
  -n xlsx "$bin/pmcheck measures $measures/inventory.xlsx --as-of 2025-01-01 --format json" >&2

peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}'; }
mem_eval=$(peak "$bin/pmcheck" evaluate "$typical")
mem_floor=$(peak "$bin/examples/read_only" "$typical")
mem_portfolio=$(peak "$bin/pmcheck" portfolio "$corpus" --quiet --format json)
mem_parse=$(peak "$bin/examples/parse_only" "$corpus")

median() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%.3f' % (1000*[r for r in d['results'] if r['command']==sys.argv[2]][0]['median']))" "$1" "$2"; }
e_floor=$(median "$tmp/evaluate.json" floor); e_eval=$(median "$tmp/evaluate.json" evaluate)
p_floor=$(median "$tmp/portfolio.json" floor); p_run=$(median "$tmp/portfolio.json" portfolio)
size=$(du -sb "$corpus" | cut -f1)
m_floor=$(median "$tmp/measures.json" floor); m_run=$(median "$tmp/measures.json" measures)
m_eval=$(median "$tmp/measures.json" evaluate); m_xlsx=$(median "$tmp/xlsx.json" xlsx)
mem_measures=$(peak "$bin/pmcheck" measures "$measures/inventory.csv" --as-of 2025-01-01 --format json)
mem_csv_floor=$(peak "$bin/examples/csv_floor" "$measures/inventory.csv")
mem_xlsx=$(peak "$bin/pmcheck" measures "$measures/inventory.xlsx" --as-of 2025-01-01 --format json)
csv_mb=$(python3 -c "import os; print('%.1f' % (os.path.getsize('$measures/inventory.csv')/1e6))")

report() {
cat <<EOT
## $(date -u +%Y-%m-%d) · $(nproc) cores · $(uname -m) · $(rustc --version)

Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB.
Command: \`scripts/bench.sh\` (hyperfine $(hyperfine --version | cut -d' ' -f2), medians).

| Measurement | pmcheck | Floor | Difference / ratio | Target |
| --- | ---: | ---: | ---: | --- |
| \`pmcheck evaluate $typical\` (one process) | $e_eval ms | $e_floor ms (read only) | +$(python3 -c "print('%.3f' % ($e_eval-$e_floor))") ms | ≤ 3 ms above the floor |
| \`pmcheck portfolio\`, 10,000 files, $(python3 -c "print('%.1f' % ($size/1e6))") MB | $p_run ms | $p_floor ms (read + parse) | $(python3 -c "print('%.2f' % ($p_run/$p_floor))")× | ≤ 1.3× the floor, < 1500 ms |
| Peak memory, evaluate | $mem_eval MiB | $mem_floor MiB | | |
| Peak memory, portfolio | $mem_portfolio MiB | $mem_parse MiB | | < 64 MiB |
| \`pmcheck measures\`, 240,000-row CSV, $csv_mb MB | $m_run ms | $m_floor ms (csv crate only) | $(python3 -c "print('%.2f' % ($m_run/$m_floor))")× | < 1 s; 1.5× the floor |
| \`pmcheck evaluate --measures\` the same CSV | $m_eval ms | $m_floor ms | $(python3 -c "print('%.2f' % ($m_eval/$m_floor))")× | < 1 s |
| \`pmcheck measures\`, the same rows as XLSX | $m_xlsx ms | | | < 5 s |
| Peak memory, measures CSV / XLSX | $mem_measures / $mem_xlsx MiB | $mem_csv_floor MiB | | < 200 MiB |
EOT
}
if [ $# -ge 1 ]; then report >> "$1"; echo "appended to $1" >&2; else report; fi
