#!/usr/bin/env bash
# The three services as plain processes: java -jar <module>/target/quarkus-app/quarkus-run.jar, each with the
# stack's endpoints ($PIPELINE_RUN_DIR/endpoints.env) in its environment plus QUARKUS_HTTP_PORT,
# QUARKUS_HTTP_HOST=127.0.0.1 and PIPELINE_DATA_DIR=$PIPELINE_RUN_DIR/data/<name>.
#
# Usage: platform/services.sh up | down | status | restart <name> | stop <name> | kill <name>
#   up              starts the services not running (idempotent) and waits until each answers
#                   GET /q/health/live with 200 (SERVICES_TIMEOUT s); on failure stops what it started
#   down            stops them (SIGTERM; SIGKILL only after $STOP_TIMEOUT s)
#   status          the state of each; exit code 0 when all are running and live, 3 otherwise
#   restart <name>  stop + start of one service
#   stop <name>     stops one service cleanly
#   kill <name>     SIGKILL, for crash tests (`up` starts it again)
# Names: cdc-registrar, enricher-gateway, clickhouse-sink. Pid files, logs and data as in stack.sh.
# Tests of the modern type mapping add clickhouse-sink-modern: a second clickhouse-sink (consumer group
# clickhouse-sink-modern) writing into the test-only chdb front of platform/chdb.sh (a current ClickHouse engine) at
# 127.0.0.1:$CHDB_HTTP_PORT. `up` starts it when MODERN_SINK_PORT is set; `down` stops it whenever it runs.
# CLICKHOUSE_SINK_INSTANCES=N (default 1) runs N clickhouse-sink instances in one consumer group: clickhouse-sink,
# then clickhouse-sink-2 .. clickhouse-sink-N on the next ports (CLICKHOUSE_SINK_PORT + 1, ...; CLICKHOUSE_SINK_<n>_PORT
# sets one, e.g. where MODERN_SINK_PORT is the next port), each with its own
# log, pid and data dir. Every local sink gets a static group membership id (SINK_KAFKA_INSTANCE_ID=clickhouse-sink-<n>),
# so a restarted instance takes its partitions back at once; `down` stops every instance that runs.
# The services are built with: ./mvnw -DskipTests package
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
source "$here/lib.sh"

SERVICES=(cdc-registrar enricher-gateway clickhouse-sink)
ALL_SERVICES=(cdc-registrar enricher-gateway clickhouse-sink clickhouse-sink-modern)
MODERN_SINK_URL="http://127.0.0.1:${MODERN_SINK_PORT:-}"
# sink_instance N: instance N's name and port (CLICKHOUSE_SINK_<N>_PORT, default CLICKHOUSE_SINK_PORT + N - 1).
sink_instance() {
  local var="CLICKHOUSE_SINK_$1_PORT"
  declare -g "$var=${!var:-$((CLICKHOUSE_SINK_PORT + $1 - 1))}"
  case " ${ALL_SERVICES[*]} " in *" clickhouse-sink-$1 "*) ;; *) ALL_SERVICES+=("clickhouse-sink-$1") ;; esac
}
for ((n = 2; n <= CLICKHOUSE_SINK_INSTANCES; n++)); do
  sink_instance "$n"
  SERVICES+=("clickhouse-sink-$n")
done
# Instances a run with more of them started (down, stop and kill must find them).
for f in "$PIPELINE_RUN_DIR"/pids/clickhouse-sink-[0-9]*.pid; do
  [ -f "$f" ] || continue
  n=${f##*/clickhouse-sink-}
  sink_instance "${n%.pid}"
done
[ -z "${MODERN_SINK_PORT:-}" ] || SERVICES+=(clickhouse-sink-modern)

check_name() {
  case " ${ALL_SERVICES[*]} " in *" ${1:-} "*) ;; *) die "unknown service '${1:-}' (one of: ${SERVICES[*]})" ;; esac
}

port_var() {
  case "$1" in
    cdc-registrar) echo CDC_REGISTRAR_PORT ;;
    enricher-gateway) echo ENRICHER_GATEWAY_PORT ;;
    clickhouse-sink) echo CLICKHOUSE_SINK_PORT ;;
    clickhouse-sink-modern) echo MODERN_SINK_PORT ;;
    clickhouse-sink-[0-9]*) echo "CLICKHOUSE_SINK_${1#clickhouse-sink-}_PORT" ;;
  esac
}

url_of() {
  case "$1" in
    cdc-registrar) echo "$CDC_REGISTRAR_URL" ;;
    enricher-gateway) echo "$ENRICHER_GATEWAY_URL" ;;
    clickhouse-sink) echo "$CLICKHOUSE_SINK_URL" ;;
    clickhouse-sink-modern) echo "$MODERN_SINK_URL" ;;
    clickhouse-sink-[0-9]*) local var="CLICKHOUSE_SINK_${1#clickhouse-sink-}_PORT"; echo "http://127.0.0.1:${!var}" ;;
  esac
}

jar_of() {
  case "$1" in
    clickhouse-sink*) echo "$PIPELINE_HOME/clickhouse-sink/target/quarkus-app/quarkus-run.jar" ;;
    *) echo "$PIPELINE_HOME/$1/target/quarkus-app/quarkus-run.jar" ;;
  esac
}

# cluster_env_of_sink: with CLICKHOUSE_REPLICAS > 1, every replica's URL (the sink writes to the first that answers)
# and the cluster (Replicated tables, ON CLUSTER DDL); nothing otherwise.
cluster_env_of_sink() {
  [ -n "$CLICKHOUSE_CLUSTER" ] || return 0
  local urls=${CLICKHOUSE_REPLICA_HTTP_URLS// /,}
  echo "SINK_CLICKHOUSE_URL=$urls SINK_CLICKHOUSE_CLUSTER=$CLICKHOUSE_CLUSTER"
}

# Settings of a service beyond the stack's endpoints, one NAME=value per word (MODERN_SINK_ENV adds more).
extra_env_of() {
  case "$1" in
    cdc-registrar) [ -z "$MYSQL_EXTRA_DATABASES" ] || echo "REGISTRAR_SOURCE_DATABASES=$MYSQL_DATABASE,$MYSQL_EXTRA_DATABASES" ;;
    clickhouse-sink-modern)
      echo "CLICKHOUSE_HTTP_URL=http://127.0.0.1:${CHDB_HTTP_PORT:-8124} SINK_KAFKA_GROUP_ID=clickhouse-sink-modern" \
        "SINK_KAFKA_INSTANCE_ID=clickhouse-sink-modern-1 ${MODERN_SINK_ENV:-}"
      ;;
    clickhouse-sink) echo "SINK_KAFKA_INSTANCE_ID=clickhouse-sink-1 $(cluster_env_of_sink)" ;;
    clickhouse-sink-[0-9]*) echo "SINK_KAFKA_INSTANCE_ID=$1 $(cluster_env_of_sink)" ;;
  esac
}

live() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$(url_of "$1")/q/health/live" 2> /dev/null)" = 200 ]; }

require_jars() {
  local s missing=()
  for s in "$@"; do [ -f "$(jar_of "$s")" ] || missing+=("$(jar_of "$s")"); done
  [ ${#missing[@]} -eq 0 ] ||
    die "not built: ${missing[*]}. Build the services first: (cd $PIPELINE_HOME && ./mvnw -DskipTests package)"
}

require_stack() {
  [ -f "$PIPELINE_RUN_DIR/endpoints.env" ] ||
    die "no $PIPELINE_RUN_DIR/endpoints.env: start the stack first (platform/stack.sh up)"
}

# launch NAME: starts NAME in the background (await_live waits for it).
launch() {
  local name=$1 var port v extra
  read -ra extra <<< "$(extra_env_of "$name")"
  var=$(port_var "$name")
  port=${!var}
  require_port_free "$name" "$port" "$var"
  mkdir -p "$PIPELINE_RUN_DIR/data/$name"
  for v in "${ENDPOINT_VARS[@]}"; do export "${v?}"; done
  info "$name: starting on $(url_of "$name") (log: $(log_file "$name"))"
  local opts=$SERVICES_JAVA_OPTS
  case "$name" in clickhouse-sink*) opts=$CLICKHOUSE_SINK_JAVA_OPTS ;; esac
  # shellcheck disable=SC2086 # the options are several words
  QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 PIPELINE_DATA_DIR="$PIPELINE_RUN_DIR/data/$name" \
    MALLOC_ARENA_MAX=2 start_bg "$name" "$PIPELINE_RUN_DIR/data/$name" "$(log_file "$name")" \
    env "${extra[@]}" java $opts -jar "$(jar_of "$name")"
}

await_live() {
  wait_for "$1" "$SERVICES_TIMEOUT" live "$1"
  info "$1: live at $(url_of "$1")"
}

STARTED=()
rollback() {
  local rc=$? i
  trap - EXIT
  if [ $rc -ne 0 ] && [ ${#STARTED[@]} -gt 0 ]; then
    warn "services.sh failed; stopping what it started: ${STARTED[*]}"
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do stop_process "${STARTED[$i]}" || true; done
  fi
  exit $rc
}

up() {
  lock_run_dir
  require_stack
  local port_vars=(CDC_REGISTRAR_PORT ENRICHER_GATEWAY_PORT CLICKHOUSE_SINK_PORT) n
  for ((n = 2; n <= CLICKHOUSE_SINK_INSTANCES; n++)); do port_vars+=("CLICKHOUSE_SINK_${n}_PORT"); done
  [ -z "${MODERN_SINK_PORT:-}" ] || port_vars+=(MODERN_SINK_PORT)
  require_distinct_ports "${port_vars[@]}"
  local s pid to_start=() deadline
  for s in "${SERVICES[@]}"; do
    if pid=$(owned_pid "$s"); then
      deadline=$((SECONDS + SERVICES_TIMEOUT))
      until live "$s"; do
        if ((SECONDS >= deadline)); then
          show_logs "$s"
          die "$s is running (pid $pid) but $(url_of "$s")/q/health/live does not answer 200; its log: $(log_file "$s"). Restart it: platform/services.sh restart $s"
        fi
        running "$s" || break
        sleep 1
      done
      if running "$s"; then
        info "$s: already running (pid $pid) at $(url_of "$s")"
        continue
      fi
    fi
    to_start+=("$s")
  done
  if [ ${#to_start[@]} -eq 0 ]; then
    info "Services already running; nothing changed"
    return 0
  fi
  require_jars "${to_start[@]}"
  local var
  for s in "${to_start[@]}"; do
    var=$(port_var "$s")
    require_port_free "$s" "${!var}" "$var"
  done
  save_state
  trap rollback EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  local t0=$SECONDS
  # All at once: they do not depend on each other, only on the stack.
  for s in "${to_start[@]}"; do
    STARTED+=("$s")
    launch "$s"
  done
  for s in "${to_start[@]}"; do await_live "$s"; done
  trap - EXIT INT TERM
  info "Services up in $((SECONDS - t0))s (started: ${to_start[*]})"
}

down() {
  local i
  lock_run_dir
  for ((i = ${#ALL_SERVICES[@]} - 1; i >= 0; i--)); do stop_process "${ALL_SERVICES[$i]}"; done
}

status() {
  local s pid rc=0
  for s in "${SERVICES[@]}"; do
    if pid=$(owned_pid "$s"); then
      if live "$s"; then
        printf '%-17s running (pid %s), live, %s\n' "$s:" "$pid" "$(url_of "$s")"
      else
        printf '%-17s running (pid %s), NOT live, log %s\n' "$s:" "$pid" "$(log_file "$s")"
        rc=3
      fi
    else
      printf '%-17s stopped\n' "$s:"
      rc=3
    fi
  done
  return $rc
}

restart() {
  check_name "$1"
  lock_run_dir
  require_stack
  require_jars "$1"
  stop_process "$1"
  launch "$1"
  await_live "$1"
}

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  restart) restart "${2:-}" ;;
  stop)
    check_name "${2:-}"
    lock_run_dir
    if running "$2"; then stop_process "$2"; else info "$2: not running"; fi
    ;;
  kill)
    check_name "${2:-}"
    lock_run_dir
    kill_process "$2"
    ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
