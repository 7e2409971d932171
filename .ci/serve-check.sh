#!/usr/bin/env bash
# `./portico serve` says "ready" only when the portal answers: starts it on a spare port, waits
# for the line, and at that very moment asks for the page and its config. (Before issue 16 the
# line came about 30 s before `trunk serve` listened, and this check failed.)
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT_DIR"

PORT=${PORTICO_SERVE_CHECK_PORT:-4785}
log=$(mktemp)
PORTICO_PORT=$PORT setsid ./portico serve >"$log" 2>&1 </dev/null &
pid=$!
trap 'kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT

status_of() {
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || { echo refused; return; }
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  IFS= read -r -t 5 status <&3 || status="no answer"
  exec 3<&- 3>&-
  echo "${status%$'\r'}"
}

for _ in $(seq 1 900); do
  if grep -q "Portico is ready at http://127.0.0.1:$PORT/" "$log"; then
    for path in / /config.json /tickets; do
      got=$(status_of "$path" 2>/dev/null)
      [[ "$got" == HTTP/*" 200"* ]] || { cat "$log"; die "said ready, but GET $path gave: $got"; }
    done
    say "./portico serve answered /, /config.json and /tickets the moment it said ready"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$log"; die "./portico serve exited before it said ready"; }
  sleep 1
done
cat "$log"
die "./portico serve never said ready"
