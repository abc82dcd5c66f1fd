package org.streamingetl.sink.clickhouse;

import org.jboss.logging.Logger;
import org.streamingetl.sink.mapping.Identifiers;

/**
 * Gives a replica that is back after being down the Replicated tables it lacks. ClickHouse 18.16 replays the ON
 * CLUSTER statements it missed from ZooKeeper's DDL queue, but a table created and then altered meanwhile fails there
 * ("Table structure in ZooKeeper is too different from local table structure": the queued CREATE has the old
 * columns). Such a table is created on the returned replica from the definition the replica the sink talks to has
 * ({@code SHOW CREATE TABLE}: the same ZooKeeper path, the {@code {replica}} macro), and the replica then fetches
 * its rows through replication. Tables it has are left alone.
 */
public final class ReplicaRepair {

    private static final Logger LOG = Logger.getLogger(ReplicaRepair.class);
    private static final String REPLICATED = "SELECT database, name FROM system.tables WHERE engine LIKE 'Replicated%' "
            + "AND database != 'system' ORDER BY database, name";

    private final ClickHouseGateway gateway;

    public ReplicaRepair(ClickHouseGateway gateway) {
        this.gateway = gateway;
    }

    /** Creates on replica {@code returned} every Replicated table of the current replica it lacks; returns how many. */
    public int repair(String returned) {
        String source = gateway.url();
        if (source.equals(returned)) {
            return 0;
        }
        java.util.Set<String> present = java.util.Set.copyOf(lines(gateway.queryTextOn(returned, REPLICATED)));
        int created = 0;
        for (String line : lines(gateway.queryTextOn(source, REPLICATED))) {
            if (present.contains(line)) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            String database = ClickHouseGateway.unescapeTsv(parts[0]);
            String table = ClickHouseGateway.unescapeTsv(parts[1]);
            String qualified = Identifiers.quote(database) + "." + Identifiers.quote(table);
            String definition = gateway.queryTextOn(source, "SHOW CREATE TABLE " + qualified + " FORMAT TSVRaw").strip();
            gateway.executeOn(returned, "CREATE DATABASE IF NOT EXISTS " + Identifiers.quote(database));
            gateway.executeOn(returned, definition.replaceFirst("^CREATE TABLE ", "CREATE TABLE IF NOT EXISTS "));
            LOG.warnf("ClickHouse replica %s came back without table %s (created or changed while it was down); created it "
                    + "there from the definition on %s, its rows come through replication", returned, qualified, source);
            created++;
        }
        return created;
    }

    private static java.util.List<String> lines(String text) {
        return text.lines().filter(l -> !l.isEmpty()).toList();
    }
}
