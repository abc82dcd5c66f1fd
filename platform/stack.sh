#!/usr/bin/env bash
# The local stack as plain processes bound to 127.0.0.1: MariaDB, ClickHouse, Kafka (KRaft), Kafka Connect with
# the Debezium connectors and, when PIPELINE_FORMAT=avro, Apicurio Registry; started in that order and stopped in the
# reverse one.
#
# With CLICKHOUSE_REPLICAS=N > 1 (README, "ClickHouse cluster") also ZooKeeper (before ClickHouse) and ClickHouse
# replicas clickhouse-2 .. clickhouse-N: N servers as the replicas of one shard of cluster $CLICKHOUSE_CLUSTER_NAME.
#
# Usage: platform/stack.sh up | down [--wipe] | status | stop <component>
#   up               starts what is not running (idempotent), waits until each part is healthy, writes
#                    $PIPELINE_RUN_DIR/endpoints.env; on failure stops what it started and exits non-zero
#   down [--wipe]    stops everything cleanly (SIGTERM; SIGKILL only after $STOP_TIMEOUT s); --wipe also deletes
#                    the data, logs and configs of this run dir (never the downloaded jars in $PIPELINE_DIST)
#   status           the state of each component; exit code 0 when all are running and healthy, 3 otherwise
#   stop <component> stops one component (mariadb, zookeeper, clickhouse, clickhouse-<n>, kafka, connect, registry);
#                    `up` starts it again
#   kill <component> SIGKILL, for crash tests (the supervisor, or `up`, starts it again)
#
# Everything lives under $PIPELINE_RUN_DIR: pids/<name>.pid, logs/<name>.log, data/<name>/, conf/<name>/.
# Ports, credentials and timeouts: platform/env.sh.
# shellcheck disable=SC2034 # many variables here are read by the config templates (render_template)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
source "$here/lib.sh"

# ZooKeeper and the replicas 2..N run only with CLICKHOUSE_REPLICAS > 1 (env.sh: CLUSTER_COMPONENTS); `down` also
# stops the replicas a run dir still has pid files of.
COMPONENTS=(mariadb)
[ "$CLICKHOUSE_REPLICAS" -eq 1 ] || COMPONENTS+=(zookeeper)
COMPONENTS+=(clickhouse)
for ((n = 2; n <= CLICKHOUSE_REPLICAS; n++)); do COMPONENTS+=("clickhouse-$n"); done
COMPONENTS+=(kafka connect)
ALL_COMPONENTS=(mariadb zookeeper clickhouse)
for f in "$PIPELINE_RUN_DIR"/pids/clickhouse-[0-9]*.pid; do
  [ -e "$f" ] || continue
  f=${f##*/}
  n=${f%.pid}
  case " ${COMPONENTS[*]} " in *" $n "*) ;; *) ALL_COMPONENTS+=("$n") ;; esac
done
for ((n = 2; n <= CLICKHOUSE_REPLICAS; n++)); do ALL_COMPONENTS+=("clickhouse-$n"); done
ALL_COMPONENTS+=(kafka connect registry)
# The schema registry runs only for Avro (a JSON pipeline does not use it); `down` stops it whenever it runs.
[ "$PIPELINE_FORMAT" != avro ] || COMPONENTS+=(registry)
SERVICES=(cdc-registrar enricher-gateway clickhouse-sink)
CONF="$PIPELINE_RUN_DIR/conf"
DATA="$PIPELINE_RUN_DIR/data"
RUN="$PIPELINE_RUN_DIR/run"
TEMPLATES="$here/conf"

# find_cmd NAME: NAME on PATH or in the sbin folders Debian installs servers into.
find_cmd() {
  local d
  command -v "$1" 2> /dev/null && return 0
  for d in /usr/sbin /usr/local/sbin /sbin; do
    [ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
  done
  return 1
}

need_cmd() { find_cmd "$1" > /dev/null || die "'$1' is not installed: run platform/install.sh first"; }

component_title() {
  case "$1" in
    mariadb) echo MariaDB ;;
    clickhouse) echo ClickHouse ;;
    clickhouse-[0-9]*) echo "ClickHouse replica ${1#clickhouse-}" ;;
    zookeeper) echo ZooKeeper ;;
    kafka) echo Kafka ;;
    connect) echo "Kafka Connect" ;;
    registry) echo "Schema registry" ;;
  esac
}

# component_ports NAME: the variables holding NAME's ports.
component_ports() {
  case "$1" in
    mariadb) echo MYSQL_PORT ;;
    clickhouse) echo CLICKHOUSE_HTTP_PORT CLICKHOUSE_TCP_PORT CLICKHOUSE_INTERSERVER_PORT ;;
    clickhouse-[0-9]*) local n=${1#clickhouse-}; echo "CLICKHOUSE_${n}_HTTP_PORT CLICKHOUSE_${n}_TCP_PORT CLICKHOUSE_${n}_INTERSERVER_PORT" ;;
    zookeeper) echo ZOOKEEPER_PORT ;;
    kafka) echo KAFKA_PORT KAFKA_CONTROLLER_PORT ;;
    connect) echo CONNECT_PORT ;;
    registry) echo SCHEMA_REGISTRY_PORT SCHEMA_REGISTRY_MANAGEMENT_PORT ;;
  esac
}

component_timeout() {
  case "$1" in
    mariadb) echo "$MARIADB_TIMEOUT" ;;
    clickhouse | clickhouse-[0-9]*) echo "$CLICKHOUSE_TIMEOUT" ;;
    zookeeper) echo "$ZOOKEEPER_TIMEOUT" ;;
    kafka) echo "$KAFKA_TIMEOUT" ;;
    connect) echo "$CONNECT_TIMEOUT" ;;
    registry) echo "$REGISTRY_TIMEOUT" ;;
  esac
}

component_endpoint() {
  case "$1" in
    mariadb) echo "$MYSQL_HOST:$MYSQL_PORT" ;;
    clickhouse) echo "$CLICKHOUSE_HTTP_URL (tcp 127.0.0.1:$CLICKHOUSE_TCP_PORT)" ;;
    clickhouse-[0-9]*) with_replica "${1#clickhouse-}" clickhouse_endpoint ;;
    zookeeper) echo "127.0.0.1:$ZOOKEEPER_PORT" ;;
    kafka) echo "$KAFKA_BOOTSTRAP" ;;
    connect) echo "$CONNECT_URL" ;;
    registry) echo "$SCHEMA_REGISTRY_URL" ;;
  esac
}

# ---------------------------------------------------------------- MariaDB
MARIADB_DATA_DIR="$DATA/mariadb"
MARIADB_CNF="$CONF/mariadb/my.cnf"
MARIADB_SERVER_PID="$RUN/mariadbd.pid"
MARIADB_SOCKET="$RUN/mariadb.sock"
# A Unix socket path is limited to 107 bytes: a deep run dir gets its socket in /tmp.
if [ ${#MARIADB_SOCKET} -gt 100 ]; then
  MARIADB_SOCKET="/tmp/streaming-etl-mariadb-$(printf '%s' "$PIPELINE_RUN_DIR" | cksum | cut -d' ' -f1).sock"
fi
MARIADB_LOGIN_USER="" MARIADB_LOGIN_PASSWORD="" MARIADB_FRESH=0

mariadb_conf() { render_template "$TEMPLATES/mariadb/my.cnf" "$MARIADB_CNF"; }

# mariadb_socket_sql USER PASSWORD ARGS...: the mariadb client as USER over this instance's socket.
mariadb_socket_sql() {
  local user=$1 password=$2
  shift 2
  MYSQL_PWD="$password" mariadb --defaults-file="$MARIADB_CNF" --protocol=socket -u"$user" --batch "$@"
}

# mariadb_find_login: finds the admin login that works: the configured one, a fresh instance's root without
# password, or the admin password this run dir was started with before (then the setup below changes it).
mariadb_find_login() {
  local login first="$MYSQL_ADMIN_USER:$MYSQL_ADMIN_PASSWORD"
  [ "${MARIADB_FRESH:-0}" -eq 0 ] || first="root:"
  for login in "$first" "$MYSQL_ADMIN_USER:$MYSQL_ADMIN_PASSWORD" "root:" \
    "$MYSQL_ADMIN_USER:${PIPELINE_SAVED[MYSQL_ADMIN_PASSWORD]:-}" "root:${PIPELINE_SAVED[MYSQL_ADMIN_PASSWORD]:-}"; do
    if mariadb_socket_sql "${login%%:*}" "${login#*:}" -e 'SELECT 1' > /dev/null 2>&1; then
      MARIADB_LOGIN_USER=${login%%:*} MARIADB_LOGIN_PASSWORD=${login#*:}
      return 0
    fi
  done
  return 1
}

# mariadb_healthy: the application user answers SELECT 1 over TCP, as the services will connect.
mariadb_healthy() {
  MYSQL_PWD="$MYSQL_PASSWORD" mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u "$MYSQL_USER" \
    --connect-timeout=3 --batch --skip-column-names -e 'SELECT 1' "$MYSQL_DATABASE" 2> /dev/null | grep -qx 1
}

# mariadb_setup_sql: the database (and MYSQL_EXTRA_DATABASES) and the three users (admin, application, Debezium);
# safe to run on every start.
mariadb_setup_sql() {
  local db app app_pw dbz dbz_pw admin admin_pw h extra extras=()
  IFS=, read -ra extras <<< "$MYSQL_EXTRA_DATABASES"
  db=$(sql_ident "$MYSQL_DATABASE")
  app=$(sql_string "$MYSQL_USER") app_pw=$(sql_string "$MYSQL_PASSWORD")
  dbz=$(sql_string "$DEBEZIUM_MYSQL_USER") dbz_pw=$(sql_string "$DEBEZIUM_MYSQL_PASSWORD")
  admin=$(sql_string "$MYSQL_ADMIN_USER") admin_pw=$(sql_string "$MYSQL_ADMIN_PASSWORD")
  echo "CREATE DATABASE IF NOT EXISTS $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  for extra in "${extras[@]}"; do
    echo "CREATE DATABASE IF NOT EXISTS $(sql_ident "$extra") CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  done
  # Debezium's signalling table: cdc-registrar writes re-snapshot requests into it, Debezium its watermarks.
  echo "CREATE TABLE IF NOT EXISTS $db.debezium_signal (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data VARCHAR(2048) NULL);"
  # The drift check's markers: cdc-registrar writes each chunk's MySQL count and checksum into it (design.md).
  echo "CREATE TABLE IF NOT EXISTS $db.pipeline_verify (id VARCHAR(100) NOT NULL PRIMARY KEY, check_id VARCHAR(40) NOT NULL, table_name VARCHAR(400) NOT NULL, chunk INT NOT NULL, attempt INT NOT NULL, lower_key MEDIUMTEXT NULL, upper_key MEDIUMTEXT NULL, columns_hashed MEDIUMTEXT NOT NULL, row_count BIGINT NOT NULL, checksum VARCHAR(40) NOT NULL, created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3));"
  for h in "'localhost'" "'127.0.0.1'"; do
    echo "CREATE USER IF NOT EXISTS $admin@$h IDENTIFIED BY $admin_pw;"
    echo "ALTER USER $admin@$h IDENTIFIED BY $admin_pw;"
    echo "GRANT ALL PRIVILEGES ON *.* TO $admin@$h WITH GRANT OPTION;"
  done
  # With another admin user, root keeps no empty password either.
  [ "$MYSQL_ADMIN_USER" = root ] || echo "ALTER USER 'root'@'localhost' IDENTIFIED BY $admin_pw;"
  for h in "'%'" "'localhost'"; do
    echo "CREATE USER IF NOT EXISTS $app@$h IDENTIFIED BY $app_pw;"
    echo "ALTER USER $app@$h IDENTIFIED BY $app_pw;"
    echo "GRANT ALL PRIVILEGES ON $db.* TO $app@$h;"
    for extra in "${extras[@]}"; do echo "GRANT ALL PRIVILEGES ON $(sql_ident "$extra").* TO $app@$h;"; done
    echo "CREATE USER IF NOT EXISTS $dbz@$h IDENTIFIED BY $dbz_pw;"
    echo "ALTER USER $dbz@$h IDENTIFIED BY $dbz_pw;"
    echo "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO $dbz@$h;"
    echo "GRANT INSERT, UPDATE, DELETE ON $db.debezium_signal TO $dbz@$h;"
    echo "GRANT INSERT ON $db.pipeline_verify TO $dbz@$h;"
  done
  # mariadb-install-db also creates anonymous accounts (they would shadow the users above) and password-less root
  # accounts for ::1 and the host name (ignored with skip-name-resolve, but logged at every start).
  echo "DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host NOT IN ('localhost', '127.0.0.1'));"
  echo "DELETE FROM mysql.proxies_priv WHERE Host NOT IN ('localhost', '127.0.0.1', '%', '');"
  echo "FLUSH PRIVILEGES;"
}

mariadb_start() {
  local log
  log=$(log_file mariadb)
  mkdir -p "$RUN" "$DATA"
  mariadb_conf
  if [ ! -d "$MARIADB_DATA_DIR/mysql" ]; then
    info "MariaDB: creating a new instance in $MARIADB_DATA_DIR"
    rm -rf "$MARIADB_DATA_DIR.init"
    mariadb-install-db --defaults-file="$MARIADB_CNF" --datadir="$MARIADB_DATA_DIR.init" --user=root \
      --auth-root-authentication-method=normal --skip-test-db >> "$log" 2>&1 ||
      die "MariaDB: mariadb-install-db failed; its log: $log"
    rm -rf "$MARIADB_DATA_DIR"
    mv "$MARIADB_DATA_DIR.init" "$MARIADB_DATA_DIR"
    MARIADB_FRESH=1
  fi
  start_bg mariadb "$PIPELINE_RUN_DIR" "$log" "$(find_cmd mariadbd)" --defaults-file="$MARIADB_CNF" --user=root
  wait_for mariadb "$MARIADB_TIMEOUT" mariadb_find_login
  mariadb_setup_sql | mariadb_socket_sql "$MARIADB_LOGIN_USER" "$MARIADB_LOGIN_PASSWORD" > /dev/null 2>> "$log" ||
    die "MariaDB: creating the database and users failed; its log: $log"
  wait_for mariadb 10 mariadb_healthy
}

# ---------------------------------------------------------------- ClickHouse
CLICKHOUSE_CONF_DIR="$CONF/clickhouse"
CLICKHOUSE_DATA_DIR="$DATA/clickhouse"
CLICKHOUSE_LOG="$(log_file clickhouse)"
CLICKHOUSE_ERROR_LOG="$PIPELINE_RUN_DIR/logs/clickhouse.err.log"

CH_NAME=clickhouse CH_REPLICA=1

# with_replica N CMD...: runs CMD with the CLICKHOUSE_* ports, dirs and logs of replica N (1: `clickhouse`, the
# variables above; n: `clickhouse-<n>` on CLICKHOUSE_<n>_*_PORT, env.sh) and CH_NAME/CH_REPLICA naming it.
with_replica() {
  local n=$1
  shift
  if [ "$n" -eq 1 ]; then
    "$@"
    return
  fi
  local hv="CLICKHOUSE_${n}_HTTP_PORT" tv="CLICKHOUSE_${n}_TCP_PORT" iv="CLICKHOUSE_${n}_INTERSERVER_PORT"
  local CLICKHOUSE_HTTP_PORT=${!hv} CLICKHOUSE_TCP_PORT=${!tv} CLICKHOUSE_INTERSERVER_PORT=${!iv}
  local CH_NAME="clickhouse-$n" CH_REPLICA=$n
  local CLICKHOUSE_CONF_DIR="$CONF/$CH_NAME" CLICKHOUSE_DATA_DIR="$DATA/$CH_NAME"
  local CLICKHOUSE_LOG CLICKHOUSE_ERROR_LOG CLICKHOUSE_HTTP_URL="http://127.0.0.1:$CLICKHOUSE_HTTP_PORT"
  CLICKHOUSE_LOG=$(log_file "$CH_NAME")
  CLICKHOUSE_ERROR_LOG="$PIPELINE_RUN_DIR/logs/$CH_NAME.err.log"
  "$@"
}

clickhouse_endpoint() { echo "$CLICKHOUSE_HTTP_URL (tcp 127.0.0.1:$CLICKHOUSE_TCP_PORT)"; }

# clickhouse_cluster_replicas_xml: the <replica> elements of every replica of the cluster (remote_servers).
clickhouse_cluster_replicas_xml() {
  local n tv port user password
  user=$(xml_escape "$CLICKHOUSE_USER") password=$(xml_escape "$CLICKHOUSE_PASSWORD")
  for ((n = 1; n <= CLICKHOUSE_REPLICAS; n++)); do
    tv="CLICKHOUSE_${n}_TCP_PORT"
    port=${!tv}
    printf '                <replica><host>127.0.0.1</host><port>%s</port><user>%s</user><password>%s</password></replica>\n' \
      "$port" "$user" "$password"
  done
}

clickhouse_conf() {
  local CLICKHOUSE_PASSWORD_XML
  CLICKHOUSE_PASSWORD_XML=$(xml_escape "$CLICKHOUSE_PASSWORD")
  render_template "$TEMPLATES/clickhouse/config.xml" "$CLICKHOUSE_CONF_DIR/config.xml"
  render_template "$TEMPLATES/clickhouse/users.xml" "$CLICKHOUSE_CONF_DIR/users.xml" 600
  if [ "$CLICKHOUSE_REPLICAS" -gt 1 ]; then
    local CLICKHOUSE_REPLICA_NAME="replica-$CH_REPLICA" CLICKHOUSE_CLUSTER_REPLICAS_XML
    CLICKHOUSE_CLUSTER_REPLICAS_XML=$(clickhouse_cluster_replicas_xml)
    render_template "$TEMPLATES/clickhouse/cluster.xml" "$CLICKHOUSE_CONF_DIR/config.d/cluster.xml" 600
  else
    rm -f "$CLICKHOUSE_CONF_DIR/config.d/cluster.xml"
  fi
}

clickhouse_ping() { [ "$(curl -sS --max-time 3 "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/ping" 2> /dev/null)" = "Ok." ]; }

# clickhouse_query SQL: runs SQL as $CLICKHOUSE_USER (credentials through curl's config, not its command line).
clickhouse_query() {
  local user=${CLICKHOUSE_USER//\\/\\\\} password=${CLICKHOUSE_PASSWORD//\\/\\\\}
  curl -sS --max-time 5 -K - "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/" --data-binary "$1" <<< "user = \"${user//\"/\\\"}:${password//\"/\\\"}\""
}

clickhouse_healthy() { clickhouse_ping && [ "$(clickhouse_query 'SELECT 1' 2> /dev/null)" = 1 ]; }

clickhouse_start() {
  mkdir -p "$CLICKHOUSE_DATA_DIR"
  clickhouse_conf
  start_bg "$CH_NAME" "$CLICKHOUSE_DATA_DIR" "$(out_file "$CH_NAME")" \
    "$(find_cmd clickhouse-server)" --config-file="$CLICKHOUSE_CONF_DIR/config.xml"
  wait_for "$CH_NAME" "$CLICKHOUSE_TIMEOUT" clickhouse_ping
  clickhouse_healthy || die "$(component_title "$CH_NAME") answers /ping but refuses user '$CLICKHOUSE_USER' with CLICKHOUSE_PASSWORD: $(clickhouse_query 'SELECT 1' 2>&1 | head -c 300)"
}

# ---------------------------------------------------------------- ZooKeeper (CLICKHOUSE_REPLICAS > 1)
# Debian's `zookeeper` package (3.8): the jar and its dependencies (its manifest's Class-Path) from /usr/share/java,
# run as a standalone server of this run dir, logging through slf4j-simple into logs/zookeeper.log.
ZOOKEEPER_CONF_DIR="$CONF/zookeeper"
ZOOKEEPER_DATA_DIR="$DATA/zookeeper"
ZOOKEEPER_JARS="/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar"

zookeeper_conf() { render_template "$TEMPLATES/zookeeper/zoo.cfg" "$ZOOKEEPER_CONF_DIR/zoo.cfg"; }

# zookeeper_healthy: the four-letter command `ruok` answers `imok`.
zookeeper_healthy() {
  [ "$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$ZOOKEEPER_PORT && printf ruok >&3 && cat <&3" 2> /dev/null)" = imok ]
}

zookeeper_start() {
  [ -f /usr/share/java/zookeeper.jar ] || die "ZooKeeper is not installed (CLICKHOUSE_REPLICAS=$CLICKHOUSE_REPLICAS needs it): run platform/install.sh"
  mkdir -p "$ZOOKEEPER_DATA_DIR"
  zookeeper_conf
  # shellcheck disable=SC2086
  start_bg zookeeper "$ZOOKEEPER_DATA_DIR" "$(log_file zookeeper)" java $ZOOKEEPER_HEAP_OPTS -XX:+ExitOnOutOfMemoryError \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS \
    -cp "$ZOOKEEPER_JARS" org.apache.zookeeper.server.ZooKeeperServerMain "$ZOOKEEPER_CONF_DIR/zoo.cfg"
  wait_for zookeeper "$ZOOKEEPER_TIMEOUT" zookeeper_healthy
}

# component_call NAME ACTION: NAME's ACTION function (clickhouse-<n>: the clickhouse one, with replica n's settings).
component_call() {
  case "$1" in
    clickhouse-[0-9]*) with_replica "${1#clickhouse-}" "clickhouse_$2" ;;
    *) "${1}_$2" ;;
  esac
}

# ---------------------------------------------------------------- Kafka (KRaft: broker and controller)
KAFKA_CONF_DIR="$CONF/kafka"
KAFKA_DATA_DIR="$DATA/kafka"
KAFKA_LOG="$(log_file kafka)"
# The collector is per process: KAFKA_GC_OPTS and CONNECT_GC_OPTS (platform/env.sh).
JAVA_COMMON_OPTS=(-XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true)

kafka_conf() {
  render_template "$TEMPLATES/kafka/server.properties" "$KAFKA_CONF_DIR/server.properties"
  render_template "$TEMPLATES/kafka/log4j2.properties" "$KAFKA_CONF_DIR/log4j2.properties"
}

kafka_format() {
  local id out
  out=$(out_file kafka)
  id=$(java -cp "$PIPELINE_DIST/kafka/*" -Dlog4j2.configurationFile="$KAFKA_CONF_DIR/log4j2.properties" \
    kafka.tools.StorageTool random-uuid 2>> "$out" | tail -n 1)
  [[ $id =~ ^[A-Za-z0-9_-]{22}$ ]] || die "Kafka: 'StorageTool random-uuid' gave no cluster id; see $out"
  info "Kafka: formatting $KAFKA_DATA_DIR (cluster id $id)"
  # No meta.properties: nothing there is usable (an interrupted format at most), start from an empty folder.
  rm -rf "$KAFKA_DATA_DIR"
  mkdir -p "$KAFKA_DATA_DIR"
  java -cp "$PIPELINE_DIST/kafka/*" -Dlog4j2.configurationFile="$KAFKA_CONF_DIR/log4j2.properties" \
    kafka.tools.StorageTool format --standalone --cluster-id "$id" -c "$KAFKA_CONF_DIR/server.properties" \
    >> "$out" 2>&1 || { show_logs kafka; die "Kafka: formatting the storage failed; its log: $out"; }
}

kafka_healthy() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT" 2> /dev/null; }

kafka_started_since() { log_since "$KAFKA_LOG" "$1" | grep -qF 'Kafka Server started'; }

kafka_start() {
  local mark
  kafka_conf
  [ -f "$KAFKA_DATA_DIR/meta.properties" ] || kafka_format
  mark=$(file_size "$KAFKA_LOG")
  # shellcheck disable=SC2086
  start_bg kafka "$PIPELINE_RUN_DIR" "$(out_file kafka)" java $KAFKA_HEAP_OPTS $KAFKA_GC_OPTS "${JAVA_COMMON_OPTS[@]}" \
    -Dlog4j2.configurationFile="$KAFKA_CONF_DIR/log4j2.properties" -cp "$PIPELINE_DIST/kafka/*" \
    kafka.Kafka "$KAFKA_CONF_DIR/server.properties"
  wait_for kafka "$KAFKA_TIMEOUT" kafka_started_since "$mark"
}

# ---------------------------------------------------------------- Kafka Connect with Debezium
CONNECT_CONF_DIR="$CONF/connect"
CONNECT_LOG="$(log_file connect)"
CONNECT_PLUGIN_PATH="$PIPELINE_DIST/connect-plugins"

connect_conf() {
  render_template "$TEMPLATES/connect/connect-distributed.properties" "$CONNECT_CONF_DIR/connect-distributed.properties"
  render_template "$TEMPLATES/connect/log4j2.properties" "$CONNECT_CONF_DIR/log4j2.properties"
}

connect_healthy() {
  curl -fsS --max-time 5 "http://127.0.0.1:$CONNECT_PORT/connector-plugins" 2> /dev/null |
    grep -qF 'io.debezium.connector.mysql.MySqlConnector'
}

connect_started_since() { log_since "$CONNECT_LOG" "$1" | grep -qF 'Kafka Connect started' && connect_healthy; }

connect_start() {
  local mark
  connect_conf
  mark=$(file_size "$CONNECT_LOG")
  # The connector's password reaches Connect through its environment only (config provider env, see its config).
  export DEBEZIUM_MYSQL_PASSWORD
  # shellcheck disable=SC2086
  start_bg connect "$PIPELINE_RUN_DIR" "$(out_file connect)" java $CONNECT_HEAP_OPTS $CONNECT_GC_OPTS "${JAVA_COMMON_OPTS[@]}" $CONNECT_JVM_EXTRA_OPTS \
    -Dlog4j2.configurationFile="$CONNECT_CONF_DIR/log4j2.properties" -cp "$PIPELINE_DIST/kafka/*" \
    org.apache.kafka.connect.cli.ConnectDistributed "$CONNECT_CONF_DIR/connect-distributed.properties"
  wait_for connect "$CONNECT_TIMEOUT" connect_started_since "$mark"
}

# ---------------------------------------------------------------- Schema registry (Apicurio Registry, PIPELINE_FORMAT=avro)
REGISTRY_HOME="$PIPELINE_DIST/apicurio-registry"
REGISTRY_DATA_DIR="$DATA/registry"

# registry_java: a java of version 21 or later (Apicurio Registry 3 needs it): REGISTRY_JAVA, else the newest
# under /usr/lib/jvm, else java on PATH.
registry_java() {
  local candidate major
  for candidate in ${REGISTRY_JAVA:+"$REGISTRY_JAVA"} $(ls -d /usr/lib/jvm/*/bin/java 2> /dev/null | sort -rV) java; do
    major=$("$candidate" -version 2>&1 | sed -nE '1s/.*version "(1\.)?([0-9]+).*/\2/p')
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

registry_healthy() {
  curl -fsS --max-time 5 "http://127.0.0.1:$SCHEMA_REGISTRY_PORT/apis/ccompat/v7/subjects" > /dev/null 2>&1
}

registry_start() {
  local java
  java=$(registry_java) || die "Apicurio Registry needs Java 21 or later; none found (set REGISTRY_JAVA to its java binary)"
  [ -f "$REGISTRY_HOME/quarkus-run.jar" ] || die "Apicurio Registry is not installed in $REGISTRY_HOME: run platform/install.sh"
  mkdir -p "$REGISTRY_DATA_DIR"
  # Storage: H2 in a file of the run dir (survives restarts; --wipe deletes it). Ports on 127.0.0.1, the management
  # interface moved off 9000; a small connection pool (its default keeps 20 connections open).
  # shellcheck disable=SC2086
  start_bg registry "$REGISTRY_DATA_DIR" "$(log_file registry)" "$java" $REGISTRY_HEAP_OPTS -XX:+ExitOnOutOfMemoryError \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$SCHEMA_REGISTRY_PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$SCHEMA_REGISTRY_MANAGEMENT_PORT" \
    -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2 \
    -Dapicurio.datasource.url="jdbc:h2:file:$REGISTRY_DATA_DIR/registry" \
    -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
    -Dapicurio.datasource.jdbc.max-size=10 -Dquarkus.log.console.color=false \
    -jar "$REGISTRY_HOME/quarkus-run.jar"
  wait_for registry "$REGISTRY_TIMEOUT" registry_healthy
}

# ---------------------------------------------------------------- commands
STARTED=()

rollback() {
  local rc=$? i
  trap - EXIT
  if [ $rc -ne 0 ] && [ ${#STARTED[@]} -gt 0 ]; then
    warn "stack.sh up failed; stopping what it started: ${STARTED[*]}"
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
      stop_process "${STARTED[$i]}" || true
    done
  fi
  exit $rc
}

# check_settings_unchanged: a running stack keeps the ports and credentials it was started with.
check_settings_unchanged() {
  local v diff=()
  for v in "${PIPELINE_SETTING_VARS[@]}"; do
    case "$v" in CDC_REGISTRAR_PORT | ENRICHER_GATEWAY_PORT | CLICKHOUSE_SINK_PORT | REGISTRAR_API_TOKEN | ENRICHMENTS_FILE) continue ;; esac
    [ -n "${PIPELINE_SAVED[$v]+x}" ] || continue
    [ "${PIPELINE_SAVED[$v]}" = "${!v}" ] || diff+=("$v")
  done
  [ ${#diff[@]} -eq 0 ] && return 0
  local shown=() v2
  for v2 in "${diff[@]}"; do
    case "$v2" in *PASSWORD* | *TOKEN*) shown+=("$v2") ;; *) shown+=("$v2 (running: ${PIPELINE_SAVED[$v2]}, asked: ${!v2})") ;; esac
  done
  die "the stack in $PIPELINE_RUN_DIR is running with other settings: ${shown[*]}. Stop it first (platform/stack.sh down), or use another PIPELINE_RUN_DIR"
}

# healthy_or_wait NAME: a running component is healthy, or becomes so within its timeout.
healthy_or_wait() {
  local name=$1 deadline
  deadline=$((SECONDS + $(component_timeout "$name")))
  until component_call "$name" healthy; do
    if ((SECONDS >= deadline)); then
      show_logs "$name"
      die "$(component_title "$name") is running (pid $(owned_pid "$name" || echo '?')) but not healthy; its log: $(log_file "$name"). Restart it: platform/stack.sh stop $name && platform/stack.sh up"
    fi
    running "$name" || return 1
    sleep 1
  done
}

up() {
  lock_run_dir
  [ -f "$PIPELINE_DIST/.complete" ] || die "Kafka and Debezium are not installed in $PIPELINE_DIST: run platform/install.sh first"
  case "$PIPELINE_FORMAT" in json | avro) ;; *) die "PIPELINE_FORMAT must be json or avro, not '$PIPELINE_FORMAT'" ;; esac
  [ "$PIPELINE_FORMAT" != avro ] || [ -f "$PIPELINE_DIST/.complete-avro" ] ||
    die "PIPELINE_FORMAT=avro needs Apicurio Registry and its converter in $PIPELINE_DIST: run PIPELINE_FORMAT=avro platform/install.sh first"
  local c v cmd
  for cmd in mariadbd mariadb-install-db mariadb clickhouse-server java curl; do need_cmd "$cmd"; done
  local cluster_ports=()
  for c in "${CLUSTER_COMPONENTS[@]}"; do read -ra v <<< "$(component_ports "$c")" && cluster_ports+=("${v[@]}"); done
  require_distinct_ports MYSQL_PORT CLICKHOUSE_HTTP_PORT CLICKHOUSE_TCP_PORT CLICKHOUSE_INTERSERVER_PORT KAFKA_PORT \
    KAFKA_CONTROLLER_PORT CONNECT_PORT CDC_REGISTRAR_PORT ENRICHER_GATEWAY_PORT CLICKHOUSE_SINK_PORT \
    SCHEMA_REGISTRY_PORT SCHEMA_REGISTRY_MANAGEMENT_PORT "${cluster_ports[@]}"
  mkdir -p "$CONF" "$DATA" "$RUN" "$PIPELINE_RUN_DIR/pids" "$PIPELINE_RUN_DIR/logs"
  ulimit -n "$(ulimit -Hn)" 2> /dev/null || true

  local to_start=() pid any_running=0
  for c in "${COMPONENTS[@]}"; do running "$c" && any_running=1; done
  [ $any_running -eq 0 ] || check_settings_unchanged
  for c in "${COMPONENTS[@]}"; do
    if pid=$(owned_pid "$c"); then
      if healthy_or_wait "$c"; then
        info "$(component_title "$c"): already running (pid $pid) at $(component_endpoint "$c")"
        continue
      fi
    fi
    to_start+=("$c")
  done
  # Every port first, so a taken one stops the start before anything runs.
  for c in "${to_start[@]}"; do
    for v in $(component_ports "$c"); do require_port_free "$(component_title "$c")" "${!v}" "$v"; done
  done

  save_state
  local t0=$SECONDS start
  trap rollback EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  for c in "${to_start[@]}"; do
    for v in $(component_ports "$c"); do require_port_free "$(component_title "$c")" "${!v}" "$v"; done
    start=$SECONDS
    info "$(component_title "$c"): starting (log: $(log_file "$c"))"
    STARTED+=("$c")
    component_call "$c" start
    info "$(component_title "$c"): ready in $((SECONDS - start))s at $(component_endpoint "$c")"
  done
  trap - EXIT INT TERM
  if [ ${#to_start[@]} -eq 0 ]; then
    info "Stack already running in $PIPELINE_RUN_DIR; nothing changed"
  else
    info "Stack up in $((SECONDS - t0))s (started: ${to_start[*]})"
  fi
  info "Endpoints: $PIPELINE_RUN_DIR/endpoints.env"
}

down() {
  local wipe=0 i s services_up=()
  case "${1:-}" in
    "") ;;
    --wipe) wipe=1 ;;
    *) die "unknown option '$1' (usage: stack.sh down [--wipe])" ;;
  esac
  lock_run_dir
  for s in "${SERVICES[@]}"; do running "$s" && services_up+=("$s"); done
  if [ ${#services_up[@]} -gt 0 ]; then
    if [ $wipe -eq 1 ]; then
      info "Stopping the services first, their data is about to be deleted: ${services_up[*]}"
      for ((i = ${#services_up[@]} - 1; i >= 0; i--)); do stop_process "${services_up[$i]}"; done
    else
      warn "services still running, now without their stack: ${services_up[*]} (platform/services.sh down stops them)"
    fi
  fi
  for ((i = ${#ALL_COMPONENTS[@]} - 1; i >= 0; i--)); do
    stop_process "${ALL_COMPONENTS[$i]}"
  done
  if [ $wipe -eq 1 ]; then
    for s in "${ALL_COMPONENTS[@]}" "${SERVICES[@]}"; do
      ! running "$s" || die "$s is still running; not deleting the data of $PIPELINE_RUN_DIR"
    done
    rm -rf "${DATA:?}" "${PIPELINE_RUN_DIR:?}/logs" "${CONF:?}" "${RUN:?}" "$MARIADB_SOCKET" \
      "$PIPELINE_RUN_DIR/endpoints.env" "$PIPELINE_RUN_DIR/settings.env"
    info "Deleted the data, logs and configs of $PIPELINE_RUN_DIR (the jars in $PIPELINE_DIST are kept)"
  fi
  info "Stack stopped"
}

status() {
  local c pid all=0
  for c in "${COMPONENTS[@]}"; do
    if pid=$(owned_pid "$c"); then
      if component_call "$c" healthy; then
        printf '%-11s running (pid %s), healthy, %s\n' "$c:" "$pid" "$(component_endpoint "$c")"
      else
        printf '%-11s running (pid %s), NOT healthy, log %s\n' "$c:" "$pid" "$(log_file "$c")"
        all=3
      fi
    else
      printf '%-11s stopped\n' "$c:"
      all=3
    fi
  done
  return $all
}

stop_one() {
  case " ${ALL_COMPONENTS[*]} " in *" ${1:-} "*) ;; *) die "unknown component '${1:-}' (one of: ${ALL_COMPONENTS[*]})" ;; esac
  lock_run_dir
  if running "$1"; then stop_process "$1"; else info "$1: not running"; fi
}

kill_one() {
  case " ${ALL_COMPONENTS[*]} " in *" ${1:-} "*) ;; *) die "unknown component '${1:-}' (one of: ${ALL_COMPONENTS[*]})" ;; esac
  kill_process "$1"
}

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

case "${1:-}" in
  up) up ;;
  down) down "${2:-}" ;;
  status) status ;;
  stop) stop_one "${2:-}" ;;
  kill) kill_one "${2:-}" ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
