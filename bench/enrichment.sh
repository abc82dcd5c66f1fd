#!/usr/bin/env bash
# Benchmark of enricher-gateway's Kafka Streams engine: can it keep up with 5,000 changes/s?
# Produces BENCH_CUSTOMERS customer inserts and BENCH_ORDER_CHANGES order changes (plus a customer rename every 20)
# as Debezium change events into Kafka, with the TableCaptured announcements, then starts enricher-gateway with a
# LEFT JOIN enrichment (like the demo's) and times how fast it works through them (input lag back to 0).
# Usage: bench/enrichment.sh     (BENCH_CUSTOMERS=10000 BENCH_ORDER_CHANGES=200000; BENCH_KEEP=1 keeps the stack)
# Runs its own stack in /tmp/bench-work/enrich-run on ports 29xxx; appends results to bench/results/<date>-enrichment.md.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
CUSTOMERS="${BENCH_CUSTOMERS:-10000}"
CHANGES="${BENCH_ORDER_CHANGES:-200000}"
export PIPELINE_RUN_DIR="${BENCH_ENRICH_RUN_DIR:-/tmp/bench-work/enrich-run}"
export MYSQL_PORT=29306 CLICKHOUSE_HTTP_PORT=29123 CLICKHOUSE_TCP_PORT=29900 CLICKHOUSE_INTERSERVER_PORT=29909
export KAFKA_PORT=29092 KAFKA_CONTROLLER_PORT=29093 CONNECT_PORT=29083 TOPIC_PREFIX=benchenrich
PORT=29192
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now_ms() { date +%s%3N; }

lib="$REPO/enricher-gateway/target/quarkus-app/lib/main"
[ -f "$REPO/enricher-gateway/target/quarkus-app/quarkus-run.jar" ] && [ -d "$REPO/common/target/classes" ] ||
  (cd "$REPO" && ./mvnw -q -DskipTests package -pl common,enricher-gateway -am)
CP="$REPO/common/target/classes"
for j in "$lib"/org.apache.kafka.kafka-clients-*.jar "$lib"/*lz4-java-*.jar "$lib"/org.xerial.snappy.snappy-java-*.jar \
  "$lib"/com.github.luben.zstd-jni-*.jar "$lib"/com.fasterxml.jackson.core.jackson-*.jar \
  "$lib"/com.fasterxml.jackson.datatype.jackson-datatype-jsr310-*.jar "$lib"/org.slf4j.slf4j-api-*.jar; do
  CP="$CP:$j"
done

cleanup() {
  [ -z "${ENRICHER_PID:-}" ] || kill "$ENRICHER_PID" 2> /dev/null || true
  [ "${BENCH_KEEP:-0}" = 1 ] || bash "$REPO/platform/stack.sh" down --wipe > /dev/null 2>&1 || true
}
trap cleanup EXIT
bash "$REPO/platform/stack.sh" down --wipe > /dev/null 2>&1 || true
log "Starting the stack in $PIPELINE_RUN_DIR (Kafka on $KAFKA_PORT)"
bash "$REPO/platform/stack.sh" up > "$PIPELINE_RUN_DIR.stack.log" 2>&1 || { tail -20 "$PIPELINE_RUN_DIR.stack.log"; exit 1; }
log "Producing $CUSTOMERS customers and $CHANGES order changes"
java -cp "$CP" "$BENCH_DIR/EnrichmentBench.java" "127.0.0.1:$KAFKA_PORT" "$TOPIC_PREFIX" "$CUSTOMERS" "$CHANGES" 2> /dev/null
input=$((CUSTOMERS + CHANGES + CHANGES / 20))

defs="$PIPELINE_RUN_DIR/enrichments.yaml"
cat > "$defs" << YAML
enrichments:
  bench_orders:
    source: benchdb.orders
    joins:
      - table: benchdb.customers
        type: left
        on: orders.customer_id = customers.id
    columns:
      order_id: orders.id
      customer_id: orders.customer_id
      amount: orders.amount
      created_at: orders.created_at
      customer_name: customers.name
      country: customers.country
    key: order_id
YAML
log "Starting enricher-gateway (Kafka Streams engine) on $PORT"
t0=$(now_ms)
KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT" ENRICHMENTS_FILE="$defs" QUARKUS_HTTP_PORT=$PORT \
  PIPELINE_DATA_DIR="$PIPELINE_RUN_DIR/data/enricher" java ${SERVICES_JAVA_OPTS:--Xmx256m} \
  -jar "$REPO/enricher-gateway/target/quarkus-app/quarkus-run.jar" > "$PIPELINE_RUN_DIR/enricher.log" 2>&1 &
ENRICHER_PID=$!
first="" peak=0
while true; do
  sleep 0.5
  status=$(curl -s --max-time 2 "http://127.0.0.1:$PORT/enrichments" || true)
  state=$(sed -n 's/.*"state":"\([A-Z_]*\)".*/\1/p' <<< "$status")
  lag=$(sed -n 's/.*"lag":\(-\{0,1\}[0-9]*\).*/\1/p' <<< "$status")
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$ENRICHER_PID/status" 2> /dev/null || echo 0)
  [ "$rss" -gt "$peak" ] && peak=$rss
  if [ -z "$first" ] && [ "$state" = RUNNING ] && [ -n "$lag" ] && [ "$lag" -gt 0 ]; then first=$(now_ms); fi
  if [ -n "$first" ] && [ "$lag" = 0 ]; then break; fi
  if (($(now_ms) - t0 > 1800000)); then log "gave up after 30 min (state $state, lag $lag)"; exit 1; fi
done
t1=$(now_ms)
secs=$(awk -v a="$first" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) / 1000}')
rate=$(awk -v n="$input" -v a="$first" -v b="$t1" 'BEGIN {printf "%d", n / ((b - a) / 1000)}')
total=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) / 1000}')
mkdir -p "$BENCH_DIR/results"
{
  echo "## Enrichment (Kafka Streams engine) — $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Code: commit $(git -C "$REPO" rev-parse --short HEAD); enricher JVM ${SERVICES_JAVA_OPTS:--Xmx256m}; exactly_once_v2, commit interval 100 ms"
  echo "- Input: $CUSTOMERS customer inserts, $CHANGES order changes (70 % inserts, 20 % updates, 10 % deletes), $((CHANGES / 20)) customer renames; Debezium JSON with schemas; LEFT JOIN orders → customers"
  echo
  echo "| metric | value | target | met |"
  echo "|---|---|---|---|"
  echo "| changes/s, first progress → input lag 0 | **$rate** | ≥ 5,000 | $([ "$rate" -ge 5000 ] && echo yes || echo '**NO**') |"
  echo "| time, first progress → lag 0 / from process launch | $secs s / $total s | | |"
  echo "| enricher RSS peak | $peak MB | | |"
  echo
} | tee -a "$BENCH_DIR/results/$(date -u +%Y-%m-%d)-enrichment.md"
