package org.streamingetl.sink.status;

import org.streamingetl.common.health.PeriodicTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.streamingetl.common.control.TableCaptured;
import org.streamingetl.sink.control.TableRegistry;

/**
 * Runs the {@link TableAudit} every few seconds on a thread of its own and puts its result on the
 * {@link StatusBoard} (GET /sink/tables, readiness, the control topic). Asks Kafka whether the topics of announced
 * tables the loop does not report hold records. Logs each new mismatch once.
 */
public final class AuditRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditRunner.class);

    private final TableAudit audit;
    private final TableRegistry registry;
    private final StatusBoard board;
    private final Admin admin;
    private final String groupId;
    private final long graceNanos;
    private final Map<String, Long> doubtfulSince = new HashMap<>();
    private Set<String> asked = new HashSet<>();
    private List<String> lastMismatches = List.of();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sink-table-audit");
        t.setDaemon(true);
        return t;
    });

    public AuditRunner(TableAudit audit, TableRegistry registry, StatusBoard board, Map<String, Object> kafka,
                       String groupId, Duration grace) {
        this.groupId = groupId;
        this.audit = audit;
        this.registry = registry;
        this.board = board;
        this.admin = Admin.create(kafka);
        this.graceNanos = grace.toNanos();
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(PeriodicTask.guarded("Auditing the sink's tables", this::runOnce),
                0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void runOnce() {
        try {
            List<TableCaptured> announced = List.copyOf(registry.announced());
            Map<String, TableAudit.Progress> progress = progress(announced);
            asked = new HashSet<>();
            TableAudit.Result result = audit.evaluate(announced, board.loopTables(), new TableAudit.Facts() {
                @Override
                public Optional<String> collision(String topic) {
                    return registry.collision(topic);
                }

                @Override
                public TableAudit.Progress progress(String topic) {
                    return progress.getOrDefault(topic, TableAudit.Progress.EMPTY);
                }

                @Override
                public boolean graceOver(String what) {
                    asked.add(what);
                    return System.nanoTime() - doubtfulSince.computeIfAbsent(what, w -> System.nanoTime()) >= graceNanos;
                }
            });
            doubtfulSince.keySet().retainAll(asked);
            board.audited(result);
            if (!result.mismatches().equals(lastMismatches)) {
                if (result.mismatches().isEmpty()) {
                    LOG.info("Audit: the tables the sink reports equal the tables cdc-registrar announced again");
                } else {
                    LOG.errorf("Audit: the tables the sink reports differ from the announced ones: %s", result.mismatches());
                }
                lastMismatches = result.mismatches();
            }
        } catch (RuntimeException e) {
            LOG.warnf("Audit of the sink's tables failed, retrying: %s", e.getMessage());
        }
    }

    /**
     * How far the sink's group got in the topics of the given tables (end offsets against committed offsets); only
     * the topics the loop does not report are asked. Topics left out are empty or missing.
     */
    private Map<String, TableAudit.Progress> progress(List<TableCaptured> announced) {
        Set<String> reported = new HashSet<>();
        board.loopTables().forEach(s -> reported.add(s.sourceTopic()));
        Set<String> candidates = new HashSet<>();
        announced.stream().map(TableCaptured::topic).filter(t -> !reported.contains(t)).forEach(candidates::add);
        Map<String, TableAudit.Progress> progress = new HashMap<>();
        if (candidates.isEmpty()) {
            return progress;
        }
        try {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(10, TimeUnit.SECONDS));
            candidates.retainAll(existing);
            if (candidates.isEmpty()) {
                return progress;
            }
            Map<String, TopicDescription> described = admin.describeTopics(candidates).allTopicNames()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(p ->
                    request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            // A partition a member of the sink's group owns is read (anything new in it is written; its lag is a
            // metric). The committed offset can stay below the end for good where transactions write commit markers
            // (an enrichment's exactly-once output).
            Set<TopicPartition> owned = new HashSet<>();
            admin.describeConsumerGroups(List.of(groupId)).all().get(10, TimeUnit.SECONDS).values()
                    .forEach(group -> group.members().forEach(m -> owned.addAll(m.assignment().topicPartitions())));
            ends.forEach((partition, info) -> {
                if (owned.contains(partition)) {
                    progress.merge(partition.topic(), TableAudit.Progress.READ, (a, b) -> a);
                } else if (info.offset() > 0) {
                    OffsetAndMetadata done = committed.get(partition);
                    TableAudit.Progress p = done != null && done.offset() >= info.offset() ? TableAudit.Progress.READ
                            : TableAudit.Progress.UNREAD;
                    progress.merge(partition.topic(), p, (a, b) -> a == TableAudit.Progress.UNREAD ? a : b);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("asking Kafka for the end offsets of " + candidates + ": " + e.getMessage(), e);
        }
        return progress;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
