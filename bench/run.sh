#!/usr/bin/env bash
# Claim-rush, propagation-lag, notification-lag and gateway-overhead benchmarks, one command, from anywhere in the repository:
#   bash bench/run.sh [extra VolunteerOps.Bench options, e.g. --runs 1, or --benchmarks notification-lag]
# Ensures a local PostgreSQL and a local RabbitMQ, publishes the Shifts, Roster and Notifications services in Release,
# starts all three on loopback against fresh event-store schemas and a fresh RabbitMQ virtual host, runs
# bench/VolunteerOps.Bench (claim rush: spread and hot, 3 runs each, raw Npgsql baseline in the same runs; propagation
# lag: 3 runs at 50 and 500 claims/s; notification lag: 3 runs at 50 claims/s with reminders coming due), stops the
# services, and rewrites the benchmarks' sections of docs/benchmarks.md and their keys in docs/benchmarks.json.
# Env: BENCH_POSTGRES=<Npgsql connection string> skips local-postgres.sh (use an already running server);
#      BENCH_RABBITMQ=<AMQP URI> skips local-rabbitmq.sh and the per-run virtual host (use that broker and vhost as is;
#        _error queues are then counted with BENCH_RABBITMQ_CONTAINER, default volunteerops-rabbitmq);
#      BENCH_PORT=<port> / BENCH_ROSTER_PORT=<port> / BENCH_NOTIFICATIONS_PORT=<port> pick the services' ports (default: free ones);
#      BENCH_KEEP_SCHEMA=1 keeps the run's event-store schemas and virtual host (dropped at the end otherwise).
set -euo pipefail

started_at=$(date +%s)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
artifacts=bench/.artifacts # own bin/obj: never collides with the services' Debug builds others may be running
mkdir -p "$artifacts"
log() { printf '[run.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- 1. PostgreSQL --------------------------------------------------------------------------------
# local-postgres.sh installs/starts Debian's PostgreSQL 15 on 127.0.0.1:55432 and prints its connection string
# (logs may precede it, so take the last line that looks like one).
if [[ -n "${BENCH_POSTGRES:-}" ]]; then
  postgres=$BENCH_POSTGRES
else
  [[ -x deploy/local-infra/local-postgres.sh || -f deploy/local-infra/local-postgres.sh ]] \
    || { log "deploy/local-infra/local-postgres.sh is missing; set BENCH_POSTGRES to a connection string instead"; exit 1; }
  pg_out=$(bash deploy/local-infra/local-postgres.sh)
  postgres=$(printf '%s\n' "$pg_out" | grep -Ei '^(Host|Server)=' | tail -n1 || true)
  if [[ -z "$postgres" ]]; then
    # A URI (postgresql://user:pass@host:port/db) instead: Npgsql wants keyword=value pairs.
    uri=$(printf '%s\n' "$pg_out" | grep -Eo 'postgres(ql)?://[^[:space:]]+' | tail -n1 || true)
    [[ -n "$uri" ]] || { log "local-postgres.sh printed no connection string:"; printf '%s\n' "$pg_out" >&2; exit 1; }
    postgres=$(python3 -c 'import sys, urllib.parse as u
p = u.urlparse(sys.argv[1])
print(f"Host={p.hostname};Port={p.port or 5432};Database={p.path.lstrip(\"/\")};Username={u.unquote(p.username or \"\")};Password={u.unquote(p.password or \"\")}")' "$uri")
  fi
fi
log "PostgreSQL: $(printf '%s' "$postgres" | sed -E 's/(Password=)[^;]*/\1***/I')"

# --- 2. RabbitMQ ----------------------------------------------------------------------------------
# local-rabbitmq.sh starts the volunteerops-rabbitmq container (127.0.0.1:5672) and prints its AMQP URI last.
# The services declare fixed queue names (shifts-roster-events, roster-shift-events, notifications-*): in the broker's default
# virtual host, anyone else's services (run-demo.sh) would consume the bench's messages and vice versa. So each
# invocation gets its own virtual host, deleted at the end.
stamp="$(date -u +%Y%m%d%H%M%S)_$$"
broker_container=${BENCH_RABBITMQ_CONTAINER:-volunteerops-rabbitmq}
vhost=""
if [[ -n "${BENCH_RABBITMQ:-}" ]]; then
  rabbitmq=$BENCH_RABBITMQ
  broker_vhost=$(python3 -c 'import sys, urllib.parse as u; print(u.unquote(u.urlparse(sys.argv[1]).path[1:]) or "/")' "$rabbitmq")
else
  rabbit_base=$(bash deploy/local-infra/local-rabbitmq.sh | grep -Eo 'amqps?://[^[:space:]]+' | tail -n1 || true)
  [[ -n "$rabbit_base" ]] || { log "local-rabbitmq.sh printed no AMQP URI"; exit 1; }
  vhost="bench_$stamp"
  docker exec "$broker_container" rabbitmqctl add_vhost "$vhost" >/dev/null
  broker_user=$(python3 -c 'import sys, urllib.parse as u; print(u.unquote(u.urlparse(sys.argv[1]).username or "guest"))' "$rabbit_base")
  docker exec "$broker_container" rabbitmqctl set_permissions -p "$vhost" "$broker_user" '.*' '.*' '.*' >/dev/null
  rabbitmq="${rabbit_base%/}/$vhost"
  broker_vhost=$vhost
fi
log "RabbitMQ: $(printf '%s' "$rabbitmq" | sed -E 's#(//[^:/@]*:)[^@]*@#\1***@#') (virtual host $broker_vhost)"
broker_pid=$(docker inspect -f '{{.State.Pid}}' "$broker_container" 2>/dev/null || true)
[[ "$broker_pid" =~ ^[1-9][0-9]*$ ]] || broker_pid=""

# --- 3. Build all three in Release (the figures are meaningless for a Debug build) -----------------
log "publishing the Shifts, Roster and Notifications services and building the bench (Release)"
dotnet publish services/Shifts/VolunteerOps.Shifts -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
dotnet publish services/Roster/VolunteerOps.Roster -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
dotnet publish services/Notifications/VolunteerOps.Notifications -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
dotnet build bench/VolunteerOps.Bench -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
bench_dll=$artifacts/bin/VolunteerOps.Bench/release/VolunteerOps.Bench.dll

# --- 4. Start the services --------------------------------------------------------------------------
# Fresh event-store schemas per invocation, so earlier runs' streams don't skew this one.
shifts_schema="bench_${stamp}_shifts"
roster_schema="bench_${stamp}_roster"
notifications_schema="bench_${stamp}_notifications"
# Any 32+ byte key, the same for all services: the bench mints its HS256 tokens with it.
signing_key="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
shifts_url="http://127.0.0.1:${BENCH_PORT:-$(free_port)}"
roster_url="http://127.0.0.1:${BENCH_ROSTER_PORT:-$(free_port)}"
notifications_url="http://127.0.0.1:${BENCH_NOTIFICATIONS_PORT:-$(free_port)}"
# Email: the bench sets every volunteer it registers to in-app only (PUT preferences on the Roster), so no claim makes
# an email or webhook delivery. As a safety net, Smtp:Port is a loopback port nothing listens on: an email would be
# refused at once, recorded in the delivery log and retried with backoff until given up (Notifications:Delivery).
smtp_port=$(free_port)

pids=()
stop_services() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  pids=()
}
cleanup() {
  stop_services
  if [[ -n "$vhost" && "${BENCH_KEEP_SCHEMA:-0}" != 1 ]]; then
    docker exec "$broker_container" rabbitmqctl delete_vhost "$vhost" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start <Name> <url> <schema> <pool> [NAME=value...]: the published dll with its publish folder as content root (as
# run-demo.sh runs the built one), Production settings, logging at Warning, any extra settings given. ConnectionStrings__Postgres
# replaces appsettings.json's whole connection string, so it restates the pool size (Shifts 60, Roster 40,
# Notifications 40). The claim rush's raw baseline opens up to 64 more connections while the pools are open:
# local-postgres.sh allows 300.
start() {
  local name=$1 url=$2 schema=$3 pool=$4 dir
  dir="$repo/$artifacts/publish/VolunteerOps.$name/release"
  local lower=${name,,}
  local service_log="$artifacts/$lower-$schema.log"
  log "starting the $name service on $url (schema $schema, log $service_log)"
  env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Postgres="$postgres;Maximum Pool Size=$pool;Application Name=vo-bench-$lower-$stamp" \
    ConnectionStrings__RabbitMq="$rabbitmq" \
    EventStore__Schema="$schema" \
    Auth__SigningKey="$signing_key" \
    Logging__LogLevel__Default=Warning \
    Logging__LogLevel__Microsoft=Warning \
    "${@:5}" \
    dotnet "$dir/VolunteerOps.$name.dll" --urls "$url" --contentRoot "$dir" >"$service_log" 2>&1 &
  pids+=($!)
}

# /health checks PostgreSQL too; the first start also creates the schema (ApplyAllDatabaseChangesOnStartup).
wait_healthy() {
  local name=$1 url=$2 pid=$3 log_file=$4 i
  for i in $(seq 120); do
    if curl -fsS -o /dev/null --max-time 2 "$url/health" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then log "the $name service exited:"; tail -n 40 "$log_file" >&2; exit 1; fi
    [[ $i -lt 120 ]] || { log "$name: no healthy /health after 60 s:"; tail -n 40 "$log_file" >&2; exit 1; }
    sleep 0.5
  done
}

start Shifts "$shifts_url" "$shifts_schema" 60
shifts_pid=${pids[0]}
start Roster "$roster_url" "$roster_schema" 40
roster_pid=${pids[1]}
start Notifications "$notifications_url" "$notifications_schema" 40 Smtp__Host=127.0.0.1 Smtp__Port="$smtp_port" Smtp__Security=None
notifications_pid=${pids[2]}
wait_healthy Shifts "$shifts_url" "$shifts_pid" "$artifacts/shifts-$shifts_schema.log"
wait_healthy Roster "$roster_url" "$roster_pid" "$artifacts/roster-$roster_schema.log"
wait_healthy Notifications "$notifications_url" "$notifications_pid" "$artifacts/notifications-$notifications_schema.log"
log "services healthy (Shifts pid $shifts_pid, Roster pid $roster_pid, Notifications pid $notifications_pid)"

# --- 5. The bench ---------------------------------------------------------------------------------
sdk=$(dotnet --version)
# The command line as given (its extra options included), for the report.
command="bash bench/run.sh"
for arg in "$@"; do command+=" $(printf '%q' "$arg")"; done
set +e
dotnet "$bench_dll" \
  --url "$shifts_url" \
  --roster-url "$roster_url" \
  --postgres "$postgres" \
  --signing-key "$signing_key" \
  --schema "$shifts_schema" \
  --roster-schema "$roster_schema" \
  --notifications-schema "$notifications_schema" \
  --broker-container "$broker_container" \
  --broker-vhost "$broker_vhost" \
  --repo "$repo" \
  --runs 3 \
  --out docs/ \
  --command "$command" \
  --service-note "Shifts, Roster and Notifications published in Release (SDK $sdk), each started by run.sh with \`dotnet <dll> --contentRoot <publish folder>\` on loopback, ASPNETCORE_ENVIRONMENT=Production, logging at Warning, a fresh event-store schema per service per invocation (\`$shifts_schema\`, \`$roster_schema\`, \`$notifications_schema\`, dropped at the end), Npgsql pools 60, 40 and 40 (as in appsettings.json), every volunteer the bench registers set to in-app only (so no email or webhook delivery; the Notifications service's \`Smtp:Port\` at a loopback port nothing listens on, as a safety net), RabbitMQ \`volunteerops-rabbitmq\` with a fresh virtual host per invocation (\`$broker_vhost\`), all on the same machine as PostgreSQL and the load generator." \
  --started-at "$started_at" \
  --service-pid "$shifts_pid" \
  --roster-pid "$roster_pid" \
  --notifications-pid "$notifications_pid" \
  ${broker_pid:+--broker-pid "$broker_pid"} \
  --shifts-log "$artifacts/shifts-$shifts_schema.log" \
  --shifts-app "vo-bench-shifts-$stamp" \
  --roster-app "vo-bench-roster-$stamp" \
  --roster-log "$artifacts/roster-$roster_schema.log" \
  --notifications-log "$artifacts/notifications-$notifications_schema.log" \
  "$@"
bench_rc=$?
# A service that is gone before run.sh stops it died under the bench (or was killed from outside): say how.
for pid_name in "$shifts_pid:Shifts" "$roster_pid:Roster" "$notifications_pid:Notifications"; do
  if ! kill -0 "${pid_name%%:*}" 2>/dev/null; then
    wait "${pid_name%%:*}"
    status=$?
    log "the ${pid_name#*:} service (pid ${pid_name%%:*}) exited during the run with status $status$( (( status > 128 )) && printf ' (signal %d)' $((status - 128)) )"
    bench_rc=1
  fi
done
set -e

# What the broker holds after the run (messages in an _error queue mean a consumer gave up on one).
if queues=$(docker exec "$broker_container" rabbitmqctl list_queues -q -p "$broker_vhost" name messages 2>/dev/null); then
  log "queues in virtual host $broker_vhost after the run (name, messages):"
  printf '%s\n' "$queues" | sed 's/^/    /' >&2
fi

stop_services
# The schemas hold every claim and registration of this invocation: dropped once the services have stopped (under a
# running daemon a dropped schema makes it log errors). BENCH_KEEP_SCHEMA=1 keeps them for a post-mortem.
if [[ "${BENCH_KEEP_SCHEMA:-0}" != 1 ]]; then
  dotnet "$bench_dll" drop-schemas --postgres "$postgres" "$shifts_schema" "$roster_schema" "$notifications_schema" \
    || log "could not drop the schemas"
else
  log "kept schemas $shifts_schema, $roster_schema and $notifications_schema and virtual host $broker_vhost (BENCH_KEEP_SCHEMA=1)"
fi
# Marten logs every retried write conflict at Error level; summarise by exception so real failures stand out.
for name in shifts roster notifications; do
  schema_var="${name}_schema"
  service_log="$artifacts/$name-${!schema_var}.log"
  if grep -aqE '^(fail|crit)|Unhandled exception' "$service_log"; then
    log "the $name service logged $(grep -acE '^(fail|crit)' "$service_log") error entries (full log: $service_log), by exception:"
    grep -aA4 -E '^(fail|crit)' "$service_log" | grep -aoE '^ +[A-Za-z.]+Exception( \(0x[0-9A-F]+\))?: .{0,90}' \
      | sed -E 's/^ +//; s/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g' | sort | uniq -c | sort -rn | head -n 12 >&2 || true
  fi
  # MassTransit logs each retry at Warning (R-RETRY): a message waiting for its stream predecessor
  # (MessageOutOfOrderException) is the expected kind; anything else deserves a look.
  if grep -aqE '^warn' "$service_log"; then
    log "the $name service logged $(grep -acE '^warn' "$service_log") warnings, by exception:"
    grep -aA2 -E '^warn' "$service_log" | grep -aoE '^ +[A-Za-z.]+Exception: .{0,60}' \
      | sed -E 's/^ +//; s/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g; s/version [0-9]+, got [0-9]+/version N, got M/' \
      | sort | uniq -c | sort -rn | head -n 8 >&2 || true
  fi
done
# Gateway overhead runs its own services (Shifts, Roster and the gateway, fresh schemas): after everything
# above has stopped, so the two never share the machine. Skipped when --benchmarks names others only.
gateway_rc=0
if [[ " $* " != *" --benchmarks "* || " $* " == *gateway-overhead* ]]; then
  bash bench/gateway-overhead.sh || gateway_rc=$?
fi
log "done in $(( $(date +%s) - started_at )) s (bench exit code $bench_rc, gateway overhead $gateway_rc)"
(( bench_rc != 0 )) && exit "$bench_rc"
exit "$gateway_rc"
