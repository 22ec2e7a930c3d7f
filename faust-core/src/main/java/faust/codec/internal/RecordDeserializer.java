package faust.codec.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.type.TypeFactory;
import faust.codec.Models;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a record from a JSON object: ignores {@code __faust} and unknown fields, fills {@code @FieldDefault}s and
 * applies the record's {@code @FaustRecord} options, then calls the canonical constructor.
 */
final class RecordDeserializer extends StdDeserializer<Object> {
    private static final long serialVersionUID = 1L;
    private final transient RecordInfo info;
    private final transient Models models;
    private final transient List<JavaType> types;

    RecordDeserializer(RecordInfo info, Models models, TypeFactory typeFactory) {
        super(info.type);
        this.info = info;
        this.models = models;
        this.types = info.components.stream().map(c -> typeFactory.constructType(c.genericType())).toList();
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = ctxt.readTree(p);
        if (!node.isObject()) {
            return ctxt.reportInputMismatch(this, "expected a JSON object for record %s (namespace \"%s\") but got %s %s",
                    info.type.getName(), info.namespace, node.getNodeType().name().toLowerCase(), abbreviate(node));
        }
        @Nullable Object[] args = new Object[info.components.size()];
        for (int i = 0; i < args.length; i++) {
            RecordInfo.Component component = info.components.get(i);
            JsonNode value = node.get(component.name());
            if (value == null) {
                value = component.defaultNode();
            }
            if (value == null || value.isNull()) {
                checkAbsent(component, value == null, ctxt);
                continue;
            }
            try {
                args[i] = read(component, types.get(i), value, ctxt);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return ctxt.reportInputMismatch(this, "field \"%s\" of record %s: %s",
                        component.name(), info.type.getName(), e.getMessage());
            } catch (JsonMappingException e) {
                e.prependPath(info.type, component.name());
                throw e;
            }
        }
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

    private @Nullable Object read(RecordInfo.Component component, JavaType type, JsonNode value,
                                  DeserializationContext ctxt) throws IOException {
        Class<?> raw = component.rawType();
        if (raw == Object.class && info.polymorphicFields) {
            return JsonValues.toObject(value, models, ctxt::readTreeAsValue);
        }
        if (value.isTextual()) {
            if (raw == BigDecimal.class) {
                return parseDecimal(value.textValue());
            }
            if (info.isodates && JsonValues.isDate(raw)) {
                return JsonValues.parseDate(value.textValue(), raw);
            }
            if (!info.coerce && JsonValues.isCoercible(raw)) {
                throw new IllegalArgumentException("expected " + raw.getName() + " but got the string \""
                        + value.textValue() + "\"; send a JSON " + (raw == boolean.class || raw == Boolean.class
                        ? "boolean" : "number") + " or set @FaustRecord(coerce = true) to convert text");
            }
        }
        JsonNode coerced = info.coerce ? JsonValues.coerce(value, raw) : value;
        return ctxt.readTreeAsValue(coerced, type);
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
