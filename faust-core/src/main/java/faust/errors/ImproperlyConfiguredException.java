package faust.errors;

/** A setting, a declaration or an argument is wrong; the message names it, the value and what is allowed. */
public class ImproperlyConfiguredException extends FaustException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, the value received and what is allowed */
    public ImproperlyConfiguredException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, the value received and what is allowed
     * @param cause the underlying error
     */
    public ImproperlyConfiguredException(String message, Throwable cause) {
        super(message, cause);
    }
}
