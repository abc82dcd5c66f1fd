package org.streamingetl.enricher.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** The serde of the topology's rows (JSON objects) in its state stores and internal topics. */
final class JsonSerde {

    private JsonSerde() {
    }

    static Serde<ObjectNode> rows() {
        Serializer<ObjectNode> serializer = (topic, node) -> node == null ? null : node.toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        Deserializer<ObjectNode> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return (ObjectNode) ChangeRows.JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
