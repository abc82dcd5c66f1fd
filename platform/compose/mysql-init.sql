-- Run once by the MySQL image on first start (docker-compose.yaml). Same users and grants as the local mode
-- (platform/stack.sh): the application user owns streaming_etl_db, the Debezium user has what CDC needs.
CREATE USER IF NOT EXISTS 'debezium'@'%' IDENTIFIED BY 'dbz-secret';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%';
FLUSH PRIVILEGES;
