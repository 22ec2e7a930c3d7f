package faust.agent;

/**
 * How an RPC request names where its reply goes (Faust's {@code use_reply_headers}). An agent
 * accepts both forms whatever its own option says; the option picks how its handle (or a proxy)
 * asks, which must be what the agent at the other end reads: a Python Faust agent of
 * faust-streaming 0.15.2 declared with {@code @app.agent()} reads only the header form, one
 * declared with {@code use_reply_headers=False} only the envelope form. The app-wide default is
 * the {@code agent_use_reply_headers} setting (true: {@link #HEADERS}).
 */
public enum ReplyForm {
    /**
     * The plain value, with headers {@code Faust-Ag-ReplyTo} and {@code Faust-Ag-CorrelationId}:
     * Faust's default ({@code use_reply_headers=True}) and faust-java's.
     */
    HEADERS,
    /**
     * The value wrapped in Faust's envelope with {@code reply_to} and {@code correlation_id}
     * ({@code @ReqRepRequest}, or {@code faust.agents.models.ModelReqRepRequest} for a record), as
     * Faust's agents declared with {@code use_reply_headers=False} read it (the default of {@code app.agent} in Faust 1.6).
     */
    ENVELOPE
}
