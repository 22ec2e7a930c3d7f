package faust.agent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faust.internal.AppRuntime;
import faust.stream.Header;
import faust.stream.Headers;
import faust.stream.internal.AbstractChannel;
import faust.stream.internal.EventImpl;
import faust.transport.TrackedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Faust's RPC wire forms. Envelope: the request value is wrapped as JSON
 * {@code {"value": ..., "reply_to": ..., "correlation_id": ..., "__faust": {"ns": "@ReqRepRequest"}}};
 * the reply is {@code {"key": ..., "value": ..., "correlation_id": ..., "__faust": {"ns": "@ReqRepResponse"}}}.
 * Header form: the plain value with headers {@code Faust-Ag-ReplyTo} and {@code Faust-Ag-CorrelationId}.
 */
final class ReqRep {
    static final String REQUEST_NS = "@ReqRepRequest";
    static final String RESPONSE_NS = "@ReqRepResponse";
    static final String HEADER_REPLY_TO = "Faust-Ag-ReplyTo";
    static final String HEADER_CORRELATION_ID = "Faust-Ag-CorrelationId";
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] REQUEST_MARK = REQUEST_NS.getBytes(StandardCharsets.UTF_8);

    private ReqRep() {}

    static byte[] request(AppRuntime rt, @Nullable Object value, String replyTo, String correlationId) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("value", value == null ? MAPPER.nullNode() : tree(rt.codecs().dumpsValue(value, "json")));
        n.put("reply_to", replyTo);
        n.put("correlation_id", correlationId);
        n.putObject("__faust").put("ns", REQUEST_NS);
        return bytes(n);
    }

    static byte[] response(AppRuntime rt, @Nullable Object key, @Nullable Object value, String correlationId) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("key", key == null ? MAPPER.nullNode() : tree(rt.codecs().dumpsValue(key, "json")));
        n.set("value", value == null ? MAPPER.nullNode() : tree(rt.codecs().dumpsValue(value, "json")));
        n.put("correlation_id", correlationId);
        n.putObject("__faust").put("ns", RESPONSE_NS);
        return bytes(n);
    }

    /** Recognizes a request in a fetched message; decodes its inner value with the channel's types. */
    static @Nullable EventImpl<?, ?> unwrap(AbstractChannel<?, ?> ch, TrackedMessage m) {
        String replyTo = m.headers().lastString(HEADER_REPLY_TO);
        String correlationId = m.headers().lastString(HEADER_CORRELATION_ID);
        if (replyTo != null && correlationId != null) {
            EventImpl<?, ?> e = decode(ch, m, m.value() == null ? null : ch.runtime().codecs().loadsValue(ch.valueType(), m.value(),
                    ch.valueCodec()));
            e.setReply(replyTo, correlationId);
            return e;
        }
        byte[] v = m.value();
        if (v == null || v.length == 0 || v[0] != '{' || !contains(v, REQUEST_MARK)) {
            return null;
        }
        JsonNode n = tree(v);
        if (!REQUEST_NS.equals(n.path("__faust").path("ns").asText(null))) {
            return null;
        }
        JsonNode inner = n.path("value");
        Object value = inner.isNull() || inner.isMissingNode() ? null
                : ch.runtime().codecs().loadsValue(ch.valueType(), bytes(inner), "json");
        EventImpl<?, ?> e = decode(ch, m, value);
        e.setReply(n.path("reply_to").asText(), n.path("correlation_id").asText());
        return e;
    }

    private static EventImpl<?, ?> decode(AbstractChannel<?, ?> ch, TrackedMessage m, @Nullable Object value) {
        Object key = m.key() == null ? null : ch.runtime().codecs().loadsKey(ch.keyType(), m.key(), ch.keyCodec());
        return new EventImpl<>(key, value, m.headers(), m, ch);
    }

    static Headers requestHeaders(Headers base, String replyTo, String correlationId) {
        return base.with(Header.of(HEADER_REPLY_TO, replyTo)).with(Header.of(HEADER_CORRELATION_ID, correlationId));
    }

    private static boolean contains(byte[] data, byte[] mark) {
        outer:
        for (int i = 0; i + mark.length <= data.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (data[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static JsonNode tree(byte[] data) {
        try {
            return MAPPER.readTree(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
