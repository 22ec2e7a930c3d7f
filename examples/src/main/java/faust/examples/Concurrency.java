package faust.examples;

import faust.App;
import faust.agent.AgentOptions;
import faust.topic.Topic;
import java.util.function.Consumer;

/** Faust's concurrency.py: an agent with many actors for slow, I/O-bound work (simulated with sleep). */
public final class Concurrency {
    private Concurrency() {}

    /**
     * @param broker broker URL
     * @param actors how many actors
     * @param done told each finished URL with the thread that fetched it
     * @return the app and its topic
     */
    public static java.util.Map.Entry<App, Topic<String, String>> create(String broker, int actors, Consumer<String> done) {
        App app = App.create("concurrency", cfg -> cfg.broker(broker).valueSerializer("raw"));
        Topic<String, String> urls = app.topic("urls", String.class, String.class);
        app.agent("fetch", urls, AgentOptions.create().concurrency(actors), stream -> {
            for (String url : stream) {
                Thread.sleep(100);      // a slow HTTP call; virtual threads make 200 of these cheap
                done.accept(url + " by " + Thread.currentThread().getName());
            }
        });
        return java.util.Map.entry(app, urls);
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        var created = create("memory://", 50, System.out::println);
        created.getKey().timer(java.time.Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 50; i++) {
                created.getValue().send("https://example.com/" + i);
            }
        });
        created.getKey().main(args);
    }
}
