package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.codec.FaustRecord;
import faust.topic.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
     * The app and the topic it reads.
     *
     * @param app the app
     * @param withdrawals the withdrawals topic
     */
    public record WithdrawalsApp(App app, Topic<String, Withdrawal> withdrawals) {}

    /**
     * @param settings the deployment's settings
     * @param totals per-country totals the agent keeps (a table comes with the tables issue)
     * @return the app and its topic
     */
    public static WithdrawalsApp create(Consumer<AppConfig> settings, Map<String, Double> totals) {
        App app = App.create("withdrawals", cfg -> settings.accept(cfg.topicPartitions(4)));
        Topic<String, Withdrawal> withdrawals = app.topic("withdrawals", String.class, Withdrawal.class);

        app.agent("track_country_withdrawal", withdrawals, stream -> {
            for (Withdrawal w : stream.groupBy(Withdrawal::country, "Withdrawal.country")) {
                totals.merge(w.country(), w.amount(), Double::sum);
            }
        });
        return new WithdrawalsApp(app, withdrawals);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        Map<String, Double> totals = new ConcurrentHashMap<>();
        WithdrawalsApp w = create(cfg -> cfg.broker("memory://"), totals);
        String[] countries = {"NO", "SE", "DK", "FI"};
        AtomicInteger n = new AtomicInteger();
        w.app().timer(Duration.ofSeconds(1), t -> t.name("produce"), () -> {
            int i = n.getAndIncrement() % countries.length;
            w.withdrawals().send("user-" + i, new Withdrawal("user-" + i, countries[i], 10.0 * (i + 1)));
            System.out.println("totals per country: " + totals);
        });
        w.app().main(args);
    }
}
