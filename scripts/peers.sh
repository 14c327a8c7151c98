#!/usr/bin/env bash
# pmcheck against its peers (BENCHMARKS.md, 2026-12-03, issue 22): on the generated 240,000-row
# inventory as CSV and as XLSX, `pmcheck measures FILE --format json` against Python reading the
# same file and grouping it per service area and measure (scripts/peers.py): polars read_csv,
# polars read_excel with the calamine engine, python-calamine alone, pandas read_csv and pandas
# read_excel with openpyxl. Every command is timed as a whole process (interpreter start-up and
# imports included, as pmcheck's own start-up is), with hyperfine (medians, min-max), and its
# peak memory is read from /usr/bin/time -v.
#
# Usage: scripts/peers.sh [RUNS]   (default 5; pandas with openpyxl on the XLSX runs 3 times)
# Needs python3 with venv, and network access to PyPI for the first run (the virtualenv is kept
# under target/peers-venv). Installs hyperfine and time with apt if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! [ -x /usr/bin/time ]; then
  SUDO=""; if [ "$(id -u)" -ne 0 ] && need sudo; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hyperfine time >/dev/null
fi

cargo build --release --example gen_measures --bin pmcheck 2>&1 | tail -n 1 >&2
bin=target/release
measures=target/bench-measures
if [ ! -f "$measures/inventory.xlsx" ] || [ ! -f "$measures/inventory.csv" ]; then
  mkdir -p "$measures"
  "$bin/examples/gen_measures" "$measures/inventory.csv" "$measures/inventory.xlsx" >&2
fi

venv=target/peers-venv
py=$venv/bin/python
if ! [ -x "$py" ] || ! "$py" -c 'import polars, fastexcel, python_calamine, pandas, openpyxl' 2>/dev/null; then
  python3 -m venv "$venv"
  "$py" -m pip install -q --disable-pip-version-check polars fastexcel python-calamine pandas openpyxl >&2
fi
"$py" -m pip list --disable-pip-version-check 2>/dev/null \
  | awk 'tolower($1) ~ /^(polars|fastexcel|python-calamine|pandas|openpyxl)$/ {print "  " $1 " " $2}' >&2

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
csv=$measures/inventory.csv
xlsx=$measures/inventory.xlsx
pm="$bin/pmcheck measures"

# Like with like: every peer must find the 2,000 measures that pmcheck's inventory reports.
count_pm() {
  "$bin/pmcheck" measures "$1" --format json \
    | python3 -c 'import json,sys; print(sum(len(a["measures"]) for a in json.load(sys.stdin)["service_areas"]))'
}
echo "measures found: pmcheck CSV $(count_pm "$csv"), XLSX $(count_pm "$xlsx")" >&2
for m in polars-csv:"$csv" pandas-csv:"$csv" polars-xlsx:"$xlsx" calamine-xlsx:"$xlsx"; do
  "$py" scripts/peers.py "${m%%:*}" "${m#*:}" >/dev/null  # prints "MODE: N measures" to stderr
done

# One hyperfine call per file; the slow pandas/openpyxl run on its own with fewer runs.
hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/csv.json" \
  -n pmcheck "$pm $csv --format json" \
  -n polars-csv "$py scripts/peers.py polars-csv $csv" \
  -n pandas-csv "$py scripts/peers.py pandas-csv $csv" >&2
hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/xlsx.json" \
  -n pmcheck "$pm $xlsx --format json" \
  -n polars-xlsx "$py scripts/peers.py polars-xlsx $xlsx" \
  -n calamine-xlsx "$py scripts/peers.py calamine-xlsx $xlsx" >&2
hyperfine -N --warmup 0 --runs 3 --export-json "$tmp/pandas-xlsx.json" \
  -n pandas-xlsx "$py scripts/peers.py pandas-xlsx $xlsx" >&2

peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}'; }
# median [min-max] in ms of one command of a hyperfine export
stat() {
  python3 - "$1" "$2" <<'EOP'
import json, sys
r = [r for r in json.load(open(sys.argv[1]))["results"] if r["command"] == sys.argv[2]][0]
print("%.0f ms [%.0f-%.0f]" % (1000 * r["median"], 1000 * r["min"], 1000 * r["max"]))
EOP
}
# the median of command $2 in export $1 over pmcheck's median in export $3
ratio() {
  python3 - "$1" "$2" "$3" <<'EOP'
import json, sys
def med(f, c):
    return [r for r in json.load(open(f))["results"] if r["command"] == c][0]["median"]
print("%.2f" % (med(sys.argv[1], sys.argv[2]) / med(sys.argv[3], "pmcheck")))
EOP
}

echo
echo "| File | Command | Median wall [min-max] | Peak memory | Ratio to pmcheck |"
echo "| --- | --- | ---: | ---: | ---: |"
row() {  # FILE-LABEL EXPORT NAME PMCHECK-EXPORT COMMAND... (COMMAND run once more for its peak)
  local label=$1 json=$2 name=$3 base=$4; shift 4
  local r; r=$(ratio "$json" "$name" "$base")
  echo "| $label | $name | $(stat "$json" "$name") | $(peak "$@") MiB | ${r}× |"
}
row CSV "$tmp/csv.json" pmcheck "$tmp/csv.json" "$bin/pmcheck" measures "$csv" --format json
row CSV "$tmp/csv.json" polars-csv "$tmp/csv.json" "$py" scripts/peers.py polars-csv "$csv"
row CSV "$tmp/csv.json" pandas-csv "$tmp/csv.json" "$py" scripts/peers.py pandas-csv "$csv"
row XLSX "$tmp/xlsx.json" pmcheck "$tmp/xlsx.json" "$bin/pmcheck" measures "$xlsx" --format json
row XLSX "$tmp/xlsx.json" polars-xlsx "$tmp/xlsx.json" "$py" scripts/peers.py polars-xlsx "$xlsx"
row XLSX "$tmp/xlsx.json" calamine-xlsx "$tmp/xlsx.json" "$py" scripts/peers.py calamine-xlsx "$xlsx"
row XLSX "$tmp/pandas-xlsx.json" pandas-xlsx "$tmp/xlsx.json" "$py" scripts/peers.py pandas-xlsx "$xlsx"
echo
echo "Ratio: the peer's median wall time over pmcheck's on the same file (above 1: pmcheck is faster)."
echo "Target (issue 22): XLSX at least 1.5x faster than polars' calamine engine; CSV kept ahead."
