package org.streamingetl.sink.decode;

import java.nio.charset.StandardCharsets;

/**
 * Debezium MySQL change events as Kafka Connect's JsonConverter (schemas.enable=true) writes them: the envelope
 * schema (before, after, source, transaction, op, ts_ms), then the payload.
 */
final class Envelopes {

    private Envelopes() {
    }

    /**
     * @param rowFields the JSON field schemas of the row struct, comma-separated
     * @param before    the before image as JSON (or {@code null})
     * @param after     the after image as JSON (or {@code null})
     */
    static byte[] envelope(String rowFields, String op, String before, String after) {
        String json = """
                {
                  "schema": {
                    "type": "struct",
                    "fields": [
                      {"type": "struct", "fields": [%1$s], "optional": true, "name": "shop.shop.orders.Value", "field": "before"},
                      {"type": "struct", "fields": [%1$s], "optional": true, "name": "shop.shop.orders.Value", "field": "after"},
                      {"type": "struct", "fields": [
                          {"type": "string", "optional": false, "field": "version"},
                          {"type": "string", "optional": false, "field": "connector"},
                          {"type": "string", "optional": false, "field": "name"},
                          {"type": "int64", "optional": false, "field": "ts_ms"},
                          {"type": "string", "optional": true, "name": "io.debezium.data.Enum", "version": 1,
                           "parameters": {"allowed": "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental"},
                           "default": "false", "field": "snapshot"},
                          {"type": "string", "optional": false, "field": "db"},
                          {"type": "string", "optional": true, "field": "table"},
                          {"type": "int64", "optional": false, "field": "server_id"},
                          {"type": "string", "optional": false, "field": "file"},
                          {"type": "int64", "optional": false, "field": "pos"},
                          {"type": "int32", "optional": false, "field": "row"}],
                       "optional": false, "name": "io.debezium.connector.mysql.Source", "field": "source"},
                      {"type": "struct", "fields": [
                          {"type": "string", "optional": false, "field": "id"},
                          {"type": "int64", "optional": false, "field": "total_order"},
                          {"type": "int64", "optional": false, "field": "data_collection_order"}],
                       "optional": true, "name": "event.block", "version": 1, "field": "transaction"},
                      {"type": "string", "optional": false, "field": "op"},
                      {"type": "int64", "optional": true, "field": "ts_ms"}
                    ],
                    "optional": false,
                    "name": "shop.shop.orders.Envelope",
                    "version": 2
                  },
                  "payload": {
                    "before": %2$s,
                    "after": %3$s,
                    "source": {"version": "2.7.3.Final", "connector": "mysql", "name": "shop", "ts_ms": 1709251199000,
                               "snapshot": "false", "db": "shop", "table": "orders", "server_id": 1,
                               "file": "mysql-bin.000003", "pos": 1234, "row": 0},
                    "transaction": null,
                    "op": "%4$s",
                    "ts_ms": 1709251199123
                  }
                }
                """.formatted(rowFields, before, after, op);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The row schema of a simple {@code orders(id INT PRIMARY KEY, status VARCHAR(20) NULL)}. */
    static final String ORDERS = """
            {"type": "int32", "optional": false, "field": "id"},
            {"type": "string", "optional": true, "field": "status"}""";

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
