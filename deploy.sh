#!/usr/bin/env bash
# Runs the whole pipeline: Docker Compose where a Docker engine answers, otherwise the local real stack
# (plain processes on 127.0.0.1). See --help.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/platform/env.sh"
source "$here/platform/lib.sh"

usage() {
  cat <<'TXT'
Usage: ./deploy.sh [--local | --compose] [--rebuild] [--demo]

  --local     run the local stack as plain processes (MariaDB and ClickHouse from Debian's packages,
              Kafka 4.1.1, Kafka Connect and Debezium 3.4 from Maven Central), bound to 127.0.0.1
  --compose   run docker-compose.yaml (needs a Docker engine); builds the service images with Jib first
  (neither)   --compose when `docker info` answers, else --local
  --rebuild   rebuild the three services even when their jars exist
  --demo      create the demo tables and enrichment (not implemented yet; see the enricher issue)

Everything installs itself (apt packages need root). Running it again while everything is up changes nothing.
Endpoints are printed and written to .run/endpoints.env (source it).

Environment (defaults in platform/env.sh): MYSQL_PORT=3306 CLICKHOUSE_HTTP_PORT=8123 CLICKHOUSE_TCP_PORT=9000
CLICKHOUSE_INTERSERVER_PORT=9009 KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093 CONNECT_PORT=8083
CDC_REGISTRAR_PORT=8091 ENRICHER_GATEWAY_PORT=8092 CLICKHOUSE_SINK_PORT=8093 TOPIC_PREFIX=streaming_etl
MYSQL_USER/MYSQL_PASSWORD, MYSQL_ADMIN_USER/MYSQL_ADMIN_PASSWORD, DEBEZIUM_MYSQL_USER/DEBEZIUM_MYSQL_PASSWORD,
CLICKHOUSE_USER/CLICKHOUSE_PASSWORD, PIPELINE_RUN_DIR=.run, STACK_TIMEOUT=120, SERVICES_TIMEOUT=90 (seconds).
Stop with ./terminate.sh (add --wipe to delete the data).
TXT
}

mode="" rebuild=0 demo=0
for arg in "$@"; do
  case "$arg" in
    --local) mode=local ;;
    --compose) mode=compose ;;
    --rebuild) rebuild=1 ;;
    --demo) demo=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $arg" ;;
  esac
done
if [ -z "$mode" ]; then
  if command -v docker > /dev/null 2>&1 && docker info > /dev/null 2>&1; then mode=compose; else mode=local; fi
fi
mkdir -p "$PIPELINE_RUN_DIR"
echo "$mode" > "$PIPELINE_RUN_DIR/mode"

build_services() {
  local extra=("$@") s missing=0
  for s in cdc-registrar enricher-gateway clickhouse-sink; do
    [ -f "$PIPELINE_HOME/$s/target/quarkus-app/quarkus-run.jar" ] || missing=1
  done
  if [ $rebuild -eq 1 ] || [ $missing -eq 1 ] || [ ${#extra[@]} -gt 0 ]; then
    info "Building the services (./mvnw package, log: $PIPELINE_RUN_DIR/build.log)"
    (cd "$PIPELINE_HOME" && "$(mvn_cmd)" -B -DskipTests -Dnative-check.skip=true package "${extra[@]}") \
      > "$PIPELINE_RUN_DIR/build.log" 2>&1 || { tail -n 30 "$PIPELINE_RUN_DIR/build.log" >&2; die "building the services failed; log: $PIPELINE_RUN_DIR/build.log"; }
  fi
}

ready() { curl -fsS "$1/q/health/ready" > /dev/null 2>&1; }

wait_ready() {
  local name=$1 url=$2 deadline=$((SECONDS + SERVICES_TIMEOUT))
  until ready "$url"; do
    if ((SECONDS >= deadline)); then
      warn "$name is live but not ready after ${SERVICES_TIMEOUT}s: $(curl -s "$url/q/health/ready" | tr -s ' \n' ' ')"
      return 1
    fi
    sleep 1
  done
}

deploy_compose() {
  local compose
  if docker compose version > /dev/null 2>&1; then compose=(docker compose);
  elif command -v docker-compose > /dev/null 2>&1; then compose=(docker-compose);
  else die "no 'docker compose' or 'docker-compose' found: install the Compose plugin, or run ./deploy.sh --local"; fi
  build_services -Dquarkus.container-image.build=true
  info "Starting docker-compose.yaml"
  (cd "$PIPELINE_HOME" && "${compose[@]}" -f docker-compose.yaml up -d --wait) || die "docker compose up failed: see '${compose[*]} logs'"
  info "Pipeline running in Docker Compose; endpoints: MySQL 127.0.0.1:$MYSQL_PORT, ClickHouse $CLICKHOUSE_HTTP_URL, Kafka $KAFKA_BOOTSTRAP, Connect $CONNECT_URL"
}

deploy_local() {
  stack_was_up=1 services_were_up=1
  case "$(bash "$here/platform/stack.sh" status)" in *stopped*) stack_was_up=0 ;; esac
  case "$(bash "$here/platform/services.sh" status)" in *stopped*) services_were_up=0 ;; esac
  if [ $stack_was_up -eq 1 ] && [ $services_were_up -eq 1 ] && [ $rebuild -eq 0 ]; then
    info "Already running, nothing changed"
    print_endpoints
    return 0
  fi
  rollback() {
    warn "deploy failed; stopping what this run started"
    [ $services_were_up -eq 1 ] || bash "$here/platform/services.sh" down || true
    [ $stack_was_up -eq 1 ] || bash "$here/platform/stack.sh" down || true
  }
  trap rollback EXIT
  bash "$here/platform/install.sh"
  build_services
  bash "$here/platform/stack.sh" up
  [ $rebuild -eq 0 ] || bash "$here/platform/services.sh" down
  bash "$here/platform/services.sh" up
  local failed=0
  wait_ready cdc-registrar "$CDC_REGISTRAR_URL" || failed=1
  wait_ready enricher-gateway "$ENRICHER_GATEWAY_URL" || failed=1
  wait_ready clickhouse-sink "$CLICKHOUSE_SINK_URL" || failed=1
  [ $failed -eq 0 ] || die "a service did not become ready; logs in $PIPELINE_RUN_DIR/logs/"
  trap - EXIT
  print_endpoints
}

print_endpoints() {
  cat <<TXT

The pipeline is running (local mode). Endpoints (also in $PIPELINE_RUN_DIR/endpoints.env):
  MySQL (MariaDB)   $MYSQL_HOST:$MYSQL_PORT  database $MYSQL_DATABASE  user $MYSQL_USER
  ClickHouse        $CLICKHOUSE_HTTP_URL  user $CLICKHOUSE_USER
  Kafka             $KAFKA_BOOTSTRAP
  Kafka Connect     $CONNECT_URL
  cdc-registrar     $CDC_REGISTRAR_URL   (GET /source/status, /q/health/ready)
  enricher-gateway  $ENRICHER_GATEWAY_URL   (GET /pipeline/entities)
  clickhouse-sink   $CLICKHOUSE_SINK_URL   (GET /sink/tables)
  logs              $PIPELINE_RUN_DIR/logs/

Try it:
  source $PIPELINE_RUN_DIR/endpoints.env
  mysql --default-character-set=utf8mb4 -h\$MYSQL_HOST -P\$MYSQL_PORT -u\$MYSQL_USER -p\$MYSQL_PASSWORD \$MYSQL_DATABASE \\
    -e "CREATE TABLE hello (id INT PRIMARY KEY, msg VARCHAR(50)); INSERT INTO hello VALUES (1, 'hi')"
  curl -s -u "\$CLICKHOUSE_USER:\$CLICKHOUSE_PASSWORD" "\$CLICKHOUSE_HTTP_URL" \\
    --data-binary "SELECT * FROM $MYSQL_DATABASE.hello FINAL WHERE _deleted = 0 FORMAT PrettyCompact"
Stop with ./terminate.sh (./terminate.sh --wipe also deletes the data).
TXT
}

case "$mode" in
  compose) deploy_compose ;;
  local) deploy_local ;;
esac
if [ $demo -eq 1 ]; then
  warn "--demo is not implemented yet (the enrichment demo belongs to the enricher-gateway issue)"
fi
