#!/usr/bin/env bash
# The README's run command: PostgreSQL (Debian's, on 127.0.0.1:55432) and the Shifts service with a
# demo conference, installed and started on a fresh Debian machine. Ctrl-C stops the service.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
shifts_url=${VO_SHIFTS_URL:-http://127.0.0.1:5101}
logs="$root/artifacts/logs"
mkdir -p "$logs"

connection=$(bash deploy/local-infra/local-postgres.sh | tail -n 1)
dotnet build services/Shifts/VolunteerOps.Shifts -c Release -nologo -v quiet

ASPNETCORE_ENVIRONMENT=Development \
ConnectionStrings__Postgres="$connection" \
Demo__Seed=true \
  dotnet "$root/services/Shifts/VolunteerOps.Shifts/bin/Release/net10.0/VolunteerOps.Shifts.dll" \
  --urls "$shifts_url" --contentRoot "$root/services/Shifts/VolunteerOps.Shifts/bin/Release/net10.0" \
  >"$logs/shifts.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 60); do
  curl -sf "$shifts_url/health" >/dev/null && break
  kill -0 $service 2>/dev/null || { cat "$logs/shifts.log"; exit 1; }
  sleep 1
done
curl -sf "$shifts_url/health" >/dev/null || { echo "Shifts did not become healthy; see $logs/shifts.log"; exit 1; }

volunteer=0193f2a0-0000-7000-8000-00000000a001
conference=0193f2a0-0000-7000-8000-000000000001
shift=0193f2a0-0000-7000-8001-000000000001
cat <<INFO

VolunteerOps is running (logs: $logs/shifts.log).
  Shifts service:  $shifts_url   (OpenAPI: $shifts_url/openapi/v1.json)
  Demo conference: $conference (PyCon US 2027, 2027-05-14, Long Beach)

Try it:
  VOLUNTEER=\$(deploy/dev-token.sh $volunteer volunteer)
  COORDINATOR=\$(deploy/dev-token.sh coordinator-1 coordinator)
  curl -s -H "Authorization: Bearer \$VOLUNTEER" "$shifts_url/api/shifts?conferenceId=$conference&status=open"
  curl -s -X POST -H "Authorization: Bearer \$VOLUNTEER" $shifts_url/api/shifts/$shift/claims
  curl -s -H "Authorization: Bearer \$COORDINATOR" $shifts_url/api/shifts/$shift/history

Ctrl-C stops the service (PostgreSQL keeps running: deploy/local-infra/local-postgres.sh stop).
INFO
wait $service
