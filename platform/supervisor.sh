#!/usr/bin/env bash
# The local mode's self-healing: a small supervisor of the project's own processes (MariaDB, ClickHouse and, with
# CLICKHOUSE_REPLICAS > 1, ZooKeeper and the other ClickHouse replicas, Kafka,
# Kafka Connect, the schema registry with PIPELINE_FORMAT=avro, and the services) that starts a process again when
# it died, with backoff, and logs it. What Compose's `restart: unless-stopped` does for the containers, without
# systemd. ./deploy.sh starts it and ./terminate.sh stops it first.
#
# Usage: platform/supervisor.sh start | stop | status | run
#   start    starts the supervisor in the background (idempotent; log: $PIPELINE_RUN_DIR/logs/supervisor.log)
#   stop     stops it (the supervised processes keep running)
#   status   exit code 0 when it runs
#   run      the supervisor itself, in the foreground
#
# What counts as a crash: a process whose pid file names a process that is gone, or that is not running, while
# it was not stopped through these scripts. `platform/stack.sh stop|down` and `platform/services.sh stop|down`
# mark what they stop (pids/<name>.stopped), and such a process stays stopped; `services.sh kill` (SIGKILL, crash
# tests) and any other death are crashes. A dead stack component is started again with `platform/stack.sh up`
# (which starts every stopped component, in order, and waits until each is healthy), a dead service with
# `platform/services.sh restart <name>`. A process that does not come back is tried again after 2, 4, 8 … up to
# SUPERVISOR_MAX_BACKOFF seconds. A process that runs but does not answer is not restarted (as with Docker).
#
# Environment: SUPERVISOR_INTERVAL (s between checks, default 2), SUPERVISOR_MAX_BACKOFF (default 60),
# PIPELINE_SUPERVISOR=off makes ./deploy.sh not start it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
source "$here/lib.sh"

INTERVAL="${SUPERVISOR_INTERVAL:-2}"
MAX_BACKOFF="${SUPERVISOR_MAX_BACKOFF:-60}"
COMPONENTS=(mariadb clickhouse kafka connect)
# The schema registry runs (and is supervised) only for Avro, as in platform/stack.sh.
[ "$PIPELINE_FORMAT" != avro ] || COMPONENTS+=(registry)
# With CLICKHOUSE_REPLICAS > 1: ZooKeeper and the ClickHouse replicas 2..N, started again like ClickHouse.
COMPONENTS+=("${CLUSTER_COMPONENTS[@]}")
SERVICES=(cdc-registrar enricher-gateway clickhouse-sink)
# The other sink instances of CLICKHOUSE_SINK_INSTANCES=N (platform/services.sh), started again the same way.
for ((n = 2; n <= CLICKHOUSE_SINK_INSTANCES; n++)); do SERVICES+=("clickhouse-sink-$n"); done

log() { printf '%s %s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')" "$*"; }

# crashed NAME: NAME is not running, and was not stopped through the platform scripts.
crashed() { [ ! -e "$(stopped_file "$1")" ] && ! running "$1"; }

# heal CMD...: runs a platform script, its output into the supervisor's log.
heal() { bash "$@" 2>&1 | sed 's/^/    /'; return "${PIPESTATUS[0]}"; }

run() {
  declare -A healing=()
  local backoff=0 next=0 name dead components services ok
  log "supervising ${COMPONENTS[*]} ${SERVICES[*]} in $PIPELINE_RUN_DIR (every ${INTERVAL}s)"
  trap 'log "supervisor stopped"; exit 0' TERM INT
  while true; do
    for name in "${COMPONENTS[@]}" "${SERVICES[@]}"; do
      if [ -z "${healing[$name]:-}" ] && crashed "$name"; then
        healing[$name]=1
        log "$name: died (not stopped through the platform scripts; its log: $(log_file "$name")); starting it again"
        next=0
      fi
    done
    if [ ${#healing[@]} -gt 0 ] && ((SECONDS >= next)); then
      components=() services=() ok=1
      for name in "${COMPONENTS[@]}"; do [ -z "${healing[$name]:-}" ] || components+=("$name"); done
      for name in "${SERVICES[@]}"; do [ -z "${healing[$name]:-}" ] || services+=("$name"); done
      if [ ${#components[@]} -gt 0 ]; then
        heal "$here/stack.sh" up || ok=0
      fi
      for name in "${services[@]}"; do
        [ $ok -eq 1 ] || break
        heal "$here/services.sh" restart "$name" || ok=0
      done
      dead=()
      for name in "${!healing[@]}"; do
        if running "$name"; then
          unset "healing[$name]"
          log "$name: running again (pid $(owned_pid "$name"))"
        else
          dead+=("$name")
        fi
      done
      if [ ${#dead[@]} -eq 0 ]; then
        backoff=0
      else
        backoff=$((backoff == 0 ? 2 : backoff * 2))
        ((backoff <= MAX_BACKOFF)) || backoff=$MAX_BACKOFF
        next=$((SECONDS + backoff))
        log "${dead[*]}: did not come back; trying again in ${backoff}s (see the logs above and in $PIPELINE_RUN_DIR/logs/)"
      fi
    fi
    sleep "$INTERVAL"
  done
}

case "${1:-}" in
  start)
    if pid=$(owned_pid supervisor); then
      info "supervisor: already running (pid $pid)"
    else
      start_bg supervisor "$PIPELINE_RUN_DIR" "$(log_file supervisor)" bash "$here/supervisor.sh" run
      info "supervisor: started (pid $(owned_pid supervisor || echo '?'); log: $(log_file supervisor))"
    fi
    ;;
  stop) stop_process supervisor 10 ;;
  status)
    if pid=$(owned_pid supervisor); then echo "supervisor: running (pid $pid)"; else echo "supervisor: stopped"; exit 3; fi
    ;;
  run) run ;;
  -h | --help | help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" ;;
  *)
    awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" >&2
    exit 2
    ;;
esac
