package faust.agent;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.codec.FaustRecord;
import faust.stream.Header;
import faust.stream.Headers;
import faust.testing.Await;
import faust.topic.TP;
import faust.topic.Topic;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Agent RPC byte for byte against the records real Python Faust (faust-streaming 0.15.2) wrote
 * (test resources {@code faust-wire/}): faust-java's requests and replies are the same bytes, and
 * Faust's requests and replies are read as the right Java values. The broker plays the Python
 * side: sample bytes are appended to it as a Python worker would write them, and what faust-java
 * wrote is read back from it.
 */
@SuppressWarnings({"rawtypes", "unchecked"})   // a result type of Map: Class<R> can only be the raw Map.class
class RpcWireTest {
    /** The reply topic of the Python worker that wrote the samples. */
    private static final String PY_REPLY_TO = "f-reply-92788781-0c01-472a-872d-ba6ba6b1801b";

    @FaustRecord(namespace = "interop_rpc.Point")
    record Point(int x, int y) {}

    private final AppTestDriver driver = AppTestDriver.create();
    private final MemoryBroker broker = MemoryBroker.named(driver.brokerUrl().substring("memory://".length()));

    @AfterEach
    void close() {
        driver.close();
    }

    private static byte[] sample(String name) {
        try (InputStream in = RpcWireTest.class.getResourceAsStream("/faust-wire/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String name) {
        return new String(sample(name), StandardCharsets.UTF_8);
    }

    private static Headers headers(String name) {
        List<Header> list = new ArrayList<>();
        for (String line : text(name).split("\n")) {
            int eq = line.indexOf('=');
            list.add(Header.of(line.substring(0, eq), line.substring(eq + 1)));
        }
        return Headers.of(list);
    }

    /** @return every record of the topic, partition by partition */
    private List<TrackedMessage> records(String topic) {
        List<TrackedMessage> out = new ArrayList<>();
        for (int p = 0; p < broker.partitionCount(topic).orElse(0); p++) {
            out.addAll(broker.visible(new TP(topic, p), 0));
        }
        return out;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---- Faust asks, a faust-java agent answers ------------------------------------------------

    /**
     * The Python side's agents as faust-java agents. An agent's own topic is {@code <app id>-<name>},
     * so naming it {@code <module>.<function>} in an app of the Python app's id gives the Python
     * agent's topic ({@code interop-rpc-interop_rpc.mul}).
     */
    private App answeringApp() {
        App app = driver.app("interop-rpc");
        app.agent("interop_rpc.mul", String.class, Double.class, Double.class, (stream, results) -> {
            for (Double v : stream) {
                results.emit(v * 100);
            }
        });
        app.agent("interop_rpc.norm", String.class, Point.class, Point.class, (stream, results) -> {
            for (Point p : stream) {
                results.emit(new Point(p.x() * 2, p.y() * 2));
            }
        });
        app.agent("interop_rpc.mul_keyed", byte[].class, Integer.class, Map.class, (stream, results) -> {
            for (var kv : stream.items()) {
                Map<String, Object> r = new LinkedHashMap<>();        // what the Python agent yields: {"key": repr(key), ...}
                r.put("key", "b'" + new String(Objects.requireNonNull(kv.key()), StandardCharsets.UTF_8) + "'");
                r.put("doubled", Objects.requireNonNull(kv.value()) * 2);
                results.emit(r);
            }
        });
        return app;
    }

    /** Appends a sample request as the Python worker wrote it: key, value and headers. */
    private void pythonSends(String topic, String sample) {
        String base = sample.substring(0, sample.lastIndexOf('.'));
        byte[] key = base.endsWith("keyed") ? sample(base + ".key") : null;
        Headers headers = base.startsWith("06-") ? headers(base + ".headers") : Headers.empty();
        broker.append(topic, 0, null, key, sample(sample), headers, 1);
    }

    @Test
    void faust_header_form_requests_of_every_value_kind_get_faust_s_exact_replies() {
        driver.start(answeringApp());
        pythonSends("interop-rpc-interop_rpc.mul", "06-rpc-request-headers-float.value");
        pythonSends("interop-rpc-interop_rpc.norm", "06-rpc-request-headers-record.value");
        pythonSends("interop-rpc-interop_rpc.mul_keyed", "06-rpc-request-headers-keyed.value");
        driver.awaitIdle();
        Await.until(Duration.ofSeconds(10), () -> records(PY_REPLY_TO).size() == 3, "three replies");

        List<String> replies = records(PY_REPLY_TO).stream().map(m -> utf8(Objects.requireNonNull(m.value()))).toList();
        assertThat(replies).containsExactlyInAnyOrder(
                text("08-rpc-reply-ReqRepResponse-float.value"),
                text("08-rpc-reply-ModelReqRepResponse-record.value"),
                text("08-rpc-reply-ReqRepResponse-keyed.value"));
        for (TrackedMessage m : records(PY_REPLY_TO)) {
            assertThat(m.key()).as("a reply has a NULL record key, as Faust's").isNull();
            assertThat(m.headers().asList()).as("and no headers").isEmpty();
        }
    }

    @Test
    void faust_envelope_requests_of_numbers_and_records_get_faust_s_exact_replies() {
        driver.start(answeringApp());      // agents that ask in the header form read the envelope form too
        pythonSends("interop-rpc-interop_rpc.mul", "07-rpc-request-envelope-ReqRepRequest.value");
        pythonSends("interop-rpc-interop_rpc.norm", "07-rpc-request-envelope-ModelReqRepRequest.value");
        driver.awaitIdle();
        Await.until(Duration.ofSeconds(10), () -> records(PY_REPLY_TO).size() == 2, "two replies");

        List<String> replies = records(PY_REPLY_TO).stream().map(m -> utf8(Objects.requireNonNull(m.value()))).toList();
        assertThat(replies).containsExactlyInAnyOrder(
                text("08-rpc-reply-ReqRepResponse-float-envelope-req.value"),
                text("08-rpc-reply-ModelReqRepResponse-record-envelope-req.value"));
    }

    // ---- faust-java asks, Faust answers ---------------------------------------------------------

    /** An app that asks the Python agents through proxies, with the Python worker's reply topic, so the sample bytes apply. */
    private App askingApp() {
        return driver.app("java-caller", cfg -> cfg.set("reply_to", PY_REPLY_TO));
    }

    /** @return the sample with the Python request's correlation id replaced by {@code id} */
    private static String withId(String text, String sampleId, String id) {
        assertThat(text).contains(sampleId);
        return text.replace(sampleId, id);
    }

    private static String id(TrackedMessage request) {
        String h = request.headers().lastString("Faust-Ag-CorrelationId");
        if (h != null) {
            return h;
        }
        String v = utf8(Objects.requireNonNull(request.value()));
        int i = v.indexOf("\"correlation_id\":\"") + "\"correlation_id\":\"".length();
        return v.substring(i, v.indexOf('"', i));
    }

    @Test
    void a_proxy_asks_in_faust_s_header_form_byte_for_byte_and_reads_faust_s_replies() throws Exception {
        App app = askingApp();
        Topic<String, Double> mulTopic = app.topic("interop-rpc-interop_rpc.mul", String.class, Double.class);
        Topic<String, Point> normTopic = app.topic("interop-rpc-interop_rpc.norm", String.class, Point.class);
        Topic<String, Integer> keyedTopic = app.topic("interop-rpc-interop_rpc.mul_keyed", String.class, Integer.class);
        AgentProxy<String, Double, Double> mul = app.agentProxy(mulTopic, Double.class);
        AgentProxy<String, Point, Point> norm = app.agentProxy(normTopic, Point.class);
        AgentProxy<String, Integer, Map> keyed = app.agentProxy(keyedTopic, Map.class);
        assertThat(mul.replyForm()).as("the default follows faust-streaming 0.15.2's @app.agent").isEqualTo(ReplyForm.HEADERS);
        driver.start(app);

        CompletableFuture<Double> r1 = mul.askAsync(3.0);
        CompletableFuture<Point> r2 = norm.askAsync(new Point(1, 2));
        CompletableFuture<Map> r3 = keyed.askAsync("k1", 21);
        Await.until(Duration.ofSeconds(10), () -> records("interop-rpc-interop_rpc.mul").size() == 1
                && records("interop-rpc-interop_rpc.norm").size() == 1 && records("interop-rpc-interop_rpc.mul_keyed").size() == 1,
                "the three requests");

        TrackedMessage q1 = records("interop-rpc-interop_rpc.mul").get(0);
        TrackedMessage q2 = records("interop-rpc-interop_rpc.norm").get(0);
        TrackedMessage q3 = records("interop-rpc-interop_rpc.mul_keyed").get(0);
        assertThat(q1.value()).isEqualTo(sample("06-rpc-request-headers-float.value"));
        assertThat(q2.value()).isEqualTo(sample("06-rpc-request-headers-record.value"));
        assertThat(q3.value()).isEqualTo(sample("06-rpc-request-headers-keyed.value"));
        assertThat(q1.key()).isNull();
        assertThat(q3.key()).isEqualTo(sample("06-rpc-request-headers-keyed.key"));
        assertThat(headerLines(q1)).isEqualTo(withId(text("06-rpc-request-headers-float.headers"),
                "bcc191ca-0fc4-4d5b-9bb9-38d92b3400b5", id(q1)));
        assertThat(headerLines(q2)).isEqualTo(withId(text("06-rpc-request-headers-record.headers"),
                "3d637ea0-df1e-431a-9d72-9d5aa2f9fba2", id(q2)));

        // the Python agents answer with the bytes they wrote, under faust-java's correlation ids
        broker.append(PY_REPLY_TO, 0, null, null, withId(text("08-rpc-reply-ReqRepResponse-float.value"),
                "bcc191ca-0fc4-4d5b-9bb9-38d92b3400b5", id(q1)).getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
        broker.append(PY_REPLY_TO, 0, null, null, withId(text("08-rpc-reply-ModelReqRepResponse-record.value"),
                "3d637ea0-df1e-431a-9d72-9d5aa2f9fba2", id(q2)).getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
        broker.append(PY_REPLY_TO, 0, null, null, withId(text("08-rpc-reply-ReqRepResponse-keyed.value"),
                "b946bc63-689b-4577-909f-a7d0cf37b3d9", id(q3)).getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
        assertThat(r1.get(10, TimeUnit.SECONDS)).isEqualTo(300.0);
        assertThat(r2.get(10, TimeUnit.SECONDS)).isEqualTo(new Point(2, 4));
        assertThat(r3.get(10, TimeUnit.SECONDS)).isEqualTo(Map.of("key", "b'k1'", "doubled", 42));
    }

    @Test
    void a_proxy_asks_in_faust_s_envelope_form_byte_for_byte_with_the_model_namespace_for_records() throws Exception {
        App app = askingApp();
        Topic<String, Double> mulTopic = app.topic("interop-rpc-interop_rpc.mul_env", String.class, Double.class);
        Topic<String, Point> normTopic = app.topic("interop-rpc-interop_rpc.norm_env", String.class, Point.class);
        AgentProxy<String, Double, Double> mul = app.agentProxy(mulTopic, Double.class, p -> p.replyForm(ReplyForm.ENVELOPE));
        AgentProxy<String, Point, Point> norm = app.agentProxy(normTopic, Point.class, p -> p.replyForm(ReplyForm.ENVELOPE));
        driver.start(app);

        CompletableFuture<Double> r1 = mul.askAsync(3.0);
        CompletableFuture<Point> r2 = norm.askAsync(new Point(1, 2));
        Await.until(Duration.ofSeconds(10), () -> records("interop-rpc-interop_rpc.mul_env").size() == 1
                && records("interop-rpc-interop_rpc.norm_env").size() == 1, "the two requests");

        TrackedMessage q1 = records("interop-rpc-interop_rpc.mul_env").get(0);
        TrackedMessage q2 = records("interop-rpc-interop_rpc.norm_env").get(0);
        assertThat(utf8(Objects.requireNonNull(q1.value()))).isEqualTo(withId(text("07-rpc-request-envelope-ReqRepRequest.value"),
                "fce85922-bc05-4b95-87a0-2a43cc9bebab", id(q1)));
        assertThat(utf8(Objects.requireNonNull(q2.value()))).isEqualTo(withId(
                text("07-rpc-request-envelope-ModelReqRepRequest.value"), "52548288-1bc2-4e38-b2f6-7656c65eb2ee", id(q2)));
        assertThat(q1.headers().asList()).as("the envelope form sends no headers").isEmpty();

        broker.append(PY_REPLY_TO, 0, null, null, withId(text("08-rpc-reply-ReqRepResponse-float-envelope-req.value"),
                "fce85922-bc05-4b95-87a0-2a43cc9bebab", id(q1)).getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
        broker.append(PY_REPLY_TO, 0, null, null, withId(text("08-rpc-reply-ModelReqRepResponse-record-envelope-req.value"),
                "52548288-1bc2-4e38-b2f6-7656c65eb2ee", id(q2)).getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
        assertThat(r1.get(10, TimeUnit.SECONDS)).isEqualTo(300.0);
        assertThat(r2.get(10, TimeUnit.SECONDS)).isEqualTo(new Point(2, 4));
    }

    @Test
    void the_app_wide_setting_picks_the_envelope_form_and_an_agent_s_own_option_wins_over_it() throws Exception {
        App app = driver.app("svc", cfg -> cfg.set("agent_use_reply_headers", false));
        Agent<String, Double, Double> byDefault = app.agent("a", String.class, Double.class, Double.class, (stream, results) -> {
            for (Double v : stream) {
                results.emit(v + 1);
            }
        });
        Agent<String, Double, Double> own = app.agent("b", String.class, Double.class, Double.class,
                o -> o.replyForm(ReplyForm.HEADERS), (stream, results) -> {
                    for (Double v : stream) {
                        results.emit(v + 2);
                    }
                });
        AgentProxy<String, Double, Double> proxy = app.agentProxy(app.topic("svc-a", String.class, Double.class), Double.class);
        assertThat(proxy.replyForm()).isEqualTo(ReplyForm.ENVELOPE);
        driver.start(app);

        assertThat(byDefault.ask(1.0, Duration.ofSeconds(10))).isEqualTo(2.0);
        assertThat(own.ask(1.0, Duration.ofSeconds(10))).isEqualTo(3.0);
        assertThat(proxy.ask(5.0, Duration.ofSeconds(10))).as("a proxy to a local agent").isEqualTo(6.0);
        assertThat(records("svc-a")).hasSize(2).allSatisfy(m -> {
            assertThat(m.headers().asList()).isEmpty();
            assertThat(utf8(Objects.requireNonNull(m.value()))).contains("\"__faust\":{\"ns\":\"@ReqRepRequest\"}");
        });
        assertThat(records("svc-b")).singleElement().satisfies(m ->
                assertThat(m.headers().lastString("Faust-Ag-ReplyTo")).isNotNull());
    }

    @Test
    void strings_and_nulls_travel_in_faust_s_shapes_both_ways() throws Exception {
        App app = askingApp();
        Topic<String, String> echo = app.topic("interop-rpc-interop_rpc.echo_env", String.class, String.class);
        AgentProxy<String, String, String> proxy = app.agentProxy(echo, String.class, p -> p.replyForm(ReplyForm.ENVELOPE));
        driver.start(app);
        CompletableFuture<String> hi = proxy.askAsync("hi");
        CompletableFuture<String> nothing = proxy.askAsync(null);
        Await.until(Duration.ofSeconds(10), () -> records(echo.topics().get(0)).size() == 2, "two requests");
        for (TrackedMessage q : records(echo.topics().get(0))) {
            String v = utf8(Objects.requireNonNull(q.value()));
            String expectedValue = v.startsWith("{\"value\":null") ? "null" : "\"hi\"";
            assertThat(v).isEqualTo("{\"value\":" + expectedValue + ",\"reply_to\":\"" + PY_REPLY_TO + "\",\"correlation_id\":\""
                    + id(q) + "\",\"__faust\":{\"ns\":\"@ReqRepRequest\"}}");
            String result = expectedValue.equals("null") ? "null" : "\"hi there\"";
            broker.append(PY_REPLY_TO, 0, null, null, utf8b("{\"key\":null,\"value\":" + result + ",\"correlation_id\":\"" + id(q)
                    + "\",\"__faust\":{\"ns\":\"@ReqRepResponse\"}}"), Headers.empty(), 1);
        }
        assertThat(hi.get(10, TimeUnit.SECONDS)).isEqualTo("hi there");
        assertThat(nothing.get(10, TimeUnit.SECONDS)).isNull();
    }

    private static byte[] utf8b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void an_agent_that_asks_in_the_envelope_form_reads_header_requests_and_a_proxy_joins_and_passes_partition_and_headers()
            throws Exception {
        App app = driver.app("svc", cfg -> cfg.set("agent_use_reply_headers", false).topicPartitions(2));
        List<String> tags = new java.util.concurrent.CopyOnWriteArrayList<>();
        Agent<String, Integer, Integer> sq = app.agent("sq", String.class, Integer.class, Integer.class, (stream, results) -> {
            for (Integer v : stream) {
                String tag = Objects.requireNonNull(faust.Faust.currentEvent()).headers().lastString("tag");
                if (tag != null) {
                    tags.add(tag + "@" + Objects.requireNonNull(faust.Faust.currentEvent()).message().partition());
                }
                results.emit(v * v);
            }
        });
        AgentProxy<String, Integer, Integer> proxy = app.agentProxy((Topic<String, Integer>) sq.channel(), Integer.class,
                p -> p.replyForm(ReplyForm.HEADERS));
        driver.start(app);

        assertThat(proxy.join(List.of(1, 2, 3))).containsExactly(1, 4, 9);
        assertThat(proxy.kvjoin(List.of(new faust.stream.KeyValue<>("k", 4)))).containsExactly(16);
        assertThat(proxy.ask(null, 5, faust.topic.SendOptions.defaults().withPartition(1)
                .withHeaders(Headers.of(List.of(Header.of("tag", "t1")))), Duration.ofSeconds(10))).isEqualTo(25);
        assertThat(tags).containsExactly("t1@1");
        assertThat(records("svc-sq")).allSatisfy(m ->
                assertThat(m.headers().lastString("Faust-Ag-ReplyTo")).as("every request in the header form").isNotNull());
    }

    private static String headerLines(TrackedMessage m) {
        StringBuilder b = new StringBuilder();
        for (Header h : m.headers().asList()) {
            b.append(h.key()).append('=').append(h.valueAsString()).append('\n');
        }
        return b.toString();
    }
}
