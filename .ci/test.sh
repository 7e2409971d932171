#!/usr/bin/env bash
# Every test Portico has, cheapest first, stopping at the first failure.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT_DIR"

ensure_build_tools
ensure_browser

step() {
  local name="$1"
  shift
  say "$name"
  local start=$SECONDS
  "$@"
  say "$name: ok in $((SECONDS - start)) s"
}

step "Formatting (cargo fmt --check)" cargo fmt --check
step "Lints, host (clippy -D warnings)" cargo clippy --all-targets --all-features --locked -- -D warnings
step "Lints, wasm32 (clippy -D warnings)" \
  cargo clippy --target wasm32-unknown-unknown --all-targets --all-features --locked -- -D warnings
step "Core tests on the host (cargo test)" cargo test --locked
step "Component tests in headless Chromium (wasm-bindgen-test)" \
  env CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --lib --locked
step "Bundle size (CI ceiling; the target is in BENCHMARKS.md)" bash .ci/size.sh --check
step "XSS corpus rendered into the live DOM of headless Chromium (nothing may run)" bash .ci/bench.sh xss
step "./portico serve says ready only once it answers" bash .ci/serve-check.sh
# A real Request Tracker 5 for the RT journeys: installed once, a fresh database every run.
step "Request Tracker 5 on 127.0.0.1:4790 (fresh database)" bash .ci/rt.sh up
trap 'bash .ci/rt.sh stop >/dev/null 2>&1 || true' EXIT
# Trunk refuses to start when a folder its watch list ignores is missing (as ./target is when
# CARGO_TARGET_DIR points elsewhere).
mkdir -p "$ROOT_DIR/target" "$ROOT_DIR/dist" "$ROOT_DIR/.cache"
# The demo desk over HTTP for the fault-injection journeys, built before Trunk competes for cargo.
step "Demo desk over HTTP (demo-server)" cargo build --quiet --bin demo-server --locked
step "Journeys and accessibility in Chromium (Playwright + axe-core; demo and Request Tracker)" \
  env PORTICO_RT_URL=http://127.0.0.1:4790 bash -c 'cd end2end && npx playwright test'
