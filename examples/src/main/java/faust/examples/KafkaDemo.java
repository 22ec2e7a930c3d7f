package faust.examples;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import faust.App;
import faust.embedded.EmbeddedKafka;
import faust.examples.Withdrawals.Withdrawal;
import faust.examples.Withdrawals.WithdrawalsApp;
import faust.examples.WordCount.WordCountApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.LoggerFactory;

/**
 * What {@code bin/faust demo} shows: a real Apache Kafka broker (KRaft) started in this JVM, two
 * example apps working on it (hello world; withdrawals with {@code groupBy} through a repartition
 * topic), fed with messages, and what ended up on the broker: topics, end offsets, committed offsets.
 */
public final class KafkaDemo {
    private KafkaDemo() {}

    /** Runs the demo for about {@code seconds} seconds after the broker is up. */
    static void run(int seconds) throws Exception {
        ((Logger) LoggerFactory.getLogger("faust")).setLevel(Level.WARN);   // the demo prints what happens; logs only for problems
        System.out.println("faust-java demo: starting a real Apache Kafka broker (KRaft, one node, loopback)...");
        long t0 = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.newBuilder().nodes(1).start()) {
            String url = kafka.brokerUrl();
            System.out.printf("  broker ready at %s after %.1f s%n", url, (System.nanoTime() - t0) / 1e9);
            AtomicInteger greetings = new AtomicInteger();
            App hello = HelloWorld.create(cfg -> cfg.broker(url), g -> {
                if (greetings.incrementAndGet() <= 5) {
                    System.out.println("  [hello-world/print_greetings] " + g);
                }
            });
            WithdrawalsApp w = Withdrawals.create(cfg -> cfg.broker(url));
            App withdrawals = w.app();
            Path datadir = Files.createTempDirectory("faust-demo");
            WordCountApp wc = WordCount.create(cfg -> cfg.broker(url).set("datadir", datadir.toString()));
            hello.start();
            withdrawals.start();
            wc.app().start();
            for (String line : List.of("the quick brown fox", "jumps over the lazy dog", "the dog sleeps")) {
                wc.posts().send(line);
            }
            System.out.println("  workers started: hello-world (timer -> greetings -> print_greetings), "
                    + "withdrawals (withdrawals -> groupBy country -> track_country_withdrawal)");
            String[] countries = {"NO", "SE", "DK", "FI"};
            Map<String, Double> fed = new TreeMap<>();
            int n = 2000;
            Instant from = Instant.now();
            for (int i = 0; i < n; i++) {
                String country = countries[i % countries.length];
                double amount = 1 + i % 100;
                fed.merge(country, amount, Double::sum);
                w.withdrawals().send("user-" + (i % 50), new Withdrawal("user-" + (i % 50), country, amount, Instant.now()));
            }
            System.out.println("  fed " + n + " withdrawals to topic 'withdrawals' (4 partitions)");
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            // the 10-second windows since the feeding began (they expire 10 s after they end, on stream time)
            Supplier<Map<String, Double>> totals = () -> w.totalsPerCountry(List.of(countries), from, Instant.now());
            while (System.nanoTime() < deadline && !totals.get().equals(fed)) {
                Thread.sleep(200);
            }
            Map<String, Double> seen = totals.get();
            System.out.println("  [withdrawals/track_country_withdrawal] totals per country: " + seen);
            System.out.println("  expected totals:                                     " + fed
                    + (seen.equals(fed) ? "  -> match" : "  -> not yet complete"));
            while (System.nanoTime() < deadline && !Objects.equals(wc.counts().get("the"), 3L)) {
                Thread.sleep(200);
            }
            System.out.println("  [word-counts/count_words] RocksDB table word_counts (changelog word-counts-word_counts-"
                    + "changelog):\n" + wc.counts().asAnsiTable().indent(4).stripTrailing());
            Thread.sleep(3000);    // let a commit happen (broker_commit_interval is 2.8 s)
            report(kafka, List.of("hello-world", "withdrawals", "word-counts"));
            System.out.println("  greetings printed: " + greetings.get() + "; events processed: hello-world="
                    + hello.monitor().eventsTotal() + ", withdrawals=" + withdrawals.monitor().eventsTotal());
            wc.app().stop();
            withdrawals.stop();
            hello.stop();
        }
        System.out.println("done: broker stopped, data deleted.");
    }

    private static void report(EmbeddedKafka kafka, List<String> groups) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            var names = new TreeSet<>(admin.listTopics().names().get());
            var described = admin.describeTopics(names).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.forEach((t, d) -> d.partitions().forEach(p -> latest.put(new TopicPartition(t, p.partition()),
                    OffsetSpec.latest())));
            var ends = admin.listOffsets(latest).all().get();
            System.out.println("  topics on the broker (messages = sum of end offsets):");
            for (String t : names) {
                long sum = ends.entrySet().stream().filter(e -> e.getKey().topic().equals(t))
                        .mapToLong(e -> e.getValue().offset()).sum();
                System.out.printf("    %-60s partitions=%d messages=%d%n", t, Objects.requireNonNull(described.get(t)).partitions().size(), sum);
            }
            for (String g : groups) {
                var committed = admin.listConsumerGroupOffsets(Map.of(g, new ListConsumerGroupOffsetsSpec()))
                        .partitionsToOffsetAndMetadata(g).get();
                long sum = committed.values().stream().filter(Objects::nonNull).mapToLong(o -> o.offset()).sum();
                System.out.printf("  consumer group %-12s committed offsets on %d partitions, sum %d%n", g, committed.size(), sum);
            }
        }
    }
}
