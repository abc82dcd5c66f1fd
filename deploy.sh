#!/usr/bin/env bash
# Runs the whole pipeline: MySQL/MariaDB → Debezium (Kafka Connect) → Kafka → ClickHouse, plus the three services.
# Docker Compose where a Docker engine answers, otherwise the local stack as plain processes on 127.0.0.1.
# ./deploy.sh --help lists the flags and environment variables. Stop it with ./terminate.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/platform/env.sh"
source "$here/platform/lib.sh"

SERVICES=(cdc-registrar enricher-gateway clickhouse-sink)
COMPONENTS=(mariadb clickhouse kafka connect)
COMPONENTS+=("${CLUSTER_COMPONENTS[@]}")

usage() {
  cat << TXT
Usage: ./deploy.sh [--local | --compose] [--rebuild] [--demo[=RATE]]

  --local     run the local stack as plain processes bound to 127.0.0.1: MariaDB and ClickHouse from Debian's
              packages, Kafka $KAFKA_VERSION (KRaft), Kafka Connect and Debezium $DEBEZIUM_VERSION from Maven Central,
              then the three services (java -jar). Installs what is missing (apt packages need root).
  --compose   run docker-compose.yaml: with Docker Compose where a Docker engine answers, else with podman and
              podman-compose (installed from Debian), building every image that cannot be pulled (stand-ins for
              MySQL, Kafka, Connect, ClickHouse from Debian/Maven Central, the services with Jib) into a local
              registry on 127.0.0.1:5000; waits until every container is healthy (platform/compose.sh --help)
  (neither)   --compose when 'docker info' answers, else --local
  --rebuild   rebuild the three services (Maven; with --compose their images) even when they exist, and restart them
  --demo[=RATE]  the demo: tables customers and orders in $MYSQL_DATABASE with some rows, the enrichment
              orders_enriched (demo/enrichments.yaml) landing in ClickHouse as enriched.orders_enriched, and a
              generator changing orders and customers RATE times a second (default 5; 0: no generator)
  -h, --help  this text

Running it again while everything is up changes nothing. On a failure it names the failing part and its log,
stops what this run started, and exits non-zero. The endpoints are printed and written to
\$PIPELINE_RUN_DIR/endpoints.env (source it). Stop with ./terminate.sh (--wipe also deletes the data).

Environment (defaults in platform/env.sh; a run dir remembers the settings it was started with):
  PIPELINE_RUN_DIR=.run            pids, logs, data, configs, endpoints.env
  PIPELINE_DIST=.run/dist          Kafka/Connect/Debezium jars (shared, never wiped)
  MYSQL_PORT=3306  MYSQL_DATABASE=streaming_etl_db  MYSQL_USER=etl  MYSQL_PASSWORD=etl-secret
  MYSQL_ADMIN_USER=root  MYSQL_ADMIN_PASSWORD=etl-root  DEBEZIUM_MYSQL_USER=debezium  DEBEZIUM_MYSQL_PASSWORD=dbz-secret
  MYSQL_EXTRA_DATABASES=           more databases (comma-separated) to create and capture beside MYSQL_DATABASE (local mode)
  CLICKHOUSE_HTTP_PORT=8123  CLICKHOUSE_TCP_PORT=9000  CLICKHOUSE_INTERSERVER_PORT=9009
  CLICKHOUSE_USER=default  CLICKHOUSE_PASSWORD=ch-secret
  CLICKHOUSE_REPLICAS=1            2 or more: ZooKeeper (ZOOKEEPER_PORT=2181) and that many ClickHouse replicas of one
                                   shard of cluster CLICKHOUSE_CLUSTER_NAME=pipeline, replica n on the ClickHouse ports
                                   + 10 x (n - 1) (CLICKHOUSE_<n>_HTTP_PORT/_TCP_PORT/_INTERSERVER_PORT); local mode
  KAFKA_PORT=9092  KAFKA_CONTROLLER_PORT=9093  CONNECT_PORT=8083  TOPIC_PREFIX=streaming_etl
  CDC_REGISTRAR_PORT=8091  ENRICHER_GATEWAY_PORT=8092  CLICKHOUSE_SINK_PORT=8093
  CLICKHOUSE_SINK_INSTANCES=1      sink instances in one consumer group, instance n on CLICKHOUSE_SINK_PORT + n - 1 (local mode)
  STACK_TIMEOUT=120 (or MARIADB_/CLICKHOUSE_/KAFKA_/CONNECT_TIMEOUT)  SERVICES_TIMEOUT=90 (live)
  SERVICES_READY_TIMEOUT=60 (ready: reported, not fatal)  STOP_TIMEOUT=30
  PIPELINE_MAX_ROW_BYTES=67108864  the largest row (MariaDB's max_allowed_packet); Kafka's limits and the heaps below follow
  KAFKA_HEAP_OPTS="-Xms256m -Xmx512m"  CONNECT_HEAP_OPTS="-Xms256m -Xmx<768 + 12 x row MiB>m"  SERVICES_JAVA_OPTS=-Xmx256m
  CLICKHOUSE_SINK_JAVA_OPTS="-Xms112m -Xmx<112 + 16 x row MiB>m -XX:MaxNewSize=38m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
  PIPELINE_SUPERVISOR=on           local mode: platform/supervisor.sh starts a process that died again (off: not)
  MVN                              Maven command (default: ./mvnw, else mvn)
Example: MYSQL_PORT=3307 KAFKA_PORT=19092 ./deploy.sh --local
TXT
}

mode="" rebuild=0 demo=0 demo_rate=5
for arg in "$@"; do
  case "$arg" in
    --local) mode=local ;;
    --compose) mode=compose ;;
    --rebuild) rebuild=1 ;;
    --demo) demo=1 ;;
    --demo=*)
      demo=1 demo_rate=${arg#--demo=}
      [[ $demo_rate =~ ^[0-9]+$ ]] || die "--demo=RATE needs a number of changes per second, not '$demo_rate'"
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option '$arg' (see ./deploy.sh --help)" ;;
  esac
done
if [ $demo -eq 1 ]; then export ENRICHMENTS_FILE="$PIPELINE_HOME/demo/enrichments.yaml"; fi
export CLICKHOUSE_SINK_INSTANCES
for ((n = 2; n <= CLICKHOUSE_SINK_INSTANCES; n++)); do SERVICES+=("clickhouse-sink-$n"); done
if [ -z "$mode" ]; then
  if command -v docker > /dev/null 2>&1 && docker info > /dev/null 2>&1; then mode=compose; else mode=local; fi
fi
mkdir -p "$PIPELINE_RUN_DIR/logs"
BUILD_LOG="$PIPELINE_RUN_DIR/logs/build.log"
STOP_PREFIX=""
[ "$PIPELINE_RUN_DIR" = "$PIPELINE_HOME/.run" ] || STOP_PREFIX="PIPELINE_RUN_DIR=$(shell_quote "$PIPELINE_RUN_DIR") "

# start_demo: loads demo/demo.sql, makes the enricher run demo/enrichments.yaml, starts the generator.
start_demo() {
  [ $demo -eq 1 ] || return 0
  info "Demo: loading demo/demo.sql into $MYSQL_DATABASE"
  mysql -h"$MYSQL_HOST" -P"$MYSQL_PORT" -u"$MYSQL_USER" -p"$MYSQL_PASSWORD" --default-character-set=utf8mb4 \
    "$MYSQL_DATABASE" < "$PIPELINE_HOME/demo/demo.sql" || die "loading demo/demo.sql into $MYSQL_DATABASE failed"
  if [ "$mode" = local ] && [ -n "${WAS_RUNNING[enricher-gateway]:-}" ]; then
    info "Demo: restarting enricher-gateway with $ENRICHMENTS_FILE"
    bash "$here/platform/services.sh" restart enricher-gateway
  fi
  if [ "$demo_rate" -gt 0 ]; then
    stop_process demo-generator 5 > /dev/null 2>&1 || true
    start_bg demo-generator "$PIPELINE_RUN_DIR" "$(log_file demo-generator)" bash "$PIPELINE_HOME/demo/generator.sh" "$demo_rate"
    info "Demo: generator running, $demo_rate changes/s (log: $(log_file demo-generator); ./terminate.sh stops it)"
  fi
  cat << TXT

The demo's enriched table (give it a few seconds):
  curl -s -u "\$CLICKHOUSE_USER:\$CLICKHOUSE_PASSWORD" "\$CLICKHOUSE_HTTP_URL" --data-binary \\
    "SELECT * FROM enriched.orders_enriched FINAL WHERE _deleted = 0 ORDER BY order_id FORMAT PrettyCompact"
TXT
}

jars_missing() {
  local s
  for s in "${SERVICES[@]}"; do
    [ -f "$PIPELINE_HOME/$s/target/quarkus-app/quarkus-run.jar" ] || return 0
  done
  return 1
}

# build_services [MAVEN_ARG...]: ./mvnw -B -q -DskipTests package, output in the build log.
build_services() {
  local mvn=()
  mapfile -t mvn < <(mvn_cmd)
  info "Building the services: ${mvn[*]} -B -q -DskipTests package${*:+ $*} (log: $BUILD_LOG)"
  if ! (cd "$PIPELINE_HOME" && "${mvn[@]}" -B -q -DskipTests -Dnative-check.skip=true package "$@") > "$BUILD_LOG" 2>&1; then
    tail -n 30 "$BUILD_LOG" >&2
    die "building the services failed; the build log: $BUILD_LOG${rebuild:+$([ "$rebuild" -eq 1 ] && echo ' (the services were stopped for the rebuild: fix the build and run ./deploy.sh again)')}"
  fi
}

print_endpoints() {
  local how=$1
  cat << TXT

The pipeline is running ($how). Endpoints, also in $PIPELINE_RUN_DIR/endpoints.env:
  MariaDB (MySQL)   $MYSQL_HOST:$MYSQL_PORT  database $MYSQL_DATABASE  user $MYSQL_USER
  ClickHouse        $CLICKHOUSE_HTTP_URL  (native tcp 127.0.0.1:$CLICKHOUSE_TCP_PORT)  user $CLICKHOUSE_USER$(
  [ -z "$CLICKHOUSE_CLUSTER" ] || printf '\n  ClickHouse cluster %s: replicas %s, ZooKeeper 127.0.0.1:%s' "$CLICKHOUSE_CLUSTER" \
    "$CLICKHOUSE_REPLICA_HTTP_URLS" "$ZOOKEEPER_PORT")
  Kafka             $KAFKA_BOOTSTRAP
  Kafka Connect     $CONNECT_URL$(
  [ -z "$SCHEMA_REGISTRY_URL" ] || printf '\n  schema registry   %s  (GET /subjects; change events in Avro)' "$SCHEMA_REGISTRY_URL")
  cdc-registrar     $CDC_REGISTRAR_URL     (GET /source/status)
  enricher-gateway  $ENRICHER_GATEWAY_URL     (GET /pipeline/entities)
  clickhouse-sink   $CLICKHOUSE_SINK_URLS     (GET /sink/tables; $CLICKHOUSE_SINK_INSTANCES instance(s) in one consumer group)
  status page       $STATUS_URL   (open it in a browser)
  logs              $([ "$mode" = compose ] && echo "docker/podman logs <container> (platform/compose.sh status lists them)" || echo "$PIPELINE_RUN_DIR/logs/")

Try it:
  source $PIPELINE_RUN_DIR/endpoints.env
  mariadb -h"\$MYSQL_HOST" -P"\$MYSQL_PORT" -u"\$MYSQL_USER" -p"\$MYSQL_PASSWORD" "\$MYSQL_DATABASE" \\
    -e "CREATE TABLE hello (id INT PRIMARY KEY, msg VARCHAR(50)); INSERT INTO hello VALUES (1, 'hi')"
  clickhouse-client --port "\$CLICKHOUSE_TCP_PORT" --user "\$CLICKHOUSE_USER" --password "\$CLICKHOUSE_PASSWORD" \\
    --query "SHOW TABLES FROM $MYSQL_DATABASE"
  curl -s -u "\$CLICKHOUSE_USER:\$CLICKHOUSE_PASSWORD" "\$CLICKHOUSE_HTTP_URL" \\
    --data-binary "SELECT * FROM $MYSQL_DATABASE.hello FINAL WHERE _deleted = 0 FORMAT PrettyCompact"
Stop with ${STOP_PREFIX}./terminate.sh (${STOP_PREFIX}./terminate.sh --wipe also deletes the data).
TXT
}

# ---------------------------------------------------------------- compose mode
# platform/compose.sh: Docker Compose where a Docker engine answers, else podman + podman-compose with images built
# here (stand-ins for the infrastructure where the official images cannot be pulled); waits until every container
# is healthy and writes endpoints.env.
deploy_compose() {
  [ "$CLICKHOUSE_REPLICAS" -eq 1 ] ||
    die "CLICKHOUSE_REPLICAS=$CLICKHOUSE_REPLICAS: the ClickHouse cluster runs in local mode only (./deploy.sh --local)"
  export REGISTRAR_API_TOKEN PIPELINE_MAX_ROW_BYTES PIPELINE_MAX_RECORD_BYTES KAFKA_SOCKET_REQUEST_MAX_BYTES MARIADB_REDO_LOG_BYTES \
    CLICKHOUSE_SINK_JAVA_OPTS CONNECT_HEAP_OPTS
  [ $rebuild -eq 0 ] || export IMAGES_REBUILD=1
  [ $demo -eq 0 ] || export COMPOSE_ENRICHMENTS_FILE=/demo/enrichments.yaml
  bash "$here/platform/compose.sh" up ||
    die "the Compose deployment did not come up (see above); ./terminate.sh --compose removes what started"
  print_endpoints "containers, $(bash "$here/platform/compose.sh" engine 2> /dev/null || echo compose)"
}

# ---------------------------------------------------------------- local mode
declare -A WAS_RUNNING=()
STEP=""

rollback() {
  local rc=$? i c
  trap - EXIT
  if [ $rc -ne 0 ]; then
    warn "deploy failed while ${STEP:-starting}; stopping what this run started"
    for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
      c=${SERVICES[$i]}
      [ -n "${WAS_RUNNING[$c]:-}" ] || bash "$here/platform/services.sh" stop "$c" > /dev/null 2>&1 || true
    done
    for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
      c=${COMPONENTS[$i]}
      [ -n "${WAS_RUNNING[$c]:-}" ] || bash "$here/platform/stack.sh" stop "$c" > /dev/null 2>&1 || true
    done
  fi
  exit $rc
}

# note_running: which components and services run before this deploy (only the others are stopped on failure).
note_running() {
  local line
  while read -r line; do
    [[ $line =~ ^([a-z0-9-]+):\ +running ]] && WAS_RUNNING[${BASH_REMATCH[1]}]=1
  done < <(bash "$here/platform/stack.sh" status 2> /dev/null; bash "$here/platform/services.sh" status 2> /dev/null)
  return 0
}

deploy_local() {
  local stack_ok=0 services_ok=0 s
  bash "$here/platform/stack.sh" status > /dev/null 2>&1 && stack_ok=1
  bash "$here/platform/services.sh" status > /dev/null 2>&1 && services_ok=1
  if [ $stack_ok -eq 1 ] && [ $services_ok -eq 1 ] && [ $rebuild -eq 0 ]; then
    note_running
    echo local > "$PIPELINE_RUN_DIR/mode"
    info "The pipeline in $PIPELINE_RUN_DIR is already running, nothing changed"
    start_supervisor
    print_endpoints "local mode"
    return 0
  fi
  note_running
  echo local > "$PIPELINE_RUN_DIR/mode"
  trap rollback EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  STEP="installing (logs: $PIPELINE_RUN_DIR/logs/install-*.log)"
  bash "$here/platform/install.sh" || die "installing failed (see above; logs: $PIPELINE_RUN_DIR/logs/install-*.log)"

  if [ $rebuild -eq 1 ] || jars_missing; then
    STEP="building the services (log: $BUILD_LOG)"
    if [ $rebuild -eq 1 ]; then
      # The jars are about to be replaced under the running services: stop them, and start them again below.
      bash "$here/platform/services.sh" down
      for s in "${SERVICES[@]}"; do unset "WAS_RUNNING[$s]"; done
    fi
    build_services
  fi

  STEP="starting the stack (logs: $PIPELINE_RUN_DIR/logs/)"
  bash "$here/platform/stack.sh" up || die "the stack did not start (see above; logs: $PIPELINE_RUN_DIR/logs/)"

  STEP="starting the services (logs: $PIPELINE_RUN_DIR/logs/)"
  bash "$here/platform/services.sh" up || die "the services did not start (see above; logs: $PIPELINE_RUN_DIR/logs/)"

  # Everything runs and is live from here on: a service that stays not ready (e.g. a table halted by a poison
  # record from earlier data) is reported with its reason, and left running to be looked at.
  trap - EXIT INT TERM
  start_supervisor
  local not_ready=()
  for s in "${SERVICES[@]}"; do wait_ready "$s" || not_ready+=("$s"); done
  print_endpoints "local mode"
  if [ ${#not_ready[@]} -gt 0 ]; then
    warn "running and live, but not ready: ${not_ready[*]} (reasons above; GET <url>/q/health/ready, logs in $PIPELINE_RUN_DIR/logs/)"
  fi
}

# start_supervisor: platform/supervisor.sh, which starts a crashed process again (PIPELINE_SUPERVISOR=off: not).
start_supervisor() {
  if [ "${PIPELINE_SUPERVISOR:-on}" = off ]; then
    info "PIPELINE_SUPERVISOR=off: a process that dies stays down until ./deploy.sh runs again"
    return 0
  fi
  bash "$here/platform/supervisor.sh" start
}

service_url() {
  case "$1" in
    cdc-registrar) echo "$CDC_REGISTRAR_URL" ;;
    enricher-gateway) echo "$ENRICHER_GATEWAY_URL" ;;
    clickhouse-sink) echo "$CLICKHOUSE_SINK_URL" ;;
    clickhouse-sink-[0-9]*) echo "http://127.0.0.1:$((CLICKHOUSE_SINK_PORT + ${1#clickhouse-sink-} - 1))" ;;
  esac
}

# wait_ready NAME: true when /q/health/ready answers 200 within SERVICES_READY_TIMEOUT; else prints the reason.
wait_ready() {
  local name=$1 url deadline
  url="$(service_url "$name")/q/health/ready"
  deadline=$((SECONDS + ${SERVICES_READY_TIMEOUT:-60}))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url")" = 200 ]; do
    if ((SECONDS >= deadline)); then
      warn "$name is live but not ready after ${SERVICES_READY_TIMEOUT:-60}s: $url says"
      curl -s --max-time 5 "$url" | head -c 2000 >&2
      printf '\n(log: %s)\n' "$(log_file "$name")" >&2
      return 1
    fi
    sleep 1
  done
  info "$name: ready"
}

case "$mode" in
  compose) deploy_compose ;;
  local) deploy_local ;;
esac
start_demo
