package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.agent.Agent;
import faust.codec.FaustRecord;
import faust.stream.Event;
import faust.table.WindowedTable;
import faust.topic.Topic;
import faust.window.WindowRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Faust's withdrawals.py: each user's withdrawals per hour, in a table of tumbling 3600-second
 * windows kept for ever, and each country's per 10 seconds, in a table of tumbling 10-second
 * windows kept (and open to late withdrawals) for 10 seconds after they end; both place a
 * withdrawal by its message timestamp ({@code relativeToStream}). The withdrawals topic is keyed by
 * user, so {@code track_user_withdrawal} counts them as they come, and the country totals are
 * counted after a {@code groupBy} country through a repartition topic.
 *
 * <p>As in Faust's example, {@code track_country_withdrawal} reads a topic of its own
 * ({@code @app.agent()} without a channel). Nothing sends to it there; here
 * {@code track_user_withdrawal} forwards each withdrawal to it, with its timestamp, so that both
 * tables see every withdrawal at the time it was made.
 *
 * <pre>{@code bin/faust -A Withdrawals worker --broker kafka://localhost:9092}</pre>
 */
public final class Withdrawals {
    /** The per-user windows: an hour. */
    public static final Duration USER_WINDOW = Duration.ofSeconds(3600);
    /** The per-country windows: 10 seconds, kept 10 seconds after they end. */
    public static final Duration COUNTRY_WINDOW = Duration.ofSeconds(10);

    private Withdrawals() {}

    /**
     * A withdrawal, in Faust's wire form (namespace as in the Python example).
     *
     * @param user user id
     * @param country country code
     * @param amount amount
     * @param date when it was made, or null
     */
    @FaustRecord(namespace = "examples.withdrawals.Withdrawal")
    public record Withdrawal(String user, String country, double amount, @Nullable Instant date) {
        /**
         * A withdrawal without a date.
         *
         * @param user user id
         * @param country country code
         * @param amount amount
         */
        public Withdrawal(String user, String country, double amount) {
            this(user, country, amount, null);
        }
    }

    /**
     * The app, the topic it reads and the tables it keeps.
     *
     * @param app the app
     * @param withdrawals the withdrawals topic, keyed by user
     * @param userTotals the total withdrawn per user and hour
     * @param countryTotals the total withdrawn per country and 10 seconds
     */
    public record WithdrawalsApp(App app, Topic<String, Withdrawal> withdrawals, WindowedTable<String, Double> userTotals,
                                 WindowedTable<String, Double> countryTotals) {
        /**
         * Adds up each country's 10-second windows from the one holding {@code from} to the one
         * holding {@code to}; windows that have expired count nothing.
         *
         * @param countries the countries
         * @param from the first instant
         * @param to the last instant
         * @return the total withdrawn per country, sorted by country
         */
        public Map<String, Double> totalsPerCountry(Collection<String> countries, Instant from, Instant to) {
            Map<String, Double> out = new TreeMap<>();
            for (String country : countries) {
                double sum = 0;
                for (WindowRange w = countryTotals.window().current(from); !w.start().isAfter(to);
                        w = countryTotals.window().current(w.end())) {
                    Double v = countryTotals.get(country).at(w);
                    sum += v == null ? 0 : v;
                }
                out.put(country, sum);
            }
            return out;
        }
    }

    /**
     * @param settings the deployment's settings
     * @return the app, its topic and its tables
     */
    public static WithdrawalsApp create(Consumer<AppConfig> settings) {
        App app = App.create("withdrawals", cfg -> settings.accept(cfg.topicPartitions(4)));
        Topic<String, Withdrawal> withdrawals = app.topic("withdrawals", String.class, Withdrawal.class);
        WindowedTable<String, Double> userTotals = app.table("user_to_total", String.class, Double.class, () -> 0.0,
                        o -> o.help("Total withdrawn per user and hour"))
                .tumbling(USER_WINDOW)
                .relativeToStream();
        WindowedTable<String, Double> countryTotals = app.table("country_to_total", String.class, Double.class, () -> 0.0,
                        o -> o.help("Total withdrawn per country and 10 seconds"))
                .tumbling(COUNTRY_WINDOW, COUNTRY_WINDOW)
                .relativeToStream();

        Agent<String, Withdrawal, Void> trackCountry = app.agent("track_country_withdrawal", String.class, Withdrawal.class,
                stream -> {
                    // after groupBy each country's withdrawals arrive on one partition: its table partition
                    for (Withdrawal w : stream.groupBy(Withdrawal::country, "Withdrawal.country")) {
                        countryTotals.get(w.country()).merge(w.amount(), Double::sum);
                    }
                });
        app.agent("track_user_withdrawal", withdrawals, stream -> {
            for (Event<String, Withdrawal> e : stream.events()) {     // keyed by user: a user's withdrawals share a partition
                Withdrawal w = e.value();
                if (w == null) {
                    continue;
                }
                userTotals.get(w.user()).merge(w.amount(), Double::sum);
                // forwarded, not read by both agents: faust-core hands each event of a topic to one of its agents only
                e.forward(trackCountry.channel());
            }
        });
        return new WithdrawalsApp(app, withdrawals, userTotals, countryTotals);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        WithdrawalsApp w = create(cfg -> cfg.broker("memory://"));
        String[] countries = {"NO", "SE", "DK", "FI"};
        AtomicInteger n = new AtomicInteger();
        w.app().timer(Duration.ofSeconds(1), t -> t.name("produce"), () -> {
            int i = n.getAndIncrement() % countries.length;
            w.withdrawals().send("user-" + i, new Withdrawal("user-" + i, countries[i], 10.0 * (i + 1), Instant.now()));
            Instant now = Instant.now();
            System.out.println("totals per country in this 10-second window: "
                    + w.totalsPerCountry(List.of(countries), now, now));
        });
        w.app().main(args);
    }
}
