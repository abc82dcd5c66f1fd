#!/bin/bash
# Entrypoint of the apache/kafka stand-in: Kafka from Maven Central jars, configured the way apache/kafka's image is.
#   - Every KAFKA_* variable is a server property: prefix dropped, lower case, '_' → '.', '__' → '_', '___' → '-'
#     (KAFKA_LISTENER_SECURITY_PROTOCOL_MAP → listener.security.protocol.map). The JVM variables (KAFKA_HEAP_OPTS,
#     KAFKA_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_*, KAFKA_GC_LOG_OPTS, KAFKA_JMX_OPTS, KAFKA_TOOLS_*) are not.
#   - CLUSTER_ID (default: the one apache/kafka uses, 5L6g3nShT-eMCtK--X86sw) formats log.dirs on first start
#     (default /var/lib/kafka/data); with controller.quorum.voters the quorum is static, else --standalone.
#   - Logs go to stdout.
set -euo pipefail
CONF=/opt/kafka/config/server.properties
: > "$CONF.tmp"
log_dirs_set=0
while IFS='=' read -r name value; do
  case "$name" in
    KAFKA_HEAP_OPTS | KAFKA_OPTS | KAFKA_JVM_PERFORMANCE_OPTS | KAFKA_LOG4J_* | KAFKA_GC_LOG_OPTS | KAFKA_JMX_* | \
      KAFKA_TOOLS_* | KAFKA_VERSION | KAFKA_DEBUG | KAFKA_HOME) continue ;;
    KAFKA_*) ;;
    *) continue ;;
  esac
  prop=${name#KAFKA_}
  prop=${prop,,}
  prop=${prop//___/-}
  prop=${prop//__/@}
  prop=${prop//_/.}
  prop=${prop//@/_}
  [ "$prop" != log.dirs ] || log_dirs_set=1
  printf '%s=%s\n' "$prop" "${!name}" >> "$CONF.tmp"
done < <(env | grep -E '^KAFKA_[A-Z0-9_]+=' | sort)
[ $log_dirs_set -eq 1 ] || echo "log.dirs=/var/lib/kafka/data" >> "$CONF.tmp"
mv "$CONF.tmp" "$CONF"
echo "===> server.properties (from KAFKA_* variables):"
sed 's/^\(.*password.*=\).*/\1[hidden]/I' "$CONF"

log_dirs=$(sed -n 's/^log\.dirs=//p' "$CONF" | head -n 1)
first_dir=${log_dirs%%,*}
if [ ! -f "$first_dir/meta.properties" ]; then
  cluster_id=${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}
  echo "===> formatting $log_dirs (cluster id $cluster_id)"
  if grep -q '^controller\.quorum\.voters=' "$CONF"; then
    /opt/kafka/bin/kafka-storage.sh format --cluster-id "$cluster_id" -c "$CONF" --ignore-formatted
  else
    /opt/kafka/bin/kafka-storage.sh format --standalone --cluster-id "$cluster_id" -c "$CONF" --ignore-formatted
  fi
fi
echo "===> starting Kafka"
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
export KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$CONF"
