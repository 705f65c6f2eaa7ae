#!/usr/bin/env bash
# Gateway overhead: the same shift reads and claims straight to the Shifts service and through the gateway;
# then coverage lag: claims at 50/s on a 200-shift conference, seen on the board's stream through the gateway.
#   bash bench/gateway-overhead.sh [--runs 3]
# or, instead of those two, board memory: the board page in headless Chromium for an hour of 50 changes/s
# (same services and set-up, so it shares this script; it rewrites the board-memory section and key only):
#   bash bench/gateway-overhead.sh --benchmark board-memory [--minutes 60]
# Starts PostgreSQL and RabbitMQ (deploy/local-infra), publishes Shifts, Roster and the gateway in Release, runs
# them on loopback against fresh schemas and a fresh virtual host, runs bench/VolunteerOps.GatewayBench, and
# rewrites the gateway-overhead and coverage-lag sections of docs/benchmarks.md and their keys in docs/benchmarks.json.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
artifacts=bench/.artifacts-gateway
log() { printf '[gateway-overhead.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [[ " $* " == *" board-memory "* && ! -x /usr/bin/chromium ]]; then
  log "board-memory needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)"; exit 1
fi

postgres=$(bash deploy/local-infra/local-postgres.sh | grep -Ei '^(Host|Server)=' | tail -n1)
rabbit_base=$(bash deploy/local-infra/local-rabbitmq.sh | grep -Eo 'amqps?://[^[:space:]]+' | tail -n1)
stamp="$(date -u +%Y%m%d%H%M%S)_$$"
vhost="gwbench_$stamp"
docker exec volunteerops-rabbitmq rabbitmqctl add_vhost "$vhost" >/dev/null
docker exec volunteerops-rabbitmq rabbitmqctl set_permissions -p "$vhost" volunteerops '.*' '.*' '.*' >/dev/null
rabbitmq="${rabbit_base%/}/$vhost"

log "publishing Shifts, Roster and the gateway, building the bench (Release)"
for project in services/Shifts/VolunteerOps.Shifts services/Roster/VolunteerOps.Roster gateway/VolunteerOps.Gateway; do
  dotnet publish "$project" -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
done
dotnet build bench/VolunteerOps.GatewayBench -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2

shifts_schema="gwbench_${stamp}_shifts"
roster_schema="gwbench_${stamp}_roster"
signing_key="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
shifts_url="http://127.0.0.1:$(free_port)"
roster_url="http://127.0.0.1:$(free_port)"
gateway_url="http://127.0.0.1:$(free_port)"
nowhere="http://127.0.0.1:$(free_port)" # Notifications is not part of this measurement

pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  dotnet "$artifacts/bin/VolunteerOps.GatewayBench/release/VolunteerOps.GatewayBench.dll" \
    drop-schemas "$postgres" "$shifts_schema" "$roster_schema" >&2 || true
  docker exec volunteerops-rabbitmq rabbitmqctl delete_vhost "$vhost" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start <Name> <url> [NAME=value...]: the published dll, Production settings, logging at Warning.
start() {
  local name=$1 url=$2 dir="$repo/$artifacts/publish/VolunteerOps.$1/release"
  shift 2
  env "$@" Auth__SigningKey="$signing_key" Logging__LogLevel__Default=Warning \
    dotnet "$dir/VolunteerOps.$name.dll" --urls "$url" --contentRoot "$dir" >"$artifacts/$name.log" 2>&1 &
  pids+=($!)
}
wait_for() {
  for _ in $(seq 1 60); do curl -sf "$1" >/dev/null && return 0; sleep 1; done
  log "$1 did not answer; logs in $artifacts"; exit 1
}

start Shifts "$shifts_url" ConnectionStrings__Postgres="$postgres;Maximum Pool Size=60" ConnectionStrings__RabbitMq="$rabbitmq" EventStore__Schema="$shifts_schema"
start Roster "$roster_url" ConnectionStrings__Postgres="$postgres;Maximum Pool Size=40" ConnectionStrings__RabbitMq="$rabbitmq" EventStore__Schema="$roster_schema"
start Gateway "$gateway_url" \
  ReverseProxy__Clusters__shifts__Destinations__primary__Address="$shifts_url/" \
  ReverseProxy__Clusters__roster__Destinations__primary__Address="$roster_url/" \
  ReverseProxy__Clusters__notifications__Destinations__primary__Address="$nowhere/"
wait_for "$shifts_url/health"
wait_for "$roster_url/health"
wait_for "$gateway_url/alive"

log "measuring (gateway $gateway_url, Shifts $shifts_url)"
dotnet "$artifacts/bin/VolunteerOps.GatewayBench/release/VolunteerOps.GatewayBench.dll" \
  --shifts "$shifts_url/" --roster "$roster_url/" --gateway "$gateway_url/" --postgres "$postgres" \
  --shifts-schema "$shifts_schema" --signing-key "$signing_key" --repo "$repo" "$@"
log "wrote docs/benchmarks.md and docs/benchmarks.json"
