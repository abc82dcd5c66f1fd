#!/usr/bin/env bash
# Stops what ./deploy.sh started, cleanly (Kafka and MariaDB flush on SIGTERM); the data is kept unless --wipe.
# Local mode: platform/supervisor.sh stop (so nothing is started again), platform/services.sh down, then platform/stack.sh down [--wipe]; only processes these scripts started
# (pid files under $PIPELINE_RUN_DIR/pids) are stopped. Compose mode: platform/compose.sh down [--wipe]
# (docker compose / podman-compose down [-v]).
# The mode is the one ./deploy.sh recorded in $PIPELINE_RUN_DIR/mode, unless --local or --compose says otherwise.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/platform/env.sh"
source "$here/platform/lib.sh"

usage() {
  cat << 'TXT'
Usage: ./terminate.sh [--wipe] [--local | --compose]

  --wipe      also delete the data (local: $PIPELINE_RUN_DIR/data and logs; compose: the volumes, down -v).
              The downloaded Kafka/Debezium jars ($PIPELINE_DIST) are kept.
  --local     stop the local stack and services (default when deploy.sh ran in local mode)
  --compose   remove the containers (docker compose / podman-compose down; default when deploy.sh ran in compose mode)
TXT
}

wipe=0 mode=""
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=1 ;;
    --compose) mode=compose ;;
    --local) mode=local ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option '$arg' (see ./terminate.sh --help)" ;;
  esac
done
if [ -z "$mode" ]; then
  mode=$(cat "$PIPELINE_RUN_DIR/mode" 2> /dev/null || true)
  [ "$mode" = compose ] || mode=local
fi

if [ "$mode" = compose ]; then
  if [ $wipe -eq 1 ]; then bash "$here/platform/compose.sh" down --wipe; else bash "$here/platform/compose.sh" down; fi
else
  bash "$here/platform/supervisor.sh" stop
  stop_process demo-generator 5
  bash "$here/platform/services.sh" down
  if [ $wipe -eq 1 ]; then
    bash "$here/platform/stack.sh" down --wipe
  else
    bash "$here/platform/stack.sh" down
  fi
fi
info "Pipeline stopped ($mode mode)$([ $wipe -eq 0 ] || echo '; its data deleted')"
