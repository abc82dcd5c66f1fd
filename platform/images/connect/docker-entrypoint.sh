#!/bin/bash
# Entrypoint of the debezium/connect stand-in: Kafka Connect (distributed) with the Debezium MySQL and MariaDB
# connectors, all from Maven Central, configured the way debezium/connect's image is:
#   required BOOTSTRAP_SERVERS, GROUP_ID, CONFIG_STORAGE_TOPIC, OFFSET_STORAGE_TOPIC (STATUS_STORAGE_TOPIC too);
#   optional KEY_CONVERTER, VALUE_CONVERTER, OFFSET_FLUSH_INTERVAL_MS, OFFSET_FLUSH_TIMEOUT_MS, SHUTDOWN_TIMEOUT,
#   CONFIG_/OFFSET_/STATUS_STORAGE_REPLICATION_FACTOR, REST_HOST_NAME (0.0.0.0), REST_PORT (8083),
#   ADVERTISED_HOST_NAME (the container's address), ADVERTISED_PORT, HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS (G1, 200 ms);
#   every CONNECT_* variable is a worker property: prefix dropped, lower case, '_' → '.'
#   (CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY → connector.client.config.override.policy).
# Plugins: /kafka/connect/<connector>/ (plugin.path); plugin.discovery=service_load unless CONNECT_PLUGIN_DISCOVERY.
# ENABLE_APICURIO_CONVERTERS=true (as debezium/connect): Apicurio's converters too
# (io.apicurio.registry.utils.converter.AvroConverter, from /kafka/external_libs/apicurio).
# No volume: Connect keeps its state in Kafka topics.
set -euo pipefail
[ "${1:-start}" = start ] || exec "$@"
for v in BOOTSTRAP_SERVERS GROUP_ID CONFIG_STORAGE_TOPIC OFFSET_STORAGE_TOPIC; do
  [ -n "${!v:-}" ] || { echo "The $v variable must be set." >&2; exit 1; }
done
CONF=/opt/kafka/config/connect-distributed.properties
prop() { printf '%s=%s\n' "$1" "$2" >> "$CONF.tmp"; }
: > "$CONF.tmp"
prop bootstrap.servers "$BOOTSTRAP_SERVERS"
prop group.id "$GROUP_ID"
prop config.storage.topic "$CONFIG_STORAGE_TOPIC"
prop offset.storage.topic "$OFFSET_STORAGE_TOPIC"
prop status.storage.topic "${STATUS_STORAGE_TOPIC:-connect-status}"
prop config.storage.replication.factor "${CONFIG_STORAGE_REPLICATION_FACTOR:-1}"
prop offset.storage.replication.factor "${OFFSET_STORAGE_REPLICATION_FACTOR:-1}"
prop status.storage.replication.factor "${STATUS_STORAGE_REPLICATION_FACTOR:-1}"
prop key.converter "${KEY_CONVERTER:-org.apache.kafka.connect.json.JsonConverter}"
prop value.converter "${VALUE_CONVERTER:-org.apache.kafka.connect.json.JsonConverter}"
prop offset.flush.interval.ms "${OFFSET_FLUSH_INTERVAL_MS:-60000}"
prop offset.flush.timeout.ms "${OFFSET_FLUSH_TIMEOUT_MS:-5000}"
prop task.shutdown.graceful.timeout.ms "${SHUTDOWN_TIMEOUT:-10000}"
prop listeners "http://${REST_HOST_NAME:-0.0.0.0}:${REST_PORT:-8083}"
prop rest.advertised.host.name "${ADVERTISED_HOST_NAME:-$(hostname -i | cut -d' ' -f1)}"
prop rest.advertised.port "${ADVERTISED_PORT:-${REST_PORT:-8083}}"
if [ "${ENABLE_APICURIO_CONVERTERS:-false}" = true ]; then
  prop plugin.path /kafka/connect,/kafka/external_libs
else
  prop plugin.path /kafka/connect
fi
prop plugin.discovery service_load
# CONNECT_* last: they win over the defaults above (a later line of a properties file wins).
while IFS='=' read -r name _; do
  p=${name#CONNECT_}
  p=${p,,}
  prop "${p//_/.}" "${!name}"
done < <(env | grep -E '^CONNECT_[A-Z0-9_]+=' | sort)
mv "$CONF.tmp" "$CONF"
echo "===> connect-distributed.properties:"
sed 's/^\(.*password.*=\).*/\1[hidden]/I' "$CONF"
export KAFKA_HEAP_OPTS="${HEAP_OPTS:--Xms256m -Xmx768m}"
# G1 with a 200 ms pause goal, as the local mode's CONNECT_GC_OPTS (platform/env.sh: 20 ms cost a third of Connect's CPU).
export KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=200 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.connect.cli.ConnectDistributed "$CONF"
