#!/usr/bin/env bash
# What a new user with Docker gets, checked for real. CI does not run it (it needs a Docker engine and takes
# several minutes); run it after changing a Dockerfile, docker-compose.yml or the tests' TestBackends:
#
#   scripts/fresh-clone-e2e.sh
#
#   1. clones this repository's committed HEAD into a temporary folder (uncommitted changes are not in it)
#   2. there, `compose up -d --build`: images built from the sources, no JDK or Maven used
#   3. a timer due in 3 s reaches a receiver on this machine once and reads DELIVERED; a timer due in 30 days
#      reads SCHEDULED
#   4. the DynamoDB container alone restarts: both timers are still there
#   5. `compose down`, then `compose up -d`: the far-future timer is still SCHEDULED, the fired one DELIVERED,
#      and the receiver still has it exactly once
#   6. `compose down -v`; then, in the clone, one integration test class through the Testcontainers path
#      (TIMERS_TEST_DYNAMODB_ENDPOINT and SPRING_RABBITMQ_* unset): needs a JDK 21+ and Maven here;
#      E2E_TESTCONTAINERS=0 skips it, E2E_IT picks the class (default TimerRepositoryIT)
#
# The stack runs under a compose project name of its own (E2E_PROJECT, default timers-fresh-clone), so a
# ./setup.sh stack and its volumes are left alone; its volumes are deleted at the end, its images kept for
# the next run's build cache. Webhooks go to a receiver on this machine (python3) that the
# consumers reach as host.docker.internal. Exits non-zero with a message at the first failure; KEEP_STACK=1
# leaves the stack and the clone after a failure. Testcontainers' own settings pass through (for an engine
# that cannot pull its helper images: TESTCONTAINERS_RYUK_DISABLED=true).
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
. "$HERE/scripts/lib.sh"
. "$HERE/scripts/compose.sh"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

pass() {
  echo "PASS: $*"
}

# step NAME: prints NAME and the seconds the previous step took.
step_started=$SECONDS
timings=""
step() {
  local took=$((SECONDS - step_started))
  [ -n "${step_name:-}" ] && timings="$timings\n  ${took}s  $step_name"
  step_name=$1
  step_started=$SECONDS
  info "$1"
}

find_compose || fail "needs a running Docker engine (docker info) and docker compose or docker-compose"
require_command git "install git"
require_command python3 "install python3 (the webhook receiver)"
require_command curl "install curl (apt-get install curl)"

work=$(mktemp -d "${TMPDIR:-/tmp}/timers-fresh-clone.XXXXXX")
ROOT="$work/timers"
# A name of its own, the same each run: its images are replaced, not piled up, by the next run.
export COMPOSE_PROJECT_NAME="${E2E_PROJECT:-timers-fresh-clone}"
hooks="$work/hooks.jsonl"
receiver_pid=""
stack_up=false

cleanup() {
  local status=$?
  if [ -n "$receiver_pid" ]; then
    kill "$receiver_pid" 2>/dev/null || true
    wait "$receiver_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ "${KEEP_STACK:-}" = 1 ]; then
    info "KEEP_STACK=1: the clone stays in $ROOT; stop the stack with" \
      "(cd $ROOT && COMPOSE_PROJECT_NAME=$COMPOSE_PROJECT_NAME ${COMPOSE[*]} down -v)"
    exit "$status"
  fi
  if $stack_up; then
    if [ "$status" -ne 0 ]; then
      compose ps >&2 || true
      compose logs --tail=40 >&2 || true
    fi
    compose down -v >/dev/null 2>&1 || echo "warning: compose down -v failed" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

start_receiver() {
  start_webhook_receiver "$work" "$hooks" || fail "the webhook receiver did not start: $(cat "$work/receiver.log")"
}

# create_timer JSON_TIME: creates a timer with this time form (e.g. "seconds":3) and prints its id.
create_timer() {
  local code
  code=$(curl -sS -o "$work/created.json" -w '%{http_code}' -XPOST "http://127.0.0.1:$port/timers" \
    -H 'content-type: application/json' -d "{$1,\"url\":\"$hook_url\"}") || fail "POST /timers did not answer"
  [ "$code" = 201 ] || fail "POST /timers answered $code: $(cat "$work/created.json")"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/created.json"
}

# status_of ID: the timer's status, or the HTTP code when the answer is not 200.
status_of() {
  local code
  code=$(curl -sS -o "$work/read.json" -w '%{http_code}' "http://127.0.0.1:$port/timers/$1" 2>/dev/null) || code=none
  if [ "$code" = 200 ]; then
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$work/read.json"
  else
    echo "HTTP $code"
  fi
}

# expect_status SECONDS ID STATUS: waits until the timer reads STATUS (the API may still be starting).
expect_status() {
  local deadline=$((SECONDS + $1)) status
  while :; do
    status=$(status_of "$2")
    [ "$status" = "$3" ] && return 0
    [ "$SECONDS" -lt "$deadline" ] || fail "timer $2 reads $status, expected $3"
    sleep 1
  done
}

deliveries() {
  grep -c "\"webhook_id\": \"$1\"" "$hooks" || true
}

wait_stack_healthy() {
  wait_containers_healthy 300 rabbitmq localstack api-service timer-consumer \
    || fail "the stack did not become healthy"
  port=$(api_port) || fail "api-service publishes no port"
}

step "1: cloning HEAD of $HERE"
git clone -q --no-hardlinks "$HERE" "$ROOT" || fail "git clone failed"
info "clone at $(git -C "$ROOT" log -1 --format='%h %s')"

step "2: ${COMPOSE[*]} up -d --build in the clone (project $COMPOSE_PROJECT_NAME)"
stack_up=true
# Whatever an earlier run kept (KEEP_STACK=1) goes first: this run starts with empty volumes.
compose down -v >/dev/null 2>&1 || true
(cd "$ROOT" && compose_up "$work/up.log" --build) || { tail -n 40 "$work/up.log" >&2; fail "compose up --build failed"; }
wait_stack_healthy
if grep -q "building RabbitMQ WITHOUT rabbitmq_delayed_message_exchange" "$work/up.log"; then
  info "(RabbitMQ was built without the delayed-message plugin: its download failed)"
fi
pass "fresh clone: images built from the sources, stack healthy, API on port $port"

step "3: a timer due in 3 s and one due in 30 days"
start_receiver
fired=$(create_timer '"seconds":3')
far=$(create_timer '"delay":"P30D"')
info "timers $fired (3 s) and $far (30 days)"
expect_status 60 "$fired" DELIVERED
sleep 3 # room for a duplicate to show up
[ "$(deliveries "$fired")" -eq 1 ] || fail "timer $fired reached the receiver $(deliveries "$fired") times, expected once"
expect_status 10 "$far" SCHEDULED
pass "the due timer arrived once and reads DELIVERED; the far one reads SCHEDULED"

step "4: restart of the DynamoDB container alone"
compose restart localstack >/dev/null 2>&1 || fail "compose restart localstack failed"
wait_stack_healthy
expect_status 120 "$far" SCHEDULED
expect_status 30 "$fired" DELIVERED
pass "after the store's restart both timers are still there"

step "5: ${COMPOSE[*]} down, then up -d"
compose down >/dev/null 2>&1 || fail "compose down failed"
[ -z "$(compose ps -q)" ] || fail "containers are left after compose down"
compose_up "$work/up2.log" || { cat "$work/up2.log" >&2; fail "compose up -d (again) failed"; }
wait_stack_healthy
expect_status 120 "$far" SCHEDULED
expect_status 30 "$fired" DELIVERED
sleep 3
[ "$(deliveries "$fired")" -eq 1 ] || fail "after down and up the receiver has timer $fired $(deliveries "$fired") times"
pass "after down and up: the far timer still SCHEDULED, the fired one DELIVERED and received once"

step "6: ${COMPOSE[*]} down -v"
compose down -v >/dev/null 2>&1 || fail "compose down -v failed"
stack_up=false

if [ "${E2E_TESTCONTAINERS:-1}" != 0 ]; then
  it="${E2E_IT:-TimerRepositoryIT}"
  step "7: $it through Testcontainers in the clone (no ./test.sh variables)"
  use_java
  require_command mvn "install Apache Maven 3.6.3 or newer, or skip this step with E2E_TESTCONTAINERS=0"
  log="$work/testcontainers.log"
  if ! (cd "$ROOT" && env -u TIMERS_TEST_DYNAMODB_ENDPOINT -u SPRING_RABBITMQ_HOST -u SPRING_RABBITMQ_PORT \
    -u SPRING_RABBITMQ_USERNAME -u SPRING_RABBITMQ_PASSWORD \
    mvn -B -ntp -pl timer-core verify -Dit.test="$it" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false) >"$log" 2>&1; then
    grep -E "Tests run|ERROR|No (DynamoDB|RabbitMQ)" "$log" | head -n 30 >&2
    fail "$it failed through Testcontainers (log: $log, kept with KEEP_STACK=1)"
  fi
  grep -q "Tests use DynamoDB in a container" "$log" || fail "$it did not start its DynamoDB container"
  grep -q "Tests use RabbitMQ in a container" "$log" || fail "$it did not start its RabbitMQ container"
  ran=$(sed -n 's/.*Tests run: \([0-9]*\), Failures: 0, Errors: 0.*/\1/p' "$log" | tail -n 1)
  [ "${ran:-0}" -gt 0 ] || fail "$it ran no test"
  grep "Tests use" "$log"
  pass "$it: $ran tests on RabbitMQ and DynamoDB containers of their own"
fi

step "done"
printf "timings:$timings\n"
pass "fresh clone: all checks passed"
