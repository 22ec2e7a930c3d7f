package faust.kafka;

import static faust.testing.Await.until;
import static faust.kafka.KafkaTestSupport.committedSum;
import static faust.kafka.KafkaTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.settings.ProcessingGuarantee;
import faust.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Input written in Kafka transactions (another exactly-once app's output, for example): each
 * commit leaves a marker record at an offset that no consumer ever receives. A worker that stopped
 * right after such a transaction committed the marker's offset as the next to read; when it comes
 * back, its first record lies past the marker, and commits must still move on.
 */
@Tag("integration")
class KafkaTransactionalInputTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaTestSupport.broker();
    }

    /** Writes {@code n} records in one transaction: offsets {@code from .. from+n-1}, the marker at {@code from+n}. */
    private static void writeTransaction(String topic, String transactionalId, int from, int n) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("transactional.id", transactionalId);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props)) {
            p.initTransactions();
            p.beginTransaction();
            for (int i = from; i < from + n; i++) {
                p.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
            }
            p.commitTransaction();
        }
    }

    /**
     * Runs a worker of app {@code id} on {@code topic} until it has processed {@code records} and
     * the group's committed offset is {@code offset}, then stops it.
     *
     * @return the records it processed
     */
    private static int runUntilCommitted(String id, String topic, ProcessingGuarantee guarantee, int records, long offset,
                                         String what) {
        AtomicInteger processed = new AtomicInteger();
        App app = KafkaTestSupport.app(id, kafka.brokerUrl(), c -> c.processingGuarantee(guarantee));
        Topic<String, String> in = app.topic(topic, String.class, String.class, o -> o.partitions(1).valueSerializer("raw"));
        app.agent("count", in, stream -> {
            for (String v : stream) {
                processed.incrementAndGet();
            }
        });
        app.start();
        try {
            until(Duration.ofSeconds(60), () -> processed.get() == records && committedSum(kafka, id, topic) == offset,
                    () -> what + " to process " + records + " and commit offset " + offset + " (processed " + processed.get()
                            + ", committed " + committedSum(kafka, id, topic) + ")");
        } finally {
            app.stop();
            app.awaitStopped(Duration.ofSeconds(30));
        }
        return processed.get();
    }

    @ParameterizedTest
    @EnumSource(ProcessingGuarantee.class)
    void a_worker_restarted_after_a_transaction_commits_past_the_marker_it_stopped_at(ProcessingGuarantee guarantee)
            throws Exception {
        String id = unique("txin");
        String topic = id + "-in";
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        writeTransaction(topic, id + "-writer", 0, 5);      // records 0..4, marker at 5

        runUntilCommitted(id, topic, guarantee, 5, 5, "the first run");

        writeTransaction(topic, id + "-writer", 6, 5);      // records 6..10, marker at 11
        int again = runUntilCommitted(id, topic, guarantee, 5, 11, "the restarted worker, past the marker at 5,");
        assertThat(again).as("records processed again after the restart").isEqualTo(5);
    }
}
