#!/usr/bin/env bash
# A RabbitMQ broker for the run command and benchmarks: the locally built (or pulled) image in a
# container named volunteerops-rabbitmq, AMQP on 127.0.0.1:${VO_RABBIT_PORT:-5672} and the management
# UI on 127.0.0.1:${VO_RABBIT_UI_PORT:-15672}. A container rather than Debian's rabbitmq-server on the
# host, because the host's Erlang ports (4369, 25672) may belong to another broker.
#
#   local-rabbitmq.sh [start]   start (default); stdout = the AMQP URI
#   local-rabbitmq.sh stop      remove the container
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

name=volunteerops-rabbitmq
port=${VO_RABBIT_PORT:-5672}
ui_port=${VO_RABBIT_UI_PORT:-15672}
uri="amqp://volunteerops:volunteerops@127.0.0.1:$port/"

if [ "${1:-start}" = stop ]; then
  docker rm -f "$name" >/dev/null 2>&1 || true
  exit 0
fi

eval "$(bash "$here/ensure-docker.sh")"
bash "$here/build-images.sh" >&2
# shellcheck source=images.env
. "$here/images.env"
image=${VOLUNTEEROPS_RABBITMQ_IMAGE}

if [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" != true ]; then
  docker rm -f "$name" >/dev/null 2>&1 || true
  log "starting $image as $name on 127.0.0.1:$port"
  docker run -d --name "$name" -p "127.0.0.1:$port:5672" -p "127.0.0.1:$ui_port:15672" \
    -e RABBITMQ_DEFAULT_USER=volunteerops -e RABBITMQ_DEFAULT_PASS=volunteerops "$image" >/dev/null
fi

for _ in $(seq 1 60); do
  if docker logs "$name" 2>&1 | grep -q "Server startup complete"; then
    echo "$uri"
    exit 0
  fi
  sleep 1
done
die "RabbitMQ did not start; see: docker logs $name"
