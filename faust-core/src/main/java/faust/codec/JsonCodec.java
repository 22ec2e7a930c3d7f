package faust.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faust's {@code json} codec on Jackson. Records are written with Faust's {@code __faust} namespace metadata and
 * read back leniently (unknown fields and metadata ignored); {@code Object}, interface and abstract targets are
 * resolved through the {@link Models} registry. Dates are ISO-8601 text; Python's {@code NaN}/{@code Infinity}
 * are accepted. Thread-safe: one configured mapper is shared by all calls.
 */
final class JsonCodec implements Codec {
    private final ObjectMapper mapper;
    private final Models models;
    /** One reader per target type: its type and root deserializer are resolved once, not on every call. */
    private final ConcurrentHashMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    /**
     * Creates the codec.
     *
     * @param models the registry used to resolve {@code __faust.ns} namespaces, and where records register on first use
     */
    JsonCodec(Models models) {
        this.models = Objects.requireNonNull(models, "models");
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new FaustJsonModule(models))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)     // same results as Double.parseDouble, faster
                .build();
    }

    @Override
    public byte[] dumps(Object value) {
        byte[] fast = JsonScalars.dump(value);
        if (fast != null) {
            return fast;
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the json codec cannot serialize " + value.getClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "NullAway"})   // JSON null decodes to null, as in Faust; T carries no nullness
    public <T> T loads(byte[] data, Class<T> type) {
        Object fast = JsonScalars.load(data, type);
        if (fast != null) {
            return (T) fast;
        }
        try {
            if (type == Object.class) {
                JsonNode tree = mapper.readTree(data);
                if (tree == null || tree.isMissingNode()) {
                    throw new IllegalArgumentException("cannot read " + type.getName() + " from JSON: no content");
                }
                return (T) JsonValues.toObject(tree, models, mapper::treeToValue);
            }
            return (T) reader(type).readValue(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getName() + " from JSON: " + describe(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + type.getName() + " from JSON: " + e.getMessage(), e);
        }
    }

    private ObjectReader reader(Class<?> type) {
        ObjectReader r = readers.get(type);
        return r != null ? r : readers.computeIfAbsent(type, mapper::readerFor);
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        String path = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " at " + mapping.getPathReference() : "";
        return e.getOriginalMessage() + path + where;
    }
}
