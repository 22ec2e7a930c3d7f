package faust.examples;

import faust.App;
import faust.topic.Topic;
import java.time.Duration;
import java.util.function.Consumer;

/** Faust's hello_world.py: a timer sends greetings to a topic; an agent prints them. */
public final class HelloWorld {
    private HelloWorld() {}

    /**
     * @param broker broker URL, e.g. {@code memory://} or {@code kafka://localhost:9092}
     * @param out where greetings are printed
     * @return the app, not started
     */
    public static App create(String broker, Consumer<String> out) {
        App app = App.create("hello-world", cfg -> cfg.broker(broker).valueSerializer("raw"));
        Topic<String, String> greetings = app.topic("greetings", String.class, String.class);
        app.agent("print_greetings", greetings, stream -> {
            for (String greeting : stream) {
                out.accept(greeting);
            }
        });
        int[] n = {0};
        app.timer(Duration.ofMillis(500), () -> greetings.send("hello " + (++n[0])));
        return app;
    }

    /** @param args {@code worker} and its options */
    public static void main(String[] args) {
        create("memory://", System.out::println).main(args);
    }
}
