package org.streamingetl.registrar.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.streamingetl.registrar.supervision.BinlogLocator.Event;
import org.streamingetl.registrar.supervision.BinlogLocator.Location;

class BinlogLocatorTest {

    /** SHOW BINLOG EVENTS as MariaDB 10.11 answered it here after a 5 MB LONGTEXT insert (and a small one before). */
    private static final List<Event> EVENTS = List.of(
            new Event(5323, "Gtid", 5365, "GTID 0-1-26"),
            new Event(5365, "Table_map", 5420, "table_id: 21 (streaming_etl_db.small)"),
            new Event(5420, "Write_rows_v1", 5505, "table_id: 21 flags: STMT_END_F"),
            new Event(5505, "Gtid", 5547, "BEGIN GTID 0-1-27"),
            new Event(5547, "Annotate_rows", 5626, "INSERT INTO big VALUES (1, REPEAT('abcdefghij', 500000))"),
            new Event(5626, "Table_map", 5686, "table_id: 22 (streaming_etl_db.big)"),
            new Event(5686, "Write_rows_v1", 5005728, "table_id: 22 flags: STMT_END_F"),
            new Event(5005728, "Xid", 5005759, "COMMIT /* xid=80 */"));

    @Test
    void theFirstRowsEventAsLargeAsTheRecord() {
        assertEquals(Optional.of(new Location("streaming_etl_db.big", "mysql-bin.000001", 5686, 5000042)),
                BinlogLocator.pick(EVENTS, "mysql-bin.000001", 5003082, 1048576));
    }

    @Test
    void withoutTheRecordsSizeTheLimitDecides() {
        assertEquals("streaming_etl_db.big", BinlogLocator.pick(EVENTS, "f", -1, 1048576).orElseThrow().table());
    }

    @Test
    void noneLargeEnoughGivesTheLargest() {
        assertEquals("streaming_etl_db.big", BinlogLocator.pick(EVENTS, "f", 50_000_000, -1).orElseThrow().table());
        assertEquals(Optional.empty(), BinlogLocator.pick(EVENTS.subList(0, 2), "f", 5003082, -1));
    }
}
