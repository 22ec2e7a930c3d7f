package faust.settings.internal;

import org.jspecify.annotations.Nullable;

/**
 * Turns a raw value (a string from a file or the environment, or any object from code) into the
 * setting's Java value, or rejects it.
 */
public interface Parser {
    /**
     * @param raw the raw value; {@code null} or a blank string means "none"
     * @return the parsed value; {@code null} only if {@link #nullable()}
     * @throws BadValue if the value is not allowed
     */
    @Nullable Object parse(@Nullable Object raw);

    /** @return what is allowed, phrased to follow "must be", e.g. {@code "an integer >= 1"} */
    String allowed();

    /** @return the Java type shown in the reference, e.g. {@code "int"} or {@code "Duration"} */
    String javaType();

    /** @return whether "none" is an allowed value */
    boolean nullable();

    /** @return whether the value can only be set from code (it is an object, not text) */
    default boolean codeOnly() {
        return false;
    }

    /** A rejected value; the resolver adds the setting name, the value and its source to the message. */
    final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param detail an optional detail appended to the message, or empty */
        public BadValue(String detail) {
            super(detail, null, false, false);
        }
    }
}
