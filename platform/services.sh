#!/usr/bin/env bash
# The three services as plain processes: java -jar <module>/target/quarkus-app/quarkus-run.jar.
# Usage: services.sh up | down | status | restart <name> | kill <name>
# Each service gets the stack's endpoints ($PIPELINE_RUN_DIR/endpoints.env) in its environment.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
source "$here/lib.sh"
# The stack's own endpoints win over the defaults, so a restart talks to the same stack.
if [ -f "$PIPELINE_RUN_DIR/endpoints.env" ]; then
  source "$PIPELINE_RUN_DIR/endpoints.env"
fi

SERVICES=(cdc-registrar enricher-gateway clickhouse-sink)

url_of() {
  case "$1" in
    cdc-registrar) echo "$CDC_REGISTRAR_URL" ;;
    enricher-gateway) echo "$ENRICHER_GATEWAY_URL" ;;
    clickhouse-sink) echo "$CLICKHOUSE_SINK_URL" ;;
    *) die "unknown service '$1' (one of: ${SERVICES[*]})" ;;
  esac
}

jar_of() { echo "$PIPELINE_HOME/$1/target/quarkus-app/quarkus-run.jar"; }

live() { curl -fsS "$(url_of "$1")/q/health/live" > /dev/null; }

start_service() {
  local name=$1 url port jar v
  url=$(url_of "$name")
  port=${url##*:}
  jar=$(jar_of "$name")
  [ -f "$jar" ] || die "$name is not built ($jar is missing): run ./mvnw -DskipTests package"
  require_port "$name" "$port" "$(echo "$name" | tr 'a-z-' 'A-Z_')_PORT"
  mkdir -p "$PIPELINE_RUN_DIR/data/$name"
  for v in "${ENDPOINT_VARS[@]}"; do export "${v?}"; done
  QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 PIPELINE_DATA_DIR="$PIPELINE_RUN_DIR/data/$name" \
    start_bg "$name" java -Xmx256m -jar "$jar"
  wait_for "$name" "$SERVICES_TIMEOUT" live "$name"
  info "$name: live at $url (log: $(log_file "$name"))"
}

up() {
  local s started=0
  for s in "${SERVICES[@]}"; do
    if running "$s"; then
      info "$s: already running (pid $(cat "$(pid_file "$s")"))"
    else
      start_service "$s"
      started=1
    fi
  done
  [ $started -eq 1 ] || info "Services already running; nothing changed"
}

down() {
  local i
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    stop_process "${SERVICES[$i]}" 30
  done
}

status() {
  local s
  for s in "${SERVICES[@]}"; do
    if running "$s"; then echo "$s: running (pid $(cat "$(pid_file "$s")")) at $(url_of "$s")"; else echo "$s: stopped"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  restart) url_of "${2:?service name}" > /dev/null; stop_process "$2" 30; start_service "$2" ;;
  kill)
    url_of "${2:?service name}" > /dev/null
    if running "$2"; then kill -KILL "$(cat "$(pid_file "$2")")"; rm -f "$(pid_file "$2")"; info "$2 killed (SIGKILL)"; fi ;;
  *) echo "usage: $0 up | down | status | restart <name> | kill <name>" >&2; exit 2 ;;
esac
