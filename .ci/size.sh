#!/usr/bin/env bash
# Builds the release bundle and reports what a first visit downloads: the wasm, JS and CSS,
# raw and gzip -9. Writes the figures into BENCHMARKS.md (between the size markers) unless
# --check is given, which only fails if the total exceeds the budget.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT_DIR"

BUDGET_GZIP=300000 # bytes: wasm + JS + CSS, first load, for the finished app
mode="${1:-report}"

ensure_build_tools
trunk build --release --offline >/dev/null 2>&1 || trunk build --release --offline

rows="" total_raw=0 total_gz=0
for kind in wasm js css; do
  raw=0 gz=0
  for f in dist/*."$kind"; do
    [ -e "$f" ] || continue
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
  done
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  rows+="| $kind | $(printf "%'d" "$raw") | $(printf "%'d" "$gz") |"$'\n'
done
rows+="| **total** | **$(printf "%'d" "$total_raw")** | **$(printf "%'d" "$total_gz")** |"

headroom=$((BUDGET_GZIP - total_gz))
printf '%s\n' "$rows"
say "First load: $total_gz bytes gzip; budget $BUDGET_GZIP; headroom $headroom"
if [ "$mode" = "--check" ]; then
  [ "$headroom" -ge 0 ] || die "The bundle is $((-headroom)) bytes over its ${BUDGET_GZIP}-byte gzip budget"
  exit 0
fi

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
section=$(cat <<SECTION
<!-- size:start -->
## Bundle size (first load)

Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`./portico size\` on $(nproc) × ${cpu:-unknown CPU}, ${mem};
$(rustc --version), trunk $TRUNK_VERSION, $(wasm-opt --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo none).
Release profile: opt-level "z", LTO, one codegen unit, panic = abort; wasm-opt -Oz.

| asset | raw bytes | gzip -9 bytes |
|---|---|---|
$rows

Budget for the finished app: $(printf "%'d" "$BUDGET_GZIP") bytes gzip. Headroom now: $(printf "%'d" "$headroom") bytes.
<!-- size:end -->
SECTION
)
python3 - "$section" <<'PY'
import pathlib, re, sys
section = sys.argv[1]
path = pathlib.Path("BENCHMARKS.md")
text = path.read_text() if path.exists() else "# Benchmarks\n\nFigures measured by the project's benchmark commands; each section says how, where and when.\n"
pattern = re.compile(r"<!-- size:start -->.*?<!-- size:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section + "\n"
path.write_text(text)
PY
say "Wrote the figures to BENCHMARKS.md"
