package org.streamingetl.sink.verify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.streamingetl.common.verify.ChunkMarkers;
import org.streamingetl.sink.decode.SourcePosition;

/**
 * A row of the drift check's marker table ({@link ChunkMarkers}) as its change event brings it: which chunk of
 * which table, MySQL's count and checksum of it, and where in the binlog they were taken.
 */
public record VerifyMarker(String id, String checkId, String table, int chunk, int attempt, List<String> lower,
                           List<String> upper, List<String> columns, long rows, String checksum,
                           SourcePosition position) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** The marker in a row image of the marker table. */
    public static VerifyMarker of(Map<String, Object> row, SourcePosition position) {
        try {
            return new VerifyMarker(text(row, ChunkMarkers.ID), text(row, ChunkMarkers.CHECK_ID),
                    text(row, ChunkMarkers.TABLE), ((Number) row.get(ChunkMarkers.CHUNK)).intValue(),
                    ((Number) row.get(ChunkMarkers.ATTEMPT)).intValue(), list(row, ChunkMarkers.LOWER),
                    list(row, ChunkMarkers.UPPER), list(row, ChunkMarkers.COLUMNS),
                    ((Number) row.get(ChunkMarkers.ROWS)).longValue(), text(row, ChunkMarkers.CHECKSUM), position);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a drift check marker row (" + e + "): " + row.keySet(), e);
        }
    }

    private static String text(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    private static List<String> list(Map<String, Object> row, String column) throws IOException {
        String text = text(row, column);
        return text == null ? null : JSON.readValue(text, STRINGS);
    }
}
