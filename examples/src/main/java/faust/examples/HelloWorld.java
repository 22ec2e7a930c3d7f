package faust.examples;

import faust.App;
import faust.AppConfig;
import faust.codec.Codecs;
import faust.topic.Topic;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Faust's hello_world.py: a timer sends greetings to a topic; an agent prints them. */
public final class HelloWorld {
    private HelloWorld() {}

    /**
     * @param settings the deployment's settings, e.g. {@code cfg -> cfg.broker("kafka://localhost:9092")}
     * @param out where greetings are printed
     * @return the app, not started
     */
    public static App create(Consumer<AppConfig> settings, Consumer<String> out) {
        App app = App.create("hello-world", cfg -> settings.accept(cfg.valueSerializer(Codecs.RAW)));
        Topic<String, String> greetings = app.topic("greetings", String.class, String.class);

        app.agent("print_greetings", greetings, stream -> {
            for (String greeting : stream) {
                out.accept(greeting);
            }
        });

        AtomicInteger sent = new AtomicInteger();
        app.timer(Duration.ofMillis(500), t -> t.name("produce"), () -> greetings.send("hello " + sent.incrementAndGet()));
        return app;
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        create(cfg -> cfg.broker("memory://"), System.out::println).main(args);
    }
}
