package org.streamingetl.common.control;

/** Keys of the control topic: {@code <kind>/<name>}. */
public record ControlKey(String kind, String name) {

    public static final String SOURCE = "source";
    public static final String SOURCE_STATUS = "source-status";
    public static final String TABLE = "table";
    public static final String ENRICHMENT = "enrichment";
    public static final String SINK_TABLE = "sink-table";
    public static final String RESYNC = "resync";
    public static final String DRIFT = "drift";

    public ControlKey {
        if (kind == null || kind.isBlank() || kind.contains("/")) {
            throw new IllegalArgumentException("control key kind must be a non-blank word without '/', got '" + kind + "'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("control key name must not be blank");
        }
    }

    public static ControlKey parse(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("control key must look like <kind>/<name>, got '" + key + "'");
        }
        return new ControlKey(key.substring(0, slash), key.substring(slash + 1));
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
