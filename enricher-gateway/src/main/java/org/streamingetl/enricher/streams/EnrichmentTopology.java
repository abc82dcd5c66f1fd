package org.streamingetl.enricher.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.kstream.ValueJoiner;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.streamingetl.common.registry.ConnectRecords;
import org.streamingetl.common.registry.SchemaUnavailableException;
import org.streamingetl.enricher.format.OutputFormat;
import org.streamingetl.enricher.format.RegistryWait;
import org.streamingetl.enricher.definition.EnrichmentDefinition.ColumnRef;
import org.streamingetl.enricher.definition.EnrichmentDefinition.JoinType;
import org.streamingetl.enricher.definition.EnrichmentPlan;
import org.streamingetl.enricher.definition.EnrichmentPlan.PlannedJoin;
import org.streamingetl.enricher.definition.EnrichmentPlan.Table;

/**
 * The Kafka Streams topology of one enrichment: each input topic becomes a table keyed by its primary key, the
 * joins are table-table foreign-key joins (left or inner), then projection and filter; every change of the result
 * (including a row leaving it) is written to {@code <prefix>.enriched.<name>}.
 */
public final class EnrichmentTopology {

    private static final Logger LOG = Logger.getLogger(EnrichmentTopology.class);

    private final EnrichmentPlan plan;
    private final OutputRows output;
    private final ConnectRecords input;
    private final OutputFormat format;
    private final RegistryWait registryWait;
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param input  reads the change events (JSON, or Avro through the schema registry)
     * @param format writes the output records (JSON, or Avro registered in the schema registry)
     */
    public EnrichmentTopology(EnrichmentPlan plan, ConnectRecords input, OutputFormat format, RegistryWait registryWait) {
        this.plan = plan;
        this.output = new OutputRows(plan);
        this.input = input;
        this.format = format;
        this.registryWait = registryWait;
    }

    /** Input records that were not change events (unreadable); they are logged and skipped. */
    public long skipped() {
        return skipped.get();
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        Table source = plan.source();
        KTable<String, ObjectNode> current = table(builder, source, true);
        int i = 0;
        for (PlannedJoin join : plan.joins()) {
            KTable<String, ObjectNode> other = table(builder, join.table(), false);
            Function<ObjectNode, String> foreignKey = joined -> foreignKey(joined, join.foreignKey());
            String alias = join.table().alias();
            ValueJoiner<ObjectNode, ObjectNode, ObjectNode> joiner = (left, right) -> {
                ObjectNode both = left.deepCopy();
                both.set(alias, right == null ? ChangeRows.NODES.nullNode() : right);
                return both;
            };
            TableJoined<String, String> named = TableJoined.as(plan.name() + "-join-" + i);
            Materialized<String, ObjectNode, KeyValueStore<Bytes, byte[]>> store =
                    Materialized.<String, ObjectNode, KeyValueStore<Bytes, byte[]>>as(plan.name() + "-joined-" + i)
                            .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.rows());
            current = join.type() == JoinType.LEFT
                    ? current.leftJoin(other, foreignKey, joiner, named, store)
                    : current.join(other, foreignKey, joiner, named, store);
            i++;
        }
        KTable<String, ObjectNode> result = current.mapValues(output::project, Named.as(plan.name() + "-project"));
        if (plan.filter() != null) {
            FilterPredicate predicate = new FilterPredicate(plan.filter());
            result = result.filter((key, row) -> predicate.test(row), Named.as(plan.name() + "-filter"));
        }
        result.toStream(Named.as(plan.name() + "-changes"))
                .map((key, row) -> registryWait.call("Enrichment " + plan.name() + " writing " + plan.outputTopic(),
                                () -> KeyValue.pair(format.key(plan.outputTopic(), output.key(key)),
                                        format.value(plan.outputTopic(), row == null ? output.delete(key)
                                                : output.upsert(row)))),
                        Named.as(plan.name() + "-envelope"))
                .to(plan.outputTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    /**
     * An input topic as a table keyed by the canonical primary key. The source table's rows are wrapped as
     * {@code {alias: row}} so that joins can add theirs next to it.
     */
    private KTable<String, ObjectNode> table(StreamsBuilder builder, Table table, boolean wrap) {
        List<String> primaryKey = table.captured().primaryKey();
        String alias = table.alias();
        return builder.stream(table.captured().topic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(plan.name() + "-read-" + alias))
                .flatMap((key, value) -> {
                    ChangeRows.Change change;
                    try {
                        change = value == null ? null : ChangeRows.changeOf(registryWait.call("Enrichment "
                                + plan.name() + " reading " + table.captured().topic(), () -> tree(value)), primaryKey);
                    } catch (SchemaUnavailableException e) {
                        throw e;
                    } catch (Exception e) {
                        skipped.incrementAndGet();
                        LOG.warnf("Enrichment %s: skipping an unreadable record of %s: %s", plan.name(),
                                table.captured().topic(), e.getMessage());
                        return List.of();
                    }
                    if (change == null) {
                        return List.of();
                    }
                    ObjectNode row = change.row();
                    if (row != null && wrap) {
                        ObjectNode wrapped = ChangeRows.NODES.objectNode();
                        wrapped.set(alias, row);
                        row = wrapped;
                    }
                    List<KeyValue<String, ObjectNode>> out = new ArrayList<>(1);
                    out.add(KeyValue.pair(change.key(), row));
                    return out;
                }, Named.as(plan.name() + "-rows-" + alias))
                .toTable(Named.as(plan.name() + "-table-" + alias),
                        Materialized.<String, ObjectNode, KeyValueStore<Bytes, byte[]>>as(plan.name() + "-" + alias)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.rows()));
    }

    private JsonNode tree(byte[] value) {
        try {
            return input.tree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String foreignKey(ObjectNode joined, List<ColumnRef> columns) {
        List<JsonNode> values = new ArrayList<>(columns.size());
        for (ColumnRef column : columns) {
            JsonNode row = joined.get(column.alias());
            values.add(row == null || row.isNull() ? null : row.path("v").get(column.column()));
        }
        return ChangeRows.key(values);
    }
}
