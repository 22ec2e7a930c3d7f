package faust.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Options of a model, mirroring the class options of Faust's {@code Record}. Optional: a record without it
 * behaves as if annotated with all defaults.
 *
 * <pre>{@code
 * @FaustRecord(namespace = "orders.Order", decimals = true)
 * record Order(String id, BigDecimal amount, Instant placedAt) {}
 * }</pre>
 *
 * @see Models
 * @see FieldDefault
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FaustRecord {
    /**
     * The name written to and read from {@code "__faust": {"ns": ...}}. Empty means the class's binary name
     * ({@link Class#getName()}, e.g. {@code com.acme.Shop$Order}). Set it to the Python class's
     * {@code module.QualName} to share a topic with Python Faust.
     *
     * @return the namespace, or empty for the default
     */
    String namespace() default "";

    /**
     * Whether JSON output carries {@code "__faust": {"ns": namespace}} (Faust's {@code include_metadata}).
     *
     * @return true to write the metadata
     */
    boolean includeMetadata() default true;

    /**
     * Faust's {@code isodates}: parse date-time fields leniently from ISO-8601 text as Python writes it, e.g. naive
     * {@code 2024-05-01T12:00:00} (read as UTC) or with a space instead of {@code T}. Strict ISO-8601 with an
     * offset is always accepted; dates are always written as ISO-8601 text.
     *
     * @return true for lenient date parsing
     */
    boolean isodates() default false;

    /**
     * Faust's {@code decimals}: write {@link java.math.BigDecimal} fields as JSON strings (as Python Faust does) rather
     * than as JSON numbers. Both forms are always accepted on read.
     *
     * @return true to write decimals as strings
     */
    boolean decimals() default false;

    /**
     * Faust's {@code coerce}: convert field values to the declared type, e.g. {@code "42"} to an {@code int},
     * {@code "true"} to a {@code boolean}, a number to a {@code String}; implies lenient {@link #isodates()}.
     * Without it such a mismatch is a decode error.
     *
     * @return true to coerce
     */
    boolean coerce() default false;

    /**
     * Faust's {@code validation}: a missing or null field is an error unless the component is JSpecify
     * {@code @Nullable} or has a {@link FieldDefault}. Validation of values belongs in the record's compact
     * constructor, which always runs.
     *
     * @return true to require non-null fields
     */
    boolean validation() default false;

    /**
     * Faust's {@code polymorphic_fields}: components declared as {@code Object} decode nested JSON objects that carry
     * a registered {@code __faust.ns} into that record (otherwise they stay {@code Map}s). Components declared as an
     * interface or abstract class always decode by namespace, since nothing else can construct them.
     *
     * @return true to resolve namespaces inside {@code Object} components
     */
    boolean polymorphicFields() default false;

    /**
     * Faust's {@code serializer}: the codec name or chain to use for this model when a topic does not set one.
     * Empty means the topic's or app's default. Read it with {@link Models#serializerOf(Class)}.
     *
     * @return the codec spec, or empty
     */
    String serializer() default "";
}
