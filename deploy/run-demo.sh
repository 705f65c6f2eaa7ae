#!/usr/bin/env bash
# The README's run command: the Shifts, Roster and Notifications services with demo data, PostgreSQL,
# RabbitMQ, an SMTP sink, and the gateway in front of them (every URL printed goes through it), installed
# and started on a fresh Debian machine. Two ways, VO_DEMO_MODE=compose|local (default: compose when a
# Docker engine answers `docker info`, else local):
#   compose  docker-compose.yml, everything in containers (deploy/docker/up.sh: images made on this machine
#            where no registry answers), left running: `docker-compose down` stops it. Host ports: the
#            VO_*_PORT of docker-compose.yml (gateway VO_GATEWAY_PORT, 8080).
#   local    PostgreSQL (Debian's, on 127.0.0.1:55432), RabbitMQ (a local container on 127.0.0.1:5672),
#            an SMTP sink (aiosmtpd, mail kept as files) and the services as processes. Ctrl-C stops the
#            services, the gateway and the sink; the databases keep running.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
volunteer=0193f2a0-0000-7000-8000-00000000a001
conference=0193f2a0-0000-7000-8000-000000000001
chair=0193f2a0-0000-7000-8001-000000000006

# What both ways print, around their own lines: the URLs, then the demo data and the curl examples.
urls() {
  cat <<INFO
  Gateway:         $gateway_url   (every URL below goes through it)
  API docs:        $gateway_url/docs
  Coverage board:  $gateway_url/dashboard?conferenceId=$conference#token=\$(deploy/dev-token.sh viewer-1 viewer 600)
  Health:          $gateway_url/health
INFO
}
demo() {
  cat <<INFO
  Demo conference: $conference (PyCon US 2027, 2027-05-14, Long Beach)
  Demo volunteers: Ada ($volunteer, has the chair briefing), Grace (...a002), Guido (...a003), Katie (...a004)

Try it:
  ADA=\$(deploy/dev-token.sh $volunteer volunteer)
  COORDINATOR=\$(deploy/dev-token.sh coordinator-1 coordinator)
  curl -s -H "Authorization: Bearer \$ADA" "$gateway_url/api/shifts?conferenceId=$conference&eligibleFor=$volunteer"
  curl -s -X POST -H "Authorization: Bearer \$ADA" $gateway_url/api/shifts/$chair/claims
  curl -s -H "Authorization: Bearer \$ADA" $gateway_url/api/volunteers/$volunteer/schedule
  curl -s -H "Authorization: Bearer \$ADA" $gateway_url/api/notifications
  curl -sN -H "Authorization: Bearer \$ADA" $gateway_url/api/notifications/stream
  curl -s -H "Authorization: Bearer \$COORDINATOR" "$gateway_url/api/roster?conferenceId=$conference&role=session-chair"
INFO
}

# shellcheck source=local-infra/lib.sh
. deploy/local-infra/lib.sh
command -v curl >/dev/null || apt_install curl
command -v openssl >/dev/null || apt_install openssl # deploy/dev-token.sh
command -v python3 >/dev/null || apt_install python3

mode=${VO_DEMO_MODE:-}
if [ -z "$mode" ]; then
  if command -v docker >/dev/null && timeout 20 docker info >/dev/null 2>&1; then mode=compose; else mode=local; fi
fi
case "$mode" in
  compose | local) ;;
  *) die "VO_DEMO_MODE must be compose or local, not $mode" ;;
esac

if [ "$mode" = compose ]; then
  # shellcheck source=docker/lib.sh
  . deploy/docker/lib.sh
  bash deploy/docker/up.sh
  gateway_url="http://127.0.0.1:${VO_GATEWAY_PORT:-8080}"
  if sink_keeps_files; then
    mail="$COMPOSE_CLI -p $COMPOSE_PROJECT_NAME exec smtp ls /var/mail/new (one file per message)"
  else
    mail="http://127.0.0.1:${VO_MAIL_UI_PORT:-8025} (Mailpit)"
  fi
  cat <<INFO

VolunteerOps is running in containers (logs: $COMPOSE_CLI -p $COMPOSE_PROJECT_NAME logs -f).
$(urls)
  Mail sent:       $mail
  RabbitMQ UI:     http://127.0.0.1:${VO_RABBITMQ_UI_PORT:-15672} (volunteerops / volunteerops)
$(demo)

It keeps running: $COMPOSE_CLI -p $COMPOSE_PROJECT_NAME down stops it (down -v also drops its data).
INFO
  exit 0
fi

shifts_url=${VO_SHIFTS_URL:-http://127.0.0.1:5101}
roster_url=${VO_ROSTER_URL:-http://127.0.0.1:5102}
notifications_url=${VO_NOTIFICATIONS_URL:-http://127.0.0.1:5103}
gateway_url=${VO_GATEWAY_URL:-http://127.0.0.1:8080}
smtp_port=${VO_SMTP_PORT:-2525}
logs="$root/artifacts/logs"
mail="$root/artifacts/mail"
mkdir -p "$logs" "$mail"


postgres=$(bash deploy/local-infra/local-postgres.sh | tail -n 1)
rabbitmq=$(bash deploy/local-infra/local-rabbitmq.sh | tail -n 1)
dotnet build services/Shifts/VolunteerOps.Shifts -c Release -nologo -v quiet
dotnet build services/Roster/VolunteerOps.Roster -c Release -nologo -v quiet
dotnet build services/Notifications/VolunteerOps.Notifications -c Release -nologo -v quiet
dotnet build gateway/VolunteerOps.Gateway -c Release -nologo -v quiet
bash deploy/local-infra/smtp-sink.sh ensure

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM

# start <name> <project dir> <url>: runs a built service in the background with the demo settings.
start() {
  local bin="$root/$2/bin/Release/net10.0"
  ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__Postgres="$postgres" \
  ReverseProxy__Clusters__shifts__Destinations__primary__Address="$shifts_url" \
  ReverseProxy__Clusters__roster__Destinations__primary__Address="$roster_url" \
  ReverseProxy__Clusters__notifications__Destinations__primary__Address="$notifications_url" \
  ConnectionStrings__RabbitMq="$rabbitmq" \
  Demo__Seed=true \
  Smtp__Port="$smtp_port" \
  Smtp__Security=None \
  Notifications__CoordinatorEmail=coordinators@pycon.example \
    dotnet "$bin/$(basename "$2").dll" --urls "$3" --contentRoot "$bin" >"$logs/$1.log" 2>&1 &
  pids+=($!)
}

wait_healthy() {
  for _ in $(seq 1 60); do
    # Our process must be the one answering (not a demo still running from before).
    kill -0 "$3" 2>/dev/null || break
    curl -sf "$2/health" >/dev/null && return 0
    sleep 1
  done
  echo "$1 did not become healthy; see $logs/$1.log" >&2
  tail -n 40 "$logs/$1.log" >&2
  exit 1
}

bash deploy/local-infra/smtp-sink.sh run "$smtp_port" "$mail" >"$logs/smtp-sink.log" 2>&1 &
pids+=($!)
start shifts services/Shifts/VolunteerOps.Shifts "$shifts_url"
start roster services/Roster/VolunteerOps.Roster "$roster_url"
start notifications services/Notifications/VolunteerOps.Notifications "$notifications_url"
wait_healthy shifts "$shifts_url" "${pids[1]}"
wait_healthy roster "$roster_url" "${pids[2]}"
wait_healthy notifications "$notifications_url" "${pids[3]}"
start gateway gateway/VolunteerOps.Gateway "$gateway_url"
wait_healthy gateway "$gateway_url" "${pids[4]}"

cat <<INFO

VolunteerOps is running (logs in $logs).
$(urls)
  Mail sent:       $mail/new (one file per message; SMTP sink on 127.0.0.1:$smtp_port)
  RabbitMQ UI:     http://127.0.0.1:15672 (volunteerops / volunteerops)
$(demo)

Ctrl-C stops the services, the gateway and the SMTP sink (databases keep running: deploy/local-infra/local-postgres.sh stop; local-rabbitmq.sh stop).
INFO
wait
