#!/usr/bin/env bash
# TEST-ONLY: a current ClickHouse engine (chdb, ClickHouse 26.x as a library, from the npm package `chdb`) behind
# the ClickHouse HTTP interface subset that client-v2 uses, served by integration-tests/chdb/ChdbHttpFront.java on
# 127.0.0.1. For testing the sink against a modern engine; it accepts any credentials, so never expose it.
#
# Usage: platform/chdb.sh install | up | down [--wipe] | status
#   install        npm-installs chdb@3.4.0 (libchdb.so, ~180 MB download) into $CHDB_HOME unless present
#   up             installs if needed, starts the front in the background, waits until /ping answers (idempotent)
#   down [--wipe]  stops it (SIGTERM, SIGKILL after 10 s); --wipe also deletes its data dir
#   status         prints running/stopped; exit code 0 when running and answering, 3 otherwise
#
# Environment: CHDB_HOME (default <repo>/.run/dist/chdb), CHDB_HTTP_PORT (8124), PIPELINE_RUN_DIR (<repo>/.run),
# CHDB_DATA_DIR ($PIPELINE_RUN_DIR/chdb/data), CHDB_JAVA_HOME (a Java 22+ JDK, default Temurin 25),
# CHDB_JAVA_OPTS (JVM options), CHDB_VERBOSE=1 (log every request to the log file).
# Files: $PIPELINE_RUN_DIR/logs/chdb.log, $PIPELINE_RUN_DIR/pids/chdb.pid (and chdb.pid.lock).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
abs() { case "$1" in /*) echo "${1%/}" ;; *) echo "$PWD/${1%/}" ;; esac; }

CHDB_NPM_VERSION=3.4.0
CHDB_HOME="$(abs "${CHDB_HOME:-$REPO/.run/dist/chdb}")"
RUN_DIR="$(abs "${PIPELINE_RUN_DIR:-$REPO/.run}")"
PORT="${CHDB_HTTP_PORT:-8124}"
DATA_DIR="$(abs "${CHDB_DATA_DIR:-$RUN_DIR/chdb/data}")"
LOG="$RUN_DIR/logs/chdb.log"
PID_FILE="$RUN_DIR/pids/chdb.pid"
JAVA_HOME_CHDB="${CHDB_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# C1 only: the JVM mostly waits on chdb, and the source file is compiled at every start
JAVA_OPTS="${CHDB_JAVA_OPTS:--Xms32m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
FRONT="$REPO/integration-tests/chdb/ChdbHttpFront.java"
URL="http://127.0.0.1:$PORT"
START_TIMEOUT=60
STOP_TIMEOUT=10

info() { printf '[%s] chdb: %s\n' "$(date +%H:%M:%S)" "$*"; }
die() {
  printf '[%s] chdb: ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# find_lib: the path of libchdb.so of an installed chdb@$CHDB_NPM_VERSION; fails when there is none.
find_lib() {
  local pkg="$CHDB_HOME/node_modules/chdb/package.json" lib
  [ -f "$pkg" ] && grep -q "\"version\": *\"$CHDB_NPM_VERSION\"" "$pkg" || return 1
  lib=$(find "$CHDB_HOME/node_modules/@chdb" -maxdepth 2 -name libchdb.so -print -quit 2> /dev/null)
  [ -n "$lib" ] && echo "$lib"
}

cmd_install() {
  local lib
  if ! lib=$(find_lib); then
    command -v npm > /dev/null || die "npm is not installed (needed to download chdb@$CHDB_NPM_VERSION)"
    info "installing chdb@$CHDB_NPM_VERSION into $CHDB_HOME (about 180 MB)"
    mkdir -p "$CHDB_HOME"
    npm install --no-audit --no-fund --prefix "$CHDB_HOME" "chdb@$CHDB_NPM_VERSION" >&2
    lib=$(find_lib) || die "npm installed chdb@$CHDB_NPM_VERSION but no libchdb.so for this platform under $CHDB_HOME/node_modules/@chdb"
  fi
  info "libchdb.so: $lib"
}

# pid_alive: true when the pid file names a live ChdbHttpFront process (not a recycled pid).
pid_alive() {
  local pid
  [ -f "$PID_FILE" ] && pid=$(cat "$PID_FILE") && [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2> /dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null | grep -q ChdbHttpFront
}

ping_ok() { curl -sf --max-time 2 "$URL/ping" > /dev/null 2>&1; }

fail_start() {
  echo "----- last lines of $LOG -----" >&2
  tail -n 30 "$LOG" >&2 || true
  die "$1"
}

# check_java: dies unless $JAVA_HOME_CHDB is a JDK of version 22 or later (java.lang.foreign, source launcher).
check_java() {
  local java="$JAVA_HOME_CHDB/bin/java" version
  [ -x "$java" ] || die "no Java at $JAVA_HOME_CHDB (the front needs Java 22+): set CHDB_JAVA_HOME to a JDK"
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME_CHDB/release" 2> /dev/null)
  [ -n "$version" ] || version=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  [ "${version:-0}" -ge 22 ] || die "$java is Java ${version:-?}, the front needs Java 22+: set CHDB_JAVA_HOME"
}

cmd_up() {
  local java="$JAVA_HOME_CHDB/bin/java" lib pid start
  command -v curl > /dev/null || die "curl is not installed"
  check_java
  lib=$(cmd_install > /dev/null && find_lib) || die "chdb installation failed"
  start=$SECONDS # START_TIMEOUT counts from here: the npm install before it took 48 s on a busy machine
  if pid_alive; then
    if ping_ok; then
      info "already running at $URL (pid $(cat "$PID_FILE"))"
      return 0
    fi
    info "pid $(cat "$PID_FILE") is alive but does not answer yet: waiting"
  else
    if curl -s --max-time 2 -o /dev/null "$URL/ping" 2> /dev/null; then
      die "port $PORT is already in use by another process: choose another one with CHDB_HTTP_PORT=<port>"
    fi
    mkdir -p "$DATA_DIR" "$(dirname "$LOG")" "$(dirname "$PID_FILE")"
    local verbose=()
    [ "${CHDB_VERBOSE:-0}" = 1 ] && verbose=(--verbose)
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options on purpose
    nohup "$java" $JAVA_OPTS --enable-native-access=ALL-UNNAMED "$FRONT" --host 127.0.0.1 --port "$PORT" \
      --path "$DATA_DIR" --lib "$lib" "${verbose[@]}" < /dev/null >> "$LOG" 2>&1 9>&- &
    echo $! > "$PID_FILE"
    info "starting (pid $!, port $PORT, data $DATA_DIR, log $LOG)"
  fi
  pid=$(cat "$PID_FILE")
  until ping_ok; do
    kill -0 "$pid" 2> /dev/null || fail_start "the front (pid $pid) exited during start-up"
    [ $((SECONDS - start)) -lt "$START_TIMEOUT" ] || fail_start "no answer from $URL/ping within $START_TIMEOUT s (pid $pid still runs: platform/chdb.sh down)"
    sleep 0.2
  done
  info "up at $URL (pid $pid) after $((SECONDS - start)) s"
}

cmd_down() {
  local wipe=0 pid
  [ "${1:-}" = --wipe ] && wipe=1
  [ $# -eq 0 ] || [ $wipe = 1 ] || die "usage: platform/chdb.sh down [--wipe]"
  if pid_alive; then
    pid=$(cat "$PID_FILE")
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 1 $((STOP_TIMEOUT * 5))); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2> /dev/null; then
      info "pid $pid ignored SIGTERM for $STOP_TIMEOUT s: SIGKILL"
      kill -KILL "$pid" 2> /dev/null || true
    fi
    info "stopped (pid $pid)"
  else
    info "not running"
  fi
  rm -f "$PID_FILE"
  if [ $wipe = 1 ] && [ -d "$DATA_DIR" ]; then
    rm -rf -- "$DATA_DIR"
    info "deleted $DATA_DIR"
  fi
}

cmd_status() {
  if pid_alive && ping_ok; then
    echo "chdb: running at $URL (pid $(cat "$PID_FILE"), data $DATA_DIR)"
  elif pid_alive; then
    echo "chdb: pid $(cat "$PID_FILE") is alive but $URL/ping does not answer"
    return 3
  else
    echo "chdb: stopped"
    return 3
  fi
}

# lock: one up/down at a time per run dir (two concurrent `up`s would start two fronts).
lock() {
  mkdir -p "$(dirname "$PID_FILE")"
  exec 9> "$PID_FILE.lock"
  command -v flock > /dev/null || return 0
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 10)) 9 || die "another platform/chdb.sh holds $PID_FILE.lock"
}

case "${1:-}" in
  install) cmd_install ;;
  up) lock && cmd_up ;;
  down) shift && lock && cmd_down "$@" ;;
  status) cmd_status ;;
  *)
    echo "usage: platform/chdb.sh install | up | down [--wipe] | status" >&2
    exit 2
    ;;
esac
