# Shared by setup.sh and the compose checks: find a Docker engine and a compose command, run compose on the
# project's docker-compose.yml, and start the checks' webhook receiver. Needs scripts/lib.sh (die, info) and ROOT.

COMPOSE=()
# This folder, wherever ROOT points (a check may point it at a clone).
COMPOSE_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# True when a Docker engine answers and `docker compose` (v2) or docker-compose (v1.29) exists; sets COMPOSE.
find_compose() {
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 || return 1
  if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose)
  else
    return 1
  fi
}

# compose ARGS...: the compose command on this project (its name is the project folder's, unless
# COMPOSE_PROJECT_NAME says otherwise).
compose() {
  "${COMPOSE[@]}" --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" "$@"
}

# compose_up LOG ARGS...: `compose up -d ARGS`, its output in LOG. Docker hands out the API's host ports from
# the range without looking at programs outside Docker, so a port such a program holds fails the start;
# another try takes the next port of the range.
compose_up() {
  local log=$1
  shift
  for _ in $(seq 10); do
    compose up -d "$@" >"$log" 2>&1 && return 0
    grep -qE 'address already in use|port is already allocated' "$log" || return 1
    info "a host port in ${API_PORTS:-8080-8089} is taken by another program; trying the next one"
  done
  return 1
}

# api_port [INDEX]: the host port of the INDEX-th (default first) api-service container.
api_port() {
  local published
  # the IPv4 binding, which 127.0.0.1 reaches, when Docker also lists an IPv6 one
  published=$(compose port --index="${1:-1}" api-service 8080 2>/dev/null | grep -m 1 -v '^\[' || true)
  [ -n "$published" ] && echo "${published##*:}"
}

# wait_containers_healthy SECONDS SERVICE...: waits until every container of these services reports healthy.
wait_containers_healthy() {
  local deadline=$((SECONDS + $1)) service ids id pending
  shift
  while [ "$SECONDS" -lt "$deadline" ]; do
    pending=false
    for service in "$@"; do
      ids=$(compose ps -q "$service" 2>/dev/null)
      [ -n "$ids" ] || pending=true
      for id in $ids; do
        [ "$(docker inspect -f '{{.State.Health.Status}}' "$id" 2>/dev/null)" = healthy ] || pending=true
      done
    done
    $pending || return 0
    sleep 1
  done
  return 1
}

# start_webhook_receiver DIR HOOKS: starts webhook-receiver.py on this machine, which answers every POST with 204
# and writes one JSON line per request (path, webhook-id, body) to HOOKS; the containers reach it as
# host.docker.internal. Sets receiver_pid (the caller stops it) and hook_url; returns 1 when it does not start
# (its output is in DIR/receiver.log).
start_webhook_receiver() {
  local dir=$1 hooks=$2
  : >"$hooks"
  python3 "$COMPOSE_SCRIPTS/webhook-receiver.py" "$hooks" >"$dir/receiver.port" 2>"$dir/receiver.log" &
  receiver_pid=$!
  for _ in $(seq 50); do
    [ -s "$dir/receiver.port" ] && break
    sleep 0.1
  done
  [ -s "$dir/receiver.port" ] || return 1
  hook_url="http://host.docker.internal:$(cat "$dir/receiver.port")/hook"
}
