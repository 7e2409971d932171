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
# Trunk refuses to start when a folder its watch list ignores is missing.
mkdir -p "$ROOT_DIR/target" "$ROOT_DIR/dist" "$ROOT_DIR/.cache"
# `trunk serve` builds once more before it listens, so "ready" is said only once the portal
# answers: a person who opens the address at once gets the portal, not a refused connection.
trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "$PORT" &
trunk_pid=$!
trap 'kill "$trunk_pid" 2>/dev/null || true; wait "$trunk_pid" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
answers() {
  # One HTTP request with bash alone (a fresh machine may have no curl): the status line only.
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET /config.json HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r -t 5 status <&3 || status=""
  exec 3<&- 3>&-
  [[ "$status" == HTTP/*" 200"* ]]
}
waited=0
until answers 2>/dev/null; do
  kill -0 "$trunk_pid" 2>/dev/null || die "trunk serve stopped before it answered (see above)"
  [ "$waited" -lt "${PORTICO_SERVE_TIMEOUT:-600}" ] || die "trunk serve did not answer on $URL within ${waited} s"
  sleep 1
  waited=$((waited + 1))
done
say "Portico is ready at $URL  (Ctrl-C stops it)"
wait "$trunk_pid"
