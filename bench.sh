#!/usr/bin/env bash
# Runs the benchmark: ten scenarios against the native stack, beside the store's own limit and beside
# db-scheduler on this machine's PostgreSQL, then writes bench/results/<date>/ (one JSON per scenario,
# summary.json, report.md, PNG plots) and copies it to bench/results/latest/.
#
#   ./bench.sh            the full run (15 to 18 minutes on a 2-core machine, most of it store-bound drains)
#   ./bench.sh --quick    small counts (a few minutes): checks the harness, not for quoting
#   ./bench.sh --keep     leave the stack running afterwards (it is stopped otherwise, if this script started it)
#   ./bench.sh --only 1,3 run only these scenarios (with --quick or not)
#
# It reuses a stack of this checkout that is healthy on the bench's ports; otherwise it starts one with
# `TIMERS_NATIVE=1 ./setup.sh --reset --detach` on those ports (an empty store each time) and stops it with
# `./setup.sh --down` at the end, also on Ctrl-C or failure. Everything else it starts (the harness JVM, which
# holds the receivers and db-scheduler) is stopped by pid. db-scheduler's database is dropped at the end.
#
# Settings (environment): BENCH_API_PORT (18080), BENCH_CONSUMER_PORT (18081), BENCH_API_MANAGEMENT_PORT (19080),
# BENCH_CONSUMER_MANAGEMENT_PORT (19081), BENCH_DYNALITE_PORT (18000), BENCH_DELAY_PREFIX (bench: the bench's
# exchanges and queues on the shared RabbitMQ), BENCH_PG_SERVER (jdbc:postgresql://127.0.0.1:5432/),
# BENCH_PG_USER (postgres). Exit status: 0 whatever the targets say; 2 when a timer was lost or delivered twice;
# 3 when a scenario could not be run; 1 when the stack or the build failed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
cd "$ROOT"
. scripts/lib.sh

keep=false
harness_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) harness_args+=(--quick) ;;
    --keep) keep=true ;;
    --only) shift; harness_args+=(--only "${1:?--only needs a list such as 1,3}") ;;
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see ./bench.sh --help)" ;;
  esac
  shift
done

STATE="$ROOT/.timers"
export TIMERS_NATIVE=1
export API_PORT="${BENCH_API_PORT:-18080}"
export CONSUMER_PORT="${BENCH_CONSUMER_PORT:-18081}"
export API_MANAGEMENT_PORT="${BENCH_API_MANAGEMENT_PORT:-19080}"
export CONSUMER_MANAGEMENT_PORT="${BENCH_CONSUMER_MANAGEMENT_PORT:-19081}"
export DYNALITE_PORT="${BENCH_DYNALITE_PORT:-18000}"
export TIMERS_DELAY_PREFIX="${BENCH_DELAY_PREFIX:-bench}"
# Two owners with a key each (the owner isolation scenario needs two; the others are all the first's). The keys
# are made afresh for each stack this script starts and kept beside it, so a reused stack keeps its keys. The 50/s
# rate limit and the 100,000 pending cap would measure themselves, not the service. Confirms and conditional
# writes are untouched.
export TIMERS_API_AUTH=api-key
export TIMERS_API_KEYS_FILE="$STATE/bench-api-keys"
export TIMERS_API_RATE_LIMIT_ENABLED=false
export TIMERS_API_MAX_PENDING_PER_OWNER=0
STORE_TABLE=bench-store-limit

use_java
require_command mvn "install Apache Maven 3.6.3 or newer (apt-get install maven)"
require_command rabbitmqctl "the broker's state is read with rabbitmqctl (RabbitMQ's own tools)"

started_stack=false
harness_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$harness_pid" ] && kill -0 "$harness_pid" 2>/dev/null; then
    info "stopping the harness (pid $harness_pid)"
    kill "$harness_pid" 2>/dev/null || true
    for _ in $(seq 40); do kill -0 "$harness_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$harness_pid" 2>/dev/null || true
  fi
  # The harness drops it itself; this covers a harness that was stopped half-way.
  psql -q -h 127.0.0.1 -U "${BENCH_PG_USER:-postgres}" -d postgres \
    -c "DROP DATABASE IF EXISTS timers_bench_peer" >/dev/null 2>&1 || true
  if $started_stack && ! $keep; then
    info "stopping the stack this script started"
    ./setup.sh --down || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The bench's two keys: "bench-busy" (owner bench-busy, every scenario) and "bench-quiet" (owner bench-quiet).
write_bench_keys() {
  local owner key
  mkdir -p "$STATE"
  : >"$STATE/bench-api-keys.secret"
  chmod 600 "$STATE/bench-api-keys.secret"
  { echo "# the benchmark's keys, made by bench.sh"; } >"$TIMERS_API_KEYS_FILE"
  for owner in bench-busy bench-quiet; do
    key="tk_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    echo "$owner $key" >>"$STATE/bench-api-keys.secret"
    echo "$owner $owner $(printf %s "$key" | sha256sum | cut -d' ' -f1)" >>"$TIMERS_API_KEYS_FILE"
  done
}

bench_key() {
  [ -f "$STATE/bench-api-keys.secret" ] || die "no bench keys in $STATE: stop the stack (TIMERS_NATIVE=1 ./setup.sh --down) and run again"
  sed -n "s/^$1 //p" "$STATE/bench-api-keys.secret"
}

healthy() {
  curl -fsS "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"UP"'
}

info "building the harness (mvn -Pbench -pl bench)"
mkdir -p "$STATE/logs"
mvn -B -q -ntp -Pbench -pl bench -am -DskipTests -Dspotless.check.skip=true \
  package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >"$STATE/bench-build.log" 2>&1 \
  || { tail -n 40 "$STATE/bench-build.log" >&2; die "building the harness failed (log: $STATE/bench-build.log)"; }

if healthy "$API_MANAGEMENT_PORT" && healthy "$CONSUMER_MANAGEMENT_PORT" && pid_running "$STATE/timer-consumer.pid"; then
  info "reusing the stack that is healthy on ports $API_PORT/$CONSUMER_PORT (its stored timers stay)"
else
  for service in api-service timer-consumer dynalite; do
    pid_running "$STATE/$service.pid" && die "$service of this checkout runs (pid $(cat "$STATE/$service.pid")) but not" \
      "healthy on the bench's ports; stop it with TIMERS_NATIVE=1 ./setup.sh --down"
  done
  info "starting the native stack on ports $API_PORT/$CONSUMER_PORT (empty store, queue prefix $TIMERS_DELAY_PREFIX)"
  started_stack=true
  write_bench_keys
  ./setup.sh --reset --detach >"$STATE/logs/bench-setup.log" 2>&1 \
    || { tail -n 30 "$STATE/logs/bench-setup.log" >&2; die "the stack did not start (log: $STATE/logs/bench-setup.log)"; }
fi

AWS_REGION=us-east-1 create_table "http://127.0.0.1:$DYNALITE_PORT" "$STORE_TABLE" >/dev/null

machine="$(uname -srm); $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)); $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); RabbitMQ $(rabbitmqctl version 2>/dev/null || echo '?'); dynalite (tools/dynalite); $(psql -V 2>/dev/null || echo 'PostgreSQL ?')"
info "running the scenarios (progress below)"
BENCH_API="http://127.0.0.1:$API_PORT" \
  BENCH_API_KEY="$(bench_key bench-busy)" \
  BENCH_QUIET_API_KEY="$(bench_key bench-quiet)" \
  BENCH_API_MANAGEMENT="http://127.0.0.1:$API_MANAGEMENT_PORT" \
  BENCH_CONSUMER_MANAGEMENT="http://127.0.0.1:$CONSUMER_MANAGEMENT_PORT" \
  BENCH_DYNAMODB_ENDPOINT="http://127.0.0.1:$DYNALITE_PORT" \
  BENCH_STORE_TABLE="$STORE_TABLE" \
  BENCH_STATE="$STATE" \
  BENCH_DELAY_PREFIX="$TIMERS_DELAY_PREFIX" \
  BENCH_MACHINE="$machine" \
  AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-local}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-local}" \
  "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC -Djava.awt.headless=true \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.timers.bench.Bench "${harness_args[@]}" &
harness_pid=$!
set +e
wait "$harness_pid"
status=$?
set -e
harness_pid=""
exit "$status"
