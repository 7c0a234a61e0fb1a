#!/usr/bin/env bash
# `npm run db:check`: fail when the Drizzle schema has changes that no committed migration covers.
#
# Runs `drizzle-kit generate` against apps/server/drizzle.config.ts and compares the migrations
# directory before and after. Any new or changed file means someone changed the schema without
# running `npm run db:generate`: the diff is printed, the directory is put back as it was, and the
# script exits 1. The working tree is never left modified.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONFIG="${HAVEN_DRIZZLE_CONFIG:-apps/server/drizzle.config.ts}"
MIGRATIONS="${HAVEN_MIGRATIONS_DIR:-apps/server/migrations}"
DRIZZLE_KIT="${HAVEN_DRIZZLE_KIT:-npx --no-install drizzle-kit}"

if [[ ! -f $CONFIG ]]; then
  echo "db:check: $CONFIG not found" >&2
  exit 1
fi

snapshot="$(mktemp -d "${TMPDIR:-/tmp}/haven-migrations.XXXXXX")"
trap 'rm -rf "$snapshot"' EXIT

existed=0
if [[ -d $MIGRATIONS ]]; then
  existed=1
  cp -a "$MIGRATIONS" "$snapshot/before"
else
  mkdir -p "$snapshot/before"
fi

restore() {
  rm -rf "$MIGRATIONS"
  if [[ $existed == 1 ]]; then
    cp -a "$snapshot/before" "$MIGRATIONS"
  fi
}

# drizzle-kit may prompt (e.g. to tell a rename from a drop+add); with no terminal that must fail,
# not hang, so stdin is closed and the whole run is bounded.
set +e
# shellcheck disable=SC2086
timeout 300 $DRIZZLE_KIT generate --config "$CONFIG" </dev/null >"$snapshot/generate.log" 2>&1
rc=$?
set -e
if [[ $rc -ne 0 ]]; then
  cat "$snapshot/generate.log" >&2
  restore
  if [[ $rc -eq 124 ]]; then
    echo "db:check: drizzle-kit generate timed out (waiting for an answer to a prompt?)" >&2
  else
    echo "db:check: drizzle-kit generate failed (exit $rc)" >&2
  fi
  exit 1
fi

# drizzle-kit 0.31 exits 0 even when the schema cannot be loaded (a missing import, a syntax error):
# insist on one of its two success messages.
if ! grep -qE 'No schema changes, nothing to migrate|Your SQL migration file' "$snapshot/generate.log"; then
  cat "$snapshot/generate.log" >&2
  restore
  echo "db:check: drizzle-kit generate did not finish (see its output above)" >&2
  exit 1
fi

after="$MIGRATIONS"
mkdir -p "$snapshot/empty"
[[ -d $after ]] || after="$snapshot/empty"
if diff -rqN "$snapshot/before" "$after" >"$snapshot/changed.txt" 2>&1; then
  echo "db:check: migrations are up to date with the schema"
  exit 0
fi

# Collect the changed files (relative paths) and the SQL diff before putting the directory back.
changed="$(sed -E -e "s#^Files $snapshot/before/([^ ]+) and .*#\1#" "$snapshot/changed.txt")"
sql_diff="$(diff -ruN -x meta "$snapshot/before" "$after" || true)"
restore
{
  echo "db:check: the schema has changes that no migration covers."
  echo "drizzle-kit generate produced these new or changed files under $MIGRATIONS/:"
  printf '%s\n' "$changed" | sed 's/^/  /'
  echo
  echo "SQL it would add or change:"
  printf '%s\n' "$sql_diff" | sed -e "s#$snapshot/before/#a/#g" -e "s#$after/#b/#g"
  echo
  echo "Run \`npm run db:generate\`, review the new migration and commit it."
} >&2
exit 1
