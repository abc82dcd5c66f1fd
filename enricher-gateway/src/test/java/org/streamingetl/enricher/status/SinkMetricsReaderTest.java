package org.streamingetl.enricher.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;

class SinkMetricsReaderTest {

    private static final String METRICS = """
            # HELP pipeline_change_latency_seconds Latency of a change over one hop
            # TYPE pipeline_change_latency_seconds histogram
            pipeline_change_latency_seconds{hop="kafka_to_clickhouse",table="db.a",quantile="0.5"} 0.05
            pipeline_change_latency_seconds_bucket{hop="kafka_to_clickhouse",table="db.a",le="0.1"} 3
            pipeline_change_latency_seconds_bucket{hop="kafka_to_clickhouse",table="db.a",le="+Inf"} 4
            pipeline_change_latency_seconds_bucket{hop="kafka_to_clickhouse",table="db.\\"b\\", le=\\"x",le="0.1"} 1
            pipeline_change_latency_seconds_bucket{hop="kafka_to_clickhouse",table="db.\\"b\\", le=\\"x",le="+Inf"} 1
            pipeline_change_latency_seconds_bucket{hop="source_to_kafka",table="db.a",le="0.1"} 2.0 1764790000000
            pipeline_change_latency_seconds_count{hop="source_to_kafka",table="db.a"} 2
            sink_rows_written_total{table="db.a"} 7
            """;

    @Test
    void bucketsAreSummedOverTablesPerHop() {
        Map<String, NavigableMap<Double, Double>> hops = SinkMetricsReader.latencyBuckets(METRICS);
        assertEquals(Map.of(0.1, 4.0, Double.POSITIVE_INFINITY, 5.0), hops.get("kafka_to_clickhouse"));
        assertEquals(Map.of(0.1, 2.0), hops.get("source_to_kafka"));
        assertEquals(2, hops.size());
    }

    @Test
    void labelValuesMayHoldQuotesCommasAndBackslashes() {
        assertEquals(Map.of("table", "db.\"b\", le=\"x", "le", "0.1"),
                SinkMetricsReader.labels("table=\"db.\\\"b\\\", le=\\\"x\",le=\"0.1\""));
    }

    @Test
    void urlsAreSplitOnCommasAndSpaces() {
        assertEquals(List.of("http://a:1", "http://b:2", "http://c:3"),
                SinkMetricsReader.urls(" http://a:1 http://b:2/,http://c:3"));
        assertEquals(List.of(), SinkMetricsReader.urls("none"));
        assertEquals(List.of(), SinkMetricsReader.urls(""));
    }
}
