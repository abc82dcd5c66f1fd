/*
 * ChdbHttpFront: a TEST-ONLY bridge, NOT product code. It serves the subset of the ClickHouse HTTP interface that
 * the official Java client (com.clickhouse:client-v2) uses, on top of chdb: the ClickHouse engine as a library
 * (libchdb.so from the npm package `chdb`). So the sink can be tested against a current ClickHouse engine: the engine
 * executes everything, this file only translates HTTP to chdb's C API through java.lang.foreign (no JNI).
 *
 *   java --enable-native-access=ALL-UNNAMED ChdbHttpFront.java --path DATA_DIR --lib libchdb.so
 *        [--port 8124] [--host 127.0.0.1] [--verbose]            (Java 22+; platform/chdb.sh starts it)
 *
 * Served: GET /ping and GET / answer "Ok."; POST / (or GET /?query=) runs the SQL of the body, or of ?query=
 * followed by the body. Output format: the SQL's FORMAT clause, else X-ClickHouse-Format or ?default_format=, else
 * TabSeparated. INSERT ... FORMAT f plus data (client-v2 sends ?query=INSERT ... FORMAT RowBinary and the rows as
 * body) goes through chdb's streaming insert, which is binary-safe: chdb_query_n cuts inline data at the first
 * blank line. X-ClickHouse-Database / ?database= switch the session database. Answers carry X-ClickHouse-Summary,
 * -Format, -Query-Id and -Timezone; errors carry X-ClickHouse-Exception-Code and "Code: N. DB::Exception: ..." as
 * body, with HTTP 404 for the UNKNOWN_* codes and 500 otherwise.
 * NOT served: authentication (ANY user and password are accepted: never expose this port), compression (?compress
 * and ?decompress are ignored: build the client with compressServerResponse(false) and compressClientRequest(false)),
 * settings as URL parameters (ignored), {name:Type} query parameters, sessions, progress headers, TLS.
 * chdb takes one data path per process and must keep one connection for the life of the process (reconnecting
 * leaks threads), so every call goes through that connection under one lock: statements run one at a time.
 */
import static java.lang.foreign.ValueLayout.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.*;
import java.lang.foreign.*;
import java.lang.invoke.MethodHandle;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.*;

public final class ChdbHttpFront {
    static final int CHUNK = 1 << 20;
    static final Pattern INSERT_FORMAT = Pattern.compile("(?is)\\s*(INSERT\\s+INTO\\s.+?)\\s+FORMAT\\s+(\\w+)[ \\t]*(?:\\r?\\n)?");
    static final Pattern INLINE_ROWS = Pattern.compile("(?i)\\b(VALUES|SELECT)\\b");
    static final Pattern TRAILING_FORMAT = Pattern.compile("(?is).*\\bFORMAT\\s+(\\w+)\\s*;?\\s*");
    static final Pattern ERROR_CODE = Pattern.compile("Code: (\\d+)\\.");
    static final Set<Integer> NOT_FOUND = Set.of(46, 47, 50, 60, 73, 81, 115); // UNKNOWN_FUNCTION, _IDENTIFIER, _TABLE...
    static final ReentrantLock LOCK = new ReentrantLock(true);
    static Chdb chdb;
    static boolean verbose;
    static String timezone;
    static String currentDatabase = "default"; // guarded by LOCK; null when unknown (after a USE statement)

    /** A failed statement: ClickHouse's error code and text. */
    static final class ChdbError extends Exception {
        final int code;

        ChdbError(String text) {
            super(text.contains("Code: ") ? text.strip() : "Code: 1001. DB::Exception: " + text.strip());
            Matcher m = ERROR_CODE.matcher(getMessage());
            code = m.find() ? Integer.parseInt(m.group(1)) : 1001;
        }
    }

    interface Work<T> {
        T call() throws Throwable;
    }

    /** The functions of libchdb's C API (chdb.h) the bridge calls. size_t and uint64_t are JAVA_LONG (64-bit Linux). */
    static final class Chdb {
        final SymbolLookup lib;
        final MethodHandle setSignalHandlers, connect, version, query, destroy, error, buffer, length, rowsRead,
                storageRowsRead, storageBytesRead, rowsWritten, bytesWritten, streamInsert, streamAppend, streamDone,
                streamError, destroyStream;
        MemorySegment conn; // chdb_connection

        Chdb(Path path) {
            lib = SymbolLookup.libraryLookup(path, Arena.global());
            setSignalHandlers = fn("chdb_set_signal_handlers_enabled", null, JAVA_INT);
            connect = fn("chdb_connect", ADDRESS, JAVA_INT, ADDRESS);
            version = fn("chdb_version", ADDRESS);
            query = fn("chdb_query_n", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
            destroy = fn("chdb_destroy_query_result", null, ADDRESS);
            error = fn("chdb_result_error", ADDRESS, ADDRESS);
            buffer = fn("chdb_result_buffer", ADDRESS, ADDRESS);
            length = fn("chdb_result_length", JAVA_LONG, ADDRESS);
            rowsRead = fn("chdb_result_rows_read", JAVA_LONG, ADDRESS);
            storageRowsRead = fn("chdb_result_storage_rows_read", JAVA_LONG, ADDRESS);
            storageBytesRead = fn("chdb_result_storage_bytes_read", JAVA_LONG, ADDRESS);
            rowsWritten = fn("chdb_result_rows_written", JAVA_LONG, ADDRESS);
            bytesWritten = fn("chdb_result_bytes_written", JAVA_LONG, ADDRESS);
            streamInsert = fn("chdb_stream_insert_n", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
            streamAppend = fn("chdb_stream_append", JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
            streamDone = fn("chdb_stream_done", ADDRESS, ADDRESS);
            streamError = fn("chdb_stream_insert_error", ADDRESS, ADDRESS);
            destroyStream = fn("chdb_destroy_insert_stream", null, ADDRESS);
        }

        MethodHandle fn(String name, MemoryLayout ret, MemoryLayout... args) {
            MemorySegment symbol = lib.find(name).orElseThrow(() -> new IllegalStateException("libchdb lacks " + name));
            return Linker.nativeLinker().downcallHandle(symbol, ret == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(ret, args));
        }

        /** Opens the process's one connection; chdb's signal handlers stay off, they would replace the JVM's. */
        void open(String dataPath) throws Throwable {
            setSignalHandlers.invoke(0);
            MemorySegment argv = Arena.global().allocate(ADDRESS, 2);
            argv.setAtIndex(ADDRESS, 0, Arena.global().allocateFrom("clickhouse"));
            argv.setAtIndex(ADDRESS, 1, Arena.global().allocateFrom("--path=" + dataPath));
            MemorySegment handle = (MemorySegment) connect.invoke(2, argv); // chdb_connection*
            if (handle.equals(MemorySegment.NULL)) throw new IllegalStateException("chdb_connect failed for " + dataPath);
            conn = handle.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
        }

        /** Runs one statement; returns its result (the caller destroys it) or throws its error. */
        MemorySegment run(String sql, String format) throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s = utf8(arena, sql), f = utf8(arena, format);
                MemorySegment result = (MemorySegment) query.invoke(conn, s, s.byteSize(), f, f.byteSize());
                String err = string((MemorySegment) error.invoke(result));
                if (err == null) return result;
                destroy.invoke(result);
                throw new ChdbError(err);
            }
        }

        /** Streams `data` in `format` into `head` ("INSERT INTO t (cols)"); returns the X-ClickHouse-Summary. */
        String insert(String head, String format, InputStream data) throws Throwable {
            long start = System.nanoTime();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment h = utf8(arena, head), f = utf8(arena, format);
                MemorySegment stream = (MemorySegment) streamInsert.invoke(conn, h, h.byteSize(), f, f.byteSize());
                try {
                    checkStream(stream);
                    MemorySegment buf = arena.allocate(CHUNK);
                    byte[] heap = new byte[CHUNK];
                    for (int n; (n = data.readNBytes(heap, 0, CHUNK)) > 0; ) {
                        MemorySegment.copy(heap, 0, buf, JAVA_BYTE, 0, n);
                        if ((int) streamAppend.invoke(stream, buf, (long) n) != 0) checkStream(stream);
                    }
                    MemorySegment result = (MemorySegment) streamDone.invoke(stream);
                    try {
                        String err = string((MemorySegment) error.invoke(result));
                        if (err != null) throw new ChdbError(err);
                        return summary(result, 0, System.nanoTime() - start);
                    } finally {
                        destroy.invoke(result);
                    }
                } finally {
                    destroyStream.invoke(stream); // also cancels an unfinished insert
                }
            }
        }

        void checkStream(MemorySegment stream) throws Throwable {
            String err = string((MemorySegment) streamError.invoke(stream));
            if (err != null) throw new ChdbError(err);
        }

        /** X-ClickHouse-Summary of a result; elapsed is measured here (chdb's is wrong for streamed inserts). */
        String summary(MemorySegment r, long resultBytes, long elapsedNs) throws Throwable {
            return String.format("{\"read_rows\":\"%d\",\"read_bytes\":\"%d\",\"written_rows\":\"%d\",\"written_bytes\":\"%d\","
                    + "\"total_rows_to_read\":\"0\",\"result_rows\":\"%d\",\"result_bytes\":\"%d\",\"elapsed_ns\":\"%d\"}",
                    (long) storageRowsRead.invoke(r), (long) storageBytesRead.invoke(r), (long) rowsWritten.invoke(r),
                    (long) bytesWritten.invoke(r), (long) rowsRead.invoke(r), resultBytes, elapsedNs);
        }

        static MemorySegment utf8(Arena arena, String s) { // without the NUL: chdb takes lengths
            return arena.allocateFrom(JAVA_BYTE, s.getBytes(StandardCharsets.UTF_8));
        }

        static String string(MemorySegment p) {
            return p.equals(MemorySegment.NULL) ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
        }
    }

    public static void main(String[] args) throws Throwable {
        Map<String, String> opt = new HashMap<>(Map.of("--port", "8124", "--host", "127.0.0.1"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--verbose")) verbose = true;
            else if (i + 1 < args.length) opt.put(args[i], args[++i]);
        }
        if (!opt.containsKey("--path") || !opt.containsKey("--lib")) {
            System.err.println("usage: ChdbHttpFront --path DATA_DIR --lib libchdb.so [--port 8124] [--host 127.0.0.1] [--verbose]");
            System.exit(2);
        }
        chdb = new Chdb(Path.of(opt.get("--lib")));
        chdb.open(opt.get("--path"));
        MemorySegment tz = chdb.run("SELECT timezone()", "TabSeparated");
        timezone = new String(((MemorySegment) chdb.buffer.invoke(tz)).reinterpret((long) chdb.length.invoke(tz))
                .toArray(JAVA_BYTE), StandardCharsets.UTF_8).strip();
        chdb.destroy.invoke(tz);
        HttpServer server = HttpServer.create(new InetSocketAddress(opt.get("--host"), Integer.parseInt(opt.get("--port"))), 64);
        server.createContext("/", ChdbHttpFront::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.err.printf("chdb-http-front: ClickHouse %s (chdb) at http://%s:%s, data %s, timezone %s, ready %d ms after JVM start%n",
                Chdb.string((MemorySegment) chdb.version.invoke()), opt.get("--host"), opt.get("--port"), opt.get("--path"), timezone,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }

    static void handle(HttpExchange ex) {
        long start = System.nanoTime();
        int status = 200;
        try {
            Map<String, String> params = params(ex.getRequestURI().getRawQuery());
            var headers = ex.getRequestHeaders();
            ex.getResponseHeaders().set("X-ClickHouse-Query-Id",
                    first(headers.getFirst("X-ClickHouse-Query-Id"), params.get("query_id"), UUID.randomUUID().toString()));
            ex.getResponseHeaders().set("Keep-Alive", "timeout=10"); // client closes idle connections before the server (30 s)
            String path = ex.getRequestURI().getPath(), sql = params.getOrDefault("query", "");
            if (path.equals("/ping") || (path.equals("/") && ex.getRequestMethod().equals("GET") && sql.isEmpty())) {
                send(ex, 200, "Ok.\n".getBytes(StandardCharsets.UTF_8));
            } else if (!path.equals("/")) {
                status = fail(ex, new ChdbError("Code: 1000. DB::Exception: chdb-http-front serves / and /ping, not " + path));
            } else {
                execute(ex, sql, first(headers.getFirst("X-ClickHouse-Format"), params.get("default_format"), "TabSeparated"),
                        first(headers.getFirst("X-ClickHouse-Database"), params.get("database"), null));
            }
        } catch (ChdbError e) {
            status = fail(ex, e);
        } catch (Throwable e) {
            status = fail(ex, new ChdbError("Code: 1001. DB::Exception: chdb-http-front: " + e));
        } finally {
            ex.close();
        }
        if (verbose) {
            String sql = Objects.toString(ex.getAttribute("sql"), "").replaceAll("\\s+", " ");
            System.err.printf("%s %s %d %d ms %s%n", ex.getRequestMethod(), ex.getRequestURI().getPath(), status,
                    (System.nanoTime() - start) / 1_000_000, sql.substring(0, Math.min(sql.length(), 160)));
        }
    }

    /** Runs the request's statement, an INSERT with data or anything else, and answers it. */
    static void execute(HttpExchange ex, String paramSql, String format, String database) throws Throwable {
        Matcher insert = INSERT_FORMAT.matcher(paramSql);
        if (insert.lookingAt() && plainInsert(insert.group(1))) { // ?query=INSERT ... FORMAT f, the body holds the data
            ex.setAttribute("sql", paramSql);
            answerInsert(ex, insert.group(1), insert.group(2), database, ex.getRequestBody());
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        insert = INSERT_FORMAT.matcher(new String(body, StandardCharsets.ISO_8859_1)); // 1 char per byte: end() is a byte offset
        if (paramSql.isEmpty() && insert.lookingAt() && plainInsert(insert.group(1))) { // INSERT ... FORMAT f\n<data>
            String head = new String(insert.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            ex.setAttribute("sql", head);
            answerInsert(ex, head, insert.group(2), database, new ByteArrayInputStream(body, insert.end(), body.length - insert.end()));
            return;
        }
        String bodySql = new String(body, StandardCharsets.UTF_8);
        String sql = paramSql.isEmpty() ? bodySql : bodySql.isEmpty() ? paramSql : paramSql + "\n" + bodySql;
        ex.setAttribute("sql", sql);
        Matcher trailing = TRAILING_FORMAT.matcher(sql);
        answerQuery(ex, sql, trailing.matches() ? trailing.group(1) : format, database);
    }

    /** False when the INSERT carries its own rows (VALUES or SELECT outside `quoted` names). */
    static boolean plainInsert(String head) {
        return !INLINE_ROWS.matcher(head.replaceAll("`[^`]*`", "``")).find();
    }

    static void answerInsert(HttpExchange ex, String head, String format, String database, InputStream data) throws Throwable {
        String summary = locked(() -> {
            use(database);
            try {
                return chdb.insert(head, format, data);
            } catch (Throwable e) {
                data.transferTo(OutputStream.nullOutputStream()); // read the rest: the connection stays usable
                throw e;
            }
        });
        ex.getResponseHeaders().set("X-ClickHouse-Format", format);
        ex.getResponseHeaders().set("X-ClickHouse-Summary", summary);
        send(ex, 200, new byte[0]);
    }

    static void answerQuery(HttpExchange ex, String sql, String format, String database) throws Throwable {
        long start = System.nanoTime();
        MemorySegment result = locked(() -> {
            use(database);
            if (sql.stripLeading().regionMatches(true, 0, "USE ", 0, 4)) currentDatabase = null;
            return chdb.run(sql, format);
        });
        try { // the result is ours until destroyed: it is sent outside the lock
            long len = (long) chdb.length.invoke(result);
            ex.getResponseHeaders().set("X-ClickHouse-Format", format);
            ex.getResponseHeaders().set("X-ClickHouse-Summary", chdb.summary(result, len, System.nanoTime() - start));
            ex.getResponseHeaders().set("X-ClickHouse-Timezone", timezone);
            ex.getResponseHeaders().set("Content-Type", format.matches("(?i)TabSeparated.*|TSV.*")
                    ? "text/tab-separated-values; charset=UTF-8" : "application/octet-stream");
            ex.sendResponseHeaders(200, len == 0 ? -1 : len);
            MemorySegment data = ((MemorySegment) chdb.buffer.invoke(result)).reinterpret(len);
            byte[] chunk = new byte[(int) Math.min(len, CHUNK)];
            try (OutputStream out = ex.getResponseBody()) {
                for (long off = 0; off < len; off += chunk.length) {
                    int n = (int) Math.min(chunk.length, len - off);
                    MemorySegment.copy(data, JAVA_BYTE, off, chunk, 0, n);
                    out.write(chunk, 0, n);
                }
            }
        } finally {
            locked(() -> chdb.destroy.invoke(result));
        }
    }

    static <T> T locked(Work<T> work) throws Throwable {
        LOCK.lock();
        try {
            return work.call();
        } finally {
            LOCK.unlock();
        }
    }

    /** Switches the session database when the request names another one (under LOCK). */
    static void use(String database) throws Throwable {
        if (database == null || database.equals(currentDatabase)) return;
        chdb.destroy.invoke(chdb.run("USE `" + database.replace("\\", "\\\\").replace("`", "\\`") + "`", "TabSeparated"));
        currentDatabase = database;
    }

    static int fail(HttpExchange ex, ChdbError e) {
        int status = NOT_FOUND.contains(e.code) ? 404 : 500;
        try {
            ex.getResponseHeaders().set("X-ClickHouse-Exception-Code", String.valueOf(e.code));
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
            send(ex, status, (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException ignored) {
            // the answer had begun, or the client is gone
        }
        return status;
    }

    static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
    }

    static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    static String first(String a, String b, String fallback) {
        return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : fallback;
    }
}
