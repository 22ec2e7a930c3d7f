package faust.errors;

/** A key or value could not be serialized with its codec. */
public class EncodeException extends FaustException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be encoded and why
     * @param cause the codec's error
     */
    public EncodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
