package org.streamingetl.sink.encode;

/**
 * Writes one decoded column value in the RowBinary form of one ClickHouse type. Values come from
 * {@code decode.ChangeEventDecoder} in canonical Java types (Long, BigDecimal, Double, Boolean, String, byte[],
 * LocalDate, LocalDateTime, Instant, Duration). A value the type cannot hold exactly raises
 * {@link UnwritableValueException}: the sink never rounds or truncates silently.
 */
@FunctionalInterface
public interface ValueWriter {

    void write(RowBinaryOutput out, Object value);
}
