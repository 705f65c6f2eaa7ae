#!/usr/bin/env bash
# The README's test command: sets up what the tests need on a fresh Debian machine (a Docker engine,
# PostgreSQL and RabbitMQ images built locally when none can be pulled), runs every test project of
# VolunteerOps.sln, and ends with the line "N passed, N failed[, N skipped]".
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# CI reads the summary line: print one even when setting up fails before any test ran.
summary_printed=false
trap '$summary_printed || echo "0 passed, 1 failed"' EXIT

docker_env=$(bash deploy/local-infra/ensure-docker.sh)
eval "$docker_env"
bash deploy/local-infra/build-images.sh
bash deploy/local-infra/smtp-sink.sh ensure # the email tests start their own SMTP servers
# shellcheck source=local-infra/lib.sh
. deploy/local-infra/lib.sh
[ -x /usr/bin/chromium ] || apt_install chromium # the coverage board's browser tests drive Debian's Chromium

# Testcontainers on Debian's engine 20.10: its API version, loopback addresses, no reaper image.
export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41}
export TESTCONTAINERS_HOST_OVERRIDE=${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}
export TESTCONTAINERS_RYUK_DISABLED=${TESTCONTAINERS_RYUK_DISABLED:-true}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

status=0
dotnet build VolunteerOps.sln -c Release -nologo -v quiet || status=$?
if [[ $status -eq 0 ]]; then
  dotnet test VolunteerOps.sln -c Release --no-build -nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?
fi

# dotnet test prints one summary per assembly; CI wants one line for the whole run.
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' |
    awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "=");
             gsub(/"/, "", kv[2]); n[kv[1]] += kv[2] } }
         END { printf "%d %d %d\n", n["passed"], n["failed"] + n["error"] + n["timeout"] + n["aborted"], n["notExecuted"] }')
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1 # the build or a test host failed without a test to blame
fi
dotnet build-server shutdown >/dev/null 2>&1 || true # no compiler servers left behind
# CI keeps only the end of the output: name the failed tests there, just above the summary.
cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' |
  sed -E 's/.* testName="([^"]*)".*/FAILED: \1/' || true
if [[ $skipped -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
summary_printed=true
exit $status
