package faust.examples;

import faust.App;
import faust.codec.FaustRecord;
import faust.stream.KeyValue;
import faust.topic.Topic;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Faust's withdrawals.py without tables: records, and {@code groupBy} country through a repartition topic. */
public final class Withdrawals {
    private Withdrawals() {}

    /**
     * A withdrawal, in Faust's wire form (namespace as in the Python example).
     *
     * @param user user id
     * @param country country code
     * @param amount amount
     */
    @FaustRecord(namespace = "examples.withdrawals.Withdrawal")
    public record Withdrawal(String user, String country, double amount) {}

    /**
     * @param broker broker URL
     * @param totals per-country totals the agent keeps (a table comes with the tables issue)
     * @return the app and its topic
     */
    public static Map.Entry<App, Topic<String, Withdrawal>> create(String broker, Map<String, Double> totals) {
        App app = App.create("withdrawals", cfg -> cfg.broker(broker).topicPartitions(4));
        Topic<String, Withdrawal> withdrawals = app.topic("withdrawals", String.class, Withdrawal.class);
        app.agent("track_country_withdrawal", withdrawals, stream -> {
            for (KeyValue<String, Withdrawal> kv : stream.groupBy(Withdrawal::country, "Withdrawal.country").items()) {
                Withdrawal w = java.util.Objects.requireNonNull(kv.value(), "withdrawal");
                totals.merge(kv.key(), w.amount(), Double::sum);
            }
        });
        return Map.entry(app, withdrawals);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        Map<String, Double> totals = new ConcurrentHashMap<>();
        var created = create("memory://", totals);
        var topic = created.getValue();
        created.getKey().timer(java.time.Duration.ofSeconds(1), () -> {
            String[] countries = {"NO", "SE", "DK", "FI"};
            int i = (int) (System.nanoTime() % 4 + 4) % 4;
            topic.send("user-" + i, new Withdrawal("user-" + i, countries[i], 10.0 * (i + 1)));
            System.out.println("totals per country: " + totals);
        });
        created.getKey().main(args);
    }
}
