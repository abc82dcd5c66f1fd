package org.streamingetl.registrar.connector;

import java.util.Locale;

/** The source server's flavor and the Debezium connector class for it. */
public enum Flavor {
    mysql("io.debezium.connector.mysql.MySqlConnector"),
    mariadb("io.debezium.connector.mariadb.MariaDbConnector");

    private final String connectorClass;

    Flavor(String connectorClass) {
        this.connectorClass = connectorClass;
    }

    public String connectorClass() {
        return connectorClass;
    }

    /** From the server's {@code SELECT VERSION()}, e.g. {@code 10.11.6-MariaDB-0+deb12u1} or {@code 8.4.3}. */
    public static Flavor fromVersion(String version) {
        return version.toLowerCase(Locale.ROOT).contains("mariadb") ? mariadb : mysql;
    }
}
