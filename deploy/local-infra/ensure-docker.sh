#!/usr/bin/env bash
# Makes a Docker engine available on this machine (Debian 12, root, maybe no
# init system). Idempotent: if `docker info` already works it changes nothing.
#
# stdout carries only `export ...` lines (all messages go to stderr), so callers
# can pick up the settings Testcontainers needs with:
#   eval "$(deploy/local-infra/ensure-docker.sh)"
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

[ "$(id -u)" = 0 ] || die "must run as root (installs packages, starts dockerd)"

# Two scripts (e.g. two test runs) must not install/start dockerd at once.
exec 9>/run/lock/volunteerops-ensure-docker.lock
flock -w 300 9 || die "timed out waiting for another ensure-docker.sh"

# A newer docker CLI may sit at /usr/local/bin/docker ahead of Debian's
# /usr/bin/docker. The CLI negotiates the API version down on its own, so
# either talks to engine 20.10; DOCKER_API_VERSION is pinned below for clients
# that do not negotiate (Testcontainers/Docker.DotNet asks for 1.44 otherwise).
engine_up() { timeout 20 docker info >/dev/null 2>&1; }

if ! engine_up; then
  if ! command -v dockerd >/dev/null 2>&1; then
    # docker.io = Debian's engine 20.10 (pulls in containerd, runc, iptables).
    apt_install docker.io
  fi

  # The package's postinst may already have started it through an init script.
  if ! engine_up; then
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
      log "starting docker via systemd"
      systemctl start docker >&2
    elif pgrep -x dockerd >/dev/null 2>&1; then
      log "dockerd is already running but not answering yet; waiting"
    else
      # No init system (container-like machine): run dockerd ourselves, in its
      # own session so it outlives this script and the caller's job control.
      # fd 9 (our lock) must not leak into the daemon, or it holds the lock forever.
      log "starting dockerd in the background (log: /var/log/dockerd.log)"
      setsid nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null 9>&- &
    fi
    for _ in $(seq 1 60); do
      engine_up && break
      sleep 1
    done
    engine_up || { tail -n 30 /var/log/dockerd.log >&2 2>/dev/null || true; die "docker engine did not come up within 60 s"; }
  fi
fi

server_api="$(docker version --format '{{.Server.APIVersion}}' 2>/dev/null || true)"
[ -n "$server_api" ] || die "docker engine answers 'info' but not 'version'"
log "docker engine ready: $(docker version --format '{{.Server.Version}}') (API $server_api), client $(command -v docker)"

# Pin clients to the engine's own API version (1.41 for Debian's 20.10).
# Testcontainers: no reachable registry for the Ryuk reaper image, and keep
# every connection string on loopback instead of the bridge address.
echo "export DOCKER_API_VERSION=$server_api"
echo "export TESTCONTAINERS_RYUK_DISABLED=true"
echo "export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"
