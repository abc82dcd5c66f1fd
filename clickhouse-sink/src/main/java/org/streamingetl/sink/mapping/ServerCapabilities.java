package org.streamingetl.sink.mapping;

/**
 * What the connected ClickHouse server can do, decided from its version at start. Servers from 23.8 on get the
 * modern mapping (DateTime64, Date32, Decimal up to 76 digits, LowCardinality, ReplacingMergeTree with an
 * is_deleted column); older servers get the documented fallbacks (see docs/type-mapping.md). {@code renameColumn}:
 * {@code ALTER TABLE ... RENAME COLUMN} (ClickHouse 20.4 and later).
 */
public record ServerCapabilities(String version, boolean modern, boolean renameColumn) {

    public static final int MODERN_MAJOR = 23;
    public static final int MODERN_MINOR = 8;

    public static ServerCapabilities forVersion(String version) {
        String[] parts = version.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            boolean modern = major > MODERN_MAJOR || (major == MODERN_MAJOR && minor >= MODERN_MINOR);
            boolean renameColumn = major > 20 || (major == 20 && minor >= 4);
            return new ServerCapabilities(version.trim(), modern, renameColumn);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cannot read ClickHouse server version '" + version + "'", e);
        }
    }

    /** Decimal beyond 38 digits (Decimal256). */
    public boolean decimal256() {
        return modern;
    }

    public boolean dateTime64() {
        return modern;
    }

    public boolean date32() {
        return modern;
    }

    public boolean lowCardinality() {
        return modern;
    }

    /** {@code ReplacingMergeTree(_version, _deleted)}. */
    public boolean replacingWithIsDeleted() {
        return modern;
    }
}
