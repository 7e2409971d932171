# Shared set-up, sourced by the other scripts. Each ensure_* installs what is missing and
# nothing else, so a second run takes seconds. Works as root (CI) or with sudo (a developer).

TRUNK_VERSION=0.21.14
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT_DIR/end2end/node_modules/.bin:$PATH"

say() { printf '\033[1;34m▸\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m✗\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
# Installs the Debian packages among "$@" that are not installed yet.
ensure_apt() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    ensure_apt curl ca-certificates
    say "Installing Rust with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  fi
  command -v cc >/dev/null 2>&1 || ensure_apt build-essential
  local component
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
  rustup target list --installed | grep -qx wasm32-unknown-unknown || {
    say "Adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  }
}

ensure_trunk() {
  [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ] && return 0
  say "Building Trunk $TRUNK_VERSION (about 9 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
}

# wasm-bindgen's CLI must equal the library version in Cargo.lock, or the build fails.
ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT_DIR/Cargo.lock")
  [ -n "$want" ] || die "Cargo.lock names no wasm-bindgen version"
  [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] && return 0
  say "Building wasm-bindgen-cli $want (about 5 minutes, once)"
  # No --locked: its lockfile wants a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$want"
}

# Node packages of end2end/: Playwright, axe-core, and binaryen's wasm-opt (see Trunk.toml).
# Playwright 1.65 needs Node 20 or newer; Debian 12's own nodejs is 18, so older or missing
# Node comes from NodeSource's Debian repository.
ensure_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$major" -ge 20 ] && command -v npm >/dev/null 2>&1 && return 0
  ensure_apt curl ca-certificates
  say "Installing Node.js 20 from NodeSource (found: ${major})"
  curl -fsSL https://deb.nodesource.com/setup_20.x | as_root bash -
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq nodejs
}

ensure_node_modules() {
  ensure_node
  local stamp="$ROOT_DIR/end2end/node_modules/.portico-lock" want
  want=$(sha256sum "$ROOT_DIR/end2end/package-lock.json" | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  say "Installing end2end's npm packages"
  (cd "$ROOT_DIR/end2end" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

ensure_browser() {
  ensure_apt chromium chromium-driver
}

# Everything needed to build the portal.
ensure_build_tools() {
  ensure_rust
  ensure_trunk
  ensure_wasm_bindgen
  ensure_node_modules
}
