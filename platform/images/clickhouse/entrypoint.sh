#!/bin/bash
# Entrypoint of the clickhouse/clickhouse-server stand-in: Debian's clickhouse-server 18.16, configured the way the
# official image is from its environment:
#   CLICKHOUSE_USER (default 'default') with CLICKHOUSE_PASSWORD (default none), allowed from any address;
#   CLICKHOUSE_DB: a database created on start. Data in /var/lib/clickhouse, logs on the console, UTC, listening on
#   every address of the container (8123 HTTP, 9000 native).
# CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT (SQL users and grants) does not exist in 18.16 and is ignored (logged).
set -euo pipefail
[ $# -eq 0 ] || exec "$@"
CONF=/etc/clickhouse-server/container
mkdir -p "$CONF"
xml() { local s=${1//&/&amp;}; s=${s//</&lt;}; printf '%s' "${s//>/&gt;}"; }
user=${CLICKHOUSE_USER:-default}
[[ $user =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "CLICKHOUSE_USER '$user' is not a plain name" >&2; exit 1; }
[ -z "${CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT:-}" ] ||
  echo "stand-in: CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT ignored (ClickHouse 18.16 has no SQL access management)"
cat > "$CONF/config.xml" << XML
<?xml version="1.0"?>
<!-- Written by the stand-in's entrypoint (platform/images/clickhouse/entrypoint.sh). -->
<yandex>
    <logger><level>information</level><console>1</console></logger>
    <listen_host>0.0.0.0</listen_host>
    <http_port>8123</http_port>
    <tcp_port>9000</tcp_port>
    <interserver_http_port>9009</interserver_http_port>
    <path>/var/lib/clickhouse/</path>
    <tmp_path>/var/lib/clickhouse/tmp/</tmp_path>
    <user_files_path>/var/lib/clickhouse/user_files/</user_files_path>
    <format_schema_path>/var/lib/clickhouse/format_schemas/</format_schema_path>
    <users_config>$CONF/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <max_connections>1024</max_connections>
    <keep_alive_timeout>3</keep_alive_timeout>
    <max_concurrent_queries>100</max_concurrent_queries>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <mark_cache_size>268435456</mark_cache_size>
    <max_table_size_to_drop>0</max_table_size_to_drop>
</yandex>
XML
cat > "$CONF/users.xml" << XML
<?xml version="1.0"?>
<yandex>
    <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
    <users>
        <$user>
            <password>$(xml "${CLICKHOUSE_PASSWORD:-}")</password>
            <networks><ip>::/0</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </$user>
    </users>
    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows>
        <read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
chown -R clickhouse:clickhouse "$CONF" /var/lib/clickhouse
chmod 600 "$CONF/users.xml"
if [ -n "${CLICKHOUSE_DB:-}" ]; then
  (
    for i in $(seq 100); do
      if curl -fs http://127.0.0.1:8123/ping > /dev/null 2>&1; then
        curl -fsS -u "$user:${CLICKHOUSE_PASSWORD:-}" http://127.0.0.1:8123/ --data-binary "CREATE DATABASE IF NOT EXISTS \`$CLICKHOUSE_DB\`" && exit 0
      fi
      sleep 0.3
    done
  ) &
fi
exec runuser -u clickhouse -- clickhouse-server --config-file="$CONF/config.xml"
