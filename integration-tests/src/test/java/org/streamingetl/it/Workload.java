package org.streamingetl.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of inserts, updates (including primary key updates) and deletes on one table
 * {@code (id INT PRIMARY KEY, v INT, s VARCHAR(40))}, one transaction per change, at a bounded rate.
 */
final class Workload implements Runnable {

    private final MySql mysql;
    private final String table;
    private final int operations;
    private final int perSecond;
    private final AtomicInteger done = new AtomicInteger();
    private volatile Exception failure;

    Workload(MySql mysql, String table, int operations, int perSecond) {
        this.mysql = mysql;
        this.table = table;
        this.operations = operations;
        this.perSecond = perSecond;
    }

    static String ddl(String table) {
        return "CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT NOT NULL, s VARCHAR(40) NULL)";
    }

    int done() {
        return done.get();
    }

    Exception failure() {
        return failure;
    }

    @Override
    public void run() {
        Random random = new Random(42);
        long start = System.nanoTime();
        try (Connection c = mysql.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET v = v + 1, s = ? WHERE id = ?");
             PreparedStatement move = c.prepareStatement("UPDATE " + table + " SET id = ? WHERE id = ?");
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            int nextId = 1;
            for (int i = 0; i < operations; i++) {
                int kind = random.nextInt(10);
                int id = nextId > 1 ? 1 + random.nextInt(nextId - 1) : 1;
                if (kind < 5 || nextId < 10) {
                    insert.setInt(1, nextId++);
                    insert.setInt(2, i);
                    insert.setString(3, "row " + i);
                    insert.executeUpdate();
                } else if (kind < 8) {
                    update.setString(1, "update " + i);
                    update.setInt(2, id);
                    update.executeUpdate();
                } else if (kind < 9) {
                    move.setInt(1, 1_000_000 + i);
                    move.setInt(2, id);
                    move.executeUpdate();
                } else {
                    delete.setInt(1, id);
                    delete.executeUpdate();
                }
                done.incrementAndGet();
                long due = start + (long) (i + 1) * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (SQLException | InterruptedException e) {
            failure = e;
        }
    }
}
