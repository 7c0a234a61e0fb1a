#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for tests.
#
#   scripts/pg-test-server.sh start    initdb a fresh cluster, start it on a free loopback port,
#                                      print its URL (postgres://postgres@127.0.0.1:PORT/postgres)
#   scripts/pg-test-server.sh stop     stop it and remove its data
#   scripts/pg-test-server.sh status   print the URL and exit 0 if running; exit 3 if not
#
# State lives in .tmp/pg/ of the repository: url (the URL), dir (the data directory), logpath,
# sockdir (Unix socket directory), owner. The data directory is .tmp/pg/data unless the
# `postgres` OS user cannot reach it (when running as root and /work is not traversable), in which
# case it is a mktemp directory under /tmp, recorded in .tmp/pg/dir.
#
# As root (CI), initdb and the server run as the `postgres` OS user; as a normal user, as that user.
# Settings: HAVEN_PG_PORT (first port to try, default 54329), HAVEN_PG_BIN (default
# /usr/lib/postgresql/15/bin), HAVEN_PG_OWNER_PID (see below).
#
# One server per checkout. It belongs to an owner process: HAVEN_PG_OWNER_PID (scripts/test.sh
# passes its own PID), else the process that called this script. `start` replaces a server left
# behind by an owner that is gone (or by the same owner), but refuses to touch one whose owner is
# still running, e.g. a second `npm test` in the same checkout; `stop` likewise, unless `--force`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.tmp/pg"
PG_BIN="${HAVEN_PG_BIN:-/usr/lib/postgresql/15/bin}"
FIRST_PORT="${HAVEN_PG_PORT:-54329}"
PORT_TRIES=40

OWNER="${HAVEN_PG_OWNER_PID:-$PPID}"

log() { echo "pg-test-server: $*" >&2; }
die() { log "$*"; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# Run a command as the user that owns the cluster.
as_pg() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

read_state() {
  # Sets DATA, SOCKDIR, TMPBASE, LOGFILE from .tmp/pg (empty when absent).
  DATA="$(cat "$STATE/dir" 2>/dev/null || true)"
  SOCKDIR="$(cat "$STATE/sockdir" 2>/dev/null || true)"
  TMPBASE="$(cat "$STATE/tmpbase" 2>/dev/null || true)"
  LOGFILE="$(cat "$STATE/logpath" 2>/dev/null || true)"
}

running() {
  [[ -n ${DATA:-} && -f $DATA/postmaster.pid ]] && as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

# Serialize start/stop between processes sharing this checkout. Every command started while the
# lock is held gets `9>&-`: a postmaster that inherited fd 9 would hold the lock for its lifetime.
take_lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 120 9 || die "timed out waiting for another pg-test-server.sh in this checkout"
}

# True when the recorded server belongs to another process that is still alive.
owned_by_other_live_process() {
  local owner
  owner="$(cat "$STATE/owner" 2>/dev/null || true)"
  [[ -n $owner && $owner != "$OWNER" ]] && kill -0 "$owner" 2>/dev/null
}

describe_owner() {
  local owner
  owner="$(cat "$STATE/owner" 2>/dev/null || true)"
  echo "pid $owner ($(ps -o args= -p "$owner" 2>/dev/null | cut -c1-80))"
}

cmd_stop() {
  read_state
  if [[ -n $DATA && -d $DATA ]]; then
    if running; then
      as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 9>&- ||
        as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 9>&- || true
    fi
  fi
  # Keep the server log (it is small) next to the state for a post-mortem.
  if [[ -n $LOGFILE && -f $LOGFILE && $LOGFILE != "$STATE/postgres.log" ]]; then
    cp "$LOGFILE" "$STATE/postgres.log" 2>/dev/null || true
  fi
  [[ -n $DATA ]] && rm -rf "$DATA"
  [[ -n $TMPBASE && $TMPBASE == /tmp/* ]] && rm -rf "$TMPBASE"
  [[ -n $SOCKDIR && $SOCKDIR == /tmp/* ]] && rm -rf "$SOCKDIR"
  rm -f "$STATE/url" "$STATE/dir" "$STATE/sockdir" "$STATE/tmpbase" "$STATE/logpath" "$STATE/owner"
}

cmd_status() {
  read_state
  if running && [[ -f $STATE/url ]]; then
    cat "$STATE/url"
    return 0
  fi
  echo "not running" >&2
  return 3
}

cmd_start() {
  for b in initdb pg_ctl postgres pg_isready; do
    [[ -x $PG_BIN/$b ]] || die "$PG_BIN/$b not found: run scripts/ensure-system-deps.sh --pg-only"
  done
  if is_root; then
    getent passwd postgres >/dev/null || die "running as root but there is no 'postgres' OS user"
  fi

  take_lock
  read_state
  if running && owned_by_other_live_process; then
    die "a test PostgreSQL of another run is using this checkout: $(cat "$STATE/url" 2>/dev/null), started for $(describe_owner). Wait for it, or stop it with: bash scripts/pg-test-server.sh stop --force"
  fi
  # A previous run that was not stopped: stop it and wipe it.
  cmd_stop
  mkdir -p "$STATE"
  echo "$OWNER" >"$STATE/owner"
  chmod 755 "$ROOT/.tmp" "$STATE" 2>/dev/null || true

  # Where the data goes: .tmp/pg/data, unless the postgres user cannot get there.
  local base="$STATE"
  TMPBASE=""
  if is_root && ! runuser -u postgres -- test -x "$STATE" 2>/dev/null; then
    TMPBASE="$(mktemp -d /tmp/haven-pg.XXXXXX)"
    base="$TMPBASE"
    chmod 700 "$TMPBASE"
    chown postgres: "$TMPBASE"
    echo "$TMPBASE" >"$STATE/tmpbase"
  fi
  DATA="$base/data"
  LOGFILE="$base/postgres.log"
  rm -rf "$DATA"
  mkdir -p "$DATA"
  chmod 700 "$DATA"
  : >"$LOGFILE"
  # The Unix socket path must stay short (< 108 bytes), so it lives under /tmp.
  SOCKDIR="$(mktemp -d /tmp/haven-pgsock.XXXXXX)"
  if is_root; then
    chown postgres: "$DATA" "$LOGFILE" "$SOCKDIR"
  fi
  echo "$DATA" >"$STATE/dir"
  echo "$SOCKDIR" >"$STATE/sockdir"
  echo "$LOGFILE" >"$STATE/logpath"

  if ! as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$STATE/initdb.log" 2>&1 9>&-; then
    cat "$STATE/initdb.log" >&2
    die "initdb failed"
  fi

  local port="$FIRST_PORT" tries=0 started=0
  while ((tries < PORT_TRIES)); do
    tries=$((tries + 1))
    if port_busy "$port"; then
      port=$((port + 1))
      continue
    fi
    if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 \
      -o "-p $port -k $SOCKDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1 9>&-; then
      started=1
      break
    fi
    # Lost a race for the port (or it is held without listening): try the next one.
    if grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets' "$LOGFILE"; then
      port=$((port + 1))
      continue
    fi
    tail -n 30 "$LOGFILE" >&2
    die "pg_ctl start failed (log: $LOGFILE)"
  done
  ((started)) || die "no free port in $FIRST_PORT..$((FIRST_PORT + PORT_TRIES - 1))"

  # pg_ctl -w waits for the postmaster; also wait until it accepts connections over TCP.
  local i
  for ((i = 0; i < 150; i++)); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then
      break
    fi
    sleep 0.2
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres ||
    { tail -n 30 "$LOGFILE" >&2; die "server did not become ready on port $port"; }

  local url="postgres://postgres@127.0.0.1:$port/postgres"
  echo "$url" >"$STATE/url"
  echo "$url"
}

case "${1:-}" in
  start) cmd_start ;;
  stop)
    take_lock
    read_state
    if [[ ${2:-} != --force ]] && running && owned_by_other_live_process; then
      die "not stopping the test PostgreSQL of another run (started for $(describe_owner)); use: bash scripts/pg-test-server.sh stop --force"
    fi
    cmd_stop
    ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 start | stop [--force] | status" >&2
    exit 2
    ;;
esac
