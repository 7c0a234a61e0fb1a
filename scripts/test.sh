#!/usr/bin/env bash
# `npm test`: every check Haven's CI runs, in order, stopping at the first failure.
#
#   typecheck             npm run typecheck
#   lint                  npm run lint
#   db:check              npm run db:check (the schema has no changes without a migration)
#   unit                  vitest project `unit`
#   integration-pglite    vitest project `integration-pglite`
#   integration-postgres  vitest project `integration-postgres` (against a throwaway PostgreSQL 15)
#   e2e                   npm run test:e2e (builds the web app, then vitest project `e2e` in Chromium)
#
# HAVEN_TEST_STEPS="unit integration-pglite" runs only those steps (in the order above).
# The throwaway PostgreSQL is started only when integration-postgres runs, and always stopped.
# The last line is a summary in the form `summary: N passed, N failed, N skipped` (tests counted by
# vitest; a failing step that is not a vitest run counts as one failure).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ALL_STEPS=(typecheck lint db:check unit integration-pglite integration-postgres e2e)

# --- which steps -----------------------------------------------------------------------------
declare -A wanted=()
if [[ -n ${HAVEN_TEST_STEPS:-} ]]; then
  for s in $HAVEN_TEST_STEPS; do
    [[ $s == db-check ]] && s=db:check
    known=0
    for a in "${ALL_STEPS[@]}"; do [[ $a == "$s" ]] && known=1; done
    if [[ $known == 0 ]]; then
      echo "test.sh: unknown step '$s' in HAVEN_TEST_STEPS (known: ${ALL_STEPS[*]})" >&2
      exit 2
    fi
    wanted[$s]=1
  done
else
  for a in "${ALL_STEPS[@]}"; do wanted[$a]=1; done
fi
STEPS=()
for a in "${ALL_STEPS[@]}"; do [[ -n ${wanted[$a]:-} ]] && STEPS+=("$a"); done

# --- output helpers --------------------------------------------------------------------------
RESULTS="$ROOT/.tmp/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

passed=0
failed=0
skipped=0

fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

header() {
  echo
  echo "================================================================================"
  echo "==> [$1/${#STEPS[@]}] $2"
  echo "    \$ $3"
  echo "================================================================================"
}

# Adds a vitest JSON report's counts to the totals; sets STEP_FAILED to how many tests failed in it.
count_report() {
  local file="$1"
  STEP_FAILED=0
  [[ -f $file ]] || return 0
  local counts
  counts="$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const n = (k) => Number(r[k] ?? 0);
    console.log(n("numPassedTests"), n("numFailedTests"), n("numPendingTests") + n("numTodoTests"));
  ' "$file" 2>/dev/null || echo "0 0 0")"
  local p f s
  read -r p f s <<<"$counts"
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  STEP_FAILED=$f
}

summary() {
  echo "summary: $passed passed, $failed failed, $skipped skipped"
}

# --- clean-up --------------------------------------------------------------------------------
PG_STARTED=0
cleanup() {
  if [[ $PG_STARTED == 1 ]]; then
    HAVEN_PG_OWNER_PID=$$ bash "$ROOT/scripts/pg-test-server.sh" stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

START=$SECONDS

# --- system dependencies and the test database -----------------------------------------------
need_pg=0
need_browser=0
[[ -n ${wanted[integration-postgres]:-} ]] && need_pg=1
[[ -n ${wanted[e2e]:-} ]] && need_browser=1
if [[ $need_pg == 1 && $need_browser == 1 ]]; then
  bash "$ROOT/scripts/ensure-system-deps.sh"
elif [[ $need_pg == 1 ]]; then
  bash "$ROOT/scripts/ensure-system-deps.sh" --pg-only
elif [[ $need_browser == 1 ]]; then
  bash "$ROOT/scripts/ensure-system-deps.sh" --browser-only
fi

if [[ $need_pg == 1 ]]; then
  echo "==> starting a throwaway PostgreSQL 15"
  PG_STARTED=1
  TEST_DATABASE_URL="$(HAVEN_PG_OWNER_PID=$$ bash "$ROOT/scripts/pg-test-server.sh" start)"
  export TEST_DATABASE_URL
  echo "    TEST_DATABASE_URL=$TEST_DATABASE_URL"
fi

# --- the steps -------------------------------------------------------------------------------
step_cmd() {
  local json="$RESULTS/$1.json"
  local rep=(--reporter=default --reporter=json "--outputFile.json=$json")
  case "$1" in
    typecheck) CMD=(npm run typecheck) ;;
    lint) CMD=(npm run lint) ;;
    db:check) CMD=(npm run db:check) ;;
    unit | integration-pglite | integration-postgres) CMD=(npx vitest run --project "$1" "${rep[@]}") ;;
    e2e) CMD=(npm run test:e2e -- "${rep[@]}") ;;
  esac
}

i=0
for step in "${STEPS[@]}"; do
  i=$((i + 1))
  step_cmd "$step"
  header "$i" "$step" "${CMD[*]}"
  t0=$SECONDS
  set +e
  "${CMD[@]}"
  rc=$?
  set -e
  took=$((SECONDS - t0))
  count_report "$RESULTS/$step.json"
  if [[ $rc -ne 0 ]]; then
    # A failing step always counts as at least one failure, even with no failing test (a type
    # error, a lint error, a test file that does not load).
    [[ $STEP_FAILED -eq 0 ]] && failed=$((failed + 1))
    echo
    not_run="${STEPS[*]:$i}"
    echo "✘ step '$step' failed (exit $rc) after $(fmt_secs "$took")${not_run:+; steps not run: $not_run}"
    summary
    exit "$rc"
  fi
  echo "✔ step '$step' passed in $(fmt_secs "$took")"
done

echo
echo "✔ all ${#STEPS[@]} steps passed in $(fmt_secs $((SECONDS - START))): ${STEPS[*]}"
summary
