# Shared by the scripts in deploy/docker. Source it after deploy/local-infra/lib.sh, from the repository root
# (where docker-compose.yml is; COMPOSE_FILE, honoured by both CLIs, can add files).
# shellcheck shell=bash

# The same project whatever the checkout's directory is called.
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-volunteerops}"

# compose <args...>: `docker compose` (v2) where the plugin exists, else Debian's docker-compose 1.29,
# installed when neither is there.
compose() {
  if [ -z "${COMPOSE_CLI:-}" ]; then
    if docker compose version >/dev/null 2>&1; then COMPOSE_CLI="docker compose"
    else
      command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
      COMPOSE_CLI=docker-compose
    fi
  fi
  # shellcheck disable=SC2086 # two words for v2
  $COMPOSE_CLI "$@"
}

# sink_keeps_files: true when the stack's SMTP sink is the local one (a Maildir, /var/mail/new), false for Mailpit.
sink_keeps_files() { compose exec -T smtp test -d /var/mail/new 2>/dev/null; }
