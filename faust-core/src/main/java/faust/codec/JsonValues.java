package faust.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Tree-level helpers shared by the record deserializers and the codec: namespaces, coercion, lenient dates. */
final class JsonValues {
    static final String METADATA_KEY = "__faust";
    static final String NAMESPACE_KEY = "ns";

    private static final Set<Class<?>> INTEGRAL = Set.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, byte.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> FLOATING = Set.of(double.class, Double.class, float.class, Float.class);
    private static final Set<Class<?>> DATES = Set.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class,
            LocalDateTime.class, LocalDate.class);

    /** Decodes a tree into a record class; the codec and the deserializers each bring their own Jackson entry point. */
    @FunctionalInterface
    interface RecordReader {
        Object read(JsonNode node, Class<?> type) throws IOException;
    }

    private JsonValues() {}

    static Optional<String> namespace(JsonNode node) {
        JsonNode ns = node.path(METADATA_KEY).path(NAMESPACE_KEY);
        return ns.isTextual() ? Optional.of(ns.textValue()) : Optional.empty();
    }

    /** The value for an {@code Object} target: objects with a registered namespace become records, the rest plain. */
    static @Nullable Object toObject(JsonNode node, Models models, RecordReader reader) throws IOException {
        if (node.isObject()) {
            Optional<Class<? extends Record>> type = namespace(node).flatMap(models::lookup);
            if (type.isPresent()) {
                return reader.read(node, type.get());
            }
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                map.put(field.getKey(), toObject(field.getValue(), models, reader));
            }
            return map;
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toObject(element, models, reader));
            }
            return list;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return reader.read(node, Object.class);
    }

    /** Numbers and booleans: the types a Python producer often sends as text, which {@code coerce} converts. */
    static boolean isCoercible(Class<?> type) {
        return INTEGRAL.contains(type) || FLOATING.contains(type) || type == boolean.class || type == Boolean.class;
    }

    static boolean isDate(Class<?> type) {
        return DATES.contains(type);
    }

    /** Coerces a scalar to the declared type, as Faust's {@code coerce=True} does. */
    static JsonNode coerce(JsonNode node, Class<?> type) {
        if (node.isTextual()) {
            String text = node.textValue().strip();
            if (INTEGRAL.contains(type) || FLOATING.contains(type)) {
                try {
                    return DecimalNode.valueOf(new BigDecimal(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("cannot coerce \"" + text + "\" to " + type.getName());
                }
            }
            if (type == boolean.class || type == Boolean.class) {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return BooleanNode.valueOf(Boolean.parseBoolean(text));
                }
                throw new IllegalArgumentException("cannot coerce \"" + text + "\" to boolean");
            }
        } else if ((type == String.class) && (node.isNumber() || node.isBoolean())) {
            return TextNode.valueOf(node.asText());
        }
        return node;
    }

    /**
     * Parses ISO-8601 text the way Python writes it: with or without an offset (naive means UTC), 'T' or ' ' between
     * date and time, or a bare date.
     */
    static Object parseDate(String text, Class<?> type) {
        String s = text.strip();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        ZonedDateTime zoned;
        if (s.length() == 10) {
            zoned = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC);
        } else {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
            zoned = parsed instanceof ZonedDateTime z ? z : ((LocalDateTime) parsed).atZone(ZoneOffset.UTC);
        }
        if (type == Instant.class) {
            return zoned.toInstant();
        }
        if (type == OffsetDateTime.class) {
            return zoned.toOffsetDateTime();
        }
        if (type == ZonedDateTime.class) {
            return zoned;
        }
        if (type == LocalDateTime.class) {
            return zoned.toLocalDateTime();
        }
        return zoned.toLocalDate();
    }
}
