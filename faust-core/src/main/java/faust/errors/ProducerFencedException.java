package faust.errors;

/**
 * Another worker took over this worker's transactional id (exactly-once): this worker's
 * transaction can no longer commit, and it must stop processing so that output is not duplicated.
 */
public class ProducerFencedException extends FaustException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which transactional id was fenced and what to do
     * @param cause the transport's error
     */
    public ProducerFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
