#!/usr/bin/env bash
# Claim-rush benchmark, one command, from anywhere in the repository:
#   bash bench/run.sh [extra VolunteerOps.Bench options, e.g. --runs 1]
# Ensures a local PostgreSQL, publishes the Shifts service in Release, starts it on loopback against a fresh
# event-store schema, runs bench/VolunteerOps.Bench (spread and hot rush, 3 runs each, raw Npgsql baseline in the
# same runs), stops the service, and rewrites the claim-rush section of docs/benchmarks.md and its keys in
# docs/benchmarks.json.
# Env: BENCH_POSTGRES=<Npgsql connection string> skips local-postgres.sh (use an already running server);
#      BENCH_PORT=<port> picks the service's port (default: a free one);
#      BENCH_KEEP_SCHEMA=1 keeps the run's event-store schema (dropped at the end otherwise).
set -euo pipefail

started_at=$(date +%s)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
artifacts=bench/.artifacts # own bin/obj: never collides with the service's Debug build others may be running
mkdir -p "$artifacts"
log() { printf '[run.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

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

# --- 2. Build both in Release (the figures are meaningless for a Debug build) -------------------
log "publishing the Shifts service and building the bench (Release)"
dotnet publish services/Shifts/VolunteerOps.Shifts -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
dotnet build bench/VolunteerOps.Bench -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
service_dir=$artifacts/publish/VolunteerOps.Shifts/release
bench_dll=$artifacts/bin/VolunteerOps.Bench/release/VolunteerOps.Bench.dll

# --- 3. Start the service ---------------------------------------------------------------------------
# A fresh event-store schema per invocation, so earlier runs' streams don't skew this one.
schema="bench_$(date -u +%Y%m%d%H%M%S)_$$"
# Any 32+ byte key: the bench mints its HS256 tokens with the same one.
signing_key="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port=${BENCH_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
url="http://127.0.0.1:$port"
service_log="$artifacts/shifts-$schema.log"
# This variable replaces appsettings.json's whole connection string, so restate its pool size (60). The raw baseline
# opens up to 64 more connections while the service's pool is still open: local-postgres.sh allows 300.
service_cs="$postgres;Maximum Pool Size=60;Application Name=vo-bench-shifts"

service_pid=""
stop_service() {
  if [[ -n "$service_pid" ]] && kill -0 "$service_pid" 2>/dev/null; then
    kill -TERM "$service_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$service_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$service_pid" 2>/dev/null || true
  fi
}
trap stop_service EXIT
trap 'exit 130' INT TERM

log "starting the Shifts service on $url (schema $schema, log $service_log)"
env ASPNETCORE_ENVIRONMENT=Production \
  ASPNETCORE_URLS="$url" \
  ConnectionStrings__Postgres="$service_cs" \
  EventStore__Schema="$schema" \
  Auth__SigningKey="$signing_key" \
  Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Microsoft=Warning \
  "$service_dir/VolunteerOps.Shifts" >"$service_log" 2>&1 &
service_pid=$!

# /health checks PostgreSQL too; the first start also creates the schema (ApplyAllDatabaseChangesOnStartup).
for i in $(seq 120); do
  if curl -fsS -o /dev/null --max-time 2 "$url/health" 2>/dev/null; then break; fi
  if ! kill -0 "$service_pid" 2>/dev/null; then log "the service exited:"; tail -n 40 "$service_log" >&2; exit 1; fi
  [[ $i -lt 120 ]] || { log "no healthy /health after 60 s:"; tail -n 40 "$service_log" >&2; exit 1; }
  sleep 0.5
done
log "service healthy (pid $service_pid)"

# --- 4. The bench ---------------------------------------------------------------------------------
sdk=$(dotnet --version)
# The schema holds every claim of this invocation; BENCH_KEEP_SCHEMA=1 keeps it for a post-mortem.
drop_schema=(--drop-schema)
[[ "${BENCH_KEEP_SCHEMA:-0}" != 1 ]] || drop_schema=()
set +e
dotnet "$bench_dll" \
  --url "$url" \
  --postgres "$postgres" \
  --signing-key "$signing_key" \
  --schema "$schema" \
  --runs 3 \
  --out docs/ \
  --command "bash bench/run.sh" \
  --service-note "Shifts published in Release (SDK $sdk), started by run.sh on $url with ASPNETCORE_ENVIRONMENT=Production, logging at Warning, a fresh event-store schema per invocation (\`$schema\`, dropped at the end), Npgsql pool 60 (as in appsettings.json), on the same machine as PostgreSQL and the load generator." \
  --started-at "$started_at" \
  --service-pid "$service_pid" \
  "${drop_schema[@]}" \
  "$@"
bench_rc=$?
set -e

stop_service
service_pid=""
# The service logs every retried write conflict at Error level; summarise by exception so real failures stand out.
if grep -aqE '^(fail|crit)|Unhandled exception' "$service_log"; then
  log "the service logged $(grep -acE '^(fail|crit)' "$service_log") error entries (full log: $service_log), by exception:"
  grep -aA4 -E '^(fail|crit)' "$service_log" | grep -aoE '^ +[A-Za-z.]+Exception( \(0x[0-9A-F]+\))?: .{0,90}' \
    | sed -E 's/^ +//; s/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g' | sort | uniq -c | sort -rn | head -n 12 >&2 || true
fi
log "done in $(( $(date +%s) - started_at )) s (bench exit code $bench_rc)"
exit "$bench_rc"
