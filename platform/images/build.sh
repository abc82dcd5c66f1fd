#!/usr/bin/env bash
# Container images for docker-compose.yaml where they cannot be pulled (the project's machines, air-gapped sites),
# built without Docker and without a human, into a local registry:
#   - a local registry: Debian's docker-registry on $LOCAL_REGISTRY (127.0.0.1:5000), own config, no auth, its
#     storage in the cache below (kept across clones and runs);
#   - base images from Debian packages: debian (debootstrap --variant=minbase), jre (+ openjdk-17-jre-headless, curl,
#     user 185 "jboss" like the default Quarkus base), made with buildah (from scratch + add + commit);
#   - the three services, built by Quarkus Jib on top of the jre image;
#   - stand-ins for the infrastructure images (mysql, kafka, connect, schema-registry, clickhouse), from the same Debian
#     packages and Maven Central jars as the local mode; each honours the environment docker-compose.yaml gives the
#     official one. The schema registry needs Java 21+, which Debian bookworm does not package: its runtime is made
#     with jlink from a JDK 21+ of this machine (REGISTRY_JDK, else the newest under /usr/lib/jvm: Temurin 25 here).
# Images whose tag is already in the registry are not built again: a tag carries the versions and a hash of the
# image's recipe folder (platform/images/<name>/), so a changed recipe makes a new tag.
#
# Usage: platform/images/build.sh tools | registry | base | standins | services | all | env
#   tools     installs podman, podman-compose, runc, netavark, aardvark-dns, iptables, buildah, debootstrap, docker-registry, skopeo (Debian) and
#             configures them (runtime runc and ulimits in containers.conf, the local registry marked insecure)
#   registry  starts the local registry when it does not answer
#   base      the debian and jre images (skipped when in the registry)
#   standins  mysql, kafka, connect, schema-registry, clickhouse (skipped when in the registry)
#   services  the three services with Jib (rebuilt when a jar is newer than its last push, or IMAGES_REBUILD=1)
#   all       all of the above, in that order
#   env       prints the image variables docker-compose.yaml reads (MYSQL_IMAGE=..., one per line)
# Logs: $PIPELINE_RUN_DIR/logs/images.log. Cache: $IMAGES_CACHE.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../lib.sh"

IMAGES_CACHE="${IMAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/streaming-etl}"
LOCAL_REGISTRY="${LOCAL_REGISTRY:-127.0.0.1:5000}"
DEBIAN_SUITE=bookworm
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
IMAGES_LOG="$PIPELINE_RUN_DIR/logs/images.log"
SERVICE_IMAGE_TAG=0.1.0-SNAPSHOT
SERVICES=(cdc-registrar enricher-gateway clickhouse-sink)
STANDINS=(mysql kafka connect schema-registry clickhouse)
# The user the Java images run as: uid 185 is the user of Quarkus' default base image (ubi9 openjdk runtime).
APP_UID=185

mkdir -p "$PIPELINE_RUN_DIR/logs" "$IMAGES_CACHE"

# logged CMD...: runs CMD with its output in the images log; on failure shows the tail and dies.
logged() {
  printf '\n$ %s\n' "$*" >> "$IMAGES_LOG"
  "$@" >> "$IMAGES_LOG" 2>&1 && return 0
  tail -n 25 "$IMAGES_LOG" >&2
  die "failed: $* (log: $IMAGES_LOG)"
}

# Bump when a recipe in this script changes (the recipe folders are hashed into their tags anyway).
RECIPE_VERSION=1

# recipe_tag PREFIX FOLDER...: PREFIX-<hash of platform/images/FOLDER/...>, the tag of an image built from them
# (connect: also ../connect, the source of our converter that install.sh compiles into its plugin folder).
recipe_tag() {
  local prefix=$1 sum
  shift
  sum=$(cd "$here" && find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-8)
  echo "$prefix-$RECIPE_VERSION-$sum"
}

# image_ref NAME: the full reference of image NAME in the local registry.
image_ref() {
  case "$1" in
    debian) echo "$LOCAL_REGISTRY/streaming-etl/debian:$DEBIAN_SUITE-minbase-$RECIPE_VERSION" ;;
    jre) echo "$LOCAL_REGISTRY/streaming-etl/jre:17-$DEBIAN_SUITE-$RECIPE_VERSION" ;;
    mysql) echo "$LOCAL_REGISTRY/streaming-etl/mysql:$(recipe_tag mariadb-10.11 mysql)" ;;
    kafka) echo "$LOCAL_REGISTRY/streaming-etl/kafka:$(recipe_tag "$KAFKA_VERSION" kafka)" ;;
    connect) echo "$LOCAL_REGISTRY/streaming-etl/connect:$(recipe_tag "$KAFKA_VERSION-$DEBEZIUM_VERSION-apicurio-$APICURIO_CONVERTER_VERSION" kafka connect ../connect)" ;;
    schema-registry) echo "$LOCAL_REGISTRY/streaming-etl/apicurio-registry:$(recipe_tag "$APICURIO_REGISTRY_VERSION" schema-registry)" ;;
    clickhouse) echo "$LOCAL_REGISTRY/streaming-etl/clickhouse:$(recipe_tag 18.16 clickhouse)" ;;
    cdc-registrar | enricher-gateway | clickhouse-sink) echo "$LOCAL_REGISTRY/streaming-etl/$1:$SERVICE_IMAGE_TAG" ;;
  esac
}

# in_registry REF: the registry has a manifest for REF (host:port/name:tag).
in_registry() {
  local ref=$1 path name tag
  path=${ref#*/} name=${path%:*} tag=${path##*:}
  curl -fsS -o /dev/null --max-time 5 \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
    "http://$LOCAL_REGISTRY/v2/$name/manifests/$tag" 2> /dev/null
}

# ---------------------------------------------------------------- tools
pkg_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2> /dev/null)" = "install ok installed" ]; }

install_tools() {
  # iptables: netavark sets up the containers' network with it, and Debian only recommends it (installed here
  # without recommends): without it every container fails to start with "netavark: No such file or directory".
  local pkgs=(podman podman-compose runc netavark aardvark-dns iptables buildah debootstrap docker-registry skopeo) missing=() p
  for p in "${pkgs[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install ${missing[*]}"
    info "Installing ${missing[*]} (log: $IMAGES_LOG)"
    logged apt-get -o DPkg::Lock::Timeout=300 update -q
    # Debian's docker-registry package starts nothing without systemd; its packaged config (htpasswd) is unused here.
    DEBIAN_FRONTEND=noninteractive logged apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"
  fi
  configure_tools
}

# configure_tools: podman 4.3 needs runc here (crun fails on this host's cgroups) and ulimits within the host's hard
# limits (nofile 20000 here: podman's default of 1048576 cannot be set, not even by root); netavark with
# aardvark-dns so that containers find each other by service name (CNI without the dnsname plugin has no DNS); the
# local registry speaks plain HTTP. Written as drop-ins, so the packaged files stay untouched.
configure_tools() {
  mkdir -p /etc/containers/containers.conf.d /etc/containers/registries.conf.d
  local conf=/etc/containers/containers.conf.d/50-streaming-etl.conf reg=/etc/containers/registries.conf.d/50-streaming-etl.conf
  local want_conf want_reg
  want_conf=$(printf '%s\n' '# platform/images/build.sh: containers of the streaming ETL pipeline' '[containers]' \
    'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]' '[engine]' 'runtime = "runc"' '[network]' 'network_backend = "netavark"')
  want_reg=$(printf '%s\n' '# platform/images/build.sh: the local registry of the streaming ETL pipeline (plain HTTP)' \
    '[[registry]]' "location = \"$LOCAL_REGISTRY\"" 'insecure = true')
  [ "$(cat "$conf" 2> /dev/null)" = "$want_conf" ] || printf '%s\n' "$want_conf" > "$conf"
  [ "$(cat "$reg" 2> /dev/null)" = "$want_reg" ] || printf '%s\n' "$want_reg" > "$reg"
}

# ---------------------------------------------------------------- the local registry
REGISTRY_DIR="$IMAGES_CACHE/registry"

registry_answers() { curl -fsS -o /dev/null --max-time 3 "http://$LOCAL_REGISTRY/v2/" 2> /dev/null; }

registry_up() {
  registry_answers && return 0
  command -v docker-registry > /dev/null || die "docker-registry is not installed: platform/images/build.sh tools"
  mkdir -p "$REGISTRY_DIR/data"
  cat > "$REGISTRY_DIR/config.yml" << YAML
# Written by platform/images/build.sh: the pipeline's local registry, no auth, on $LOCAL_REGISTRY only.
version: 0.1
log: {level: warn, fields: {service: registry}}
storage:
  filesystem: {rootdirectory: $REGISTRY_DIR/data}
  delete: {enabled: true}
http:
  addr: $LOCAL_REGISTRY
YAML
  info "Starting the local registry on $LOCAL_REGISTRY (storage $REGISTRY_DIR/data, log $REGISTRY_DIR/registry.log)"
  # Its own session: it outlives this script and is shared by every clone (the images are a cache).
  # fds 8 and 9 (the run dir lock of a calling script, the build lock) closed: the registry must not hold them.
  setsid docker-registry serve "$REGISTRY_DIR/config.yml" >> "$REGISTRY_DIR/registry.log" 2>&1 < /dev/null 8>&- 9>&- &
  echo $! > "$REGISTRY_DIR/registry.pid"
  local i
  for ((i = 0; i < 50; i++)); do
    registry_answers && return 0
    sleep 0.2
  done
  tail -n 20 "$REGISTRY_DIR/registry.log" >&2
  die "the local registry did not answer on $LOCAL_REGISTRY (log: $REGISTRY_DIR/registry.log)"
}

# ---------------------------------------------------------------- buildah helpers
CTR=""
cleanup_ctr() { [ -z "$CTR" ] || buildah rm "$CTR" > /dev/null 2>&1 || true; }
trap cleanup_ctr EXIT

# push_ctr REF CONFIG...: commits the working container as REF (after buildah config CONFIG...) and pushes it.
commit_push() {
  local ref=$1
  shift
  [ $# -eq 0 ] || logged buildah config "$@" "$CTR"
  logged buildah commit --rm "$CTR" "$ref"
  CTR=""
  logged buildah push --tls-verify=false "$ref" "docker://$ref"
  info "  pushed $ref ($(image_size "$ref"))"
}

# image_size REF: the compressed size of REF's layers in the registry, in MB.
image_size() {
  skopeo inspect --tls-verify=false --raw "docker://$1" 2> /dev/null |
    python3 -c 'import json,sys; m=json.load(sys.stdin); print("%.0f MB compressed" % (sum(l["size"] for l in m["layers"])/1e6))' 2> /dev/null || echo "size unknown"
}

# run_in CMD: a shell command in the working container (chroot isolation: no container runtime needed; host network
# for apt).
run_in() { logged buildah run --isolation chroot --network host "$CTR" -- sh -c "$1"; }

APT_INSTALL='export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q --no-install-recommends'
APT_CLEAN='apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/debconf/*-old /var/log/apt /var/log/dpkg.log'

# ---------------------------------------------------------------- base images
ROOTFS_TAR="$IMAGES_CACHE/rootfs/debian-$DEBIAN_SUITE-minbase.tar"

# rootfs: debootstrap --variant=minbase, kept as a tarball in the cache (about 50 s to make, 30 MB compressed).
rootfs() {
  [ -f "$ROOTFS_TAR" ] && return 0
  command -v debootstrap > /dev/null || die "debootstrap is not installed: platform/images/build.sh tools"
  local dir="$IMAGES_CACHE/rootfs/debian-$DEBIAN_SUITE.tmp"
  rm -rf "$dir"
  mkdir -p "$dir"
  info "  debootstrap --variant=minbase $DEBIAN_SUITE from $DEBIAN_MIRROR"
  logged debootstrap --variant=minbase "$DEBIAN_SUITE" "$dir" "$DEBIAN_MIRROR"
  # Like Debian's own images: apt sources with updates and security, no services started by package scripts, no
  # documentation kept.
  cat > "$dir/etc/apt/sources.list" << SRC
deb $DEBIAN_MIRROR $DEBIAN_SUITE main
deb $DEBIAN_MIRROR $DEBIAN_SUITE-updates main
deb http://deb.debian.org/debian-security $DEBIAN_SUITE-security main
SRC
  printf '#!/bin/sh\nexit 101\n' > "$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' 'path-exclude /usr/share/man/*' \
    'path-exclude /usr/share/locale/*' 'path-exclude /usr/share/info/*' > "$dir/etc/dpkg/dpkg.cfg.d/01-nodoc"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > "$dir/etc/apt/apt.conf.d/01-norecommends"
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/*
  mkdir -p "$dir/usr/share/man/man1"
  mkdir -p "$(dirname "$ROOTFS_TAR")"
  tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -C "$dir" -cf "$ROOTFS_TAR.tmp" .
  mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  rm -rf "$dir"
}

build_debian() {
  local ref
  ref=$(image_ref debian)
  if in_registry "$ref"; then info "  $ref: in the registry"; return 0; fi
  rootfs
  CTR=$(buildah from scratch)
  logged buildah add "$CTR" "$ROOTFS_TAR" /
  commit_push "$ref" --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env LANG=C.UTF-8 \
    --cmd /bin/bash --label org.opencontainers.image.description="Debian $DEBIAN_SUITE minbase (debootstrap), platform/images/build.sh"
}

build_jre() {
  local ref
  ref=$(image_ref jre)
  if in_registry "$ref"; then info "  $ref: in the registry"; return 0; fi
  CTR=$(buildah from -q --tls-verify=false "$(image_ref debian)")
  # ca-certificates-java's postinst needs the JRE's /proc: chroot isolation provides it.
  # update-alternatives needs /usr/share/man/man1 (the base image has no manual pages).
  run_in "mkdir -p /usr/share/man/man1 && $APT_INSTALL openjdk-17-jre-headless curl ca-certificates && $APT_CLEAN"
  run_in "groupadd -g $APP_UID jboss && useradd -u $APP_UID -g $APP_UID -m -d /home/jboss -s /usr/sbin/nologin jboss && \
    mkdir -p /data /deployments && chown $APP_UID:$APP_UID /data /deployments"
  commit_push "$ref" --env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 \
    --label org.opencontainers.image.description="Debian $DEBIAN_SUITE + OpenJDK 17 JRE + curl, user $APP_UID (jboss); platform/images/build.sh"
}

# ---------------------------------------------------------------- stand-ins of the infrastructure images
build_mysql() {
  local ref
  ref=$(image_ref mysql)
  if in_registry "$ref"; then info "  $ref: in the registry"; return 0; fi
  CTR=$(buildah from -q --tls-verify=false "$(image_ref debian)")
  run_in "$APT_INSTALL mariadb-server mariadb-client && $APT_CLEAN && rm -rf /var/lib/mysql/* && \
    mkdir -p /docker-entrypoint-initdb.d /run/mysqld && chown mysql:mysql /run/mysqld /var/lib/mysql"
  logged buildah copy --chmod 644 "$CTR" "$here/mysql/99-container.cnf" /etc/mysql/mariadb.conf.d/99-container.cnf
  logged buildah copy --chmod 755 "$CTR" "$here/mysql/docker-entrypoint.sh" /usr/local/bin/docker-entrypoint.sh
  commit_push "$ref" --entrypoint '["/usr/local/bin/docker-entrypoint.sh"]' --cmd mariadbd --port 3306 \
    --volume /var/lib/mysql \
    --label org.opencontainers.image.description="Stand-in for mysql: MariaDB 10.11 (Debian) with the official image's entrypoint conventions"
}

build_kafka() {
  local ref
  ref=$(image_ref kafka)
  if in_registry "$ref"; then info "  $ref: in the registry"; return 0; fi
  [ -f "$PIPELINE_DIST/.complete" ] || die "no Kafka jars in $PIPELINE_DIST: run platform/install.sh first"
  CTR=$(buildah from -q --tls-verify=false "$(image_ref jre)")
  logged buildah copy "$CTR" "$PIPELINE_DIST/kafka" /opt/kafka/libs
  logged buildah copy --chmod 755 "$CTR" "$here/kafka/bin" /opt/kafka/bin
  logged buildah copy --chmod 644 "$CTR" "$here/kafka/log4j2.properties" "$here/kafka/tools-log4j2.properties" /opt/kafka/config/
  run_in "mkdir -p /var/lib/kafka/data /opt/kafka/config && chown -R $APP_UID:$APP_UID /var/lib/kafka /opt/kafka/config"
  commit_push "$ref" --user "$APP_UID" --entrypoint '["/opt/kafka/bin/entrypoint.sh"]' --cmd '' --port 9092 \
    --volume /var/lib/kafka/data \
    --label org.opencontainers.image.description="Stand-in for apache/kafka:$KAFKA_VERSION: Kafka from Maven Central, KAFKA_* environment"
}

build_connect() {
  local ref
  ref=$(image_ref connect)
  if in_registry "$ref"; then info "  $ref: in the registry"; return 0; fi
  [ -f "$PIPELINE_DIST/.complete-avro" ] || die "no Apicurio converter in $PIPELINE_DIST: run platform/install.sh avro first"
  CTR=$(buildah from -q --tls-verify=false "$(image_ref kafka)")
  logged buildah copy "$CTR" "$PIPELINE_DIST/connect-plugins/debezium-connector-mysql" /kafka/connect/debezium-connector-mysql
  logged buildah copy "$CTR" "$PIPELINE_DIST/connect-plugins/debezium-connector-mariadb" /kafka/connect/debezium-connector-mariadb
  # Apicurio's Avro converter (with our ServiceLoader jar), where debezium/connect keeps it: a plugin only with
  # ENABLE_APICURIO_CONVERTERS=true (the entrypoint adds the folder to plugin.path).
  logged buildah copy "$CTR" "$PIPELINE_DIST/connect-plugins/apicurio-converter" /kafka/external_libs/apicurio
  logged buildah copy --chmod 755 "$CTR" "$here/connect/docker-entrypoint.sh" /docker-entrypoint.sh
  # No data volume (the kafka image's would become an anonymous volume that Compose's down -v leaves behind).
  commit_push "$ref" --user "$APP_UID" --entrypoint '["/docker-entrypoint.sh"]' --cmd start --port 8083 \
    --volume /var/lib/kafka/data- \
    --label org.opencontainers.image.description="Stand-in for debezium/connect:$DEBEZIUM_VERSION: Kafka Connect $KAFKA_VERSION + Debezium + Apicurio's converter from Maven Central"
}

# registry_jdk: a JDK of version 21 or later with jlink (REGISTRY_JDK, else the newest under /usr/lib/jvm).
registry_jdk() {
  local home major
  for home in ${REGISTRY_JDK:+"$REGISTRY_JDK"} $(ls -d /usr/lib/jvm/*/ 2> /dev/null | sort -rV); do
    home=${home%/}
    [ -x "$home/bin/jlink" ] || continue
    major=$("$home/bin/java" -version 2>&1 | sed -nE '1s/.*version "(1\.)?([0-9]+).*/\2/p')
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

# The modules of the registry's runtime (Apicurio Registry 3.3.3 is a Quarkus app: Java SE plus these).
REGISTRY_JAVA_MODULES=java.se,jdk.unsupported,jdk.management,jdk.zipfs,jdk.naming.dns,jdk.crypto.cryptoki,jdk.net,jdk.jfr,jdk.localedata

build_schema_registry() {
  local ref jdk runtime
  ref=$(image_ref schema-registry)
  if in_registry "$ref"; then info "  $ref: in the registry"; return 0; fi
  [ -f "$PIPELINE_DIST/apicurio-registry/quarkus-run.jar" ] ||
    die "no Apicurio Registry in $PIPELINE_DIST: run platform/install.sh avro first"
  jdk=$(registry_jdk) || die "the schema registry's image needs a JDK 21 or later with jlink on this machine (Debian bookworm packages only 17): none under /usr/lib/jvm; set REGISTRY_JDK to one"
  runtime="$IMAGES_CACHE/jre-registry.tmp"
  rm -rf "$runtime"
  info "  Java runtime for the registry: jlink from $jdk"
  logged "$jdk/bin/jlink" --add-modules "$REGISTRY_JAVA_MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress zip-6 --output "$runtime"
  CTR=$(buildah from -q --tls-verify=false "$(image_ref jre)")
  logged buildah copy "$CTR" "$runtime" /opt/java
  logged buildah copy "$CTR" "$PIPELINE_DIST/apicurio-registry" /deployments
  logged buildah copy --chmod 755 "$CTR" "$here/schema-registry/entrypoint.sh" /usr/local/bin/entrypoint.sh
  rm -rf "$runtime"
  commit_push "$ref" --user "$APP_UID" --entrypoint '["/usr/local/bin/entrypoint.sh"]' --cmd '' --port 8080 \
    --env JAVA_HOME=/opt/java --workingdir /deployments \
    --label org.opencontainers.image.description="Stand-in for apicurio/apicurio-registry:$APICURIO_REGISTRY_VERSION: the app from Maven Central on a jlinked Java $("$jdk/bin/java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p') runtime"
}

build_clickhouse() {
  local ref
  ref=$(image_ref clickhouse)
  if in_registry "$ref"; then info "  $ref: in the registry"; return 0; fi
  CTR=$(buildah from -q --tls-verify=false "$(image_ref debian)")
  run_in "$APT_INSTALL clickhouse-server clickhouse-client wget curl && $APT_CLEAN && \
    mkdir -p /var/lib/clickhouse && chown clickhouse:clickhouse /var/lib/clickhouse"
  logged buildah copy --chmod 755 "$CTR" "$here/clickhouse/entrypoint.sh" /entrypoint.sh
  commit_push "$ref" --entrypoint '["/entrypoint.sh"]' --cmd '' --port 8123 --port 9000 --volume /var/lib/clickhouse \
    --label org.opencontainers.image.description="Stand-in for clickhouse/clickhouse-server: Debian's clickhouse-server 18.16"
}

# ---------------------------------------------------------------- the services, with Jib
# services_stale: a service jar is newer than the image pushed from it (or never pushed).
services_stale() {
  local s stamp
  for s in "${SERVICES[@]}"; do
    stamp="$PIPELINE_HOME/$s/target/container-image.pushed"
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(image_ref "$s")" ] && in_registry "$(image_ref "$s")" || return 0
    [ -z "$(find "$PIPELINE_HOME/$s/src" "$PIPELINE_HOME/common/src" -newer "$stamp" -type f -print -quit 2> /dev/null)" ] || return 0
  done
  return 1
}

build_services() {
  if [ "${IMAGES_REBUILD:-0}" != 1 ] && ! services_stale; then
    info "  the service images are in the registry and no newer than their sources"
    return 0
  fi
  local mvn=() s t0=$SECONDS base=()
  mapfile -t mvn < <(mvn_cmd)
  # IMAGES_BASE=default: Quarkus' default base image (pullable from this machine); else the project's jre image.
  [ "${IMAGES_BASE:-local}" = default ] || base=(-Dquarkus.jib.base-jvm-image="$(image_ref jre)")
  local on="the default base image of Quarkus"
  [ ${#base[@]} -eq 0 ] || on=$(image_ref jre)
  info "  Jib: ${SERVICES[*]} on $on (log: $IMAGES_LOG)"
  (cd "$PIPELINE_HOME" && logged "${mvn[@]}" -B -q -DskipTests -Dnative-check.skip=true package \
    -pl "$(IFS=,; echo "${SERVICES[*]}")" -am \
    -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
    -Dquarkus.container-image.registry="$LOCAL_REGISTRY" -Dquarkus.container-image.insecure=true \
    "${base[@]}" -Dquarkus.jib.user="$APP_UID")
  for s in "${SERVICES[@]}"; do
    image_ref "$s" > "$PIPELINE_HOME/$s/target/container-image.pushed"
    info "  pushed $(image_ref "$s") ($(image_size "$(image_ref "$s")"))"
  done
  info "  service images built in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- commands
print_env() {
  echo "MYSQL_IMAGE=$(image_ref mysql)"
  echo "KAFKA_IMAGE=$(image_ref kafka)"
  echo "CONNECT_IMAGE=$(image_ref connect)"
  echo "CLICKHOUSE_IMAGE=$(image_ref clickhouse)"
  echo "SCHEMA_REGISTRY_IMAGE=$(image_ref schema-registry)"
  echo "CDC_REGISTRAR_IMAGE=$(image_ref cdc-registrar)"
  echo "ENRICHER_GATEWAY_IMAGE=$(image_ref enricher-gateway)"
  echo "CLICKHOUSE_SINK_IMAGE=$(image_ref clickhouse-sink)"
}

# One build at a time per machine (the registry and the buildah storage are shared).
lock_images() {
  exec 9> "$IMAGES_CACHE/.build.lock"
  flock -w 1800 9 || die "another platform/images/build.sh holds $IMAGES_CACHE/.build.lock"
}

step() {
  local t0=$SECONDS
  case "$1" in
    tools) install_tools ;;
    registry) registry_up ;;
    base) info "Base images"; build_debian; build_jre ;;
    standins) info "Stand-in images"; build_mysql; build_kafka; build_connect; build_schema_registry; build_clickhouse ;;
    services) info "Service images"; build_services ;;
  esac
  [ $((SECONDS - t0)) -lt 2 ] || info "$1: $((SECONDS - t0))s"
}

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

case "${1:-}" in
  env) print_env ;;
  tools | registry) step "$1" ;;
  base | standins | services) lock_images; registry_up; step "$1" ;;
  all) install_tools; lock_images; registry_up; step base; step standins; step services ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
