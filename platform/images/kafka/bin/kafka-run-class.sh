#!/bin/bash
# kafka-run-class.sh CLASS ARGS...: runs a class of the Kafka jars (/opt/kafka/libs), like Kafka's own script.
# Tools get a small client JVM (KAFKA_TOOLS_OPTS); the broker sets its options through KAFKA_HEAP_OPTS/KAFKA_OPTS.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_JVM_PERFORMANCE_OPTS:-} ${KAFKA_OPTS:-} \
  -Dlog4j2.configurationFile="${KAFKA_LOG4J_CONFIG:-/opt/kafka/config/log4j2.properties}" \
  -cp "/opt/kafka/libs/*" "$@"
