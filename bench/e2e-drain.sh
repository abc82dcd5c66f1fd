# shellcheck shell=bash
# Sourced by bench/e2e.sh (uses its log, die, ch, pid_of, now_ms, secs, rate and the stack's endpoints).
#
# drain_phase FORMAT TOPIC ROWS RESULT_ENV: the sink's drain of records already in Kafka, in this format.
# After the end-to-end run the topic holds ROWS + 1 records written by Debezium itself (Avro or JSON, as the stack
# runs). The sink and the registrar stop; the sink's ClickHouse table is dropped and its group's offsets of the topic
# deleted; then the sink starts alone and reads the topic from its start: rows/s from the first visible row until all
# ROWS + 1 are in ClickHouse. Baseline, in the same run: the rows the sink wrote, exported as RowBinary and inserted
# into a copy of the table by clickhouse-client (ClickHouse's own insert over TCP). Appends drain_* and base_* keys
# to RESULT_ENV.
drain_phase() {
  local format=$1 topic=$2 n=$(($3 + 1)) res=$4 table="$MYSQL_DATABASE.$TABLE" c=0 t t_launch t_first="" c_first=0 t_done
  local rb="$OUT/$format-rows.rowbinary" hz deadline
  hz=$(getconf CLK_TCK)
  log "[$format] drain: stopping the sink and the registrar; dropping $table in ClickHouse and the sink's offsets of $topic"
  "$PLATFORM/services.sh" stop clickhouse-sink >&2
  "$PLATFORM/services.sh" stop cdc-registrar >&2
  ch "DROP TABLE IF EXISTS $table" > /dev/null
  java -Dlog4j2.configurationFile="$PIPELINE_RUN_DIR/conf/kafka/log4j2.properties" -cp "$PIPELINE_DIST/kafka/*" \
    org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
    --delete-offsets --group clickhouse-sink --topic "$topic" > "$OUT/$format-drain-reset.log" 2>&1 ||
    die "cannot delete the sink group's offsets of $topic (see $OUT/$format-drain-reset.log)"
  sleep 3 # the commit's own CPU settles
  t_launch=$(now_ms)
  "$PLATFORM/services.sh" restart clickhouse-sink >&2
  log "[$format] drain: sink started; waiting until $table has $n rows"
  deadline=$((SECONDS + BENCH_E2E_TIMEOUT))
  while :; do
    c=$(ch "SELECT count() FROM $table" 2> /dev/null || echo 0)
    [[ $c =~ ^[0-9]+$ ]] || c=0
    t=$(now_ms)
    if [ -z "$t_first" ] && [ "$c" -gt 0 ]; then t_first=$t c_first=$c; fi
    [ "$c" -ge "$n" ] && break
    ((SECONDS < deadline)) || die "[$format] drain: only $c of $n rows after ${BENCH_E2E_TIMEOUT}s (log: $PIPELINE_RUN_DIR/logs/clickhouse-sink.log)"
    sleep 0.2
  done
  t_done=$(now_ms)
  # The sink's CPU since its launch, and its loop thread's (consume, decode, encode; inserts run on their own thread).
  local pid cpu_sink loop
  pid=$(pid_of clickhouse-sink)
  cpu_sink=$(awk -v hz="$hz" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$pid/stat")
  loop=$(for f in /proc/"$pid"/task/*/stat; do
    awk -v hz="$hz" '{ n = $0; sub(/^[^(]*\(/, "", n); sub(/\).*$/, "", n); sub(/^.*\) /, ""); if (n == "sink-loop") printf "%.1f\n", ($12 + $13) / hz }' "$f" 2> /dev/null
  done | head -n 1)

  log "[$format] drain: baseline, the same $n rows as RowBinary through clickhouse-client"
  local cc=(clickhouse-client --host 127.0.0.1 --port "$CLICKHOUSE_TCP_PORT" --user "$CLICKHOUSE_USER" --password "$CLICKHOUSE_PASSWORD")
  "${cc[@]}" --query "SELECT * FROM $table FORMAT RowBinary" > "$rb"
  ch "DROP TABLE IF EXISTS ${table}_baseline" > /dev/null
  ch "CREATE TABLE ${table}_baseline AS $table" > /dev/null
  local b0 b1
  b0=$(now_ms)
  "${cc[@]}" --query "INSERT INTO ${table}_baseline FORMAT RowBinary" < "$rb"
  b1=$(now_ms)
  [ "$(ch "SELECT count() FROM ${table}_baseline")" = "$n" ] || die "[$format] drain: the baseline insert did not write $n rows"
  {
    echo "drain_startup_s=$(secs "$t_launch" "$t_first")"
    echo "drain_s=$(secs "$t_first" "$t_done")"
    echo "drain_rate=$(awk -v n="$n" -v f="$c_first" -v a="$t_first" -v b="$t_done" 'BEGIN { if (b > a) printf "%.0f", (n - f) / ((b - a) / 1000); else print n }')"
    echo "drain_cpu_sink=$cpu_sink"
    echo "drain_loop_us=$(awk -v s="${loop:-0}" -v n="$n" 'BEGIN { if (s > 0) printf "%.1f", 1e6 * s / n; else print "-" }')"
    echo "base_s=$(secs "$b0" "$b1")"
    echo "base_rate=$(rate "$n" "$b0" "$b1")"
    echo "base_mb=$(du -m "$rb" | cut -f1)"
  } >> "$res"
  rm -f "$rb"
  log "[$format] drain: $(awk -F= '$1 == "drain_rate" { r = $2 } $1 == "base_rate" { b = $2 } END { printf "sink %s rows/s, clickhouse-client %s rows/s: %.2f", r, b, r / b }' "$res")"
}

# drain_report: the drain table of every measured format (after e2e.sh's main table).
drain_report() {
  local f
  echo "Drain of the records already in Kafka (sink and registrar stopped after the end-to-end run, the sink's table and offsets reset, the sink started alone; rows/s from the first visible row) against ClickHouse's own RowBinary insert of the same rows (clickhouse-client, TCP), in the same run:"
  echo
  echo "| format | rows | sink start → first row s | drain s | sink rows/s | sink CPU-s | sink-loop µs/row | clickhouse-client s | rows/s | sink ÷ clickhouse-client |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for f in $BENCH_FORMATS; do
    echo "| $f | $(($(get "$f" rows) + 1)) | $(get "$f" drain_startup_s) | $(get "$f" drain_s) | **$(get "$f" drain_rate)** | $(get "$f" drain_cpu_sink) |" \
      "$(get "$f" drain_loop_us) | $(get "$f" base_s) | $(get "$f" base_rate) |" \
      "$(awk -v a="$(get "$f" drain_rate)" -v b="$(get "$f" base_rate)" 'BEGIN { x = a / b; printf "**%.2f** (target ≥ 0.5: %s)", x, (x >= 0.5 ? "met" : "**not met**") }') |"
  done
  echo
}
