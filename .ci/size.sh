#!/usr/bin/env bash
# Builds the release bundle and reports what a first visit downloads: the wasm, JS and CSS,
# raw and gzip -9. Writes the figures into BENCHMARKS.md (between the size markers) unless
# --check is given, which only fails if the total exceeds the budget.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT_DIR"

# shellcheck source=/dev/null
source "$ROOT_DIR/.ci/size-budget"
BUDGET_GZIP=$target # bytes: wasm + JS + CSS, first load, for the finished app
mode="${1:-report}"

ensure_build_tools
trunk build --release --offline >/dev/null 2>&1 || trunk build --release --offline

rows="" total_raw=0 total_gz=0
for kind in wasm js css; do
  raw=0 gz=0
  for f in dist/*."$kind"; do
    # The demo desk's worker is loaded only by demo deployments: counted apart below.
    case "$f" in dist/demo-worker*) continue ;; esac
    [ -e "$f" ] || continue
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
  done
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  rows+="| $kind | $raw | $gz |"$'\n'
done
rows+="| **total (every deployment)** | **$total_raw** | **$total_gz** |"
worker_raw=0 worker_gz=0
for f in dist/demo-worker*; do
  [ -e "$f" ] || continue
  worker_raw=$((worker_raw + $(stat -c %s "$f")))
  worker_gz=$((worker_gz + $(gzip -9c "$f" | wc -c)))
done
rows+=$'\n'"| demo desk worker (demo deployments only, loaded with the first data request) | $worker_raw | $worker_gz |"

headroom=$((BUDGET_GZIP - total_gz))
printf '%s\n' "$rows"
say "First load: $total_gz bytes gzip; target $BUDGET_GZIP; headroom $headroom; CI ceiling $ceiling"
if [ "$mode" = "--check" ]; then
  [ "$total_gz" -le "$ceiling" ] || die "The bundle grew to $total_gz bytes gzip, over the CI ceiling of $ceiling (target $BUDGET_GZIP)"
  [ "$headroom" -ge 0 ] || say "Over the ${BUDGET_GZIP}-byte target by $((-headroom)) bytes: see BENCHMARKS.md"
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

Target for the finished app: $BUDGET_GZIP bytes gzip; headroom now: $headroom bytes (negative means over target).
CI fails above $ceiling bytes (\`.ci/size-budget\`), so the bundle cannot grow unnoticed.
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
