package faust.table;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.sensor.TableState;
import faust.settings.TableSettings;
import faust.topic.Topic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Standby replicas on the memory transport: each table partition is followed by a worker other
 * than its active one, and the worker that takes it over replays only what its standby had not read.
 */
class StandbyTest {
    /** A counting worker: agent "count" on topic "words" (2 partitions) into table "counts". */
    private static final class Worker {
        final App app;
        final Topic<String, String> words;
        final Table<String, Long> counts;

        Worker(AppTestDriver d, int standbys) {
            app = d.app("sb", cfg -> cfg.set(TableSettings.TABLE_STANDBY_REPLICAS, standbys));
            words = app.topic("words", String.class, String.class, o -> o.partitions(2));
            counts = app.table("counts", String.class, Long.class, () -> 0L, o -> o.partitions(2));
            app.agent("count", words, stream -> {
                for (String w : stream) {
                    counts.merge(w, 1L, Long::sum);
                }
            });
        }

        TableState state() {
            return app.monitor().tables().get("counts");
        }
    }

    @Test
    void each_partition_has_a_standby_on_the_other_worker_and_only_actives_are_read() {
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker a = new Worker(d, 1);
            Worker b = new Worker(d, 1);
            d.start(a.app);
            d.start(b.app);
            assertThat(List.of(a.state().activePartitions(), b.state().activePartitions()))
                    .containsExactlyInAnyOrder(List.of(0), List.of(1));
            assertThat(a.state().standbyPartitions()).isEqualTo(b.state().activePartitions());
            assertThat(b.state().standbyPartitions()).isEqualTo(a.state().activePartitions());
            for (int i = 0; i < 40; i++) {
                d.pipeInput(a.words, "w" + i % 8, "w" + i % 8);
            }
            // reads see only what the worker holds: a key of the other worker's partition reads as missing
            long seenByA = a.counts.keySet().size();
            long seenByB = b.counts.keySet().size();
            assertThat(seenByA + seenByB).isEqualTo(8);
            assertThat(a.counts.size() + b.counts.size()).isEqualTo(8);
        }
    }

    @ParameterizedTest(name = "standby replicas: {0}")
    @ValueSource(ints = {0, 1})
    void the_worker_taking_a_partition_over_replays_only_what_its_standby_had_not_read(int standbys) {
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker a = new Worker(d, standbys);
            Worker b = new Worker(d, standbys);
            d.start(a.app);
            d.start(b.app);
            for (int i = 0; i < 40; i++) {
                d.pipeInput(a.words, "w" + i % 8, "w" + i % 8);
            }
            int bPartition = b.state().activePartitions().get(0);
            b.app.stop();
            d.awaitIdle();
            assertThat(a.state().activePartitions()).containsExactly(0, 1);
            TableState.Recovery r = a.state().recovery();
            assertThat(r.finished()).isTrue();
            if (standbys == 1) {
                assertThat(r.recordsTotal()).as("the standby had read every record of partition " + bPartition)
                        .isZero();
            } else {
                assertThat(r.recordsTotal()).as("without a standby, partition " + bPartition + " is read from the start")
                        .isPositive();
            }
            for (int i = 0; i < 8; i++) {
                assertThat(a.counts.get("w" + i)).as("w" + i).isEqualTo(5L);
            }
            d.pipeInput(a.words, "w1", "w1");
            assertThat(a.counts.get("w1")).isEqualTo(6L);
        }
    }
}
