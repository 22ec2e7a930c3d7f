package faust.table.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON a set table writes around its keys and elements, compact as Faust writes it: arrays
 * of already encoded parts, and the parts of such an array back.
 */
final class JsonArrays {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonArrays() {}

    /**
     * @param parts encoded JSON values
     * @return the JSON array of them: {@code [a,b,...]}
     */
    static byte[] join(List<byte[]> parts) {
        int n = 2 + parts.size();
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        out.write('[');
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(parts.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    /**
     * @param json a JSON array
     * @return its elements, each encoded on its own
     * @throws IllegalArgumentException when it is not a JSON array
     */
    static List<byte[]> split(byte[] json) {
        return elements(tree(json), "a JSON array");
    }

    static JsonNode tree(byte[] json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new IllegalArgumentException("expected JSON, got no content");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param node a JSON array node
     * @param what what it should be, for the error
     * @return its elements, each encoded on its own
     */
    static List<byte[]> elements(JsonNode node, String what) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("expected " + what + ", got " + node.getNodeType().name().toLowerCase()
                    + " " + abbreviate(node.toString()));
        }
        List<byte[]> out = new ArrayList<>(node.size());
        for (JsonNode e : node) {
            out.add(bytes(e));
        }
        return out;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
