package org.streamingetl.registrar.connector;

import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.streamingetl.registrar.connect.ConnectClient;
import org.streamingetl.registrar.connect.ConnectException;

/**
 * Makes Kafka Connect hold the desired connector config, idempotently: validates it, compares it with the config
 * already there, and writes only when something differs (a PUT of an unchanged config would restart the
 * connector).
 */
public final class ConnectorRegistrar {

    private static final Logger LOG = Logger.getLogger(ConnectorRegistrar.class);

    private final ConnectClient connect;

    public ConnectorRegistrar(ConnectClient connect) {
        this.connect = connect;
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public Outcome register(String name, Map<String, String> desired) {
        Map<String, String> errors = connect.validate(desired.get("connector.class"), desired);
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("Kafka Connect refuses the config of connector " + name + ":");
            errors.forEach((field, error) -> message.append("\n  ").append(field).append(": ").append(error));
            throw new ConnectException(message.toString(), false);
        }
        Optional<Map<String, String>> existing = connect.config(name);
        if (existing.isPresent()) {
            ConfigDiff diff = ConfigDiff.between(existing.get(), desired);
            if (diff.isEmpty()) {
                LOG.infof("Connector %s is registered with the desired config; left as it is", name);
                return Outcome.UNCHANGED;
            }
            connect.putConfig(name, desired);
            LOG.infof("Updated connector %s (%s)", name, diff);
            return Outcome.UPDATED;
        }
        connect.putConfig(name, desired);
        LOG.infof("Registered connector %s (%s) in Kafka Connect at %s", name, desired.get("connector.class"),
                connect.baseUrl());
        return Outcome.CREATED;
    }
}
