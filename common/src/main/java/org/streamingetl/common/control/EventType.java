package org.streamingetl.common.control;

/**
 * The event types on the control topic. Each event carries a payload record of the named class.
 * The key of an event is {@code <kind>/<name>} (see {@link ControlKey}); a tombstone removes the entity.
 */
public enum EventType {
    /** cdc-registrar registered (or re-registered) a Debezium connector. Payload {@link SourceRegistered}. */
    SourceRegistered(SourceRegistered.class, ControlKey.SOURCE),
    /** cdc-registrar's view of the connector and its tasks. Payload {@link SourceStatus}. */
    SourceStatus(SourceStatus.class, ControlKey.SOURCE_STATUS),
    /** cdc-registrar announces the exact MySQL structure of a captured table. Payload {@link TableCaptured}. */
    TableCaptured(TableCaptured.class, ControlKey.TABLE),
    /** enricher-gateway deployed an enrichment. Payload {@link EnrichmentDeployed}. */
    EnrichmentDeployed(EnrichmentDeployed.class, ControlKey.ENRICHMENT),
    /** clickhouse-sink's state of one ClickHouse table. Payload {@link SinkTableStatus}. */
    SinkTableStatus(SinkTableStatus.class, ControlKey.SINK_TABLE),
    /**
     * cdc-registrar re-sends a table whose rows a DDL statement changed without row events (requested, then
     * completed). Payload {@link TableResync}.
     */
    TableResync(TableResync.class, ControlKey.RESYNC),
    /** cdc-registrar's last drift check of a table (MySQL against ClickHouse). Payload {@link DriftCheck}. */
    DriftCheck(DriftCheck.class, ControlKey.DRIFT);

    private final Class<?> payloadType;
    private final String kind;

    EventType(Class<?> payloadType, String kind) {
        this.payloadType = payloadType;
        this.kind = kind;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    /** The kind part of the keys of this event type. */
    public String kind() {
        return kind;
    }
}
