-- Run once by the MySQL image on first start (docker-compose.yaml). Same users and grants as the local mode
-- (platform/stack.sh): the application user owns streaming_etl_db, the Debezium user has what CDC needs.
CREATE USER IF NOT EXISTS 'debezium'@'%' IDENTIFIED BY 'dbz-secret';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%';
-- Debezium's signalling table: cdc-registrar writes re-snapshot requests into it, Debezium its watermarks.
CREATE TABLE IF NOT EXISTS streaming_etl_db.debezium_signal (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL,
  data VARCHAR(2048) NULL);
GRANT INSERT, UPDATE, DELETE ON streaming_etl_db.debezium_signal TO 'debezium'@'%';
-- The drift check's markers: cdc-registrar writes each chunk's MySQL count and checksum into it (design.md).
CREATE TABLE IF NOT EXISTS streaming_etl_db.pipeline_verify (id VARCHAR(100) NOT NULL PRIMARY KEY,
  check_id VARCHAR(40) NOT NULL, table_name VARCHAR(400) NOT NULL, chunk INT NOT NULL, attempt INT NOT NULL,
  lower_key MEDIUMTEXT NULL, upper_key MEDIUMTEXT NULL, columns_hashed MEDIUMTEXT NOT NULL, row_count BIGINT NOT NULL,
  checksum VARCHAR(40) NOT NULL, created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3));
GRANT INSERT ON streaming_etl_db.pipeline_verify TO 'debezium'@'%';
FLUSH PRIVILEGES;
