# The one place that defines every port, credential, path and timeout of the local stack.
# Sourced by platform/*.sh, deploy.sh and terminate.sh. Every value can be overridden from the environment,
# e.g. `MYSQL_PORT=3307 ./deploy.sh`.
#
# Precedence, highest first:
#   1. the environment of the calling process;
#   2. $PIPELINE_RUN_DIR/settings.env, written by `stack.sh up`: the settings a run dir was started with, so a
#      later command on the same run dir (services.sh, stack.sh stop/up, terminate.sh) talks to the same ports
#      and credentials without repeating them (`stack.sh down --wipe` deletes it);
#   3. the defaults below.
# shellcheck shell=bash disable=SC2034

PIPELINE_HOME="${PIPELINE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
PIPELINE_RUN_DIR="${PIPELINE_RUN_DIR:-$PIPELINE_HOME/.run}"
# Downloaded Kafka/Connect/Debezium jars; shared by every run dir, never deleted by --wipe.
PIPELINE_DIST="${PIPELINE_DIST:-$PIPELINE_HOME/.run/dist}"
# Started processes work in other folders: keep the paths absolute.
case "$PIPELINE_RUN_DIR" in /*) ;; *) PIPELINE_RUN_DIR="$PWD/$PIPELINE_RUN_DIR" ;; esac
case "$PIPELINE_DIST" in /*) ;; *) PIPELINE_DIST="$PWD/$PIPELINE_DIST" ;; esac
PIPELINE_RUN_DIR="${PIPELINE_RUN_DIR%/}"
PIPELINE_DIST="${PIPELINE_DIST%/}"

# The settings a run dir remembers (settings.env). Derived values (URLs, bootstrap) are recomputed from them.
PIPELINE_SETTING_VARS=(MYSQL_PORT MYSQL_DATABASE MYSQL_EXTRA_DATABASES MYSQL_USER MYSQL_PASSWORD MYSQL_ADMIN_USER MYSQL_ADMIN_PASSWORD
  DEBEZIUM_MYSQL_USER DEBEZIUM_MYSQL_PASSWORD
  CLICKHOUSE_HTTP_PORT CLICKHOUSE_TCP_PORT CLICKHOUSE_INTERSERVER_PORT CLICKHOUSE_USER CLICKHOUSE_PASSWORD
  KAFKA_PORT KAFKA_CONTROLLER_PORT CONNECT_PORT CONNECT_GROUP_ID TOPIC_PREFIX
  CDC_REGISTRAR_PORT ENRICHER_GATEWAY_PORT CLICKHOUSE_SINK_PORT REGISTRAR_API_TOKEN ENRICHMENTS_FILE
  PIPELINE_MAX_ROW_BYTES PIPELINE_FORMAT SCHEMA_REGISTRY_PORT SCHEMA_REGISTRY_MANAGEMENT_PORT
  CLICKHOUSE_REPLICAS ZOOKEEPER_PORT)

# load_saved_settings: fills the settings the environment does not set from $PIPELINE_RUN_DIR/settings.env, and
# keeps every saved value in PIPELINE_SAVED (stack.sh refuses to change the settings of a running stack).
declare -A PIPELINE_SAVED=()
load_saved_settings() {
  local file="$PIPELINE_RUN_DIR/settings.env" line name value
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^export\ ([A-Z_][A-Z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    case " ${PIPELINE_SETTING_VARS[*]} " in *" $name "*) ;; *) continue ;; esac
    # Values are written single-quoted by write_env_file (lib.sh): 'it'\''s'. Decoded without eval.
    [[ $value == \'*\' ]] || continue
    value=${value:1:${#value}-2}
    value=${value//"'\\''"/"'"}
    PIPELINE_SAVED[$name]=$value
    [ -n "${!name:-}" ] || printf -v "$name" '%s' "$value"
  done < "$file"
}
load_saved_settings

# ---- MariaDB (the MySQL-compatible source database)
MYSQL_HOST="${MYSQL_HOST:-127.0.0.1}"
MYSQL_PORT="${MYSQL_PORT:-3306}"
MYSQL_DATABASE="${MYSQL_DATABASE:-streaming_etl_db}"
# More databases to create and capture beside MYSQL_DATABASE (comma-separated, default none): the stack creates them,
# the application user gets them, cdc-registrar captures them (registrar.source.databases). The test stack captures
# one to test sink.clickhouse.database-map (DatabaseMapIT).
MYSQL_EXTRA_DATABASES="${MYSQL_EXTRA_DATABASES:-}"
MYSQL_USER="${MYSQL_USER:-etl}"
MYSQL_PASSWORD="${MYSQL_PASSWORD:-etl-secret}"
MYSQL_ADMIN_USER="${MYSQL_ADMIN_USER:-root}"
MYSQL_ADMIN_PASSWORD="${MYSQL_ADMIN_PASSWORD:-etl-root}"
DEBEZIUM_MYSQL_USER="${DEBEZIUM_MYSQL_USER:-debezium}"
DEBEZIUM_MYSQL_PASSWORD="${DEBEZIUM_MYSQL_PASSWORD:-dbz-secret}"
MYSQL_SERVER_ID="${MYSQL_SERVER_ID:-1}"

# ---- ClickHouse
CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-8123}"
CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-9000}"
CLICKHOUSE_INTERSERVER_PORT="${CLICKHOUSE_INTERSERVER_PORT:-9009}"
CLICKHOUSE_USER="${CLICKHOUSE_USER:-default}"
CLICKHOUSE_PASSWORD="${CLICKHOUSE_PASSWORD:-ch-secret}"
CLICKHOUSE_HTTP_URL="${CLICKHOUSE_HTTP_URL:-http://127.0.0.1:$CLICKHOUSE_HTTP_PORT}"

# ---- ClickHouse cluster (README, "ClickHouse cluster")
# CLICKHOUSE_REPLICAS=N (default 1) runs N ClickHouse servers as N replicas of one shard of cluster
# $CLICKHOUSE_CLUSTER, with a ZooKeeper (Debian's `zookeeper` package) for Replicated tables and ON CLUSTER DDL; the
# sink then creates Replicated tables and writes to the first replica that answers. Replica 1 is `clickhouse` on the
# ports above; replica n (2..N) is `clickhouse-<n>` on CLICKHOUSE_<n>_HTTP_PORT / _TCP_PORT / _INTERSERVER_PORT,
# by default the ports of replica 1 plus 10 x (n - 1). With 1 nothing of this runs (no ZooKeeper, no cluster).
CLICKHOUSE_REPLICAS="${CLICKHOUSE_REPLICAS:-1}"
[[ $CLICKHOUSE_REPLICAS =~ ^[1-9]$ ]] ||
  { echo "CLICKHOUSE_REPLICAS must be a number of ClickHouse replicas from 1 to 9, not '$CLICKHOUSE_REPLICAS'" >&2; exit 2; }
CLICKHOUSE_CLUSTER_NAME="${CLICKHOUSE_CLUSTER_NAME:-pipeline}"
ZOOKEEPER_PORT="${ZOOKEEPER_PORT:-2181}"
ZOOKEEPER_HEAP_OPTS="${ZOOKEEPER_HEAP_OPTS:--Xms32m -Xmx256m}"
CLICKHOUSE_REPLICA_HTTP_URLS="$CLICKHOUSE_HTTP_URL"
CLICKHOUSE_CLUSTER=""          # published in endpoints.env: empty without a cluster
CLUSTER_COMPONENTS=()          # the stack's extra components with a cluster: zookeeper clickhouse-2 ...
if [ "$CLICKHOUSE_REPLICAS" -gt 1 ]; then
  CLICKHOUSE_CLUSTER=$CLICKHOUSE_CLUSTER_NAME
  CLUSTER_COMPONENTS=(zookeeper)
  CLICKHOUSE_1_TCP_PORT=$CLICKHOUSE_TCP_PORT
  for ((_n = 2; _n <= CLICKHOUSE_REPLICAS; _n++)); do
    for _kind in HTTP TCP INTERSERVER; do
      _base_var="CLICKHOUSE_${_kind}_PORT" _var="CLICKHOUSE_${_n}_${_kind}_PORT"
      printf -v "$_var" '%s' "${!_var:-$((${!_base_var} + 10 * (_n - 1)))}"
    done
    _var="CLICKHOUSE_${_n}_HTTP_PORT"
    CLICKHOUSE_REPLICA_HTTP_URLS+=" http://127.0.0.1:${!_var}"
    CLUSTER_COMPONENTS+=("clickhouse-$_n")
  done
fi

# ---- Kafka (KRaft, broker and controller in one process) and Kafka Connect
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_BOOTSTRAP="${KAFKA_BOOTSTRAP:-127.0.0.1:$KAFKA_PORT}"
CONNECT_PORT="${CONNECT_PORT:-8083}"
CONNECT_URL="${CONNECT_URL:-http://127.0.0.1:$CONNECT_PORT}"
CONNECT_GROUP_ID="${CONNECT_GROUP_ID:-streaming-etl-connect}"
TOPIC_PREFIX="${TOPIC_PREFIX:-streaming_etl}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
# The broker's garbage collector: Kafka's own default (kafka-run-class.sh), G1 with a 20 ms pause goal.
KAFKA_GC_OPTS="${KAFKA_GC_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20}"

# ---- Change-event format and the schema registry
# PIPELINE_FORMAT: how Kafka Connect writes the change events: avro (the default: Apicurio's AvroConverter, schemas
# in the registry, records in the Confluent wire format) or json (JsonConverter, each record carries its schema).
# avro starts Apicurio Registry (a Quarkus app on Java 21+: REGISTRY_JAVA) with its data on disk (H2 file in
# data/registry); json does not start it (it costs 230-280 MB of RSS and 50-120 s of start on 2 cores under load).
PIPELINE_FORMAT="${PIPELINE_FORMAT:-avro}"
SCHEMA_REGISTRY_PORT="${SCHEMA_REGISTRY_PORT:-8081}"
# Apicurio's management interface (health, metrics) defaults to 9000, ClickHouse's native port: moved.
SCHEMA_REGISTRY_MANAGEMENT_PORT="${SCHEMA_REGISTRY_MANAGEMENT_PORT:-9081}"
# The Confluent-compatible API (curl $SCHEMA_REGISTRY_URL/subjects) and Apicurio's v2 API (Connect's converter).
# Empty in json mode: nothing runs there.
if [ "$PIPELINE_FORMAT" = avro ]; then
  SCHEMA_REGISTRY_URL="${SCHEMA_REGISTRY_URL:-http://127.0.0.1:$SCHEMA_REGISTRY_PORT/apis/ccompat/v7}"
  SCHEMA_REGISTRY_APICURIO_URL="${SCHEMA_REGISTRY_APICURIO_URL:-http://127.0.0.1:$SCHEMA_REGISTRY_PORT/apis/registry/v2}"
else
  SCHEMA_REGISTRY_URL="" SCHEMA_REGISTRY_APICURIO_URL=""
fi
REGISTRY_HEAP_OPTS="${REGISTRY_HEAP_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC}"
# A Java 21+ runtime for the registry: REGISTRY_JAVA, else the newest JDK/JRE 21+ under /usr/lib/jvm (stack.sh).
REGISTRY_JAVA="${REGISTRY_JAVA:-}"
APICURIO_REGISTRY_VERSION=3.3.3
APICURIO_CONVERTER_VERSION=2.6.13.Final

# ---- Big rows: the ONE setting every size limit of the pipeline follows (README, "Big rows")
# The largest row a user can write and the pipeline carries: MariaDB's max_allowed_packet. From it:
# PIPELINE_MAX_RECORD_BYTES, the largest Kafka record such a row makes (an UPDATE carries the row twice, before and
# after, BYTES columns are base64 in JSON: 8/3 of the row, plus 1 MiB of envelope) -- the same formula as
# common's RecordLimits, which the services apply to the same variable: the broker's message.max.bytes,
# replica.fetch.max.bytes and socket.request.max.bytes; Connect's producer (set by cdc-registrar); the topics.
# InnoDB refuses BLOB/TEXT data over 10% of its redo log in one transaction: the redo log follows too.
PIPELINE_MAX_ROW_BYTES="${PIPELINE_MAX_ROW_BYTES:-67108864}"
PIPELINE_MAX_RECORD_BYTES=$(( PIPELINE_MAX_ROW_BYTES * 8 / 3 + 1048576 ))
KAFKA_SOCKET_REQUEST_MAX_BYTES=$(( PIPELINE_MAX_RECORD_BYTES > 104857600 ? PIPELINE_MAX_RECORD_BYTES + 1048576 : 104857600 ))
MARIADB_MAX_ALLOWED_PACKET=$(( PIPELINE_MAX_ROW_BYTES > 16777216 ? PIPELINE_MAX_ROW_BYTES : 16777216 ))
MARIADB_REDO_LOG_BYTES=$(( PIPELINE_MAX_ROW_BYTES * 10 + 67108864 ))
# Kafka Connect and the sink hold a whole change event (and its copies) while it passes: their heaps grow with the
# row (measured with 30 MB rows, README "Big rows"). The heap is only reserved: it is used while a big row passes.
PIPELINE_MAX_ROW_MIB=$(( (PIPELINE_MAX_ROW_BYTES + 1048575) / 1048576 ))
CONNECT_HEAP_OPTS="${CONNECT_HEAP_OPTS:--Xms256m -Xmx$(( 768 + 12 * PIPELINE_MAX_ROW_MIB ))m}"
# Kafka Connect's garbage collector: G1 with its own default pause goal (200 ms) instead of the broker's 20 ms.
# Measured (docs/benchmarks.md, 2026-12-05): with 20 ms G1 ran tiny young generations and its two threads took 13-19
# of Connect's 43-59 CPU-s per million change events; with 200 ms Connect spent 31-34 (Avro) and 44 (JSON), and the
# 1 M-row bulk insert reached ClickHouse 20-27 % sooner. ParallelGC was slower (43 / 69 CPU-s).
CONNECT_GC_OPTS="${CONNECT_GC_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=200}"
# Extra JVM options for Kafka Connect, appended after the heap, CONNECT_GC_OPTS and the common ones, so they win;
# empty by default.
# For benchmarks and diagnosis, e.g. a JFR recording of the 1 M-row bulk insert (docs/benchmarks.md):
#   CONNECT_JVM_EXTRA_OPTS="-XX:StartFlightRecording=filename=/tmp/connect.jfr,settings=profile"
# or another collector: "-XX:-UseG1GC -XX:+UseParallelGC" (measured slower, see above).
CONNECT_JVM_EXTRA_OPTS="${CONNECT_JVM_EXTRA_OPTS:-}"

# ---- The three services (platform/services.sh)
CDC_REGISTRAR_PORT="${CDC_REGISTRAR_PORT:-8091}"
ENRICHER_GATEWAY_PORT="${ENRICHER_GATEWAY_PORT:-8092}"
CLICKHOUSE_SINK_PORT="${CLICKHOUSE_SINK_PORT:-8093}"
CDC_REGISTRAR_URL="${CDC_REGISTRAR_URL:-http://127.0.0.1:$CDC_REGISTRAR_PORT}"
# Bearer token of cdc-registrar's mutating REST calls (restart, pause, resume, snapshot): random per run dir
# unless set; settings.env keeps it, endpoints.env publishes it.
# enricher-gateway's enrichment definitions (./deploy.sh --demo sets demo/enrichments.yaml); empty: none.
ENRICHMENTS_FILE="${ENRICHMENTS_FILE:-}"
REGISTRAR_API_TOKEN="${REGISTRAR_API_TOKEN:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"
ENRICHER_GATEWAY_URL="${ENRICHER_GATEWAY_URL:-http://127.0.0.1:$ENRICHER_GATEWAY_PORT}"
# The status page (README, "Status page"), served by enricher-gateway.
STATUS_URL="$ENRICHER_GATEWAY_URL/status/"
CLICKHOUSE_SINK_URL="${CLICKHOUSE_SINK_URL:-http://127.0.0.1:$CLICKHOUSE_SINK_PORT}"
# clickhouse-sink instances in one consumer group (platform/services.sh): instance n on CLICKHOUSE_SINK_PORT + n - 1.
CLICKHOUSE_SINK_INSTANCES="${CLICKHOUSE_SINK_INSTANCES:-1}"
[[ $CLICKHOUSE_SINK_INSTANCES =~ ^[1-9][0-9]*$ ]] ||
  { echo "CLICKHOUSE_SINK_INSTANCES must be a number of instances (1 or more), not '$CLICKHOUSE_SINK_INSTANCES'" >&2; exit 2; }
CLICKHOUSE_SINK_URLS=""
for ((_n = 1; _n <= CLICKHOUSE_SINK_INSTANCES; _n++)); do
  _port_var="CLICKHOUSE_SINK_${_n}_PORT"
  [ "$_n" -gt 1 ] || _port_var=CLICKHOUSE_SINK_PORT
  CLICKHOUSE_SINK_URLS+="${CLICKHOUSE_SINK_URLS:+ }http://127.0.0.1:${!_port_var:-$((CLICKHOUSE_SINK_PORT + _n - 1))}"
done
SERVICES_JAVA_OPTS="${SERVICES_JAVA_OPTS:--Xmx256m}"   # cdc-registrar and enricher-gateway
# clickhouse-sink: its memory is bounded by its batch and fetch limits; 112 MB of heap keeps its RSS under 300 MB
# even through a 10-million-record snapshot (docs/benchmarks.md). It starts with that heap and the same young
# generation (38 MB); the old generation may grow to 16 x PIPELINE_MAX_ROW_BYTES more, only while a big row passes
# (a 30 MB BYTES row took 465 MB of heap here), and shrinks back at the next full collection. An OutOfMemoryError
# ends the process (Compose restarts it; locally its health says so: platform/services.sh up) instead of leaving a
# sink that no longer writes.
CLICKHOUSE_SINK_JAVA_OPTS="${CLICKHOUSE_SINK_JAVA_OPTS:--Xms112m -Xmx$(( 112 + 16 * PIPELINE_MAX_ROW_MIB ))m -XX:MaxNewSize=38m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"

# ---- Timeouts, in seconds
STACK_TIMEOUT="${STACK_TIMEOUT:-120}"                  # default for each component below
MARIADB_TIMEOUT="${MARIADB_TIMEOUT:-$STACK_TIMEOUT}"
ZOOKEEPER_TIMEOUT="${ZOOKEEPER_TIMEOUT:-$STACK_TIMEOUT}"
CLICKHOUSE_TIMEOUT="${CLICKHOUSE_TIMEOUT:-$STACK_TIMEOUT}"
KAFKA_TIMEOUT="${KAFKA_TIMEOUT:-$STACK_TIMEOUT}"
CONNECT_TIMEOUT="${CONNECT_TIMEOUT:-$STACK_TIMEOUT}"
# Apicurio Registry starts in 20-60 s on 2 cores, longer under load (measured: 52 s at load 20, 123 s at load 30).
REGISTRY_TIMEOUT="${REGISTRY_TIMEOUT:-240}"
SERVICES_TIMEOUT="${SERVICES_TIMEOUT:-90}"             # each service until /q/health/live answers 200
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"                     # SIGTERM → exit, before the SIGKILL of last resort
LOCK_TIMEOUT="${LOCK_TIMEOUT:-300}"                    # waiting for another script working on the same run dir

# ---- Versions fetched by platform/install.sh (platform/maven/*/pom.xml carry the same numbers)
KAFKA_VERSION=4.1.1
DEBEZIUM_VERSION=3.4.0.Final

# The variables settings.env keeps for the run dir.
SETTING_VARS=(MYSQL_PORT MYSQL_DATABASE MYSQL_USER MYSQL_PASSWORD MYSQL_ADMIN_USER MYSQL_ADMIN_PASSWORD
  DEBEZIUM_MYSQL_USER DEBEZIUM_MYSQL_PASSWORD CLICKHOUSE_HTTP_PORT CLICKHOUSE_TCP_PORT CLICKHOUSE_INTERSERVER_PORT
  CLICKHOUSE_USER CLICKHOUSE_PASSWORD KAFKA_PORT KAFKA_CONTROLLER_PORT CONNECT_PORT TOPIC_PREFIX CDC_REGISTRAR_PORT
  ENRICHER_GATEWAY_PORT CLICKHOUSE_SINK_PORT)

# The variables endpoints.env publishes, in order.
ENDPOINT_VARS=(MYSQL_HOST MYSQL_PORT MYSQL_USER MYSQL_PASSWORD MYSQL_DATABASE MYSQL_EXTRA_DATABASES MYSQL_ADMIN_USER MYSQL_ADMIN_PASSWORD
  DEBEZIUM_MYSQL_USER DEBEZIUM_MYSQL_PASSWORD CLICKHOUSE_HTTP_URL CLICKHOUSE_USER CLICKHOUSE_PASSWORD
  CLICKHOUSE_TCP_PORT KAFKA_BOOTSTRAP CONNECT_URL TOPIC_PREFIX CDC_REGISTRAR_URL ENRICHER_GATEWAY_URL
  CLICKHOUSE_SINK_URL CLICKHOUSE_SINK_URLS STATUS_URL REGISTRAR_API_TOKEN ENRICHMENTS_FILE PIPELINE_RUN_DIR PIPELINE_MAX_ROW_BYTES
  PIPELINE_FORMAT SCHEMA_REGISTRY_URL SCHEMA_REGISTRY_APICURIO_URL CLICKHOUSE_REPLICA_HTTP_URLS CLICKHOUSE_CLUSTER)
