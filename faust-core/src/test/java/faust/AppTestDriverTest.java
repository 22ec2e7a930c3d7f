package faust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.settings.ProcessingGuarantee;
import faust.stream.KeyValue;
import faust.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppTestDriverTest {
    record Order(String account, int amount) {}

    private final AppTestDriver driver = AppTestDriver.create();

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void pipe_input_returns_once_the_agent_processed_it_and_read_output_returns_what_it_sent() {
        App app = driver.app("measure");
        Topic<String, String> words = app.topic("words", String.class, String.class);
        Topic<String, Integer> lengths = app.topic("lengths", String.class, Integer.class);
        app.agent("measure", words, stream -> {
            for (String w : stream) {
                lengths.send(w, w.length());
            }
        });
        driver.start(app);

        driver.pipeInput(words, "hello");
        driver.pipeInputs(words, List.of(KeyValue.of("k", "hi"), KeyValue.of(null, "faust")));

        assertThat(driver.readOutput(lengths)).containsExactlyInAnyOrder(
                KeyValue.of("hello", 5), KeyValue.of("hi", 2), KeyValue.of("faust", 5));
        assertThat(driver.readOutput(lengths)).as("each record is read once").isEmpty();
        driver.pipeInput(words, "x");
        assertThat(driver.readValues(lengths)).containsExactly(1);
    }

    @Test
    void a_group_by_is_followed_through_its_repartition_topic_before_pipe_input_returns() {
        App app = driver.app("totals", cfg -> cfg.topicPartitions(4));
        Topic<String, Order> orders = app.topic("orders", String.class, Order.class);
        List<String> seen = new CopyOnWriteArrayList<>();
        app.agent("by_account", orders, stream -> {
            for (Order o : stream.groupBy(Order::account, "Order.account")) {
                seen.add(o.account() + ":" + o.amount());
            }
        });
        driver.start(app);

        for (int i = 0; i < 20; i++) {
            driver.pipeInput(orders, "o" + i, new Order("acc-" + (i % 3), i));
            assertThat(seen).hasSize(i + 1);
        }
    }

    @Test
    void advance_time_runs_each_due_timer_tick_in_order_and_nothing_before_its_time() {
        App app = driver.app("ticks");
        List<Long> ticks = new CopyOnWriteArrayList<>();
        Topic<String, String> log = app.topic("log", String.class, String.class);
        app.timer(Duration.ofSeconds(1), t -> t.name("every-second").onLeader(), () -> {
            ticks.add(driver.clock().nanoTime());
            log.send("tick " + ticks.size());
        });
        driver.start(app);

        driver.advanceTime(Duration.ofMillis(999));
        assertThat(ticks).isEmpty();
        driver.advanceTime(Duration.ofMillis(2001));
        assertThat(ticks).containsExactly(1_000_000_000L, 2_000_000_000L, 3_000_000_000L);
        assertThat(driver.readValues(log)).containsExactly("tick 1", "tick 2", "tick 3");
    }

    @Test
    void a_crontab_runs_at_its_wall_clock_times_as_the_clock_moves() {
        App app = driver.app("hourly", cfg -> cfg.timezone(ZoneOffset.UTC));
        List<Instant> runs = new CopyOnWriteArrayList<>();
        app.crontab("0 * * * *", t -> t.name("hourly"), () -> runs.add(driver.clock().instant()));
        driver.start(app);

        driver.advanceTime(Duration.ofMinutes(59));
        assertThat(runs).isEmpty();
        driver.advanceTime(Duration.ofMinutes(121));
        assertThat(runs).containsExactly(Instant.parse("2026-01-01T01:00:00Z"), Instant.parse("2026-01-01T02:00:00Z"),
                Instant.parse("2026-01-01T03:00:00Z"));
    }

    @Test
    void exactly_once_output_is_read_once_its_transaction_committed() {
        App app = driver.app("eos", cfg -> cfg.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE));
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(2));
        Topic<String, Integer> out = app.topic("out", String.class, Integer.class, o -> o.partitions(1));
        app.agent("double", in, stream -> {
            for (Integer v : stream) {
                out.send("k", v * 2);
            }
        });
        driver.start(app);

        for (int i = 1; i <= 5; i++) {
            driver.pipeInput(in, "k" + i, i);
        }

        assertThat(driver.readValues(out)).containsExactlyInAnyOrder(2, 4, 6, 8, 10);
    }

    @Test
    void a_test_app_must_not_set_a_broker_and_an_app_of_another_broker_is_refused() {
        assertThatThrownBy(() -> driver.app("own-broker", cfg -> cfg.broker("kafka://localhost:9092")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not set broker");
        App elsewhere = App.create("elsewhere", cfg -> cfg.broker("memory://elsewhere").environment(Map.of()));
        assertThatThrownBy(() -> driver.start(elsewhere))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not on this driver's broker");
    }

    @Test
    void await_idle_fails_naming_the_partition_not_yet_processed() throws InterruptedException {
        App app = driver.app("stuck");
        Topic<String, String> in = app.topic("in", String.class, String.class, o -> o.partitions(1));
        CountDownLatch release = new CountDownLatch(1);
        app.agent("blocked", in, stream -> {
            for (String v : stream) {
                release.await(30, TimeUnit.SECONDS);
            }
        });
        driver.start(app);
        driver.timeout(Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> driver.pipeInput(in, "v"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("apps not idle after PT0.3S")
                    .hasMessageContaining("stuck: in-0 processed up to offset");
        } finally {
            release.countDown();
        }
        driver.timeout(Duration.ofSeconds(30)).awaitIdle();
    }
}
