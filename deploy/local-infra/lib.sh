# Shared helpers for the local-infra scripts. Source it; do not run it.
# shellcheck shell=bash

# Locks and stamps live here; it exists on Debian, but be sure.
mkdir -p /run/lock 2>/dev/null || true

log() { printf '[local-infra] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# apt-get update costs 10-30 s: run it at most once an hour across all these
# scripts (they call each other as subprocesses, so a stamp file, not a
# variable), and only when something actually has to be installed. dpkg's
# chatter goes to a log that is shown only on failure.
APT_STAMP=/run/lock/volunteerops-apt-updated
APT_LOG=/var/log/volunteerops-apt.log
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "$(find "$APT_STAMP" -mmin -60 2>/dev/null)" ]; then
    log "apt-get update"
    apt-get update -qq >>"$APT_LOG" 2>&1 || { tail -n 20 "$APT_LOG" >&2; die "apt-get update failed"; }
    touch "$APT_STAMP"
  fi
  log "apt-get install $* (log: $APT_LOG)"
  apt-get install -y -qq --no-install-recommends "$@" >>"$APT_LOG" 2>&1 \
    || { tail -n 20 "$APT_LOG" >&2; die "apt-get install $* failed"; }
}
