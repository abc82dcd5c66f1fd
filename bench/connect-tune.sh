#!/usr/bin/env bash
# Kafka Connect's cost per record under one connector setting (issue 12, "settings that move it"), on a RUNNING stack.
#
# Usage: bench/connect-tune.sh NAME [key=value ...]   (knobs: TUNE_ROWS=300000, TUNE_JFR=<file.jfr>, TUNE_KAFKA_ONLY=1:
#        do not wait for ClickHouse, e.g. when the connector writes another format than the sink reads)
# The stack: `platform/stack.sh up` with your ports (PIPELINE_FORMAT=json|avro), cdc-registrar run once to register
# the connector and then STOPPED (it would put its own config back), clickhouse-sink running. Each call:
#   - applies key=value to the connector's config through Connect's REST API (key= removes it; only when it differs:
#     a PUT restarts the connector), waits until it is RUNNING;
#   - commits ONE INSERT ... SELECT of TUNE_ROWS rows (the 10-column table of bench/e2e.sh, created on first use)
#     and times it from the commit: until the topic's end offset holds them (Debezium alone) and until ClickHouse has
#     them (E2eWatch, as bench/e2e.sh);
#   - CPU seconds of Kafka Connect (process and its busiest threads) and of the broker over the same interval, per
#     million records, and the load average; with TUNE_JFR a JFR recording (profile settings) of that interval.
# The same JVM serves every call: run one warm-up call first, so JIT compilation is out of the figures.
# One Markdown row per call goes to stdout and to bench/results/<date>-connect-tune.md.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
[ $# -ge 1 ] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
NAME=$1
shift
TUNE_ROWS="${TUNE_ROWS:-300000}"
: "${PIPELINE_RUN_DIR:?source your ports file (PIPELINE_RUN_DIR)}"
# shellcheck disable=SC1091
source "$PIPELINE_RUN_DIR/endpoints.env"
PIPELINE_DIST="${PIPELINE_DIST:-$REPO/.run/dist}"
TABLE=bench_tune
CONNECTOR="${TUNE_CONNECTOR:-streaming_ETL_pipeline_MySQL-connector}"
TOPIC="$TOPIC_PREFIX.$MYSQL_DATABASE.$TABLE"
RESULT_FILE="$BENCH_DIR/results/$(date -u +%Y-%m-%d)-connect-tune.md"
HZ=$(getconf CLK_TCK)
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
sql() { MYSQL_PWD="$MYSQL_PASSWORD" mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u "$MYSQL_USER" --batch --skip-column-names "$MYSQL_DATABASE" -e "$1"; }
ch() { curl -sS --max-time 120 -K - "$CLICKHOUSE_HTTP_URL/" --data-binary "$1" <<< "user = \"$CLICKHOUSE_USER:$CLICKHOUSE_PASSWORD\""; }
pid_of() { tr -dc '0-9' < "$PIPELINE_RUN_DIR/pids/$1.pid"; }
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
# thread_ticks PID: "tid ticks name" per thread
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    awk -v tid="${t##*/}" '{ n = $0; sub(/^[^(]*\(/, "", n); sub(/\).*$/, "", n); gsub(/ /, "_", n); sub(/^.*\) /, ""); print tid, $12 + $13, n }' "$t/stat" 2> /dev/null || true
  done
}
CP=""
for j in "$REPO"/clickhouse-sink/target/quarkus-app/lib/main/{org.apache.kafka.kafka-clients,org.lz4.lz4-java,org.xerial.snappy.snappy-java,com.github.luben.zstd-jni,org.slf4j.slf4j-api}-*.jar; do
  CP="$CP${CP:+:}$j"
done

# ---- the connector's config
cfg_now=$(curl -fsS "$CONNECT_URL/connectors/$CONNECTOR/config")
cfg_new=$(python3 -c '
import json, sys
c = json.loads(sys.argv[1])
for kv in sys.argv[2:]:
    k, _, v = kv.partition("=")
    if v == "": c.pop(k, None)
    else: c[k] = v
print(json.dumps(c, sort_keys=True))' "$cfg_now" "$@")
if [ "$(python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1]), sort_keys=True))' "$cfg_now")" != "$cfg_new" ]; then
  log "updating the connector: $*"
  curl -fsS -X PUT -H 'Content-Type: application/json' "$CONNECT_URL/connectors/$CONNECTOR/config" --data "$cfg_new" > /dev/null
  sleep 3
fi
for _ in $(seq 120); do
  curl -fsS "$CONNECT_URL/connectors/$CONNECTOR/status" | grep -q '"tasks":\[{"id":0,"state":"RUNNING"' && break
  sleep 1
done

# ---- the table (first use) and the next ids
if [ -z "$(sql "SHOW TABLES LIKE '$TABLE'")" ]; then
  sql "CREATE TABLE $TABLE (
         id BIGINT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, product_id INT NOT NULL, quantity SMALLINT NOT NULL,
         amount DECIMAL(12,2) NOT NULL, created_at DATETIME(6) NOT NULL, status VARCHAR(16) NOT NULL,
         region VARCHAR(32) NOT NULL, note VARCHAR(255) NULL, is_gift TINYINT NOT NULL)"
  sql "INSERT INTO $TABLE VALUES (0, 0, 0, 0, 0.00, '2026-01-01 00:00:00.000000', 'probe', 'none', NULL, 0)"
  for _ in $(seq 300); do [ "$(ch "SELECT count() FROM $MYSQL_DATABASE.$TABLE WHERE id = 0" 2> /dev/null)" = 1 ] && break; sleep 1; done
fi
base=$(sql "SELECT COALESCE(MAX(id), 0) FROM $TABLE")
end_now=$(java -cp "$PIPELINE_DIST/kafka/*" -Dlog4j2.configurationFile="$PIPELINE_RUN_DIR/conf/kafka/log4j2.properties" \
  org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$TOPIC" 2> /dev/null |
  awk -F: '{ s += $3 } END { print s + 0 }')
n=$TUNE_ROWS
watch=$(mktemp)
java -Xmx256m -cp "$CP" "$BENCH_DIR/E2eWatch.java" --bootstrap "$KAFKA_BOOTSTRAP" --topic "$TOPIC" \
  --offsets $((end_now + n)) --rows "$([ "${TUNE_KAFKA_ONLY:-0}" = 1 ] && echo 0 || echo "$n")" --table "$MYSQL_DATABASE.$TABLE" --filter "id > $base" \
  --ch-url "$CLICKHOUSE_HTTP_URL" --ch-user "$CLICKHOUSE_USER" --ch-password "$CLICKHOUSE_PASSWORD" \
  --poll-ms 100 --timeout-s 1800 > "$watch" 2> /dev/null &
W=$!
for _ in $(seq 120); do grep -q '^ready=1' "$watch" && break; sleep 1; done
sleep 3
cpid=$(pid_of connect) kpid=$(pid_of kafka)
[ -z "${TUNE_JFR:-}" ] || jcmd "$cpid" JFR.start name=tune settings=profile filename="$TUNE_JFR" > /dev/null
load=$(cut -d' ' -f1-3 /proc/loadavg)
thread_ticks "$cpid" > "$watch.t0"
c0=$(ticks "$cpid") k0=$(ticks "$kpid")
t0=$(date +%s%3N)
sql "INSERT INTO $TABLE (id, customer_id, product_id, quantity, amount, created_at, status, region, note, is_gift)
     SELECT $base + seq, seq % 100000, seq % 5000, 1 + seq % 10, (seq % 1000000) / 100,
            TIMESTAMP '2026-01-01 00:00:00' + INTERVAL seq SECOND + INTERVAL seq % 1000000 MICROSECOND,
            ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'cancelled'), CONCAT('region-', seq % 50),
            IF(seq % 10 = 0, NULL, CONCAT('order ', seq, ' of customer ', seq % 100000)), seq % 2
     FROM seq_1_to_$n"
tc=$(date +%s%3N)
c1=$(ticks "$cpid") k1=$(ticks "$kpid")
wait "$W"
kdone=$(awk -F= '$1 == "kafka_done_ms" { print $2 }' "$watch")
chdone=$(awk -F= '$1 == "ch_done_ms" { print $2 }' "$watch")
c2=$(ticks "$cpid") k2=$(ticks "$kpid")
thread_ticks "$cpid" > "$watch.t1"
[ -z "${TUNE_JFR:-}" ] || jcmd "$cpid" JFR.stop name=tune > /dev/null
# Connect's CPU from the commit until Kafka holds the records (the INSERT's own 5-10 s: Connect idles then).
threads=$(awk -v hz="$HZ" -v m="$n" 'NR == FNR { s[$1] = $2; next } { d = ($2 - s[$1]) / hz * 1e6 / m; if (d > 0.5) printf "%s\t%.1f\n", $3, d }' "$watch.t0" "$watch.t1" |
  sort -t$'\t' -k2 -rn | head -n 6 | awk -F'\t' '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }')
row=$(awk -v name="$NAME" -v n="$n" -v la="$load" -v ts="$t0" -v tc="$tc" -v kd="$kdone" -v cd="$chdone" \
  -v c0="$c0" -v c1="$c1" -v c2="$c2" -v k1="$k1" -v k2="$k2" -v hz="$HZ" -v th="$threads" 'BEGIN {
  ks = (kd - tc) / 1000; cs = (cd - tc) / 1000
  printf "| %s | %d | %.1f | %.1f (%.0f/s) | %.1f | **%.1f** | %.1f | %s | %s |", name, n, (tc - ts) / 1000, ks, n / ks, cs,
    (c2 - c1) / hz * 1e6 / n, (k2 - k1) / hz * 1e6 / n, th, la }')
rm -f "$watch" "$watch.t0" "$watch.t1"
if [ ! -f "$RESULT_FILE" ]; then
  {
    echo "# bench/connect-tune.sh — Kafka Connect per setting (format: see the docs section), $(date -u +%Y-%m-%d)"
    echo
    echo "| setting | rows | INSERT s | commit → all in Kafka s (rows/s) | → all in ClickHouse s | Connect CPU-s per 1 M records | Kafka CPU-s / 1 M | Connect threads, CPU-s / 1 M | load 1/5/15 |"
    echo "|---|---|---|---|---|---|---|---|---|"
  } > "$RESULT_FILE"
fi
echo "$row" | tee -a "$RESULT_FILE"
