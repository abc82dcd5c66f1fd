#!/usr/bin/env bash
# docker-compose.yaml with Docker Compose where a Docker engine answers, else with podman + podman-compose (as on the
# project's machines, which have no Docker engine and cannot pull images: there the infrastructure images are
# replaced by stand-ins and the services' images built by Jib into a local registry, platform/images/build.sh).
#
# Usage: platform/compose.sh up | down [--wipe] | status | container <service> | health <service> | engine
#   up               images (pulled, or built where they cannot be pulled), then `up -d` of the core services, and
#                    waits until every container is healthy (COMPOSE_TIMEOUT s); writes $PIPELINE_RUN_DIR/endpoints.env
#   down [--wipe]    removes the containers (and with --wipe the volumes)
#   status           each service's container and health; exit code 0 when all are healthy, 3 otherwise
#   container <svc>  the name of the service's container
#   health <svc>     runs the service's health check once (exit code 0: healthy)
#
# Environment (besides the ports of platform/env.sh, which the Compose file reads too):
#   COMPOSE_ENGINE=docker|podman     default: docker when `docker info` answers, else podman
#   COMPOSE_PROJECT_NAME             default streaming_etl_pipeline (the file's name:)
#   PIPELINE_FORMAT=avro|json        the change events' format (platform/env.sh's default); the schema-registry
#                                    service runs either way (part of the core services)
#   COMPOSE_PROFILES                 optional parts: ksqldb, monitoring (Prometheus + Grafana); their images must
#                                    be pullable
#   IMAGES_STANDINS=auto|always|never  stand-ins for mysql, kafka, connect, schema-registry, clickhouse; auto: when Docker Hub does
#                                    not answer (podman only: with Docker the official images are pulled)
#   COMPOSE_TIMEOUT=600              seconds until every container is healthy (52 s on an idle 2-core machine;
#                                    Kafka alone took 252 s at load 40)
# Health checks: Docker runs them by itself; podman without systemd does not, so this script runs
# `podman healthcheck run` itself while waiting.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
source "$here/lib.sh"

COMPOSE_FILE="$PIPELINE_HOME/docker-compose.yaml"
COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-streaming_etl_pipeline}"
COMPOSE_TIMEOUT="${COMPOSE_TIMEOUT:-600}"
IMAGES_STANDINS="${IMAGES_STANDINS:-auto}"
# The core pipeline, in start order (podman-compose 1.0.3 ignores profiles: it gets this list explicitly).
CORE_SERVICES=(mysql kafka schema-registry clickhouse connect cdc-registrar enricher-gateway clickhouse-sink)
COMPOSE_ENV="$PIPELINE_RUN_DIR/compose.env"
export COMPOSE_PROJECT_NAME
# limit_within MAX HARD: MAX, or the host's hard limit HARD when that is lower.
limit_within() { if [ "$2" = unlimited ] || [ "$2" -ge "$1" ]; then echo "$1"; else echo "$2"; fi; }
NOFILE=$(limit_within 65536 "$(ulimit -Hn)")
NPROC=$(limit_within 32768 "$(ulimit -Hu)")

# engine: docker or podman.
engine() {
  if [ -n "${COMPOSE_ENGINE:-}" ]; then echo "$COMPOSE_ENGINE"; return; fi
  if command -v docker > /dev/null 2>&1 && docker info > /dev/null 2>&1; then echo docker; else echo podman; fi
}
ENGINE=$(engine)

# compose ARGS...: the Compose command of the engine on docker-compose.yaml and this project.
compose() {
  if [ "$ENGINE" = docker ]; then
    if docker compose version > /dev/null 2>&1; then
      docker compose -p "$COMPOSE_PROJECT_NAME" -f "$COMPOSE_FILE" "$@" 8>&-
    elif command -v docker-compose > /dev/null 2>&1; then
      docker-compose -p "$COMPOSE_PROJECT_NAME" -f "$COMPOSE_FILE" "$@" 8>&-
    else
      die "neither 'docker compose' nor 'docker-compose' is installed: install the Compose plugin, or run ./deploy.sh --local"
    fi
  else
    command -v podman-compose > /dev/null 2>&1 || die "podman-compose is not installed: platform/images/build.sh tools"
    # Rootful podman cannot raise a limit above this host's hard limit, not even as root. A service with ulimits of
    # its own (clickhouse) loses containers.conf's defaults and gets podman's built-in ones, which exceed it
    # ("error setting rlimit type 6/7"): every container gets nofile and nproc explicitly (the file's own ulimits
    # come later on podman's command line and win).
    # fd 8 (the run dir's lock) closed: podman's conmon processes would inherit it and hold the lock as long as
    # the containers live.
    podman-compose --podman-run-args="--ulimit nofile=$NOFILE:$NOFILE --ulimit nproc=$NPROC:$NPROC" \
      -p "$COMPOSE_PROJECT_NAME" -f "$COMPOSE_FILE" "$@" 8>&-
  fi
}

# container SERVICE: the service's container (by the labels both Compose implementations set).
container() {
  "$ENGINE" ps -a --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" \
    --filter "label=com.docker.compose.service=$1" --format '{{.Names}}' | head -n 1
}

# health SERVICE: 0 when healthy. Podman: runs the check now; Docker: the state its own checks recorded.
health() {
  local c
  c=$(container "$1")
  [ -n "$c" ] || return 1
  if [ "$ENGINE" = podman ]; then
    podman healthcheck run "$c" > /dev/null 2>&1
  else
    [ "$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$c" 2> /dev/null)" = healthy ]
  fi
}

# services: the services this deployment runs (the core ones, plus what COMPOSE_PROFILES adds).
services() {
  printf '%s\n' "${CORE_SERVICES[@]}"
  case ",${COMPOSE_PROFILES:-}," in *,ksqldb,*) echo ksqldb ;; esac
  case ",${COMPOSE_PROFILES:-}," in *,monitoring,*) echo prometheus; echo grafana ;; esac
}

# load_images_env: the image variables of the last `up` (stand-ins and local registry), for down/status.
load_images_env() {
  [ -f "$COMPOSE_ENV" ] || return 0
  set -a
  # shellcheck disable=SC1090
  source "$COMPOSE_ENV"
  set +a
}

# hub_reachable: Docker Hub answers (any HTTP status); here it does not, and nothing can be pulled.
hub_reachable() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 https://registry-1.docker.io/v2/ 2> /dev/null)" != 000 ]; }

# prepare_images: Docker: the services' images with Jib into the engine (when missing or --rebuild). Podman: the
# container tools; stand-ins when the official images cannot be pulled; the services with Jib into the local
# registry (on the project's own base image when the default one cannot be pulled). Writes compose.env.
prepare_images() {
  local s missing=0
  : > "$COMPOSE_ENV.tmp"
  if [ "$ENGINE" = docker ]; then
    for s in cdc-registrar enricher-gateway clickhouse-sink; do
      docker image inspect "streaming-etl/$s:0.1.0-SNAPSHOT" > /dev/null 2>&1 || missing=1
    done
    if [ "${IMAGES_REBUILD:-0}" = 1 ] || [ $missing -eq 1 ]; then
      local mvn=()
      mapfile -t mvn < <(mvn_cmd)
      info "Building the service images with Jib (log: $PIPELINE_RUN_DIR/logs/build.log)"
      (cd "$PIPELINE_HOME" && "${mvn[@]}" -B -q -DskipTests -Dnative-check.skip=true package \
        -Dquarkus.container-image.build=true) > "$PIPELINE_RUN_DIR/logs/build.log" 2>&1 ||
        { tail -n 30 "$PIPELINE_RUN_DIR/logs/build.log" >&2; die "building the service images failed"; }
    fi
  else
    bash "$here/images/build.sh" tools
    local standins=$IMAGES_STANDINS
    if [ "$standins" = auto ]; then
      if hub_reachable; then standins=never; else standins=always; fi
    fi
    if [ "$standins" = always ]; then
      info "Official images cannot be pulled here: building stand-ins (platform/images/build.sh; cached in the local registry)"
      bash "$here/install.sh" avro
      bash "$here/images/build.sh" base
      bash "$here/images/build.sh" standins
      bash "$here/images/build.sh" env | grep -E '^(MYSQL|KAFKA|CONNECT|SCHEMA_REGISTRY|CLICKHOUSE)_IMAGE=' >> "$COMPOSE_ENV.tmp"
      # The Connect stand-in carries the pipeline's caching Avro converter (the official image only Apicurio's)
      echo "AVRO_CONVERTER_CLASS=${AVRO_CONVERTER_CLASS:-org.streamingetl.connect.CachingAvroConverter}" >> "$COMPOSE_ENV.tmp"
    fi
    [ "$standins" = always ] || IMAGES_BASE=default
    IMAGES_BASE="${IMAGES_BASE:-local}" bash "$here/images/build.sh" services
    bash "$here/images/build.sh" env | grep -E '^(CDC_REGISTRAR|ENRICHER_GATEWAY|CLICKHOUSE_SINK)_IMAGE=' >> "$COMPOSE_ENV.tmp"
  fi
  mv "$COMPOSE_ENV.tmp" "$COMPOSE_ENV"
}

# image_var SERVICE: the variable naming the service's image in docker-compose.yaml.
image_var() { local v=${1//-/_}; echo "${v^^}_IMAGE"; }

# podman_refresh SERVICE...: podman runs an image it holds locally without asking the registry, and
# podman-compose 1.0.3 keeps existing containers as they are: pulls the images this deployment wants (a rebuilt
# service image keeps its tag), and prints "recreate" when a service's container runs another image.
podman_refresh() {
  local s var ref c want have
  for s in "$@"; do
    var=$(image_var "$s")
    ref=${!var:-}
    [ -n "$ref" ] || continue
    podman pull -q --tls-verify=false "$ref" > /dev/null 2>> "$PIPELINE_RUN_DIR/logs/compose.log" ||
      die "cannot pull $ref for $s (log: $PIPELINE_RUN_DIR/logs/compose.log)"
    c=$(container "$s")
    [ -n "$c" ] || continue
    want=$(podman image inspect -f '{{.Id}}' "$ref")
    have=$(podman inspect -f '{{.Image}}' "$c")
    [ "$want" = "$have" ] || { info "$s: its container runs another image than $ref: recreating the containers" >&2; echo recreate; return 0; }
  done
}

# wait_healthy SERVICE...: until each is healthy; dies with its log tail after COMPOSE_TIMEOUT s.
wait_healthy() {
  local s c deadline=$((SECONDS + COMPOSE_TIMEOUT)) t0=$SECONDS
  for s in "$@"; do
    until health "$s"; do
      if ((SECONDS >= deadline)); then
        c=$(container "$s")
        "$ENGINE" logs --tail 40 "$c" >&2 2> /dev/null || true
        die "$s (container ${c:-none}) is not healthy after ${COMPOSE_TIMEOUT}s (COMPOSE_TIMEOUT); its log: $ENGINE logs $c"
      fi
      sleep 2
    done
    info "$s: healthy ($((SECONDS - t0))s)"
  done
}

# require_network_free: the file's network has a fixed name (streaming_etl_pipeline_mysql_webproxy): containers of
# another project on it would answer to the same service names.
require_network_free() {
  local other
  other=$("$ENGINE" ps --filter network=streaming_etl_pipeline_mysql_webproxy \
    --format '{{index .Labels "com.docker.compose.project"}}' 2> /dev/null | grep -vx "$COMPOSE_PROJECT_NAME" | sort -u | head -n 1 || true)
  [ -z "$other" ] || die "the Compose project '$other' runs on the network streaming_etl_pipeline_mysql_webproxy, whose name is fixed: its containers would answer to the same service names. Stop it first (./terminate.sh --compose in its clone, with COMPOSE_PROJECT_NAME=$other)"
}

up() {
  lock_run_dir
  mkdir -p "$PIPELINE_RUN_DIR/logs"
  require_network_free
  case "$PIPELINE_FORMAT" in json | avro) ;; *) die "PIPELINE_FORMAT must be json or avro, not '$PIPELINE_FORMAT'" ;; esac
  local t0=$SECONDS svc=()
  mapfile -t svc < <(services)
  prepare_images
  load_images_env
  export REGISTRAR_API_TOKEN MYSQL_PORT KAFKA_PORT CLICKHOUSE_HTTP_PORT CLICKHOUSE_TCP_PORT CONNECT_PORT \
    CDC_REGISTRAR_PORT ENRICHER_GATEWAY_PORT CLICKHOUSE_SINK_PORT MYSQL_ADMIN_PASSWORD MYSQL_PASSWORD \
    DEBEZIUM_MYSQL_PASSWORD CLICKHOUSE_PASSWORD PIPELINE_FORMAT SCHEMA_REGISTRY_PORT
  # The file's variables that may be empty (written ${VAR} there: see its comment).
  export KSQLDB_URL="${KSQLDB_URL:-}" COMPOSE_ENRICHMENTS_FILE="${COMPOSE_ENRICHMENTS_FILE:-}"
  # Rootful podman runs containers within this process's limits: ClickHouse's nofile of the Compose file (262144)
  # cannot exceed the host's hard limit (20000 on the project's machines).
  if [ "$ENGINE" = podman ] && [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt 262144 ]; then
    export CLICKHOUSE_NOFILE="${CLICKHOUSE_NOFILE:-$(ulimit -Hn)}"
  fi
  info "Change events in $PIPELINE_FORMAT (PIPELINE_FORMAT)"
  info "Starting ${svc[*]} with $( [ "$ENGINE" = docker ] && echo 'Docker Compose' || echo podman-compose) (project $COMPOSE_PROJECT_NAME; log: $PIPELINE_RUN_DIR/logs/compose.log)"
  local recreate=()
  # From here on ./terminate.sh (without --compose) removes what this starts, even if it does not come up.
  echo compose > "$PIPELINE_RUN_DIR/mode"
  if [ "$ENGINE" = podman ] && [ -n "$(podman_refresh "${svc[@]}")" ]; then recreate=(--force-recreate); fi
  compose up -d "${recreate[@]}" "${svc[@]}" >> "$PIPELINE_RUN_DIR/logs/compose.log" 2>&1 ||
    { tail -n 30 "$PIPELINE_RUN_DIR/logs/compose.log" >&2; die "compose up failed; its log: $PIPELINE_RUN_DIR/logs/compose.log"; }
  wait_healthy "${svc[@]}"
  save_state
  info "All ${#svc[@]} containers healthy in $((SECONDS - t0))s"
}

down() {
  lock_run_dir
  load_images_env
  local args=(down)
  [ "${1:-}" != --wipe ] || args+=(-v)
  mkdir -p "$PIPELINE_RUN_DIR/logs"
  info "Removing the containers of $COMPOSE_PROJECT_NAME$([ "${1:-}" != --wipe ] || echo ' and their volumes')"
  compose "${args[@]}" >> "$PIPELINE_RUN_DIR/logs/compose.log" 2>&1 ||
    { tail -n 30 "$PIPELINE_RUN_DIR/logs/compose.log" >&2; die "compose down failed; its log: $PIPELINE_RUN_DIR/logs/compose.log"; }
  # podman-compose 1.0.3 leaves the network behind (Docker Compose removes it); removed once no container uses it.
  if [ "$ENGINE" = podman ]; then
    podman network rm streaming_etl_pipeline_mysql_webproxy > /dev/null 2>&1 || true
  fi
}

status() {
  local s c rc=0
  while read -r s; do
    # The engine's commands read stdin: kept off the list of services this loop reads.
    c=$(container "$s" < /dev/null)
    if [ -z "$c" ]; then printf '%-17s no container\n' "$s:"; rc=3; continue; fi
    if health "$s" < /dev/null; then printf '%-17s %s healthy\n' "$s:" "$c"; else printf '%-17s %s NOT healthy\n' "$s:" "$c"; rc=3; fi
  done < <(services)
  return $rc
}

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

case "${1:-}" in
  up) up ;;
  down) down "${2:-}" ;;
  status) status ;;
  container) container "${2:?service}" ;;
  engine) echo "$ENGINE" ;;
  health) health "${2:?service}" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
