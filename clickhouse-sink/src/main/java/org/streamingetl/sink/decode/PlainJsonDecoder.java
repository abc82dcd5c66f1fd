package org.streamingetl.sink.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.streamingetl.common.kafka.RecordLimits;
import org.streamingetl.common.control.ColumnDefinition;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.common.debezium.DebeziumField;

/**
 * Decodes rows of a table as ksqlDB writes them with {@code KEY_FORMAT='JSON', VALUE_FORMAT='JSON'}: no Connect
 * schemas, the key columns in the key (a bare JSON value for a single key column, an object for several), the other
 * columns in a JSON object value, a deleted row as a tombstone (null value).
 *
 * <p>The columns' types come from the table's announcement (enricher-gateway's {@code EnrichmentDeployed}); each
 * value is in Debezium's encoding of its MySQL type ({@link DebeziumField}), which the ksqldb engine passes through
 * unchanged. A row becomes an upsert ({@code op=c}) of the key, a tombstone a delete of the key.
 */
public final class PlainJsonDecoder {

    static {
        RecordLimits.allowLongStringsByDefault();
    }

    private final JsonFactory factory = new JsonFactory();
    private final Map<String, Table> byTopic = new HashMap<>();

    /** Decodes one record of {@code table}'s topic. */
    public ChangeEvent decode(TableCaptured table, ByteBuffer key, ByteBuffer value) {
        Table t = byTopic.get(table.topic());
        if (t == null || t.captured != table) {
            t = new Table(table);
            byTopic.put(table.topic(), t);
        }
        if (key == null) {
            throw new MalformedRecordException("a row of " + table.qualifiedName() + " without a key; expected the key "
                    + "columns " + table.primaryKey() + " as a JSON key (KEY_FORMAT='JSON')");
        }
        try {
            RowImage keys = t.keys(parser(key));
            if (value == null) {
                return new ChangeEvent('d', keys, null, t.layout.schema());
            }
            RowImage row;
            try (JsonParser parser = parser(value)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new MalformedRecordException("the value is not a JSON object: expected the columns of "
                            + table.qualifiedName() + " as ksqlDB writes them with VALUE_FORMAT='JSON'");
                }
                row = t.layout.read(parser);
            }
            for (int position : t.keyPositions) {
                row.set(position, keys.valueAt(position));
            }
            return new ChangeEvent('c', null, row, t.layout.schema());
        } catch (IOException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage(), e);
        }
    }

    private JsonParser parser(ByteBuffer buffer) throws IOException {
        if (buffer.hasArray()) {
            return factory.createParser(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        return factory.createParser(Utils.toArray(buffer));
    }

    /** A table's columns as a row layout built from their Debezium encodings, and where its key columns are. */
    private static final class Table {
        final TableCaptured captured;
        final RowLayout layout;
        final int[] keyPositions;

        Table(TableCaptured captured) {
            this.captured = captured;
            this.layout = new RowLayout(schemaOf(captured.columns()));
            List<String> key = captured.primaryKey();
            this.keyPositions = new int[key.size()];
            for (int i = 0; i < key.size(); i++) {
                keyPositions[i] = layout.positionOf(key.get(i));
                if (keyPositions[i] < 0) {
                    throw new MalformedRecordException("key column " + key.get(i) + " of " + captured.qualifiedName()
                            + " is not among its columns");
                }
            }
        }

        /** The key columns from a JSON key: a bare value for one key column, else an object of them. */
        RowImage keys(JsonParser parser) throws IOException {
            try (parser) {
                JsonToken token = parser.nextToken();
                if (keyPositions.length == 1 && token != null && token != JsonToken.START_OBJECT) {
                    RowImage row = new RowImage(layout);
                    row.set(keyPositions[0], layout.decode(keyPositions[0], parser));
                    return row;
                }
                if (token != JsonToken.START_OBJECT) {
                    throw new MalformedRecordException("the key is not a JSON object of the key columns "
                            + captured.primaryKey() + " of " + captured.qualifiedName());
                }
                RowImage row = layout.read(parser);
                for (int position : keyPositions) {
                    if (!row.has(position)) {
                        throw new MalformedRecordException("the key lacks key column " + layout.names().get(position)
                                + " of " + captured.qualifiedName());
                    }
                }
                return row;
            }
        }

        private static JsonNode schemaOf(List<ColumnDefinition> columns) {
            ObjectNode schema = JsonNodeFactory.instance.objectNode();
            schema.put("type", "struct");
            var fields = schema.putArray("fields");
            for (ColumnDefinition column : columns) {
                DebeziumField encoding = DebeziumField.of(column);
                ObjectNode field = fields.addObject();
                field.put("field", column.name());
                field.put("type", encoding.type());
                if (encoding.logicalName() != null) {
                    field.put("name", encoding.logicalName());
                }
                if (encoding.scale() != null) {
                    field.putObject("parameters").put("scale", Integer.toString(encoding.scale()));
                }
            }
            return schema;
        }
    }
}
