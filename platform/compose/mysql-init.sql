-- Run once by the MySQL image on first start (docker-compose.yaml). Same users and grants as the local mode
-- (platform/stack.sh): the application user owns streaming_etl_db, the Debezium user has what CDC needs.
CREATE USER IF NOT EXISTS 'debezium'@'%' IDENTIFIED BY 'dbz-secret';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%';
-- Debezium's signalling table: cdc-registrar writes re-snapshot requests into it, Debezium its watermarks.
CREATE TABLE IF NOT EXISTS streaming_etl_db.debezium_signal (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL,
  data VARCHAR(2048) NULL);
GRANT INSERT, UPDATE, DELETE ON streaming_etl_db.debezium_signal TO 'debezium'@'%';
FLUSH PRIVILEGES;
