#!/usr/bin/env bash
# Runs Timers on this machine: builds the services, makes sure RabbitMQ and a DynamoDB (dynalite) are up,
# creates the table, starts api-service and timer-consumer, waits until they are healthy, prints how to use
# them and follows their logs (Ctrl-C stops following; the services keep running).
#
#   ./setup.sh            start what is not running, then follow the logs
#   ./setup.sh --detach   the same, but return once healthy
#   ./setup.sh --down     stop what this script started (by recorded pid)
#   ./setup.sh --reset    stop, delete the stored timers, start afresh
#
# Settings (environment): API_PORT (8080), CONSUMER_PORT (8081), API_MANAGEMENT_PORT (9080) and
# CONSUMER_MANAGEMENT_PORT (9081) for health and metrics, TIMERS_API_AUTH (none: no API keys on the local
# stack; the API logs a warning), DYNALITE_PORT (8000), TIMERS_TABLE
# (timers), SPRING_RABBITMQ_HOST/PORT/USERNAME/PASSWORD (127.0.0.1:5672, guest/guest), TIMERS_JAVA_OPTS
# (the services' JVM flags: a bounded heap, see below). Set TIMERS_DYNAMODB_ENDPOINT to use a DynamoDB of
# your own instead of starting dynalite. TIMERS_TARGETS_ALLOW_PRIVATE (true here, false in production) lets
# timers call receivers on this machine and its network; the services log a warning while it is on.
# TIMERS_WEBHOOK_SECRETS: the webhook signing secrets (whsec_..., space-separated); when it is not set, one is
# generated on the first run and kept in .timers/webhook-secrets (--reset keeps it too); set but empty,
# webhooks are not signed. They sign only the anonymous owner's webhooks (every timer's, without API keys).
# TIMERS_SECRETS_ENCRYPTION_KEY: the key owners' signing secrets (POST /signing-secrets) are stored under; when
# it is not set, one is generated on the first run and kept in .timers/secrets-encryption-key.
# TIMERS_BIND_ADDRESS (127.0.0.1): the address the services' ports (API, consumer, management) listen on, and
# the one compose publishes them on: this machine only, since the local stack has no API keys. 0.0.0.0 opens
# them to every network this machine is on; turn API keys on first (TIMERS_API_AUTH=apikeys).
#
# When a Docker engine answers and Docker Compose is installed (`docker compose` or docker-compose), the
# same commands run the system in containers instead (docker-compose.yml: RabbitMQ, LocalStack, api-service,
# timer-consumer); TIMERS_NATIVE=1 keeps the native way. There --down is `compose down` (data kept in the
# volumes) and --reset is `compose down -v`, then up. Settings: API_REPLICAS and CONSUMER_REPLICAS (1),
# API_PORTS (8080-8089), DELAYED_PLUGIN_URL (empty: RabbitMQ without the delayed-message plugin, no download
# tried; a failed download also leaves it out, with a warning), DELAYED_PLUGIN_REQUIRED (1: fail instead).
# The images compile the services themselves: the compose way needs Docker, not a JDK or Maven.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
cd "$ROOT"
. scripts/lib.sh
. scripts/compose.sh

STATE="$ROOT/.timers"
API_PORT="${API_PORT:-8080}"
CONSUMER_PORT="${CONSUMER_PORT:-8081}"
API_MANAGEMENT_PORT="${API_MANAGEMENT_PORT:-9080}"
CONSUMER_MANAGEMENT_PORT="${CONSUMER_MANAGEMENT_PORT:-9081}"
# The local stack has no API keys: every request is the anonymous owner.
export TIMERS_API_AUTH="${TIMERS_API_AUTH:-none}"
DYNALITE_PORT="${DYNALITE_PORT:-8000}"
TABLE="${TIMERS_TABLE:-timers}"
SERVICES=(api-service timer-consumer)
# Each service stays well within 350 MB of memory: a bounded heap (the JVM's default is a quarter of the
# machine's memory, which it then fills), the serial collector (no per-core GC threads or remembered sets), the
# client compiler only (C2's code and compiler arenas cost about 50 MB more), capped metaspace and code cache,
# and two malloc arenas instead of one per core and thread. Measured figures are in README.md.
JAVA_OPTS_DEFAULT="-Xms64m -Xmx144m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
TIMERS_JAVA_OPTS="${TIMERS_JAVA_OPTS:-$JAVA_OPTS_DEFAULT}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# Nobody on the network can create timers on a stack without API keys, or read its metrics.
export TIMERS_BIND_ADDRESS="${TIMERS_BIND_ADDRESS:-127.0.0.1}"
# A local stack calls receivers on this machine (127.0.0.1), which the production default refuses.
export TIMERS_TARGETS_ALLOW_PRIVATE="${TIMERS_TARGETS_ALLOW_PRIVATE:-true}"
# Yet no timer may call this stack's own ports on this machine: each service refuses the other's too, and those
# of the broker (AMQP, management) and the store, as set here (LocalStack's 4566 for a compose stack beside it).
export TIMERS_TARGETS_RESERVED_PORTS="${TIMERS_TARGETS_RESERVED_PORTS:-$API_PORT,$CONSUMER_PORT,$API_MANAGEMENT_PORT,$CONSUMER_MANAGEMENT_PORT,$DYNALITE_PORT,${SPRING_RABBITMQ_PORT:-5672},15672,4566}"

action=up
follow=true
for arg in "$@"; do
  case "$arg" in
    --detach) follow=false ;;
    --down) action=down ;;
    --reset) action=reset ;;
    -h | --help) sed -n '2,29p' "$0"; exit 0 ;;
    *) die "unknown option $arg (see ./setup.sh --help)" ;;
  esac
done

port_of() {
  case "$1" in
    api-service) echo "$API_PORT" ;;
    timer-consumer) echo "$CONSUMER_PORT" ;;
  esac
}

# Health and metrics are on a port of their own, never on the public one.
# Where this machine reaches the services: loopback, unless they listen on one other address only.
local_host() {
  case "$TIMERS_BIND_ADDRESS" in
    0.0.0.0 | 127.* | localhost) echo 127.0.0.1 ;;
    *) echo "$TIMERS_BIND_ADDRESS" ;;
  esac
}

management_port_of() {
  case "$1" in
    api-service) echo "$API_MANAGEMENT_PORT" ;;
    timer-consumer) echo "$CONSUMER_MANAGEMENT_PORT" ;;
  esac
}

down() {
  for service in "${SERVICES[@]}" dynalite; do
    if pid_running "$STATE/$service.pid"; then
      info "stopping $service (pid $(cat "$STATE/$service.pid"))"
    fi
    stop_pid "$STATE/$service.pid"
  done
}

build() {
  require_command mvn "install Apache Maven 3.6.3 or newer (apt-get install maven)"
  info "building the services (mvn package)"
  mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true package -pl api-service,timer-consumer -am >"$STATE/build.log" 2>&1 \
    || { tail -n 40 "$STATE/build.log" >&2; die "the build failed (full log: $STATE/build.log)"; }
}

# Each service runs from its own copy of the jar, so a later build never changes a running service's jar.
start_service() {
  local service=$1 port management_port
  port=$(port_of "$service")
  management_port=$(management_port_of "$service")
  if pid_running "$STATE/$service.pid"; then
    info "$service already running (pid $(cat "$STATE/$service.pid"))"
    return 0
  fi
  port_open "$(local_host)" "$port" && die "port $port is taken by another program; set $([ "$service" = api-service ] && echo API_PORT || echo CONSUMER_PORT)"
  port_open "$(local_host)" "$management_port" && die "port $management_port is taken by another program; set $([ "$service" = api-service ] && echo API_MANAGEMENT_PORT || echo CONSUMER_MANAGEMENT_PORT)"
  cp "$ROOT/$service/target/$service-"*-exec.jar "$STATE/$service.jar"
  info "starting $service on port $port (log: $STATE/logs/$service.log)"
  # Only the consumer signs webhooks, so only it gets the secrets (through its environment, not its command line).
  local secrets=""
  [ "$service" = timer-consumer ] && secrets=$WEBHOOK_SECRETS
  # shellcheck disable=SC2086 # the flags are words
  SERVER_ADDRESS="$TIMERS_BIND_ADDRESS" MANAGEMENT_SERVER_ADDRESS="$TIMERS_BIND_ADDRESS" TIMERS_WEBHOOK_SECRETS="$secrets" TIMERS_SECRETS_ENCRYPTION_KEY="$SECRETS_ENCRYPTION_KEY" PORT="$port" MANAGEMENT_PORT="$management_port" nohup "$JAVA_HOME/bin/java" $TIMERS_JAVA_OPTS -jar "$STATE/$service.jar" >"$STATE/logs/$service.log" 2>&1 &
  echo $! >"$STATE/$service.pid"
}

wait_healthy() {
  local service=$1 port
  port=$(management_port_of "$service")
  for _ in $(seq 240); do
    if curl -fsS "http://$(local_host):$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
      return 0
    fi
    pid_running "$STATE/$service.pid" || break
    sleep 0.5
  done
  tail -n 30 "$STATE/logs/$service.log" >&2 || true
  die "$service did not become healthy (log: $STATE/logs/$service.log)"
}

# The containers: the images build the jars themselves (Dockerfile, docker-compose.yml).
compose_stack() {
  case "$action" in
    down)
      info "stopping the containers (the data stays in the compose volumes)"
      compose down
      native_note
      return ;;
    reset) info "removing the containers and their volumes (the stored timers)"; compose down -v ;;
  esac
  mkdir -p "$STATE"
  require_command curl "install curl (apt-get install curl)"
  webhook_secrets "$STATE/webhook-secrets"
  # docker-compose.yml hands it to the consumer containers only.
  export TIMERS_WEBHOOK_SECRETS="$WEBHOOK_SECRETS"
  secrets_encryption_key "$STATE/secrets-encryption-key"
  export TIMERS_SECRETS_ENCRYPTION_KEY="$SECRETS_ENCRYPTION_KEY"
  # The images compile the services themselves (Dockerfile), so this needs no JDK or Maven here; a rebuild
  # after a code change reuses the downloaded dependencies and compiles once for both images.
  info "building the images (${COMPOSE[*]} build; the first build downloads the Maven dependencies)"
  if ! compose build >"$STATE/compose-build.log" 2>&1; then
    tail -n 15 "$STATE/compose-build.log" >&2
    die "building the images failed (full log: $STATE/compose-build.log); the service images need Maven" \
      "Central, the base images a registry or a local copy"
  fi
  if grep -q "building RabbitMQ WITHOUT rabbitmq_delayed_message_exchange" "$STATE/compose-build.log"; then
    info "RabbitMQ was built without the delayed-message plugin (its download failed); the services use the" \
      "plugin-free ladder. DELAYED_PLUGIN_REQUIRED=1 ./setup.sh makes that a failed build"
  fi
  info "starting the containers"
  if ! compose_up "$STATE/compose-up.log" \
    --scale api-service="${API_REPLICAS:-1}" --scale timer-consumer="${CONSUMER_REPLICAS:-1}"; then
    cat "$STATE/compose-up.log" >&2
    compose logs --tail=30 rabbitmq localstack >&2
    die "the containers did not start (output: $STATE/compose-up.log)"
  fi
  compose_wait_healthy
  compose_usage
  if $follow; then
    echo
    info "following the logs (Ctrl-C stops following; the containers keep running)"
    exec "${COMPOSE[@]}" --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" logs -f --tail=20
  fi
}

# A stack started the native way before Docker was there keeps running; say how to stop it.
native_note() {
  local service
  for service in "${SERVICES[@]}" dynalite; do
    if pid_running "$STATE/$service.pid"; then
      info "$service of a native run still runs (pid $(cat "$STATE/$service.pid"));" \
        "TIMERS_NATIVE=1 ./setup.sh --down stops it"
    fi
  done
}

compose_wait_healthy() {
  info "waiting until api-service and timer-consumer are healthy"
  if ! wait_containers_healthy 240 api-service timer-consumer; then
    compose ps >&2
    compose logs --tail=30 api-service timer-consumer >&2
    die "the services did not become healthy (see ${COMPOSE[*]} logs)"
  fi
  local port
  port=$(api_port) || die "api-service publishes no port (see ${COMPOSE[*]} ps)"
  # The actuator is not published; any HTTP answer from the API's public port will do.
  curl -sS -o /dev/null "http://127.0.0.1:$port/timers/00000000-0000-0000-0000-000000000000" 2>/dev/null \
    || die "the API does not answer on http://127.0.0.1:$port"
}

compose_usage() {
  local port index urls=""
  port=$(api_port)
  for index in $(seq "${API_REPLICAS:-1}"); do
    urls="$urls http://127.0.0.1:$(api_port "$index")/timers"
  done
  cat <<MSG

Timers is running in containers:
  API        ${urls# }
  DynamoDB   LocalStack (localstack-persist), table ${TIMERS_TABLE:-timers}: kept by --down, deleted by --reset
  webhooks   $WEBHOOK_SECRETS_NOTE
  logs       ${COMPOSE[*]} logs -f

Try it (webhooks are called from a container: host.docker.internal is this machine):
  curl -i -XPOST localhost:$port/timers -H 'content-type: application/json' \\
       -d '{"hours":0,"minutes":0,"seconds":5,"url":"http://host.docker.internal:9000/hook"}'
  curl -s localhost:$port/timers/<id>

Stop with ./setup.sh --down
MSG
}

if [ "${TIMERS_NATIVE:-}" != 1 ] && find_compose; then
  compose_stack
  exit 0
fi

case "$action" in
  down) down; exit 0 ;;
  reset) down; info "deleting stored timers ($STATE/dynalite-data)"; rm -rf "$STATE/dynalite-data" ;;
esac

mkdir -p "$STATE/logs"
use_java
require_command curl "install curl (apt-get install curl)"
webhook_secrets "$STATE/webhook-secrets"
secrets_encryption_key "$STATE/secrets-encryption-key"
ensure_rabbitmq

if [ -z "${TIMERS_DYNAMODB_ENDPOINT:-}" ]; then
  ensure_dynalite_installed
  if ! pid_running "$STATE/dynalite.pid"; then
    port_open 127.0.0.1 "$DYNALITE_PORT" && die "port $DYNALITE_PORT is taken by another program; set DYNALITE_PORT"
    info "starting dynalite on port $DYNALITE_PORT (data: $STATE/dynalite-data)"
  fi
  start_dynalite "$DYNALITE_PORT" "$STATE/dynalite-data" "$STATE/dynalite.pid" "$STATE/logs/dynalite.log"
  export TIMERS_DYNAMODB_ENDPOINT="http://127.0.0.1:$DYNALITE_PORT"
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-local}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-local}"
fi
export AWS_REGION="${AWS_REGION:-us-east-1}" TIMERS_TABLE="$TABLE"
create_table "$TIMERS_DYNAMODB_ENDPOINT" "$TABLE"

case "$TIMERS_BIND_ADDRESS" in 127.* | localhost) ;; *) [ "$TIMERS_API_AUTH" != none ] || echo "warning: TIMERS_BIND_ADDRESS=$TIMERS_BIND_ADDRESS opens the API to the network without API keys: anyone who reaches it can create timers (set TIMERS_API_AUTH=apikeys)" >&2 ;;
esac

needs_start=false
for service in "${SERVICES[@]}"; do
  pid_running "$STATE/$service.pid" || needs_start=true
done
if $needs_start; then
  build
fi
for service in "${SERVICES[@]}"; do
  start_service "$service"
done
for service in "${SERVICES[@]}"; do
  wait_healthy "$service"
done

cat <<MSG

Timers is running:
  API         http://$(local_host):$API_PORT/timers (listening on $TIMERS_BIND_ADDRESS: TIMERS_BIND_ADDRESS)
  health      http://$(local_host):$API_MANAGEMENT_PORT/actuator/health (API), http://$(local_host):$CONSUMER_MANAGEMENT_PORT/actuator/health (consumer)
  metrics     http://$(local_host):$API_MANAGEMENT_PORT/actuator/prometheus, http://$(local_host):$CONSUMER_MANAGEMENT_PORT/actuator/prometheus
  auth        TIMERS_API_AUTH=$TIMERS_API_AUTH (none: no API keys; every request is the anonymous owner)
  DynamoDB    $TIMERS_DYNAMODB_ENDPOINT (table $TABLE)
  webhooks    $WEBHOOK_SECRETS_NOTE
  logs        $STATE/logs/

Try it:
  curl -i -XPOST localhost:$API_PORT/timers -H 'content-type: application/json' \\
       -d '{"hours":0,"minutes":0,"seconds":5,"url":"http://127.0.0.1:9000/hook"}'
  curl -s localhost:$API_PORT/timers/<id>

Stop with ./setup.sh --down
MSG

if $follow; then
  echo
  info "following the logs (Ctrl-C stops following; the services keep running)"
  exec tail -n 0 -F "$STATE/logs/api-service.log" "$STATE/logs/timer-consumer.log"
fi
