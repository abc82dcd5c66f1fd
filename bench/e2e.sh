#!/usr/bin/env bash
# End-to-end format benchmark (issue 12): one bulk INSERT ... SELECT committed in MariaDB → every row visible in
# ClickHouse, once per change-event format, each on a fresh stack.
#
# Usage: bench/e2e.sh            (BENCH_FORMATS="json avro", BENCH_E2E_ROWS=1000000; see bench/README.md)
# For each format: starts the local stack with PIPELINE_FORMAT=<format> (platform/stack.sh; the schema registry too
# for avro) plus cdc-registrar and clickhouse-sink (platform/services.sh) in its own run dir, creates a 10-column
# table, commits one probe row and waits until it is in ClickHouse (connector, topic, sink table, subscription all
# in place), then commits ONE INSERT ... SELECT of BENCH_E2E_ROWS rows generated inside MariaDB (seq_1_to_N of its
# SEQUENCE engine) and measures from the commit:
#   - Debezium alone: until the table's topic end offsets hold every record (E2eWatch polls them every 100 ms);
#   - end to end: until SELECT count() ... FINAL WHERE _deleted = 0 in ClickHouse reaches the row count;
#   - CPU seconds of each process (utime + stime from /proc/<pid>/stat, pids from the run dir) over that time;
#   - bytes per record: the topic's log segment bytes / its records (the producer compresses with zstd, set by
#     cdc-registrar; the codec is read back from the segment with Kafka's DumpLogSegments).
# Then (BENCH_E2E_DRAIN=1) the sink's drain of those records already in Kafka against ClickHouse's own RowBinary insert
# of the same rows (bench/e2e-drain.sh). Then it stops and wipes that stack. It prints Markdown tables and appends
# them to bench/results/<date>-e2e.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
case "${1:-}" in -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; "") ;; *) echo "usage: bench/e2e.sh (knobs in the environment, see --help)" >&2; exit 2 ;; esac

# ---------------------------------------------------------------- knobs
BENCH_FORMATS="${BENCH_FORMATS:-json avro}"
BENCH_E2E_ROWS="${BENCH_E2E_ROWS:-1000000}"
BENCH_E2E_WORK="${BENCH_E2E_WORK:-/tmp/bench-e2e}"        # run dirs (run-<format>) and raw output (out/)
BENCH_E2E_TIMEOUT="${BENCH_E2E_TIMEOUT:-3600}"             # seconds from the commit until every row must be in ClickHouse
BENCH_E2E_READY_TIMEOUT="${BENCH_E2E_READY_TIMEOUT:-600}"  # seconds for the connector and the probe row
BENCH_POLL_MS="${BENCH_POLL_MS:-100}"                      # Kafka end-offset poll; ClickHouse is polled every max(this, 250) ms
BENCH_KEEP="${BENCH_KEEP:-0}"                              # 1: leave the last format's stack running
BENCH_E2E_DRAIN="${BENCH_E2E_DRAIN:-1}"                    # 1: then the sink's drain of the topic vs clickhouse-client
BENCH_E2E_WARMUP_ROWS="${BENCH_E2E_WARMUP_ROWS:-0}"        # >0: a bulk insert of this many rows into another table first (warm JITs)
# Ports of the benchmark's stacks (one format at a time, so they share them): 44xxx, away from the other stacks here.
export MYSQL_PORT="${MYSQL_PORT:-44306}"
export CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-44123}"
export CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-44900}"
export CLICKHOUSE_INTERSERVER_PORT="${CLICKHOUSE_INTERSERVER_PORT:-44909}"
export KAFKA_PORT="${KAFKA_PORT:-44092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-44093}"
export CONNECT_PORT="${CONNECT_PORT:-44083}"
export CDC_REGISTRAR_PORT="${CDC_REGISTRAR_PORT:-44191}"
export ENRICHER_GATEWAY_PORT="${ENRICHER_GATEWAY_PORT:-44192}"
export CLICKHOUSE_SINK_PORT="${CLICKHOUSE_SINK_PORT:-44193}"
export SCHEMA_REGISTRY_PORT="${SCHEMA_REGISTRY_PORT:-44081}"
export SCHEMA_REGISTRY_MANAGEMENT_PORT="${SCHEMA_REGISTRY_MANAGEMENT_PORT:-44981}"
export PIPELINE_HOME="$REPO"                               # services.sh runs <module>/target/quarkus-app/quarkus-run.jar
export PIPELINE_DIST="${PIPELINE_DIST:-$REPO/.run/dist}"
export PIPELINE_SUPERVISOR=off

PLATFORM="$REPO/platform"
TABLE=bench_e2e
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT="$BENCH_E2E_WORK/out/$STAMP"
RESULT_FILE="$BENCH_DIR/results/$(date -u +%Y-%m-%d)-e2e.md"
COMPONENTS=(mariadb kafka connect registry clickhouse clickhouse-sink cdc-registrar)
mkdir -p "$OUT" "$BENCH_DIR/results"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }'; }

[[ $BENCH_E2E_ROWS =~ ^[1-9][0-9]*$ ]] || die "BENCH_E2E_ROWS must be a number of rows, not '$BENCH_E2E_ROWS'"
[[ $BENCH_E2E_WARMUP_ROWS =~ ^[0-9]+$ ]] || die "BENCH_E2E_WARMUP_ROWS must be a number of rows, not '$BENCH_E2E_WARMUP_ROWS'"
for f in $BENCH_FORMATS; do case "$f" in json | avro) ;; *) die "BENCH_FORMATS: '$f' is not a format (json, avro)" ;; esac; done
for cmd in java curl mariadb awk clickhouse-client; do command -v "$cmd" > /dev/null || die "bench/e2e.sh needs $cmd (platform/install.sh)"; done
for m in cdc-registrar clickhouse-sink; do
  [ -f "$REPO/$m/target/quarkus-app/quarkus-run.jar" ] ||
    die "not built: $m (./mvnw -q -o -DskipTests package -pl common,cdc-registrar,clickhouse-sink)"
done
[ -f "$PIPELINE_DIST/.complete-avro" ] || [[ " $BENCH_FORMATS " != *" avro "* ]] ||
  die "no Apicurio Registry in $PIPELINE_DIST: run PIPELINE_FORMAT=avro platform/install.sh (or set PIPELINE_DIST)"

# The watcher's classpath: kafka-clients and what it loads, from the built sink.
CP=""
for j in "$REPO"/clickhouse-sink/target/quarkus-app/lib/main/{org.apache.kafka.kafka-clients,org.lz4.lz4-java,org.xerial.snappy.snappy-java,com.github.luben.zstd-jni,org.slf4j.slf4j-api}-*.jar; do
  [ -f "$j" ] || die "missing $j (build clickhouse-sink)"
  CP="$CP${CP:+:}$j"
done

# ---------------------------------------------------------------- one stack
# shellcheck source=bench/e2e-drain.sh
source "$BENCH_DIR/e2e-drain.sh"
sql() { MYSQL_PWD="$MYSQL_PASSWORD" mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u "$MYSQL_USER" --batch --skip-column-names "$MYSQL_DATABASE" -e "$1"; }
ch() { curl -sS --max-time 120 -K - "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/" --data-binary "$1" <<< "user = \"$CLICKHOUSE_USER:$CLICKHOUSE_PASSWORD\""; }
pid_of() { tr -dc '0-9' 2> /dev/null < "$PIPELINE_RUN_DIR/pids/$1.pid" || true; }
# cpu_ticks: "<component> <utime+stime ticks>" per running component.
cpu_ticks() {
  local c pid
  for c in "${COMPONENTS[@]}"; do
    pid=$(pid_of "$c")
    if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
      echo "$c $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")"
    else
      echo "$c -"
    fi
  done
}
# thread_ticks NAME: the process's threads, one per line: "tid<TAB>name<TAB>CPU ticks since the thread started".
thread_ticks() {
  local pid
  pid=$(pid_of "$1")
  [ -n "$pid" ] || return 0
  awk '{ tid = FILENAME; sub(/\/stat$/, "", tid); sub(/^.*\//, "", tid)
         n = $0; sub(/^[^(]*\(/, "", n); sub(/\).*$/, "", n); sub(/^.*\) /, "")
         printf "%s\t%s\t%d\n", tid, n, $12 + $13 }' /proc/"$pid"/task/*/stat 2> /dev/null || true
}
# busiest_threads NAME SINCE_FILE: the process's five busiest threads since the thread_ticks snapshot in SINCE_FILE,
# in CPU seconds ("name s, ...": the measured interval only, so a warm-up's JIT work is not counted).
busiest_threads() {
  thread_ticks "$1" | awk -F'\t' -v hz="$(getconf CLK_TCK)" 'FILENAME == ARGV[1] { s[$1] = $3; next } { printf "%s\t%.1f\n", $2, ($3 - s[$1]) / hz }' "$2" - |
    sort -t$'\t' -k2 -rn | head -n 5 | awk -F'\t' '{ printf "%s%s %s s", (NR > 1 ? ", " : ""), $1, $2 }'
}
# jvm_flags NAME: the heap and GC options the process's JVM runs with.
jvm_flags() {
  tr '\0' '\n' < "/proc/$(pid_of "$1")/cmdline" | grep -E '^-X(m[sx]|X:(\+Use[A-Za-z0-9]*GC|MaxGCPauseMillis))' | tr '\n' ' ' | sed 's/ $//'
}
wait_until() { # wait_until SECONDS WHAT COMMAND...: polls COMMAND every second
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + limit))
  until "$@" > /dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what: not after ${limit}s (logs: $PIPELINE_RUN_DIR/logs/)"
    sleep 1
  done
}
connector_running() { curl -s "$CDC_REGISTRAR_URL/source/status" | grep -q '"state":"RUNNING","tasks":\[{"id":0,"state":"RUNNING"'; }
warmup_visible() { [ "$(ch "SELECT count() FROM $MYSQL_DATABASE.${TABLE}_warm FINAL WHERE _deleted = 0")" = "$BENCH_E2E_WARMUP_ROWS" ]; }
probe_visible() { [ "$(ch "SELECT count() FROM $MYSQL_DATABASE.$TABLE FINAL WHERE _deleted = 0 AND id = 0")" = 1 ]; }

# bulk_insert TABLE N: ONE autocommit INSERT ... SELECT of N rows generated inside MariaDB (SEQUENCE engine).
bulk_insert() {
  sql "INSERT INTO $1 (id, customer_id, product_id, quantity, amount, created_at, status, region, note, is_gift)
       SELECT seq, seq % 100000, seq % 5000, 1 + seq % 10, (seq % 1000000) / 100,
              TIMESTAMP '2026-01-01 00:00:00' + INTERVAL seq SECOND + INTERVAL seq % 1000000 MICROSECOND,
              ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'cancelled'), CONCAT('region-', seq % 50),
              IF(seq % 10 = 0, NULL, CONCAT('order ', seq, ' of customer ', seq % 100000)), seq % 2
       FROM seq_1_to_$2"
}

WATCHER=""
stack_down() {
  [ -z "$WATCHER" ] || kill "$WATCHER" 2> /dev/null || true
  log "[$PIPELINE_FORMAT] stopping and wiping the stack (logs kept in $OUT/logs-$PIPELINE_FORMAT)"
  cp -r "$PIPELINE_RUN_DIR/logs" "$OUT/logs-$PIPELINE_FORMAT" 2> /dev/null || true
  "$PLATFORM/services.sh" down >&2 || true
  "$PLATFORM/stack.sh" down --wipe >&2 || true
}

# run_format FORMAT: one measurement on a fresh stack; writes $OUT/FORMAT.env (key=value). Runs in a subshell.
run_format() {
  export PIPELINE_FORMAT=$1
  export PIPELINE_RUN_DIR="$BENCH_E2E_WORK/run-$1"
  local res="$OUT/$1.env" topic watch="$OUT/$1-watch.txt" n=$BENCH_E2E_ROWS
  if [ -f "$PIPELINE_RUN_DIR/endpoints.env" ]; then
    log "[$1] a stack from an earlier run is in $PIPELINE_RUN_DIR: stopping and wiping it"
    "$PLATFORM/services.sh" down >&2 || true
    "$PLATFORM/stack.sh" down --wipe >&2 || true
  fi
  [ "$BENCH_KEEP" = 1 ] || trap stack_down EXIT
  log "[$1] starting the stack in $PIPELINE_RUN_DIR (MariaDB $MYSQL_PORT, Kafka $KAFKA_PORT, ClickHouse $CLICKHOUSE_HTTP_PORT)"
  local t0=$SECONDS
  "$PLATFORM/stack.sh" up >&2
  # shellcheck disable=SC1091
  source "$PIPELINE_RUN_DIR/endpoints.env"
  # The two services on the path MariaDB → ClickHouse (the enricher has nothing to do here and stays stopped).
  "$PLATFORM/services.sh" restart cdc-registrar >&2
  "$PLATFORM/services.sh" restart clickhouse-sink >&2
  wait_until "$BENCH_E2E_READY_TIMEOUT" "the Debezium connector RUNNING ($CDC_REGISTRAR_URL/source/status)" connector_running
  log "[$1] stack, registrar and sink up in $((SECONDS - t0))s; creating $MYSQL_DATABASE.$TABLE and waiting for its probe row in ClickHouse"
  sql "CREATE TABLE $TABLE (
         id BIGINT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, product_id INT NOT NULL, quantity SMALLINT NOT NULL,
         amount DECIMAL(12,2) NOT NULL, created_at DATETIME(6) NOT NULL, status VARCHAR(16) NOT NULL,
         region VARCHAR(32) NOT NULL, note VARCHAR(255) NULL, is_gift TINYINT NOT NULL)"
  sql "INSERT INTO $TABLE VALUES (0, 0, 0, 0, 0.00, '2026-01-01 00:00:00.000000', 'probe', 'none', NULL, 0)"
  wait_until "$BENCH_E2E_READY_TIMEOUT" "the probe row of $TABLE in ClickHouse" probe_visible
  topic="$TOPIC_PREFIX.$MYSQL_DATABASE.$TABLE"
  if [ "$BENCH_E2E_WARMUP_ROWS" -gt 0 ]; then
    # The same work on another table first: Connect's, the broker's and the sink's JITs compile what the measured
    # insert runs, as in a pipeline that has been streaming for a while (a fresh JVM spends 10-15 CPU-s compiling).
    log "[$1] warm-up: $BENCH_E2E_WARMUP_ROWS rows into ${TABLE}_warm, waiting until ClickHouse has them"
    sql "CREATE TABLE ${TABLE}_warm LIKE $TABLE"
    bulk_insert "${TABLE}_warm" "$BENCH_E2E_WARMUP_ROWS"
    wait_until "$BENCH_E2E_TIMEOUT" "the warm-up rows in ClickHouse" warmup_visible
    sleep 10 # the JIT's queue and the sink's last inserts settle
  fi

  # The watcher: ready once connected, then it times the milestones (epoch ms) while the insert runs.
  java -Xmx256m -cp "$CP" "$BENCH_DIR/E2eWatch.java" --bootstrap "$KAFKA_BOOTSTRAP" --topic "$topic" \
    --offsets $((n + 1)) --rows "$n" --table "$MYSQL_DATABASE.$TABLE" --filter "id > 0" \
    --ch-url "$CLICKHOUSE_HTTP_URL" --ch-user "$CLICKHOUSE_USER" --ch-password "$CLICKHOUSE_PASSWORD" \
    --poll-ms "$BENCH_POLL_MS" --timeout-s "$BENCH_E2E_TIMEOUT" > "$watch" 2> >(grep --line-buffered -v '^SLF4J' >&2) &
  WATCHER=$!
  wait_until 120 "the watcher (E2eWatch) ready" grep -q '^ready=1' "$watch"
  sleep 5 # the watcher's JVM start-up CPU settles before the measured interval
  local load t_start t_commit
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  cpu_ticks > "$OUT/$1-cpu-start.txt"
  for p in kafka connect clickhouse-sink; do thread_ticks "$p" > "$OUT/$1-threads-$p-start.txt"; done
  log "[$1] load average $load; committing INSERT INTO $TABLE SELECT ... FROM seq_1_to_$n"
  t_start=$(now_ms)
  bulk_insert "$TABLE" "$n"
  t_commit=$(now_ms)
  cpu_ticks > "$OUT/$1-cpu-commit.txt"
  log "[$1] committed in $(secs "$t_start" "$t_commit") s; waiting for Kafka and ClickHouse"
  wait "$WATCHER" || die "the watcher failed (see above; sink log: $PIPELINE_RUN_DIR/logs/clickhouse-sink.log)"
  WATCHER=""
  cpu_ticks > "$OUT/$1-cpu-end.txt"
  v() { awk -F= -v k="$1" '$1 == k { print $2 }' "$watch"; }
  local k_done c_done records bytes codec
  k_done=$(v kafka_done_ms) c_done=$(v ch_done_ms)
  # Bytes per record: the topic's log segments (one partition here), over every record in them (the probe too).
  records=$((n + 1))
  bytes=$(find "$PIPELINE_RUN_DIR/data/kafka" -path "*/$topic-*/*.log" -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  codec=$(java -cp "$PIPELINE_DIST/kafka/*" -Dlog4j2.configurationFile="$PIPELINE_RUN_DIR/conf/kafka/log4j2.properties" \
    kafka.tools.DumpLogSegments --files "$(find "$PIPELINE_RUN_DIR/data/kafka" -path "*/$topic-*/*.log" | sort | tail -n 1)" 2> /dev/null |
    grep -o -m1 'compresscodec: [A-Za-z0-9]*' | cut -d' ' -f2 || true)
  {
    echo "format=$1"
    echo "rows=$n"
    echo "load=$load"
    echo "insert_s=$(secs "$t_start" "$t_commit")"
    echo "kafka_first_s=$(secs "$t_commit" "$(v kafka_first_ms)")"
    echo "kafka_s=$(secs "$t_commit" "$k_done")"
    echo "kafka_rate=$(rate "$n" "$t_commit" "$k_done")"
    echo "ch_first_s=$(secs "$t_commit" "$(v ch_first_ms)")"
    echo "ch_s=$(secs "$t_commit" "$c_done")"
    echo "ch_rate=$(rate "$n" "$t_commit" "$c_done")"
    echo "bytes=$bytes"
    echo "bytes_per_record=$(awk -v b="$bytes" -v r="$records" 'BEGIN { printf "%.1f", b / r }')"
    echo "codec=${codec:-unknown}"
    echo "connect_jvm=$(jvm_flags connect)"
    echo "kafka_jvm=$(jvm_flags kafka)"
    echo "threads_kafka=$(busiest_threads kafka "$OUT/$1-threads-kafka-start.txt")"
    echo "threads_connect=$(busiest_threads connect "$OUT/$1-threads-connect-start.txt")"
    echo "threads_sink=$(busiest_threads clickhouse-sink "$OUT/$1-threads-clickhouse-sink-start.txt")"
    # CPU seconds per component: the INSERT (start → commit) and the pipeline's work (commit → all rows visible).
    awk -v hz="$(getconf CLK_TCK)" '
      FNR == 1 { file++ }
      file == 1 { s[$1] = $2; next }
      file == 2 { c[$1] = $2; next }
      { n = $1; gsub(/-/, "_", n)
        printf "cpu_insert_%s=%s\n", n, ($2 == "-" || s[$1] == "-") ? "-" : sprintf("%.1f", (c[$1] - s[$1]) / hz)
        printf "cpu_%s=%s\n", n, ($2 == "-" || c[$1] == "-") ? "-" : sprintf("%.1f", ($2 - c[$1]) / hz) }' \
      "$OUT/$1-cpu-start.txt" "$OUT/$1-cpu-commit.txt" "$OUT/$1-cpu-end.txt"
  } > "$res"
  log "[$1] Debezium alone $(awk -F= '$1=="kafka_s"{print $2}' "$res") s, end to end $(awk -F= '$1=="ch_s"{print $2}' "$res") s, $(awk -F= '$1=="bytes_per_record"{print $2}' "$res") B/record ($codec)"
  [ "$BENCH_E2E_DRAIN" != 1 ] || drain_phase "$1" "$topic" "$n" "$res"
}

# ---------------------------------------------------------------- report
get() { awk -v k="$2" 'index($0, k "=") == 1 { print substr($0, length(k) + 2) }' "$OUT/$1.env"; }

COMMIT=$(git -C "$REPO" rev-parse --short=10 HEAD 2> /dev/null || echo unknown)
DIRTY=$(git -C "$REPO" status --porcelain -- . ':!bench' 2> /dev/null | grep -c . || true)
report() {
  local f commit=$COMMIT dirty=$DIRTY
  echo "## End to end, one bulk insert per format — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- Command: \`BENCH_FORMATS=\"$BENCH_FORMATS\" BENCH_E2E_ROWS=$BENCH_E2E_ROWS BENCH_E2E_WARMUP_ROWS=$BENCH_E2E_WARMUP_ROWS bench/e2e.sh\`; code: commit $commit$([ "${dirty:-0}" -eq 0 ] || echo " + $dirty uncommitted file(s) outside bench/")"
  echo "- The broker's JVM: $(for f in $BENCH_FORMATS; do printf '%s `%s`; ' "$f" "$(get "$f" kafka_jvm)"; done | sed 's/; $//')"
  echo "- Kafka Connect's JVM: $(for f in $BENCH_FORMATS; do printf '%s `%s`; ' "$f" "$(get "$f" connect_jvm)"; done | sed 's/; $//')${CONNECT_JVM_EXTRA_OPTS:+; \`CONNECT_JVM_EXTRA_OPTS=\"$CONNECT_JVM_EXTRA_OPTS\"\`}$([ "$BENCH_E2E_WARMUP_ROWS" -eq 0 ] && echo "; fresh JVMs (their JIT compilation is in the figures)" || echo "; JVMs warmed by a $BENCH_E2E_WARMUP_ROWS-row insert into another table first")"
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, shared with other work (load average at each commit in the table; 1/5/15 min)"
  echo "- Workload: \`$TABLE\` (BIGINT PK, 2 INT, SMALLINT, DECIMAL(12,2), DATETIME(6), 3 VARCHAR, TINYINT), one probe row, then ONE \`INSERT … SELECT … FROM seq_1_to_N\` of N rows committed; times from the commit (when the client's statement returned)"
  echo "- Debezium alone: until the topic's end offsets hold all N records; end to end: until \`count() … FINAL WHERE _deleted = 0\` in ClickHouse is N. Producer compression of the topic (read from the segment): $(for f in $BENCH_FORMATS; do printf '%s %s, ' "$f" "$(get "$f" codec)"; done | sed 's/, $//')"
  echo "- CPU-s: utime + stime of each process from the commit until all rows were visible; the INSERT itself took MariaDB $(for f in $BENCH_FORMATS; do printf '%s s (%s) ' "$(get "$f" cpu_insert_mariadb)" "$f"; done)of CPU"
  echo
  echo "| format | rows | INSERT s | Debezium alone s | rows/s | end to end s | rows/s | e2e ÷ Debezium (rows/s) | bytes/record | CPU-s MariaDB | Kafka | Connect | registry | ClickHouse | sink | registrar | load avg at commit |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for f in $BENCH_FORMATS; do
    echo "| $f | $(get "$f" rows) | $(get "$f" insert_s) | $(get "$f" kafka_s) | $(get "$f" kafka_rate) | **$(get "$f" ch_s)** | **$(get "$f" ch_rate)** |" \
      "$(awk -v a="$(get "$f" ch_rate)" -v b="$(get "$f" kafka_rate)" 'BEGIN { printf "%.2f", a / b }') | $(get "$f" bytes_per_record) |" \
      "$(get "$f" cpu_mariadb) | $(get "$f" cpu_kafka) | $(get "$f" cpu_connect) | $(get "$f" cpu_registry) | $(get "$f" cpu_clickhouse) |" \
      "$(get "$f" cpu_clickhouse_sink) | $(get "$f" cpu_cdc_registrar) | $(get "$f" load) |"
  done
  echo
  echo "First record in Kafka / first row in ClickHouse after the commit: $(for f in $BENCH_FORMATS; do printf '%s %s s / %s s; ' "$f" "$(get "$f" kafka_first_s)" "$(get "$f" ch_first_s)"; done | sed 's/; $//')."
  for f in $BENCH_FORMATS; do
    echo "Busiest threads, CPU s from the INSERT's start until all rows were visible, $f: Kafka Connect: $(get "$f" threads_connect); broker: $(get "$f" threads_kafka); sink: $(get "$f" threads_sink)."
  done
  if [ -f "$OUT/json.env" ] && [ -f "$OUT/avro.env" ]; then
    echo
    awk -v j="$(get json ch_s)" -v a="$(get avro ch_s)" -v r="$(get avro ch_rate)" -v k="$(get avro kafka_rate)" 'BEGIN {
      x = j / a; y = r / k
      printf "**Avro ÷ JSON end to end (rows/s): %.2f** (target ≥ 2: %s); Avro end to end ÷ Avro Debezium alone: %.2f (target ≥ 0.9: %s)\n",
        x, (x >= 2 ? "met" : "**not met**"), y, (y >= 0.9 ? "met" : "**not met**") }'
  fi
  echo
  [ "$BENCH_E2E_DRAIN" != 1 ] || drain_report
}

log "Formats: $BENCH_FORMATS; $BENCH_E2E_ROWS rows; raw output: $OUT; results: $RESULT_FILE"
trap 'rc=$?; [ $rc -eq 0 ] || log "ERROR: the benchmark failed (exit $rc; raw output and logs: $OUT)"' EXIT
for f in $BENCH_FORMATS; do
  (run_format "$f") # a subshell: each format's stack settings stay its own; a failure ends the script (set -e)
done
report > "$OUT/report.md"
cat "$OUT/report.md"
cat "$OUT/report.md" >> "$RESULT_FILE"
log "Done. Appended to $RESULT_FILE"
