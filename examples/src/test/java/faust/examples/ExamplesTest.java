package faust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    private static String broker() {
        return "memory://examples-" + UUID.randomUUID();
    }

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void hello_world_timer_feeds_the_agent() throws Exception {
        List<String> printed = new CopyOnWriteArrayList<>();
        App app = HelloWorld.create(broker(), printed::add);
        app.start();
        try {
            await(() -> printed.size() >= 2, "two greetings");
            assertThat(printed.get(0)).isEqualTo("hello 1");
        } finally {
            app.stop();
        }
    }

    @Test
    void withdrawals_are_totalled_per_country_after_group_by() throws Exception {
        Map<String, Double> totals = new ConcurrentHashMap<>();
        var created = Withdrawals.create(broker(), totals);
        created.getKey().start();
        try {
            created.getValue().send("a", new Withdrawals.Withdrawal("a", "NO", 10)).join();
            created.getValue().send("b", new Withdrawals.Withdrawal("b", "NO", 5)).join();
            created.getValue().send("c", new Withdrawals.Withdrawal("c", "SE", 7)).join();
            await(() -> totals.getOrDefault("NO", 0.0) == 15.0 && totals.getOrDefault("SE", 0.0) == 7.0, "totals");
        } finally {
            created.getKey().stop();
        }
    }

    @Test
    void rpc_agent_asks_another_agent() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        var created = Rpc.create(broker(), out::add);
        created.getKey().start();
        try {
            created.getValue().send(null, 7).join();
            await(() -> !out.isEmpty(), "a reply");
            assertThat(out).containsExactly("7 squared is 49");
        } finally {
            created.getKey().stop();
        }
    }

    @Test
    void concurrency_runs_slow_work_on_many_actors_at_once() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        var created = Concurrency.create(broker(), 20, done::add);
        created.getKey().start();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                created.getValue().send("u" + i).join();
            }
            await(() -> done.size() == 40, "40 fetches");
            // 40 x 100 ms one at a time would take 4 s; 20 actors need about 0.2 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            created.getKey().stop();
        }
    }
}
