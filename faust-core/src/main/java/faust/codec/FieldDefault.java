package faust.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a record component takes when its field is absent from the JSON (Faust's {@code field: int = 1}).
 * An explicit JSON {@code null} is kept as null.
 *
 * <p>The text is read as the component's type: for {@code String} components it is the string itself; for other
 * types it is parsed as JSON ({@code "1"}, {@code "true"}, {@code "[]"}, {@code "{}"}) and, if it is not JSON,
 * used as a JSON string ({@code "EUR"} for an enum, {@code "2024-01-01T00:00:00Z"} for an {@code Instant}).
 *
 * <pre>{@code
 * record Order(String id, @FieldDefault("1") int quantity, @FieldDefault("EUR") String currency) {}
 * }</pre>
 *
 * @see FaustRecord
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface FieldDefault {
    /**
     * The default value as text.
     *
     * @return the default, as text (see the class documentation for how it is read)
     */
    String value();
}
