package faust.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a record from a JSON object: ignores {@code __faust} and unknown fields, fills {@code @FieldDefault}s and
 * applies the record's {@code @FaustRecord} options, then calls the canonical constructor.
 *
 * <p>Fields are read straight from the token stream, each with the deserializer resolved once for its component
 * ({@link #resolve}); no tree is built. Only {@code Object} components with {@code polymorphicFields}, coerced
 * scalars and absent fields with a default go through a small tree.
 */
final class RecordDeserializer extends StdDeserializer<Object> implements ResolvableDeserializer {
    private static final long serialVersionUID = 1L;
    private static final byte TEXT_PLAIN = 0;      // read by the component's deserializer
    private static final byte TEXT_DECIMAL = 1;    // BigDecimal from text
    private static final byte TEXT_DATE = 2;       // lenient ISO date (isodates)
    private static final byte TEXT_SCALAR = 3;     // number or boolean: coerced, or an error without coerce
    private final transient RecordInfo info;
    private final transient Models models;
    private final transient List<JavaType> types;
    private final transient RecordInfo.Component[] components;
    private final transient String[] names;
    /** Per component, what a JSON string means for it: {@link #TEXT_PLAIN} and the others below. */
    private final transient byte[] onText;
    private transient @Nullable JsonDeserializer<Object> @Nullable [] deserializers;

    RecordDeserializer(RecordInfo info, Models models, TypeFactory typeFactory) {
        super(info.type);
        this.info = info;
        this.models = models;
        this.types = info.components.stream().map(c -> typeFactory.constructType(c.genericType())).toList();
        this.components = info.components.toArray(RecordInfo.Component[]::new);
        this.names = new String[components.length];
        this.onText = new byte[components.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = components[i].name().intern();    // Jackson interns field names: most lookups are ==
            Class<?> raw = components[i].rawType();
            onText[i] = raw == BigDecimal.class ? TEXT_DECIMAL
                    : info.isodates && JsonValues.isDate(raw) ? TEXT_DATE
                    : JsonValues.isCoercible(raw) ? TEXT_SCALAR
                    : TEXT_PLAIN;
        }
    }

    /** Resolves each component's deserializer once; Jackson calls this before first use (and handles cycles). */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void resolve(DeserializationContext ctxt) throws JsonMappingException {
        @Nullable JsonDeserializer<Object>[] found = new JsonDeserializer[components.length];
        for (int i = 0; i < found.length; i++) {
            try {
                found[i] = ctxt.findRootValueDeserializer(types.get(i));
            } catch (JsonMappingException e) {
                found[i] = null;    // a type Jackson cannot read fails when (and only if) the field is present
            }
        }
        deserializers = found;
    }

    @Override
    public boolean isCachable() {
        return true;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            t = p.nextToken();
        } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
            JsonNode node = ctxt.readTree(p);
            return ctxt.reportInputMismatch(this, "expected a JSON object for record %s (namespace \"%s\") but got %s %s",
                    info.type.getName(), info.namespace, node.getNodeType().name().toLowerCase(), abbreviate(node));
        }
        int n = components.length;
        @Nullable Object[] args = new Object[n];
        // 0 = absent, 1 = a value was read, 2 = explicit null
        byte[] state = new byte[n];
        int expected = 0;
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            int i = indexOf(name, expected);
            t = p.nextToken();
            if (i < 0) {
                p.skipChildren();       // unknown fields and "__faust"
                continue;
            }
            expected = i + 1;
            if (t == JsonToken.VALUE_NULL) {
                args[i] = null;
                state[i] = 2;
                continue;
            }
            args[i] = readField(i, p, ctxt);
            state[i] = 1;
        }
        for (int i = 0; i < n; i++) {
            if (state[i] == 1) {
                continue;
            }
            RecordInfo.Component component = components[i];
            JsonNode value = state[i] == 0 ? component.defaultNode() : null;
            if (value == null || value.isNull()) {
                checkAbsent(component, state[i] == 0 && value == null, ctxt);
                args[i] = null;
                continue;
            }
            args[i] = readTree(i, value, ctxt);
        }
        return construct(args, ctxt);
    }

    private int indexOf(String name, int expected) {
        String[] ns = names;
        if (expected < ns.length && ns[expected] == name) {
            return expected;
        }
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < ns.length; i++) {
            if (ns[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads component {@code i} from the parser, which is at the (non-null) value's first token. */
    private @Nullable Object readField(int i, JsonParser p, DeserializationContext ctxt) throws IOException {
        RecordInfo.Component component = components[i];
        Class<?> raw = component.rawType();
        try {
            if (raw == Object.class && info.polymorphicFields) {
                return JsonValues.toObject(ctxt.readTree(p), models, ctxt::readTreeAsValue);
            }
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                switch (onText[i]) {
                    case TEXT_DECIMAL:
                        return parseDecimal(p.getText());
                    case TEXT_DATE:
                        return JsonValues.parseDate(p.getText(), raw);
                    case TEXT_SCALAR:
                        if (!info.coerce) {
                            throw notCoerced(raw, p.getText());
                        }
                        return readCoerced(i, ctxt.readTree(p), ctxt);
                    default:
                        break;
                }
            } else if (info.coerce && raw == String.class && t.isScalarValue()) {
                return readCoerced(i, ctxt.readTree(p), ctxt);
            }
            return deserializer(i, ctxt).deserialize(p, ctxt);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return ctxt.reportInputMismatch(this, "field \"%s\" of record %s: %s",
                    component.name(), info.type.getName(), e.getMessage());
        } catch (JsonMappingException e) {
            e.prependPath(info.type, component.name());
            throw e;
        }
    }

    /** Reads component {@code i} from a tree: a {@code @FieldDefault}, through the same rules as a field. */
    private @Nullable Object readTree(int i, JsonNode value, DeserializationContext ctxt) throws IOException {
        try (JsonParser p = value.traverse(ctxt.getParser().getCodec())) {
            p.nextToken();
            return readField(i, p, ctxt);
        }
    }

    private @Nullable Object readCoerced(int i, JsonNode value, DeserializationContext ctxt) throws IOException {
        JsonNode coerced = JsonValues.coerce(value, components[i].rawType());
        try (JsonParser p = coerced.traverse(ctxt.getParser().getCodec())) {
            p.nextToken();
            return deserializer(i, ctxt).deserialize(p, ctxt);
        }
    }

    private JsonDeserializer<Object> deserializer(int i, DeserializationContext ctxt) throws JsonMappingException {
        @Nullable JsonDeserializer<Object> @Nullable [] ds = deserializers;
        @Nullable JsonDeserializer<Object> d = ds == null ? null : ds[i];
        return d != null ? d : ctxt.findRootValueDeserializer(types.get(i));
    }

    private Object construct(@Nullable Object[] args, DeserializationContext ctxt) throws IOException {
        try {
            return info.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw JsonMappingException.from(ctxt, "record " + info.type.getName() + " rejected its fields: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw JsonMappingException.from(ctxt, "cannot construct record " + info.type.getName() + ": " + e, e);
        }
    }

    private void checkAbsent(RecordInfo.Component component, boolean missing, DeserializationContext ctxt)
            throws IOException {
        String state = missing ? "is missing" : "is null";
        if (component.rawType().isPrimitive()) {
            ctxt.reportInputMismatch(this, "field \"%s\" (%s) of record %s %s; send a value or give the component"
                    + " a @FieldDefault", component.name(), component.rawType(), info.type.getName(), state);
        }
        if (info.validation && !component.nullable()) {
            ctxt.reportInputMismatch(this, "field \"%s\" of record %s %s, and validation is on; send a value,"
                    + " mark the component @Nullable or give it a @FieldDefault", component.name(), info.type.getName(),
                    state);
        }
    }

    private static IllegalArgumentException notCoerced(Class<?> raw, String text) {
        return new IllegalArgumentException("expected " + raw.getName() + " but got the string \"" + text
                + "\"; send a JSON " + (raw == boolean.class || raw == Boolean.class ? "boolean" : "number")
                + " or set @FaustRecord(coerce = true) to convert text");
    }

    private static BigDecimal parseDecimal(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a decimal number, got \"" + text + "\"");
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
