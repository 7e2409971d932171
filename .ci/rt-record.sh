#!/usr/bin/env bash
# Records real Request Tracker 5 REST2 responses as fixtures for the RT connector's tests, one
# file per case: {"request": {...}, "response": {"status", "content_type", "body"}}. Run against
# a fresh `./portico rt up`; ids depend on the seed, so record everything in one go.
set -euo pipefail
source "$(dirname "$0")/setup.sh"

RT_PORT=${PORTICO_RT_PORT:-4790}
REST="http://127.0.0.1:$RT_PORT/REST/2.0"
OUT="$ROOT_DIR/src/connector/rt/fixtures"
ALICE="alice:alice-pass-1" BOB="bob:bob-pass-12" ROOT="root:${RT_ROOT_PW:-portico-root}"
mkdir -p "$OUT"

# record NAME USER METHOD PATH [BODY [CONTENT-TYPE]]   (USER "browser": no credentials, a browser's UA)
record() {
  local name=$1 user=$2 method=$3 path=$4 body=${5:-} type=${6:-application/json} tmp
  tmp=$(mktemp -d)
  local args=(-s -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' -X "$method" "$REST$path")
  if [ "$user" = browser ]; then args+=(-A 'Mozilla/5.0 (X11; Linux x86_64)'); elif [ -n "$user" ]; then args+=(-u "$user"); fi
  if [ -n "$body" ]; then
    # curl -d alone sends application/x-www-form-urlencoded, which RT refuses with 415.
    [ "$type" = form ] || args+=(-H "Content-Type: $type")
    args+=(-d "$body")
  fi
  local status
  status=$(curl "${args[@]}")
  python3 - "$name" "$method" "$path" "$body" "$status" "$tmp" "$OUT" <<'PY'
import json, pathlib, sys
name, method, path, body, status, tmp, out = sys.argv[1:]
headers = pathlib.Path(tmp, "headers").read_text(errors="replace").splitlines()
ctype = next((h.split(":", 1)[1].strip() for h in headers if h.lower().startswith("content-type:")), None)
location = next((h.split(":", 1)[1].strip() for h in headers if h.lower().startswith("location:")), None)
raw = pathlib.Path(tmp, "body").read_text(errors="replace")
try:
    parsed = json.loads(raw) if raw.strip() else None
except ValueError:
    parsed = raw
request = {"method": method, "path": path}
if body:
    request["body"] = json.loads(body) if body.lstrip().startswith(("{", "[")) else body
response = {"status": int(status), "content_type": ctype, "body": parsed}
if location:
    response["location"] = location
pathlib.Path(out, name + ".json").write_text(json.dumps({"request": request, "response": response}, indent=1, ensure_ascii=False) + "\n")
PY
  rm -rf "$tmp"
  printf '%s' "$status"
}

json() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['response']['body']$2)" "$OUT/$1.json"; }

record queues-all "$ALICE" GET "/queues/all?fields=Name,Description,Disabled&per_page=100" >/dev/null
queue=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print([i['id'] for i in d['response']['body']['items']][-1])" "$OUT/queues-all.json")
record queue "$ALICE" GET "/queue/$queue" >/dev/null
record queue-hardware "$ALICE" GET "/queue/Hardware%20Requests" >/dev/null
# End users cannot list custom fields globally (the answer is empty): the connector reads them
# from each queue's TicketCustomFields, then one by one.
record customfields-global "$ALICE" GET "/customfields?per_page=100" >/dev/null
for cf in $(python3 -c "
import json, sys
ids = set()
for f in sys.argv[1:]:
    ids |= {c['id'] for c in json.load(open(f))['response']['body'].get('TicketCustomFields', [])}
print(' '.join(sorted(ids, key=int)))" "$OUT/queue.json" "$OUT/queue-hardware.json"); do
  record "customfield-$cf" "$ALICE" GET "/customfield/$cf" >/dev/null
done
record ticket-create "$ALICE" POST "/ticket" '{"Queue":"Hardware Requests","Requestor":"alice","Subject":"Laptop screen flickers","Content":"Since this morning.","ContentType":"text/plain","CustomFields":{"Category":"Hardware","Asset tag":"NB-1234","Needed by":"2030-01-31","PortalRef":"fixture-key-1"}}' >/dev/null
ticket=$(json ticket-create "['id']")
# RT stores the ticket and silently drops the value that fails the pattern.
record ticket-create-invalid-cf "$ALICE" POST "/ticket" '{"Queue":"Hardware Requests","Requestor":"alice","Subject":"Bad tag","Content":"x","ContentType":"text/plain","CustomFields":{"Asset tag":"not a tag","PortalRef":"fixture-key-2"}}' >/dev/null
record ticket-create-form-encoded "$ALICE" POST "/ticket" '{"Queue":"Hardware Requests","Subject":"x"}' form >/dev/null
record ticket-create-unknown-queue "$ALICE" POST "/ticket" '{"Queue":"No Such Queue","Subject":"x","Content":"x","ContentType":"text/plain"}' >/dev/null
record ticket "$ALICE" GET "/ticket/$ticket?fields%5BQueue%5D=Name" >/dev/null
record ticket-by-portalref "$ALICE" GET "/tickets?query=CF.%7BPortalRef%7D%20%3D%20%27fixture-key-1%27" >/dev/null
record correspond "$ALICE" POST "/ticket/$ticket/correspond" '{"Content":"Any news?","ContentType":"text/plain"}' >/dev/null
curl -sf -o /dev/null -u agent:agent-pass-1 -H 'Content-Type: application/json' -X POST "$REST/ticket/$ticket/correspond" -d '{"Content":"We are on it.","ContentType":"text/plain"}'
curl -sf -o /dev/null -u agent:agent-pass-1 -H 'Content-Type: application/json' -X POST "$REST/ticket/$ticket/comment" -d '{"Content":"Internal: check warranty.","ContentType":"text/plain"}'
# An attachment, and a reply written in RT's rich-text editor.
curl -sf -o /dev/null -u "$ALICE" -H 'Content-Type: application/json' -X POST "$REST/ticket/$ticket/correspond" -d '{"Content":"","ContentType":"text/plain","Attachments":[{"FileName":"screen.txt","FileType":"text/plain","FileContent":"Zmxp\nY2tlcg=="}]}'
curl -sf -o /dev/null -u agent:agent-pass-1 -H 'Content-Type: application/json' -X POST "$REST/ticket/$ticket/correspond" -d '{"Content":"<p>Replacement <b>ordered</b> &amp; on its way.</p><script>alert(1)</script>","ContentType":"text/html"}'
fields='fields=Subject,Status,Created,LastUpdated,Due,Queue,Owner,Requestor,Priority&fields%5BQueue%5D=Name&fields%5BOwner%5D=Name,RealName&fields%5BRequestor%5D=Name,RealName&orderby=LastUpdated&order=ASC&per_page=100&page=1'
record tickets-mine "$ALICE" GET "/tickets?query=Requestor.id%20%3D%20%27__CurrentUser__%27&$fields" >/dev/null
newest=$(python3 -c "import json,sys; print(max(i['LastUpdated'] for i in json.load(open(sys.argv[1]))['response']['body']['items']).replace('T',' ').rstrip('Z').replace(' ','%20').replace(':','%3A'))" "$OUT/tickets-mine.json")
record tickets-since "$ALICE" GET "/tickets?query=Requestor.id%20%3D%20%27__CurrentUser__%27%20AND%20LastUpdated%20%3E%3D%20%27$newest%27&$fields" >/dev/null
record tickets-of-bob "$BOB" GET "/tickets?query=Requestor.id%20%3D%20%27__CurrentUser__%27&$fields" >/dev/null
record history "$ALICE" GET "/ticket/$ticket/history?fields=Type,Created,Creator,OldValue,NewValue&fields%5BCreator%5D=Name,RealName&per_page=100&page=1" >/dev/null
record attachments "$ALICE" GET "/ticket/$ticket/attachments?fields=TransactionId,ContentType,Filename,ContentLength,Content&per_page=100&page=1" >/dev/null
file=$(python3 -c "import json,sys; print([i['id'] for i in json.load(open(sys.argv[1]))['response']['body']['items'] if i['Filename'] == 'screen.txt'][0])" "$OUT/attachments.json")
record attachment "$ALICE" GET "/attachment/$file" >/dev/null
record history-as-agent "agent:agent-pass-1" GET "/ticket/$ticket/history?fields=Type,Created,Creator,OldValue,NewValue&fields%5BCreator%5D=Name,RealName&per_page=100&page=1" >/dev/null
record attachments-as-agent "agent:agent-pass-1" GET "/ticket/$ticket/attachments?fields=TransactionId,ContentType,Filename,ContentLength,Content&per_page=100&page=1" >/dev/null
first_txn=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['response']['body']['items'][0]['id'])" "$OUT/history.json")
record transaction "$ALICE" GET "/transaction/$first_txn" >/dev/null
record ticket-bad-status "$ALICE" PUT "/ticket/$ticket" '{"Status":"bogus"}' >/dev/null
record ticket-resolve "$ALICE" PUT "/ticket/$ticket" '{"Status":"resolved"}' >/dev/null
record ticket-resolved "$ALICE" GET "/ticket/$ticket?fields%5BQueue%5D=Name" >/dev/null
record ticket-reopen "$ALICE" PUT "/ticket/$ticket" '{"Status":"open"}' >/dev/null
invalid=$(json ticket-create-invalid-cf "['id']")
record ticket-invalid-cf "$ALICE" GET "/ticket/$invalid?fields%5BQueue%5D=Name" >/dev/null
record history-invalid-cf "$ALICE" GET "/ticket/$invalid/history?fields=Type,Created,Creator,OldValue,NewValue&fields%5BCreator%5D=Name,RealName&per_page=100&page=1" >/dev/null
record attachments-invalid-cf "$ALICE" GET "/ticket/$invalid/attachments?fields=TransactionId,ContentType,Filename,ContentLength,Content&per_page=100&page=1" >/dev/null
record ticket-by-portalref-none "$ALICE" GET "/tickets?query=CF.%7BPortalRef%7D%20%3D%20%27never-used%27&fields=Subject" >/dev/null
record login-page browser GET "/queues/all" >/dev/null
record user-self "$ALICE" GET "/user/alice" >/dev/null
record user-other "$ALICE" GET "/user/bob" >/dev/null
record ticket-of-someone-else "$BOB" GET "/ticket/$ticket?fields%5BQueue%5D=Name" >/dev/null
record ticket-missing "$ALICE" GET "/ticket/999999?fields%5BQueue%5D=Name" >/dev/null
record bad-password "alice:wrong" GET "/queues/all" >/dev/null
record articles-search "$ALICE" POST "/articles?fields=Name,Summary,Class,LastUpdated" '[{"field":"Name","operator":"LIKE","value":"VPN"}]' >/dev/null
record articles "$ALICE" POST "/articles?fields=Name,Summary,Class,LastUpdated,Disabled,CustomFields&fields%5BClass%5D=Name&orderby=LastUpdated&order=ASC&per_page=100&page=1" '[{"field":"id","operator":">","value":0}]' >/dev/null
article=$(json articles-search "['items'][0]['id']")
record article "$ALICE" GET "/article/$article" >/dev/null
class=$(json article "['Class']['id']")
record class "$ALICE" GET "/class/$class" >/dev/null
record rt-version "$ROOT" GET "/rt" >/dev/null
say "Recorded $(ls "$OUT" | wc -l) fixtures in $OUT"
