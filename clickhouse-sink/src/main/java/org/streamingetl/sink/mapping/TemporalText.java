package org.streamingetl.sink.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The text forms of MySQL temporal values, used where the server has no exact type (old servers): the same text
 * MySQL itself prints, so values compare equal as strings and sort correctly.
 */
public final class TemporalText {

    private TemporalText() {
    }

    /** {@code YYYY-MM-DD}. */
    public static String date(LocalDate d) {
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    /** {@code YYYY-MM-DD HH:MM:SS[.f]} with exactly {@code fsp} fractional digits. */
    public static String dateTime(LocalDateTime t, int fsp) {
        return date(t.toLocalDate()) + String.format(" %02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond())
                + fraction(t.getNano(), fsp);
    }

    /** A TIMESTAMP in UTC, as {@link #dateTime}. */
    public static String timestamp(Instant i, int fsp) {
        return dateTime(LocalDateTime.ofInstant(i, ZoneOffset.UTC), fsp);
    }

    private static String fraction(int nanos, int fsp) {
        if (fsp <= 0) {
            return "";
        }
        return "." + String.format("%09d", nanos).substring(0, fsp);
    }
}
