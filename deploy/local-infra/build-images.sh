#!/usr/bin/env bash
# Makes sure the two infrastructure images named in images.env exist locally:
#   PostgreSQL 15 (Testcontainers PostgreSqlBuilder compatible) and RabbitMQ 3.
# No container registry is reachable on the build machines, so after a quick
# `docker pull` attempt the images are made from Debian packages: ONE
# debootstrap into a cached rootfs, imported twice with different entrypoints.
# Idempotent and cached: when both images exist (built by this same recipe)
# it does nothing.
#
# Env knobs: VO_ROOTFS_CACHE (rootfs cache dir), VO_DEBIAN_MIRROR (override the
# mirror read from apt's sources), VO_SKIP_PULL=1 (don't try the registry),
# VO_FORCE_REBUILD=1 (ignore the image cache; the rootfs cache is kept).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
# shellcheck source=images.env
. "$here/images.env"
PG_IMAGE="$VOLUNTEEROPS_POSTGRES_IMAGE"
RMQ_IMAGE="$VOLUNTEEROPS_RABBITMQ_IMAGE"

SUITE=bookworm                      # PostgreSQL 15 and RabbitMQ 3.10 are bookworm's versions
PACKAGES=postgresql-15,rabbitmq-server
ROOTFS_CACHE="${VO_ROOTFS_CACHE:-/var/cache/volunteerops/rootfs}"
# Any change to this script (entrypoints, packages, metadata) changes the
# recipe hash, which is stored as an image label: stale images get rebuilt.
RECIPE="$(sha256sum "$0" | cut -c1-16)"

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, docker)"

eval "$("$here/ensure-docker.sh")"   # engine up; DOCKER_API_VERSION pinned

image_ok() { # image exists and was made by this recipe (or pulled: label "pulled")
  local label
  label="$(docker image inspect --format '{{index .Config.Labels "org.volunteerops.recipe"}}' "$1" 2>/dev/null)" || return 1
  [ "$label" = "$RECIPE" ] || [ "$label" = pulled ]
}

if [ "${VO_FORCE_REBUILD:-0}" != 1 ] && image_ok "$PG_IMAGE" && image_ok "$RMQ_IMAGE"; then
  log "images present: $PG_IMAGE $RMQ_IMAGE (recipe $RECIPE)"
  exit 0
fi

# Concurrent runs (parallel CI steps) would debootstrap twice into the same dir.
# Taken after ensure-docker.sh so a dockerd started there can't inherit it.
exec 8>/run/lock/volunteerops-build-images.lock
flock -w 900 8 || die "timed out waiting for another build-images.sh"

# --- 1. registry (works only where one is reachable; fails in <1 s here) ----
need() { [ "${VO_FORCE_REBUILD:-0}" = 1 ] || ! image_ok "$1"; }
pull_and_tag() { # $1 upstream ref, $2 local name
  timeout 60 docker pull -q "$1" >/dev/null 2>&1 || return 1
  # Tag via a config-only commit so the image carries the cache label too.
  local cid
  cid="$(docker create "$1")"
  docker commit -c 'LABEL org.volunteerops.recipe=pulled' "$cid" "$2" >/dev/null
  docker rm "$cid" >/dev/null
  log "pulled $1 as $2"
}
# Another run may have finished the images while we waited for the lock.
if ! need "$PG_IMAGE" && ! need "$RMQ_IMAGE"; then
  log "images present: $PG_IMAGE $RMQ_IMAGE"; exit 0
fi
# Stop asking the registry as soon as it fails once.
registry=1; [ "${VO_SKIP_PULL:-0}" != 1 ] || registry=0
pulled_pg=0; pulled_rmq=0
if [ "$registry" = 1 ] && need "$PG_IMAGE"; then
  if pull_and_tag postgres:15-bookworm "$PG_IMAGE"; then pulled_pg=1
  else registry=0; log "registry not reachable: building from Debian packages"; fi
fi
if [ "$registry" = 1 ] && need "$RMQ_IMAGE"; then
  if pull_and_tag rabbitmq:3-management "$RMQ_IMAGE"; then pulled_rmq=1; fi
fi
build_pg=0; build_rmq=0
if [ "$pulled_pg" = 0 ] && need "$PG_IMAGE"; then build_pg=1; fi
if [ "$pulled_rmq" = 0 ] && need "$RMQ_IMAGE"; then build_rmq=1; fi
if [ "$build_pg" = 0 ] && [ "$build_rmq" = 0 ]; then exit 0; fi

# --- 2. one shared rootfs from the Debian mirror apt already uses -----------
debian_mirror() {
  if [ -n "${VO_DEBIAN_MIRROR:-}" ]; then echo "$VO_DEBIAN_MIRROR"; return; fi
  local host_codename files
  host_codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  files="$(ls /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
  [ -n "$files" ] || return 1
  # Emits "URI SUITE" pairs from one-line (.list) and deb822 (.sources) files,
  # then prefers an entry for $SUITE, else the host's main (non-security) suite.
  # shellcheck disable=SC2086
  awk '
    FNR == 1 { flush(); deb822 = (FILENAME ~ /\.sources$/) }
    function flush(   i, j, nu, ns, u, s) {
      if (types ~ /(^| )deb( |$)/ && enabled != "no") {
        nu = split(uris, u, " "); ns = split(suites, s, " ")
        for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]
      }
      types = ""; uris = ""; suites = ""; enabled = ""
    }
    /^[[:space:]]*#/ { next }
    deb822 && /^[[:space:]]*$/ { flush(); next }
    deb822 {
      key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
      if (key == "types") types = $0; else if (key == "uris") uris = $0
      else if (key == "suites") suites = $0; else if (key == "enabled") enabled = $0
      next
    }
    $1 == "deb" {
      i = 2
      if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
      print $i, $(i + 1)
    }
    END { flush() }
  ' $files | awk -v want="$SUITE" -v host="$host_codename" '
    $2 == want && !first { first = $1 }
    $2 == host && $1 !~ /security/ && !fallback { fallback = $1 }
    END { if (first) print first; else if (fallback) print fallback; else exit 1 }
  '
}

rootfs="$ROOTFS_CACHE/$SUITE-$(echo "$PACKAGES" | sha256sum | cut -c1-12)"
if [ ! -f "$rootfs/.volunteerops-complete" ]; then
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  mirror="$(debian_mirror)" || die "no Debian mirror found in /etc/apt/sources.list*; set VO_DEBIAN_MIRROR"
  tmp="$rootfs.tmp"
  # A failed earlier run may have left proc/sys mounted inside the target.
  if [ -d "$tmp" ]; then
    grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l || true
    rm -rf "$tmp"
  fi
  mkdir -p "$ROOTFS_CACHE"
  dlog="$ROOTFS_CACHE/debootstrap.log"
  log "debootstrap $SUITE from $mirror (+$PACKAGES), about 1 minute; log: $dlog"
  # debootstrap installs its own policy-rc.d + fake start-stop-daemon while it
  # configures packages, so no rabbitmq/epmd is started on the host.
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$tmp" "$mirror" >"$dlog" 2>&1 \
    || { tail -n 40 "$dlog" "$tmp/debootstrap/debootstrap.log" >&2 2>/dev/null || true; die "debootstrap failed"; }
  # postgresql-common's postinst creates a "main" cluster we never use.
  rm -rf "$tmp"/var/lib/postgresql/15/main "$tmp"/etc/postgresql/15/main
  # Package lists/caches only bloat the images.
  rm -rf "$tmp"/var/cache/apt/*.bin "$tmp"/var/cache/apt/archives/*.deb "$tmp"/var/lib/apt/lists/*
  touch "$tmp/.volunteerops-complete"
  mv "$tmp" "$rootfs"
else
  log "using cached rootfs $rootfs"
fi

# --- 3. entrypoints, baked into the rootfs right before import --------------
# PostgreSQL: a subset of the official image's docker-entrypoint.sh contract
# (POSTGRES_USER/PASSWORD/DB, POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD,
# /docker-entrypoint-initdb.d, args starting with "-" are postgres options).
# It must be named docker-entrypoint.sh on PATH: Testcontainers' TLS mode
# wraps it with `exec docker-entrypoint.sh "$@"`.
install -d "$rootfs/usr/local/bin"
cat > "$rootfs/usr/local/bin/docker-entrypoint.sh" <<'PGEOF'
#!/bin/sh
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

# Testcontainers passes only options (-c fsync=off ...): run them with postgres.
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
# Anything else (bash, psql ...) just runs.
[ "$1" = postgres ] || exec "$@"
shift

if [ "$(id -u)" = 0 ]; then
  as_pg() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 2775 /var/run/postgresql
else
  as_pg() { "$@"; }
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user="${POSTGRES_USER:-postgres}"
  db="${POSTGRES_DB:-$user}"
  method="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$method" != trust ]; then
    echo "error: POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  pwfile="$(mktemp)"
  printf '%s\n' "${POSTGRES_PASSWORD:-}" > "$pwfile"
  chown postgres "$pwfile" 2>/dev/null || true
  # Local (socket) connections are trusted as in the official image: the
  # `docker exec psql` of Testcontainers' ExecScriptAsync relies on it.
  # shellcheck disable=SC2086
  as_pg initdb -D "$PGDATA" --username="$user" --pwfile="$pwfile" \
    --auth-local=trust --auth-host="$method" --encoding=UTF8 --locale=C.UTF-8 \
    ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  printf 'host all all 0.0.0.0/0 %s\nhost all all ::/0 %s\n' "$method" "$method" >> "$PGDATA/pg_hba.conf"

  if [ "$db" != postgres ]; then
    dbq="$(printf '%s' "$db" | sed 's/"/""/g')"
    out="$(echo "CREATE DATABASE \"$dbq\"" | as_pg postgres --single -D "$PGDATA" postgres 2>&1)" || { echo "$out" >&2; exit 1; }
    case "$out" in *ERROR:*) echo "$out" >&2; exit 1 ;; esac
  fi

  # Init scripts run against a socket-only server, so pg_isready --host
  # localhost (the Testcontainers wait) stays false until they are done.
  if [ -d /docker-entrypoint-initdb.d ] && [ -n "$(ls -A /docker-entrypoint-initdb.d 2>/dev/null)" ]; then
    as_pg pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    for f in /docker-entrypoint-initdb.d/*; do
      case "$f" in
        *.sh)     echo "running $f"; . "$f" ;;
        *.sql)    echo "running $f"; psql -v ON_ERROR_STOP=1 -U "$user" -d "$db" -q -f "$f" ;;
        *.sql.gz) echo "running $f"; gzip -dc "$f" | psql -v ON_ERROR_STOP=1 -U "$user" -d "$db" -q ;;
        *)        echo "ignoring $f" ;;
      esac
    done
    as_pg pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  fi
  echo "PostgreSQL init process complete; ready for start up."
fi

# `docker import` cannot set STOPSIGNAL, and postgres treats the default
# SIGTERM as a "smart" shutdown that waits for every client (docker stop then
# takes 10 s and ends in SIGKILL). So stay PID 1 and turn TERM into INT (fast
# shutdown), as the official image's STOPSIGNAL SIGINT does.
# (not via the as_pg function: that would fork a subshell, and $! must be postgres)
if [ "$(id -u)" = 0 ]; then
  setpriv --reuid=postgres --regid=postgres --init-groups -- postgres -D "$PGDATA" -c listen_addresses='*' "$@" &
else
  postgres -D "$PGDATA" -c listen_addresses='*' "$@" &
fi
pid=$!
trap 'kill -INT "$pid" 2>/dev/null || true' TERM INT
while :; do
  wait "$pid" && status=0 || status=$?
  kill -0 "$pid" 2>/dev/null || break
done
exit "$status"
PGEOF
chmod 755 "$rootfs/usr/local/bin/docker-entrypoint.sh"

# RabbitMQ: Debian's /usr/sbin/rabbitmq-server wrapper runs the broker under
# `su` with a plain sh as PID 1, which ignores docker stop's SIGTERM. Instead
# exec the real server script as user rabbitmq: it traps TERM and stops the
# broker cleanly. RABBITMQ_DEFAULT_USER/PASS are read by the broker itself.
cat > "$rootfs/usr/local/bin/rabbitmq-entrypoint.sh" <<'RMQEOF'
#!/bin/sh
set -eu
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then set -- rabbitmq-server "$@"; fi
[ "$1" = rabbitmq-server ] || exec "$@"
shift
# The Erlang cookie lives in $HOME; rabbitmqctl (via Debian's su wrapper) finds it there too.
export HOME=/var/lib/rabbitmq
cd "$HOME"
if [ "$(id -u)" = 0 ]; then
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /var/log/rabbitmq
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups -- /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
fi
exec /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
RMQEOF
chmod 755 "$rootfs/usr/local/bin/rabbitmq-entrypoint.sh"
# Management plugin on (Debian ships it, UI/API on 15672).
echo '[rabbitmq_management].' > "$rootfs/etc/rabbitmq/enabled_plugins"

# --- 4. import twice --------------------------------------------------------
import_image() { # $1 name, then --change instructions
  local name="$1"; shift
  local changes=() c
  for c in "$@" "LABEL org.volunteerops.recipe=$RECIPE"; do changes+=(-c "$c"); done
  local old_id
  old_id="$(docker image inspect --format '{{.Id}}' "$name" 2>/dev/null || true)"
  log "importing $name"
  # proc/sys/dev are provided by the runtime; the marker file is ours.
  local excl=() e
  for e in "${EXCLUDE_COMMON[@]}" "${EXCLUDE[@]}"; do excl+=(--exclude="./$e"); done
  tar -C "$rootfs" --numeric-owner "${excl[@]}" -cf - . \
    | docker import "${changes[@]}" - "$name" >/dev/null
  # Don't leave the replaced image behind as a dangling 0.5 GB layer (it stays
  # if a container still uses it).
  if [ -n "$old_id" ] && [ "$old_id" != "$(docker image inspect --format '{{.Id}}' "$name")" ]; then
    docker rmi "$old_id" >/dev/null 2>&1 || true
  fi
}

# Excluded from both images: provided by the runtime (proc/sys/dev), our
# marker, and docs/locales nobody reads in a test container (~95 MB).
EXCLUDE_COMMON=(proc/* sys/* dev/* .volunteerops-complete usr/share/doc/* usr/share/man/*
  usr/share/info/* usr/share/locale/* usr/share/i18n/*)
# Each image also drops the other service's runtime (~60-130 MB each).
EXCLUDE=(usr/lib/erlang usr/lib/rabbitmq usr/lib/python3.11 usr/lib/python3)
pgpath=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
[ "$build_pg" = 0 ] || import_image "$PG_IMAGE" \
  "ENV PATH=$pgpath" "ENV LANG=C.UTF-8" "ENV PGDATA=/var/lib/postgresql/data" \
  'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]' \
  'EXPOSE 5432'
# PostgreSQL's JIT needs LLVM; RabbitMQ does not.
EXCLUDE=(usr/lib/postgresql usr/share/postgresql usr/lib/x86_64-linux-gnu/libLLVM-14.so*
  usr/lib/x86_64-linux-gnu/libz3.so*)
# Only 5672/15672 are exposed: epmd (4369) and distribution (25672) stay
# inside the container and are never published on the host.
[ "$build_rmq" = 0 ] || import_image "$RMQ_IMAGE" \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'ENV LANG=C.UTF-8' \
  'ENV RABBITMQ_LOGS=-' 'ENTRYPOINT ["rabbitmq-entrypoint.sh"]' 'CMD ["rabbitmq-server"]' \
  'EXPOSE 5672 15672'

log "images ready: $PG_IMAGE $RMQ_IMAGE (recipe $RECIPE)"
