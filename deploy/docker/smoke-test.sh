#!/usr/bin/env bash
# The containers' done criterion, end to end through the gateway: brings the compose stack up (its own
# project and alternate host ports, so it runs beside a demo), checks the aggregated health, lets Ada claim
# the keynote chair (201), then waits for the confirmation in her inbox and for the mail to her in the SMTP
# sink. Tears the stack down with its volumes at the end (images are kept) unless asked to keep it.
# Exit 0 only when all of it held.
# Env knobs: VO_SMOKE_KEEP=1 (leave the stack running), COMPOSE_PROJECT_NAME (volunteerops-smoke),
# VO_GATEWAY_PORT (18080), VO_RABBITMQ_UI_PORT (15673), VO_MAIL_UI_PORT (18025), and the rest of up.sh's.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-volunteerops-smoke}"
export VO_GATEWAY_PORT="${VO_GATEWAY_PORT:-18080}" VO_RABBITMQ_UI_PORT="${VO_RABBITMQ_UI_PORT:-15673}" \
  VO_MAIL_UI_PORT="${VO_MAIL_UI_PORT:-18025}"
# shellcheck source=../local-infra/lib.sh
. deploy/local-infra/lib.sh
# shellcheck source=lib.sh
. deploy/docker/lib.sh
log() { printf '[smoke] %s\n' "$*" >&2; }
command -v curl >/dev/null || apt_install curl
command -v openssl >/dev/null || apt_install openssl # deploy/dev-token.sh

gateway="http://127.0.0.1:$VO_GATEWAY_PORT"
ada=0193f2a0-0000-7000-8000-00000000a001
chair=0193f2a0-0000-7000-8001-000000000006

if [ "${VO_SMOKE_KEEP:-0}" != 1 ]; then
  trap 'log "tearing down $COMPOSE_PROJECT_NAME"; compose down -v --remove-orphans >/dev/null 2>&1 || true' EXIT
fi
bash deploy/docker/up.sh

# within <seconds> <what> <command...>: retries the command once a second until it succeeds.
within() {
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@"; then log "ok: $what"; return 0; fi
    sleep 1
  done
  die "not within $seconds s: $what"
}

healthy() { curl -sf "$gateway/health" | grep -q '"Healthy"'; }
within 10 "gateway /health is Healthy (every service, database and broker)" healthy

token="$(bash deploy/dev-token.sh "$ada" volunteer)"
# Shifts learns of Ada from Roster's events (RabbitMQ): until then her claim is 422 unknown-volunteer.
claim() {
  local answer status
  answer="$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $token" "$gateway/api/shifts/$chair/claims")"
  status="${answer##*$'\n'}"
  [ "$status" = 201 ] && return 0
  log "claim answered $status: $(head -c 300 <<<"${answer%$'\n'*}")"
  case "$status" in 422 | 429 | 503) return 1 ;; *) die "claim answered $status" ;; esac
}
within 60 "Ada claims the keynote chair (201)" claim

confirmed() {
  curl -sf -H "Authorization: Bearer $token" "$gateway/api/notifications" | grep -q '"claim-confirmed"'
}
within 30 "the confirmation is in Ada's inbox (GET /api/notifications)" confirmed

# Mailpit answers on its API; the local sink keeps a Maildir.
mailed() {
  if sink_keeps_files; then
    compose exec -T smtp sh -c 'grep -l "^To: .*ada@example.org" /var/mail/new/* 2>/dev/null' | grep -q .
  else
    curl -sf "http://127.0.0.1:$VO_MAIL_UI_PORT/api/v1/search?query=to:ada@example.org" | grep -q -v '"messages_count":0'
  fi
}
within 60 "a mail to ada@example.org is in the SMTP sink" mailed

log "passed"
