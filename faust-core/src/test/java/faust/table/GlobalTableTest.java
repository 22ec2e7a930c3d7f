package faust.table;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.sensor.TableState;
import faust.topic.Topic;
import faust.transport.internal.Partitioner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Global tables on the memory transport: every worker holds and follows every partition. */
class GlobalTableTest {
    /** A worker keeping currency rates in a global table, written from topic "rates" and read by "orders". */
    private static final class Worker {
        final App app;
        final Topic<String, Double> rates;
        final Topic<String, String> orders;
        final GlobalTable<String, Double> table;
        final SetTable<String, String> tags;
        final List<String> seen = new CopyOnWriteArrayList<>();

        Worker(AppTestDriver d) {
            app = d.app("fx");
            rates = app.topic("rates", String.class, Double.class, o -> o.partitions(2));
            orders = app.topic("orders", String.class, String.class, o -> o.partitions(2));
            table = app.globalTable("rates", String.class, Double.class, () -> 1.0, o -> o.partitions(2));
            tags = app.setGlobalTable("tags", String.class, String.class, o -> o.partitions(2));
            app.agent("set-rate", rates, stream -> {
                for (var e : stream.events()) {
                    table.put(e.key(), e.value());
                    tags.add(e.key(), "rated");
                }
            });
            app.agent("price", orders, stream -> {
                for (var e : stream.events()) {
                    seen.add(e.value() + "=" + table.get(e.value()) + tags.get(e.value()));
                }
            });
        }
    }

    /** @return a key whose partition of 2 is {@code p} */
    private static String keyIn(int p, String prefix) {
        for (int i = 0; ; i++) {
            String k = prefix + i;
            if (Partitioner.partitionFor(("\"" + k + "\"").getBytes(StandardCharsets.UTF_8), 2) == p
                    && Partitioner.partitionFor(k.getBytes(StandardCharsets.UTF_8), 2) == p) {
                return k;
            }
        }
    }

    @Test
    void a_write_on_one_worker_is_read_on_every_worker_and_a_new_worker_starts_with_all_of_it() {
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker a = new Worker(d);
            Worker b = new Worker(d);
            d.start(a.app);
            d.start(b.app);
            TableState sa = a.app.monitor().tables().get("rates");
            TableState sb = b.app.monitor().tables().get("rates");
            assertThat(List.of(sa.activePartitions(), sb.activePartitions()))
                    .as("each worker holds one partition").containsExactlyInAnyOrder(List.of(0), List.of(1));
            assertThat(sa.standbyPartitions()).as("and follows the other").isEqualTo(sb.activePartitions());

            String eur = keyIn(0, "eur");
            String usd = keyIn(1, "usd");
            d.pipeInput(a.rates, eur, 1.1);      // written on whichever worker holds partition 0
            d.pipeInput(a.rates, usd, 0.9);      // and 1
            for (Worker w : List.of(a, b)) {
                assertThat(w.table.get(eur)).isEqualTo(1.1);
                assertThat(w.table.get(usd)).isEqualTo(0.9);
                assertThat(w.table.size()).isEqualTo(2);
                assertThat(w.tags.get(usd)).containsExactly("rated");
            }
            // an order of either partition is priced on the worker that reads it with both rates
            d.pipeInput(a.orders, eur, usd);
            d.pipeInput(a.orders, usd, eur);
            List<String> seen = new ArrayList<>(a.seen);
            seen.addAll(b.seen);
            assertThat(seen).containsExactlyInAnyOrder(usd + "=0.9[rated]", eur + "=1.1[rated]");

            Worker c = new Worker(d);
            d.start(c.app);
            assertThat(c.table.get(eur)).as("a worker joining later recovers every partition").isEqualTo(1.1);
            assertThat(c.table.get(usd)).isEqualTo(0.9);
            assertThat(c.table.isGlobal()).isTrue();
            assertThat(c.table.get("chf")).as("the default").isEqualTo(1.0);
        }
    }
}
