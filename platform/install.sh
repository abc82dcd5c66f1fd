#!/usr/bin/env bash
# Installs what the local stack needs, idempotently: MariaDB and ClickHouse from Debian's packages, and Kafka,
# Kafka Connect and Debezium from Maven Central into $PIPELINE_DIST.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
source "$here/lib.sh"

install_packages() {
  local missing=() p
  for p in mariadb-server:mariadbd clickhouse-server:clickhouse-server clickhouse-client:clickhouse-client curl:curl; do
    command -v "${p#*:}" > /dev/null 2>&1 || [ -x "/usr/sbin/${p#*:}" ] || missing+=("${p%%:*}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages ${missing[*]}: run as root, or install them with: sudo apt-get install ${missing[*]}"
  info "Installing Debian packages: ${missing[*]}"
  # The packages' own services are not used (the stack runs private instances): keep apt from starting them.
  local policy=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created=1; fi
  if ! { apt-get update -q > "$PIPELINE_RUN_DIR/apt.log" 2>&1 &&
         DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >> "$PIPELINE_RUN_DIR/apt.log" 2>&1; }; then
    [ $created -eq 1 ] && rm -f "$policy"
    tail -n 20 "$PIPELINE_RUN_DIR/apt.log" >&2
    die "cannot install ${missing[*]}; apt's log: $PIPELINE_RUN_DIR/apt.log"
  fi
  [ $created -eq 1 ] && rm -f "$policy"
  info "Installed ${missing[*]}"
}

# copy_artifacts POM DIR: the runtime dependencies of POM into DIR.
copy_artifacts() {
  local pom=$1 dir=$2
  rm -rf "$dir.tmp"
  if ! "$(mvn_cmd)" -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$dir.tmp" > "$PIPELINE_RUN_DIR/maven-dist.log" 2>&1; then
    tail -n 20 "$PIPELINE_RUN_DIR/maven-dist.log" >&2
    die "cannot fetch the artifacts of $pom from Maven Central; Maven's log: $PIPELINE_RUN_DIR/maven-dist.log"
  fi
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
}

install_dist() {
  local marker="$PIPELINE_DIST/.complete" want="kafka=$KAFKA_VERSION debezium=$DEBEZIUM_VERSION"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ]; then
    return 0
  fi
  info "Fetching Kafka $KAFKA_VERSION, Kafka Connect and Debezium $DEBEZIUM_VERSION from Maven Central into $PIPELINE_DIST"
  mkdir -p "$PIPELINE_DIST/connect-plugins"
  copy_artifacts "$here/maven/kafka/pom.xml" "$PIPELINE_DIST/kafka"
  local flavor dir
  for flavor in mysql mariadb; do
    dir="$PIPELINE_DIST/connect-plugins/debezium-connector-$flavor"
    copy_artifacts "$here/maven/debezium-$flavor/pom.xml" "$dir"
    # Connect's own Jackson and SLF4J must win, or its JsonConverter fails to load
    # (NoSuchMethodException: JsonConverter.convertToConnect).
    rm -f "$dir"/jackson-core-*.jar "$dir"/jackson-databind-*.jar "$dir"/jackson-annotations-*.jar "$dir"/slf4j-api-*.jar
    # Kafka's own client and Connect API jars come from the worker's classpath.
    rm -f "$dir"/kafka-clients-*.jar "$dir"/connect-api-*.jar
  done
  echo "$want" > "$marker"
  info "Kafka and Debezium are in $PIPELINE_DIST"
}

mkdir -p "$PIPELINE_RUN_DIR"
install_packages
install_dist
