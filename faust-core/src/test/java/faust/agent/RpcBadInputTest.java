package faust.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.App;
import faust.AppTestDriver;
import faust.internal.BadInputLog;
import faust.stream.Header;
import faust.stream.Headers;
import faust.testing.Await;
import faust.topic.RecordMetadata;
import faust.topic.TP;
import faust.topic.Topic;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * RPC requests and replies that cannot be answered or matched are reported with topic, partition
 * and offset, and nothing else is lost: the agent goes on answering, pending asks still complete.
 */
class RpcBadInputTest {
    private static final String REPLY_TO = "f-reply-test";

    private final AppTestDriver driver = AppTestDriver.create();
    private final MemoryBroker broker = MemoryBroker.named(driver.brokerUrl().substring("memory://".length()));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<Double> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture() {
        log.start();
        ((Logger) LoggerFactory.getLogger(BadInputLog.class)).addAppender(log);
    }

    @AfterEach
    void close() {
        driver.close();
        ((Logger) LoggerFactory.getLogger(BadInputLog.class)).detachAppender(log);
    }

    private App doubler() {
        App app = driver.app("svc", cfg -> cfg.set("reply_to", REPLY_TO));
        app.agent("double", String.class, Double.class, Double.class, (stream, results) -> {
            for (Double v : stream) {
                seen.add(v);
                results.emit(v * 2);
            }
        });
        return app;
    }

    private List<String> warnings() {
        return List.copyOf(log.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<TrackedMessage> records(String topic) {
        List<TrackedMessage> out = new ArrayList<>();
        for (int p = 0; p < broker.partitionCount(topic).orElse(0); p++) {
            out.addAll(broker.visible(new TP(topic, p), 0));
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void an_envelope_of_an_unknown_namespace_is_reported_with_its_offset_and_the_next_request_is_answered() throws Exception {
        App app = doubler();
        driver.start(app);
        RecordMetadata bad = broker.append("svc-double", 0, null, null,
                utf8("{\"value\":3.0,\"reply_to\":\"" + REPLY_TO + "\",\"correlation_id\":\"c1\",\"__faust\":{\"ns\":\"@Nope\"}}"),
                Headers.empty(), 1);
        driver.awaitIdle();
        assertThat(warnings()).anySatisfy(w -> assertThat(w)
                .contains("could not be decoded").contains("namespace '@Nope'").contains("@ReqRepRequest")
                .contains("topic=svc-double partition=" + bad.partition() + " offset=" + bad.offset()));
        assertThat(app.monitor().decodeErrors()).isEqualTo(1);
        assertThat(seen).isEmpty();

        assertThat(((Agent<String, Double, Double>) app.agents().get(0)).ask(4.0, Duration.ofSeconds(10))).isEqualTo(8.0);
    }

    @Test
    void a_request_with_a_reply_topic_header_but_no_correlation_id_is_processed_and_reported_and_gets_no_reply() {
        App app = doubler();
        driver.start(app);
        RecordMetadata half = broker.append("svc-double", 0, null, null, utf8("5.0"),
                Headers.of(List.of(Header.of("Faust-Ag-ReplyTo", REPLY_TO))), 1);
        driver.awaitIdle();
        assertThat(seen).as("the value is not lost").containsExactly(5.0);
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("Faust-Ag-ReplyTo").contains("no Faust-Ag-CorrelationId")
                .contains("no reply is sent").contains("topic=svc-double partition=" + half.partition() + " offset=" + half.offset()));
        assertThat(records(REPLY_TO)).isEmpty();
    }

    @Test
    void a_reply_whose_correlation_id_no_one_waits_for_is_reported_and_a_pending_ask_still_completes() throws Exception {
        App app = driver.app("caller", cfg -> cfg.set("reply_to", REPLY_TO));
        Topic<String, Double> remote = app.topic("elsewhere-double", String.class, Double.class);
        AgentProxy<String, Double, Double> proxy = app.agentProxy(remote, Double.class);
        driver.start(app);
        var pending = proxy.askAsync(1.0);
        Await.until(Duration.ofSeconds(10), () -> records("elsewhere-double").size() == 1, "the request");
        String id = records("elsewhere-double").get(0).headers().lastString("Faust-Ag-CorrelationId");

        RecordMetadata stray = broker.append(REPLY_TO, 0, null, null, utf8("{\"key\":null,\"value\":9.0,\"correlation_id\":"
                + "\"no-such-id\",\"__faust\":{\"ns\":\"@ReqRepResponse\"}}"), Headers.empty(), 1);
        broker.append(REPLY_TO, 0, null, null, utf8("not json"), Headers.empty(), 1);
        broker.append(REPLY_TO, 0, null, null, utf8("{\"key\":null,\"value\":2.0,\"correlation_id\":\"" + id
                + "\",\"__faust\":{\"ns\":\"@ReqRepResponse\"}}"), Headers.empty(), 1);
        assertThat(pending.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2.0);
        Await.until(Duration.ofSeconds(10), () -> warnings().size() >= 2, "two warnings");
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("correlation id no-such-id")
                .contains("topic=" + REPLY_TO + " partition=" + stray.partition() + " offset=" + stray.offset()));
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("not JSON").contains("offset=" + (stray.offset() + 1)));
    }

    @Test
    void an_ask_that_gets_no_reply_fails_after_its_timeout_and_is_forgotten() {
        App app = driver.app("caller", cfg -> cfg.set("reply_to", REPLY_TO));
        Topic<String, Double> remote = app.topic("nobody-home", String.class, Double.class);
        AgentProxy<String, Double, Double> proxy = app.agentProxy(remote, Double.class, p -> p.timeout(Duration.ofMillis(200)));
        driver.start(app);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> proxy.ask(1.0))
                .isInstanceOf(faust.errors.FaustException.class)
                .hasMessageContaining("did not reply within PT0.2S").hasMessageContaining("reply topic " + REPLY_TO);
        var async = proxy.askAsync(2.0);
        Await.until(Duration.ofSeconds(10), async::isDone, "the async ask to end by itself");
        assertThat(async).isCompletedExceptionally();
    }
}
