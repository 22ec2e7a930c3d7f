package faust.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import faust.errors.ImproperlyConfiguredException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the JSON mapping needs to know about one record class, computed once per class. */
final class RecordInfo {
    private static final ObjectMapper DEFAULTS_PARSER = new ObjectMapper();
    private static final ClassValue<RecordInfo> CACHE = new ClassValue<>() {
        @Override
        protected RecordInfo computeValue(Class<?> type) {
            return new RecordInfo(type.asSubclass(Record.class));
        }
    };

    /** One record component: its JSON name, how to read it, and its default. */
    record Component(String name, Method accessor, Type genericType, Class<?> rawType, boolean nullable,
                     @Nullable JsonNode defaultNode) {}

    final Class<? extends Record> type;
    final String namespace;
    final boolean includeMetadata;
    final boolean isodates;
    final boolean decimals;
    final boolean coerce;
    final boolean validation;
    final boolean polymorphicFields;
    final List<Component> components;
    final Constructor<?> constructor;

    private RecordInfo(Class<? extends Record> type) {
        this.type = type;
        this.namespace = Models.namespaceOf(type);
        FaustRecord options = type.getAnnotation(FaustRecord.class);
        this.includeMetadata = options == null || options.includeMetadata();
        this.coerce = options != null && options.coerce();
        this.isodates = coerce || options != null && options.isodates();
        this.decimals = options != null && options.decimals();
        this.validation = options != null && options.validation();
        this.polymorphicFields = options != null && options.polymorphicFields();
        RecordComponent[] recordComponents = type.getRecordComponents();
        var list = new ArrayList<Component>(recordComponents.length);
        var parameterTypes = new Class<?>[recordComponents.length];
        for (int i = 0; i < recordComponents.length; i++) {
            RecordComponent rc = recordComponents[i];
            Method accessor = rc.getAccessor();
            accessor.setAccessible(true);
            FieldDefault fieldDefault = rc.getAnnotation(FieldDefault.class);
            list.add(new Component(jsonName(type, rc), accessor, rc.getGenericType(), rc.getType(),
                    rc.getAnnotatedType().isAnnotationPresent(Nullable.class),
                    fieldDefault == null ? null : defaultNode(rc.getType(), fieldDefault.value())));
            parameterTypes[i] = rc.getType();
        }
        this.components = List.copyOf(list);
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new ImproperlyConfiguredException("Cannot use record " + type.getName() + " as a model: its canonical"
                    + " constructor is not accessible (" + e + "); if it lives in a named module, open its package", e);
        }
    }

    static RecordInfo of(Class<?> type) {
        return CACHE.get(type);
    }

    /** Jackson's {@code @JsonProperty} on a component renames its JSON field, e.g. to a Python snake_case name. */
    private static String jsonName(Class<?> type, RecordComponent rc) {
        try {
            Field field = type.getDeclaredField(rc.getName());
            JsonProperty property = field.getAnnotation(JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        } catch (NoSuchFieldException e) {
            // every record component has a field; fall through to the component name
        }
        return rc.getName();
    }

    private static JsonNode defaultNode(Class<?> rawType, String text) {
        if (CharSequence.class.isAssignableFrom(rawType)) {
            return TextNode.valueOf(text);
        }
        try {
            JsonNode node = DEFAULTS_PARSER.readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
