package org.streamingetl.common.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlCodecTest {

    private final ControlCodec codec = new ControlCodec("cdc-registrar",
            Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void tableCapturedRoundTripsWithEveryField() {
        ColumnDefinition id = new ColumnDefinition("id", 1, "bigint", "bigint(20) unsigned", null, 20, 0, null,
                true, false, List.of());
        ColumnDefinition color = new ColumnDefinition("color", 2, "enum", "enum('red','blue')", 4L, null, null,
                null, false, true, List.of("red", "blue"));
        TableCaptured table = new TableCaptured("shop", "items", "p.shop.items", List.of("id"), List.of(id, color));

        byte[] json = codec.toJson(codec.event(EventType.TableCaptured, table));
        ControlEvent read = codec.fromJson(json);

        assertEquals(EventType.TableCaptured, read.type());
        assertEquals("cdc-registrar", read.by());
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), read.at());
        assertEquals(table, codec.payload(read, TableCaptured.class));
        assertEquals(true, new String(json, StandardCharsets.UTF_8).contains("\"at\":\"2026-11-24T10:00:00Z\""));
    }

    @Test
    void columnDefaultsRoundTripAndAreNoneInAnnouncementsWrittenBeforeThem() {
        ColumnDefinition added = new ColumnDefinition("added", 2, "decimal", "decimal(20,6)", null, 20, 6, null,
                false, true, List.of(), ColumnDefault.value("2.500000"), ColumnDefault.value("1.500000"));
        ColumnDefinition at = new ColumnDefinition("at", 3, "datetime", "datetime", null, null, null, 0,
                false, false, List.of(), ColumnDefault.expression("current_timestamp()"), ColumnDefault.NULL);
        TableCaptured table = new TableCaptured("shop", "items", "p.shop.items", List.of(), List.of(added, at));
        TableCaptured read = codec.payload(codec.fromJson(codec.toJson(codec.event(EventType.TableCaptured, table))),
                TableCaptured.class);
        assertEquals(table, read);
        assertEquals("1.500000", read.columns().get(0).backfill().value());

        String old = "{\"type\":\"TableCaptured\",\"at\":\"2026-11-24T10:00:00Z\",\"by\":\"cdc-registrar\","
                + "\"payload\":{\"database\":\"shop\",\"table\":\"items\",\"topic\":\"p.shop.items\","
                + "\"primaryKey\":[],\"columns\":[{\"name\":\"a\",\"position\":1,\"dataType\":\"int\","
                + "\"columnType\":\"int(11)\",\"unsigned\":false,\"nullable\":true,\"values\":[]}]}}";
        TableCaptured before = codec.payload(codec.fromJson(old.getBytes(StandardCharsets.UTF_8)), TableCaptured.class);
        assertEquals(ColumnDefault.NONE, before.columns().get(0).defaultValue());
        assertEquals(ColumnDefault.NONE, before.columns().get(0).backfill());
    }

    @Test
    void tableResyncRoundTripsWithItsOffsetsByPartition() {
        TableResync requested = new TableResync("shop", "items", "p.shop.items", "RENAME TABLE a TO items",
                TableResync.REQUESTED, "signal-1", "2026-11-24T10:00:00Z", java.util.Map.of(0, 41L, 1, 7L), null);
        TableResync completed = requested.complete(java.util.Map.of(0, 90L, 1, 12L));

        TableResync read = codec.payload(codec.fromJson(codec.toJson(codec.event(EventType.TableResync, completed))),
                TableResync.class);

        assertEquals(completed, read);
        assertEquals(41L, read.staleBelow().get(0));
        assertEquals(12L, read.completedUpTo().get(1));
        assertEquals(true, read.completed());
        assertEquals(false, requested.completed());
        assertEquals("resync", EventType.TableResync.kind());
    }

    @Test
    void tableCapturedCarriesRenamesAndReadsAnnouncementsWrittenBeforeThem() {
        ColumnDefinition label = new ColumnDefinition("label", 2, "varchar", "varchar(20)", 20L, null, null, null,
                false, true, List.of());
        TableCaptured renamed = new TableCaptured("shop", "items", "p.shop.items", List.of(), List.of(label),
                java.util.Map.of("name", "label"));
        TableCaptured read = codec.payload(codec.fromJson(codec.toJson(codec.event(EventType.TableCaptured, renamed))),
                TableCaptured.class);
        assertEquals(java.util.Map.of("name", "label"), read.renamedColumns());
        assertEquals(renamed, read);

        String older = "{\"type\":\"TableCaptured\",\"at\":\"2026-11-24T10:00:00Z\",\"by\":\"cdc-registrar\","
                + "\"payload\":{\"database\":\"shop\",\"table\":\"items\",\"topic\":\"p.shop.items\","
                + "\"primaryKey\":[],\"columns\":[]}}";
        TableCaptured old = codec.payload(codec.fromJson(older.getBytes(StandardCharsets.UTF_8)), TableCaptured.class);
        assertEquals(java.util.Map.of(), old.renamedColumns());
    }

    @Test
    void refusesPayloadOfTheWrongType() {
        assertThrows(IllegalArgumentException.class,
                () -> codec.event(EventType.TableCaptured, new SourceStatus("c", "RUNNING", null, null, null)));
    }

    @Test
    void unknownFieldsAreIgnoredSoTheContractCanGrow() {
        String json = "{\"type\":\"SinkTableStatus\",\"at\":\"2026-11-24T10:00:00Z\",\"by\":\"clickhouse-sink\","
                + "\"extra\":1,\"payload\":{\"sourceTopic\":\"t\",\"table\":\"d.t\",\"state\":\"RUNNING\","
                + "\"rowsWritten\":5,\"lag\":0,\"lastError\":null,\"future\":true}}";
        ControlEvent event = codec.fromJson(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(5, codec.payload(event, SinkTableStatus.class).rowsWritten());
    }

    @Test
    void malformedEventNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.fromJson("{\"type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, e.getMessage().startsWith("not a control event"));
    }

    @Test
    void controlKeysParse() {
        assertEquals(new ControlKey("table", "db.t/x"), ControlKey.parse("table/db.t/x"));
        assertThrows(IllegalArgumentException.class, () -> ControlKey.parse("no-slash"));
    }
}
