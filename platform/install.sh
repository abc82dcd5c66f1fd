#!/usr/bin/env bash
# Installs what the local stack needs, idempotently (a second run changes nothing and takes a second):
#   - Debian packages, only those missing: mariadb-server, clickhouse-server, clickhouse-client, curl (and a
#     Java 17 runtime / Maven when there is none);
#   - Kafka 4.1.1 (broker, tools, Connect), the Debezium 3.4 MySQL and MariaDB connectors, Apicurio's Avro converter
#     for Connect and Apicurio Registry (for PIPELINE_FORMAT=avro) from Maven Central into $PIPELINE_DIST
#     (platform/maven/*/pom.xml), skipped when $PIPELINE_DIST/.complete names these versions.
#   - with 'browser' only: Debian's chromium and chromium-driver, the headless browser StatusPageIT drives (the
#     integration tests' build runs it; the stack itself never needs a browser).
# Usage: platform/install.sh [dist | avro | browser]   (dist: only the Maven Central part; avro: also what
#        PIPELINE_FORMAT=avro needs, which is otherwise installed only when PIPELINE_FORMAT=avro; browser: see above)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
source "$here/lib.sh"

LOG_DIR="$PIPELINE_RUN_DIR/logs"
APT_LOG="$LOG_DIR/install-apt.log"
MAVEN_LOG="$LOG_DIR/install-maven.log"
APT_UPDATED=0

# ---------------------------------------------------------------- Debian packages
pkg_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2> /dev/null)" = "install ok installed" ]; }

apt_update_once() {
  [ $APT_UPDATED -eq 0 ] || return 0
  info "apt-get update"
  apt-get -o DPkg::Lock::Timeout=300 update -q >> "$APT_LOG" 2>&1 || {
    tail -n 20 "$APT_LOG" >&2
    die "apt-get update failed; its log: $APT_LOG"
  }
  APT_UPDATED=1
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "$@" \
    >> "$APT_LOG" 2>&1
}

# install_packages PKG...: installs the missing ones; names each package that cannot be installed.
install_packages() {
  local missing=() failed=() p policy=/usr/sbin/policy-rc.d created=0
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]}. Run this as root, or first: sudo apt-get install ${missing[*]}"
  apt_update_once
  info "Installing Debian packages: ${missing[*]} (log: $APT_LOG)"
  # The stack runs private instances: keep the packages' own services from starting and taking 3306/8123/9000.
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    created=1
  fi
  if ! apt_install "${missing[@]}"; then
    for p in "${missing[@]}"; do pkg_installed "$p" || apt_install "$p" || failed+=("$p"); done
  fi
  [ $created -eq 0 ] || rm -f "$policy"
  if [ ${#failed[@]} -gt 0 ]; then
    tail -n 20 "$APT_LOG" >&2
    die "cannot install the Debian package(s): ${failed[*]}; apt's log: $APT_LOG"
  fi
  info "Installed ${missing[*]}"
}

java_major() { java -version 2>&1 | sed -nE '1s/.*version "(1\.)?([0-9]+).*/\2/p'; }

install_debian_side() {
  if ! command -v dpkg-query > /dev/null 2>&1 || ! command -v apt-get > /dev/null 2>&1; then
    die "this installer needs Debian's apt (Debian 12); elsewhere install MariaDB, ClickHouse, curl and Java 17 yourself"
  fi
  local pkgs=(mariadb-server clickhouse-server clickhouse-client curl)
  # A ClickHouse cluster (CLICKHOUSE_REPLICAS > 1) needs ZooKeeper: ClickHouse 18.16 has no Keeper of its own.
  [ "$CLICKHOUSE_REPLICAS" -eq 1 ] || pkgs+=(zookeeper)
  command -v java > /dev/null 2>&1 || pkgs+=(openjdk-17-jre-headless)
  install_packages "${pkgs[@]}"
  local major
  major=$(java_major)
  [ -n "$major" ] && [ "$major" -ge 17 ] && return 0
  die "Kafka 4.1 needs Java 17 or later; 'java' on PATH is $(java -version 2>&1 | head -n 1)"
}

# ---------------------------------------------------------------- Kafka, Connect and Debezium from Maven Central
DIST_MARKER="$PIPELINE_DIST/.complete"
DIST_WANT="kafka=$KAFKA_VERSION debezium=$DEBEZIUM_VERSION"
AVRO_MARKER="$PIPELINE_DIST/.complete-avro"
AVRO_WANT="apicurio-registry=$APICURIO_REGISTRY_VERSION apicurio-converter=$APICURIO_CONVERTER_VERSION"
MYSQL_PLUGIN="$PIPELINE_DIST/connect-plugins/debezium-connector-mysql"
MARIADB_PLUGIN="$PIPELINE_DIST/connect-plugins/debezium-connector-mariadb"
CONVERTER_PLUGIN="$PIPELINE_DIST/connect-plugins/apicurio-converter"
REGISTRY_HOME="$PIPELINE_DIST/apicurio-registry"

dist_complete() {
  [ -f "$DIST_MARKER" ] && [ "$(cat "$DIST_MARKER")" = "$DIST_WANT" ] &&
    [ -f "$PIPELINE_DIST/kafka/kafka_2.13-$KAFKA_VERSION.jar" ] &&
    [ -f "$PIPELINE_DIST/kafka/connect-runtime-$KAFKA_VERSION.jar" ] &&
    [ -f "$MYSQL_PLUGIN/debezium-connector-mysql-$DEBEZIUM_VERSION.jar" ] &&
    [ -f "$MARIADB_PLUGIN/debezium-connector-mariadb-$DEBEZIUM_VERSION.jar" ]
}

avro_complete() {
  [ -f "$AVRO_MARKER" ] && [ "$(cat "$AVRO_MARKER")" = "$AVRO_WANT" ] &&
    [ -f "$CONVERTER_PLUGIN/apicurio-registry-utils-converter-$APICURIO_CONVERTER_VERSION.jar" ] &&
    [ -f "$CONVERTER_PLUGIN/streaming-etl-converter-services.jar" ] &&
    [ -f "$REGISTRY_HOME/quarkus-run.jar" ]
}

ensure_maven() {
  local mvn
  mvn=$(mvn_cmd | head -n 1)
  if ! command -v "$mvn" > /dev/null 2>&1; then
    [ "$mvn" = mvn ] || die "the Maven command '$mvn' (MVN) cannot be run"
    install_packages maven
  fi
}

# copy_artifacts POM DIR [MAVEN_ARG...]: the runtime dependencies of POM into DIR (replaced only once complete).
copy_artifacts() {
  local pom=$1 dir=$2 mvn=()
  shift 2
  mapfile -t mvn < <(mvn_cmd)
  rm -rf "$dir.tmp"
  info "  $(basename "$(dirname "$pom")") → $dir"
  if ! "${mvn[@]}" -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$dir.tmp" "$@" >> "$MAVEN_LOG" 2>&1; then
    tail -n 30 "$MAVEN_LOG" >&2
    die "cannot fetch the artifacts of $pom from Maven Central; Maven's log: $MAVEN_LOG"
  fi
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
}

# prune_plugin DIR: Connect's own Jackson and SLF4J must win, or its JsonConverter fails to load
# (NoSuchMethodException: JsonConverter.convertToConnect); Kafka's client and Connect API come from the worker.
prune_plugin() {
  rm -f "$1"/jackson-core-*.jar "$1"/jackson-databind-*.jar "$1"/jackson-annotations-*.jar "$1"/slf4j-api-*.jar \
    "$1"/kafka-clients-*.jar "$1"/connect-api-*.jar
}

# prune_converter DIR: besides prune_plugin, what Connect's worker already has (its JSON converter, the compression
# codecs): one copy of each, the worker's.
prune_converter() {
  prune_plugin "$1"
  rm -f "$1"/connect-json-*.jar "$1"/zstd-jni-*.jar "$1"/lz4-java-*.jar "$1"/snappy-java-*.jar
}

# converter_services_jar DIR: Apicurio's converter jar has no ServiceLoader manifest, and Connect's
# plugin.discovery=service_load finds only what one names: a jar of our own that names the converter. It also holds
# the pipeline's CachingAvroConverter (platform/connect/src, compiled here against the plugin's and Kafka's jars):
# Apicurio's converter without its per-record schema lookup (docs/benchmarks.md), the connector's default converter.
CONVERTER_SRC="$here/connect/src/org/streamingetl/connect/CachingAvroConverter.java"
CONVERTER_JAR_NAME=streaming-etl-converter-services.jar
converter_services_jar() {
  local dir=$1 tmp cp
  command -v javac > /dev/null 2>&1 && command -v jar > /dev/null 2>&1 ||
    die "building $dir/$CONVERTER_JAR_NAME needs 'javac' and 'jar' from a JDK 17+ (apt-get install openjdk-17-jdk-headless)"
  tmp=$(mktemp -d)
  mkdir -p "$tmp/META-INF/services" "$tmp/classes"
  printf '%s\n' io.apicurio.registry.utils.converter.AvroConverter org.streamingetl.connect.CachingAvroConverter \
    > "$tmp/META-INF/services/org.apache.kafka.connect.storage.Converter"
  cp=$(find "$dir" "$PIPELINE_DIST/kafka" -name '*.jar' ! -name "$CONVERTER_JAR_NAME" | tr '\n' ':')
  javac -nowarn --release 17 -d "$tmp/classes" -cp "$cp" "$CONVERTER_SRC" >> "$MAVEN_LOG" 2>&1 ||
    die "cannot compile $CONVERTER_SRC (see $MAVEN_LOG)"
  (cd "$tmp" && cp -r classes/. . && rm -rf classes && jar cf "$dir/$CONVERTER_JAR_NAME" META-INF org) ||
    die "cannot write $dir/$CONVERTER_JAR_NAME"
  rm -rf "$tmp"
}

# converter_services_current DIR: the jar exists and is newer than the converter's source (else it is rebuilt).
converter_services_current() { [ -f "$1/$CONVERTER_JAR_NAME" ] && [ "$1/$CONVERTER_JAR_NAME" -nt "$CONVERTER_SRC" ]; }

# install_registry: Apicurio Registry's tar.gz (quarkus-run.jar and its lib/) unpacked into $REGISTRY_HOME.
install_registry() {
  local tmp
  tmp="$PIPELINE_DIST/apicurio-registry.download"
  copy_artifacts "$here/maven/apicurio-registry/pom.xml" "$tmp"
  rm -rf "$REGISTRY_HOME.tmp"
  mkdir -p "$REGISTRY_HOME.tmp"
  tar xzf "$tmp"/apicurio-registry-app-*.tar.gz -C "$REGISTRY_HOME.tmp" || die "cannot unpack Apicurio Registry from $tmp"
  rm -rf "$REGISTRY_HOME" "$tmp"
  mv "$REGISTRY_HOME.tmp" "$REGISTRY_HOME"
}

# install_avro: what PIPELINE_FORMAT=avro adds (about 200 MB): Apicurio's Avro converter as a Connect plugin and
# Apicurio Registry. Installed only for avro (or 'install.sh avro'), with its own marker.
install_avro() {
  if avro_complete; then
    converter_services_current "$CONVERTER_PLUGIN" || converter_services_jar "$CONVERTER_PLUGIN"
    info "Apicurio Registry $APICURIO_REGISTRY_VERSION and its converter already in $PIPELINE_DIST"
    return 0
  fi
  ensure_maven
  local start=$SECONDS
  info "Fetching Apicurio Registry $APICURIO_REGISTRY_VERSION and its Connect converter $APICURIO_CONVERTER_VERSION from Maven Central into $PIPELINE_DIST (log: $MAVEN_LOG)"
  rm -f "$AVRO_MARKER"
  copy_artifacts "$here/maven/apicurio-converter/pom.xml" "$CONVERTER_PLUGIN"
  prune_converter "$CONVERTER_PLUGIN"
  converter_services_jar "$CONVERTER_PLUGIN"
  install_registry
  echo "$AVRO_WANT" > "$AVRO_MARKER"
  avro_complete || die "the download of Apicurio Registry and its converter into $PIPELINE_DIST is incomplete (see $MAVEN_LOG)"
  info "Apicurio Registry and its converter are in $PIPELINE_DIST ($((SECONDS - start))s)"
}

install_dist() {
  mkdir -p "$PIPELINE_DIST"
  # One installer at a time per dist folder (the integration tests share it with ./deploy.sh).
  exec 7> "$PIPELINE_DIST/.install.lock"
  flock -w 900 7 || die "another install.sh has held $PIPELINE_DIST/.install.lock for 15 minutes"
  if dist_complete; then
    info "Kafka $KAFKA_VERSION and Debezium $DEBEZIUM_VERSION already in $PIPELINE_DIST"
    return 0
  fi
  ensure_maven
  local start=$SECONDS
  info "Fetching Kafka $KAFKA_VERSION, Kafka Connect and Debezium $DEBEZIUM_VERSION from Maven Central into $PIPELINE_DIST (log: $MAVEN_LOG)"
  rm -f "$DIST_MARKER"
  mkdir -p "$PIPELINE_DIST/connect-plugins"
  copy_artifacts "$here/maven/kafka/pom.xml" "$PIPELINE_DIST/kafka"
  copy_artifacts "$here/maven/debezium-mysql/pom.xml" "$MYSQL_PLUGIN"
  copy_artifacts "$here/maven/debezium-mariadb/pom.xml" "$MARIADB_PLUGIN"
  prune_plugin "$MYSQL_PLUGIN"
  prune_plugin "$MARIADB_PLUGIN"
  echo "$DIST_WANT" > "$DIST_MARKER"
  dist_complete || die "the download into $PIPELINE_DIST is incomplete (see $MAVEN_LOG); the versions in platform/maven/*/pom.xml must be Kafka $KAFKA_VERSION and Debezium $DEBEZIUM_VERSION"
  info "Kafka and Debezium are in $PIPELINE_DIST ($(find "$PIPELINE_DIST" -name '*.jar' | wc -l) jars, $((SECONDS - start))s)"
}

mkdir -p "$LOG_DIR"
if [ "${1:-}" = browser ]; then
  install_packages chromium chromium-driver
  command -v chromium > /dev/null && command -v chromedriver > /dev/null ||
    die "chromium and chromedriver are installed but not on PATH ($PATH)"
  exit 0
fi
# 'install.sh dist': only the jars (the container stand-ins of platform/images/build.sh need them, not MariaDB/ClickHouse).
[ "${1:-}" = dist ] || [ "${1:-}" = avro ] || install_debian_side
install_dist
# The lock of install_dist (fd 7) is still held: one installer at a time.
if [ "$PIPELINE_FORMAT" = avro ] || [ "${1:-}" = avro ]; then install_avro
# A dist installed before the caching converter existed (container images copy the plugin folder as it is).
elif [ -d "$CONVERTER_PLUGIN" ] && ! converter_services_current "$CONVERTER_PLUGIN"; then converter_services_jar "$CONVERTER_PLUGIN"; fi
