package faust.agent.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faust.codec.Codecs;
import faust.stream.Header;
import faust.stream.Headers;
import faust.stream.internal.AbstractChannel;
import faust.stream.internal.EventImpl;
import faust.transport.TrackedMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Faust's RPC wire forms, byte for byte as faust-streaming 0.15.2 writes them.
 *
 * <ul>
 *   <li>Header form (Faust's default, {@code use_reply_headers=True}): the request is the plain
 *       value, encoded with the agent topic's codecs, with headers {@code Faust-Ag-ReplyTo} and
 *       {@code Faust-Ag-CorrelationId}.</li>
 *   <li>Envelope form: the request is
 *       {@code {"value":…,"reply_to":"…","correlation_id":"…","__faust":{"ns":"@ReqRepRequest"}}},
 *       always JSON; the namespace is {@code faust.agents.models.ModelReqRepRequest} when the value
 *       is a record (a Faust model).</li>
 *   <li>Reply, for both: {@code {"key":…,"value":…,"correlation_id":"…","__faust":{"ns":"@ReqRepResponse"}}}
 *       on the reply topic, NULL record key, no headers; {@code faust.agents.models.ModelReqRepResponse}
 *       when the result is a record. A key that is raw bytes is written as Python writes it,
 *       its {@code repr} ({@code "b'k1'"}).</li>
 * </ul>
 */
final class ReqRep {
    static final String REQUEST_NS = "@ReqRepRequest";
    static final String MODEL_REQUEST_NS = "faust.agents.models.ModelReqRepRequest";
    static final String RESPONSE_NS = "@ReqRepResponse";
    static final String MODEL_RESPONSE_NS = "faust.agents.models.ModelReqRepResponse";
    static final Set<String> REQUEST_NAMESPACES = Set.of(REQUEST_NS, MODEL_REQUEST_NS);
    static final Set<String> RESPONSE_NAMESPACES = Set.of(RESPONSE_NS, MODEL_RESPONSE_NS);
    static final String HEADER_REPLY_TO = "Faust-Ag-ReplyTo";
    static final String HEADER_CORRELATION_ID = "Faust-Ag-CorrelationId";
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] ENVELOPE_MARK = "\"correlation_id\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

    private ReqRep() {}

    /**
     * @param valueJson the request value as JSON, or null for a null value
     * @param model whether the value is a record
     * @param replyTo the reply topic
     * @param correlationId the request's id
     * @return the envelope request's bytes
     */
    static byte[] request(byte @Nullable [] valueJson, boolean model, String replyTo, String correlationId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (valueJson == null ? 4 : valueJson.length));
        out.writeBytes(bytes("{\"value\":"));
        out.writeBytes(valueJson == null ? NULL : valueJson);
        out.writeBytes(bytes(",\"reply_to\":"));
        out.writeBytes(quoted(replyTo));
        return finish(out, correlationId, model ? MODEL_REQUEST_NS : REQUEST_NS);
    }

    /**
     * @param keyJson the request's key as JSON ({@link #keyJson}), or null
     * @param valueJson the result as JSON, or null for a null result
     * @param model whether the result is a record
     * @param correlationId the request's id
     * @return the reply's bytes
     */
    static byte[] response(byte @Nullable [] keyJson, byte @Nullable [] valueJson, boolean model, String correlationId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (valueJson == null ? 4 : valueJson.length));
        out.writeBytes(bytes("{\"key\":"));
        out.writeBytes(keyJson == null ? NULL : keyJson);
        out.writeBytes(bytes(",\"value\":"));
        out.writeBytes(valueJson == null ? NULL : valueJson);
        return finish(out, correlationId, model ? MODEL_RESPONSE_NS : RESPONSE_NS);
    }

    private static byte[] finish(ByteArrayOutputStream out, String correlationId, String namespace) {
        out.writeBytes(bytes(",\"correlation_id\":"));
        out.writeBytes(quoted(correlationId));
        out.writeBytes(bytes(",\"__faust\":{\"ns\":"));
        out.writeBytes(quoted(namespace));
        out.writeBytes(bytes("}}"));
        return out.toByteArray();
    }

    /**
     * @param codecs the app's codecs
     * @param value a request value or a result
     * @return its JSON, or null when it is null
     */
    static byte @Nullable [] valueJson(Codecs codecs, @Nullable Object value) {
        return value == null ? null : codecs.dumpsValue(value, Codecs.JSON);
    }

    /**
     * @param codecs the app's codecs
     * @param key the key of the request being answered
     * @return its JSON for a reply's {@code key} field: raw bytes as Python's {@code repr}, as Faust writes them
     */
    static byte @Nullable [] keyJson(Codecs codecs, @Nullable Object key) {
        if (key == null) {
            return null;
        }
        if (key instanceof byte[] b) {
            return quoted(pythonRepr(b));
        }
        return codecs.dumpsValue(key, Codecs.JSON);
    }

    /**
     * @param value a request value or a result
     * @return whether Faust sees it as a model (a record), which picks the {@code Model*} namespace
     */
    static boolean isModel(@Nullable Object value) {
        return value instanceof Record;
    }

    /**
     * @param b bytes
     * @return CPython's {@code repr(b)}: {@code b'...'} with {@code \\x..} escapes
     */
    static String pythonRepr(byte[] b) {
        boolean single = false;
        boolean dbl = false;
        for (byte x : b) {
            single |= x == '\'';
            dbl |= x == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder s = new StringBuilder(b.length + 3).append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == quote || c == '\\') {
                s.append('\\').append((char) c);
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                s.append((char) c);
            }
        }
        return s.append(quote).toString();
    }

    static Headers requestHeaders(Headers base, String replyTo, String correlationId) {
        return base.with(Header.of(HEADER_REPLY_TO, replyTo)).with(Header.of(HEADER_CORRELATION_ID, correlationId));
    }

    /**
     * Recognizes an RPC request in a fetched message, in either form, whatever form the agent
     * itself asks in; decodes its value with the channel's types.
     *
     * @param ch the agent's channel
     * @param m the message
     * @return the request's event, or null when the message is not a request
     * @throws IllegalArgumentException for a request that cannot be answered (an envelope of an
     *     unknown namespace, or without a reply topic or correlation id); reported as a decode error
     */
    static @Nullable EventImpl<?, ?> unwrap(AbstractChannel<?, ?> ch, TrackedMessage m) {
        String replyTo = m.headers().lastString(HEADER_REPLY_TO);
        String correlationId = m.headers().lastString(HEADER_CORRELATION_ID);
        if (replyTo != null && correlationId != null) {
            Object value = m.value() == null ? null : ch.runtime().codecs().loadsValue(ch.valueType(), m.value(), ch.valueCodec());
            EventImpl<?, ?> e = event(ch, m, value);
            e.setReply(replyTo, correlationId);
            return e;
        }
        if (replyTo != null || correlationId != null) {
            ch.runtime().onBadInput(m, "an RPC request with header " + (replyTo != null ? HEADER_REPLY_TO : HEADER_CORRELATION_ID)
                    + " but no " + (replyTo != null ? HEADER_CORRELATION_ID : HEADER_REPLY_TO)
                    + " header; processed as a plain message, and no reply is sent", null);
            return null;
        }
        byte[] v = m.value();
        if (v == null || v.length == 0 || v[0] != '{' || !contains(v, ENVELOPE_MARK)) {
            return null;
        }
        JsonNode n = tree(v);
        if (!n.isObject() || !n.has("value") || !n.has("reply_to") || !n.has("correlation_id")) {
            return null;        // a record that happens to have a correlation_id field
        }
        String ns = n.path("__faust").path("ns").asText(null);
        if (ns == null || !REQUEST_NAMESPACES.contains(ns)) {
            throw new IllegalArgumentException("an RPC request envelope with namespace " + (ns == null ? "(none)" : "'" + ns + "'")
                    + "; Faust's are '" + REQUEST_NS + "' and '" + MODEL_REQUEST_NS + "'");
        }
        JsonNode to = n.get("reply_to");
        JsonNode id = n.get("correlation_id");
        if (!to.isTextual() || to.asText().isEmpty() || !id.isTextual() || id.asText().isEmpty()) {
            throw new IllegalArgumentException("an RPC request envelope without a reply_to topic and a correlation_id "
                    + "string, so it cannot be answered");
        }
        JsonNode inner = n.get("value");
        Object value = inner.isNull() ? null : ch.runtime().codecs().loadsValue(ch.valueType(), bytes(inner), Codecs.JSON);
        EventImpl<?, ?> e = event(ch, m, value);
        e.setReply(to.asText(), id.asText());
        return e;
    }

    private static EventImpl<?, ?> event(AbstractChannel<?, ?> ch, TrackedMessage m, @Nullable Object value) {
        Object key = m.key() == null ? null : ch.runtime().codecs().loadsKey(ch.keyType(), m.key(), ch.keyCodec());
        return new EventImpl<>(key, value, m.headers(), m, ch);
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

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] quoted(String s) {
        byte[] body = JsonStringEncoder.getInstance().quoteAsUTF8(s);
        byte[] out = new byte[body.length + 2];
        out[0] = '"';
        System.arraycopy(body, 0, out, 1, body.length);
        out[out.length - 1] = '"';
        return out;
    }
}
