# Shared functions of the platform scripts (sourced after env.sh): logging, ports, pid files, background
# processes, waiting with a timeout, config templates, env files and the run dir's lock.
# shellcheck shell=bash

# Bash 5.2 would otherwise turn '&' in a ${var//pattern/replacement} replacement into the match.
shopt -u patsub_replacement 2> /dev/null || true

# ---------------------------------------------------------------- logging
info() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# ---------------------------------------------------------------- tools
# mvn_cmd: the Maven command, one word per line: $MVN (may carry options), else the repo's ./mvnw, else mvn.
mvn_cmd() {
  if [ -n "${MVN:-}" ]; then
    # shellcheck disable=SC2086 # word splitting on purpose: MVN="mvn -o" works
    printf '%s\n' $MVN
  elif [ -x "$PIPELINE_HOME/mvnw" ]; then
    echo "$PIPELINE_HOME/mvnw"
  else
    echo mvn
  fi
}

# ---------------------------------------------------------------- ports
# port_in_use PORT: true when something listens on PORT (any address), or 127.0.0.1:PORT accepts a connection.
port_in_use() {
  local port=$1
  if command -v ss > /dev/null 2>&1 && ss -Hltn "sport = :$port" 2> /dev/null | grep -q .; then
    return 0
  fi
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2> /dev/null
}

# port_owner PORT: "name (pid N)" of the process listening on PORT, when ss can tell.
port_owner() {
  local users
  command -v ss > /dev/null 2>&1 || return 0
  users=$(ss -Hltnp "sport = :$1" 2> /dev/null | grep -o 'users:(([^)]*))' | head -n 1)
  [[ $users =~ \"([^\"]+)\",pid=([0-9]+) ]] && printf '%s (pid %s)' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
}

# require_port_free WHAT PORT VAR: dies naming the port and the variable that moves it when the port is taken.
require_port_free() {
  local what=$1 port=$2 var=$3 owner
  port_in_use "$port" || return 0
  owner=$(port_owner "$port")
  die "$what cannot start: port $port ($var) is already in use${owner:+ by $owner}. Stop that process, or choose another port: $var=<free port>"
}

# require_distinct_ports VAR...: dies when two of the named port variables have the same value.
require_distinct_ports() {
  local -A seen=()
  local v
  for v in "$@"; do
    if ! [[ ${!v} =~ ^[0-9]+$ ]] || [ "${!v}" -lt 1 ] || [ "${!v}" -gt 65535 ]; then die "$v=${!v} is not a port number"; fi
    [ -z "${seen[${!v}]:-}" ] || die "$v and ${seen[${!v}]} are both ${!v}: give each its own port"
    seen[${!v}]=$v
  done
}

# ---------------------------------------------------------------- pid files and processes
pid_file() { echo "$PIPELINE_RUN_DIR/pids/$1.pid"; }
log_file() { echo "$PIPELINE_RUN_DIR/logs/$1.log"; }
# out_file NAME: the process's own stdout/stderr, for components that write their log through a logger.
out_file() { echo "$PIPELINE_RUN_DIR/logs/$1.out"; }
# stopped_file NAME: present while NAME is stopped on purpose (stop_process); platform/supervisor.sh leaves it stopped.
stopped_file() { echo "$PIPELINE_RUN_DIR/pids/$1.stopped"; }

# component_exe NAME: the executable a component's process runs (checked before trusting or signalling a pid).
component_exe() {
  case "$1" in
    mariadb) echo 'mariadbd|mysqld' ;;
    clickhouse | clickhouse-[0-9]*) echo 'clickhouse-server|clickhouse' ;;
    supervisor | demo-generator) echo bash ;;
    *) echo java ;;
  esac
}

# pid_alive PID: the process exists and is not a zombie.
pid_alive() {
  local stat
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$1/stat" 2> /dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

# pid_is_ours NAME PID: PID runs NAME's executable and was started for this run dir (its environment, or for
# processes started by older versions of these scripts its command line, names $PIPELINE_RUN_DIR).
pid_is_ours() {
  local name=$1 pid=$2 args=() exe
  pid_alive "$pid" || return 1
  mapfile -d '' -t args < "/proc/$pid/cmdline" 2> /dev/null || return 1
  [ ${#args[@]} -gt 0 ] || return 1
  exe=${args[0]##*/}
  # shellcheck disable=SC2053
  [[ $exe == @($(component_exe "$name")) ]] || return 1
  tr '\0' '\n' < "/proc/$pid/environ" 2> /dev/null | grep -qxF "PIPELINE_RUN_DIR=$PIPELINE_RUN_DIR" && return 0
  printf '%s\n' "${args[@]}" | grep -qF -- "$PIPELINE_RUN_DIR/"
}

# owned_pid NAME: prints NAME's pid when its pid file names a live process of ours; clears a stale pid file.
owned_pid() {
  local name=$1 f pid
  f=$(pid_file "$name")
  [ -f "$f" ] || return 1
  pid=$(tr -dc '0-9' < "$f")
  if [ -n "$pid" ] && pid_is_ours "$name" "$pid"; then
    echo "$pid"
    return 0
  fi
  if [ -n "$pid" ] && pid_alive "$pid"; then
    warn "$name: pid file $f names pid $pid, which is not $name of this run dir any more ($(tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null | cut -c1-80)); leaving that process alone"
  fi
  rm -f "$f"
  return 1
}

running() { owned_pid "$1" > /dev/null; }

# start_bg NAME DIR OUTPUT CMD...: starts CMD in DIR as a background process in its own session, stdout and
# stderr appended to OUTPUT, and records its pid. The environment marks it as NAME of this run dir.
declare -A LOG_MARK=() OUT_MARK=()
start_bg() {
  local name=$1 dir=$2 output=$3
  shift 3
  mkdir -p "$PIPELINE_RUN_DIR/pids" "$PIPELINE_RUN_DIR/logs" "$dir"
  LOG_MARK[$name]=$(file_size "$(log_file "$name")")
  OUT_MARK[$name]=$(file_size "$(out_file "$name")")
  (
    cd "$dir" || exit 1
    exec env PIPELINE_RUN_DIR="$PIPELINE_RUN_DIR" PIPELINE_COMPONENT="$name" setsid "$@"
  ) >> "$output" 2>&1 < /dev/null 8>&- &
  echo $! > "$(pid_file "$name")"
  rm -f "$(stopped_file "$name")"
}

# stop_process NAME [SECONDS]: SIGTERM, waits for a clean exit, SIGKILL only as the last resort.
stop_process() {
  local name=$1 wait_s=${2:-$STOP_TIMEOUT} pid i
  if [ -d "$PIPELINE_RUN_DIR/pids" ]; then touch "$(stopped_file "$name")"; fi
  pid=$(owned_pid "$name") || return 0
  info "$name: stopping (pid $pid)"
  kill -TERM "$pid" 2> /dev/null || true
  for ((i = 0; i < wait_s * 10; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    warn "$name (pid $pid) did not exit within ${wait_s}s of SIGTERM; killing it (SIGKILL)"
    kill -KILL "$pid" 2> /dev/null || true
    for ((i = 0; i < 50; i++)); do
      pid_alive "$pid" || break
      sleep 0.1
    done
  fi
  rm -f "$(pid_file "$name")"
  info "$name: stopped"
}

# kill_process NAME: SIGKILL at once (crash tests).
kill_process() {
  local name=$1 pid i
  pid=$(owned_pid "$name") || { info "$name: not running"; return 0; }
  kill -KILL "$pid" 2> /dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  rm -f "$(pid_file "$name")"
  info "$name: killed (SIGKILL, pid $pid)"
}

# ---------------------------------------------------------------- waiting
# show_logs NAME [LINES]: on stderr, the last lines NAME wrote to its log and to its stdout/stderr file since
# start_bg started it (the whole files when it was not started by this script).
show_logs() {
  local name=$1 lines=${2:-30} f mark text
  for f in "$(log_file "$name")" "$(out_file "$name")"; do
    [ -s "$f" ] || continue
    if [ "$f" = "$(log_file "$name")" ]; then mark=${LOG_MARK[$name]:-0}; else mark=${OUT_MARK[$name]:-0}; fi
    text=$(log_since "$f" "$mark" | tail -n "$lines")
    [ -n "$text" ] || continue
    printf -- '----- %s (last %s lines) -----\n%s\n' "$f" "$lines" "$text" >&2
  done
  printf -- '-----\n' >&2
}

# title_of NAME: how messages name a component (stack.sh defines component_title).
title_of() { if declare -F component_title > /dev/null; then component_title "$1"; else echo "$1"; fi; }

# timeout_var NAME: the variable that sets NAME's start-up timeout.
timeout_var() {
  case "$1" in
    mariadb | clickhouse | kafka | connect | zookeeper) echo "${1^^}_TIMEOUT" ;;
    clickhouse-[0-9]*) echo CLICKHOUSE_TIMEOUT ;;
    *) echo SERVICES_TIMEOUT ;;
  esac
}

# wait_for NAME TIMEOUT CHECK...: runs CHECK until it succeeds. Dies, with the tail of NAME's log, when NAME's
# process exits first or TIMEOUT seconds pass.
wait_for() {
  local name=$1 timeout=$2 pid deadline
  shift 2
  deadline=$((SECONDS + timeout))
  pid=$(tr -dc '0-9' < "$(pid_file "$name")" 2> /dev/null || true)
  until "$@" > /dev/null 2>&1; do
    if [ -n "$pid" ] && ! pid_alive "$pid"; then
      show_logs "$name"
      die "$(title_of "$name") exited during start-up; its log: $(log_file "$name")$([ -s "$(out_file "$name")" ] && echo " (and $(out_file "$name"))")"
    fi
    if ((SECONDS >= deadline)); then
      show_logs "$name"
      die "$(title_of "$name") did not become ready within ${timeout}s ($(timeout_var "$name") sets the limit); its log: $(log_file "$name")"
    fi
    sleep 0.5
  done
}

# file_size FILE: bytes in FILE (0 when missing); with log_since, finds lines written after a given moment.
file_size() { stat -c %s "$1" 2> /dev/null || echo 0; }

# log_since FILE OFFSET: FILE from byte OFFSET on (all of it when it has been rolled over since).
log_since() {
  local file=$1 offset=$2
  [ -f "$file" ] || return 0
  if [ "$(file_size "$file")" -ge "$offset" ]; then tail -c "+$((offset + 1))" "$file"; else cat "$file"; fi
}

# ---------------------------------------------------------------- config templates and env files
# render_template SRC DST [MODE]: copies SRC to DST replacing each ${NAME} with the value of the shell variable
# NAME (locals of the caller included). An unset NAME is an error; other '$' text (${sys:x}, $1) is left alone.
# shellcheck disable=SC2016 # '${' is the literal the templates use
render_template() {
  local src=$1 dst=$2 mode=${3:-644} text out="" rest name
  [ -f "$src" ] || die "config template $src is missing"
  text=$(< "$src")
  while [[ $text == *'${'* ]]; do
    out+=${text%%'${'*}
    rest=${text#*'${'}
    name=${rest%%\}*}
    if [[ $rest == *\}* && $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
      [ -n "${!name+x}" ] || die "config template $src uses \${$name}, which is not set"
      out+=${!name}
      text=${rest#*\}}
    else
      out+='${'
      text=$rest
    fi
  done
  out+=$text
  mkdir -p "$(dirname "$dst")"
  (umask 077 && printf '%s\n' "$out" > "$dst.tmp")
  chmod "$mode" "$dst.tmp"
  mv -f "$dst.tmp" "$dst"
}

# xml_escape TEXT: TEXT safe inside an XML element.
xml_escape() {
  local s=$1
  s=${s//&/&amp;}
  s=${s//</&lt;}
  s=${s//>/&gt;}
  printf '%s' "$s"
}

# sql_string TEXT: TEXT as a single-quoted SQL string literal.
sql_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\'/\'\'}
  printf "'%s'" "$s"
}

# sql_ident TEXT: TEXT as a backquoted SQL identifier.
# shellcheck disable=SC2016
sql_ident() { printf '`%s`' "${1//\`/\`\`}"; }

# shell_quote TEXT: TEXT single-quoted for the shell.
shell_quote() {
  local q="'" r="'\\''"
  printf "'%s'" "${1//$q/$r}"
}

# write_env_file FILE HEADER VAR...: `export VAR='value'` lines, readable by `source` (and by env.sh).
write_env_file() {
  local file=$1 header=$2 v
  shift 2
  mkdir -p "$(dirname "$file")"
  {
    printf '# %s\n' "$header"
    for v in "$@"; do
      printf 'export %s=%s\n' "$v" "$(shell_quote "${!v}")"
    done
  } > "$file.tmp"
  chmod 600 "$file.tmp"
  mv -f "$file.tmp" "$file"
}

# ---------------------------------------------------------------- the run dir's lock
# lock_run_dir: one stack.sh/services.sh at a time per run dir (fd 8; start_bg keeps it from the processes).
lock_run_dir() {
  mkdir -p "$PIPELINE_RUN_DIR"
  exec 8> "$PIPELINE_RUN_DIR/.lock"
  if ! flock -n 8; then
    info "Waiting for another platform script working on $PIPELINE_RUN_DIR (up to ${LOCK_TIMEOUT}s)"
    flock -w "$LOCK_TIMEOUT" 8 || die "another platform script still works on $PIPELINE_RUN_DIR after ${LOCK_TIMEOUT}s"
  fi
}

# save_state: settings.env (what this run dir was started with) and endpoints.env (for people, tests, services).
save_state() {
  write_env_file "$PIPELINE_RUN_DIR/settings.env" \
    "Settings of the stack in $PIPELINE_RUN_DIR (platform/env.sh reads them; the environment overrides them)" \
    "${PIPELINE_SETTING_VARS[@]}"
  write_env_file "$PIPELINE_RUN_DIR/endpoints.env" \
    "Endpoints of the local pipeline stack. Use: source $PIPELINE_RUN_DIR/endpoints.env" "${ENDPOINT_VARS[@]}"
}
