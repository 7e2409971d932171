#!/usr/bin/env bash
# The fault-injection journeys alone (end2end/tests/reliability.spec.ts), writing their counts
# and seeds to RELIABILITY.md. PORTICO_CHAOS_SEED and PORTICO_CHAOS_STEPS replay or lengthen the
# chaos run; `./portico test` runs the same journeys and writes end2end/test-results/.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT_DIR"

ensure_build_tools
ensure_browser
mkdir -p "$ROOT_DIR/target" "$ROOT_DIR/dist" "$ROOT_DIR/.cache"
cargo build --quiet --bin demo-server --locked
say "Fault injection in Chromium against the demo desk over HTTP"
env RELIABILITY_OUT="$ROOT_DIR/RELIABILITY.md" bash -c 'cd end2end && npx playwright test reliability.spec.ts'
say "Wrote RELIABILITY.md"
