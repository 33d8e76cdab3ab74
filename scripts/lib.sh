# Shared by setup.sh and test.sh: find Java, make sure RabbitMQ, dynalite and the AWS CLI are there, start or
# stop what the scripts own by the pid they recorded (never by name), and find the webhook signing secrets.

die() {
  echo "error: $*" >&2
  exit 1
}

info() {
  echo "==> $*"
}

# The build needs Java 21 or newer; this machine's default java may be older.
use_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "no JDK 21 or newer found: install one (e.g. apt-get install openjdk-21-jdk or Temurin) and set JAVA_HOME"
}

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

require_command() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is needed: $2"
}

# True when something accepts TCP connections on host:port.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

wait_for_port() {
  local host=$1 port=$2 seconds=$3 what=$4
  for _ in $(seq "$((seconds * 4))"); do
    port_open "$host" "$port" && return 0
    sleep 0.25
  done
  die "$what did not open $host:$port within ${seconds}s"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

apt_install() {
  [ "$(id -u)" = 0 ] || die "$1 is missing and installing it needs root: $2"
  info "installing $1 with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null \
    || die "apt-get could not install $1: $2"
}

# RabbitMQ: use the one that answers; otherwise start (or install, then start) the local broker.
ensure_rabbitmq() {
  local host="${SPRING_RABBITMQ_HOST:-127.0.0.1}" port="${SPRING_RABBITMQ_PORT:-5672}"
  port_open "$host" "$port" && return 0
  case "$host" in
    127.0.0.1 | localhost) ;;
    *) die "RabbitMQ does not answer at $host:$port; start it or point SPRING_RABBITMQ_HOST at one that runs" ;;
  esac
  command -v rabbitmq-server >/dev/null 2>&1 || apt_install rabbitmq-server "install RabbitMQ or set SPRING_RABBITMQ_HOST"
  info "starting RabbitMQ (rabbitmq-server -detached)"
  rabbitmq-server -detached >/dev/null 2>&1 || die "rabbitmq-server -detached failed; see /var/log/rabbitmq"
  wait_for_port "$host" "$port" 90 "RabbitMQ"
}

# dynalite is pinned in tools/dynalite; npm ci installs exactly the locked versions.
ensure_dynalite_installed() {
  require_command node "install Node.js 18 or newer (apt-get install nodejs npm)"
  require_command npm "install npm (apt-get install npm)"
  local dir="$ROOT/tools/dynalite"
  if [ ! -x "$dir/node_modules/.bin/dynalite" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    info "installing dynalite (npm ci)"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null || die "npm ci in tools/dynalite failed"
  fi
}

ensure_aws_cli() {
  command -v aws >/dev/null 2>&1 || apt_install awscli "install the AWS CLI to create the table"
}

# start_dynalite PORT DATA_DIR PID_FILE LOG_FILE: starts dynalite unless the recorded pid still runs. It listens
# on loopback only: it has no authentication, and only the services on this machine use it.
start_dynalite() {
  local port=$1 data=$2 pidfile=$3 log=$4
  if pid_running "$pidfile"; then
    return 0
  fi
  mkdir -p "$data"
  nohup node "$ROOT/tools/dynalite/node_modules/.bin/dynalite" --host 127.0.0.1 --port "$port" --path "$data" \
    --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$log" 2>&1 &
  echo $! >"$pidfile"
  wait_for_port 127.0.0.1 "$port" 30 "dynalite (log: $log)"
}

pid_running() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid PID_FILE: stops the process recorded there, waiting up to 30 s before forcing it.
stop_pid() {
  local pidfile=$1 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

create_table() {
  local endpoint=$1 table=$2
  ensure_aws_cli
  AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-local}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-local}" \
    TIMERS_DYNAMODB_ENDPOINT="$endpoint" TIMERS_TABLE="$table" \
    "$ROOT/localstack-init/ready.d/create-timers-table.sh"
}

# webhook_secrets FILE: sets WEBHOOK_SECRETS, the consumer's signing secrets, and WEBHOOK_SECRETS_NOTE, which
# says where they come from. An exported TIMERS_WEBHOOK_SECRETS is taken as it is (set but empty: calls are not
# signed). Otherwise one secret is generated on the first run and kept in FILE (readable by its owner only), so
# receivers go on verifying across restarts and --reset. Nothing here prints a secret.
webhook_secrets() {
  local file=$1
  if [ -n "${TIMERS_WEBHOOK_SECRETS+set}" ]; then
    WEBHOOK_SECRETS=$TIMERS_WEBHOOK_SECRETS
    if [ -n "${WEBHOOK_SECRETS//[[:space:],]/}" ]; then
      WEBHOOK_SECRETS_NOTE="signed with the secrets in TIMERS_WEBHOOK_SECRETS"
    else
      WEBHOOK_SECRETS_NOTE="not signed (TIMERS_WEBHOOK_SECRETS is empty)"
    fi
    return 0
  fi
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && printf 'whsec_%s\n' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >"$file")
    info "generated a webhook signing secret in $file"
  fi
  # One or more secrets, on one line or several.
  WEBHOOK_SECRETS=$(tr -s '[:space:]' ' ' <"$file" | sed 's/^ //; s/ $//')
  WEBHOOK_SECRETS_NOTE="signed with the secret in $file (TIMERS_WEBHOOK_SECRETS overrides it)"
}

# The AES-256 key the owners' signing secrets are stored under (both services need the same one): sets
# SECRETS_ENCRYPTION_KEY from TIMERS_SECRETS_ENCRYPTION_KEY, else from $1, which the first run generates. The key
# is never printed; losing it makes the stored secrets unreadable (owners make new ones).
secrets_encryption_key() {
  local file=$1
  if [ -n "${TIMERS_SECRETS_ENCRYPTION_KEY:-}" ]; then
    SECRETS_ENCRYPTION_KEY=$TIMERS_SECRETS_ENCRYPTION_KEY
    return 0
  fi
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' >"$file")
    info "generated the signing secrets' encryption key in $file"
  fi
  SECRETS_ENCRYPTION_KEY=$(tr -d '[:space:]' <"$file")
}
