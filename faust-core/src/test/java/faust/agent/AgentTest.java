package faust.agent;

import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faust.App;
import faust.TestApps;
import faust.errors.ImproperlyConfiguredException;
import faust.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AgentTest {
    @Test
    void ask_gets_the_emitted_result_in_envelope_form() {
        App app = TestApps.app("rpc", TestApps.freshBroker(), c -> { });
        Agent<String, Integer, Integer> doubler = app.agent("double", String.class, Integer.class, Integer.class,
                (stream, results) -> {
                    for (Integer v : stream) {
                        results.emit(v * 2);
                    }
                });
        app.start();
        try {
            assertThat(doubler.ask(21, Duration.ofSeconds(10))).isEqualTo(42);
            assertThat(doubler.join(List.of(1, 2, 3))).containsExactly(2, 4, 6);
            List<Integer> mapped = new CopyOnWriteArrayList<>();
            doubler.map(List.of(5, 6)).forEach(mapped::add);
            assertThat(mapped).containsExactlyInAnyOrder(10, 12);
        } finally {
            app.stop();
        }
    }

    @Test
    void ask_works_in_header_form() {
        App app = TestApps.app("rpc-headers", TestApps.freshBroker(), c -> { });
        Agent<String, String, String> upper = app.agent("upper", String.class, String.class, String.class,
                a -> a.replyForm(ReplyForm.HEADERS), (stream, results) -> {
                    for (String v : stream) {
                        results.emit(v.toUpperCase());
                    }
                });
        app.start();
        try {
            assertThat(upper.ask("k", "hi", Duration.ofSeconds(10))).isEqualTo("HI");
        } finally {
            app.stop();
        }
    }

    @Test
    void agent_without_channel_reads_its_own_topic_named_like_faust() {
        App app = TestApps.app("myapp", TestApps.freshBroker(), c -> { });
        Agent<String, String, Void> a = app.agent("count", String.class, String.class, s -> { });
        assertThat(a.channel().label()).isEqualTo("myapp-count");
    }

    @Test
    void test_context_records_inputs_of_plain_agents_and_results_of_emitting_agents() {
        App app = TestApps.app("tc", TestApps.freshBroker(), c -> { });
        Topic<String, Integer> in = app.topic("numbers", String.class, Integer.class);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Agent<String, Integer, Void> plain = app.agent("plain", in, s -> {
            for (Integer v : s) {
                seen.add(v);
            }
        });
        try (var ctx = plain.testContext()) {
            assertThat(ctx.put(1)).isEqualTo(0);
            assertThat(ctx.put(2)).isEqualTo(1);
            assertThat(seen).containsExactly(1, 2);
            assertThat(ctx.results()).containsEntry(0L, 1).containsEntry(1L, 2);
        }
        Agent<String, Integer, Integer> squares = app.agent("squares", in, Integer.class, (s, out) -> {
            for (Integer v : s) {
                out.emit(v * v);
            }
        });
        try (var ctx = squares.testContext()) {
            ctx.put(3);
            ctx.put(4);
            assertThat(ctx.results()).containsEntry(0L, 9).containsEntry(1L, 16);
        }
    }

    @Test
    void test_context_put_rethrows_the_agent_crash() {
        App app = TestApps.app("tc-crash", TestApps.freshBroker(), c -> { });
        Topic<String, Integer> in = app.topic("n", String.class, Integer.class);
        Agent<String, Integer, Void> a = app.agent("fails", in, s -> {
            for (Integer v : s) {
                if (v < 0) {
                    throw new IllegalArgumentException("negative: " + v);
                }
            }
        });
        try (var ctx = a.testContext()) {
            ctx.put(1);
            assertThatThrownBy(() -> ctx.put(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        }
    }

    @Test
    void one_for_one_restarts_a_crashed_actor_and_later_events_still_flow() {
        App app = TestApps.app("crashy", TestApps.freshBroker(), c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        app.agent("a", in, o -> o.onError((agent, e) -> errors.incrementAndGet()), s -> {
            for (Integer v : s) {
                if (v == 3) {
                    throw new IllegalStateException("boom on 3");
                }
                seen.add(v);
            }
        });
        app.start();
        try {
            for (int i = 1; i <= 6; i++) {
                in.send(null, i).join();
            }
            until(Duration.ofSeconds(10), () -> seen.size() == 5, "the five good values");
            assertThat(seen).containsExactly(1, 2, 4, 5, 6);
            assertThat(errors).hasValue(1);
        } finally {
            app.stop();
        }
    }

    @Test
    void crashing_strategy_crashes_the_app() {
        App app = TestApps.app("crash-all", TestApps.freshBroker(), c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(1));
        app.agent("a", in, o -> o.supervisorStrategy(SupervisorStrategy.CRASHING), s -> {
            for (Integer v : s) {
                throw new IllegalStateException("fatal " + v);
            }
        });
        app.start();
        in.send(null, 1).join();
        assertThat(app.awaitStopped(Duration.ofSeconds(15))).isTrue();
        assertThat(app.crashReason()).hasMessageContaining("fatal 1");
    }

    @Test
    void sinks_receive_every_result_and_concurrency_runs_n_actors() {
        App app = TestApps.app("sinks", TestApps.freshBroker(), c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class, o -> o.partitions(2));
        Topic<String, Integer> out = app.topic("out", String.class, Integer.class, o -> o.partitions(1));
        List<Integer> viaCallback = new CopyOnWriteArrayList<>();
        List<Integer> viaTopic = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        app.agent("plus1", in, Integer.class, o -> o.concurrency(3).sink(out)
                .sink((Consumer<Integer>) viaCallback::add), (s, results) -> {
                    for (Integer v : s) {
                        threads.add(Thread.currentThread().getName());
                        results.emit(v + 1);
                    }
                });
        app.agent("collect", out, s -> {
            for (Integer v : s) {
                viaTopic.add(v);
            }
        });
        app.start();
        try {
            for (int i = 0; i < 50; i++) {
                in.send("k" + i, i).join();
            }
            until(Duration.ofSeconds(10), () -> viaTopic.size() == 50 && viaCallback.size() == 50, "50 results in each sink");
            assertThat(viaTopic).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
            assertThat(threads).allMatch(n -> n.startsWith("agent-plus1-"));
        } finally {
            app.stop();
        }
    }

    @Test
    void sinks_on_a_non_emitting_agent_are_rejected() {
        App app = TestApps.app("bad-sinks", TestApps.freshBroker(), c -> { });
        Topic<String, Integer> in = app.topic("in", String.class, Integer.class);
        assertThatThrownBy(() -> app.agent("a", in, o -> o.sink(in), s -> { }))
                .isInstanceOf(ImproperlyConfiguredException.class).hasMessageContaining("emit");
    }

    @Test
    void ask_to_a_non_emitting_agent_fails_at_once_naming_the_agent_and_the_fix() {
        App app = TestApps.app("ask-plain", TestApps.freshBroker(), c -> { });
        Agent<String, Integer, Void> plain = app.agent("plain", String.class, Integer.class, s -> s.forEach(v -> { }));
        app.start();
        try {
            assertThatThrownBy(() -> plain.ask(1, Duration.ofSeconds(10)))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("agent plain does not emit results").hasMessageContaining("result type");
        } finally {
            app.stop();
        }
    }

    @Test
    void supervisor_names_parse_from_settings_and_faust_class_names() {
        assertThat(SupervisorStrategy.fromName("one_for_all")).isEqualTo(SupervisorStrategy.ONE_FOR_ALL);
        assertThat(SupervisorStrategy.fromName("mode.ForfeitOneForOneSupervisor")).isEqualTo(SupervisorStrategy.FORFEIT_ONE_FOR_ONE);
        assertThatThrownBy(() -> SupervisorStrategy.fromName("nope")).isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("nope");
    }
}
