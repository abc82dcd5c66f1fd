package org.streamingetl.common.debezium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamingetl.common.control.ColumnDefinition;

class DebeziumFieldTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("..", "bench", "fixtures");

    /**
     * Against a recording: the TableCaptured cdc-registrar announced and a change event Debezium 3.4 wrote for the
     * same ten-column table on this stack (bench/fixtures): each column's encoding is the Connect schema Debezium sent.
     */
    @Test
    void equalsWhatDebeziumSentForARecordedTable() throws IOException {
        JsonNode captured = JSON.readTree(FIXTURES.resolve("table-captured.events_ref.json").toFile()).path("payload");
        JsonNode value = JSON.readTree(FIXTURES.resolve("debezium-3.4.0-mariadb.events_ref.value.json").toFile());
        JsonNode after = null;
        for (JsonNode field : value.path("schema").path("fields")) {
            if (field.path("field").asText().equals("after")) {
                after = field;
            }
        }
        int checked = 0;
        for (JsonNode column : captured.path("columns")) {
            ColumnDefinition definition = JSON.treeToValue(column, ColumnDefinition.class);
            JsonNode sent = null;
            for (JsonNode field : after.path("fields")) {
                if (field.path("field").asText().equals(definition.name())) {
                    sent = field;
                }
            }
            DebeziumField encoding = DebeziumField.of(definition);
            assertEquals(sent.path("type").asText(), encoding.type(), definition.name());
            assertEquals(sent.path("name").asText(null), encoding.logicalName(), definition.name());
            if (encoding.scale() != null) {
                assertEquals(sent.path("parameters").path("scale").asInt(), encoding.scale(), definition.name());
            }
            checked++;
        }
        assertEquals(10, checked);
    }

    @Test
    void followsTheRegistrarsConverterSettings() {
        assertEquals(new DebeziumField("bytes", DebeziumField.DECIMAL, 0), DebeziumField.of(column("bigint", true, null, null)));
        assertEquals(new DebeziumField("int64", null, null), DebeziumField.of(column("int", true, null, null)));
        assertEquals("io.debezium.time.Timestamp", DebeziumField.of(column("datetime", false, null, 3)).logicalName());
        assertEquals("io.debezium.time.MicroTimestamp", DebeziumField.of(column("datetime", false, null, 4)).logicalName());
        assertEquals("io.debezium.time.MicroTime", DebeziumField.of(column("time", false, null, 0)).logicalName());
        assertEquals(new DebeziumField("boolean", null, null), DebeziumField.of(column("bit", false, 1L, null)));
        assertEquals("io.debezium.data.Bits", DebeziumField.of(column("bit", false, 64L, null)).logicalName());
        assertEquals("struct", DebeziumField.of(column("point", false, null, null)).type());
        assertNull(DebeziumField.of(column("mediumtext", false, null, null)).logicalName());
    }

    private static ColumnDefinition column(String type, boolean unsigned, Long length, Integer fsp) {
        return new ColumnDefinition("c", 1, type, type, length, null, null, fsp, unsigned, true, List.of());
    }
}
