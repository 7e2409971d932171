#!/usr/bin/env bash
# A real Request Tracker 5 (Debian 12's request-tracker5) on 127.0.0.1, for development and the
# end-to-end tests: installed from Debian packages when missing, a fresh SQLite database per `up`,
# seeded with Portico's fixtures, started with a bounded readiness wait and stopped by PID.
#
#   ./portico rt up       install if needed, fresh database, seed, start, smoke test
#   ./portico rt stop     stop the server started by `up`
#   ./portico rt status   whether it runs, and where
#   ./portico rt serve    the portal on this RT (starts RT first if it is not running)
#
# Everything lives in $RT_HOME (config, database, logs, pid). /etc is never used: RT_SITE_CONFIG
# and RT_SITE_CONFIG_DIR point every RT tool at our own RT_SiteConfig.pm.
set -euo pipefail
source "$(dirname "$0")/setup.sh"

RT_HOME=${RT_HOME:-$ROOT_DIR/.cache/rt}
RT_PORT=${PORTICO_RT_PORT:-4790}
RT_ROOT_PW=${RT_ROOT_PW:-portico-root}
# A test instance: bcrypt cost 4 keeps each authenticated request fast (RT's default 12 costs
# about 0.3 s per request). Never use this configuration for real data.
RT_BCRYPT_COST=4
RT_START_TIMEOUT=${RT_START_TIMEOUT:-90}
RT_URL="http://127.0.0.1:$RT_PORT"
REST="$RT_URL/REST/2.0"
RT_DB="$RT_HOME/rt5.db"
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
SETUPDB=/usr/sbin/rt-setup-database-5
export RT_SITE_CONFIG="$RT_HOME/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$RT_HOME/RT_SiteConfig.d"

install_rt() {
  [ -x "$RT_SERVER" ] && [ -x "$SETUPDB" ] && return 0
  say "Installing Request Tracker 5 from Debian packages (about 2 minutes, once)"
  as_root debconf-set-selections <<'ANSWERS'
request-tracker5 request-tracker5/rtname string rt.portico.test
request-tracker5 request-tracker5/organization string portico.test
request-tracker5 request-tracker5/correspondaddress string rt@localhost
request-tracker5 request-tracker5/commentaddress string rt-comment@localhost
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1:8080
request-tracker5 request-tracker5/webpath string /rt
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/database-type select sqlite3
rt5-db-sqlite rt5-db-sqlite/available boolean true
ANSWERS
  ensure_apt request-tracker5 rt5-db-sqlite rt5-standalone sqlite3 curl w3m
}

write_config() {
  mkdir -p "$RT_HOME" "$RT_SITE_CONFIG_DIR"
  cat >"$RT_SITE_CONFIG" <<CONFIG
# Written by .ci/rt.sh for a local test instance; read through \$RT_SITE_CONFIG.
Set(\$rtname, 'rt.portico.test');
Set(\$Organization, 'portico.test');
Set(\$CorrespondAddress, 'rt@localhost');
Set(\$CommentAddress, 'rt-comment@localhost');
Set(\$Timezone, 'UTC');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$RT_DB');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $RT_PORT);
Set(\$WebPath, '');
Set(\$WebBaseURL, '$RT_URL');
Set(@ReferrerWhitelist, qw(127.0.0.1:$RT_PORT localhost:$RT_PORT 127.0.0.1:4780 127.0.0.1:4781));
Set(\$BcryptCost, $RT_BCRYPT_COST);
Set(\$LogToSyslog, undef);
Set(\$LogToFile, undef);
Set(\$LogToSTDERR, 'warning');
Set(\$MailCommand, 'mbox');
CONFIG
}

init_db() {
  write_config
  rm -f "$RT_DB" "$RT_DB-journal"
  (umask 077 && printf '%s\n' "$RT_ROOT_PW" >"$RT_HOME/rootpw")
  "$SETUPDB" --action init --skip-create --root-password-file "$RT_HOME/rootpw" >"$RT_HOME/init.log" 2>&1 ||
    { cat "$RT_HOME/init.log"; die "RT database initialisation failed"; }
}

# Portico's fixtures, in RT's initialdata format: the only non-web way to grant rights.
seed_db() {
  cat >"$RT_HOME/portico-initialdata.pl" <<'SEED'
my @queues = ('IT Service Desk', 'Hardware Requests', 'Access Requests');
@Queues = (
  { Name => 'IT Service Desk',   Description => 'Questions and problems of any kind' },
  { Name => 'Hardware Requests', Description => 'Laptops, screens, phones and accessories' },
  { Name => 'Access Requests',   Description => 'Permissions to systems and shared folders' },
);
@Users = (
  { Name => 'alice', EmailAddress => 'alice@portico.test', RealName => 'Alice Enduser', Password => 'alice-pass-1', Privileged => 0 },
  { Name => 'bob',   EmailAddress => 'bob@portico.test',   RealName => 'Bob Enduser',   Password => 'bob-pass-12',  Privileged => 0 },
  { Name => 'agent', EmailAddress => 'agent@portico.test', RealName => 'Sam Agent',     Password => 'agent-pass-1', Privileged => 1 },
);
@Classes = (
  { Name => 'Network',  Description => 'VPN, Wi-Fi and remote access' },
  { Name => 'Accounts', Description => 'Passwords, MFA and mailboxes' },
);
@CustomFields = (
  { Name => 'Category', Type => 'SelectSingle', Queue => \@queues, Description => 'What the request is about',
    Values => [ map { { Name => $_->[0], SortOrder => $_->[1] } } ['Hardware', 1], ['Software', 2], ['Access', 3] ] },
  { Name => 'Software', Type => 'SelectMultiple', RenderType => 'List', Queue => ['IT Service Desk'],
    Values => [ map { { Name => $_ } } 'Office suite', 'PDF editor', 'VPN client' ] },
  { Name => 'Asset tag', Type => 'FreeformSingle', Queue => ['Hardware Requests'],
    Pattern => '(?#Like AB-1234)^[A-Z]{2}-\d{4}$' },
  { Name => 'Needed by', Type => 'DateSingle', Queue => ['Hardware Requests', 'Access Requests'] },
  { Name => 'Preferred time', Type => 'DateTimeSingle', Queue => ['IT Service Desk'] },
  { Name => 'Business justification', Type => 'TextSingle', Queue => ['Access Requests'] },
  # The portal's idempotency key: a retried submission is found by it instead of filed twice.
  { Name => 'PortalRef', Type => 'FreeformSingle', Queue => \@queues, Description => 'Portico submission key' },
  # Article bodies for the extra classes ("General" has RT's own Content field).
  { Name => 'Content', Type => 'HTML', LookupType => 'RT::Class-RT::Article', ApplyTo => ['Network', 'Accounts'] },
  # RT articles have no language of their own: the portal reads it from this field.
  { Name => 'Language', Type => 'SelectSingle', LookupType => 'RT::Class-RT::Article',
    ApplyTo => ['General', 'Network', 'Accounts'],
    Values => [ map { { Name => $_->[0], SortOrder => $_->[1] } } ['en', 1], ['fr', 2], ['es', 3] ] },
);
my @cfs = ('Category', 'Software', 'Asset tag', 'Needed by', 'Preferred time', 'Business justification', 'PortalRef');
@ACL = (
  # End users see the queues, file tickets and fill custom fields when they do.
  ( map { my $q = $_; map { { GroupDomain => 'SystemInternal', GroupType => 'Unprivileged', Queue => $q, Right => $_ } }
        qw(SeeQueue CreateTicket SeeCustomField SetInitialCustomField) } @queues ),
  ( map { { GroupDomain => 'SystemInternal', GroupType => 'Unprivileged', CF => $_, Right => 'SeeCustomField' } } @cfs ),
  # The requestor sees, answers and updates only her own tickets.
  ( map { my $q = $_; map { { GroupDomain => 'RT::Queue-Role', GroupType => 'Requestor', Queue => $q, Right => $_ } }
        qw(ShowTicket ReplyToTicket ModifyTicket SeeCustomField ModifyCustomField) } @queues ),
  # Staff.
  ( map { my $q = $_; map { { GroupDomain => 'SystemInternal', GroupType => 'Privileged', Queue => $q, Right => $_ } }
        qw(SeeQueue ShowTicket CreateTicket ReplyToTicket CommentOnTicket ShowTicketComments OwnTicket TakeTicket
           ModifyTicket SeeCustomField ModifyCustomField) } @queues ),
  # The knowledge base: every class readable by end users, with its body field.
  ( map { my $c = $_; map { { GroupDomain => 'SystemInternal', GroupType => 'Unprivileged',
          ObjectType => 'RT::Class', ObjectId => $c, Right => $_ } } qw(SeeClass ShowArticle) } 'General', 'Network', 'Accounts' ),
  ( map { { GroupDomain => 'SystemInternal', GroupType => 'Unprivileged', CF => $_, Right => 'SeeCustomField' } } 'Content', 'Language' ),
);
1;
SEED
  "$SETUPDB" --action insert --skip-create --datafile "$RT_HOME/portico-initialdata.pl" >"$RT_HOME/seed.log" 2>&1 ||
    { cat "$RT_HOME/seed.log"; die "RT seeding failed"; }
  if grep -q '\[error\]' "$RT_HOME/seed.log"; then cat "$RT_HOME/seed.log"; die "RT seeding reported errors"; fi
}

running_pid() {
  local pid
  pid=$(cat "$RT_HOME/server.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start_rt() {
  [ -z "$(running_pid)" ] || die "RT already runs (pid $(running_pid)); stop it first: ./portico rt stop"
  if curl -s -o /dev/null "$RT_URL/"; then
    die "Port $RT_PORT is taken by another service. Choose another: PORTICO_RT_PORT=4791 ./portico rt up"
  fi
  # setsid: its own process group, so stopping reaches the Starlet master and its workers.
  setsid "$RT_SERVER" --server Starlet --host 127.0.0.1 --port "$RT_PORT" --max-workers 2 \
    --access-log "$RT_HOME/access.log" >"$RT_HOME/server.log" 2>&1 </dev/null &
  echo $! >"$RT_HOME/server.pid"
  local deadline=$((SECONDS + RT_START_TIMEOUT)) code=000
  while [ $SECONDS -lt $deadline ]; do
    [ -n "$(running_pid)" ] || { cat "$RT_HOME/server.log"; die "RT exited while starting"; }
    code=$(curl -s -o /dev/null -w '%{http_code}' -u "root:$RT_ROOT_PW" "$REST/rt" || true)
    [ "$code" = 200 ] && break
    sleep 0.25
  done
  [ "$code" = 200 ] || { cat "$RT_HOME/server.log"; stop_rt; die "RT did not answer within ${RT_START_TIMEOUT}s"; }
}

stop_rt() {
  local pid
  pid=$(running_pid || true)
  if [ -n "$pid" ]; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null || true
    say "Stopped RT (pid $pid)"
  fi
  rm -f "$RT_HOME/server.pid"
}

# Knowledge articles go in through REST2, as the portal will read them.
seed_articles() {
  local article out id
  while IFS='|' read -r class lang name summary content; do
    article=$(printf '{"Class":"%s","Name":"%s","Summary":"%s","CustomFields":{"Content":"%s"}}' \
      "$class" "$name" "$summary" "$content")
    out=$(curl -sf -u "root:$RT_ROOT_PW" -H 'Content-Type: application/json' -X POST "$REST/article" -d "$article") ||
      die "could not create the article $name"
    # RT finds a class's own custom fields only once the article exists: set the language after.
    id=$(sed -E 's/.*"id" *: *"?([0-9]+).*/\1/' <<<"$out")
    curl -sf -o /dev/null -u "root:$RT_ROOT_PW" -H 'Content-Type: application/json' -X PUT "$REST/article/$id" \
      -d "{\"CustomFields\":{\"Language\":\"$lang\"}}" || die "could not set the language of $name"
  done <<'ARTICLES'
General|en|Service desk hours|When and how to reach us|The service desk answers Monday to Friday, 07:00 to 19:00.
Network|en|Connect to the VPN|Remote access from home|<p>Open <b>Secure Connect</b>, choose Connect and approve the sign-in on your phone.</p><p>Still stuck? Restart the laptop &amp; try again.</p>
Network|fr|Se connecter au VPN|Accès à distance depuis chez soi|Ouvrez Secure Connect, choisissez Connect et validez sur votre téléphone.
Accounts|en|Reset your password|Forgot or expired password|Go to the password page, enter your work email and follow the steps.
Accounts|es|Restablecer la contraseña|Contraseña olvidada o caducada|Ve a la página de contraseñas, escribe tu correo del trabajo y sigue los pasos.
ARTICLES
}

# An RT auth token for alice (REST2 5.0.3 cannot create tokens; RT's perl API can), for the
# token sign-in journey. Written only inside $RT_HOME, readable by its owner alone.
make_token() {
  local user=$1
  (umask 077 && perl -I/usr/share/request-tracker5/lib -MRT -e '
    RT::LoadConfig(); RT::Init();
    my $u = RT::User->new(RT->SystemUser); $u->Load($ARGV[0]) or die "no such user $ARGV[0]\n";
    my ($id, $msg, $auth) = RT::AuthToken->new(RT->SystemUser)->Create(Owner => $u->id, Description => "Portico tests");
    die "token: $msg\n" unless $id; print "$auth\n";' "$user" >"$RT_HOME/$user.token" 2>"$RT_HOME/token.log") ||
    { cat "$RT_HOME/token.log"; die "could not create an auth token for $user"; }
}

# The checks the portal depends on: an end user files a ticket with custom fields, finds it,
# and reads the knowledge base; another end user cannot see it.
smoke() {
  local alice=(-u alice:alice-pass-1) json='Content-Type: application/json' out id
  out=$(curl -sf "${alice[@]}" -H "$json" -X POST "$REST/ticket" -d '{"Queue":"Hardware Requests","Requestor":"alice",
    "Subject":"Smoke test","Content":"Checking the seed","ContentType":"text/plain",
    "CustomFields":{"Category":"Hardware","Asset tag":"NB-1234","Needed by":"2030-01-31","PortalRef":"smoke-1"}}') ||
    die "smoke: alice could not file a ticket"
  id=$(sed -E 's/.*"id" *: *"?([0-9]+).*/\1/' <<<"$out")
  # Capture, then match: `curl | grep -q` fails under pipefail when grep stops reading early.
  out=$(curl -sf "${alice[@]}" "$REST/ticket/$id") && grep -q '"NB-1234"' <<<"$out" || die "smoke: custom field not stored"
  out=$(curl -sf "${alice[@]}" -G "$REST/tickets" --data-urlencode "query=CF.{PortalRef} = 'smoke-1'") &&
    grep -q "\"$id\"" <<<"$out" || die "smoke: ticket not found by its PortalRef"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -u bob:bob-pass-12 "$REST/ticket/$id")" = 403 ] ||
    die "smoke: bob can see alice's ticket"
  out=$(curl -sf "${alice[@]}" -H "$json" -X POST "$REST/articles?fields=Name" -d '[{"field":"Name","operator":"LIKE","value":"VPN"}]') &&
    grep -q 'Connect to the VPN' <<<"$out" || die "smoke: alice cannot read the knowledge base"
  curl -sf -o /dev/null -u "root:$RT_ROOT_PW" -X DELETE "$REST/ticket/$id" || true
}

case "${1:-help}" in
  up)
    install_rt
    stop_rt
    say "Creating a fresh RT database in $RT_HOME"
    init_db
    seed_db
    start_rt
    seed_articles
    smoke
    make_token alice
    say "Request Tracker is ready at $RT_URL (root / $RT_ROOT_PW; end users alice / alice-pass-1 and bob / bob-pass-12; alice's auth token in $RT_HOME/alice.token)"
    ;;
  stop) stop_rt ;;
  serve)
    if [ -z "$(running_pid)" ]; then "$0" up; fi
    say "Sign in as alice / alice-pass-1 (or bob / bob-pass-12); RT itself: $RT_URL (root / $RT_ROOT_PW)"
    PORTICO_CONFIG="$ROOT_DIR/.ci/rt-config.json" exec bash "$(dirname "$0")/serve.sh"
    ;;
  status)
    if pid=$(running_pid); then say "RT runs at $RT_URL (pid $pid, data in $RT_HOME)"; else say "RT is not running"; fi
    ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
