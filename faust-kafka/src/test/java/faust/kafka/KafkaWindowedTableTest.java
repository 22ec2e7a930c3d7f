package faust.kafka;

import static faust.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.settings.ProcessingGuarantee;
import faust.table.WindowedTable;
import faust.topic.Topic;
import faust.window.HoppingWindow;
import faust.window.WindowRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hopping windowed table on a real broker under exactly-once: page views grouped by page through
 * a repartition topic, counted per window by two workers, one of which stops while windows it
 * closed are still kept; every window's final count reaches the results topic once, and equals a
 * count made here from the input.
 */
@Tag("integration")
class KafkaWindowedTableTest {
    private static final int PARTITIONS = 4;
    private static final int PAGES = 8;
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
    private static final HoppingWindow WINDOW = new HoppingWindow(Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(150));
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaTestSupport.broker();
    }

    /** A worker: views ("page:second") grouped by page and counted in hopping windows, final counts to "results". */
    private static final class Worker {
        final App app;
        final Topic<String, String> views;

        Worker(String id) {
            app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> c.processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE));
            views = app.topic(id + "-views", String.class, String.class, o -> o.partitions(PARTITIONS));
            Topic<String, String> results = app.topic(id + "-results", String.class, String.class,
                    o -> o.partitions(PARTITIONS));
            WindowedTable<String, Long> counts = app.table("views", String.class, Long.class, () -> 0L,
                            o -> o.partitions(PARTITIONS))
                    .usingWindow(WINDOW).grace(Duration.ofSeconds(120))
                    .relativeToField((String v) -> Long.parseLong(v.substring(v.indexOf(':') + 1)))
                    .finalResults(results, (page, w, n) -> page + "@" + (w.start().getEpochSecond() - T0.getEpochSecond())
                            + "=" + n);
            app.agent("count", views, stream -> {
                for (String v : stream.groupBy(v -> v.substring(0, v.indexOf(':')), "page")) {
                    counts.get(v.substring(0, v.indexOf(':'))).merge(1L, Long::sum);
                }
            });
        }
    }

    private static void send(Worker w, int fromSecond, int toSecond, Map<String, Long> expected, List<String> sent) {
        for (int s = fromSecond; s < toSecond; s++) {
            for (int p = 0; p < PAGES; p++) {
                if ((s + p) % 3 == 0 && toSecond - fromSecond > 1) {
                    continue;       // not every page every second (but a single second goes to every page)
                }
                String page = "page-" + p;
                w.views.send("user-" + (s * 7 + p) % 13, page + ":" + (T0.getEpochSecond() + s));
                sent.add(page);
                for (WindowRange r : WINDOW.ranges(T0.plusSeconds(s))) {
                    expected.merge(page + "@" + (r.start().getEpochSecond() - T0.getEpochSecond()), 1L, Long::sum);
                }
            }
        }
    }

    /**
     * @return whether every view sent was committed, and then committed again after its repartition
     *     (the table's input), so none of them can arrive late; under exactly-once transaction markers
     *     take offsets too, so each repartition partition is compared with its last record's offset
     */
    private static boolean caughtUp(String id, int sent) {
        String repartition = "count-" + id + "-views-page-repartition";
        if (KafkaTestSupport.committedSum(kafka, id, id + "-views") != sent) {
            return false;
        }
        List<ConsumerRecord<String, String>> records = KafkaTestSupport.committedRecords(kafka, repartition, PARTITIONS);
        if (records.size() != sent) {
            return false;
        }
        Map<Integer, Long> next = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            next.merge(r.partition(), r.offset() + 1, Math::max);
        }
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata().get();
            return next.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata c = committed.get(new TopicPartition(repartition, e.getKey()));
                return c != null && c.offset() >= e.getValue();
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Long> results(String id) {
        Map<String, Long> out = new HashMap<>();
        for (ConsumerRecord<String, String> r : KafkaTestSupport.committedRecords(kafka, id + "-results", PARTITIONS)) {
            String v = r.value().substring(1, r.value().length() - 1);      // a JSON string: "page@start=count"
            Long before = out.put(v.substring(0, v.indexOf('=')), Long.parseLong(v.substring(v.indexOf('=') + 1)));
            assertThat(before).as("one final result for " + v).isNull();
        }
        return out;
    }

    @Test
    void every_window_s_final_count_is_committed_once_and_equals_the_input_s_across_a_worker_that_stops() {
        String id = KafkaTestSupport.unique("windows-eos");
        Worker w1 = new Worker(id);
        Worker w2 = new Worker(id);
        w1.app.start();
        w2.app.start();
        Map<String, Long> expected = new HashMap<>();
        List<String> sent = new ArrayList<>();
        try {
            until(Duration.ofSeconds(60), () -> !w1.app.assignment().isEmpty() && !w2.app.assignment().isEmpty(),
                    "both workers assigned");
            send(w1, 0, 60, expected, sent);
            until(Duration.ofSeconds(90), () -> caughtUp(id, sent.size()), "the first minute committed");
            // a view per page at 190 s: stream time passes every first-minute window's end + 120 s grace
            send(w1, 190, 191, expected, sent);
            Map<String, Long> firstMinute = new HashMap<>(expected);
            firstMinute.keySet().removeIf(k -> Long.parseLong(k.substring(k.indexOf('@') + 1)) + 10 + 120 > 190);
            until(Duration.ofSeconds(90), () -> results(id).keySet().containsAll(firstMinute.keySet()),
                    "the first minute's windows closed");
            w2.app.stop();      // its partitions move to w1 with their closed windows, kept until they expire
            send(w1, 200, 260, expected, sent);
            until(Duration.ofSeconds(90), () -> caughtUp(id, sent.size()), "the second minute committed");
            send(w1, 500, 501, expected, sent);     // closes every window ending by 380 s
            expected.keySet().removeIf(k -> Long.parseLong(k.substring(k.indexOf('@') + 1)) + 10 + 120 > 500);
            until(Duration.ofSeconds(90), () -> results(id).size() >= expected.size(), "every window closed");
            assertThat(results(id)).isEqualTo(expected);
        } finally {
            w2.app.stop();
            w1.app.stop();
        }
    }
}
