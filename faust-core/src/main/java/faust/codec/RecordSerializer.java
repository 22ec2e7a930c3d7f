package faust.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;

/** Writes a record as its fields plus, unless disabled, Faust's {@code "__faust": {"ns": ...}}. */
final class RecordSerializer extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;
    private final transient RecordInfo info;

    RecordSerializer(RecordInfo info) {
        super(Object.class);
        this.info = info;
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeStartObject(value);
        for (RecordInfo.Component component : info.components) {
            Object fieldValue = read(component, value, provider);
            if (info.decimals && fieldValue instanceof BigDecimal decimal) {
                gen.writeStringField(component.name(), decimal.toPlainString());
            } else {
                provider.defaultSerializeField(component.name(), fieldValue, gen);
            }
        }
        if (info.includeMetadata) {
            gen.writeObjectFieldStart(JsonValues.METADATA_KEY);
            gen.writeStringField(JsonValues.NAMESPACE_KEY, info.namespace);
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }

    private Object read(RecordInfo.Component component, Object record, SerializerProvider provider)
            throws JsonMappingException {
        try {
            return component.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            throw JsonMappingException.from(provider, "accessor " + info.type.getName() + "." + component.accessor().getName()
                    + "() failed: " + cause, cause);
        }
    }
}
