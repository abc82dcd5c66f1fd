package org.streamingetl.registrar.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlavorTest {

    @Test
    void aMariaDbVersionStringIsMariaDb() {
        assertEquals(Flavor.mariadb, Flavor.fromVersion("10.11.6-MariaDB-0+deb12u1"));
        assertEquals(Flavor.mariadb, Flavor.fromVersion("11.4.2-MariaDB-log"));
        assertEquals(Flavor.mariadb, Flavor.fromVersion("5.5.5-10.6.16-mariadb-ubu2004"));
    }

    @Test
    void anyOtherVersionIsMySql() {
        assertEquals(Flavor.mysql, Flavor.fromVersion("8.4.3"));
        assertEquals(Flavor.mysql, Flavor.fromVersion("8.0.36-0ubuntu0.22.04.1"));
    }

    @Test
    void eachFlavorHasItsDebeziumConnector() {
        assertEquals("io.debezium.connector.mysql.MySqlConnector", Flavor.mysql.connectorClass());
        assertEquals("io.debezium.connector.mariadb.MariaDbConnector", Flavor.mariadb.connectorClass());
    }
}
