#!/usr/bin/env bash
# The local stack as plain processes bound to 127.0.0.1: MariaDB, ClickHouse, Kafka (KRaft), Kafka Connect with
# Debezium. Usage: stack.sh up | down [--wipe] | stop <component> | status
# Pid files, logs, configs and data live under $PIPELINE_RUN_DIR (pids/ logs/ conf/ data/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
source "$here/lib.sh"

COMPONENTS=(mariadb clickhouse kafka connect)
CONF="$PIPELINE_RUN_DIR/conf"
DATA="$PIPELINE_RUN_DIR/data"

# ---------------------------------------------------------------- MariaDB
mariadb_conf() {
  cat > "$CONF/my.cnf" <<CNF
[mysqld]
datadir=$DATA/mariadb
socket=$PIPELINE_RUN_DIR/mariadb.sock
pid-file=$PIPELINE_RUN_DIR/mariadb.pid
port=$MYSQL_PORT
bind-address=127.0.0.1
skip-name-resolve
server_id=1
log_bin=mysql-bin
binlog_format=ROW
binlog_row_image=FULL
binlog_expire_logs_seconds=604800
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_buffer_pool_size=128M
innodb_log_file_size=64M

[client]
socket=$PIPELINE_RUN_DIR/mariadb.sock
CNF
}

mariadb_sql() { mariadb --defaults-file="$CONF/my.cnf" --protocol=socket -uroot "$@"; }

mariadb_admin_sql() {
  # The admin password is set on first start; a fresh instance has none yet.
  mariadb_sql -p"$MYSQL_ADMIN_PASSWORD" "$@" 2> /dev/null || mariadb_sql "$@"
}

mariadb_ready() { mariadb-admin --defaults-file="$CONF/my.cnf" --protocol=socket -uroot -p"$MYSQL_ADMIN_PASSWORD" ping 2>&1 | grep -qE 'alive|Access denied'; }

mariadb_up() {
  require_port MariaDB "$MYSQL_PORT" MYSQL_PORT
  mariadb_conf
  if [ ! -d "$DATA/mariadb/mysql" ]; then
    info "MariaDB: creating a new instance in $DATA/mariadb"
    mkdir -p "$DATA/mariadb"
    mariadb-install-db --defaults-file="$CONF/my.cnf" --user=root --auth-root-authentication-method=normal \
      --skip-test-db >> "$(log_file mariadb)" 2>&1 || die "MariaDB: mariadb-install-db failed; its log: $(log_file mariadb)"
  fi
  start_bg mariadb mariadbd --defaults-file="$CONF/my.cnf" --user=root
  wait_for mariadb "$STACK_TIMEOUT" mariadb_ready
  mariadb_admin_sql <<SQL || die "MariaDB: setting up users and database failed; its log: $(log_file mariadb)"
CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$MYSQL_USER'@'%' IDENTIFIED BY '$MYSQL_PASSWORD';
ALTER USER '$MYSQL_USER'@'%' IDENTIFIED BY '$MYSQL_PASSWORD';
GRANT ALL PRIVILEGES ON \`$MYSQL_DATABASE\`.* TO '$MYSQL_USER'@'%';
CREATE USER IF NOT EXISTS '$DEBEZIUM_MYSQL_USER'@'%' IDENTIFIED BY '$DEBEZIUM_MYSQL_PASSWORD';
ALTER USER '$DEBEZIUM_MYSQL_USER'@'%' IDENTIFIED BY '$DEBEZIUM_MYSQL_PASSWORD';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '$DEBEZIUM_MYSQL_USER'@'%';
CREATE USER IF NOT EXISTS '$MYSQL_ADMIN_USER'@'127.0.0.1' IDENTIFIED BY '$MYSQL_ADMIN_PASSWORD';
ALTER USER '$MYSQL_ADMIN_USER'@'127.0.0.1' IDENTIFIED BY '$MYSQL_ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$MYSQL_ADMIN_USER'@'127.0.0.1' WITH GRANT OPTION;
ALTER USER '$MYSQL_ADMIN_USER'@'localhost' IDENTIFIED BY '$MYSQL_ADMIN_PASSWORD';
FLUSH PRIVILEGES;
SQL
}

# ---------------------------------------------------------------- ClickHouse
clickhouse_conf() {
  mkdir -p "$CONF/clickhouse" "$DATA/clickhouse"
  cat > "$CONF/clickhouse/config.xml" <<XML
<yandex>
  <logger>
    <level>information</level>
    <log>$PIPELINE_RUN_DIR/logs/clickhouse-server.log</log>
    <errorlog>$PIPELINE_RUN_DIR/logs/clickhouse-server.err.log</errorlog>
    <size>100M</size>
    <count>3</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$CLICKHOUSE_HTTP_PORT</http_port>
  <tcp_port>$CLICKHOUSE_TCP_PORT</tcp_port>
  <interserver_http_port>$CLICKHOUSE_INTERSERVER_PORT</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$DATA/clickhouse/</path>
  <tmp_path>$DATA/clickhouse/tmp/</tmp_path>
  <user_files_path>$DATA/clickhouse/user_files/</user_files_path>
  <format_schema_path>$DATA/clickhouse/format_schemas/</format_schema_path>
  <users_config>$CONF/clickhouse/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
</yandex>
XML
  cat > "$CONF/clickhouse/users.xml" <<XML
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>
    <$CLICKHOUSE_USER>
      <password>$CLICKHOUSE_PASSWORD</password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </$CLICKHOUSE_USER>
  </users>
  <quotas><default></default></quotas>
</yandex>
XML
  chmod 600 "$CONF/clickhouse/users.xml"
}

clickhouse_ready() { curl -fsS "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/ping" | grep -q Ok; }

clickhouse_up() {
  require_port ClickHouse "$CLICKHOUSE_HTTP_PORT" CLICKHOUSE_HTTP_PORT
  require_port ClickHouse "$CLICKHOUSE_TCP_PORT" CLICKHOUSE_TCP_PORT
  require_port ClickHouse "$CLICKHOUSE_INTERSERVER_PORT" CLICKHOUSE_INTERSERVER_PORT
  clickhouse_conf
  start_bg clickhouse clickhouse-server --config-file="$CONF/clickhouse/config.xml"
  wait_for clickhouse "$STACK_TIMEOUT" clickhouse_ready
}

# ---------------------------------------------------------------- Kafka (KRaft, broker + controller)
log4j2_conf() {
  cat > "$CONF/log4j2-$1.properties" <<PROPS
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.reflections.name = org.reflections
logger.reflections.level = ERROR
PROPS
}

kafka_conf() {
  cat > "$CONF/kafka.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA/kafka
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Topics are created on purpose (Connect, the services), never as a side effect of a typo.
auto.create.topics.enable=false
log.retention.hours=168
PROPS
  log4j2_conf kafka
}

kafka_java() { java "$@"; }

kafka_up() {
  require_port Kafka "$KAFKA_PORT" KAFKA_PORT
  require_port Kafka "$KAFKA_CONTROLLER_PORT" KAFKA_CONTROLLER_PORT
  kafka_conf
  if [ ! -f "$DATA/kafka/meta.properties" ]; then
    local id
    id=$(java -cp "$PIPELINE_DIST/kafka/*" kafka.tools.StorageTool random-uuid 2> /dev/null | tail -1)
    info "Kafka: formatting storage in $DATA/kafka (cluster $id)"
    mkdir -p "$DATA/kafka" "$PIPELINE_RUN_DIR/logs"
    java -Dlog4j2.configurationFile="$CONF/log4j2-kafka.properties" -cp "$PIPELINE_DIST/kafka/*" kafka.tools.StorageTool \
      format --standalone --cluster-id "$id" -c "$CONF/kafka.properties" >> "$(log_file kafka)" 2>&1 ||
      die "Kafka: formatting storage failed; its log: $(log_file kafka)"
  fi
  : >> "$(log_file kafka)"
  local mark
  mark=$(wc -l < "$(log_file kafka)")
  start_bg kafka java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$CONF/log4j2-kafka.properties" \
    -cp "$PIPELINE_DIST/kafka/*" kafka.Kafka "$CONF/kafka.properties"
  wait_for kafka "$STACK_TIMEOUT" bash -c "tail -n +$((mark + 1)) '$(log_file kafka)' | grep -qF 'Kafka Server started'"
}

# ---------------------------------------------------------------- Kafka Connect with Debezium
connect_conf() {
  cat > "$CONF/connect.properties" <<PROPS
bootstrap.servers=127.0.0.1:$KAFKA_PORT
group.id=streaming-etl-connect
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
config.storage.topic=$TOPIC_PREFIX.connect-configs
offset.storage.topic=$TOPIC_PREFIX.connect-offsets
status.storage.topic=$TOPIC_PREFIX.connect-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
offset.flush.interval.ms=1000
listeners=http://127.0.0.1:$CONNECT_PORT
rest.advertised.host.name=127.0.0.1
rest.advertised.port=$CONNECT_PORT
plugin.path=$PIPELINE_DIST/connect-plugins
plugin.discovery=service_load
PROPS
  log4j2_conf connect
}

connect_ready() {
  tail -n "+$CONNECT_LOG_MARK" "$(log_file connect)" | grep -qF 'Kafka Connect started' &&
    curl -fsS "http://127.0.0.1:$CONNECT_PORT/connector-plugins" | grep -q 'io.debezium.connector.mysql.MySqlConnector'
}

connect_up() {
  require_port "Kafka Connect" "$CONNECT_PORT" CONNECT_PORT
  connect_conf
  : >> "$(log_file connect)"
  CONNECT_LOG_MARK=$(($(wc -l < "$(log_file connect)") + 1))
  start_bg connect java -Xms256m -Xmx768m -Dlog4j2.configurationFile="$CONF/log4j2-connect.properties" \
    -cp "$PIPELINE_DIST/kafka/*" org.apache.kafka.connect.cli.ConnectDistributed "$CONF/connect.properties"
  wait_for connect "$STACK_TIMEOUT" connect_ready
}

# ---------------------------------------------------------------- commands
STARTED=()
undo_started() {
  local i
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
    stop_process "${STARTED[$i]}" 30 || true
  done
}

up() {
  [ -f "$PIPELINE_DIST/.complete" ] || die "Kafka and Debezium are not installed in $PIPELINE_DIST: run platform/install.sh first"
  mkdir -p "$CONF" "$DATA" "$PIPELINE_RUN_DIR/pids" "$PIPELINE_RUN_DIR/logs"
  trap 'undo_started' EXIT
  local c start
  for c in "${COMPONENTS[@]}"; do
    if running "$c"; then
      info "$c: already running (pid $(cat "$(pid_file "$c")"))"
      continue
    fi
    start=$SECONDS
    info "$c: starting"
    "${c}_up"
    STARTED+=("$c")
    info "$c: ready in $((SECONDS - start))s (log: $(log_file "$c"))"
  done
  trap - EXIT
  write_endpoints
  if [ ${#STARTED[@]} -eq 0 ]; then
    info "Stack already running; nothing changed"
  fi
  info "Endpoints written to $PIPELINE_RUN_DIR/endpoints.env"
}

down() {
  local i
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    stop_process "${COMPONENTS[$i]}" 60
  done
  if [ "${1:-}" = "--wipe" ]; then
    rm -rf "$DATA" "$PIPELINE_RUN_DIR/logs" "$CONF" "$PIPELINE_RUN_DIR/endpoints.env"
    info "Data of $PIPELINE_RUN_DIR wiped"
  fi
}

status() {
  local c
  for c in "${COMPONENTS[@]}"; do
    if running "$c"; then echo "$c: running (pid $(cat "$(pid_file "$c")"))"; else echo "$c: stopped"; fi
  done
}

# stop_one COMPONENT: stops one component (for failure tests and maintenance); `up` starts it again.
stop_one() {
  case " ${COMPONENTS[*]} " in *" $1 "*) ;; *) die "unknown component '$1' (one of: ${COMPONENTS[*]})" ;; esac
  stop_process "$1" 60
}

case "${1:-}" in
  up) up ;;
  down) down "${2:-}" ;;
  stop) stop_one "${2:?component}" ;;
  status) status ;;
  *) echo "usage: $0 up | down [--wipe] | stop <component> | status" >&2; exit 2 ;;
esac
