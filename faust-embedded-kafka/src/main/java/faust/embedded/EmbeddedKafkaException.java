package faust.embedded;

import java.io.Serial;

/**
 * An embedded cluster failed to start, or a node failed to start again. The message says which
 * node, why, and where its log is; for child JVMs it also quotes the end of that log.
 */
public final class EmbeddedKafkaException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and how to find out more
     * @param cause the underlying failure
     */
    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
