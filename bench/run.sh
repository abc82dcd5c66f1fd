#!/usr/bin/env bash
# Benchmark of clickhouse-sink on the real local stack (MariaDB, ClickHouse, Kafka, Kafka Connect + Debezium).
#
# Usage: bench/run.sh [throughput|latency|snapshot|all]      (default: all)
#   throughput  N (BENCH_ROWS, 2,000,000) Debezium op=c records of benchdb.events produced into Kafka with the sink
#               stopped; then the sink starts and drains them into ClickHouse: rows/s. Baseline: ClickHouse's own
#               insert of the same N rows in RowBinary (clickhouse-client over TCP, and curl over HTTP).
#   latency     cdc-registrar + sink running; 1,000 single-row MySQL commits/s for 60 s (BENCH_LATENCY_RATE,
#               BENCH_LATENCY_SECONDS); a poller sees each row in ClickHouse: p50/p90/p99/max of visible - created_at.
#               PIPELINE_FORMAT=avro runs it with Avro change events (and the schema registry).
#   snapshot    BENCH_SNAPSHOT_ROWS (10,000,000) op=r records drained like throughput: sink RSS against input size.
#   all         the three, on one stack, in that order.
# Every mode samples the sink's VmRSS/VmHWM every 0.5 s, prints a Markdown results block and appends it to
# bench/results/<date>-<mode>.md. See bench/README.md for the knobs.
#
# The stack runs in its own run dir and ports (PIPELINE_RUN_DIR=/tmp/bench-work/run, ports 28xxx); it is started
# by this script and stopped and wiped at its end (BENCH_KEEP=1 keeps it running).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
MODE="${1:-all}"
case "$MODE" in throughput | latency | snapshot | all) ;; -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: bench/run.sh [throughput|latency|snapshot|all]" >&2; exit 2 ;; esac

# ---------------------------------------------------------------- knobs
BENCH_WORK="${BENCH_WORK:-/tmp/bench-work}"
BENCH_ROWS="${BENCH_ROWS:-2000000}"
BENCH_PARTITIONS="${BENCH_PARTITIONS:-1}"            # throughput/snapshot: partitions of the drained topic
BENCH_SINK_INSTANCES="${BENCH_SINK_INSTANCES:-1}"    # throughput/snapshot: sink instances in the group draining it
BENCH_SNAPSHOT_ROWS="${BENCH_SNAPSHOT_ROWS:-10000000}"
BENCH_COMPRESSION="${BENCH_COMPRESSION:-zstd}"    # producer compression of the generated records (cdc-registrar sets zstd for Connect)
BENCH_LATENCY_RATE="${BENCH_LATENCY_RATE:-1000}"
BENCH_LATENCY_SECONDS="${BENCH_LATENCY_SECONDS:-60}"
BENCH_LATENCY_WARMUP="${BENCH_LATENCY_WARMUP:-30}" # s of commits before the measured ones (JIT of a fresh sink, topic discovery)
BENCH_LATENCY_THREADS="${BENCH_LATENCY_THREADS:-4}"
BENCH_POLL_MS="${BENCH_POLL_MS:-20}"
BENCH_DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-3600}"  # seconds the sink may take to drain a topic
BENCH_BASELINE="${BENCH_BASELINE:-1}"              # throughput: also time ClickHouse's own RowBinary insert
BENCH_PROFILE="${BENCH_PROFILE:-0}"                # 1: record the sink with JFR (slower) and print its hot methods
BENCH_KEEP="${BENCH_KEEP:-0}"                      # 1: leave the stack and services running at the end
BENCH_QUIET_LOAD="${BENCH_QUIET_LOAD:-}"           # e.g. 1.5: before each measurement wait until the 1-min load average is below it
BENCH_QUIET_TIMEOUT="${BENCH_QUIET_TIMEOUT:-1800}" # ... for at most this many seconds, then measure anyway
# Where the built services are (<module>/target/quarkus-app/quarkus-run.jar, common/target/classes):
#   BENCH_APP_HOME=<dir>  use that tree as is;   BENCH_SNAPSHOT_SOURCE=1  copy this working tree to
#   $BENCH_WORK/src and build it there (safe while someone else edits or builds the repo); default: the repo.
BENCH_SNAPSHOT_SOURCE="${BENCH_SNAPSHOT_SOURCE:-0}"
BENCH_BUILD="${BENCH_BUILD:-auto}"                 # auto: build when a jar is missing; 1: always; 0: never
if [ "$BENCH_SNAPSHOT_SOURCE" = 1 ]; then BENCH_APP_HOME="$BENCH_WORK/src"; fi
BENCH_APP_HOME="${BENCH_APP_HOME:-$REPO}"

# The sink's JVM, as platform/env.sh's default for it (with -Xmx256m and G1 its RSS was ~420 MB under load; -Xmx128m
# with the serial collector and 2 malloc arenas keeps it under 300 MB, see README, "Memory").
SINK_JAVA_OPTS_BASE="${CLICKHOUSE_SINK_JAVA_OPTS:--Xmx112m -XX:+UseSerialGC}"
# glibc malloc arenas of the sink process only (C2 compiler threads and native libraries otherwise keep up to
# 8 x cores arenas of retained memory); empty: glibc's default.
BENCH_MALLOC_ARENA_MAX="${BENCH_MALLOC_ARENA_MAX-2}"

# The stack: own run dir and ports (28000-28999), the shared downloaded jars.
export PIPELINE_RUN_DIR="${PIPELINE_RUN_DIR:-$BENCH_WORK/run}"
export PIPELINE_DIST="${PIPELINE_DIST:-$REPO/.run/dist}"
export PIPELINE_HOME="$BENCH_APP_HOME"   # services.sh starts $PIPELINE_HOME/<service>/target/quarkus-app/quarkus-run.jar
export MYSQL_PORT="${MYSQL_PORT:-28306}"
export CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-28123}"
export CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-28900}"
export CLICKHOUSE_INTERSERVER_PORT="${CLICKHOUSE_INTERSERVER_PORT:-28909}"
export KAFKA_PORT="${KAFKA_PORT:-28092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-28093}"
export CONNECT_PORT="${CONNECT_PORT:-28083}"
export CDC_REGISTRAR_PORT="${CDC_REGISTRAR_PORT:-28191}"
export ENRICHER_GATEWAY_PORT="${ENRICHER_GATEWAY_PORT:-28192}"
export CLICKHOUSE_SINK_PORT="${CLICKHOUSE_SINK_PORT:-28193}"
# PIPELINE_FORMAT=avro (latency only: throughput and snapshot generate JSON records) starts the schema registry too.
export PIPELINE_FORMAT="${PIPELINE_FORMAT:-json}"
export SCHEMA_REGISTRY_PORT="${SCHEMA_REGISTRY_PORT:-28181}"
export SCHEMA_REGISTRY_MANAGEMENT_PORT="${SCHEMA_REGISTRY_MANAGEMENT_PORT:-28981}"
case "$PIPELINE_FORMAT:$MODE" in json:* | avro:latency) ;;
  avro:*) echo "PIPELINE_FORMAT=avro works with bench/run.sh latency only ($MODE generates JsonConverter records itself); bench/e2e.sh compares the formats end to end" >&2; exit 2 ;;
  *) echo "PIPELINE_FORMAT must be json or avro, not '$PIPELINE_FORMAT'" >&2; exit 2 ;; esac
# The sink's batching knobs are passed through when set (SINK_BATCH_MAX_ROWS, SINK_BATCH_MAX_BYTES, SINK_BATCH_MAX_WAIT,
# SINK_KAFKA_MAX_POLL_RECORDS, ...): services.sh starts the sink with this script's environment.

PLATFORM="$REPO/platform"
case "${PIPELINE_RUN_DIR%/}" in
  "$REPO/.run" | "$REPO/.run/"*) echo "refusing PIPELINE_RUN_DIR=$PIPELINE_RUN_DIR: that is deploy.sh's run dir, and this script wipes its run dir" >&2; exit 2 ;;
esac
for cmd in java curl clickhouse-client awk; do command -v "$cmd" > /dev/null || { echo "bench/run.sh needs $cmd (platform/install.sh installs the stack's tools)" >&2; exit 2; }; done
# shellcheck source=../platform/env.sh
source "$PLATFORM/env.sh"
DB=benchdb
RESULTS_DIR="$BENCH_DIR/results"
OUT="$BENCH_WORK/out/$(date -u +%Y%m%d-%H%M%S)-$MODE"
mkdir -p "$OUT" "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/$(date -u +%Y-%m-%d)-$MODE.md"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- build and classpath
jar_of() { echo "$BENCH_APP_HOME/$1/target/quarkus-app/quarkus-run.jar"; }

build() {
  if [ "$BENCH_SNAPSHOT_SOURCE" = 1 ]; then
    log "Copying the working tree of $REPO to $BENCH_APP_HOME (without target/, .run/, .git/)"
    mkdir -p "$BENCH_APP_HOME"
    rsync -a --delete --exclude target --exclude .run --exclude .git --exclude bench "$REPO/" "$BENCH_APP_HOME/"
    (cd "$REPO" && git rev-parse HEAD > "$BENCH_APP_HOME/.bench-commit" && { git status --porcelain -- . ':!bench' | grep -c . || true; } > "$BENCH_APP_HOME/.bench-dirty"
      git diff HEAD -- . ':!bench' | sha1sum | cut -c1-10 > "$BENCH_APP_HOME/.bench-diff" || true)
  fi
  local need=0 m
  for m in clickhouse-sink cdc-registrar; do [ -f "$(jar_of "$m")" ] || need=1; done
  [ -d "$BENCH_APP_HOME/common/target/classes" ] || need=1
  if [ "$BENCH_BUILD" = 1 ] || { [ "$BENCH_BUILD" = auto ] && [ $need = 1 ]; } || [ "$BENCH_SNAPSHOT_SOURCE" = 1 ]; then
    log "Building common, clickhouse-sink, cdc-registrar in $BENCH_APP_HOME (log: $OUT/build.log)"
    (cd "$BENCH_APP_HOME" && { ./mvnw -q -DskipTests -o package -pl common,clickhouse-sink,cdc-registrar -am > "$OUT/build.log" 2>&1 ||
      ./mvnw -q -DskipTests package -pl common,clickhouse-sink,cdc-registrar -am >> "$OUT/build.log" 2>&1; }) ||
      die "build failed; see $OUT/build.log"
  fi
  for m in clickhouse-sink cdc-registrar; do [ -f "$(jar_of "$m")" ] || die "not built: $(jar_of "$m")"; done
}

classpath() {
  local lib="$BENCH_APP_HOME/clickhouse-sink/target/quarkus-app/lib/main" reg="$BENCH_APP_HOME/cdc-registrar/target/quarkus-app/lib/main"
  local cp="$BENCH_APP_HOME/common/target/classes" j
  for j in "$lib"/org.apache.kafka.kafka-clients-*.jar "$lib"/org.lz4.lz4-java-*.jar "$lib"/org.xerial.snappy.snappy-java-*.jar \
    "$lib"/com.github.luben.zstd-jni-*.jar "$lib"/com.fasterxml.jackson.core.jackson-*.jar \
    "$lib"/com.fasterxml.jackson.datatype.jackson-datatype-jsr310-*.jar "$lib"/org.slf4j.slf4j-api-*.jar \
    "$reg"/com.mysql.mysql-connector-j-*.jar; do
    [ -f "$j" ] || die "missing jar $j (build the services first)"
    cp="$cp:$j"
  done
  echo "$cp"
}

CLIENT_TIMER=()
# bench_java PROGRAM ARGS...: a single-file Java program of bench/ (stderr without SLF4J's no-provider notice).
bench_java() {
  local prog=$1
  shift
  "${CLIENT_TIMER[@]}" java -Xmx1g -cp "$CP" "$BENCH_DIR/$prog.java" "$@" 2> >(grep -v -E '^SLF4J' >&2 || true)
}

# ---------------------------------------------------------------- stack, services, ClickHouse, Kafka
ch() { # ch SQL: runs SQL on ClickHouse over HTTP (credentials through curl's config, not its command line)
  curl -sS --max-time 300 -K - "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/" --data-binary "$1" <<< "user = \"$CLICKHOUSE_USER:$CLICKHOUSE_PASSWORD\""
}
ch_count() { ch "SELECT count() FROM $1" 2> /dev/null | grep -E '^[0-9]+$' || echo 0; }

kafka_tool() { java -Dlog4j2.configurationFile="$PIPELINE_RUN_DIR/conf/kafka/log4j2.properties" -cp "$PIPELINE_DIST/kafka/*" "$@"; }

pid_of() { [ -f "$PIPELINE_RUN_DIR/pids/$1.pid" ] && { tr -dc '0-9' < "$PIPELINE_RUN_DIR/pids/$1.pid"; } 2> /dev/null || true; }

stack_up() {
  log "Stack: $PIPELINE_RUN_DIR (MySQL $MYSQL_PORT, ClickHouse $CLICKHOUSE_HTTP_PORT/$CLICKHOUSE_TCP_PORT, Kafka $KAFKA_PORT, Connect $CONNECT_PORT)"
  "$PLATFORM/stack.sh" up >&2
  # shellcheck disable=SC1091
  source "$PIPELINE_RUN_DIR/endpoints.env"
}

STARTED_STACK=0
cleanup() {
  local rc=$?
  stop_sampler
  rm -f "$BENCH_PID_FILE"
  if [ "$BENCH_KEEP" = 1 ]; then
    log "BENCH_KEEP=1: the stack stays up in $PIPELINE_RUN_DIR (stop: PIPELINE_RUN_DIR=$PIPELINE_RUN_DIR $PLATFORM/services.sh down; PIPELINE_RUN_DIR=$PIPELINE_RUN_DIR $PLATFORM/stack.sh down --wipe)"
  elif [ $STARTED_STACK = 1 ]; then
    cp -r "$PIPELINE_RUN_DIR/logs" "$OUT/logs" 2> /dev/null || true
    log "Stopping the services and the stack, deleting its data (logs kept in $OUT/logs)"
    "$PLATFORM/services.sh" down >&2 || true
    "$PLATFORM/stack.sh" down --wipe >&2 || true
  fi
  exit $rc
}

# service_start NAME: (re)starts one service (services.sh up would start all three).
service_start() { "$PLATFORM/services.sh" restart "$1" >&2; }
# sink_start JAVA_OPTS: (re)starts the sink alone, with its JVM options and malloc setting.
sink_start() {
  if [ -n "$BENCH_MALLOC_ARENA_MAX" ]; then
    MALLOC_ARENA_MAX="$BENCH_MALLOC_ARENA_MAX" CLICKHOUSE_SINK_JAVA_OPTS="$1" service_start clickhouse-sink
  else
    CLICKHOUSE_SINK_JAVA_OPTS="$1" service_start clickhouse-sink
  fi
}
service_stop() { "$PLATFORM/services.sh" stop "$1" >&2; }

# ---------------------------------------------------------------- sampling: sink RSS every 0.5 s, CPU per process
SAMPLER_PID=""
start_sampler() { # start_sampler FILE: "epoch_ms sink_pid VmRSS_kB VmHWM_kB" lines
  local file=$1
  (
    trap 'exit 0' TERM
    while :; do
      pid=$(pid_of clickhouse-sink)
      rss=0 hwm=0
      if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
        read -r rss hwm < <(awk '/^VmRSS/{r=$2} /^VmHWM/{h=$2} END{print r+0, h+0}' "/proc/$pid/status" 2> /dev/null || echo "0 0")
      fi
      echo "$(date +%s%3N) ${pid:-0} $rss $hwm"
      sleep 0.5
    done
  ) >> "$file" &
  SAMPLER_PID=$!
}
stop_sampler() {
  if [ -n "$SAMPLER_PID" ]; then
    kill "$SAMPLER_PID" 2> /dev/null || true
    wait "$SAMPLER_PID" 2> /dev/null || true
    SAMPLER_PID=""
  fi
}

# cpu_snapshot: "name ticks" per stack process, plus the machine's busy and total ticks (/proc/stat).
cpu_snapshot() {
  local name pid
  for name in clickhouse-sink cdc-registrar clickhouse kafka connect mariadb; do
    pid=$(pid_of "$name")
    if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
      echo "$name $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$pid/stat")"
    else
      echo "$name 0"
    fi
  done
  awk '/^cpu /{busy=$2+$3+$4+$7+$8+$9; print "machine_busy " busy; print "machine_total " busy+$5+$6}' /proc/stat
}

# cpu_report BEFORE AFTER SECONDS: CPU seconds per process in the interval, as Markdown text.
cpu_report() {
  local hz
  hz=$(getconf CLK_TCK)
  awk -v hz="$hz" -v secs="$3" -v cores="$(nproc)" '
    NR == FNR { a[$1] = $2; next }
    { d[$1] = $2 - a[$1] }
    END {
      mine = 0
      for (n in d) if (n !~ /^machine/) { mine += d[n] }
      busy = d["machine_busy"]; total = d["machine_total"]
      printf "CPU seconds in the interval (%.0f s, %d cores = %.0f core-s): sink %.1f, ClickHouse %.1f, Kafka %.1f, Connect %.1f, MariaDB %.1f, registrar %.1f; machine busy %.0f%%, of which %.1f core-s outside this stack (bench clients, other users)\n",
        secs, cores, secs * cores, d["clickhouse-sink"] / hz, d["clickhouse"] / hz, d["kafka"] / hz, d["connect"] / hz,
        d["mariadb"] / hz, d["cdc-registrar"] / hz, (total > 0 ? 100 * busy / total : 0), (busy - mine) / hz
    }' "$1" "$2"
}

# rss_report FROM_MS TO_MS: peak VmRSS and last VmHWM of the sink between two instants (MB).
rss_peak_mb() { awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $3 > m { m = $3 } END { printf "%.0f", m / 1024 }' "$OUT/rss.tsv"; }
hwm_mb() { awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $4 > m { m = $4 } END { printf "%.0f", m / 1024 }' "$OUT/rss.tsv"; }

# thread_cpu PID: the sink's threads by CPU time (a cheap profile of where its time goes).
thread_cpu() {
  local pid=$1 hz tid
  hz=$(getconf CLK_TCK)
  for tid in /proc/"$pid"/task/*; do
    [ -r "$tid/stat" ] || continue
    awk -v hz="$hz" '{ name = $0; sub(/^[^(]*\(/, "", name); sub(/\).*$/, "", name); sub(/^.*\) /, ""); t = ($12 + $13) / hz; if (t >= 0.5) printf "%s\t%.1f\n", name, t }' "$tid/stat"
  done | sort -t$'\t' -k2 -rn | awk -F'\t' 'BEGIN { ORS = "" } NR <= 8 { print (NR > 1 ? ", " : "") $1 " " $2 " s" } END { print "\n" }'
}

# thread_cpu_of PID NAME: CPU seconds of the sink's thread NAME (e.g. sink-loop).
thread_cpu_of() {
  local hz t
  hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    [ "$(cat "$t/comm" 2> /dev/null)" = "$2" ] && awk -v hz="$hz" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "$t/stat" && return 0
  done
  echo 0
}

# metric NAME TABLE: a value of the sink's Prometheus metrics for one table.
metric() { # metric NAME TABLE [DATABASE]  (the label is db.table, or `db`.`table` in older builds)
  curl -s "$CLICKHOUSE_SINK_URL/q/metrics" 2> /dev/null | awk -v m="$1{" -v t="table=\"${3:-$DB}.$2\"" '
    { l = $0; gsub(/`/, "", l) } index(l, m) == 1 && index(l, t) && !index(l, "quantile") && !done { print $2; done = 1 }' || true
}

machine_block() {
  local commit dirty diff
  if [ -f "$BENCH_APP_HOME/.bench-commit" ]; then
    commit=$(cat "$BENCH_APP_HOME/.bench-commit")
    diff=$(cat "$BENCH_APP_HOME/.bench-diff" 2> /dev/null || true)
  elif [ "$BENCH_APP_HOME" = "$REPO" ]; then
    commit=$(git -C "$REPO" rev-parse HEAD)
    diff=$(git -C "$REPO" diff HEAD -- . ':!bench' | sha1sum | cut -c1-10)
  else
    commit="unknown"
  fi
  if [ -f "$BENCH_APP_HOME/.bench-dirty" ]; then
    dirty=$(cat "$BENCH_APP_HOME/.bench-dirty")
  elif [ "$BENCH_APP_HOME" = "$REPO" ]; then
    dirty=$(git -C "$REPO" status --porcelain -- . ':!bench' 2> /dev/null | grep -c . || true)
  fi
  cat << EOF
- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r); load average (1/5/15 min) at the start of the script: $LOAD_START, now: $(cut -d' ' -f1-3 /proc/loadavg)
- Versions: $(java -version 2>&1 | head -n 1 | sed 's/"//g'); ClickHouse $(ch 'SELECT version()'); $(mariadbd --version 2> /dev/null | awk '{print $3}' | sed 's/-0+deb.*//') ; Kafka $KAFKA_VERSION; Debezium $DEBEZIUM_VERSION; change events: $PIPELINE_FORMAT
- Code: commit $([[ $commit =~ ^[0-9a-f]{40}$ ]] && echo "${commit:0:10}" || echo "$commit")$([ "${dirty:-0}" -gt 0 ] && echo " + ${dirty} uncommitted file(s), diff sha1 ${diff:-?}") (services built in $BENCH_APP_HOME)
- Sink JVM: \`CLICKHOUSE_SINK_JAVA_OPTS=$SINK_JAVA_OPTS_BASE\`$([ -n "$BENCH_MALLOC_ARENA_MAX" ] && echo ", \`MALLOC_ARENA_MAX=$BENCH_MALLOC_ARENA_MAX\`"); batching: SINK_BATCH_MAX_ROWS=${SINK_BATCH_MAX_ROWS:-100000 (default)}, SINK_BATCH_MAX_BYTES=${SINK_BATCH_MAX_BYTES:-16777216 (default)}, SINK_BATCH_MAX_WAIT=${SINK_BATCH_MAX_WAIT:-200ms (default)}; drained topic: $BENCH_PARTITIONS partition(s), $BENCH_SINK_INSTANCES sink instance(s) (BENCH_PARTITIONS, BENCH_SINK_INSTANCES; CPU, RSS and metrics are the first instance's)
EOF
}

met() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if ((op == "ge" && v >= t) || (op == "le" && v <= t)) print "yes"; else print "**NO**" }'; }

emit() { # emit FILE: prints a results block and appends it to the results file
  cat "$1"
  { cat "$1"; echo; } >> "$RESULT_FILE"
}

# await_quiet: on a shared machine, waits until the others' load has dropped (BENCH_QUIET_LOAD).
await_quiet() {
  [ -n "$BENCH_QUIET_LOAD" ] || return 0
  local deadline=$((SECONDS + BENCH_QUIET_TIMEOUT)) l
  while l=$(cut -d' ' -f1 /proc/loadavg) && awk -v l="$l" -v t="$BENCH_QUIET_LOAD" 'BEGIN { exit !(l >= t) }'; do
    if ((SECONDS >= deadline)); then
      log "load average still $l after ${BENCH_QUIET_TIMEOUT}s; measuring anyway"
      return 0
    fi
    log "waiting for the load average ($l) to drop below $BENCH_QUIET_LOAD"
    sleep 30
  done
}

# ---------------------------------------------------------------- drain: N records in Kafka → ClickHouse
# drain TABLE COUNT OP LABEL: stop the sink, reset table/topic/offsets, produce, start the sink, time the drain.
# Leaves D_* variables for the report.
drain() {
  local table=$1 count=$2 op=$3 label=$4 topic="$TOPIC_PREFIX.$DB.$1" n
  service_stop clickhouse-sink
  for ((n = 2; n <= BENCH_SINK_INSTANCES; n++)); do
    CLICKHOUSE_SINK_INSTANCES=$BENCH_SINK_INSTANCES service_stop "clickhouse-sink-$n"
  done
  service_stop cdc-registrar # it does not capture benchdb, but keeps the CPU to the sink
  log "[$label] resetting: ClickHouse table $DB.$table, topic $topic, the sink's offsets"
  ch "DROP TABLE IF EXISTS $DB.$table" > /dev/null
  kafka_tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
    --delete-offsets --group clickhouse-sink --topic "$topic" > "$OUT/$label-reset.log" 2>&1 || true
  log "[$label] producing $count op=$op records into $topic (sink stopped; compression $BENCH_COMPRESSION)"
  bench_java EventsBench produce --bootstrap "$KAFKA_BOOTSTRAP" --prefix "$TOPIC_PREFIX" --db "$DB" --table "$table" \
    --count "$count" --op "$op" --compression "$BENCH_COMPRESSION" --partitions "$BENCH_PARTITIONS" --recreate > "$OUT/$label-produce.txt"
  cat "$OUT/$label-produce.txt" >&2
  D_PRODUCE_RATE=$(awk -F= '/^produce_rate=/{print $2}' "$OUT/$label-produce.txt")
  D_AVG_BYTES=$(awk -F= '/^avg_value_bytes=/{print $2}' "$OUT/$label-produce.txt")
  D_TOPIC_MB=$(du -cm "$PIPELINE_RUN_DIR/data/kafka/$topic"-* 2> /dev/null | tail -n 1 | cut -f1)

  local opts="$SINK_JAVA_OPTS_BASE -Xlog:gc:file=$OUT/$label-gc.log"
  await_quiet
  if [ "$BENCH_PROFILE" = 1 ]; then
    opts="$opts -XX:StartFlightRecording=filename=$OUT/$label-sink.jfr,settings=profile,dumponexit=true"
  fi
  cpu_snapshot > "$OUT/$label-cpu-before.txt"
  D_T_LAUNCH=$(now_ms)
  log "[$label] starting the sink; waiting until $DB.$table has $count rows"
  sink_start "$opts"
  # The other instances of the group, with the same JVM options (their CPU and RSS are not sampled); only them
  # (services.sh up would start the registrar and the enricher too).
  for ((n = 2; n <= BENCH_SINK_INSTANCES; n++)); do
    CLICKHOUSE_SINK_INSTANCES=$BENCH_SINK_INSTANCES CLICKHOUSE_SINK_JAVA_OPTS="$SINK_JAVA_OPTS_BASE" \
      "$PLATFORM/services.sh" restart "clickhouse-sink-$n" >&2
  done
  D_T_LIVE=$(now_ms)
  D_T_FIRST="" D_C_FIRST=0
  local c=0 deadline=$((SECONDS + BENCH_DRAIN_TIMEOUT)) t last_log=$SECONDS
  : > "$OUT/$label-progress.tsv"
  while :; do
    c=$(ch_count "$DB.$table")
    t=$(now_ms)
    echo "$t $c" >> "$OUT/$label-progress.tsv"
    if [ -z "$D_T_FIRST" ] && [ "$c" -gt 0 ]; then D_T_FIRST=$t D_C_FIRST=$c; fi
    [ "$c" -ge "$count" ] && break
    ((SECONDS < deadline)) || die "[$label] only $c of $count rows in ClickHouse after ${BENCH_DRAIN_TIMEOUT}s; sink log: $PIPELINE_RUN_DIR/logs/clickhouse-sink.log"
    [ -n "$(pid_of clickhouse-sink)" ] || die "[$label] the sink died; its log: $PIPELINE_RUN_DIR/logs/clickhouse-sink.log"
    if ((SECONDS - last_log >= 30)); then log "[$label]   $c rows"; last_log=$SECONDS; fi
    sleep 0.2
  done
  D_T_DONE=$(now_ms)
  cpu_snapshot > "$OUT/$label-cpu-after.txt"
  D_COUNT=$c
  D_SECS_LAUNCH=$(awk -v a="$D_T_LAUNCH" -v b="$D_T_DONE" 'BEGIN{printf "%.1f", (b-a)/1000}')
  D_SECS_FIRST=$(awk -v a="$D_T_FIRST" -v b="$D_T_DONE" 'BEGIN{printf "%.1f", (b-a)/1000}')
  D_STARTUP=$(awk -v a="$D_T_LAUNCH" -v b="$D_T_FIRST" 'BEGIN{printf "%.1f", (b-a)/1000}')
  D_RATE_LAUNCH=$(awk -v n="$count" -v a="$D_T_LAUNCH" -v b="$D_T_DONE" 'BEGIN{printf "%.0f", n/((b-a)/1000)}')
  D_RATE_STEADY=$(awk -v n="$count" -v f="$D_C_FIRST" -v a="$D_T_FIRST" -v b="$D_T_DONE" 'BEGIN{ if (b > a) printf "%.0f", (n-f)/((b-a)/1000); else print n }')
  D_CPU=$(cpu_report "$OUT/$label-cpu-before.txt" "$OUT/$label-cpu-after.txt" "$(awk -v a="$D_T_LAUNCH" -v b="$D_T_DONE" 'BEGIN{print (b-a)/1000}')")
  D_THREADS=$(thread_cpu "$(pid_of clickhouse-sink)")
  local loop_s
  loop_s=$(thread_cpu_of "$(pid_of clickhouse-sink)" sink-loop)
  D_LOOP=$(awk -v s="$loop_s" -v n="$count" -v w="$D_SECS_FIRST" 'BEGIN { if (s > 0) printf "the sink-loop thread (consume, decode, encode, commit; inserts run on their own thread) used %.1f CPU s = %.1f µs per row, i.e. it was on a CPU %.0f%% of the drain; at that cost one dedicated core would give at most ~%.0f rows/s", s, 1e6 * s / n, 100 * s / w, n / s; else print "sink-loop CPU n/a" }')
  D_RSS_PEAK=$(rss_peak_mb "$D_T_LAUNCH" "$D_T_DONE")
  D_HWM=$(hwm_mb "$D_T_LAUNCH" "$D_T_DONE")
  # RSS by quarter of the drain (does it grow with the input?)
  D_RSS_QUARTERS=$(awk -v a="$D_T_FIRST" -v b="$D_T_DONE" '$1 >= a && $1 <= b { q = int(4 * ($1 - a) / (b - a + 1)); if ($3 > m[q]) m[q] = $3 }
    END { printf "%.0f / %.0f / %.0f / %.0f", m[0]/1024, m[1]/1024, m[2]/1024, m[3]/1024 }' "$OUT/rss.tsv")
  local ins_sum ins_count rows_max
  ins_sum=$(metric sink_insert_latency_seconds_sum "$table")
  ins_count=$(metric sink_insert_latency_seconds_count "$table")
  rows_max=$(metric sink_batch_rows_max "$table")
  # Garbage collection: pauses and their total from the sink's GC log (-Xlog:gc, one line per pause).
  D_GC=$(awk '/Pause/ { n++; v = $NF; sub(/ms$/, "", v); t += v } END { printf "%d GC pauses, %.1f s in total", n, t / 1000 }' "$OUT/$label-gc.log" 2> /dev/null || echo "GC log n/a")
  D_INSERTS=$(awk -v s="${ins_sum:-0}" -v c="${ins_count:-0}" -v w="$D_SECS_LAUNCH" -v m="${rows_max:-0}" 'BEGIN {
    if (c > 0) printf "%d inserts (max %d rows), %.1f s in ClickHouse (on the insert thread, beside the loop) = %.0f%% of the drain, %.0f ms per insert", c, m, s, 100 * s / w, 1000 * s / c; else print "n/a" }')
  log "[$label] drained $count rows in ${D_SECS_LAUNCH}s from launch (${D_SECS_FIRST}s from the first visible row): $D_RATE_STEADY rows/s; sink RSS peak ${D_RSS_PEAK} MB"
  if [ "$BENCH_PROFILE" = 1 ]; then
    service_stop clickhouse-sink # writes the JFR recording
    D_PROFILE="$OUT/$label-hot-methods.txt"
    local jfr=jfr
    [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr ] && jfr=/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr
    "$jfr" view --width 160 hot-methods "$OUT/$label-sink.jfr" > "$D_PROFILE" 2>&1 || true
    "$jfr" view --width 160 gc-pauses "$OUT/$label-sink.jfr" >> "$D_PROFILE" 2>&1 || true
    "$jfr" view --width 160 allocation-by-site "$OUT/$label-sink.jfr" >> "$D_PROFILE" 2>&1 || true
  fi
}

# ---------------------------------------------------------------- modes
# where_the_time_goes: the last drain's CPU, insert, GC and thread figures (and JFR hot methods) for a result block.
where_the_time_goes() {
  echo "Where the time goes: $D_LOOP. $D_INSERTS. $D_GC. $D_CPU. Busiest sink threads (CPU s since start): $D_THREADS"
  [ -z "${D_PROFILE:-}" ] || { echo; echo "JFR hot methods of the sink: \`$D_PROFILE\`"; echo '```'; sed -n '1,28p' "$D_PROFILE"; echo '```'; }
}

run_throughput() {
  local n=$BENCH_ROWS block="$OUT/throughput.md"
  drain events "$n" c throughput
  local base_tcp="" base_http="" rb="$BENCH_WORK/events-$n.rowbinary" rb_mb t0 t1
  if [ "$BENCH_BASELINE" = 1 ]; then
    if [ ! -s "$rb" ]; then
      log "[baseline] writing the same $n rows as RowBinary to $rb"
      bench_java EventsBench rowbinary --count "$n" --out "$rb" > "$OUT/rowbinary.txt"
    fi
    rb_mb=$(du -m "$rb" | cut -f1)
    ch "DROP TABLE IF EXISTS $DB.events_baseline" > /dev/null
    ch "CREATE TABLE $DB.events_baseline AS $DB.events" > /dev/null
    log "[baseline] clickhouse-client INSERT ... FORMAT RowBinary of $n rows ($rb_mb MB)"
    t0=$(now_ms)
    clickhouse-client --host 127.0.0.1 --port "$CLICKHOUSE_TCP_PORT" --user "$CLICKHOUSE_USER" --password "$CLICKHOUSE_PASSWORD" \
      --query "INSERT INTO $DB.events_baseline FORMAT RowBinary" < "$rb"
    t1=$(now_ms)
    [ "$(ch_count "$DB.events_baseline")" -eq "$n" ] || die "baseline insert did not write $n rows"
    base_tcp=$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", n/((b-a)/1000)}')
    base_tcp_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", (b-a)/1000}')
    ch "DROP TABLE IF EXISTS $DB.events_baseline_http" > /dev/null
    ch "CREATE TABLE $DB.events_baseline_http AS $DB.events" > /dev/null
    log "[baseline] the same over HTTP (curl --data-binary), as the sink sends it"
    t0=$(now_ms)
    curl -sS --fail -K - "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/?query=INSERT%20INTO%20$DB.events_baseline_http%20FORMAT%20RowBinary" \
      --data-binary @"$rb" <<< "user = \"$CLICKHOUSE_USER:$CLICKHOUSE_PASSWORD\"" > /dev/null
    t1=$(now_ms)
    base_http=$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", n/((b-a)/1000)}')
    base_http_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", (b-a)/1000}')
    # The sink wrote exactly what ClickHouse's own insert wrote (all columns but _ingested_at).
    local sum_sink sum_base
    sum_sink=$(ch "SELECT sum(cityHash64(id,user_id,seq,name,toString(amount),created_at,updated_at,score,active,ifNull(note,'<null>'),_version,_deleted)) FROM $DB.events")
    sum_base=$(ch "SELECT sum(cityHash64(id,user_id,seq,name,toString(amount),created_at,updated_at,score,active,ifNull(note,'<null>'),_version,_deleted)) FROM $DB.events_baseline")
    [ "$sum_sink" = "$sum_base" ] && BASE_SAME="identical (checksum of all columns but _ingested_at)" || BASE_SAME="**DIFFERENT** ($sum_sink vs $sum_base)"
    ch "DROP TABLE IF EXISTS $DB.events_baseline_http" > /dev/null
  fi
  {
    echo "## Throughput — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    machine_block
    echo "- Input: $n Debezium op=c records of \`$DB.events\` (10 columns, key and value JsonConverter with schemas, avg value ${D_AVG_BYTES} B), 1 partition, producer compression $BENCH_COMPRESSION, topic ${D_TOPIC_MB} MB on disk; produced at ${D_PRODUCE_RATE} records/s with the sink stopped"
    echo
    echo "| metric | value | target | met |"
    echo "|---|---|---|---|"
    echo "| sink rows/s, first visible row → all $n rows | **$D_RATE_STEADY** | ≥ 100,000 | $(met "$D_RATE_STEADY" 100000 ge) |"
    echo "| sink rows/s, process launch → all rows (incl. ${D_STARTUP} s start-up) | $D_RATE_LAUNCH | | |"
    echo "| drain time from launch / from first visible row | ${D_SECS_LAUNCH} s / ${D_SECS_FIRST} s | | |"
    if [ "$BENCH_BASELINE" = 1 ]; then
      echo "| baseline: clickhouse-client RowBinary INSERT (TCP), same rows | $base_tcp rows/s (${base_tcp_s} s, ${rb_mb} MB) | | |"
      echo "| baseline: curl RowBinary INSERT over HTTP, same rows | $base_http rows/s (${base_http_s} s) | | |"
      echo "| sink ÷ clickhouse-client baseline | $(awk -v a="$D_RATE_STEADY" -v b="$base_tcp" 'BEGIN{printf "%.2f (baseline is %.1f× faster)", a/b, b/a}') | | |"
      echo "| rows written by the sink vs baseline | $BASE_SAME | | |"
    fi
    echo "| sink RSS peak (VmRSS sampled every 0.5 s) / VmHWM | $D_RSS_PEAK MB / $D_HWM MB | ≤ 300 MB | $(met "$D_HWM" 300 le) |"
    echo "| sink RSS peak by quarter of the drain | $D_RSS_QUARTERS MB | flat | |"
    echo
    where_the_time_goes
    echo
  } > "$block"
  emit "$block"
}

run_snapshot() {
  local n=$BENCH_SNAPSHOT_ROWS block="$OUT/snapshot.md"
  drain events_snapshot "$n" r snapshot
  {
    echo "## Snapshot (op=r) — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    machine_block
    echo "- Input: $n Debezium op=r (snapshot) records of \`$DB.events_snapshot\` (same 10 columns, avg value ${D_AVG_BYTES} B), 1 partition, compression $BENCH_COMPRESSION, topic ${D_TOPIC_MB} MB on disk"
    echo
    echo "| metric | value | target | met |"
    echo "|---|---|---|---|"
    echo "| sink RSS peak / VmHWM over the whole drain | $D_RSS_PEAK MB / $D_HWM MB | ≤ 300 MB | $(met "$D_HWM" 300 le) |"
    echo "| sink RSS peak by quarter of the drain (1st / 2nd / 3rd / 4th) | $D_RSS_QUARTERS MB | not growing | $(echo "$D_RSS_QUARTERS" | awk -F' / ' '{ print ($4 <= 1.1 * $2 + 10) ? "yes" : "**NO**" }') |"
    echo "| sink rows/s, first visible row → all $n rows | $D_RATE_STEADY | (≥ 100,000) | $(met "$D_RATE_STEADY" 100000 ge) |"
    echo "| drain time from launch / from first visible row | ${D_SECS_LAUNCH} s / ${D_SECS_FIRST} s | | |"
    echo
    where_the_time_goes
    echo
  } > "$block"
  emit "$block"
}

run_latency() {
  local block="$OUT/latency.md" res="$OUT/latency.txt" t0 t1 deadline
  service_stop clickhouse-sink
  service_start cdc-registrar
  sink_start "$SINK_JAVA_OPTS_BASE"
  log "[latency] waiting for the Debezium connector to run (cdc-registrar)"
  deadline=$((SECONDS + 180))
  until curl -s "$CDC_REGISTRAR_URL/source/status" | grep -q '"state":"RUNNING","tasks":\[{"id":0,"state":"RUNNING"'; do
    ((SECONDS < deadline)) || die "the connector is not RUNNING after 180 s: $(curl -s "$CDC_REGISTRAR_URL/source/status")"
    sleep 1
  done
  await_quiet
  log "[latency] $BENCH_LATENCY_RATE commits/s for $BENCH_LATENCY_SECONDS s (+ $BENCH_LATENCY_WARMUP s warm-up) into $MYSQL_DATABASE, polling ClickHouse every $BENCH_POLL_MS ms"
  cpu_snapshot > "$OUT/latency-cpu-before.txt"
  t0=$(now_ms)
  local timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -o "$OUT/latency-client-cpu.txt" -f '%U %S')
  CLIENT_TIMER=("${timer[@]}")
  bench_java LatencyBench --mysql-port "$MYSQL_PORT" --mysql-user "$MYSQL_USER" --mysql-password "$MYSQL_PASSWORD" \
    --db "$MYSQL_DATABASE" --ch-url "$CLICKHOUSE_HTTP_URL" --ch-user "$CLICKHOUSE_USER" --ch-password "$CLICKHOUSE_PASSWORD" \
    --rate "$BENCH_LATENCY_RATE" --duration "$BENCH_LATENCY_SECONDS" --warmup "$BENCH_LATENCY_WARMUP" \
    --threads "$BENCH_LATENCY_THREADS" --poll-ms "$BENCH_POLL_MS" --bootstrap "$KAFKA_BOOTSTRAP" \
    --topic-prefix "$TOPIC_PREFIX" --csv "$OUT/latency-rows.csv" > "$res"
  CLIENT_TIMER=()
  t1=$(now_ms)
  cpu_snapshot > "$OUT/latency-cpu-after.txt"
  cat "$res" >&2
  v() { awk -F= -v k="$1" '$1 == k { print $2 }' "$res"; }
  local cpu threads peak hwm lt ins
  lt=$(v table)
  lt=${lt#*.}
  ins=$(awk -v s="$(metric sink_insert_latency_seconds_sum "$lt" "$MYSQL_DATABASE")" -v c="$(metric sink_insert_latency_seconds_count "$lt" "$MYSQL_DATABASE")" \
    -v x="$(metric sink_insert_latency_seconds_max "$lt" "$MYSQL_DATABASE")" -v m="$(metric sink_batch_rows_max "$lt" "$MYSQL_DATABASE")" 'BEGIN {
    if (c > 0) printf "sink: %d inserts, %.0f rows per insert on average (max %d), %.0f ms per insert on average, slowest of the last minutes %.0f ms", c, ('"$(v measured_rows)"' + '"$(v warmup_rows)"') / c, m, 1000 * s / c, 1000 * x; else print "sink metrics n/a" }')
  cpu=$(cpu_report "$OUT/latency-cpu-before.txt" "$OUT/latency-cpu-after.txt" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)/1000}')")
  threads=$(thread_cpu "$(pid_of clickhouse-sink)")
  peak=$(rss_peak_mb "$t0" "$t1")
  hwm=$(hwm_mb "$t0" "$t1")
  {
    echo "## Latency — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    machine_block
    echo "- Load: $BENCH_LATENCY_THREADS connections commit single-row INSERTs into \`$(v table)\` at $BENCH_LATENCY_RATE/s for $BENCH_LATENCY_SECONDS s after $BENCH_LATENCY_WARMUP s of warm-up; created_at = client clock (UTC) at commit; ClickHouse polled every $BENCH_POLL_MS ms with \`SELECT id, created_at ... FINAL WHERE id > <seen>\` (avg query $(v poll_query_ms_avg) ms; visible time = answer received)"
    echo
    echo "| metric | value | target | met |"
    echo "|---|---|---|---|"
    echo "| achieved commit rate | $(v achieved_rate)/s ($(v measured_rows) rows) | $BENCH_LATENCY_RATE/s | $(met "$(v achieved_rate)" "$(awk -v r="$BENCH_LATENCY_RATE" 'BEGIN{print 0.98*r}')" ge) |"
    echo "| e2e p50 (visible − created_at) | **$(v e2e_p50_ms) ms** | ≤ 500 ms | $(met "$(v e2e_p50_ms)" 500 le) |"
    echo "| e2e p90 | $(v e2e_p90_ms) ms | | |"
    echo "| e2e p99 | **$(v e2e_p99_ms) ms** | ≤ 2,000 ms | $(met "$(v e2e_p99_ms)" 2000 le) |"
    echo "| e2e max | $(v e2e_max_ms) ms | | |"
    echo "| e2e p50/p99 per 10 s of the run (ms) | $(v e2e_windows_10s_p50_p99_ms) | | |"
    echo "| rows never visible / created_at read back differently | $(v missing) / $(v created_at_mismatch) | 0 / 0 | $([ "$(v missing)" = 0 ] && [ "$(v created_at_mismatch)" = 0 ] && echo yes || echo '**NO**') |"
    echo "| split p50 / p99: MySQL commit → Kafka (Debezium, Connect) | $(v source_to_kafka_p50_ms) / $(v source_to_kafka_p99_ms) ms | | |"
    echo "| split p50 / p99: Kafka → visible in ClickHouse (sink) | $(v kafka_to_visible_p50_ms) / $(v kafka_to_visible_p99_ms) ms | | |"
    echo "| sink RSS peak / VmHWM | $peak MB / $hwm MB | ≤ 300 MB | $(met "$hwm" 300 le) |"
    echo
    echo "$ins. $cpu; the latency client itself (writers, poller, Kafka reader) used $(awk '{ printf "%.1f", $1 + $2 }' "$OUT/latency-client-cpu.txt" 2> /dev/null || echo '?') CPU s. Busiest sink threads (CPU s since start): $threads"
    echo
  } > "$block"
  emit "$block"
}

# ---------------------------------------------------------------- main
set -E
trap 'log "ERROR: line $LINENO: \"$BASH_COMMAND\" failed (exit $?)"' ERR
# One benchmark per run dir: a second one would restart the first one's sink and wipe its stack.
BENCH_PID_FILE="$PIPELINE_RUN_DIR.bench.pid"
mkdir -p "$(dirname "$PIPELINE_RUN_DIR")"
if [ -f "$BENCH_PID_FILE" ] && other=$(cat "$BENCH_PID_FILE") && [ "$other" != $$ ] &&
  tr '\0' ' ' < "/proc/$other/cmdline" 2> /dev/null | grep -q 'bench/run.sh'; then
  die "another bench/run.sh (pid $other) is using $PIPELINE_RUN_DIR; wait for it, or give this one PIPELINE_RUN_DIR=<other dir> and other ports"
fi
echo $$ > "$BENCH_PID_FILE"
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
build
CP=$(classpath)
log "Checking the generator against the records captured from the real stack (bench/fixtures)"
bench_java EventsBench check "$BENCH_DIR/fixtures" >&2
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED_STACK=1 # this script owns its run dir: it stops and wipes it at the end (unless BENCH_KEEP=1)
stack_up
start_sampler "$OUT/rss.tsv"
log "Results: $RESULT_FILE (raw files: $OUT)"
case "$MODE" in
  throughput) run_throughput ;;
  snapshot) run_snapshot ;;
  latency) run_latency ;;
  all)
    run_throughput
    run_snapshot
    run_latency
    ;;
esac
log "Done. Results appended to $RESULT_FILE"
