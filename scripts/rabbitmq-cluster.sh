#!/usr/bin/env bash
# A three-node RabbitMQ cluster on this machine, from the rabbitmq-server of the system's package, for trying
# Timers (and testing it) against a broker that can lose a node. Each node has its own name
# (timers-a@localhost, timers-b@localhost, timers-c@localhost), its own AMQP and distribution ports, its own
# data, log and configuration files and its own Erlang cookie, all under one state folder; the three share
# the machine's epmd with any other Erlang node. A broker already running here is left alone: no file of
# its own is read (its rabbitmq-env.conf would rename our nodes, its rabbitmq.conf would take its port).
#
#   scripts/rabbitmq-cluster.sh [--dir DIR] start         starts and joins the three nodes, prints the address list
#   scripts/rabbitmq-cluster.sh [--dir DIR] stop          stops every node and removes DIR
#   scripts/rabbitmq-cluster.sh [--dir DIR] status        each node: name, AMQP port, pid, running or not
#   scripts/rabbitmq-cluster.sh [--dir DIR] addresses     SPRING_RABBITMQ_ADDRESSES=127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3
#   scripts/rabbitmq-cluster.sh [--dir DIR] stop-node N   stops node N (1-3) gracefully (rabbitmqctl stop)
#   scripts/rabbitmq-cluster.sh [--dir DIR] kill-node N   kill -9 of node N's Erlang VM, by its recorded pid
#   scripts/rabbitmq-cluster.sh [--dir DIR] start-node N  starts node N again on its data: it rejoins by itself
#   scripts/rabbitmq-cluster.sh [--dir DIR] queues [PREFIX] quorum queues whose names start with PREFIX:
#                                                         name, leader, messages, members (tab-separated)
#   scripts/rabbitmq-cluster.sh [--dir DIR] leader-of QUEUE the node that leads the quorum queue QUEUE
#   scripts/rabbitmq-cluster.sh [--dir DIR] ctl N ARGS... rabbitmqctl ARGS against node N
#   scripts/rabbitmq-cluster.sh check                     exits 3 when rabbitmq-server is not installed
#
# DIR defaults to $TIMERS_RABBITMQ_CLUSTER_DIR, else .timers/rabbitmq-cluster in the repository.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/scripts/lib.sh"

NODES=(a b c)
# Below Linux's ephemeral range (32768+), so an outgoing connection never takes a node's port meanwhile.
PORT_LOW=20000
PORT_HIGH=32000

usage() {
  sed -n '9,21p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# The server scripts themselves: Debian's /usr/sbin ones switch to the rabbitmq user and its files.
find_sbin() {
  local candidate
  for candidate in "${RABBITMQ_SBIN:-}" /usr/lib/rabbitmq/bin; do
    [ -n "$candidate" ] && [ -x "$candidate/rabbitmq-server" ] && { echo "$candidate"; return 0; }
  done
  candidate=$(command -v rabbitmq-server 2>/dev/null) || return 1
  grep -q 'su rabbitmq' "$candidate" 2>/dev/null && return 1
  dirname "$candidate"
}

node_name() { echo "timers-${NODES[$(($1 - 1))]}@localhost"; }
node_dir() { echo "$DIR/$(node_name "$1" | cut -d@ -f1)"; }

check_index() {
  [[ "${1:-}" =~ ^[1-3]$ ]] || die "which node? give 1, 2 or 3"
}

# The environment of node N's server and of every rabbitmqctl aimed at it.
node_env() {
  local n=$1 dir
  dir=$(node_dir "$n")
  echo HOME="$DIR/home"
  echo RABBITMQ_NODENAME="$(node_name "$n")"
  echo RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  echo RABBITMQ_NODE_PORT="$(cat "$dir/amqp-port")"
  echo RABBITMQ_DIST_PORT="$(cat "$dir/dist-port")"
  echo RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
  echo RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  echo RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  echo RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  echo RABBITMQ_MNESIA_BASE="$dir/data"
  echo RABBITMQ_MNESIA_DIR="$dir/data/$(node_name "$n")"
  echo RABBITMQ_PLUGINS_EXPAND_DIR="$dir/plugins-expand"
  echo RABBITMQ_LOG_BASE="$dir/log"
  echo RABBITMQ_PID_FILE="$dir/pid"
  echo ERL_EPMD_ADDRESS=127.0.0.1
  echo "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
}

in_node_env() {
  local n=$1
  shift
  local vars=()
  mapfile -t vars < <(node_env "$n")
  env "${vars[@]}" "$@"
}

ctl() {
  local n=$1
  shift
  in_node_env "$n" "$SBIN/rabbitmqctl" -n "$(node_name "$n")" "$@"
}

unused_port() {
  local port taken=" $* "
  for _ in $(seq 200); do
    port=$((PORT_LOW + RANDOM % (PORT_HIGH - PORT_LOW)))
    [ "$port" = 25672 ] && continue
    [[ "$taken" == *" $port "* ]] && continue
    port_open 127.0.0.1 "$port" || { echo "$port"; return 0; }
  done
  die "found no free port between $PORT_LOW and $PORT_HIGH"
}

prepare_node() {
  local n=$1 dir
  dir=$(node_dir "$n")
  mkdir -p "$dir/data" "$dir/log"
  unused_port "${PORTS[@]}" >"$dir/amqp-port"
  PORTS+=("$(cat "$dir/amqp-port")")
  unused_port "${PORTS[@]}" >"$dir/dist-port"
  PORTS+=("$(cat "$dir/dist-port")")
  : >"$dir/rabbitmq-env.conf"
  echo '[].' >"$dir/enabled_plugins"
  # A quorum queue dead-letters at-least-once by re-sending what the target queues have not confirmed; RabbitMQ
  # 3.10 waits 3 minutes for that confirm, and a target whose leader was on a lost node never sends it, so hops
  # that were under way at the loss would wait 3 minutes. Re-sent after 10 s instead (a repeat is harmless).
  echo '[{rabbit, [{dead_letter_worker_publisher_confirm_timeout, 10000}]}].' >"$dir/advanced.config"
  cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$(cat "$dir/amqp-port")
loopback_users = none
log.file.level = info
log.console = false
EOF
}

node_pid() {
  local file
  file="$(node_dir "$1")/pid"
  [ -s "$file" ] && cat "$file"
}

node_alive() {
  local pid
  pid=$(node_pid "$1") && kill -0 "$pid" 2>/dev/null
}

# launch_node N: starts node N's VM in the background (-detached returns at once).
launch_node() {
  local n=$1 dir
  dir=$(node_dir "$n")
  [ -f "$dir/amqp-port" ] || die "no state for node $n in $DIR: run start first"
  if node_alive "$n"; then
    info "$(node_name "$n") already runs (pid $(node_pid "$n"))"
    return 0
  fi
  rm -f "$dir/pid"
  in_node_env "$n" "$SBIN/rabbitmq-server" -detached >>"$dir/log/startup.log" 2>&1 \
    || die "$(node_name "$n") did not start; see $dir/log"
}

# await_node N: waits for node N's pid file (written early in its boot), then for the broker to run.
await_node() {
  local n=$1 dir
  dir=$(node_dir "$n")
  ctl "$n" wait --timeout 120 "$dir/pid" >>"$dir/log/startup.log" 2>&1 \
    || die "$(node_name "$n") did not boot within 120 s; see $dir/log"
  ctl "$n" await_startup --timeout 120 >/dev/null 2>&1 \
    || die "$(node_name "$n") did not finish booting within 120 s; see $dir/log"
}

# start_one N: starts node N unless it runs, and waits until it has booted and rejoined.
start_one() {
  if node_alive "$1"; then
    info "$(node_name "$1") already runs (pid $(node_pid "$1"))"
    return 0
  fi
  launch_node "$1"
  await_node "$1"
}

# stop_node N: rabbitmqctl stop, which returns once the VM has exited; kill -9 by pid if it would not.
stop_node() {
  local n=$1 pid
  pid=$(node_pid "$n") || return 0
  if kill -0 "$pid" 2>/dev/null; then
    ctl "$n" stop --timeout 60 >/dev/null 2>&1 || true
    for _ in $(seq 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$(node_dir "$n")/pid"
}

kill_node() {
  local n=$1 pid
  pid=$(node_pid "$n") || die "$(node_name "$n") has no recorded pid"
  kill -0 "$pid" 2>/dev/null || die "$(node_name "$n") (pid $pid) does not run"
  kill -9 "$pid"
  for _ in $(seq 120); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  rm -f "$(node_dir "$n")/pid"
}

addresses() {
  local list=() n
  for n in 1 2 3; do
    list+=("127.0.0.1:$(cat "$(node_dir "$n")/amqp-port")")
  done
  (
    IFS=,
    echo "SPRING_RABBITMQ_ADDRESSES=${list[*]}"
  )
}

# Every node running and every node seeing all three as running members.
await_cluster() {
  local n running
  for n in 1 2 3; do
    for _ in $(seq 240); do
      running=$(ctl "$n" eval 'length(rabbit_nodes:all_running()).' 2>/dev/null || true)
      [ "$running" = 3 ] && break
      sleep 0.5
    done
    [ "$running" = 3 ] || die "$(node_name "$n") does not see three running nodes; see $(node_dir "$n")/log"
  done
}

start_cluster() {
  if [ -d "$DIR" ] && ls "$DIR"/*/pid >/dev/null 2>&1; then
    die "a cluster is already recorded in $DIR: stop it first (scripts/rabbitmq-cluster.sh --dir $DIR stop)"
  fi
  mkdir -p "$DIR/home"
  # A cookie of the cluster's own: no other Erlang node here, the system broker included, can talk to it.
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$DIR/home/.erlang.cookie")
  chmod 400 "$DIR/home/.erlang.cookie"
  PORTS=()
  local n
  for n in 1 2 3; do
    prepare_node "$n"
  done
  for n in 1 2 3; do
    info "starting $(node_name "$n") on 127.0.0.1:$(cat "$(node_dir "$n")/amqp-port")"
    launch_node "$n"
  done
  for n in 1 2 3; do
    await_node "$n"
  done
  for n in 2 3; do
    info "joining $(node_name "$n") to $(node_name 1)"
    ctl "$n" stop_app >/dev/null
    ctl "$n" join_cluster "$(node_name 1)" >/dev/null
    ctl "$n" start_app >/dev/null
  done
  await_cluster
  info "cluster of three running nodes; state in $DIR"
  addresses
}

stop_cluster() {
  local n
  [ -d "$DIR" ] || return 0
  for n in 3 2 1; do
    [ -f "$(node_dir "$n")/amqp-port" ] || continue
    if node_alive "$n"; then
      info "stopping $(node_name "$n")"
    fi
    stop_node "$n"
  done
  rm -rf "$DIR"
}

status() {
  [ -d "$DIR" ] || die "no cluster in $DIR"
  local n state
  for n in 1 2 3; do
    if node_alive "$n"; then state="running (pid $(node_pid "$n"))"; else state="stopped"; fi
    printf '%s 127.0.0.1:%s %s\n' "$(node_name "$n")" "$(cat "$(node_dir "$n")/amqp-port")" "$state"
  done
}

# Any running node answers for the whole cluster.
running_node() {
  local n
  for n in 1 2 3; do
    node_alive "$n" && { echo "$n"; return 0; }
  done
  die "no node of the cluster in $DIR runs"
}

quorum_queues() {
  local prefix=${1:-} n
  n=$(running_node) || exit 1
  ctl "$n" list_queues name type leader messages members --quiet --no-table-headers \
    | awk -v prefix="$prefix" -F'\t' '$2 == "quorum" && index($1, prefix) == 1 { print $1 "\t" $3 "\t" $4 "\t" $5 }'
}

leader_of() {
  [ -n "${1:-}" ] || die "which queue?"
  quorum_queues "$1" | awk -v queue="$1" -F'\t' '$1 == queue { print $2; found = 1 } END { exit !found }' \
    || die "no quorum queue $1"
}

DIR=${TIMERS_RABBITMQ_CLUSTER_DIR:-$ROOT/.timers/rabbitmq-cluster}
if [ "${1:-}" = --dir ]; then
  [ -n "${2:-}" ] || usage
  DIR=$2
  shift 2
fi
mkdir -p "$(dirname "$DIR")"
DIR="$(cd "$(dirname "$DIR")" && pwd)/$(basename "$DIR")"

command=${1:-}
[ -n "$command" ] || usage
shift
if ! SBIN=$(find_sbin); then
  echo "error: rabbitmq-server is not installed: apt-get install rabbitmq-server (RabbitMQ 3.10 or later, for" \
    "quorum queues), or set RABBITMQ_SBIN to the folder of its rabbitmq-server and rabbitmqctl" >&2
  exit 3
fi

case "$command" in
  check) info "rabbitmq-server found in $SBIN" ;;
  start) start_cluster ;;
  stop) stop_cluster ;;
  status) status ;;
  addresses) addresses ;;
  stop-node) check_index "${1:-}" && stop_node "$1" ;;
  kill-node) check_index "${1:-}" && kill_node "$1" ;;
  start-node) check_index "${1:-}" && start_one "$1" ;;
  queues) quorum_queues "${1:-}" ;;
  leader-of) leader_of "${1:-}" ;;
  ctl) check_index "${1:-}" && { n=$1; shift; ctl "$n" "$@"; } ;;
  *) usage ;;
esac
