package faust.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.AppTestDriver;
import faust.stream.Message;
import faust.table.Table;
import faust.topic.Topic;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table on rocksdb:// in an app: a restart reads only the changelog its DBs have not got. */
class RocksDbTableTest {
    @TempDir
    Path datadir;

    private record Worker(App app, Topic<String, String> words, Table<String, Long> counts, List<Message> replayed) {}

    private Worker worker(AppTestDriver d) {
        App app = d.app("rocks-wc", c -> c.set("store", "rocksdb://").set("datadir", datadir.toString()));
        Topic<String, String> words = app.topic("words", String.class, String.class, o -> o.partitions(2));
        List<Message> replayed = new CopyOnWriteArrayList<>();
        Table<String, Long> counts = app.table("counts", String.class, Long.class, () -> 0L,
                o -> o.partitions(2).onChangelogEvent(replayed::add));
        app.agent("count", words, stream -> {
            for (String w : stream) {
                counts.merge(w, 1L, Long::sum);
            }
        });
        return new Worker(app, words, counts, replayed);
    }

    @Test
    void a_restarted_worker_keeps_its_rocksdb_state_and_reads_only_what_it_had_not_applied() {
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker first = worker(d);
            d.start(first.app());
            for (String w : List.of("apple", "pear", "apple", "plum", "apple")) {
                d.pipeInput(first.words(), w, w);
            }
            assertThat(first.counts().get("apple")).isEqualTo(3L);
            first.app().stop();
            assertThat(datadir.resolve("v1/tables/counts-0.db")).isDirectory();

            Worker second = worker(d);
            d.start(second.app());
            assertThat(second.replayed()).as("every write's offset reached the DB with it: nothing to replay").isEmpty();
            assertThat(second.counts().get("apple")).isEqualTo(3L);
            assertThat(second.counts().get("plum")).isEqualTo(1L);
            assertThat(second.counts().size()).isEqualTo(3);
            d.pipeInput(second.words(), "apple", "apple");
            assertThat(second.counts().get("apple")).isEqualTo(4L);
        }
    }

    @Test
    void reset_state_deletes_the_local_dbs_and_the_next_start_recovers_them_from_the_changelog() {
        try (AppTestDriver d = AppTestDriver.create()) {
            Worker first = worker(d);
            d.start(first.app());
            for (String w : List.of("apple", "pear", "apple")) {
                d.pipeInput(first.words(), w, w);
            }
            first.app().stop();
            Path db = datadir.resolve("v1/tables/counts-0.db");
            Path other = datadir.resolve("v1/tables/counts-1.db");
            assertThat(List.of(db, other)).anySatisfy(p -> assertThat(p).isDirectory());
            first.counts().resetState();
            assertThat(db).doesNotExist();
            assertThat(other).doesNotExist();

            Worker second = worker(d);
            d.start(second.app());
            assertThat(second.replayed()).as("the whole changelog is read again").hasSize(3);
            assertThat(second.counts().get("apple")).isEqualTo(2L);
            assertThat(second.counts().get("pear")).isEqualTo(1L);
        }
    }
}
