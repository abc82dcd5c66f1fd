package org.streamingetl.common.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The Kafka Connect schema of an Avro schema written by a Connect Avro converter, in the form JsonConverter prints
 * it ({@code {"type": "int16", "optional": true, "name": "io.debezium.time.Date", "parameters": {…}}}): the converter
 * notes the Connect type on the Avro schema ({@code connect.type}, {@code connect.name}, {@code connect.version},
 * {@code connect.parameters}); a {@code ["null", T]} union is an optional T.
 */
public final class ConnectSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConnectSchemas() {
    }

    /** The Connect schema of {@code schema}, as JsonConverter writes it. */
    public static ObjectNode of(Schema schema) {
        boolean optional = false;
        Schema type = schema;
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> branches = schema.getTypes();
            optional = branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
            type = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst()
                    .orElse(branches.get(0));
        }
        ObjectNode node = NODES.objectNode();
        node.put("type", connectType(type));
        node.put("optional", optional);
        String name = type.getProp("connect.name");
        if (name == null && type.getType() == Schema.Type.RECORD) {
            name = type.getFullName();
        }
        if (name != null) {
            node.put("name", name);
        }
        Object version = type.getObjectProp("connect.version");
        if (version instanceof Number n) {
            node.put("version", n.intValue());
        }
        if (type.getObjectProp("connect.parameters") instanceof Map<?, ?> parameters) {
            ObjectNode p = node.putObject("parameters");
            parameters.forEach((k, v) -> p.put(k.toString(), v == null ? null : v.toString()));
        }
        switch (type.getType()) {
            case RECORD -> {
                var fields = node.putArray("fields");
                for (Schema.Field field : type.getFields()) {
                    fields.add(of(field.schema()).put("field", field.name()));
                }
            }
            case ARRAY -> node.set("items", of(type.getElementType()));
            case MAP -> {
                node.set("keys", NODES.objectNode().put("type", "string").put("optional", false));
                node.set("values", of(type.getValueType()));
            }
            default -> {
            }
        }
        return node;
    }

    /** JsonConverter's name of the Connect type an Avro type stands for. */
    private static String connectType(Schema schema) {
        String noted = schema.getProp("connect.type");
        return switch (schema.getType()) {
            case INT -> noted != null && (noted.equals("int8") || noted.equals("int16")) ? noted : "int32";
            case LONG -> "int64";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case STRING, ENUM -> "string";
            case BYTES, FIXED -> "bytes";
            case RECORD -> "struct";
            case ARRAY -> "array";
            case MAP -> "map";
            default -> throw new IllegalArgumentException("no Connect type for Avro " + schema.getType());
        };
    }
}
