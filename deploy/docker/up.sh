#!/usr/bin/env bash
# Brings the docker-compose stack up and waits until every container is healthy: the base images first
# (official ones, or made on this machine where no registry answers: build-local-images.sh), then our four
# images (`compose build`, cached), then `compose up -d`. The same as `up -d --build`, in two steps so that
# the times printed at the end separate building from starting.
# Env knobs: COMPOSE_PROJECT_NAME (volunteerops), the VO_* ports and images of docker-compose.yml (a
# VO_*_IMAGE already set is used as it is), VO_UP_TIMEOUT (seconds to wait for health, 300).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=../local-infra/lib.sh
. deploy/local-infra/lib.sh
# shellcheck source=lib.sh
. deploy/docker/lib.sh
log() { printf '[docker] %s\n' "$*" >&2; }

eval "$(bash deploy/local-infra/ensure-docker.sh)"
eval "$(bash deploy/docker/build-local-images.sh)"

build_log="$root/artifacts/logs/compose-build.log"
mkdir -p "$(dirname "$build_log")"
t0=$SECONDS
log "building the images (log: $build_log)"
compose build >"$build_log" 2>&1 || { tail -n 60 "$build_log" >&2; die "compose build failed"; }
t1=$SECONDS
log "starting $COMPOSE_PROJECT_NAME"
# docker-compose 1.29 waits here for each dependency to be healthy and fails if one turns unhealthy.
compose up -d >&2 || { compose ps >&2; compose logs --tail=40 >&2; die "compose up failed"; }

# The gateway (last in the start order) is not waited for by `up`; wait for every container.
deadline=$((SECONDS + ${VO_UP_TIMEOUT:-300}))
while :; do
  # name, state, health (every service has a healthcheck)
  states="$(compose ps -q | xargs docker inspect --format '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}')"
  pending="$(grep -v ' running healthy$' <<<"$states" || true)"
  [ -n "$pending" ] || break
  if grep -q -E ' (exited|dead|running unhealthy)' <<<"$pending" || [ "$SECONDS" -ge "$deadline" ]; then
    echo "$states" >&2
    compose logs --tail=40 >&2
    die "the stack did not become healthy"
  fi
  sleep 1
done
log "healthy: build $((t1 - t0)) s, up to healthy $((SECONDS - t1)) s"
