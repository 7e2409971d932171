#!/usr/bin/env bash
# Builds the portal and serves it on the embedded demo backend: no server of any kind needed.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT_DIR"

PORT="${PORTICO_PORT:-4780}"
URL="http://127.0.0.1:$PORT/"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  die "Port $PORT is already in use. Choose another: PORTICO_PORT=4782 ./portico serve"
fi

ensure_build_tools
say "Building the release bundle (the first build takes a few minutes)"
trunk build --release --offline
say "Portico is ready at $URL  (Ctrl-C stops it)"
# Trunk refuses to start when a folder its watch list ignores is missing.
mkdir -p "$ROOT_DIR/target" "$ROOT_DIR/dist" "$ROOT_DIR/.cache"
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "$PORT"
