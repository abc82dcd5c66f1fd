#!/bin/bash
# Entrypoint of the apicurio/apicurio-registry stand-in: Apicurio Registry (the Quarkus app from Maven Central) on a
# Java runtime of its own (/opt/java, Java 21+), configured like the official image: every APICURIO_* and QUARKUS_*
# variable is a configuration property (Quarkus reads the environment: APICURIO_STORAGE_KIND → apicurio.storage.kind),
# JAVA_OPTS and JAVA_OPTS_APPEND are the JVM's options.
set -euo pipefail
[ $# -eq 0 ] || exec "$@"
# shellcheck disable=SC2086
exec /opt/java/bin/java ${JAVA_OPTS:-} ${JAVA_OPTS_APPEND:-} -XX:+ExitOnOutOfMemoryError \
  -jar /deployments/quarkus-run.jar
