# Shared helpers for the local-infra scripts. Source it; do not run it.
# shellcheck shell=bash

log() { printf '[local-infra] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# apt-get update costs ~10-30 s: do it at most once per run of any of these
# scripts (the stamp is shared between them through the environment) and only
# when something actually has to be installed.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "${VO_APT_UPDATED:-0}" != 1 ]; then
    log "apt-get update"
    apt-get update -qq >&2
    export VO_APT_UPDATED=1
  fi
  log "apt-get install $*"
  apt-get install -y -qq --no-install-recommends "$@" >&2
}
