#!/bin/bash
# Entrypoint of the mysql stand-in (MariaDB 10.11 from Debian), following the official mysql image's conventions:
#   - arguments starting with '-' are mysqld options (Compose's `command:`); 'mysqld' is accepted for 'mariadbd';
#   - on an empty data dir: MYSQL_ROOT_PASSWORD (or MYSQL_ALLOW_EMPTY_PASSWORD / MYSQL_RANDOM_ROOT_PASSWORD),
#     root@'%' (MYSQL_ROOT_HOST), MYSQL_DATABASE, MYSQL_USER/MYSQL_PASSWORD (all privileges on MYSQL_DATABASE),
#     then /docker-entrypoint-initdb.d/*.sql, *.sql.gz and *.sh in name order, against MYSQL_DATABASE;
#   - the server runs as the mysql user.
# MySQL-only options MariaDB refuses to start with are dropped, each with a line in the log saying why:
#   --gtid-mode, --enforce-gtid-consistency: MariaDB always writes GTIDs (its own format, domain-server-sequence);
#     there is nothing to switch on, and Debezium's MySqlConnector/MariaDbConnector read them as they are.
#   --mysql-native-password, --default-authentication-plugin, --authentication-policy: MariaDB's own auth plugins.
# and MySQL 8 options MariaDB names differently are translated, with a line in the log:
#   --innodb-redo-log-capacity=N (MySQL 8.0.30+) is MariaDB's --innodb-log-file-size=N (one redo log file).
set -euo pipefail

log() { printf '%s [Entrypoint] %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S')" "$*" >&2; }

if [ "${1:-}" = mysqld ]; then shift; set -- mariadbd "$@"; fi
if [ "${1:0:1}" = - ]; then set -- mariadbd "$@"; fi
if [ "${1:-}" != mariadbd ]; then exec "$@"; fi
shift

args=()
for a in "$@"; do
  case "$a" in
    --gtid-mode=* | --gtid_mode=* | --enforce-gtid-consistency* | --enforce_gtid_consistency*)
      log "stand-in: ignoring '$a' (MySQL option; MariaDB always has GTIDs, in its own format)" ;;
    --mysql-native-password* | --default-authentication-plugin=* | --authentication-policy=*)
      log "stand-in: ignoring '$a' (MySQL authentication option; MariaDB uses its own plugins)" ;;
    --innodb-redo-log-capacity=* | --innodb_redo_log_capacity=*)
      log "stand-in: '$a' is MariaDB's --innodb-log-file-size=${a#*=}"
      args+=("--innodb-log-file-size=${a#*=}") ;;
    *) args+=("$a") ;;
  esac
done

DATADIR=/var/lib/mysql
SOCKET=/run/mysqld/mysqld.sock
mkdir -p /run/mysqld
chown mysql:mysql /run/mysqld "$DATADIR"

sql_string() { local s=${1//\\/\\\\}; printf "'%s'" "${s//\'/\'\'}"; }

if [ ! -d "$DATADIR/mysql" ]; then
  if [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ] && [ -z "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    log "error: database is uninitialized and password option is not specified"
    log "  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD"
    exit 1
  fi
  if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    MYSQL_ROOT_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    log "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
  fi
  log "Initializing database files"
  mariadb-install-db --user=mysql --datadir="$DATADIR" --auth-root-authentication-method=normal --skip-test-db \
    --skip-name-resolve > /dev/null
  log "Starting temporary server"
  # With the server's own options (binlog included), as the official image does: the init scripts are binlogged,
  # so the server starts with a GTID position. (Debezium 3.4's MariaDB connector fails with a NullPointerException on
  # a server whose gtid_binlog_pos is still empty.)
  mariadbd --user=mysql --datadir="$DATADIR" "${args[@]}" --skip-networking --socket="$SOCKET" &
  tmp_pid=$!
  for i in $(seq 60); do
    mariadb --protocol=socket --socket="$SOCKET" -uroot -e 'SELECT 1' > /dev/null 2>&1 && break
    kill -0 "$tmp_pid" 2> /dev/null || { log "error: the temporary server exited"; exit 1; }
    sleep 0.5
  done
  root_pw=$(sql_string "${MYSQL_ROOT_PASSWORD:-}")
  root_host=$(sql_string "${MYSQL_ROOT_HOST:-%}")
  {
    echo "SET @@SESSION.SQL_LOG_BIN=0;"
    echo "DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host NOT IN ('localhost'));"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY $root_pw;"
    if [ "${MYSQL_ROOT_HOST:-%}" != localhost ]; then
      echo "CREATE USER 'root'@$root_host IDENTIFIED BY $root_pw;"
      echo "GRANT ALL ON *.* TO 'root'@$root_host WITH GRANT OPTION;"
    fi
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE//\`/\`\`}\`;"
    fi
    if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
      echo "CREATE USER $(sql_string "$MYSQL_USER")@'%' IDENTIFIED BY $(sql_string "$MYSQL_PASSWORD");"
      [ -z "${MYSQL_DATABASE:-}" ] || echo "GRANT ALL ON \`${MYSQL_DATABASE//\`/\`\`}\`.* TO $(sql_string "$MYSQL_USER")@'%';"
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --protocol=socket --socket="$SOCKET" -uroot
  client=(mariadb --protocol=socket --socket="$SOCKET" -uroot "-p${MYSQL_ROOT_PASSWORD:-}")
  [ -z "${MYSQL_DATABASE:-}" ] || client+=("$MYSQL_DATABASE")
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) log "running $f"; . "$f" ;;
      *.sql) log "running $f"; "${client[@]}" < "$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | "${client[@]}" ;;
      *.sql.xz) log "running $f"; xzcat "$f" | "${client[@]}" ;;
      *) [ ! -e "$f" ] || log "ignoring $f" ;;
    esac
  done
  log "Stopping temporary server"
  mariadb-admin --protocol=socket --socket="$SOCKET" -uroot "-p${MYSQL_ROOT_PASSWORD:-}" shutdown
  wait "$tmp_pid" || true
  log "MariaDB init process done. Ready for start up."
fi

exec mariadbd --user=mysql --datadir="$DATADIR" --socket="$SOCKET" "${args[@]}"
