package faust.codec;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.ser.Serializers;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;

/** Plugs record (model) mapping into Jackson: records, plus interfaces and abstract classes resolved by namespace. */
final class FaustJsonModule extends Module {
    private final Models models;

    FaustJsonModule(Models models) {
        this.models = models;
    }

    @Override
    public String getModuleName() {
        return "faust-models";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addSerializers(new Serializers.Base() {
            @Override
            public @Nullable JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                                                               BeanDescription beanDesc) {
                Class<?> raw = type.getRawClass();
                if (!raw.isRecord()) {
                    return null;
                }
                models.register(raw.asSubclass(Record.class));
                return new RecordSerializer(RecordInfo.of(raw));
            }
        });
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public @Nullable JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                                                                       BeanDescription beanDesc) {
                Class<?> raw = type.getRawClass();
                if (raw.isRecord()) {
                    models.register(raw.asSubclass(Record.class));
                    return new RecordDeserializer(RecordInfo.of(raw), models, config.getTypeFactory());
                }
                if (isUserAbstract(raw)) {
                    return new NamespaceDeserializer(raw, models);
                }
                return null;
            }
        });
    }

    /** Application interfaces and abstract classes; JDK and Jackson types keep Jackson's own handling. */
    private static boolean isUserAbstract(Class<?> raw) {
        if (raw.isPrimitive() || raw.isArray() || raw == Object.class) {
            return false;
        }
        if (!raw.isInterface() && !Modifier.isAbstract(raw.getModifiers())) {
            return false;
        }
        String name = raw.getName();
        return !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("com.fasterxml.");
    }
}
