package faust.settings;

/**
 * Turns a raw value (a trimmed, non-blank string from a file, the environment or a system
 * property, or any object set from code) into a setting's Java value. Throws any
 * {@link RuntimeException} to reject it; {@link Setting#parse} turns that into a message naming
 * the setting, the value, its source and {@link #allowed()}.
 *
 * @param <T> the Java type of the value
 */
interface ValueParser<T> {
    /**
     * @param raw the raw value, never null or a blank string
     * @return the value
     */
    T parse(Object raw);

    /** @return what is allowed, phrased to follow "must be", e.g. {@code "an integer >= 1"} */
    String allowed();

    /** @return the Java type shown in the reference, e.g. {@code "int"} or {@code "Duration"} */
    String javaType();

    /** @return whether the value can only be set from code (it is an object, not text) */
    default boolean codeOnly() {
        return false;
    }
}
