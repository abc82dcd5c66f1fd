# Shared functions of the platform scripts.
# shellcheck shell=bash

info() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

mvn_cmd() {
  if [ -n "${MVN:-}" ]; then echo "$MVN"; elif [ -x "$PIPELINE_HOME/mvnw" ]; then echo "$PIPELINE_HOME/mvnw"; else echo mvn; fi
}

# port_free PORT: true when nothing listens on 127.0.0.1:PORT (or any address).
port_free() {
  ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

# require_port NAME PORT VAR: dies naming the port and the variable that moves it when the port is taken.
require_port() {
  local name=$1 port=$2 var=$3
  port_free "$port" || die "$name cannot start: port $port is already in use ($(ss -Hltnp "sport = :$port" 2>/dev/null | sed -E 's/.*users:\(\("([^"]+)".*/\1/' | head -1)). Stop that process or choose another port with $var=<port>."
}

pid_file() { echo "$PIPELINE_RUN_DIR/pids/$1.pid"; }
log_file() { echo "$PIPELINE_RUN_DIR/logs/$1.log"; }

# running NAME: true when NAME's pid file points to a live process of ours (its command line names our run dir).
running() {
  local f pid
  f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$PIPELINE_RUN_DIR" || tr '\0' ' ' < "/proc/$pid/environ" 2>/dev/null | grep -qF -- "PIPELINE_RUN_DIR=$PIPELINE_RUN_DIR"
}

# start_bg NAME CMD...: starts CMD in the background with its output in NAME's log, records its pid.
start_bg() {
  local name=$1; shift
  mkdir -p "$PIPELINE_RUN_DIR/pids" "$PIPELINE_RUN_DIR/logs"
  PIPELINE_RUN_DIR="$PIPELINE_RUN_DIR" setsid "$@" >> "$(log_file "$name")" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
}

# stop_process NAME [SECONDS]: SIGTERM, wait for a clean exit, SIGKILL only as the last resort.
stop_process() {
  local name=$1 wait_s=${2:-30} pid i
  if ! running "$name"; then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  pid=$(cat "$(pid_file "$name")")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait_s * 10; i++)); do
    [ -d "/proc/$pid" ] || break
    sleep 0.1
  done
  if [ -d "/proc/$pid" ]; then
    warn "$name (pid $pid) did not stop within ${wait_s}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pid_file "$name")"
  info "$name stopped"
}

# wait_for NAME TIMEOUT CHECK...: runs CHECK until it succeeds; dies with NAME's log tail on timeout or exit.
wait_for() {
  local name=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout)) pid
  pid=$(cat "$(pid_file "$name")" 2>/dev/null || true)
  until "$@" > /dev/null 2>&1; do
    if [ -n "$pid" ] && [ ! -d "/proc/$pid" ]; then
      tail -n 30 "$(log_file "$name")" >&2 || true
      die "$name exited during start-up; its log: $(log_file "$name")"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 30 "$(log_file "$name")" >&2 || true
      die "$name did not become ready within ${timeout}s; its log: $(log_file "$name")"
    fi
    sleep 0.5
  done
}

log_has() { grep -qF -- "$2" "$(log_file "$1")"; }

# write_endpoints: writes $PIPELINE_RUN_DIR/endpoints.env for people and scripts to source.
write_endpoints() {
  local f="$PIPELINE_RUN_DIR/endpoints.env" v
  mkdir -p "$PIPELINE_RUN_DIR"
  {
    echo "# Endpoints of the pipeline started from $PIPELINE_HOME. Use: source $f"
    for v in "${ENDPOINT_VARS[@]}"; do
      printf 'export %s=%q\n' "$v" "${!v}"
    done
  } > "$f"
}
