package org.streamingetl.it;

import java.util.List;

/** The stack under test: its endpoints and clients for its MySQL and ClickHouse. */
record Stack(Endpoints endpoints, MySql mysql, ClickHouse clickhouse) {

    static final List<String> SERVICES = List.of("CDC_REGISTRAR_URL", "ENRICHER_GATEWAY_URL", "CLICKHOUSE_SINK_URL");

    /** The stack, once the named services ({@code CDC_REGISTRAR_URL}, ...; all three when none) report ready. */
    static Stack ready(String... services) throws Exception {
        Endpoints endpoints = Endpoints.load();
        for (String service : services.length == 0 ? SERVICES : List.of(services)) {
            Health.awaitReady(endpoints.get(service));
        }
        return new Stack(endpoints, new MySql(endpoints), new ClickHouse(endpoints));
    }
}
