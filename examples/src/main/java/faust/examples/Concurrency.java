package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.codec.Codecs;
import faust.topic.Topic;
import java.time.Duration;
import java.util.function.Consumer;

/** Faust's concurrency.py: an agent with many actors for slow, I/O-bound work (simulated with sleep). */
public final class Concurrency {
    private Concurrency() {}

    /**
     * The app and the topic of URLs to fetch.
     *
     * @param app the app
     * @param urls the URLs topic
     */
    public record ConcurrencyApp(App app, Topic<String, String> urls) {}

    /**
     * @param settings the deployment's settings
     * @param actors how many actors
     * @param done told each finished URL with the thread that fetched it
     * @return the app and its topic
     */
    public static ConcurrencyApp create(Consumer<AppConfig> settings, int actors, Consumer<String> done) {
        App app = App.create("concurrency", cfg -> settings.accept(cfg.valueSerializer(Codecs.RAW)));
        Topic<String, String> urls = app.topic("urls", String.class, String.class);

        app.agent("fetch", urls, a -> a.concurrency(actors), stream -> {
            for (String url : stream) {
                Thread.sleep(100);      // a slow HTTP call; virtual threads make 200 of these cheap
                done.accept(url + " by " + Thread.currentThread().getName());
            }
        });
        return new ConcurrencyApp(app, urls);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        ConcurrencyApp c = create(cfg -> cfg.broker("memory://"), 50, System.out::println);
        c.app().timer(Duration.ofSeconds(1), t -> t.name("produce"), () -> {
            for (int i = 0; i < 50; i++) {
                c.urls().send("https://example.com/" + i);
            }
        });
        c.app().main(args);
    }
}
