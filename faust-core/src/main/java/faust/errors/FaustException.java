package faust.errors;

import org.jspecify.annotations.Nullable;

/** Base of every exception faust-java throws. Unchecked, like all of them. */
public class FaustException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, the value received and how to fix it */
    public FaustException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, the value received and how to fix it
     * @param cause the underlying error
     */
    public FaustException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
