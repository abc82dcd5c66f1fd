package org.streamingetl.sink.decode;

/**
 * What a change event's {@code source} block says about where the change comes from: the commit time in the source
 * ({@code ts_ms}, epoch milliseconds; MariaDB's binlog holds whole seconds), and the binlog file and position of its
 * transaction ({@code file}, {@code pos}; null and -1 when absent). Positions order the changes of one server's
 * binlog: a change with a greater (file, pos) was committed after.
 */
public record SourcePosition(long tsMs, String file, long pos) {

    /** True when this change's transaction comes after the one at {@code otherFile}/{@code otherPos} in the binlog. */
    public boolean after(String otherFile, long otherPos) {
        if (file == null || otherFile == null) {
            return false;
        }
        int byFile = BinlogFiles.compare(file, otherFile);
        return byFile > 0 || (byFile == 0 && pos > otherPos);
    }
}
