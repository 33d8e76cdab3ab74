#!/usr/bin/env bash
# Checks the Docker Compose stack for real, through ./setup.sh (scripts/fresh-clone-e2e.sh checks a fresh
# clone with compose alone). CI does not run it (it needs a Docker engine and takes a few
# minutes); run it after changing docker-compose.yml, a Dockerfile or the compose part of setup.sh:
#
#   scripts/compose-e2e.sh          # offline, RabbitMQ is built without the delayed-message plugin
#
#   1. ./setup.sh --detach; one timer reaches the receiver exactly once, webhook-id = its id, reads DELIVERED
#   2. scaled to 2 API and 3 consumer containers: 20 timers, through both APIs, each arrives exactly once
#   3. ./setup.sh --down, ./setup.sh --detach: the timers are still there and nothing fires again
#   4. ./setup.sh --down
#
# Webhooks go to a receiver on this machine (python3) that the consumers reach as host.docker.internal.
# Exits non-zero with a message at the first failure; the stack is taken down either way (volumes are kept),
# unless KEEP_STACK=1 after a failure.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/lib.sh
. scripts/compose.sh
unset TIMERS_NATIVE

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

pass() {
  echo "PASS: $*"
}

find_compose || fail "needs a running Docker engine (docker info) and docker compose or docker-compose"
require_command python3 "install python3 (the webhook receiver)"
require_command curl "install curl (apt-get install curl)"

work=$(mktemp -d "${TMPDIR:-/tmp}/timers-compose-e2e.XXXXXX")
hooks="$work/hooks.jsonl"
receiver_pid=""
stack_up=false

cleanup() {
  local status=$?
  if [ -n "$receiver_pid" ]; then
    kill "$receiver_pid" 2>/dev/null || true
    wait "$receiver_pid" 2>/dev/null || true
  fi
  if $stack_up; then
    if [ "$status" -ne 0 ]; then
      compose ps >&2 || true
      compose logs --tail=40 api-service timer-consumer >&2 || true
    fi
    if [ "$status" -ne 0 ] && [ "${KEEP_STACK:-}" = 1 ]; then
      info "KEEP_STACK=1: the stack keeps running; ./setup.sh --down stops it"
    else
      ./setup.sh --down >/dev/null 2>&1 || echo "warning: ./setup.sh --down failed" >&2
    fi
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

start_receiver() {
  start_webhook_receiver "$work" "$hooks" || fail "the webhook receiver did not start: $(cat "$work/receiver.log")"
  info "webhook receiver on port $(cat "$work/receiver.port") (containers call $hook_url)"
}

# create_timer PORT SECONDS: creates a timer through the API on PORT and prints its id.
create_timer() {
  local port=$1 seconds=$2 code
  code=$(curl -sS -o "$work/created.json" -w '%{http_code}' -XPOST "http://127.0.0.1:$port/timers" \
    -H 'content-type: application/json' -d "{\"seconds\":$seconds,\"url\":\"$hook_url\"}") \
    || fail "POST /timers on port $port did not answer"
  [ "$code" = 201 ] || fail "POST /timers on port $port answered $code: $(cat "$work/created.json")"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/created.json"
}

# status_of PORT ID: the timer's status, or the HTTP code when the answer is not 200.
status_of() {
  local code
  code=$(curl -sS -o "$work/read.json" -w '%{http_code}' "http://127.0.0.1:$1/timers/$2") || code=none
  if [ "$code" = 200 ]; then
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$work/read.json"
  else
    echo "HTTP $code"
  fi
}

# deliveries ID: how many POSTs the receiver got with this webhook-id.
deliveries() {
  grep -c "\"webhook_id\": \"$1\"" "$hooks" || true
}

# wait_delivered SECONDS ID...: waits until each id has reached the receiver at least once.
wait_delivered() {
  local deadline=$((SECONDS + $1)) id missing
  shift
  while :; do
    missing=0
    for id in "$@"; do
      [ "$(deliveries "$id")" -ge 1 ] || missing=$((missing + 1))
    done
    [ "$missing" -eq 0 ] && return 0
    [ "$SECONDS" -lt "$deadline" ] || fail "$missing of $# timers never reached the receiver"
    sleep 0.5
  done
}

# expect_once_and_delivered PORT ID...: each id arrived exactly once and reads DELIVERED.
expect_once_and_delivered() {
  local port=$1 id count status
  shift
  sleep 3 # room for a duplicate to show up
  for id in "$@"; do
    count=$(deliveries "$id")
    [ "$count" -eq 1 ] || fail "timer $id reached the receiver $count times, expected once"
    for _ in $(seq 20); do
      status=$(status_of "$port" "$id")
      [ "$status" = DELIVERED ] && break
      sleep 0.5
    done
    [ "$status" = DELIVERED ] || fail "timer $id reads $status, expected DELIVERED"
  done
}

count_containers() {
  compose ps -q "$1" | grep -c . || true
}

start_receiver

info "step 1: ./setup.sh --detach"
stack_up=true
./setup.sh --detach || fail "./setup.sh --detach failed"
port=$(api_port) || fail "no host port for api-service"
first=$(create_timer "$port" 3) || exit 1
info "created timer $first (3 s)"
wait_delivered 60 "$first"
expect_once_and_delivered "$port" "$first"
grep "\"webhook_id\": \"$first\"" "$hooks" | grep -q '"path": "/hook"' || fail "the webhook missed /hook"
pass "one timer: one POST with webhook-id $first, status DELIVERED"

info "step 2: 2 API and 3 consumer containers"
compose_up "$work/up.log" --no-build --scale api-service=2 --scale timer-consumer=3 \
  || { cat "$work/up.log" >&2; fail "scaling up failed"; }
wait_containers_healthy 240 api-service timer-consumer || fail "the scaled services did not become healthy"
[ "$(count_containers api-service)" -eq 2 ] || fail "expected 2 api-service containers"
[ "$(count_containers timer-consumer)" -eq 3 ] || fail "expected 3 timer-consumer containers"
port1=$(api_port 1) && port2=$(api_port 2) || fail "the API containers publish no ports"
[ "$port1" != "$port2" ] || fail "both API containers report host port $port1"
info "API containers on host ports $port1 and $port2"
ids=()
for i in $(seq 20); do
  if [ $((i % 2)) -eq 0 ]; then p=$port1; else p=$port2; fi
  id=$(create_timer "$p" $((2 + i % 4))) || exit 1
  ids+=("$id")
done
info "created ${#ids[@]} timers (2-5 s) through both APIs"
wait_delivered 90 "${ids[@]}"
expect_once_and_delivered "$port1" "${ids[@]}"
total=$(grep -c . "$hooks" || true)
[ "$total" -eq 21 ] || fail "the receiver got $total POSTs, expected 21"
printf '%s\n' "${ids[@]}" >"$work/ids"
claims=""
for container in $(compose ps -q timer-consumer); do
  claims="$claims $(docker logs "$container" 2>&1 | grep ' claimed' | grep -c -F -f "$work/ids" || true)"
done
info "claims of these timers per consumer container (from their logs, for information):$claims"
pass "scaled: ${#ids[@]} timers, each webhook-id exactly once, all DELIVERED"

info "step 3: ./setup.sh --down, then ./setup.sh --detach"
./setup.sh --down || fail "./setup.sh --down failed"
[ -z "$(compose ps -q)" ] || fail "containers are left after ./setup.sh --down"
./setup.sh --detach || fail "./setup.sh --detach (again) failed"
port=$(api_port) || fail "no host port for api-service"
for id in "$first" "${ids[0]}" "${ids[19]}"; do
  status=$(status_of "$port" "$id")
  [ "$status" = DELIVERED ] || fail "after the restart timer $id reads $status, expected DELIVERED"
done
sleep 3
total=$(grep -c . "$hooks" || true)
[ "$total" -eq 21 ] || fail "after the restart the receiver has $total POSTs, expected still 21"
pass "after down and up: the earlier timers read back DELIVERED, nothing fired again"

info "step 4: ./setup.sh --down"
./setup.sh --down || fail "./setup.sh --down failed"
stack_up=false
[ -z "$(compose ps -q)" ] || fail "containers are left after ./setup.sh --down"
pass "compose stack: all checks passed"
