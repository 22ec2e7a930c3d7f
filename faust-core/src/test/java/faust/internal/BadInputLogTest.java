package faust.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import faust.App;
import faust.AppTestDriver;
import faust.stream.Headers;
import faust.topic.TP;
import faust.transport.TrackedMessage;
import faust.transport.internal.MemoryBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Bad records are logged one line each up to ten a second per topic, then counted and summed up. */
class BadInputLogTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @BeforeEach
    void capture() {
        log.start();
        ((Logger) LoggerFactory.getLogger(BadInputLog.class)).addAppender(log);
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger(BadInputLog.class)).detachAppender(log);
    }

    private static TrackedMessage message(String topic, long offset) {
        return new TrackedMessage(new TP(topic, 3), offset, 0L, null, "x".getBytes(StandardCharsets.UTF_8), Headers.empty(), null, 0);
    }

    private List<String> lines() {
        return List.copyOf(log.list).stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void past_ten_lines_a_second_a_topic_s_bad_records_are_counted_and_summed_up_in_one_line() {
        BadInputLog bad = new BadInputLog("app", now::get);
        for (int i = 0; i < 25; i++) {
            bad.report(message("orders", i), "skipping a record that could not be decoded (value_serializer=json)",
                    new IllegalArgumentException("field \"amount\" is missing"));
        }
        bad.report(message("payments", 0), "skipping a record", null);
        assertThat(lines()).hasSize(11);
        assertThat(lines().get(0)).isEqualTo("[app] skipping a record that could not be decoded (value_serializer=json): "
                + "java.lang.IllegalArgumentException: field \"amount\" is missing at topic=orders partition=3 offset=0");
        assertThat(lines().get(10)).as("another topic has its own budget").contains("topic=payments");

        now.addAndGet(1_000_000_000L);
        bad.report(message("orders", 25), "skipping a record", null);
        assertThat(lines()).hasSize(13);
        assertThat(lines().get(11)).startsWith("[app] 15 more bad records of topic orders in one second were not logged one by one")
                .contains("the last: topic=orders partition=3 offset=24");
        assertThat(lines().get(12)).contains("offset=25");

        for (int i = 26; i < 40; i++) {
            bad.report(message("orders", i), "skipping a record", null);
        }
        assertThat(lines()).hasSize(22);
        bad.flush();
        assertThat(lines()).as("nothing to sum up before the second is over").hasSize(22);
        now.addAndGet(1_000_000_000L);
        bad.flush();
        assertThat(lines()).hasSize(23);
        assertThat(lines().get(22)).contains("5 more bad records of topic orders").contains("offset=39");
    }

    @Test
    void a_topic_of_undecodable_records_keeps_the_monitor_s_count_exact_and_the_log_short() {
        try (AppTestDriver driver = AppTestDriver.create()) {
            App app = driver.app("counting");
            var in = app.topic("numbers", String.class, Integer.class);
            AtomicLong good = new AtomicLong();
            app.agent("sum", in, stream -> stream.forEach(v -> good.incrementAndGet()));
            driver.start(app);
            MemoryBroker broker = MemoryBroker.named(driver.brokerUrl().substring("memory://".length()));
            for (int i = 0; i < 1000; i++) {
                String v = i % 10 == 0 ? "not a number" : String.valueOf(i);
                broker.append("numbers", null, null, null, v.getBytes(StandardCharsets.UTF_8), Headers.empty(), 1);
            }
            driver.awaitIdle();
            assertThat(good.get()).isEqualTo(900);
            assertThat(app.monitor().decodeErrors()).isEqualTo(100);
            assertThat(lines()).as("at most ten lines a second, plus summaries").hasSizeLessThan(30);
            assertThat(lines()).allSatisfy(l -> assertThat(l).contains("numbers"));
        }
    }
}
