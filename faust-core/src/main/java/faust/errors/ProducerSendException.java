package faust.errors;

/** A message could not be sent (produced) to its topic. */
public class ProducerSendException extends FaustException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and why
     * @param cause the transport's error
     */
    public ProducerSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
