package faust.agent;

/**
 * How an RPC request names where its reply goes (Faust's {@code use_reply_headers}). An agent
 * accepts both forms whatever its own option says.
 */
public enum ReplyForm {
    /** The plain value, with headers {@code Faust-Ag-ReplyTo} and {@code Faust-Ag-CorrelationId}. */
    HEADERS,
    /**
     * The value wrapped in Faust's {@code ReqRepRequest} envelope with {@code reply_to} and
     * {@code correlation_id}; faust-java's default.
     */
    ENVELOPE
}
