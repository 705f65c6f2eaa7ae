#!/usr/bin/env bash
# A private PostgreSQL cluster for the run command and benchmarks, without
# Docker: Debian's postgresql package, a data dir owned by this script,
# listening on 127.0.0.1 only. Idempotent: if it already runs, it only
# (re)ensures the role/database and prints the connection string.
#
#   local-postgres.sh [start]   start (default); stdout = Npgsql connection string
#   local-postgres.sh stop      fast shutdown
#   local-postgres.sh status    exit 0 if running
#
# Env: VO_PG_PORT (55432), VO_PG_DIR (/var/lib/volunteerops/pg as root),
#      VO_PG_OPTIONS (extra server options, e.g. "-c shared_buffers=1GB").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

cmd="${1:-start}"
PORT="${VO_PG_PORT:-55432}"
if [ "$(id -u)" = 0 ]; then
  DIR="${VO_PG_DIR:-/var/lib/volunteerops/pg}"
else
  DIR="${VO_PG_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/volunteerops/pg}"
fi
DATA="$DIR/data"
RUN="$DIR/run"            # private socket dir: no clash with a system cluster
LOGFILE="$DIR/postgresql.log"
DB=volunteerops ROLE=volunteerops PASSWORD=volunteerops

# Newest installed server (postgresql-client alone also creates .../bin, without pg_ctl).
pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/pg_ctl" ]; then echo "$d"; fi
  done | sort -V | tail -n 1
}

# The server must not run as root: as root, act as the postgres OS user.
if [ "$(id -u)" = 0 ]; then
  OWNER=(env HOME="$DIR" setpriv --reuid=postgres --regid=postgres --init-groups --)
else
  OWNER=()
fi
as_owner() { "${OWNER[@]}" "$@"; }

running() { [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }
# The port of a running server is line 4 of postmaster.pid (it may differ from
# VO_PG_PORT if the cluster was started earlier with another port).
running_port() { sed -n 4p "$DATA/postmaster.pid"; }
conn_string() { echo "Host=127.0.0.1;Port=$1;Database=$DB;Username=$ROLE;Password=$PASSWORD"; }

BIN="$(pg_bindir)"
if [ -z "$BIN" ]; then
  [ "$cmd" = start ] || { log "postgresql is not installed"; [ "$cmd" = stop ] && exit 0; exit 1; }
  [ "$(id -u)" = 0 ] || die "postgresql is not installed and installing it needs root"
  apt_install postgresql
  BIN="$(pg_bindir)"
  [ -n "$BIN" ] || die "postgresql installed but no /usr/lib/postgresql/*/bin found"
fi

case "$cmd" in
  status)
    if running; then log "running on port $(running_port) (data: $DATA)"; exit 0; fi
    log "not running (data: $DATA)"; exit 1 ;;
  stop)
    if running; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
    else
      log "not running"
    fi
    exit 0 ;;
  start) ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac

# Two concurrent starts must not both run initdb. fd 7 is closed for pg_ctl so
# the long-lived server does not keep holding the lock.
mkdir -p "$DIR"
exec 7>"$DIR/.lock"
flock -w 120 7 || die "timed out waiting for another local-postgres.sh"

if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi

if [ ! -s "$DATA/PG_VERSION" ]; then
  log "initdb $DATA ($("$BIN/postgres" --version))"
  rm -rf "$DATA"
  install -d -m 700 "$DATA"
  [ "$(id -u)" != 0 ] || chown postgres:postgres "$DATA"
  # Socket connections are trusted: the socket dir is mode 700, so only the
  # cluster's owner can reach it. TCP (127.0.0.1 only) needs a password.
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
elif [ "$(cat "$DATA/PG_VERSION")" != "$(basename "$(dirname "$BIN")")" ]; then
  die "$DATA holds PostgreSQL $(cat "$DATA/PG_VERSION") but $BIN is installed; remove $DIR to recreate"
fi

if running; then
  port="$(running_port)"
  [ "$port" = "$PORT" ] || log "note: already running on port $port (not VO_PG_PORT=$PORT); stop it first to change"
  log "already running on 127.0.0.1:$port"
else
  install -d -m 700 "$RUN"
  [ "$(id -u)" != 0 ] || chown postgres:postgres "$RUN"
  log "starting on 127.0.0.1:$PORT (log: $LOGFILE)"
  # setsid: the server gets its own session, so it outlives this script and a
  # CI step's process group. Settings are passed on every start so VO_PG_PORT
  # and VO_PG_OPTIONS take effect without editing postgresql.conf.
  if ! setsid -w "${OWNER[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 \
      -o "-c port=$PORT -c listen_addresses=127.0.0.1 -c max_connections=300 -c unix_socket_directories='$RUN' ${VO_PG_OPTIONS:-}" \
      start >/dev/null 7>&-; then
    tail -n 20 "$LOGFILE" >&2 || true
    die "PostgreSQL did not start (port $PORT in use?)"
  fi
  port="$PORT"
fi

# Role and database: ensured on every run (cheap), password reset to the known value.
as_owner "$BIN/psql" -h "$RUN" -p "$port" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN CREATE ROLE $ROLE; END IF;
END \$\$;
ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
SELECT 'CREATE DATABASE $DB OWNER $ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB') \gexec
SQL

conn_string "$port"
