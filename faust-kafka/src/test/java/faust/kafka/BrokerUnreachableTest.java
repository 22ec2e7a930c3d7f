package faust.kafka;

import static faust.kafka.KafkaTestSupport.unique;
import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.kafka.internal.KafkaTransport;
import faust.topic.Topic;
import faust.transport.TransportConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A worker whose broker is down waits for it, saying why, without spinning, and carries on when it is back. */
@Tag("integration")
class BrokerUnreachableTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.newBuilder().start();     // its own broker: this test stops it
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static ListAppender<ILoggingEvent> capture(String logger) {
        ListAppender<ILoggingEvent> a = new ListAppender<>();
        a.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(a);
        return a;
    }

    private static long warnings(ListAppender<ILoggingEvent> a, String containing) {
        return List.copyOf(a.list).stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(containing)).count();
    }

    @Test
    void a_worker_started_while_the_broker_is_down_waits_with_back_off_and_runs_when_it_comes_back() throws Exception {
        ListAppender<ILoggingEvent> admin = capture("faust.kafka.internal.TopicAdmin");
        ListAppender<ILoggingEvent> network = capture("org.apache.kafka.clients.NetworkClient");
        String id = unique("patient");
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> { });
        Topic<String, String> in = app.topic(id + "-in", String.class, String.class, o -> o.partitions(1));
        List<String> seen = new CopyOnWriteArrayList<>();
        app.agent("read", in, s -> {
            for (String v : s) {
                seen.add(v);
            }
        });
        kafka.stopNode(0);
        AtomicReference<Throwable> startError = new AtomicReference<>();
        Thread starter = Thread.ofPlatform().name("starter").start(() -> {
            try {
                app.start();
            } catch (Throwable t) {
                startError.set(t);
            }
        });
        try {
            until(Duration.ofSeconds(60), () -> warnings(admin, "cannot declare topic") >= 3,
                    "three warnings that the broker is down");
            List<ILoggingEvent> tries = List.copyOf(admin.list).stream()
                    .filter(e -> e.getFormattedMessage().contains("cannot declare topic")).limit(3).toList();
            assertThat(tries.get(0).getFormattedMessage()).contains(kafka.bootstrapServers()).contains("retrying in 1.0 s")
                    .contains("broker setting");
            long firstGap = tries.get(1).getTimeStamp() - tries.get(0).getTimeStamp();
            long secondGap = tries.get(2).getTimeStamp() - tries.get(1).getTimeStamp();
            assertThat(firstGap).as("ms between the first two attempts (1 s back-off)").isGreaterThanOrEqualTo(1000);
            assertThat(secondGap).as("ms between the next two (the back-off doubles)").isGreaterThanOrEqualTo(2000);
            double seconds = (firstGap + secondGap) / 1000.0;
            long connects = List.copyOf(network.list).stream()
                    .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("could not be established"))
                    .filter(e -> e.getTimeStamp() >= tries.get(0).getTimeStamp() && e.getTimeStamp() <= tries.get(2).getTimeStamp())
                    .count();
            assertThat(connects).as("connection attempts in those %.1f s (back-off, no busy spin)", seconds)
                    .isLessThan((long) (seconds * 2));
            assertThat(starter.isAlive()).as("the worker is still trying").isTrue();
            assertThat(startError.get()).isNull();

            kafka.startNode(0);
            starter.join(Duration.ofSeconds(60));
            assertThat(startError.get()).isNull();
            assertThat(starter.isAlive()).isFalse();
            in.send(null, "first").join();
            until(Duration.ofSeconds(60), () -> seen.contains("first"), "the first value after the broker came up");

            long warned = warnings(network, "");
            kafka.stopNode(0);                          // and a broker that goes away while running
            until(Duration.ofSeconds(30), () -> warnings(network, "") > warned, "the clients see the broker gone");
            kafka.startNode(0);
            in.send(null, "second").join();
            until(Duration.ofSeconds(90), () -> seen.contains("second"), "a value after the broker restarted");
            assertThat(app.crashReason()).isNull();
        } finally {
            if (!kafka.isNodeRunning(0)) {
                kafka.startNode(0);
            }
            starter.join(Duration.ofSeconds(60));
            app.stop();
            ((Logger) LoggerFactory.getLogger("faust.kafka.internal.TopicAdmin")).detachAppender(admin);
            ((Logger) LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient")).detachAppender(network);
        }
    }

    @Test
    void a_transport_closed_while_waiting_for_the_broker_stops_waiting() throws Exception {
        ListAppender<ILoggingEvent> admin = capture("faust.kafka.internal.TopicAdmin");
        kafka.stopNode(0);
        try {
            KafkaTransport t = new KafkaTransport(TransportConfig.of(faust.AppConfig.forApp(unique("closing")).environment(Map.of())
                    .broker(kafka.brokerUrl()).build()));
            AtomicReference<Throwable> err = new AtomicReference<>();
            Thread waiting = Thread.ofPlatform().start(() -> {
                try {
                    t.partitionCount("anything");
                } catch (Throwable e) {
                    err.set(e);
                }
            });
            until(Duration.ofSeconds(30), () -> warnings(admin, "cannot describe topic 'anything'") >= 1,
                    "a warning that the describe call waits for the broker");
            assertThat(waiting.isAlive()).isTrue();
            t.close();
            waiting.join(Duration.ofSeconds(15));
            assertThat(waiting.isAlive()).isFalse();
            assertThat(err.get()).isInstanceOf(faust.errors.FaustException.class).hasMessageContaining("closed");
        } finally {
            kafka.startNode(0);
            ((Logger) LoggerFactory.getLogger("faust.kafka.internal.TopicAdmin")).detachAppender(admin);
        }
    }
}
