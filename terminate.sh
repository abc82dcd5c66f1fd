#!/usr/bin/env bash
# Stops everything ./deploy.sh started, cleanly (Kafka and MariaDB flush on SIGTERM); data is kept unless --wipe.
# It never stops a process it did not start (pid files under $PIPELINE_RUN_DIR/pids).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/platform/env.sh"
source "$here/platform/lib.sh"

wipe="" mode=""
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=--wipe ;;
    --compose) mode=compose ;;
    --local) mode=local ;;
    -h | --help) echo "Usage: ./terminate.sh [--wipe] [--local | --compose]"; exit 0 ;;
    *) die "unknown option $arg (see --help)" ;;
  esac
done
[ -n "$mode" ] || mode=$(cat "$PIPELINE_RUN_DIR/mode" 2> /dev/null || echo local)

if [ "$mode" = compose ]; then
  if docker compose version > /dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
  (cd "$here" && "${compose[@]}" -f docker-compose.yaml down ${wipe:+-v})
else
  bash "$here/platform/services.sh" down
  bash "$here/platform/stack.sh" down $wipe
fi
info "Pipeline stopped${wipe:+ and its data deleted}"
