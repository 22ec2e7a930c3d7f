package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.codec.FaustRecord;
import faust.table.Table;
import faust.topic.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Faust's withdrawals.py: records, {@code groupBy} country through a repartition topic, and the
 * per-country totals in a table ({@code country_to_total = app.Table(..., default=float)}).
 */
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
     * The app, the topic it reads and the table it keeps.
     *
     * @param app the app
     * @param withdrawals the withdrawals topic
     * @param totals the total withdrawn per country
     */
    public record WithdrawalsApp(App app, Topic<String, Withdrawal> withdrawals, Table<String, Double> totals) {
        /** @return the totals this worker holds, sorted by country */
        public Map<String, Double> totalsHere() {
            Map<String, Double> out = new TreeMap<>();
            for (Map.Entry<String, Double> e : totals.entrySet()) {
                out.put(e.getKey(), e.getValue());
            }
            return out;
        }
    }

    /**
     * @param settings the deployment's settings
     * @return the app, its topic and its table
     */
    public static WithdrawalsApp create(Consumer<AppConfig> settings) {
        App app = App.create("withdrawals", cfg -> settings.accept(cfg.topicPartitions(4)));
        Topic<String, Withdrawal> withdrawals = app.topic("withdrawals", String.class, Withdrawal.class);
        Table<String, Double> totals = app.table("country_to_total", String.class, Double.class, () -> 0.0,
                o -> o.help("Total withdrawn per country"));

        app.agent("track_country_withdrawal", withdrawals, stream -> {
            // after groupBy each country's withdrawals arrive on one partition: its table partition
            for (Withdrawal w : stream.groupBy(Withdrawal::country, "Withdrawal.country")) {
                totals.merge(w.country(), w.amount(), Double::sum);
            }
        });
        return new WithdrawalsApp(app, withdrawals, totals);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        WithdrawalsApp w = create(cfg -> cfg.broker("memory://"));
        String[] countries = {"NO", "SE", "DK", "FI"};
        AtomicInteger n = new AtomicInteger();
        w.app().timer(Duration.ofSeconds(1), t -> t.name("produce"), () -> {
            int i = n.getAndIncrement() % countries.length;
            w.withdrawals().send("user-" + i, new Withdrawal("user-" + i, countries[i], 10.0 * (i + 1)));
            System.out.println("totals per country: " + w.totalsHere());
        });
        w.app().main(args);
    }
}
