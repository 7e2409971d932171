#!/usr/bin/env bash
# The search and rendering benchmark, in headless Chromium: Portico's engine (the release
# build's wasm) beside MiniSearch and FlexSearch on the English, 10k and 50k corpora, and
# Portico's safe renderer beside markdown-it and markdown-it + DOMPurify. Writes the figures,
# the machine and the date into BENCHMARKS.md (between the search markers).
#   ./portico bench          everything (about 15 minutes), written to BENCHMARKS.md
#   ./portico bench xss      only the XSS corpus in the browser; fails if anything ran
#                            (part of ./portico test; needs no corpus)
#   ./portico bench store    the offline store: 5,000 catalog items, 10,000 articles and
#                            2,000 tickets kept, then offline warm starts (about 10 minutes)
# The corpus is ../shared/corpus, or PORTICO_CORPUS.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT_DIR"

what="${1:-all}"
case "$what" in all | xss | store) ;; *) die "Unknown part: $what (all, xss or store)" ;; esac
corpus="${PORTICO_CORPUS:-$ROOT_DIR/../shared/corpus}"
if [ "$what" != xss ]; then
  [ -f "$corpus/tldr-en.jsonl" ] || die "No corpus at $corpus (set PORTICO_CORPUS to the folder with tldr-en.jsonl)"
  corpus="$(cd "$corpus" && pwd)"
fi

ensure_build_tools
ensure_browser
machine="$(nproc) × $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo none)"

if [ "$what" = store ]; then
  target_dir="${CARGO_TARGET_DIR:-$ROOT_DIR/target}"
  seed="$target_dir/store-bench-seed"
  port=4782
  say "Seeding a demo desk with 5,000 items, 10,000 articles and 2,000 tickets"
  (cd end2end && node bench/store.mjs seed "$corpus" "$seed")
  cargo build --release --offline --bin demo-server
  # The desk on the port Trunk's /demo-api/ proxy uses, and the portal as it ships.
  "$target_dir/release/demo-server" 4791 "$seed" &
  desk=$!
  PATH="$ROOT_DIR/end2end/node_modules/.bin:$PATH" trunk serve --release --offline --no-autoreload \
    --address 127.0.0.1 --port "$port" >"$target_dir/store-bench-trunk.log" 2>&1 &
  portal=$!
  trap 'kill $desk $portal 2>/dev/null || true' EXIT
  for _ in $(seq 600); do
    curl -fsS "http://127.0.0.1:$port/config.json" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$port/config.json" >/dev/null || die "The portal did not start (see $target_dir/store-bench-trunk.log)"
  results="$target_dir/bench-results-store.json"
  say "Running in Chromium (store)"
  (cd end2end && node bench/store.mjs run "http://127.0.0.1:$port") >"$results"
  node end2end/bench/store-report.mjs "$results" BENCHMARKS.md "$machine" "$commit"
  say "BENCHMARKS.md updated"
  exit 0
fi

say "Building the benchmark module (release profile, as the portal ships)"
cargo build --release --offline --target wasm32-unknown-unknown --bin search-bench --features bench
# Cargo's output folder, wherever CARGO_TARGET_DIR puts it.
target_dir="${CARGO_TARGET_DIR:-$ROOT_DIR/target}"
pkg="$target_dir/bench-pkg"
rm -rf "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" "$target_dir/wasm32-unknown-unknown/release/search-bench.wasm"
# binaryen 132 from npm, as Trunk uses (Debian's 108 breaks the externref table).
"$ROOT_DIR/end2end/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types \
  -o "$pkg/search-bench_bg.wasm" "$pkg/search-bench_bg.wasm"

results="$target_dir/bench-results-$what.json"
say "Running in Chromium ($what)"
(cd end2end && node bench/run.mjs "$pkg" "$corpus" "$what") >"$results"
if [ "$what" = xss ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).xss;
    console.error(`XSS corpus: ${r.payloads} payloads, ${r.executed.length} executed, ${r.problems.length} problems`);
    for (const line of [...r.executed, ...r.problems]) console.error("  " + line);
    process.exit(r.payloads >= 100 && r.executed.length === 0 && r.problems.length === 0 ? 0 : 1);
  ' "$results" || die "Untrusted markup got through the renderer in the browser"
  exit 0
fi
node end2end/bench/report.mjs "$results" BENCHMARKS.md "$machine" "$commit"
say "BENCHMARKS.md updated"
