package org.streamingetl.enricher.format;

/**
 * How an enrichment's output records are written. The topology makes every key and value in JsonConverter's form
 * ({@code OutputRows}); a format turns them into the bytes on the output topic.
 */
public interface OutputFormat {

    /** The record key's bytes for {@code jsonKey} (a JSON object of the key columns). */
    byte[] key(String topic, byte[] jsonKey);

    /** The record value's bytes for {@code jsonEnvelope} (JsonConverter's {@code {"schema", "payload"}}). */
    byte[] value(String topic, byte[] jsonEnvelope);

    /** JSON as it is (PIPELINE_FORMAT=json): values carry their schema, as Kafka Connect's JsonConverter writes them. */
    OutputFormat JSON = new OutputFormat() {
        @Override
        public byte[] key(String topic, byte[] jsonKey) {
            return jsonKey;
        }

        @Override
        public byte[] value(String topic, byte[] jsonEnvelope) {
            return jsonEnvelope;
        }
    };
}
