package faust.examples;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.examples.Concurrency.ConcurrencyApp;
import faust.examples.Rpc.RpcApp;
import faust.examples.TableOfSet.Membership;
import faust.examples.TableOfSet.TableOfSetApp;
import faust.examples.TableTest.TableTestApp;
import faust.examples.Withdrawals.Withdrawal;
import faust.examples.Withdrawals.WithdrawalsApp;
import faust.examples.WordCount.WordCountApp;
import faust.window.WindowRange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {
    private final AppTestDriver driver = AppTestDriver.create();

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void hello_world_sends_a_greeting_every_half_second_and_the_agent_prints_it() {
        List<String> printed = new CopyOnWriteArrayList<>();
        App app = HelloWorld.create(driver.configure(cfg -> { }), printed::add);
        driver.start(app);
        assertThat(printed).isEmpty();

        driver.advanceTime(Duration.ofMillis(500));
        assertThat(printed).containsExactly("hello 1");

        driver.advanceTime(Duration.ofSeconds(1));
        assertThat(printed).containsExactly("hello 1", "hello 2", "hello 3");
    }

    @Test
    void withdrawals_are_totalled_per_user_and_hour_and_per_country_and_10_seconds_after_group_by() {
        WithdrawalsApp w = Withdrawals.create(driver.configure(cfg -> { }));
        driver.start(w.app());
        Instant t0 = Instant.parse("2026-06-01T12:00:00Z");          // on an hour's start

        driver.pipeInput(w.withdrawals(), "a", new Withdrawal("a", "NO", 10), t0.plusSeconds(1));
        driver.pipeInput(w.withdrawals(), "b", new Withdrawal("b", "NO", 5), t0.plusSeconds(3));
        driver.pipeInput(w.withdrawals(), "c", new Withdrawal("c", "SE", 7), t0.plusSeconds(4));
        driver.pipeInput(w.withdrawals(), "a", new Withdrawal("a", "NO", 20), t0.plusSeconds(12));

        WindowRange hour = new WindowRange(t0, t0.plusSeconds(3600));
        assertThat(w.userTotals().get("a").at(hour)).isEqualTo(30.0);
        assertThat(w.userTotals().get("b").at(hour)).isEqualTo(5.0);
        assertThat(w.userTotals().get("c").at(hour)).isEqualTo(7.0);
        assertThat(w.countryTotals().get("NO").at(new WindowRange(t0, t0.plusSeconds(10)))).isEqualTo(15.0);
        assertThat(w.countryTotals().get("NO").at(new WindowRange(t0.plusSeconds(10), t0.plusSeconds(20)))).isEqualTo(20.0);
        assertThat(w.countryTotals().get("SE").at(new WindowRange(t0, t0.plusSeconds(10)))).isEqualTo(7.0);
        assertThat(w.totalsPerCountry(List.of("NO", "SE", "DK"), t0, t0.plusSeconds(19)))
                .containsExactly(Map.entry("DK", 0.0), Map.entry("NO", 35.0), Map.entry("SE", 7.0));

        driver.pipeInput(w.withdrawals(), "d", new Withdrawal("d", "NO", 1), t0.plusSeconds(21));
        assertThat(w.countryTotals().get("NO").at(new WindowRange(t0, t0.plusSeconds(10))))
                .as("NO's stream time passed [0 s, 10 s) + expires 10 s: the window is gone").isEqualTo(0.0);
        assertThat(w.countryTotals().get("NO").at(new WindowRange(t0.plusSeconds(10), t0.plusSeconds(20)))).isEqualTo(20.0);
        assertThat(w.countryTotals().get("NO").at(new WindowRange(t0.plusSeconds(20), t0.plusSeconds(30)))).isEqualTo(1.0);
        assertThat(w.userTotals().get("a").at(hour)).as("hours are kept for ever").isEqualTo(30.0);
    }

    @Test
    void word_count_counts_words_into_a_rocksdb_table_that_a_restart_keeps(@TempDir Path datadir) {
        WordCountApp wc = WordCount.create(driver.configure(cfg -> cfg.set("datadir", datadir.toString())));
        driver.start(wc.app());
        driver.pipeInput(wc.posts(), "the quick brown fox");
        driver.pipeInput(wc.posts(), "jumps over  the lazy dog");
        assertThat(wc.counts().get("the")).isEqualTo(2L);
        assertThat(wc.counts().get("fox")).isEqualTo(1L);
        assertThat(wc.counts().get("cat")).isEqualTo(0L);
        assertThat(wc.counts().size()).isEqualTo(8);
        wc.app().stop();
        assertThat(datadir.resolve("v1/tables")).isDirectoryContaining(p -> p.getFileName().toString()
                .startsWith("word_counts-"));

        WordCountApp again = WordCount.create(driver.configure(cfg -> cfg.set("datadir", datadir.toString())));
        driver.start(again.app());
        driver.pipeInput(again.posts(), "the end");
        assertThat(again.counts().get("the")).isEqualTo(3L);
        assertThat(again.counts().get("end")).isEqualTo(1L);
    }

    @Test
    void rpc_agent_asks_another_agent() {
        List<String> out = new CopyOnWriteArrayList<>();
        RpcApp rpc = Rpc.create(driver.configure(cfg -> { }), out::add);
        driver.start(rpc.app());

        driver.pipeInput(rpc.numbers(), 7);

        assertThat(out).containsExactly("7 squared is 49");
    }

    @Test
    void concurrency_runs_slow_work_on_many_actors_at_once() {
        List<String> done = new CopyOnWriteArrayList<>();
        ConcurrencyApp c = Concurrency.create(driver.configure(cfg -> { }), 20, done::add);
        driver.start(c.app());

        for (int i = 0; i < 40; i++) {
            c.urls().send("u" + i).join();
        }
        driver.awaitIdle();

        assertThat(done).hasSize(40);
        long actors = done.stream().map(s -> s.substring(s.indexOf(" by ") + 4)).distinct().count();
        assertThat(actors).as("actors that fetched").isGreaterThan(1).isLessThanOrEqualTo(20);
    }

    @Test
    void table_of_set_keeps_each_group_s_members_as_users_join_and_leave() {
        TableOfSetApp t = TableOfSet.create(driver.configure(cfg -> { }));
        driver.start(t.app());
        driver.pipeInput(t.joins(), "admins", new Membership("ann", "admins"));
        driver.pipeInput(t.joins(), "admins", new Membership("bob", "admins"));
        driver.pipeInput(t.joins(), "users", new Membership("bob", "users"));
        driver.pipeInput(t.leaves(), "admins", new Membership("ann", "admins"));
        assertThat(t.members().get("admins")).containsExactly("bob");
        assertThat(t.members().get("users")).containsExactly("bob");
        assertThat(t.members().asAnsiTable()).contains("members: The users of each group");

        TableOfSetApp again = TableOfSet.create(driver.configure(cfg -> { }));
        t.app().stop();
        driver.start(again.app());
        assertThat(again.members().get("admins")).as("replayed from the operations changelog").containsExactly("bob");
    }

    @Test
    void table_test_adds_up_to_the_increments_sent_also_across_a_restart(@TempDir Path datadir) {
        TableTestApp t = TableTest.create(driver.configure(cfg -> cfg.set("datadir", datadir.toString())));
        driver.start(t.app());
        t.produce(1000);
        driver.awaitIdle();
        assertThat(t.sum()).isEqualTo(1000);
        assertThat(t.counts().size()).isEqualTo(TableTest.KEYS);
        t.app().stop();

        TableTestApp again = TableTest.create(driver.configure(cfg -> cfg.set("datadir", datadir.toString())));
        driver.start(again.app());
        again.produce(500);
        driver.awaitIdle();
        assertThat(again.sum()).isEqualTo(1500);
        assertThat(again.counts().get("k-7")).isEqualTo(15L);
    }
}
