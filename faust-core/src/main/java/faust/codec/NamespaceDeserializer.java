package faust.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Optional;

/** Reads an interface or abstract type by looking up the payload's {@code __faust.ns} in the model registry. */
final class NamespaceDeserializer extends StdDeserializer<Object> {
    private static final long serialVersionUID = 1L;
    private final transient Models models;

    NamespaceDeserializer(Class<?> type, Models models) {
        super(type);
        this.models = models;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        Class<?> target = handledType();
        JsonNode node = ctxt.readTree(p);
        Optional<String> namespace = JsonValues.namespace(node);
        if (namespace.isEmpty()) {
            return ctxt.reportInputMismatch(this, "expected a JSON object with \"__faust\": {\"ns\": ...} naming a record"
                    + " that implements %s, got %s", target.getName(), node.getNodeType().name().toLowerCase());
        }
        Optional<Class<? extends Record>> type = models.lookup(namespace.get());
        if (type.isEmpty() && target.isSealed()) {
            registerPermitted(target);
            type = models.lookup(namespace.get());
        }
        if (type.isEmpty()) {
            return ctxt.reportInputMismatch(this, "no record is registered for namespace \"%s\" (wanted a %s); known"
                    + " namespaces: %s; register it with Models.register(Class)", namespace.get(), target.getName(),
                    models.namespaces());
        }
        if (!target.isAssignableFrom(type.get())) {
            return ctxt.reportInputMismatch(this, "namespace \"%s\" names %s, which is not a %s",
                    namespace.get(), type.get().getName(), target.getName());
        }
        return ctxt.readTreeAsValue(node, type.get());
    }

    private void registerPermitted(Class<?> sealed) {
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isRecord()) {
                models.register(permitted.asSubclass(Record.class));
            } else if (permitted.isSealed()) {
                registerPermitted(permitted);
            }
        }
    }
}
