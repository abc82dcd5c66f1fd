package org.streamingetl.sink.decode;

/** Orders binlog file names ({@code mysql-bin.000009} before {@code mysql-bin.000010}) by their numeric suffix. */
public final class BinlogFiles {

    private BinlogFiles() {
    }

    /** Negative, zero or positive as {@code a} comes before, is, or comes after {@code b}. */
    public static int compare(String a, String b) {
        int dotA = a.lastIndexOf('.');
        int dotB = b.lastIndexOf('.');
        if (dotA >= 0 && dotB >= 0 && a.regionMatches(0, b, 0, Math.max(dotA, dotB))) {
            try {
                return Long.compare(Long.parseLong(a.substring(dotA + 1)), Long.parseLong(b.substring(dotB + 1)));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
        return a.compareTo(b);
    }
}
