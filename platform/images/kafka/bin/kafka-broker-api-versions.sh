#!/bin/bash
# kafka-broker-api-versions.sh, as in the Kafka distribution: org.apache.kafka.tools.BrokerApiVersionsCommand
KAFKA_HEAP_OPTS="${KAFKA_TOOLS_HEAP_OPTS:--Xmx128m}" KAFKA_JVM_PERFORMANCE_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" \
  KAFKA_LOG4J_CONFIG=/opt/kafka/config/tools-log4j2.properties exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
