package faust.settings;

import static faust.settings.Parsers.string;

import java.util.List;

/** The default codecs (Faust's {@code key_serializer} and {@code value_serializer}). */
public final class SerializationSettings {
    private static final Definer D = new Definer(Section.SERIALIZATION);

    /** {@code key_serializer}: the default key codec name. */
    public static final Setting<String> KEY_SERIALIZER = D.define("key_serializer", string(), "raw", "APP_KEY_SERIALIZER",
            "Default key codec name.");
    /** {@code value_serializer}: the default value codec name. */
    public static final Setting<String> VALUE_SERIALIZER = D.define("value_serializer", string(), "json",
            "APP_VALUE_SERIALIZER", "Default value codec name.");

    private SerializationSettings() {}

    static List<Setting<?>> keys() {
        return D.keys();
    }
}
