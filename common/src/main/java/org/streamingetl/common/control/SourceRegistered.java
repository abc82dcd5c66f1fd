package org.streamingetl.common.control;

import java.util.List;

/**
 * cdc-registrar registered a Debezium connector in Kafka Connect.
 *
 * @param connector      connector name in Kafka Connect
 * @param flavor         {@code mysql} or {@code mariadb}, as detected from the server
 * @param connectorClass the Debezium connector class used
 * @param topicPrefix    Debezium's {@code topic.prefix}
 * @param databases      the captured databases
 */
public record SourceRegistered(String connector, String flavor, String connectorClass, String topicPrefix,
                               List<String> databases) {
}
