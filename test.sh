#!/usr/bin/env bash
# Runs every test against a real RabbitMQ and a dynalite of its own (own port, own data folder, removed at
# the end), so a running ./setup.sh stack is left alone. Extra arguments go to Maven, e.g.
#   ./test.sh -pl timer-core -Dit.test=LadderDelayIT
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
cd "$ROOT"
. scripts/lib.sh

use_java
require_command mvn "install Apache Maven 3.6.3 or newer (apt-get install maven)"
ensure_rabbitmq
ensure_dynalite_installed
ensure_aws_cli

state=$(mktemp -d "${TMPDIR:-/tmp}/timers-test.XXXXXX")
cleanup() {
  stop_pid "$state/dynalite.pid"
  rm -rf "$state"
}
trap cleanup EXIT

port=$(free_port)
start_dynalite "$port" "$state/data" "$state/dynalite.pid" "$state/dynalite.log"
info "dynalite for the tests on 127.0.0.1:$port"

export TIMERS_TEST_DYNAMODB_ENDPOINT="http://127.0.0.1:$port"
# Named even at their defaults: a test run without these variables starts a broker container of its own.
export SPRING_RABBITMQ_HOST="${SPRING_RABBITMQ_HOST:-127.0.0.1}" SPRING_RABBITMQ_PORT="${SPRING_RABBITMQ_PORT:-5672}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1

status=0
mvn -B -ntp verify "$@" || status=$?

# The broker is shared with the next run on this machine: it must still answer.
if ! port_open "${SPRING_RABBITMQ_HOST:-127.0.0.1}" "${SPRING_RABBITMQ_PORT:-5672}"; then
  echo "error: RabbitMQ no longer answers after the tests" >&2
  status=1
fi
exit "$status"
